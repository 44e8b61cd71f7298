"""Tables: one sheet's cells -> contacts, interactions or applications rows, with the
problems of each row (docs/trackers.md, sections 2 to 4).

Each builder takes a :class:`~netlytics.loaders.tracker.sheets.Sheet` whose cells are clean and
whose columns are assigned, and returns a frame indexed by the sheet's row numbers; the bad cells
go into an :class:`~netlytics.loaders.tracker.problems.Issues`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlytics import aliases, identity, schema
from netlytics.loaders._base import Builder
from netlytics.loaders.dates import parse_dates
from netlytics.loaders.tracker.mapping import VOCAB_COLUMNS, sheet_mapping
from netlytics.loaders.tracker.people import People, pair_keys, pairs_in
from netlytics.loaders.tracker.problems import Issues
from netlytics.loaders.tracker.sheets import ROW_BITS, Sheet, row_numbers
from netlytics.loaders.tracker.sheets import text as as_text

__all__ = [
    "Ctx",
    "DATE_COLUMNS",
    "ID_COLUMN",
    "BUILDERS",
    "IMPLICIT_NOTE",
    "select",
    "implicit_frame",
    "implicit_contacts",
]

DATE_COLUMNS = {
    "contacts": ("connected_on",),
    "interactions": ("at",),
    "applications": ("applied_at", "status_at"),
}
ID_COLUMN = {"interactions": "interaction_id", "applications": "application_id"}


def _column(sheet: Sheet, cells: pd.DataFrame, name: str) -> pd.Series:
    for pos, col in sheet.columns.items():
        if col == name:
            return cells[pos]
    return pd.Series(None, index=cells.index, dtype=object)


def _txt(sheet: Sheet, cells: pd.DataFrame, name: str) -> pd.Series:
    """A column as stripped text (null when empty or absent), computed once per sheet."""
    key = (name, len(cells))
    if key not in sheet.texts:
        if name in sheet.columns.values():
            sheet.texts[key] = as_text(_column(sheet, cells, name))
        else:  # one empty column serves every absent one (copy-on-write keeps it intact)
            empty = ("", len(cells))
            if empty not in sheet.texts:
                sheet.texts[empty] = pd.Series(pd.NA, index=cells.index, dtype="str")
            sheet.texts[key] = sheet.texts[empty]
    return sheet.texts[key]


def _map_vocab(
    sheet: Sheet, smap: dict, values: pd.Series, column: str, vocab: tuple[str, ...], issues: Issues
) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Canonical values for one vocabulary column, plus the secondary cells aliases set."""
    text = _txt(sheet, sheet.cells, column) if values is None else as_text(values)
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
            hint = hint or aliases.closest(raw.casefold(), list(user))
            reasons[raw] = (
                f"unknown {column} {raw!r}"
                + (f" (did you mean {hint!r}?)" if hint else "")
                + f"; allowed: {', '.join(vocab)}, a spelling from the alias table, or a mapping value"
            )
        issues.add(unknown, column, text, text.map(reasons))
    sec = {other: text.map(m).astype("str") for other, m in secondary.items()}
    return canon, sec


def _ids(sheet: Sheet, cells: pd.DataFrame, column: str) -> tuple[pd.Series, bool]:
    has = column in sheet.columns.values()
    written = _txt(sheet, cells, column)
    missing = written.isna().to_numpy()
    if not missing.any():  # every row has its id: none to make
        return written, has
    rows = pd.Series(row_numbers(cells.index[missing]), index=cells.index[missing]).astype("str")
    source = sheet.source[missing] if isinstance(sheet.source, pd.Series) else sheet.source
    generated = (source + "#" + rows).astype("str")  # "<source>#<row>" where none is written
    return written.where(~missing, generated.reindex(cells.index)), has


def _dates(
    sheet: Sheet, cells: pd.DataFrame, table: str, issues: Issues, ctx: Ctx, required: str | None
) -> dict[str, pd.Series]:
    out = {}
    for col in DATE_COLUMNS[table]:
        raw = _column(sheet, cells, col)
        parsed = parse_dates(
            raw, dayfirst=ctx.dayfirst, tz=ctx.tz, as_of=ctx.future_after, earliest=ctx.earliest
        )
        issues.add(parsed["problem"].notna(), col, raw, parsed["problem"])
        if col == required:
            missing = raw.isna()
            issues.add(missing, col, None, f"missing {col}: every {table[:-1]} needs a date")
        out[col] = parsed["at"]
    return out


def _seekers(sheet: Sheet, cells: pd.DataFrame, default: str) -> pd.Series:
    s = _txt(sheet, cells, "seeker")
    if sheet.prefix is not None:  # a stacked sheet: each file's seekers apart (batch.py)
        return (sheet.prefix + s).where(s.notna(), sheet.seekers).astype("str")
    return s.where(s.notna(), default).astype("str")


