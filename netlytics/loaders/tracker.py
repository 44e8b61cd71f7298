"""Trackers written by people: workbooks (.xlsx, .xlsm, .xls) and CSV files.

How a tracker is read (docs/trackers.md explains it for coaches):

1. **Sheets.** Each sheet (or CSV file) is one table: ``contacts``, ``interactions`` or
   ``applications``. The table comes from the ``mapping=`` (``"table"``), else from the sheet name
   or CSV stem (:data:`netlytics.aliases.SHEET_ALIASES`), else from the headers (a date plus a
   channel, kind or direction is an interactions sheet; an application date plus a status, via or
   role is an applications sheet; a name, e-mail or profile URL without a date is a contacts
   sheet). A single CSV whose headers say nothing is read as interactions. Any other sheet
   (a "Data dictionary", a chart sheet) is ignored with a note.
2. **Header row.** The first row that names at least two known columns (within the first 10
   rows of a workbook sheet; row 1 in a canonical tracker); rows above it are titles, not data.
3. **Headers.** Renamed by ``mapping["sheets"][<sheet>]["columns"]`` (exact match), else through
   :data:`netlytics.aliases.HEADER_ALIASES` (case, spaces, ``-``/``_`` ignored). Unknown headers
   are ignored and reported once in a note, with a did-you-mean.
4. **Rows.** A row whose cells are all empty is not a data row (it is not counted). Every other
   row is either loaded or reported in ``problems`` (one row per bad input row, with every bad
   cell named): rows read = loaded + problems, per sheet.
5. **Values.** Mapping values first (trimmed, case ignored), then the canonical vocabulary, then
   :data:`netlytics.aliases.VALUE_ALIASES`. A value alias may also fill a second, empty column
   ("coffee" as a channel also makes an empty kind ``meeting``).
6. **Defaults** (counted in a note, topic ``defaults``): an empty kind is ``meeting`` for live
   channels and ``message`` otherwise; an empty direction is ``outbound`` (a tracker logs the
   seeker's own networking) except for gift kinds, where it is a problem; an empty application
   status is ``applied`` and an empty ``via`` is ``other``.
7. **People.** ``contact`` (and ``introduced``) name a person as written: a profile URL, an
   e-mail or a name. It is matched to the contacts sheet by URL, then e-mail, then normalised
   name. A person not in the contacts sheet becomes a contact of their own, keyed by what was
   written (note, topic ``contacts``). An empty contact is a problem except for events.
8. **Ids.** ``interaction_id``/``application_id`` come from their column; empty or absent, they
   are ``"<source>#<row>"``. A repeated id is a problem for every row after the first. ``ref``
   must name an interaction that loaded (or, in a sheet without an id column, its row number).
9. **Dates.** See :mod:`netlytics.loaders.dates`. A date more than one day after ``as_of`` is a
   problem; when ``as_of`` is None the load time is used (the one place netlytics reads the
   clock).
10. **Formula injection.** One leading apostrophe before ``= + - @``, tab or CR is removed (netlytics writes
    such cells that way).
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from netlytics import aliases, identity, schema
from netlytics.data import TABLE_NAMES as CONTAINER_TABLES
from netlytics.data import NetworkData
from netlytics.errors import FormatError, InputError, MappingError, ParameterError
from netlytics.loaders._base import Builder, issue_frame, refuse_links
from netlytics.loaders.dates import parse_dates

__all__ = [
    "SUFFIXES",
    "sniff",
    "is_tracker_file",
    "tracker_files",
    "read_mapping",
    "load_tracker",
    "load_files",
]

PathLike = str | os.PathLike

#: File suffixes read as trackers.
SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".csv")
_WORKBOOKS = (".xlsx", ".xlsm", ".xls")

TABLE_NAMES: tuple[str, ...] = ("contacts", "interactions", "applications")

#: Basenames (lower case, without .csv) of LinkedIn export files (FORMATS.md section 1.4).
_LINKEDIN_STEMS = frozenset(
    s.lower()
    for s in (
        "Account Status History",
        "Ad Targeting",
        "Ad_Targeting",
        "Causes You Care About",
        "Certifications",
        "coach_messages",
        "Comments",
        "Company Follows",
        "Connections",
        "Courses",
        "Education",
        "Email Addresses",
        "Endorsement Given Info",
        "Endorsement Received Info",
        "Endorsement_Given_Info",
        "Endorsement_Received_Info",
        "Events",
        "guide_messages",
        "Hashtag_Follows",
        "Honors",
        "Imported Contacts",
        "ImportedContacts",
        "Inferences_about_you",
        "InstantReposts",
        "Invitations",
        "Job Applicant Saved Answers",
        "Job Applicant Saved Screening Question Responses",
        "Job Applications",
        "Job Seeker Preferences",
        "Languages",
        "Learning",
        "learning_coach_messages",
        "learning_role_play_messages",
        "LearningCoachMessages",
        "Logins",
        "Member_Follows",
        "messages",
        "Online Job Postings",
        "Organizations",
        "Phone Numbers",
        "PhoneNumbers",
        "Positions",
        "Profile",
        "Profile Summary",
        "Projects",
        "Providers",
        "Publications",
        "Reactions",
        "Receipts",
        "Receipts_v2",
        "Recommendations",
        "Recommendations Given",
        "Recommendations Received",
        "Recommendations_Given",
        "Recommendations_Received",
        "Registration",
        "Rich Media",
        "Rich_Media",
        "Saved Jobs",
        "Saved_Items",
        "SavedJobAlerts",
        "Search Queries",
        "SearchQueries",
        "Security Challenges",
        "Shares",
        "Skills",
        "Verifications",
        "Volunteering",
        "Votes",
        "Whatsapp Phone Numbers",
    )
)
#: LinkedIn's address-book export is also called Contacts.csv; its header gives it away.
_LINKEDIN_CONTACTS_HEADERS = frozenset({"firstname", "lastname", "emails", "createdat", "phonenumbers"})

_DISTINCTIVE = {
    "contacts": {"name", "first_name", "last_name", "email", "profile_url", "position", "connected_on"},
    "interactions": {"at", "channel", "direction", "kind", "ref", "introduced", "interaction_id"},
    "applications": {"applied_at", "role", "via", "status", "status_at", "application_id"},
}
_VOCAB_COLUMNS = {
    "interactions": {"channel": schema.CHANNELS, "direction": schema.DIRECTIONS, "kind": schema.KINDS},
    "applications": {"via": schema.VIAS, "status": schema.STATUSES},
    "contacts": {},
}
_DATE_COLUMNS = {
    "contacts": ("connected_on",),
    "interactions": ("at",),
    "applications": ("applied_at", "status_at"),
}
_ID_COLUMN = {"interactions": "interaction_id", "applications": "application_id"}
_PROVENANCE = ("seeker", "contact_id", "source", "source_row", "origin")


# --- finding tracker files ----------------------------------------------------------------


def _is_linkedin_csv(path: Path) -> bool:
    stem = path.stem.lower()
    base = stem.rstrip("0123456789").rstrip("_") if stem[-1:].isdigit() else stem
    if stem == "contacts":
        try:
            with path.open("rb") as fh:
                head = fh.read(4096).decode("utf-8", errors="replace").lower()
        except OSError:
            return False
        first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
        fields = {f.strip().strip('"').replace(" ", "") for f in first.split(",")}
        return len(fields & _LINKEDIN_CONTACTS_HEADERS) >= 2
    if stem in _LINKEDIN_STEMS or base in _LINKEDIN_STEMS:
        return True
    try:
        with path.open("rb") as fh:
            first = fh.read(64)
    except OSError:
        return False
    return first.lstrip(b"\xef\xbb\xbf").startswith(b"Notes:")


def is_tracker_file(path: Path) -> bool:
    """True for a workbook, or a CSV file that is not part of a LinkedIn export.

    Spreadsheet lock files (``~$name.xlsx``) and hidden files are not trackers.

    Examples
    --------
    >>> from pathlib import Path
    >>> is_tracker_file(Path("clients/ana.xlsx")), is_tracker_file(Path("~$ana.xlsx"))
    (True, False)
    """
    path = Path(path)
    if path.name.startswith(("~$", ".")) or path.suffix.lower() not in SUFFIXES:
        return False
    if path.suffix.lower() == ".csv":
        return not path.exists() or not _is_linkedin_csv(path)
    return True


def tracker_files(folder: Path) -> list[Path]:
    """The tracker files directly inside ``folder``, sorted by name (symbolic links excluded:
    see :func:`linked_files`)."""
    return sorted(
        (p for p in Path(folder).iterdir() if not p.is_symlink() and p.is_file() and is_tracker_file(p)),
        key=lambda p: p.name,
    )


def linked_files(folder: Path) -> list[Path]:
    """Symbolic links directly inside ``folder`` named like a tracker. They are never followed
    (a link could point at any file on the machine): loaders report each as a problem. Only
    the link's name is looked at, never its target."""
    return sorted(
        (
            p
            for p in Path(folder).iterdir()
            if p.is_symlink() and not p.name.startswith(("~$", ".")) and p.suffix.lower() in SUFFIXES
        ),
        key=lambda p: p.name,
    )


