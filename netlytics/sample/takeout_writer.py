"""A Google Takeout for a sample seeker: an mbox, a calendar and an address book, as bytes.

Built from a :class:`~netlytics.sample.story.SeekerStory`: its e-mails become messages (CRLF,
Takeout separator lines, ``X-Gmail-Labels``), its meetings become calendar events (Meet links for
video, ``tel:`` locations for calls, caf\u00e9s for meetings in person), its contacts become vCards
(Google's 3.0 form, LinkedIn URLs in ``itemN.URL``). Mail and calendar noise that netlytics must
leave out is added on purpose: newsletters, job alerts from no-reply senders, spam, a draft, a
broadcast, notes to self, strangers who write once, an all-day event, a declined and a cancelled
meeting, a room-only focus block, and a weekly series with an exception. Subjects and bodies are
invented filler; netlytics never reads them. Deterministic: no clock, no randomness beyond the
story's own.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from netlytics.identity import normalise_name
from netlytics.sample._bytes import DAYS, MONTHS, zip_bytes

__all__ = ["write_takeout", "takeout_name"]

_ZIP_DATE = (2026, 1, 1, 0, 0, 0)
_CAFES = (
    "Cafe Example, Main Street 1",
    "Sample Roasters, Harbour Road 5",
    "The Placeholder Deli, 3rd Avenue",
)


def takeout_name(as_of: pd.Timestamp) -> str:
    """``takeout-YYYYMMDDTHHMMSSZ-001.zip`` for the story's ``as_of``.

    Parameters
    ----------
    as_of
        The story's end (the archive's creation time).

    Returns
    -------
    str

    See Also
    --------
    write_takeout

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> takeout_name(pd.Timestamp("2026-03-31 17:30", tz="UTC"))
    'takeout-20260331T173000Z-001.zip'
    """
    return f"takeout-{as_of:%Y%m%dT%H%M%S}Z-001.zip"


def _utc(value) -> pd.Timestamp:
    """A tracker time (zone-less: UTC) as a UTC timestamp."""
    t = pd.Timestamp(value)
    return t.tz_localize("UTC") if t.tzinfo is None else t


def _rfc(t: pd.Timestamp) -> str:
    """An RFC 5322 ``Date:`` value."""
    return f"{DAYS[t.weekday()]}, {t.day} {MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} +0000"


def _separator(n: int, t: pd.Timestamp) -> str:
    """The mbox ``From`` line of message ``n``, as Takeout writes it."""
    return f"From 17900000000{n:08d}@xxx {DAYS[t.weekday()]} {MONTHS[t.month - 1]} {t.day:02d} {t:%H:%M:%S} +0000 {t.year}"


def _people(story) -> dict[str, tuple[str, str]]:
    """Normalised name -> (display name, e-mail address) for everyone in the tracker."""
    c = story.tracker.contacts
    keys = normalise_name(c["name"].astype("str"))
    out = {}
    for key, name, email in zip(keys, c["name"], c["email"], strict=True):
        if isinstance(key, str):
            addr = (
                email if isinstance(email, str) and "@" in email else key.replace(" ", ".") + "@mail.example"
            )
            out[key] = (name, addr.lower())
    return out


def _message(n: int, t: pd.Timestamp, labels: str, frm: str, to: str, extra: str = "", body: str = "") -> str:
    """One mbox message (CRLF line ends): separator, Gmail headers, filler body."""
    lines = [
        _separator(n, t),
        f"X-GM-THRID: 17900000000{n:08d}",
        f"X-Gmail-Labels: {labels}",
        *(
            []
            if "Sent" in labels or "Draft" in labels
            else ["Delivered-To: " + to.split("<")[-1].rstrip(">")]
        ),
        f"From: {frm}",
        f"To: {to}",
        f"Subject: Sample message {n}",
        f"Date: {_rfc(t)}",
        f"Message-ID: <sample{n}@mail.example>",
        *([extra] if extra else []),
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="UTF-8"',
        "",
        body or "Hello,\r\nFrom here on this is invented filler text.\r\nBest wishes",
        "",
    ]
    return "\r\n".join(lines) + "\r\n"


def _mbox(story, owner: tuple[str, str]) -> bytes:
    """The seeker's e-mails (every kind on channel email) plus the noise netlytics excludes."""
    people = _people(story)
    me = f"{owner[0]} <{owner[1]}>"
    ix = story.tracker.interactions
    mail = ix[ix["channel"] == "email"].sort_values(["at", "interaction_id"], kind="stable")
    out: list[str] = []
    last_sent: dict[str, int] = {}
    keys = normalise_name(mail["contact"].astype("str"))
    for n, (key, row) in enumerate(zip(keys, mail.itertuples(index=False), strict=True), 1):
        if key not in people:
            continue
        name, addr = people[key]
        t = _utc(row.at)
        if row.direction == "outbound":
            out.append(_message(n, t, "Sent,Job search", me, f"{name} <{addr}>"))
            last_sent[addr] = n
        else:
            reply = f"In-Reply-To: <sample{last_sent[addr]}@mail.example>" if addr in last_sent else ""
            out.append(_message(n, t, "Inbox,Important,Job search", f"{name} <{addr}>", me, reply))
    out += _noise(len(mail) + 1, story, me)
    return "".join(out).encode("utf-8")


