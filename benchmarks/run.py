"""netlytics benchmarks: median time and peak memory per stage and size, beside a floor or peer.

Usage (from the repository root)::

    python -m benchmarks.run                                   # default stages and sizes
    python -m benchmarks.run --stages summary duckdb_summary --sizes 1000000
    python -m benchmarks.run --stages load_csv floor_read_csv --sizes 1000000
    python -m benchmarks.run --stages report_sample load_cohort_sample   # the bundled sample
    python -m benchmarks.run --list                            # every stage, described
    python -m benchmarks.run ... --markdown benchmarks/RESULTS.md   # record the rows

Every (stage, size, seekers) runs in a fresh Python process, so the peak resident memory
reported is that of a process which built the input and ran the stage ``repeat`` times; the
time is the median of those runs (input generation and set-up are not timed). ``cpu s`` is the
median CPU time of the process (on a shared machine it shows the work when wall time is
inflated by other load). For ``dask_summary`` the peak is that of the driver plus all its
workers (sampled), and the driver's own peak is given in the note.

Seekers: the stages whose input is one job seeker's (report, charts, the tracker and LinkedIn
loads) get one seeker's data; the others get one seeker per 1,000 interactions, at most 100.
``--seekers N`` overrides both; a one-seeker stage measured on N seekers' data is judged on its
own budget line, "(N seekers)".

Each netlytics stage has a floor or a peer (:data:`benchmarks.peers.PEERS`): pandas'
readers and calamine for loading, the DuckDB reference (:mod:`benchmarks.duckdb_ref`) for
computing. Run both in the same command: the ``ratio`` column is netlytics / floor-or-peer at
the same size and seekers in the same run, and the budgets of issue 15 are printed with PASS or
MISS. A stage and its floor or peer in the same command are interleaved: ``repeat`` rounds, each
a fresh process of the floor then one of the stage, one run each, so that the drift of a shared
machine (seen here: the same floor 1.1 s in one minute, 1.65 s in the next) touches both alike;
their ``ratio`` is the median of the rounds' ratios. ``duckdb_summary`` also checks that its
summary equals netlytics' exactly. Generated
inputs are cached (pickles under ``$NETLYTICS_BENCH_CACHE``, default
``/tmp/netlytics-bench-cache``); ``--no-cache`` turns this off.
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
from pathlib import Path

from benchmarks import peers, stages, stages_linkedin  # noqa: F401 - the stages register on import
from benchmarks.peers import PEERS
from benchmarks.stages import CHECKS, FIXED_INPUT, ONE_SEEKER, STAGES

#: budgets of issue 15 with an absolute bound: (stage, size) -> (seconds or None, peak MB or None)
BUDGETS: dict[tuple[str, int], tuple[float | None, float | None]] = {
    ("summary", 1_000_000): (1.5, 1024.0),
    ("load_cohort_sample", 0): (1.0, None),
    ("load_cohort_files", 1_000): (15.0, None),
    ("report_sample", 0): (2.0, None),
    ("report", 1_000_000): (5.0, None),
    ("charts", 1_000_000): (10.0, None),
}
#: budgets of issue 15 relative to the floor or peer of the same run: (stage, size) -> max ratio
RATIO_BUDGETS: dict[tuple[str, int], float] = {
    ("load_csv", 1_000_000): 5.0,
    ("load_parquet", 1_000_000): 3.0,
    ("load_tracker", 100_000): 2.0,
    ("summary", 1_000_000): 1.0,
}


def default_seekers(stage: str, size: int) -> int:
    """Seekers of the generated cohort when ``--seekers`` is not given."""
    if stage in ONE_SEEKER or stage in FIXED_INPUT or stage == "load_cohort_files":
        return 1
    return max(1, min(100, size // 1000))


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


# --- the runner -----------------------------------------------------------------------------------


DEFAULT_STAGES = ["validate", "load_parquet", "load_csv"]
DEFAULT_SIZES = [10_000, 100_000, 1_000_000]


def yardstick() -> float:
    """CPU seconds of a fixed workload: 3 million Python additions, then a NumPy sort of 2 million
    floats. Machines (and one machine at different moments) differ: the budgets are absolute
    seconds, so every row carries how fast its machine ran this, measured just before the stage."""
    import numpy as np

    a = np.random.default_rng(0).random(2_000_000)
    c0 = time.process_time()
    total = 0
    for i in range(3_000_000):
        total += i
    np.sort(a)
    return time.process_time() - c0


def _child(stage_name: str, size: int, repeat: int, warmup: bool = False) -> dict:
    setup, run, _ = STAGES[stage_name]
    stick = yardstick()
    with tempfile.TemporaryDirectory(prefix="netlytics-bench-") as tmp:
        state = setup(size, Path(tmp))
        if warmup:  # one untimed run: the timed one is warm, as the later runs of a repeat are
            run(state)
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
        "seekers": stages.SEEKERS
        or (
            1 if stage_name in ONE_SEEKER or stage_name in FIXED_INPUT else default_seekers(stage_name, size)
        ),
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
    load = os.getloadavg()[0]  # a shared machine: the load explains wall times far above cpu times
    row["yardstick_s"] = stick
    notes = (row.get("note", ""), f"load avg {load:.1f}", f"yardstick {stick:.2f} s")
    row["note"] = "; ".join(x for x in notes if x)
    return row


def measure(
    stage_name: str, size: int, repeat: int, seekers: int | None = None, *, warmup: bool = False
) -> dict:
    """Run one (stage, size, seekers) in a fresh process and return its measurements."""
    cmd = [sys.executable, "-m", "benchmarks.run", "--child", stage_name, str(size), str(repeat)]
    if warmup:
        cmd.append("--warmup")
    if seekers:
        cmd += ["--seekers", str(seekers)]
    if not stages.USE_CACHE:
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


def measure_pair(stage: str, peer: str, size: int, repeat: int, seekers: int | None) -> list[dict]:
    """``[peer row, stage row]`` measured in ``repeat`` interleaved rounds (peer, then stage, one
    timed run after an untimed one per fresh process); the stage's ``ratio`` is the median of
    the rounds' ratios."""
    runs: dict[str, list[dict]] = {peer: [], stage: []}
    for _ in range(repeat):
        for name in (peer, stage):
            runs[name].append(measure(name, size, 1, seekers, warmup=True))
    out = []
    for name in (peer, stage):
        bad = [r for r in runs[name] if "error" in r]
        if bad:
            out.append(bad[0])
            continue
        rs = runs[name]
        row = dict(rs[-1])  # the stage's own fields (checks, notes) from its last round
        row.update(
            median_s=statistics.median(r["median_s"] for r in rs),
            cpu_s=statistics.median(r["cpu_s"] for r in rs),
            peak_mb=max(r["peak_mb"] for r in rs),
            runs=len(rs),
            yardstick_s=statistics.median(r["yardstick_s"] for r in rs),
        )
        stick = f"yardstick {row['yardstick_s']:.2f} s"
        row["note"] = "; ".join(
            [x for x in row.get("note", "").split("; ") if not x.startswith("yardstick")]
            + [stick, "interleaved"]
        )
        out.append(row)
    if all("median_s" in r for r in out):
        pairs = zip(runs[stage], runs[peer], strict=True)
        out[1].update(ratio=statistics.median(s["median_s"] / p["median_s"] for s, p in pairs), peer=peer)
    return out


