"""Writing canonical tables safely: Excel, CSV and Parquet.

- :func:`write_tables` writes every canonical table as one ``.xlsx`` workbook (one sheet per
  table), a folder of ``.csv`` files, one ``.csv`` of interactions, or a Parquet folder.
- :func:`to_parquet` writes the Parquet folder that :func:`netlytics.load` reads back
  (``netlytics.json`` manifest plus one Hive-partitioned dataset per table, by ``seeker``).
- :func:`atomic_write` / :func:`atomic_path` are the building blocks every netlytics output
  uses (reports, figures): write to a temporary file beside the target, then ``os.replace``, so
  a crash never leaves a half-written file, and never overwrite one of the inputs.

Spreadsheet safety: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return could be run as a formula when the file is opened in a spreadsheet program ("CSV
injection"). In ``.xlsx`` files every text value is written as an explicit string cell, never a
formula; in ``.csv`` files such values get a leading apostrophe ``'``, which the tracker loader
strips again when it reads the file. See ``docs/privacy.md``.

Cell conversion (:func:`write_tables`): timestamps are ISO-8601 text in UTC with a ``Z`` and full
precision (``2025-01-06T09:30:00Z``), not Excel date cells, which have no time zone and keep only
milliseconds. Characters a format forbids are removed or replaced first (:func:`sanitize`:
XML-illegal characters in ``.xlsx``, NUL in CSV, lone surrogates everywhere; cells cut to Excel's
32,767 characters). Carriage returns in text are written as line feeds (XML cannot keep them; in
CSV a bare one would split the row). CSV files are UTF-8 without a byte-order mark, with ``\\n``
line ends. An existing output folder is only replaced when it holds nothing but a previous output
of the same kind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics._checks import check_choice
from netlytics._sanitize import sanitize
from netlytics.data import NetworkData
from netlytics.errors import OutputError, ParameterError

__all__ = [
    "FORMATS",
    "write_tables",
    "to_parquet",
    "atomic_write",
    "atomic_path",
    "check_not_input",
    "neutralise_csv",
    "csv_text",
    "sanitize",
    "iso_strings",
    "CSV_NAMES",
]

#: Output formats of :func:`write_tables`.
FORMATS: tuple[str, ...] = ("xlsx", "csv", "parquet")

#: First characters that make a spreadsheet program read a cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Excel's row limit (header included).
_XLSX_MAX_ROWS = 1_048_576

PathLike = str | os.PathLike


# --- never overwrite an input ---------------------------------------------------------------------


def check_not_input(path: PathLike, inputs: Iterable[PathLike] | None) -> None:
    """Raise :class:`~netlytics.errors.OutputError` when writing ``path`` would destroy an input.

    ``path`` conflicts with an input when both resolve to the same file (symbolic links and hard
    links included), or when the input lies inside ``path`` (replacing a folder would delete it).

    Examples
    --------
    >>> check_not_input("out.xlsx", ["clients/ana.xlsx"])
    >>> check_not_input("clients/../clients/ana.xlsx", ["clients/ana.xlsx"])
    Traceback (most recent call last):
    ...
    netlytics.errors.OutputError: Refusing to write 'clients/../clients/ana.xlsx': it is the input 'clients/ana.xlsx'.
    """
    if not inputs:
        return
    out = Path(path).resolve()
    for inp in inputs:
        src = Path(inp).resolve()
        same = out == src
        if not same and out.exists() and src.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, src)
        if same:
            raise OutputError(
                f"Refusing to write {str(path)!r}: it is the input {str(inp)!r}.",
                hint="Choose another output path; netlytics never overwrites its inputs.",
            )
        if src.is_relative_to(out):
            raise OutputError(
                f"Refusing to write {str(path)!r}: the input {str(inp)!r} is inside it.",
                hint="Choose an output path outside the input folder.",
            )


# --- atomic writes --------------------------------------------------------------------------------


def _umask_mode(directory: bool) -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


@contextlib.contextmanager
def atomic_path(
    path: PathLike,
    *,
    inputs: Iterable[PathLike] | None = None,
    directory: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it into place with ``os.replace``.

    Write the whole output to the yielded path. When the ``with`` block ends normally the
    temporary file (or folder, with ``directory=True``) replaces ``path`` in one step, so readers
    never see a half-written file. When the block raises, the temporary file is removed, ``path``
    is left as it was, and the exception propagates.

    Parameters
    ----------
    path
        The final output path. Its folder must exist.
    inputs
        Paths the output must not overwrite (see :func:`check_not_input`).
    directory
        Yield an (empty, existing) temporary folder instead of a file path. An existing folder
        at ``path`` is swapped out and deleted after the new one is in place.
    replaceable
        For ``directory=True``: a check that an existing folder at ``path`` is a previous output
        and may be deleted (default: only an empty folder). Anything else raises
        :class:`~netlytics.errors.OutputError` rather than delete a user's files.

    Notes
    -----
    The temporary name is ``.<name>.<random>.tmp<suffix>``: hidden, in the same folder (so the
    final rename never crosses file systems) and ending with the target's suffix (so writers that
    infer the format from the suffix, such as Plotly's ``write_image``, still work). The result
    gets ordinary permissions (``0666`` minus the umask).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "report.html") as tmp:
    ...     _ = tmp.write_text("<p>hello</p>")
    >>> sorted(p.name for p in folder.iterdir())
    ['report.html']
    """
    path = Path(path)
    check_not_input(path, inputs)
    parent = _check_target(path, directory=directory, replaceable=replaceable)
    prefix, suffix = f".{path.name}.", f".tmp{path.suffix}"
    try:
        if directory:
            tmp = Path(tempfile.mkdtemp(dir=parent, prefix=prefix, suffix=suffix))
        else:
            fd, name = tempfile.mkstemp(dir=parent, prefix=prefix, suffix=suffix)
            os.close(fd)
            tmp = Path(name)
    except OSError as err:
        raise OutputError(f"Cannot write in {str(parent)!r}: {err.strerror or err}.") from err
    try:
        yield tmp
        os.chmod(tmp, _umask_mode(directory))
        if directory and path.exists():
            _swap_folder(tmp, path, parent=parent, prefix=prefix)
        else:
            os.replace(tmp, path)
    except BaseException:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise


