"""Touches: the unit of networking effort (docs/spec/METRICS.md sections 2 and 5).

Interactions are events; effort is counted in *touches*: one touch per distinct (seeker,
contact_id, channel, UTC calendar day) among interactions whose kind is not a one-click action
(endorsement, recommendation, invitation). Twenty LinkedIn messages to one person on one day are
one touch, as is one coffee.

The helpers at the bottom of this module (integer day codes, typed empty frames, vocabulary
ordering) are shared by the other metric modules of this package.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.metrics._common import as_data
from netlytics.metrics._docs import fill

__all__ = ["touches", "TOUCH_COLUMNS"]

#: Columns and dtypes of :func:`touches` (contract C2).
TOUCH_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "contact_id": "str",
    "channel": "str",
    "day": schema.TIMESTAMP,
    "at": schema.TIMESTAMP,
    "outbound": "bool",
    "interactions": "int64",
    "origin": "str",
}

NS_PER_DAY = 86_400_000_000_000


@dispatchable
@fill
def touches(data: NetworkData | pd.DataFrame, *, as_of=None, since=None) -> pd.DataFrame:
    """One row per touch: a distinct (seeker, contact, channel, UTC day) of conversation.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per touch at or before ``as_of``, sorted by ``seeker``, ``at``,
        ``contact_id``, ``channel``, with a RangeIndex and the columns

        - ``seeker``, ``contact_id``, ``channel`` (str);
        - ``day`` (datetime64[ns, UTC]): midnight of the touch's UTC day;
        - ``at`` (datetime64[ns, UTC]): the timestamp of its earliest interaction;
        - ``outbound`` (bool): any of its interactions is outbound, or is a meeting or event;
        - ``interactions`` (int64): how many interactions it merges;
        - ``origin`` (str): ``"linkedin"`` when all its interactions come from a LinkedIn
          export, else ``"tracker"``.

    Raises
    ------
    ParameterError
        When ``data`` is not loaded data, or ``as_of``/``since`` is not a date.

    See Also
    --------
    netlytics.metrics.channel.channel_mix : touches per channel.
    netlytics.metrics.measures.Measures : touches computed once for every metric.

    Notes
    -----
    Interactions without a ``contact_id`` make no touch, nor do endorsements,
    recommendations and invitations (one-click actions). An interaction whose ``origin`` is
    empty counts as ``"tracker"`` (docs/spec/METRICS.md section 2).

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"] * 4, "interaction_id": ["1", "2", "3", "4"],
    ...     "contact_id": ["bo", "bo", "bo", "cy"],
    ...     "at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 17:00", "2025-01-07 08:00",
    ...                           "2025-01-07 10:00"], utc=True),
    ...     "channel": ["email", "email", "email", "linkedin"],
    ...     "direction": ["inbound", "outbound", "inbound", "outbound"],
    ...     "kind": ["message", "message", "message", "endorsement"]})
    >>> touches(inter)[["contact_id", "day", "outbound", "interactions"]]
      contact_id                       day  outbound  interactions
    0         bo 2025-01-06 00:00:00+00:00      True             2
    1         bo 2025-01-07 00:00:00+00:00     False             1
    """
    from netlytics.metrics._window import scope

    return scope(data, as_of, since).touch_frame()


def _touch_frame(ta: TouchArrays) -> pd.DataFrame:
    if ta.empty:
        return empty_frame(TOUCH_COLUMNS)
    return pd.DataFrame(
        {
            "seeker": take_str(ta.seekers, ta.seeker),
            "contact_id": take_str(ta.contacts, ta.contact),
            "channel": take_str(ta.channels, ta.channel),
            "day": to_utc(ta.day * NS_PER_DAY),
            "at": to_utc(ta.at),
            "outbound": ta.outbound,
            "interactions": ta.interactions,
            "origin": take_str(_ORIGIN_CODES, ta.linkedin.astype("int64")),
        }
    )


@dataclass(frozen=True)
class TouchArrays:
    """Touches as integer-coded numpy arrays (one element per touch, in the contract order).

    The fast path shared by the metric modules: decoding text is left to whoever needs it.
    ``seeker``, ``contact`` and ``channel`` are codes into the sorted ``seekers``, ``contacts``
    and ``channels`` indexes; ``day`` is days since 1970-01-01 UTC; ``at`` nanoseconds.
    """

    seekers: pd.Index
    contacts: pd.Index
    channels: pd.Index
    seeker: np.ndarray
    contact: np.ndarray
    channel: np.ndarray
    day: np.ndarray
    at: np.ndarray
    outbound: np.ndarray
    interactions: np.ndarray
    linkedin: np.ndarray

    @property
    def empty(self) -> bool:
        return len(self.seeker) == 0


def touch_arrays(data: NetworkData | pd.DataFrame) -> TouchArrays:
    """The touches of :func:`touches` (all of them, whatever their time), integer-coded.

    See :class:`TouchArrays`. A :class:`~netlytics.metrics._window.Window` computes them once.
    """
    return _touch_arrays(as_data(data).interactions)


@dataclass(frozen=True)
class Codes:
    """The text columns of an interactions table as sorted factorize codes (-1: empty).

    Computed once per :class:`~netlytics.metrics._window.Window` and shared by the touches, the
    follow-up timeline and the gift counts: strings are factorized once, end to end.
    """

    seeker: np.ndarray
    seekers: pd.Index
    contact: np.ndarray
    contacts: pd.Index
    channel: np.ndarray
    channels: pd.Index
    kind: np.ndarray
    kinds: pd.Index
    direction: np.ndarray
    directions: pd.Index

    def is_kind(self, values) -> np.ndarray:
        """Rows whose kind is one of ``values`` (a lookup on the few distinct kinds)."""
        return lookup(self.kind, self.kinds, values)

    def is_direction(self, value: str) -> np.ndarray:
        return lookup(self.direction, self.directions, [value])


def codes_in(column: pd.Series, values) -> np.ndarray:
    """Position of each row's value in ``values`` (-1: not there), looked up once per distinct value.

    Examples
    --------
    >>> codes_in(pd.Series(["b", "a", None, "z"]), ["a", "b"]).tolist()
    [1, 0, -1, -1]
    """
    codes, uniques = pd.factorize(column)
    return np.append(pd.Index(list(values)).get_indexer(uniques), -1)[codes]


def lookup(codes: np.ndarray, uniques: pd.Index, values) -> np.ndarray:
    """Rows whose factorize code is one of ``values`` (code -1, empty, never is)."""
    return np.append(uniques.isin(list(values)), False)[codes]


def interaction_codes(df: pd.DataFrame) -> Codes:
    """Factorize the seeker, contact_id, channel, kind and direction columns once (sorted)."""
    from netlytics.engines.threads import pmap

    names = {
        "seeker": "seeker",
        "contact_id": "contact",
        "channel": "channel",
        "kind": "kind",
        "direction": "direction",
    }
    # one column per thread on large tables (pyarrow's dictionary encoding releases the GIL)
    coded = pmap(lambda col: pd.factorize(df[col], sort=True), list(names), rows=len(df))
    out = {}
    for name, (codes, uniq) in zip(names.values(), coded, strict=True):
        out[name] = codes.astype("int64")
        out[name + "s"] = pd.Index(uniq, dtype="str")
    return Codes(**out)


def _touch_arrays(df: pd.DataFrame, codes: Codes | None = None) -> TouchArrays:
    k = interaction_codes(df) if codes is None else codes
    keep = (k.contact >= 0) & ~k.is_kind(schema.ONE_CLICK_KINDS) & df["at"].notna().to_numpy(bool)
    if not keep.any():
        none = np.zeros(0, dtype="int64")
        idx = pd.Index([], dtype="str")
        return TouchArrays(
            idx, idx, idx, none, none, none, none, none, none.astype(bool), none, none.astype(bool)
        )

    # integer codes of the touch key (sorted factorize: code order = text order)
    s_codes, s_uniq = k.seeker, k.seekers
    c_codes, c_uniq = k.contact, k.contacts
    ch_codes, ch_uniq = k.channel, k.channels
    at = ns_values(df["at"])
    outb = k.is_direction("outbound") | k.is_kind(schema.SHARED_KINDS)
    linked = df["origin"].eq("linkedin").to_numpy(bool, na_value=False)
    if not keep.all():
        s_codes, c_codes, ch_codes, at, outb, linked = (
            a[keep] for a in (s_codes, c_codes, ch_codes, at, outb, linked)
        )
    day = at // NS_PER_DAY
    cc = c_codes.astype("int64") * len(ch_uniq) + ch_codes
    s64 = s_codes.astype("int64")

    # Group the interactions into touches by sorting on one integer key (seeker, day, contact,
    # channel): no hash table, and the rows of a touch are contiguous.
    key = combine_codes([s64, day - day.min(), cc])
    del cc  # large temporaries go as soon as they are used (the window's peak memory)
    o1 = stable_argsort(key)
    k1 = key[o1]
    del key
    starts = np.flatnonzero(np.r_[True, k1[1:] != k1[:-1]])
    n = np.diff(np.r_[starts, len(k1)]).astype("int64")
    del k1
    first = o1[starts]  # any row of the touch: its seeker, contact, channel and day
    at_min = np.minimum.reduceat(at[o1], starts)
    outbound = np.logical_or.reduceat(outb[o1], starts)
    linkedin = np.logical_and.reduceat(linked[o1], starts)

    # Contract order (seeker, at, contact_id, channel). The touches are in (seeker, day, contact,
    # channel) order, so a stable sort on (seeker, at) leaves equal times ordered by contact and
    # channel; (seeker, at, contact, channel) is unique since contact, channel and at fix the touch.
    t_s = s64[first]
    # times in units of their common divisor (whole seconds, usually): the key stays small
    # enough for stable_argsort's packed sort (same order: the division is exact and monotone)
    rel = at_min - at.min()
    step = int(np.gcd.reduce(rel)) if len(rel) else 1
    if step > 1:
        rel //= step
    span = int(rel.max()) + 1 if len(rel) else 1
    if span * len(s_uniq) < 2**62:
        order = stable_argsort(t_s * span + rel)
    else:
        order = np.lexsort((at_min, t_s))
    rows = first[order]
    return TouchArrays(
        seekers=pd.Index(s_uniq, dtype="str"),
        contacts=pd.Index(c_uniq, dtype="str"),
        channels=pd.Index(ch_uniq, dtype="str"),
        seeker=t_s[order],
        contact=c_codes[rows].astype("int64"),
        channel=ch_codes[rows].astype("int64"),
        day=day[rows],
        at=at_min[order],
        outbound=outbound[order],
        interactions=n[order],
        linkedin=linkedin[order],
    )


_ORIGIN_CODES = pd.Index(["tracker", "linkedin"], dtype="str")


# --- helpers shared by the metric modules --------------------------------------------------


def empty_frame(dtypes: dict[str, str]) -> pd.DataFrame:
    """An empty frame with the given columns and dtypes (the answer to empty input)."""
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


def ns_values(s: pd.Series) -> np.ndarray:
    """Nanoseconds since the epoch (UTC) of a tz-aware timestamp column, as int64."""
    return s.astype(schema.TIMESTAMP).array.asi8


def to_utc(ns: np.ndarray) -> pd.Series:
    """int64 nanoseconds since the epoch -> a ``datetime64[ns, UTC]`` Series."""
    return pd.Series(np.asarray(ns, dtype="int64").view("datetime64[ns]")).dt.tz_localize("UTC")


def take_str(uniques: pd.Index, codes: np.ndarray) -> pd.Series:
    """Decode factorize codes into a ``str`` Series."""
    return pd.Series(uniques.take(codes), dtype="str").reset_index(drop=True)


def isin_text(s: pd.Series, values) -> np.ndarray:
    """``s.isin(values)`` as a boolean array (nulls: False), for text columns of a million rows.

    On an Arrow-backed text column, :func:`pyarrow.compute.is_in` runs on the column itself:
    about four times faster than ``Series.isin`` there. Other columns use ``Series.isin``.

    Examples
    --------
    >>> isin_text(pd.Series(["a", None, "b", "c"], dtype="str"), ["c", "a", None]).tolist()
    [True, False, False, True]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = getattr(s.array, "__arrow_array__", None)
    if arrow is None or not isinstance(s.dtype, pd.StringDtype):
        return s.isin(values).to_numpy(bool, na_value=False)
    column = arrow()
    wanted = pd.Series(values, dtype="object").dropna().astype("str").unique().tolist()
    mask = pc.is_in(column, value_set=pa.array(wanted, type=column.type), skip_nulls=True)
    return np.asarray(mask.fill_null(False), dtype=bool)


