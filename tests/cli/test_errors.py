"""The command line turns every NetlyticsError into one line on stderr (plus a hint) and exit
code 2, never a traceback unless --debug is given; broken files never escape as another
exception (that would be a loader bug)."""

from __future__ import annotations

import os
import zipfile

import pytest

from netlytics.cli import main
from netlytics.errors import NetlyticsError
from tests.reliability import record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")


def _bad_inputs(tmp_path):
    """name -> (path, text the error must contain)."""
    random_zip = tmp_path / "random.zip"
    random_zip.write_bytes(os.urandom(1000))
    random_xlsx = tmp_path / "random.xlsx"
    random_xlsx.write_bytes(os.urandom(1000))
    cut = tmp_path / "cut.zip"
    with zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "Connections.csv", "First Name,Last Name,Connected On\n" + "Test,Person,05 Mar 2024\n" * 500
        )
    cut.write_bytes(cut.read_bytes()[:200])
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('Date,Who,How\n2025-01-06,"Test Person,coffee\n')
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(nested, "w") as z:
        z.writestr("inner.zip", b"PK\x05\x06" + b"\0" * 18)
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    (empty_dir / "README.txt").write_text("nothing here")
    return {
        "missing": (tmp_path / "nope.xlsx", "nope.xlsx"),
        "random zip": (random_zip, "random.zip"),
        "random xlsx": (random_xlsx, "random.xlsx"),
        "truncated zip": (cut, "cut.zip"),
        "unclosed quote": (unclosed, "unclosed.csv"),
        "nested zip": (nested, "nested.zip"),
        "folder without data": (empty_dir, "empty"),
    }


CASES = ["missing", "random zip", "random xlsx", "truncated zip", "unclosed quote", "nested zip",
         "folder without data"]  # fmt: skip


@pytest.mark.parametrize("command", ["inspect", "validate", "summary"])
@pytest.mark.parametrize("case", CASES)
def test_one_line_error_and_exit_code_2(tmp_path, capsys, command, case):
    path, must = _bad_inputs(tmp_path)[case]
    rc = main([command, str(path)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[0].startswith("netlytics: error: ") and must in lines[0]
    assert all(line.startswith(("netlytics: error: ", "hint: ")) for line in lines)
    assert len(lines) <= 2
    record("CLI inspect/validate/summary on 7 kinds of bad input", "exit 2")


@pytest.mark.parametrize("case", ["random zip", "unclosed quote"])
def test_anonymize_reports_bad_input_the_same_way(tmp_path, capsys, case):
    path, must = _bad_inputs(tmp_path)[case]
    rc = main(["anonymize", str(path), str(tmp_path / "out.xlsx"), "--salt", "fictional salt"])
    err = capsys.readouterr().err
    assert rc == 2 and must in err and "Traceback" not in err
    assert not (tmp_path / "out.xlsx").exists()  # nothing written on failure
    record("CLI anonymize on bad input (nothing written)", "exit 2")


def test_debug_shows_the_exception(tmp_path):
    path, _ = _bad_inputs(tmp_path)["random zip"]
    with pytest.raises(NetlyticsError, match="random.zip"):
        main(["--debug", "inspect", str(path)])


def test_cohort_with_a_broken_client_loads_the_others(tmp_path, capsys):
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "client-a.csv").write_text("Date,Who,How\n2025-01-06,Test Person,coffee\n")
    (cohort / "client-b.zip").write_bytes(os.urandom(500))
    (cohort / "client-c.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    rc = main(["validate", "--cohort", "--format", "json", str(cohort)])
    out = capsys.readouterr()
    assert rc == 1 and "Traceback" not in out.err
    assert "client-b.zip" in out.out and "client-c.xlsx" in out.out


@pytest.mark.parametrize("command", [["inspect", "--cohort"], ["validate", "--cohort"]])
def test_tables_show_file_level_problems(tmp_path, capsys, command):
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "client-a.csv").write_text("Date,Who,How\n2025-01-06,Test Person,coffee\n")
    (cohort / "client-b.zip").write_bytes(os.urandom(500))
    rc = main([*command, str(cohort)])
    out = capsys.readouterr()
    assert rc in (0, 1) and "client-b.zip" in out.out
