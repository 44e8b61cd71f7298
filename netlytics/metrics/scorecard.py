"""The scorecard: one status and one piece of advice per seeker and networking mistake.

docs/spec/METRICS.md section 3 ("scorecard"), 5 and 5b. For each seeker and each of the four
mistakes (``channel``, ``priority``, ``giving``, ``follow_up``) the scorecard names the metric
that decided, its value, a status (``ok``, ``watch``, ``mistake`` or ``not_measured``), how
much evidence it rests on, the period it judges, and one plain sentence of advice built from
the seeker's own numbers (:mod:`netlytics.metrics.advice`).

Decisions where the spec is silent:

- The scoring period is ``[since, as_of]``; by default the last 12 months (section 5b).
  Interactions and applications outside it are left out of every input.
- ``evidence`` is the number of touches (all directions) in the period for channel and
  priority, of gift-kind interactions (both directions) for giving, and for follow_up of the
  trigger rows answered or past due (``settled``): the count the on-time share is computed on,
  so the tile, the basis and the advice ("384 of 506 follow-ups were on time") say one number
  (issue 17). An inbound referral is two triggers: thank_you and lead. The ``not_measured``
  rule (fewer than ``min_evidence`` triggers) still counts every trigger.
- ``value`` is reported even when the status is ``not_measured`` (when it can be computed), so a
  coach can see it; the status says it must not be judged.
- follow_up is ``not_measured`` when all its triggers are still inside their due time (no
  on-time share can be computed yet), even with 5 or more triggers. Stale triggers count as
  past due (not on time) in the on-time share but never make the status ``watch``.
- Thresholds compare strictly: ``written_share > 0.5`` is a mistake, exactly 0.5 is ``watch``;
  ``active_week_share < 0.5`` is a mistake, exactly 0.5 is ``watch``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import check_mapping
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.errors import ParameterError
from netlytics.metrics._common import period_label, until  # noqa: F401  (until: kept for callers)
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.advice import advice, basis
from netlytics.metrics.followup import STALE_DAYS, _follow_up, check_stale_days
from netlytics.metrics.touches import empty_frame, sorted_unique

__all__ = ["DEFAULT_THRESHOLDS", "SCORECARD_COLUMNS", "scorecard"]


#: Default thresholds of the scorecard (docs/spec/METRICS.md section 3). Pass a dict with some of these
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
    # below this many touches (gifts for giving, triggers for follow_up): not measured
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
    "basis": "str",
    "period": "str",
}

#: status severity, for "the worse of two rules"
_SEVERITY = {"ok": 0, "watch": 1, "mistake": 2}
WINDOW_WEEKS = 8
WINDOW_DAYS = 90


def resolve_thresholds(thresholds: Mapping[str, float] | None) -> dict[str, float]:
    """DEFAULT_THRESHOLDS updated with ``thresholds``; unknown keys raise ParameterError."""
    given = check_mapping(
        "thresholds",
        thresholds,
        sorted(DEFAULT_THRESHOLDS),
        what="threshold",
        example="{'written_share_mistake': 0.6}",
    )
    out = dict(DEFAULT_THRESHOLDS)
    for key, value in given.items():
        try:
            out[key] = float(value)
        except (TypeError, ValueError) as err:
            raise ParameterError(f"Threshold {key!r} must be a number; got {value!r}.") from err
    return out


def _pick(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    missing = [c for c in ["seeker", *columns] if c not in frame.columns]
    if missing:  # pragma: no cover - a broken contract between metric modules
        raise RuntimeError(f"summary helper is missing column(s) {missing}; found {list(frame.columns)}")
    return frame[["seeker", *columns]]


def _touch_counts(w: Window) -> pd.DataFrame:
    """Per seeker: touches, written, live and LinkedIn touches, written-only contacts.

    Counted on the window's integer-coded touches (no text is decoded); seekers without a
    touch have no row.
    """
    ta, sel = w.ta, w.until_mask()
    n = len(ta.seekers)
    s, c, ch = ta.seeker[sel], ta.contact[sel], ta.channel[sel]
    written = ta.channels.isin(list(schema.WRITTEN_CHANNELS))[ch]
    live = ta.channels.isin(list(schema.LIVE_CHANNELS))[ch]
    touches = np.bincount(s, minlength=n)
    # contacts only ever touched in writing: pairs with no touch on another channel
    key = s * max(len(ta.contacts), 1) + c
    pairs = sorted_unique(key)
    written_only = pairs[~np.isin(pairs, key[~written])] // max(len(ta.contacts), 1)
    out = pd.DataFrame(
        {
            "touches": touches,
            "written_touches": np.bincount(s, weights=written, minlength=n).astype("int64"),
            "live_touches": np.bincount(s, weights=live, minlength=n).astype("int64"),
            "linkedin_touches": np.bincount(s, weights=ta.linkedin[sel], minlength=n).astype("int64"),
            "written_only_contacts": np.bincount(written_only, minlength=n).astype("int64"),
        },
        index=pd.Index(ta.seekers, dtype="str", name="seeker"),
    )
    return out[touches > 0]


def _follow_up_counts(w: Window, fu: pd.DataFrame) -> pd.DataFrame:
    """Per seeker: triggers, settled (answered or past due), on time, open and stale loops, and
    the oldest open loop (who, how old, which trigger) for the advice sentence."""
    settled = ~fu["censored"] | fu["open_loop"] | fu["stale"]
    fg = fu.assign(_settled=settled).groupby("seeker")
    counts = pd.DataFrame(
        {
            "triggers": fg.size(),
            "settled": fg["_settled"].sum(),
            "on_time": fg["on_time"].sum(),
            "open_loops": fg["open_loop"].sum(),
            "stale_loops": fg["stale"].sum(),
        }
    )
    loops = fu[fu["open_loop"]].sort_values(["seeker", "trigger_at"], kind="stable").drop_duplicates("seeker")
    names = w.data.contacts[["seeker", "contact_id", "name"]].drop_duplicates(["seeker", "contact_id"])
    loops = loops.merge(names, on=["seeker", "contact_id"], how="left")
    loops["oldest_loop_who"] = loops["name"].fillna(loops["contact_id"])
    oldest = loops.set_index("seeker")[["oldest_loop_who", "lag_days", "trigger"]].rename(
        columns={"lag_days": "oldest_loop_days", "trigger": "oldest_loop_trigger"}
    )
    return counts.join(oldest, how="left")


def _measure_columns(w: Window, window_weeks: int, window_days: int) -> pd.DataFrame:
    """One row per seeker: the touch counts and the summary columns of channel, cadence,
    networked before applying and reciprocity, and the applications."""
    from netlytics.metrics.applying import _networked_summary
    from netlytics.metrics.cadence import _cadence_summary
    from netlytics.metrics.channel import _channel_summary
    from netlytics.metrics.reciprocity import DEFAULT_WEIGHTS, _reciprocity_summary

    wide = pd.DataFrame({"seeker": pd.Series(w.seekers, dtype="str")})
    wide = wide.merge(_touch_counts(w), left_on="seeker", right_index=True, how="left")
    parts = [
        _pick(_channel_summary(w), ["live_share", "in_person_share", "written_share"]),
        _pick(
            _cadence_summary(w, window_weeks),
            ["active_week_share", "touches_per_week", "longest_gap_days"],
        ),
        _pick(_networked_summary(w, pd.Timedelta(days=window_days)), ["networked_share"]),
        _pick(_reciprocity_summary(w, dict(DEFAULT_WEIGHTS)), ["give_share", "take_only_contacts", "gifts"]),
    ]
    for part in parts:
        wide = wide.merge(part.drop_duplicates("seeker"), on="seeker", how="left")
    apps = w.data.applications.groupby("seeker").size().rename("applications")
    wide = wide.merge(apps, left_on="seeker", right_index=True, how="left")
    wide["window_weeks"] = int(window_weeks)
    wide["window_days"] = int(window_days)
    return wide


def scorecard_inputs(
    w: Window,
    *,
    stale_days: float = STALE_DAYS,
    window_weeks: int = WINDOW_WEEKS,
    window_days: int = WINDOW_DAYS,
    fu: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Everything the scorecard and the coach's summary need, per seeker, from one window.

    Parameters
    ----------
    w : Window
        The records of the scoring period (:func:`netlytics.metrics._window.scope` with
        ``cut=True``).
    stale_days, window_weeks, window_days
        As in :func:`scorecard`.
    fu : DataFrame, optional
        The :func:`~netlytics.metrics.followup.follow_up` table of ``w``, when already computed.

    Returns
    -------
    tuple of DataFrame
        ``(wide, follow_up_table)``: ``wide`` has one row per seeker (sorted) with the summary
        columns of every metric, the counts the advice sentences quote, and ``period``.

    See Also
    --------
    scorecard : the statuses and sentences built from these inputs.
    """
    from netlytics.engines.threads import pcall

    if fu is None:
        w.prepare()  # the touches and the follow-up timeline, side by side on large data
        # the follow-up table beside the other measures (two threads on large data)
        wide, fu = pcall(
            [lambda: _measure_columns(w, window_weeks, window_days), lambda: _follow_up(w, stale_days)],
            rows=len(w.data.interactions),
        )
    else:
        wide = _measure_columns(w, window_weeks, window_days)
    wide = wide.merge(_follow_up_counts(w, fu), left_on="seeker", right_index=True, how="left")
    ints = [
        "touches", "written_touches", "live_touches", "linkedin_touches", "written_only_contacts",
        "applications", "take_only_contacts", "gifts", "triggers", "settled", "on_time", "open_loops",
        "stale_loops",
    ]  # fmt: skip
    for col in ints:
        wide[col] = wide[col].fillna(0).astype("int64")
    wide["on_time_share"] = (wide["on_time"] / wide["settled"]).where(wide["settled"] > 0)
    wide["period"] = period_label(w.as_of, w.since)
    return wide.reset_index(drop=True), fu


