"""netlytics benchmarks: median time and peak memory per stage and size.

Usage (from the repository root)::

    python -m benchmarks.run                       # default stages and sizes
    python -m benchmarks.run --sizes 10000 100000  # choose sizes (interactions)
    python -m benchmarks.run --stages validate load_parquet --repeat 5

Every (stage, size) runs in a fresh Python process, so the peak resident memory reported is
that of a process which generated the input and ran the stage ``repeat`` times; the time is
the median of those runs (input generation and set-up are not timed).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import datagen

# stage name -> (setup(size, workdir) -> state, run(state) -> None, description)
STAGES: dict[str, tuple[Callable, Callable, str]] = {}


def register(name: str, setup: Callable, run: Callable, description: str) -> None:
    """Add a stage: ``setup(size, workdir)`` builds its input (not timed); ``run(state)`` is timed."""
    STAGES[name] = (setup, run, description)


def _data(size: int, workdir: Path):
    return datagen.network_data(size, seekers=max(1, min(100, size // 1000)), seed=0)


def _validate_setup(size, workdir):
    return _data(size, workdir)


def _validate_run(data):
    data.validate()


register("validate", _validate_setup, _validate_run, "schema validation of every canonical table")


def _parquet_setup(size, workdir):
    import netlytics

    data = _data(size, workdir)
    path = workdir / "canonical"
    netlytics.to_parquet(data, path)
    return path


def _parquet_run(path):
    import netlytics

    netlytics.load(path).validate()


register("load_parquet", _parquet_setup, _parquet_run, "netlytics.load of a to_parquet folder + validation")


def _csv_setup(size, workdir):
    from netlytics.export import write_tables

    data = _data(size, workdir)
    path = workdir / "canonical_csv"
    write_tables(data, path, format="csv")
    return path


def _csv_run(path):
    import netlytics

    netlytics.load(path).validate()


register("load_csv", _csv_setup, _csv_run, "netlytics.load of canonical CSV tables + validation")



# --- metrics, graph, report: one stage per public function ------------------------------------


def _metric_stage(name: str, call: Callable, description: str) -> None:
    def setup(size, workdir):
        return _data(size, workdir)

    register(name, setup, call, description)


def _api(name):
    def call(data):
        import netlytics

        getattr(netlytics, name)(data)

    return call


for _name in ("touches", "channel_mix", "cadence", "networked_before_applying", "reciprocity",
              "follow_up", "outcomes", "scorecard", "summary", "build_graph"):
    _metric_stage(_name, _api(_name), f"netlytics.{_name} on canonical data")


def _report_setup(size, workdir):
    return _data(size, workdir), workdir / "report.html"


def _report_run(state):
    from netlytics.report import write_report

    data, out = state
    write_report(data, out)


register("report", _report_setup, _report_run, "the self-contained HTML report")


# --- DuckDB reference (benchmarks/duckdb_ref.py) ------------------------------------------------


def _duck_setup(size, workdir):
    return _data(size, workdir)


def _duck_run(data):
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data.interactions)
    duckdb_ref.touches(con)
    duckdb_ref.channel_mix(con)
    duckdb_ref.reciprocity(con)
    duckdb_ref.follow_up(con, data.latest_timestamp())


register("duckdb_core", _duck_setup, _duck_run,
         "DuckDB SQL: touches + channel mix + reciprocity + follow-up triggers and lags")


def _pandas_core_run(data):
    import netlytics

    netlytics.touches(data)
    netlytics.channel_mix(data)
    netlytics.reciprocity(data)
    netlytics.follow_up(data)


register("pandas_core", _duck_setup, _pandas_core_run,
         "netlytics: the same four definitions as duckdb_core")

DEFAULT_STAGES = ["validate", "load_parquet", "load_csv"]
DEFAULT_SIZES = [10_000, 100_000, 1_000_000]


def _child(stage_name: str, size: int, repeat: int) -> dict:
    setup, run, _ = STAGES[stage_name]
    with tempfile.TemporaryDirectory(prefix="netlytics-bench-") as tmp:
        state = setup(size, Path(tmp))
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run(state)
            times.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": stage_name, "size": size, "median_s": statistics.median(times), "runs": repeat,
            "peak_mb": peak_mb}


def measure(stage_name: str, size: int, repeat: int) -> dict:
    """Run one (stage, size) in a fresh process and return its measurements."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--child", stage_name, str(size), str(repeat)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return {"stage": stage_name, "size": size, "error": out.stderr.strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stages", nargs="*", default=DEFAULT_STAGES, choices=sorted(STAGES))
    p.add_argument("--sizes", nargs="*", type=int, default=DEFAULT_SIZES)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--json", type=Path, help="also write the rows as JSON here")
    p.add_argument("--child", nargs=3, metavar=("STAGE", "SIZE", "REPEAT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child[0], int(args.child[1]), int(args.child[2]))))
        return 0
    rows = []
    print(f"{'stage':<16} {'size':>10} {'median s':>10} {'peak MB':>9}  runs")
    for st in args.stages:
        for size in args.sizes:
            r = measure(st, size, args.repeat)
            rows.append(r)
            if "error" in r:
                print(f"{st:<16} {size:>10,} {'error':>10} {'':>9}  {r['error']}")
            else:
                print(f"{st:<16} {size:>10,} {r['median_s']:>10.3f} {r['peak_mb']:>9.0f}  {r['runs']}")
            sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
