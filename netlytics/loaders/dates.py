"""Vectorised parsing of the dates people type into trackers, with ambiguity detection.

Accepted, per cell:

- date or datetime cells (what a spreadsheet stores for a formatted date);
- Excel serial numbers (``45663`` is 2025-01-06), as numbers or 5-digit text, when plausible:
  from the serial of ``earliest`` (1 Jan 1990 by default, 32874) to ``as_of`` (a number such as
  ``42`` in a date column is a problem, not 11 Feb 1900);
- ISO dates and datetimes (``2025-01-06``, ``2025-01-06 14:30``, ``2025/01/06``, with or without a
  zone such as ``Z`` or ``+01:00``), and compact ``20250106``;
- numeric day/month/year and month/day/year (``06/01/2025``, ``1.6.25``, ``6-1-2025``), optionally
  followed by a time (``14:30``, ``2:30 PM``);
- dates with an English month name (``6 Jan 2025``, ``Jan 6, 2025``, ``Monday, January 6th 2025``,
  ``06-Jan-25``).

A numeric date whose first two numbers are both 12 or less and differ (``03/04/2025``) is
**ambiguous**: it is reported unless ``dayfirst`` is given. A number above 12 settles the order of
that cell only (``25/03/2025`` is day-first whatever ``dayfirst`` says); other cells are never used
to guess. Two-digit years are 2000-2069 for ``00``-``69`` and 1970-1999 otherwise.

Values without a zone are local times in ``tz``; a date without a time is midnight in ``tz``. The
result is ``datetime64[ns, UTC]``. A date before ``earliest`` (default 1 Jan 1990) is a problem.
"""

from __future__ import annotations

import datetime as _dt
import numbers

import numpy as np
import pandas as pd

from netlytics.errors import ParameterError
from netlytics.loaders._options import EARLIEST

__all__ = ["parse_dates", "ALLOWED_DATES", "EARLIEST"]

#: The sentence used in problem reasons.
ALLOWED_DATES = (
    "allowed: a date cell, an ISO date (2025-03-04), day/month/year or month/day/year "
    "(03/04/2025, with dayfirst set when both numbers are 12 or less), a month name (4 Mar 2025) "
    "or an Excel serial number"
)

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_TIME = r"(?:[ T,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<P>[AaPp]\.?[Mm]\.?)?)?"
_NUMERIC = r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})" + _TIME + r"\s*$"
_YMD = r"^(?P<y>\d{4})[/.\-](?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})" + _TIME + r"\s*$"
_COMPACT = r"^(?P<y>(?:19|20)\d{2})(?P<a>\d{2})(?P<b>\d{2})$"
_WEEKDAY = r"(?:[A-Za-z]+\.?,?\s+)?"
_DMY_NAME = (
    r"^" + _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+(?P<mon>[A-Za-z]{3,9})\.?,?[\s\-/.]+"
    r"(?P<y>\d{4}|\d{2})" + _TIME + r"\s*$"
)
_MDY_NAME = (
    r"^" + _WEEKDAY + r"(?P<mon>[A-Za-z]{3,9})\.?[\s\-/.]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+"
    r"(?P<y>\d{4})" + _TIME + r"\s*$"
)
_ISO_ZONE = r"(?:Z|[+\-]\d{2}:?\d{2}|\s*UTC)$"
_SERIAL = r"^\d{5}(?:\.\d+)?$"

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _serial_range(earliest: pd.Timestamp | None, as_of: pd.Timestamp | None) -> tuple[float, float]:
    """The Excel serials read as dates: from ``earliest`` (1 Jan 1990 when None) to ``as_of``
    plus a day (the largest Excel date when None)."""
    low = (earliest if earliest is not None else EARLIEST).tz_convert(None)
    low_serial = float((low - _EXCEL_EPOCH) / pd.Timedelta(days=1))
    if as_of is None:
        return low_serial, 2958465.0
    high = as_of.tz_convert(None) if as_of.tzinfo else as_of
    return low_serial, float((high - _EXCEL_EPOCH) / pd.Timedelta(days=1)) + 1.0