def combine_codes(codes: list[np.ndarray]) -> np.ndarray:
    """Combine non-negative integer code arrays into one int64 key (same key = same tuple)."""
    key = np.zeros(len(codes[0]), dtype="int64")
    span = 1
    for c in codes:
        size = int(c.max()) + 1 if len(c) else 1
        if span * size >= 2**62:  # would overflow: re-code the tuples seen so far
            key = pd.factorize(key)[0].astype("int64")
            span = int(key.max()) + 1
        key = key * size + c
        span *= size
    return key


def stable_argsort(key: np.ndarray) -> np.ndarray:
    """``np.argsort(key, kind="stable")`` of an integer array, about five times faster.

    Each value (less the minimum, divided by the values' common divisor: timestamps in whole
    seconds) is packed with its position into one int64, and the packed array is sorted with
    numpy's SIMD sort; the position is the low bits. Equal values keep their input order.
    Falls back to numpy's stable argsort when the packed values would not fit.

    Examples
    --------
    >>> stable_argsort(np.array([30, 10, 20, 10])).tolist()
    [1, 3, 2, 0]
    """
    key = np.asarray(key, dtype="int64")
    n = len(key)
    if n < 2:
        return np.arange(n, dtype="int64")
    lo = int(key.min())
    span = int(key.max()) - lo
    bits = (n - 1).bit_length()
    packed = key - lo
    if span >= 1 << (62 - bits):
        step = int(np.gcd.reduce(packed))
        if step > 1:
            packed //= step
            span //= step
        if span >= 1 << (62 - bits):
            return np.argsort(key, kind="stable")
    packed <<= bits
    packed |= np.arange(n, dtype="int64")
    packed.sort()
    return packed & ((1 << bits) - 1)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an integer array by one (SIMD) sort: the distinct values, ascending.

    Examples
    --------
    >>> sorted_unique(np.array([7, 3, 7, 5])).tolist()
    [3, 5, 7]
    """
    v = np.sort(np.asarray(values))
    keep = np.ones(len(v), dtype=bool)
    np.not_equal(v[1:], v[:-1], out=keep[1:])
    return v[keep]


def monday_days(days: np.ndarray) -> np.ndarray:
    """Day numbers (days since 1970-01-01, a Thursday) -> day number of their week's Monday."""
    return days - (days + 3) % 7


def vocab_order(s: pd.Series, vocab: tuple[str, ...]) -> np.ndarray:
    """Sort keys that put a vocabulary column in its canonical order (unknown values last)."""
    return pd.Categorical(s, categories=list(vocab)).codes.astype("int64") % (len(vocab) + 1)


def all_seekers(data: NetworkData) -> pd.Series:
    """The sorted seekers present anywhere in the data, as a ``str`` Series."""
    return pd.Series(data.seekers, dtype="str")
