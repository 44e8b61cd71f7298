"""Byte-level reading of delimited text files, shared by the LinkedIn and tracker loaders.

The API is small and stable:

- :func:`detect_encoding` / :func:`decode`: BOM detection (UTF-8, UTF-16 LE/BE), UTF-16 without
  a BOM (NUL-byte pattern), UTF-8, else cp1252;
- :func:`sniff_delimiter`: ``,`` ``;`` or tab, from one header line (quoted text ignored);
- :func:`find_header`: the physical line holding the header (skips preambles such as the
  ``Notes:`` block of LinkedIn's ``Connections.csv``);
- :func:`read_csv_bytes`: all of the above, then :func:`pandas.read_csv` (C engine) on the bytes,
  returning a :class:`CsvTable`: an all-``str`` frame read with ``keep_default_na=False`` (so a
  surname "NA" stays "NA") plus the 1-based physical line on which each record starts.

Physical lines are what a text editor shows: the header is line ``header_line`` (1 when there is
no preamble), and a record whose quoted field holds two newlines spans three lines. Blank lines
(and records whose every field is empty) are not records: they are dropped but still counted in
the line numbers.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlytics.errors import FormatError

__all__ = ["CsvTable", "detect_encoding", "decode", "sniff_delimiter", "find_header", "read_csv_bytes"]

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class CsvTable:
    """The result of :func:`read_csv_bytes`.

    Attributes
    ----------
    frame
        One row per record, every column of dtype ``str``, empty fields as ``""`` (never NaN).
        Column names are the header's, with surrounding whitespace and quotes removed.
    lines
        ``int64`` array, one per row of ``frame``: the 1-based physical line where the record
        starts.
    header_line
        1-based physical line of the header.
    encoding
        ``"utf-8"``, ``"utf-8-sig"`` (UTF-8 with a BOM), ``"utf-16"`` or ``"cp1252"``.
    delimiter
        ``","``, ``";"`` or ``"\\t"``.
    bom
        The bytes started with a byte-order mark.
    crlf
        Lines end with CR LF.
    bad_records
        Records that could not be split into the header's columns (their raw fields); they are
        not in ``frame``.
    bad_lines
        The 1-based physical line where each of ``bad_records`` starts.
    """

    frame: pd.DataFrame
    lines: np.ndarray
    header_line: int
    encoding: str
    delimiter: str
    bom: bool = False
    crlf: bool = False
    bad_records: list[list[str]] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)

    @property
    def resaved_signs(self) -> list[str]:
        """Signs that a spreadsheet program re-saved the file (BOM, CRLF, ``;``, cp1252).

        UTF-16 is not such a sign: LinkedIn itself wrote UTF-16 files until 2018.
        """
        signs = []
        if self.bom and self.encoding == "utf-8-sig":
            signs.append("a UTF-8 byte-order mark")
        if self.crlf and not self.encoding.startswith("utf-16"):
            signs.append("CRLF line ends")
        if self.delimiter == ";":
            signs.append("';' as delimiter")
        if self.encoding == "cp1252":
            signs.append("cp1252 (not UTF-8) text")
        return signs


def detect_encoding(data: bytes) -> str:
    """Guess the encoding of ``data``: ``utf-8-sig``, ``utf-16``, ``utf-8`` or ``cp1252``.

    Only the first 64 KiB are checked for UTF-8 validity (a cut multi-byte character at the end
    of the sample is tolerated).

    Examples
    --------
    >>> detect_encoding(b"\\xef\\xbb\\xbfa,b")
    'utf-8-sig'
    >>> detect_encoding("a\\tb".encode("utf-16"))
    'utf-16'
    >>> detect_encoding("Zoë".encode("utf-8")), detect_encoding("Zoë".encode("cp1252"))
    ('utf-8', 'cp1252')
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    sample = data[:65536]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as err:
        if len(sample) < len(data) and err.start >= len(sample) - 3:
            return "utf-8"
        return "cp1252"
    return "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``. A BOM is removed.

    Examples
    --------
    >>> decode("\\ufeffFirst Name".encode("utf-8"))
    ('First Name', 'utf-8-sig')
    >>> decode(b"caf\\xe9")
    ('café', 'cp1252')
    """
    enc = detect_encoding(data)
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _split_fields(line: str, delimiter: str) -> list[str]:
    try:
        row = next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        row = line.split(delimiter)
    return [f.strip().strip('"').strip() for f in row]


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of ``,`` ``;`` tab outside quotes.

    Examples
    --------
    >>> sniff_delimiter('"First Name";"Last Name";Company')
    ';'
    >>> sniff_delimiter("Name, with comma\\tCompany\\tPosition")
    '\\t'
    >>> sniff_delimiter("Organization")
    ','
    """
    outside = []
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(ch)
    text = "".join(outside)
    counts = {d: text.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def find_header(
    lines: Sequence[str],
    expected: Sequence[str],
    *,
    delimiter: str | None = None,
) -> int | None:
    """Index (0-based) of the first line whose fields include every name in ``expected``.

    Names are compared case-insensitively, with whitespace and quotes stripped. Returns None
    when no line matches.

    Examples
    --------
    >>> find_header(["Notes:", '"When exporting, ..."', "", "First Name,Last Name,URL"],
    ...             ["first name", "Last Name"])
    3
    >>> find_header(["a,b"], ["First Name"]) is None
    True
    """
    want = {e.strip().lower() for e in expected}
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        delim = delimiter or sniff_delimiter(line)
        names = {f.lower() for f in _split_fields(line, delim)}
        if want <= names:
            return i
    return None


def _head_lines(data: bytes, encoding: str, n: int) -> list[str]:
    """The first ``n`` physical lines of ``data`` (decoded, line ends removed)."""
    chunk = 1 << 16
    while True:
        head = data[:chunk]
        text = head.decode(encoding, errors="replace")
        lines = text.split("\n")
        if len(lines) > n or len(head) >= len(data):
            return lines[:n]
        chunk *= 4


def _line_offset(data: bytes, line_index: int) -> int:
    """Byte offset of the start of physical line ``line_index`` (0-based) in ASCII-compatible data."""
    pos = 0
    for _ in range(line_index):
        nxt = data.find(b"\n", pos)
        if nxt < 0:
            return len(data)
        pos = nxt + 1
    return pos


def _may_hold_blank_records(data: bytes, delimiter: str, utf16: bool, width: int) -> bool:
    """Whether some line is empty or holds only delimiters and quotes (only then can a record
    be blank). The byte scan pays off on wide files only (>= 256 columns); else True."""
    raw = delimiter.encode("utf-8")
    if utf16 or len(raw) != 1 or width < 256:
        return True
    body = data[:-1] if data.endswith(b"\n") else data  # no empty "line" after the last end
    return re.search(rb"(?m)^[" + re.escape(raw) + rb'"\r]*$', body) is not None


def _cells(frame: pd.DataFrame):
    """Every field of ``frame`` as one Arrow large_string array, column-major (text not copied)."""
    import pyarrow as pa

    chunks = []
    for _, col in frame.items():
        arr = pa.array(col.array, type=pa.large_string(), from_pandas=True)
        chunks.extend(arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr])
    return pa.chunked_array(chunks, type=pa.large_string())


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Boolean mask of the rows whose every field is empty or missing: one whole-column test per
    column, stopping at the first column after which no row can still be blank."""
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = np.ones(len(frame), dtype=bool)
    if frame.shape[1] == 0 or len(frame) == 0:
        return blank
    for _, col in frame.items():
        arr = pa.array(col.array, type=pa.large_string(), from_pandas=True)
        empty = pc.fill_null(pc.equal(arr, ""), True)
        blank &= empty.to_numpy(zero_copy_only=False)
        if not blank.any():
            break
    return blank


def _newlines_per_row(frame: pd.DataFrame) -> np.ndarray:
    """``int64`` count of the line ends inside each row's fields (quoted, embedded newlines)."""
    import pyarrow.compute as pc

    if frame.shape[1] == 0 or len(frame) == 0:
        return np.zeros(len(frame), dtype="int64")
    counts = pc.fill_null(pc.count_substring(_cells(frame), "\n"), 0).to_numpy()
    return counts.reshape(frame.shape[1], len(frame)).sum(axis=0).astype("int64")


