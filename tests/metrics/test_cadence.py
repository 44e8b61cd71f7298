import pandas as pd
import pytest
from hypothesis import given, settings

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.cadence import CADENCE_COLUMNS, SUMMARY_COLUMNS, cadence, cadence_summary
from tests.metrics._builders import (
    applications,
    cohorts,
    contacts,
    interactions,
    network,
    per_seeker,
    shuffled,
)

AS_OF = pd.Timestamp("2025-02-05 12:00", tz="UTC")  # a Wednesday; its week starts Monday 02-03


def _data():
    inter = interactions(
        ("bo", "2025-01-08", "email", "in", "message"),  # first interaction: week of Monday 01-06
        ("bo", "2025-01-13 09:00", "email", "out", "message"),  # Monday 01-13
        ("cy", "2025-01-13 10:00", "phone", "out", "message"),  # same day, another touch
        ("bo", "2025-01-16", "email", "out", "message"),  # Thursday 01-16
        ("di", "2025-01-27", "in_person", "in", "meeting"),  # a meeting is outbound effort
        ("di", "2025-02-05 18:00", "email", "out", "message"),  # after as_of: ignored
    )
    apps = applications(("a1", "Acme", "2025-01-20"), ("a2", "Globex", "2025-01-21"))
    # Bo has contacts only
    return network(interactions=inter, applications=apps, contacts=contacts(("zo", "Acme"), seeker="Bo"))


def test_cadence_hand_checked():
    c = cadence(_data(), as_of=AS_OF, window_weeks=4)
    weeks = pd.to_datetime(["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27", "2025-02-03"], utc=True)
    assert c["seeker"].tolist() == ["Ana"] * 5  # Bo has no interaction or application: no weeks
    assert c["week"].tolist() == list(weeks)
    assert c["touches"].tolist() == [0, 3, 0, 1, 0]
    assert c["active_days"].tolist() == [0, 2, 0, 1, 0]
    assert c["applications"].tolist() == [0, 0, 2, 0, 0]
    # window of 4 weeks ending with the week of as_of: 01-13 .. 02-03
    assert c["in_window"].tolist() == [False, True, True, True, True]
    assert {k: str(v) for k, v in c.dtypes.items()} == CADENCE_COLUMNS
    assert isinstance(c.index, pd.RangeIndex)


def test_cadence_summary_hand_checked_4_weeks():
    s = cadence_summary(_data(), as_of=AS_OF, window_weeks=4)
    assert s["seeker"].tolist() == ["Ana", "Bo"]
    ana, bo = s.iloc[0], s.iloc[1]
    # active weeks 01-13 and 01-27 of 4 -> 0.5; 4 outbound touches / 4 weeks -> 1.0
    assert ana["active_week_share"] == 0.5
    assert ana["touches_per_week"] == 1.0
    # window 01-13 .. 02-05, active days 13, 16, 27 Jan:
    # before 13: 0; 13->16: 2 (14, 15); 16->27: 10 (17..26); 27 -> 02-05 inclusive: 9 (28..31, 1..5)
    assert ana["longest_gap_days"] == 10
    # Bo: nothing -> the whole window up to as_of's day, 01-13 .. 02-05 = 24 days
    assert bo.tolist() == ["Bo", 0.0, 0.0, 24]
    assert {k: str(v) for k, v in s.dtypes.items()} == SUMMARY_COLUMNS


def test_cadence_summary_default_window():
    s = cadence_summary(_data(), as_of=AS_OF)
    ana = s.iloc[0]
    # 8 weeks: window starts 2025-02-03 - 49 days = 2024-12-16
    assert ana["active_week_share"] == 2 / 8
    assert ana["touches_per_week"] == 4 / 8
    # gap 2024-12-16 .. 2025-01-12 = 16 + 12 = 28 days
    assert ana["longest_gap_days"] == 28


