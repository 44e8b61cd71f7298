"""Kaplan-Meier (product-limit) survival estimates, vectorised and grouped.

Used by :mod:`netlytics.metrics.followup` for the median time to answer a follow-up trigger:
an unanswered trigger is *censored* (we know only that it has waited ``lag_days`` so far), not
missing. Dropping the unanswered triggers would make a seeker who never answers look fast.

Conventions (docs/spec/METRICS.md section 5):

- one row per distinct duration (event or censoring time), sorted by time;
- ``at_risk`` at time t counts every observation with duration >= t, so an observation censored
  at an event time is still at risk at that time;
- ``survival`` is S(t) just after t: the product over event times u <= t of
  ``1 - events(u) / at_risk(u)``; before the first row S = 1;
- the median is the smallest event time where S(t) <= 0.5, null (NaN) when S never reaches 0.5;
- ``ci_lower`` and ``ci_upper`` bound S(t) at 95% (``alpha=0.05``) with the exponential
  Greenwood formula (Kalbfleisch and Prentice; the default of lifelines' ``KaplanMeierFitter``,
  against which it is tested): with V(t) = sum over event times u <= t of
  d / (n (n - d)) (terms with n = d count 0) and z the normal quantile,
  lower, upper = exp(-exp(log(-log S) -/+ z sqrt(V) / log S)); 1 where S = 1, 0 where S = 0.

Everything is computed with sort + groupby + cumulative operations: no Python loop over rows or
over groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from netlytics.errors import ParameterError
from netlytics.metrics.touches import stable_argsort

__all__ = ["kaplan_meier", "km_median", "kaplan_meier_by", "km_median_by", "km_curves"]

#: columns of a Kaplan-Meier table (after any group columns)
KM_COLUMNS = ["time", "at_risk", "events", "censored", "survival", "ci_lower", "ci_upper"]

# S(t) is a product of floats: 0.75 * (2/3) is 0.49999999999999994 or 0.5000000000000001
# depending on rounding. Compare with a tolerance far below any real survival step.
_HALF = 0.5 + 1e-9


def _check(durations: pd.Series, observed: pd.Series, what: str) -> None:
    if durations.isna().any():
        bad = durations.index[durations.isna()][0]
        raise ParameterError(f"{what} has an empty duration at row {bad!r}; every duration must be a number.")
    if (durations < 0).any():
        bad = durations[durations < 0]
        raise ParameterError(
            f"{what} has a negative duration ({bad.iloc[0]!r} at row {bad.index[0]!r}); "
            "durations must be >= 0."
        )
    if observed.isna().any():
        bad = observed.index[observed.isna()][0]
        raise ParameterError(f"{what} has an empty event flag at row {bad!r}; use True or False.")


def greenwood_bounds(
    survival: np.ndarray, at_risk: np.ndarray, events: np.ndarray, group: np.ndarray, *, alpha: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """Exponential Greenwood bounds of S(t) (rows sorted by group, then time).

    Parameters
    ----------
    survival, at_risk, events : ndarray
        The Kaplan-Meier columns, one element per (group, distinct time).
    group : ndarray
        Integer group of each row (rows of a group are contiguous).
    alpha : float, default 0.05
        1 - the confidence level.

    Returns
    -------
    tuple of ndarray
        ``(lower, upper)``.

    Examples
    --------
    >>> lo, hi = greenwood_bounds(np.array([0.75, 0.5]), np.array([4, 3]), np.array([1, 1]), np.zeros(2, int))
    >>> [round(float(x), 4) for x in (*lo, *hi)]
    [0.1279, 0.0578, 0.9605, 0.8449]
    """
    n = at_risk.astype("float64")
    d = events.astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(n > d, d / (n * (n - d)), 0.0)
        var = pd.Series(term).groupby(group).cumsum().to_numpy()
        z = NormalDist().inv_cdf(1 - alpha / 2)
        v = np.log(survival)
        lower = np.exp(-np.exp(np.log(-v) - z * np.sqrt(var) / v))  # v < 0: the larger exponent
        upper = np.exp(-np.exp(np.log(-v) + z * np.sqrt(var) / v))
    return np.nan_to_num(lower, nan=1.0), np.nan_to_num(upper, nan=1.0)


def _empty_km(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = {k: table[k].iloc[:0] for k in keys}
    for c in KM_COLUMNS:
        out[c] = pd.Series(dtype="int64" if c in ("at_risk", "events", "censored") else "float64")
    return pd.DataFrame(out)


def _group_codes(table: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Integer group codes in the sorted order of the key values (empty keys last, as groupby)."""
    group = np.zeros(len(table), dtype="int64")
    for k in keys:
        codes, uniq = pd.factorize(table[k], sort=True, use_na_sentinel=False)
        group = group * (len(uniq) + 1) + codes
    return pd.factorize(group, sort=True)[0].astype("int64") if keys else group


