"""netlytics.progress: a transient rich display in a terminal, a transient line in a notebook, nothing
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


def test_notebook_shows_a_transient_line_not_a_widget(monkeypatch):
    """In a notebook, progress is one display handle updated in place and emptied at the end:
    no widget (a closed one leaves "model not found" in Voila and saved notebooks)."""

    class ZMQInteractiveShell:  # the class name Jupyter's kernel shell has
        pass

    fake = types.ModuleType("IPython")
    fake.get_ipython = ZMQInteractiveShell
    shown = []

    class Handle:
        def update(self, bundle, raw=False):
            shown.append(("update", bundle))

    def display(bundle, raw=False, display_id=False):
        assert raw and display_id
        shown.append(("display", bundle))
        return Handle()

    fake_display = types.ModuleType("IPython.display")
    fake_display.display = display
    monkeypatch.setitem(sys.modules, "IPython", fake)
    monkeypatch.setitem(sys.modules, "IPython.display", fake_display)
    monkeypatch.setattr(progress.time, "monotonic", iter(range(0, 100, 1)).__next__)  # 1 s a tick
    assert progress.display() == "notebook"
    assert list(progress.track([1, 2], "Files")) == [1, 2]
    assert [(k, b["text/plain"]) for k, b in shown] == [
        ("display", "Files"),
        ("update", "Files: 1/2"),
        ("update", "Files: 2/2"),
        ("update", ""),
    ]
    shown.clear()
    with pytest.raises(KeyboardInterrupt), progress.steps("Report") as update:
        update("rendering")
        raise KeyboardInterrupt
    assert [(k, b["text/plain"]) for k, b in shown] == [
        ("display", "Report"),
        ("update", "Report: rendering"),
        ("update", ""),
    ]
    assert "<div" in shown[1][1]["text/html"] and "widget" not in str(shown)