def _year(y: pd.Series) -> pd.Series:
    y = pd.to_numeric(y, errors="coerce")
    two = y < 100
    return y.mask(two & (y < 70), y + 2000).mask(two & (y >= 70), y + 1900)


def _time_offset(m: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Time of day as a Timedelta from the optional time groups, and a bad-time mask."""
    h = pd.to_numeric(m["H"], errors="coerce").fillna(0)
    mi = pd.to_numeric(m["M"], errors="coerce").fillna(0)
    s = pd.to_numeric(m["S"], errors="coerce").fillna(0)
    p = m["P"].str.lower().str.replace(".", "", regex=False)
    bad = (mi > 59) | (s > 59) | (p.notna() & ((h > 12) | (h == 0))) | (p.isna() & (h > 23))
    h = h.mask(p.eq("pm") & (h < 12), h + 12).mask(p.eq("am") & (h == 12), 0)
    return pd.to_timedelta(h * 3600 + mi * 60 + s, unit="s"), bad


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float64")
    return pd.to_datetime(frame, errors="coerce")


def parse_dates(
    values: pd.Series,
    *,
    dayfirst: bool | None = None,
    tz: str = "UTC",
    as_of: pd.Timestamp | None = None,
    earliest: pd.Timestamp | None = EARLIEST,
) -> pd.DataFrame:
    """Parse a column of human-written dates.

    Parameters
    ----------
    values
        Cells as read from a spreadsheet or CSV: strings, numbers, ``datetime``/``date`` objects
        or nulls (empty strings count as null).
    dayfirst
        How to read a numeric date whose first two numbers could be either day or month
        (``03/04/2025``). ``None`` reports such cells as ambiguous.
    tz
        Time zone of values without one (a date alone is midnight there).
    as_of
        Values more than one day after this (a UTC timestamp) are reported as "in the future".
    earliest
        Values before this (a UTC timestamp) are problems; None: no lower bound. Numbers are
        read as Excel serials only from this date's serial (1 Jan 1990's when None) up to
        ``as_of`` plus a day.

    Returns
    -------
    pandas.DataFrame
        Same index as ``values``; ``at`` (``datetime64[ns, UTC]``, null when empty or bad) and
        ``problem`` (``str``, null when the cell is empty or fine: what is wrong and what is
        allowed).

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : reads date columns with this.

    Examples
    --------
    >>> import pandas as pd
    >>> out = parse_dates(pd.Series(["2025-01-06", "25/03/2025", "03/04/2025", 45663, "soon", ""]))
    >>> out["at"].dt.strftime("%Y-%m-%d").tolist()
    ['2025-01-06', '2025-03-25', nan, '2025-01-06', nan, nan]
    >>> out["problem"].str.slice(0, 23).tolist()
    [nan, nan, 'ambiguous date: 3 Apr 2', nan, 'not a date; allowed: a ', nan]
    >>> parse_dates(pd.Series(["03/04/2025"]), dayfirst=False)["at"].iloc[0]
    Timestamp('2025-03-04 00:00:00+0000', tz='UTC')
    >>> parse_dates(pd.Series([42, "1985-06-01"]))["problem"].str.slice(0, 40).tolist()
    ['not a date: 42 is not a plausible Excel ', 'date before 1 Jan 1990 (earliest): allow']
    """
    if dayfirst not in (None, True, False):
        raise ParameterError(f"dayfirst must be True, False or None; got {dayfirst!r}.")
    options = {"dayfirst": dayfirst, "tz": tz, "as_of": as_of, "earliest": earliest}
    fast = _uniform(values, tz, as_of, earliest)
    if fast is not None:
        return fast
    if len(values) > 1000:
        once = _by_distinct_text(values, options)
        if once is not None:
            return once
    st = _State(values)
    _date_cells(st)
    _serials(st, earliest, as_of)
    _zoned(st)
    _families(st, dayfirst)
    st.problem[st.pending | st.other] = "not a date; " + ALLOWED_DATES
    st.problem[st.is_dt & st.local.isna() & st.aware.isna()] = "impossible date; " + ALLOWED_DATES
    return _finish(st.local, st.aware, st.problem, tz, as_of, earliest)


_PLAIN_DATE = r"^\d{4}-\d{2}-\d{2}$"
_STAMP_LOCAL = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?$"
_STAMP_Z = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+\-]\d{2}:?\d{2})$"


def _uniform(values: pd.Series, tz: str, as_of, earliest) -> pd.DataFrame | None:
    """One vectorised parse for the usual columns: all empty, all date cells, all ``2025-01-06``,
    all ``2025-01-06 09:30`` (local times), or all ISO times with a zone (``2025-01-06T09:30:00Z``, what netlytics writes, or
    ``2025-01-06 09:30:00+00:00``). None for any other column."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    idx = values.index
    local = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
    aware = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns, UTC]")
    if kind in ("string", "empty"):
        text = values.astype("str").str.strip()
        filled = text.notna() & (text != "")
        if not filled.any():
            return _finish(local, aware, pd.Series(pd.NA, index=idx, dtype="str"), tz, as_of, earliest)
        t = text[filled]
        if t.str.fullmatch(_PLAIN_DATE).all():
            got = pd.to_datetime(t, format="%Y-%m-%d", errors="coerce")
            if got.isna().any():
                return None  # an impossible date: the general path says so
            local[filled] = got.astype(local.dtype)
        elif t.str.fullmatch(_STAMP_LOCAL).all():  # 2025-01-06 09:30, a time in ``tz``
            got = pd.to_datetime(t, format="ISO8601", errors="coerce")
            if got.isna().any():
                return None
            local[filled] = got.astype(local.dtype)
        elif t.str.fullmatch(_STAMP_Z).all():
            got = pd.to_datetime(t, utc=True, format="ISO8601", errors="coerce")
            if got.isna().any():
                return None
            aware[filled] = got.astype(aware.dtype)
        else:
            return None
        return _finish(local, aware, pd.Series(pd.NA, index=idx, dtype="str"), tz, as_of, earliest)
    if kind in ("datetime", "date") and len(values):
        filled = values.dropna()
        try:
            cells = pd.Series(
                pd.to_datetime(filled.to_numpy(dtype=object), errors="coerce"), index=filled.index
            )
        except (ValueError, TypeError):  # naive and zone-aware cells mixed: the general path
            return None
        if isinstance(cells.dtype, pd.DatetimeTZDtype) or cells.isna().any():
            return None
        local[cells.index] = cells.astype(local.dtype)
        return _finish(local, aware, pd.Series(pd.NA, index=idx, dtype="str"), tz, as_of, earliest)
    return None


