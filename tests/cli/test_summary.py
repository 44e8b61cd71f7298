"""``netlytics summary PATH``: the coach's table as rich text, CSV and JSON."""

import importlib.util
import io
import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from netlytics.cli.summary import register
from netlytics.errors import ParameterError
from netlytics.export import to_parquet
from netlytics.metrics.summary import SUMMARY_COLUMNS, summary


def _cohort_fixture():
    # the two fictional seekers of tests/metrics/test_scorecard.py (answers worked out there)
    path = Path(__file__).parents[1] / "metrics" / "test_scorecard.py"
    spec = importlib.util.spec_from_file_location("_sc_cli", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.cohort, mod.AS_OF


cohort, AS_OF = _cohort_fixture()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return to_parquet(cohort(), tmp_path_factory.mktemp("summary") / "tables")


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test app: only the summary command."""

    register(app)
    return app


def run(app, *args):
    result = CliRunner().invoke(app, ["summary", *map(str, args)])
    return result


def test_csv_is_the_summary_table(app, folder):
    result = run(app, folder, "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0, result.output
    got = pd.read_csv(io.StringIO(result.stdout))
    assert list(got.columns) == list(SUMMARY_COLUMNS)
    assert got["seeker"].tolist() == ["Ana", "Bo"]
    assert got["as_of"].tolist() == ["2025-03-09T00:00:00Z"] * 2
    # Ana: 10 touches, written share 0.7, 2 open loops in all; see tests/metrics/test_summary.py
    ana = got.set_index("seeker").loc["Ana"]
    assert ana["touches"] == 10 and ana["written_share"] == pytest.approx(0.7)
    assert ana["thank_you_open_loops"] + ana["reply_open_loops"] == 2
    expected = summary(cohort(), as_of=AS_OF)
    assert got["channel_status"].tolist() == expected["channel_status"].tolist()


def test_json_records_with_nulls(app, folder):
    result = run(app, folder, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["seeker"] for r in records] == ["Ana", "Bo"]
    assert records[0]["networked_share"] is None  # Ana sent no application
    assert records[1]["networked_share"] == 0.0
    assert records[1]["priority_status"] == "mistake"
    assert set(records[0]) == set(SUMMARY_COLUMNS)


def test_table_for_people(app, folder):
    result = run(app, folder, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "netlytics summary as of 2025-03-09" in out
    assert "Ana" in out and "Bo" in out
    assert "written_share" in out and "70%" in out  # shares as percentages
    assert "not_measured" in out and "mistake" in out


def test_default_as_of_is_latest_timestamp(app, folder):
    result = run(app, folder, "--format", "json")
    assert result.exit_code == 0, result.output
    assert {r["as_of"] for r in json.loads(result.stdout)} == {"2025-03-07T00:00:00Z"}


def test_bad_format_and_bad_date_raise_netlytics_errors(app, folder):
    result = run(app, folder, "--format", "jsn")
    assert isinstance(result.exception, ParameterError)
    assert "Did you mean 'json'" in str(result.exception)
    result = run(app, folder, "--as-of", "not a date")
    assert isinstance(result.exception, ParameterError)
    assert "as_of" in str(result.exception)


def test_path_is_required(app):
    result = run(app)
    assert result.exit_code != 0


def test_cohort_folder_of_client_trackers(app, tmp_path):
    header = "interaction_id,at,contact,channel,direction,kind\n"
    (tmp_path / "ana.csv").write_text(
        header
        + "1,2025-03-03,Ben Example,in_person,inbound,meeting\n"  # thank_you trigger
        + "2,2025-03-03,Ben Example,email,outbound,thank_you\n"  # same day, later row: lag 0
        + "3,2025-03-05,Cy Example,email,inbound,message\n"  # reply trigger, due 03-07
    )
    (tmp_path / "cy.csv").write_text(header + "1,2025-03-04,Di Example,email,outbound,message\n")
    result = run(app, tmp_path, "--cohort", "--format", "json")
    assert result.exit_code == 0, result.output
    records = {r["seeker"]: r for r in json.loads(result.stdout)}
    assert sorted(records) == ["ana", "cy"]
    # one as_of for the cohort: the latest timestamp of any client (Ana's 03-05 message)
    assert {r["as_of"] for r in records.values()} == {"2025-03-05T00:00:00Z"}
    ana = records["ana"]
    assert ana["thank_you_n"] == 1 and ana["thank_you_on_time_share"] == 1.0
    assert ana["thank_you_median_lag_days"] == 0.0
    # the reply is still inside its due time: no on-time share yet, no open loop
    assert ana["reply_n"] == 1 and ana["reply_on_time_share"] is None and ana["reply_open_loops"] == 0
    assert records["cy"]["touches"] == 1 and records["cy"]["channel_status"] == "not_measured"


@pytest.mark.slow
def test_engine_dask_gives_the_same_table(app, folder):
    # the same two seekers through Dask (synchronous scheduler: no cluster in a unit test)
    args = ["--as-of", AS_OF, "--format", "csv"]
    plain = run(app, folder, *args)
    dask = run(app, folder, *args, "--engine", "dask", "--scheduler", "synchronous")
    assert plain.exit_code == 0 and dask.exit_code == 0, dask.output
    assert dask.stdout == plain.stdout
    assert pd.read_csv(io.StringIO(dask.stdout))["seeker"].tolist() == ["Ana", "Bo"]


def test_engine_options_are_checked(app, folder, tmp_path):
    result = run(app, folder, "--engine", "dsak")
    assert isinstance(result.exception, ParameterError)
    assert "Did you mean 'dask'" in str(result.exception)
    result = run(app, folder, "--scheduler", "tcp://127.0.0.1:8786")
    assert isinstance(result.exception, ParameterError)
    assert "--engine dask" in str(result.exception)
    result = run(app, folder, "--cohort", "--engine", "dask")
    assert isinstance(result.exception, ParameterError)
    # dask needs a to_parquet folder, and says how to make one
    (tmp_path / "t.csv").write_text("interaction_id,at,contact,channel,direction,kind\n")
    result = run(app, tmp_path / "t.csv", "--engine", "dask", "--scheduler", "synchronous")
    assert "to_parquet" in str(result.exception)


def test_csv_neutralises_formula_like_seeker_names():
    import pandas as pd

    from netlytics.cli.summary import render_csv

    as_of = pd.Timestamp("2025-03-01", tz="UTC")
    table = pd.DataFrame({"seeker": ['=HYPERLINK("x")', "Ana"], "touches": [1, 2], "as_of": [as_of, as_of]})
    lines = render_csv(table).splitlines()
    assert lines[1].startswith("\"'=HYPERLINK")  # quoted by csv, apostrophe first inside
    assert lines[2] == "Ana,2,2025-03-01T00:00:00Z"
