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


def test_csv_output_neutralises_formulas_copied_from_the_file(tmp_path):
    # row 2's channel is a formula-looking value; the problem row copies it into `value`, and a
    # spreadsheet opening the CSV must see text, so it is written with a leading apostrophe
    f = write(tmp_path, 'Date,Who,How\n2025-01-06,Bo Fictive,=HYPERLINK("http://x.invalid")\n')
    result = runner.invoke(make_app(), ["validate", str(f), "-f", "csv", "--as-of", "2025-02-01"])
    assert result.exit_code == 1
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["source_row"], r["column"]) for r in rows] == [("2", "channel")]
    assert rows[0]["value"] == '\'=HYPERLINK("http://x.invalid")'
    # no cell of the output starts with a formula character
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_exit_codes_through_the_netlytics_entry_point(tmp_path, capsys):
    from netlytics.cli import main

    clean = write(tmp_path, "Date,Who,How\n2025-01-06,Bo Fictive,email\n")
    assert main(["validate", str(clean), "--as-of", "2025-02-01"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    assert main(["validate", str(bad), "-f", "json", "--as-of", "2025-02-01"]) == 1
    # a missing file is an error (2), not "problems" (1)
    assert main(["validate", str(tmp_path / "nope.csv")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_table_shows_file_level_problems_and_prints_markup_as_written(tmp_path):
    from netlytics.cli import main

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    # client a: row 2 fine, row 3 has a channel written like rich markup; client b: not a zip
    (cohort / "client-a.csv").write_text(
        "Date,Who,How\n2025-01-06,Bo Fictive,email\n2025-01-07,Bo Fictive,[red]pigeon\n", encoding="utf-8"
    )
    (cohort / "client-b.zip").write_bytes(b"not a zip at all")
    result = runner.invoke(
        make_app(), ["validate", str(cohort), "--cohort", "--as-of", "2025-02-01"], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 1, result.output
    out = result.output
    assert "[red]pigeon" in out
    # the file-level problem has no row number: an empty cell, not a crash on pd.NA
    line = next(ln for ln in out.splitlines() if "client-b.zip" in ln)
    assert line.split("\t")[1] == ""
    assert main(["validate", str(cohort), "--cohort", "--as-of", "2025-02-01"]) == 1


def _many_bad(tmp_path, n):
    lines = ["Date,Who,How"] + [f"2025-01-06,Bo Fictive {i},pigeon" for i in range(n)]
    f = tmp_path / "many.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def test_plain_rows_when_not_a_terminal(tmp_path):
    # a long reason is never wrapped: each problem is one line, tab-separated
    f = write(tmp_path, "Date,Who,How\n2099-03-14,Bo Fictive,email\n")
    result = runner.invoke(make_app(), ["validate", str(f), "--as-of", "2025-02-01"], terminal_width=40)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "1 problem row(s) in 1 rows read"
    assert lines[1] == "source\trow\tcolumn\tvalue\treason"
    source, row, column, value, reason = lines[2].split("\t")
    assert (source, row, column, value) == ("log.csv", "2", "at", "2099-03-14")
    assert reason.startswith("date in the future: more than a day after 2025-02-01")


def test_terminal_shows_the_first_50_and_where_the_rest_is(tmp_path, monkeypatch):
    monkeypatch.setattr(validate_cmd, "_is_terminal", lambda: True)
    f = _many_bad(tmp_path, 120)
    result = runner.invoke(make_app(), ["validate", str(f), "--as-of", "2025-02-01"], terminal_width=200)
    assert result.exit_code == 1
    out = result.output
    assert "120 problem row(s) in 120 rows read" in out
    assert "Showing the first 50 of 120 problem rows" in out and "--format csv" in out
    assert out.count("many.csv") == 50


def test_21624_problem_rows_in_every_format(tmp_path, monkeypatch):
    """Every problem is written in every format (`python -m benchmarks.hostile` times it: < 3 s)."""
    from netlytics.loaders import cohort

    f = _many_bad(tmp_path, 21_624)
    data = cohort.load_one(f, None, {"future_after": "2025-02-01"})
    monkeypatch.setattr(cohort, "load_one", lambda *a: data)
    for args in ([], ["--format", "csv"], ["--format", "json"]):
        result = runner.invoke(make_app(), ["validate", str(f), "--as-of", "2025-02-01", *args])
        assert result.exit_code == 1
        assert result.stdout.count("unknown channel 'pigeon'") == 21_624, args
