"""Canonical CSV folders at the parser's pace: the tracker family's result, column by column.

A folder written by ``write_tables(data, folder, format="csv")`` holds ``contacts.csv``,
``interactions.csv``, ``applications.csv`` (the tracker tables, under their canonical headers) and
``netlytics_<table>.csv`` for the other tables. The tracker family reads such a folder like any
tracker (docs/trackers.md): cells cleaned, values mapped, people resolved, dates parsed, each
row checked. When the tables are already canonical none of this changes a value, so
:func:`load_clean` checks that whole columns at once (boolean masks, one vectorised timestamp
parse per column) and builds the same :class:`~netlytics.data.NetworkData` without the per-value
work. It answers None as soon as one value is not canonical: the caller then loads the folder
with the tracker family, which reports every problem with its file, row and column. So the
result of loading such a folder never depends on which path read it (a test compares both).

What "already canonical" means, per table (anything else: None):

- no record the header cannot hold, the header on line 1, the canonical headers read as
  themselves;
- ids (``contact_id``, ``interaction_id``, ``application_id``) unique within a seeker; every
  contact named by a name, e-mail or URL; e-mails and profile URLs the tracker accepts;
- channel, direction, kind, via and status written and in their vocabularies;
- every timestamp written as ISO 8601 UTC (``2025-01-06T10:00:00Z``), between ``earliest`` and a
  day after ``future_after`` (the tracker's own date parser judges the earliest and latest);
- a contact_id on every interaction but events; ``introduced`` naming a contact of the contacts
  table; ``ref`` naming a loaded interaction of the same seeker.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from netlytics import identity, schema
from netlytics.data import NetworkData, pair_codes
from netlytics.loaders._options import LoadOptions

__all__ = ["CSV_FILES", "is_csv_tables", "load_clean"]

#: The tracker tables, in the order the tracker family builds them.
_TRACKER_TABLES = ("contacts", "interactions", "applications")
#: The files ``write_tables(..., format="csv")`` writes, per table.
CSV_FILES: dict[str, str] = {
    name: f"{name}.csv" if name in _TRACKER_TABLES else f"netlytics_{name}.csv" for name in schema.TABLES
}
_VOCAB = {
    "interactions": {"channel": schema.CHANNELS, "direction": schema.DIRECTIONS, "kind": schema.KINDS},
    "applications": {"via": schema.VIAS, "status": schema.STATUSES},
    "contacts": {},
}
_DATES = {
    "contacts": ("connected_on",),
    "interactions": ("at",),
    "applications": ("applied_at", "status_at"),
}
_IDS = {"contacts": "contact_id", "interactions": "interaction_id", "applications": "application_id"}


class _NotClean(Exception):
    """A value the tracker family would change or report: that family loads the folder."""


def _header(file: Path) -> list[str] | None:
    """The first line of a UTF-8 file split on commas (None when unreadable or too long)."""
    try:
        with file.open("rb") as fh:
            line = fh.readline(65536)
    except OSError:
        return None
    try:
        return line.decode("utf-8").rstrip("\r\n").split(",")
    except UnicodeDecodeError:
        return None


def is_csv_tables(path: Path) -> bool:
    """True for a folder holding exactly the files ``write_tables(..., format="csv")`` writes
    (hidden files aside), the tracker tables under their canonical headers (cheap: reads three
    header lines).

    Parameters
    ----------
    path
        A file or folder.

    Returns
    -------
    bool

    See Also
    --------
    load_clean : reads such a folder.

    Examples
    --------
    >>> is_csv_tables(Path("no-such-folder"))
    False
    """
    path = Path(path)
    if not path.is_dir():
        return False
    names, written = set(), set(CSV_FILES.values())
    for entry in path.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.name not in written or entry.is_symlink() or not entry.is_file():
            return False
        names.add(entry.name)
    if names != written:
        return False
    return all(_header(path / CSV_FILES[t]) == schema.TABLES[t].columns for t in _TRACKER_TABLES)


# --- reading the sheets the way the tracker family does ------------------------------------------


#: First bytes that may start a cell the tracker would clean: ASCII white space, the apostrophe,
#: and the lead bytes of the non-ASCII white space characters (U+0085, U+00A0, U+1680, U+2000 to
#: U+3000); last bytes that may end one: ASCII white space and their continuation bytes.
_FIRST = np.zeros(256, dtype=bool)
_FIRST[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32, ord("'"), 0xC2, 0xE1, 0xE2, 0xE3]] = True
_LAST = np.zeros(256, dtype=bool)
_LAST[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32, *range(0x80, 0x8B), 0x9F, 0xA0, 0xA8, 0xA9, 0xAF]] = True


def _buffers(values: pd.Series) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """The (offsets, bytes) of each Arrow chunk of a text column, as numpy views (no copy);
    None when the column is not Arrow text."""
    import pyarrow as pa

    arr = pa.array(values.array)
    out = []
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        if not len(chunk):
            continue
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        _, offset_buf, data_buf = chunk.buffers()
        offsets = np.frombuffer(offset_buf, dtype=kind)[chunk.offset : chunk.offset + len(chunk) + 1]
        data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
        out.append((offsets, data))
    return out


def _plain(values: pd.Series) -> bool:
    """No cell of a text column starts or ends with white space or starts with an apostrophe:
    one look at the first and last byte of each cell, straight from the Arrow buffers (a
    non-ASCII character there answers False, to be safe)."""
    chunks = _buffers(values)
    if chunks is None:
        return False
    for offsets, data in chunks:
        starts, ends = offsets[:-1], offsets[1:]
        full = ends > starts
        if _FIRST[data[starts[full]]].any() or _LAST[data[ends[full] - 1]].any():
            return False
    return True


#: ``2025-01-06T10:00:00Z``: where the digits and the separators stand.
_ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
_ISO_MARKS = {4: ord("-"), 7: ord("-"), 10: ord("T"), 13: ord(":"), 16: ord(":"), 19: ord("Z")}


def _iso_shape(values: pd.Series) -> bool:
    """Every value (none null) is ``YYYY-MM-DDTHH:MM:SSZ``: 20 bytes each, checked as one
    two-dimensional byte array."""
    chunks = _buffers(values)
    if chunks is None:
        return False
    for offsets, data in chunks:
        if (np.diff(offsets) != 20).any():
            return False
        block = data[offsets[0] : offsets[-1]].reshape(-1, 20)
        digits = block[:, _ISO_DIGITS]
        if not ((digits >= ord("0")) & (digits <= ord("9"))).all():
            return False
        if any((block[:, pos] != mark).any() for pos, mark in _ISO_MARKS.items()):
            return False
    return True


def _clean(cells: pd.DataFrame, clean_cells) -> pd.DataFrame:
    """The tracker's ``clean_cells``: when no cell needs stripping or an apostrophe removed
    (:func:`_plain`), it only turns empty text into nulls; else the tracker's function runs."""
    if cells.empty or not all(dt == "str" for dt in cells.dtypes):
        return clean_cells(cells)
    if not all(_plain(col) for _, col in cells.items()):
        return clean_cells(cells)
    return pd.DataFrame({c: _empty_as_null(col) for c, col in cells.items()}, index=cells.index)