def add_ratios(rows: list[dict]) -> None:
    """``ratio`` = stage / its floor or peer (:data:`PEERS`), same size and seekers, same run
    (kept as it is for interleaved pairs: the median of their rounds' ratios)."""
    got = {(r["stage"], r["size"], r["seekers"]): r["median_s"] for r in rows if "median_s" in r}
    for r in rows:
        if "interleaved" in r.get("note", ""):
            continue
        peer = PEERS.get(r["stage"])
        ref = got.get((peer, r["size"], r["seekers"])) if peer else None
        if ref and "median_s" in r:
            r["ratio"] = r["median_s"] / ref
            r["peer"] = peer


def budget_lines(rows: list[dict]) -> list[str]:
    """One line per budget of issue 15 that this run measured: PASS or MISS with the numbers."""
    got = {(r["stage"], r["size"]): r for r in rows if "median_s" in r}
    lines = []
    for (stage, size), (secs, mb) in BUDGETS.items():
        for r in (r for r in rows if "median_s" in r and (r["stage"], r["size"]) == (stage, size)):
            ok = (secs is None or r["median_s"] < secs) and (mb is None or r["peak_mb"] < mb)
            limit = " and ".join(
                x for x in (f"< {secs:g} s" if secs else "", f"< {mb:.0f} MB" if mb else "") if x
            )
            # a one-seeker stage measured on a cohort's data is judged apart, and said so
            who = f" ({r['seekers']} seekers)" if stage in ONE_SEEKER and r["seekers"] > 1 else ""
            lines.append(
                f"{'PASS' if ok else 'MISS'}  {stage} at {size:,}{who}: {r['median_s']:.2f} s "
                f"(cpu {r['cpu_s']:.2f} s), {r['peak_mb']:.0f} MB; budget {limit}"
            )
    for (stage, size), most in RATIO_BUDGETS.items():
        r = got.get((stage, size))
        if r is None or "ratio" not in r:
            continue
        peer = got[(r["peer"], size)]
        how = (
            f"median of {r['runs']} interleaved rounds' ratios {r['ratio']:.2f}x"
            if "interleaved" in r.get("note", "")
            else f"= {r['ratio']:.2f}x"
        )
        lines.append(
            f"{'PASS' if r['ratio'] <= most else 'MISS'}  {stage} / {r['peer']} at {size:,}: "
            f"{r['median_s']:.2f} s / {peer['median_s']:.2f} s, {how}; budget <= {most:g}x"
        )
    sticks = [r["yardstick_s"] for r in rows if "yardstick_s" in r]
    if lines and sticks:
        lines.insert(
            0,
            f"NOTE  machine yardstick: {statistics.median(sticks):.2f} s in this run (benchmarks.run.yardstick, "
            "a fixed CPU workload); absolute budgets are judged at this machine's speed",
        )
    s1, s10 = got.get(("summary", 1_000_000)), got.get(("summary", 10_000_000))
    if s1 and s10:
        growth = s10["median_s"] / s1["median_s"]
        lines.append(
            f"{'PASS' if growth <= 10 else 'MISS'}  summary 10M / 1M = {growth:.1f}x "
            f"(cpu {s10['cpu_s'] / s1['cpu_s']:.1f}x); budget <= 10x"
        )
    for r in rows:
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


