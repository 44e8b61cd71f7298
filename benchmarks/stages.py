"""The benchmark stages: what each one builds (not timed) and what it runs (timed).

A stage is ``register(name, setup, run, description)``: ``setup(size, workdir)`` builds its input,
``run(state)`` is timed by :mod:`benchmarks.run`. netlytics stages are here; their floors and
peers (pandas readers, calamine, the DuckDB reference) in :mod:`benchmarks.peers`; the LinkedIn
loader in :mod:`benchmarks.stages_linkedin`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import datagen

# stage name -> (setup(size, workdir) -> state, run(state) -> None, description)
STAGES: dict[str, tuple[Callable, Callable, str]] = {}
#: stages that check results after timing them: name -> check(state) -> dict merged into the row
CHECKS: dict[str, Callable] = {}
#: stages whose input is fixed (the bundled sample): run once, whatever the sizes asked
FIXED_INPUT: set[str] = set()

#: seekers of the generated data, set per child process from ``--seekers`` (None: default)
SEEKERS: int | None = None
#: stages whose natural input is one job seeker's data (default seekers = 1)
ONE_SEEKER = {"load_tracker", "floor_calamine", "load_linkedin", "report", "charts"}
CACHE = Path(os.environ.get("NETLYTICS_BENCH_CACHE", Path(tempfile.gettempdir()) / "netlytics-bench-cache"))
USE_CACHE = True
#: the bundled sample (a seeker's LinkedIn export and tracker; a coach's 12 client files)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def register(name: str, setup: Callable, run: Callable, description: str, *, fixed: bool = False) -> None:
    """Add a stage: ``setup(size, workdir)`` builds its input (not timed); ``run(state)`` is timed.

    ``fixed=True``: the input does not depend on ``size`` (run once, reported with size 0).
    """
    STAGES[name] = (setup, run, description)
    if fixed:
        FIXED_INPUT.add(name)


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


# --- the README's main job and the coach's cohort: the bundled sample ------------------------------


def _sample_setup(size, workdir):
    return SAMPLE, workdir / "report.html"


def _sample_report_run(state):
    import netlytics
    from netlytics.report import write_report

    sample, out = state
    write_report(netlytics.load(sample), out)


register(
    "report_sample",
    _sample_setup,
    _sample_report_run,
    "the README's main job: load data/sample and write its report (size is ignored)",
    fixed=True,
)


def _cohort_sample_run(state):
    import netlytics

    netlytics.load_cohort(state[0] / "cohort")


register(
    "load_cohort_sample",
    _sample_setup,
    _cohort_sample_run,
    "load_cohort of the 12 client files of data/sample/cohort (size is ignored)",
    fixed=True,
)


def _cohort_files_setup(size, workdir):
    """``size`` client trackers as CSV files of 1,000 interactions each (canonical columns)."""
    folder = workdir / "clients"
    folder.mkdir()
    base = datagen.interactions(1000, seekers=1, seed=0)
    cols = ["interaction_id", "at", "contact_id", "channel", "direction", "kind"]
    header, *rows = base[cols].rename(columns={"contact_id": "contact"}).to_csv(index=False).splitlines()
    for i in range(size):  # interaction ids differ per file: no two files have the same content
        body = "\n".join(f"c{i}-{row}" for row in rows)
        (folder / f"client-{i:04d}.csv").write_text(f"{header}\n{body}\n", encoding="utf-8")
    return folder


def _cohort_files_run(folder):
    import netlytics

    data = netlytics.load_cohort(folder)
    if data.interactions.empty:  # a benchmark sanity check
        raise RuntimeError("the cohort loaded no interaction")


register(
    "load_cohort_files",
    _cohort_files_setup,
    _cohort_files_run,
    "load_cohort of SIZE client tracker CSV files of 1,000 interactions each",
)