def _empty_as_null(col: pd.Series) -> pd.Series:
    """``col.where(col != "")`` in one Arrow kernel."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(col.array)
    empty = pc.equal(arr, "")
    if not pc.any(empty).as_py():
        return col  # nothing to change: no copy
    out = pc.if_else(empty, pa.scalar(None, arr.type), arr)
    return pd.Series(pd.array(out, dtype=col.dtype), index=col.index)


class _Sheet:
    """One tracker table's file: its cleaned cells by canonical column, and the tracker's notes."""

    def __init__(self, path: Path, table: str, smap: dict) -> None:
        from netlytics.loaders.tracker.discovery import detect_table
        from netlytics.loaders.tracker.mapping import assign_columns
        from netlytics.loaders.tracker.sheets import clean_cells, read_csv

        sheet = read_csv(path)
        if sheet.bad_records or sheet.header_row != 1:
            raise _NotClean
        if detect_table(sheet.name, sheet.headers, smap, single_csv=False) != table:
            raise _NotClean
        cells = _clean(sheet.cells, clean_cells)
        filled = cells.notna()
        rows = filled.any(axis=1).to_numpy()
        if not rows.all():
            cells = cells[rows]
        columns, self.notes = assign_columns(table, sheet.headers, filled.any(axis=0).tolist(), smap)
        if any(sheet.headers[pos] != col for pos, col in columns.items()):
            raise _NotClean
        self.source = sheet.source
        self.table = table
        self.index = cells.index
        self.cols = {col: cells[pos] for pos, col in columns.items()}

    def __getitem__(self, name: str) -> pd.Series:
        if name in self.cols:
            return self.cols[name]
        return pd.Series(pd.NA, index=self.index, dtype="str")

    def lines(self) -> pd.Series:
        return pd.Series(self.index, index=self.index, dtype="Int64")


def _check(ok) -> None:
    if not bool(np.all(ok)):
        raise _NotClean


def _unique(codes: np.ndarray) -> None:
    _check(pd.Index(codes).is_unique)


def _known(codes: np.ndarray, among: np.ndarray) -> None:
    _check(pd.Series(codes).isin(among).to_numpy())


def _all_in(values: pd.Series, allowed) -> None:
    """Every value is one of ``allowed`` (one hash lookup per value, in Arrow)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(values):
        return
    text = pa.large_string()
    found = pc.is_in(
        pa.array(values.array).cast(text),
        value_set=pa.array(pd.Series(allowed, dtype="str").array).cast(text),
    )
    _check(pc.all(pc.fill_null(found, False)).as_py())