#: stages measured against a reference that has since been rewritten: their old rows are dropped
RETIRED = {"duckdb_core", "pandas_core"}
_BUDGET_HEAD = "## Budgets of issue 15"


def _read_results(path: Path) -> tuple[dict, dict]:
    """The table rows (keyed by stage, size, seekers) and budget lines (keyed by what they judge)."""
    table: dict[tuple[str, str, str], list[str]] = {}
    budgets: dict[str, str] = {}
    if not path.exists():
        return table, budgets
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if (
            line.startswith("|")
            and len(cells) == len(_MD_HEAD)
            and cells[0] != "date"
            and not cells[0].startswith("-")
        ):
            table[(cells[2], cells[3], cells[4])] = cells
        elif line.startswith("- PASS") or line.startswith("- MISS"):
            budgets[_budget_key(line[8:])] = line
    return table, budgets


def write_markdown(path: Path, rows: list[dict], budgets: list[str]) -> None:
    """Merge ``rows`` and ``budgets`` into the results at ``path`` (a row replaces one with the same
    stage, size and seekers, a budget line the one judging the same thing; others are kept)."""
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")  # the run's date, a record, not a metric
    mach = machine()
    table, judged = _read_results(path)
    table = {k: v for k, v in table.items() if k[0] not in RETIRED or v[0] == date}
    for r in rows:
        cells = _md_row(r, date, mach)
        table[(cells[2], cells[3], cells[4])] = cells
    for line in budgets:
        judged[_budget_key(line[6:])] = f"- {line} ({date})"

    def order(key):
        return key[0], int(key[1].replace(",", "")), int(key[2])

    lines = [
        "# netlytics benchmark results",
        "",
        "Written by `python -m benchmarks.run ... --markdown benchmarks/RESULTS.md` (rows are merged:",
        "a new measurement of the same stage, size and seekers replaces the old one). `median s` is",
        "the median wall time of the runs, `cpu s` the process CPU time, `peak MB` the peak resident",
        "memory of the process (for dask_summary: driver + workers), `ratio` the stage's time divided",
        "by its floor or peer (named in the note) measured in the same run: pandas' readers and",
        "calamine for loading, the DuckDB reference (benchmarks/duckdb_ref.py) for computing. The",
        "machine is shared: wall times include other people's load, `cpu s` does not. Each row's",
        "note ends with its `yardstick`: the CPU seconds of a fixed workload run just before the",
        "stage (`benchmarks.run.yardstick`), so that rows of different machines or moments compare.",
        "",
        _BUDGET_HEAD,
        "",
        *(judged[k] for k in sorted(judged)),
        "",
        "## Measurements",
        "",
        "| " + " | ".join(_MD_HEAD) + " |",
        "|" + "|".join("---" for _ in _MD_HEAD) + "|",
    ]
    lines += ["| " + " | ".join(table[k]) + " |" for k in sorted(table, key=order)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _budget_key(text: str) -> str:
    """What a budget line judges (its text before the numbers): a new line replaces the old one.

    >>> _budget_key("summary 10M / 1M = 9.0x (cpu 9.0x); budget <= 10x")
    'summary 10M / 1M'
    >>> _budget_key("report at 1,000,000 (100 seekers): 10.41 s; budget < 5 s")
    'report at 1,000,000 (100 seekers)'
    """
    return text.split(":")[0].split(" = ")[0]


def _print_row(r: dict) -> None:
    if "error" in r:
        print(f"{r['stage']:<26} {r['size']:>11,} {r['seekers']:>7} {'error':>9}  {r['error']}")
    else:
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else ""
        if "peer" in r:
            r["note"] = (f"/ {r['peer']}; " + r.get("note", "")).rstrip("; ")
        print(
            f"{r['stage']:<26} {r['size']:>11,} {r['seekers']:>7} {r['median_s']:>9.3f} {r['cpu_s']:>8.3f} "
            f"{r['peak_mb']:>8.0f} {ratio:>6}  {r.get('note', '')}"
        )
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stages", nargs="*", default=DEFAULT_STAGES, choices=sorted(STAGES))
    p.add_argument("--sizes", nargs="*", type=int, default=DEFAULT_SIZES)
    p.add_argument("--seekers", nargs="*", type=int, default=None, help="cohort sizes (default: by size)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--json", type=Path, help="also write the rows as JSON here")
    p.add_argument("--markdown", type=Path, help="merge the rows into this Markdown results table")
    p.add_argument("--no-cache", action="store_true", help="regenerate inputs in every process")
    p.add_argument(
        "--from-json", nargs="*", type=Path, help="write --markdown from rows saved by earlier --json runs"
    )
    p.add_argument("--list", action="store_true", help="list the stages and exit")
    p.add_argument("--child", nargs=3, metavar=("STAGE", "SIZE", "REPEAT"), help=argparse.SUPPRESS)
    p.add_argument("--warmup", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    stages.USE_CACHE = not args.no_cache
    if args.list:
        for name in sorted(STAGES):
            print(f"{name:<28} {STAGES[name][2]}")
        return 0
    if args.from_json:
        rows = [r for file in args.from_json for r in json.loads(file.read_text())]
        budgets = budget_lines(rows)
        print("\n".join(budgets))
        if args.markdown:
            write_markdown(args.markdown, rows, budgets)
        return 0
    if args.child:
        # one seeker's data for the stages whose input is one seeker's (as their rows say)
        stages.SEEKERS = args.seekers[0] if args.seekers else (1 if args.child[0] in ONE_SEEKER else None)
        print(json.dumps(_child(args.child[0], int(args.child[1]), int(args.child[2]), args.warmup)))
        return 0
    # floors and peers first, so that the ratios can be printed as the rows come
    order = sorted(args.stages, key=lambda name: name not in PEERS.values())
    rows = []
    print(
        f"{'stage':<26} {'size':>11} {'seekers':>7} {'median s':>9} {'cpu s':>8} {'peak MB':>8} {'ratio':>6}  note"
    )
    paired = {st: PEERS[st] for st in order if PEERS.get(st) in order}
    for st in order:
        if st in paired.values():
            continue  # measured with its stage, interleaved
        for size in [0] if st in FIXED_INPUT else args.sizes:
            for seekers in args.seekers or [None]:
                if st in paired:
                    got = measure_pair(st, paired[st], size, args.repeat, seekers)
                else:
                    got = [measure(st, size, args.repeat, seekers)]
                for r in got:
                    rows.append(r)
                    add_ratios(rows)
                    _print_row(r)
    add_ratios(rows)
    budgets = budget_lines(rows)
    for line in budgets:
        print(line)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    if args.markdown:
        write_markdown(args.markdown, rows, budgets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
