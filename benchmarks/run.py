"""netlytics benchmarks: median time and peak memory per stage and size, checked against DuckDB.

Usage (from the repository root)::

    python -m benchmarks.run                                   # default stages and sizes
    python -m benchmarks.run --stages summary duckdb_core pandas_core --sizes 1000000
    python -m benchmarks.run --stages summary --sizes 1000000 --seekers 10 100 1000
    python -m benchmarks.run --stages dask_summary --sizes 50000000 --seekers 1000 --repeat 1
    python -m benchmarks.run --list                            # every stage, described
    python -m benchmarks.run ... --markdown benchmarks/RESULTS.md   # record the rows

Every (stage, size, seekers) runs in a fresh Python process, so the peak resident memory
reported is that of a process which built the input and ran the stage ``repeat`` times; the
time is the median of those runs (input generation and set-up are not timed). ``cpu s`` is the
median CPU time of the process (on a shared machine it shows the work when wall time is
inflated by other load). For ``dask_summary`` the peak is that of the driver plus all its
workers (sampled), and the driver's own peak is given in the note.

``duckdb_core`` times the DuckDB SQL reading of the core definitions
(:mod:`benchmarks.duckdb_ref`) and then checks that it agrees exactly with netlytics on the
same data (:mod:`benchmarks.agreement`); ``pandas_core`` times netlytics on the same four
definitions. The ``ratio`` column is netlytics / DuckDB for ``pandas_core`` and ``summary``
when ``duckdb_core`` ran at the same size in the same run. Generated inputs are cached (pickles
under ``$NETLYTICS_BENCH_CACHE``, default ``/tmp/netlytics-bench-cache``) so that several
stages at 10M rows do not each regenerate them; ``--no-cache`` turns this off.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import datagen

# stage name -> (setup(size, workdir) -> state, run(state) -> None, description)
STAGES: dict[str, tuple[Callable, Callable, str]] = {}

#: seekers of the generated data, set per child process from ``--seekers`` (None: default)
SEEKERS: int | None = None
#: stages whose natural input is one job seeker's data (default seekers = 1)
ONE_SEEKER = {"load_tracker", "load_linkedin", "report", "charts"}
CACHE = Path(os.environ.get("NETLYTICS_BENCH_CACHE", Path(tempfile.gettempdir()) / "netlytics-bench-cache"))
USE_CACHE = True

#: budgets of issue 8: (stage, size) -> (seconds, peak MB or None)
BUDGETS: dict[tuple[str, int], tuple[float, float | None]] = {
    ("summary", 1_000_000): (3.0, 1536.0),
    ("load_linkedin", 1_000_000): (10.0, 2048.0),
    ("load_tracker", 100_000): (5.0, None),
    ("report", 1_000_000): (15.0, None),
}


def register(name: str, setup: Callable, run: Callable, description: str) -> None:
    """Add a stage: ``setup(size, workdir)`` builds its input (not timed); ``run(state)`` is timed."""
    STAGES[name] = (setup, run, description)


def default_seekers(stage: str, size: int) -> int:
    """Seekers of the generated cohort when ``--seekers`` is not given."""
    if stage in ONE_SEEKER:
        return 1
    return max(1, min(100, size // 1000))


def _data(size: int, workdir: Path):
    """The seeded canonical data of this child (cached as a pickle between processes)."""
    import pickle

    seekers = SEEKERS or max(1, min(100, size // 1000))
    cached = CACHE / f"network-{size}-{seekers}-seed0.pkl"
    if USE_CACHE and cached.exists():
        with cached.open("rb") as fh:
            return pickle.load(fh)  # our own cache file, written below
    data = datagen.network_data(size, seekers=seekers, seed=0)
    if USE_CACHE:
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=5)
        tmp.replace(cached)
    return data


# --- loading -------------------------------------------------------------------------------------


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


def _load_run(path):
    import netlytics

    netlytics.load(path).validate()


register("load_parquet", _parquet_setup, _load_run, "netlytics.load of a to_parquet folder + validation")


def _csv_setup(size, workdir):
    from netlytics.export import write_tables

    data = _data(size, workdir)
    path = workdir / "canonical_csv"
    write_tables(data, path, format="csv")
    return path


register("load_csv", _csv_setup, _load_run, "netlytics.load of canonical CSV tables + validation")


def tracker_frames(size: int, *, seed: int = 0) -> dict:
    """One fictional seeker's tracker (template layout, contract C1) with ``size`` interactions.

    ``contact`` holds the contact's name as a person would type it, resolved through the
    contacts sheet by the loader; applications name the contact who referred them.
    """
    import numpy as np

    from netlytics.sample.template import TRACKER_COLUMNS

    data = datagen.network_data(size, seekers=1, seed=seed)
    c = data.contacts
    names = dict(zip(c["contact_id"], c["name"], strict=True))
    ix = data.interactions
    rng = np.random.default_rng(seed)
    apps = data.applications
    frames = {
        "contacts": c.assign(notes=""),
        "interactions": ix.assign(contact=ix["contact_id"].map(names), introduced=None, notes=""),
        "applications": apps.assign(
            contact=c["name"].to_numpy()[rng.integers(0, len(c), len(apps))], notes=""
        ),
    }
    return {t: f[[col[0] for col in TRACKER_COLUMNS[t]]] for t, f in frames.items()}


def _tracker_setup(size, workdir):
    from netlytics.sample.template import write_tracker

    return write_tracker(workdir / "tracker.xlsx", **tracker_frames(size))


def _tracker_run(path):
    import netlytics

    data = netlytics.load(path)
    if not len(data.interactions):  # a benchmark sanity check, not input validation
        raise RuntimeError(f"the tracker {path} loaded no interaction")


register(
    "load_tracker",
    _tracker_setup,
    _tracker_run,
    "netlytics.load of a tracker .xlsx (template layout) with SIZE interaction rows",
)


# --- metrics, graph, report: one stage per public function ---------------------------------------


def _metric_stage(name: str, call: Callable, description: str) -> None:
    def setup(size, workdir):
        return _data(size, workdir)

    register(name, setup, call, description)


def _api(name):
    def call(data):
        import netlytics

        getattr(netlytics, name)(data)

    return call


METRIC_STAGES = (
    "touches",
    "channel_mix",
    "cadence",
    "networked_before_applying",
    "reciprocity",
    "follow_up",
    "follow_up_summary",
    "outcomes",
    "scorecard",
    "summary",
    "tie_strength",
    "company_reach",
    "build_graph",
)
for _name in METRIC_STAGES:
    _metric_stage(_name, _api(_name), f"netlytics.{_name} on canonical data")


def _report_setup(size, workdir):
    return _data(size, workdir), workdir / "report.html"


def _report_run(state):
    from netlytics.report import write_report

    data, out = state
    write_report(data, out)


register("report", _report_setup, _report_run, "the self-contained HTML report (write_report)")


def _charts_run(data):
    from netlytics.report.charts import chart_figures

    figures = list(chart_figures(data))
    if not figures:  # a benchmark sanity check
        raise RuntimeError("no chart was drawn")


register(
    "charts", _validate_setup, _charts_run, "every chart of the report as a Plotly figure (chart_figures)"
)


# --- DuckDB reference (benchmarks/duckdb_ref.py) and agreement -----------------------------------


def _duck_setup(size, workdir):
    return _data(size, workdir)


def _duck_run(data):
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(data.interactions)
    duckdb_ref.touches(con)
    duckdb_ref.channel_mix(con)
    duckdb_ref.reciprocity(con)
    duckdb_ref.follow_up(con, data.latest_timestamp())
    con.close()


def _duck_check(data) -> dict:
    from benchmarks import agreement

    diffs = agreement.differences(data)
    return {"agree": not diffs, "note": "agrees exactly" if not diffs else "DISAGREES: " + diffs[0]}


register(
    "duckdb_core",
    _duck_setup,
    _duck_run,
    "DuckDB SQL: touches + channel mix + reciprocity + follow-up triggers and lags (then an exact "
    "agreement check with netlytics)",
)


def _pandas_core_run(data):
    import netlytics

    netlytics.touches(data)
    netlytics.channel_mix(data)
    netlytics.reciprocity(data)
    netlytics.follow_up(data)


register("pandas_core", _duck_setup, _pandas_core_run, "netlytics: the same four definitions as duckdb_core")

#: stages that check results after timing them: name -> check(state) -> dict merged into the row
CHECKS: dict[str, Callable] = {"duckdb_core": _duck_check}


# --- Dask: a cohort written in chunks, computed out of core --------------------------------------


def _dask_setup(size, workdir):
    seekers = SEEKERS or 1000
    return datagen.write_parquet_cohort(workdir / "cohort.parquet", size, seekers=seekers, seed=0)


def _dask_run(path):
    import netlytics

    table = netlytics.summary(path, engine="dask")
    if not len(table):  # a benchmark sanity check
        raise RuntimeError("the Dask summary is empty")


register(
    "dask_summary",
    _dask_setup,
    _dask_run,
    "netlytics.summary(engine='dask') on a Parquet cohort written in chunks (local cluster); peak = "
    "driver + workers",
)


class TreeMemory:
    """Peak resident memory of this process plus all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> int:
        import psutil

        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return total

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


