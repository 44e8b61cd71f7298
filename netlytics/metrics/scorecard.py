"""The scorecard: one status and one piece of advice per seeker and networking mistake.

METRICS.md section 3 ("scorecard") and section 5. For each seeker and each of the four mistakes
(``channel``, ``priority``, ``giving``, ``follow_up``) the scorecard names the metric that decided,
its value, a status (``ok``, ``watch``, ``mistake`` or ``not_measured``), how much evidence it
rests on, and one plain sentence of advice built from the seeker's own numbers.

Decisions where METRICS.md is silent:

- Only data at or before ``as_of`` counts: interactions after it and applications sent after it
  are left out of every input (touches, cadence, networked share, reciprocity, follow-up).
- ``evidence`` for channel, priority and giving is the number of touches (all directions) at or
  before ``as_of``; for follow_up it is the number of follow-up trigger rows (an inbound
  referral is two triggers: thank_you and lead).
- ``value`` is reported even when the status is ``not_measured`` (when it can be computed), so a
  coach can see it; the status says it must not be judged.
- follow_up is ``not_measured`` when all its triggers are still inside their due time (no
  on-time share can be computed yet), even with 5 or more triggers.
- Thresholds compare strictly: ``written_share > 0.5`` is a mistake, exactly 0.5 is ``watch``;
  ``active_week_share < 0.5`` is a mistake, exactly 0.5 is ``watch``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines.dask import check_engine, run_engine
from netlytics.errors import ParameterError
from netlytics.metrics._common import as_data, resolve_as_of
from netlytics.metrics.followup import follow_up
from netlytics.metrics.touches import shared_touches

__all__ = ["DEFAULT_THRESHOLDS", "SCORECARD_COLUMNS", "scorecard"]

#: Default thresholds of the scorecard (METRICS.md section 3). Pass a dict with some of these
#: keys as ``thresholds=`` to override them; the others keep their defaults.
DEFAULT_THRESHOLDS: dict[str, float] = {
    # channel: share of touches that are written (email, linkedin, text); higher is worse
    "written_share_mistake": 0.5,
    "written_share_watch": 0.4,
    # priority: share of the last window_weeks weeks with an outbound touch; lower is worse
    "active_week_share_mistake": 0.5,
    "active_week_share_watch": 0.75,
    # priority: share of applications preceded by a touch at the company; lower is worse
    "networked_share_mistake": 0.25,
    "networked_share_watch": 0.5,
    # the networked rule applies only from this many applications
    "min_applications": 3,
    # giving: give_value / (give_value + receive_value); lower is worse
    "give_share_mistake": 0.2,
    "give_share_watch": 0.4,
    # follow_up: on-time share over triggers answered or past due; lower is worse
    "on_time_share_mistake": 0.5,
    "on_time_share_watch": 0.8,
    # below this many touches (triggers for follow_up) a mistake is not measured
    "min_evidence": 5,
}

SCORECARD_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "mistake": "str",
    "metric": "str",
    "value": "float64",
    "status": "str",
    "evidence": "int64",
    "advice": "str",
}

#: status severity, for "the worse of two rules"
_SEVERITY = {"ok": 0, "watch": 1, "mistake": 2}
WINDOW_WEEKS = 8
WINDOW_DAYS = 90


def resolve_thresholds(thresholds: Mapping[str, float] | None) -> dict[str, float]:
    """DEFAULT_THRESHOLDS updated with ``thresholds``; unknown keys raise ParameterError."""
    out = dict(DEFAULT_THRESHOLDS)
    if thresholds is None:
        return out
    if not isinstance(thresholds, Mapping):
        raise ParameterError(
            f"thresholds must be a dict such as {{'written_share_mistake': 0.6}}; got {type(thresholds).__name__}."
        )
    for key, value in thresholds.items():
        if key not in out:
            close = difflib.get_close_matches(str(key), list(out), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ParameterError(f"Unknown threshold {key!r}.{hint} Allowed keys: {sorted(out)}.")
        try:
            out[key] = float(value)
        except (TypeError, ValueError) as err:
            raise ParameterError(f"Threshold {key!r} must be a number; got {value!r}.") from err
    return out


def until(data: NetworkData, as_of: pd.Timestamp | None) -> NetworkData:
    """The data as it stood at ``as_of``: interactions and applications after it left out."""
    if as_of is None:
        return data
    ix = data.interactions
    apps = data.applications
    keep_ix = ix["at"] <= as_of
    keep_apps = apps["applied_at"] <= as_of
    if keep_ix.all() and keep_apps.all() and _plain_index(ix) and _plain_index(apps):
        return data  # nothing after as_of: the same object, so shared touches are reused
    return data.replace(
        interactions=ix[keep_ix].reset_index(drop=True),
        applications=apps[keep_apps].reset_index(drop=True),
    )


def _plain_index(frame: pd.DataFrame) -> bool:
    return isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1


def _pick(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    missing = [c for c in ["seeker", *columns] if c not in frame.columns]
    if missing:  # pragma: no cover - a broken contract between metric modules
        raise RuntimeError(f"summary helper is missing column(s) {missing}; found {list(frame.columns)}")
    return frame[["seeker", *columns]]


def measures(
    data: NetworkData,
    as_of: pd.Timestamp | None,
    *,
    window_weeks: int = WINDOW_WEEKS,
    window_days: int = WINDOW_DAYS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Everything the scorecard and the coach's summary need, per seeker.

    Returns ``(wide, follow_up_table)``: ``wide`` has one row per seeker of ``data`` (sorted)
    with the summary columns of every metric plus the counts the advice sentences quote.
    """
    with shared_touches():  # touches are computed once for all the metrics below
        return _measures(data, as_of, window_weeks=window_weeks, window_days=window_days)