def measures(data: NetworkData, as_of: pd.Timestamp | None, *, since=None, stale_days: float = STALE_DAYS):
    """Compatibility: ``scorecard_inputs`` of ``data`` (use :class:`~netlytics.metrics.measures.Measures`)."""
    return scorecard_inputs(scope(data, as_of, since, default_year=True, cut=True), stale_days=stale_days)


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

    # giving: the evidence is the gift-kind interactions of the period (METRICS 5b)
    gv = _lower_is_worse(wide["give_share"], th["give_share_mistake"], th["give_share_watch"])
    few_gifts = wide["gifts"] < th["min_evidence"]
    out["giving_status"] = gv.where(~few_gifts & gv.notna(), "not_measured")
    out["giving_metric"] = "give_share"
    out["giving_value"] = wide["give_share"]

    # follow_up: on-time share pooled over triggers answered or past due; any open (not stale)
    # loop -> watch
    fu = _lower_is_worse(wide["on_time_share"], th["on_time_share_mistake"], th["on_time_share_watch"])
    fu = fu.where(~((fu == "ok") & (wide["open_loops"] > 0)), "watch")
    out["follow_up_status"] = fu.where((wide["triggers"] >= th["min_evidence"]) & fu.notna(), "not_measured")
    out["follow_up_metric"] = "on_time_share"
    out["follow_up_value"] = wide["on_time_share"]
    return out


