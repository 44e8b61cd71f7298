"""The report, cohort and charts commands."""

from __future__ import annotations

import shutil

import typer
from typer.testing import CliRunner

import netlytics
from netlytics.cli.report import register, resolve_inputs


def make_app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """test app"""

    return app


def test_sample_folder_loads_export_and_tracker_as_one_seeker(sample_dir):
    # data/sample keeps its export as linkedin/<export>.zip beside tracker.xlsx
    assert resolve_inputs(sample_dir) == [sample_dir]
    data = netlytics.load(sample_dir)
    assert data.seekers == ["Robin Example"]
    files = set(data.sources["source"].str.split(":", n=1).str[0])
    assert files == {"Basic_LinkedInDataExport_03-31-2026.zip", "tracker.xlsx"}


def test_report_and_cohort_commands(sample_dir, tmp_path):
    runner = CliRunner()
    app = make_app()
    r = runner.invoke(app, ["report", str(sample_dir), "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "r.html").stat().st_size > 1_000_000
    r = runner.invoke(
        app, ["cohort", str(sample_dir / "cohort"), "-o", str(tmp_path / "c.html"), "--weeks", "2"]
    )
    assert r.exit_code == 0, r.output
    assert "Wrote" in r.output and (tmp_path / "c.html").exists()


def test_report_without_path_uses_data_sample(sample_dir, tmp_path, monkeypatch):
    work = tmp_path / "repo"
    (work / "data").mkdir(parents=True)
    shutil.copytree(sample_dir / "linkedin", work / "data" / "sample" / "linkedin")
    shutil.copy(sample_dir / "tracker.xlsx", work / "data" / "sample" / "tracker.xlsx")
    monkeypatch.chdir(work)
    r = CliRunner().invoke(make_app(), ["report", "-o", "report.html"])
    assert r.exit_code == 0, r.output
    assert "Robin Example" in (work / "report.html").read_text(encoding="utf-8")


def test_charts_command_html(sample_dir, tmp_path):
    r = CliRunner().invoke(
        make_app(), ["charts", str(sample_dir), "--out", str(tmp_path / "ch"), "--format", "html"]
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "ch" / "plotly.min.js").exists()
    assert len(list((tmp_path / "ch").glob("*.html"))) == 11


def test_progress_is_silent_off_a_terminal(capsys):
    from netlytics.cli.report import _progress

    with _progress("Report") as update:
        update("loading tracker.xlsx")
    assert capsys.readouterr().err == ""


def test_progress_shows_steps_on_a_terminal(capsys, monkeypatch):
    import rich.console

    from netlytics.cli.report import _progress

    monkeypatch.setattr(rich.console.Console, "is_terminal", property(lambda self: True))
    with _progress("Report") as update:
        update("loading tracker.xlsx")
    err = capsys.readouterr().err
    assert "Report: loading tracker.xlsx" in err
    assert "\x1b[2K" in err  # transient: the line is erased when the work is done


def test_report_passes_its_steps_to_progress(tmp_path):
    from netlytics.report import write_report

    from .conftest import tiny_data

    steps: list[str] = []
    write_report(tiny_data(), tmp_path / "r.html", progress=steps.append)
    assert steps[0] == "next actions" and steps[1] == "scorecard" and steps[-1] == "rendering"
    assert {"next actions", "channel mix", "follow-up", "network"} <= set(steps)


def test_library_report_shows_its_own_progress(tmp_path, monkeypatch):
    """Called from Python without a callback, the report shows netlytics.progress's line."""
    import contextlib

    import netlytics.progress
    from netlytics.report import write_report

    from .conftest import tiny_data

    shown: list[tuple[str, str]] = []

    @contextlib.contextmanager
    def steps(description):
        yield lambda step: shown.append((description, step))

    monkeypatch.setattr(netlytics.progress, "steps", steps)
    write_report(tiny_data(), tmp_path / "r.html")
    assert shown[0] == ("Report", "next actions") and shown[-1] == ("Report", "rendering")