def _check_target(path: Path, *, directory: bool, replaceable: Callable[[Path], bool] | None) -> Path:
    """Refuse an output path that cannot be written or replaced; return its folder."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(
            f"Cannot write {str(path)!r}: the folder {str(parent)!r} does not exist.",
            hint="Create the folder first or choose another output path.",
        )
    if path.exists() and path.is_dir() != directory:
        what = "a folder" if path.is_dir() else "a file"
        raise OutputError(
            f"Cannot write {str(path)!r}: it exists and is {what}, "
            f"but this output is {'a folder' if directory else 'a file'}."
        )
    if directory and path.is_dir():
        ok = replaceable(path) if replaceable is not None else not any(path.iterdir())
        if not ok:
            listing = sorted(p.name for p in path.iterdir())[:8]
            raise OutputError(
                f"Refusing to replace the folder {str(path)!r}: it holds files netlytics did not "
                f"write ({listing}).",
                hint="Choose a new folder name, or empty the folder first.",
            )
    return parent


def _swap_folder(tmp: Path, path: Path, *, parent: Path, prefix: str) -> None:
    """Put the folder ``tmp`` at ``path``, deleting the previous folder only once it is in place."""
    old = Path(tempfile.mkdtemp(dir=parent, prefix=prefix, suffix=".old"))
    os.replace(path, old / "previous")
    try:
        os.replace(tmp, path)
    except BaseException:
        os.replace(old / "previous", path)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def atomic_write(
    path: PathLike,
    writer: Callable[[Path], object],
    *,
    inputs: Iterable[PathLike] | None = None,
    directory: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> Path:
    """Call ``writer(tmp_path)`` and move the result to ``path`` atomically; return ``path``.

    The function form of :func:`atomic_path`: ``writer`` receives a temporary path in the same
    folder (ending with the same suffix) and must write the complete output there. If it
    raises, nothing is left behind and ``path`` is untouched. Refuses (with
    :class:`~netlytics.errors.OutputError`) to overwrite any of ``inputs``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "fig.svg", lambda tmp: tmp.write_text("<svg/>")).name
    'fig.svg'
    >>> def broken(tmp):
    ...     tmp.write_text("half")
    ...     raise RuntimeError("disk full")
    >>> atomic_write(folder / "other.svg", broken)
    Traceback (most recent call last):
    ...
    RuntimeError: disk full
    >>> sorted(p.name for p in folder.iterdir())
    ['fig.svg']
    """
    with atomic_path(path, inputs=inputs, directory=directory, replaceable=replaceable) as tmp:
        writer(tmp)
    return Path(path)


# --- cell conversion ------------------------------------------------------------------------------


def iso_strings(s: pd.Series) -> pd.Series:
    """Timestamps as exact ISO-8601 UTC strings (``2025-01-06T09:30:00Z``), nulls stay null.

    Fractions of a second are written only when present, to the nanosecond, so parsing the
    string gives back the same ``datetime64[ns, UTC]`` value.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(pd.to_datetime(["2025-01-06 09:30", "2025-01-06 09:30:00.0015", None],
    ...                              utc=True, format="ISO8601"))
    >>> iso_strings(s).tolist()
    ['2025-01-06T09:30:00Z', '2025-01-06T09:30:00.0015Z', nan]
    """
    t = s.dt.tz_convert("UTC") if isinstance(s.dtype, pd.DatetimeTZDtype) else s.dt.tz_localize("UTC")
    t = t.astype(schema.TIMESTAMP)
    whole = t.dt.strftime("%Y-%m-%dT%H:%M:%S").astype("str")
    frac = (t.dt.microsecond * 1000 + t.dt.nanosecond).astype("Int64")
    frac_s = frac.astype("str").str.zfill(9).str.rstrip("0")
    out = whole + ("." + frac_s).where(frac.fillna(0) > 0, "") + "Z"
    return out.where(t.notna()).astype("str")


def neutralise_csv(s: pd.Series) -> pd.Series:
    """Prefix an apostrophe to text that a spreadsheet would run as a formula.

    Values starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a leading
    ``'``; the tracker loader strips it again on reading.

    Examples
    --------
    >>> import pandas as pd
    >>> neutralise_csv(pd.Series(["=HYPERLINK(\\"x\\")", "-5", "Ana", None])).tolist()
    ['\\'=HYPERLINK("x")', "'-5", 'Ana', nan]
    """
    s = s.astype("str")
    risky = s.str.startswith(FORMULA_PREFIXES, na=False)
    return s.mask(risky, "'" + s)


def csv_text(s: pd.Series) -> pd.Series:
    """Text ready for a CSV cell: forbidden characters removed (:func:`sanitize`), formula-like
    values neutralised (:func:`neutralise_csv`), then CR LF and CR written as LF.

    Examples
    --------
    >>> import pandas as pd
    >>> csv_text(pd.Series(["=1+2", "a\\x00b", "line\\r\\nbreak", None])).tolist()
    ["'=1+2", 'ab', 'line\\nbreak', nan]
    """
    s = neutralise_csv(sanitize(s, "csv"))
    return s.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)


def _is_text(s: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(s.dtype) or s.dtype == object


def _text_frame(df: pd.DataFrame, *, csv: bool = False) -> pd.DataFrame:
    """Timestamps as ISO strings; text without the characters the format forbids
    (:func:`~netlytics._sanitize.sanitize`), neutralised (for CSV), with line ends as ``\\n``."""
    out = df.copy()
    out.columns = [sanitize(str(c), "csv" if csv else "xlsx") for c in out.columns]
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(out[col].dtype):
            out[col] = iso_strings(out[col])
        elif _is_text(out[col]):
            if csv:  # cleaned first: a NUL in front of "=" must not hide the formula
                out[col] = csv_text(out[col])
                continue
            s = sanitize(out[col], "xlsx").astype("str")
            out[col] = s.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
    return out


def _frames(data: NetworkData) -> dict[str, pd.DataFrame]:
    if not isinstance(data, NetworkData):
        raise ParameterError(
            f"data must be a NetworkData (from netlytics.load or netlytics.pseudonymize); got "
            f"{type(data).__name__}."
        )
    return {name: getattr(data, name) for name in schema.TABLES}


def _tracker_frames(data: NetworkData) -> dict[str, pd.DataFrame]:
    """The tables in tracker form (contract C1) for spreadsheets and CSV.

    Only ``interactions.introduced`` differs from the canonical table: in a tracker it names the
    person introduced as written (a URL, an e-mail or a name) and the loader resolves it, so a
    name key ``name:zoe ng`` is written as ``zoe ng`` (which resolves back to ``name:zoe ng``).
    """
    frames = _frames(data)
    inter = frames["interactions"]
    if inter["introduced"].notna().any():
        intro = inter["introduced"]
        frames["interactions"] = inter.assign(introduced=intro.str.removeprefix("name:").where(intro.notna()))
    return frames


# --- xlsx ---------------------------------------------------------------------------------------


def _write_xlsx(frames: dict[str, pd.DataFrame], target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for name, df in frames.items():
        if len(df) + 1 > _XLSX_MAX_ROWS:
            raise OutputError(
                f"Table {name!r} has {len(df):,} rows; an .xlsx sheet holds at most {_XLSX_MAX_ROWS - 1:,}.",
                hint="Write Parquet instead (format='parquet').",
            )
        ws = wb.create_sheet(name)
        text = _text_frame(df)  # text cleaned for xlsx: no XML-illegal character, cells fit
        ws.append(list(text.columns))
        columns = [s.astype(object).where(s.notna(), None).tolist() for _, s in text.items()]
        for row in zip(*columns, strict=True) if columns else ():
            cells = []
            for v in row:
                if isinstance(v, str) and v.startswith("="):
                    cell = WriteOnlyCell(ws, v)
                    cell.data_type = "s"  # an explicit string cell, never a formula
                    cells.append(cell)
                else:
                    cells.append(v)
            ws.append(cells)
    wb.save(target)


# --- csv ----------------------------------------------------------------------------------------


def _write_csv(df: pd.DataFrame, target: Path) -> None:
    _text_frame(df, csv=True).to_csv(target, index=False, lineterminator="\n", encoding="utf-8")


#: CSV file names in a folder: the tracker tables keep their names (contract C1); the others get a
#: prefix so that no file looks like a LinkedIn export file (``events.csv`` would: ``Events.csv``).
CSV_NAMES: dict[str, str] = {
    name: f"{name}.csv" if name in ("contacts", "interactions", "applications") else f"netlytics_{name}.csv"
    for name in schema.TABLES
}


def _csv_folder_replaceable(path: Path) -> bool:
    allowed = set(CSV_NAMES.values())
    return all(p.is_file() and p.name in allowed for p in path.iterdir())


# --- public writers -----------------------------------------------------------------------------


def _infer_format(path: Path, format: str | None) -> str:
    if format is not None:
        return str(check_choice("format", str(format).lower().lstrip("."), FORMATS))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".csv", ".parquet"):
        return suffix[1:]
    if not suffix:  # a folder: one CSV per table
        return "csv"
    raise ParameterError(
        f"Cannot tell the output format of {str(path)!r} (suffix {suffix!r}).",
        hint="Use a .xlsx, .csv or .parquet path or a folder path without a suffix, or pass "
        "format='xlsx', 'csv' or 'parquet' (csv and parquet with a folder path).",
    )


def write_tables(
    data: NetworkData,
    path: PathLike,
    *,
    format: str | None = None,
    inputs: Iterable[PathLike] | None = None,
) -> Path:
    """Write the canonical tables to a spreadsheet, CSV files or Parquet, atomically.

    Parameters
    ----------
    data
        The tables to write (e.g. the result of :func:`netlytics.pseudonymize`).
    path
        Output path. The format comes from ``format``, else the suffix:

        - ``.xlsx``: one workbook, one sheet per table. The contacts, interactions and
          applications sheets use the canonical columns (tracker layout, contract C1), so
          :func:`netlytics.load` reads them back to the same tables; ``introduced`` is written
          as a tracker names a person (``name:zoe ng`` as ``zoe ng``).
        - ``.csv``: the interactions table alone; refused when the data holds other records.
        - no suffix, or ``format="csv"``: a folder of ``contacts.csv``, ``interactions.csv``,
          ``applications.csv`` and ``netlytics_<table>.csv`` for the other tables (prefixed so
          that none looks like a LinkedIn export file such as ``Events.csv``).
        - ``.parquet`` or ``format="parquet"``: :func:`to_parquet`.
    format
        ``"xlsx"``, ``"csv"`` or ``"parquet"``.
    inputs
        The files the data was loaded from. Writing over one of them (or over a folder that
        holds one) raises :class:`~netlytics.errors.OutputError`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ParameterError
        When ``data`` is not a NetworkData, the format is unknown, or a single ``.csv`` would
        have to hold more than the interactions table.
    OutputError
        When ``path`` is (or holds) one of ``inputs``, its folder does not exist, an existing
        folder holds files netlytics did not write, or a table has more rows than a sheet holds.

    See Also
    --------
    netlytics.pseudonymize : the shareable copy this usually writes.
    netlytics.load : reads every output back (the workbook and CSV folder as a tracker).
    netlytics.export.sanitize : the characters each format forbids, removed before writing.

    Notes
    -----
    Cells are converted as the module documentation says (ISO-8601 UTC text for timestamps,
    forbidden characters removed, formulas neutralised, LF line ends); the output is written to
    a temporary file and moved into place (:func:`atomic_path`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> data = NetworkData(interactions=pd.DataFrame({
    ...     "seeker": ["Client 01"], "interaction_id": ["I0001"], "contact_id": ["=cmd()"],
    ...     "at": ["2025-01-06 09:30"], "channel": ["email"], "direction": ["outbound"],
    ...     "kind": ["message"]}))
    >>> out = write_tables(data, pathlib.Path(tempfile.mkdtemp()) / "log.csv")
    >>> print(out.read_text().splitlines()[1])
    Client 01,I0001,'=cmd(),2025-01-06T09:30:00Z,email,outbound,message,,,,,,,
    """
    path = Path(path)
    fmt = _infer_format(path, format)
    frames = _tracker_frames(data)
    if fmt == "parquet":
        return to_parquet(data, path, inputs=inputs)
    if fmt == "xlsx":
        return atomic_write(path, lambda tmp: _write_xlsx(frames, tmp), inputs=inputs)
    return _write_csv_files(frames, path, inputs=inputs)


def _write_csv_files(
    frames: dict[str, pd.DataFrame], path: Path, *, inputs: Iterable[PathLike] | None
) -> Path:
    """One ``.csv`` of interactions (refused when other tables hold rows), or a folder of CSVs."""
    if path.suffix.lower() == ".csv":
        others = {
            n: len(frames[n]) for n in ("contacts", "applications", "follows", "events") if len(frames[n])
        }
        if others:
            raise ParameterError(
                f"{str(path)!r} is a single CSV, which holds only the interactions table, but the "
                f"data also has {', '.join(f'{n} {k}' for n, k in others.items())} row(s).",
                hint="Give a folder path with format='csv' (one CSV per table), or a .xlsx path.",
            )
        return atomic_write(path, lambda tmp: _write_csv(frames["interactions"], tmp), inputs=inputs)

    def write_folder(tmp: Path) -> None:
        for name, df in frames.items():
            _write_csv(df, tmp / CSV_NAMES[name])

    return atomic_write(
        path, write_folder, inputs=inputs, directory=True, replaceable=_csv_folder_replaceable
    )


def to_parquet(data: NetworkData, path: PathLike, *, inputs: Iterable[PathLike] | None = None) -> Path:
    """Write the canonical tables as a Parquet store that :func:`netlytics.load` reads back.

    The layout belongs to :mod:`netlytics.store` (:func:`netlytics.store.write_parquet`):
    ``<path>/netlytics.json`` (format, version, tables) and one Hive-partitioned dataset per
    table, ``<path>/<table>/seeker=<name>/*.parquet``. Text is cleaned of characters Parquet
    readers refuse (lone surrogates) first.

    Parameters
    ----------
    data : NetworkData
        The tables.
    path : str or Path
        The store's folder, replaced atomically.
    inputs : iterable of paths, optional
        Paths the output must not overwrite.

    Returns
    -------
    Path

    Raises
    ------
    OutputError
        When ``path`` is an input or a folder that is not a store.

    See Also
    --------
    netlytics.store.read_parquet : the reader.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> import pandas as pd
    >>> data = NetworkData(follows=pd.DataFrame({"seeker": ["Client 01"], "company": ["Acme"]}))
    >>> out = to_parquet(data, pathlib.Path(tempfile.mkdtemp()) / "tables")
    >>> json.loads((out / "netlytics.json").read_text())["tables"][:3]
    ['contacts', 'interactions', 'applications']
    >>> sorted(p.name for p in (out / "follows").iterdir())
    ['seeker=Client%2001']
    """
    from netlytics import store  # store borrows atomic_write from this module

    clean = {name: sanitize(df, "parquet") for name, df in _frames(data).items()}
    return store.write_parquet(data.replace(**clean), path, inputs=inputs)
