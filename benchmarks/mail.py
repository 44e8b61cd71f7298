"""Benchmark: the mail and calendar loaders on a large generated mailbox and calendar.

Generates (in a temporary folder, default /tmp) a Takeout-shaped CRLF mbox of ``--messages``
messages whose attachments bring it to ``--gb`` gigabytes, and a ``--years`` calendar of
``--events`` events of which a fifth recur. Then, each in a fresh process: the raw read speed of
the mbox (8 MiB chunks, the floor), the mbox load (wall time, MB/s, peak RSS), the calendar load.

Budgets (issue 14): mbox < 20 s and peak < 600 MB for 2 GB / 100,000 messages; calendar < 5 s.

Usage::

    python -m benchmarks.mail                      # the full 2 GB run
    python -m benchmarks.mail --gb 0.1 --messages 5000 --events 2000
    python -m benchmarks.mail --only calendar      # the calendar budget alone
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rfc(dt: datetime) -> str:
    return f"{DAYS[dt.weekday()]}, {dt.day} {MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M:%S} +0000"


def write_mbox(path: Path, n: int, target_bytes: int, seed: int = 7) -> int:
    """A Takeout-like mbox: CRLF, labels, a fifth sent, bulk mail, base64 attachments."""
    rng = random.Random(seed)
    blob = base64.encodebytes(rng.randbytes(3 << 20)).replace(b"\n", b"\r\n")
    base = datetime(2016, 1, 1, tzinfo=UTC)
    with_attachment = max(1, n // 5)
    per_attachment = max(0, (target_bytes - n * 700) // with_attachment)
    written = 0
    with open(path, "wb", buffering=8 << 20) as f:
        for i in range(n):
            at = base + timedelta(seconds=rng.randrange(10 * 365 * 86400))
            sent = i % 5 == 0
            person = f"person{rng.randrange(3000)}@example.org"
            frm, to = (
                ("Ada Example <ada@example.com>", person)
                if sent
                else (f"P {i} <{person}>", "ada@example.com")
            )
            labels = (
                "Sent"
                if sent
                else rng.choice(["Inbox", "Inbox,Category Updates", "Inbox,Important", "Archived"])
            )
            bulk = "List-Unsubscribe: <mailto:u@list.example>\r\n" if i % 7 == 3 else ""
            head = (
                f"From 17{i:017d}@xxx {at:%a %b %d %H:%M:%S} +0000 {at.year}\r\n"
                f"X-GM-THRID: 17{i:017d}\r\nX-Gmail-Labels: {labels}\r\n"
                + (
                    ""
                    if sent
                    else f"Delivered-To: ada@example.com\r\nReceived: by 2002:a0c:{i} with SMTP\r\n"
                )
                + f"From: {frm}\r\nTo: {to}\r\nSubject: Message number {i}\r\nDate: {_rfc(at)}\r\n"
                f"Message-ID: <m{i}@example.org>\r\n{bulk}MIME-Version: 1.0\r\n"
                'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
                "--b1\r\nContent-Type: text/plain\r\n\r\nHello,\r\nFrom here on the body speaks.\r\n\r\n"
            ).encode()
            f.write(head)
            written += len(head)
            if i % 5 == 1 and per_attachment:
                start = rng.randrange(len(blob) - per_attachment) if per_attachment < len(blob) else 0
                part = b"--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                f.write(part)
                f.write(blob[start : start + per_attachment])
                written += len(part) + min(per_attachment, len(blob))
            f.write(b"\r\n--b1--\r\n\r\n")
            written += 12
    return written


def write_calendar(path: Path, n: int, years: int, seed: int = 7) -> None:
    """A Google-shaped calendar: UTC single events, TZID series (a fifth), Meet links, rooms."""
    rng = random.Random(seed)
    start = datetime(2026 - years, 1, 5, 8)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "X-WR-CALNAME:ada@example.com",
        "X-WR-TIMEZONE:Europe/Berlin",
    ]
    for i in range(n):
        s = start + timedelta(days=rng.randrange(years * 365), hours=rng.randrange(10))
        e = s + timedelta(minutes=30)
        lines += ["BEGIN:VEVENT", f"UID:ev{i}@google.com"]
        if i % 5 == 0:
            rule = rng.choice(
                [
                    "FREQ=WEEKLY;COUNT=12",
                    "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20",
                    "FREQ=MONTHLY;COUNT=6",
                    f"FREQ=WEEKLY;UNTIL={(s + timedelta(days=90)):%Y%m%dT%H%M%SZ}",
                    "FREQ=DAILY;COUNT=10",
                ]
            )
            lines += [
                f"DTSTART;TZID=Europe/Berlin:{s:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Berlin:{e:%Y%m%dT%H%M%S}",
                f"RRULE:{rule}",
                f"EXDATE;TZID=Europe/Berlin:{(s + timedelta(days=7)):%Y%m%dT%H%M%S}",
            ]
        else:
            lines += [f"DTSTART:{s:%Y%m%dT%H%M%SZ}", f"DTEND:{e:%Y%m%dT%H%M%SZ}"]
        lines += [
            "ORGANIZER;CN=Ada Example:mailto:ada@example.com",
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ada Example;X-NUM-GUESTS=0:mailto:ada@example.com",
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=P {i};X-NUM-GUESTS=0:mailto:person{rng.randrange(3000)}@example.org",
        ]
        if i % 3 == 0:
            lines += [
                "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
                "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nOr dial: (US) +1 555-010-0199 PIN: 123456789#",
            ]
        elif i % 3 == 1:
            lines += [
                "LOCATION:Cafe Example\\, Main Street 1",
                "ATTENDEE;CUTYPE=ROOM:mailto:room1@resource.calendar.google.com",
            ]
        lines += ["STATUS:CONFIRMED", f"SUMMARY:Meeting {i}", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n")


_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
kind, path = sys.argv[1], Path(sys.argv[2])
t = time.perf_counter()
if kind == "raw":
    n = 0
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(8 << 20):
            n += len(chunk)
    out = {}
else:
    import pandas as pd
    from netlytics.loaders._options import LoadOptions
    from netlytics.loaders.mail import load
    t_load, c_load = time.perf_counter(), time.process_time()
    data = load(path, LoadOptions(future_after=pd.Timestamp("2026-12-01", tz="UTC")))
    out_load = {"load_seconds": time.perf_counter() - t_load, "load_cpu": time.process_time() - c_load}
    src = data.sources
    out = {"rows_read": int(src["rows_read"].sum()), "loaded": int(src["loaded"].sum()),
           "excluded": int(src["excluded"].sum()), "problems": int(src["problems"].sum()), **out_load}
out["seconds"] = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_SELF)
out["cpu"] = usage.ru_utime + usage.ru_stime
out["peak_mb"] = usage.ru_maxrss / 1024
print(json.dumps(out))
"""


