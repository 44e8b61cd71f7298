"""Assembling one seeker's tracker: read every sheet, tell its table, build the tables in order
(contacts first, so that interactions can name them), check what spans sheets, and account for
every row read."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import FormatError
from netlytics.loaders._base import issue_frame
from netlytics.loaders.tracker.discovery import WORKBOOKS, detect_table
from netlytics.loaders.tracker.mapping import TABLE_NAMES, assign_columns, sheet_mapping
from netlytics.loaders.tracker.problems import Issues, check_refs, duplicates
from netlytics.loaders.tracker.sheets import Refused, Sheet, clean_cells, read_csv, read_workbook
from netlytics.loaders.tracker.tables import BUILDERS, ID_COLUMN, Ctx, implicit_contacts, select

__all__ = [
    "build",
    "CORE_COLUMNS",
    "DEFAULT_SAID",
    "SEEKER_NOTE",
    "declared_seekers",
    "ignored_note",
    "run_tables",
]

#: The note (topic ``seeker``) when the rows name their seeker in a ``seeker`` column; it
#: survives a merge that renames the seeker, so :func:`netlytics.load_cohort` can honour it.
SEEKER_NOTE = "The rows name their seeker in a seeker column: '{seeker}' (instead of '{default}')."
_SEEKER_RE = re.compile(r"^The rows name their seeker in a seeker column: '(.*)' \(instead of ")

#: A sheet of a table must name at least one of these columns to hold any row worth reading.
CORE_COLUMNS = {
    "contacts": ("name", "first_name", "last_name", "email", "profile_url"),
    "interactions": ("at",),
    "applications": ("applied_at",),
}

DEFAULT_SAID = {
    "kind": "an empty kind was read as meeting (live channels) or message",
    "direction": "an empty direction was read as outbound",
    "via": "an empty via was read as other",
    "status": "an empty status was read as applied",
}

Results = dict[str, list[tuple[Sheet, pd.DataFrame, Issues]]]


def _read(files: list[Path], ctx: Ctx) -> tuple[list[Sheet], list[Refused]]:
    sheets: list[Sheet] = []
    refused: list[Refused] = []
    for f in files:
        if f.suffix.lower() in WORKBOOKS:
            got, bad = read_workbook(f, ctx.mapping)
            sheets.extend(got)
            refused.extend(bad)
        else:
            sheets.append(read_csv(f))
    return sheets, refused


def _classify(
    sheets: list[Sheet], files: list[Path], ctx: Ctx, refused: list[Refused]
) -> dict[str, list[Sheet]]:
    """Tell each sheet's table, clean its cells and assign its columns; note the others."""
    b = ctx.b
    single_csv = len(files) == 1 and files[0].suffix.lower() == ".csv"
    by_table: dict[str, list[Sheet]] = {t: [] for t in TABLE_NAMES}
    ignored = []
    for sheet in sheets:
        smap = sheet_mapping(ctx.mapping, sheet.name)
        sheet.table = detect_table(sheet.name, sheet.headers, smap, single_csv=single_csv)
        if sheet.table is None:
            ignored.append(sheet)
            continue
        if sheet.header_row > 1:
            b.note(
                f"{sheet.source}: the header is on row {sheet.header_row}; the rows above it were read as a title.",
                topic="header",
                source=sheet.source,
            )
        cells = clean_cells(sheet.cells)
        filled = cells.notna()
        sheet.cells = cells[filled.any(axis=1).to_numpy()]
        has_data = filled.any(axis=0).tolist()
        sheet.columns, notes = assign_columns(sheet.table, sheet.headers, has_data, smap)
        for note in notes:
            b.note(f"{sheet.source}: {note}", topic="columns", source=sheet.source)
        by_table[sheet.table].append(sheet)
    if not any(by_table.values()) and not refused:
        detail = (
            "; ".join(f"{s.source}: headers {[h for h in s.headers if h][:12]}" for s in sheets)
            or "no sheets"
        )
        raise FormatError(
            f"No contacts, interactions or applications sheet found in "
            f"{', '.join(f.name for f in files)} ({detail}).",
            hint="Name the sheets contacts/interactions/applications, use headers such as Date, Contact, "
            "Channel (docs/trackers.md), or give mapping= with a 'table' per sheet.",
        )
    for sheet in ignored:
        b.note(ignored_note(sheet), topic="sheets", source=sheet.source)
    return by_table


def ignored_note(sheet: Sheet) -> str:
    """The note on a sheet that holds no tracker table.

    Parameters
    ----------
    sheet
        The sheet ignored.

    Returns
    -------
    str

    See Also
    --------
    build : writes it.
    """
    return (
        f"{sheet.source}: sheet {sheet.name!r} is not a contacts, interactions or applications sheet and "
        f"was ignored (headers {[h for h in sheet.headers if h][:8]})."
    )


def run_tables(by_table: dict[str, list[Sheet]], ctx: Ctx) -> Results:
    """Build every sheet's rows: contacts first, then interactions and applications.

    Parameters
    ----------
    by_table
        Per table, its sheets (cells cleaned, columns assigned).
    ctx
        The load's context.

    Returns
    -------
    dict
        Per table, (sheet, rows, issues) of each sheet.

    See Also
    --------
    build : the whole load.
    """
    results: Results = {t: [] for t in TABLE_NAMES}
    has_id = {}
    for table in TABLE_NAMES:
        for sheet in by_table[table]:
            issues = Issues()
            df = BUILDERS[table](sheet, sheet.cells, ctx, issues)
            if table == "contacts":
                ctx.people.register(df[~df.index.isin(issues.rows())])
            else:
                has_id[id(sheet)] = ID_COLUMN[table] in sheet.columns.values()
            results[table].append((sheet, df, issues))
        if table in ID_COLUMN:
            duplicates(results[table], ID_COLUMN[table])
    check_refs(results["interactions"], has_id)
    return results


