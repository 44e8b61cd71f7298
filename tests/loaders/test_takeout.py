"""Google Takeout zips and folders: found by content, streamed, split parts merged, bombs refused;
and the cross-source rules of after_merge on a Takeout's mail plus calendar (inferred thank-yous)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import after_merge, load, sniff

OPT = LoadOptions(future_after=pd.Timestamp("2026-06-01", tz="UTC"))


def mail(
    to: str, date: str, *, labels: str = "Sent", frm: str = "Ada Example <ada@example.com>", mid: str = ""
) -> bytes:
    mid = mid or f"{abs(hash((to, date, frm)))}@example.com"
    return (
        f"From 1790000000000000001@xxx Mon Jan 05 09:00:00 +0000 2026\r\nX-GM-THRID: 1\r\nX-Gmail-Labels: {labels}\r\n"
        f"From: {frm}\r\nTo: {to}\r\nSubject: SECRETSUBJECT\r\nDate: {date}\r\nMessage-ID: <{mid}>\r\n\r\nthanks SECRETBODY\r\n\r\n"
    ).encode()


MEETING = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:ada@example.com\r\nX-WR-TIMEZONE:UTC\r\n"
    b"BEGIN:VEVENT\r\nUID:meet1@google.com\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T110000Z\r\n"
    b"ORGANIZER;CN=Ada Example:mailto:ada@example.com\r\nATTENDEE;CN=Bob Sample:mailto:bob@example.org\r\n"
    b"LOCATION:Cafe Central\r\nDESCRIPTION:SECRETDESC\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carl Example\r\nEMAIL:carl@example.net\r\nEND:VCARD\r\n"


def takeout_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_takeout_zip_in_german_and_split_parts(tmp_path):
    one = takeout_zip(
        tmp_path / "takeout-20260301T101010Z-001.zip",
        {
            "Takeout/Gmail/Alle E-Mails einschließlich Spam-Nachrichten und E.mbox": mail(
                "Bob Sample <bob@example.org>", "Mon, 5 Jan 2026 12:00:00 +0000"
            ),
            "Takeout/archive_browser.html": b"<html></html>",
        },
    )
    takeout_zip(
        tmp_path / "takeout-20260301T101010Z-002.zip",
        {
            "Takeout/Kalender/ada@example.com.ics": MEETING,
            "Takeout/Google Kontakte/Alle Kontakte/Alle Kontakte.vcf": CARD,
        },
    )
    assert sniff(one)
    data = load(one, OPT)
    data.validate()
    assert sorted(data.interactions["origin"]) == ["calendar", "email"]
    assert set(data.sources["source"]) == {
        "takeout-20260301T101010Z-001.zip:Takeout/Gmail/Alle E-Mails einschließlich Spam-Nachrichten und E.mbox",
        "takeout-20260301T101010Z-002.zip:Takeout/Kalender/ada@example.com.ics",
        "takeout-20260301T101010Z-002.zip:Takeout/Google Kontakte/Alle Kontakte/Alle Kontakte.vcf",
    }
    assert "carl@example.net" in data.contacts["contact_id"].tolist()


def test_zip_bomb_and_unsafe_names_are_refused(tmp_path):
    z = takeout_zip(
        tmp_path / "takeout-bomb.zip", {"Takeout/Mail/big.mbox": b"\0" * (8 << 20), "../evil.ics": MEETING}
    )
    data = load(z, OPT)
    reasons = " ".join(data.problems["reason"])
    assert "zip bomb" in reasons and "unsafe name" in reasons
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()


def test_members_are_streamed_not_read_whole(tmp_path, monkeypatch):
    z = takeout_zip(
        tmp_path / "takeout-x.zip",
        {"Takeout/Mail/a.mbox": mail("bob@example.org", "Mon, 5 Jan 2026 12:00:00 +0000")},
    )
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a, **k: pytest.fail("a member was inflated whole"))
    assert len(load(z, OPT).interactions) == 1


@pytest.mark.parametrize(
    ("sent_at", "kind"),
    [
        ("Mon, 5 Jan 2026 09:59:00 +0000", "message"),  # before the meeting starts
        ("Mon, 5 Jan 2026 10:30:00 +0000", "thank_you"),  # during it
        ("Tue, 6 Jan 2026 11:00:00 +0000", "thank_you"),  # exactly 24 h after it ends
        ("Tue, 6 Jan 2026 11:00:01 +0000", "message"),  # one second later
    ],
)
def test_inferred_thank_you_window(tmp_path, sent_at, kind):
    folder = tmp_path / "Takeout"
    (folder / "Mail").mkdir(parents=True)
    (folder / "Calendar").mkdir()
    (folder / "Mail" / "All mail.mbox").write_bytes(mail("Bob Sample <bob@example.org>", sent_at))
    (folder / "Calendar" / "ada@example.com.ics").write_bytes(MEETING)
    data = after_merge(load(folder, OPT), OPT)
    data.validate()
    ix = data.interactions.set_index("origin")
    assert ix.loc["email", "kind"] == kind
    assert bool(ix.loc["email", "inferred"]) is (kind == "thank_you")
    if kind == "thank_you":
        assert ix.loc["email", "ref"] == ix.loc["calendar", "interaction_id"]
        assert "inferred" in " ".join(data.notes["note"])
    assert "ends_at" not in data.interactions.columns


def test_thank_you_only_to_an_attendee(tmp_path):
    folder = tmp_path / "T"
    folder.mkdir()
    (folder / "a.mbox").write_bytes(mail("carl@example.net", "Mon, 5 Jan 2026 12:00:00 +0000"))
    (folder / "c.ics").write_bytes(MEETING)
    data = after_merge(load(folder, OPT), OPT)
    assert data.interactions.set_index("origin").loc["email", "kind"] == "message"


def test_meeting_partners_are_known_and_not_one_way(tmp_path):
    folder = tmp_path / "T"
    folder.mkdir()
    (folder / "a.mbox").write_bytes(
        mail("ada@example.com", "Mon, 5 Jan 2026 12:00:00 +0000", labels="Inbox", frm="Bob <bob@example.org>")
    )
    (folder / "c.ics").write_bytes(MEETING)
    data = after_merge(load(folder, OPT), OPT)
    assert sorted(data.interactions["origin"]) == ["calendar", "email"]


def test_loading_twice_gives_equal_tables(tmp_path):
    folder = tmp_path / "T"
    folder.mkdir()
    (folder / "a.mbox").write_bytes(
        mail("bob@example.org", "Mon, 5 Jan 2026 12:00:00 +0000")
        + mail("carl@example.net", "Mon, 5 Jan 2026 13:00:00 +0000")
    )
    (folder / "c.ics").write_bytes(MEETING)
    (folder / "b.vcf").write_bytes(CARD)
    one, two = after_merge(load(folder, OPT)), after_merge(load(folder, OPT))
    for name in ("contacts", "interactions", "excluded", "problems", "sources", "owner", "notes"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    text = " ".join(
        getattr(one, n).astype("str").to_csv()
        for n in ("contacts", "interactions", "excluded", "problems", "notes", "sources")
    )
    assert "SECRET" not in text


def test_an_archive_inside_the_zip_is_a_problem_not_lost(tmp_path):
    # a zipped folder: a calendar beside the LinkedIn export's own zip; the calendar is read, the
    # inner archive is one problem row naming it (it used to vanish without a word)
    inner = takeout_zip(tmp_path / "Basic_LinkedInDataExport_03-31-2026.zip", {"Connections.csv": b"x"})
    z = takeout_zip(
        tmp_path / "my-folder.zip",
        {"calendar.ics": MEETING, "linkedin/Basic_LinkedInDataExport_03-31-2026.zip": inner.read_bytes()},
    )
    data = load(z, OPT.with_(me=("ada@example.com",)))
    assert len(data.interactions) == 1
    bad = data.problems.loc[data.problems["source"].str.endswith(".zip")]
    assert bad["source"].tolist() == ["my-folder.zip:linkedin/Basic_LinkedInDataExport_03-31-2026.zip"]
    assert "archive inside the archive" in bad["reason"].item() and "unzip" in bad["reason"].item()
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
