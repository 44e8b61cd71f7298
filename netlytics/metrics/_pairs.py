"""The (seeker, contact) pair table behind tie strength, computed on a window's integer codes.

The same statistics as :func:`netlytics.metrics.ties.pair_table` and
:func:`~netlytics.metrics.ties.directional_touches` (which work on text: the path for data with
an empty seeker or contact somewhere), from the window's integer-coded touches, interactions
and gifts: pairs are keyed by one int64 (seeker code times the number of contacts plus contact
code), aggregated with one sort, and only the final pairs are decoded to text. Tie strength and
the graph (:func:`netlytics.graph.build_graph`) both use them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.metrics._window import Window
from netlytics.metrics.reciprocity import DEFAULT_WEIGHTS, gift_pairs
from netlytics.metrics.touches import sorted_unique, stable_argsort, take_str, to_utc

__all__ = ["coded_directional", "coded_pair_table"]

_CONTACT_COLUMNS = ("name", "company", "connected_on")


def _extend(index: pd.Index, values: pd.Series) -> tuple[pd.Index, np.ndarray]:
    """``index`` with the values of ``values`` it lacks appended, and the code of every value."""
    codes, uniques = pd.factorize(values)
    pos = index.get_indexer(uniques)
    new = pos < 0
    pos[new] = len(index) + np.arange(int(new.sum()))
    return index.append(pd.Index(uniques[new], dtype="str")), pos[codes]


def _touch_stats(w: Window, nc: int, window_days: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Per pair key with a touch up to ``as_of``: counts, live and recent touches, first and last."""
    ta, sel = w.ta, w.until_mask()
    key = ta.seeker[sel] * nc + ta.contact[sel]
    at = ta.at[sel]
    order = stable_argsort(key)
    k = key[order]
    start = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.zeros(0, dtype="int64")
    recent = at >= (w.as_of - pd.Timedelta(days=window_days)).value
    live = ta.channels.isin(list(schema.LIVE_CHANNELS))[ta.channel[sel]]

    def count(flags: np.ndarray) -> np.ndarray:
        return np.add.reduceat(flags[order].astype("int64"), start) if len(start) else start

    stats = {
        "touches": np.diff(np.r_[start, len(k)]).astype("int64"),
        "touches_180": count(recent),
        "outbound_touches_180": count(recent & ta.outbound[sel]),
        "live_touches": count(live),
        "first_at": np.minimum.reduceat(at[order], start) if len(start) else start,
        "last_at": np.maximum.reduceat(at[order], start) if len(start) else start,
    }
    return k[start], stats


def coded_pair_table(w: Window, window_days: int) -> pd.DataFrame | None:
    """:func:`~netlytics.metrics.ties.pair_table` of a window (same rows and values; rows sorted
    by seeker code, then contact code), or None when a seeker or contact is empty somewhere (the
    text path handles those)."""
    k, c = w.codes, w.data.contacts
    c = c.loc[(c["connected_on"].isna() | (c["connected_on"] <= w.as_of)).to_numpy(bool)]
    ix_keep = (k.contact >= 0) & (w.data.interactions["at"] <= w.as_of).to_numpy(bool, na_value=False)
    if c["seeker"].isna().any() or c["contact_id"].isna().any() or (k.seeker[ix_keep] < 0).any():
        return None
    seekers, c_s = _extend(k.seekers, c["seeker"])
    contacts, c_c = _extend(k.contacts, c["contact_id"])
    nc = max(len(contacts), 1)
    c_key = c_s * nc + c_c
    i_key = k.seeker[ix_keep] * nc + k.contact[ix_keep]
    keys = sorted_unique(np.concatenate([c_key, i_key]))
    # contact details: the first contacts row of each pair
    c_uniq, c_first = np.unique(c_key, return_index=True)
    row = np.full(len(keys), -1, dtype="int64")
    row[np.searchsorted(keys, c_uniq)] = c_first
    out = {"seeker": take_str(seekers, keys // nc), "contact_id": take_str(contacts, keys % nc)}
    for col in _CONTACT_COLUMNS:
        out[col] = pd.Series(c[col].array.take(row, allow_fill=True))
    t_key, stats = _touch_stats(w, nc, window_days)
    at = np.searchsorted(keys, t_key)
    touched = np.zeros(len(keys), dtype=bool)
    touched[at] = True
    for col, values in stats.items():
        full = np.zeros(len(keys), dtype="int64")
        full[at] = values
        out[col] = to_utc(full).where(touched) if col.endswith("_at") else full
    g = gift_pairs(w, dict(DEFAULT_WEIGHTS))
    at = np.searchsorted(keys, g["s"].to_numpy() * nc + g["c"].to_numpy())
    for col, dtype in (
        ("gives", "int64"),
        ("receives", "int64"),
        ("give_value", "float64"),
        ("receive_value", "float64"),
    ):
        full = np.zeros(len(keys), dtype=dtype)
        full[at] = g[col].to_numpy()
        out[col] = full
    return pd.DataFrame(out)


def coded_directional(w: Window, window_days: int) -> pd.DataFrame:
    """:func:`~netlytics.metrics.ties.directional_touches` of a window's touches up to ``as_of``
    (same rows and values; rows sorted by seeker code, contact code, then inbound first), from
    the integer-coded touches: one sort of an int64 key, only the final pairs decoded to text."""
    from netlytics.metrics.ties import directional_touches

    ta, sel = w.ta, w.until_mask()
    if ta.empty or not sel.any():
        return directional_touches(w.touch_frame(), w.as_of)  # the empty table, its dtypes
    channels = list(schema.CHANNELS)
    nc = max(len(ta.contacts), 1)
    key = (ta.seeker[sel] * nc + ta.contact[sel]) * 2 + ta.outbound[sel]
    order = stable_argsort(key)
    k = key[order]
    start = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    at = ta.at[sel][order]
    # channel codes of the window -> position in schema.CHANNELS (unknown: "other")
    pos = pd.Index(channels).get_indexer(ta.channels)
    pos = np.where(pos < 0, channels.index("other"), pos)
    ch = pos[ta.channel[sel][order]]
    group = np.repeat(np.arange(len(start)), np.diff(np.r_[start, len(k)]))
    counts = np.bincount(group * len(channels) + ch, minlength=len(start) * len(channels))
    counts = counts.reshape(len(start), len(channels))
    if w.as_of is None:
        recent = np.zeros(len(at), dtype=bool)
    else:
        recent = at >= (w.as_of - pd.Timedelta(days=window_days)).value
    pair = k[start] // 2
    out = pd.DataFrame(
        {
            "seeker": take_str(ta.seekers, pair // nc),
            "contact_id": take_str(ta.contacts, pair % nc),
            "outbound": (k[start] % 2).astype(bool),
            "touches": counts.sum(axis=1).astype("int64"),
            "interactions": np.add.reduceat(ta.interactions[sel][order].astype("int64"), start),
        }
    )
    for i, c in enumerate(channels):
        out[c] = counts[:, i].astype("int64")
    out["live_touches"] = out[list(schema.LIVE_CHANNELS)].sum(axis=1).astype("int64")
    out["touches_180"] = np.add.reduceat(recent.astype("int64"), start)
    out["first_at"] = to_utc(np.minimum.reduceat(at, start)).astype(schema.TIMESTAMP)
    out["last_at"] = to_utc(np.maximum.reduceat(at, start)).astype(schema.TIMESTAMP)
    return out