def _by_distinct_text(values: pd.Series, options: dict) -> pd.DataFrame | None:
    """Text cells repeat (a tracker lists the same days again and again): parse each distinct
    text once. Only when every cell is text or empty, so that 1 and True or a date and its
    Timestamp (equal as dict keys) are never merged."""
    obj = values.astype(object)
    if not obj.map(lambda v: v is None or isinstance(v, str) or v != v).all():
        return None
    codes, uniq = pd.factorize(obj, use_na_sentinel=True)
    if len(uniq) >= 0.5 * len(values):
        return None
    sub = parse_dates(pd.Series([*uniq, None], dtype=object), **options)
    codes = np.where(codes < 0, len(uniq), codes)
    out = sub.take(codes)
    out.index = values.index
    return out


class _State:
    """The cells of one column being parsed, and what is known so far."""

    def __init__(self, values: pd.Series) -> None:
        self.idx = idx = values.index
        self.obj = obj = values.astype(object)
        self.local = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
        self.aware = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns, UTC]")
        self.problem = pd.Series(pd.NA, index=idx, dtype="str")
        is_dt, is_num, is_str = _kinds(obj)
        text = obj.where(is_str).astype("str").str.strip()
        self.text = text = text.where(text.notna() & (text != ""))
        blank = obj.isna() | (is_str & text.isna())
        self.is_num = is_num & ~blank
        self.is_dt = is_dt & ~blank
        self.other = ~blank & ~self.is_dt & ~self.is_num & ~is_str  # booleans, times of day, ...
        self.serial_text = text.str.fullmatch(_SERIAL, na=False)
        self.pending = text.notna() & ~self.serial_text


