"""Tests for netlytics.loaders.merge: an export and a tracker that share people under other spellings."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from netlytics.data import NetworkData
from netlytics.loaders import load
from netlytics.loaders.merge import merge_sources
from netlytics.sample.linkedin_writer import ExportSpec, write_export

ZOE = "https://www.linkedin.com/in/zoë-quill"
BARNABY = "https://www.linkedin.com/in/barnaby-t"


@pytest.fixture
def sources(tmp_path):
    spec = ExportSpec(
        owner_first_name="Ana",
        owner_last_name="Example",
        owner_url="https://www.linkedin.com/in/ana-example",
        connections=pd.DataFrame(
            {
                "first_name": ["Zoë", "Barnaby", "Sam", "Sam"],
                "last_name": ["Quill-Example", "Testwell", "Lee", "Lee"],
                "url": [
                    ZOE,
                    BARNABY,
                    "https://www.linkedin.com/in/sam-lee-1",
                    "https://www.linkedin.com/in/sam-lee-2",
                ],
                "email": ["", "barnaby@example.com", "", ""],
                "company": ["Acme", "Globex", "Initech", "Hooli"],
                "position": ["Lead", "Recruiter", "Dev", "PM"],
                "connected_on": ["2024-10-01", "2024-09-01", "2024-08-01", "2024-07-01"],
            }
        ),
        messages=pd.DataFrame(
            {
                "conversation_id": ["c1"],
                "conversation_title": [""],
                "from_name": ["Ana Example"],
                "sender_url": ["https://www.linkedin.com/in/ana-example"],
                "to_names": ["Barnaby Testwell"],
                "recipient_urls": [BARNABY],
                "at": ["2025-01-05 10:00:00"],
                "subject": [""],
                "content": ["hi"],
                "folder": ["INBOX"],
                "is_draft": [False],
            }
        ),
    )
    export = write_export(tmp_path / "export.zip", spec)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "contacts"
    ws.append(["name", "company", "email", "profile_url"])
    ws.append(
        ["zoe quill example", "Acme", "zoe@example.org", "https://www.linkedin.com/in/zo%C3%AB-quill/"]
    )  # URL
    ws.append(["Barney Testwell", "Globex", "BARNABY@example.com", ""])  # e-mail (other spelling of the name)
    ws.append(["Sam Lee", "", "", ""])  # two Sam Lees in the export: ambiguous
    ws.append(["Dee Unlisted", "", "", ""])  # not in the export
    ws.append(["Zoë Quill-Example", "", "", ""])  # same name as an export contact: matched by name
    wi = wb.create_sheet("interactions")
    wi.append(["at", "contact", "channel", "direction", "kind", "introduced"])
    wi.append([dt.date(2025, 1, 6), "zoe quill example", "in_person", "outbound", "meeting", ""])
    wi.append([dt.date(2025, 1, 7), "Barney Testwell", "email", "inbound", "introduction", "Sam Lee"])
    wi.append([dt.date(2025, 1, 8), "Dee Unlisted", "phone", "outbound", "message", ""])
    wa = wb.create_sheet("applications")
    wa.append(["company", "applied_at", "via", "contact", "status"])
    wa.append(["Globex", dt.date(2025, 1, 9), "referral", "barnaby@example.com", "applied"])
    tracker = tmp_path / "tracker.xlsx"
    wb.save(tracker)
    return export, tracker


def test_merge_export_and_tracker(sources):
    data = load(list(sources), future_after="2025-02-01")
    data.validate()
    assert data.seekers == ["Ana Example"]  # the export's owner names every part
    i = data.interactions.set_index("interaction_id")
    assert i.loc["tracker.xlsx:interactions#2", "contact_id"] == ZOE  # by URL (percent-encoded in tracker)
    assert i.loc["tracker.xlsx:interactions#3", "contact_id"] == BARNABY  # by e-mail
    assert i.loc["tracker.xlsx:interactions#3", "introduced"] == "name:sam lee"  # ambiguous: unmatched
    assert i.loc["tracker.xlsx:interactions#4", "contact_id"] == "name:dee unlisted"
    assert data.applications["contact_id"].tolist() == [BARNABY]
    c = data.contacts.set_index("contact_id")
    assert c.index.is_unique
    assert c.loc[ZOE, "email"] == "zoe@example.org"  # filled from the tracker
    assert c.loc[ZOE, "origin"] == "linkedin"
    assert c.loc["name:dee unlisted", "origin"] == "tracker"
    merge_notes = data.notes.loc[data.notes["topic"] == "merge", "note"].tolist()
    assert merge_notes[0] == (
        "Merged 1 tracker source(s) with the LinkedIn export: 3 of 5 tracker contacts matched "
        "(1 by profile URL, 1 by e-mail, 1 by name); 2 are not in the export."
    )
    assert merge_notes[1].startswith("Tracker contact 'Sam Lee' matches 2 export contacts by name")


def test_merge_seeker_argument_wins(sources):
    data = load(list(sources), seeker="Coach's client 7", future_after="2025-02-01")
    assert data.seekers == ["Coach's client 7"]
    assert set(data.problems["seeker"].dropna()) <= {"Coach's client 7"}


def test_mixed_folder(sources, tmp_path):
    export, tracker = sources
    folder = tmp_path / "ana"
    folder.mkdir()
    export.rename(folder / export.name)
    tracker.rename(folder / tracker.name)
    from netlytics.loaders import LoadOptions
    from netlytics.loaders.merge import split_mixed_folder

    parts = split_mixed_folder(folder, LoadOptions(future_after=pd.Timestamp("2025-02-01", tz="UTC")))
    assert len(parts) == 2
    data = merge_sources(parts)
    assert data.seekers == ["Ana Example"]
    assert BARNABY in set(data.interactions["contact_id"])


def test_colliding_ids_are_prefixed():
    def part(source):
        return NetworkData(
            interactions=pd.DataFrame(
                {
                    "seeker": ["x", "x"],
                    "interaction_id": ["1", "2"],
                    "contact_id": ["name:a", "name:a"],
                    "at": ["2025-01-06", "2025-01-07"],
                    "channel": ["email"] * 2,
                    "direction": ["outbound"] * 2,
                    "kind": ["message", "follow_up"],
                    "ref": [None, "1"],
                    "source": [source] * 2,
                    "origin": ["tracker"] * 2,
                }
            )
        )

    data = merge_sources([part("a.csv"), part("b.csv")], seeker="Ana")
    i = data.interactions
    assert i["interaction_id"].tolist() == ["1", "2", "b.csv:1", "b.csv:2"]
    assert i["ref"].tolist()[3] == "b.csv:1"  # the ref follows its own source's renamed id
    data.validate()


def test_family_registry_loads_owner_needing_families_last_and_calls_after_merge(tmp_path, monkeypatch):
    import sys
    import types
    from pathlib import Path

    import netlytics.loaders as loaders
    from netlytics.data import NetworkData

    seen: dict = {"me": None, "after": 0}
    fake = types.ModuleType("fake_mail_family")
    fake.NEEDS_OWNER = True
    fake.sniff = lambda path: Path(path).suffix == ".mbox"

    def fake_load(path, options):
        seen["me"] = options.me
        return NetworkData()

    def after_merge(data, options):
        seen["after"] += 1
        return data

    fake.load, fake.after_merge = fake_load, after_merge
    monkeypatch.setitem(sys.modules, "fake_mail_family", fake)
    monkeypatch.setattr(loaders, "FAMILIES", ("fake_mail_family", *loaders.FAMILIES))
    mbox = tmp_path / "inbox.mbox"
    mbox.write_text("From nobody\n")
    export = Path(__file__).parents[1] / "fixtures" / "exports" / "2026"
    # the mailbox is listed first but loaded after the export, told the owner's address
    data = load([mbox, export], me="second@example.org", future_after="2026-06-01")
    assert seen["me"] == ("second@example.org", "ada.quill@example.org")
    assert seen["after"] == 1
    assert data.seekers == ["Ada Quill"]
