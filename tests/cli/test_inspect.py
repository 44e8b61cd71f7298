"""Tests for ``netlytics inspect``: what was loaded from where, excluded rows, problems."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from netlytics.cli import inspect as inspect_cmd

SAMPLE = Path(__file__).parents[2] / "data" / "sample"
runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer()
    inspect_cmd.register(app)

    @app.callback()
    def _root() -> None:  # keep "inspect" as a sub-command
        pass

    return app


def run(*args):
    # rich sizes its tables from COLUMNS: wide enough that no cell is cut
    return runner.invoke(make_app(), ["inspect", *map(str, args)], env={"COLUMNS": "250"})


def test_sample_folder_is_the_export_and_tracker_merged():
    # data/sample holds linkedin/<export>.zip and tracker.xlsx (plus template.xlsx and cohort/,
    # which are not Robin's data): inspect shows the same inputs `netlytics report` reads
    result = run(SAMPLE)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 seeker(s) (Robin Example)" in out
    # the tracker's sheets are listed by sheet
    assert "tracker.xlsx:interactions" in out and "tracker.xlsx:contacts" in out
    # the empty template beside the tracker is noted once, not listed sheet by sheet
    assert "template.xlsx:" not in out and "client-" not in out
    assert "template.xlsx holds no data rows" in out
    # export members are listed one per line, with rows read = loaded + excluded + problems:
    # messages.csv has one draft and one sponsored message, both excluded
    line = next(ln for ln in out.splitlines() if "messages.csv" in ln and "interactions" in ln)
    read, loaded, excluded, problems = (int(x) for x in line.split("│")[4:8])
    assert read == loaded + excluded + problems and excluded == 2 and problems == 0
    assert "draft (never sent" in out and "sponsored message" in out
    assert "Merged 1 tracker source(s) with the LinkedIn export" in out


def test_problems_are_listed_with_row_and_column_and_markup_is_not_interpreted(tmp_path):
    f = tmp_path / "ana.csv"
    # row 2 is fine; row 3 has an unknown channel written like rich markup; row 4 has no person
    f.write_text(
        "Date,Who,How\n2025-01-06,Bo Fictive,email\n2025-01-07,Bo Fictive,[bold]pigeon[/bold]\n"
        "2025-01-08,,phone\n",
        encoding="utf-8",
    )
    result = run(f, "--problems", "5")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Problems (2; first 5)" in out
    assert "[bold]pigeon[/bold]" in out  # printed as written, not turned into bold text
    rows = [ln for ln in out.splitlines() if "ana.csv" in ln and "│" in ln]
    # the sources line (3 read, 1 loaded, 0 excluded, 2 problems), then rows 3 and 4
    assert [c.strip() for c in rows[0].split("│")[1:8]] == [
        "ana",
        "ana.csv",
        "interactions",
        "3",
        "1",
        "0",
        "2",
    ]
    assert [c.strip() for c in rows[1].split("│")[2:4]] == ["3", "channel"]
    assert [c.strip() for c in rows[2].split("│")[2:3]] == ["4"]


def test_cohort_lists_every_client_and_the_skipped_readme():
    result = run(SAMPLE / "cohort", "--cohort")
    assert result.exit_code == 0, result.output
    assert "12 seeker(s)" in result.output
    assert "Skipped 1 file(s) that are not client data: README.txt." in result.output