# --- the runner ----------------------------------------------------------------------------------


def _import_extra_stages() -> None:
    """Stages written in other modules register themselves on import."""
    import benchmarks.run as this
    from benchmarks import stages_linkedin  # noqa: F401 - registers load_linkedin

    if this.STAGES is not STAGES:  # run as ``python -m benchmarks.run``: __main__ is a copy
        STAGES.update({k: v for k, v in this.STAGES.items() if k not in STAGES})


DEFAULT_STAGES = ["validate", "load_parquet", "load_csv"]
DEFAULT_SIZES = [10_000, 100_000, 1_000_000]


def _child(stage_name: str, size: int, repeat: int) -> dict:
    setup, run, _ = STAGES[stage_name]
    with tempfile.TemporaryDirectory(prefix="netlytics-bench-") as tmp:
        state = setup(size, Path(tmp))
        times, cpus = [], []
        tree = TreeMemory() if stage_name == "dask_summary" else None
        if tree:
            tree.__enter__()
        for _ in range(repeat):
            c0, t0 = time.process_time(), time.perf_counter()
            run(state)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        if tree:
            tree.__exit__(None, None, None)
        extra = CHECKS[stage_name](state) if stage_name in CHECKS else {}
    driver_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row = {
        "stage": stage_name,
        "size": size,
        "seekers": 1
        if stage_name in ("load_tracker", "load_linkedin")
        else SEEKERS or default_seekers(stage_name, size),
        "median_s": statistics.median(times),
        "cpu_s": statistics.median(cpus),
        "runs": repeat,
        "peak_mb": driver_mb,
    }
    if tree:
        workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        row["peak_mb"] = max(driver_mb, tree.peak / 2**20)
        row["note"] = (
            f"driver peak {driver_mb:.0f} MB, largest worker {workers_mb:.0f} MB, "
            f"driver+workers {tree.peak / 2**20:.0f} MB"
        )
    row.update(extra)
    return row


