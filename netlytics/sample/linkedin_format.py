"""How a LinkedIn export spells values: dates of each era, text, URLs, URNs and CSV (vectorised).

Every function takes a Series and returns a Series of text, empty where the value is missing.
Month and day names are English whatever the locale.
"""

from __future__ import annotations

import csv
import io
import zlib
from urllib.parse import quote

import numpy as np
import pandas as pd

from netlytics.sample._bytes import DAYS, MONTHS

__all__ = [
    "timestamps",
    "text",
    "mdy",
    "strftime",
    "dmy",
    "java_date",
    "event_time",
    "flatten",
    "joined",
    "percent",
    "urn",
    "no_scheme",
    "csv_text",
]


def timestamps(s: pd.Series) -> pd.Series:
    """Anything :func:`pandas.to_datetime` reads, as UTC timestamps (zone-less taken as UTC).

    Parameters
    ----------
    s
        Timestamps, or anything :func:`pandas.to_datetime` reads (zone-less: UTC).

    Returns
    -------
    pandas.Series
        UTC timestamps.

    See Also
    --------
    strftime : formats them.
    """
    return pd.to_datetime(s, utc=True, format="mixed")


def text(s: pd.Series) -> pd.Series:
    """Values as text, missing ones as ``""``.

    Parameters
    ----------
    s
        The values (a Series).

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    flatten : also replaces line breaks.

    Examples
    --------
    >>> text(pd.Series(["a", None, 3])).tolist()
    ['a', '', '3']
    """
    return s.astype(object).where(s.notna(), "").astype(str)


def _blank_missing(out: pd.Series, t: pd.Series) -> pd.Series:
    """``out`` as text, ``""`` where the timestamp ``t`` is missing."""
    return out.where(t.notna(), "").astype(str)


def _number(x: pd.Series, *, padded: bool = False) -> pd.Series:
    """Whole numbers as text (``padded``: two digits at least)."""
    out = x.astype("Int64").astype(str)
    return out.str.zfill(2) if padded else out


