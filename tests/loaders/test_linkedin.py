"""LinkedIn export loader: every era, every file, nothing lost."""

from __future__ import annotations

import warnings
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlytics.errors import InputError, NetlyticsError, ResavedFileWarning
from netlytics.loaders import linkedin
from netlytics.loaders.linkedin import load_export, parse_export, sniff
from netlytics.sample.linkedin_writer import ERAS, render_export
from tests.fixtures.linkedin_eras import (
    EXPECTED,
    OWNER_URL,
    URLS,
    resave_excel,
    silent_owner_spec,
    spec,
    write_era,
)


def _reasons(data, source_suffix):
    ex = data.excluded[data.excluded["source"].str.endswith(source_suffix)]
    return ex["reason"].value_counts().to_dict()


def _kind(data, kind, direction=None):
    i = data.interactions
    m = i["kind"] == kind
    if direction:
        m &= i["direction"] == direction
    return int(m.sum())


@pytest.fixture(scope="module", params=ERAS)
def era_data(request, tmp_path_factory):
    era = request.param
    path = write_era(tmp_path_factory.mktemp(f"era{era}"), era)
    return era, load_export(path)


def test_every_era_known_counts(era_data):
    era, data = era_data
    exp = EXPECTED[era]
    data.validate()
    assert data.seekers == ["Ada Quill"]
    li_contacts = data.contacts[data.contacts["source"].str.endswith("Connections.csv")]
    assert len(li_contacts) == exp["contacts_from_connections"]
    ghosts = data.excluded["reason"].str.startswith("ghost connection").sum()
    assert ghosts == exp["ghosts"]
    assert _kind(data, "message", "outbound") == exp["sent"]
    assert _kind(data, "message", "inbound") == exp["received"]
    msg_file = "Messages.csv" if era == "2018" else "messages.csv"
    reasons = _reasons(data, ":" + msg_file)
    found = {}
    for key in exp["message_reasons"]:
        found[key] = sum(n for r, n in reasons.items() if key.lower() in r.lower())
    assert found == exp["message_reasons"]
    assert sum(reasons.values()) == exp["messages_read"] - exp["sent"] - exp["received"]
    assert len(_reasons(data, "learning_coach_messages.csv")) == (1 if exp["coach_excluded"] else 0)
    assert _kind(data, "invitation") == exp["invitations"]
    assert _kind(data, "invitation", "outbound") == exp["invitations_outbound"]
    assert _kind(data, "endorsement", "outbound") == exp["endorsements_given_acts"]
    assert _kind(data, "endorsement", "inbound") == exp["endorsements_received_acts"]
    assert _kind(data, "recommendation", "outbound") == exp["recommendations_given"]
    assert _kind(data, "recommendation", "inbound") == exp["recommendations_received"]
    assert len(data.applications) == exp["applications"]
    assert set(data.applications["via"]) == {"online"}
    assert len(data.follows) == exp["follows"]
    assert len(data.events) == exp["events"]
    assert set(data.interactions["origin"]) == {"linkedin"}
    assert set(data.interactions["channel"]) == {"linkedin"}
    assert len(data.problems) == 0


def test_accounting_adds_up(era_data):
    _, data = era_data
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
    inter = inv[inv["table"] == "interactions"]
    # every interaction row is loaded from one of those sources
    assert inter["loaded"].sum() == len(data.interactions)


def test_one_person_one_id_across_files(era_data):
    era, data = era_data
    i = data.interactions
    zoe = URLS["zoe"] if era not in ("2018", "2021") else "name:zoe example"
    # Zoë: 3 messages + 1 endorsement act (none in 2018: no given file)
    assert (i["contact_id"] == zoe).sum() == (3 if era == "2018" else 4)
    # Bram ("Doe, MBA"): 2 messages, recommendation received, endorsements given
    bram = data.contacts.loc[data.contacts["name"] == "Bram Doe, MBA", "contact_id"].item()
    assert (i["contact_id"] == bram).sum() == 3 + (0 if era == "2018" else 2)
    # every interaction with a contact refers to a contact row
    assert i["contact_id"].dropna().isin(data.contacts["contact_id"]).all()
    assert data.contacts["contact_id"].is_unique


def test_surname_na_is_kept(era_data):
    _, data = era_data
    assert "Cleo NA" in data.contacts["name"].tolist()


def test_percent_encoded_and_raw_slug_join():
    files = render_export(spec(), era="2025")
    assert b"zo%C3%AB-example" in files["Connections.csv"]
    assert "zoë-example".encode() in files["messages.csv"]
    data = parse_export(files)
    ids = data.contacts.loc[data.contacts["name"] == "Zoë Example", "contact_id"]
    assert ids.tolist() == [URLS["zoe"]]


