"""Follow-up and thank-you triggers (mistake 4: not following up, not saying thank you).

docs/spec/METRICS.md sections 3, 5 and 5b. Three kinds of *trigger* ask the seeker for an answer:

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

Decisions where docs/spec/METRICS.md is silent:

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
- Stale (section 5b): an unanswered trigger more than ``stale_days`` (default 60) before
  ``as_of`` is ``stale``; it stays in the table but is no ``open_loop``. Exactly ``stale_days``
  old is not stale yet.
- ``since`` (section 5b): interactions before it do not exist for this metric, so a trigger
  before ``since`` is no trigger and an answer to it is an ordinary interaction (an inbound
  message after ``since`` whose conversation started before it opens a run).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import check_number
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.km import km_median_codes
from netlytics.metrics.touches import (
    NS_PER_DAY,
    Codes,
    codes_in,
    combine_codes,
    empty_frame,
    interaction_codes,
    lookup,
    ns_values,
    stable_argsort,
    to_utc,
)

__all__ = ["TRIGGERS", "DUE_DAYS", "STALE_DAYS", "FOLLOW_UP_COLUMNS", "follow_up", "follow_up_summary"]

#: trigger types, in display order
TRIGGERS: tuple[str, ...] = ("thank_you", "lead", "reply")
#: days within which each trigger should be answered
DUE_DAYS: dict[str, int] = {"thank_you": 1, "lead": 3, "reply": 2}
#: an unanswered trigger older than this many days before as_of is stale (METRICS 5b)
STALE_DAYS = 60

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
    "stale": "bool",
}

SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "trigger": "str",
    "n": "int64",
    "answered_share": "float64",
    "on_time_share": "float64",
    "median_lag_days": "float64",
    "open_loops": "int64",
    "stale_loops": "int64",
}


def _next_in_group(tl: Timeline, answer: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each of ``rows`` (positions in time order), the position of the first answer of its
    (seeker, contact) group strictly after it, or -1 (also for rows without a group).

    ``answer`` flags the answer positions. One backward running minimum over the positions by
    group (then time) gives, for every position, the next answer at or after it.
    """
    n = len(tl.pair)
    a = answer[tl.by_pair] & (tl.pair_sorted >= 0)
    first_at_or_after = np.minimum.accumulate(np.where(a, np.arange(n), n)[::-1])[::-1]
    after = tl.rank[rows] + 1  # the sorted position just after each row
    nxt = np.full(len(rows), n, dtype="int64")
    inside = after < n
    nxt[inside] = first_at_or_after[after[inside]]
    ok = nxt < n
    ok[ok] = tl.pair_sorted[nxt[ok]] == tl.pair_sorted[after[ok] - 1]
    ok &= tl.pair[rows] >= 0
    out = np.full(len(rows), -1, dtype="int64")
    out[ok] = tl.by_pair[nxt[ok]]
    return out


def check_stale_days(stale_days) -> float:
    """``stale_days`` as a float (a positive number of days)."""
    return check_number("stale_days", stale_days, minimum=0, strict=True)


@dataclass(frozen=True)
class Timeline:
    """The interactions up to ``as_of`` in time order, integer-coded (one sort for every rule).

    ``order`` maps positions in time order to rows of the interactions frame; ``pair`` is the
    (seeker, contact) group of each position (-1 without a contact), ``by_pair`` the stable
    argsort of ``pair`` (positions by pair, then time), ``pair_sorted`` = ``pair[by_pair]`` and
    ``rank`` its inverse (the place of each position in ``by_pair``).
    """

    order: np.ndarray
    at: np.ndarray
    seeker: np.ndarray
    pair: np.ndarray
    by_pair: np.ndarray
    pair_sorted: np.ndarray
    rank: np.ndarray
    inbound: np.ndarray
    outbound: np.ndarray
    dir_na: np.ndarray
    kind: np.ndarray
    kinds: pd.Index
    codes: Codes

    def is_kind(self, values) -> np.ndarray:
        return lookup(self.kind, self.kinds, values)


