"""Follow-up and thank-you triggers (mistake 4: not following up, not saying thank you).

METRICS.md sections 3 and 5. Three kinds of *trigger* ask the seeker for an answer:

- ``thank_you``: a meeting or event with a contact (either direction), or an inbound gift of
  kind lead, referral, introduction, help or recommendation (an endorsement is one click and asks
  for no thanks). Answered by the first later outbound ``thank_you`` to that contact. Due in 1 day.
- ``lead``: an inbound lead, referral or introduction. Answered by the first later outbound
  interaction whose ``ref`` is the trigger (to any contact: you may act on an introduction by
  writing to the person introduced); failing that, by the first later outbound interaction with
  that contact of any kind except endorsement and invitation. Due in 3 days.
- ``reply``: the first inbound message after the seeker's last outbound message to that contact
  (one trigger per run of inbound messages; a run that opens a conversation is a trigger too).
  Only kind ``message`` counts, on any channel, for the trigger and for the answer. Answered by
  the next outbound message to that contact. Due in 2 days.

An inbound lead, referral or introduction is both a ``thank_you`` and a ``lead`` trigger (two
rows with the same ``trigger_id``); one outbound thank-you can answer several triggers.

Decisions where METRICS.md is silent:

- "After" is strict and, for equal timestamps, follows the order of the rows in
  ``data.interactions`` (date-only tracker rows often share midnight): a row further down the
  table counts as later.
- Only interactions at or before ``as_of`` exist for this metric: a trigger after ``as_of`` is
  not a trigger yet and an answer after ``as_of`` has not happened yet (the trigger is censored).
- Triggers need a contact (``contact_id`` not empty); answers matched by contact need one too.
  A ``ref`` answer to a lead trigger may have any contact, or none.
- A ``ref`` answer must be later than its trigger; a ``ref`` pointing at an earlier row is
  ignored. It wins over an earlier same-contact interaction.
- The ``thank_you`` answer is matched by contact only (an outbound thank-you whose ``ref`` names
  the trigger but is addressed to someone else does not answer the ``thank_you`` trigger; it does
  answer the ``lead`` trigger).
- Due times are inclusive: an answer exactly 1 day after a meeting is on time. A trigger is
  past due when ``as_of`` is strictly later than ``due_at``.
- ``on_time`` is False for every unanswered trigger, including those still inside their due
  time; :func:`follow_up_summary` leaves the latter out of ``on_time_share``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines.dask import check_engine, run_engine
from netlytics.metrics._common import as_data, resolve_as_of
from netlytics.metrics.km import km_median_by

__all__ = ["TRIGGERS", "DUE_DAYS", "FOLLOW_UP_COLUMNS", "follow_up", "follow_up_summary"]

#: trigger types, in display order
TRIGGERS: tuple[str, ...] = ("thank_you", "lead", "reply")
#: days within which each trigger should be answered
DUE_DAYS: dict[str, int] = {"thank_you": 1, "lead": 3, "reply": 2}

#: inbound gift kinds that ask for a thank-you (endorsement is one click and does not)
THANKED_GIFTS: tuple[str, ...] = ("lead", "referral", "introduction", "help", "recommendation")
#: inbound kinds that are a lead to act on
LEAD_KINDS: tuple[str, ...] = ("lead", "referral", "introduction")
#: kinds that never answer a lead by the same-contact fallback
NOT_LEAD_ANSWERS: tuple[str, ...] = ("endorsement", "invitation")

FOLLOW_UP_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "contact_id": "str",
    "trigger": "str",
    "trigger_id": "str",
    "trigger_at": schema.TIMESTAMP,
    "due_at": schema.TIMESTAMP,
    "response_id": "str",
    "response_at": schema.TIMESTAMP,
    "lag_days": "float64",
    "censored": "bool",
    "on_time": "bool",
    "open_loop": "bool",
}

SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "trigger": "str",
    "n": "int64",
    "answered_share": "float64",
    "on_time_share": "float64",
    "median_lag_days": "float64",
    "open_loops": "int64",
}

_DAY = pd.Timedelta(days=1)


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})


def _ordered(ix: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Interactions at or before as_of, with ``_ord``: a strict total order (time, then input row)."""
    ix = ix.assign(_pos=np.arange(len(ix), dtype="int64"))
    ix = ix[ix["at"].notna() & (ix["at"] <= as_of)]
    ix = ix.sort_values(["at", "_pos"], kind="stable").reset_index(drop=True)
    ix["_ord"] = np.arange(len(ix), dtype="int64")
    return ix