def sniff(path: Path) -> bool:
    """True for a tracker file (.xlsx/.xlsm/.xls/.csv that is not a LinkedIn export file) or a
    folder holding at least one."""
    path = Path(path)
    if path.is_dir():
        return bool(tracker_files(path))
    return path.is_file() and is_tracker_file(path)


# --- the mapping -------------------------------------------------------------------------


def _known_columns(table: str) -> set[str]:
    return set(aliases.HEADER_ALIASES[table]) | {"notes"}


def _did_you_mean(value: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(value), list(options), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def read_mapping(mapping: dict | PathLike | None) -> dict:
    """Check a ``mapping=`` (a dict or a JSON file) and return it as a dict.

    The shape is ``{"sheets": {"<sheet name or CSV stem>": {"table": ..., "columns": {<header as
    written>: <canonical column>}, "values": {<canonical column>: {<value as written>:
    <canonical value>}}}}}``. Keys netlytics does not know (``"description"``, ``"notes"``) are
    ignored. A malformed mapping raises :class:`~netlytics.errors.MappingError` naming the key path.

    Examples
    --------
    >>> m = read_mapping({"sheets": {"Log": {"table": "interactions", "columns": {"Met": "at"},
    ...                              "values": {"channel": {"Café": "in_person"}}}}})
    >>> m["sheets"]["Log"]["columns"]
    {'Met': 'at'}
    >>> read_mapping({"sheets": {"Log": {"table": "interaction"}}})
    Traceback (most recent call last):
    ...
    netlytics.errors.MappingError: mapping['sheets']['Log']['table']: 'interaction' is not a table; expected one of ['contacts', 'interactions', 'applications']. Did you mean 'interactions'?
    """
    if mapping is None:
        return {"sheets": {}}
    where = "mapping"
    if isinstance(mapping, (str, os.PathLike)):
        where = f"mapping file {str(mapping)!r}"
        try:
            text = Path(mapping).read_text(encoding="utf-8")
        except OSError as err:
            raise InputError(
                f"Cannot read the mapping file {str(mapping)!r}: {err.strerror or err}."
            ) from err
        try:
            mapping = json.loads(text)
        except ValueError as err:
            raise MappingError(f"{where} is not valid JSON: {err}.") from err
    if not isinstance(mapping, dict):
        raise MappingError(f"{where}: expected an object with a 'sheets' key; got {type(mapping).__name__}.")
    sheets = mapping.get("sheets")
    if sheets is None:
        raise MappingError(
            f"{where}: no 'sheets' key. Expected {{'sheets': {{'<sheet name>': {{'table': ..., "
            f"'columns': {{...}}, 'values': {{...}}}}}}}}; found keys {sorted(map(str, mapping))}."
            + "".join(
                f" Did you mean 'sheets' instead of {k!r}?"
                for k in difflib.get_close_matches("sheets", [str(k) for k in mapping], n=1, cutoff=0.6)
            )
        )
    if not isinstance(sheets, dict):
        raise MappingError(
            f"mapping['sheets']: expected an object of sheet names; got {type(sheets).__name__}."
        )
    out: dict = {"sheets": {}}
    for sheet, spec in sheets.items():
        path = f"mapping['sheets'][{sheet!r}]"
        if not isinstance(spec, dict):
            raise MappingError(f"{path}: expected an object with 'table', 'columns', 'values'; got {spec!r}.")
        table = spec.get("table")
        if table is not None and table not in TABLE_NAMES:
            raise MappingError(
                f"{path}['table']: {table!r} is not a table; expected one of {list(TABLE_NAMES)}."
                + _did_you_mean(str(table), TABLE_NAMES)
            )
        allowed = _known_columns(table) if table else set().union(*(_known_columns(t) for t in TABLE_NAMES))
        columns = spec.get("columns", {})
        if not isinstance(columns, dict):
            raise MappingError(f"{path}['columns']: expected an object {{header: column}}; got {columns!r}.")
        for header, target in columns.items():
            if not isinstance(target, str) or target not in allowed:
                raise MappingError(
                    f"{path}['columns'][{header!r}]: {target!r} is not a column of "
                    f"{table or 'any tracker table'}; expected one of {sorted(allowed)}."
                    + _did_you_mean(str(target), sorted(allowed))
                )
        values = spec.get("values", {})
        if not isinstance(values, dict):
            raise MappingError(
                f"{path}['values']: expected an object {{column: {{value: value}}}}; got {values!r}."
            )
        clean_values: dict[str, dict[str, str]] = {}
        for column, vmap in values.items():
            vpath = f"{path}['values'][{column!r}]"
            if column not in allowed:
                raise MappingError(
                    f"{vpath}: {column!r} is not a column of {table or 'any tracker table'}; expected one of "
                    f"{sorted(allowed)}." + _did_you_mean(str(column), sorted(allowed))
                )
            if not isinstance(vmap, dict):
                raise MappingError(
                    f"{vpath}: expected an object {{value as written: canonical value}}; got {vmap!r}."
                )
            vocab = next((v[column] for v in _VOCAB_COLUMNS.values() if column in v), None)
            for written, canon in vmap.items():
                if not isinstance(canon, str) or (vocab is not None and canon not in vocab):
                    raise MappingError(
                        f"{vpath}[{written!r}]: {canon!r} is not a {column}; expected one of {list(vocab or [])}."
                        + _did_you_mean(str(canon), list(vocab or []))
                    )
            clean_values[column] = {str(k).strip().casefold(): v for k, v in vmap.items()}
        out["sheets"][str(sheet)] = {"table": table, "columns": dict(columns), "values": clean_values}
    return out


def _sheet_mapping(mapping: dict, name: str) -> dict:
    sheets = mapping["sheets"]
    if name in sheets:
        return sheets[name]
    folded = {k.casefold(): v for k, v in sheets.items()}
    return folded.get(name.casefold(), {"table": None, "columns": {}, "values": {}})


# --- reading sheets ----------------------------------------------------------------------


@dataclass
class _Sheet:
    """One sheet (or CSV file) as read: raw cells, the Excel/line row number of each row."""

    file: Path
    name: str  # sheet name, or file stem for a CSV
    source: str
    headers: list[str]
    cells: pd.DataFrame  # object cells, columns = positions 0..n-1, index = row numbers
    header_row: int = 1
    bad_records: list[list[str]] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)
    table: str | None = None
    columns: dict[int, str] = field(default_factory=dict)  # position -> canonical column


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() else str(v)
    return str(v).strip()


