"""Byte-level CSV reading (netlytics.loaders._io)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlytics.errors import FormatError
from netlytics.loaders._io import decode, detect_encoding, find_header, read_csv_bytes, sniff_delimiter
from netlytics.sample.linkedin_writer import CONNECTIONS_PREAMBLE


def test_preamble_is_skipped_and_lines_are_physical():
    raw = (
        CONNECTIONS_PREAMBLE + "First Name,Last Name,Connected On\nAna,NA,05 Mar 2024\n,,29 Jan 2024"
    ).encode()
    t = read_csv_bytes(raw, expected=["First Name", "Connected On"])
    # preamble = lines 1-3, header line 4, data lines 5 and 6 (no final newline)
    assert t.header_line == 4
    assert t.lines.tolist() == [5, 6]
    assert t.frame["Last Name"].tolist() == ["NA", ""]  # "NA" stays a string
    assert t.resaved_signs == []


def test_no_preamble_header_is_line_one():
    t = read_csv_bytes(b"First Name,Last Name\nAna,Li\n", expected=["First Name"])
    assert t.header_line == 1 and t.lines.tolist() == [2]


def test_multiline_quoted_fields_shift_line_numbers():
    raw = b'"A","B"\n"1","x\ny\nz"\n"2",""\n'
    t = read_csv_bytes(raw)
    # record 1 starts on line 2 and spans 3 lines; record 2 starts on line 5
    assert t.lines.tolist() == [2, 5]
    assert t.frame["B"].tolist() == ["x\ny\nz", ""]


def test_blank_lines_are_not_records_but_are_counted():
    t = read_csv_bytes(b"a,b\n1,2\n\n3,4\n")
    assert t.frame["a"].tolist() == ["1", "3"]
    assert t.lines.tolist() == [2, 4]


def test_excel_resave_signs():
    raw = b"\xef\xbb\xbfFirst Name;Last Name\r\nZo\xc3\xab;Li\r\n"
    t = read_csv_bytes(raw, expected=["First Name"])
    assert t.frame.to_dict("list") == {"First Name": ["Zoë"], "Last Name": ["Li"]}
    assert t.delimiter == ";" and t.bom and t.crlf
    assert t.resaved_signs == ["a UTF-8 byte-order mark", "CRLF line ends", "';' as delimiter"]


def test_utf16_tab_file_is_not_a_resave_sign():
    raw = codecs.BOM_UTF16_LE + '"Skill Name"\t"Endorser First Name"\n"Python"\t"Zoë"\n'.encode("utf-16-le")
    t = read_csv_bytes(raw, expected=["Skill Name"])
    assert t.encoding == "utf-16" and t.delimiter == "\t"
    assert t.frame.to_dict("list") == {"Skill Name": ["Python"], "Endorser First Name": ["Zoë"]}
    assert t.resaved_signs == []


def test_cp1252_fallback():
    t = read_csv_bytes(b"Name\nCaf\xe9\n")
    assert t.encoding == "cp1252" and t.frame["Name"].tolist() == ["Café"]
    assert "cp1252 (not UTF-8) text" in t.resaved_signs


def test_bad_records_are_returned_not_dropped_silently():
    t = read_csv_bytes(b"a,b\n1,2\n3,4,5\n6,7\n")
    assert t.frame["a"].tolist() == ["1", "6"]
    assert t.bad_records == [["3", "4", "5"]]


def test_missing_expected_header_falls_back_to_first_line():
    t = read_csv_bytes(b"Name,Company\nAna,Acme\n", expected=["First Name"])
    assert t.header_line == 1 and list(t.frame.columns) == ["Name", "Company"]


def test_empty_bytes():
    t = read_csv_bytes(b"")
    assert len(t.frame) == 0 and len(t.lines) == 0


def test_helpers():
    assert sniff_delimiter('"a;b",c,d') == ","
    assert detect_encoding("x".encode("utf-16-be")[2:] * 3) in ("utf-16-be", "utf-8")
    assert decode(codecs.BOM_UTF8 + b"x") == ("x", "utf-8-sig")
    assert find_header(['"Notes:"', "First Name,Last Name"], ["first name"]) == 1


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n"),
    min_size=0,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, names), min_size=1, max_size=8))
def test_round_trip_of_quoted_values(rows):
    import csv
    import io

    rows = [r for r in rows if any(v.strip() for v in r)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(["First Name", "Last Name"])
    w.writerows(rows)
    t = read_csv_bytes(buf.getvalue().encode("utf-8"), expected=["First Name"])
    assert [tuple(r) for r in t.frame.itertuples(index=False)] == [tuple(r) for r in rows]
    # line numbers: each record starts after the previous one's lines
    expected, line = [], 2
    for r in rows:
        expected.append(line)
        line += 1 + sum(v.count("\n") for v in r)
    assert t.lines.tolist() == expected


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_delimiters(sep):
    t = read_csv_bytes(f"a{sep}b\n1{sep}2\n".encode())
    assert t.delimiter == sep and t.frame.to_dict("list") == {"a": ["1"], "b": ["2"]}


def test_arrow_fast_path_matches_c_engine(monkeypatch):
    from netlytics.loaders import _io

    # > 1 MiB so the pyarrow reader is used; quoted newlines and a surname "NA"
    row = '"Zoë","NA","two\nlines, one comma","",""\n'
    raw = ('"First Name","Last Name","Body","Empty","NA"\n' + row * 30000).encode()
    fast = read_csv_bytes(raw, expected=["First Name"])
    monkeypatch.setattr(_io, "_parse_arrow", lambda *a: None)
    slow = read_csv_bytes(raw, expected=["First Name"])
    assert len(fast.frame) == 30000
    import pandas as pd

    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_dtype=False)
    assert (fast.lines == slow.lines).all() and fast.lines[:2].tolist() == [2, 4]
    assert fast.frame["Last Name"].iloc[0] == "NA"


def test_bad_records_keep_their_physical_lines_and_later_lines_stay_exact():
    # line 1 header; line 2-3 one record (quoted newline); line 4 bad (3 fields); line 5 blank;
    # line 6 a record
    t = read_csv_bytes(b'a,b\n"1\n1",2\n3,4,5\n\n6,7\n')
    assert t.frame.to_dict("list") == {"a": ["1\n1", "6"], "b": ["2", "7"]}
    assert t.lines.tolist() == [2, 6]
    assert t.bad_records == [["3", "4", "5"]] and t.bad_lines == [4]


def test_extra_fields_on_the_first_record_are_never_an_index():
    t = read_csv_bytes(b"Date,Who,How\n2025-01-06,Bo,coffee,extra\n2025-01-07,Cy\n")
    assert t.frame.to_dict("list") == {"Date": ["2025-01-07"], "Who": ["Cy"], "How": [""]}
    assert t.bad_lines == [2] and t.lines.tolist() == [3]


def test_unclosed_quote_is_a_format_error():
    with pytest.raises(FormatError, match=r"x\.csv.*never closed"):
        read_csv_bytes(b'a,b\n"1,2\n3,4\n', name="x.csv")


def test_usecols_drops_columns_after_line_numbers_are_known():
    t = read_csv_bytes(b'a,b,c\n1,"x\ny",3\n4,5,6\n', usecols=["a", "c", "missing"])
    assert list(t.frame.columns) == ["a", "c"] and t.lines.tolist() == [2, 4]


@pytest.mark.parametrize("end", [b"\n", b"\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_big_files_line_numbers_with_and_without_embedded_newlines(end, final):
    # over 1 MiB: the pyarrow path; the newline count decides whether fields are scanned
    rows = [b"x,y"] * 200_000
    plain = b"a,b" + end + end.join(rows) + (end if final else b"")
    t = read_csv_bytes(plain)
    assert len(t.frame) == 200_000 and t.lines[[0, -1]].tolist() == [2, 200_001]
    quoted = b"a,b" + end + b'"p' + end + b'q",z' + end + end.join(rows) + (end if final else b"")
    t = read_csv_bytes(quoted)
    assert t.frame["a"].iloc[0] == "p" + end.decode() + "q" or t.frame["a"].iloc[0] == "p\nq"
    assert t.lines[[0, 1, -1]].tolist() == [2, 4, 200_003]