def _provenance(sheet: Sheet, cells: pd.DataFrame, df: dict) -> None:
    """source, source_row and origin: as written (a canonical table written back), else the
    sheet's own."""
    given = set(sheet.columns.values())
    own = sheet.source
    if not isinstance(own, pd.Series):
        own = pd.Series(own, index=cells.index, dtype="str")
    if "source" in given:
        src = _txt(sheet, cells, "source")
        own = src.where(src.notna(), own)
    df["source"] = own
    rows = pd.Series(row_numbers(cells.index), index=cells.index, dtype="Int64")
    if "source_row" in given:
        row = pd.to_numeric(_txt(sheet, cells, "source_row"), errors="coerce").astype("Int64")
        rows = row.where(row.notna(), rows)
    df["source_row"] = rows
    origin = _txt(sheet, cells, "origin") if "origin" in given else None
    if origin is None:
        df["origin"] = pd.Series("tracker", index=cells.index, dtype="str")
    else:
        df["origin"] = origin.where(origin.isin(schema.ORIGINS), "tracker")


def _count_defaults(ctx: Ctx, used: dict[str, pd.Series]) -> None:
    """Count the rows each default filled (and keep the rows, for per-file counts in a batch)."""
    for col, rows in used.items():
        ctx.defaults[col] = ctx.defaults.get(col, 0) + int(rows.sum())
        ctx.default_rows.append((col, rows))


@dataclass
class Ctx:
    b: Builder
    mapping: dict
    tz: str
    dayfirst: bool | None
    future_after: pd.Timestamp
    earliest: pd.Timestamp | None
    default_seeker: str
    people: People = field(default_factory=People)
    defaults: dict[str, int] = field(default_factory=dict)
    default_rows: list[tuple[str, pd.Series]] = field(default_factory=list)  # (column, rows defaulted)
    implicit: list[pd.DataFrame] = field(default_factory=list)


def contacts(sheet: Sheet, cells: pd.DataFrame, ctx: Ctx, issues: Issues) -> pd.DataFrame:
    name = _txt(sheet, cells, "name")
    first, last = _txt(sheet, cells, "first_name"), _txt(sheet, cells, "last_name")
    both = first.fillna("") + " " + last.fillna("")
    both = both.str.strip().where(lambda s: s != "")
    name = name.where(name.notna(), both)
    email_raw = _txt(sheet, cells, "email")
    email = identity.normalise_email(email_raw)
    issues.add(
        email_raw.notna() & email.isna(),
        "email",
        email_raw,
        "not an e-mail address (allowed: name@example.org)",
    )
    url_raw = _txt(sheet, cells, "profile_url")
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
    dates = _dates(sheet, cells, "contacts", issues, ctx, None)
    seeker = _seekers(sheet, cells, ctx.default_seeker)
    given = _txt(sheet, cells, "contact_id")
    cid = given.where(given.notna(), ctx.people.contact_key(url_raw, email_raw, name))
    df = {
        "seeker": seeker,
        "contact_id": cid,
        "name": name,
        "company": _txt(sheet, cells, "company"),
        "position": _txt(sheet, cells, "position"),
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
        "duplicate contact: the same person as row "
        + (first_row.astype("Int64") % (1 << ROW_BITS)).astype("str"),
    )
    return out


def _common_columns(sheet: Sheet, cells: pd.DataFrame, ctx: Ctx, issues: Issues, table: str, date_col: str):
    """What interactions and applications read alike: seekers, ids (``<table>_id`` less the
    plural), dates, and the vocabulary columns mapped (with the values a cell of one column gave
    another, e.g. a kind written in the channel column: ``{other column: [values, ...]}``)."""
    smap = sheet_mapping(ctx.mapping, sheet.name)
    seeker = _seekers(sheet, cells, ctx.default_seeker)
    ids, _ = _ids(sheet, cells, f"{table[:-1]}_id")
    dates = _dates(sheet, cells, table, issues, ctx, date_col)
    vals, secs = {}, {}
    for col, vocab in VOCAB_COLUMNS[table].items():
        vals[col], sec = _map_vocab(sheet, smap, None, col, vocab, issues)
        for other, values in sec.items():
            secs.setdefault(other, []).append(values)
    return seeker, ids, dates, vals, secs


def interactions(sheet: Sheet, cells: pd.DataFrame, ctx: Ctx, issues: Issues) -> pd.DataFrame:
    seeker, ids, dates, vals, secs = _common_columns(sheet, cells, ctx, issues, "interactions", "at")
    for col, fills in secs.items():
        for s in fills:
            vals[col] = vals[col].where(vals[col].notna() | _txt(sheet, cells, col).notna(), s)
    raw = {c: _txt(sheet, cells, c) for c in ("channel", "direction", "kind")}
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
    given_cid = _txt(sheet, cells, "contact_id")
    contact_raw = _txt(sheet, cells, "contact")
    cid, new1 = ctx.people.resolve(seeker, contact_raw, sheet.source)
    cid = given_cid.where(given_cid.notna(), cid)
    no_person = cid.isna() & vals["kind"].notna() & (vals["kind"] != "event")
    issues.add(
        no_person, "contact", None, "missing contact: say who it was with (a name, email or profile URL)"
    )
    intro, new2 = ctx.people.resolve(seeker, _txt(sheet, cells, "introduced"), sheet.source)
    df = {
        "seeker": seeker,
        "interaction_id": ids,
        "contact_id": cid,
        "at": dates["at"],
        "channel": vals["channel"],
        "direction": vals["direction"],
        "kind": vals["kind"],
        "ref": _txt(sheet, cells, "ref"),
        "company": _txt(sheet, cells, "company"),
        "introduced": intro,
    }
    _provenance(sheet, cells, df)
    out = pd.DataFrame(df, index=cells.index)
    ok = ~out.index.isin(issues.rows())
    _count_defaults(ctx, {"kind": kind_default & ok, "direction": dir_default & ok})
    ctx.implicit.extend([new1, new2])
    return out


