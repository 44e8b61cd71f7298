"""Hostile trackers (issue 18): far-away cells, very wide files, numbers in date columns,
header-only files. Workbooks are written here as XML with zipfile: no binary is committed."""

import zipfile

import pandas as pd
import pytest

from netlytics.loaders.tracker import load_tracker
from netlytics.loaders.tracker import sheets as tracker_sheets

FUTURE = "2025-02-01"

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="interactions" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _cell(ref, value):
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def xlsx(path, cells):
    """A one-sheet workbook ('interactions') from {"A1": value, ...}, written as XML."""
    rows: dict[int, list] = {}
    for ref, value in cells.items():
        row = int("".join(ch for ch in ref if ch.isdigit()))
        rows.setdefault(row, []).append(_cell(ref, value))
    data = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in {**_PARTS, "xl/worksheets/sheet1.xml": sheet}.items():
            z.writestr(name, text)
    return path


TWO_ROWS = {
    "A1": "Date",
    "B1": "Who",
    "C1": "How",
    "A2": "2025-01-06",
    "B2": "Bo Fictive",
    "C2": "email",
    "A3": "2025-01-07",
    "B3": "Bo Fictive",
    "C3": "phone",
}


@pytest.mark.parametrize("far", ["XFD1048576", "XFD20000", "ZZZ3"])
def test_far_cell_sheet_is_a_problem(tmp_path, far):
    # the time budget (< 1 s) is measured by `python -m benchmarks.hostile`
    path = xlsx(tmp_path / "far.xlsx", {**TWO_ROWS, far: "x"})
    data = load_tracker(path, future_after=FUTURE)
    assert data.problems["source"].tolist() == ["far.xlsx:interactions"]
    reason = data.problems["reason"].iloc[0]
    assert reason.startswith("sheet 'interactions' was not read") and f"farthest cell {far}" in reason
    inv = data.inventory()
    assert inv[["rows_read", "loaded", "problems"]].values.tolist() == [[1, 0, 1]]


def test_near_cells_load(tmp_path):
    path = xlsx(tmp_path / "near.xlsx", {**TWO_ROWS, "F9": "stray"})
    data = load_tracker(path, future_after=FUTURE)
    assert data.interactions["channel"].tolist() == ["email", "phone"]


def test_cells_after_a_long_empty_run_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(tracker_sheets, "MAX_EMPTY_RUN", 5)
    path = xlsx(tmp_path / "gap.xlsx", {**TWO_ROWS, "A40": "2025-01-08", "B40": "Cy", "C40": "zoom"})
    data = load_tracker(path, future_after=FUTURE)
    assert data.interactions["source_row"].tolist() == [2, 3]
    p = data.problems
    assert p["source"].tolist() == ["gap.xlsx:interactions"]
    assert "cells below row 4 were not read" in p["reason"].iloc[0]
    inv = data.inventory().set_index("table")
    assert inv.loc["interactions", "rows_read"] == 2 and inv["problems"].sum() == 1


def test_wide_csv_loads(tmp_path):
    # the time budget (< 1 s, beside pandas.read_csv) is measured by `python -m benchmarks.hostile`
    n = 9_074
    header = ["Date", "Who", "How"] + [f"extra {i}" for i in range(n - 3)]
    rows = [["2025-01-06", "Bo Fictive", "email"] + [str(i) for i in range(n - 3)]] * 3
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    data = load_tracker(path, future_after=FUTURE)
    assert len(data.interactions) == 3 and data.problems.empty


def test_a_number_in_a_date_column_is_a_date_only_when_plausible(tmp_path):
    path = xlsx(
        tmp_path / "serials.xlsx",
        {
            "A1": "Date",
            "B1": "Who",
            "C1": "How",
            "A2": 45663,  # 6 Jan 2025
            "A3": 42,  # not 11 Feb 1900
            "A4": 32873,  # 31 Dec 1989: before 1 Jan 1990
            **{f"{c}{r}": v for r in (2, 3, 4) for c, v in (("B", "Bo Fictive"), ("C", "email"))},
        },
    )
    data = load_tracker(path, future_after=FUTURE)
    assert data.interactions["at"].tolist() == [pd.Timestamp("2025-01-06", tz="UTC")]
    reasons = dict(zip(data.problems["source_row"], data.problems["reason"], strict=True))
    assert reasons[3].startswith("not a date: 42 is not a plausible Excel date serial (32874 to ")
    assert reasons[4].startswith("not a date: 32873 is not a plausible Excel date serial")


def test_dates_before_earliest_are_problems(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        "Date,Who,How\n1985-06-01,Bo Fictive,email\n1995-06-01,Bo Fictive,email\n", encoding="utf-8"
    )
    data = load_tracker(path, future_after=FUTURE)
    assert data.problems["source_row"].tolist() == [2]
    assert data.problems["reason"].iloc[0].startswith("date before 1 Jan 1990 (earliest)")
    older = load_tracker(path, future_after=FUTURE, earliest="1980-01-01")
    assert older.problems.empty and len(older.interactions) == 2


def test_header_only_file_lacking_core_columns_counts_one_problem(tmp_path):
    folder = tmp_path / "ana"
    folder.mkdir()
    (folder / "interactions.csv").write_text("id,name\n", encoding="utf-8")
    (folder / "contacts.csv").write_text("name,email\nBo Fictive,bo@example.org\n", encoding="utf-8")
    data = load_tracker(folder, future_after=FUTURE)
    inv = data.inventory().set_index("source")
    assert inv.loc["interactions.csv", ["rows_read", "problems"]].tolist() == [1, 1]
    reason = data.problems["reason"].iloc[0]
    assert "lacks its core column(s) at" in reason and "['id', 'name']" in reason


def test_family_interface(tmp_path):
    from netlytics.loaders import tracker
    from netlytics.loaders._options import LoadOptions

    path = tmp_path / "ana.csv"
    path.write_text(
        "Date,Who,How\n2025-01-06,Bo Fictive,email\n1985-01-06,Bo Fictive,email\n", encoding="utf-8"
    )
    assert tracker.sniff(path) and not tracker.sniff(tmp_path / "Connections.csv")
    options = LoadOptions(seeker="Ana", future_after=pd.Timestamp("2025-02-01", tz="UTC"))
    data = tracker.load(path, options)
    assert data.seekers == ["Ana"] and len(data.interactions) == 1 and len(data.problems) == 1
    older = tracker.load(path, options.with_(earliest=pd.Timestamp("1980-01-01", tz="UTC")))
    assert len(older.interactions) == 2 and older.problems.empty


def test_linkedin_files_are_not_trackers(tmp_path):
    from netlytics.loaders.tracker.discovery import is_linkedin_file

    (tmp_path / "messages.csv").write_text("CONVERSATION ID,FROM\n", encoding="utf-8")
    (tmp_path / "Connections_2.csv").write_text("First Name\n", encoding="utf-8")
    (tmp_path / "log.csv").write_text("Notes:\nexported\n", encoding="utf-8")
    (tmp_path / "contacts.csv").write_text("name,email\nBo,bo@example.org\n", encoding="utf-8")
    got = {p.name: is_linkedin_file(p) for p in sorted(tmp_path.iterdir())}
    assert got == {"Connections_2.csv": True, "contacts.csv": False, "log.csv": True, "messages.csv": True}
