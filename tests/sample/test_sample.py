"""The committed sample data: regenerates byte for byte, loads cleanly, and tells its story."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

import netlytics
from netlytics import schema
from netlytics.cli import sample as sample_cli
from netlytics.sample import EXPORT_NAME, generate_sample
from netlytics.sample.story import AS_OF, COHORT, ROBIN, START, make_story, people_pool
from netlytics.sample.template import data_dictionary, dictionary_markdown, write_csv, write_tracker

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
EXPORT = SAMPLE / "linkedin" / EXPORT_NAME
TRACKER = SAMPLE / "tracker.xlsx"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    generate_sample(out)
    return out


@pytest.fixture(scope="module")
def cohort():
    return netlytics.load_cohort(SAMPLE / "cohort")


@pytest.fixture(scope="module")
def cohort_summary(cohort):
    return netlytics.summary(cohort).set_index("seeker")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- regeneration -----------------------------------------------------------------------------


def test_committed_sample_equals_a_regeneration(regenerated):
    committed, fresh = _files(SAMPLE), _files(regenerated)
    assert sorted(committed) == sorted(fresh)
    different = [name for name in fresh if fresh[name] != committed[name]]
    assert different == [], "run `netlytics sample data/sample` and commit the result"


def test_regeneration_is_deterministic_and_seed_dependent(tmp_path, regenerated):
    # the same seed twice gives the same bytes (no clock); another seed gives other data
    generate_sample(tmp_path / "again")
    assert _files(tmp_path / "again") == _files(regenerated)
    other = make_story(COHORT[0], seed=7, index=1).tracker.interactions
    same = make_story(COHORT[0], seed=20260101, index=1).tracker.interactions
    assert not other.equals(same)


def test_sample_is_small_and_complete():
    files = _files(SAMPLE)
    assert sum(len(b) for b in files.values()) < 3 * 1024 * 1024
    assert {
        "README.md",
        "tracker.xlsx",
        "template.xlsx",
        f"linkedin/{EXPORT_NAME}",
        "cohort/README.txt",
    } <= set(files)
    clients = {name.split("/")[1] for name in files if name.startswith("cohort/client-")}
    assert len({c.split(".")[0] for c in clients}) == 12
    subfolders_with_export = {
        n.split("/")[1] for n in files if n.startswith("cohort/client-") and n.endswith(".zip")
    }
    assert len(subfolders_with_export) >= 2
    assert any(n.startswith("cohort/client-") and n.count("/") == 1 and n.endswith(".csv") for n in files)


# --- the LinkedIn export --------------------------------------------------------------------------


def test_export_has_the_2026_files():
    with zipfile.ZipFile(EXPORT) as zf:
        names = set(zf.namelist())
        connections = zf.read("Connections.csv").decode("utf-8")
        messages = pd.read_csv(io.BytesIO(zf.read("messages.csv")))
    assert {
        "Profile.csv",
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
        "Endorsement_Given_Info.csv",
        "Endorsement_Received_Info.csv",
        "Recommendations_Given.csv",
        "Recommendations_Received.csv",
        "Jobs/Job Applications.csv",
    } <= names
    assert connections.startswith("Notes:\n")
    assert "%C3%" in connections  # non-ASCII slugs are percent-encoded, as LinkedIn writes them
    assert list(messages.columns)[-3:] == ["ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
    assert 600 <= len(messages) <= 1200


def test_export_loads_with_its_owner_and_leaves_out_the_draft_and_the_ad():
    data = netlytics.load(EXPORT)
    data.validate()
    assert data.seekers == ["Robin Example"]
    assert len(data.problems) == 0
    reasons = " ".join(data.excluded["reason"])
    assert "draft" in reasons and "sponsored" in reasons
    assert set(data.interactions["origin"]) == {"linkedin"}


# --- the tracker and the template ----------------------------------------------------------------


def test_tracker_loads_cleanly():
    data = netlytics.load(TRACKER)
    data.validate()
    assert data.seekers == ["Robin Example"]
    assert len(data.problems) == 0
    ix = data.interactions
    assert 400 <= len(ix) <= 800
    # every tracker ingredient the brief asks for is there
    assert {"in_person", "video", "phone", "email", "text", "other"} <= set(ix["channel"])
    gifts = ix[ix["kind"].isin(schema.GIFT_KINDS)]
    assert {
        (k, d) for k in ("lead", "referral", "introduction", "help") for d in ("inbound", "outbound")
    } <= set(zip(gifts["kind"], gifts["direction"], strict=True))
    assert (ix["kind"] == "thank_you").sum() > 20
    assert ix["ref"].notna().sum() > 5 and ix["introduced"].notna().sum() > 2
    assert ix["at"].between(START, AS_OF).all()
    assert {"online", "referral", "network"} <= set(data.applications["via"])


def test_export_and_tracker_merge_people_spelled_differently():
    export, tracker = netlytics.load(EXPORT), netlytics.load(TRACKER)
    both = netlytics.load([EXPORT, TRACKER])
    both.validate()
    assert both.seekers == ["Robin Example"]
    # tracker people are matched to export people, not added twice
    assert len(both.contacts) < len(export.contacts) + len(tracker.contacts) - 40
    assert len(both.interactions) == len(export.interactions) + len(tracker.interactions)
    assert len(both.applications) == 40
    assert 100 <= len(both.contacts) <= 140


def test_template_is_empty_documented_and_validated():
    wb = load_workbook(SAMPLE / "template.xlsx")
    assert wb.sheetnames == ["interactions", "contacts", "applications", "Data dictionary"]
    ws = wb["interactions"]
    headers = [c.value for c in ws[1]]
    assert headers[:10] == ["interaction_id", "at", "contact", "channel", "direction", "kind", "ref", "company",
                            "introduced", "notes"]  # fmt: skip
    assert ws.max_row == 1  # no rows, header in row 1
    assert all(c.comment is not None and c.comment.text for c in ws[1])
    assert ws.freeze_panes == "A2"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["D2"] == '"' + ",".join(schema.CHANNELS) + '"'
    assert lists["E2"] == '"' + ",".join(schema.DIRECTIONS) + '"'
    assert lists["F2"] == '"' + ",".join(schema.KINDS) + '"'
    app_lists = [dv.formula1 for dv in wb["applications"].data_validations.dataValidation]
    assert (
        '"' + ",".join(schema.VIAS) + '"' in app_lists and '"' + ",".join(schema.STATUSES) + '"' in app_lists
    )
    dictionary = list(wb["Data dictionary"].values)
    assert len(dictionary) - 1 == (data_dictionary()["layer"] == "tracker").sum()
    # the empty template loads as an empty tracker
    empty = netlytics.load(SAMPLE / "template.xlsx")
    assert (
        len(empty.interactions) == len(empty.contacts) == len(empty.applications) == len(empty.problems) == 0
    )


def test_workbook_bytes_do_not_depend_on_the_clock(tmp_path):
    a = write_tracker(tmp_path / "a.xlsx").read_bytes()
    b = write_tracker(tmp_path / "b.xlsx").read_bytes()
    assert a == b == (SAMPLE / "template.xlsx").read_bytes()


def test_formula_like_cells_round_trip_as_text(tmp_path):
    ix = pd.DataFrame(
        {
            "interaction_id": ["I1", "I2"],
            "at": pd.to_datetime(["2026-03-02 14:30", "2026-03-03 09:00"]),
            "contact": ["Ada Sample", "Ada Sample"],
            "channel": ["in_person", "email"],
            "direction": ["outbound", "outbound"],
            "kind": ["meeting", "thank_you"],
            "company": ['=HYPERLINK("http://x.example")', "@Acme Analytics"],
            "notes": ["+ great chat", "- sent"],
        }
    )
    for col in ("ref", "introduced", "seeker"):
        ix[col] = None
    xlsx = write_tracker(tmp_path / "t.xlsx", interactions=ix)
    cells = list(load_workbook(xlsx)["interactions"].iter_rows(min_row=2, values_only=False))
    company = [row[7] for row in cells]
    assert [c.data_type for c in company] == ["s", "s"]  # text cells, never formulas
    csv_path = write_csv(tmp_path / "interactions.csv", ix, table="interactions")
    assert "'=HYPERLINK" in csv_path.read_text()
    for path in (xlsx, csv_path):
        loaded = netlytics.load(path, seeker="Ana")
        assert loaded.interactions["company"].tolist() == [
            '=HYPERLINK("http://x.example")',
            "@Acme Analytics",
        ]


# --- the cohort and its story ---------------------------------------------------------------------


def test_cohort_loads_twelve_clients(cohort):
    cohort.validate()
    assert len(cohort.seekers) == 12
    assert len(cohort.problems) == 0
    assert not cohort.sources["source"].str.contains("README", na=False).any()
    per = cohort.interactions.groupby("seeker").size()
    assert per.between(100, 600).all()
    contacts = cohort.contacts.groupby("seeker").size()
    assert contacts.between(20, 70).all()


def _row(summary: pd.DataFrame, slug: str) -> pd.Series:
    match = [s for s in summary.index if slug in s.lower()]
    assert len(match) == 1, (slug, list(summary.index))
    return summary.loc[match[0]]


# client slug -> the statuses its story must produce (mistake columns not listed must be ok)
EXPECTED = {
    "avery": {"channel": "mistake"},
    "blake": {"priority": "mistake"},
    "casey": {"priority": "mistake"},
    "devon": {"giving": "mistake"},
    "emerson": {"follow_up": "mistake"},
    "finley": {},
    "harper": {},
    "jordan": {"channel": "mistake", "follow_up": "mistake"},
    "kai": {"priority": "mistake"},
    "logan": {},
    "morgan": {"giving": "mistake"},
    "riley": {},
}


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_each_client_shows_its_habit_and_only_it(cohort_summary, slug):
    row = _row(cohort_summary, slug)
    expected = {m: EXPECTED[slug].get(m, "ok") for m in schema.MISTAKES}
    assert {m: row[f"{m}_status"] for m in schema.MISTAKES} == expected
    assert row["touches"] >= 5
    assert row[["thank_you_n", "lead_n", "reply_n"]].sum() >= 5


def test_habits_are_unmistakable_in_the_numbers(cohort_summary):
    s = cohort_summary
    assert _row(s, "avery")["written_share"] > 0.7
    assert _row(s, "jordan")["written_share"] > 0.7
    for slug in ("blake", "kai"):
        assert _row(s, slug)["active_week_share"] <= 3 / 8
        assert _row(s, slug)["longest_gap_days"] >= 14
    casey = _row(s, "casey")
    assert casey["applications"] >= 15 and casey["networked_share"] < 0.25
    for slug in ("devon", "morgan"):
        assert _row(s, slug)["give_share"] == 0
        assert _row(s, slug)["take_only_contacts"] >= 10
    for slug in ("emerson", "jordan"):
        assert _row(s, slug)["thank_you_on_time_share"] < 0.5
    for slug in ("finley", "harper", "logan", "riley"):
        good = _row(s, slug)
        assert good["written_share"] <= 0.4 and good["active_week_share"] == 1
        assert good["give_share"] >= 0.4 and good["thank_you_open_loops"] == 0


def test_robin_changes_after_coaching():
    data = netlytics.load([EXPORT, TRACKER])
    touches = netlytics.touches(data)
    written = touches["channel"].isin(schema.WRITTEN_CHANNELS)
    before = written[touches["at"] < pd.Timestamp("2026-01-05", tz="UTC")].mean()
    after = written[touches["at"] >= pd.Timestamp("2026-01-05", tz="UTC")].mean()
    assert before > 0.75 and after < before - 0.1
    gifts = data.interactions[data.interactions["kind"].isin(schema.GIFT_KINDS)]
    given = gifts[gifts["direction"] == "outbound"]
    assert (given["at"] >= pd.Timestamp("2026-01-05", tz="UTC")).mean() > 0.6


# --- people are fictional -----------------------------------------------------------------------


def test_people_and_companies_are_obviously_fictional():
    pool = people_pool()
    assert pool["email"].str.endswith(".example").all()
    assert pool["last_name"].isin(["Example", "Sample", "Placeholder", "Testwood", "Mockford", "Fakeley",
                                   "Dummyson", "Stubbs", "Fixture", "Lorem", "Ipsum", "Doe"]).all()  # fmt: skip
    assert pool["profile_url"].str.startswith("https://www.linkedin.com/in/").all()
    assert (~pool["profile_url"].str.isascii()).any()  # a few non-ASCII slugs
    assert ROBIN.name == "Robin Example"


# --- docs and command line ----------------------------------------------------------------------


def test_data_dictionary_doc_is_in_step_with_the_schema():
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert dictionary_markdown() in text


def test_cli_writes_the_sample(tmp_path):
    app = typer.Typer()
    sample_cli.register(app)

    @app.callback()
    def _root() -> None:
        """netlytics."""

    result = CliRunner().invoke(app, ["sample", str(tmp_path / "out"), "--seed", "20260101"])
    assert result.exit_code == 0, result.output
    assert "Wrote 24 files" in result.output
    # the command as the README writes it regenerates the committed sample byte for byte
    assert _files(tmp_path / "out") == _files(SAMPLE)


def test_workbooks_do_not_depend_on_lxml(tmp_path):
    # openpyxl serialises with lxml when it is installed; the sample's bytes must not change
    import subprocess
    import sys

    code = (
        "import sys; from netlytics.sample.template import write_tracker; "
        "from netlytics.sample.story import ROBIN, make_story; t = make_story(ROBIN, seed=20260101).tracker; "
        "write_tracker(sys.argv[1], contacts=t.contacts, interactions=t.interactions, applications=t.applications)"
    )
    for flag in ("True", "False"):
        env = {**__import__("os").environ, "OPENPYXL_LXML": flag, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / f"{flag}.xlsx")], check=True, env=env)
    assert (
        (tmp_path / "True.xlsx").read_bytes()
        == (tmp_path / "False.xlsx").read_bytes()
        == TRACKER.read_bytes()
    )
