"""Cadence (mistake 2: networking is not a priority; docs/spec/METRICS.md sections 3 and 5).

Weeks start on Monday (UTC). The *window* of the summary is the ``window_weeks`` Monday-based
weeks ending with the week that contains ``as_of``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import check_positive_int
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.touches import (
    NS_PER_DAY,
    empty_frame,
    monday_days,
    ns_values,
    sorted_unique,
    take_str,
    to_utc,
)

__all__ = ["cadence", "cadence_summary"]

CADENCE_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "week": schema.TIMESTAMP,
    "touches": "int64",
    "active_days": "int64",
    "applications": "int64",
    "in_window": "bool",
}

SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "active_week_share": "float64",
    "touches_per_week": "float64",
    "longest_gap_days": "int64",
}


def _check_window(window_weeks) -> int:
    return check_positive_int("window_weeks", window_weeks)


def _outbound_days(w: Window, as_of_ns: int, seekers: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Outbound touches at or before as_of: position of the seeker in ``seekers`` and UTC day."""
    ta = w.ta
    keep = ta.outbound & (ta.at <= as_of_ns)
    return seekers.get_indexer(ta.seekers)[ta.seeker[keep]], ta.day[keep]


def _first_days(seeker: pd.Series, day: np.ndarray) -> pd.Series:
    """The earliest day per seeker (index: seeker names)."""
    codes, uniq = pd.factorize(seeker)
    first = np.full(len(uniq), np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, codes, day)
    return pd.Series(first, index=pd.Index(uniq, dtype="str"))


@dispatchable
@fill
def cadence(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, window_weeks: int = 8
) -> pd.DataFrame:
    """Weekly networking effort per seeker, empty weeks included.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    window_weeks : int, default 8
        Length of the summary window (see :func:`cadence_summary`); marks ``in_window``.
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker and week, from the Monday of the seeker's first interaction or
        application (at or before ``as_of``) to the week that contains ``as_of``, sorted by
        seeker and week:

        - ``seeker`` (str), ``week`` (datetime64[ns, UTC]: the Monday, midnight UTC);
        - ``touches`` (int64): outbound touches that week;
        - ``active_days`` (int64): days with at least one outbound touch;
        - ``applications`` (int64): applications sent that week;
        - ``in_window`` (bool): the week is one of the ``window_weeks`` weeks that end with the
          week of ``as_of`` (the weeks :func:`cadence_summary` uses).

    Raises
    ------
    ParameterError
        When ``window_weeks`` is not a whole number >= 1, or ``as_of``/``since`` is not a date.

    See Also
    --------
    cadence_summary : the window's shares and longest gap per seeker.

    Notes
    -----
    Touches, interactions and applications after ``as_of`` are ignored, also when deciding
    where a seeker's weeks start; a seeker with no activity until ``as_of`` has no row. Any
    interaction (also a one-click action or one without a contact) marks the start.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"] * 3, "interaction_id": ["1", "2", "3"], "contact_id": ["bo", "bo", "cy"],
    ...     "at": pd.to_datetime(["2025-01-07", "2025-01-07", "2025-01-23"], utc=True),
    ...     "channel": ["email", "phone", "email"], "direction": ["outbound", "outbound", "inbound"],
    ...     "kind": ["message", "message", "message"]})
    >>> cadence(inter, window_weeks=2).drop(columns=["seeker", "applications"])
                           week  touches  active_days  in_window
    0 2025-01-06 00:00:00+00:00        2            1      False
    1 2025-01-13 00:00:00+00:00        0            0       True
    2 2025-01-20 00:00:00+00:00        0            0       True
    """
    window_weeks = _check_window(window_weeks)
    return _cadence(scope(data, as_of, since), window_weeks)


