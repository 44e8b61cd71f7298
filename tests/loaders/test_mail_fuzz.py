"""Property tests for the mail, calendar and address-book readers (like tests/reliability/test_fuzz.py
for LinkedIn): mutated and random bytes never crash a reader, every row is accounted for, body
lines never split messages, and marker words planted in bodies, subjects and descriptions never
reach a table."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import after_merge, load
from netlytics.loaders.mail._split import split_mbox

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPT = LoadOptions(future_after=pd.Timestamp("2026-06-01", tz="UTC"), me=("ada@example.com",))
MARK = "ZQXMARKER"

MBOX = (
    b"From 1@xxx Mon Jan 05 09:00:00 +0000 2026\r\nX-Gmail-Labels: Sent\r\nFrom: Ada <ada@example.com>\r\n"
    b"To: Bob <bob@example.org>, carl@example.net\r\nDate: Mon, 5 Jan 2026 10:00:00 +0000\r\nMessage-ID: <a@x>\r\n\r\nbody\r\n\r\n"
    b"From 2@xxx Mon Jan 05 11:00:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nFrom: Bob <bob@example.org>\r\n"
    b"To: ada@example.com\r\nDate: Mon, 5 Jan 2026 12:00:00 +0000\r\nIn-Reply-To: <a@x>\r\nMessage-ID: <b@x>\r\n\r\nreply\r\n"
)
ICS = (
    b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:ada@example.com\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260105T100000Z\r\n"
    b"RRULE:FREQ=WEEKLY;COUNT=3\r\nORGANIZER:mailto:ada@example.com\r\nATTENDEE;CN=Bob:mailto:bob@example.org\r\n"
    b"LOCATION:Cafe\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
VCF = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEMAIL:bob@example.org\r\nEND:VCARD\r\n"


def _accounted(data) -> None:
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all(), inv
    data.validate()


def _load_bytes(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        return load(p, OPT)


@SETTINGS
@given(st.sampled_from([("a.mbox", MBOX), ("a.ics", ICS), ("a.vcf", VCF)]), st.data())
def test_mutated_files_load_and_account(base, data):
    name, raw = base
    pos = data.draw(st.integers(0, len(raw)))
    cut = data.draw(st.integers(0, 40))
    junk = data.draw(st.binary(max_size=40))
    out = _load_bytes(name, raw[:pos] + junk + raw[pos + cut :])
    _accounted(out)
    _accounted(after_merge(out))


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from(["x.mbox", "x.ics", "x.vcf", "x.eml"]))
def test_random_bytes_never_crash(raw, name):
    _accounted(_load_bytes(name, raw))


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            ["From here on", "From me", ">From x", "From 1@xxx", "From: x", "", "From a@b Mon Jan"]
        ),
        max_size=8,
    )
)
def test_body_from_lines_never_split(lines):
    body = "\r\n".join(lines).encode()
    box = MBOX.replace(b"reply\r\n", body + b"\r\nreply\r\n").replace(b"body\r\n", body + b"\r\n")
    assert len(list(split_mbox(io.BytesIO(box)))) == 2


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_marker_words_in_bodies_subjects_and_descriptions_never_reach_a_table(noise):
    text = f"{MARK} {noise}".replace("\r", " ").replace("\n", " ")
    box = MBOX.replace(b"\r\n\r\nbody", f"\r\nSubject: {text}\r\n\r\nbody {text}".encode()).replace(
        b"reply", text.encode()
    )
    ics = ICS.replace(b"LOCATION:Cafe", f"LOCATION:Cafe\r\nSUMMARY:{text}\r\nDESCRIPTION:{text}".encode())
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "a.mbox").write_bytes(box)
        (Path(d) / "c.ics").write_bytes(ics)
        (Path(d) / "b.vcf").write_bytes(VCF.replace(b"END:VCARD", f"NOTE:{text}\r\nEND:VCARD".encode()))
        out = after_merge(load(Path(d), OPT))
    for name in ("contacts", "interactions", "excluded", "problems", "notes", "sources", "owner"):
        assert MARK not in getattr(out, name).astype("str").to_csv(), name
