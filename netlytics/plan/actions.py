"""Building and ranking the week's next actions (docs/plan.md).

:func:`next_actions` runs the six builders of :mod:`netlytics.plan.builders` on a shared
context, ranks the candidates per seeker and keeps the best.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.graph.reach import company_reach
from netlytics.metrics._common import as_data, resolve_as_of
from netlytics.metrics.followup import follow_up
from netlytics.plan._common import EFFORT, MISTAKE, PLAN_COLUMNS, TARGET_BONUS, empty
from netlytics.plan.builders import (
    Context,
    at_targets,
    follow_up_actions,
    give_actions,
    meet_actions,
    revive_actions,
    thank_you_actions,
    warm_path_actions,
)

__all__ = ["next_actions"]


def _check_limit(limit) -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, numbers.Integral) or limit < 1:
        raise ParameterError(
            f"limit must be a positive whole number of actions per type, or None; got {limit!r}."
        )
    return int(limit)


def next_actions(data: NetworkData | pd.DataFrame, *, as_of=None, limit: int | None = None) -> pd.DataFrame:
    """Ranked next actions for the week, per seeker: what to do on Monday, and why.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (or a canonical interactions frame).
    as_of
        The day the plan is made on (default: the latest timestamp in the data, never the
        clock). Only records at or before it count.
    limit
        At most this many actions of each type per seeker (the best ranked ones). Default: all.

    Returns
    -------
    pandas.DataFrame
        One row per action, sorted by seeker and rank, with a RangeIndex and the columns

        - ``seeker`` (str), ``rank`` (int64, 1 = do first, per seeker);
        - ``action`` (str): follow_up, thank_you, meet, give, warm_path or revive;
        - ``contact_id``, ``contact_name`` (null when the contacts table does not name them),
          ``company`` (the contact's company, else the one the evidence names);
        - ``due`` (datetime64[ns, UTC], midnight of the due day): follow_up: as_of's day (it is
          overdue); thank_you: the earliest trigger's due day, or as_of's day when past it;
          meet, give, warm_path, revive: the first Monday after as_of's day;
        - ``reason`` (str): one sentence citing the evidence;
        - ``evidence`` (list of str): the ids of the interactions behind the action;
        - ``mistake`` (str): the mistake the action fixes (:data:`MISTAKE`).

        The ``attrs["as_of"]`` of the frame holds the resolved ``as_of`` (used by :func:`to_ics`).
        See the module docstring and docs/plan.md for each rule and the ranking.

    Examples
    --------
    >>> import pandas as pd
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
    limit = _check_limit(limit)
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    out = empty(PLAN_COLUMNS)
    if as_of is None:
        out.attrs["as_of"] = None
        return out
    ctx = Context(data, as_of)
    fu = follow_up(data, as_of=as_of)
    at = at_targets(ctx)
    warm = warm_path_actions(ctx, at, company_reach(data, as_of=as_of))
    parts = [
        follow_up_actions(ctx, fu),
        thank_you_actions(ctx, fu),
        meet_actions(ctx),
        give_actions(ctx),
        warm,
        revive_actions(ctx, at, warm),
    ]
    parts = [p for p in parts if len(p)]
    if parts:
        out = _rank(ctx, pd.concat(parts, ignore_index=True), limit)
    out.attrs["as_of"] = as_of
    return out


def _rank(ctx: Context, cand: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    keys = ["seeker", "contact_id"]
    if "_company" not in cand:
        cand["_company"] = pd.Series(pd.NA, index=cand.index, dtype="str")
    cand = cand.merge(ctx.people, on=keys, how="left").merge(ctx.ties[[*keys, "score"]], on=keys, how="left")
    target_keys = ctx.targets[["seeker", "company_key"]].assign(_target=True)
    cand = cand.merge(target_keys, on=["seeker", "company_key"], how="left")
    target = cand["_target"].eq(True).fillna(False)
    cand["_value"] = (cand["score"].fillna(0.0) + TARGET_BONUS * target.astype("float64")).round(2)
    cand["_overdue_days"] = np.floor(cand["_overdue"].astype("float64").fillna(0.0))
    cand["_effort"] = cand["action"].map(EFFORT)
    cand["_ev_key"] = cand["evidence"].map(" ".join)
    cand = cand.sort_values(
        ["seeker", "_tier", "_overdue_days", "_value", "_effort", "due", "contact_id", "_ev_key", "action"],
        ascending=[True, True, False, False, True, True, True, True, True],
        na_position="last",
        kind="stable",
    ).reset_index(drop=True)
    if limit is not None:
        cand = cand.loc[cand.groupby(["seeker", "action"]).cumcount() < limit].reset_index(drop=True)
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
