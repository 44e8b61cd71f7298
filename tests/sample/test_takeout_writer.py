"""The Google Takeout writer on a tiny hand-made story: two people, three e-mails, two meetings."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from netlytics.sample.habits import Habits
from netlytics.sample.story import SeekerStory
from netlytics.sample.takeout_writer import takeout_name, write_takeout
from netlytics.sample.tracker_side import Tracker

OWNER = ("Tess Test", "tess@mail.example")
MBOX = "Takeout/Mail/All mail Including Spam and Trash.mbox"
ICS = "Takeout/Calendar/tess@mail.example.ics"
VCF = "Takeout/Contacts/All Contacts/All Contacts.vcf"


def _story() -> SeekerStory:
    contacts = pd.DataFrame(
        {
            "name": ["Ann Example", "Bo Sample"],
            "company": ["Acme, Inc.", None],
            "position": ["Analyst", None],
            "email": ["ann@acme.example", None],
            "profile_url": ["https://www.linkedin.com/in/ann-example", None],
        }
    )
    ix = pd.DataFrame(
        {
            "interaction_id": ["I0001", "I0002", "I0003", "I0004", "I0005"],
            "at": pd.to_datetime(
                [
                    "2025-09-01 09:00",
                    "2025-09-02 10:30",
                    "2025-09-03 14:00",
                    "2025-09-04 08:00",
                    "2025-09-10 11:00",
                ]
            ),
            # written as the tracker spells them: lower case still matches; a stranger does not
            "contact": ["Ann Example", "ann example", "Bo Sample", "Ann Example", "Stranger Person"],
            "channel": ["email", "email", "video", "in_person", "email"],
            "direction": ["outbound", "inbound", "outbound", "inbound", "outbound"],
            "kind": ["message", "message", "meeting", "meeting", "message"],
        }
    )
    return SeekerStory(
        Habits("tess", "Tess Test", "a test"), Tracker("Tess Test", contacts, ix, pd.DataFrame())
    )


@pytest.fixture(scope="module")
def members(tmp_path_factory) -> dict[str, str]:
    path = write_takeout(tmp_path_factory.mktemp("takeout") / "t.zip", _story(), OWNER)
    with zipfile.ZipFile(path) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


def test_name_and_members(members):
    assert takeout_name(pd.Timestamp("2026-03-31 17:30", tz="UTC")) == "takeout-20260331T173000Z-001.zip"
    assert list(members) == ["Takeout/archive_browser.html", MBOX, ICS, VCF]


def test_same_story_gives_same_bytes(tmp_path):
    a = write_takeout(tmp_path / "a.zip", _story(), OWNER).read_bytes()
    assert a == write_takeout(tmp_path / "b.zip", _story(), OWNER).read_bytes()


def _messages(mbox: str) -> list[list[str]]:
    return [m.split("\r\n") for m in mbox.split("\r\nFrom 179")]


def test_mbox_holds_the_story_mail_then_the_noise(members):
    mbox = members[MBOX]
    assert "\n" not in mbox.replace("\r\n", "")  # CRLF line ends only
    first, second, *noise = _messages(mbox)
    assert first[:5] == [
        "From 1790000000000000001@xxx Mon Sep 01 09:00:00 +0000 2025",
        "X-GM-THRID: 1790000000000000001",
        "X-Gmail-Labels: Sent,Job search",
        "From: Tess Test <tess@mail.example>",
        "To: Ann Example <ann@acme.example>",
    ]
    assert "Date: Mon, 1 Sep 2025 09:00:00 +0000" in first
    # the answer is delivered to the owner and threads onto the message it answers
    assert "Delivered-To: tess@mail.example" in second and "In-Reply-To: <sample1@mail.example>" in second
    assert "From: Ann Example <ann@acme.example>" in second
    # the stranger's e-mail is not written; the noise is numbered after the three story e-mails
    assert not any("Stranger" in line for m in noise for line in m)
    assert noise[0][0].startswith("0000000000000004@xxx")
    # one week of story: a newsletter, a job alert and a social notice, then seven one-offs
    labels = [next(line for line in m if line.startswith("X-Gmail-Labels")) for m in noise]
    assert labels == [
        "X-Gmail-Labels: Inbox,Category Promotions",
        "X-Gmail-Labels: Inbox,Category Updates",
        "X-Gmail-Labels: Inbox,Category Social",
        "X-Gmail-Labels: Spam",
        "X-Gmail-Labels: Draft",
        "X-Gmail-Labels: Sent",
        "X-Gmail-Labels: Sent",
        "X-Gmail-Labels: Inbox",
        "X-Gmail-Labels: Inbox",
        "X-Gmail-Labels: Inbox",
    ]


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_calendar_meetings_with_organiser_and_place(members):
    ics = members[ICS]
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))  # folded at 75 octets
    lines = _unfold(ics)
    video = lines[lines.index("UID:I0003-sample@google.com") - 5 :]
    assert video[:5] == [
        "BEGIN:VEVENT",
        "DTSTART:20250903T140000Z",
        "DTEND:20250903T144500Z",  # 45 minutes
        "DTSTAMP:20250903T140000Z",
        "ORGANIZER;CN=Tess Test:mailto:tess@mail.example",  # outbound: the seeker invites
    ]
    assert "X-GOOGLE-CONFERENCE:https://meet.google.com/sam-000-ple" in video[:15]
    assert any(
        line.endswith("CN=Bo Sample;X-NUM-GUESTS=0:mailto:bo.sample@mail.example") for line in video[:15]
    )
    coffee = lines[lines.index("UID:I0004-sample@google.com") - 1 :]
    assert coffee[0] == "ORGANIZER;CN=Ann Example:mailto:ann@acme.example"  # inbound: they invite
    assert "LOCATION:Sample Roasters\\, Harbour Road 5" in coffee[:8]
    for uid in ("weekly-mentor", "holiday", "focus", "webinar", "declined"):
        assert f"UID:{uid}-sample@google.com" in lines
    assert lines[-2:] == ["END:VCALENDAR", ""]


def test_address_book_cards(members):
    cards = members[VCF].split("\r\n")
    assert cards[:10] == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Ann Example",
        "N:Example;Ann;;;",
        "EMAIL;TYPE=INTERNET:ann@acme.example",
        "ORG:Acme\\, Inc.",
        "TITLE:Analyst",
        "item1.URL:https\\://www.linkedin.com/in/ann-example",
        "item1.X-ABLabel:PROFILE",
        "CATEGORIES:myContacts",
    ]
    # a contact without an address gets an invented one from their name
    assert "EMAIL;TYPE=INTERNET:bo.sample@mail.example" in cards