def _product_limit(dur: np.ndarray, obs: np.ndarray, group: np.ndarray, alpha: float | None):
    """Sort by (group, time) and compute the Kaplan-Meier columns per (group, distinct time).

    Returns ``(order, start, columns)``: the sort, the first sorted row of each output row, and
    the output columns (time, at_risk, events, censored, survival, ci_lower, ci_upper; without
    the bounds when ``alpha`` is None).
    """
    by_time = np.argsort(dur, kind="stable")
    order = by_time[stable_argsort(group[by_time])]  # (group, time), ties in input order
    g, t, ev = group[order], dur[order], obs[order]
    # one row per (group, distinct time): the start of every run
    start = np.flatnonzero(np.r_[True, (g[1:] != g[:-1]) | (t[1:] != t[:-1])])
    events = np.add.reduceat(ev.astype("int64"), start)
    n = np.diff(np.r_[start, len(g)])
    rg = g[start]
    gstart = np.flatnonzero(np.r_[True, rg[1:] != rg[:-1]])  # first row of each group
    gid = np.cumsum(np.r_[False, rg[1:] != rg[:-1]])
    cum = np.cumsum(n)
    at_risk = np.add.reduceat(n, gstart)[gid] - (cum - n - (cum - n)[gstart][gid])
    survival = pd.Series(1.0 - events / at_risk).groupby(gid).cumprod().to_numpy()
    cols = {
        "time": pd.Series(t[start], dtype="float64"),
        "at_risk": pd.Series(at_risk, dtype="int64"),
        "events": pd.Series(events, dtype="int64"),
        "censored": pd.Series(n - events, dtype="int64"),
        "survival": pd.Series(survival, dtype="float64"),
    }
    if alpha is not None:
        lower, upper = greenwood_bounds(survival, at_risk, events, gid, alpha=alpha)
        cols |= {"ci_lower": pd.Series(lower, dtype="float64"), "ci_upper": pd.Series(upper, dtype="float64")}
    return order, start, cols


