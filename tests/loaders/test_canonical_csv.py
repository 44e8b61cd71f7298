"""Canonical CSV folders: read column by column when already canonical, and always exactly what
the tracker family makes of them (the tracker is the reference: every case compares both)."""

import pandas as pd
import pytest

import netlytics
from netlytics import write_tables
from netlytics.data import TABLE_NAMES, NetworkData
from netlytics.loaders import canonical, canonical_csv, tracker
from netlytics.loaders._options import LoadOptions

NOW = pd.Timestamp("2025-12-31", tz="UTC")


def _ts(*values):
    return pd.to_datetime(list(values), utc=True, format="ISO8601")


def _data(seekers=("Ana Quill", "Bo Marsh")) -> NetworkData:
    """Two invented seekers: contacts (one with e-mail and profile URL), messages, a follow-up
    answering a message (ref), an introduction naming a contact, an event with nobody,
    applications with and without a contact and a status date."""
    a, b = seekers
    contacts = pd.DataFrame(
        {
            "seeker": [a, a, a, b],
            "contact_id": ["c1", "c2", "https://www.linkedin.com/in/cy-li", "c1"],
            "name": ["Dee Park", "Eli Stone", "Cy Li", "Dee Park"],
            "company": ["Acme", None, "Globex", "Initech"],
            "email": ["dee@example.org", None, None, None],
            "profile_url": [None, None, "https://www.linkedin.com/in/cy-li", None],
            "connected_on": _ts("2024-02-01", None, "2023-05-06T08:00:00Z", "2024-03-03"),
            "source": "contacts.csv",
            "origin": "tracker",
        }
    )
    interactions = pd.DataFrame(
        {
            "seeker": [a, a, a, a, a, b],
            "interaction_id": ["1", "2", "3", "4", "5", "1"],
            "contact_id": ["c1", "c1", "c2", None, "c2", "c1"],
            "at": _ts(
                "2025-01-06T10:00:00Z",
                "2025-01-09T11:30:00Z",
                "2025-02-01T09:00:00Z",
                "2025-02-10T18:00:00Z",
                "2025-03-01T12:00:00Z",
                "2025-01-07T08:15:00Z",
            ),
            "channel": ["email", "email", "in_person", "in_person", "phone", "linkedin"],
            "direction": ["outbound", "inbound", "outbound", "outbound", "inbound", "outbound"],
            "kind": ["message", "follow_up", "meeting", "event", "introduction", "message"],
            "ref": [None, "1", None, None, None, None],
            "company": [None, None, "Acme", None, None, None],
            "introduced": [None, None, None, None, "https://www.linkedin.com/in/cy-li", None],
            "source": "log.csv",
            "source_row": pd.array([2, 3, 4, 5, 6, 2], dtype="Int64"),
            "origin": "tracker",
        }
    )
    applications = pd.DataFrame(
        {
            "seeker": [a, b],
            "application_id": ["a1", "a1"],
            "company": ["Acme", "Globex"],
            "role": ["Analyst", None],
            "applied_at": _ts("2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z"),
            "via": ["referral", "online"],
            "contact_id": ["c1", None],
            "status": ["interview", "applied"],
            "status_at": _ts("2025-02-20T00:00:00Z", None),
        }
    )
    return NetworkData(contacts=contacts, interactions=interactions, applications=applications)


def _options(**kw) -> LoadOptions:
    return LoadOptions(future_after=kw.pop("future_after", NOW), **kw)


def _same(got: NetworkData, want: NetworkData) -> None:
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), check_exact=True, obj=name)


def _both(folder, **kw):
    """(the column-wise reading or None, what the canonical family loads, what the tracker loads)."""
    options = _options(**kw)
    return (
        canonical_csv.load_clean(folder, options),
        canonical.load(folder, options),
        tracker.load(folder, options),
    )


def _edit(folder, file, old, new):
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    return write_tables(_data(), tmp_path / "tables", format="csv")


def test_written_folder_is_recognised_and_read_column_by_column(folder):
    assert canonical_csv.is_csv_tables(folder)
    assert netlytics.loaders.family_of(folder) == "netlytics.loaders.canonical"
    fast, got, want = _both(folder)
    assert fast is not None
    _same(fast, want)
    _same(got, want)
    ix = got.interactions
    assert ix["interaction_id"].tolist() == ["1", "2", "3", "4", "5", "1"]
    assert ix["at"].iloc[0] == pd.Timestamp("2025-01-06 10:00", tz="UTC")
    assert ix["introduced"].iloc[4] == "https://www.linkedin.com/in/cy-li"
    # every row read is loaded: 4 + 6 + 2, no problem
    assert got.sources.set_index("source")["loaded"].to_dict() == {
        "applications.csv": 2,
        "contacts.csv": 4,
        "interactions.csv": 6,
    }
    assert len(got.problems) == 0
    assert got.notes["topic"].value_counts().to_dict() == {"sheets": 7, "columns": 1}