def _triggers(rows: pd.DataFrame, trigger: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "seeker": rows["seeker"],
            "contact_id": rows["contact_id"],
            "trigger": trigger,
            "trigger_id": rows["interaction_id"],
            "trigger_at": rows["at"],
            "_ord": rows["_ord"],
        }
    )


def _first_after_same_contact(trig: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """For each trigger, the first answer with the same seeker and contact strictly after it."""
    right = pd.DataFrame(
        {
            "seeker": answers["seeker"],
            "contact_id": answers["contact_id"],
            "_rord": answers["_ord"],
            "response_id": answers["interaction_id"],
            "response_at": answers["at"],
        }
    )
    merged = pd.merge_asof(
        trig.sort_values("_ord"),
        right.sort_values("_rord"),
        left_on="_ord",
        right_on="_rord",
        by=["seeker", "contact_id"],
        direction="forward",
        allow_exact_matches=False,
    )
    return merged


def _thank_you(ix: pd.DataFrame) -> pd.DataFrame:
    has_contact = ix["contact_id"].notna()
    inbound = ix["direction"] == "inbound"
    is_trigger = has_contact & (
        ix["kind"].isin(schema.SHARED_KINDS) | (inbound & ix["kind"].isin(THANKED_GIFTS))
    )
    answers = ix[has_contact & (ix["direction"] == "outbound") & (ix["kind"] == "thank_you")]
    return _first_after_same_contact(_triggers(ix[is_trigger], "thank_you"), answers)


def _lead(ix: pd.DataFrame) -> pd.DataFrame:
    has_contact = ix["contact_id"].notna()
    outbound = ix["direction"] == "outbound"
    trig = _triggers(ix[has_contact & (ix["direction"] == "inbound") & ix["kind"].isin(LEAD_KINDS)], "lead")
    fallback = ix[has_contact & outbound & ~ix["kind"].isin(NOT_LEAD_ANSWERS)]
    merged = _first_after_same_contact(trig, fallback)
    # ref answers: any later outbound interaction of the same seeker whose ref is the trigger
    refs = ix[outbound & ix["ref"].notna()]
    ref = trig[["seeker", "trigger_id", "_ord"]].merge(
        pd.DataFrame(
            {
                "seeker": refs["seeker"],
                "trigger_id": refs["ref"],
                "_ref_ord": refs["_ord"],
                "_ref_id": refs["interaction_id"],
                "_ref_at": refs["at"],
            }
        ),
        on=["seeker", "trigger_id"],
        how="inner",
    )
    ref = ref[ref["_ref_ord"] > ref["_ord"]].sort_values("_ref_ord", kind="stable")
    ref = ref.drop_duplicates("_ord", keep="first")[["_ord", "_ref_ord", "_ref_id", "_ref_at"]]
    merged = merged.merge(ref, on="_ord", how="left")
    use_ref = merged["_ref_ord"].notna()
    merged["_rord"] = merged["_rord"].where(~use_ref, merged["_ref_ord"])
    merged["response_id"] = merged["response_id"].where(~use_ref, merged["_ref_id"])
    merged["response_at"] = merged["response_at"].where(~use_ref, merged["_ref_at"])
    return merged.drop(columns=["_ref_ord", "_ref_id", "_ref_at"])


def _reply(ix: pd.DataFrame) -> pd.DataFrame:
    msgs = ix[ix["contact_id"].notna() & (ix["kind"] == "message")]
    prev = msgs.groupby(["seeker", "contact_id"], sort=False)["direction"].shift(1)
    inbound = msgs["direction"] == "inbound"
    opens_run = inbound & (prev.isna() | (prev == "outbound"))
    answers = msgs[msgs["direction"] == "outbound"]
    return _first_after_same_contact(_triggers(msgs[opens_run], "reply"), answers)


def _finish(parts: list[pd.DataFrame], as_of: pd.Timestamp) -> pd.DataFrame:
    frames = [p for p in parts if len(p)]
    if not frames:
        return _empty(FOLLOW_UP_COLUMNS)
    t = pd.concat(frames, ignore_index=True)
    t["trigger_at"] = t["trigger_at"].astype(schema.TIMESTAMP)
    t["response_at"] = t["response_at"].astype(schema.TIMESTAMP)
    due = t["trigger"].map(DUE_DAYS).astype("int64") * _DAY
    t["due_at"] = t["trigger_at"] + due
    answered = t["_rord"].notna()
    t["response_id"] = t["response_id"].where(answered)
    t["response_at"] = t["response_at"].where(answered)
    end = t["response_at"].where(answered, as_of)
    t["lag_days"] = ((end - t["trigger_at"]) / _DAY).astype("float64")
    t["censored"] = ~answered
    t["on_time"] = answered & (t["response_at"] <= t["due_at"])
    t["open_loop"] = ~answered & (t["due_at"] < as_of)
    t["_trig"] = t["trigger"].map({k: i for i, k in enumerate(TRIGGERS)})
    t = t.sort_values(["seeker", "trigger_at", "_ord", "_trig"], kind="stable").reset_index(drop=True)
    out = t[list(FOLLOW_UP_COLUMNS)]
    return out.astype(FOLLOW_UP_COLUMNS)


def follow_up(
    data: NetworkData | pd.DataFrame, *, as_of=None, engine: str = "pandas", scheduler: str | None = None
) -> pd.DataFrame:
    """One row per follow-up trigger, with its answer (if any) and how long it took.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (or a canonical interactions frame).
    as_of
        Date or timestamp the analysis looks from; only interactions at or before it count.
        Default: the latest timestamp in the data (never the clock).

    engine
        ``"pandas"`` (default) computes here. ``"dask"`` computes one seeker partition at a time
        on Dask; ``data`` is then the path of a folder written by :func:`netlytics.to_parquet`
        (see :mod:`netlytics.engines.dask`). Results are equal.
    scheduler
        With ``engine="dask"``: a ``distributed`` scheduler address; default a local cluster.

    Returns
    -------
    pandas.DataFrame
        One row per trigger, sorted by seeker, trigger time (then input order, then thank_you,
        lead, reply): ``seeker``, ``contact_id``, ``trigger`` (thank_you, lead, reply),
        ``trigger_id`` (the interaction asking for an answer), ``trigger_at``, ``due_at``
        (trigger_at + 1, 3 or 2 days), ``response_id``, ``response_at`` (empty when unanswered),
        ``lag_days`` (days to the answer; unanswered: days from trigger to ``as_of``),
        ``censored`` (unanswered by ``as_of``), ``on_time`` (answered by ``due_at``),
        ``open_loop`` (unanswered and past due).

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({
    ...     "seeker": "Ana", "interaction_id": ["m1", "t1", "r1"], "contact_id": "ben",
    ...     "at": pd.to_datetime(["2025-03-03 09:00", "2025-03-03 18:00", "2025-03-05 09:00"], utc=True),
    ...     "channel": ["in_person", "email", "email"], "direction": ["inbound", "outbound", "inbound"],
    ...     "kind": ["meeting", "thank_you", "message"]})
    >>> follow_up(ix, as_of="2025-03-10")[["trigger", "trigger_id", "response_id", "lag_days", "on_time", "open_loop"]]
         trigger trigger_id response_id  lag_days  on_time  open_loop
    0  thank_you         m1          t1     0.375     True      False
    1      reply         r1         NaN     4.625    False       True
    """
    check_engine(engine, scheduler)
    if engine == "dask":
        return run_engine(follow_up, data, as_of=as_of, scheduler=scheduler)
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    if as_of is None or not len(data.interactions):
        return _empty(FOLLOW_UP_COLUMNS)
    ix = _ordered(data.interactions, as_of)
    return _finish([_thank_you(ix), _lead(ix), _reply(ix)], as_of)


def summarise_follow_up(table: pd.DataFrame, *, as_of, seekers=None) -> pd.DataFrame:
    """The per seeker and trigger summary of a :func:`follow_up` table (see :func:`follow_up_summary`).

    ``seekers`` lists the seekers to report (with ``n = 0`` rows when they have no trigger);
    default: those in ``table``.
    """
    as_of = pd.Timestamp(as_of) if as_of is not None else None
    if seekers is None:
        seekers = sorted(table["seeker"].dropna().unique().tolist())
    grid = pd.MultiIndex.from_product([list(seekers), list(TRIGGERS)], names=["seeker", "trigger"])
    if not len(grid):
        return _empty(SUMMARY_COLUMNS)
    t = table.assign(
        _answered=~table["censored"],
        _settled=~table["censored"] | (table["due_at"] < as_of if as_of is not None else False),
    )
    g = t.groupby(["seeker", "trigger"], sort=False)
    counts = pd.DataFrame(
        {
            "n": g.size(),
            "answered": g["_answered"].sum(),
            "on_time": g["on_time"].sum(),
            "settled": g["_settled"].sum(),
            "open_loops": g["open_loop"].sum(),
        }
    ).reindex(grid, fill_value=0)
    counts = counts.astype("int64")
    n = counts["n"].astype("float64")
    settled = counts["settled"].astype("float64")
    out = pd.DataFrame(
        {
            "n": counts["n"],
            "answered_share": (counts["answered"] / n).where(n > 0),
            "on_time_share": (counts["on_time"] / settled).where(settled > 0),
            "open_loops": counts["open_loops"],
        },
        index=grid,
    ).reset_index()
    if len(t):
        med = km_median_by(
            t.assign(_observed=t["_answered"]),
            by=["seeker", "trigger"],
            duration="lag_days",
            observed="_observed",
        ).rename(columns={"median": "median_lag_days"})
        out = out.merge(med, on=["seeker", "trigger"], how="left")
    else:
        out["median_lag_days"] = np.nan
    return out[list(SUMMARY_COLUMNS)].astype(SUMMARY_COLUMNS)


def follow_up_summary(data: NetworkData | pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """Per seeker and trigger: how often and how fast the seeker answers.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (or a canonical interactions frame).
    as_of
        As in :func:`follow_up`; default: the latest timestamp in the data.

    Returns
    -------
    pandas.DataFrame
        One row per seeker (every seeker of ``data``) and trigger (thank_you, lead, reply):
        ``n`` (triggers), ``answered_share`` (answered / n), ``on_time_share`` (on time /
        triggers answered or already past due; a trigger still inside its due time and
        unanswered is left out; null when none), ``median_lag_days`` (Kaplan-Meier median,
        unanswered triggers censored at ``as_of``; null when the curve never falls to 0.5),
        ``open_loops`` (unanswered and past due).

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({
    ...     "seeker": "Ana", "interaction_id": ["r1", "a1", "r2"], "contact_id": ["ben", "ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-05"], utc=True),
    ...     "channel": "email", "direction": ["inbound", "outbound", "inbound"], "kind": "message"})
    >>> follow_up_summary(ix, as_of="2025-03-10").query("trigger == 'reply'")
      seeker trigger  n  answered_share  on_time_share  median_lag_days  open_loops
    2    Ana   reply  2             0.5            0.5              1.0           1
    """
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    table = follow_up(data, as_of=as_of)
    return summarise_follow_up(table, as_of=as_of, seekers=data.seekers)
