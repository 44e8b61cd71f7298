"""Tests for ``netlytics validate``: output formats and exit codes."""

import json

import typer
from typer.testing import CliRunner

from netlytics.cli import validate as validate_cmd

runner = CliRunner()


def make_app():
    app = typer.Typer()
    validate_cmd.register(app)

    @app.callback()
    def _root():  # keep "validate" as a sub-command
        pass

    return app


def write(tmp_path, body):
    f = tmp_path / "log.csv"
    f.write_text(body, encoding="utf-8")
    return f


BAD = "Date,Who,How\n2025-01-06,Bo Fictive,email\n03/04/2025,Bo Fictive,pigeon\n"


def test_clean_file_exits_0(tmp_path):
    f = write(tmp_path, "Date,Who,How\n2025-01-06,Bo Fictive,email\n")
    result = runner.invoke(make_app(), ["validate", str(f), "--as-of", "2025-02-01"])
    assert result.exit_code == 0, result.output
    assert "No problems: 1 rows read" in result.output


def test_json_output_and_exit_1(tmp_path):
    f = write(tmp_path, BAD)
    result = runner.invoke(make_app(), ["validate", str(f), "--format", "json", "--as-of", "2025-02-01"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    # row 3 has an ambiguous date and an unknown channel: one problem row, both cells named
    assert [(r["source"], r["source_row"], r["column"]) for r in rows] == [("log.csv", 3, "at, channel")]
    assert "ambiguous date" in rows[0]["reason"] and "unknown channel 'pigeon'" in rows[0]["reason"]


def test_csv_output_with_dayfirst(tmp_path):
    f = write(tmp_path, BAD)
    result = runner.invoke(
        make_app(), ["validate", str(f), "-f", "csv", "--dayfirst", "--as-of", "2025-06-01"]
    )
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "seeker,source,source_row,column,value,reason"
    assert lines[1].startswith("log,log.csv,3,channel,pigeon,")  # the date is no longer ambiguous
    assert len(lines) == 2


def test_table_output_and_mapping(tmp_path):
    f = write(tmp_path, BAD)
    m = tmp_path / "m.json"
    m.write_text(
        json.dumps({"sheets": {"log": {"values": {"channel": {"pigeon": "other"}}}}}), encoding="utf-8"
    )
    result = runner.invoke(
        make_app(), ["validate", str(f), "--mapping", str(m), "--monthfirst", "--as-of", "2025-06-01"]
    )
    assert result.exit_code == 0, result.output


def test_table_lists_problems(tmp_path):
    f = write(tmp_path, BAD)
    result = runner.invoke(make_app(), ["validate", str(f), "--as-of", "2025-02-01"], terminal_width=200)
    assert result.exit_code == 1
    assert "1 problem row(s) in 2 rows read" in result.output
    assert "pigeon" in result.output