def measure(stage_name: str, size: int, repeat: int, seekers: int | None = None) -> dict:
    """Run one (stage, size, seekers) in a fresh process and return its measurements."""
    cmd = [sys.executable, "-m", "benchmarks.run", "--child", stage_name, str(size), str(repeat)]
    if seekers:
        cmd += ["--seekers", str(seekers)]
    if not USE_CACHE:
        cmd.append("--no-cache")
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        err = (out.stderr.strip().splitlines() or [f"exit code {out.returncode}"])[-1]
        return {
            "stage": stage_name,
            "size": size,
            "seekers": seekers or default_seekers(stage_name, size),
            "error": err,
        }
    return json.loads(out.stdout.strip().splitlines()[-1])


def add_ratios(rows: list[dict]) -> None:
    """``ratio`` = netlytics / DuckDB for pandas_core and summary, same size and seekers, same run."""
    duck = {(r["stage"], r["size"], r["seekers"]): r["median_s"] for r in rows if "median_s" in r}
    for r in rows:
        ref = duck.get(("duckdb_core", r["size"], r["seekers"]))
        if r["stage"] in ("pandas_core", "summary") and ref and "median_s" in r:
            r["ratio"] = r["median_s"] / ref


def budget_lines(rows: list[dict]) -> list[str]:
    """One line per budget of issue 8 that this run measured: PASS or MISS with the numbers."""
    got = {(r["stage"], r["size"]): r for r in rows if "median_s" in r}
    lines = []
    for (stage, size), (secs, mb) in BUDGETS.items():
        r = got.get((stage, size))
        if r is None:
            continue
        ok = r["median_s"] < secs and (mb is None or r["peak_mb"] < mb)
        limit = f"< {secs:g} s" + (f" and < {mb:.0f} MB" if mb else "")
        lines.append(
            f"{'PASS' if ok else 'MISS'}  {stage} at {size:,}: {r['median_s']:.2f} s (cpu {r['cpu_s']:.2f} s), "
            f"{r['peak_mb']:.0f} MB; budget {limit}"
        )
    s1, s10 = got.get(("summary", 1_000_000)), got.get(("summary", 10_000_000))
    if s1 and s10:
        growth = s10["median_s"] / s1["median_s"]
        lines.append(
            f"{'PASS' if growth <= 12 else 'MISS'}  summary 10M / 1M = {growth:.1f}x "
            f"(cpu {s10['cpu_s'] / s1['cpu_s']:.1f}x); budget <= 12x"
        )
    for r in rows:
        if r["stage"] == "summary" and "ratio" in r:
            lines.append(
                f"{'PASS' if r['ratio'] <= 1.5 else 'MISS'}  summary / duckdb_core at {r['size']:,}: "
                f"{r['ratio']:.2f}x; budget <= 1.5x"
            )
        if r.get("agree") is False:
            lines.append(f"MISS  DuckDB and netlytics disagree at {r['size']:,}: {r['note']}")
    return lines