def _lacks_core(sheet: Sheet) -> list[str] | None:
    """The core columns a sheet without data rows lacks (None when it has them or has rows)."""
    if len(sheet.cells) or sheet.bad_records:
        return None
    core = CORE_COLUMNS[sheet.table]
    return None if set(core) & set(sheet.columns.values()) else list(core)


def _account(results: Results, ctx: Ctx) -> None:
    """Add the loaded rows and the problems of every sheet (rows read = loaded + problems)."""
    b = ctx.b
    for table in TABLE_NAMES:
        for sheet, df, issues in results[table]:
            lacking = _lacks_core(sheet)
            if lacking is not None:
                found = [h for h in sheet.headers if h]
                reason = (
                    f"the {table} sheet has no data rows and lacks its core column(s) {', '.join(lacking)}; "
                    f"the header found is {found[:20]}"
                )
                b.read(sheet.source, table, 1)
                b.problem(issue_frame(source=sheet.source, reason=reason), table=table, rows_count=1)
                continue
            n_bad = len(sheet.bad_records)
            b.read(sheet.source, table, len(df) + n_bad)
            ok = ~df.index.isin(issues.rows())
            b.add(table, select(table, df[ok]), source=sheet.source)
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


def _refuse(refused: list[Refused], ctx: Ctx) -> None:
    for r in refused:  # a loop over refused sheets, not rows
        ctx.b.read(r.source, None, r.rows)
        ctx.b.problem(issue_frame(source=r.source, reason=r.reason), table=None, rows_count=r.rows)


def _empty_files(t: dict[str, pd.DataFrame], seeker: str) -> None:
    """Among several trackers, a file without a single data row (an empty copy of the template)
    is noted once instead of listing its empty sheets as sources."""
    src = t["sources"]
    if not len(src):
        return
    file_of = src["source"].astype("str").str.split(":", n=1).str[0]
    read = src["rows_read"].groupby(file_of).sum()
    empty = sorted(read.index[read == 0])
    if not empty:
        return
    extra = pd.DataFrame(
        {
            "seeker": seeker,
            "source": empty,
            "topic": "skipped",
            "note": [
                f"{f} holds no data rows (an empty template?); nothing was loaded from it." for f in empty
            ],
        }
    )
    notes = t["notes"]
    of_empty = notes["source"].astype("str").str.split(":", n=1).str[0].isin(empty).fillna(False).astype(bool)
    t["sources"] = src[~file_of.isin(empty)].reset_index(drop=True)
    t["notes"] = pd.concat([notes[~of_empty], extra], ignore_index=True)


def _row_seekers(t: dict[str, pd.DataFrame]) -> list[str]:
    seekers = set()
    for name in ("contacts", "interactions", "applications"):
        seekers.update(t[name]["seeker"].dropna().unique().tolist())
    return sorted(seekers)


def build(files: list[Path], ctx: Ctx) -> NetworkData:
    """Load the tracker files of one seeker with the context's options.

    Parameters
    ----------
    files
        Tracker files.
    ctx
        The options, the builder and the people seen so far.

    Returns
    -------
    NetworkData

    Raises
    ------
    FormatError
        No sheet of the files is a tracker table.

    See Also
    --------
    netlytics.loaders.tracker.load_files : the public entry point.
    """
    sheets, refused = _read(files, ctx)
    by_table = _classify(sheets, files, ctx, refused)
    _refuse(refused, ctx)
    results = run_tables(by_table, ctx)
    _account(results, ctx)
    implicit_contacts(ctx, results)
    filled = {k: v for k, v in ctx.defaults.items() if v}
    if filled:
        said = "; ".join(f"{DEFAULT_SAID[k]} ({v} rows)" for k, v in filled.items())
        ctx.b.note(f"Defaults used: {said}.", topic="defaults")
    t = ctx.b.frames()
    t["contacts"] = t["contacts"].drop_duplicates(["seeker", "contact_id"]).reset_index(drop=True)
    if len(files) > 1:
        _empty_files(t, ctx.default_seeker)
    # when the rows name one seeker (a filled `seeker` column), the file-level tables follow it
    named = _row_seekers(t)
    if len(named) == 1 and named[0] != ctx.default_seeker:
        note = SEEKER_NOTE.format(seeker=named[0], default=ctx.default_seeker)
        extra = pd.DataFrame({"seeker": [None], "source": [None], "topic": ["seeker"], "note": [note]})
        t["notes"] = pd.concat([t["notes"], extra], ignore_index=True)
        for name in ("sources", "notes", "problems", "excluded"):
            t[name] = t[name].assign(seeker=named[0])
    return NetworkData(**t)


def declared_seekers(notes: pd.DataFrame) -> set[str]:
    """The seekers that trackers named in a ``seeker`` column, read from their notes.

    Parameters
    ----------
    notes
        A ``notes`` table.

    Returns
    -------
    set of str

    See Also
    --------
    netlytics.loaders.tracker.load_files : the public entry point.

    Examples
    --------
    >>> notes = pd.DataFrame({"topic": ["seeker"], "note": [SEEKER_NOTE.format(seeker="Jo", default="jo")]})
    >>> declared_seekers(notes)
    {'Jo'}
    """
    said = notes.loc[notes["topic"] == "seeker", "note"].dropna()
    return {m.group(1) for m in (_SEEKER_RE.match(n) for n in said) if m}
