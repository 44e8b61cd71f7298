"""Reading sheets: workbooks and CSV files in, raw cells out (one :class:`Sheet` per table).

Workbooks are read by calamine, which builds a dense grid of a sheet's whole used range. A sheet
with one stray cell far away (``XFD1048576``) would ask for hundreds of gigabytes, so every
``.xlsx``/``.xlsm`` sheet is first scanned by :mod:`.extent` (its XML, streamed) for its true extent,
and a sheet beyond the limits below is refused with a problem naming the sheet and the far cell:

- at most :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns,
- at most :data:`MAX_CELLS` cells in the rectangle from A1 to the farthest cell,
- at most :data:`MAX_SHEET_BYTES` of sheet XML.

Rows are then streamed; reading stops after :data:`MAX_EMPTY_RUN` empty rows in a row (the rest
of the sheet, if it holds anything, is reported). ``.xls`` files are bounded by their format
(65,536 rows by 256 columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from netlytics.errors import FormatError, InputError
from netlytics.loaders.tracker.extent import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_BYTES, refusals
from netlytics.loaders.tracker.mapping import header_score, sheet_mapping

__all__ = [
    "Sheet",
    "Refused",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CELLS",
    "MAX_EMPTY_RUN",
    "MAX_SHEET_BYTES",
    "cell_text",
    "read_workbook",
    "read_csv",
    "clean_cells",
    "all_text",
    "text",
    "ROW_BITS",
    "row_numbers",
    "source_at",
]

#: Reading stops after this many empty rows in a row.
MAX_EMPTY_RUN = 10_000
#: A stacked sheet (:mod:`netlytics.loaders.tracker.batch`) numbers its rows
#: ``(sheet << ROW_BITS) | row``: the low bits are the row number in the file.
ROW_BITS = 32


@dataclass
class Sheet:
    """One sheet (or CSV file) as read: raw cells, the Excel/line row number of each row."""

    file: Path | None
    name: str  # sheet name, or file stem for a CSV
    source: str | pd.Series  # a Series (one source per row) for a stacked sheet
    headers: list[str]
    cells: pd.DataFrame  # object cells, columns = positions 0..n-1, index = row numbers
    header_row: int = 1
    bad_records: list[list[str]] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)
    table: str | None = None
    columns: dict[int, str] = field(default_factory=dict)  # position -> canonical column
    texts: dict = field(default_factory=dict)  # column -> its cells as text (tables._txt)
    # a stacked sheet (batch): each row's seeker prefix and its default seeker (prefixed)
    prefix: pd.Series | None = None
    seekers: pd.Series | None = None


def row_numbers(index: pd.Index) -> np.ndarray:
    """The row number in its file of each row of a sheet (a stacked sheet's index carries the
    sheet in its high bits, see :data:`ROW_BITS`).

    Parameters
    ----------
    index
        A sheet's row index.

    Returns
    -------
    numpy.ndarray
        int64 row numbers.

    See Also
    --------
    Sheet : the rows numbered.

    Examples
    --------
    >>> row_numbers(pd.Index([2, (1 << ROW_BITS) + 5])).tolist()
    [2, 5]
    """
    return np.asarray(index, dtype="int64") & ((1 << ROW_BITS) - 1)


def source_at(sheet: Sheet, index) -> str | np.ndarray:
    """The source of some rows of a sheet: its one source, or each row's in a stacked sheet.

    Parameters
    ----------
    sheet
        A sheet.
    index
        Row labels of the sheet.

    Returns
    -------
    str or numpy.ndarray

    See Also
    --------
    row_numbers : the rows' numbers in their files.
    """
    if isinstance(sheet.source, pd.Series):
        return sheet.source.loc[index].to_numpy(dtype=object)
    return sheet.source


@dataclass
class Refused:
    """A sheet that was not read (too large, or cells beyond a long empty run)."""

    source: str
    reason: str
    rows: int = 1  # rows counted as read (and as problems) for the accounting


def cell_text(v) -> str:
    """A cell as text: empty for None/NaN, whole floats without ``.0``, text stripped.

    Parameters
    ----------
    v
        A cell value.

    Returns
    -------
    str

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : builds tables from these sheets.

    Examples
    --------
    >>> cell_text(3.0), cell_text(None), cell_text(" a ")
    ('3', '', 'a')
    """
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() else str(v)
    return str(v).strip()


# --- workbooks -------------------------------------------------------------------------------


def _stream_rows(sheet) -> tuple[list[list], int | None]:
    """The sheet's rows up to the last non-empty one, stopping after a long empty run.

    Returns the rows and, when reading stopped early, the (0-based) row it stopped at.
    """
    rows: list[list] = []
    empty = 0
    last = -1
    for i, row in enumerate(sheet.iter_rows()):  # rows stream from calamine; empty cells are ""
        if row.count("") + row.count(None) != len(row):
            empty = 0
            last = i
        else:
            empty += 1
            if empty > MAX_EMPTY_RUN:
                del rows[last + 1 :]
                return rows, i
        rows.append(row)
    del rows[last + 1 :]
    return rows, None


def _header_index(rows: list[list], smap: dict) -> int:
    """The header row: the first of the first 10 naming two known columns, else the first non-blank."""
    first_nonblank = None
    for i, row in enumerate(rows[:10]):
        texts = [cell_text(v) for v in row]
        if not any(texts):
            continue
        if first_nonblank is None:
            first_nonblank = i
        if header_score(texts, smap) >= 2:
            return i
    return first_nonblank if first_nonblank is not None else 0


def _sheet_from_rows(path: Path, name: str, rows: list[list], mapping: dict) -> Sheet:
    header_idx = _header_index(rows, sheet_mapping(mapping, name))
    headers = [cell_text(v) for v in rows[header_idx]] if rows else []
    body = rows[header_idx + 1 :]
    width = len(headers)
    if body:
        cells = pd.DataFrame(np.array(body, dtype=object).reshape(len(body), -1)[:, :width], dtype=object)
    else:
        cells = pd.DataFrame(columns=range(width), dtype=object)
    cells.index = pd.RangeIndex(header_idx + 2, header_idx + 2 + len(body))
    return Sheet(
        file=path,
        name=name,
        source=f"{path.name}:{name}",
        headers=headers,
        cells=cells,
        header_row=header_idx + 1,
    )


def read_workbook(path: Path, mapping: dict) -> tuple[list[Sheet], list[Refused]]:
    """Read every worksheet of a workbook (chart sheets skipped).

    Parameters
    ----------
    path
        An .xlsx, .xlsm or .xls file.
    mapping
        The checked mapping (for the header row of each sheet).

    Returns
    -------
    sheets : list of Sheet
    refused : list of Refused
        Sheets beyond the limits, and sheets whose cells continue after a long empty run.

    Raises
    ------
    FormatError
        The file is not a workbook calamine can read.

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : builds tables from these sheets.
    """
    import python_calamine as pc

    refused_sheets = refusals(path)
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except (pc.CalamineError, OSError, ValueError) as err:
        raise FormatError(f"Cannot read workbook {path.name!r}: {err}.") from err
    sheets, refused = [], []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            source = f"{path.name}:{meta.name}"
            if meta.name in refused_sheets:
                refused.append(Refused(source, refused_sheets[meta.name]))
                continue
            rows, stopped = _stream_rows(wb.get_sheet_by_name(meta.name))
            sheets.append(_sheet_from_rows(path, meta.name, rows, mapping))
            if stopped is not None:
                refused.append(
                    Refused(
                        source,
                        f"sheet {meta.name!r}: cells below row {stopped + 1 - MAX_EMPTY_RUN:,} were not read: "
                        f"they follow more than {MAX_EMPTY_RUN:,} empty rows. Delete the empty rows and save again",
                    )
                )
    except pc.CalamineError as err:
        raise FormatError(f"Cannot read workbook {path.name!r}: {err}.") from err
    return sheets, refused


# --- CSV ---------------------------------------------------------------------------------------


def read_csv(path: Path) -> Sheet:
    """Read one CSV file as a sheet (its stem is the sheet name).

    Parameters
    ----------
    path
        A .csv file (encoding and delimiter sniffed, see :mod:`netlytics.loaders._io`).

    Returns
    -------
    Sheet

    Raises
    ------
    InputError
        The file cannot be read.
    FormatError
        The bytes are not delimited text (e.g. an unclosed quote).

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : builds tables from these sheets.
    """
    from netlytics.loaders._io import read_csv_bytes

    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"Cannot read {str(path)!r}: {err.strerror or err}.") from err
    table = read_csv_bytes(data, name=path.name)
    frame = table.frame
    cells = frame.set_axis(range(frame.shape[1]), axis=1)  # text columns (str dtype)
    cells.index = pd.Index(table.lines.astype("int64"))
    return Sheet(
        file=path,
        name=path.stem,
        source=path.name,
        headers=[str(c) for c in frame.columns],
        cells=cells,
        header_row=table.header_line,
        bad_records=list(table.bad_records),
        bad_lines=list(table.bad_lines),
    )


# --- cleaning ------------------------------------------------------------------------------------


#: Text frames up to this wide are cleaned column by column; wider ones as one flat array.
_COLUMNWISE = 64


def _clean_text(text: pd.Series) -> pd.Series:
    """Stripped text, one anti-formula apostrophe removed, empty as null (``str`` dtype)."""
    text = text.str.strip()
    quoted = text.str.startswith("'").fillna(False).astype(bool)
    if quoted.any():
        text = text.where(~quoted, text.str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True))
    return text.where(text != "")


def _str_mask(cells: pd.DataFrame, flat: pd.Series) -> np.ndarray:
    """Which cells (flattened row by row) are text: a column-wise look when each column is of
    one kind (a workbook's usual case), else a look at each cell."""
    if cells.shape[1] > _COLUMNWISE:
        return flat.map(type).eq(str).to_numpy()
    mask = np.zeros(cells.shape, dtype=bool)
    for j in range(cells.shape[1]):  # a loop over at most _COLUMNWISE columns
        col = cells.iloc[:, j]
        kind = pd.api.types.infer_dtype(col, skipna=True)
        if kind in ("string", "empty"):
            mask[:, j] = col.notna().to_numpy()
        elif kind not in ("floating", "integer", "datetime", "date", "boolean", "mixed-integer-float"):
            mask[:, j] = col.map(type).eq(str).to_numpy()
    return mask.ravel()


def clean_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Strip text, empty -> None, remove the anti-formula apostrophe: the whole frame at once.

    Parameters
    ----------
    cells
        Raw cells (object).

    Returns
    -------
    pandas.DataFrame
        Same shape; text stripped (one leading ``'`` before ``= + - @``, tab or CR removed),
        empty text and NaN as null, other cells (numbers, dates) unchanged. A column of text
        only is ``str``; a column with other cells is ``object`` with None for empty.

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : builds tables from these sheets.

    Examples
    --------
    >>> clean_cells(pd.DataFrame({0: [" a ", 2.0, "'=1"], 1: [2.0, None, float("nan")]})).values.tolist()
    [['a', 2.0], [2.0, None], ['=1', None]]
    >>> clean_cells(pd.DataFrame({0: [" a ", "", "'=1"]}, dtype="str"))[0].tolist()
    ['a', nan, '=1']
    """
    if cells.empty:
        return cells.astype(object)
    if cells.shape[1] <= _COLUMNWISE:
        # ordinary width: a column of text only (a CSV's, most of a workbook's) becomes ``str``,
        # cleaned by Arrow's string kernels; a column of other cells stays ``object``
        return pd.DataFrame({c: _clean_column(cells[c]) for c in cells.columns}, index=cells.index)
    return _clean_objects(cells)


def _clean_column(col: pd.Series) -> pd.Series:
    if col.dtype == "str" or pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty"):
        return _clean_text(col.astype("str"))
    return _clean_objects(col.to_frame())[col.name]


def _clean_objects(cells: pd.DataFrame) -> pd.DataFrame:
    """:func:`clean_cells` of cells of any kind, as one flat array of objects."""
    arr = cells.to_numpy(dtype=object)
    flat = arr.ravel()
    series = pd.Series(flat, dtype=object)
    kind = pd.api.types.infer_dtype(series, skipna=True)
    null = pd.isna(flat)
    is_str = ~null if kind in ("string", "empty") else _str_mask(cells, series)
    vals = _clean_text(pd.Series(flat[is_str], dtype="str")).to_numpy(dtype=object, na_value=None)
    out = flat.copy()
    out[null] = None
    out[is_str] = vals
    return pd.DataFrame(out.reshape(arr.shape), index=cells.index, columns=cells.columns, dtype=object)


def all_text(s: pd.Series) -> bool:
    """Every non-null cell is a str (the usual CSV case): vectorised string methods apply.

    Parameters
    ----------
    s
        A column of cells.

    Returns
    -------
    bool

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : builds tables from these sheets.
    """
    return pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty")


def text(s: pd.Series) -> pd.Series:
    """A column of cells as stripped text (``str`` dtype), empty cells as null.

    Parameters
    ----------
    s
        A column of cells (text, numbers, dates or None).

    Returns
    -------
    pandas.Series

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : builds tables from these sheets.

    Examples
    --------
    >>> text(pd.Series([" a", 2.0, None, ""], dtype=object)).tolist()
    ['a', '2', nan, nan]
    """
    if s.dtype == "str" or all_text(s):
        out = s.astype("str").str.strip()
    else:
        out = s.map(lambda v: None if v is None else cell_text(v)).astype("str")
    return out.where(out.notna() & (out != ""))
