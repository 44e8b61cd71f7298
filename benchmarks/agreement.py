"""Do netlytics (pandas) and the DuckDB reference give the same answers?

Used by ``python -m benchmarks.run`` (stage ``agreement``, and the ``duckdb_core`` /
``pandas_core`` pair whose ratio it prints) and by ``tests/benchmarks/test_duckdb_agreement.py``.
Touches, channel mix, reciprocity and follow-up (trigger ids, response ids, times, lags and
flags) are compared exactly: same rows, same values, no tolerance.
"""

from __future__ import annotations

import pandas as pd

from netlytics.data import NetworkData

TS = "datetime64[ns, UTC]"

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
        ["contact_id", "trigger_at", "response_id", "response_at", "lag_days", "censored", "on_time"],
    ),
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
    "response_at": TS,
    "outbound": "bool",
    "censored": "bool",
    "on_time": "bool",
    "interactions": "int64",
    "touches": "int64",
    "gives": "int64",
    "receives": "int64",
    "share": "float64",
    "give_value": "float64",
    "receive_value": "float64",
    "balance": "float64",
    "lag_days": "float64",
}


def _normal(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    keys, values = COMPARED[table]
    cols = [*keys, *values]
    out = frame[cols].astype({c: _DTYPES[c] for c in cols})
    return out.sort_values(keys, kind="stable", ignore_index=True)


def pandas_answers(data: NetworkData, as_of: pd.Timestamp) -> dict[str, pd.DataFrame]:
    """The four tables as netlytics computes them."""
    import netlytics

    return {
        "touches": netlytics.touches(data),
        "channel_mix": netlytics.channel_mix(data, as_of=as_of),
        "reciprocity": netlytics.reciprocity(data),
        "follow_up": netlytics.follow_up(data, as_of=as_of),
    }


def duckdb_answers(data: NetworkData, as_of: pd.Timestamp) -> dict[str, pd.DataFrame]:
    """The four tables as the DuckDB reference computes them."""
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data.interactions)
    try:
        return {
            "touches": duckdb_ref.touches(con),
            "channel_mix": duckdb_ref.channel_mix(con),
            "reciprocity": duckdb_ref.reciprocity(con),
            "follow_up": duckdb_ref.follow_up(con, as_of),
        }
    finally:
        con.close()


def differences(data: NetworkData, *, as_of=None) -> list[str]:
    """Every disagreement between the two implementations, one line each (empty: they agree).

    ``as_of`` defaults to the latest timestamp in the data. The DuckDB channel mix counts
    every touch, so only an ``as_of`` at or after the last interaction is meaningful here.
    """
    as_of = data.latest_timestamp() if as_of is None else pd.Timestamp(as_of)
    ours = pandas_answers(data, as_of)
    ref = duckdb_answers(data, as_of)
    out = []
    for table in COMPARED:
        a, b = _normal(ours[table], table), _normal(ref[table], table)
        if len(a) != len(b):
            out.append(f"{table}: netlytics has {len(a)} rows, DuckDB {len(b)}")
            continue
        for col in a.columns:
            left, right = a[col], b[col]
            same = (left == right) | (left.isna() & right.isna())
            if not same.all():
                i = int((~same).to_numpy().argmax())
                key = ", ".join(f"{k}={a.at[i, k]!r}" for k in COMPARED[table][0])
                out.append(
                    f"{table}.{col}: {int((~same).sum())} rows differ; first at {key}: "
                    f"netlytics {left.iloc[i]!r}, DuckDB {right.iloc[i]!r}"
                )
    return out


def row_counts(data: NetworkData) -> dict[str, int]:
    """How many rows each compared table has (to show that the check is not vacuous)."""
    as_of = data.latest_timestamp()
    return {k: len(v) for k, v in pandas_answers(data, as_of).items()}
