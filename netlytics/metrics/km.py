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
- the median is the smallest event time where S(t) <= 0.5, null (NaN) when S never reaches 0.5.

Everything is computed with sort + groupby + cumulative operations: no Python loop over rows or
over groups.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from netlytics.errors import ParameterError

__all__ = ["kaplan_meier", "km_median", "kaplan_meier_by", "km_median_by", "km_curves"]

#: columns of a Kaplan-Meier table (after any group columns)
KM_COLUMNS = ["time", "at_risk", "events", "censored", "survival"]

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


def kaplan_meier_by(
    table: pd.DataFrame,
    *,
    by: str | Sequence[str] = (),
    duration: str = "duration",
    observed: str = "observed",
) -> pd.DataFrame:
    """Kaplan-Meier tables for every group of ``table`` at once.

    Parameters
    ----------
    table
        One row per observation.
    by
        Column name(s) defining the groups; empty for a single curve.
    duration
        Column of non-negative durations.
    observed
        Column of booleans: True when the event happened at ``duration``, False when the
        observation is censored there.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``time`` (float), ``at_risk``, ``events``, ``censored``
        (int64) and ``survival`` (float): one row per group and distinct duration, sorted.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["a", "a", "a", "b"], "duration": [1.0, 2.0, 2.0, 5.0],
    ...                   "observed": [True, True, False, True]})
    >>> kaplan_meier_by(t, by="g")
       g  time  at_risk  events  censored  survival
    0  a   1.0        3       1         0  0.666667
    1  a   2.0        2       1         1  0.333333
    2  b   5.0        1       1         0  0.000000
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [c for c in [*keys, duration, observed] if c not in table.columns]
    if missing:
        raise ParameterError(
            f"Column(s) {missing} not found; the table has {list(table.columns)}.",
        )
    dur = pd.to_numeric(table[duration]).astype("float64")
    obs = table[observed]
    _check(dur, obs, f"Column {duration!r}")
    obs = obs.to_numpy().astype(bool)
    if not len(table):
        out = {k: table[k].iloc[:0] for k in keys}
        out.update(
            time=pd.Series(dtype="float64"),
            at_risk=pd.Series(dtype="int64"),
            events=pd.Series(dtype="int64"),
            censored=pd.Series(dtype="int64"),
            survival=pd.Series(dtype="float64"),
        )
        return pd.DataFrame(out)
    # integer group codes in the sorted order of the key values (empty keys last, as groupby)
    group = np.zeros(len(table), dtype="int64")
    for k in keys:
        codes, uniq = pd.factorize(table[k], sort=True, use_na_sentinel=False)
        group = group * (len(uniq) + 1) + codes
    if keys:
        group = pd.factorize(group, sort=True)[0].astype("int64")
    time = dur.to_numpy()
    order = np.lexsort((time, group))
    g, t, ev = group[order], time[order], obs[order]
    # one row per (group, distinct time): the start of every run
    start = np.flatnonzero(np.r_[True, (g[1:] != g[:-1]) | (t[1:] != t[:-1])])
    events = np.add.reduceat(ev.astype("int64"), start)
    n = np.diff(np.r_[start, len(g)])
    censored = n - events
    rg = g[start]
    gstart = np.flatnonzero(np.r_[True, rg[1:] != rg[:-1]])  # first row of each group
    total = np.add.reduceat(n, gstart)
    gid = np.cumsum(np.r_[False, rg[1:] != rg[:-1]])
    cum = np.cumsum(n)
    before = cum - n - (cum - n)[gstart][gid]  # observations of the group at earlier times
    at_risk = total[gid] - before
    factor = pd.Series(1.0 - events / at_risk)
    survival = factor.groupby(gid).cumprod().to_numpy() if keys else factor.cumprod().to_numpy()
    out = {k: table[k].iloc[order[start]].reset_index(drop=True) for k in keys}
    out.update(
        time=pd.Series(t[start], dtype="float64"),
        at_risk=pd.Series(at_risk, dtype="int64"),
        events=pd.Series(events, dtype="int64"),
        censored=pd.Series(censored, dtype="int64"),
        survival=pd.Series(survival, dtype="float64"),
    )
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
        ``time``, ``at_risk``, ``events``, ``censored``, ``survival``: one row per distinct
        duration. S(t) = 1 before the first row.

    Examples
    --------
    >>> kaplan_meier([2, 1, 3, 3], [True, True, False, True])
       time  at_risk  events  censored  survival
    0   1.0        4       1         0      0.75
    1   2.0        3       1         0      0.50
    2   3.0        2       1         1      0.25
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

    Returns one row per group present in ``table`` with the ``by`` columns and ``median``.

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
        ``survival``: one row per seeker, trigger and distinct lag. The curve starts at
        S = 1 at time 0 (not a row) and steps down at each row with events.

    Examples
    --------
    >>> import pandas as pd
    >>> fu = pd.DataFrame({"seeker": ["Ana"] * 3, "trigger": ["reply"] * 3,
    ...                    "lag_days": [0.5, 1.0, 3.0], "censored": [False, True, False]})
    >>> km_curves(fu)
      seeker trigger  time  at_risk  events  censored  survival
    0    Ana   reply   0.5        3       1         0  0.666667
    1    Ana   reply   1.0        2       0         1  0.666667
    2    Ana   reply   3.0        1       1         0  0.000000
    """
    t = follow_up_table[["seeker", "trigger", "lag_days"]].copy()
    t["observed"] = ~follow_up_table["censored"].astype(bool)
    return kaplan_meier_by(t, by=["seeker", "trigger"], duration="lag_days", observed="observed")