def test_interaction_ids_and_rows_2026_multiline(tmp_path):
    files = render_export(spec(), era="2026")
    text = files["messages.csv"].decode()
    assert text.startswith('"CONVERSATION ID","CONVERSATION TITLE"')
    assert "Hi Zoë,\nshall we meet?" in text
    data = parse_export(files, content=True)
    row = data.interactions[data.interactions["content"] == "Hi Zoë,\nshall we meet?"]
    assert len(row) == 1
    # the row's physical line holds the start of the record
    line = int(row["source_row"].item())
    assert text.split("\n")[line - 1].endswith('"Hi Zoë,')
    assert row["interaction_id"].item() == f"li:messages:{line}"
    assert data.interactions["interaction_id"].is_unique


def test_content_off_by_default():
    data = parse_export(render_export(spec(), era="2025"))
    assert "content" not in data.interactions.columns


def test_owner_detection_from_messages_when_owner_sent_nothing():
    data = parse_export(render_export(silent_owner_spec(), era="2023"))
    msgs = data.interactions[data.interactions["kind"] == "message"]
    assert (msgs["direction"] == "inbound").all() and len(msgs) == 3
    note = data.notes.loc[data.notes["topic"] == "owner", "note"].item()
    assert OWNER_URL in note  # found as the recipient of every row


def test_owner_sent_nothing_pre_2023():
    data = parse_export(render_export(silent_owner_spec(), era="2021"))
    msgs = data.interactions[data.interactions["kind"] == "message"]
    assert (msgs["direction"] == "inbound").all() and len(msgs) == 3
    note = data.notes.loc[data.notes["topic"] == "owner", "note"].item()
    assert "could not be found" in note


def test_owner_from_invitations_wins():
    data = parse_export(render_export(spec(), era="2025"))
    note = data.notes.loc[data.notes["topic"] == "owner", "note"].item()
    assert "Invitations.csv" in note and OWNER_URL in note


def test_coverage_note():
    data = parse_export(render_export(spec(), era="2025"))
    note = data.notes.loc[data.notes["topic"] == "coverage", "note"].item()
    # invitations from 2024-07-14 to 2025-02-20: 221 days
    assert "221 days" in note and "2024-07-14" in note and "2025-02-20" in note


def test_group_thread_counterpart_is_first_recipient():
    data = parse_export(render_export(spec(), era="2025"))
    i = data.interactions
    group = i[(i["kind"] == "message") & (i["at"] == pd.Timestamp("2025-02-09 08:00", tz="UTC"))]
    assert group["contact_id"].tolist() == [URLS["dev"]]


def test_timestamps_are_utc_ns():
    data = parse_export(render_export(spec(), era="2018"))
    assert str(data.interactions["at"].dtype) == "datetime64[ns, UTC]"
    # 2018 M/D/YY dates have no zone: read as UTC
    inv = data.interactions[(data.interactions["kind"] == "invitation")]
    assert pd.Timestamp("2024-08-18 14:05", tz="UTC") in inv["at"].tolist()
    c = data.contacts.set_index("name")
    assert c.loc["Zoë Example", "connected_on"] == pd.Timestamp("2024-03-05", tz="UTC")


def test_folder_and_single_file(tmp_path):
    folder = write_era(tmp_path, "2025", zip_=False)
    assert (folder / "Jobs" / "Job Applications.csv").is_file()
    data = load_export(folder)
    assert len(data.applications) == 3
    assert data.applications["source"].iloc[0] == "Jobs/Job Applications.csv"
    assert sniff(folder) and sniff(folder / "Connections.csv")
    one = load_export(folder / "Connections.csv")
    assert one.seekers == ["Ada Quill"]  # the seeker comes from the Profile.csv beside it
    assert len(one.contacts) == 6 and len(one.interactions) == 0


def test_zip_source_names_and_case_insensitive_match(tmp_path):
    path = tmp_path / "export.zip"
    files = render_export(spec(), era="2025")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr("Basic_LinkedInDataExport_01-02-2025/" + name.upper(), data)
    data = load_export(path)
    assert len(data.applications) == 3
    assert (
        data.applications["source"].iloc[0]
        == "export.zip:Basic_LinkedInDataExport_01-02-2025/JOBS/JOB APPLICATIONS.CSV"
    )


def test_numbered_splits_are_concatenated(tmp_path):
    path = write_era(tmp_path, "2025", split_applications=2)
    names = zipfile.ZipFile(path).namelist()
    assert "Jobs/Job Applications_1.csv" in names and "Jobs/Job Applications_2.csv" in names
    data = load_export(path)
    assert len(data.applications) == 3 and data.applications["application_id"].is_unique


