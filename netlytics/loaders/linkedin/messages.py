"""``messages.csv`` (and the 2018 ``Messages.csv``): kind message, channel linkedin.

Steps: rows that were never sent (drafts), spam and empty rows are excluded; dates parsed; the
direction comes from the owner's URL (``owner.py``), the owner's name, or the 2018 Direction
column; rows that are not from a person (``persons.py``) are excluded unless the seeker took
part in the conversation; when the owner cannot be told the remaining rows are problems (the
direction is unknown); the counterpart of each row becomes its contact.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics.identity import normalise_name
from netlytics.loaders._base import issue_frame
from netlytics.loaders._io import CsvTable
from netlytics.loaders.archive import READ_ERRORS
from netlytics.loaders.linkedin import owner, persons
from netlytics.loaders.linkedin.catalogue import register
from netlytics.loaders.linkedin.common import (
    M_D_Y,
    RESAVED_DATES,
    Context,
    add_interactions,
    bad_dates,
    exclude,
    norm_url,
    parse_dates,
    read,
    resolve,
)
from netlytics.loaders.linkedin.files import ExportFile

#: The parser is reached through :data:`~netlytics.loaders.linkedin.catalogue.PARSERS`.
__all__: list[str] = []

_LEGACY = ["From", "To", "Date", "Content", "Direction", "Folder"]
_MODERN = ["FROM", "SENDER PROFILE URL", "TO", "DATE", "CONTENT", "FOLDER"]
_USED = {
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "CONTENT", "FOLDER", "IS MESSAGE DRAFT", "From", "To", "Date", "Content", "Direction", "Folder",
}  # fmt: skip
_RENAME = {"From": "FROM", "To": "TO", "Date": "DATE", "Content": "CONTENT", "Folder": "FOLDER",
           "Subject": "SUBJECT", "Direction": "DIRECTION"}  # fmt: skip


def _read_messages(ctx: Context, f: ExportFile) -> tuple[CsvTable, bool] | None:
    try:
        raw = f.read()
    except READ_ERRORS as err:
        ctx.builder.read(f.source, "interactions", 1)
        ctx.builder.problem(
            issue_frame(source=f.source, reason=f"cannot read the file: {err}"),
            table="interactions",
            rows_count=1,
        )
        return None
    head = raw[:4096].decode("utf-8", errors="replace").lower()
    legacy = "conversation id" not in head and "sender profile url" not in head
    got = read(
        ctx,
        ExportFile(f.member, f.source, lambda: raw, f.stem, f.part),
        "interactions",
        _LEGACY if legacy else _MODERN,
        usecols=None if ctx.content else sorted(_USED),
    )
    if got is None:
        return None
    t, _ = got
    if legacy:
        df = t.frame.rename(columns=_RENAME)
        t = CsvTable(
            df, t.lines, t.header_line, t.encoding, t.delimiter, t.bom, t.crlf, t.bad_records, t.bad_lines
        )
    return t, legacy


def _not_sent(df: pd.DataFrame) -> list[tuple[str, pd.Series, str]]:
    folder = df["FOLDER"].str.strip().str.upper()
    draft = folder == ""
    if "IS MESSAGE DRAFT" in df.columns:
        draft = draft | (df["IS MESSAGE DRAFT"].str.strip().str.lower() == "yes")
    return [
        ("FOLDER", draft, "draft (never sent: empty FOLDER or IS MESSAGE DRAFT = Yes)"),
        ("FOLDER", folder == "SPAM", "spam folder"),
        ("CONTENT", df["CONTENT"].str.strip() == "", "empty message (sticker, attachment or system row)"),
    ]


def _apply(ctx: Context, f: ExportFile, t: CsvTable, rules, left: pd.Series) -> pd.Series:
    for column, mask, reason in rules:
        m = mask & left
        exclude(ctx, f, t, "interactions", m, column, reason)
        left = left & ~m
    return left


def _direction(ctx: Context, df: pd.DataFrame, ok: pd.Series, legacy: bool) -> pd.Series | None:
    """True for rows the owner sent; None when the owner cannot be told."""
    if legacy:
        ctx.owner_how = ctx.owner_how or "Messages.csv Direction column (2018 format)"
        return df["DIRECTION"].str.strip().str.upper() == "OUTGOING"
    if ctx.owner_url is None:
        cols = [
            c for c in ("CONVERSATION ID", "SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "FROM") if c in df
        ]
        url, how = owner.from_messages(df.loc[ok, cols], ctx.owner_name)
        if url:
            ctx.owner_url, ctx.owner_how = url, how
            ctx.owner_rows.append(("profile_url", url, how.split(" (")[0]))
        elif not ctx.owner_name:
            ctx.owner_how = how
    if ctx.owner_url is not None:
        return (norm_url(df["SENDER PROFILE URL"]) == ctx.owner_url).fillna(False).astype(bool)
    if ctx.owner_name:
        ctx.owner_how = f"by name: the sender name {ctx.owner_name!r}"
        return df["FROM"].str.strip() == ctx.owner_name
    return None


def _unknown(ctx: Context, f: ExportFile, t: CsvTable, ok: pd.Series) -> None:
    ctx.owner_unknown = True
    idx = ok.to_numpy()
    ctx.builder.problem(
        issue_frame(source=f.source, rows=t.lines[idx], column="SENDER PROFILE URL",
                    value=t.frame.loc[idx, "SENDER PROFILE URL"].reset_index(drop=True),
                    reason="direction unknown: the export's owner could not be told (pass owner_url=, "
                    "or --owner-url on the command line, with your own profile URL)"),
        table="interactions",
    )  # fmt: skip


def _counterparts(ctx: Context, df: pd.DataFrame, sent: pd.Series, ok: pd.Series):
    """The other person of each row: (url or None, name)."""
    from_name, to_name = df["FROM"].str.strip(), df["TO"].str.strip()
    name = from_name.where(~sent, to_name)
    sender_u = df["SENDER PROFILE URL"] if "SENDER PROFILE URL" in df.columns else None
    url = sender_u.where(~sent, "") if sender_u is not None else None
    if url is not None and "RECIPIENT PROFILE URLS" in df.columns:
        recips = df.loc[sent & ok, "RECIPIENT PROFILE URLS"]
        # split the distinct recipient lists only, then broadcast back by code
        codes, uniq = pd.factorize(recips)
        rec = pd.Series(uniq, dtype="str").str.split(",").explode().astype("str").str.strip()
        norm = norm_url(rec)
        other = rec[norm.notna() & (norm != (ctx.owner_url or ""))]
        first_u = other.groupby(level=0).first()
        several_u = other.groupby(level=0).size() > 1
        first_other = pd.Series(first_u.reindex(codes).to_numpy(), index=recips.index, dtype="str").dropna()
        url = url.copy()
        url.loc[first_other.index] = first_other
        group = recips.index[several_u.reindex(codes, fill_value=False).to_numpy(dtype=bool)]
        name = name.copy()
        name.loc[group] = pd.NA  # a group thread: the name in TO is several people's
    elif url is not None and "CONVERSATION ID" in df.columns:
        # 9-column era: the thread's other party is the non-owner sender of the same conversation
        conv = df["CONVERSATION ID"]
        theirs = ok & ~sent & (df["SENDER PROFILE URL"].str.strip() != "")
        other = df.loc[theirs].groupby(conv[theirs])[["SENDER PROFILE URL", "FROM"]].first()
        fill = sent & conv.isin(other.index)
        url, name = url.copy(), name.copy()
        url.loc[fill] = conv[fill].map(other["SENDER PROFILE URL"])
        name.loc[fill] = conv[fill].map(other["FROM"])
    name = name.where(name.notna() & (name != ""))
    if url is not None:
        url = url.where(url.notna() & (url.str.strip() != ""))
    return url, name


def _split_to(ctx: Context, contact: pd.Series, to_name: pd.Series, mask: pd.Series) -> pd.Series:
    """TO may join several names: use the first piece that is a known contact's name."""
    unresolved = mask & ~contact.isin(ctx.known_ids) & to_name.str.contains(", ", regex=False)
    if not unresolved.any() or not ctx.name_map:
        return contact
    mapping = {}
    for value in to_name[unresolved].unique():  # distinct values only (a few)
        for piece in value.split(", "):
            key = normalise_name(pd.Series([piece])).iloc[0]
            if isinstance(key, str) and key in ctx.name_map:
                mapping[value] = ctx.name_map[key]
                break
    hit = to_name[unresolved].map(mapping).dropna()
    contact = contact.copy()
    contact.loc[hit.index] = hit
    return contact