def _cadence(w: Window, window_weeks: int) -> pd.DataFrame:
    data, as_of = w.data, w.as_of
    if as_of is None:
        return empty_frame(CADENCE_COLUMNS)
    as_of_ns = as_of.value
    last_monday = int(monday_days(np.array([as_of_ns // NS_PER_DAY]))[0])

    inter, apps = data.interactions, data.applications
    i_keep = inter["at"].notna().to_numpy() & (ns_values(inter["at"]) <= as_of_ns)
    a_keep = apps["applied_at"].notna().to_numpy() & (ns_values(apps["applied_at"]) <= as_of_ns)
    i_day = ns_values(inter["at"])[i_keep] // NS_PER_DAY
    a_day = ns_values(apps["applied_at"])[a_keep] // NS_PER_DAY
    firsts = pd.concat(
        [_first_days(inter["seeker"][i_keep], i_day), _first_days(apps["seeker"][a_keep], a_day)]
    )
    if firsts.empty:
        return empty_frame(CADENCE_COLUMNS)
    first = firsts.groupby(level=0, sort=True).min()
    s_uniq = pd.Index(first.index, dtype="str")
    first_monday = monday_days(first.to_numpy().astype("int64"))
    n_weeks = (last_monday - first_monday) // 7 + 1
    offsets = np.concatenate([[0], np.cumsum(n_weeks)[:-1]])
    total = int(n_weeks.sum())
    row_seeker = np.repeat(np.arange(len(s_uniq)), n_weeks)
    row_week = first_monday[row_seeker] + 7 * (np.arange(total) - offsets[row_seeker])

    def rows_of(s: np.ndarray, day: np.ndarray) -> np.ndarray:
        return offsets[s] + (monday_days(day) - first_monday[s]) // 7

    t_s, t_day = _outbound_days(w, as_of_ns, s_uniq)
    touch_rows = rows_of(t_s, t_day)
    active_rows = sorted_unique(touch_rows * 7 + (t_day - monday_days(t_day))) // 7  # one per active day
    app_rows = rows_of(s_uniq.get_indexer(apps["seeker"][a_keep]), a_day)

    window_start = last_monday - 7 * (window_weeks - 1)
    return pd.DataFrame(
        {
            "seeker": take_str(s_uniq, row_seeker),
            "week": to_utc(row_week * NS_PER_DAY),
            "touches": np.bincount(touch_rows, minlength=total).astype("int64"),
            "active_days": np.bincount(active_rows, minlength=total).astype("int64"),
            "applications": np.bincount(app_rows, minlength=total).astype("int64"),
            "in_window": row_week >= window_start,
        }
    )


@dispatchable
@fill
def cadence_summary(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, window_weeks: int = 8
) -> pd.DataFrame:
    """Per seeker: how regularly they networked in the last ``window_weeks`` weeks.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    window_weeks : int, default 8
        Number of Monday-based weeks in the window, ending with the week containing ``as_of``.
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker present in the data, sorted by seeker:

        - ``active_week_share`` (float64): window weeks with an outbound touch / ``window_weeks``;
        - ``touches_per_week`` (float64): outbound touches in the window / ``window_weeks``;
        - ``longest_gap_days`` (int64): the longest run of consecutive UTC days without an
          outbound touch, from the window's first day (a Monday) to ``as_of``'s day inclusive.
          Touches on Monday and Thursday leave a gap of 2.

    Raises
    ------
    ParameterError
        When ``window_weeks`` is not a whole number >= 1, or ``as_of``/``since`` is not a date.

    See Also
    --------
    cadence : the weekly rows.
    netlytics.metrics.scorecard.scorecard : judges ``active_week_share``.

    Notes
    -----
    The denominators are always ``window_weeks``, also for a seeker who started after the
    window began (docs/spec/METRICS.md section 5): a late start reads as a low share. The last week is
    partial: only touches at or before ``as_of`` count. A seeker with no outbound touch in the
    window has shares 0 and a gap as long as the window up to ``as_of``. Without any timestamp
    in the data (and no ``as_of``) the result is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"] * 2, "interaction_id": ["1", "2"], "contact_id": ["bo", "cy"],
    ...     "at": pd.to_datetime(["2025-01-06", "2025-01-09"], utc=True),  # Monday, Thursday
    ...     "channel": ["email", "email"], "direction": ["outbound", "outbound"],
    ...     "kind": ["message", "message"]})
    >>> cadence_summary(inter, as_of="2025-01-10", window_weeks=1)
      seeker  active_week_share  touches_per_week  longest_gap_days
    0    Ana                1.0               2.0                 2
    """
    window_weeks = _check_window(window_weeks)
    return _cadence_summary(scope(data, as_of, since), window_weeks)


def _cadence_summary(w: Window, window_weeks: int) -> pd.DataFrame:
    seekers = pd.Series(w.seekers, dtype="str")
    as_of = w.as_of
    if as_of is None or seekers.empty:
        return empty_frame(SUMMARY_COLUMNS)
    as_of_ns = as_of.value
    as_of_day = as_of_ns // NS_PER_DAY
    window_start = int(monday_days(np.array([as_of_day]))[0]) - 7 * (window_weeks - 1)

    index = pd.Index(seekers)
    n = len(index)
    t_s, t_day = _outbound_days(w, as_of_ns, index)
    in_window = t_day >= window_start
    t_s, t_day = t_s[in_window], t_day[in_window]
    n_touches = np.bincount(t_s, minlength=n)
    # distinct (seeker, day) pairs, sorted by seeker then day
    pairs = sorted_unique(t_s.astype("int64") * (as_of_day - window_start + 1) + (t_day - window_start))
    s = pairs // (as_of_day - window_start + 1)
    d = pairs % (as_of_day - window_start + 1)  # days since the window's first day
    week_pairs = sorted_unique(s * 7 * window_weeks + d // 7)
    n_weeks = np.bincount(week_pairs // (7 * window_weeks), minlength=n)

    # gaps: before the first active day, between consecutive ones, and after the last up to as_of
    longest = np.full(n, as_of_day - window_start + 1, dtype="int64")
    if len(pairs):
        new_seeker = np.r_[True, s[1:] != s[:-1]]
        gap = np.where(new_seeker, d, d - np.r_[0, d[:-1]] - 1)
        last = np.r_[s[1:] != s[:-1], True]
        longest[:] = 0
        has = np.bincount(s, minlength=n) > 0
        np.maximum.at(longest, s, gap)
        np.maximum.at(longest, s[last], (as_of_day - window_start) - d[last])
        longest[~has] = as_of_day - window_start + 1

    return pd.DataFrame(
        {
            "seeker": seekers,
            "active_week_share": n_weeks / window_weeks,
            "touches_per_week": n_touches / window_weeks,
            "longest_gap_days": longest.astype("int64"),
        }
    )