def test_missing_core_column_is_a_file_problem_others_load():
    files = render_export(spec(), era="2025")
    files["Invitations.csv"] = files["Invitations.csv"].replace(b"Direction", "Dirección".encode(), 1)
    data = parse_export(files)
    p = data.problems[data.problems["source"] == "Invitations.csv"]
    assert len(p) == 1 and "Direction" in p["reason"].item() and "Invitations.csv" in p["reason"].item()
    inv = data.inventory().set_index("source")
    assert inv.loc["Invitations.csv", "problems"] == 4 and inv.loc["Invitations.csv", "loaded"] == 0
    assert _kind(data, "message") == 7  # the other files still load


def test_unknown_extra_column_is_ignored():
    files = render_export(spec(), era="2025")
    raw = files["Company Follows.csv"].decode().split("\n")
    raw = [raw[0] + ",Extra"] + [r + ",x" for r in raw[1:]]
    files["Company Follows.csv"] = "\n".join(raw).encode()
    assert len(parse_export(files).follows) == 2


def test_unparseable_date_is_a_row_problem():
    files = render_export(spec(), era="2025")
    files["Events.csv"] = b"Event Name,Event Time,Status,External Url\nMeetup,sometime soon,APPROVED,\n"
    data = parse_export(files)
    p = data.problems.iloc[0]
    assert (p["source"], p["source_row"], p["column"], p["value"]) == (
        "Events.csv",
        2,
        "Event Time",
        "sometime soon",
    )
    assert "expected a range like" in p["reason"]


def test_excel_resaved_connections_load_with_warning():
    files = render_export(spec(), era="2025")
    files["Connections.csv"] = resave_excel(files["Connections.csv"])
    with pytest.warns(ResavedFileWarning, match="Connections.csv"):
        data = parse_export(files)
    c = data.contacts.set_index("name")
    assert c.loc["Zoë Example", "connected_on"] == pd.Timestamp("2024-03-05", tz="UTC")
    assert (data.notes["topic"] == "resaved").sum() == 1
    assert len(data.problems) == 0


def test_legacy_endorsement_file_beside_modern_one_is_excluded():
    files = render_export(spec(), era="2025")
    legacy = render_export(spec(), era="2018")["Endorsement Received Info.csv"]
    files["Endorsement Received Info.csv"] = legacy
    data = parse_export(files)
    assert _kind(data, "endorsement", "inbound") == 2
    assert any("legacy duplicate" in r for r in data.excluded["reason"])


def test_not_an_export_raises(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match="not a LinkedIn export"):
        load_export(tmp_path)
    bad = tmp_path / "x.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("readme.md", "nothing")
    with pytest.raises(NetlyticsError, match="found no file named like an export file"):
        load_export(bad)
    with pytest.raises(InputError):
        load_export(tmp_path / "missing.zip")


def test_registry_has_one_parser_per_file():
    from netlytics.loaders.linkedin import catalogue, messages, parsers

    assert linkedin.PARSERS["connections"] is parsers.parse_connections
    assert linkedin.PARSERS["messages"] is messages.parse_messages
    # every registered file is in the one catalogue, and the catalogue covers FORMATS.md 1.4
    assert all(catalogue.key_of(name) for name in catalogue.KNOWN)
    for name in (
        "Ads Clicked.csv",
        "Reviews.csv",
        "Videos.csv",
        "Calendar.csv",
        "Member Hashtags.csv",
        "Duolingo.csv",
        "LAN Ads Engagement.csv",
        "SearchQueries.csv",
        "Logins.csv",
        "Rich_Media.csv",
    ):
        assert catalogue.is_export_file(name) and not catalogue.is_read(name), name
    assert catalogue.is_read("Jobs/Job Applications_2.csv")
    assert [f.member for f in find_files_from(render_export(spec(), era="2018"))][:1] == ["Profile.csv"]


def find_files_from(files):
    return sorted(
        (linkedin.ExportFile(m, m, lambda d=d: d, *linkedin.catalogue.key_of(m)) for m, d in files.items()),
        key=lambda f: (f.stem != "profile", f.member),
    )


def test_load_dispatch(tmp_path):
    from netlytics.loaders import load

    path = write_era(tmp_path, "2026")
    try:
        data = load(path)
    except ImportError:  # the tracker loader may not exist yet in this checkout
        pytest.skip("netlytics.loaders.tracker not available")
    assert len(data.contacts) == 7


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(era=st.sampled_from(ERAS), drop=st.sets(st.integers(0, 12), max_size=6), content=st.booleans())
def test_property_idempotent_and_accounted(era, drop, content):
    s = spec()
    s.messages = s.messages.drop(index=[d for d in drop if d in s.messages.index]).reset_index(drop=True)
    files = render_export(s, era=era)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = parse_export(files, content=content)
        b = parse_export(files, content=content)
    for name in ("contacts", "interactions", "applications", "excluded", "problems", "sources"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    inv = a.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
    msg = inv[inv["source"].str.lower() == "messages.csv"]
    if len(s.messages):
        assert msg["rows_read"].item() == len(s.messages)