@register("messages.csv", "Messages.csv")
def parse_messages(ctx: Context, f: ExportFile) -> None:
    """messages.csv (and the 2018 Messages.csv): kind message, channel linkedin."""
    got = _read_messages(ctx, f)
    if got is None:
        return
    t, legacy = got
    df = t.frame
    left = _apply(ctx, f, t, _not_sent(df), pd.Series(True, index=df.index))
    formats = ["%Y-%m-%d %H:%M:%S UTC", M_D_Y, "%Y-%m-%dT%H:%M:%S", "%B %d, %Y, %I:%M %p"]
    at, bad, _ = parse_dates(df["DATE"], formats, resaved=RESAVED_DATES)
    bad = (bad | at.isna()) & left
    bad_dates(ctx, f, t, "interactions", "DATE", bad, "a date like '2024-06-18 11:59:53 UTC'")
    ok = left & ~bad
    if not ok.any():
        return
    sent = _direction(ctx, df, ok, legacy)
    known = sent is not None
    sent = sent if known else pd.Series(False, index=df.index)
    conv = df["CONVERSATION ID"] if "CONVERSATION ID" in df.columns else None
    if not known:
        took_part = pd.Series(True, index=df.index)
    elif conv is not None:
        took_part = (sent & ok).groupby(conv).transform("any").astype(bool)
    else:
        took_part = sent.copy()
    ok = _apply(ctx, f, t, persons.not_a_person(df, sent, took_part), ok)
    if not known:
        if ok.any():
            _unknown(ctx, f, t, ok)
        return
    url, name = _counterparts(ctx, df, sent, ok)
    contact = resolve(ctx, url, name)
    if url is None or "RECIPIENT PROFILE URLS" not in df.columns:
        contact = _split_to(ctx, contact, df["TO"].str.strip(), ok & sent)
    if conv is not None:
        # hidden or closed accounts ("LinkedIn Member", no URL): one person per conversation,
        # not one contact for all of them
        hidden = (name.fillna("") == "LinkedIn Member") & (url.isna() if url is not None else True)
        contact = contact.where(~hidden, "linkedin-member:" + conv.astype("str"))
    add_interactions(
        ctx, f, t, ok.to_numpy(),
        contact=contact[ok], at=at[ok],
        direction=pd.Series(np.where(sent[ok], "outbound", "inbound"), index=ok[ok].index),
        kind="message", content=df.loc[ok, "CONTENT"],
        names=name[ok], urls=url[ok] if url is not None else None,
    )  # fmt: skip
