"""netlytics.progress: a transient rich display in a terminal, tqdm.auto in a notebook, nothing
otherwise; interrupted work leaves no display behind."""

from __future__ import annotations

import sys
import types

import pytest
import rich.console

from netlytics import progress


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(rich.console.Console, "is_terminal", property(lambda self: True))


def test_silent_off_a_terminal(capsys):
    assert progress.display() == "none"
    with progress.steps("Report") as update:
        update("loading")
    assert list(progress.track(range(3), "Charts")) == [0, 1, 2]
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_steps_on_a_terminal_are_transient(terminal, capsys):
    with progress.steps("Summary") as update:
        update("computing")
    err = capsys.readouterr().err
    assert "Summary: computing" in err and "\x1b[2K" in err  # erased when done


def test_track_on_a_terminal_counts_items(terminal, capsys):
    assert [x * 10 for x in progress.track([1, 2, 3, 4], "Files")] == [10, 20, 30, 40]
    err = capsys.readouterr().err
    assert "Files" in err and "4/4" in err


def test_interrupt_stops_the_display_and_propagates(terminal, capsys):
    with pytest.raises(KeyboardInterrupt), progress.steps("Report") as update:
        update("loading")
        raise KeyboardInterrupt
    err = capsys.readouterr().err
    assert "\x1b[?25h" in err and err.endswith("\x1b[2K")  # cursor shown again, line erased


def test_notebook_uses_tqdm_auto(monkeypatch, capsys):
    class ZMQInteractiveShell:  # the class name Jupyter's kernel shell has
        pass

    fake = types.ModuleType("IPython")
    fake.get_ipython = ZMQInteractiveShell
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert progress.display() == "notebook"
    calls = []
    import tqdm.auto

    class Bar(list):
        def __init__(self, items=(), **kwargs):
            calls.append(kwargs)
            super().__init__(items)

        def set_description_str(self, text):
            calls.append(text)

        def close(self):
            calls.append("closed")

    monkeypatch.setattr(tqdm.auto, "tqdm", Bar)
    assert list(progress.track([1, 2], "Files")) == [1, 2]
    with progress.steps("Report") as update:
        update("rendering")
    assert calls[0]["desc"] == "Files" and calls[0]["total"] == 2
    assert "Report: rendering" in calls and calls[-1] == "closed"