def applications(sheet: Sheet, cells: pd.DataFrame, ctx: Ctx, issues: Issues) -> pd.DataFrame:
    seeker, ids, dates, vals, _ = _common_columns(sheet, cells, ctx, issues, "applications", "applied_at")
    raw = {c: _txt(sheet, cells, c) for c in ("via", "status")}
    via_default = vals["via"].isna() & raw["via"].isna()
    status_default = vals["status"].isna() & raw["status"].isna()
    vals["via"] = vals["via"].where(~via_default, "other")
    vals["status"] = vals["status"].where(~status_default, "applied")
    given_cid = _txt(sheet, cells, "contact_id")
    cid, new = ctx.people.resolve(seeker, _txt(sheet, cells, "contact"), sheet.source)
    cid = given_cid.where(given_cid.notna(), cid)
    df = {
        "seeker": seeker,
        "application_id": ids,
        "company": _txt(sheet, cells, "company"),
        "role": _txt(sheet, cells, "role"),
        "applied_at": dates["applied_at"],
        "via": vals["via"],
        "contact_id": cid,
        "status": vals["status"],
        "status_at": dates["status_at"],
    }
    _provenance(sheet, cells, df)
    out = pd.DataFrame(df, index=cells.index)
    ok = ~out.index.isin(issues.rows())
    _count_defaults(ctx, {"via": via_default & ok, "status": status_default & ok})
    ctx.implicit.append(new)
    return out


def select(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """A table's canonical columns of built rows, conformed to the schema.

    Parameters
    ----------
    table
        A tracker table.
    df
        Built rows.

    Returns
    -------
    pandas.DataFrame

    See Also
    --------
    netlytics.loaders.tracker.assemble.build : calls the builders.
    """
    cols = schema.TABLES[table].columns
    return schema.conform(table, df.reindex(columns=cols).reset_index(drop=True))


def implicit_frame(ctx: Ctx, results: dict) -> pd.DataFrame:
    """The people named only in loaded interactions/applications, as contacts of their own.

    Parameters
    ----------
    ctx
        The load's context (the people each resolve created).
    results
        Per table, the (sheet, rows, issues) built.

    Returns
    -------
    pandas.DataFrame
        Contact rows (possibly none), in the order they were first named.

    See Also
    --------
    implicit_contacts : adds them to the load.
    """
    frames = [f for f in ctx.implicit if len(f)]
    if not frames:
        return pd.DataFrame(columns=["seeker", "contact_id"])
    new = pd.concat(frames, ignore_index=True).drop_duplicates(["seeker", "contact_id"])
    used: set[str] = set()
    have: set[str] = set()
    for table, cols in (("interactions", ("contact_id", "introduced")), ("applications", ("contact_id",))):
        for _sheet, df, issues in results[table]:
            ok = df[~df.index.isin(issues.rows())]
            for col in cols:
                used.update(pair_keys(ok["seeker"], ok[col]))
    for _sheet, df, issues in results["contacts"]:
        ok = df[~df.index.isin(issues.rows())]
        have.update(pair_keys(ok["seeker"], ok["contact_id"]))
    keep = pairs_in(new["seeker"], new["contact_id"], used) & ~pairs_in(
        new["seeker"], new["contact_id"], have
    )
    return new[keep]


#: The note on contacts made from names in interactions or applications.
IMPLICIT_NOTE = (
    "{n} people named in interactions or applications are not in a contacts sheet; "
    "each became a contact of their own, keyed by the name, e-mail or URL as written."
)


def implicit_contacts(ctx: Ctx, results: dict) -> None:
    """Add the people named only in loaded interactions/applications as contacts of their own.

    Parameters
    ----------
    ctx
        The load's context (builder and people).
    results
        Per table, the (sheet, rows, issues) built.

    Returns
    -------
    None
        The contacts (not counted as rows read) and a note go to ``ctx.b``.

    See Also
    --------
    netlytics.loaders.tracker.assemble.build : calls the builders.
    """
    new = implicit_frame(ctx, results)
    if not len(new):
        return
    ctx.b.add("contacts", select("contacts", new), counted=False)
    ctx.b.note(IMPLICIT_NOTE.format(n=len(new)), topic="contacts")


#: The builder of each table.
BUILDERS = {"contacts": contacts, "interactions": interactions, "applications": applications}
