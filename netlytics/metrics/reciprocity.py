"""Reciprocity (mistake 3: not giving back; docs/spec/METRICS.md sections 3 and 5).

Gift kinds (:data:`netlytics.schema.GIFT_KINDS`) are gives when outbound and gives received
when inbound. Each is weighted by how much it is worth to the receiver.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import check_mapping, check_number
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.errors import ParameterError
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.touches import empty_frame, take_str

__all__ = ["reciprocity", "reciprocity_summary", "DEFAULT_WEIGHTS"]

#: Default value of each gift kind (docs/spec/METRICS.md section 3); override some or all with ``weights=``.
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
    "gifts": "int64",
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
    netlytics.errors.ParameterError: weights has an unknown gift kind 'referal'. Did you mean 'referral'? Allowed: ['lead', 'referral', 'introduction', 'help', 'endorsement', 'recommendation'].
    """
    given = check_mapping("weights", weights, schema.GIFT_KINDS, what="gift kind", example="{'help': 2}")
    out = dict(DEFAULT_WEIGHTS)
    for kind, value in given.items():
        value = check_number(f"weights[{kind!r}]", value, minimum=0)
        if not np.isfinite(value):
            raise ParameterError(f"weights[{kind!r}] must be a finite number >= 0; got {value!r}.")
        out[kind] = value
    return out


def gift_pairs(win: Window, weights: Mapping[str, float]) -> pd.DataFrame:
    """Gifts per (seeker, contact) pair of a window, on integer codes (nothing decoded).

    Gift-kind interactions with a seeker and a contact, at or before ``as_of`` (and after
    ``since``). Returns columns ``s`` and ``c`` (codes into ``win.codes.seekers`` and
    ``win.codes.contacts``: code order is text order), ``gives``, ``receives`` (counts of
    outbound and inbound gifts), ``give_value`` and ``receive_value`` (weighted with
    ``weights``), one row per pair, sorted by (s, c). Computed once per window and weights.
    """
    key = ("gift_pairs", tuple(sorted(weights.items())))
    return win.shared(key, lambda: _gift_pairs(win, weights)).copy(deep=False)


def _gift_pairs(win: Window, weights: Mapping[str, float]) -> pd.DataFrame:
    k = win.codes
    keep = k.is_kind(schema.GIFT_KINDS) & (k.contact >= 0) & (k.seeker >= 0)
    if win.as_of is not None:
        keep &= ~(win.data.interactions["at"] > win.as_of).to_numpy(bool, na_value=False)
    rows = np.flatnonzero(keep)
    value = np.array([weights.get(kind, np.nan) for kind in k.kinds] + [np.nan], dtype="float64")
    value = value[k.kind[rows]]
    out_ = k.is_direction("outbound")[rows]
    in_ = k.is_direction("inbound")[rows]
    nc = max(len(k.contacts), 1)
    flags = pd.DataFrame(
        {
            "key": k.seeker[rows] * nc + k.contact[rows],
            "gives": out_.astype("int64"),
            "receives": in_.astype("int64"),
            "give_value": np.where(out_, value, 0.0),
            "receive_value": np.where(in_, value, 0.0),
        }
    )
    sums = flags.groupby("key", sort=True).sum()
    key = sums.index.to_numpy()
    return sums.reset_index(drop=True).assign(s=key // nc, c=key % nc)


def decoded_gifts(win: Window, weights: Mapping[str, float]) -> pd.DataFrame:
    """:func:`gift_pairs` with ``seeker`` and ``contact_id`` as text (first columns)."""
    g = gift_pairs(win, weights)
    return pd.DataFrame(
        {
            "seeker": take_str(win.codes.seekers, g["s"].to_numpy()),
            "contact_id": take_str(win.codes.contacts, g["c"].to_numpy()),
            **{col: g[col].to_numpy() for col in ("gives", "receives", "give_value", "receive_value")},
        }
    )


@dispatchable
@fill
def reciprocity(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    since=None,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Gives and gives received per seeker and contact, counted and weighted.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {weights}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, contact) with at least one gift-kind interaction, sorted by seeker
        and contact_id: ``seeker``, ``contact_id`` (str), ``gives``, ``receives`` (int64: counts
        of outbound and inbound gift-kind interactions), ``give_value``, ``receive_value``
        (float64: the same, weighted by kind), ``balance`` = give_value - receive_value.

    Raises
    ------
    ParameterError
        For an unknown gift kind or a bad value in ``weights``, or a bad ``as_of``/``since``.

    See Also
    --------
    reciprocity_summary : give share and take-only contacts per seeker.

    Notes
    -----
    Every gift-kind interaction counts, whatever the channel and however many fall on one
    day (gifts are not merged into touches). Gifts without a ``contact_id`` have no row.
    The whole history up to ``as_of`` (from ``since``) counts (docs/spec/METRICS.md 3, 5).

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
    return _reciprocity(scope(data, as_of, since), resolve_weights(weights))


def _reciprocity(win: Window, w: dict[str, float]) -> pd.DataFrame:
    g = decoded_gifts(win, w)
    if not len(g):
        return empty_frame(RECIPROCITY_COLUMNS)
    return g.assign(balance=g["give_value"] - g["receive_value"]).astype(RECIPROCITY_COLUMNS)


@dispatchable
@fill
def reciprocity_summary(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    since=None,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Per seeker: how much they give compared with what they receive.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {weights}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker present in the data, sorted by seeker: ``seeker``,
        ``give_value``, ``receive_value`` (float64 sums over contacts), ``give_share`` =
        give_value / (give_value + receive_value) (null when that sum is 0: no gifts at all, or
        only gifts weighted 0), ``take_only_contacts`` (int64: contacts with receive_value > 0
        and give_value = 0), ``gifts`` (int64: gift-kind interactions both ways, the evidence
        the scorecard's giving status rests on, docs/spec/METRICS.md 5b).

    Raises
    ------
    ParameterError
        As :func:`reciprocity`.

    See Also
    --------
    reciprocity : the per-contact table.

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
      seeker  give_value  receive_value  give_share  take_only_contacts  gifts
    0    Ana         1.0            5.0    0.166667                   2      3
    """
    return _reciprocity_summary(scope(data, as_of, since), resolve_weights(weights))


def _reciprocity_summary(win: Window, w: dict[str, float]) -> pd.DataFrame:
    seekers = pd.Series(win.seekers, dtype="str")
    if seekers.empty:
        return empty_frame(SUMMARY_COLUMNS)
    per = gift_pairs(win, w)
    per = per.assign(
        take_only=(per["receive_value"] > 0) & (per["give_value"] == 0), gifts=per["gives"] + per["receives"]
    )
    s = per.groupby("s")[["give_value", "receive_value", "take_only", "gifts"]].sum()
    s.index = win.codes.seekers.take(s.index.to_numpy())
    s = s.reindex(pd.Index(seekers), fill_value=0)
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
            "gifts": s["gifts"].to_numpy().astype("int64"),
        }
    )
