"""The tracker writers on tiny frames: the CSV's bytes, the workbook's cells, the data dictionary."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook

from netlytics import schema
from netlytics.sample.template import (
    FIXED_TIME,
    TRACKER_COLUMNS,
    data_dictionary,
    neutralise,
    write_csv,
    write_tracker,
)


def _contacts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Ann Example", "Bo Sample"],
            "company": ["Acme, Inc.", None],
            "position": ["Analyst", None],
            "email": ["ann@acme.example", None],
            "profile_url": ["https://www.linkedin.com/in/ann-example", None],
            "connected_on": pd.to_datetime(["2025-11-04", None]),
            "notes": ["=2+3", None],
            "seeker": [None, None],
        }
    )


def test_csv_bytes_order_dates_and_apostrophes(tmp_path):
    # columns follow the sheet's order whatever the frame's; dates are ISO; = + - @ get an apostrophe
    frame = _contacts()[["seeker", "notes", "connected_on", "name", "company"]]
    path = write_csv(tmp_path / "contacts.csv", frame, table="contacts")
    assert path.read_bytes() == (
        b"name,company,connected_on,notes,seeker\n"
        b'Ann Example,"Acme, Inc.",2025-11-04,\'=2+3,\n'
        b"Bo Sample,,,,\n"
    )


def test_csv_interaction_times_keep_the_minute(tmp_path):
    ix = pd.DataFrame({"at": pd.to_datetime(["2026-03-02 14:30:59"]), "kind": ["meeting"]})
    assert (
        write_csv(tmp_path / "i.csv", ix, table="interactions").read_text()
        == "at,kind\n2026-03-02 14:30,meeting\n"
    )


def test_workbook_cells_types_and_formats(tmp_path):
    path = write_tracker(tmp_path / "t.xlsx", contacts=_contacts())
    wb = load_workbook(path)
    ws = wb["contacts"]
    assert [c.value for c in ws[1]] == [c[0] for c in TRACKER_COLUMNS["contacts"]]
    row = [c for c in ws[2]]
    assert [c.value for c in row[:6]] == [
        "Ann Example",
        "Acme, Inc.",
        "Analyst",
        "ann@acme.example",
        "https://www.linkedin.com/in/ann-example",
        dt.datetime(2025, 11, 4),
    ]
    assert row[5].number_format == "yyyy-mm-dd"
    assert row[6].value == "=2+3" and row[6].data_type == "s"  # text, never a formula
    assert [c.value for c in ws[3]] == ["Bo Sample"] + [None] * 7
    assert ws.max_row == 3 and wb["interactions"].max_row == 1
    assert wb.properties.created == FIXED_TIME


def test_workbook_rejects_a_frame_without_the_sheet_columns(tmp_path):
    with pytest.raises(ValueError, match=r"contacts frame lacks column\(s\) \['position'"):
        write_tracker(tmp_path / "t.xlsx", contacts=_contacts().drop(columns=["position"]))


def test_data_dictionary_has_every_column_once():
    d = data_dictionary()
    tracker = d[d["layer"] == "tracker"]
    assert len(tracker) == sum(len(cols) for cols in TRACKER_COLUMNS.values())
    canonical = d[d["layer"] == "canonical"]
    assert len(canonical) == sum(len(t.columns) for t in schema.TABLES.values())
    status = tracker[(tracker["table"] == "applications") & (tracker["column"] == "status")].iloc[0]
    assert status["required"] and status["allowed"] == ", ".join(schema.STATUSES)


def test_neutralise_leaves_non_text_alone():
    numbers = pd.Series([-1, 2])
    assert neutralise(numbers) is numbers
    assert neutralise(pd.Series(["@home", "a-b", "-"])).tolist() == ["'@home", "a-b", "'-"]
