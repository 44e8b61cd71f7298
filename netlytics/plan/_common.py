"""Constants and small vectorised helpers shared by the plan modules (docs/plan.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.metrics.touches import empty_frame

#: Action types, in display order.
ACTIONS: tuple[str, ...] = ("follow_up", "thank_you", "meet", "give", "warm_path", "revive")
#: The mistake each action type fixes (one of :data:`netlytics.schema.MISTAKES`).
MISTAKE: dict[str, str] = {
    "follow_up": "follow_up",
    "thank_you": "follow_up",
    "meet": "channel",
    "give": "giving",
    "warm_path": "priority",
    "revive": "priority",
}
#: Effort of each action type, lowest first: a two-line thank-you, a reply, a short note to an
#: old contact, finding something to give, asking a near-stranger for a chat, arranging a meeting.
EFFORT: dict[str, int] = {"thank_you": 1, "follow_up": 2, "revive": 3, "give": 4, "warm_path": 5, "meet": 6}
#: "Recently", in days before ``as_of``: target-company window, meet window, "not touched in".
RECENT_DAYS = 90
#: Added to the tie score when the contact works at a target company, or the action is about
#: one (expected value).
TARGET_BONUS = 0.5
#: Values are compared in tenths: tie scores closer than that are not meaningfully different, so
#: urgency decides between them.
VALUE_DECIMALS = 1

#: Columns and dtypes of :func:`next_actions` (``evidence`` holds lists of interaction ids).
PLAN_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "rank": "int64",
    "action": "str",
    "contact_id": "str",
    "contact_name": "str",
    "company": "str",
    "due": schema.TIMESTAMP,
    "reason": "str",
    "evidence": "object",
    "mistake": "str",
}
NUDGE_COLUMNS: dict[str, str] = {"seeker": "str", "text": "str"}

DAY = pd.Timedelta(days=1)
NEUTRAL = "this contact"
TIERS = {"overdue": 0, "pending": 1, "week": 2}


#: An empty frame of the given columns and dtypes (one implementation with the metrics).
empty = empty_frame


def as_str(values, index=None) -> pd.Series:
    return pd.Series(values, index=index, dtype="str")


def cap(s: pd.Series) -> pd.Series:
    """Upper-case the first character (sentences start with "you ..." or "this contact")."""
    return s.str.slice(0, 1).str.upper() + s.str.slice(1)


def date_text(ts: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """'12 Mar' (the year is added when it is not as_of's year).

    Examples
    --------
    >>> ts = pd.Series(pd.to_datetime(["2025-03-12 23:00", None, "2024-12-31 08:00"], utc=True))
    >>> date_text(ts, pd.Timestamp("2025-03-18", tz="UTC")).tolist()
    ['12 Mar', nan, '31 Dec 2024']
    """
    ts = ts.astype(schema.TIMESTAMP)
    codes, days = pd.factorize(ts.dt.floor("D"))  # one text per distinct day, not per row
    texts = [f"{d.day} {d:%b}" if d.year == as_of.year else f"{d.day} {d:%b} {d.year}" for d in days]
    out = np.array([*texts, None], dtype=object)[codes]  # code -1 (no date) -> missing
    return pd.Series(out, index=ts.index, dtype="str")


def days_since(ts: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Whole days from ``ts`` to ``as_of`` (floor), as Int64."""
    return np.floor((as_of - ts) / DAY).astype("Int64")


def n_days(n: pd.Series) -> pd.Series:
    text = (n.astype("str") + " days").where(n.notna())
    return text.mask(n.eq(1).fillna(False), "1 day")


def next_monday(as_of: pd.Timestamp) -> pd.Timestamp:
    day = as_of.floor("D")
    return day + pd.Timedelta(days=7 - day.weekday())


def id_lists(df: pd.DataFrame, keys: list[str], col: str = "interaction_id") -> pd.DataFrame:
    """Per ``keys``: the list of ``col`` values, in the frame's order (groups in order of first
    appearance). One stable sort and one split instead of a Python call per group."""
    if not len(df):
        return pd.DataFrame({**{k: df[k].iloc[:0] for k in keys}, "evidence": pd.Series(dtype=object)})
    codes = df.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    starts = np.r_[0, np.flatnonzero(np.diff(codes[order])) + 1]
    values = df[col].to_numpy(dtype=object)[order].tolist()
    out = df.iloc[order[starts]][keys].reset_index(drop=True)
    ends = [*starts[1:].tolist(), len(values)]
    out["evidence"] = [values[a:b] for a, b in zip(starts.tolist(), ends, strict=True)]  # list slices
    return out


def join_lists(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise concatenation of two Series of lists (nulls count as empty lists)."""
    a = a.map(lambda v: v if isinstance(v, list) else [])
    b = b.map(lambda v: v if isinstance(v, list) else [])
    return a + b