def machine() -> str:
    """A short description of this machine (CPU model, cores, memory), no host name."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        mem = f", {psutil.virtual_memory().total / 2**30:.0f} GB"
    except ImportError:
        mem = ""
    return f"{model}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


_MD_HEAD = [
    "date",
    "machine",
    "stage",
    "size",
    "seekers",
    "median s",
    "cpu s",
    "peak MB",
    "ratio",
    "note",
]


def _md_row(r: dict, date: str, mach: str) -> list[str]:
    if "error" in r:
        return [date, mach, r["stage"], f"{r['size']:,}", str(r["seekers"]), "error", "", "", "", r["error"]]
    return [
        date,
        mach,
        r["stage"],
        f"{r['size']:,}",
        str(r["seekers"]),
        f"{r['median_s']:.3f}",
        f"{r['cpu_s']:.3f}",
        f"{r['peak_mb']:.0f}",
        f"{r['ratio']:.2f}" if "ratio" in r else "",
        r.get("note", "").replace("|", "/"),
    ]


def write_markdown(path: Path, rows: list[dict]) -> None:
    """Merge ``rows`` into the results table at ``path`` (a row replaces one with the same
    stage, size and seekers; others are kept), sorted by stage, size, seekers."""
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")  # the run's date, a record, not a metric
    mach = machine()
    table: dict[tuple[str, str, str], list[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == len(_MD_HEAD) and cells[0] not in ("date",) and not cells[0].startswith("-"):
                table[(cells[2], cells[3], cells[4])] = cells
    for r in rows:
        cells = _md_row(r, date, mach)
        table[(cells[2], cells[3], cells[4])] = cells

    def order(key):
        return key[0], int(key[1].replace(",", "")), int(key[2])

    lines = [
        "# netlytics benchmark results",
        "",
        "Written by `python -m benchmarks.run ... --markdown benchmarks/RESULTS.md` (rows are merged:",
        "a new measurement of the same stage, size and seekers replaces the old one). `median s` is",
        "the median wall time of the runs, `cpu s` the process CPU time, `peak MB` the peak resident",
        "memory of the process (for dask_summary: driver + workers), `ratio` netlytics / DuckDB in",
        "the same run. The machine is shared: wall times include other people's load.",
        "",
        "| " + " | ".join(_MD_HEAD) + " |",
        "|" + "|".join("---" for _ in _MD_HEAD) + "|",
    ]
    lines += ["| " + " | ".join(table[k]) + " |" for k in sorted(table, key=order)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    global SEEKERS, USE_CACHE

    _import_extra_stages()
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stages", nargs="*", default=DEFAULT_STAGES, choices=sorted(STAGES))
    p.add_argument("--sizes", nargs="*", type=int, default=DEFAULT_SIZES)
    p.add_argument("--seekers", nargs="*", type=int, default=None, help="cohort sizes (default: by size)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--json", type=Path, help="also write the rows as JSON here")
    p.add_argument("--markdown", type=Path, help="merge the rows into this Markdown results table")
    p.add_argument("--no-cache", action="store_true", help="regenerate inputs in every process")
    p.add_argument("--list", action="store_true", help="list the stages and exit")
    p.add_argument("--child", nargs=3, metavar=("STAGE", "SIZE", "REPEAT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    USE_CACHE = not args.no_cache
    if args.list:
        for name in sorted(STAGES):
            print(f"{name:<28} {STAGES[name][2]}")
        return 0
    if args.child:
        SEEKERS = args.seekers[0] if args.seekers else None
        print(json.dumps(_child(args.child[0], int(args.child[1]), int(args.child[2]))))
        return 0
    # the DuckDB reference first, so that the ratios can be printed as the rows come
    stages = sorted(args.stages, key=lambda name: name != "duckdb_core")
    rows = []
    print(
        f"{'stage':<26} {'size':>11} {'seekers':>7} {'median s':>9} {'cpu s':>8} {'peak MB':>8} {'ratio':>6}  note"
    )
    for st in stages:
        for size in args.sizes:
            for seekers in args.seekers or [None]:
                r = measure(st, size, args.repeat, seekers)
                rows.append(r)
                add_ratios(rows)
                if "error" in r:
                    print(f"{st:<26} {size:>11,} {r['seekers']:>7} {'error':>9}  {r['error']}")
                else:
                    ratio = f"{r['ratio']:.2f}" if "ratio" in r else ""
                    print(
                        f"{st:<26} {size:>11,} {r['seekers']:>7} {r['median_s']:>9.3f} {r['cpu_s']:>8.3f} "
                        f"{r['peak_mb']:>8.0f} {ratio:>6}  {r.get('note', '')}"
                    )
                sys.stdout.flush()
    add_ratios(rows)
    for line in budget_lines(rows):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    if args.markdown:
        write_markdown(args.markdown, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