def _header_score(headers: list[str], mapping_cols: dict) -> int:
    best = 0
    for table in TABLE_NAMES:
        found = {mapping_cols.get(h) or aliases.header_lookup(table, h) for h in headers if h}
        best = max(best, len(found - {None}))
    return best


def _read_workbook(path: Path, mapping: dict) -> list[_Sheet]:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except (pc.CalamineError, OSError, ValueError) as err:
        raise FormatError(f"Cannot read workbook {path.name!r}: {err}.") from err
    sheets = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            mcols = _sheet_mapping(mapping, meta.name)["columns"]
            header_idx = None
            first_nonblank = None
            for i, row in enumerate(rows[:10]):
                texts = [_cell_text(v) for v in row]
                if not any(texts):
                    continue
                if first_nonblank is None:
                    first_nonblank = i
                if _header_score(texts, mcols) >= 2:
                    header_idx = i
                    break
            if header_idx is None:
                header_idx = first_nonblank if first_nonblank is not None else 0
            headers = [_cell_text(v) for v in rows[header_idx]] if rows else []
            body = rows[header_idx + 1 :]
            cells = (
                pd.DataFrame(body, columns=range(len(headers)), dtype=object)
                if body
                else pd.DataFrame(columns=range(len(headers)), dtype=object)
            )
            cells.index = pd.RangeIndex(header_idx + 2, header_idx + 2 + len(body))
            sheets.append(
                _Sheet(
                    file=path,
                    name=meta.name,
                    source=f"{path.name}:{meta.name}",
                    headers=headers,
                    cells=cells,
                    header_row=header_idx + 1,
                )
            )
    except pc.CalamineError as err:
        raise FormatError(f"Cannot read workbook {path.name!r}: {err}.") from err
    return sheets


def _read_csv(path: Path) -> _Sheet:
    from netlytics.loaders._io import read_csv_bytes

    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"Cannot read {str(path)!r}: {err.strerror or err}.") from err
    table = read_csv_bytes(data, name=path.name)
    frame = table.frame
    cells = pd.DataFrame({i: frame.iloc[:, i].astype(object) for i in range(frame.shape[1])})
    cells.index = pd.Index(table.lines.astype("int64"))
    return _Sheet(
        file=path,
        name=path.stem,
        source=path.name,
        headers=[str(c) for c in frame.columns],
        cells=cells,
        header_row=table.header_line,
        bad_records=list(table.bad_records),
        bad_lines=list(table.bad_lines),
    )


def _clean_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Strip text, empty -> None, remove the anti-formula apostrophe."""
    out = {}
    for col in cells.columns:
        s = cells[col]
        is_str = s.notna() if _all_text(s) else s.map(lambda v: isinstance(v, str))
        if is_str.any():
            t = s.where(is_str).astype("str").str.strip()
            t = t.str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
            t = t.where(t != "")
            s = s.where(~is_str, t.astype(object))
            s = s.where(~is_str | t.notna(), None)
        s = s.where(s.notna(), None)
        out[col] = s.astype(object)
    return pd.DataFrame(out, index=cells.index, columns=cells.columns)


# --- per-row issues ----------------------------------------------------------------------


class _Issues:
    """Collects (row, column, value, reason) per sheet; joined into one problem row per row."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []

    def add(
        self, mask: pd.Series, column: str, value: pd.Series | str | None, reason: pd.Series | str
    ) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        idx = mask[mask].index
        val = value[idx].map(_cell_text) if isinstance(value, pd.Series) else pd.Series(value, index=idx)
        rsn = reason[idx] if isinstance(reason, pd.Series) else pd.Series(reason, index=idx)
        self.parts.append(
            pd.DataFrame(
                {"row": idx, "column": column, "value": val.astype(object), "reason": rsn.astype(object)}
            )
        )

    def rows(self) -> pd.Index:
        if not self.parts:
            return pd.Index([], dtype="int64")
        return pd.Index(pd.concat(self.parts)["row"].unique())

    def frame(self, source: str) -> pd.DataFrame:
        if not self.parts:
            return issue_frame(source=source, reason=pd.Series([], dtype="str"), rows=[])
        df = pd.concat(self.parts, ignore_index=True)
        df["value"] = df["value"].where(df["value"].notna(), "").astype("str")
        df["column"] = df["column"].astype("str")
        df["reason"] = df["reason"].astype("str")
        # rows with one issue (the usual case, e.g. a million bad dates) need no joining;
        # only rows with several issues are grouped
        several = df["row"].duplicated(keep=False)
        single = df.loc[~several].set_index("row")[["column", "value", "reason"]]
        parts = [single]
        if several.any():
            g = df.loc[several].groupby("row", sort=True)
            parts.append(
                pd.DataFrame(
                    {
                        "column": g["column"].agg(lambda s: ", ".join(dict.fromkeys(s))),
                        "value": g["value"].agg(lambda s: "; ".join(s)),
                        "reason": g["reason"].agg(lambda s: "; ".join(s)),
                    }
                )
            )
        joined = pd.concat(parts).sort_index(kind="stable")
        return issue_frame(
            source=source,
            rows=pd.Series(joined.index),
            column=joined["column"],
            value=joined["value"],
            reason=joined["reason"],
        )