def read_csv_bytes(
    data: bytes,
    *,
    expected: Sequence[str] | None = None,
    delimiter: str | None = None,
    max_scan_lines: int = 30,
    name: str = "<bytes>",
    usecols: Sequence[str] | None = None,
) -> CsvTable:
    """Read delimited text from bytes into an all-``str`` frame with physical line numbers.

    Parameters
    ----------
    data
        The file's bytes (any of the encodings :func:`detect_encoding` knows).
    expected
        Column names the header must contain; the first of the first ``max_scan_lines`` lines
        that holds them all is the header (so preambles are skipped). When no line holds them,
        or when ``expected`` is None, the first non-blank line is the header, and the caller
        reports the missing columns.
    delimiter
        Force a delimiter; default: sniffed from the header line.
    max_scan_lines
        How many lines to scan for the header.
    name
        File name used in error messages.
    usecols
        Keep only these columns (names as in the header; names the header lacks are ignored).
        Every column is still parsed, so line numbers stay exact, but the others are dropped
        before the frame is returned (saves memory on big exports).

    Returns
    -------
    CsvTable

    Raises
    ------
    FormatError
        When the bytes cannot be parsed as delimited text at all.

    Examples
    --------
    >>> raw = b'Notes:\\n"Some text."\\n\\nFirst Name,Last Name\\nAna,NA\\n"Bo, Jr","two\\nlines"\\nCy,Li'
    >>> t = read_csv_bytes(raw, expected=["First Name"])
    >>> t.frame.to_dict("list")
    {'First Name': ['Ana', 'Bo, Jr', 'Cy'], 'Last Name': ['NA', 'two\\nlines', 'Li']}
    >>> t.lines.tolist(), t.header_line
    ([5, 6, 8], 4)
    """
    if not data[:4096].strip() and not data.strip():
        empty = pd.DataFrame({})
        return CsvTable(empty, np.zeros(0, dtype="int64"), 1, "utf-8", delimiter or ",")
    layout = _layout(data, expected, delimiter, max_scan_lines)
    frame, bad, rec_lines, encoding = _parse_body(data, layout, name)
    frame.columns = [str(c).strip().strip('"').strip().lstrip("\ufeff") for c in frame.columns]
    frame, starts = _record_starts(frame, data, layout, rec_lines)
    bad_lines = [layout.index + n for n in rec_lines[1]] if rec_lines is not None else []
    if usecols is not None:
        keep = [c for c in frame.columns if c in set(usecols)]
        if len(keep) < frame.shape[1] and len(set(frame.columns)) == frame.shape[1]:
            frame = frame[keep]
    return CsvTable(
        frame=frame,
        lines=starts.astype("int64"),
        header_line=layout.index + 1,
        encoding=encoding,
        delimiter=layout.delimiter,
        bom=layout.bom,
        crlf=layout.crlf,
        bad_records=bad,
        bad_lines=bad_lines,
    )