def _measures(
    data: NetworkData, as_of: pd.Timestamp | None, *, window_weeks: int, window_days: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    from netlytics.metrics.applying import networked_summary
    from netlytics.metrics.cadence import cadence_summary
    from netlytics.metrics.channel import channel_summary
    from netlytics.metrics.reciprocity import reciprocity_summary
    from netlytics.metrics.touches import touches

    d = until(data, as_of)
    wide = pd.DataFrame({"seeker": pd.Series(data.seekers, dtype="str")})

    # touches: evidence, LinkedIn-only, written-only contacts
    t = touches(d)
    written = t["channel"].isin(schema.WRITTEN_CHANNELS)
    live = t["channel"].isin(schema.LIVE_CHANNELS)
    per_contact = (
        t.assign(_live=~written).groupby(["seeker", "contact_id"], sort=False)["_live"].any().reset_index()
    )
    written_only = (
        (~per_contact["_live"]).groupby(per_contact["seeker"]).sum().rename("written_only_contacts")
    )
    g = t.assign(_w=written, _l=live, _li=t["origin"] == "linkedin").groupby("seeker")
    tcounts = pd.DataFrame(
        {
            "touches": g.size(),
            "written_touches": g["_w"].sum(),
            "live_touches": g["_l"].sum(),
            "linkedin_touches": g["_li"].sum(),
        }
    ).join(written_only)
    wide = wide.merge(tcounts, left_on="seeker", right_index=True, how="left")
    for col in ["touches", "written_touches", "live_touches", "linkedin_touches", "written_only_contacts"]:
        wide[col] = wide[col].fillna(0).astype("int64")

    parts = [
        _pick(channel_summary(d, as_of=as_of), ["live_share", "in_person_share", "written_share"]),
        _pick(
            cadence_summary(d, as_of=as_of, window_weeks=window_weeks),
            ["active_week_share", "touches_per_week", "longest_gap_days"],
        ),
        _pick(networked_summary(d, window_days=window_days), ["networked_share"]),
        _pick(reciprocity_summary(d), ["give_share", "take_only_contacts"]),
    ]
    for part in parts:
        wide = wide.merge(part.drop_duplicates("seeker"), on="seeker", how="left")
    apps = d.applications.groupby("seeker").size().rename("applications")
    wide = wide.merge(apps, left_on="seeker", right_index=True, how="left")
    wide["applications"] = wide["applications"].fillna(0).astype("int64")
    wide["take_only_contacts"] = wide["take_only_contacts"].fillna(0).astype("int64")
    wide["window_weeks"] = int(window_weeks)
    wide["window_days"] = int(window_days)

    fu = follow_up(d, as_of=as_of)
    settled = ~fu["censored"] | fu["open_loop"]
    fg = fu.assign(_settled=settled).groupby("seeker")
    fcounts = pd.DataFrame(
        {
            "triggers": fg.size(),
            "settled": fg["_settled"].sum(),
            "on_time": fg["on_time"].sum(),
            "open_loops": fg["open_loop"].sum(),
        }
    )
    wide = wide.merge(fcounts, left_on="seeker", right_index=True, how="left")
    for col in ["triggers", "settled", "on_time", "open_loops"]:
        wide[col] = wide[col].fillna(0).astype("int64")
    wide["on_time_share"] = (wide["on_time"] / wide["settled"]).where(wide["settled"] > 0)

    # the oldest open loop per seeker, with the contact's name for the advice sentence
    loops = fu[fu["open_loop"]].sort_values(["seeker", "trigger_at"], kind="stable").drop_duplicates("seeker")
    names = data.contacts[["seeker", "contact_id", "name"]].drop_duplicates(["seeker", "contact_id"])
    loops = loops.merge(names, on=["seeker", "contact_id"], how="left")
    loops["oldest_loop_who"] = loops["name"].fillna(loops["contact_id"])
    wide = wide.merge(
        loops[["seeker", "oldest_loop_who", "lag_days", "trigger"]].rename(
            columns={"lag_days": "oldest_loop_days", "trigger": "oldest_loop_trigger"}
        ),
        on="seeker",
        how="left",
    )
    return wide.reset_index(drop=True), fu


# --- status rules ---------------------------------------------------------------------------


def _higher_is_worse(value: pd.Series, mistake: float, watch: float) -> pd.Series:
    out = np.where(value > mistake, "mistake", np.where(value > watch, "watch", "ok"))
    return pd.Series(out, index=value.index).where(value.notna())


def _lower_is_worse(value: pd.Series, mistake: float, watch: float) -> pd.Series:
    out = np.where(value < mistake, "mistake", np.where(value < watch, "watch", "ok"))
    return pd.Series(out, index=value.index).where(value.notna())


def statuses(wide: pd.DataFrame, th: Mapping[str, float]) -> pd.DataFrame:
    """Per seeker: status, metric and value of each mistake (columns ``<mistake>_status`` ...)."""
    out = pd.DataFrame({"seeker": wide["seeker"]})
    few = wide["touches"] < th["min_evidence"]

    # channel
    ch = _higher_is_worse(wide["written_share"], th["written_share_mistake"], th["written_share_watch"])
    li_only = (wide["touches"] > 0) & (wide["linkedin_touches"] == wide["touches"])
    out["channel_status"] = ch.where(~(few | li_only) & ch.notna(), "not_measured")
    out["channel_metric"] = "written_share"
    out["channel_value"] = wide["written_share"]

    # priority: the worse of the two rules; the networked rule from min_applications on
    act = _lower_is_worse(
        wide["active_week_share"], th["active_week_share_mistake"], th["active_week_share_watch"]
    )
    net = _lower_is_worse(wide["networked_share"], th["networked_share_mistake"], th["networked_share_watch"])
    net = net.where(wide["applications"] >= th["min_applications"])
    act_sev = act.map(_SEVERITY).fillna(-1)
    net_sev = net.map(_SEVERITY).fillna(-1)
    use_net = net_sev > act_sev
    pri = act.where(~use_net, net)
    out["priority_status"] = pri.where(~few & pri.notna(), "not_measured")
    out["priority_metric"] = np.where(use_net, "networked_share", "active_week_share")
    out["priority_value"] = wide["active_week_share"].where(~use_net, wide["networked_share"])

    # giving
    gv = _lower_is_worse(wide["give_share"], th["give_share_mistake"], th["give_share_watch"])
    out["giving_status"] = gv.where(~few & gv.notna(), "not_measured")
    out["giving_metric"] = "give_share"
    out["giving_value"] = wide["give_share"]

    # follow_up: on-time share pooled over triggers answered or past due; any open loop -> watch
    fu = _lower_is_worse(wide["on_time_share"], th["on_time_share_mistake"], th["on_time_share_watch"])
    fu = fu.where(~((fu == "ok") & (wide["open_loops"] > 0)), "watch")
    out["follow_up_status"] = fu.where((wide["triggers"] >= th["min_evidence"]) & fu.notna(), "not_measured")
    out["follow_up_metric"] = "on_time_share"
    out["follow_up_value"] = wide["on_time_share"]
    return out


# --- advice ----------------------------------------------------------------------------------


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _few_touches(n: int, need: int, purpose: str) -> str:
    """'Only 3 touches recorded so far; ...' (or 'No touches ...' for none)."""
    head = (
        "No touches are recorded yet" if n == 0 else f"Only {_plural(n, 'touch', 'touches')} recorded so far"
    )
    return f"{head}; log at least {need} to {purpose}."


def _advice(mistake: str, status: str, w: Mapping, th: Mapping[str, float], metric: str) -> str:
    n = int(w["touches"])
    need = int(th["min_evidence"])
    if mistake == "channel":
        if status == "not_measured":
            if n and w["linkedin_touches"] == n:
                return (
                    f"All {_plural(n, 'touch', 'touches')} come from a LinkedIn export, which records no "
                    "coffees or calls; log your meetings and calls in a tracker to measure this."
                )
            return _few_touches(n, need, "measure your channel mix")
        if status == "ok":
            return (
                f"{int(w['live_touches'])} of your {n} touches were live (in person, video or phone); "
                "keep turning messages into conversations."
            )
        k = int(w["written_only_contacts"])
        tail = (
            f" and {_plural(k, 'contact has', 'contacts have')} only ever heard from you in writing; "
            "book two coffees or calls this week with people you have only e-mailed."
            if k
            else "; turn your next two messages into a call or a coffee."
        )
        return f"{int(w['written_touches'])} of your {n} touches were written" + tail
    if mistake == "priority":
        if status == "not_measured":
            return _few_touches(n, need, "see whether networking is a priority")
        weeks = int(w["window_weeks"])
        active = int(round(float(w["active_week_share"]) * weeks)) if pd.notna(w["active_week_share"]) else 0
        gap = w["longest_gap_days"]
        gap_text = f" (longest gap {int(gap)} days)" if pd.notna(gap) else ""
        m = int(w["applications"])
        warm = int(round(float(w["networked_share"]) * m)) if pd.notna(w["networked_share"]) else 0
        if status != "ok" and metric == "networked_share":
            cold = f"None of your {m}" if warm == 0 else f"Only {warm} of your {m}"
            return (
                f"{cold} applications came after an outbound touch with someone at the company in the "
                f"{int(w['window_days'])} days before; talk to someone there before your next application."
            )
        if status != "ok":
            return (
                f"You networked in {active} of the last {weeks} weeks{gap_text}; "
                "block an hour for outreach in your calendar every week."
            )
        extra = f", and {warm} of your {m} applications were warm" if m >= th["min_applications"] else ""
        return f"You networked in {active} of the last {weeks} weeks{extra}; keep the rhythm."
    if mistake == "giving":
        if status == "not_measured":
            if pd.isna(w["give_share"]):
                return (
                    "No gifts given or received are recorded yet; log the leads, introductions and help "
                    "you give and get to measure this."
                )
            return _few_touches(n, need, "measure giving")
        share = f"{float(w['give_share']):.0%}"
        if status == "ok":
            return f"What you gave is {share} of the value exchanged with your contacts; keep giving before you ask."
        k = int(w["take_only_contacts"])
        tail = (
            f" and {_plural(k, 'contact has', 'contacts have')} only given to you; send each of them a lead, "
            "an introduction or some help this month."
            if k
            else "; offer a lead or an introduction to someone who has helped you."
        )
        return f"What you gave is only {share} of the value exchanged with your contacts" + tail
    # follow_up
    triggers = int(w["triggers"])
    if status == "not_measured":
        if triggers >= need:
            return f"All {triggers} follow-up triggers are still inside their due time; check again in a few days."
        head = (
            "No follow-up triggers (meetings, gifts received, messages) are recorded yet"
            if triggers == 0
            else f"Only {_plural(triggers, 'follow-up trigger')} (meetings, gifts received, messages) so far"
        )
        return f"{head}; at least {need} are needed to measure this."
    on, settled, loops = int(w["on_time"]), int(w["settled"]), int(w["open_loops"])
    text = f"{on} of {settled} follow-ups were on time"
    if loops:
        who = w["oldest_loop_who"]
        days = float(w["oldest_loop_days"])
        oldest = {
            "thank_you": f"a thank-you owed to {who} for {days:.0f} days",
            "lead": f"the lead from {who}, waiting {days:.0f} days",
            "reply": f"a reply owed to {who} for {days:.0f} days",
        }[w["oldest_loop_trigger"]]
        if loops == 1:
            return text + f" and 1 is still open past due: {oldest}; send it today."
        return text + f" and {loops} are still open past due, the oldest {oldest}; answer them today."
    if status == "ok":
        return text + "; keep thanking within a day and replying within two."
    return text + "; send thank-yous within a day and replies within two."


def scorecard(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    thresholds: Mapping[str, float] | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
) -> pd.DataFrame:
    """One row per seeker and networking mistake: status, evidence and advice.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (or a canonical interactions frame).
    as_of
        Date or timestamp the scorecard looks from; data after it is left out. Default: the
        latest timestamp in the data (one as_of for a whole cohort).
    thresholds
        Some keys of :data:`DEFAULT_THRESHOLDS` to override, e.g. ``{"written_share_mistake": 0.6}``.

    engine
        ``"pandas"`` (default) computes here. ``"dask"`` computes one seeker partition at a time
        on Dask; ``data`` is then the path of a folder written by :func:`netlytics.to_parquet`
        (see :mod:`netlytics.engines.dask`). Results are equal.
    scheduler
        With ``engine="dask"``: a ``distributed`` scheduler address; default a local cluster.

    Returns
    -------
    pandas.DataFrame
        One row per seeker and mistake (``channel``, ``priority``, ``giving``, ``follow_up``):
        ``seeker``, ``mistake``, ``metric`` (the rule that set the status), ``value``,
        ``status`` (``ok``, ``watch``, ``mistake``, ``not_measured``), ``evidence`` (touches, or
        follow-up triggers for follow_up) and ``advice`` (one sentence built from the numbers).

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({
    ...     "seeker": "Ana", "interaction_id": [str(i) for i in range(6)],
    ...     "contact_id": ["ben", "cy", "dee", "eve", "fay", "ben"],
    ...     "at": pd.date_range("2025-03-03", periods=6, freq="D", tz="UTC"),
    ...     "channel": "email", "direction": "outbound", "kind": "message"})
    >>> card = scorecard(ix)
    >>> card.loc[card["mistake"] == "channel", ["metric", "value", "status", "evidence"]]
              metric  value   status  evidence
    0  written_share    1.0  mistake         6
    >>> print(card.loc[0, "advice"])
    6 of your 6 touches were written and 5 contacts have only ever heard from you in writing; book two coffees or calls this week with people you have only e-mailed.
    """
    check_engine(engine, scheduler)
    if engine == "dask":
        return run_engine(scorecard, data, as_of=as_of, scheduler=scheduler, thresholds=thresholds)
    data = as_data(data)
    th = resolve_thresholds(thresholds)
    as_of = resolve_as_of(data, as_of)
    wide, _ = measures(data, as_of)
    return score_rows(wide, th)


def score_rows(wide: pd.DataFrame, th: Mapping[str, float]) -> pd.DataFrame:
    """The long scorecard from the per-seeker ``wide`` frame of :func:`measures`."""
    if not len(wide):
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in SCORECARD_COLUMNS.items()})
    st = statuses(wide, th)
    records = []
    for i in range(len(wide)):  # 4 rows per seeker: building sentences row by row is fine
        w = wide.iloc[i]
        for mistake in schema.MISTAKES:
            status = st[f"{mistake}_status"].iloc[i]
            metric = st[f"{mistake}_metric"].iloc[i]
            value = st[f"{mistake}_value"].iloc[i]
            evidence = int(w["triggers"] if mistake == "follow_up" else w["touches"])
            records.append(
                {
                    "seeker": w["seeker"],
                    "mistake": mistake,
                    "metric": metric,
                    "value": value,
                    "status": status,
                    "evidence": evidence,
                    "advice": _advice(mistake, status, w, th, metric),
                }
            )
    out = pd.DataFrame.from_records(records, columns=list(SCORECARD_COLUMNS))
    return out.astype(SCORECARD_COLUMNS)