# --- whole-column checks and conversions ---------------------------------------------------------


def _timestamps(raw: pd.Series, probes: list[tuple[pd.Series, np.ndarray]]) -> pd.Series:
    """ISO UTC text to ``datetime64[ns, UTC]`` in one parse. The first, earliest and latest
    values go to ``probes``, for the tracker's own date parser to judge (:func:`_judge`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    given = raw.notna().to_numpy()
    if not given.any():
        return pd.Series(pd.NaT, index=raw.index, dtype=schema.TIMESTAMP)
    values = raw if given.all() else raw[given]
    _check(_iso_shape(values))
    try:
        stamps = pc.strptime(pa.array(values.array), format="%Y-%m-%dT%H:%M:%SZ", unit="ns")
    except pa.ArrowInvalid as err:  # no such day or time: the tracker's parser says so
        raise _NotClean from err
    parsed = pd.Series(stamps.to_numpy(), index=values.index).dt.tz_localize("UTC")
    ns = parsed.array.asi8
    probe = np.unique([0, int(ns.argmin()), int(ns.argmax())])
    probes.append((values.iloc[probe], ns[probe]))
    return parsed if len(parsed) == len(raw) else parsed.reindex(raw.index)


def _judge(probes: list[tuple[pd.Series, np.ndarray]], ctx: _Ctx) -> None:
    """The tracker's date parser, once, on every probe: no problem (bounds are monotonic, so the
    values between the earliest and the latest pass too) and the same instants."""
    from netlytics.loaders.dates import parse_dates

    if not probes:
        return
    text = pd.concat([t for t, _ in probes], ignore_index=True)
    judged = parse_dates(
        text,
        dayfirst=ctx.options.dayfirst,
        tz=ctx.options.tz,
        as_of=ctx.future_after,
        earliest=ctx.earliest,
    )
    _check(judged["problem"].isna().to_numpy())
    _check(judged["at"].array.asi8 == np.concatenate([ns for _, ns in probes]))


def _vocab(sheet: _Sheet, column: str, allowed: tuple[str, ...]) -> pd.Series:
    values = sheet[column]
    _all_in(values, allowed)  # written (a null is in no vocabulary) and allowed
    return values


def _provenance(sheet: _Sheet, df: dict) -> None:
    """``source``, ``source_row`` and ``origin`` as the tracker sets them."""
    src = sheet["source"]
    df["source"] = src.where(src.notna(), sheet.source)
    row = _integers(sheet["source_row"])
    df["source_row"] = row.where(row.notna(), sheet.lines())
    origin = sheet["origin"]
    df["origin"] = origin.where(origin.isin(schema.ORIGINS), "tracker")


def _integers(text: pd.Series) -> pd.Series:
    """``pd.to_numeric(text, errors="coerce").astype("Int64")``, by one Arrow cast when every
    value is written as an integer."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        return pd.Series(pd.array(pc.cast(pa.array(text.array), pa.int64()), dtype="Int64"), index=text.index)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    try:
        return pd.to_numeric(text, errors="coerce").astype("Int64")
    except (TypeError, ValueError) as err:  # a fraction: the tracker's own reading decides
        raise _NotClean from err