@dataclass(frozen=True)
class _Layout:
    """What the first lines tell about a file: encoding, header line and delimiter."""

    encoding: str
    utf16: bool
    bom: bool
    index: int  # 0-based physical line of the header
    header_text: str
    delimiter: str
    crlf: bool


def _layout(data: bytes, expected, delimiter: str | None, max_scan_lines: int) -> _Layout:
    """Sniff the encoding, find the header among the first lines and its delimiter."""
    encoding = detect_encoding(data)
    utf16 = encoding.startswith("utf-16")
    bom = encoding == "utf-8-sig" or (
        encoding == "utf-16" and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    )
    head = _head_lines(data, encoding, max_scan_lines)
    crlf_lines = [line.endswith("\r") for line in head]
    head = [line.rstrip("\r") for line in head]
    if head and head[0].startswith("\ufeff"):
        head[0] = head[0][1:]
    idx = find_header(head, expected, delimiter=delimiter) if expected else None
    if idx is None:
        idx = next((i for i, line in enumerate(head) if line.strip()), 0)
    header_text = head[idx] if head else ""
    return _Layout(
        encoding=encoding,
        utf16=utf16,
        bom=bom,
        index=idx,
        header_text=header_text,
        delimiter=delimiter or sniff_delimiter(header_text),
        crlf=bool(crlf_lines) and crlf_lines[idx],
    )


