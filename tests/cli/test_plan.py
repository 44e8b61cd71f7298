"""``netlytics plan PATH``: table, CSV and ICS output of the week's next actions."""

import importlib.util
import io
from pathlib import Path

import icalendar
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from netlytics.cli.plan import register
from netlytics.export import to_parquet
from netlytics.plan import PLAN_COLUMNS, next_actions


def _fixture():
    # the hand-checked loops fixture of tests/test_plan.py (answers worked out there)
    path = Path(__file__).parents[1] / "plan" / "test_actions.py"
    spec = importlib.util.spec_from_file_location("_plan_cli", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.loops(), mod.AS_OF


DATA, AS_OF = _fixture()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return to_parquet(DATA, tmp_path_factory.mktemp("plan") / "tables")


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test app: only the plan command."""

    register(app)
    return app


def run(app, *args):
    return CliRunner().invoke(app, ["plan", *map(str, args)])


def test_csv_lists_the_ranked_actions(app, folder):
    result = run(app, folder, "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0, result.output
    got = pd.read_csv(io.StringIO(result.stdout))
    assert list(got.columns) == list(PLAN_COLUMNS)
    # see test_ranking_of_the_loops_fixture in tests/plan/test_actions.py (value, then urgency)
    assert got["action"].tolist() == ["thank_you", "follow_up", "give", "thank_you", "thank_you", "follow_up"]
    assert got["contact_id"].tolist() == ["sam", "sam", "sam", "cy", "eve", "bo"]
    assert got["evidence"].tolist() == ["i1", "i1", "i1", "m1 m2", "m3", "i2"]
    assert got["due"].tolist()[:2] == ["2025-03-12", "2025-03-12"]


def test_limit_option(app, folder):
    result = run(app, folder, "--as-of", AS_OF, "--format", "csv", "--limit", "1")
    assert result.exit_code == 0, result.output
    got = pd.read_csv(io.StringIO(result.stdout))
    assert got["action"].tolist() == ["thank_you", "follow_up", "give"]


def test_ics_to_file_is_deterministic(app, folder, tmp_path):
    out1, out2 = tmp_path / "a.ics", tmp_path / "b.ics"
    for out in (out1, out2):
        result = run(app, folder, "--as-of", AS_OF, "--format", "ics", "-o", out)
        assert result.exit_code == 0, result.output
    assert out1.read_bytes() == out2.read_bytes()
    events = icalendar.Calendar.from_ical(out1.read_bytes()).walk("VEVENT")
    assert len(events) == len(next_actions(DATA, as_of=AS_OF)) == 6
    assert str(events[0]["SUMMARY"]) == "Thank Sam Lee (Ana)"


def test_table_and_text_output(app, folder, tmp_path):
    result = run(app, folder, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "This week" in result.stdout and "Sam Lee" in result.stdout
    out = tmp_path / "plan.txt"
    result = run(app, folder, "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("This week: Ana\n  1. Thank Sam Lee (by Wed 12 Mar): ")


def test_bad_format_suggests_the_right_one(app, folder):
    result = run(app, folder, "--format", "isc")
    assert result.exit_code != 0
    assert "Did you mean 'ics'?" in str(result.exception)
