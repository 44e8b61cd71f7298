"""Benchmark: the issue-18 budgets for hostile inputs, each beside a floor measured in the same run.

Timing belongs here, not in unit tests (the tests assert what happens; this measures how fast):

- a 4-line CSV of 9,074 columns loads in under 1 s (floor: ``pandas.read_csv`` of the same file);
- a workbook with one far-away cell (XFD1048576, XFD20000, ZZZ3) becomes a problem in under 1 s;
- the overlapping-entry zip bombs (full and quoted overlap) are refused in under 1 s, growing the
  process by under 200 MB (floor: reading the bomb's bytes);
- ``netlytics validate`` writes 21,624 problem rows in under 3 s in each format.

The inputs are made by the same generators the tests use (no binary is committed).

Usage::

    python -m benchmarks.hostile            # median of 3 runs per case, PASS/MISS per budget
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def _module(relpath: str):
    spec = importlib.util.spec_from_file_location(f"_bench_{Path(relpath).stem}", TESTS / relpath)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _median(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _row(name: str, took: float, budget: float, floor: str = "") -> tuple[str, str, str, str, str]:
    return (name, f"{took:.3f} s", f"< {budget:g} s", floor, "PASS" if took < budget else "MISS")


def wide_csv(tmp: Path, runs: int) -> list[tuple]:
    import pandas as pd

    from netlytics.loaders.tracker import load_tracker

    n = 9_074
    header = ["Date", "Who", "How"] + [f"extra {i}" for i in range(n - 3)]
    rows = [["2025-01-06", "Bo Fictive", "email"] + [str(i) for i in range(n - 3)]] * 3
    path = tmp / "wide.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    floor = _median(lambda: pd.read_csv(path), runs)
    took = _median(lambda: load_tracker(path, future_after="2025-02-01"), runs)
    return [_row("wide CSV, 9,074 columns", took, 1.0, f"read_csv {floor:.3f} s ({took / floor:.1f}x)")]


def far_cells(tmp: Path, runs: int) -> list[tuple]:
    from netlytics.loaders.tracker import load_tracker

    hostile = _module("loaders/test_tracker_hostile.py")
    out = []
    for far in ("XFD1048576", "XFD20000", "ZZZ3"):
        path = hostile.xlsx(tmp / f"far-{far}.xlsx", {**hostile.TWO_ROWS, far: "x"})
        took = _median(lambda p=path: load_tracker(p, future_after="2025-02-01"), runs)
        out.append(_row(f"far cell {far}", took, 1.0))
    return out


def overlap_bombs(tmp: Path, runs: int) -> list[tuple]:
    import netlytics
    from netlytics.errors import InputError

    archive = _module("loaders/test_linkedin_archive.py")
    out = []
    for quoted in (False, True):
        bomb = archive.overlap_bomb(tmp / f"bomb-{quoted}.zip", quoted=quoted)

        def refuse(b=bomb):
            try:
                netlytics.load(b)
            except InputError:
                return
            raise AssertionError(f"{b} was not refused")

        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        took = _median(refuse, runs)
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        floor = _median(bomb.read_bytes, runs)
        name = f"overlap bomb ({'quoted' if quoted else 'full'}), grew {grown:.0f} MB (< 200 MB)"
        row = _row(name, took, 1.0, f"read bytes {floor:.4f} s")
        out.append(row if grown < 200 else (*row[:4], "MISS"))
    return out


def _validate(app, args: list[str]) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, args)
    if result.exit_code != 1 or result.stdout.count("pigeon") < 21_624:
        raise AssertionError(f"validate {args} exited {result.exit_code}: {result.output[:300]}")


def validate_output(tmp: Path, runs: int) -> list[tuple]:
    from netlytics.cli import app
    from netlytics.loaders import cohort

    lines = ["Date,Who,How"] + [f"2025-01-06,Bo Fictive {i},pigeon" for i in range(21_624)]
    path = tmp / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = cohort.load_one(path, None, {"future_after": "2025-02-01"})
    original = cohort.load_one
    cohort.load_one = lambda *a: data  # time the output, not the load (measured above)
    try:
        out = []
        for fmt in ("table", "csv", "json"):
            args = ["validate", str(path), "--future-after", "2025-02-01", "--format", fmt]
            took = _median(lambda a=args: _validate(app, a), runs)
            out.append(_row(f"validate 21,624 problems, {fmt}", took, 3.0))
        return out
    finally:
        cohort.load_one = original


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3, help="runs per case (the median is shown)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = []
        for case in (wide_csv, far_cells, overlap_bombs, validate_output):
            rows.extend(case(tmp, args.runs))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0 if all(r[4] == "PASS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
