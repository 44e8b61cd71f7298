"""The one engine switch: @dispatchable on every per-seeker metric, engines imported on demand."""

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netlytics.metrics
from netlytics.engines.dispatch import DISPATCHED, dispatchable
from netlytics.errors import ParameterError
from tests.metrics._builders import interactions

ROOT = Path(__file__).resolve().parents[2]

#: metrics computed across seekers (pairs of clients, peers' contacts): no engine by nature
CROSS_SEEKER = {"netlytics.metrics.overlap.cohort_overlap", "netlytics.metrics.reach.warm_paths"}


def _public_metrics():
    """Every public function of netlytics.metrics taking ``(data, *, as_of=...)``: a metric."""
    out = []
    for info in pkgutil.iter_modules(netlytics.metrics.__path__):
        if info.name.startswith("_") or info.name in ("advice", "measures", "km"):
            continue
        mod = importlib.import_module(f"netlytics.metrics.{info.name}")
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if not inspect.isfunction(obj):
                continue
            params = list(inspect.signature(obj).parameters.values())
            if params and params[0].name == "data" and "as_of" in inspect.signature(obj).parameters:
                out.append((f"{mod.__name__}.{name}", obj))
    return out


@pytest.mark.parametrize("name,func", _public_metrics(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_per_seeker_metric_wears_the_decorator(name, func):
    if name in CROSS_SEEKER:
        assert not getattr(func, "__dispatchable__", False)
        return
    assert getattr(func, "__dispatchable__", False), f"{name} is not @dispatchable"
    assert name in DISPATCHED
    params = inspect.signature(func).parameters
    assert params["engine"].default == "pandas" and params["scheduler"].default is None


def test_unknown_engine_and_scheduler_without_dask():
    from netlytics.metrics.channel import channel_summary

    data = interactions(("bo", "2025-01-06", "email", "out", "message"))
    with pytest.raises(ParameterError, match="Did you mean 'dask'"):
        channel_summary(data, engine="dsak")
    with pytest.raises(ParameterError, match="scheduler= only applies"):
        channel_summary(data, scheduler="tcp://x:1")


def test_other_engine_gets_the_metric_and_its_arguments(monkeypatch):
    calls = []

    class FakeEngine:
        @staticmethod
        def run_engine(func, data, *, as_of, scheduler, **kwargs):
            calls.append((func, data, as_of, scheduler, kwargs))
            return func(data, as_of=as_of, **kwargs)  # the pandas path of the same metric

    @dispatchable
    def count(data, *, as_of=None, since=None, extra=1):
        return (len(data), as_of, since, extra)

    monkeypatch.setitem(sys.modules, "netlytics.engines.dask", FakeEngine)
    assert count([1, 2], as_of="x", since="y", extra=3, engine="dask", scheduler="s") == (2, "x", "y", 3)
    func, data, as_of, scheduler, kwargs = calls[0]
    assert func is count and data == [1, 2] and as_of == "x" and scheduler == "s"
    assert kwargs == {"since": "y", "extra": 3}


def test_dask_is_imported_only_when_asked_for():
    code = (
        "import sys; import netlytics.metrics.summary as s, netlytics.metrics.channel as c; "
        "import pandas as pd; "
        "ix = pd.DataFrame({'seeker': ['A'], 'interaction_id': ['1'], 'contact_id': ['b'], "
        "'at': pd.to_datetime(['2025-01-06'], utc=True), 'channel': ['email'], 'direction': ['outbound'], "
        "'kind': ['message']}); s.summary(ix); c.channel_mix(ix); "
        "print(any(m.startswith(('netlytics.engines.dask', 'dask', 'netlytics.loaders')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


@pytest.fixture(scope="module")
def generated():
    from benchmarks import datagen

    return datagen.network_data(3_000, seekers=7, seed=5)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("touches", {}),
        ("channel_mix", {"freq": "W"}),
        ("channel_summary", {}),
        ("cadence", {}),
        ("cadence_summary", {}),
        ("networked_before_applying", {}),
        ("networked_summary", {}),
        ("reciprocity", {}),
        ("reciprocity_summary", {}),
        ("follow_up", {"since": "2025-03-01"}),
        ("follow_up_summary", {}),
        ("outcomes", {}),
        ("tie_strength", {}),
        ("tie_summary", {}),
        ("company_reach", {}),
        ("scorecard", {}),
    ],
)
def test_every_metric_is_computed_seeker_chunk_by_chunk_on_large_data(monkeypatch, generated, name, kwargs):
    from netlytics.engines import dispatch

    func = {f.__name__: f for f in DISPATCHED.values()}[name]
    whole = func(generated, **kwargs)
    calls = []
    real = dispatch.seeker_chunks
    monkeypatch.setattr(dispatch, "CHUNK_INTERACTIONS", 800)  # about two seekers a chunk
    monkeypatch.setattr(dispatch, "seeker_chunks", lambda data, n: calls.append(n) or real(data, n))
    chunked = func(generated, **kwargs)
    assert calls == [800] and len(real(generated, 800)) > 2
    pd.testing.assert_frame_equal(chunked, whole)


@pytest.mark.parametrize("shuffle", [False, True])
def test_dispatch_chunks_are_the_data_chunks(generated, shuffle):
    from netlytics.data import TABLE_NAMES
    from netlytics.engines.dispatch import seeker_chunks

    data = generated
    if shuffle:  # rows not grouped by seeker: the chunks are taken, not sliced
        data = data.replace(
            interactions=data.interactions.sample(frac=1, random_state=1).reset_index(drop=True)
        )
    for limit in (800, 2_000, 10**9):
        ours, theirs = seeker_chunks(data, limit), data.seeker_chunks(limit)
        assert [c.seekers for c in ours] == [c.seekers for c in theirs]
        for a, b in zip(ours, theirs, strict=True):
            for name in TABLE_NAMES:
                pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


@pytest.mark.parametrize(
    "values",
    [
        ["b", "b", "a", "c", "c"],  # grouped: found from its runs
        ["b", "a", "b"],  # a value in two runs: pandas
        ["a", None, "a"],  # an empty value: pandas
        [None, None],
        ["x"],
        ["", "", "b"],
        [],
    ],
)
def test_factorize_runs_equals_pandas_factorize(values):
    from netlytics.engines.dispatch import factorize_runs

    column = pd.Series(values, dtype="str")
    codes, uniques = factorize_runs(column)
    expected_codes, expected_uniques = pd.factorize(column)
    assert codes.tolist() == expected_codes.tolist()
    assert list(uniques) == list(expected_uniques)


def test_factorize_runs_on_a_loaded_cohort_column():
    """Each seeker's rows together, as a cohort loads: the codes are the runs, in order."""
    from netlytics.engines.dispatch import factorize_runs

    column = pd.Series(np.repeat(["Zoe", "Ana", "Max"], [3, 1, 2]), dtype="str")
    codes, uniques = factorize_runs(column)
    assert codes.tolist() == [0, 0, 0, 1, 2, 2]
    assert uniques.tolist() == ["Zoe", "Ana", "Max"]