# --- the loader --------------------------------------------------------------------------


def _as_of(as_of) -> pd.Timestamp:
    if as_of is None:
        return pd.Timestamp.now(tz="UTC").as_unit("ns")
    try:
        ts = pd.Timestamp(as_of)
    except (ValueError, TypeError) as err:
        raise ParameterError(
            f"as_of must be a date or timestamp (e.g. '2025-03-01'); got {as_of!r}."
        ) from err
    if pd.isna(ts):
        raise ParameterError(f"as_of must be a date or timestamp; got {as_of!r}.")
    return (ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")).as_unit("ns")


#: sheets of a workbook written by :func:`netlytics.write_tables` that are not tracker tables
_NON_TRACKER_SHEETS = frozenset(CONTAINER_TABLES) - set(TABLE_NAMES)


def _detect_table(sheet: _Sheet, smap: dict, single_csv: bool) -> str | None:
    if smap.get("table"):
        return smap["table"]
    name = aliases.normalise(sheet.name)
    if name in _NON_TRACKER_SHEETS or name.startswith("netlytics"):
        return None  # the other canonical tables written by netlytics.write_tables
    by_name = aliases.SHEET_ALIASES.get(name)
    if by_name:
        return by_name
    found: dict[str, set[str]] = {}
    for table in TABLE_NAMES:
        cols = {smap["columns"].get(h) or aliases.header_lookup(table, h) for h in sheet.headers if h}
        found[table] = cols - {None}
    f = found
    if "at" in f["interactions"] and f["interactions"] & {"channel", "kind", "direction"}:
        return "interactions"
    if "applied_at" in f["applications"] and f["applications"] & {"status", "via", "role"}:
        return "applications"
    if f["contacts"] & {"name", "first_name", "email", "profile_url"} and "at" not in f["interactions"]:
        return "contacts"
    if single_csv:
        return "interactions"
    return None


def _assign_columns(sheet: _Sheet, smap: dict, b: Builder) -> None:
    """Map header positions to canonical columns; note unknown and duplicate headers."""
    table = sheet.table
    used: dict[str, int] = {}
    unknown: list[str] = []
    known_aliases = [a for col, al in aliases.HEADER_ALIASES[table].items() for a in (col, *al)]
    for pos, header in enumerate(sheet.headers):
        has_data = sheet.cells[pos].notna().any() if pos in sheet.cells else False
        if not header:
            if has_data:
                unknown.append(f"(column {pos + 1} has no header)")
            continue
        target = smap["columns"].get(header) or aliases.header_lookup(table, header)
        if target is None and aliases.normalise(header) in aliases.IGNORED_HEADERS:
            continue
        if target == "notes":
            continue
        if target is None:
            hint = difflib.get_close_matches(aliases.normalise(header), known_aliases, n=1, cutoff=0.75)
            unknown.append(repr(header) + (f" (did you mean {hint[0]!r}?)" if hint else ""))
            continue
        if target in used:
            b.note(
                f"{sheet.source}: column {header!r} is read as {target!r}, but column "
                f"{sheet.headers[used[target]]!r} already is; {header!r} was ignored.",
                topic="columns",
                source=sheet.source,
            )
            continue
        used[target] = pos
    if unknown:
        b.note(
            f"{sheet.source}: column(s) {', '.join(unknown)} are not {table} columns and were ignored "
            f"(see docs/trackers.md for the headers netlytics reads, or give a mapping).",
            topic="columns",
            source=sheet.source,
        )
    sheet.columns = {pos: col for col, pos in used.items()}


def _column(sheet: _Sheet, cells: pd.DataFrame, name: str) -> pd.Series:
    for pos, col in sheet.columns.items():
        if col == name:
            return cells[pos]
    return pd.Series(None, index=cells.index, dtype=object)


def _all_text(s: pd.Series) -> bool:
    """Every non-null cell is a str (the usual CSV case): vectorised string methods apply."""
    return pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty")


def _text(s: pd.Series) -> pd.Series:
    if _all_text(s):
        out = s.astype("str").str.strip()
    else:
        out = s.map(lambda v: None if v is None else _cell_text(v)).astype("str")
    return out.where(out.notna() & (out != ""))


def _map_vocab(
    sheet: _Sheet, smap: dict, values: pd.Series, column: str, vocab: tuple[str, ...], issues: _Issues
) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Canonical values for one vocabulary column, plus the secondary cells aliases set."""
    text = _text(values)
    user = smap["values"].get(column, {})
    result: dict = {}
    secondary: dict[str, dict] = {}
    for raw in text.dropna().unique():
        key = raw.strip().casefold()
        if key in user:
            result[raw] = user[key]
        elif raw in vocab:
            result[raw] = raw
        else:
            hit = aliases.value_lookup(column, raw)
            if hit:
                result[raw] = hit[column]
                for other, v in hit.items():
                    if other != column:
                        secondary.setdefault(other, {})[raw] = v
    canon = text.map(result).astype("str")
    unknown = text.notna() & canon.isna()
    if unknown.any():
        reasons = {}
        for raw in text[unknown].unique():
            hint = aliases.suggest(column, raw)
            extra = [k for k in user if difflib.get_close_matches(raw.casefold(), [k], n=1, cutoff=0.75)]
            hint = hint or (extra[0] if extra else None)
            reasons[raw] = (
                f"unknown {column} {raw!r}"
                + (f" (did you mean {hint!r}?)" if hint else "")
                + f"; allowed: {', '.join(vocab)}, a spelling from the alias table, or a mapping value"
            )
        issues.add(unknown, column, text, text.map(reasons))
    sec = {other: text.map(m).astype("str") for other, m in secondary.items()}
    return canon, sec


def _ids(sheet: _Sheet, cells: pd.DataFrame, column: str) -> tuple[pd.Series, bool]:
    has = column in sheet.columns.values()
    written = _text(_column(sheet, cells, column))
    generated = pd.Series(sheet.source + "#" + cells.index.astype("str"), index=cells.index, dtype="str")
    return written.where(written.notna(), generated), has


def _pairs_in(seeker: pd.Series, values: pd.Series, pairs: set) -> pd.Series:
    """Vectorised ``(seeker, value) in pairs``."""
    if not pairs:
        return pd.Series(False, index=seeker.index)
    known = pd.MultiIndex.from_tuples(list(pairs))
    here = pd.MultiIndex.from_arrays([seeker.astype(object), values.astype(object)])
    return pd.Series(here.isin(known), index=seeker.index)


@dataclass
class _People:
    """Lookup of written person references -> contact_id, per seeker."""

    keys: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    known_ids: set[tuple[str, str]] = field(default_factory=set)

    def register(self, contacts: pd.DataFrame) -> None:
        seeker = contacts["seeker"]
        for kind, key in (
            ("url", identity.normalise_url(contacts["profile_url"])),
            ("email", identity.normalise_email(contacts["email"])),
            ("name", identity.normalise_name(contacts["name"])),
        ):
            full = (seeker + "\x1f" + kind + ":" + key).where(key.notna())
            frame = pd.DataFrame({"k": full, "id": contacts["contact_id"]}).dropna()
            first = frame.drop_duplicates("k")
            for k, cid in zip(first["k"], first["id"], strict=True):
                self.keys.setdefault(k, cid)
            dups = frame[frame.duplicated("k", keep=False)]
            for k, grp in dups.groupby("k"):
                ids = list(dict.fromkeys(grp["id"]))
                if len(ids) > 1:
                    self.ambiguous[k] = ids
        self.known_ids.update(zip(contacts["seeker"], contacts["contact_id"], strict=True))

    def resolve(self, seeker: pd.Series, written: pd.Series, source: str) -> tuple[pd.Series, pd.DataFrame]:
        """contact_id for each written reference, and the new contacts it implies."""
        text = _text(written)
        low = text.str.lower()
        is_url = low.str.contains(r"linkedin\.com|^https?://|^www\.", regex=True, na=False)
        is_email = ~is_url & low.str.contains("@", regex=False, na=False)
        is_name = text.notna() & ~is_url & ~is_email
        url = identity.normalise_url(text.where(is_url))
        email = identity.normalise_email(text.where(is_email))
        name = identity.normalise_name(text.where(is_name))
        kind_key = ("url:" + url).where(is_url, ("email:" + email).where(is_email, "name:" + name))
        full = seeker + "\x1f" + kind_key
        found = full.map(self.keys).astype("str")
        # a value that already is one of this seeker's contact ids (a canonical table written back)
        known = _pairs_in(seeker, text, self.known_ids)
        found = text.where(known & text.notna(), found)
        own = identity.contact_key(text.where(is_url), text.where(is_email), text.where(is_name))
        cid = found.where(found.notna(), own).where(text.notna())
        new = pd.DataFrame(
            {
                "seeker": seeker,
                "contact_id": cid,
                "name": text.where(is_name),
                "email": email,
                "profile_url": url,
            }
        )[found.isna() & cid.notna()]
        new = new.drop_duplicates(["seeker", "contact_id"])
        keep = ~_pairs_in(new["seeker"], new["contact_id"], self.known_ids)
        new = new[keep].assign(source=source, origin="tracker")
        if len(new):
            self.register(new)
        return cid.astype("str"), new


def _future_and_dates(
    sheet: _Sheet,
    cells: pd.DataFrame,
    table: str,
    issues: _Issues,
    tz: str,
    dayfirst,
    as_of,
    required: str | None,
) -> dict[str, pd.Series]:
    out = {}
    for col in _DATE_COLUMNS[table]:
        raw = _column(sheet, cells, col)
        parsed = parse_dates(raw, dayfirst=dayfirst, tz=tz, as_of=as_of)
        issues.add(parsed["problem"].notna(), col, raw, parsed["problem"])
        if col == required:
            missing = raw.isna()
            issues.add(missing, col, None, f"missing {col}: every {table[:-1]} needs a date")
        out[col] = parsed["at"]
    return out


def _seekers(sheet: _Sheet, cells: pd.DataFrame, default: str) -> pd.Series:
    s = _text(_column(sheet, cells, "seeker"))
    return s.where(s.notna(), default).astype("str")


def _provenance(sheet: _Sheet, cells: pd.DataFrame, df: dict) -> None:
    src = _text(_column(sheet, cells, "source"))
    df["source"] = src.where(src.notna(), sheet.source)
    row = pd.to_numeric(_text(_column(sheet, cells, "source_row")), errors="coerce").astype("Int64")
    df["source_row"] = row.where(row.notna(), pd.Series(cells.index, index=cells.index, dtype="Int64"))
    origin = _text(_column(sheet, cells, "origin"))
    df["origin"] = origin.where(origin.isin(schema.ORIGINS), "tracker")


@dataclass
class _Ctx:
    b: Builder
    mapping: dict
    tz: str
    dayfirst: bool | None
    as_of: pd.Timestamp
    default_seeker: str
    people: _People = field(default_factory=_People)
    defaults: dict[str, int] = field(default_factory=dict)
    implicit: list[pd.DataFrame] = field(default_factory=list)


def _contacts(sheet: _Sheet, cells: pd.DataFrame, ctx: _Ctx, issues: _Issues) -> pd.DataFrame:
    name = _text(_column(sheet, cells, "name"))
    first, last = _text(_column(sheet, cells, "first_name")), _text(_column(sheet, cells, "last_name"))
    both = first.fillna("") + " " + last.fillna("")
    both = both.str.strip().where(lambda s: s != "")
    name = name.where(name.notna(), both)
    email_raw = _text(_column(sheet, cells, "email"))
    email = identity.normalise_email(email_raw)
    issues.add(
        email_raw.notna() & email.isna(),
        "email",
        email_raw,
        "not an e-mail address (allowed: name@example.org)",
    )
    url_raw = _text(_column(sheet, cells, "profile_url"))
    url = identity.normalise_url(url_raw)
    issues.add(
        url_raw.notna() & ~url.str.match(r"^https?://", na=False),
        "profile_url",
        url_raw,
        "not a profile URL (allowed: https://www.linkedin.com/in/<name>)",
    )
    issues.add(
        name.isna() & email_raw.isna() & url_raw.isna(),
        "name",
        None,
        "missing contact: the row names nobody (a name, email or profile_url is needed)",
    )
    dates = _future_and_dates(sheet, cells, "contacts", issues, ctx.tz, ctx.dayfirst, ctx.as_of, None)
    seeker = _seekers(sheet, cells, ctx.default_seeker)
    given = _text(_column(sheet, cells, "contact_id"))
    cid = given.where(given.notna(), identity.contact_key(url_raw, email_raw, name))
    df = {
        "seeker": seeker,
        "contact_id": cid,
        "name": name,
        "company": _text(_column(sheet, cells, "company")),
        "position": _text(_column(sheet, cells, "position")),
        "email": email,
        "profile_url": url.where(url.str.match(r"^https?://", na=False)),
        "connected_on": dates["connected_on"],
    }
    _provenance(sheet, cells, df)
    out = pd.DataFrame(df, index=cells.index)
    bad = out.index.isin(issues.rows())
    first_row = (
        pd.Series(out.index, index=out.index)
        .where(~bad)
        .groupby([out["seeker"], out["contact_id"]])
        .transform("min")
    )
    dup = ~bad & out.duplicated(["seeker", "contact_id"], keep=False) & (out.index != first_row)
    dup &= out["contact_id"].notna()
    issues.add(
        pd.Series(dup, index=out.index),
        "contact_id",
        out["contact_id"],
        "duplicate contact: the same person as row " + first_row.astype("Int64").astype("str"),
    )
    return out


def _interactions(sheet: _Sheet, cells: pd.DataFrame, ctx: _Ctx, issues: _Issues) -> pd.DataFrame:
    smap = _sheet_mapping(ctx.mapping, sheet.name)
    seeker = _seekers(sheet, cells, ctx.default_seeker)
    ids, _ = _ids(sheet, cells, "interaction_id")
    dates = _future_and_dates(sheet, cells, "interactions", issues, ctx.tz, ctx.dayfirst, ctx.as_of, "at")
    vals, secs = {}, {}
    for col, vocab in _VOCAB_COLUMNS["interactions"].items():
        vals[col], sec = _map_vocab(sheet, smap, _column(sheet, cells, col), col, vocab, issues)
        for other, s in sec.items():
            secs.setdefault(other, []).append(s)
    for col, fills in secs.items():
        for s in fills:
            vals[col] = vals[col].where(vals[col].notna() | _text(_column(sheet, cells, col)).notna(), s)
    raw = {c: _text(_column(sheet, cells, c)) for c in ("channel", "direction", "kind")}
    issues.add(
        raw["channel"].isna() & vals["channel"].isna(),
        "channel",
        None,
        f"missing channel (allowed: {', '.join(schema.CHANNELS)})",
    )
    # defaults
    kind_default = vals["kind"].isna() & raw["kind"].isna()
    live = vals["channel"].isin(schema.LIVE_CHANNELS)
    vals["kind"] = vals["kind"].where(
        ~kind_default, pd.Series(np.where(live, "meeting", "message"), index=cells.index)
    )
    dir_empty = vals["direction"].isna() & raw["direction"].isna()
    gift = vals["kind"].isin(schema.GIFT_KINDS)
    issues.add(
        dir_empty & gift,
        "direction",
        None,
        "missing direction for a gift (outbound = the seeker gave it, inbound = the seeker received it)",
    )
    dir_default = dir_empty & ~gift
    vals["direction"] = vals["direction"].where(~dir_default, "outbound")
    # people
    given_cid = _text(_column(sheet, cells, "contact_id"))
    contact_raw = _column(sheet, cells, "contact")
    cid, new1 = ctx.people.resolve(seeker, contact_raw, sheet.source)
    cid = given_cid.where(given_cid.notna(), cid)
    no_person = cid.isna() & vals["kind"].notna() & (vals["kind"] != "event")
    issues.add(
        no_person, "contact", None, "missing contact: say who it was with (a name, email or profile URL)"
    )
    intro, new2 = ctx.people.resolve(seeker, _column(sheet, cells, "introduced"), sheet.source)
    df = {
        "seeker": seeker,
        "interaction_id": ids,
        "contact_id": cid,
        "at": dates["at"],
        "channel": vals["channel"],
        "direction": vals["direction"],
        "kind": vals["kind"],
        "ref": _text(_column(sheet, cells, "ref")),
        "company": _text(_column(sheet, cells, "company")),
        "introduced": intro,
    }
    _provenance(sheet, cells, df)
    out = pd.DataFrame(df, index=cells.index)
    ok = ~out.index.isin(issues.rows())
    ctx.defaults["kind"] = ctx.defaults.get("kind", 0) + int((kind_default & ok).sum())
    ctx.defaults["direction"] = ctx.defaults.get("direction", 0) + int((dir_default & ok).sum())
    ctx.implicit.extend([new1, new2])
    return out


def _applications(sheet: _Sheet, cells: pd.DataFrame, ctx: _Ctx, issues: _Issues) -> pd.DataFrame:
    smap = _sheet_mapping(ctx.mapping, sheet.name)
    seeker = _seekers(sheet, cells, ctx.default_seeker)
    ids, _ = _ids(sheet, cells, "application_id")
    dates = _future_and_dates(
        sheet, cells, "applications", issues, ctx.tz, ctx.dayfirst, ctx.as_of, "applied_at"
    )
    vals = {}
    for col, vocab in _VOCAB_COLUMNS["applications"].items():
        vals[col], _sec = _map_vocab(sheet, smap, _column(sheet, cells, col), col, vocab, issues)
    raw = {c: _text(_column(sheet, cells, c)) for c in ("via", "status")}
    via_default = vals["via"].isna() & raw["via"].isna()
    status_default = vals["status"].isna() & raw["status"].isna()
    vals["via"] = vals["via"].where(~via_default, "other")
    vals["status"] = vals["status"].where(~status_default, "applied")
    given_cid = _text(_column(sheet, cells, "contact_id"))
    cid, new = ctx.people.resolve(seeker, _column(sheet, cells, "contact"), sheet.source)
    cid = given_cid.where(given_cid.notna(), cid)
    df = {
        "seeker": seeker,
        "application_id": ids,
        "company": _text(_column(sheet, cells, "company")),
        "role": _text(_column(sheet, cells, "role")),
        "applied_at": dates["applied_at"],
        "via": vals["via"],
        "contact_id": cid,
        "status": vals["status"],
        "status_at": dates["status_at"],
    }
    _provenance(sheet, cells, df)
    out = pd.DataFrame(df, index=cells.index)
    ok = ~out.index.isin(issues.rows())
    ctx.defaults["via"] = ctx.defaults.get("via", 0) + int((via_default & ok).sum())
    ctx.defaults["status"] = ctx.defaults.get("status", 0) + int((status_default & ok).sum())
    ctx.implicit.append(new)
    return out


def _select(table: str, df: pd.DataFrame) -> pd.DataFrame:
    cols = schema.TABLES[table].columns
    return schema.conform(table, df.reindex(columns=cols).reset_index(drop=True))


def _duplicates(frames: list[tuple[_Sheet, pd.DataFrame, _Issues]], id_col: str) -> None:
    """Flag repeated ids (within a seeker, across sheets) on every row after the first."""
    if not frames:
        return
    parts = []
    for k, (sheet, df, issues) in enumerate(frames):
        ok = ~df.index.isin(issues.rows())
        parts.append(
            pd.DataFrame(
                {
                    "k": k,
                    "row": df.index[ok],
                    "seeker": df["seeker"][ok],
                    "id": df[id_col][ok],
                    "source": sheet.source,
                }
            )
        )
    allrows = pd.concat(parts, ignore_index=True)
    dup = allrows.duplicated(["seeker", "id"], keep="first")
    if not dup.any():
        return
    first = allrows[~dup].set_index(["seeker", "id"])
    for k, (sheet, _df, issues) in enumerate(frames):
        mine = allrows[dup & (allrows["k"] == k)]
        if not len(mine):
            continue
        where = first.loc[list(zip(mine["seeker"], mine["id"], strict=True))]
        said = np.where(
            where["source"].to_numpy() == sheet.source,
            "row " + where["row"].astype("str").to_numpy(),
            where["source"].to_numpy() + " row " + where["row"].astype("str").to_numpy(),
        )
        mask = pd.Series(False, index=_df.index)
        mask[mine["row"].to_numpy()] = True
        reason = pd.Series("", index=_df.index, dtype=object)
        reason[mine["row"].to_numpy()] = [f"duplicate {id_col} (first used in {s})" for s in said]
        issues.add(mask, id_col, _df[id_col], reason)


def _check_refs(frames: list[tuple[_Sheet, pd.DataFrame, _Issues]], has_id: dict[str, bool]) -> None:
    """``ref`` must name a loaded interaction; repeated until no new row fails (chains)."""
    while True:
        loaded = set()
        for _sheet, df, issues in frames:
            ok = ~df.index.isin(issues.rows())
            loaded.update(zip(df["seeker"][ok], df["interaction_id"][ok], strict=True))
        changed = False
        for sheet, df, issues in frames:
            ok = ~df.index.isin(issues.rows())
            ref = df["ref"]
            if not has_id[sheet.source]:
                as_row = sheet.source + "#" + ref
                known_row = _pairs_in(df["seeker"], as_row.fillna(""), loaded)
                df["ref"] = ref.where(~(known_row & ref.notna()), as_row)
                ref = df["ref"]
            known = _pairs_in(df["seeker"], ref.fillna(""), loaded)
            bad = ok & ref.notna() & ~known
            if bad.any():
                issues.add(
                    bad, "ref", ref, "ref points nowhere: no loaded interaction has this interaction_id"
                )
                changed = True
        if not changed:
            return


def _implicit_contacts(ctx: _Ctx, results: dict) -> None:
    """Add the people named only in loaded interactions/applications as contacts of their own."""
    frames = [f for f in ctx.implicit if len(f)]
    if not frames:
        return
    new = pd.concat(frames, ignore_index=True).drop_duplicates(["seeker", "contact_id"])
    used: set[tuple[str, str]] = set()
    have: set[tuple[str, str]] = set()
    for table, cols in (("interactions", ("contact_id", "introduced")), ("applications", ("contact_id",))):
        for _sheet, df, issues in results[table]:
            ok = df[~df.index.isin(issues.rows())]
            for col in cols:
                used.update(zip(ok["seeker"], ok[col], strict=True))
    for _sheet, df, issues in results["contacts"]:
        ok = df[~df.index.isin(issues.rows())]
        have.update(zip(ok["seeker"], ok["contact_id"], strict=True))
    keep = _pairs_in(new["seeker"], new["contact_id"], used) & ~_pairs_in(
        new["seeker"], new["contact_id"], have
    )
    new = new[keep]
    if not len(new):
        return
    ctx.b.add("contacts", _select("contacts", new), counted=False)
    ctx.b.note(
        f"{len(new)} people named in interactions or applications are not in a contacts sheet; "
        "each became a contact of their own, keyed by the name, e-mail or URL as written.",
        topic="contacts",
    )


def load_files(
    files: Sequence[Path],
    *,
    seeker: str,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    as_of=None,
    refused: Sequence[Path] = (),
) -> NetworkData:
    """Load several tracker files as one seeker's tracker (a folder of CSVs, a mixed folder).

    Contacts sheets of every file are read first, so an interaction in one file can name a
    contact listed in another. ``refused`` lists symbolic links found beside them (from
    :func:`linked_files`): each becomes a one-row problem and is not read. See
    :func:`load_tracker` for the other parameters.
    """
    mapping = read_mapping(mapping)
    if dayfirst not in (None, True, False):
        raise ParameterError(f"dayfirst must be True, False or None; got {dayfirst!r}.")
    ctx = _Ctx(Builder(seeker=seeker), mapping, tz, dayfirst, _as_of(as_of), seeker)
    b = ctx.b
    refuse_links(b, refused)
    sheets: list[_Sheet] = []
    single_csv = len(files) == 1 and Path(files[0]).suffix.lower() == ".csv"
    for f in files:
        f = Path(f)
        if f.suffix.lower() in _WORKBOOKS:
            sheets.extend(_read_workbook(f, mapping))
        else:
            sheets.append(_read_csv(f))
    by_table: dict[str, list[_Sheet]] = {t: [] for t in TABLE_NAMES}
    ignored = []
    for sheet in sheets:
        smap = _sheet_mapping(mapping, sheet.name)
        sheet.table = _detect_table(sheet, smap, single_csv)
        if sheet.table is None:
            ignored.append(sheet)
            continue
        if sheet.header_row > 1:
            b.note(
                f"{sheet.source}: the header is on row {sheet.header_row}; the rows above it were read as a title.",
                topic="header",
                source=sheet.source,
            )
        sheet.cells = _clean_cells(sheet.cells)
        blank = sheet.cells.isna().all(axis=1)
        sheet.cells = sheet.cells[~blank]
        _assign_columns(sheet, smap, b)
        by_table[sheet.table].append(sheet)
    loaded_any = any(by_table.values())
    if not loaded_any:
        detail = (
            "; ".join(f"{s.source}: headers {[h for h in s.headers if h][:12]}" for s in sheets)
            or "no sheets"
        )
        raise FormatError(
            f"No contacts, interactions or applications sheet found in "
            f"{', '.join(Path(f).name for f in files)} ({detail}).",
            hint="Name the sheets contacts/interactions/applications, use headers such as Date, Contact, "
            "Channel (docs/trackers.md), or give mapping= with a 'table' per sheet.",
        )
    for sheet in ignored:
        b.note(
            f"{sheet.source}: sheet {sheet.name!r} is not a contacts, interactions or applications sheet and "
            f"was ignored (headers {[h for h in sheet.headers if h][:8]}).",
            topic="sheets",
            source=sheet.source,
        )

    results: dict[str, list[tuple[_Sheet, pd.DataFrame, _Issues]]] = {t: [] for t in TABLE_NAMES}
    for sheet in by_table["contacts"]:
        issues = _Issues()
        df = _contacts(sheet, sheet.cells, ctx, issues)
        ok = ~df.index.isin(issues.rows())
        ctx.people.register(df[ok])
        results["contacts"].append((sheet, df, issues))
    has_id = {}
    for table, fn in (("interactions", _interactions), ("applications", _applications)):
        for sheet in by_table[table]:
            issues = _Issues()
            df = fn(sheet, sheet.cells, ctx, issues)
            has_id[sheet.source] = _ID_COLUMN[table] in sheet.columns.values()
            results[table].append((sheet, df, issues))
        _duplicates(results[table], _ID_COLUMN[table])
    _check_refs(results["interactions"], has_id)

    for table in TABLE_NAMES:
        for sheet, df, issues in results[table]:
            n_bad = len(sheet.bad_records)
            b.read(sheet.source, table, len(df) + n_bad)
            ok = ~df.index.isin(issues.rows())
            b.add(table, _select(table, df[ok]), source=sheet.source)
            b.problem(issues.frame(sheet.source), table=table)
            lines = sheet.bad_lines if len(sheet.bad_lines) == n_bad else [None] * n_bad
            for rec, line in zip(sheet.bad_records, lines, strict=True):  # loop over bad records only
                b.problem(
                    issue_frame(
                        source=sheet.source,
                        rows=[line] if line is not None else None,
                        value=",".join(rec)[:200],
                        reason=f"a record with {len(rec)} fields where the header has {len(sheet.headers)}",
                    ),
                    table=table,
                    rows_count=1,
                )
    _implicit_contacts(ctx, results)
    filled = {k: v for k, v in ctx.defaults.items() if v}
    if filled:
        said = {
            "kind": "an empty kind was read as meeting (live channels) or message",
            "direction": "an empty direction was read as outbound",
            "via": "an empty via was read as other",
            "status": "an empty status was read as applied",
        }
        b.note(
            "Defaults used: " + "; ".join(f"{said[k]} ({v} rows)" for k, v in filled.items()) + ".",
            topic="defaults",
        )
    data = b.build()
    contacts = data.contacts.drop_duplicates(["seeker", "contact_id"]).reset_index(drop=True)
    data = data.replace(contacts=contacts)
    if len(files) > 1:
        # among several trackers, a file without a single data row (an empty copy of the template)
        # is noted once instead of listing its empty sheets as sources
        src = data.sources
        file_of = src["source"].str.split(":", n=1).str[0]
        read = src["rows_read"].groupby(file_of).sum()
        empty = sorted(read.index[read == 0])
        if empty:
            extra = schema.conform(
                "notes",
                pd.DataFrame(
                    {
                        "seeker": seeker,
                        "source": empty,
                        "topic": "skipped",
                        "note": [
                            f"{f} holds no data rows (an empty template?); nothing was loaded from it."
                            for f in empty
                        ],
                    }
                ),
            )
            notes = data.notes[~data.notes["source"].str.split(":", n=1).str[0].isin(empty)]
            data = data.replace(
                sources=src[~file_of.isin(empty)].reset_index(drop=True),
                notes=pd.concat([notes, extra], ignore_index=True),
            )
    # when the rows name one seeker (a filled `seeker` column), the file-level tables follow it
    named = data.seekers
    if len(named) == 1 and named[0] != seeker:
        data = data.replace(
            **{
                t: getattr(data, t).assign(seeker=named[0])
                for t in ("sources", "notes", "problems", "excluded")
            }
        )
    return data


def load_tracker(
    path: PathLike,
    *,
    seeker: str | None = None,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    as_of=None,
) -> NetworkData:
    """Load a tracker written by a person: a workbook, a CSV, or a folder of them.

    Parameters
    ----------
    path
        An .xlsx/.xlsm/.xls workbook, a .csv file (one table; a single CSV whose headers do not
        say otherwise is read as interactions), or a folder of such files (one seeker).
    seeker
        The seeker's name. Default: a ``seeker`` column when filled, else the file stem (or the
        folder name).
    mapping
        Header renames and value maps for this tracker: a dict or a JSON file path, shaped
        ``{"sheets": {"<sheet or CSV stem>": {"table": ..., "columns": {...}, "values": {...}}}}``
        (see :func:`read_mapping` and docs/trackers.md).
    tz
        Time zone of dates and times written without one (default UTC).
    dayfirst
        How to read numeric dates that could be either order (03/04/2025). ``None``: a problem.
    as_of
        Dates more than a day after this are problems. Default: the time of loading (this
        loader reads the clock, the metrics never do).

    Returns
    -------
    NetworkData
        Contacts, interactions and applications with ``origin="tracker"``; every row that did
        not load is in ``problems``; ``sources`` has one row per sheet.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ana.csv").write_text(
    ...     "Date,Who,How,What\\n2025-01-06,Bo Li,coffee,\\n2025-01-07,Bo Li,e-mail,thank you\\n"
    ...     "2025-01-08,,zoom,\\n")
    >>> data = load_tracker(folder / "ana.csv", as_of="2025-02-01")
    >>> data.interactions[["contact_id", "channel", "direction", "kind"]]
      contact_id   channel direction       kind
    0  name:bo li in_person  outbound    meeting
    1  name:bo li     email  outbound  thank_you
    >>> data.problems[["source_row", "column", "reason"]].to_dict("records")
    [{'source_row': 4, 'column': 'contact', 'reason': 'missing contact: say who it was with (a name, email or profile URL)'}]
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"No such file or folder: {str(p)!r}.")
    refused: list[Path] = []
    if p.is_dir():
        files = tracker_files(p)
        refused = linked_files(p)
        if not files:
            links = f" ({len(refused)} symbolic link(s) are not followed: {[q.name for q in refused][:5]})"
            raise InputError(
                f"{str(p)!r} holds no tracker (.xlsx, .xlsm, .xls or .csv that is not a LinkedIn export file)"
                f"{links if refused else ''}."
            )
        default = p.name
    else:
        if p.suffix.lower() not in SUFFIXES:
            raise InputError(
                f"{p.name!r} is not a tracker: expected .xlsx, .xlsm, .xls or .csv; got {p.suffix!r}."
            )
        files = [p]
        default = p.stem
    return load_files(
        files,
        seeker=seeker or default,
        mapping=mapping,
        tz=tz,
        dayfirst=dayfirst,
        as_of=as_of,
        refused=refused,
    )