def timeline(ix: pd.DataFrame, as_of: pd.Timestamp, codes: Codes | None = None) -> Timeline | None:
    """Sort the interactions at or before ``as_of`` by time (ties: input order) and code them.

    ``codes`` are the interactions' :func:`~netlytics.metrics.touches.interaction_codes` when
    already computed (a window shares them with the touches).
    """
    at_all = ns_values(ix["at"])
    rows = np.flatnonzero(ix["at"].notna().to_numpy(bool) & (at_all <= as_of.value))
    if not len(rows):
        return None
    order = rows[stable_argsort(at_all[rows])]  # a stable sort keeps input order
    k = interaction_codes(ix) if codes is None else codes
    seeker = k.seeker[order]
    seeker = np.where(seeker < 0, len(k.seekers), seeker)  # an empty seeker sorts last
    contact = k.contact[order]
    dc = k.direction[order]
    d_uniq = k.directions
    # one group per (seeker, contact); rows without a contact belong to none
    pair = np.where(contact >= 0, combine_codes([seeker, np.maximum(contact, 0)]), -1)
    by_pair = stable_argsort(pair)
    rank = np.empty(len(by_pair), dtype="int64")
    rank[by_pair] = np.arange(len(by_pair))
    return Timeline(
        order=order,
        at=at_all[order],
        seeker=seeker,
        pair=pair,
        by_pair=by_pair,
        pair_sorted=pair[by_pair],
        rank=rank,
        inbound=lookup(dc, d_uniq, ["inbound"]),
        outbound=lookup(dc, d_uniq, ["outbound"]),
        dir_na=dc < 0,
        kind=k.kind[order],
        kinds=k.kinds,
        codes=k,
    )


def _thank_you(tl: Timeline) -> tuple[np.ndarray, np.ndarray]:
    """Meetings, events and inbound gifts that ask for thanks; answered by a thank-you."""
    has = tl.pair >= 0
    trig = np.flatnonzero(has & (tl.is_kind(schema.SHARED_KINDS) | (tl.inbound & tl.is_kind(THANKED_GIFTS))))
    answer = has & tl.outbound & tl.is_kind(["thank_you"])
    return trig, _next_in_group(tl, answer, trig)


