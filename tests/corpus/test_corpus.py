"""Hand-written edge-case files (CSV quoting, line ends, encodings, ragged rows; workbooks
generated at run time) through ``load``, ``validate`` and ``inspect`` (issue 18). The files
are written by the netlytics developers; README.md says which public suites the case list
follows and why their files are not vendored.

For every file: ``netlytics.load`` reads exactly the records the file was written to hold and
accounts for every row (rows read = loaded + excluded + problems, per source), or raises a
NetlyticsError naming the file; each command exits 0, 1 (validate: problems) or 2 (a one-line
error naming the file, plus at most a one-line hint), and never prints a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlytics.cli import main
from tests.reliability import assert_accounted, outcome_of, record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

CORPUS = Path(__file__).parent
SETS = ("csv-cases", "csvkit-cases")

#: data records each file was written to hold, counted by hand from its bytes: the first
#: non-blank line is the header; a quoted field spanning lines is one record; a line that is
#: blank, or whose every field is empty, is no record; a row with too many or too few fields
#: is still one record (reported as a problem by the loader)
RECORDS = {
    # quoting, line ends and text (the case list of csv-spectrum)
    "csv-cases/quoted_comma.csv": 2,  # "Harbor Lane Analytics, Ltd."
    "csv-cases/empty_fields.csv": 3,  # "" and nothing between commas
    "csv-cases/empty_fields_crlf.csv": 2,  # the same with CR LF line ends
    "csv-cases/doubled_quotes.csv": 3,  # "" inside quotes; the last name is a lone "
    "csv-cases/json_field.csv": 2,  # a JSON object with quoted keys in one field
    "csv-cases/newline_in_field_lf.csv": 3,  # quoted fields of 2 and 3 lines
    "csv-cases/newline_in_field_crlf.csv": 2,  # a CR LF inside a quoted field
    "csv-cases/quotes_and_newlines.csv": 2,  # doubled quotes next to line breaks
    "csv-cases/plain.csv": 2,
    "csv-cases/plain_crlf.csv": 3,
    "csv-cases/utf8_multibyte.csv": 3,  # 2-, 3- and 4-byte UTF-8 characters
    "csv-cases/coordinates.csv": 2,  # degrees, minutes, quoted seconds and a comma
    # damaged and unusual files (the case list of csvkit's examples)
    "csvkit-cases/ragged_rows.csv": 4,  # one row too long, one too short
    "csvkit-cases/blank_lines.csv": 2,  # four blank lines and a row of empty fields
    "csvkit-cases/na_markers.csv": 2,  # -, n/a, None, null, #N/A, NaN, nil, ?
    "csvkit-cases/date_like_numbers.csv": 3,  # 3.14, 12.5, 2024.01
    "csvkit-cases/zero_bytes.csv": 0,
    "csvkit-cases/line_ends_only.csv": 0,  # three line ends (LF, CR LF, LF), nothing else
    "csvkit-cases/cr_only_newlines.csv": 2,  # old Mac line ends, one inside quotes
    "csvkit-cases/headerless.csv": 1,  # two lines of numbers: the first is read as header
    "csvkit-cases/nul_byte.csv": 2,  # a NUL byte in a field of each row
    "csvkit-cases/quoted_everything.csv": 2,  # every field quoted, needed or not
    "csvkit-cases/date_formats.csv": 4,  # ISO, dd/mm/yyyy, "3 Apr 2019", yyyymmdd
    "csvkit-cases/empty_columns.csv": 3,  # unnamed columns; one row of empty fields
    "csvkit-cases/empty_columns_long_row.csv": 2,  # an empty row with extra fields
    "csvkit-cases/empty_columns_short_row.csv": 1,  # an empty short row is no record
    "csvkit-cases/extra_header_column.csv": 2,  # the header is longer than the rows
    "csvkit-cases/preamble_lines.csv": 4,  # two title lines and a blank before the table
    "csvkit-cases/header_with_newline.csv": 2,  # tab, VT, FF and CR LF inside a header cell
    "csvkit-cases/latin1.csv": 3,  # é, á, ç, ö as single Latin-1 bytes
    "csvkit-cases/locale_numbers.csv": 2,  # "1.234,56" and "2.000.000,00"
    "csvkit-cases/utf16_be_bom.csv": 2,  # UTF-16 big-endian with its BOM, LF
    "csvkit-cases/utf16_le_bom.csv": 2,  # UTF-16 little-endian with its BOM, CR LF
    "csvkit-cases/utf8_bom.csv": 3,  # UTF-8 with a byte-order mark
}
FILES = [CORPUS / name for name in RECORDS]


def _dummy(path: Path) -> None:
    # one sheet, a header and one row, nothing a networking tool knows
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["x", "y", "z"])
    wb.active.append([4, 5, 6])
    wb.save(path)


def _multi_sheet(path: Path) -> None:
    # a note sheet first, a typed data sheet, a sheet with a non-ASCII name, an empty sheet
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "read me"
    wb.active["A1"] = "The table is on the next sheet."
    data = wb.create_sheet("table")
    data.append(["label", "day", "count", "ratio", "flag", "at"])
    data.append(["first", dt.date(2021, 5, 6), 12, 0.25, True, dt.datetime(2021, 5, 6, 9, 30)])
    data.append(["second", dt.date(2022, 7, 8), -3, 1.5, False, None])
    other = wb.create_sheet("Ärende")
    other.append(["p", "q"])
    other.append(["ö", "ß"])
    wb.create_sheet("blank")
    wb.save(path)


def _skip_lines(path: Path) -> None:
    # two title lines and an empty row above the header
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Quarterly figures"])
    ws.append(["made by hand for the tests"])
    ws.append([])
    ws.append(["region", "units", "share"])
    ws.append(["north", 17, 0.4])
    ws.append(["south", 25, 0.6])
    wb.save(path)


WORKBOOKS = {"dummy.xlsx": _dummy, "multi_sheet.xlsx": _multi_sheet, "skip_lines.xlsx": _skip_lines}


@pytest.fixture(params=sorted(WORKBOOKS))
def workbook(request, tmp_path) -> Path:
    path = tmp_path / request.param
    WORKBOOKS[request.param](path)
    return path


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_the_cases_are_all_there():
    # every file on disk has its hand count here and its line in the README; nothing missing
    on_disk = {_id(p) for s in SETS for p in (CORPUS / s).iterdir() if p.is_file()}
    assert on_disk == set(RECORDS)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{Path(name).name}`" in readme for name in [*RECORDS, *WORKBOOKS])


def test_line_ends_survive_checkout():
    # .gitattributes (-text) keeps CR LF and bare CR bytes as written
    assert (CORPUS / "csv-cases/plain_crlf.csv").read_bytes().count(b"\r\n") == 4
    cr_only = (CORPUS / "csvkit-cases/cr_only_newlines.csv").read_bytes()
    assert b"\n" not in cr_only and cr_only.count(b"\r") == 4


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_rows_read_match_the_records_written(name):
    import netlytics

    data = netlytics.load(CORPUS / name)
    inventory = data.inventory()
    if RECORDS[name] == 0:  # a file with no record is itself one problem, counted as one row
        assert int(inventory["rows_read"].sum()) == int(inventory["problems"].sum()) == 1
    else:
        assert int(inventory["rows_read"].sum()) == RECORDS[name]
    assert_accounted(data)


def test_fields_survive_quoting_and_encodings():
    import netlytics

    contacts = netlytics.load(CORPUS / "csv-cases/quoted_comma.csv").contacts
    assert contacts["company"].tolist() == ["Harbor Lane Analytics, Ltd.", "Birch & Co, Consulting"]
    names = netlytics.load(CORPUS / "csv-cases/doubled_quotes.csv").contacts["name"].tolist()
    assert names == ["Lena", "Kofi", '"']
    latin1 = netlytics.load(CORPUS / "csvkit-cases/latin1.csv").contacts["name"].tolist()
    assert latin1 == ["José", "François", "Björn"]
    for name in ("utf16_be_bom.csv", "utf16_le_bom.csv"):
        assert netlytics.load(CORPUS / "csvkit-cases" / name).contacts["name"].tolist() == ["Åsa", "Niamh"]


@pytest.mark.parametrize("path", [*FILES, *(CORPUS / s for s in SETS)], ids=_id)
def test_load_accounts_for_every_row(path):
    # asserts the accounting, or that an error names the file (for a folder: its files)
    names = [p.name for p in path.iterdir()] if path.is_dir() else []
    outcome = outcome_of(path, names=names)
    record(f"corpus: {path.parent.name if path.is_file() else path.name} through load", outcome)


def test_workbooks_load_or_are_refused_by_name(workbook):
    outcome = outcome_of(workbook)
    record("corpus: generated workbooks through load", outcome)


def _assert_exit(rc: int, err: str, path: Path, allowed: tuple[int, ...]) -> None:
    assert rc in allowed, err
    assert "Traceback" not in err
    if rc == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines[0].startswith("netlytics: error: ") and path.name in lines[0], err
        assert len(lines) <= 2 and all(line.startswith(("netlytics: error: ", "hint: ")) for line in lines)


def _validate(path: Path, capsys) -> None:
    rc = main(["validate", str(path)])
    _assert_exit(rc, capsys.readouterr().err, path, (0, 1, 2))
    record("corpus: validate", f"exit {rc}")


def _inspect(path: Path, capsys) -> None:
    rc = main(["inspect", str(path)])
    out = capsys.readouterr()
    _assert_exit(rc, out.err, path, (0, 2))
    if rc == 0:
        assert "rows read = loaded + excluded + problems" in out.out
    record("corpus: inspect", f"exit {rc}")


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_validate(path, capsys):
    _validate(path, capsys)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_inspect(path, capsys):
    _inspect(path, capsys)


def test_workbooks_through_validate_and_inspect(workbook, capsys):
    _validate(workbook, capsys)
    _inspect(workbook, capsys)