def km_median_codes(dur: np.ndarray, obs: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Kaplan-Meier median per integer group code ``0 .. n_groups - 1`` (NaN: never at or below
    0.5, or no row), as :func:`km_median_by` computes it, for callers that hold codes already.

    Examples
    --------
    >>> km_median_codes(np.array([1.0, 4.0, 2.0]), np.array([True, True, False]), np.array([0, 0, 1]), 3)
    array([ 1., nan, nan])
    """
    med = np.full(n_groups, np.nan)
    if not len(dur):
        return med
    order, start, cols = _product_limit(np.asarray(dur, dtype="float64"), obs, group, None)
    hit = np.flatnonzero((cols["survival"].to_numpy() <= _HALF) & (cols["events"].to_numpy() > 0))
    g = group[order[start[hit]]]
    first = np.ones(len(g), dtype=bool)
    first[1:] = g[1:] != g[:-1]  # rows are by group, then time: the first hit is the median
    med[g[first]] = cols["time"].to_numpy()[hit[first]]
    return med


def kaplan_meier_by(
    table: pd.DataFrame,
    *,
    by: str | Sequence[str] = (),
    duration: str = "duration",
    observed: str = "observed",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Kaplan-Meier tables, with Greenwood confidence bounds, for every group of ``table`` at once.

    Parameters
    ----------
    table : DataFrame
        One row per observation.
    by : str or sequence of str
        Column name(s) defining the groups; empty for a single curve.
    duration : str
        Column of non-negative durations.
    observed : str
        Column of booleans: True when the event happened at ``duration``, False when the
        observation is censored there.
    alpha : float, default 0.05
        The bounds cover S(t) with probability 1 - alpha (95% by default).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``time`` (float), ``at_risk``, ``events``, ``censored``
        (int64), ``survival``, ``ci_lower`` and ``ci_upper`` (float): one row per group and
        distinct duration, sorted.

    Raises
    ------
    ParameterError
        For a missing column, an empty or negative duration, or an empty event flag.

    See Also
    --------
    kaplan_meier : one sample.
    km_median_by : the median per group.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["a", "a", "a", "b"], "duration": [1.0, 2.0, 2.0, 5.0],
    ...                   "observed": [True, True, False, True]})
    >>> kaplan_meier_by(t, by="g")[["g", "time", "at_risk", "events", "censored", "survival"]]
       g  time  at_risk  events  censored  survival
    0  a   1.0        3       1         0  0.666667
    1  a   2.0        2       1         1  0.333333
    2  b   5.0        1       1         0  0.000000
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [c for c in [*keys, duration, observed] if c not in table.columns]
    if missing:
        raise ParameterError(f"Column(s) {missing} not found; the table has {list(table.columns)}.")
    dur = pd.to_numeric(table[duration]).astype("float64")
    _check(dur, table[observed], f"Column {duration!r}")
    obs = table[observed].to_numpy().astype(bool)
    if not len(table):
        return _empty_km(table, keys)
    order, start, cols = _product_limit(dur.to_numpy(), obs, _group_codes(table, keys), alpha)
    out = {k: table[k].iloc[order[start]].reset_index(drop=True) for k in keys}
    out.update(cols)
    return pd.DataFrame(out)


def kaplan_meier(durations, observed=None) -> pd.DataFrame:
    """The Kaplan-Meier table of one sample.

    Parameters
    ----------
    durations
        Non-negative durations (array-like).
    observed
        Booleans, True when the event was observed (False = censored). Default: all observed.

    Returns
    -------
    pandas.DataFrame
        ``time``, ``at_risk``, ``events``, ``censored``, ``survival``, ``ci_lower``,
        ``ci_upper``: one row per distinct duration. S(t) = 1 before the first row.

    Raises
    ------
    ParameterError
        For lengths that differ, empty or negative durations.

    See Also
    --------
    kaplan_meier_by : several groups at once.

    Examples
    --------
    >>> kaplan_meier([2, 1, 3, 3], [True, True, False, True]).round(4)
       time  at_risk  events  censored  survival  ci_lower  ci_upper
    0   1.0        4       1         0      0.75    0.1279    0.9605
    1   2.0        3       1         0      0.50    0.0578    0.8449
    2   3.0        2       1         1      0.25    0.0089    0.6653
    """
    dur = pd.Series(np.asarray(durations, dtype="float64"))
    obs = pd.Series(True, index=dur.index) if observed is None else pd.Series(np.asarray(observed))
    if len(obs) != len(dur):
        raise ParameterError(
            f"durations and observed must have the same length; got {len(dur)} and {len(obs)}."
        )
    return kaplan_meier_by(pd.DataFrame({"duration": dur, "observed": obs}))


def km_median_by(
    table: pd.DataFrame,
    *,
    by: str | Sequence[str],
    duration: str = "duration",
    observed: str = "observed",
) -> pd.DataFrame:
    """Kaplan-Meier median per group: the smallest event time with S(t) <= 0.5, else null.

    Parameters
    ----------
    table : DataFrame
        One row per observation.
    by, duration, observed : str
        As in :func:`kaplan_meier_by`.

    Returns
    -------
    DataFrame
        One row per group present in ``table`` with the ``by`` columns and ``median``.

    Raises
    ------
    ParameterError
        As :func:`kaplan_meier_by`.

    See Also
    --------
    km_median : one sample.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["a", "a", "b", "b", "b"], "duration": [1.0, 4.0, 1.0, 2.0, 3.0],
    ...                   "observed": [True, True, True, False, False]})
    >>> km_median_by(t, by="g")
       g  median
    0  a     1.0
    1  b     NaN
    """
    keys = [by] if isinstance(by, str) else list(by)
    km = kaplan_meier_by(table, by=keys, duration=duration, observed=observed)
    groups = km[keys].drop_duplicates().reset_index(drop=True)
    hit = km[(km["survival"] <= _HALF) & (km["events"] > 0)]
    med = (
        hit.groupby(keys, sort=False, dropna=False, observed=True)["time"]
        .min()
        .rename("median")
        .reset_index()
    )
    out = groups.merge(med, on=keys, how="left")
    out["median"] = out["median"].astype("float64")
    return out


def km_median(durations, observed=None) -> float:
    """Kaplan-Meier median of one sample: smallest event time with S(t) <= 0.5; NaN if never.

    Parameters
    ----------
    durations : array-like
        Non-negative durations.
    observed : array-like of bool, optional
        True when the event was observed; default all.

    Returns
    -------
    float

    Raises
    ------
    ParameterError
        As :func:`kaplan_meier`.

    See Also
    --------
    km_median_by : per group.

    Examples
    --------
    >>> km_median([1, 2, 3, 4], [True, True, False, False])
    2.0
    >>> km_median([1, 2, 3], [True, False, False])
    nan
    """
    km = kaplan_meier(durations, observed)
    hit = km.loc[(km["survival"] <= _HALF) & (km["events"] > 0), "time"]
    return float(hit.min()) if len(hit) else float("nan")


def km_curves(follow_up_table: pd.DataFrame) -> pd.DataFrame:
    """Kaplan-Meier curves of time-to-answer per seeker and trigger, for step plots.

    Parameters
    ----------
    follow_up_table
        The table returned by :func:`netlytics.metrics.followup.follow_up` (uses ``seeker``,
        ``trigger``, ``lag_days`` and ``censored``).

    Returns
    -------
    pandas.DataFrame
        ``seeker``, ``trigger``, ``time`` (days), ``at_risk``, ``events``, ``censored``,
        ``survival``, ``ci_lower``, ``ci_upper`` (95% exponential Greenwood bounds): one row per
        seeker, trigger and distinct lag. The curve starts at
        S = 1 at time 0 (not a row) and steps down at each row with events.

    Raises
    ------
    ParameterError
        When a ``lag_days`` is empty or negative.

    See Also
    --------
    netlytics.metrics.followup.follow_up_summary : the medians of these curves.

    Examples
    --------
    >>> import pandas as pd
    >>> fu = pd.DataFrame({"seeker": ["Ana"] * 3, "trigger": ["reply"] * 3,
    ...                    "lag_days": [0.5, 1.0, 3.0], "censored": [False, True, False]})
    >>> km_curves(fu).drop(columns=["seeker", "trigger"]).round(4)
       time  at_risk  events  censored  survival  ci_lower  ci_upper
    0   0.5        3       1         0    0.6667    0.0541    0.9452
    1   1.0        2       0         1    0.6667    0.0541    0.9452
    2   3.0        1       1         0    0.0000    0.0000    0.0000
    """
    t = follow_up_table[["seeker", "trigger", "lag_days"]].copy()
    t["observed"] = ~follow_up_table["censored"].astype(bool)
    return kaplan_meier_by(t, by=["seeker", "trigger"], duration="lag_days", observed="observed")