def _clock12(t: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The 12-hour clock hour (1-12) and ``AM``/``PM`` of each timestamp."""
    hour = t.dt.hour
    h12 = (hour % 12).where(hour % 12 != 0, 12)
    return h12, pd.Series(np.where(hour < 12, "AM", "PM"), index=t.index)


def _month_name(t: pd.Series) -> pd.Series:
    """English month abbreviations of the timestamps."""
    return t.dt.month.map(lambda m: MONTHS[int(m) - 1] if pd.notna(m) else "")


def mdy(s: pd.Series, *, padded: bool = False) -> pd.Series:
    """``12/15/24, 7:47 AM`` (``padded``: ``04/05/24, 09:25 PM``).

    Parameters
    ----------
    s
        Timestamps, or anything :func:`pandas.to_datetime` reads (zone-less: UTC).
    padded
        Zero-pad month, day and hour (Recommendations files).

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    dmy, java_date, event_time : the other date spellings.

    Examples
    --------
    >>> mdy(pd.Series(["2024-04-05 21:25", None])).tolist()
    ['4/5/24, 9:25 PM', '']
    >>> mdy(pd.Series(["2024-04-05 00:05"]), padded=True).tolist()
    ['04/05/24, 12:05 AM']
    """
    t = timestamps(s)
    h12, ampm = _clock12(t)
    out = _number(t.dt.month, padded=padded) + "/" + _number(t.dt.day, padded=padded) + "/"
    out = (
        out
        + t.dt.strftime("%y")
        + ", "
        + _number(h12, padded=padded)
        + ":"
        + t.dt.strftime("%M")
        + " "
        + ampm
    )
    return _blank_missing(out, t)


def strftime(s: pd.Series, pattern: str) -> pd.Series:
    """Timestamps formatted with ``pattern``.

    Parameters
    ----------
    s
        Timestamps, or anything :func:`pandas.to_datetime` reads (zone-less: UTC).
    pattern
        A :meth:`datetime.datetime.strftime` pattern.

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    mdy : the ``M/D/YY, H:MM AM`` spelling.

    Examples
    --------
    >>> strftime(pd.Series(["2024-12-14 08:57:55"]), "%Y-%m-%d %H:%M:%S UTC").tolist()
    ['2024-12-14 08:57:55 UTC']
    """
    t = timestamps(s)
    return _blank_missing(t.dt.strftime(pattern), t)


def dmy(s: pd.Series) -> pd.Series:
    """``16 Dec 2024``.

    Parameters
    ----------
    s
        Timestamps, or anything :func:`pandas.to_datetime` reads (zone-less: UTC).

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    mdy : the spelling of Connections.csv in 2018.

    Examples
    --------
    >>> dmy(pd.Series(["2024-12-06"])).tolist()
    ['06 Dec 2024']
    """
    t = timestamps(s)
    out = _number(t.dt.day, padded=True) + " " + _month_name(t) + " " + _number(t.dt.year)
    return _blank_missing(out, t)


def java_date(s: pd.Series) -> pd.Series:
    """``Sat Dec 14 08:57:55 UTC 2024``.

    Parameters
    ----------
    s
        Timestamps, or anything :func:`pandas.to_datetime` reads (zone-less: UTC).

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    dmy, mdy : other date spellings.

    Examples
    --------
    >>> java_date(pd.Series(["2024-12-14 08:57:55"])).tolist()
    ['Sat Dec 14 08:57:55 UTC 2024']
    """
    t = timestamps(s)
    dow = t.dt.day_of_week.map(lambda d: DAYS[int(d)] if pd.notna(d) else "")
    out = dow + " " + _month_name(t) + " " + t.dt.strftime("%d %H:%M:%S") + " UTC " + _number(t.dt.year)
    return _blank_missing(out, t)


def event_time(s: pd.Series) -> pd.Series:
    """``Sep 23, 2022 12:00 PM`` (one end of an Events.csv range).

    Parameters
    ----------
    s
        Timestamps, or anything :func:`pandas.to_datetime` reads (zone-less: UTC).

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    mdy : the spelling of other files.

    Examples
    --------
    >>> event_time(pd.Series(["2022-09-23 12:00"])).tolist()
    ['Sep 23, 2022 12:00 PM']
    """
    t = timestamps(s)
    h12, ampm = _clock12(t)
    out = _month_name(t) + " " + _number(t.dt.day) + ", " + _number(t.dt.year) + " "
    out = out + _number(h12) + ":" + t.dt.strftime("%M") + " " + ampm
    return _blank_missing(out, t)


def flatten(s: pd.Series) -> pd.Series:
    """Text with its line breaks replaced by spaces (message bodies before 2026).

    Parameters
    ----------
    s
        The values (a Series).

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    text : keeps line breaks.
    """
    return text(s).str.replace(r"\r?\n", " ", regex=True)


def joined(s: pd.Series, sep: str) -> pd.Series:
    """Lists joined with ``sep``; strings kept; missing values as ``""``.

    Parameters
    ----------
    s
        The values (a Series). Lists or strings.
    sep
        The separator.

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    text : for plain values.
    """
    return s.map(lambda v: sep.join(v) if isinstance(v, (list, tuple)) else ("" if pd.isna(v) else str(v)))


def percent(s: pd.Series) -> pd.Series:
    """URLs with non-ASCII characters percent-encoded (as Connections.csv writes them).

    Parameters
    ----------
    s
        The values (a Series). URLs.

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    no_scheme : URLs without their scheme.

    Examples
    --------
    >>> percent(pd.Series(["https://www.linkedin.com/in/zoë"])).tolist()
    ['https://www.linkedin.com/in/zo%C3%AB']
    """
    return text(s).map(lambda u: quote(u, safe=":/?=&%#@+,;~!$'()*") if u else u)


def urn(s: pd.Series) -> pd.Series:
    """A stable fictional member URN (``urn:li:member:<digits>``) per URL.

    Parameters
    ----------
    s
        The values (a Series). URLs.

    Returns
    -------
    pandas.Series
        ``urn:li:member:`` and nine digits (CRC-32 of the URL), ``""`` for no URL.

    See Also
    --------
    percent : the URL itself, encoded.
    """
    return text(s).map(
        lambda u: f"urn:li:member:{zlib.crc32(u.encode('utf-8')) % 900000000 + 100000000}" if u else ""
    )


def no_scheme(s: pd.Series) -> pd.Series:
    """URLs without ``http://`` or ``https://``.

    Parameters
    ----------
    s
        The values (a Series). URLs.

    Returns
    -------
    pandas.Series
        Text, ``""`` where the value is missing.

    See Also
    --------
    percent : the URL with its scheme, encoded.
    """
    return text(s).str.replace(r"^https?://", "", regex=True)


def csv_text(df: pd.DataFrame, *, quote_all: bool = False, sep: str = ",", final_newline: bool = True) -> str:
    """``df`` as CSV text with LF line ends (``final_newline=False``: no newline at the end).

    Parameters
    ----------
    df
        The rows.
    quote_all
        Quote every field (2026 messages, 2018 endorsements).
    sep
        The field separator.
    final_newline
        End with a newline (Connections.csv and Company Follows.csv do not).

    Returns
    -------
    str

    See Also
    --------
    pandas.DataFrame.to_csv : does the writing.

    Examples
    --------
    >>> csv_text(pd.DataFrame({"a": ["x,y"], "b": [1]}), final_newline=False)
    'a,b\\n"x,y",1'
    """
    buf = io.StringIO()
    df.to_csv(
        buf,
        index=False,
        sep=sep,
        lineterminator="\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    out = buf.getvalue()
    if not final_newline:
        out = out.rstrip("\n")
    return out
