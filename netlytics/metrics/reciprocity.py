"""Reciprocity (mistake 3: not giving back; METRICS.md sections 3 and 5).

Gift kinds (:data:`netlytics.schema.GIFT_KINDS`) are gives when outbound and gives received
when inbound. Each is weighted by how much it is worth to the receiver.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics._common import as_data
from netlytics.metrics.touches import all_seekers, empty_frame

__all__ = ["reciprocity", "reciprocity_summary", "DEFAULT_WEIGHTS"]

#: Default value of each gift kind (METRICS.md section 3); override some or all with ``weights=``.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "referral": 3.0,
    "introduction": 3.0,
    "lead": 2.0,
    "recommendation": 2.0,
    "help": 1.0,
    "endorsement": 0.5,
}

RECIPROCITY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "contact_id": "str",
    "gives": "int64",
    "receives": "int64",
    "give_value": "float64",
    "receive_value": "float64",
    "balance": "float64",
}

SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "give_value": "float64",
    "receive_value": "float64",
    "give_share": "float64",
    "take_only_contacts": "int64",
}


def resolve_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """The default weights updated with ``weights``; unknown kinds or bad values raise.

    Examples
    --------
    >>> resolve_weights({"help": 2})["help"]
    2.0
    >>> resolve_weights({"referal": 1})
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: weights has an unknown gift kind 'referal'. Did you mean 'referral'? Gift kinds are ['lead', 'referral', 'introduction', 'help', 'endorsement', 'recommendation'].
    """
    out = dict(DEFAULT_WEIGHTS)
    if weights is None:
        return out
    if not isinstance(weights, Mapping):
        raise ParameterError(
            f"weights must be a mapping of gift kind -> number, e.g. {{'help': 2}}; got {type(weights).__name__}."
        )
    for kind, value in weights.items():
        if kind not in schema.GIFT_KINDS:
            close = difflib.get_close_matches(str(kind), schema.GIFT_KINDS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ParameterError(
                f"weights has an unknown gift kind {kind!r}.{hint} Gift kinds are {list(schema.GIFT_KINDS)}."
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not np.isfinite(value)
            or value < 0
        ):
            raise ParameterError(f"weights[{kind!r}] must be a finite number >= 0; got {value!r}.")
        out[kind] = float(value)
    return out


def reciprocity(
    data: NetworkData | pd.DataFrame, *, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Gives and gives received per seeker and contact, counted and weighted.

    Parameters
    ----------
    data
        The loaded data, or a canonical interactions DataFrame.
    weights
        Gift kind -> value, overriding some or all of :data:`DEFAULT_WEIGHTS` (referral 3,
        introduction 3, lead 2, recommendation 2, help 1, endorsement 0.5). Unknown kinds raise
        :class:`~netlytics.errors.ParameterError`.

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, contact) with at least one gift-kind interaction, sorted by seeker
        and contact_id: ``seeker``, ``contact_id`` (str), ``gives``, ``receives`` (int64: counts
        of outbound and inbound gift-kind interactions), ``give_value``, ``receive_value``
        (float64: the same, weighted by kind), ``balance`` = give_value - receive_value.

    Notes
    -----
    Every gift-kind interaction counts, whatever the channel and however many fall on one
    day (gifts are not merged into touches). Gifts without a ``contact_id`` have no row.
    There is no ``as_of``: the whole history counts.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"] * 4, "interaction_id": ["1", "2", "3", "4"],
    ...     "contact_id": ["bo", "bo", "bo", "cy"],
    ...     "at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09"], utc=True),
    ...     "channel": ["email", "email", "linkedin", "email"],
    ...     "direction": ["inbound", "outbound", "outbound", "outbound"],
    ...     "kind": ["referral", "help", "endorsement", "message"]})
    >>> reciprocity(inter)
      seeker contact_id  gives  receives  give_value  receive_value  balance
    0    Ana         bo      2         1         1.5            3.0     -1.5
    """
    w = resolve_weights(weights)
    data = as_data(data)
    df = data.interactions
    is_gift = df["kind"].isin(schema.GIFT_KINDS) & df["contact_id"].notna()
    if not is_gift.any():
        return empty_frame(RECIPROCITY_COLUMNS)
    g = df.loc[is_gift, ["seeker", "contact_id", "kind", "direction"]]
    value = g["kind"].map(w).to_numpy(dtype="float64")
    out_ = g["direction"].eq("outbound").to_numpy(bool, na_value=False)
    in_ = g["direction"].eq("inbound").to_numpy(bool, na_value=False)
    flags = pd.DataFrame(
        {
            "seeker": g["seeker"].to_numpy(),
            "contact_id": g["contact_id"].to_numpy(),
            "gives": out_.astype("int64"),
            "receives": in_.astype("int64"),
            "give_value": np.where(out_, value, 0.0),
            "receive_value": np.where(in_, value, 0.0),
        }
    )
    s = flags.groupby(["seeker", "contact_id"], sort=True).sum().reset_index()
    return pd.DataFrame(
        {
            "seeker": s["seeker"].astype("str"),
            "contact_id": s["contact_id"].astype("str"),
            "gives": s["gives"].astype("int64"),
            "receives": s["receives"].astype("int64"),
            "give_value": s["give_value"].astype("float64"),
            "receive_value": s["receive_value"].astype("float64"),
            "balance": (s["give_value"] - s["receive_value"]).astype("float64"),
        }
    )


def reciprocity_summary(
    data: NetworkData | pd.DataFrame, *, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Per seeker: how much they give compared with what they receive.

    Parameters
    ----------
    data
        The loaded data, or a canonical interactions DataFrame.
    weights
        As in :func:`reciprocity`.

    Returns
    -------
    pandas.DataFrame
        One row per seeker present in the data, sorted by seeker: ``seeker``,
        ``give_value``, ``receive_value`` (float64 sums over contacts), ``give_share`` =
        give_value / (give_value + receive_value) (null when that sum is 0: no gifts at all, or
        only gifts weighted 0), ``take_only_contacts`` (int64: contacts with receive_value > 0
        and give_value = 0).

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana", "Ana", "Ana"], "interaction_id": ["1", "2", "3"],
    ...     "contact_id": ["bo", "cy", "di"],
    ...     "at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-08"], utc=True),
    ...     "channel": ["email"] * 3, "direction": ["inbound", "inbound", "outbound"],
    ...     "kind": ["referral", "lead", "help"]})
    >>> reciprocity_summary(inter)
      seeker  give_value  receive_value  give_share  take_only_contacts
    0    Ana         1.0            5.0    0.166667                   2
    """
    data = as_data(data)
    seekers = all_seekers(data)
    per = reciprocity(data, weights=weights)
    if seekers.empty:
        return empty_frame(SUMMARY_COLUMNS)
    per = per.assign(take_only=(per["receive_value"] > 0) & (per["give_value"] == 0))
    s = (
        per.groupby("seeker")[["give_value", "receive_value", "take_only"]]
        .sum()
        .reindex(pd.Index(seekers), fill_value=0)
    )
    give = s["give_value"].to_numpy().astype("float64")
    total = give + s["receive_value"].to_numpy().astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, give / np.where(total > 0, total, 1.0), np.nan)
    return pd.DataFrame(
        {
            "seeker": seekers,
            "give_value": give,
            "receive_value": s["receive_value"].to_numpy().astype("float64"),
            "give_share": share,
            "take_only_contacts": s["take_only"].to_numpy().astype("int64"),
        }
    )