def _kinds(obj: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Which cells are dates, numbers and text: one vectorised look when the column is of one
    kind (the usual case), else a look at each cell."""
    kind = pd.api.types.infer_dtype(obj, skipna=True)
    filled = obj.notna()
    none = pd.Series(False, index=obj.index)
    if kind in ("string", "empty"):
        return none, none, filled
    if kind in ("datetime", "date", "datetime64"):
        return filled, none, none
    if kind in ("floating", "integer", "mixed-integer-float", "decimal"):
        return none, filled, none
    is_dt = obj.map(lambda v: isinstance(v, (_dt.date, pd.Timestamp, np.datetime64)))
    is_num = obj.map(lambda v: isinstance(v, numbers.Real) and not isinstance(v, bool))
    is_str = obj.map(lambda v: isinstance(v, str))
    return is_dt, is_num, is_str


def _date_cells(st: _State) -> None:
    """Date and datetime cells (what a spreadsheet stores for a formatted date)."""
    if not st.is_dt.any():
        return
    cells = pd.to_datetime(st.obj[st.is_dt].map(pd.Timestamp), utc=False, errors="coerce")
    if isinstance(cells.dtype, pd.DatetimeTZDtype):
        st.aware[st.is_dt] = cells.dt.tz_convert("UTC").astype(st.aware.dtype)
    else:
        st.local[st.is_dt] = cells.astype(st.local.dtype)


def _serials(st: _State, earliest, as_of) -> None:
    """Excel serial numbers: numbers, and 5-digit text, within the plausible range."""
    is_serial = st.is_num | st.serial_text
    if not is_serial.any():
        return
    num = pd.to_numeric(st.obj.where(st.is_num, st.text.where(st.serial_text)), errors="coerce")
    num = num.astype("float64")
    low, high = _serial_range(earliest, as_of)
    ok = num.between(low, high)
    days = num.where(ok)
    st.local[is_serial] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).dt.round("s")[is_serial]
    bad = is_serial & ~ok
    if bad.any():
        shown = num[bad].map("{:g}".format).astype("str")
        st.problem[bad] = (
            "not a date: "
            + shown
            + f" is not a plausible Excel date serial ({low:g} to {high:g}); "
            + ALLOWED_DATES
        )


def _zoned(st: _State) -> None:
    """ISO dates with a zone (Z, +01:00, UTC)."""
    iso_like = st.text.str.match(r"^\d{4}-\d{1,2}-\d{1,2}", na=False) & st.pending
    zoned = iso_like & st.text.str.contains(_ISO_ZONE, regex=True, na=False)
    if not zoned.any():
        return
    z = st.text[zoned].str.replace(r"\s*UTC$", "Z", regex=True)
    got = pd.to_datetime(z, utc=True, format="ISO8601", errors="coerce")
    st.aware[zoned] = got.astype(st.aware.dtype)
    st.problem[zoned & st.aware.isna()] = "impossible date; " + ALLOWED_DATES
    st.pending &= ~zoned


_FAMILIES = [
    (_YMD, "ymd"),
    (_COMPACT, "ymd"),
    (_NUMERIC, "numeric"),
    (_DMY_NAME, "name"),
    (_MDY_NAME, "name"),
]


def _families(st: _State, dayfirst) -> None:
    """The regex families; each gives year, month, day (+ time)."""
    has_digit = st.text.str.contains(r"\d", regex=True, na=False)
    for pattern, family in _FAMILIES:
        if not st.pending.any():
            return
        cand = st.pending & has_digit  # every family needs a digit: skip the regex on the rest
        if not cand.any():
            continue
        m = st.text[cand].str.extract(pattern)
        hit = m.notna().any(axis=1).reindex(st.idx, fill_value=False) & st.pending
        if not hit.any():
            continue
        m = m[hit[cand].to_numpy()]
        for g in ("H", "M", "S", "P"):
            if g not in m:
                m[g] = pd.Series(pd.NA, index=m.index, dtype="str")
        _family(st, m, family, dayfirst)
        st.pending &= ~hit


def _family(st: _State, m: pd.DataFrame, family: str, dayfirst) -> None:
    y = _year(m["y"])
    amb = pd.Series(False, index=m.index)
    if family == "ymd":
        month, day = pd.to_numeric(m["a"]), pd.to_numeric(m["b"])
    elif family == "numeric":
        a, b = pd.to_numeric(m["a"]), pd.to_numeric(m["b"])
        amb = (a <= 12) & (b <= 12) & (a != b)
        use_dayfirst = (a > 12) | (amb & bool(dayfirst))
        day = a.where(use_dayfirst, b)
        month = b.where(use_dayfirst, a)
    else:
        month, day = m["mon"].str.lower().map(_MONTHS), pd.to_numeric(m["d"])
    base = _assemble(y, month, day)
    offset, bad_time = _time_offset(m)
    got = base + offset
    bad = base.isna() | bad_time
    if dayfirst is None and amb.any():
        am = amb[amb].index
        dm = _assemble(y[am], pd.to_numeric(m.loc[am, "b"]), pd.to_numeric(m.loc[am, "a"]))
        md = _assemble(y[am], pd.to_numeric(m.loc[am, "a"]), pd.to_numeric(m.loc[am, "b"]))
        st.problem[am] = (
            "ambiguous date: "
            + _say(dm)
            + " (day/month) or "
            + _say(md)
            + " (month/day)? Pass dayfirst=True or dayfirst=False"
        )
        got[am] = pd.NaT
        bad &= ~amb
    st.problem[bad[bad].index] = "impossible date (no such day or time); " + ALLOWED_DATES
    st.local[got.index] = got.where(~bad).astype(st.local.dtype)


def _say(d: pd.Series) -> pd.Series:
    return d.dt.day.astype("Int64").astype("str") + d.dt.strftime(" %b %Y")


def _finish(local: pd.Series, aware: pd.Series, problem: pd.Series, tz: str, as_of, earliest) -> pd.DataFrame:
    """Local times to UTC; the future and earliest bounds."""
    try:
        localised = local.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    except Exception as err:  # unknown time zone names
        raise ParameterError(
            f"tz must be a time zone name such as 'UTC' or 'Europe/Paris'; got {tz!r}."
        ) from err
    at = localised.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    at = at.where(at.notna(), aware)
    at = at.where(problem.isna())
    if as_of is not None:
        future = at > as_of + pd.Timedelta(days=1)
        if future.any():
            problem[future] = (
                "date in the future: more than a day after "
                + as_of.strftime("%Y-%m-%d %H:%M UTC")
                + " (allowed: dates up to as_of, or the load time when as_of is not given)"
            )
            at = at.where(~future)
    if earliest is not None:
        early = at < earliest
        if early.any():
            problem[early] = (
                f"date before {earliest.day} {earliest.strftime('%b %Y')} (earliest): "
                "allowed: later dates, or pass earliest= to accept older ones"
            )
            at = at.where(~early)
    at = at.astype("datetime64[ns, UTC]")
    return pd.DataFrame({"at": at, "problem": problem.astype("str")}, index=local.index)
