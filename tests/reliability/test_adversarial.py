"""Fixed adversarial inputs: archives (truncated, nested, bombs, forged sizes, zip-slip names),
symbolic links, encodings and delimiters, ragged and unclosed CSV, huge fields, header-only
files, a million garbage dates, and hostile workbooks (formulas, merged cells, hidden sheets,
dates stored as text). Each ends in a NetlyticsError naming the file and the cause, or in
problem rows, with every row accounted for."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import netlytics
from netlytics.errors import FormatError, InputError
from netlytics.loaders import archive, linkedin
from tests.reliability import assert_accounted, outcome_of, record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

AS_OF = "2026-01-01"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
CONNECTIONS = (
    'Notes:\n"When exporting your connection data, you may notice..."\n\n'
    + HEADER
    + "Test,Person,https://www.linkedin.com/in/test-person-fictional,,Example Co,Engineer,05 Mar 2024\n"
    + "Demo,Sample,https://www.linkedin.com/in/demo-sample-fictional,,Example Co,Analyst,06 Mar 2024\n"
).encode()
PROFILE = b"First Name,Last Name,Headline\nAda,Quill,Fictional\n"


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def snapshot(*folders: Path) -> set[str]:
    return {str(p) for f in folders for p in f.rglob("*")}


# --- archives --------------------------------------------------------------------------------


def test_truncated_zip_is_an_input_error_naming_the_file(tmp_path):
    whole = make_zip(tmp_path / "whole.zip", {"Connections.csv": CONNECTIONS * 50, "Profile.csv": PROFILE})
    cut = tmp_path / "export-cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputError, match=r"export-cut\.zip.*not a readable zip archive"):
        netlytics.load(cut)
    record("truncated zip", "error")


def test_zip_inside_a_zip_is_refused_with_the_reason(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"Connections.csv": CONNECTIONS})
    outer = make_zip(tmp_path / "outer.zip", {"inner.zip": inner.read_bytes()})
    with pytest.raises(InputError, match=r"outer\.zip.*archives inside archives"):
        netlytics.load(outer)
    record("zip inside a zip", "error")


def test_zip_bomb_is_refused_by_ratio_before_inflating(tmp_path, monkeypatch):
    # 64 MiB of one byte deflates to ~64 KiB: a ratio near 1000:1, over MAX_RATIO (200:1)
    bomb = make_zip(tmp_path / "bomb.zip", {"Profile.csv": PROFILE, "messages.csv": b"A" * (64 << 20)})
    info = zipfile.ZipFile(bomb).getinfo("messages.csv")
    assert info.file_size / info.compress_size > linkedin.MAX_RATIO
    inflated = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *a, **k):
        inflated.append(getattr(name, "filename", name))
        return real_open(self, name, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    data = netlytics.load(bomb)
    assert "messages.csv" not in inflated  # refused from the declared sizes, never opened
    reason = data.problems.loc[data.problems["source"] == "bomb.zip:messages.csv", "reason"].iloc[0]
    assert "compression ratio" in reason and "not inflated" in reason
    assert_accounted(data)
    record("zip bomb (ratio ~1000:1)", "problems")


def test_member_over_the_declared_size_limit_is_refused(tmp_path, monkeypatch):
    export = make_zip(tmp_path / "big.zip", {"Profile.csv": PROFILE, "Connections.csv": CONNECTIONS})
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 100)
    data = netlytics.load(export)
    reason = data.problems.loc[data.problems["source"] == "big.zip:Connections.csv", "reason"].iloc[0]
    assert "over the limit" in reason and "MAX_MEMBER_BYTES" in reason
    assert_accounted(data)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 100)
    with pytest.raises(InputError, match=r"big\.zip.*MAX_TOTAL_BYTES"):
        netlytics.load(export)
    record("member or archive over the declared size limits", "problems")


def _forge_size(raw: bytes, member: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in its local and central headers."""
    out = bytearray(raw)
    loc = out.find(b"PK\x03\x04")
    while loc >= 0:
        n = struct.unpack_from("<H", out, loc + 26)[0]
        if bytes(out[loc + 30 : loc + 30 + n]) == member:
            struct.pack_into("<I", out, loc + 22, size)
        loc = out.find(b"PK\x03\x04", loc + 4)
    cen = out.find(b"PK\x01\x02")
    while cen >= 0:
        n = struct.unpack_from("<H", out, cen + 28)[0]
        if bytes(out[cen + 46 : cen + 46 + n]) == member:
            struct.pack_into("<I", out, cen + 24, size)
        cen = out.find(b"PK\x01\x02", cen + 4)
    return bytes(out)


