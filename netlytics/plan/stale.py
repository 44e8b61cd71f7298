"""Stale loops: unanswered triggers older than ``stale_days``, and the ones worth reviving.

The table behind :func:`netlytics.plan.stale_loops` (docs/plan.md, "Stale loops";
docs/spec/METRICS.md section 5b).
"""

from __future__ import annotations

import pandas as pd

from netlytics import schema
from netlytics.plan._common import cap, date_text, days_since, empty, id_lists, n_days
from netlytics.plan.builders import Context, did_text, trigger_details

__all__ = ["STALE_COLUMNS", "stale_table"]

#: Columns and dtypes of :func:`netlytics.plan.stale_loops`.
STALE_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "contact_id": "str",
    "contact_name": "str",
    "company": "str",
    "tie": "str",
    "score": "float64",
    "loops": "int64",
    "last_trigger": "str",
    "last_trigger_at": schema.TIMESTAMP,
    "days": "int64",
    "reason": "str",
    "evidence": "object",
}


def stale_table(ctx: Context | None, limit: int | None) -> pd.DataFrame:
    """The stale loops of ``ctx`` worth reviving, at most ``limit`` contacts per seeker.

    Parameters
    ----------
    ctx : Context or None
        The plan's context (None: data without any timestamp, nothing is stale).
    limit : int or None
        At most this many contacts per seeker; None: all.

    Returns
    -------
    pandas.DataFrame
        :data:`STALE_COLUMNS`, with ``attrs["total"]`` and ``attrs["by_seeker"]`` (see
        :func:`netlytics.plan.stale_loops`).

    See Also
    --------
    netlytics.plan.stale_loops : the public entry point.
    """
    out = empty(STALE_COLUMNS)
    out.attrs.update(total=0, by_seeker={})
    if ctx is None or not ctx.fu["stale"].any():
        return out
    stale = ctx.fu.loc[ctx.fu["stale"]]
    by_seeker = {str(k): int(v) for k, v in stale.groupby("seeker").size().items()}
    keys = ["seeker", "contact_id"]
    known = ctx.reachable(stale.loc[stale["contact_id"].notna()])  # a hidden member is no one to revive
    known = known.sort_values(["trigger_at", "trigger_id"], kind="stable")
    if len(known):
        once = known.drop_duplicates([*keys, "trigger_id"])  # a lead is also a thank-you trigger
        n = once.groupby(keys).size().rename("loops").reset_index()
        last = known.drop_duplicates(keys, keep="last")
        t = last.merge(n, on=keys).merge(ctx.people, on=keys, how="left")
        t = t.merge(ctx.ties[[*keys, "tie", "score"]], on=keys, how="left").reset_index(drop=True)
        t["score"] = t["score"].fillna(0.0)
        t = t.sort_values(
            ["seeker", "score", "trigger_at", "contact_id"],
            ascending=[True, False, False, True],
            kind="stable",
        )
        if limit is not None:
            t = t.loc[t.groupby("seeker").cumcount() < limit]
        # the details and evidence of the contacts listed only (a long history has thousands)
        chosen = pd.MultiIndex.from_frame(t[keys])
        once = once.loc[pd.MultiIndex.from_frame(once[keys]).isin(chosen)]
        ev = id_lists(once.rename(columns={"trigger_id": "interaction_id"}), keys)
        t = trigger_details(ctx, t.reset_index(drop=True)).merge(ev, on=keys, how="left")
        out = _rows(ctx, t)
    out.attrs.update(total=int(len(stale)), by_seeker=by_seeker)
    return out


def _rows(ctx: Context, t: pd.DataFrame) -> pd.DataFrame:
    """The output rows, with a reason that cites the latest stale trigger."""
    days = days_since(t["trigger_at"], ctx.as_of)
    more = (t["loops"] - 1).astype("str")
    earlier = ("; " + more + " earlier ones too").where(t["loops"] > 2, "; 1 earlier one too")
    earlier = earlier.where(t["loops"] > 1, "")
    reason = cap(
        did_text(ctx, t)
        + " on "
        + date_text(t["trigger_at"], ctx.as_of)
        + " ("
        + n_days(days)
        + " ago, never answered"
        + earlier
        + "): a short note can revive the contact."
    )
    out = pd.DataFrame(
        {
            "seeker": t["seeker"],
            "contact_id": t["contact_id"],
            "contact_name": t["contact_name"],
            "company": t["contact_company"].fillna(t["company"]),
            "tie": t["tie"].fillna("dormant"),
            "score": t["score"],
            "loops": t["loops"],
            "last_trigger": t["trigger"],
            "last_trigger_at": t["trigger_at"],
            "days": days,
            "reason": reason,
            "evidence": t["evidence"],
        }
    )
    return out.astype(STALE_COLUMNS)
