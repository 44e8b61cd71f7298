"""Channel mix (mistake 1: mostly e-mail instead of in person; docs/spec/METRICS.md sections 3 and 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import did_you_mean
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.errors import ParameterError
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.touches import (
    NS_PER_DAY,
    TouchArrays,
    combine_codes,
    empty_frame,
    take_str,
    to_utc,
)

__all__ = ["channel_mix", "channel_summary", "period_start", "FREQS"]

MIX_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "period": schema.TIMESTAMP,
    "channel": "str",
    "touches": "int64",
    "share": "float64",
}

SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "touches": "int64",
    "live_share": "float64",
    "in_person_share": "float64",
    "written_share": "float64",
    "linkedin_only": "bool",
}

_WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Accepted ``freq`` values and the period they mean (weeks are named by their FIRST day).
FREQS: dict[str, str] = {
    "D": "day",
    "W": "week starting Monday",
    **{f"W-{d}": f"week starting {name}" for d, name in zip(_WEEKDAYS, _DAY_NAMES, strict=True)},
    "MS": "calendar month",
    "M": "calendar month",
    "ME": "calendar month",
    "QS": "calendar quarter",
    "Q": "calendar quarter",
    "QE": "calendar quarter",
    "YS": "calendar year",
    "Y": "calendar year",
    "YE": "calendar year",
}


def _check_freq(freq: str) -> str:
    if not isinstance(freq, str) or freq.upper() not in FREQS:
        hint = did_you_mean(str(freq).upper(), FREQS)
        raise ParameterError(
            f"freq={freq!r} is not a period netlytics knows.{hint} Expected one of {list(FREQS)} "
            "(weeks are named by their first day: 'W' and 'W-MON' are weeks starting Monday)."
        )
    return freq.upper()


def period_start(days: np.ndarray, freq: str) -> np.ndarray:
    """Day numbers (days since 1970-01-01 UTC) -> day number of the start of their period.

    Weeks are named by their first day, so ``"W"`` and ``"W-MON"`` both mean weeks starting
    Monday (unlike pandas, where ``"W-MON"`` ends on Monday).

    Parameters
    ----------
    days : array of int
        Days since 1970-01-01 (UTC).
    freq : str
        One of :data:`FREQS`.

    Returns
    -------
    ndarray
        The day number of each period's first day.

    Raises
    ------
    ParameterError
        For an unknown ``freq``.

    See Also
    --------
    channel_mix : uses these periods with ``freq=``.

    Examples
    --------
    >>> import numpy as np
    >>> day = np.array([20096])  # 2025-01-08, a Wednesday
    >>> period_start(day, "W").astype("datetime64[D]"), period_start(day, "MS").astype("datetime64[D]")
    (array(['2025-01-06'], dtype='datetime64[D]'), array(['2025-01-01'], dtype='datetime64[D]'))
    """
    freq = _check_freq(freq)
    days = np.asarray(days, dtype="int64")
    if freq == "D":
        return days
    if freq.startswith("W"):
        first = _WEEKDAYS.index(freq[2:]) if "-" in freq else 0
        return days - (days + 3 - first) % 7  # 1970-01-01 was a Thursday (weekday 3)
    as_date = days.astype("datetime64[D]")
    if freq in ("MS", "M", "ME"):
        return as_date.astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    if freq in ("QS", "Q", "QE"):
        months = as_date.astype("datetime64[M]").astype("int64")
        return (months - months % 3).astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    return as_date.astype("datetime64[Y]").astype("datetime64[D]").astype("int64")


def _touches_until(w: Window) -> tuple[TouchArrays, np.ndarray]:
    """The touch arrays and a mask of the touches at or before ``as_of``."""
    return w.ta, w.until_mask()


@dispatchable
@fill
def channel_mix(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, freq: str | None = None
) -> pd.DataFrame:
    """Touches and share of touches per seeker and channel (optionally per period).

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    freq
        None for one row per seeker and channel over all time, or a period: ``"D"``, ``"W"``
        (= ``"W-MON"``, weeks starting Monday; ``"W-TUE"`` ... start on other days), ``"MS"``
        (months), ``"QS"`` (quarters), ``"YS"`` (years). See :data:`FREQS`.
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        ``seeker``, ``period`` (only when ``freq`` is given: the period's first day, midnight
        UTC), ``channel``, ``touches`` (int64), ``share`` (float64; sums to 1 within a seeker
        and period). Channels with no touch have no row. Sorted by seeker, period and channel
        in the canonical order of :data:`netlytics.schema.CHANNELS` (in_person first).

    Raises
    ------
    ParameterError
        For an unknown ``freq`` (with a suggestion), a bad ``as_of``/``since``, or a channel
        outside the vocabulary.

    See Also
    --------
    channel_summary : live, in-person and written shares per seeker.
    netlytics.metrics.touches.touches : the touches counted here.

    Notes
    -----
    Shares are over all touches of the seeker, both directions (docs/spec/METRICS.md section 5). A
    touch belongs to the period of its UTC day. Unlike pandas, a weekly ``freq`` is named by
    the week's first day.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"] * 4, "interaction_id": ["1", "2", "3", "4"],
    ...     "contact_id": ["bo", "bo", "cy", "di"],
    ...     "at": pd.to_datetime(["2025-01-06", "2025-01-06", "2025-01-07", "2025-01-14"], utc=True),
    ...     "channel": ["email", "email", "in_person", "email"],
    ...     "direction": ["outbound"] * 4, "kind": ["message", "message", "meeting", "message"]})
    >>> channel_mix(inter)
      seeker    channel  touches     share
    0    Ana  in_person        1  0.333333
    1    Ana      email        2  0.666667
    >>> channel_mix(inter, freq="W")[["period", "channel", "share"]]
                         period    channel  share
    0 2025-01-06 00:00:00+00:00  in_person    0.5
    1 2025-01-06 00:00:00+00:00      email    0.5
    2 2025-01-13 00:00:00+00:00      email    1.0
    """
    if freq is not None:
        freq = _check_freq(freq)
    return _channel_mix(scope(data, as_of, since), freq)


def _channel_mix(w: Window, freq: str | None) -> pd.DataFrame:
    columns = dict(MIX_COLUMNS)
    if freq is None:
        del columns["period"]
    ta, sel = _touches_until(w)
    if not sel.any():
        return empty_frame(columns)

    s_codes = ta.seeker[sel]
    ch_codes = _channel_codes(ta.channels)[ta.channel[sel]]
    parts = [s_codes]
    if freq is not None:
        per = period_start(ta.day[sel], freq)
        parts.append(per - per.min())
    parts.append(ch_codes)
    key = combine_codes(parts)
    _, first, counts = np.unique(key, return_index=True, return_counts=True)  # sorted by key
    group = combine_codes(parts[:-1])[first]
    totals = pd.Series(counts).groupby(group).transform("sum").to_numpy()
    out = {"seeker": take_str(ta.seekers, s_codes[first])}
    if freq is not None:
        out["period"] = to_utc(per[first] * NS_PER_DAY)
    out["channel"] = take_str(_CHANNEL_INDEX, ch_codes[first])
    out["touches"] = counts.astype("int64")
    out["share"] = counts / totals
    return pd.DataFrame(out)


_CHANNEL_INDEX = pd.Index(list(schema.CHANNELS), dtype="str")


def _channel_codes(channels: pd.Index) -> np.ndarray:
    """Position of each channel name in :data:`schema.CHANNELS`; unknown names raise."""
    codes = pd.Categorical(channels, categories=list(schema.CHANNELS)).codes.astype("int64")
    if (codes < 0).any():
        bad = channels[codes < 0][0]
        raise ParameterError(
            f"Column 'channel' of interactions holds {bad!r}, which is not a channel; "
            f"allowed: {list(schema.CHANNELS)}. Load data with netlytics.load() or fix the value."
        )
    return codes


@dispatchable
@fill
def channel_summary(data: NetworkData | pd.DataFrame, *, as_of=None, since=None) -> pd.DataFrame:
    """Per seeker: how much of the networking is live (in person, video, phone) vs written.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker (every seeker present in the data), sorted by seeker:
        ``seeker``, ``touches`` (int64, all directions), ``live_share``, ``in_person_share``,
        ``written_share`` (float64, shares of touches; null when the seeker has no touch),
        ``linkedin_only`` (bool: the seeker has touches and every one comes from a LinkedIn
        export; then the channel mistake is *not measured*, as the export records no meetings
        or calls).

    Raises
    ------
    ParameterError
        For a bad ``as_of``/``since`` or a channel outside the vocabulary.

    See Also
    --------
    channel_mix : touches per channel (and period).
    netlytics.metrics.scorecard.scorecard : judges ``written_share``.

    Notes
    -----
    A seeker with no touch (e.g. only contacts, or only applications) gets a row with
    ``touches`` 0, null shares and ``linkedin_only`` False, so a coach's table lists everyone.
    Touches on channel ``other`` count in ``touches`` but in neither live nor written.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana", "Ana", "Ana", "Bo"], "interaction_id": ["1", "2", "3", "1"],
    ...     "contact_id": ["cy", "di", "ed", "cy"],
    ...     "at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-08", "2025-01-06"], utc=True),
    ...     "channel": ["email", "in_person", "video", "linkedin"],
    ...     "direction": ["outbound"] * 4, "kind": ["message", "meeting", "meeting", "message"],
    ...     "origin": ["tracker", "tracker", "tracker", "linkedin"]})
    >>> channel_summary(inter)
      seeker  touches  live_share  in_person_share  written_share  linkedin_only
    0    Ana        3    0.666667         0.333333       0.333333          False
    1     Bo        1    0.000000         0.000000       1.000000           True
    """
    return _channel_summary(scope(data, as_of, since))


def _channel_summary(w: Window) -> pd.DataFrame:
    seekers = pd.Series(w.seekers, dtype="str")
    if seekers.empty:
        return empty_frame(SUMMARY_COLUMNS)
    ta, sel = _touches_until(w)
    pos = pd.Index(seekers).get_indexer(ta.seekers)[ta.seeker[sel]]  # row of each touch's seeker
    ch = _channel_codes(ta.channels)[ta.channel[sel]]
    vocab = np.array(schema.CHANNELS)

    def count(flag: np.ndarray) -> np.ndarray:
        return np.bincount(pos, weights=flag, minlength=len(seekers))

    n = np.bincount(pos, minlength=len(seekers)).astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = {
            name: np.where(n > 0, count(np.isin(vocab, group)[ch]) / np.maximum(n, 1), np.nan)
            for name, group in (
                ("live", schema.LIVE_CHANNELS),
                ("in_person", ("in_person",)),
                ("written", schema.WRITTEN_CHANNELS),
            )
        }
    return pd.DataFrame(
        {
            "seeker": seekers,
            "touches": n,
            "live_share": share["live"],
            "in_person_share": share["in_person"],
            "written_share": share["written"],
            "linkedin_only": (n > 0) & (count(ta.linkedin[sel]) == n),
        }
    )
