"""Property tests: random and mutated bytes never crash a loader, and every row is accounted for.

Every example must end in a NetlyticsError that names the file and the cause, or in a load
where, per file, rows read = loaded + excluded + problems (``outcome_of``).
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netlytics
from tests.reliability import assert_accounted, outcome_of, record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AS_OF = "2026-01-01"

CONNECTIONS = (
    b'Notes:\n"When exporting your connection data, you may notice..."\n\n'
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Test,Person,https://www.linkedin.com/in/test-person-fictional,,Example Co,Engineer,05 Mar 2024\n"
    b"Demo,Sample,https://www.linkedin.com/in/demo-sample-fictional,,Example Co,Analyst,06 Mar 2024\n"
)
TRACKER_CSV = b"Date,Who,How,What\n2025-01-06,Test Person,coffee,\n2025-01-07,Demo Sample,e-mail,thank you\n"


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "interactions"
    ws.append(["at", "contact", "channel", "direction", "kind"])
    ws.append(["2025-01-06", "Test Person", "email", "outbound", "message"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


BASES = {
    ".csv": TRACKER_CSV,
    ".xlsx": _xlsx(),
    ".zip": _zip({"Connections.csv": CONNECTIONS, "Profile.csv": b"First Name,Last Name\nAda,Quill\n"}),
}


def _write(data: bytes, suffix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="netlytics-fuzz-"))
    path = folder / f"fuzzed{suffix}"
    path.write_bytes(data)
    return path


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".zip", ".xls"]))
def test_random_bytes(data, suffix):
    out = outcome_of(_write(data, suffix), future_after=AS_OF)
    record("random bytes named .csv, .xlsx, .xls or .zip", out)


@SETTINGS
@given(
    suffix=st.sampled_from(sorted(BASES)),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=12),
)
def test_truncated_and_corrupted_files(suffix, cut, flips):
    raw = bytearray(BASES[suffix][: int(len(BASES[suffix]) * cut) or None])
    for where, byte in flips:
        if raw:
            raw[min(int(where * len(raw)), len(raw) - 1)] = byte
    out = outcome_of(_write(bytes(raw), suffix), future_after=AS_OF)
    record("valid tracker CSV, xlsx or export zip, truncated and with bytes flipped", out)


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@SETTINGS
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=6), max_size=15),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]),
)
def test_random_delimited_text_as_tracker_and_connections(rows, delimiter, encoding):
    """Random (ragged) rows under a tracker header and under a Connections.csv header."""
    for header, name in (
        (["Date", "Who", "How", "What"], "tracker.csv"),
        (
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
            "Connections.csv",
        ),
    ):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        try:
            raw = buf.getvalue().encode(encoding)
        except UnicodeEncodeError:
            raw = buf.getvalue().encode(encoding, errors="replace")
        folder = Path(tempfile.mkdtemp(prefix="netlytics-fuzz-"))
        path = folder / name
        path.write_bytes(raw)
        out = outcome_of(path, future_after=AS_OF)
        record("random ragged rows, 3 delimiters, 7 encodings (tracker and Connections.csv)", out)


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["2025-01-06", "06/01/2025", "soon", "", "45663", "2025-13-40", "1 Feb 2025"]),
            st.sampled_from(
                ["Test Person", "", "demo@example.org", "https://www.linkedin.com/in/x-fictional"]
            ),
            st.sampled_from(["coffee", "email", "zoom", "pigeon", ""]),
        ),
        max_size=20,
    )
)
def test_loading_is_idempotent_and_accounted(rows):
    """Loading the same tracker twice gives the same tables; every row is accounted for."""
    folder = Path(tempfile.mkdtemp(prefix="netlytics-fuzz-"))
    path = folder / "seeker.csv"
    pd.DataFrame(rows, columns=["Date", "Who", "How"]).to_csv(path, index=False)
    try:
        first = netlytics.load(path, future_after=AS_OF)
    except netlytics.NetlyticsError:
        record("random tracker rows: idempotent load", "error")
        return
    second = netlytics.load(path, future_after=AS_OF)
    assert_accounted(first)
    for name in ("contacts", "interactions", "problems"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    record("random tracker rows: idempotent load", "problems" if len(first.problems) else "loaded")