# --- the three tables ----------------------------------------------------------------------------


class _Ctx:
    def __init__(self, options: LoadOptions, default: str) -> None:
        from netlytics._checks import parse_timestamp

        self.options = options
        self.default = default
        self.future_after = parse_timestamp("future_after", options.future_after).as_unit("ns")
        self.earliest = None if options.earliest is None else parse_timestamp("earliest", options.earliest)
        self.contacts: tuple[pd.Series, pd.Series] | None = None
        self.probes: list[tuple[pd.Series, np.ndarray]] = []

    def seekers(self, sheet: _Sheet) -> pd.Series:
        s = sheet["seeker"]
        return s.where(s.notna(), self.default).astype("str")

    def dates(self, sheet: _Sheet) -> dict[str, pd.Series]:
        return {col: _timestamps(sheet[col], self.probes) for col in _DATES[sheet.table]}


def _contacts(sheet: _Sheet, ctx: _Ctx) -> dict:
    name, email_raw, url_raw = sheet["name"], sheet["email"], sheet["profile_url"]
    _check((name.notna() | email_raw.notna() | url_raw.notna()).to_numpy())
    email = identity.normalise_email(email_raw)
    _check(~(email_raw.notna() & email.isna()).to_numpy())
    url = identity.normalise_url(url_raw)
    is_url = url.str.match(r"^https?://").to_numpy(dtype=bool, na_value=False)
    _check(~(url_raw.notna().to_numpy() & ~is_url))
    _check(sheet["contact_id"].notna().to_numpy())
    df = {
        "seeker": ctx.seekers(sheet),
        "contact_id": sheet["contact_id"],
        "name": name,
        "company": sheet["company"],
        "position": sheet["position"],
        "email": email,
        "profile_url": url.where(is_url),
        **ctx.dates(sheet),
    }
    _provenance(sheet, df)
    (codes,) = pair_codes((df["seeker"], df["contact_id"]))
    _unique(codes)
    ctx.contacts = (df["seeker"], df["contact_id"])
    return df


def _interactions(sheet: _Sheet, ctx: _Ctx) -> dict:
    seeker = ctx.seekers(sheet)
    dates = ctx.dates(sheet)
    _check(dates["at"].notna().to_numpy())
    vals = {col: _vocab(sheet, col, allowed) for col, allowed in _VOCAB["interactions"].items()}
    cid = sheet["contact_id"]
    _check((cid.notna() | (vals["kind"] == "event")).to_numpy(dtype=bool, na_value=False))
    intro = sheet["introduced"]
    named = intro.notna()
    if named.any():  # a contact id written back resolves to itself; anything else is a person to find
        known, codes = pair_codes(ctx.contacts, (seeker[named], intro[named]))
        _known(codes, known)
    df = {
        "seeker": seeker,
        "interaction_id": _ids(sheet, "interaction_id"),
        "contact_id": cid,
        "at": dates["at"],
        **vals,
        "ref": sheet["ref"],
        "company": sheet["company"],
        "introduced": intro,
    }
    _provenance(sheet, df)
    ref = df["ref"]
    has_ref = ref.notna()
    ids, refs = pair_codes((seeker, df["interaction_id"]), (seeker[has_ref], ref[has_ref]))
    _unique(ids)
    _known(refs, ids)
    return df


def _ids(sheet: _Sheet, column: str) -> pd.Series:
    """The written ids; a row without one gets ``<file>#<line>``, as in the tracker family."""
    ids = sheet[column]
    missing = ids.isna()
    if not missing.any():
        return ids
    return ids.where(~missing, sheet.source + "#" + sheet.index.astype("str"))


def _applications(sheet: _Sheet, ctx: _Ctx) -> dict:
    dates = ctx.dates(sheet)
    _check(dates["applied_at"].notna().to_numpy())
    df = {
        "seeker": ctx.seekers(sheet),
        "application_id": _ids(sheet, "application_id"),
        "company": sheet["company"],
        "role": sheet["role"],
        "applied_at": dates["applied_at"],
        "via": _vocab(sheet, "via", schema.VIAS),
        "contact_id": sheet["contact_id"],
        "status": _vocab(sheet, "status", schema.STATUSES),
        "status_at": dates["status_at"],
    }
    _provenance(sheet, df)
    (codes,) = pair_codes((df["seeker"], df["application_id"]))
    _unique(codes)
    return df


