"""New interaction and application ids: numbered within each seeker by keyed hash.

Every distinct (seeker, id) pair is hashed once, by a keyed SipHash of the whole column
(:func:`~netlytics.pseudonymize._hash.order_keys`); rows are factorised into pair codes, the
pairs are ranked within their seeker by one sort, and the new ids are mapped back to the rows by
code (no per-row lookup).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlytics.pseudonymize._hash import order_keys


@dataclass(frozen=True)
class IdMap:
    """The renaming of one id family (interaction or application ids).

    Parameters
    ----------
    pairs
        One row per distinct (seeker, id): columns ``seeker``, ``old``, ``new``, in order of
        first appearance.
    rows
        Column name -> the new id of each row of the table (null where the id or the seeker is
        null), aligned with the table's index.

    See Also
    --------
    rekeyed_ids : builds it.
    """

    pairs: pd.DataFrame
    rows: dict[str, pd.Series]


def _pair_codes(df: pd.DataFrame, cols: tuple[str, ...]) -> tuple[np.ndarray, pd.DataFrame]:
    """Codes of the (seeker, id) pair of each row of each column, and the distinct pairs.

    Returns ``(codes, pairs)``: ``codes`` has ``len(df) * len(cols)`` entries (the columns one
    after another), -1 where the seeker or the id is null; ``pairs`` (columns ``seeker``,
    ``old``) lists the pairs in order of first appearance, the order of ``codes``.
    """
    seeker_codes, seekers = pd.factorize(df["seeker"])
    old_codes, olds = pd.factorize(pd.concat([df[c] for c in cols], ignore_index=True))
    s = np.tile(seeker_codes, len(cols)).astype(np.int64)
    valid = (s >= 0) & (old_codes >= 0)
    combined = s[valid] * max(len(olds), 1) + old_codes[valid]
    codes = np.full(len(s), -1, dtype=np.int64)
    codes[valid], distinct = pd.factorize(combined)
    distinct = np.asarray(distinct, dtype=np.int64)
    pairs = pd.DataFrame(
        {
            "seeker": seekers.take(distinct // max(len(olds), 1)),
            "old": olds.take(distinct % max(len(olds), 1)),
        }
    )
    return codes, pairs


def _rank_within(group: np.ndarray, order_keys: np.ndarray) -> np.ndarray:
    """1-based rank of each row within its group, by ``order_keys`` rows (ties: first first).

    >>> _rank_within(np.array([0, 1, 0, 0]), np.array([[3, 0], [1, 0], [1, 0], [2, 0]])).tolist()
    [3, 1, 1, 2]
    >>> _rank_within(np.array([0, 0, 0]), np.array([[1, 5], [1, 2], [0, 9]])).tolist()
    [3, 2, 1]
    """
    n = len(group)
    order = np.lexsort([order_keys[:, 0], group])  # stable: equal keys keep their order
    g, k = group[order], order_keys[order, 0]
    if n > 1 and ((g[1:] == g[:-1]) & (k[1:] == k[:-1])).any():  # a tie on the first column
        keys = [order_keys[:, j] for j in range(order_keys.shape[1] - 1, -1, -1)]
        order = np.lexsort([*keys, group])
    sorted_group = group[order]
    starts = np.r_[True, sorted_group[1:] != sorted_group[:-1]] if n else np.zeros(0, dtype=bool)
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0)) if n else np.zeros(0, dtype=int)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - first + 1
    return rank


def rekeyed_ids(key: bytes, df: pd.DataFrame, cols: tuple[str, ...], prefix: str) -> IdMap:
    """New ids per seeker, numbered by keyed hash of (seeker, id), unique within the seeker.

    Parameters
    ----------
    key
        The key (:func:`~netlytics.pseudonymize._hash.check_salt`).
    df
        The table (interactions or applications) with its original seekers.
    cols
        The columns holding ids of the family (``interaction_id`` and ``ref``).
    prefix
        ``"I"`` or ``"A"``: the new ids' prefix and the hash domain.

    Returns
    -------
    IdMap

    See Also
    --------
    IdMap : the result.

    Examples
    --------
    >>> df = pd.DataFrame({"seeker": ["a", "a", "b"], "interaction_id": ["x", "y", "x"],
    ...                    "ref": [None, "x", None]}, dtype="str")
    >>> ids = rekeyed_ids(b"k", df, ("interaction_id", "ref"), "I")
    >>> sorted(ids.rows["interaction_id"][:2]), ids.rows["interaction_id"][2]
    (['I0001', 'I0002'], 'I0001')
    >>> ids.rows["ref"][1] == ids.rows["interaction_id"][0]
    True
    """
    codes, pairs = _pair_codes(df, cols)
    if not len(pairs):
        empty = pd.Series(pd.NA, index=df.index, dtype="str")
        return IdMap(pairs.assign(new=pd.Series(dtype="str")), {c: empty for c in cols})
    seeker_code, _ = pd.factorize(pairs["seeker"])
    joined = (pairs["seeker"] + "\x1f" + pairs["old"]).tolist()
    rank = pd.Series(_rank_within(seeker_code, order_keys(key, prefix, joined)))
    width = max(4, len(str(int(rank.max()))))
    pairs["new"] = prefix + rank.astype("str").str.zfill(width)
    new = pairs["new"].array
    rows = {}
    for i, col in enumerate(cols):
        part = codes[i * len(df) : (i + 1) * len(df)]
        rows[col] = pd.Series(new.take(part, allow_fill=True), index=df.index, dtype="str")
    return IdMap(pairs, rows)
