"""Do netlytics (pandas) and the DuckDB reference give the same answers?

Used by ``python -m benchmarks.run`` (stage ``duckdb_summary`` checks after timing) and by
``tests/benchmarks/test_duckdb_agreement.py``. Touches, channel mix, reciprocity, follow-up
(trigger ids, response ids, times, lags and flags) and every measured column of the summary are
compared exactly: same rows, same values, no tolerance.
"""

from __future__ import annotations

import pandas as pd

from netlytics.data import NetworkData

TS = "datetime64[ns, UTC]"

_FU_STATS = ["n", "answered_share", "on_time_share", "median_lag_days", "open_loops", "stale_loops"]
#: the summary columns the reference computes (all but weak_tie_share, the statuses and dates)
SUMMARY_VALUES = [
    "touches",
    "live_share",
    "in_person_share",
    "written_share",
    "active_week_share",
    "touches_per_week",
    "longest_gap_days",
    "applications",
    "networked_share",
    "give_share",
    "take_only_contacts",
    "gifts",
    *(f"{t}_{s}" for t in ("thank_you", "lead", "reply") for s in _FU_STATS),
]

# table -> (key columns to sort on, value columns compared)
COMPARED = {
    "touches": (
        ["seeker", "at", "contact_id", "channel"],
        ["day", "outbound", "interactions"],
    ),
    "channel_mix": (["seeker", "channel"], ["touches", "share"]),
    "reciprocity": (
        ["seeker", "contact_id"],
        ["gives", "receives", "give_value", "receive_value", "balance"],
    ),
    "follow_up": (
        ["seeker", "trigger", "trigger_id"],
        [
            "contact_id",
            "trigger_at",
            "due_at",
            "response_id",
            "response_at",
            "lag_days",
            "censored",
            "on_time",
            "open_loop",
            "stale",
        ],
    ),
    "summary": (["seeker"], SUMMARY_VALUES),
}
_DTYPES = {
    "seeker": "str",
    "contact_id": "str",
    "channel": "str",
    "trigger": "str",
    "trigger_id": "str",
    "response_id": "str",
    "day": TS,
    "at": TS,
    "trigger_at": TS,
    "due_at": TS,
    "response_at": TS,
    "outbound": "bool",
    "censored": "bool",
    "on_time": "bool",
    "open_loop": "bool",
    "stale": "bool",
    "interactions": "int64",
    "touches": "int64",
    "gives": "int64",
    "receives": "int64",
    "share": "float64",
    "give_value": "float64",
    "receive_value": "float64",
    "balance": "float64",
    "lag_days": "float64",
    "longest_gap_days": "Int64",
    "applications": "int64",
    "take_only_contacts": "int64",
    "gifts": "int64",
}
for _t in ("thank_you", "lead", "reply"):
    _DTYPES.update({f"{_t}_n": "int64", f"{_t}_open_loops": "int64", f"{_t}_stale_loops": "int64"})


def _dtype(col: str) -> str:
    return _DTYPES.get(col, "float64")


def _normal(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    keys, values = COMPARED[table]
    cols = [*keys, *values]
    out = frame[cols].astype({c: _dtype(c) for c in cols})
    return out.sort_values(keys, kind="stable", ignore_index=True)


def pandas_answers(data: NetworkData, as_of: pd.Timestamp, since=None) -> dict[str, pd.DataFrame]:
    """The compared tables as netlytics computes them (``since`` None: all history)."""
    import netlytics

    return {
        "touches": netlytics.touches(data, as_of=as_of, since=since),
        "channel_mix": netlytics.channel_mix(data, as_of=as_of, since=since),
        "reciprocity": netlytics.reciprocity(data, as_of=as_of, since=since),
        "follow_up": netlytics.follow_up(data, as_of=as_of, since=since),
        "summary": netlytics.summary(data, as_of=as_of, since="all" if since is None else since),
    }


def duckdb_answers(data: NetworkData, as_of: pd.Timestamp, since=None) -> dict[str, pd.DataFrame]:
    """The compared tables as the DuckDB reference computes them."""
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data, as_of=as_of, since=since)
    try:
        return {
            "touches": duckdb_ref.touches(con),
            "channel_mix": duckdb_ref.channel_mix(con),
            "reciprocity": duckdb_ref.reciprocity(con),
            "follow_up": duckdb_ref.follow_up(con),
            "summary": duckdb_ref.summary(con),
        }
    finally:
        con.close()


def compare(ours: dict[str, pd.DataFrame], ref: dict[str, pd.DataFrame]) -> list[str]:
    """Every disagreement between two sets of answers, one line each (empty: they agree)."""
    out = []
    for table in COMPARED:
        if table not in ours or table not in ref:
            continue
        a, b = _normal(ours[table], table), _normal(ref[table], table)
        if len(a) != len(b):
            out.append(f"{table}: netlytics has {len(a)} rows, DuckDB {len(b)}")
            continue
        for col in a.columns:
            left, right = a[col], b[col]
            same = (left == right).fillna(False) | (left.isna() & right.isna())
            if not same.all():
                i = int((~same).to_numpy().argmax())
                key = ", ".join(f"{k}={a.at[i, k]!r}" for k in COMPARED[table][0])
                out.append(
                    f"{table}.{col}: {int((~same).sum())} rows differ; first at {key}: "
                    f"netlytics {left.iloc[i]!r}, DuckDB {right.iloc[i]!r}"
                )
    return out


def differences(data: NetworkData, *, as_of=None, since=None) -> list[str]:
    """Every disagreement between the two implementations (empty: they agree).

    ``as_of`` defaults to the latest timestamp in the data, ``since`` to all history.
    """
    as_of = data.latest_timestamp() if as_of is None else pd.Timestamp(as_of)
    return compare(pandas_answers(data, as_of, since), duckdb_answers(data, as_of, since))


def row_counts(data: NetworkData) -> dict[str, int]:
    """How many rows each compared table has (to show that the check is not vacuous)."""
    as_of = data.latest_timestamp()
    return {k: len(v) for k, v in pandas_answers(data, as_of).items()}
