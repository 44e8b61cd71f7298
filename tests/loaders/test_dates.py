"""Tests for netlytics.loaders.dates: every accepted form, ambiguity, bad and future dates."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlytics.errors import ParameterError
from netlytics.loaders.dates import parse_dates

UTC = "datetime64[ns, UTC]"


def ts(text):
    return pd.Timestamp(text, tz="UTC")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-06", "2025-01-06"),
        ("2025/01/06", "2025-01-06"),
        ("20250106", "2025-01-06"),
        ("2025-01-06 14:30", "2025-01-06 14:30"),
        ("2025-01-06T14:30:15", "2025-01-06 14:30:15"),
        ("2025-01-06T14:30Z", "2025-01-06 14:30"),
        ("2025-01-06T14:30+01:00", "2025-01-06 13:30"),  # explicit zone wins over tz
        ("6 Jan 2025", "2025-01-06"),
        ("Jan 6, 2025", "2025-01-06"),
        ("Monday, January 6th 2025", "2025-01-06"),
        ("06-Jan-25", "2025-01-06"),
        ("25/03/2025", "2025-03-25"),  # 25 cannot be a month: day-first whatever dayfirst says
        ("03/25/2025", "2025-03-25"),  # month-first for the same reason
        ("05/05/2025", "2025-05-05"),  # same either way
        ("25.03.25", "2025-03-25"),
        ("25/03/2025 2:30 PM", "2025-03-25 14:30"),
        ("25/03/2025 12:05 am", "2025-03-25 00:05"),
        (45663, "2025-01-06"),  # Excel serial: 45663 days after 1899-12-30
        (45663.5, "2025-01-06 12:00"),
        ("45663", "2025-01-06"),
        (dt.date(2025, 1, 6), "2025-01-06"),
        (dt.datetime(2025, 1, 6, 9, 15), "2025-01-06 09:15"),
    ],
)
def test_accepted_forms(value, expected):
    out = parse_dates(pd.Series([value], dtype=object))
    assert out["problem"].isna().all(), out["problem"].iloc[0]
    assert out["at"].iloc[0] == ts(expected)
    assert str(out["at"].dtype) == UTC


def test_ambiguous_needs_dayfirst():
    s = pd.Series(["03/04/2025"])
    out = parse_dates(s)
    assert pd.isna(out["at"].iloc[0])
    assert out["problem"].iloc[0] == (
        "ambiguous date: 3 Apr 2025 (day/month) or 4 Mar 2025 (month/day)? Pass dayfirst=True or dayfirst=False"
    )
    assert parse_dates(s, dayfirst=True)["at"].iloc[0] == ts("2025-04-03")
    assert parse_dates(s, dayfirst=False)["at"].iloc[0] == ts("2025-03-04")


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("31/02/2025", "impossible date"),
        ("13/13/2025", "impossible date"),
        ("2025-02-30T10:00Z", "impossible date"),
        ("25/03/2025 25:00", "impossible date"),
        ("soon", "not a date"),
        ("12:00", "not a date"),
        (dt.time(10, 30), "not a date"),
        (True, "not a date"),
        (-5, "not a date"),
    ],
)
def test_bad_dates(value, start):
    out = parse_dates(pd.Series([value], dtype=object))
    assert pd.isna(out["at"].iloc[0])
    assert out["problem"].iloc[0].startswith(start)
    assert "allowed:" in out["problem"].iloc[0]


def test_blank_cells_are_null_without_problem():
    out = parse_dates(pd.Series([None, "", "  ", float("nan"), pd.NaT], dtype=object))
    assert out["at"].isna().all() and out["problem"].isna().all()


def test_date_only_is_midnight_in_tz():
    # midnight in Paris (UTC+1 in January) is 23:00 UTC the day before
    out = parse_dates(pd.Series(["2025-01-06", "6 Jan 2025 10:00"]), tz="Europe/Paris")
    assert out["at"].tolist() == [ts("2025-01-05 23:00"), ts("2025-01-06 09:00")]


def test_future_dates():
    as_of = ts("2025-03-01")
    out = parse_dates(pd.Series(["2025-03-01 23:00", "2025-03-02 00:00", "2025-03-02 00:01"]), as_of=as_of)
    # up to one day after as_of is fine (time zones, late entries); later is a problem
    assert out["problem"].isna().tolist() == [True, True, False]
    assert out["problem"].iloc[2].startswith("date in the future: more than a day after 2025-03-01")


def test_two_digit_years():
    out = parse_dates(pd.Series(["1/13/69", "1/13/70"]), earliest=None)
    assert out["at"].tolist() == [ts("2069-01-13"), ts("1970-01-13")]


def test_bad_parameters():
    with pytest.raises(ParameterError, match="dayfirst"):
        parse_dates(pd.Series(["2025-01-01"]), dayfirst="yes")
    with pytest.raises(ParameterError, match="tz"):
        parse_dates(pd.Series(["2025-01-01"]), tz="Mars/Olympus")


@settings(deadline=None)  # timing varies on shared CI machines; correctness is what is checked
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2068, 12, 31)), st.booleans())
def test_formats_agree(day, dayfirst):
    """Every written form of one date parses to the same timestamp."""
    forms = [
        day.isoformat(),
        day.strftime("%d %b %Y"),
        day.strftime("%b %d, %Y"),
        day.strftime("%d/%m/%Y") if dayfirst else day.strftime("%m/%d/%Y"),
        (day - dt.date(1899, 12, 30)).days,
        day,
    ]
    out = parse_dates(pd.Series(forms, dtype=object), dayfirst=dayfirst)
    assert out["problem"].isna().all()
    assert (out["at"] == pd.Timestamp(day, tz="UTC")).all()