@dispatchable
@fill
def scorecard(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    since=None,
    stale_days: float = STALE_DAYS,
    thresholds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per seeker and networking mistake: status, evidence, period and advice.

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
        One row per seeker and mistake (``channel``, ``priority``, ``giving``, ``follow_up``):
        ``seeker``, ``mistake``, ``metric`` (the rule that set the status), ``value``,
        ``status`` (``ok``, ``watch``, ``mistake``, ``not_measured``), ``evidence`` (touches;
        gives and receives for giving; for follow_up the triggers answered or past due, the
        denominator of its on-time share; all in the period), ``advice``
        (one sentence built from the numbers), ``basis`` (what the status rests on, in words)
        and ``period`` (the period judged, e.g. "the last 12 months: 7 Dec 2025 to 7 Dec 2026").

    Raises
    ------
    ParameterError
        For an unknown threshold key, a bad ``as_of``, ``since`` or ``stale_days``.

    See Also
    --------
    netlytics.metrics.summary.summary : the same statuses with every headline number.
    netlytics.metrics.measures.Measures : computes the scorecard once for figures and reports.

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
    >>> print(card.loc[0, "basis"])
    based on 6 touches in the last 12 months: 8 Mar 2024 to 8 Mar 2025
    """
    th = resolve_thresholds(thresholds)
    stale_days = check_stale_days(stale_days)
    w = scope(data, as_of, since, default_year=True, cut=True)
    wide, _ = scorecard_inputs(w, stale_days=stale_days)
    return score_rows(wide, th)


def score_rows(wide: pd.DataFrame, th: Mapping[str, float]) -> pd.DataFrame:
    """The long scorecard from the per-seeker ``wide`` frame of :func:`scorecard_inputs`."""
    if not len(wide):
        return empty_frame(SCORECARD_COLUMNS)
    st = statuses(wide, th)
    evidence_col = {"channel": "touches", "priority": "touches", "giving": "gifts", "follow_up": "settled"}
    records = []
    for i in range(len(wide)):  # 4 rows per seeker: building sentences row by row is fine
        w = wide.iloc[i]
        for mistake in schema.MISTAKES:
            status = st[f"{mistake}_status"].iloc[i]
            metric = st[f"{mistake}_metric"].iloc[i]
            records.append(
                {
                    "seeker": w["seeker"],
                    "mistake": mistake,
                    "metric": metric,
                    "value": st[f"{mistake}_value"].iloc[i],
                    "status": status,
                    "evidence": int(w[evidence_col[mistake]]),
                    "advice": advice(mistake, status, w, th, metric),
                    "basis": basis(mistake, w, w["period"]),
                    "period": w["period"],
                }
            )
    out = pd.DataFrame.from_records(records, columns=list(SCORECARD_COLUMNS))
    return out.astype(SCORECARD_COLUMNS)
