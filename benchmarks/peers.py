"""Floors and peers: what each netlytics stage is measured against, in the same run.

- Floors of loading: ``pandas.read_csv`` of the canonical CSV files (``floor_read_csv``),
  ``pandas.read_parquet`` of the Parquet tables (``floor_read_parquet``), and calamine reading
  every cell of the tracker workbook (``floor_calamine``): the parser's own pace, below which a
  loader cannot go.
- Peers of computing: the DuckDB reference (:mod:`benchmarks.duckdb_ref`), set-based SQL of the
  same definitions; each DuckDB stage times building the period's tables and the query, as a
  DuckDB user would run it on the same in-memory data. ``duckdb_summary`` then checks that the
  summary agrees exactly with netlytics.

:data:`PEERS` maps each netlytics stage to its floor or peer; the runner prints the ratio.
"""

from __future__ import annotations

from benchmarks.stages import CHECKS, _csv_setup, _data, _parquet_setup, _tracker_setup, register

#: netlytics stage -> the floor or peer stage it is divided by (``ratio`` in the results)
PEERS: dict[str, str] = {
    "load_csv": "floor_read_csv",
    "load_parquet": "floor_read_parquet",
    "load_tracker": "floor_calamine",
    "touches": "duckdb_touches",
    "follow_up": "duckdb_follow_up",
    "summary": "duckdb_summary",
    "pandas_core": "duckdb_core",
}


# --- floors of loading ---------------------------------------------------------------------------


def _read_csv_run(path):
    import pandas as pd

    for file in sorted(path.glob("*.csv")):
        pd.read_csv(file)


register("floor_read_csv", _csv_setup, _read_csv_run, "pandas.read_csv of every canonical CSV table (floor)")


def _read_parquet_run(path):
    import pandas as pd

    for table in sorted(p for p in path.iterdir() if p.is_dir()):
        pd.read_parquet(table)


register(
    "floor_read_parquet",
    _parquet_setup,
    _read_parquet_run,
    "pandas.read_parquet of every table of a to_parquet folder (floor)",
)


def _calamine_run(path):
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


register(
    "floor_calamine", _tracker_setup, _calamine_run, "calamine reading every cell of the tracker (floor)"
)


# --- the DuckDB reference ------------------------------------------------------------------------


def _duck_touches(data):
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data, since="all")
    duckdb_ref.touches(con)
    con.close()


def _duck_follow_up(data):
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data, since="all")
    duckdb_ref.follow_up(con)
    con.close()


def _duck_summary(data):
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data, as_of=data.latest_timestamp(), since=_default_since(data))
    duckdb_ref.summary(con)
    con.close()


def _default_since(data):
    """The summary's default period: the 12 months before the latest timestamp."""
    import pandas as pd

    return data.latest_timestamp() - pd.Timedelta(days=365)


def _duck_core(data):
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data, since="all")
    duckdb_ref.touches(con)
    duckdb_ref.channel_mix(con)
    duckdb_ref.reciprocity(con)
    duckdb_ref.follow_up(con)
    con.close()


def _summary_check(data) -> dict:
    """Does the DuckDB summary equal netlytics' (every measured column, exactly)?"""
    import netlytics
    from benchmarks import agreement, duckdb_ref

    as_of, since = data.latest_timestamp(), _default_since(data)
    con = duckdb_ref.connect(data, as_of=as_of, since=since)
    ref = {"summary": duckdb_ref.summary(con)}
    con.close()
    ours = {"summary": netlytics.summary(data, as_of=as_of, since=since)}
    diffs = agreement.compare(ours, ref)
    return {"agree": not diffs, "note": "agrees exactly" if not diffs else "DISAGREES: " + diffs[0]}


def _pandas_core(data):
    import netlytics

    netlytics.touches(data)
    netlytics.channel_mix(data)
    netlytics.reciprocity(data)
    netlytics.follow_up(data)


register("duckdb_touches", _data, _duck_touches, "DuckDB SQL: the touches table (peer of touches)")
register("duckdb_follow_up", _data, _duck_follow_up, "DuckDB SQL: follow-up triggers and answers (peer)")
register(
    "duckdb_summary",
    _data,
    _duck_summary,
    "DuckDB SQL: every measured summary column, last 12 months (peer of summary; then an exact "
    "agreement check)",
)
register(
    "duckdb_core", _data, _duck_core, "DuckDB SQL: touches + channel mix + reciprocity + follow-up (peer)"
)
register("pandas_core", _data, _pandas_core, "netlytics: the same four tables as duckdb_core")
CHECKS["duckdb_summary"] = _summary_check
