"""Tests for netlytics.loaders.cohort: a coach's folder with clients, a corrupt file and clutter."""

import datetime as dt

import openpyxl
import pandas as pd

from netlytics.loaders import load_cohort
from netlytics.sample.linkedin_writer import ExportSpec, write_export


def make_cohort(root):
    root.mkdir()
    # client 1: one workbook
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "interactions"
    ws.append(["Date", "Who", "How", "What"])
    ws.append([dt.date(2025, 1, 6), "Bo Fictive", "coffee", ""])
    ws.append([dt.date(2025, 1, 7), "Bo Fictive", "email", "thank you"])
    wb.save(root / "alex-sample.xlsx")
    # client 2: a CSV whose rows name their seeker
    (root / "jo.csv").write_text(
        "seeker,Date,Who,How\nJo Named-In-Data,2025-01-08,Cy Fictive,zoom\n", encoding="utf-8"
    )
    # client 3: a folder with an export zip and a tracker
    sub = root / "kim"
    sub.mkdir()
    write_export(
        sub / "export.zip",
        ExportSpec(
            owner_first_name="Kim",
            owner_last_name="Example",
            owner_url="https://www.linkedin.com/in/kim-example",
            connections=pd.DataFrame(
                {
                    "first_name": ["Dov"],
                    "last_name": ["Madeup"],
                    "url": ["https://www.linkedin.com/in/dov-madeup"],
                    "email": [""],
                    "company": ["Acme"],
                    "position": ["CTO"],
                    "connected_on": ["2024-12-01"],
                }
            ),
        ),
    )
    (sub / "tracker.csv").write_text("Date,Who,How\n2025-01-09,Dov Madeup,phone\n", encoding="utf-8")
    # a corrupt workbook and clutter
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    (root / "README.txt").write_text("cohort notes", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00")
    return root


def test_cohort(tmp_path):
    data = load_cohort(make_cohort(tmp_path / "cohort"), as_of="2025-02-01", progress=False)
    assert data.seekers == ["Jo Named-In-Data", "alex-sample", "kim"]
    counts = data.interactions.groupby("seeker").size().to_dict()
    assert counts == {"Jo Named-In-Data": 1, "alex-sample": 2, "kim": 1}
    # Kim's tracker row is matched to the export's contact by name
    kim = data.interactions[data.interactions["seeker"] == "kim"]
    assert kim["contact_id"].tolist() == ["https://www.linkedin.com/in/dov-madeup"]
    # the corrupt file is one file-level problem, the others loaded
    p = data.problems
    assert p["source"].tolist() == ["broken.xlsx"]
    assert p["seeker"].tolist() == ["broken"]
    assert pd.isna(p["source_row"].iloc[0])
    assert p["reason"].iloc[0].startswith("the file could not be loaded: Cannot read workbook 'broken.xlsx'")
    broken = data.sources[data.sources["source"] == "broken.xlsx"]
    assert broken[["rows_read", "problems"]].values.tolist() == [[1, 1]]
    skipped = data.notes.loc[data.notes["topic"] == "skipped", "note"].tolist()
    assert skipped == ["Skipped 2 file(s) that are not client data: .DS_Store, README.txt."]


def test_progress_bar_does_not_break(tmp_path):
    data = load_cohort(make_cohort(tmp_path / "c"), as_of="2025-02-01", progress=True)
    assert len(data.seekers) == 3


def test_a_seeker_column_in_a_client_folder_names_the_client(tmp_path):
    root = make_cohort(tmp_path / "cohort")
    (root / "kim" / "tracker.csv").write_text(
        "seeker,Date,Who,How\nKim From Data,2025-01-09,Dov Madeup,phone\n", encoding="utf-8"
    )
    data = load_cohort(root, as_of="2025-02-01", progress=False)
    # the tracker's seeker column wins over the folder name, for the export's rows too
    assert "Kim From Data" in data.seekers and "kim" not in data.seekers
    kim = data.for_seekers("Kim From Data")
    assert set(kim.sources["seeker"]) == {"Kim From Data"}
    assert len(kim.contacts) >= 1 and kim.interactions["contact_id"].tolist() == [
        "https://www.linkedin.com/in/dov-madeup"
    ]


def test_load_cohort_signature_is_explicit():
    import inspect

    from netlytics.loaders.cohort import load_cohort as impl

    params = inspect.signature(impl).parameters
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    for name in ("mapping", "tz", "dayfirst", "content", "future_after", "earliest", "me", "owner_url"):
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, name
