"""Building, ranking and capping the week's next actions; the stale loops worth reviving.

:func:`next_actions` runs the six builders of :mod:`netlytics.plan.builders` on one shared
:class:`~netlytics.plan.builders.Context` (built from one
:class:`~netlytics.metrics.measures.Measures`, so tie strength and follow-up run once), ranks
the candidates per seeker by value, then urgency (docs/plan.md, "Ranking") and keeps at most
``max_actions`` of them, ``per_type`` of each type. :func:`stale_loops` lists the unanswered
triggers too old to be this week's business (docs/spec/METRICS.md section 5b).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics._checks import check_positive_int
from netlytics._docstrings import fill
from netlytics.data import NetworkData
from netlytics.metrics.measures import Measures
from netlytics.plan._common import EFFORT, MISTAKE, PLAN_COLUMNS, TARGET_BONUS, VALUE_DECIMALS, empty
from netlytics.plan.builders import (
    Context,
    at_targets,
    context,
    follow_up_actions,
    give_actions,
    meet_actions,
    revive_actions,
    thank_you_actions,
    warm_path_actions,
)
from netlytics.plan.stale import stale_table

__all__ = ["next_actions", "stale_loops"]

#: The default caps of "This week": at most this many actions per seeker, and per type.
MAX_ACTIONS = 10
PER_TYPE = 3


def _measures(data, as_of, since, stale_days, measures) -> Measures:
    """The shared measures: ``measures`` itself, else computed once from ``data``."""
    if measures is not None:
        return measures
    measures = Measures.compute(data, as_of=as_of, since=since, stale_days=stale_days)
    measures.window.prepare()  # the plan needs the touches and the follow-up timeline
    return measures


@fill
def next_actions(
    data: NetworkData | pd.DataFrame | None,
    *,
    as_of=None,
    since=None,
    limit: int | None = None,
    per_type: int | None = PER_TYPE,
    max_actions: int | None = MAX_ACTIONS,
    stale_days: float = 60,
    measures: Measures | None = None,
) -> pd.DataFrame:
    """Ranked next actions for the week, per seeker: what to do on Monday, and why.

    Parameters
    ----------
    {data}
    {as_of}
    {since_12m}
    limit, per_type, max_actions : int or None
        At most ``per_type`` actions of each type (default 3) and ``max_actions`` in all
        (default 10) per seeker, the best ranked; None: no cap. ``limit`` is the former name of
        ``per_type`` and replaces it when given.
    stale_days : float
        Unanswered triggers older than this (days before ``as_of``; default 60) are stale:
        never a follow-up or thank-you of this week (:func:`stale_loops` lists them).
    measures : Measures, optional
        Measures already computed: ``data``, ``as_of``, ``since``, ``stale_days`` then come
        from them.

    Returns
    -------
    pandas.DataFrame
        One row per action (columns :data:`~netlytics.plan.PLAN_COLUMNS`, docs/plan.md),
        sorted by seeker and ``rank`` (1 = do first). ``attrs["as_of"]`` and ``attrs["since"]``
        hold the resolved ``as_of`` and start of the period.

    Raises
    ------
    ParameterError
        When a cap is not a positive whole number, ``stale_days`` not a positive number, or a
        date is invalid.

    See Also
    --------
    stale_loops : the unanswered triggers too old for this week.
    netlytics.plan.actions_text : the plan as text (also ``actions_html``, ``to_ics``).

    Examples
    --------
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Ana"], "contact_id": ["sam"], "name": ["Sam Lee"]}),
    ...     interactions=pd.DataFrame({"seeker": ["Ana"], "interaction_id": ["i1"], "contact_id": ["sam"],
    ...         "at": pd.to_datetime(["2025-03-12 10:00"], utc=True), "channel": ["email"],
    ...         "direction": ["inbound"], "kind": ["lead"]}))
    >>> plan = next_actions(data, as_of="2025-03-18 12:00")
    >>> plan[["rank", "action", "contact_name", "evidence"]]
       rank     action contact_name evidence
    0     1  thank_you      Sam Lee     [i1]
    1     2  follow_up      Sam Lee     [i1]
    2     3       give      Sam Lee     [i1]
    >>> plan.loc[1, "reason"]
    'Sam Lee gave you a lead on 12 Mar; no follow-up after 6 days.'
    """
    if limit is not None:  # the former name of per_type
        per_type = check_positive_int("limit", limit)
    per_type = check_positive_int("per_type", per_type, allow_none=True)
    max_actions = check_positive_int("max_actions", max_actions, allow_none=True)
    m = _measures(data, as_of, since, stale_days, measures)
    out = empty(PLAN_COLUMNS)
    if m.as_of is not None:
        ctx = context(m)
        cand = _candidates(ctx)
        if len(cand):
            out = _rank(ctx, cand, per_type, max_actions)
    out.attrs["as_of"] = m.as_of
    out.attrs["since"] = m.since
    return out


def _candidates(ctx: Context) -> pd.DataFrame:
    """Every candidate action of the six builders, in one frame."""
    at = at_targets(ctx)
    warm = warm_path_actions(ctx, at)
    parts = [
        follow_up_actions(ctx),
        thank_you_actions(ctx),
        meet_actions(ctx),
        give_actions(ctx),
        warm,
        revive_actions(ctx, at, warm),
    ]
    parts = [ctx.reachable(p) for p in parts if len(p)]  # never about a hidden contact
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _rank(ctx: Context, cand: pd.DataFrame, per_type: int | None, max_actions: int | None) -> pd.DataFrame:
    """Sort the candidates by value, then urgency (docs/plan.md, "Ranking"), cap, renumber."""
    keys = ["seeker", "contact_id"]
    if "_company" not in cand:
        cand["_company"] = pd.Series(pd.NA, index=cand.index, dtype="str")
    cand = cand.merge(ctx.people, on=keys, how="left").merge(ctx.ties[[*keys, "score"]], on=keys, how="left")
    cand["_value"] = (cand["score"].fillna(0.0) + TARGET_BONUS * ctx.at_target(cand)).round(VALUE_DECIMALS)
    cand["_overdue_days"] = np.floor(cand["_overdue"].astype("float64").fillna(0.0))
    cand["_effort"] = cand["action"].map(EFFORT)
    cand["_ev_key"] = cand["evidence"].map(" ".join)
    cand = cand.sort_values(
        ["seeker", "_value", "_tier", "_overdue_days", "_effort", "due", "contact_id", "_ev_key", "action"],
        ascending=[True, False, True, False, True, True, True, True, True],
        na_position="last",
        kind="stable",
    ).reset_index(drop=True)
    if per_type is not None:
        cand = cand.loc[cand.groupby(["seeker", "action"]).cumcount() < per_type].reset_index(drop=True)
    if max_actions is not None:
        cand = cand.loc[cand.groupby("seeker").cumcount() < max_actions].reset_index(drop=True)
    out = pd.DataFrame(
        {
            "seeker": cand["seeker"],
            "rank": cand.groupby("seeker").cumcount() + 1,
            "action": cand["action"],
            "contact_id": cand["contact_id"],
            "contact_name": cand["contact_name"],
            "company": cand["contact_company"].fillna(cand["_company"]),
            "due": pd.to_datetime(cand["due"], utc=True),
            "reason": cand["reason"],
            "evidence": cand["evidence"],
            "mistake": cand["action"].map(MISTAKE),
        }
    )
    return out.astype(PLAN_COLUMNS)


def stale_loops(
    data: NetworkData | pd.DataFrame | None,
    *,
    as_of=None,
    since=None,
    stale_days: float = 60,
    limit: int | None = 5,
    measures: Measures | None = None,
) -> pd.DataFrame:
    """The stale loops of each seeker: how many, and the ones worth reviving, strongest ties first.

    A loop is stale when its trigger is unanswered and older than ``stale_days`` before
    ``as_of`` (docs/spec/METRICS.md section 5b). The plan never asks for a follow-up or a
    thank-you on one; a short note can still revive the contact behind it. Worth reviving: a
    contact the seeker knows (a ``contact_id``); one row per contact, with all their stale loops.

    Parameters
    ----------
    data : NetworkData or DataFrame
        The loaded data. Ignored when ``measures`` is given.
    as_of : timestamp-like, optional
        Default: the latest timestamp in the data.
    since : timestamp-like, "all" or None
        As for :func:`next_actions` (default: the last 12 months).
    stale_days : float
        Days after which an unanswered trigger is stale (default 60).
    limit : int or None
        At most this many contacts per seeker (default 5; None: all).
    measures : Measures, optional
        Measures already computed.

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, contact) worth reviving, sorted by seeker, then tie score
        (strongest first), latest trigger (most recent first) and contact_id: ``seeker``,
        ``contact_id``, ``contact_name``, ``company``, ``tie``, ``score``, ``loops`` (stale
        loops with them), ``last_trigger`` (lead, reply or thank_you), ``last_trigger_at``,
        ``days`` (whole days since that trigger), ``reason`` and ``evidence`` (the trigger
        ids). ``attrs["total"]`` is the number of stale loops of all seekers and
        ``attrs["by_seeker"]`` a dict seeker -> number of stale loops.

    Raises
    ------
    ParameterError
        When ``limit`` is not a positive whole number or ``stale_days`` not a positive number.

    See Also
    --------
    next_actions : this week's actions, which never hold a stale loop.
    netlytics.metrics.followup.follow_up : the ``stale`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Ana"], "contact_id": ["sam"], "name": ["Sam Lee"]}),
    ...     interactions=pd.DataFrame({"seeker": ["Ana"] * 2, "interaction_id": ["i1", "i2"],
    ...         "contact_id": ["sam", "bo"], "at": pd.to_datetime(["2025-01-02", "2025-03-10"], utc=True),
    ...         "channel": ["email"] * 2, "direction": ["inbound"] * 2, "kind": ["message"] * 2}))
    >>> old = stale_loops(data, as_of="2025-03-18")
    >>> old.attrs["total"], old[["contact_name", "loops", "days"]].values.tolist()
    (1, [['Sam Lee', 1, 75]])
    >>> old.loc[0, "reason"]
    'Sam Lee wrote to you on 2 Jan (75 days ago, never answered): a short note can revive the contact.'
    """
    limit = check_positive_int("limit", limit, allow_none=True)
    m = _measures(data, as_of, since, stale_days, measures)
    return stale_table(context(m) if m.as_of is not None else None, limit)
