"""Tests for ``netlytics anonymize``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import netlytics
from netlytics import schema
from netlytics.cli.anonymize import register
from netlytics.data import NetworkData
from netlytics.export import write_tables

_spec = importlib.util.spec_from_file_location(
    "_pseudo_fixture_cli", Path(__file__).parents[1] / "test_pseudonymize.py"
)
_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixture)


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test app"""

    register(app)
    return app


@pytest.fixture
def tracker(tmp_path) -> Path:
    d = _fixture.cohort_data()
    tables = NetworkData(
        contacts=d.contacts,
        interactions=d.interactions[schema.INTERACTIONS.columns],
        applications=d.applications,
    )
    return write_tables(tables, tmp_path / "Avery Quill tracker.xlsx")


def run(*args, env=None):
    return CliRunner().invoke(make_app(), [str(a) for a in args], env=env)


def scan(path: Path) -> list[str]:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    text = " ".join(p.read_bytes().decode("utf-8", errors="replace") for p in files).lower()
    return [s for s in _fixture.SECRETS if s.lower() in text]


def test_anonymize_tracker_to_csv_folder(tmp_path, tracker):
    out = tmp_path / "safe"
    result = run(
        "anonymize", tracker, out, "--salt", "s3cret", "--format", "csv", "--companies", "generalise"
    )
    assert result.exit_code == 0, result.output
    assert "2 seeker(s), 7 contacts, 13 interactions, 3 applications" in result.output
    assert scan(out) == []
    back = netlytics.load(out)
    # two seekers in the data (the loaded sources table also names a third: the tracker's own
    # default seeker, its file stem, which is aliased too)
    assert len(back.seekers) == 2 and all(s.startswith("Client ") for s in back.seekers)
    assert len(back.interactions) == 13


def test_anonymize_salt_from_environment(tmp_path, tracker):
    out = tmp_path / "safe.parquet"
    result = run("anonymize", tracker, out, env={"NETLYTICS_SALT": "from-env"})
    assert result.exit_code == 0, result.output
    seekers = netlytics.load(out).seekers
    assert len(seekers) == 2 and all(s.startswith("Client ") for s in seekers)


def test_anonymize_same_salt_same_output(tmp_path, tracker):
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    assert run("anonymize", tracker, a, "--salt", "x").exit_code == 0
    assert run("anonymize", tracker, b, "--salt", "x").exit_code == 0
    da, db = netlytics.load(a), netlytics.load(b)
    for name in schema.TABLES:
        assert getattr(da, name).equals(getattr(db, name)), name


def test_anonymize_refuses_to_overwrite_input(tmp_path, tracker):
    before = tracker.read_bytes()
    result = run("anonymize", tracker, tracker, "--salt", "x")
    assert result.exit_code != 0
    assert "it is the input" in str(result.exception)
    assert tracker.read_bytes() == before


def test_anonymize_needs_a_salt(tmp_path, tracker):
    result = run("anonymize", tracker, tmp_path / "out.xlsx", env={"NETLYTICS_SALT": ""})
    assert result.exit_code != 0


def test_anonymize_unknown_output_format(tmp_path, tracker):
    result = run("anonymize", tracker, tmp_path / "out.txt", "--salt", "x")
    assert result.exit_code != 0
    assert "Cannot tell the output format" in str(result.exception)


def test_anonymize_to_xlsx_holds_no_original_and_no_formula(tmp_path, tracker):
    from openpyxl import load_workbook

    out = tmp_path / "safe.xlsx"
    result = run("anonymize", tracker, out, "--salt", "s3cret")
    assert result.exit_code == 0, result.output
    assert scan_xlsx(out) == []
    wb = load_workbook(out)
    assert {"contacts", "interactions", "applications"} <= set(wb.sheetnames)
    # companies are kept ("keep" is the default): "+Plus Corp" is in the file, as a text cell
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "+Plus Corp" and c.data_type == "s" for c in cells)
    back = netlytics.load(out)
    assert len(back.seekers) == 2 and len(back.interactions) == 13 and len(back.applications) == 3


def test_anonymize_to_a_single_csv_refuses_other_tables(tmp_path, tracker):
    # a single .csv holds only interactions; the tracker also has contacts and applications
    result = run("anonymize", tracker, tmp_path / "safe.csv", "--salt", "s3cret")
    assert result.exit_code != 0
    assert "holds only the interactions table" in str(result.exception)
    assert not (tmp_path / "safe.csv").exists()


def scan_xlsx(path: Path) -> list[str]:
    """Originals found in the text of the workbook's cells (the zip itself is compressed)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    text = " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None
    ).lower()
    return [s for s in _fixture.SECRETS if s.lower() in text]


def test_anonymize_sample_folder_is_the_merged_seeker(tmp_path):
    # data/sample = linkedin/<export>.zip + tracker.xlsx (+ template.xlsx, cohort/): one seeker,
    # Robin Example, export and tracker merged, exactly what `netlytics inspect data/sample` shows
    sample = Path(__file__).parents[2] / "data" / "sample"
    out = tmp_path / "robin.parquet"
    result = run("anonymize", sample, out, "--salt", "s3cret")
    assert result.exit_code == 0, result.output
    back = netlytics.load(out)
    original = netlytics.load(sorted((sample / "linkedin").glob("*.zip")) + [sample / "tracker.xlsx"])
    assert back.seekers == ["Client 01"]
    assert len(back.interactions) == len(original.interactions)
    assert back.interactions["source"].str.startswith("source ").all()
    # the export's members and the tracker's sheets are both there (under neutral file names)
    assert back.interactions["source"].str.endswith(":messages.csv").any()
    assert back.interactions["source"].str.endswith(":interactions").any()


def test_anonymize_to_a_path_without_suffix_writes_a_csv_folder(tmp_path, tracker):
    import csv

    out = tmp_path / "shareable"
    result = run("anonymize", tracker, out, "--salt", "s3cret")
    assert result.exit_code == 0, result.output
    assert out.is_dir() and {"contacts.csv", "interactions.csv", "applications.csv"} <= {
        p.name for p in out.iterdir()
    }
    with open(out / "interactions.csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == 13
    assert scan(out) == []
