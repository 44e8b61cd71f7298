"""Calendar loading (docs/spec/METRICS.md section 6, "Calendar"): raw-byte .ics fixtures."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import load
from netlytics.loaders.mail._ics import Event, parse_calendar
from netlytics.loaders.mail.calendar import classify_channel, expand, floating_zone

OPT = LoadOptions(future_after=pd.Timestamp("2026-02-15", tz="UTC"))
ME = "ORGANIZER;CN=Ada Example:mailto:ada@example.com"
BOB = "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;CN=Bob Sample:mailto:bob@example.org"


def cal(*events: str, head: str = "X-WR-CALNAME:ada@example.com\r\nX-WR-TIMEZONE:Europe/Berlin") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n{head}\r\n{body}END:VCALENDAR\r\n"
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode()


def ev(
    uid: str, start: str = "DTSTART:20260105T100000Z", *lines: str, who: tuple[str, ...] = (ME, BOB)
) -> str:
    end = start.replace("DTSTART", "DTEND").replace("T100000", "T103000")
    return "\n".join(
        [f"UID:{uid}", start, end, *who, "SUMMARY:SECRETSUMMARY", "DESCRIPTION:SECRETDESC", *lines]
    )


def loaded(tmp_path: Path, data: bytes, options=OPT, name: str = "ada@example.com.ics"):
    p = tmp_path / name
    p.write_bytes(data)
    out = load(p, options)
    out.validate()
    inv = out.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
    return out


SERIES = cal(
    ev(
        "s1@google.com",
        "DTSTART;TZID=Europe/Berlin:20260105T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "EXDATE;TZID=Europe/Berlin:20260112T100000",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
    ),
    ev(
        "s1@google.com",
        "DTSTART;TZID=Europe/Berlin:20260120T150000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260119T100000",
        "LOCATION:Cafe Central",
    ),
    ev(
        "s1@google.com",
        "DTSTART;TZID=Europe/Berlin:20260126T100000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260126T100000",
        "STATUS:CANCELLED",
    ),
    ev(
        "s1@google.com",
        "DTSTART;TZID=Europe/Berlin:20260202T100000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260202T100000",
        who=(ME.replace("ORGANIZER", "ORGANIZER"), BOB, "ATTENDEE;PARTSTAT=DECLINED:mailto:ada@example.com"),
    ),
)


def test_series_with_exdate_moved_cancelled_and_declined(tmp_path):
    data = loaded(tmp_path, SERIES)
    # Mondays 5 Jan .. 9 Feb (horizon 15 Feb): 5, 12 (EXDATE), 19 (moved to Tue 20 15:00), 26 (cancelled),
    # 2 Feb (owner declined), 9 Feb
    got = data.interactions[["at", "channel"]].values.tolist()
    assert got == [
        [pd.Timestamp("2026-01-05 09:00", tz="UTC"), "video"],
        [pd.Timestamp("2026-01-20 14:00", tz="UTC"), "in_person"],
        [pd.Timestamp("2026-02-09 09:00", tz="UTC"), "video"],
    ]
    reasons = sorted(r.split(": ", 1)[1] for r in data.excluded["reason"])
    assert reasons == ["cancelled event (STATUS:CANCELLED)", "the owner declined (PARTSTAT=DECLINED)"]
    assert (data.interactions["direction"] == "outbound").all()
    assert (data.interactions["kind"] == "meeting").all() and (
        data.interactions["origin"] == "calendar"
    ).all()


def test_expansion_of_a_series_with_exdate_and_overrides():
    parsed = parse_calendar(SERIES)
    horizon = datetime.fromisoformat("2026-02-15T00:00:00+00:00")
    occurrences, problems = expand(parsed, horizon, floating_zone(parsed, "UTC"))
    assert not problems
    # VEVENT 1 is the master (Mondays 10:00 Berlin, 12 Jan excluded); 2 moves 19 Jan to Tuesday
    # 15:00; 3 and 4 override 26 Jan and 2 Feb in place
    got = sorted((s.isoformat(), ev.index, length) for ev, s, length in occurrences)
    half_hour = timedelta(minutes=30)
    assert got == [
        ("2026-01-05T10:00:00+01:00", 1, half_hour),
        ("2026-01-20T15:00:00+01:00", 2, timedelta(0)),  # its DTEND equals its DTSTART
        ("2026-01-26T10:00:00+01:00", 3, half_hour),
        ("2026-02-02T10:00:00+01:00", 4, half_hour),
        ("2026-02-09T10:00:00+01:00", 1, half_hour),
    ]


def test_this_and_future_override_moves_the_rest_of_the_series(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            ev("t@x", "DTSTART;TZID=Europe/Berlin:20260105T100000", "RRULE:FREQ=WEEKLY;COUNT=4"),
            ev(
                "t@x",
                "DTSTART;TZID=Europe/Berlin:20260113T120000",
                "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260112T100000",
            ),
        ),
    )
    # from 12 Jan on, every occurrence is one day and two hours later (Tuesdays 12:00 Berlin)
    assert data.interactions["at"].dt.strftime("%m-%d %H:%M").tolist() == [
        "01-05 09:00",
        "01-13 11:00",
        "01-20 11:00",
        "01-27 11:00",
    ]


def test_rdate_period_gives_its_own_end_and_override_after_the_horizon_is_not_happened_yet(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            ev(
                "p@x",
                "DTSTART:20260105T100000Z",
                "RDATE;VALUE=PERIOD:20260107T090000Z/20260107T110000Z,20260108T090000Z/PT45M",
                "RDATE;VALUE=PERIOD:20260109T090000Z/20260109T080000Z",  # ends before it starts
            ),
            ev("p@x", "DTSTART:20260305T100000Z", "RECURRENCE-ID:20260105T100000Z"),
        ),
    )
    got = data.interactions[["at", "ends_at"]].apply(lambda c: c.dt.strftime("%d %H:%M")).values.tolist()
    # the period ending before it starts keeps the series' 30 minutes
    assert got == [["07 09:00", "07 11:00"], ["08 09:00", "08 09:45"], ["09 09:00", "09 09:30"]]
    assert [r.split(": ", 1)[1] for r in data.excluded["reason"]] == [
        "not happened yet (starts after 2026-02-15 00:00 UTC)"
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # Google's calendar-wide zone: a series written in UTC keeps its Berlin wall clock (10:00)
        (
            "X-WR-CALNAME:ada@example.com\r\nX-WR-TIMEZONE:Europe/Berlin",
            ["03-23 09:00", "03-30 08:00", "04-06 08:00"],
        ),
        ("X-WR-CALNAME:ada@example.com", ["03-23 09:00", "03-30 09:00", "04-06 09:00"]),
    ],
)
def test_x_wr_timezone_applies_to_a_series_written_in_utc(tmp_path, head, expected):
    data = loaded(
        tmp_path,
        cal(ev("z@x", "DTSTART:20260323T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3"), head=head),
        OPT.with_(future_after=pd.Timestamp("2026-05-01", tz="UTC")),
    )
    assert data.interactions["at"].dt.strftime("%m-%d %H:%M").tolist() == expected


def test_series_in_windows_unknown_and_floating_zones(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            ev("w@x", 'DTSTART;TZID="W. Europe Standard Time":20260105T090000', "RRULE:FREQ=DAILY;COUNT=2"),
            ev("u@x", "DTSTART;TZID=Nowhere/Unknown:20260110T090000", "RRULE:FREQ=DAILY;COUNT=2"),
            ev("f@x", "DTSTART:20260120T090000", "RRULE:FREQ=DAILY;COUNT=2"),
            head="X-WR-CALNAME:ada@example.com",
        ),
        OPT.with_(tz="America/New_York"),
    )
    # W. Europe = Berlin (UTC+1 in January); the unknown zone and floating times are read in the
    # loader's tz (New York, UTC-5), and the unknown zone is said in a note
    assert data.interactions["at"].dt.strftime("%d %H").tolist() == [
        "05 08",
        "06 08",
        "10 14",
        "11 14",
        "20 14",
        "21 14",
    ]
    assert "unknown time zone 'Nowhere/Unknown'" in " ".join(data.notes["note"])


def test_dst_keeps_the_wall_clock_and_unbounded_rules_stop(tmp_path):
    data = loaded(
        tmp_path,
        cal(ev("d@x", "DTSTART;TZID=Europe/Berlin:20260323T100000", "RRULE:FREQ=WEEKLY")),
        OPT.with_(future_after=pd.Timestamp("2026-04-07", tz="UTC")),
    )
    assert data.interactions["at"].dt.strftime("%m-%d %H:%M").tolist() == [
        "03-23 09:00",
        "03-30 08:00",
        "04-06 08:00",
    ]


def test_series_after_the_horizon_and_a_negative_duration(tmp_path):
    negative = "\n".join(
        ["UID:n@x", "DTSTART:20260106T100000Z", "DURATION:-PT5M", "RRULE:FREQ=DAILY;COUNT=2", ME, BOB]
    )
    data = loaded(
        tmp_path, cal(ev("ok@x"), ev("later@x", "DTSTART:20260305T100000Z", "RRULE:FREQ=WEEKLY"), negative)
    )
    # the later series has no occurrence yet (nothing read, nothing excluded); a negative
    # duration does not move the start (the meeting ends when it starts)
    assert data.interactions["at"].dt.strftime("%d %H:%M").tolist() == ["05 10:00", "06 10:00", "07 10:00"]
    assert (data.interactions["ends_at"].iloc[1:] == data.interactions["at"].iloc[1:]).all()
    assert data.excluded.empty and data.problems.empty


@pytest.mark.parametrize("value", ["P999999999999999999W", "P100000000W", "PT1H30"])
def test_an_unusable_duration_is_no_length_with_a_note(tmp_path, value):
    """A DURATION past what a date can hold (icalendar's own test file has P999999999999999999W)
    or not one at all: the meeting loads with no length, and the note says why."""
    event = "\n".join(["UID:d@x", "DTSTART:20260106T100000Z", f"DURATION:{value}", ME, BOB])
    data = loaded(tmp_path, cal(event))
    assert data.interactions["at"].dt.strftime("%d %H:%M").tolist() == ["06 10:00"]
    assert (data.interactions["ends_at"] == data.interactions["at"]).all()
    assert data.notes["note"].str.contains(f"unreadable DURATION (first: '{value}')", regex=False).any()


def test_minutely_rule_is_capped_with_a_note(tmp_path):
    data = loaded(tmp_path, cal(ev("m@x", "DTSTART:20200105T100000Z", "RRULE:FREQ=MINUTELY")))
    assert len(data.interactions) == 5000
    assert "more than 5,000 occurrences" in data.notes["note"].iloc[0]


def test_rrule_with_until_in_utc_and_rdate(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            ev(
                "u@x",
                "DTSTART;TZID=America/New_York:20260105T090000",
                "RRULE:FREQ=DAILY;UNTIL=20260107T140000Z",
                "RDATE;TZID=America/New_York:20260110T090000",
            )
        ),
    )
    assert data.interactions["at"].dt.strftime("%d %H").tolist() == ["05 14", "06 14", "07 14", "10 14"]


@pytest.mark.parametrize(
    ("lines", "channel"),
    [
        (["X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij"], "video"),
        (["X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3a"], "video"),
        (["CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://chat.example.com/v?id=1"], "video"),
        (["CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+1-555-010-0123"], "phone"),
        (["LOCATION:https://us02web.zoom.us/j/12345"], "video"),
        (
            [
                "DESCRIPTION:Click here<https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F1&data=x>"
            ],
            "video",
        ),
        (["DESCRIPTION:Join https://www.google.com/url?q=https://meet.google.com/abc&sa=D"], "video"),
        (["DESCRIPTION:see https://acme.webex.com/meet/x"], "video"),
        (["DESCRIPTION:https://whereby.com/ada"], "video"),
        (["DESCRIPTION:https://global.gotomeeting.com/join/1"], "video"),
        (["DESCRIPTION:https://chime.aws/123"], "video"),
        (["DESCRIPTION:https://bluejeans.com/123"], "video"),
        (["DESCRIPTION:https://teams.live.com/meet/123"], "video"),
        (["LOCATION:Microsoft Teams Meeting"], "video"),
        (["LOCATION:Zoom"], "video"),
        (["LOCATION:Google Meet"], "video"),
        (["LOCATION:tel:+1-555-010-0123"], "phone"),
        (["LOCATION:+44 (20) 7946-0958"], "phone"),
        (["LOCATION:555.010.0123"], "phone"),
        (["LOCATION:555-0123"], "phone"),
        (["LOCATION:Office 4-012"], "in_person"),
        (
            ["LOCATION:Cafe Central\\, Vienna", "DESCRIPTION:Or dial: +1 555-010-0199 PIN: 123456789#"],
            "in_person",
        ),
        (["DESCRIPTION:Or dial: +1 555-010-0199"], "other"),
        (["DESCRIPTION:help at https://support.google.com/meet"], "other"),
        ([], "other"),
    ],
)
def test_channel_rules(lines, channel):
    props: dict = {}
    for line in lines:
        head, value = line.split(":", 1)
        props.setdefault(head.split(";")[0], []).append(({}, value))
    assert classify_channel(Event(1, props)) == channel


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (ev("c@x", "DTSTART:20260105T100000Z", "STATUS:CANCELLED"), "cancelled event (STATUS:CANCELLED)"),
        (
            ev("d@x", who=(BOB, "ATTENDEE;PARTSTAT=DECLINED;CN=Ada:mailto:ada@example.com")),
            "the owner declined (PARTSTAT=DECLINED)",
        ),
        (ev("a@x", "DTSTART;VALUE=DATE:20260105"), "all-day event"),
        (ev("o@x", "DTSTART:20260105T100000Z", "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE"), "all-day event"),
        (
            ev(
                "r@x",
                who=(
                    ME,
                    "ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@example.com",
                    "ATTENDEE:mailto:c_1@resource.calendar.google.com",
                    "ATTENDEE:mailto:team@group.calendar.google.com",
                ),
            ),
            "no attendee other than the owner, rooms or resources",
        ),
        (ev("n@x", who=()), "no attendee other than the owner, rooms or resources"),
        (ev("f@x", "DTSTART:20260305T100000Z"), "not happened yet (starts after 2026-02-15 00:00 UTC)"),
    ],
)
def test_each_calendar_exclusion(tmp_path, event, reason):
    data = loaded(tmp_path, cal(ev("ok@x"), event))
    assert len(data.interactions) == 1
    assert [r.split(": ", 1)[1] for r in data.excluded["reason"]] == [reason]


def test_max_attendees(tmp_path):
    people = tuple(f"ATTENDEE:mailto:p{i}@example.org" for i in range(7))
    eight = ev("e8@x", who=(ME, *people))
    nine = ev("e9@x", who=(ME, *people, "ATTENDEE:mailto:p9@example.org"))
    data = loaded(tmp_path, cal(eight, nine))
    assert len(data.interactions) == 7
    assert data.excluded["reason"].str.endswith("9 people attend (more than max_attendees=8)").sum() == 8


def test_inbound_when_someone_else_organises_and_names_from_cn(tmp_path):
    other = ev(
        "i@x",
        who=('ORGANIZER;CN="Sample, Bob":mailto:bob@example.org', "ATTENDEE;CN=Ada:mailto:ada@example.com"),
    )
    data = loaded(tmp_path, cal(other))
    assert data.interactions["direction"].tolist() == ["inbound"]
    assert data.contacts[["contact_id", "name"]].values.tolist() == [["bob@example.org", "Sample, Bob"]]


def test_windows_zone_unknown_zone_and_floating_time(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            ev("w@x", 'DTSTART;TZID="Pacific Standard Time":20260105T090000'),
            ev("u@x", "DTSTART;TZID=Nowhere/Unknown:20260106T090000"),
            ev("f@x", "DTSTART:20260107T090000"),
        ),
    )
    assert data.interactions["at"].dt.strftime("%d %H").tolist() == ["05 17", "06 08", "07 08"]
    assert "unknown time zone 'Nowhere/Unknown'" in data.notes["note"].iloc[0]


def test_custom_vtimezone(tmp_path):
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE"
    )
    data = loaded(
        tmp_path,
        cal(
            ev("c@x", "DTSTART;TZID=Customized Time Zone:20260105T090000"),
            head="X-WR-CALNAME:ada@example.com\r\n" + zone,
        ),
    )
    assert data.interactions["at"].dt.strftime("%d %H").tolist() == ["05 08"]


def test_unreadable_events_are_problems_naming_the_uid(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            ev("ok@x"),
            ev("bad@x", "DTSTART:2026-03-05 09:00"),
            ev("rule@x", "DTSTART:20260105T100000Z", "RRULE:FREQ=SOMETIMES"),
            ev("zero@x", "DTSTART:20260105T100000Z", "RRULE:FREQ=DAILY;INTERVAL=0"),
        ),
    )
    assert len(data.interactions) == 1
    reasons = data.problems["reason"].tolist()
    assert any("bad@x" in r and "unreadable date-time" in r for r in reasons)
    assert any("rule@x" in r and "unreadable recurrence rule" in r for r in reasons)
    # dateutil would repeat the first occurrence of INTERVAL=0 for ever
    assert any("zero@x" in r and "INTERVAL must be a positive integer" in r for r in reasons)


def test_overrides_of_an_unreadable_series_stand_alone(tmp_path):
    data = loaded(
        tmp_path,
        cal(
            # icalendar reads this rule, recurring-ical-events (dateutil) refuses it
            ev("pos@x", "DTSTART:20260105T100000Z", "RRULE:FREQ=DAILY;BYSETPOS=0"),
            ev("pos@x", "DTSTART:20260107T120000Z", "RECURRENCE-ID:20260107T100000Z"),
        ),
    )
    assert data.interactions["at"].dt.strftime("%d %H:%M").tolist() == ["07 12:00"]
    assert data.problems["reason"].str.contains(
        "event 1 \\(UID pos@x\\): unreadable recurrence rule"
    ).tolist() == [True]


def test_truncated_file_and_garbage(tmp_path):
    data = loaded(tmp_path, cal(ev("ok@x"))[:-40])
    assert len(data.interactions) == 1 and "ends inside an event" in " ".join(data.notes["note"])
    p = tmp_path / "junk.ics"
    p.write_bytes(b"\x00\xff" * 500)
    out = load(p, OPT)
    assert len(out.interactions) == 0


def test_descriptions_and_summaries_never_reach_a_table(tmp_path):
    data = loaded(tmp_path, SERIES)
    for name in ("contacts", "interactions", "excluded", "problems", "notes"):
        text = getattr(data, name).astype("str").to_csv()
        assert "SECRET" not in text and "Cafe" not in text