def test_lying_headers_cannot_inflate_past_the_declared_size(tmp_path):
    # the member really holds 3 MB (ratio ~ 20:1, allowed) but declares 1,000 bytes
    body = (HEADER + "".join(f"T{i},P{i},,,Co,Eng,05 Mar 2024\n" for i in range(100_000))).encode()
    raw = make_zip(tmp_path / "x.zip", {"Profile.csv": PROFILE, "Connections.csv": body}).read_bytes()
    forged = tmp_path / "forged.zip"
    forged.write_bytes(_forge_size(raw, b"Connections.csv", 1000))
    assert zipfile.ZipFile(forged).getinfo("Connections.csv").file_size == 1000
    data = netlytics.load(forged)
    reason = data.problems.loc[data.problems["source"] == "forged.zip:Connections.csv", "reason"].iloc[0]
    assert "cannot be read" in reason or "past its declared size" in reason
    assert len(data.contacts) == 0
    assert_accounted(data)
    record("zip member whose header lies about its size", "problems")


@pytest.mark.parametrize(
    "name", ["../../Connections.csv", "/etc/Connections.csv", "C:/Users/Connections.csv"]
)
def test_zip_slip_names_are_never_extracted_nor_read(tmp_path, monkeypatch, name):
    export = make_zip(tmp_path / "slip.zip", {"Profile.csv": PROFILE, name: CONNECTIONS})
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)

    def refuse(*a, **k):
        raise AssertionError("netlytics must never extract to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    before = snapshot(tmp_path)
    data = netlytics.load(export)
    assert snapshot(tmp_path) == before  # nothing written anywhere under the tree
    reason = data.problems.loc[data.problems["source"] == f"slip.zip:{name}", "reason"].iloc[0]
    assert "unsafe name" in reason
    assert len(data.contacts) == 0
    assert_accounted(data)
    record("zip member names with ../, / or a drive letter", "problems")


def test_random_bytes_named_zip_names_the_file(tmp_path):
    path = tmp_path / "photos.zip"
    path.write_bytes(os.urandom(2048))
    with pytest.raises(InputError, match=r"photos\.zip.*not a readable zip"):
        netlytics.load(path)


# --- symbolic links --------------------------------------------------------------------------

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX symlinks")


@needs_symlinks
def test_symlink_inside_an_export_folder_is_not_followed(tmp_path):
    secret = tmp_path / "outside" / "secret.csv"
    secret.parent.mkdir()
    secret.write_bytes(CONNECTIONS)
    export = tmp_path / "export"
    export.mkdir()
    (export / "Profile.csv").write_bytes(PROFILE)
    (export / "Connections.csv").symlink_to(secret)
    (export / "Jobs").symlink_to(tmp_path / "outside", target_is_directory=True)
    data = netlytics.load(export)
    assert len(data.contacts) == 0  # the linked file was not read
    reason = data.problems.loc[data.problems["source"] == "Connections.csv", "reason"].iloc[0]
    assert "symbolic link" in reason and "secret.csv" in reason
    assert_accounted(data)
    record("symlink inside an export folder", "problems")


@needs_symlinks
def test_symlink_inside_a_tracker_folder_and_a_cohort_is_reported(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("Date,Who,How\n2025-01-06,Test Person,coffee\n")
    client = tmp_path / "cohort" / "client-a"
    client.mkdir(parents=True)
    (client / "log.csv").write_text("Date,Who,How\n2025-01-07,Demo Sample,zoom\n")
    (client / "linked.csv").symlink_to(outside)
    (tmp_path / "cohort" / "client-b.csv").symlink_to(outside)
    one = netlytics.load(client, future_after=AS_OF)
    assert one.interactions["contact_id"].tolist() == ["name:demo sample"]
    assert "symbolic link" in one.problems.loc[one.problems["source"] == "linked.csv", "reason"].iloc[0]
    assert_accounted(one)
    cohort = netlytics.load_cohort(tmp_path / "cohort", future_after=AS_OF, progress=False)
    assert sorted(cohort.interactions["contact_id"]) == ["name:demo sample"]
    sources = set(cohort.problems["source"])
    assert {"linked.csv", "client-b.csv"} <= sources
    assert_accounted(cohort)
    record("symlink inside a tracker folder or a cohort", "problems", 2)


# --- encodings, delimiters, ragged and broken CSV -------------------------------------------

TEXT = "Date,Who,How\n2025-01-06,Zoë Ærø-Test,coffee\n2025-01-07,Renée Fictional,e-mail\n"


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("utf-16-le", b""), ("cp1252", b""), ("latin-1", b"")],
)  # fmt: skip
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters_give_the_same_rows(tmp_path, encoding, bom, delimiter):
    path = tmp_path / "seeker.csv"
    path.write_bytes(bom + TEXT.replace(",", delimiter).encode(encoding))
    data = netlytics.load(path, future_after=AS_OF)
    assert data.contacts["name"].tolist() == ["Zoë Ærø-Test", "Renée Fictional"]
    assert data.interactions["source_row"].tolist() == [2, 3]
    assert data.problems.empty
    assert_accounted(data)
    record("7 encodings (UTF-8 ± BOM, UTF-16 LE/BE, cp1252, latin-1) × 3 delimiters", "loaded")


