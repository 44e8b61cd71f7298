"""A fast, tolerant iCalendar reader: events as plain records, times as aware datetimes.

``icalendar.Calendar.from_ical`` builds a rich object per property and takes seconds per
thousand events; netlytics needs a dozen properties of each ``VEVENT``. This reader unfolds
lines (RFC 5545 section 3.1), splits properties and parameters (quoted values kept), and keeps
only :data:`KEEP`. Time zones: IANA names through :mod:`zoneinfo`, Windows names through
icalendar's CLDR table, zones defined only in the file through ``icalendar`` (the
``VTIMEZONE`` alone), floating times in ``X-WR-TIMEZONE`` else the loader's ``tz``
(docs/spec/FORMATS-mail-calendar.md sections 5.3 and 5.6).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["Event", "Calendar", "as_utc", "parse_calendar", "paused_gc", "property_line", "to_time"]

#: The event properties read; everything else (SUMMARY included) is skipped.
KEEP = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "STATUS",
        "ORGANIZER",
        "ATTENDEE",
        "LOCATION",
        "DESCRIPTION",
        "URL",
        "CONFERENCE",
        "X-GOOGLE-CONFERENCE",
        "X-MICROSOFT-SKYPETEAMSMEETINGURL",
        "X-MICROSOFT-CDO-ALLDAYEVENT",
    }
)
_UNFOLD = re.compile(r"\r?\n[ \t]")
_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:])*(?:,(?:"[^"]*"|[^";:,])*)*)')


@dataclass
class Event:
    """The properties of one ``VEVENT`` that netlytics reads: name -> [(params, value)]."""

    index: int
    props: dict[str, list[tuple[dict[str, str], str]]] = field(default_factory=dict)

    def first(self, name: str) -> tuple[dict[str, str], str] | None:
        values = self.props.get(name)
        return values[0] if values else None

    def value(self, name: str) -> str:
        got = self.first(name)
        return got[1] if got else ""

    @functools.cached_property
    def uid(self) -> str:
        return self.value("UID").strip()


@dataclass
class Calendar:
    """A parsed calendar: calendar-level properties, its events and raw VTIMEZONE texts."""

    props: dict[str, str]
    events: list[Event]
    zones: dict[str, str]
    unterminated: int = 0
    capped: list[str] = field(default_factory=list)


def property_line(line: str) -> tuple[str, dict[str, str], str] | None:
    """Split one unfolded content line into (NAME, params, value); None when it is not one.

    Examples
    --------
    >>> property_line('ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:jane@example.org')
    ('ATTENDEE', {'CN': 'Doe, Jane', 'PARTSTAT': 'ACCEPTED'}, 'mailto:jane@example.org')
    """
    m = _NAME.match(line)
    if not m:
        return None
    name, pos = m.group(0).upper(), m.end()
    if pos < len(line) and line[pos] == ":":
        return name, {}, line[pos + 1 :]
    head, colon, value = line.partition(":")
    if colon and '"' not in head:
        params = {}
        for part in head[pos + 1 :].split(";"):
            key, eq, val = part.partition("=")
            if not eq:
                return None
            params[key.upper()] = val
        return name, params, value
    params = {}
    while pos < len(line) and line[pos] == ";":
        pm = _PARAM.match(line, pos)
        if not pm:
            return None
        params[pm.group(1).upper()] = pm.group(2).replace('"', "")
        pos = pm.end()
    if pos >= len(line) or line[pos] != ":":
        return None
    return name, params, line[pos + 1 :]


@contextlib.contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector for a block or, as a decorator, a function.

    Reading a calendar builds some 10^5 small objects that live until the tables are made; the
    collector would rescan them again and again (a third of the CPU of a 20,000-event calendar).
    Memory is still freed by reference counting; the collector resumes afterwards.

    Returns
    -------
    contextlib.AbstractContextManager
        Usable in ``with`` and as a decorator (``@paused_gc()``).

    Examples
    --------
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@paused_gc()
def parse_calendar(data: bytes) -> Calendar:
    """Parse the events of an ``.ics`` file (BOM, CRLF/LF, TAB folding tolerated).

    Parameters
    ----------
    data
        The file's bytes.

    Returns
    -------
    Calendar
        ``unterminated``: 1 when the file ends inside an event (the event is still returned).

    Examples
    --------
    >>> cal = parse_calendar(b"BEGIN:VCALENDAR\\r\\nX-WR-TIMEZONE:Europe/Berlin\\r\\nBEGIN:VEVENT\\r\\n"
    ...                      b"UID:1\\r\\nSUMMARY:secret\\r\\nLOCATION:Caf\\r\\n \\xc3\\xa9\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> cal.props["X-WR-TIMEZONE"], cal.events[0].value("LOCATION"), "SUMMARY" in cal.events[0].props
    ('Europe/Berlin', 'Café', False)
    """
    text = _UNFOLD.sub("", _decode(data))
    props: dict[str, str] = {}
    events: list[Event] = []
    zones: dict[str, str] = {}
    stack: list[str] = []
    current: Event | None = None
    zone_lines: list[str] = []
    for line in text.splitlines():  # one step per line of a small file (calendars are MBs)
        upper = line[:16].upper()
        if upper.startswith("BEGIN:"):
            comp = line[6:].strip().upper()
            stack.append(comp)
            if comp == "VEVENT" and current is None:
                current = Event(len(events) + 1)
            if "VTIMEZONE" in stack:
                zone_lines.append(line)
            continue
        if upper.startswith("END:"):
            comp = line[4:].strip().upper()
            if "VTIMEZONE" in stack:
                zone_lines.append(line)
            if comp in stack:
                while stack and stack.pop() != comp:
                    pass
            if comp == "VEVENT" and current is not None:
                events.append(current)
                current = None
            elif comp == "VTIMEZONE" and zone_lines:
                tzid = next(
                    (ln.split(":", 1)[1].strip() for ln in zone_lines if ln.upper().startswith("TZID")), ""
                )
                zones[tzid.strip('"')] = "\r\n".join(zone_lines)
                zone_lines = []
            continue
        if "VTIMEZONE" in stack:
            zone_lines.append(line)
            continue
        m = _NAME.match(line)
        name = m.group(0).upper() if m else ""
        in_event = current is not None and stack and stack[-1] == "VEVENT"
        if not (
            (in_event and name in KEEP)
            or (not in_event and name.startswith("X-WR-") and stack == ["VCALENDAR"])
        ):
            continue
        parsed = property_line(line)
        if parsed is None:
            continue
        name, params, value = parsed
        if in_event:
            current.props.setdefault(name, []).append((params, value))
        else:
            props[name] = value.strip()
    unterminated = 0
    if current is not None:
        events.append(current)
        unterminated = 1
    return Calendar(props, events, zones, unterminated)


@lru_cache(maxsize=512)
def _windows_names() -> dict[str, str]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return {k.lower(): v for k, v in WINDOWS_TO_OLSON.items()}


@lru_cache(maxsize=512)
def zone(tzid: str, definition: str | None = None):
    """A tzinfo for a TZID: IANA, else a Windows name, else the file's VTIMEZONE; None if unknown.

    Examples
    --------
    >>> zone("Pacific Standard Time")
    zoneinfo.ZoneInfo(key='America/Los_Angeles')
    >>> zone("Nowhere/Unknown") is None
    True
    """
    name = tzid.strip().strip('"')
    if name.startswith("/"):  # "/mozilla.org/20050126_1/Europe/Berlin"
        name = "/".join(name.split("/")[-2:])
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    mapped = _windows_names().get(name.lower())
    if mapped:
        return ZoneInfo(mapped)
    if definition:
        try:
            import icalendar

            return icalendar.Timezone.from_ical(definition).to_tz()
        except Exception:
            return None
    return None


_DT = re.compile(r"^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?(Z)?)?$")


def to_time(
    value: str, params: dict[str, str], cal: Calendar, default_tz
) -> tuple[datetime | date | None, str]:
    """An iCalendar DATE or DATE-TIME as a date (all day) or an aware datetime, and a note.

    The note is "" or says what was assumed: "unknown TZID ..." (the calendar's zone was used),
    or why the value is unreadable (then the time is None).

    Examples
    --------
    >>> cal = Calendar({}, [], {})
    >>> to_time("20260105T100000", {"TZID": "Europe/Berlin"}, cal, UTC)
    (datetime.datetime(2026, 1, 5, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Berlin')), '')
    >>> to_time("20260105", {"VALUE": "DATE"}, cal, UTC)
    (datetime.date(2026, 1, 5), '')
    """
    m = _DT.match(value.strip().split(",")[0])
    if not m:
        return None, f"unreadable date-time {value.strip()[:40]!r}"
    y, mo, d, hh, mi, ss, z = m.groups()
    try:
        if hh is None:
            return date(int(y), int(mo), int(d)), ""
        naive = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0))
    except ValueError:
        return None, f"impossible date-time {value.strip()[:40]!r}"
    if z:
        return naive.replace(tzinfo=UTC), ""
    tzid = params.get("TZID")
    if tzid:
        tz = zone(tzid, cal.zones.get(tzid.strip('"')))
        if tz is None:
            return naive.replace(tzinfo=default_tz), f"unknown TZID {tzid!r}: read in {default_tz}"
        return naive.replace(tzinfo=tz), ""
    return naive.replace(tzinfo=default_tz), ""


#: the longest DURATION read (longer ones are unreadable): a century
MAX_DURATION = timedelta(days=36_525)


def duration(value: str) -> timedelta | None:
    """An RFC 5545 DURATION (``PT30M``, ``P1D``, ``-PT5M``) as a timedelta; None when it is not
    one, or lasts longer than :data:`MAX_DURATION` (no date arithmetic could use it).

    Examples
    --------
    >>> duration("PT1H30M")
    datetime.timedelta(seconds=5400)
    >>> duration("P999999999999999999W") is None
    True
    """
    m = re.fullmatch(r"([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", value.strip())
    if not m:
        return None
    sign, w, d, h, mi, s = m.groups()
    try:
        td = timedelta(
            weeks=int(w or 0), days=int(d or 0), hours=int(h or 0), minutes=int(mi or 0), seconds=int(s or 0)
        )
    except OverflowError:
        return None
    if td > MAX_DURATION:
        return None
    return -td if sign == "-" else td


def as_utc(t: datetime | date) -> datetime:
    """An aware datetime in UTC; a date (all day) as its midnight UTC.

    Examples
    --------
    >>> as_utc(date(2026, 1, 5))
    datetime.datetime(2026, 1, 5, 0, 0, tzinfo=datetime.timezone.utc)
    """
    if isinstance(t, datetime):
        return t.astimezone(UTC)
    return datetime(t.year, t.month, t.day, tzinfo=UTC)
