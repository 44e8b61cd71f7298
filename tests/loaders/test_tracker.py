"""Tests for netlytics.loaders.tracker: messy human trackers, aliases, mappings, validation.

Every workbook is written here with openpyxl; the people are fictional.
"""

import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import PatternFill

from netlytics import aliases, schema
from netlytics.errors import FormatError, MappingError
from netlytics.loaders import load
from netlytics.loaders.tracker import is_tracker_file, load_tracker, read_mapping, sniff
from tests.fixtures.books import workbook

AS_OF = "2025-02-01"
ZOE = "https://www.linkedin.com/in/zoe-quill-example"


def ts(text):
    return pd.Timestamp(text, tz="UTC")


def plain(s):
    """A column or frame with nulls as None, for exact comparisons."""
    return s.astype(object).where(s.notna(), None)


@pytest.fixture
def messy(tmp_path):
    """A tracker as people write them: odd headers, a title row, colours, bad rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "My network"  # not a canonical sheet name: recognised from the alias table
    ws.append(["Full Name", "Organization", "Job Title", "E-mail", "LinkedIn", "Date connected", "Salary"])
    ws.append(
        [
            "Zoë Quill-Example",
            "Acme Widgets Inc.",
            "Data Lead",
            "zoe.quill@example.org",
            "linkedin.com/in/zoe-quill-example/",
            dt.date(2024, 11, 2),
            "",
        ]
    )  # row 2: fine
    ws.append(["Barnaby Testwell", "Globex", "Recruiter", "", "", "02/11/2024", ""])  # row 3: ambiguous date
    ws.append(["", "", "", "", "", "", ""])  # row 4: blank, not a data row
    ws.append(["Cyrus Fakename", "Initech", "", "not-an-email", "", "", ""])  # row 5: bad e-mail
    log = wb.create_sheet("Outreach log")
    log.append(["My networking tracker 2025"])  # title row
    log.append([])
    log.append(
        ["#", "Date of contact", "Who", "How", "Who started", "Purpose", "Re", "About", "Notes", "Chanel"]
    )
    rows = [
        [1, dt.date(2025, 1, 6), "Zoë Quill-Example", "coffee", "me", "", "", "", "great chat", ""],  # 4
        [
            2,
            "07/01/2025",
            "zoe.quill@example.org",
            "Gmail",
            "",
            "thank-you note",
            1,
            "",
            "",
            "",
        ],  # 5 ambiguous
        [3, "2025-01-10", "Barnaby Testwell", "Zoom", "they did", "got a lead", "", "", "", ""],  # 6
        [4, "13/01/2025", "Barnaby Testwell", "carrier pigeon", "I did", "follow up", 3, "", "", ""],  # 7
        [5, "2025-01-14", "", "LinkedIn message", "sent", "", "", "", "", ""],  # 8 no contact
        [3, "2025-01-15", "Barnaby Testwell", "phone", "", "", "", "", "", ""],  # 9 duplicate id 3
        [7, "2025-01-16", "Barnaby Testwell", "email", "", "", 99, "", "", ""],  # 10 ref nowhere
        [8, "2099-01-01", "Nadia Imaginary", "sms", "", "", "", "", "", ""],  # 11 future
        [9, 45678, "Barnaby Testwell", "text", "them", "introduced me", "", "Olu Placeholder", "", ""],  # 12
        [10, "16 Jan 2025", ZOE, "face to face", "", "informational interview", "", "", "", ""],  # 13
    ]
    for r in rows:
        log.append(r)
    log["A6"].fill = PatternFill("solid", fgColor="FFFF00")  # colour-coded row: ignored
    dd = wb.create_sheet("Data dictionary")
    dd.append(["Field", "Meaning"])
    dd.append(["Who", "the person"])
    apps = wb.create_sheet("Jobs")
    apps.append(["Company", "Job title", "Date applied", "Applied via", "Referred by", "Stage"])
    apps.append(
        ["Acme Widgets", "Analyst", "2025-01-20", "referral", "Zoë Quill-Example", "phone screen"]
    )  # 2
    apps.append(["Globex", "Engineer", "2025-01-21", "Easy Apply", "", "ghosted"])  # 3
    apps.append(["Hooli", "PM", "", "", "", "maybe"])  # 4: no date, unknown status
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    return path


def test_messy_problems_exact(messy):
    data = load_tracker(messy, future_after=AS_OF)
    p = data.problems[["source", "source_row", "column", "value"]]
    assert p.to_dict("records") == [
        {"source": "messy.xlsx:My network", "source_row": 3, "column": "connected_on", "value": "02/11/2024"},
        {"source": "messy.xlsx:My network", "source_row": 5, "column": "email", "value": "not-an-email"},
        {"source": "messy.xlsx:Outreach log", "source_row": 5, "column": "at", "value": "07/01/2025"},
        {
            "source": "messy.xlsx:Outreach log",
            "source_row": 7,
            "column": "channel",
            "value": "carrier pigeon",
        },
        {"source": "messy.xlsx:Outreach log", "source_row": 8, "column": "contact", "value": ""},
        {"source": "messy.xlsx:Outreach log", "source_row": 9, "column": "interaction_id", "value": "3"},
        {"source": "messy.xlsx:Outreach log", "source_row": 10, "column": "ref", "value": "99"},
        {"source": "messy.xlsx:Outreach log", "source_row": 11, "column": "at", "value": "2099-01-01"},
        {"source": "messy.xlsx:Jobs", "source_row": 4, "column": "applied_at, status", "value": "; maybe"},
    ]
    reasons = data.problems["reason"].tolist()
    assert reasons[0].startswith("ambiguous date: 2 Nov 2024 (day/month) or 11 Feb 2024 (month/day)?")
    assert reasons[3].startswith("unknown channel 'carrier pigeon'; allowed: in_person, video")
    assert reasons[5] == "duplicate interaction_id (first used in row 6)"
    assert reasons[6] == "ref points nowhere: no loaded interaction has this interaction_id"
    assert reasons[8].startswith("missing applied_at: every application needs a date; unknown status 'maybe'")
    assert set(data.problems["seeker"]) == {"messy"}


def test_messy_loaded_rows(messy):
    data = load_tracker(messy, future_after=AS_OF)
    data.validate()
    i = data.interactions
    assert i["interaction_id"].tolist() == ["1", "3", "9", "10"]
    assert i["source_row"].tolist() == [4, 6, 12, 13]
    # coffee -> in_person + meeting; "they did" + "got a lead"; "introduced me" -> inbound introduction
    assert i["channel"].tolist() == ["in_person", "video", "text", "in_person"]
    assert i["direction"].tolist() == ["outbound", "inbound", "inbound", "outbound"]
    assert i["kind"].tolist() == ["meeting", "lead", "introduction", "meeting"]
    # Zoë by name and by URL resolve to the contacts sheet's URL key
    assert i["contact_id"].tolist() == [ZOE, "name:barnaby testwell", "name:barnaby testwell", ZOE]
    assert i["introduced"].tolist()[2] == "name:olu placeholder"
    # 45678 is an Excel serial: 2025-01-21
    assert i["at"].tolist()[2] == ts("2025-01-21")
    assert set(i["origin"]) == {"tracker"} and set(i["source"]) == {"messy.xlsx:Outreach log"}
    a = data.applications
    assert plain(a[["company", "via", "status", "contact_id"]]).to_dict("records") == [
        {"company": "Acme Widgets", "via": "referral", "status": "interview", "contact_id": ZOE},
        {"company": "Globex", "via": "online", "status": "no_response", "contact_id": None},
    ]
    assert a["application_id"].tolist() == ["messy.xlsx:Jobs#2", "messy.xlsx:Jobs#3"]
    # Barnaby's contact row had a problem, so he (and Olu) became contacts of their own;
    # Nadia's only row was a problem, so she is not a contact
    assert sorted(data.contacts["contact_id"]) == sorted(
        [ZOE, "name:barnaby testwell", "name:olu placeholder"]
    )


def test_messy_accounting_and_notes(messy):
    data = load_tracker(messy, future_after=AS_OF)
    src = data.sources.set_index("source")
    assert src.loc["messy.xlsx:My network", ["rows_read", "loaded", "problems"]].tolist() == [3, 1, 2]
    assert src.loc["messy.xlsx:Outreach log", ["rows_read", "loaded", "problems"]].tolist() == [10, 4, 6]
    assert src.loc["messy.xlsx:Jobs", ["rows_read", "loaded", "problems"]].tolist() == [3, 2, 1]
    assert (src["rows_read"] == src["loaded"] + src["excluded"] + src["problems"]).all()
    notes = dict(zip(data.notes["note"], data.notes["topic"], strict=True))
    topics = set(notes.values())
    assert {"header", "columns", "sheets", "contacts", "defaults"} <= topics
    text = " ".join(notes)
    assert "'Chanel' (did you mean 'channel'?)" in text
    assert "sheet 'Data dictionary'" in text
    assert "header is on row 3" in text


def test_dayfirst_and_monthfirst_files(tmp_path):
    rows = [
        ["Date", "Contact", "Channel"],
        ["03/04/2025", "Ann Fictive", "phone"],
        ["25/03/2025", "Ann Fictive", "phone"],
    ]
    day = workbook(tmp_path / "dayfirst.xlsx", {"interactions": rows})
    got = load_tracker(day, dayfirst=True, future_after=AS_OF.replace("02", "06"))
    assert got.interactions["at"].tolist() == [ts("2025-04-03"), ts("2025-03-25")]
    us = [
        ["Date", "Contact", "Channel"],
        ["03/04/2025", "Ann Fictive", "phone"],
        ["03/25/2025", "Ann Fictive", "phone"],
    ]
    month = workbook(tmp_path / "monthfirst.xlsx", {"interactions": us})
    got = load_tracker(month, dayfirst=False, future_after="2025-06-01")
    assert got.interactions["at"].tolist() == [ts("2025-03-04"), ts("2025-03-25")]
    # without dayfirst the first row of each file is ambiguous, the second is not
    for path in (day, month):
        got = load_tracker(path, future_after="2025-06-01")
        assert got.problems["source_row"].tolist() == [2]
        assert len(got.interactions) == 1


def test_alias_heavy_workbook(tmp_path):
    path = workbook(
        tmp_path / "aliases.xlsx",
        {
            "People": [
                ["First name", "Surname", "Employer", "Email address"],
                ["Pia", "Madeup", "Umbrella Ltd", "PIA@example.net"],
            ],
            "Activity": [
                ["When", "Person", "Medium", "Initiated by", "Type", "Follow-up of", "Introduced to", "ID"],
                ["2025-01-02", "pia@example.net", "Teams", "Me", "Informational Interview", "", "", "a"],
                ["2025-01-03", "Pia Madeup", "whatsapp", "", "Thank you", "a", "", "b"],
                ["2025-01-04", "Pia Madeup", "e-mail", "them", "Got a lead", "", "", "c"],
                ["2025-01-05", "Pia Madeup", "LinkedIn message", "", "gave a referral", "c", "", "d"],
                ["2025-01-06", "Pia Madeup", "lunch", "", "", "", "", "e"],
                ["2025-01-07", "Pia Madeup", "SMS", "I did", "made an intro", "", "Quinn Notreal", "f"],
                ["2025-01-08", "", "networking event", "", "", "", "", "g"],
            ],
        },
    )
    data = load_tracker(path, future_after=AS_OF)
    assert data.problems.empty, data.problems
    i = data.interactions
    assert i["channel"].tolist() == ["video", "text", "email", "linkedin", "in_person", "text", "in_person"]
    assert i["kind"].tolist() == [
        "meeting",
        "thank_you",
        "lead",
        "referral",
        "meeting",
        "introduction",
        "event",
    ]
    assert i["direction"].tolist() == [
        "outbound",
        "outbound",
        "inbound",
        "outbound",
        "outbound",
        "outbound",
        "outbound",
    ]
    assert plain(i["ref"]).tolist() == [None, "a", None, "c", None, None, None]
    # e-mail and first+last name both resolve to the People sheet's e-mail key
    assert set(i["contact_id"].dropna()) == {"pia@example.net"}
    assert i["contact_id"].isna().tolist()[-1]  # an event needs no person
    assert i["introduced"].tolist()[5] == "name:quinn notreal"
    assert data.contacts.set_index("contact_id").loc["pia@example.net", "name"] == "Pia Madeup"


def test_mapping_file(tmp_path):
    path = workbook(
        tmp_path / "coach.xlsx",
        {
            "Suivi": [
                ["Quand", "Qui", "Comment", "Sens", "Quoi", "Remarque"],
                ["2025-01-02", "Rémi Inventé", "Café", "moi", "rdv", "x"],
                ["2025-01-03", "Rémi Inventé", "courriel", "lui", "merci", ""],
                ["2025-01-04", "Rémi Inventé", "pigeon", "moi", "rdv", ""],
            ]
        },
    )
    mapping = {
        "description": "French tracker used by a workshop",
        "sheets": {
            "Suivi": {
                "table": "interactions",
                "notes": "ignored key",
                "columns": {
                    "Quand": "at",
                    "Qui": "contact",
                    "Comment": "channel",
                    "Sens": "direction",
                    "Quoi": "kind",
                    "Remarque": "notes",
                },
                "values": {
                    "channel": {"café": "in_person", "COURRIEL": "email"},
                    "direction": {"moi": "outbound", "lui": "inbound"},
                    "kind": {"rdv": "meeting", "merci": "thank_you"},
                },
            }
        },
    }
    mfile = tmp_path / "mapping.json"
    mfile.write_text(json.dumps(mapping), encoding="utf-8")
    data = load_tracker(path, mapping=mfile, future_after=AS_OF)
    i = data.interactions
    assert i[["channel", "direction", "kind"]].to_dict("records") == [
        {"channel": "in_person", "direction": "outbound", "kind": "meeting"},
        {"channel": "email", "direction": "inbound", "kind": "thank_you"},
    ]
    assert set(i["contact_id"]) == {"name:remi invente"}
    assert data.problems["source_row"].tolist() == [4]
    assert not data.notes["note"].str.contains("Remarque").any()  # mapped to notes: not unknown


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"sheet": {}}, r"no 'sheets' key.*Did you mean 'sheets' instead of 'sheet'\?"),
        ({"sheets": []}, r"mapping\['sheets'\]: expected an object"),
        (
            {"sheets": {"Log": {"table": "interaction"}}},
            r"mapping\['sheets'\]\['Log'\]\['table'\].*'interactions'",
        ),
        (
            {"sheets": {"Log": {"table": "interactions", "columns": {"Date": "date"}}}},
            r"\['columns'\]\['Date'\]: 'date' is not a column of interactions",
        ),
        (
            {"sheets": {"Log": {"values": {"channel": {"pigeon": "bird"}}}}},
            r"\['values'\]\['channel'\]\['pigeon'\]: 'bird' is not a channel",
        ),
        (
            {"sheets": {"Log": {"values": {"chanel": {}}}}},
            r"\['values'\]\['chanel'\].*Did you mean 'channel'\?",
        ),
    ],
)
def test_malformed_mapping(mapping, message):
    with pytest.raises(MappingError, match=message):
        read_mapping(mapping)


def test_mapping_bad_json(tmp_path):
    f = tmp_path / "m.json"
    f.write_text("{not json", encoding="utf-8")
    with pytest.raises(MappingError, match="not valid JSON"):
        read_mapping(f)


def test_csv_folder_with_formula_guard(tmp_path):
    folder = tmp_path / "ana-example"
    folder.mkdir()
    (folder / "contacts.csv").write_text(
        "name,company,email\nTeo Fictional,'=Acme,teo@example.org\n", encoding="utf-8"
    )
    (folder / "interactions.csv").write_text(
        "interaction_id,at,contact,channel,direction,kind,ref,company,introduced,notes\n"
        "i1,2025-01-06,Teo Fictional,email,outbound,message,,,,'+1 call later\n"
        "\n"
        "i2,2025-01-07,teo@example.org,email,inbound,message,i1,,,\n",
        encoding="utf-8",
    )
    (folder / "README.txt").write_text("not a tracker", encoding="utf-8")
    assert sniff(folder)
    data = load(folder, future_after=AS_OF)
    assert data.seekers == ["ana-example"]
    assert data.contacts["company"].tolist() == ["=Acme"]  # one apostrophe removed
    # the blank line is not a data row; line numbers are what an editor shows
    assert data.interactions["source_row"].tolist() == [2, 4]
    assert data.interactions["contact_id"].tolist() == ["teo@example.org", "teo@example.org"]
    assert plain(data.interactions["ref"]).tolist() == [None, "i1"]
    assert data.sources.set_index("source")["rows_read"].to_dict() == {
        "contacts.csv": 1,
        "interactions.csv": 2,
    }


def test_canonical_round_trip(tmp_path):
    """Canonical tables written to a workbook load back exactly (provenance columns kept)."""
    interactions = schema.conform(
        "interactions",
        pd.DataFrame(
            {
                "seeker": ["Vera Sample", "Vera Sample"],
                "interaction_id": ["x1", "x2"],
                "contact_id": ["name:wim void", "name:wim void"],
                "at": [ts("2025-01-06 10:00"), ts("2025-01-07 11:30")],
                "channel": ["video", "email"],
                "direction": ["outbound", "inbound"],
                "kind": ["meeting", "thank_you"],
                "ref": [None, "x1"],
                "company": ["Acme", None],
                "introduced": [None, None],
                "source": ["orig.xlsx:log", "orig.xlsx:log"],
                "source_row": [7, 9],
                "origin": ["tracker", "linkedin"],
            }
        ),
    )
    contacts = schema.conform(
        "contacts",
        pd.DataFrame(
            {
                "seeker": ["Vera Sample"],
                "contact_id": ["name:wim void"],
                "name": ["Wim Void"],
                "source": ["orig.xlsx:people"],
                "origin": ["tracker"],
            }
        ),
    )
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, df in (("contacts", contacts), ("interactions", interactions)):
        ws = wb.create_sheet(name)
        ws.append(list(df.columns) + (["contact"] if name == "interactions" else []))
        for rec in df.astype(object).where(df.notna(), None).itertuples(index=False):
            vals = [v.tz_convert(None).to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in rec]
            ws.append(vals + ([None] if name == "interactions" else []))
    path = tmp_path / "canonical.xlsx"
    wb.save(path)
    data = load_tracker(path, future_after=AS_OF)
    assert data.problems.empty, data.problems
    pd.testing.assert_frame_equal(data.interactions, interactions)
    pd.testing.assert_frame_equal(data.contacts, contacts)


def test_nothing_readable_raises(tmp_path):
    path = workbook(tmp_path / "odd.xlsx", {"Sheet1": [["Foo", "Bar"], [1, 2]]})
    with pytest.raises(FormatError, match=r"No contacts, interactions or applications sheet.*'Foo', 'Bar'"):
        load_tracker(path)


def test_single_csv_is_interactions_and_missing_direction_for_gift(tmp_path):
    f = tmp_path / "log.CSV"
    f.write_text(
        "Date;Who;How;What\n2025-01-06;Una Fake;phone;referral\n2025-01-07;Una Fake;phone;\n",
        encoding="utf-8",
    )
    data = load_tracker(f, seeker="Una's coach", future_after=AS_OF)
    assert data.problems[["source_row", "column"]].to_dict("records") == [
        {"source_row": 2, "column": "direction"}
    ]
    assert data.interactions[["kind", "direction"]].to_dict("records") == [
        {"kind": "meeting", "direction": "outbound"}
    ]
    assert data.seekers == ["Una's coach"]


def test_sniff_and_is_tracker_file(tmp_path):
    conn = tmp_path / "Connections.csv"
    conn.write_text('Notes:\n"x"\n\nFirst Name,Last Name\n', encoding="utf-8")
    li_contacts = tmp_path / "Contacts.csv"
    li_contacts.write_text("Source,FirstName,LastName,Emails,CreatedAt\n", encoding="utf-8")
    mine = tmp_path / "contacts.csv"
    assert not is_tracker_file(conn)
    assert not is_tracker_file(li_contacts)
    li_contacts.unlink()
    mine.write_text("name,email\nA B,a@example.org\n", encoding="utf-8")
    assert is_tracker_file(mine)
    assert not is_tracker_file(tmp_path / "~$book.xlsx")
    assert not sniff(tmp_path / "nothing.txt")


def test_alias_markdown_covers_every_table():
    md = aliases.alias_markdown()
    for table in ("contacts", "interactions", "applications"):
        assert f"| {table} |" in md
    assert "| channel | coffee, coffee chat, lunch" in md