def test_ragged_rows_are_problems_on_their_own_lines(tmp_path):
    path = tmp_path / "ragged.csv"
    # line 2 has two extra fields (a bad record); line 3 is short (missing How: padded, then a
    # default applies); line 4 is fine
    path.write_text("Date,Who,How\n2025-01-06,Test Person,coffee,extra,more\n2025-01-07,Demo Sample\n"
                    "2025-01-08,Test Person,zoom\n")  # fmt: skip
    data = netlytics.load(path, future_after=AS_OF)
    bad = data.problems[data.problems["source_row"] == 2]
    assert len(bad) == 1 and "5 fields where the header has 3" in bad["reason"].iloc[0]
    assert 4 in data.interactions["source_row"].tolist()
    assert_accounted(data)
    inv = data.inventory().set_index("table").loc["interactions"]
    assert inv["rows_read"] == 3
    record("ragged rows (too many, too few fields)", "problems")


def test_unclosed_quote_is_a_format_error_naming_the_file(tmp_path):
    path = tmp_path / "unclosed.csv"
    path.write_text('Date,Who,How\n2025-01-06,"Test Person,coffee\n2025-01-07,Demo Sample,zoom\n')
    with pytest.raises(FormatError, match=r"unclosed\.csv.*never closed"):
        netlytics.load(path, future_after=AS_OF)
    # in an export the same file is one problem row; the other files still load
    export = tmp_path / "export"
    export.mkdir()
    (export / "Profile.csv").write_bytes(PROFILE)
    (export / "Connections.csv").write_bytes(CONNECTIONS + b'Bad,"Quote,,,,,01 Jan 2025\n')
    data = netlytics.load(export)
    assert "never closed" in data.problems["reason"].iloc[0]
    assert_accounted(data)
    record("unclosed quote", "error")


@pytest.mark.slow
def test_a_50_mb_single_field_loads(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b'Date,Who,How,Notes\n2025-01-06,Test Person,coffee,"' + b"x" * (50 << 20) + b'"\n'
                     b"2025-01-07,Demo Sample,zoom,\n")  # fmt: skip
    data = netlytics.load(path, future_after=AS_OF)
    assert data.interactions["source_row"].tolist() == [2, 3]
    assert_accounted(data)
    assert outcome_of(path, future_after=AS_OF) == "loaded"
    record("a 50 MB single field", "loaded")


@pytest.mark.parametrize(
    "name,raw",
    [("header-only.csv", b"Date,Who,How\n"), ("Connections.csv", b"Notes:\n\"x\"\n\n" + HEADER.encode()),
     ("empty.csv", b""), ("blank-lines.csv", b"\n\n\n")],
)  # fmt: skip
def test_header_only_and_empty_files(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    out = outcome_of(path, future_after=AS_OF)
    record("header-only, empty and blank files", out)


@pytest.mark.slow
def test_a_million_garbage_dates_all_become_problems_quickly(tmp_path):
    n = 1_000_000
    path = tmp_path / "garbage.csv"
    who = pd.Series(range(n)) % 5000
    frame = pd.DataFrame(
        {"Date": "not a date " + (pd.Series(range(n)) % 977).astype(str), "Who": "Person " + who.astype(str),
         "How": "email"}
    )  # fmt: skip
    frame.to_csv(path, index=False)
    data = netlytics.load(path, future_after=AS_OF)
    inv = data.inventory().set_index("table").loc["interactions"]
    assert (inv["rows_read"], inv["loaded"], inv["problems"]) == (n, 0, n)
    assert data.problems["reason"].str.startswith("not a date").all()
    assert_accounted(data)
    record("1,000,000 rows of garbage dates", "problems")


# --- workbooks -------------------------------------------------------------------------------


def test_workbook_with_formulas_merged_cells_hidden_sheets_and_text_dates(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "interactions"
    ws.append(["at", "contact", "channel", "direction", "kind", "notes"])
    ws.append(["2025-01-06", "Test Person", "email", "outbound", "message", "=1+2"])  # date as text
    ws.append(["=DATE(2025,1,7)", "Demo Sample", "phone", "outbound", "call", ""])  # a formula date
    ws.append(["07 Jan 2025", "=A1", "video", "inbound", "meeting", ""])  # formula as a contact
    ws.append(["2025-01-09", "Merged Person", "email", "outbound", "message", ""])
    ws.append(["", "", "", "", "", ""])
    ws.merge_cells("B5:B6")  # merged: the value sits in the first cell only
    hidden = wb.create_sheet("contacts")
    hidden.sheet_state = "hidden"
    hidden.append(["name", "email"])
    hidden.append(["Test Person", "test.person@example.org"])
    path = tmp_path / "hostile.xlsx"
    wb.save(path)
    data = netlytics.load(path, future_after=AS_OF)
    assert_accounted(data)
    # formulas are never evaluated: no cached value means an empty cell, reported as a problem
    assert "2025-01-06" in data.interactions["at"].dt.strftime("%Y-%m-%d").tolist()
    assert set(data.problems["source_row"].dropna()) >= {3}
    # the hidden contacts sheet is read (hidden is not deleted) and resolves the e-mail
    assert "test.person@example.org" in data.contacts["email"].tolist()
    record("xlsx with formulas, merged cells, a hidden sheet, dates as text", "problems")