_BUILDERS = {"contacts": _contacts, "interactions": _interactions, "applications": _applications}


# --- assembling, as the tracker family does ------------------------------------------------------


def _one_named_seeker(t: dict[str, pd.DataFrame], default: str) -> None:
    """When the rows name one seeker, the file-level tables follow it (with the tracker's note)."""
    from netlytics.loaders.tracker.assemble import SEEKER_NOTE

    named = set()
    for name in _TRACKER_TABLES:
        named.update(t[name]["seeker"].dropna().unique().tolist())
    if len(named) != 1 or default in named:
        return
    (seeker,) = named
    note = SEEKER_NOTE.format(seeker=seeker, default=default)
    extra = pd.DataFrame({"seeker": [None], "source": [None], "topic": ["seeker"], "note": [note]})
    t["notes"] = pd.concat([t["notes"], extra], ignore_index=True)
    for name in ("sources", "notes", "problems", "excluded"):
        t[name] = t[name].assign(seeker=seeker)


def _build(path: Path, ctx: _Ctx) -> NetworkData:
    from netlytics.loaders._base import Builder
    from netlytics.loaders.tracker.assemble import _empty_files as empty_files
    from netlytics.loaders.tracker.mapping import read_mapping, sheet_mapping
    from netlytics.loaders.tracker.sheets import read_csv

    mapping = read_mapping(None)
    b = Builder(seeker=ctx.default)
    sheets = {}
    for file in sorted(CSV_FILES.values()):  # the tracker's order: by file name
        table = next(t for t, f in CSV_FILES.items() if f == file)
        smap = sheet_mapping(mapping, Path(file).stem)
        if table in _TRACKER_TABLES:
            sheets[table] = sheet = _Sheet(path / file, table, smap)
            for note in sheet.notes:
                b.note(f"{file}: {note}", topic="columns", source=file)
    for file in sorted(f for t, f in CSV_FILES.items() if t not in _TRACKER_TABLES):
        sheet = read_csv(path / file)
        headers = [h for h in sheet.headers if h][:8]
        b.note(
            f"{file}: sheet {sheet.name!r} is not a contacts, interactions or applications sheet and "
            f"was ignored (headers {headers}).",
            topic="sheets",
            source=file,
        )
    built = {table: _BUILDERS[table](sheets[table], ctx) for table in _TRACKER_TABLES}
    _judge(ctx.probes, ctx)
    for table in _TRACKER_TABLES:
        sheet = sheets[table]
        b.read(sheet.source, table, len(sheet.index))
        frame = pd.DataFrame(built[table], index=sheet.index)
        b.add(
            table,
            schema.conform(table, frame.reindex(columns=schema.TABLES[table].columns).reset_index(drop=True)),
            source=sheet.source,
        )
    t = b.frames()
    empty_files(t, ctx.default)  # the tracker's own: a file without rows is a note, not a source
    _one_named_seeker(t, ctx.default)
    return NetworkData(**t)


def load_clean(path: Path, options: LoadOptions) -> NetworkData | None:
    """A canonical CSV folder whose every value is already canonical, else None.

    Parameters
    ----------
    path
        A folder for which :func:`is_csv_tables` is true.
    options
        :class:`~netlytics.loaders._options.LoadOptions` (seeker, tz, dayfirst, future_after and
        earliest apply; a ``mapping`` sends the folder to the tracker family).

    Returns
    -------
    NetworkData or None
        What the tracker family loads from the folder, or None when some value is not
        canonical (the tracker family then loads it and reports why).

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : the full reading, which this one equals.
    """
    path = Path(path)
    if options.mapping is not None or options.future_after is None:
        return None
    if options.dayfirst is not None and not isinstance(options.dayfirst, bool):
        return None
    try:
        pd.Timestamp(0).tz_localize(options.tz)
    except Exception:  # an unknown zone: the tracker family says so
        return None
    ctx = _Ctx(options, options.seeker or path.name)
    try:
        return _build(path, ctx)
    except _NotClean:
        return None