def _run(kind: str, path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gb", type=float, default=2.0)
    p.add_argument("--messages", type=int, default=100_000)
    p.add_argument("--events", type=int, default=20_000)
    p.add_argument("--years", type=int, default=10)
    p.add_argument("--dir", default=tempfile.gettempdir())
    p.add_argument("--keep", action="store_true", help="keep the generated files")
    p.add_argument("--only", choices=["mbox", "calendar"], help="run one of the two benchmarks")
    a = p.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="netlytics-mail-bench-", dir=a.dir))
    mbox, ics = folder / "All mail Including Spam and Trash.mbox", folder / "ada@example.com.ics"
    t = time.perf_counter()
    size = write_mbox(mbox, a.messages, int(a.gb * 1e9)) if a.only != "calendar" else 0
    if a.only != "mbox":
        write_calendar(ics, a.events, a.years)
    print(
        "generated "
        + (f"{size / 1e6:,.0f} MB mbox ({a.messages:,} messages) " if a.only != "calendar" else "")
        + (f"{a.events:,} calendar events " if a.only != "mbox" else "")
        + f"in {time.perf_counter() - t:.0f} s"
    )
    try:
        raw = _run("raw", mbox) if a.only != "calendar" else None
        got = _run("load", mbox) if a.only != "calendar" else None
        cal = _run("load", ics) if a.only != "mbox" else None
    finally:
        if not a.keep:
            for f in (mbox, ics):
                f.unlink(missing_ok=True)
            folder.rmdir()
    print(
        f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times include others' load)"
    )
    ok = True
    if got is not None:
        ok = _print_mbox(raw, got, size / 1e6) and ok
    if cal is not None:
        print(
            f"calendar:  {cal['seconds']:.2f} s wall, {cal['cpu']:.2f} s CPU (the load itself: "
            f"{cal['load_seconds']:.2f} s wall, {cal['load_cpu']:.2f} s CPU; the rest is imports)  "
            f"peak {cal['peak_mb']:,.0f} MB  rows {cal['rows_read']:,} ({cal['loaded']:,} loaded)  [budget < 5 s]"
        )
        ok = cal["seconds"] < 5 and ok
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


def _print_mbox(raw: dict, got: dict, mb: float) -> bool:
    """Print the mbox figures; True when within budget."""
    print(f"raw read:  {raw['seconds']:.2f} s  {mb / raw['seconds']:,.0f} MB/s (the floor)")
    print(
        f"mbox load: {got['seconds']:.2f} s wall, {got['cpu']:.2f} s CPU  {mb / got['seconds']:,.0f} MB/s "
        f"({mb / got['cpu']:,.0f} MB/s of CPU)  peak {got['peak_mb']:,.0f} MB  "
        f"rows {got['rows_read']:,} = {got['loaded']:,} loaded + {got['excluded']:,} excluded + {got['problems']:,} problems"
        f"  [budget < 20 s, < 600 MB]"
    )
    return got["seconds"] < 20 and got["peak_mb"] < 600


if __name__ == "__main__":
    raise SystemExit(main())