def test_monday_thursday_gap_is_two():
    inter = interactions(
        ("bo", "2025-01-06", "email", "out", "message"),  # Monday
        ("bo", "2025-01-09 20:00", "email", "out", "message"),  # Thursday
    )
    # window = the week of 01-06; as_of Thursday night: gaps 0, 2, 0
    s = cadence_summary(inter, window_weeks=1)
    assert s["longest_gap_days"].item() == 2
    assert s["active_week_share"].item() == 1.0


def test_touch_exactly_at_as_of_counts():
    inter = interactions(("bo", "2025-01-08", "email", "out", "message"))
    s = cadence_summary(inter, as_of="2025-01-08", window_weeks=1)
    # window 01-06 .. 01-08: gap before the touch 2 (6, 7), after 0
    assert s[["touches_per_week", "longest_gap_days"]].values.tolist() == [[1.0, 2.0]]


def test_default_as_of_is_latest_timestamp():
    pd.testing.assert_frame_equal(
        cadence(_data()), cadence(_data(), as_of=pd.Timestamp("2025-02-05 18:00", tz="UTC"))
    )


def test_application_alone_starts_the_weeks():
    data = NetworkData(applications=applications(("a1", "Acme", "2025-01-15")))
    c = cadence(data, as_of="2025-01-20")
    assert c["week"].tolist() == list(pd.to_datetime(["2025-01-13", "2025-01-20"], utc=True))
    assert c["applications"].tolist() == [1, 0]


@pytest.mark.parametrize("bad", [0, -1, 2.5, "8", True])
def test_bad_window(bad):
    with pytest.raises(ParameterError, match="window_weeks"):
        cadence_summary(_data(), window_weeks=bad)
    with pytest.raises(ParameterError, match="window_weeks"):
        cadence(_data(), window_weeks=bad)


def test_empty():
    for func, cols in ((cadence, CADENCE_COLUMNS), (cadence_summary, SUMMARY_COLUMNS)):
        out = func(NetworkData())
        assert out.empty and {k: str(v) for k, v in out.dtypes.items()} == cols
        out = func(NetworkData(), as_of="2025-01-01")
        assert out.empty and {k: str(v) for k, v in out.dtypes.items()} == cols


def test_linkedin_only_seeker_is_measured():
    inter = interactions(("bo", "2025-01-06", "linkedin", "out", "message"), origin="linkedin")
    assert cadence_summary(inter, window_weeks=1)["active_week_share"].item() == 1.0


@settings(max_examples=40, deadline=None)
@given(cohorts())
def test_invariants(data):
    as_of = pd.Timestamp("2025-02-10 12:00", tz="UTC")
    c = cadence(data, as_of=as_of, window_weeks=3)
    s = cadence_summary(data, as_of=as_of, window_weeks=3)
    pd.testing.assert_frame_equal(cadence(shuffled(data, seed=4), as_of=as_of, window_weeks=3), c)
    pd.testing.assert_frame_equal(cadence_summary(shuffled(data, seed=5), as_of=as_of, window_weeks=3), s)
    pd.testing.assert_frame_equal(per_seeker(cadence, data, as_of=as_of, window_weeks=3), c)
    pd.testing.assert_frame_equal(per_seeker(cadence_summary, data, as_of=as_of, window_weeks=3), s)
    assert (c["active_days"] <= 7).all() and (c["active_days"] <= c["touches"]).all()
    assert ((s["active_week_share"] >= 0) & (s["active_week_share"] <= 1)).all()
    # the weekly table and the summary agree on the window
    by_seeker = s.set_index("seeker")
    per_week = c[c["in_window"]].groupby("seeker")["touches"].sum() / 3
    assert (by_seeker["touches_per_week"].reindex(per_week.index) == per_week).all()
    active = c[c["in_window"]].assign(a=lambda d: d["touches"] > 0).groupby("seeker")["a"].sum() / 3
    assert (by_seeker["active_week_share"].reindex(active.index) == active).all()
    # the gap is at most the window length up to as_of (3 weeks, as_of on a Monday: 15 days)
    assert (s["longest_gap_days"] <= 15).all()
