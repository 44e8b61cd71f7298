"""Every writer's output opens in an independent reader, whatever characters the input held
(issue 18): openpyxl for .xlsx, the csv module for CSV, pyarrow for Parquet, icalendar for the
plan's .ics, html.parser for the report. Never netlytics' own loaders: a writer and its reader
must not share a mistake (U+FFFE passed through anonymize into a workbook Excel cannot open)."""

from __future__ import annotations

import csv
import html.parser
import re

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from netlytics._sanitize import TARGETS, sanitize
from netlytics.data import NetworkData
from netlytics.export import csv_text, neutralise_csv, write_tables
from tests.reliability import record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

#: in the style of the Big List of Naughty Strings (written here, not copied): reserved words,
#: control characters, XML-illegal and noncharacters, bidi and zero-width marks, emoji, markup,
#: formula starts, huge and combining text
NAUGHTY = [
    "undefined", "null", "NULL", "nil", "None", "NaN", "true", "0", "-1", "1E+02", "0x0",
    "\x00nul start", "tab\tinside", "bell\x07 ring", "vt\x0b ff\x0c", "esc\x1b[31m red",
    "del\x7f c1\x85\x9f", "nonchar \ufffe\uffff", "astral nonchar \U0001fffe\U0010ffff",
    "fdd0 \ufdd0\ufdef", "bom \ufeff start", "zero\u200bwidth\u200d", "rtl \u202eevil\u202c",
    "line\u2028sep\u2029para", "crlf\r\ninside", "lone cr\rhere", "emoji 👩‍👩‍👧 🏳️‍🌈",
    "Ẓ̧̛̝a̷̼͓l̙g̥o", "日本語 テスト", "عربى", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "]]><!--", "&amp; &#0; &#xFFFE;", "' OR 1=1 --",
    "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "\u0000=cmd|' /C calc'!A0", "${jndi:ldap://x}",
    "a" * 40_000,
]  # fmt: skip
#: lone surrogates cannot be stored in the canonical (Arrow-backed) tables, but object columns
#: handed to the renderers can hold them
SURROGATES = ["half pair \ud83d", "low \udc00 alone"]


def naughty_data() -> NetworkData:
    n = len(NAUGHTY)
    return NetworkData(
        contacts=pd.DataFrame(
            {
                "seeker": "Client 01",
                "contact_id": [f"name:c{i:02d}" for i in range(n)],
                "name": NAUGHTY,
                "company": NAUGHTY[::-1],
                "position": NAUGHTY,
            }
        ),
        problems=pd.DataFrame({"source": "t.csv", "value": NAUGHTY, "reason": NAUGHTY[::-1]}),
    )


def _expected(values, target: str, *, csv_file: bool = False) -> list[str]:
    s = sanitize(pd.Series(values, dtype="str"), target)
    s = neutralise_csv(s) if csv_file else s
    return s.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False).tolist()


def test_xlsx_opens_in_openpyxl(tmp_path):
    out = write_tables(naughty_data(), tmp_path / "naughty.xlsx")
    wb = openpyxl.load_workbook(out)  # raised on U+FFFE before
    rows = list(wb["contacts"].iter_rows(values_only=True))
    header = list(rows[0])
    names = [r[header.index("name")] for r in rows[1:]]
    assert names == _expected(NAUGHTY, "xlsx")
    assert all(len(v) <= 32_767 for r in rows for v in r if isinstance(v, str))
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    record("writers: naughty text through xlsx, read by openpyxl", "opens, text kept")


def test_csv_folder_reads_with_the_csv_module(tmp_path):
    out = write_tables(naughty_data(), tmp_path / "naughty")  # no suffix: a folder of CSV files
    assert sorted(p.name for p in out.iterdir())[:3] == [
        "applications.csv",
        "contacts.csv",
        "interactions.csv",
    ]
    with open(out / "contacts.csv", encoding="utf-8", newline="") as f:  # strict UTF-8
        rows = list(csv.DictReader(f))  # raised "line contains NUL" before
    assert [r["name"] for r in rows] == _expected(NAUGHTY, "csv", csv_file=True)
    with open(out / "netlytics_problems.csv", encoding="utf-8", newline="") as f:
        assert [r["value"] for r in csv.DictReader(f)] == _expected(NAUGHTY, "csv", csv_file=True)
    record("writers: naughty text through csv, read by the csv module", "opens, text kept")


