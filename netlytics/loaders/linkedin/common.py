"""What the parsers of one export share: the parsing context, reading with accounting, dates,
exclusions, and turning (URL, name) pairs into contact ids.

Every row read is accounted for (``rows_read = loaded + excluded + problems`` per file; see
``data.inventory()``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.errors import ResavedFileWarning
from netlytics.identity import contact_key, normalise_name, normalise_url
from netlytics.loaders._base import Builder, issue_frame
from netlytics.loaders._io import CsvTable, read_csv_bytes
from netlytics.loaders.archive import READ_ERRORS
from netlytics.loaders.linkedin.files import ExportFile

__all__ = ["Context", "PLACEHOLDERS"]

_READ_ERRORS = READ_ERRORS

#: Cell values that mean "empty" in files re-saved by spreadsheet programs (never applied to
#: names: "NA" is a real surname).
PLACEHOLDERS = frozenset({"na", "n/a", "null", "-", "none", "nan", "#n/a"})


@dataclass
class Context:
    """State shared by the parsers of one export."""

    builder: Builder
    seeker: str
    content: bool
    owner_name: str | None = None
    owner_url: str | None = None
    owner_how: str | None = None
    owner_unknown: bool = False
    known_ids: set = field(default_factory=set)
    name_map: dict = field(default_factory=dict)
    extra_contacts: list = field(default_factory=list)
    owner_rows: list = field(default_factory=list)


_Context = Context
M_D_Y = "%m/%d/%y, %I:%M %p"
RESAVED_DATES = ["%d-%b-%y", "%d-%b-%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y"]


def parse_dates(
    s: pd.Series, formats: list[str], *, resaved: list[str] | None = None
) -> tuple[pd.Series, pd.Series, bool]:
    """Parse with the first matching format; return (timestamps ns UTC, bad mask, used_resaved).

    Formats are tried in order on the rows still unparsed (each format is vectorised). Empty
    strings are null, not bad.
    """
    s = s.astype("str").str.strip()
    out = pd.Series(pd.NaT, index=s.index, dtype=schema.TIMESTAMP)
    todo = (s != "") & ~s.str.lower().isin(PLACEHOLDERS)
    used_resaved = False
    for i, fmt in enumerate(formats + (resaved or [])):
        if not todo.any():
            break
        part = s[todo]
        if fmt.endswith(" UTC") and part.str.endswith(" UTC").all():
            # drop the literal zone so ISO-like formats take pandas' fast path
            part, fmt = part.str.slice(0, -4), fmt[:-4]
        parsed = pd.to_datetime(part, format=fmt, utc=True, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            out[ok[ok].index] = parsed[ok].astype(schema.TIMESTAMP)
            todo[ok[ok].index] = False
            used_resaved = used_resaved or i >= len(formats)
    return out, todo, used_resaved


def read(
    ctx: Context, f: ExportFile, table: str, required: list[str], *, usecols: list[str] | None = None
) -> tuple[CsvTable, bool] | None:
    """Read a file, account for its rows, and check the core columns. None if unusable.

    A file that cannot be read at all (a damaged zip member, one over the size limits, bytes
    that are not delimited text) is one problem row; the other files still load.
    """
    b = ctx.builder
    try:
        t = read_csv_bytes(f.read(), expected=required, name=f.source, usecols=usecols)
    except _READ_ERRORS as err:
        b.read(f.source, table, 1)
        b.problem(
            issue_frame(source=f.source, reason=f"cannot read the file: {err}"), table=table, rows_count=1
        )
        return None
    n = len(t.frame) + len(t.bad_records)
    b.read(f.source, table, n)
    missing = [c for c in required if c not in t.frame.columns]
    if missing:
        b.problem(
            issue_frame(
                source=f.source,
                column=", ".join(missing),
                reason=f"{f.member} is missing column(s) {missing}; found {list(t.frame.columns)}. "
                "The other files of the export were still loaded.",
            ),
            table=table,
            rows_count=n,
        )
        return None
    if t.bad_records:
        width = t.frame.shape[1]
        b.problem(
            issue_frame(
                source=f.source,
                rows=t.bad_lines if len(t.bad_lines) == len(t.bad_records) else None,
                value=pd.Series([",".join(r)[:200] for r in t.bad_records], dtype="str")
                if len(t.bad_lines) == len(t.bad_records)
                else " | ".join(",".join(r)[:200] for r in t.bad_records[:3]),
                reason=f"a record with more fields than the header's {width}",
            ),
            table=table,
            rows_count=None if len(t.bad_lines) == len(t.bad_records) else len(t.bad_records),
        )
    signs = t.resaved_signs
    if signs:
        resaved(ctx, f, signs)
    return t, bool(signs)


def resaved(ctx: Context, f: ExportFile, signs: list[str]) -> None:
    msg = (
        f"{f.member} looks re-saved by a spreadsheet program ({', '.join(signs)}); it was loaded, "
        "but check it against the original export."
    )
    warnings.warn(msg, ResavedFileWarning, stacklevel=4)
    ctx.builder.note(msg, topic="resaved", source=f.source)


def bad_dates(
    ctx: Context, f: ExportFile, t: CsvTable, table: str, column: str, bad: pd.Series, allowed: str
):
    """Record the rows of ``bad`` as problems: an unparseable date in ``column``."""
    flag_rows(
        ctx,
        f,
        t,
        table,
        bad,
        column,
        f"unparseable date in {f.member}, column {column!r}; expected {allowed}",
    )


def unique_apply(func, *cols: pd.Series) -> pd.Series:
    """Apply a vectorised identity function to the distinct values only (exports repeat the
    same few thousand people over a million rows), then broadcast back."""
    combined = np.zeros(len(cols[0]), dtype="int64")
    uniques = []
    for c in cols:
        codes, values = pd.factorize(c, use_na_sentinel=False)
        combined = combined * (len(values) + 1) + codes
        uniques.append((codes, values))
    key_codes, first_pos = np.unique(combined, return_index=True)
    inverse = np.searchsorted(key_codes, combined)
    parts = [
        pd.Series(np.asarray(values, dtype=object)[codes[first_pos]], dtype="str")
        for codes, values in uniques
    ]
    result = func(*parts).reset_index(drop=True)
    out = result.take(inverse)
    out.index = cols[0].index
    return out.astype("str")


def first_of_each(*cols: pd.Series) -> np.ndarray:
    """Positions of the first row of each distinct combination of ``cols`` (nulls count as a
    value), in row order: ``drop_duplicates`` on integer codes, much faster on text."""
    combined = np.zeros(len(cols[0]), dtype="int64")
    for c in cols:
        codes, values = pd.factorize(c, use_na_sentinel=False)
        combined = combined * (len(values) + 1) + codes
    return np.sort(np.unique(combined, return_index=True)[1])


def norm_url(s: pd.Series) -> pd.Series:
    return unique_apply(normalise_url, s)


def strip(s: pd.Series) -> pd.Series:
    """Trimmed text; empty strings and spreadsheet placeholders ("NA", "N/A", "null", "-") are
    null."""
    s = s.astype("str").str.strip()
    return s.where((s != "") & ~s.str.lower().isin(PLACEHOLDERS))


def resolve(ctx: Context, url: pd.Series | None, name: pd.Series | None) -> pd.Series:
    """contact_id of each (url, name): a known contact by URL, else by unique normalised name,
    else the person's own key (URL, else name). Worked out once per distinct (url, name) pair
    and broadcast back (a million messages hold a few thousand pairs)."""

    def ids(*parts: pd.Series) -> pd.Series:
        u = parts[0] if url is not None else None
        n = parts[-1] if name is not None else None
        out = pd.Series(pd.NA, index=parts[0].index, dtype="str")
        if n is not None and ctx.name_map:
            by_name = normalise_name(n).map(ctx.name_map)
            out = by_name.astype("str").where(by_name.notna(), out)
        keys = {k: v for k, v in (("url", u), ("name", n)) if v is not None}
        own = contact_key(**keys)
        if u is not None:
            norm = normalise_url(u)
            out = norm.where(norm.isin(ctx.known_ids), out)
        return out.where(out.notna(), own).astype("str")

    return unique_apply(ids, *(c for c in (url, name) if c is not None))


def add_interactions(
    ctx: Context,
    f: ExportFile,
    t: CsvTable,
    rows: np.ndarray,
    *,
    contact: pd.Series,
    at: pd.Series,
    direction: pd.Series | str,
    kind: str,
    content: pd.Series | None = None,
    names: pd.Series | None = None,
    urls: pd.Series | None = None,
) -> None:
    key = PurePosixPath(f.member).stem.lower().replace(" ", "_")
    lines = t.lines[rows]
    df = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "interaction_id": f"li:{key}:" + pd.Series(lines).astype(str),
            "contact_id": contact.reset_index(drop=True),
            "at": at.reset_index(drop=True),
            "channel": "linkedin",
            "direction": direction.reset_index(drop=True) if isinstance(direction, pd.Series) else direction,
            "kind": kind,
            "source": f.source,
            "source_row": lines,
            "origin": "linkedin",
        }
    )
    df = schema.conform("interactions", df)
    if ctx.content:
        df["content"] = (
            content.reset_index(drop=True).astype("str")
            if content is not None
            else pd.Series(None, index=df.index, dtype="str")
        )
    ctx.builder.add("interactions", df)
    if names is not None or urls is not None:
        # distinct people first, then normalise their URLs (a million rows, a few thousand people)
        cols = {"contact_id": contact, "name": names, "profile_url": urls}
        first = first_of_each(*(c for c in cols.values() if c is not None))
        people = pd.DataFrame(
            {k: (v.iloc[first].reset_index(drop=True) if v is not None else None) for k, v in cols.items()}
        )
        if urls is not None:
            people["profile_url"] = normalise_url(people["profile_url"].astype("str"))
        ctx.extra_contacts.append(
            people.drop_duplicates(["contact_id", "name", "profile_url"]).assign(source=f.source)
        )


def exclude(
    ctx: Context,
    f: ExportFile,
    t: CsvTable,
    table: str,
    mask: pd.Series,
    column: str,
    reason: str | pd.Series,
) -> None:
    """Record the rows of ``mask`` as excluded, with ``reason`` (a sentence, or one per row)."""
    flag_rows(ctx, f, t, table, mask, column, reason, excluded=True)


def flag_rows(
    ctx: Context,
    f: ExportFile,
    t: CsvTable,
    table: str,
    mask: pd.Series | np.ndarray,
    column: str,
    reason: str | pd.Series,
    *,
    value: str | pd.Series | None = None,
    excluded: bool = False,
) -> None:
    """Record the rows of ``mask`` as problems (or as excluded rows): the file, each row's line,
    ``column``, its value (default: the row's cell, or nothing when the file has no such
    column) and ``reason``; a Series ``reason`` or ``value`` has one entry per row of ``t``."""
    idx = np.asarray(mask, dtype=bool)
    if not idx.any():
        return
    if isinstance(reason, pd.Series):
        reason = reason[idx].reset_index(drop=True)
    if value is None:
        value = t.frame.loc[idx, column].reset_index(drop=True) if column in t.frame.columns else ""
    elif isinstance(value, pd.Series):
        value = value[idx].reset_index(drop=True)
    rows = issue_frame(source=f.source, rows=t.lines[idx], column=column, value=value, reason=reason)
    (ctx.builder.exclude if excluded else ctx.builder.problem)(rows, table=table)
