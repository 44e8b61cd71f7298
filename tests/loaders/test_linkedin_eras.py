"""Frozen raw-byte exports of each era (tests/fixtures/exports/<era>/, written by hand with
invented people): what loads, what is excluded and why, folder == zip, copies loaded once,
periodic exports merged. Expected values are counted by hand from the fixture files."""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import netlytics
from netlytics.data import TABLE_NAMES

FIXTURES = Path(__file__).parents[1] / "fixtures" / "exports"
ERAS = ["2018", "2021", "2023", "2025", "2026"]
FUTURE = "2026-06-01"
ADA = "https://www.linkedin.com/in/ada-quill"
BO = "https://www.linkedin.com/in/bo-li"
ZOE = "https://www.linkedin.com/in/zoë-na"
CY = "https://www.linkedin.com/in/cy-dee"


def load(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return netlytics.load(path, future_after=FUTURE, **kw)


def zip_of(folder: Path, dest: Path) -> Path:
    """The folder's files as LinkedIn zips them (members at the root, Jobs/ kept)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.name != ".gitattributes":
                zf.write(p, p.relative_to(folder).as_posix())
    return dest


def accounted(data) -> bool:
    inv = data.inventory()
    return bool((inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all())


def reasons(data, source: str) -> list[str]:
    ex = data.excluded[data.excluded["source"] == source]
    return sorted(ex["reason"].str.replace(r" \(.*", "", regex=True))


# counted by hand: (contacts, messages loaded, invitations, other interactions, messages excluded)
EXPECTED = {
    "2018": (2, 2, 1, 0, 2),
    "2021": (3, 3, 2, 0, 3),
    "2023": (3, 3, 1, 0, 2),
    "2025": (2, 2, 1, 1, 3),
    "2026": (3, 4, 2, 0, 3),
}


@pytest.mark.parametrize("era", ERAS)
def test_each_era_loads_what_a_person_did(era):
    data = load(FIXTURES / era)
    n_contacts, n_msg, n_inv, n_other, n_msg_excluded = EXPECTED[era]
    kinds = data.interactions["kind"].value_counts()
    assert data.seekers == ["Ada Quill"]
    assert len(data.contacts) == n_contacts
    assert kinds.get("message", 0) == n_msg and kinds.get("invitation", 0) == n_inv
    assert len(data.interactions) == n_msg + n_inv + n_other
    msgs = data.excluded[data.excluded["source"].str.lower() == "messages.csv"]
    assert len(msgs) == n_msg_excluded
    assert accounted(data)
    assert data.problems.empty
    # no LinkedIn system or sponsored sender in any table
    names = data.contacts["name"].fillna("")
    assert not names.str.contains("LinkedIn|Webhost|Premium", regex=True).any()
    assert data.interactions["interaction_id"].is_unique and data.contacts["contact_id"].is_unique
    assert ("name", "Ada Quill") in set(zip(data.owner["kind"], data.owner["value"], strict=True))


def test_promo_and_sponsored_senders_are_excluded_with_their_reason():
    assert reasons(load(FIXTURES / "2026"), "messages.csv") == [
        "LinkedIn's own account",
        "draft",
        "sponsored message",
    ]
    ex = load(FIXTURES / "2025").excluded
    own = ex[ex["reason"].str.startswith("LinkedIn's own account")]
    assert own[["column", "value"]].values.tolist() == [["FROM", "Jill @ LinkedIn Learning"]]
    assert reasons(load(FIXTURES / "2021"), "messages.csv") == [
        "LinkedIn's own account",
        "spam folder",
        "sponsored message",
    ]


def test_owner_comes_from_invitations_then_messages():
    owner26 = load(FIXTURES / "2026").owner
    assert owner26.set_index("kind").loc["profile_url", "source"] == "Invitations.csv"
    assert set(owner26["kind"]) == {"name", "profile_url", "email"}
    assert owner26.set_index("kind").loc["email", "value"] == "ada.quill@example.org"
    owner23 = load(FIXTURES / "2023").owner  # Urn columns: the URL in every conversation
    assert owner23.set_index("kind").loc["profile_url", "value"] == ADA
    assert owner23.set_index("kind").loc["profile_url", "source"] == "messages.csv"


def test_conversation_the_seeker_took_part_in_is_never_dropped(tmp_path):
    folder = tmp_path / "e"
    shutil.copytree(FIXTURES / "2026", folder)
    raw = (folder / "messages.csv").read_bytes()
    # the seeker answers the Premium promo: that conversation is now networking
    extra = (
        b'"2-BBB=","","Ada Quill","https://www.linkedin.com/in/ada-quill","Sam from LinkedIn Premium","",'
        b'"2026-01-04 09:00:00 UTC","","No thanks","INBOX",""\n'
    )
    (folder / "messages.csv").write_bytes(raw + extra)
    data = load(folder)
    assert len(data.interactions[data.interactions["kind"] == "message"]) == 6
    assert "LinkedIn's own account" not in reasons(data, "messages.csv")
    assert accounted(data)


def test_owner_tie_is_said_and_the_messages_are_problems_until_owner_url_is_given():
    data = load(FIXTURES / "2022-tie")
    assert data.interactions.empty
    assert len(data.problems) == 2 and data.problems["reason"].str.contains("owner_url=").all()
    note = data.notes.loc[data.notes["topic"] == "owner", "note"].item()
    assert "could not be told" in note and "a tie" in note and "owner_url" in note
    assert accounted(data)
    given = load(FIXTURES / "2022-tie", owner_url="https://www.linkedin.com/in/ada-quill/")
    assert given.problems.empty
    assert list(given.interactions["direction"]) == ["inbound", "inbound"]
    assert ("profile_url", ADA) in set(zip(given.owner["kind"], given.owner["value"], strict=True))


def test_excel_resave_placeholders_are_empty_values():
    data = load(FIXTURES / "2021")
    bo = data.contacts.set_index("name").loc["Bo Li"]
    cy = data.contacts.set_index("name").loc["Cy Dee"]
    assert pd.isna(bo["company"]) and pd.isna(bo["email"]) and bo["position"] == "Engineer"
    assert pd.isna(cy["position"]) and cy["company"] == "Initech"
    assert bo["connected_on"] == pd.Timestamp("2021-06-16", tz="UTC")
    assert (data.notes["topic"] == "resaved").sum() == 1


def test_non_networking_files_are_noted_once_and_never_read():
    data = load(FIXTURES / "2025")
    files = data.notes.loc[data.notes["topic"] == "files", "note"].tolist()
    assert files == [
        "5 files of the export are not about networking and were skipped (Calendar.csv, Duolingo.csv, "
        "LAN Ads Engagement.csv, Member Hashtags.csv, Rich_Media.csv)."
    ]
    assert not data.inventory()["source"].str.contains("LAN Ads|Calendar").any()


@pytest.mark.parametrize("era", [*ERAS, "2022-tie"])
def test_folder_and_zip_give_identical_tables(era, tmp_path):
    folder = tmp_path / era
    shutil.copytree(FIXTURES / era, folder)
    (folder / ".gitattributes").unlink(missing_ok=True)
    a = load(folder)
    b = load(zip_of(folder, tmp_path / f"{era}.zip"))
    for name in TABLE_NAMES:
        x, y = getattr(a, name), getattr(b, name).copy()
        for col in ("source", "interaction_id", "application_id"):
            if col in y.columns:
                y[col] = y[col].str.replace(f"^{era}.zip:", "", regex=True)
        pd.testing.assert_frame_equal(x.reset_index(drop=True), y.reset_index(drop=True), obj=name)


def test_zip_and_its_unpacked_copy_load_once(tmp_path):
    holder = tmp_path / "downloads"
    holder.mkdir()
    shutil.copytree(FIXTURES / "2026", holder / "Complete_LinkedInDataExport_01-20-2026")
    zip_of(FIXTURES / "2026", holder / "Complete_LinkedInDataExport_01-20-2026.zip")
    once = load(FIXTURES / "2026")
    both = load(holder)
    assert len(both.interactions) == len(once.interactions) == 6
    assert len(both.contacts) == len(once.contacts)
    assert both.interactions["interaction_id"].is_unique and both.contacts["contact_id"].is_unique
    note = both.notes.loc[both.notes["topic"] == "duplicates", "note"].item()
    assert "Complete_LinkedInDataExport_01-20-2026.zip" in note and "loaded once" in note
    assert accounted(both)


def test_a_copy_of_one_file_one_level_up_is_read_once(tmp_path):
    top = tmp_path / "mine"
    shutil.copytree(FIXTURES / "2025", top / "export")
    shutil.copy(FIXTURES / "2025" / "messages.csv", top / "messages.csv")
    data = load(top)
    assert (data.interactions["kind"] == "message").sum() == 2
    notes = data.notes.loc[data.notes["topic"] == "duplicates", "note"].tolist()
    assert notes == ["mine holds the same files as export; it was loaded once."]


def test_periodic_exports_of_one_owner_merge_record_by_record(tmp_path):
    holder = tmp_path / "downloads"
    old = holder / "Basic_LinkedInDataExport_01-10-2025"
    new = holder / "Basic_LinkedInDataExport_06-10-2025"
    shutil.copytree(FIXTURES / "2025", old)
    shutil.copytree(FIXTURES / "2025", new)
    msgs = (new / "messages.csv").read_bytes().split(b"\n", 1)
    (new / "messages.csv").write_bytes(
        msgs[0]
        + b"\n2-NEW=,,Ada Quill,https://www.linkedin.com/in/ada-quill,Bo Li,https://www.linkedin.com/in/bo-li,"
        b"2025-06-01 10:00:00 UTC,,Lunch?,INBOX,No,No\n" + msgs[1]
    )
    (new / "Invitations.csv").write_bytes(
        b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        b'Ada Quill,Zo\xc3\xab Na,"5/9/25, 7:47 AM",,OUTGOING,https://www.linkedin.com/in/ada-quill,'
        b"https://www.linkedin.com/in/zo\xc3\xab-na\n"
    )
    data = load(holder)
    kinds = data.interactions["kind"].value_counts()
    # old: 2 messages, 1 invitation, 1 endorsement; new adds 1 message and 1 invitation
    assert kinds.to_dict() == {"message": 3, "invitation": 2, "endorsement": 1}
    assert data.interactions["interaction_id"].is_unique and data.contacts["contact_id"].is_unique
    same = data.excluded[data.excluded["reason"].str.startswith("the same record as in")]
    # the files with identical bytes (Profile, Connections, endorsements) are read once; the older
    # export's messages.csv differs, and its 2 messages already in the newer one count once
    assert len(same) == 2 and same["source"].eq("Basic_LinkedInDataExport_01-10-2025/messages.csv").all()
    copies = data.notes.loc[data.notes["topic"] == "duplicates", "note"]
    assert len(copies) == 3 and copies.str.contains("is the same file as").all()
    assert accounted(data)
    assert any("Merged 2 exports" in n for n in data.notes["note"])


def test_foreign_file_in_an_export_folder_is_a_note_and_a_tracker_beside_it_loads(tmp_path):
    folder = tmp_path / "ana"
    shutil.copytree(FIXTURES / "2026", folder)
    (folder / "my shopping list.csv").write_text("item,price\nbread,2\n")
    (folder / "tracker.csv").write_text(
        "date,contact,channel,direction,kind\n2026-01-08,Bo Li,email,outbound,message\n"
    )
    data = load(folder)
    notes = " | ".join(data.notes["note"])
    assert "my shopping list.csv is not a file of LinkedIn's export" in notes
    assert (
        "my shopping list.csv is neither a file of the LinkedIn export nor a tracker; it was skipped" in notes
    )
    assert data.problems.empty
    assert (data.interactions["channel"] == "email").sum() == 1
    assert accounted(data)
    # alone beside the export, a file that is no tracker is a note, not a failure
    (folder / "tracker.csv").unlink()
    alone = load(folder)
    notes = " | ".join(alone.notes["note"])
    assert (
        "my shopping list.csv is neither a file of the LinkedIn export nor a tracker; it was skipped" in notes
    )
    assert alone.problems.empty
    assert len(alone.interactions) == 6 and accounted(alone)


def test_without_profile_the_seeker_is_named_from_invitations(tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport_01-10-2025"
    shutil.copytree(FIXTURES / "2025", folder)
    (folder / "Profile.csv").unlink()
    data = load(folder)
    assert data.seekers == ["Ada Quill"]
    owner = data.owner.set_index("kind")
    assert owner.loc["name", "source"] == "Invitations.csv"
    assert owner.loc["profile_url", "value"] == ADA
