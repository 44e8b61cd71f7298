"""The LinkedIn export writer on a tiny hand-made export: the bytes of each file, era by era.

Expected lines are written from the era table of ``netlytics/sample/linkedin_writer.py``
(docs/spec/FORMATS.md sections 1-4): sort orders, date spellings, quoting, preamble, BOM.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from netlytics.errors import ParameterError
from netlytics.sample import linkedin_format as fmt
from netlytics.sample.linkedin_writer import (
    CONNECTIONS_PREAMBLE,
    ERAS,
    ExportSpec,
    render_export,
    write_export,
)

LI = "https://www.linkedin.com/in/"


def _spec() -> ExportSpec:
    return ExportSpec(
        "Ada",
        "Quill",
        LI + "ada-quill",
        headline="Analyst",
        owner_email="ada@mail.example",
        connections=pd.DataFrame(
            {
                "first_name": ["Zoë", "Bo", ""],
                "last_name": ["Example", "Sample", ""],
                "url": [LI + "zoë-example", LI + "bo-sample", ""],
                "email": ["", "bo@x.example", ""],
                "company": ["Acme, Inc.", "Globex", ""],
                "position": ["Engineer", "Recruiter", ""],
                "connected_on": ["2025-01-31", "2025-03-02", "2024-01-01"],
            }
        ),
        messages=pd.DataFrame(
            {
                "conversation_id": ["c1", "c1", "c2"],
                "conversation_title": ["", "", ""],
                "from_name": ["Ada Quill", "Bo Sample", "Ada Quill"],
                "sender_url": [LI + "ada-quill", LI + "bo-sample", LI + "ada-quill"],
                "to_names": ["Bo Sample", "Ada Quill", ["Zoë Example"]],
                "recipient_urls": [LI + "bo-sample", LI + "ada-quill", [LI + "zoë-example"]],
                "at": ["2025-03-03 09:00", "2025-03-04 18:30", "2025-03-05 12:00"],
                "subject": ["", "", ""],
                "content": ["Hi Bo,\nlunch?", "Yes!", "Draft"],
                "folder": ["INBOX", "INBOX", ""],
                "is_draft": [False, False, True],
            }
        ),
        invitations=pd.DataFrame(
            {
                "from_name": ["Zoë Example", "Ada Quill"],
                "to_name": ["Ada Quill", "Bo Sample"],
                "at": ["2025-01-30 08:00", "2025-03-01 10:00"],
                "message": ["", "Hello\nthere"],
                "direction": ["INCOMING", "OUTGOING"],
                "inviter_url": [LI + "zoë-example", LI + "ada-quill"],
                "invitee_url": [LI + "ada-quill", LI + "bo-sample"],
            }
        ),
        endorsements_received=pd.DataFrame(
            {
                "first_name": ["Bo"],
                "last_name": ["Sample"],
                "url": [LI + "bo-sample"],
                "skill": ["SQL"],
                "at": ["2024-12-14 08:57:55"],
            }
        ),  # fmt: skip
        endorsements_given=pd.DataFrame(
            {
                "first_name": ["Bo"],
                "last_name": ["Sample"],
                "url": [LI + "bo-sample"],
                "skill": ["Python"],
                "at": ["2024-12-15 10:00:00"],
            }
        ),  # fmt: skip
        recommendations_given=pd.DataFrame(
            {
                "first_name": ["Bo"],
                "last_name": ["Sample"],
                "company": ["Globex"],
                "job_title": ["Recruiter"],
                "text": ["Great\nwork"],
                "at": ["2024-04-05 21:25"],
            }
        ),  # fmt: skip
        job_applications=pd.DataFrame(
            {
                "at": ["2025-02-01 10:00", "2025-02-03 11:00", "2025-02-02 09:00"],
                "company": ["Acme", "Initech", "Hooli"],
                "job_title": ["Analyst", "BI Dev", "PM"],
                "job_url": ["u1", "u2", "u3"],
            }
        ),  # fmt: skip
        company_follows=pd.DataFrame({"organization": ["Acme"], "at": ["2024-12-14 08:57:55"]}),
        events=pd.DataFrame(
            {
                "name": ["Meetup"],
                "starts_at": ["2022-09-23 12:00"],
                "ends_at": ["2022-09-23 13:30"],
                "status": ["Attended"],
                "url": ["https://e.example"],
            }
        ),  # fmt: skip
    )


@pytest.fixture(scope="module")
def files() -> dict[str, dict[str, bytes]]:
    spec = _spec()
    return {era: render_export(spec, era=era) for era in ERAS}


def test_file_names_per_era(files):
    assert sorted(files["2018"]) == [
        "Company Follows.csv", "Connections.csv", "Endorsement Received Info.csv", "Events.csv",
        "Invitations.csv", "Jobs/Job Applications.csv", "Messages.csv", "Profile.csv",
        "Recommendations Given.csv",
    ]  # fmt: skip
    # 2018 knows no Endorsement_Given_Info.csv; later eras use underscores and lower-case messages
    assert {"Endorsement_Given_Info.csv", "Endorsement_Received_Info.csv", "messages.csv",
            "Recommendations_Given.csv"} <= set(files["2021"])  # fmt: skip


def test_connections_newest_first_with_ghost_row_and_era_dates(files):
    c2018 = files["2018"]["Connections.csv"].decode()
    assert c2018.splitlines() == [
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        'Bo,Sample,bo@x.example,Globex,Recruiter,"3/2/25, 12:00 AM"',
        'Zoë,Example,,"Acme, Inc.",Engineer,"1/31/25, 12:00 AM"',
        ',,,,,"1/1/24, 12:00 AM"',
    ]
    assert not c2018.endswith("\n")
    c2021 = files["2021"]["Connections.csv"].decode()
    assert c2021.startswith(CONNECTIONS_PREAMBLE)
    assert (
        c2021[len(CONNECTIONS_PREAMBLE) :].splitlines()[1]
        == "Bo,Sample,bo@x.example,Globex,Recruiter,02 Mar 2025"
    )
    c2023 = files["2023"]["Connections.csv"].decode()[len(CONNECTIONS_PREAMBLE) :].splitlines()
    assert c2023[0] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    assert (
        c2023[2]
        == 'Zoë,Example,https://www.linkedin.com/in/zo%C3%AB-example,,"Acme, Inc.",Engineer,31 Jan 2025'
    )
    assert c2023[3] == ",,,,,,01 Jan 2024"


def test_messages_by_conversation_and_era(files):
    m2018 = files["2018"]["Messages.csv"].decode().splitlines()
    assert m2018 == [
        "From,To,Date,Subject,Content,Direction,Folder",
        'Ada Quill,Zoë Example,"3/5/25, 12:00 PM",,Draft,OUTGOING,',  # a draft keeps its empty folder
        'Bo Sample,Ada Quill,"3/4/25, 6:30 PM",,Yes!,INCOMING,INBOX',
        'Ada Quill,Bo Sample,"3/3/25, 9:00 AM",,"Hi Bo, lunch?",OUTGOING,SENT',
    ]
    m2021 = files["2021"]["messages.csv"].decode().splitlines()
    assert (
        m2021[0]
        == "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"
    )
    assert (
        m2021[3]
        == 'c1,,Ada Quill,https://www.linkedin.com/in/ada-quill,Bo Sample,2025-03-03 09:00:00 UTC,,"Hi Bo, lunch?",INBOX'
    )
    assert "IS MESSAGE DRAFT" in files["2025"]["messages.csv"].decode().splitlines()[0]
    m2026 = files["2026"]["messages.csv"].decode()
    assert m2026.splitlines()[0].endswith('"ATTACHMENTS","IS MESSAGE DRAFT","IS CONVERSATION DRAFT"')
    assert '"Draft","","","Yes","Yes"\n' in m2026
    assert '"Hi Bo,\nlunch?","INBOX","","No","No"\n' in m2026  # real newlines in 2026 only


def test_invitations_outgoing_first_and_era_columns(files):
    assert files["2021"]["Invitations.csv"].decode().splitlines() == [
        "From,To,Sent At,Message,Direction",
        'Ada Quill,Bo Sample,"3/1/25, 10:00 AM",Hello there,OUTGOING',
        'Zoë Example,Ada Quill,"1/30/25, 8:00 AM",,INCOMING',
    ]
    header_2023 = files["2023"]["Invitations.csv"].decode().splitlines()[0]
    assert header_2023.endswith("inviterProfileUrn,inviteeProfileUrn")
    row = files["2023"]["Invitations.csv"].decode().splitlines()[1].split(",")
    assert all(u.startswith("urn:li:member:") and len(u) == len("urn:li:member:") + 9 for u in row[-2:])
    assert (
        files["2026"]["Invitations.csv"].decode().splitlines()[2].endswith(f"{LI}zoë-example,{LI}ada-quill")
    )


def test_endorsements_2018_are_utf16_tab_separated_and_quoted(files):
    raw = files["2018"]["Endorsement Received Info.csv"]
    assert raw[:2] == b"\xff\xfe"
    assert raw[2:].decode("utf-16-le").splitlines() == [
        '"Endorsement Date"\t"Skill Name"\t"Endorser First Name"\t"Endorser Last Name"\t"Endorsement Status"\t"Display Status"',
        '"2024/12/14 08:57:55 UTC"\t"SQL"\t"Bo"\t"Sample"\t"Accepted"\t"Show"',
    ]
    assert files["2021"]["Endorsement_Given_Info.csv"].decode().splitlines() == [
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsement Status",
        "2024/12/15 10:00:00 UTC,Python,Bo,Sample,ACCEPTED",
    ]
    assert files["2023"]["Endorsement_Received_Info.csv"].decode().splitlines()[1] == (
        "2024/12/14 08:57:55 UTC,SQL,Bo,Sample,www.linkedin.com/in/bo-sample,ACCEPTED"
    )


def test_recommendations_profile_follows_events(files):
    assert files["2026"]["Recommendations_Given.csv"].decode().splitlines()[1] == (
        'Bo,Sample,Globex,Recruiter,Great work,"04/05/24, 09:25 PM",'
    )
    assert files["2026"]["Profile.csv"].decode().splitlines()[1] == "Ada,Quill,,,,Analyst,,,,,,,"
    assert files["2018"]["Profile.csv"].decode().splitlines()[1] == "Ada,Quill,,,,,Analyst,,,,,,,,"
    assert (
        files["2026"]["Company Follows.csv"] == b"Organization,Followed On\nAcme,Sat Dec 14 08:57:55 UTC 2024"
    )
    assert files["2026"]["Events.csv"].decode().splitlines()[1] == (
        'Meetup,"Sep 23, 2022 12:00 PM - Sep 23, 2022 1:30 PM",Attended,https://e.example'
    )


def test_job_applications_newest_first_and_split():
    spec = _spec()
    whole = render_export(spec, era="2026")["Jobs/Job Applications.csv"].decode().splitlines()
    assert [line.split(",")[-3] for line in whole[1:]] == ["u2", "u3", "u1"]
    assert whole[1] == '"2/3/25, 11:00 AM",ada@mail.example, +1 555 0100,Initech,BI Dev,u2,,'
    parts = render_export(spec, era="2026", split_applications=2)
    assert "Jobs/Job Applications.csv" not in parts
    assert [len(parts[f"Jobs/Job Applications_{i}.csv"].decode().splitlines()) for i in (1, 2)] == [3, 2]


def test_zip_is_deterministic_sorted_and_folder_has_the_same_bytes(tmp_path):
    spec = _spec()
    a = write_export(tmp_path / "a.zip", spec).read_bytes()
    b = write_export(tmp_path / "b.zip", spec).read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
        members = {i.filename: zf.read(i) for i in infos}
    folder = write_export(tmp_path / "folder", spec)
    assert {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    } == members


def test_bad_input_is_named():
    with pytest.raises(ParameterError, match="era"):
        render_export(_spec(), era="2019")
    spec = ExportSpec("Ada", "Quill", LI + "ada", connections=pd.DataFrame({"first_name": ["Bo"]}))
    with pytest.raises(ParameterError, match=r"ExportSpec.connections is missing column"):
        render_export(spec)


@pytest.mark.parametrize(
    ("func", "value", "expected"),
    [
        (fmt.mdy, "2024-04-05 00:05", "4/5/24, 12:05 AM"),  # midnight is 12 AM
        (fmt.mdy, "2024-04-05 12:00", "4/5/24, 12:00 PM"),  # noon is 12 PM
        (fmt.dmy, "2024-12-06", "06 Dec 2024"),
        (fmt.java_date, "2024-12-14 08:57:55", "Sat Dec 14 08:57:55 UTC 2024"),
        (fmt.event_time, "2022-09-23 00:30", "Sep 23, 2022 12:30 AM"),
        (fmt.mdy, None, ""),
        (fmt.dmy, None, ""),
    ],
)
def test_date_spellings(func, value, expected):
    assert func(pd.Series([value])).tolist() == [expected]


def test_zone_aware_times_are_written_in_utc():
    at = pd.Series([pd.Timestamp("2025-03-03 10:00", tz="Europe/Paris")])
    assert fmt.strftime(at, "%Y-%m-%d %H:%M:%S UTC").tolist() == ["2025-03-03 09:00:00 UTC"]
