"""Calendars (.ics) -> meeting interactions (docs/spec/METRICS.md section 6, "Calendar").

Recurring events are expanded up to the horizon (``options.future_after``, else the load time)
by ``recurring_ical_events`` (:mod:`netlytics.loaders.mail._recur`): ``RRULE`` in the event's
wall-clock zone (10:00 stays 10:00 across daylight-saving changes), ``RDATE`` added, ``EXDATE``
removed, each ``RECURRENCE-ID`` override replacing the occurrence it names, ``X-WR-TIMEZONE``
applied by ``x_wr_timezone``. An unbounded rule stops at the horizon, and no series yields more
than :data:`MAX_OCCURRENCES`. Single events (most of a calendar) are read by the fast reader of
:mod:`netlytics.loaders.mail._ics` alone.

Summaries are never read; descriptions and locations are read only to classify the channel.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from urllib.parse import unquote

import pandas as pd

from netlytics.loaders.mail._headers import stable_id
from netlytics.loaders.mail._ics import Calendar, Event, as_utc, duration, paused_gc, to_time, zone
from netlytics.loaders.mail._recur import MAX_OCCURRENCES, expand_series

__all__ = ["calendar_owner", "classify_channel", "expand", "calendar_tables", "MAX_OCCURRENCES"]

VIDEO_HOSTS = (
    "zoom.us",
    "zoomgov.com",
    "meet.google.com",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "whereby.com",
    "gotomeeting.com",
    "meet.goto.com",
    "chime.aws",
    "bluejeans.com",
)
_VIDEO_URL = re.compile(
    r"https?://(?:[\w-]+\.)*(?:" + "|".join(re.escape(h) for h in VIDEO_HOSTS) + r")(?=[/?#:\s>\"']|$)", re.I
)
_VIDEO_NAME = re.compile(
    r"\b(?:zoom|microsoft teams|teams meeting|google meet|hangouts meet|webex|whereby|gotomeeting|bluejeans|amazon chime)\b",
    re.I,
)
_PHONE_LABEL = re.compile(r"^\s*(?:tel|phone|call)\s*:?\s*", re.I)
_NOT_PEOPLE = ("@resource.calendar.google.com", "@group.calendar.google.com", "@group.v.calendar.google.com")


def _email(params: dict[str, str], value: str) -> str | None:
    raw = params.get("EMAIL") or value
    raw = raw.strip().lower().removeprefix("mailto:").strip()
    return raw if raw.count("@") == 1 and " " not in raw else None


def calendar_owner(cal: Calendar) -> str | None:
    """The calendar owner's address: ``X-WR-CALNAME`` when it is one, else the most frequent
    ``ORGANIZER``.

    Parameters
    ----------
    cal
        A parsed calendar.

    Returns
    -------
    str or None
        The lower-case address, or None when the calendar names no owner.

    See Also
    --------
    netlytics.loaders.mail.messages.find_owner : the mailbox's owner.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> calendar_owner(Calendar({"X-WR-CALNAME": "Ada@Example.com"}, [], {}))
    'ada@example.com'
    """
    name = cal.props.get("X-WR-CALNAME", "").strip().lower()
    if name.count("@") == 1 and " " not in name:
        return name
    organizers = Counter(_email(*e.first("ORGANIZER")) for e in cal.events if e.first("ORGANIZER"))
    organizers.pop(None, None)
    return organizers.most_common(1)[0][0] if organizers else None


def classify_channel(event: Event) -> str:
    """The channel of a meeting from its conference data, location and description.

    Video: conference properties, a known video host's URL (Safe Links and ``?q=`` wrappers are
    percent-decoded first) in ``URL``, ``LOCATION`` or ``DESCRIPTION``, or a location naming a
    video service. Phone: a ``tel:``-only ``CONFERENCE``, or a location that is a ``tel:`` URI or
    has 7+ digits once spaces, dashes, dots and brackets are removed (never from the
    description: invitations hold dial-in numbers). In person: any other location. Else other.

    Parameters
    ----------
    event
        One parsed ``VEVENT``.

    Returns
    -------
    str
        ``video``, ``phone``, ``in_person`` or ``other``.

    See Also
    --------
    calendar_tables : applies it to every event.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> e = Event(1, {"LOCATION": [({}, "+44 (20) 7946-0958")]})
    >>> classify_channel(e)
    'phone'
    >>> classify_channel(Event(1, {"DESCRIPTION": [({}, "Join: https://us02web.zoom.us/j/123")]}))
    'video'
    """
    if event.value("X-GOOGLE-CONFERENCE").strip() or event.value("X-MICROSOFT-SKYPETEAMSMEETINGURL").strip():
        return "video"
    conferences = [v.strip() for _, v in event.props.get("CONFERENCE", [])]
    if any(v.lower().startswith(("http://", "https://")) for v in conferences):
        return "video"
    location = event.value("LOCATION").replace("\\,", ",").replace("\\n", " ").strip()
    texts = [event.value("URL"), location, event.value("DESCRIPTION")]
    if any(_VIDEO_URL.search(unquote(unquote(t))) for t in texts if t):
        return "video"
    if location and _VIDEO_NAME.search(location):
        return "video"
    if conferences and all(v.lower().startswith("tel:") for v in conferences):
        return "phone"
    if location.lower().startswith("tel:"):
        return "phone"
    digits = re.sub(r"[\s\-.()/]", "", _PHONE_LABEL.sub("", location))
    if re.fullmatch(r"\+?\d{7,}(?:(?:x|ext|#|,|;)\d+)?", digits, re.I):
        return "phone"
    return "in_person" if location else "other"


def _times(event: Event, cal: Calendar, tz) -> tuple[datetime | date | None, timedelta, str]:
    """(start, length, note) of an event."""
    got = event.first("DTSTART")
    if not got:
        return None, timedelta(0), "no DTSTART"
    start, note = to_time(got[1], got[0], cal, tz)
    if start is None:
        return None, timedelta(0), note
    end_prop, dur = event.first("DTEND"), event.first("DURATION")
    length = timedelta(days=1) if not isinstance(start, datetime) else timedelta(0)
    if end_prop:
        end, _ = to_time(end_prop[1], end_prop[0], cal, tz)
        if end is not None and type(end) is type(start):
            length = max(end - start, timedelta(0))
    elif dur and duration(dur[1]) is not None:  # an unreadable one: no length (and a note)
        length = duration(dur[1])
    return start, length, note


def expand(
    cal: Calendar, horizon: datetime, tz
) -> tuple[list[tuple[Event, object, timedelta]], list[tuple[Event, str]]]:
    """Every occurrence ``(event, start, length)`` up to ``horizon`` and per-event problems.

    Single events are read here (all of them, those after the horizon too: the caller excludes
    them). Series (a master with ``RRULE``/``RDATE`` and the ``RECURRENCE-ID`` overrides of its
    UID) are expanded up to the horizon by :func:`netlytics.loaders.mail._recur.expand_series`
    (``recurring_ical_events``). Overrides whose master is missing stand alone. UIDs of series cut
    at :data:`MAX_OCCURRENCES` are added to ``cal.capped``.

    Parameters
    ----------
    cal
        A parsed calendar.
    horizon
        Aware datetime: the last instant expanded.
    tz
        Zone of floating times (``X-WR-TIMEZONE`` or the loader's ``tz``).

    Returns
    -------
    tuple
        (occurrences, problems) where problems are ``(event, reason)``.

    See Also
    --------
    calendar_tables : turns the occurrences into rows.

    Raises
    ------
    Nothing: a broken rule or time is returned as a problem.

    Examples
    --------
    >>> from netlytics.loaders.mail._ics import parse_calendar
    >>> cal = parse_calendar(b"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:s\\r\\nDTSTART:20260105T090000Z\\r\\n"
    ...                      b"RDATE:20260107T090000Z\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> occurrences, problems = expand(cal, datetime(2026, 2, 1, tzinfo=UTC), UTC)
    >>> [f"{start:%d %H:%M}" for _, start, _ in occurrences], problems
    (['05 09:00', '07 09:00'], [])
    """
    problems: list[tuple[Event, str]] = []
    timed = []
    for ev in cal.events:  # one step per VEVENT (the calendar's own rows)
        start, length, note = _times(ev, cal, tz)
        if start is None:
            problems.append((ev, note))
        else:
            timed.append((ev, start, length))
    masters = {ev.uid for ev, _, _ in timed if _recurs(ev) and not ev.first("RECURRENCE-ID")}
    parts = [t for t in timed if t[0].uid in masters and (_recurs(t[0]) or t[0].first("RECURRENCE-ID"))]
    in_series = {ev.index for ev, _, _ in parts}
    occurrences, bad, capped = expand_series(parts, cal, horizon, tz)
    cal.capped.extend(capped)
    return [t for t in timed if t[0].index not in in_series] + occurrences, problems + bad


def _recurs(ev: Event) -> bool:
    return bool(ev.first("RRULE") or ev.first("RDATE"))


def floating_zone(cal: Calendar, default: str):
    """The zone of floating times: ``X-WR-TIMEZONE`` when known, else ``default``.

    Parameters
    ----------
    cal
        A parsed calendar.
    default
        The loader's ``tz``.

    Returns
    -------
    tzinfo

    See Also
    --------
    netlytics.loaders.mail._ics.zone

    Raises
    ------
    Nothing.
    """
    name = cal.props.get("X-WR-TIMEZONE", "")
    return (zone(name) if name else None) or zone(default) or UTC


def _is_date(ev: Event) -> bool:
    got = ev.first("DTSTART")
    return bool(got) and (got[0].get("VALUE", "").upper() == "DATE" or len(got[1].strip()) == 8)


def _event_facts(ev: Event, owners: set[str], max_attendees: int) -> dict:
    """What the rules need from one event: exclusion reason, people, direction, channel."""
    org = ev.first("ORGANIZER")
    organizer = _email(*org) if org else None
    people: dict[str, str | None] = {}
    owner_declined = False
    owner_in = organizer in owners if organizer else True
    for params, value in ev.props.get("ATTENDEE", []):
        addr = _email(params, value)
        if addr is None:
            continue
        if addr in owners:
            owner_in = True
            owner_declined = owner_declined or params.get("PARTSTAT", "").upper() == "DECLINED"
            continue
        if params.get("CUTYPE", "").upper() in ("ROOM", "RESOURCE") or addr.endswith(_NOT_PEOPLE):
            continue
        cn = params.get("CN", "").strip()
        people.setdefault(addr, cn if cn and cn.lower() != addr else None)
    if (
        organizer
        and organizer not in owners
        and organizer not in people
        and not organizer.endswith(_NOT_PEOPLE)
    ):
        cn = org[0].get("CN", "").strip()
        people[organizer] = cn if cn and cn.lower() != organizer else None
    n_people = len(people) + (1 if owner_in else 0)
    reason = ""
    if ev.value("STATUS").strip().upper() == "CANCELLED":
        reason = "cancelled event (STATUS:CANCELLED)"
    elif owner_declined:
        reason = "the owner declined (PARTSTAT=DECLINED)"
    elif ev.value("X-MICROSOFT-CDO-ALLDAYEVENT").strip().upper() == "TRUE" or _is_date(ev):
        reason = "all-day event"
    elif not people:
        reason = "no attendee other than the owner, rooms or resources"
    elif n_people > max_attendees:
        reason = f"{n_people} people attend (more than max_attendees={max_attendees})"
    return {
        "reason": reason,
        "people": people,
        "direction": "outbound" if organizer is None or organizer in owners else "inbound",
        "channel": classify_channel(ev),
    }


def _occurrence_rows(occurrences, owners: set[str], options, horizon: datetime) -> pd.DataFrame:
    facts: dict[int, dict] = {}
    cols: dict[str, list] = {
        k: [] for k in ("index", "uid", "start", "end", "counterpart", "name", "reason", "id")
    }
    for ev, start, length in occurrences:  # one step per occurrence: they are generated here
        f = facts.get(ev.index)
        if f is None:
            f = facts[ev.index] = _event_facts(ev, owners, options.max_attendees)
        utc = as_utc(start)
        reason = f["reason"]
        if not reason and not isinstance(start, datetime):
            reason = "all-day event"
        if not reason and utc > horizon:
            reason = f"not happened yet (starts after {horizon:%Y-%m-%d %H:%M} UTC)"
        stamp = utc.isoformat()
        for addr, name in f["people"].items() or [(None, None)]:
            cols["id"].append("cal:" + stable_id(ev.uid, stamp, addr or ""))
            cols["index"].append(ev.index)
            cols["uid"].append(ev.uid)
            cols["start"].append(utc)
            cols["end"].append(utc + length)
            cols["counterpart"].append(addr)
            cols["name"].append(name)
            cols["reason"].append(reason)
    df = pd.DataFrame(cols)
    df["start"] = pd.to_datetime(df["start"], utc=True)
    df["end"] = pd.to_datetime(df["end"], utc=True)
    df = df.sort_values(["start", "uid", "counterpart"], kind="stable", na_position="first").reset_index(
        drop=True
    )
    df["direction"] = df["index"].map({k: v["direction"] for k, v in facts.items()})
    df["channel"] = df["index"].map({k: v["channel"] for k, v in facts.items()})
    return df


@paused_gc()
def calendar_tables(cal: Calendar, source: str, owners: set[str], *, seeker: str, options) -> dict:
    """Interactions (kind meeting), contacts, excluded, problems, sources and notes of one calendar.

    Parameters
    ----------
    cal
        The parsed calendar.
    source
        Its file name.
    owners
        The seeker's addresses (lower case).
    seeker
        The seeker's name.
    options
        :class:`~netlytics.loaders._options.LoadOptions` (``future_after``, ``tz``, ``max_attendees``).

    Returns
    -------
    dict
        Tables by name. Rows read = occurrences x attendees other than the owner (an
        occurrence with none counts once) + unreadable VEVENTs (one problem row each).

    See Also
    --------
    expand, classify_channel, netlytics.loaders.mail.load

    Raises
    ------
    Nothing: unreadable events become problem rows.
    """
    tz = floating_zone(cal, options.tz)
    horizon = pd.Timestamp(options.future_after or pd.Timestamp.now(tz="UTC")).to_pydatetime()
    occurrences, bad = expand(cal, horizon, tz)
    df = _occurrence_rows(occurrences, owners, options, horizon)
    loaded = df[df["reason"] == ""] if len(df) else df
    ids = loaded["id"].astype("str")
    dup = ids.duplicated()
    interactions = pd.DataFrame(
        {
            "seeker": seeker,
            "interaction_id": ids,
            "contact_id": loaded["counterpart"],
            "at": loaded["start"],
            "channel": loaded["channel"],
            "direction": loaded["direction"],
            "kind": "meeting",
            "source": source,
            "source_row": loaded["index"],
            "origin": "calendar",
            "inferred": False,
            "ends_at": loaded["end"],
        }
    )[~dup]
    excluded, problems = _issue_frames(df, loaded, dup, bad, source, seeker)
    n_problem_rows = len(bad)
    people = interactions.drop_duplicates("contact_id")
    names = loaded.dropna(subset=["name"]).drop_duplicates("counterpart").set_index("counterpart")["name"]
    contacts = pd.DataFrame(
        {
            "seeker": seeker,
            "contact_id": people["contact_id"],
            "name": people["contact_id"].map(names),
            "email": people["contact_id"],
            "source": source,
            "origin": "calendar",
        }
    )
    counts = {"rows_read": len(df) + n_problem_rows, "loaded": len(interactions), "excluded": len(excluded)}
    sources = pd.DataFrame(
        [{"seeker": seeker, "source": source, "table": "interactions", **counts, "problems": n_problem_rows}]
    )
    return {
        "interactions": interactions,
        "contacts": contacts,
        "excluded": excluded,
        "problems": problems,
        "sources": sources,
        "notes": _calendar_notes(cal, occurrences, source, seeker, tz),
    }


def _issue_frames(df, loaded, dup, bad, source: str, seeker: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The excluded rows (with the event's UID) and the unreadable events of one calendar."""
    excluded_rows = pd.concat(
        [
            df[df["reason"] != ""],
            loaded[dup].assign(reason="the same occurrence and attendee appear twice (UID repeated)"),
        ]
    )
    excluded = pd.DataFrame(
        {
            "seeker": seeker,
            "source": source,
            "source_row": excluded_rows["index"],
            "column": "UID",
            "value": excluded_rows["uid"],
            "reason": "event "
            + excluded_rows["uid"].astype("str")
            + ": "
            + excluded_rows["reason"].astype("str"),
        }
    )
    problems = pd.DataFrame(
        {
            "seeker": seeker,
            "source": source,
            "source_row": [ev.index for ev, _ in bad],
            "column": "UID",
            "value": [ev.uid for ev, _ in bad],
            "reason": [f"event {ev.index} (UID {ev.uid or '?'}): {why}" for ev, why in bad],
        }
    )
    return excluded, problems


def _calendar_notes(cal: Calendar, occurrences, source: str, seeker: str, tz) -> pd.DataFrame:
    """Notes on assumptions: unknown TZIDs read in the calendar's zone, cut-off files."""
    notes = []
    unknown = Counter()
    for ev in cal.events:
        for name in ("DTSTART", "DTEND"):
            got = ev.first(name)
            if (
                got
                and "TZID" in got[0]
                and zone(got[0]["TZID"], cal.zones.get(got[0]["TZID"].strip('"'))) is None
            ):
                unknown[got[0]["TZID"]] += 1
                break
    for tzid, n in unknown.items():
        notes.append(
            f"{source}: {n} event(s) name the unknown time zone {tzid!r}; their times were read in {tz}."
        )
    durations = [
        d[1].strip()[:40] for ev in cal.events if not ev.first("DTEND") and (d := ev.first("DURATION"))
    ]
    unreadable = [d for d in durations if duration(d) is None]
    if unreadable:
        notes.append(
            f"{source}: {len(unreadable)} event(s) have an unreadable DURATION (first: {unreadable[0]!r}); "
            "they were read with no length."
        )
    for uid in cal.capped:
        notes.append(
            f"{source}: the series {uid!r} yields more than {MAX_OCCURRENCES:,} occurrences; later ones were not read."
        )
    if cal.unterminated:
        notes.append(
            f"{source}: the file ends inside an event (no END:VEVENT); the event was read as far as it goes."
        )
    return pd.DataFrame({"seeker": seeker, "source": source, "topic": "calendar", "note": notes})