def _lead(tl: Timeline, ix: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Inbound leads; a later outbound ``ref`` answer wins, else the same-contact fallback."""
    has = tl.pair >= 0
    trig = np.flatnonzero(has & tl.inbound & tl.is_kind(LEAD_KINDS))
    fallback = has & tl.outbound & ~tl.is_kind(NOT_LEAD_ANSWERS)
    resp = _next_in_group(tl, fallback, trig)
    ref_rows = np.flatnonzero(tl.outbound & ix["ref"].notna().to_numpy(bool)[tl.order])
    if len(trig) and len(ref_rows):
        ids, refs = ix["interaction_id"].array, ix["ref"].array
        m = pd.DataFrame(
            {"s": tl.seeker[trig], "id": ids.take(tl.order[trig]), "t": np.arange(len(trig))}
        ).merge(pd.DataFrame({"s": tl.seeker[ref_rows], "id": refs.take(tl.order[ref_rows]), "r": ref_rows}))
        m = m[m["r"].to_numpy() > trig[m["t"].to_numpy()]]
        if len(m):
            best = m.groupby("t", sort=False)["r"].min()
            resp[best.index.to_numpy()] = best.to_numpy()
    return trig, resp


def _reply(tl: Timeline) -> tuple[np.ndarray, np.ndarray]:
    """The inbound message opening a run (after an outbound one, or first with the contact)."""
    msg = (tl.pair >= 0) & tl.is_kind(["message"])
    msg_sorted = tl.by_pair[msg[tl.by_pair]]  # message positions by pair, then time
    prev = np.maximum(np.concatenate([[-1], msg_sorted[:-1]]), 0)
    same = np.zeros(len(msg_sorted), dtype=bool)
    same[1:] = tl.pair[msg_sorted[1:]] == tl.pair[msg_sorted[:-1]]
    opens = tl.inbound[msg_sorted] & (~same | (same & tl.outbound[prev]) | (same & tl.dir_na[prev]))
    trig = np.sort(msg_sorted[opens])
    return trig, _next_in_group(tl, msg & tl.outbound, trig)


def _compute(
    ix: pd.DataFrame, as_of: pd.Timestamp, stale_days: float = STALE_DAYS, tl: Timeline | None = None
) -> pd.DataFrame:
    """The follow-up table, on integer codes in time order (no per-row Python, few string ops)."""
    tl = timeline(ix, as_of) if tl is None else tl
    if tl is None:
        return empty_frame(FOLLOW_UP_COLUMNS)
    parts = [_thank_you(tl), _lead(tl, ix), _reply(tl)]
    trig = np.concatenate([p[0] for p in parts])
    if not len(trig):
        return empty_frame(FOLLOW_UP_COLUMNS)
    resp = np.concatenate([p[1] for p in parts])
    kind = np.repeat(np.arange(3, dtype="int64"), [len(p[0]) for p in parts])
    # sorted by seeker, time (then input order), then thank_you, lead, reply
    srt = stable_argsort((tl.seeker[trig] * len(tl.at) + trig) * 3 + kind)
    return _table(ix, tl, trig[srt], resp[srt], kind[srt], as_of, stale_days)


def _decode(uniques: pd.Index, codes: np.ndarray, column: pd.Series, rows: np.ndarray) -> pd.Series:
    """The text of ``column`` at ``rows``: from the few distinct values when none is empty."""
    if len(codes) and codes.min() >= 0:
        return pd.Series(uniques.take(codes), dtype="str").reset_index(drop=True)
    return pd.Series(column.array.take(rows))


def _table(ix, tl: Timeline, trig, resp, kind, as_of: pd.Timestamp, stale_days: float) -> pd.DataFrame:
    answered = resp >= 0
    trig_at = tl.at[trig]
    resp_at = np.where(answered, tl.at[np.maximum(resp, 0)], np.iinfo("int64").min)
    due_at = trig_at + np.array([DUE_DAYS[t] for t in TRIGGERS], dtype="int64")[kind] * NS_PER_DAY
    end = np.where(answered, resp_at, as_of.value)
    stale = ~answered & ((as_of.value - trig_at) > int(round(stale_days * NS_PER_DAY)))
    src = tl.order[trig]
    ids = ix["interaction_id"].array
    out = pd.DataFrame(
        {
            "seeker": _decode(tl.codes.seekers, tl.codes.seeker[src], ix["seeker"], src),
            "contact_id": _decode(tl.codes.contacts, tl.codes.contact[src], ix["contact_id"], src),
            "trigger": pd.Series(pd.array(list(TRIGGERS), dtype="str").take(kind)),
            "trigger_id": pd.Series(ids.take(src)),
            "trigger_at": to_utc(trig_at),
            "due_at": to_utc(due_at),
            "response_id": pd.Series(
                ids.take(np.where(answered, tl.order[np.maximum(resp, 0)], -1), allow_fill=True)
            ),
            "response_at": to_utc(resp_at),
            "lag_days": (end - trig_at).astype("float64") / float(NS_PER_DAY),
            "censored": ~answered,
            "on_time": answered & (resp_at <= due_at),
            "open_loop": ~answered & (due_at < as_of.value) & ~stale,
            "stale": stale,
        }
    )
    return out.astype(FOLLOW_UP_COLUMNS)


@dispatchable
@fill
def follow_up(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, stale_days: float = STALE_DAYS
) -> pd.DataFrame:
    """One row per follow-up trigger, with its answer (if any) and how long it took.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {stale_days}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per trigger, sorted by seeker, trigger time (then input order, then thank_you,
        lead, reply): ``seeker``, ``contact_id``, ``trigger`` (thank_you, lead, reply),
        ``trigger_id`` (the interaction asking for an answer), ``trigger_at``, ``due_at``
        (trigger_at + 1, 3 or 2 days), ``response_id``, ``response_at`` (empty when unanswered),
        ``lag_days`` (days to the answer; unanswered: days from trigger to ``as_of``),
        ``censored`` (unanswered by ``as_of``), ``on_time`` (answered by ``due_at``),
        ``open_loop`` (unanswered, past due and not stale), ``stale`` (unanswered and more
        than ``stale_days`` old).

    Raises
    ------
    ParameterError
        For a bad ``as_of``, ``since`` or ``stale_days``.

    See Also
    --------
    follow_up_summary : shares, Kaplan-Meier median, open and stale loops per trigger.
    netlytics.metrics.km.km_curves : the time-to-answer curves of this table.

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
    >>> follow_up(ix, as_of="2025-06-10")[["trigger", "open_loop", "stale"]]
         trigger  open_loop  stale
    0  thank_you      False  False
    1      reply      False   True
    """
    stale_days = check_stale_days(stale_days)
    return _follow_up(scope(data, as_of, since), stale_days)


def _follow_up(w: Window, stale_days: float) -> pd.DataFrame:
    if w.as_of is None or not len(w.data.interactions):
        return empty_frame(FOLLOW_UP_COLUMNS)
    return _compute(w.data.interactions, w.as_of, stale_days, w.timeline())


def summarise_follow_up(table: pd.DataFrame, *, as_of, seekers=None) -> pd.DataFrame:
    """The per seeker and trigger summary of a :func:`follow_up` table (see :func:`follow_up_summary`).

    ``seekers`` lists the seekers to report (with ``n = 0`` rows when they have no trigger);
    default: those in ``table``.
    """
    as_of = pd.Timestamp(as_of) if as_of is not None else None
    if seekers is None:
        seekers = sorted(table["seeker"].dropna().unique().tolist())
    seekers = list(seekers)
    if not seekers:
        return empty_frame(SUMMARY_COLUMNS)
    # one integer group per (seeker, trigger), in the order of the grid seekers x TRIGGERS
    nt = len(TRIGGERS)
    s_code = codes_in(table["seeker"], seekers)
    t_code = codes_in(table["trigger"], TRIGGERS)
    keep = (s_code >= 0) & (t_code >= 0)
    group = (s_code * nt + t_code)[keep]
    size = len(seekers) * nt

    def count(flags) -> np.ndarray:
        return np.bincount(group, weights=np.asarray(flags, dtype=bool)[keep], minlength=size).astype("int64")

    censored = table["censored"].to_numpy(bool)
    past_due = ns_values(table["due_at"]) < as_of.value if as_of is not None else np.zeros(len(table), bool)
    n = np.bincount(group, minlength=size).astype("int64")
    settled = count(~censored | past_due).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        answered_share = count(~censored) / n.astype("float64")
        on_time_share = count(table["on_time"]) / settled
    out = pd.DataFrame(
        {
            "seeker": pd.Series(np.repeat(seekers, nt), dtype="str"),
            "trigger": pd.Series(np.tile(list(TRIGGERS), len(seekers)), dtype="str"),
            "n": n,
            "answered_share": pd.Series(answered_share).where(n > 0),
            "on_time_share": pd.Series(on_time_share).where(settled > 0),
            "median_lag_days": km_median_codes(
                table["lag_days"].to_numpy("float64")[keep], ~censored[keep], group, size
            ),
            "open_loops": count(table["open_loop"]),
            "stale_loops": count(table["stale"]),
        }
    )
    return out[list(SUMMARY_COLUMNS)].astype(SUMMARY_COLUMNS)


@dispatchable
@fill
def follow_up_summary(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, stale_days: float = STALE_DAYS
) -> pd.DataFrame:
    """Per seeker and trigger: how often and how fast the seeker answers.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {stale_days}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker (every seeker of ``data``) and trigger (thank_you, lead, reply):
        ``n`` (triggers), ``answered_share`` (answered / n), ``on_time_share`` (on time /
        triggers answered or already past due; a trigger still inside its due time and
        unanswered is left out; null when none), ``median_lag_days`` (Kaplan-Meier median,
        unanswered triggers censored at ``as_of``; null when the curve never falls to 0.5),
        ``open_loops`` (unanswered, past due and not stale), ``stale_loops`` (unanswered and
        more than ``stale_days`` old).

    Raises
    ------
    ParameterError
        For a bad ``as_of``, ``since`` or ``stale_days``.

    See Also
    --------
    follow_up : the per-trigger table.

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({
    ...     "seeker": "Ana", "interaction_id": ["r1", "a1", "r2"], "contact_id": ["ben", "ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-05"], utc=True),
    ...     "channel": "email", "direction": ["inbound", "outbound", "inbound"], "kind": "message"})
    >>> s = follow_up_summary(ix, as_of="2025-03-10").query("trigger == 'reply'")
    >>> s[["n", "answered_share", "on_time_share", "median_lag_days", "open_loops", "stale_loops"]]
       n  answered_share  on_time_share  median_lag_days  open_loops  stale_loops
    2  2             0.5            0.5              1.0           1            0
    """
    stale_days = check_stale_days(stale_days)
    w = scope(data, as_of, since)
    table = _follow_up(w, stale_days)
    return summarise_follow_up(table, as_of=w.as_of, seekers=w.seekers)