def test_parquet_reads_with_pyarrow(tmp_path):
    out = write_tables(naughty_data(), tmp_path / "naughty.parquet")
    table = pq.read_table(out / "contacts")
    assert sorted(table.column("name").to_pylist()) == sorted(NAUGHTY)  # nothing to remove
    record("writers: naughty text through parquet, read by pyarrow", "opens, text kept")


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_sanitize_leaves_nothing_the_format_forbids(target):
    xml_char = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    values = [*NAUGHTY, *SURROGATES]
    out = [sanitize(v, target) for v in values]
    for v in out:
        v.encode("utf-8")  # no lone surrogate left: every target is UTF-8
    if target in ("xml", "xlsx", "pptx", "html", "ics"):
        assert not any(xml_char.search(v) for v in out)
    if target in ("html", "ics"):
        assert not any(re.search("[\x7f-\x9f\ufdd0-\ufdef\U0001fffe\U0010ffff]", v) for v in out)
    if target == "ics":
        assert not any(re.search("[\x00-\x08\x0b-\x1f]", v) for v in out)
    if target == "csv":
        assert not any("\x00" in v for v in out)
    # an object Series (which may hold surrogates) gives the same as the scalar function
    assert sanitize(pd.Series(values, dtype=object), target).tolist() == out


def _actions(texts: list[str]) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "seeker": ["Client 01"] * n,
            "rank": range(1, n + 1),
            "action": ["follow_up"] * n,
            "contact_id": [f"c{i}" for i in range(n)],
            "contact_name": pd.Series(texts, dtype=object),
            "company": pd.Series(texts[::-1], dtype=object),
            "mistake": ["follow_up"] * n,
            "due": pd.to_datetime(["2025-03-17"] * n, utc=True),
            "reason": pd.Series(texts, dtype=object),
            "evidence": [[f"i{i}"] for i in range(n)],
        }
    )


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param([t for t in NAUGHTY if len(t) < 100], id="naughty"),
        pytest.param(SURROGATES, id="surrogates"),
    ],
)
def test_plan_ics_reads_with_icalendar(texts):
    import icalendar

    from netlytics.plan import to_ics

    ics = to_ics(_actions(texts), as_of="2025-03-16")
    text = ics.decode("utf-8")  # strict
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", text)
    cal = icalendar.Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(texts)


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.slow
def test_report_html_parses_and_holds_no_forbidden_character(tmp_path):
    from netlytics.report import write_report
    from tests.report.conftest import tiny_data

    base = tiny_data()
    short = [t for t in NAUGHTY if len(t) < 100]
    names = (short * 2)[: len(base.contacts)]
    data = base.replace(contacts=base.contacts.assign(name=names, company=names[::-1]))
    out = write_report(data, tmp_path / "r.html")
    page = out.read_bytes().decode("utf-8")  # strict: no lone surrogate escaped into the file
    # outside scripts (the bundled plotly.min.js holds a raw \x01 and \x1a in string literals,
    # which browsers accept); the data itself is inside scripts as escaped JSON
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    forbidden = re.findall("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]", markup)
    assert not forbidden, sorted(set(forbidden))
    parser = _Collector()
    parser.feed(page)
    parser.close()
    clean = write_report(base, tmp_path / "clean.html").read_text(encoding="utf-8")
    ref = _Collector()
    ref.feed(clean)
    # the names add text, never an element (no <script> or <img> from a contact's name)
    assert parser.tags.count("script") == ref.tags.count("script")
    assert parser.tags.count("img") == ref.tags.count("img")
    record("writers: naughty names through the report, parsed by html.parser", "parses")


def test_plan_csv_reads_with_the_csv_module():
    import io

    from netlytics.cli.plan import render_csv

    texts = [t for t in NAUGHTY if len(t) < 100] + SURROGATES
    text = render_csv(_actions(texts))
    text.encode("utf-8")  # strict: no lone surrogate left
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = csv_text(pd.Series(texts, dtype=object)).tolist()
    assert [r["contact_name"] for r in rows] == expected
    record("writers: naughty text through the plan's CSV, read by the csv module", "opens")