def _parse_body(data: bytes, layout: _Layout, name: str) -> tuple[pd.DataFrame, list, tuple | None, str]:
    """The records from the header on: pyarrow for big UTF-8 files, else the C engine (the csv
    module for ragged files). Returns the frame, the bad records, the csv module's record lines
    (None when a pandas or Arrow reader read the file) and the encoding finally used."""
    options = dict(
        sep=layout.delimiter,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        index_col=False,  # extra fields are bad records, never silently an index
        engine="c",
    )
    idx, encoding = layout.index, layout.encoding
    if layout.utf16 or encoding == "cp1252":
        text = data.decode(encoding) if layout.utf16 else decode(data)[0]
        if text.startswith("\ufeff"):
            text = text[1:]
        body = "\n".join(text.split("\n")[idx:]) if idx else text
        return (*_parse(lambda: io.StringIO(body), options, name), encoding)
    start = _line_offset(data, idx)
    if start == 0 and encoding == "utf-8-sig":
        start = len(codecs.BOM_UTF8)
    body_bytes = data if start == 0 else memoryview(data)[start:]
    fast = _parse_arrow(data, start, layout.delimiter, layout.header_text)
    if fast is not None:
        return fast, [], None, encoding
    try:
        return (*_parse(lambda: io.BytesIO(body_bytes), {**options, "encoding": "utf-8"}, name), encoding)
    except UnicodeDecodeError:
        text = bytes(body_bytes).decode("cp1252", errors="replace")
        return (*_parse(lambda: io.StringIO(text), options, name), "cp1252")


def _record_starts(
    frame: pd.DataFrame, data: bytes, layout: _Layout, rec_lines: tuple | None
) -> tuple[pd.DataFrame, np.ndarray]:
    """The 1-based physical line where each record starts; blank records dropped (their lines
    still counted). ``rec_lines`` are the csv module's own lines, else they are counted here."""
    nrec = len(frame)
    if not nrec:
        return frame, np.zeros(0, dtype="int64")
    idx = layout.index
    if rec_lines is not None:  # the csv-module fallback counted physical lines itself
        starts = idx + np.asarray(rec_lines[0], dtype="int64")
    else:
        span = np.ones(nrec, dtype="int64")
        # newlines inside quoted fields: when the file holds exactly one line end per record
        # there are none, and counting them (the slow part) is skipped
        if _embedded_newlines(data, idx, nrec, utf16=layout.utf16):
            span += _newlines_per_row(frame)
        starts = idx + 2 + np.concatenate(([0], np.cumsum(span)[:-1]))
    if _may_hold_blank_records(data, layout.delimiter, layout.utf16, frame.shape[1]):
        blank = _blank_rows(frame)
        if blank.any():
            frame = frame.loc[~blank].reset_index(drop=True)
            starts = starts[~blank]
    return frame, starts


def _embedded_newlines(data: bytes, header_index: int, nrec: int, *, utf16: bool) -> bool:
    """Whether some record may hold a newline inside a quoted field.

    Each record (blank ones included) ends with one line end, except perhaps the last; so when
    the newlines after the header number ``nrec`` (or ``nrec - 1`` without a final newline),
    no field holds one. Anything else (CR-only line ends, UTF-16) answers True: count them.
    """
    if utf16:
        return True
    total = data.count(b"\n")
    cr = data.count(b"\r") if data.find(b"\r") >= 0 else 0
    if cr and cr != total:  # CR-only or mixed line ends: the C engine splits on CR too
        return True
    trailing = 1 if data[-1:] == b"\n" else 0
    return total - (header_index + 1) - (nrec - 1 + trailing) != 0


