"""Threads change the wall time of large computations, never their results."""

import threading

import numpy as np
import pandas as pd
import pytest

import netlytics
from netlytics.engines import threads
from netlytics.metrics._common import take_rows


@pytest.fixture
def threaded(monkeypatch):
    """Every input counts as large, and two threads are allowed."""
    monkeypatch.setattr(threads, "MIN_ROWS", 0)
    monkeypatch.setenv("NETLYTICS_THREADS", "2")


def test_pmap_keeps_the_order_of_the_items(threaded):
    assert threads.pmap(lambda x: x * 10, range(7), rows=1) == [0, 10, 20, 30, 40, 50, 60]


def test_pmap_runs_the_pieces_on_another_thread_only_for_large_inputs(monkeypatch):
    monkeypatch.setenv("NETLYTICS_THREADS", "2")
    names = threads.pmap(lambda _: threading.current_thread().name, [1, 2], rows=threads.MIN_ROWS)
    assert names[0] == threading.current_thread().name
    assert names[1].startswith("netlytics")
    small = threads.pmap(lambda _: threading.current_thread().name, [1, 2], rows=threads.MIN_ROWS - 1)
    assert small == [threading.current_thread().name] * 2


def test_one_thread_when_the_setting_says_so(monkeypatch):
    monkeypatch.setattr(threads, "MIN_ROWS", 0)
    monkeypatch.setenv("NETLYTICS_THREADS", "1")
    assert threads.threads() == 1
    names = threads.pmap(lambda _: threading.current_thread().name, [1, 2, 3], rows=10**7)
    assert set(names) == {threading.current_thread().name}


def test_a_bad_setting_falls_back_to_the_cores(monkeypatch):
    monkeypatch.setenv("NETLYTICS_THREADS", "many")
    assert 1 <= threads.threads() <= 4


def test_an_error_in_a_piece_is_raised_to_the_caller(threaded):
    def piece(x):
        if x == 2:
            raise ValueError("piece 2 failed")
        return x

    with pytest.raises(ValueError, match="piece 2 failed"):
        threads.pmap(piece, [1, 2, 3], rows=1)


def test_work_started_inside_a_piece_stays_on_that_thread(threaded):
    """No nesting: a piece that maps again runs its own pieces itself (no pool waits on itself)."""

    def outer(x):
        inner = threads.pmap(lambda _: threading.current_thread().name, [1, 2, 3], rows=1)
        return x, set(inner)

    (_, first), (_, second) = threads.pmap(outer, [1, 2], rows=1)
    assert len(second) == 1 and next(iter(second)).startswith("netlytics")


def test_take_rows_equals_boolean_indexing_on_every_kind_of_column(threaded):
    df = pd.DataFrame(
        {
            "text": pd.array(["a", None, "c", "d", ""], dtype="str"),
            "at": pd.to_datetime(["2026-01-01", None, "2026-01-03", "2026-01-04", "2026-01-05"], utc=True),
            "n": pd.array([1, None, 3, 4, 5], dtype="Int64"),
            "flag": pd.array([True, None, False, True, False], dtype="boolean"),
            "f": [0.5, np.nan, 1.5, 2.5, 3.5],
            "cat": pd.Categorical(["x", "y", "x", None, "y"]),
            "obj": pd.array([{"k": 1}, None, "s", 3, (1,)], dtype=object),
        },
        index=[10, 11, 12, 13, 14],
    )
    assert df["text"].tolist()[0] == "a" and df["obj"].tolist()[0] == {"k": 1}  # no NaN by alignment
    df.attrs["source"] = "hand-made"
    before = df.copy()
    for keep in ([True, False, True, False, True], [False] * 5, [True] * 5):
        keep = np.array(keep)
        got = take_rows(df, keep)
        pd.testing.assert_frame_equal(got, df[keep].reset_index(drop=True))
        assert got.attrs == {"source": "hand-made"}
    pd.testing.assert_frame_equal(df, before)  # the input is untouched


@pytest.mark.parametrize("name", ["summary", "scorecard", "follow_up", "tie_strength"])
def test_metrics_on_threads_equal_metrics_on_one_thread(monkeypatch, name):
    from benchmarks import datagen

    data = datagen.network_data(20_000, seekers=5, seed=11)
    func = getattr(netlytics, name)
    monkeypatch.setenv("NETLYTICS_THREADS", "1")
    one = func(data)
    monkeypatch.setattr(threads, "MIN_ROWS", 0)
    monkeypatch.setenv("NETLYTICS_THREADS", "2")
    pd.testing.assert_frame_equal(func(data), one)


def test_the_report_measures_on_threads_equal_those_on_one_thread(monkeypatch):
    from benchmarks import datagen
    from netlytics.metrics.measures import Measures

    data = datagen.network_data(8_000, seekers=3, seed=5)
    monkeypatch.setenv("NETLYTICS_THREADS", "1")
    one = Measures.compute(data)
    expected = {k: getattr(one, k) for k in ("touches", "follow_up", "summary", "ties", "scorecard")}
    monkeypatch.setattr(threads, "MIN_ROWS", 0)
    monkeypatch.setenv("NETLYTICS_THREADS", "2")
    many = Measures.compute(data)
    many.window.prepare()
    assert set(many.window._cache) >= {"codes", "ta", "timeline"}
    for key, frame in expected.items():
        pd.testing.assert_frame_equal(getattr(many, key), frame, obj=key)


def test_pcall_runs_callables_side_by_side_and_keeps_their_order(threaded):
    names = threads.pcall(
        [lambda: ("a", threading.current_thread().name), lambda: ("b", threading.current_thread().name)],
        rows=1,
    )
    assert [n for n, _ in names] == ["a", "b"]
    assert names[1][1].startswith("netlytics")
