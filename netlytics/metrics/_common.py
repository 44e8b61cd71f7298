"""Argument handling shared by every metric: accepting data, resolving ``as_of``."""

from __future__ import annotations

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError

__all__ = ["as_data", "resolve_as_of"]


def as_data(data: NetworkData | pd.DataFrame, *, name: str = "data") -> NetworkData:
    """Accept the loaded container, or a canonical interactions DataFrame on its own."""
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

    A date-only string means the end of nothing: it is midnight UTC of that day, like every
    other date. Returns None only when the data holds no timestamp at all.

    Examples
    --------
    >>> resolve_as_of(NetworkData(), "2025-03-01")
    Timestamp('2025-03-01 00:00:00+0000', tz='UTC')
    """
    if as_of is None:
        return data.latest_timestamp()
    try:
        ts = pd.Timestamp(as_of)
    except (ValueError, TypeError) as err:
        raise ParameterError(
            f"as_of must be a date or timestamp (e.g. '2025-03-01'); got {as_of!r}."
        ) from err
    if pd.isna(ts):
        raise ParameterError(f"as_of must be a date or timestamp; got {as_of!r}.")
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.as_unit("ns")
