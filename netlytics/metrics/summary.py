"""The coach's table: one row per seeker with the headline number of every metric.

It composes the summary helpers of the metric modules (channel, cadence, networked before
applying, reciprocity, follow-up, tie strength) and the scorecard statuses, all computed with the
same ``as_of`` for every seeker, so the rows of a cohort can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines.dask import check_engine, run_engine
from netlytics.metrics._common import as_data, resolve_as_of
from netlytics.metrics.followup import SUMMARY_COLUMNS as FU_SUMMARY_COLUMNS
from netlytics.metrics.followup import TRIGGERS, summarise_follow_up
from netlytics.metrics.scorecard import measures, resolve_thresholds, statuses, until
from netlytics.metrics.touches import shared_touches

__all__ = ["SUMMARY_COLUMNS", "summary"]

#: Above this many interactions, :func:`summary` computes whole seekers a chunk at a time.
CHUNK_INTERACTIONS = 1_000_000

_FU_STATS = [c for c in FU_SUMMARY_COLUMNS if c not in ("seeker", "trigger")]

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
    **{f"{t}_{c}": FU_SUMMARY_COLUMNS[c] for t in TRIGGERS for c in _FU_STATS},
    "weak_tie_share": "float64",
    **{f"{m}_status": "str" for m in schema.MISTAKES},
    "as_of": schema.TIMESTAMP,
}


def summary(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    thresholds: Mapping[str, float] | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
) -> pd.DataFrame:
    """One row per seeker: the headline numbers of every metric and the four statuses.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (a cohort or one seeker), or a canonical
        interactions frame.
    as_of
        Date or timestamp the table looks from, the same for every seeker; data after it is
        left out. Default: the latest timestamp anywhere in the data.
    thresholds
        Scorecard threshold overrides (see :data:`netlytics.metrics.scorecard.DEFAULT_THRESHOLDS`).

    engine
        ``"pandas"`` (default) computes here. ``"dask"`` computes one seeker partition at a time
        on Dask; ``data`` is then the path of a folder written by :func:`netlytics.to_parquet`
        (see :mod:`netlytics.engines.dask`). Results are equal.
    scheduler
        With ``engine="dask"``: a ``distributed`` scheduler address; default a local cluster.

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
        - ``give_share``, ``take_only_contacts`` (reciprocity);
        - ``<trigger>_<stat>`` for trigger in thank_you, lead, reply and stat in n,
          answered_share, on_time_share, median_lag_days, open_loops (follow-up);
        - ``weak_tie_share`` (share of recent outbound touches going to weak and medium ties);
        - ``channel_status``, ``priority_status``, ``giving_status``, ``follow_up_status``
          (the scorecard); ``as_of``.

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
    check_engine(engine, scheduler)
    if engine == "dask":
        return run_engine(summary, data, as_of=as_of, scheduler=scheduler, thresholds=thresholds)
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    th = resolve_thresholds(thresholds)
    if len(data.interactions) <= CHUNK_INTERACTIONS:
        with shared_touches():  # one touch table for every metric and the tie strengths
            return _summary(data, as_of, th)
    # a large cohort: whole seekers at a time (per-seeker metrics, so the result is the same),
    # which keeps the arrays cache-sized and the cost linear in the number of interactions
    parts = []
    for chunk in data.seeker_chunks(CHUNK_INTERACTIONS):
        with shared_touches():
            parts.append(_summary(chunk, as_of, th))
    return pd.concat(parts, ignore_index=True)


def _summary(data: NetworkData, as_of: pd.Timestamp | None, th: Mapping[str, float]) -> pd.DataFrame:

    data = until(data, as_of)  # the same object when nothing is after as_of
    wide, fu = measures(data, as_of)
    return summary_from_measures(data, wide, fu, as_of=as_of, thresholds=th)


def summary_from_measures(
    data: NetworkData,
    wide: pd.DataFrame,
    fu: pd.DataFrame,
    *,
    as_of: pd.Timestamp | None,
    thresholds: Mapping[str, float],
) -> pd.DataFrame:
    """:func:`summary` from the ``(wide, follow_up)`` pair of :func:`~netlytics.metrics.scorecard.measures`
    already computed on ``data`` (lets the report reuse them for the scorecard)."""
    from netlytics.graph.ties import tie_summary

    th = thresholds
    if not len(wide):
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in SUMMARY_COLUMNS.items()})

    # follow-up: long (seeker x trigger) -> wide <trigger>_<stat>
    fs = summarise_follow_up(fu, as_of=as_of, seekers=wide["seeker"].tolist())
    fw = fs.pivot(index="seeker", columns="trigger", values=_FU_STATS)
    fw.columns = [f"{trigger}_{stat}" for stat, trigger in fw.columns]
    out = wide.merge(fw, left_on="seeker", right_index=True, how="left")

    ties = tie_summary(data, as_of=as_of)[["seeker", "weak_tie_share"]]
    out = out.merge(ties.drop_duplicates("seeker"), on="seeker", how="left")

    st = statuses(wide, th)
    out = out.merge(st[["seeker", *[f"{m}_status" for m in schema.MISTAKES]]], on="seeker", how="left")
    out["as_of"] = pd.Series(as_of, index=out.index, dtype=schema.TIMESTAMP)
    out = out[list(SUMMARY_COLUMNS)].astype(SUMMARY_COLUMNS)
    return out.sort_values("seeker", kind="stable").reset_index(drop=True)
