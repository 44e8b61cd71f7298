"""Argument handling shared by every metric: accepting data, resolving ``as_of`` and ``since``.

The scoring period (docs/spec/METRICS.md section 5b): ``since`` keeps the interactions and
applications at or after it; contacts are never filtered. A trigger before ``since`` is no
trigger, because the interaction that would be it is not part of the data any more.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import parse_timestamp
from netlytics.data import NetworkData
from netlytics.errors import ParameterError

__all__ = [
    "as_data",
    "resolve_as_of",
    "resolve_since",
    "since_filter",
    "until",
    "take_rows",
    "period_label",
    "YEAR_DAYS",
]

#: The default scoring period of the scorecard, the summary, the plan and the reports.
YEAR_DAYS = 365


def as_data(data: NetworkData | pd.DataFrame, *, name: str = "data") -> NetworkData:
    """Accept the loaded container, or a canonical interactions DataFrame on its own.

    Parameters
    ----------
    data : NetworkData or DataFrame
        The loaded records, or a canonical interactions table.
    name : str
        The argument's name in error messages.

    Returns
    -------
    NetworkData
        ``data`` itself, or a container holding the interactions frame.

    Raises
    ------
    ParameterError
        When ``data`` is neither, or a frame missing a required interactions column.
    """
    if isinstance(data, NetworkData):
        return data
    if isinstance(data, pd.DataFrame):
        missing = [c for c in schema.INTERACTIONS.required if c not in data.columns]
        if missing:
            raise ParameterError(
                f"{name} is a DataFrame but not a canonical interactions table: missing "
                f"column(s) {missing}. Expected columns {schema.INTERACTIONS.columns}.",
                hint="Pass the object netlytics.load() returns, or a canonical interactions frame.",
            )
        return NetworkData(interactions=data)
    raise ParameterError(
        f"{name} must be a NetworkData (from netlytics.load) or an interactions DataFrame; "
        f"got {type(data).__name__}."
    )


def resolve_as_of(data: NetworkData, as_of=None) -> pd.Timestamp | None:
    """``as_of`` as a UTC timestamp; default: the latest timestamp in the data (never the clock).

    A date-only string means midnight UTC of that day, like every other date. Returns None
    only when the data holds no timestamp at all.

    Examples
    --------
    >>> resolve_as_of(NetworkData(), "2025-03-01")
    Timestamp('2025-03-01 00:00:00+0000', tz='UTC')
    """
    if as_of is None:
        return data.latest_timestamp()
    ts = parse_timestamp("as_of", as_of)
    return ts.as_unit("ns")


def resolve_since(since, as_of: pd.Timestamp | None, *, default_year: bool = False) -> pd.Timestamp | None:
    """The start of the scoring period as a UTC timestamp, or None for all history.

    Parameters
    ----------
    since : timestamp-like, "all" or None
        The user's value.
    as_of : Timestamp or None
        The resolved ``as_of``.
    default_year : bool
        True for the scorecard, summary, plan and reports: ``None`` means the last 12 months
        (``as_of - 365 days``) and ``"all"`` all history. False for the metric functions:
        ``None`` (and ``"all"``) mean all history.

    Returns
    -------
    Timestamp or None

    Raises
    ------
    ParameterError
        When ``since`` is not a date, or is after ``as_of``.

    Examples
    --------
    >>> as_of = pd.Timestamp("2026-12-07", tz="UTC")
    >>> resolve_since(None, as_of, default_year=True)
    Timestamp('2025-12-07 00:00:00+0000', tz='UTC')
    >>> resolve_since("all", as_of, default_year=True) is None
    True
    """
    if isinstance(since, str) and since.strip().lower() == "all":
        return None
    if since is None:
        if default_year and as_of is not None:
            return (as_of - pd.Timedelta(days=YEAR_DAYS)).as_unit("ns")
        return None
    ts = parse_timestamp("since", since).as_unit("ns")
    if as_of is not None and ts > as_of:
        raise ParameterError(
            f"since ({ts:%Y-%m-%d}) is after as_of ({as_of:%Y-%m-%d}); the scoring period would be empty.",
            hint="Pass an earlier since=, or since='all' for the whole history.",
        )
    return ts


def take_rows(df: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """``df[keep].reset_index(drop=True)``, column by column, Arrow text filtered by pyarrow.

    pandas filters an Arrow-backed text column by turning the mask into positions and taking
    them; pyarrow's own filter does the same in half the time. On large tables the columns are
    filtered on several threads (:func:`netlytics.engines.threads.pmap`).

    Examples
    --------
    >>> df = pd.DataFrame({"a": pd.array(["x", None, "z"], dtype="str"), "n": [1, 2, 3]}, index=[5, 6, 7])
    >>> take_rows(df, np.array([True, False, True]))
       a  n
    0  x  1
    1  z  3
    """
    import pyarrow as pa

    from netlytics.engines.threads import pmap

    keep = np.asarray(keep, dtype=bool)
    if not len(df.columns) or df.columns.has_duplicates:
        return df[keep].reset_index(drop=True)
    mask = pa.array(keep)

    def one(arr):
        if isinstance(arr, pd.arrays.ArrowStringArray):
            return type(arr)(arr.__arrow_array__().filter(mask), dtype=arr.dtype)
        return arr[keep]

    cols = pmap(one, [df[c].array for c in df.columns], rows=len(df))
    out = pd.DataFrame(dict(zip(df.columns, cols, strict=True)), copy=False)
    out.columns = df.columns
    out.attrs = dict(df.attrs)
    return out


def _rows_of(data: NetworkData, interactions: pd.DataFrame, applications: pd.DataFrame) -> NetworkData:
    """``data`` with some of its interactions and applications (rows of tables already in
    their canonical form, so not conformed again: a window narrowed to the columns it reads
    stays narrow)."""
    import copy

    new = copy.copy(data)
    new.interactions, new.applications = interactions, applications
    return new


def since_filter(data: NetworkData, since: pd.Timestamp | None) -> NetworkData:
    """Keep the interactions and applications at or after ``since`` (contacts stay whole).

    Returns ``data`` itself when ``since`` is None or keeps everything.
    """
    if since is None:
        return data
    ix, apps = data.interactions, data.applications
    keep_ix = (ix["at"] >= since).to_numpy(bool, na_value=False)
    keep_apps = (apps["applied_at"] >= since).to_numpy(bool, na_value=False)
    if keep_ix.all() and keep_apps.all():
        return data
    return _rows_of(data, take_rows(ix, keep_ix), take_rows(apps, keep_apps))


def until(data: NetworkData, as_of: pd.Timestamp | None) -> NetworkData:
    """The data as it stood at ``as_of``: interactions and applications after it left out."""
    if as_of is None:
        return data
    ix = data.interactions
    apps = data.applications
    keep_ix = ~(ix["at"] > as_of).to_numpy(bool, na_value=False)
    keep_apps = ~(apps["applied_at"] > as_of).to_numpy(bool, na_value=False)
    if keep_ix.all() and keep_apps.all():
        return data
    return _rows_of(data, take_rows(ix, keep_ix), take_rows(apps, keep_apps))


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def period_label(as_of: pd.Timestamp | None, since: pd.Timestamp | None, *, first=None) -> str:
    """The scoring period in words, as the scorecard and the reports print it.

    Examples
    --------
    >>> as_of = pd.Timestamp("2026-12-07", tz="UTC")
    >>> period_label(as_of, as_of - pd.Timedelta(days=365))
    'the last 12 months: 7 Dec 2025 to 7 Dec 2026'
    >>> period_label(as_of, pd.Timestamp("2026-03-01", tz="UTC"))
    'since 1 Mar 2026: 1 Mar 2026 to 7 Dec 2026'
    >>> period_label(as_of, None)
    'all history to 7 Dec 2026'
    """
    if as_of is None:
        return "all history" if since is None else f"since {_day(since)}"
    if since is None:
        if first is not None and pd.notna(first):
            return f"all history: {_day(first)} to {_day(as_of)}"
        return f"all history to {_day(as_of)}"
    head = "the last 12 months" if as_of - since == pd.Timedelta(days=YEAR_DAYS) else f"since {_day(since)}"
    return f"{head}: {_day(since)} to {_day(as_of)}"