def _parse_arrow(data: bytes, start: int, delimiter: str, header_text: str) -> pd.DataFrame | None:
    """Fast path for big UTF-8 files: pyarrow's multi-threaded CSV reader, every column as text.

    ``data[start:]`` is read (no copy). Used only when no line is blank (pyarrow drops blank
    lines, which would shift the line numbers) and the file parses cleanly; otherwise None and
    the C engine reads the file.
    """
    if len(data) - start < (1 << 20):
        return None
    try:
        import pyarrow as pa
        from pyarrow import csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    names = next(csv.reader([header_text], delimiter=delimiter), [])
    if not names or len(set(names)) != len(names):
        return None
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(data)[start:]),
            read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 24),
            # a blank line has the wrong number of fields: ArrowInvalid, and the C engine
            # (which keeps blank lines, so line numbers stay right) reads the file instead
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if table.num_columns != len(names):
        return None
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    frame = table.to_pandas(types_mapper=lambda t: text if pa.types.is_large_string(t) else None)
    return frame


def _parse(make_buffer, options: dict, name: str) -> tuple[pd.DataFrame, list[list[str]], tuple | None]:
    """The C engine; on ragged records, the python engine, keeping the bad records aside.

    Records with more fields than the header are bad records (never silently cut short, never
    turned into an index); an unclosed quote (which would swallow the rest of the file into
    one field) is a :class:`FormatError`.
    """
    try:
        with warnings.catch_warnings():
            # "Length of header ... does not match": extra fields would be dropped silently
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(make_buffer(), **options), [], None
    except pd.errors.EmptyDataError:
        return pd.DataFrame({}), [], None
    except pd.errors.ParserWarning:
        pass
    except pd.errors.ParserError as err:
        if "EOF inside string" in str(err):
            where = str(err).split("starting at row")[-1].strip() if "starting at row" in str(err) else "?"
            raise FormatError(
                f'{name}: a quote (") opened in record {where} is never closed, so the rest of the file '
                "would be read as one field; nothing was loaded from this file.",
                hint="Open the file in a text editor and close or remove the stray quote.",
            ) from err
    return _parse_rows(make_buffer(), options["sep"], name)


def _parse_rows(buffer, delimiter: str, name: str) -> tuple[pd.DataFrame, list[list[str]], tuple]:
    """Fallback for ragged files: the csv module, record by record, with physical lines.

    Records with more fields than the header are kept aside as bad records (with their line);
    shorter ones are padded with empty fields, as the C engine does. Returns the frame, the bad
    records and ``(record start lines, bad record start lines)``, 1-based from the header.
    """
    text = buffer.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a 50 MB field is data, not an attack on the parser
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        pairs = [(row, reader.line_num) for row in reader]
    except csv.Error as err:
        raise FormatError(f"{name} cannot be read as delimited text: {err}") from err
    finally:
        csv.field_size_limit(limit)
    if not pairs:
        return pd.DataFrame({}), [], ([], [])
    header = pairs[0][0]
    width = len(header)
    ends = np.array([end for _, end in pairs], dtype="int64")
    starts = np.concatenate(([1], ends[:-1] + 1))
    rows, lines, bad, bad_lines = [], [], [], []
    for (row, _), start in zip(pairs[1:], starts[1:].tolist(), strict=True):
        if not row:  # a blank line: not a record
            continue
        if len(row) > width:
            bad.append(row)
            bad_lines.append(start)
        else:
            rows.append(row + [""] * (width - len(row)))
            lines.append(start)
    columns = [str(c) for c in header]
    if len(set(columns)) != len(columns):  # duplicated names: pandas-style suffixes
        seen: dict[str, int] = {}
        for i, c in enumerate(columns):
            if c in seen:
                seen[c] += 1
                columns[i] = f"{c}.{seen[c]}"
            else:
                seen[c] = 0
    frame = (
        pd.DataFrame(rows, columns=columns, dtype="str")
        if rows
        else pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    )
    return frame, bad, (lines, bad_lines)