def _noise(n: int, story, me: str) -> list[str]:
    """Mail netlytics must leave out, spread over the story's weeks."""
    ix = story.tracker.interactions
    start = _utc(ix["at"].min()).normalize() + pd.Timedelta(hours=7)
    weeks = max(1, int((_utc(ix["at"].max()) - start).days // 7))
    out = []
    for w in range(weeks):  # one newsletter, one job alert and one social notice a week
        t = start + pd.Timedelta(days=7 * w)
        out.append(
            _message(
                n,
                t,
                "Inbox,Category Promotions",
                "Example Jobs Weekly <news@jobs-weekly.example>",
                me,
                "List-Unsubscribe: <mailto:unsubscribe@jobs-weekly.example>",
            )
        )
        out.append(
            _message(
                n + 1,
                t + pd.Timedelta(hours=1),
                "Inbox,Category Updates",
                "Job Alerts <no-reply@alerts.example>",
                me,
            )
        )
        out.append(
            _message(
                n + 2,
                t + pd.Timedelta(hours=2),
                "Inbox,Category Social",
                "Social Site <notifications@social.example>",
                me,
                "Precedence: bulk",
            )
        )
        n += 3
    t = start + pd.Timedelta(days=3)
    broadcast = ", ".join(f"Friend {i} <friend{i}@mail.example>" for i in range(1, 9))
    out += [
        _message(n, t, "Spam", "Prize Desk <winner@prizes.example>", me),
        _message(n + 1, t + pd.Timedelta(hours=1), "Draft", me, "Someone <someone@mail.example>"),
        _message(n + 2, t + pd.Timedelta(hours=2), "Sent", me, broadcast),
        _message(n + 3, t + pd.Timedelta(hours=3), "Sent", me, me),
        _message(
            n + 4, t + pd.Timedelta(days=9), "Inbox", "Cold Recruiter <cold.recruiter@staffing.example>", me
        ),
        _message(n + 5, t + pd.Timedelta(days=20), "Inbox", "Vendor Sales <sales.rep@vendor.example>", me),
        _message(
            n + 6,
            t + pd.Timedelta(days=30),
            "Inbox",
            "Mail Delivery Subsystem <mailer-daemon@mail.example>",
            me,
            "Auto-Submitted: auto-replied",
        ),
    ]
    return out


def _ics_time(t: pd.Timestamp) -> str:
    """An iCalendar UTC time (``20250901T090000Z``)."""
    return f"{t.tz_convert('UTC'):%Y%m%dT%H%M%S}Z"


def _event(
    uid: str,
    start: pd.Timestamp,
    minutes: int,
    organizer: tuple[str, str],
    guests: list[tuple[str, str]],
    extra: list[str],
) -> list[str]:
    """One ``VEVENT`` with its organiser and accepted guests (``extra``: place and other lines)."""
    lines = [
        "BEGIN:VEVENT",
        f"DTSTART:{_ics_time(start)}",
        f"DTEND:{_ics_time(start + pd.Timedelta(minutes=minutes))}",
        f"DTSTAMP:{_ics_time(start)}",
        f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
        f"UID:{uid}",
    ]
    for name, addr in [organizer, *guests]:
        lines.append(
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={name};X-NUM-GUESTS=0:mailto:{addr}"
        )
    return [*lines, *extra, "STATUS:CONFIRMED", "SUMMARY:Sample meeting", "TRANSP:OPAQUE", "END:VEVENT"]


def _place(channel: str, i: int) -> list[str]:
    """Where meeting ``i`` happens: a Meet link, a phone number or a café."""
    if channel == "video":
        link = f"https://meet.google.com/sam-{i % 1000:03d}-ple"
        return [
            f"X-GOOGLE-CONFERENCE:{link}",
            f"DESCRIPTION:Join with Google Meet: {link}\\nOr dial: (US) +1 555-010-0199 PIN: 123456789#",
            "LOCATION:",
        ]
    if channel == "phone":
        return [f"LOCATION:tel:+1-555-010-{i % 10000:04d}", "DESCRIPTION:Invented filler"]
    return [f"LOCATION:{_CAFES[i % len(_CAFES)].replace(',', chr(92) + ',')}", "DESCRIPTION:Invented filler"]


def _calendar(story, owner: tuple[str, str]) -> bytes:
    """The seeker's meetings (kind meeting, live channels) plus events netlytics leaves out."""
    people = _people(story)
    ix = story.tracker.interactions
    meet = ix[(ix["kind"] == "meeting") & ix["channel"].isin(["in_person", "video", "phone"])]
    meet = meet.sort_values(["at", "interaction_id"], kind="stable")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{owner[1]}",
        "X-WR-TIMEZONE:Europe/London",
    ]
    keys = normalise_name(meet["contact"].astype("str"))
    for i, (key, row) in enumerate(zip(keys, meet.itertuples(index=False), strict=True)):
        if key not in people:
            continue
        t = _utc(row.at)
        person = people[key]
        organizer, guests = (owner, [person]) if row.direction == "outbound" else (person, [owner])
        lines += _event(
            f"{row.interaction_id}-sample@google.com", t, 45, organizer, guests, _place(row.channel, i)
        )
    lines += _calendar_noise(story, owner)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def _calendar_noise(story, owner: tuple[str, str]) -> list[str]:
    """Events netlytics leaves out: a weekly series with an exception, a cancellation, an all-day
    event, a room-only block, a webinar and a declined meeting."""
    ix = story.tracker.interactions
    start = _utc(ix["at"].min()).normalize() + pd.Timedelta(days=1, hours=16)
    mentor = ("Mentor Example", "mentor@mail.example")
    series = _event(
        "weekly-mentor-sample@google.com", start, 30, owner, [mentor], ["LOCATION:Microsoft Teams Meeting"]
    )
    series[1:3] = [
        f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Europe/London:{start + pd.Timedelta(minutes=30):%Y%m%dT%H%M%S}",
        f"RRULE:FREQ=WEEKLY;COUNT=10\r\nEXDATE;TZID=Europe/London:{start + pd.Timedelta(days=14):%Y%m%dT%H%M%S}",
    ]
    moved = start + pd.Timedelta(days=21)
    override = _event(
        "weekly-mentor-sample@google.com",
        moved + pd.Timedelta(hours=1),
        30,
        owner,
        [mentor],
        [f"RECURRENCE-ID;TZID=Europe/London:{moved:%Y%m%dT%H%M%S}", "STATUS:CANCELLED"],
    )
    override = [line for line in override if line != "STATUS:CONFIRMED"]
    day = start + pd.Timedelta(days=2)
    all_day = [
        "BEGIN:VEVENT",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + pd.Timedelta(days=1):%Y%m%d}",
        "UID:holiday-sample@google.com",
        "SUMMARY:Day off",
        "END:VEVENT",
    ]
    focus = _event(
        "focus-sample@google.com",
        day + pd.Timedelta(days=1),
        120,
        owner,
        [("Room 1", "c_room1@resource.calendar.google.com")],
        [],
    )
    webinar = _event(
        "webinar-sample@google.com",
        day + pd.Timedelta(days=5),
        60,
        ("Host", "host@events.example"),
        [owner, *[(f"Guest {i}", f"guest{i}@mail.example") for i in range(9)]],
        ["LOCATION:https://zoom.us/j/123456"],
    )
    declined = _event(
        "declined-sample@google.com",
        day + pd.Timedelta(days=6),
        30,
        ("Pushy Vendor", "pushy@vendor.example"),
        [],
        [],
    )
    declined.insert(-4, f"ATTENDEE;PARTSTAT=DECLINED;CN={owner[0]}:mailto:{owner[1]}")
    return series + override + all_day + focus + webinar + declined


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets (Google folds mid-word)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > (75 if not parts else 74):
            parts.append(cur)
            cur = b""
        cur += b
    parts.append(cur)
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def _vcards(story) -> bytes:
    """Google-style 3.0 cards for the contacts with an e-mail or a LinkedIn URL."""
    people = _people(story)
    c = story.tracker.contacts
    out = []
    for key, row in zip(normalise_name(c["name"].astype("str")), c.itertuples(index=False), strict=True):
        if key not in people:
            continue
        name, addr = people[key]
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{name}",
            f"N:{name.split(' ')[-1]};{name.split(' ')[0]};;;",
            f"EMAIL;TYPE=INTERNET:{addr}",
        ]
        if isinstance(row.company, str):
            lines.append("ORG:" + row.company.replace(",", "\\,"))
        if isinstance(row.position, str):
            lines.append(f"TITLE:{row.position}")
        if isinstance(row.profile_url, str):
            lines += ["item1.URL:" + row.profile_url.replace("://", "\\://"), "item1.X-ABLabel:PROFILE"]
        out.append("\r\n".join([*lines, "CATEGORIES:myContacts", "END:VCARD"]))
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def write_takeout(path: str | Path, story, owner: tuple[str, str]) -> Path:
    """Write ``story``'s Takeout zip (mbox, calendar, contacts) to ``path``.

    Parameters
    ----------
    path
        The zip to write (its folder is created).
    story
        A :class:`~netlytics.sample.story.SeekerStory`.
    owner
        The seeker's (display name, e-mail address).

    Returns
    -------
    Path
        ``path``. The same story gives the same bytes.

    See Also
    --------
    netlytics.loaders.mail.load : reads it back.

    Raises
    ------
    OSError
        When ``path`` cannot be written.
    """
    members = {
        "Takeout/archive_browser.html": b"<!DOCTYPE html><title>Archive</title><p>Sample Takeout (fictional).</p>\n",
        "Takeout/Mail/All mail Including Spam and Trash.mbox": _mbox(story, owner),
        f"Takeout/Calendar/{owner[1]}.ics": _calendar(story, owner),
        "Takeout/Contacts/All Contacts/All Contacts.vcf": _vcards(story),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(members.items(), _ZIP_DATE))
    return path
