"""The coach's table: one row per seeker with the headline number of every metric.

It composes the summary helpers of the metric modules (channel, cadence, networked before
applying, reciprocity, follow-up, tie strength) and the scorecard statuses, all computed with the
same ``as_of`` and scoring period for every seeker, so the rows of a cohort can be compared
(docs/spec/METRICS.md sections 3, 5 and 5b).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines import dispatch
from netlytics.engines.dispatch import dispatchable
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.followup import STALE_DAYS, TRIGGERS, check_stale_days, summarise_follow_up
from netlytics.metrics.followup import SUMMARY_COLUMNS as FU_SUMMARY_COLUMNS
from netlytics.metrics.scorecard import resolve_thresholds, scorecard_inputs, statuses
from netlytics.metrics.touches import empty_frame

__all__ = ["SUMMARY_COLUMNS", "CHUNK_INTERACTIONS", "summary"]

#: Above this many interactions, every metric computes whole seekers a chunk at a time.
CHUNK_INTERACTIONS = dispatch.CHUNK_INTERACTIONS

_FU_STATS = [c for c in FU_SUMMARY_COLUMNS if c not in ("seeker", "trigger")]
#: the interaction columns the summary reads: its window copies only these (memory at 1M)
READS = ("seeker", "interaction_id", "contact_id", "at", "channel", "direction", "kind", "ref", "origin")

#: Columns and dtypes of :func:`summary`, in order.
SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "touches": "int64",
    "live_share": "float64",
    "in_person_share": "float64",
    "written_share": "float64",
    "active_week_share": "float64",
    "touches_per_week": "float64",
    "longest_gap_days": "Int64",
    "applications": "int64",
    "networked_share": "float64",
    "give_share": "float64",
    "take_only_contacts": "int64",
    "gifts": "int64",
    **{f"{t}_{c}": FU_SUMMARY_COLUMNS[c] for t in TRIGGERS for c in _FU_STATS},
    "weak_tie_share": "float64",
    **{f"{m}_status": "str" for m in schema.MISTAKES},
    "as_of": schema.TIMESTAMP,
    "since": schema.TIMESTAMP,
}


@dispatchable
@fill
def summary(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    since=None,
    stale_days: float = STALE_DAYS,
    thresholds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per seeker: the headline numbers of every metric and the four statuses.

    Parameters
    ----------
    {data}
    {as_of}
    {since_12m}
    {stale_days}
    {thresholds}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker (sorted), columns :data:`SUMMARY_COLUMNS`:

        - ``touches`` (all directions, up to as_of), ``live_share``, ``in_person_share``,
          ``written_share`` (channel mix);
        - ``active_week_share``, ``touches_per_week``, ``longest_gap_days`` (cadence over the
          last 8 weeks);
        - ``applications``, ``networked_share`` (outbound touch at the company in the 90 days
          before applying);
        - ``give_share``, ``take_only_contacts``, ``gifts`` (reciprocity; gifts is the giving
          evidence);
        - ``<trigger>_<stat>`` for trigger in thank_you, lead, reply and stat in n,
          answered_share, on_time_share, median_lag_days, open_loops, stale_loops (follow-up);
        - ``weak_tie_share`` (share of recent outbound touches going to weak and medium ties);
        - ``channel_status``, ``priority_status``, ``giving_status``, ``follow_up_status``
          (the scorecard); ``as_of`` and ``since`` (the period judged; ``since`` empty for all
          history).

    Raises
    ------
    ParameterError
        For an unknown threshold, a bad ``as_of``, ``since`` or ``stale_days``.

    See Also
    --------
    netlytics.metrics.scorecard.scorecard : the same statuses with advice sentences.
    netlytics.metrics.measures.Measures : the summary computed once with every other measure.

    Notes
    -----
    Above :data:`netlytics.engines.dispatch.CHUNK_INTERACTIONS` interactions whole seekers are
    computed a chunk at a time (as every metric is); the result is the same.

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({
    ...     "seeker": "Ana", "interaction_id": ["1", "2", "3"], "contact_id": ["ben", "ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-05"], utc=True),
    ...     "channel": ["in_person", "email", "email"], "direction": ["inbound", "outbound", "outbound"],
    ...     "kind": ["meeting", "thank_you", "message"]})
    >>> row = summary(ix).iloc[0]
    >>> row[["touches", "live_share", "thank_you_n", "thank_you_on_time_share", "channel_status"]]
    touches                               3
    live_share                     0.333333
    thank_you_n                           1
    thank_you_on_time_share             1.0
    channel_status             not_measured
    Name: 0, dtype: object
    """
    th = resolve_thresholds(thresholds)
    stale_days = check_stale_days(stale_days)
    w = scope(data, as_of, since, default_year=True, cut=True, columns=READS)
    return _summary(w, th, stale_days)


def _summary(w: Window, th: Mapping[str, float], stale_days: float) -> pd.DataFrame:
    from netlytics.engines.threads import pcall
    from netlytics.metrics.ties import _tie_strength

    # the scorecard's inputs and the tie strengths share only the window's touches: computed
    # first, then the two side by side (two threads on large data)
    w.prepare()
    (wide, fu), ties = pcall(
        [lambda: scorecard_inputs(w, stale_days=stale_days), lambda: _tie_strength(w)],
        rows=len(w.data.interactions),
    )
    return summary_from_measures(w, wide, fu, thresholds=th, ties=ties)


def summary_from_measures(
    w: Window | NetworkData,
    wide: pd.DataFrame,
    fu: pd.DataFrame,
    *,
    thresholds: Mapping[str, float],
    ties=None,
    as_of=None,
) -> pd.DataFrame:
    """:func:`summary` from the ``(wide, follow_up)`` pair of
    :func:`~netlytics.metrics.scorecard.scorecard_inputs` already computed on the window ``w``.

    ``ties`` is the :func:`~netlytics.metrics.ties.tie_strength` table of ``w`` when already
    computed (the :class:`~netlytics.metrics.measures.Measures` object passes it). A plain
    NetworkData with ``as_of`` is accepted for callers written before ``Measures``.
    """
    if isinstance(w, NetworkData):  # compatibility: (data, wide, fu, as_of=...)
        w = scope(w, as_of, None, default_year=True)
    from netlytics.metrics.ties import summarise_ties

    if not len(wide):
        return empty_frame(SUMMARY_COLUMNS)

    # follow-up: long (seeker x trigger) -> wide <trigger>_<stat>
    fs = summarise_follow_up(fu, as_of=w.as_of, seekers=wide["seeker"].tolist())
    fw = fs.pivot(index="seeker", columns="trigger", values=_FU_STATS)
    fw.columns = [f"{trigger}_{stat}" for stat, trigger in fw.columns]
    out = wide.merge(fw, left_on="seeker", right_index=True, how="left")

    ties = summarise_ties(w, ties)[["seeker", "weak_tie_share"]]
    out = out.merge(ties.drop_duplicates("seeker"), on="seeker", how="left")

    st = statuses(wide, thresholds)
    out = out.merge(st[["seeker", *[f"{m}_status" for m in schema.MISTAKES]]], on="seeker", how="left")
    out["as_of"] = pd.Series(w.as_of, index=out.index, dtype=schema.TIMESTAMP)
    out["since"] = pd.Series(w.since, index=out.index, dtype=schema.TIMESTAMP)
    out = out[list(SUMMARY_COLUMNS)].astype(SUMMARY_COLUMNS)
    return out.sort_values("seeker", kind="stable").reset_index(drop=True)