def test_one_named_seeker_and_an_empty_table_give_the_tracker_notes(tmp_path):
    data = _data().for_seekers("Ana Quill")
    data = data.replace(applications=data.applications.iloc[:0])
    out = write_tables(data, tmp_path / "export", format="csv")
    fast, got, want = _both(out)
    assert fast is not None
    _same(got, want)
    assert set(got.notes["topic"]) >= {"seeker", "skipped"}
    assert set(got.sources["seeker"]) == {"Ana Quill"}


def test_the_seeker_option_is_the_default_seeker(folder):
    fast, got, want = _both(folder, seeker="Coach file")
    assert fast is not None
    _same(got, want)
    assert set(got.sources["seeker"]) == {"Coach file"}


@pytest.mark.parametrize(
    "file, old, new",
    [
        ("interactions.csv", ",email,outbound", ",E-mail,outbound"),  # an alias: the tracker maps it
        ("interactions.csv", ",in_person,outbound,meeting", ",in_person,outbound,"),  # a default kind
        ("interactions.csv", "Ana Quill,2,", "Ana Quill,1,"),  # a repeated interaction id
        ("interactions.csv", "2025-01-06T10:00:00Z", "2030-01-06T10:00:00Z"),  # in the future
        ("interactions.csv", "2025-01-06T10:00:00Z", "1985-01-06T10:00:00Z"),  # before earliest
        ("interactions.csv", "2025-01-06T10:00:00Z", "06/01/2025"),  # not ISO
        ("interactions.csv", "2025-01-06T10:00:00Z", "2025-02-30T10:00:00Z"),  # no such day
        ("interactions.csv", ",1,c1,", ",1,,"),  # a message with nobody
        ("interactions.csv", ",follow_up,1,", ",follow_up,9,"),  # a ref to nothing
        ("interactions.csv", "https://www.linkedin.com/in/cy-li", "Fay Nova"),  # a new person
        ("contacts.csv", "dee@example.org", "not-an-address"),  # not an e-mail
        ("contacts.csv", ",c2,", ",c1,"),  # the same contact twice
        ("applications.csv", ",referral,", ",Referral,"),
        ("applications.csv", "2025-02-01T00:00:00Z", ""),  # a missing required date
    ],
)
def test_any_value_not_canonical_goes_to_the_tracker(folder, file, old, new):
    _edit(folder, file, old, new)
    fast, got, want = _both(folder)
    assert fast is None
    _same(got, want)


@pytest.mark.parametrize(
    "old, new, column, loaded",
    [
        ("Eli Stone", " Eli Stone ", "name", "Eli Stone"),
        ("Eli Stone", "'=Eli Stone", "name", "=Eli Stone"),  # the anti-formula apostrophe goes
        ("dee@example.org", "Dee@Example.ORG", "email", "dee@example.org"),
    ],
)
def test_cells_are_cleaned_as_the_tracker_cleans_them(folder, old, new, column, loaded):
    _edit(folder, "contacts.csv", old, new)
    fast, got, want = _both(folder)
    assert fast is not None
    _same(fast, want)
    assert loaded in got.contacts[column].tolist()


def test_tracker_problems_are_kept_when_the_tracker_reads(folder):
    _edit(folder, "interactions.csv", "2025-01-07T08:15:00Z", "2030-01-07T08:15:00Z")  # Bo's message
    data = netlytics.load(folder, future_after=NOW)
    assert data.problems[["source", "source_row", "column"]].values.tolist() == [
        ["interactions.csv", 7, "at"]
    ]
    row = data.sources.set_index("source").loc["interactions.csv"]
    assert (row["rows_read"], row["loaded"], row["problems"]) == (6, 5, 1)


def test_plain_cells_are_told_by_their_first_and_last_byte():
    spaces = pd.Series([chr(c) for c in range(0x3001) if not 0xD800 <= c <= 0xDFFF], dtype="str")
    spaces = spaces[spaces.str.strip() == ""].tolist()  # what the tracker strips (29 characters)
    assert len(spaces) == 29
    for w in spaces:
        assert not canonical_csv._plain(pd.Series(["Ana", w + "Bo"], dtype="str"))
        assert not canonical_csv._plain(pd.Series(["Bo" + w, None], dtype="str"))
    assert not canonical_csv._plain(pd.Series(["'=1+2"], dtype="str"))
    assert canonical_csv._plain(pd.Series(["Zoë Ñ", "", None, "a b", "x'"], dtype="str"))


def test_a_mapping_or_a_zone_less_clock_goes_to_the_tracker(folder):
    assert canonical_csv.load_clean(folder, _options(mapping={"sheets": {}})) is None
    assert canonical_csv.load_clean(folder, LoadOptions()) is None  # no future_after resolved


def test_folders_that_are_not_exactly_written_tables_are_trackers(folder):
    (folder / ".DS_Store").write_bytes(b"")
    assert canonical_csv.is_csv_tables(folder)  # hidden files aside
    (folder / "notes.txt").write_text("mine")
    assert not canonical_csv.is_csv_tables(folder)
    (folder / "notes.txt").unlink()
    _edit(folder, "contacts.csv", "seeker,contact_id", "Seeker,contact_id")
    assert not canonical_csv.is_csv_tables(folder)
    assert netlytics.loaders.family_of(folder) == "netlytics.loaders.tracker"
    assert not canonical_csv.is_csv_tables(folder / "contacts.csv")
