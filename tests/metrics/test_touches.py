import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.touches import TOUCH_COLUMNS, touches
from tests.metrics._builders import cohorts, interactions, network, per_seeker, shuffled


def _fixture():
    return interactions(
        # 1+2: same contact, channel and UTC day -> one touch at 09:00, outbound (2 is outbound)
        ("bo", "2025-01-06 09:00", "email", "in", "message"),
        ("bo", "2025-01-06 17:00", "email", "out", "message"),
        # 3: same day, other channel -> its own touch
        ("bo", "2025-01-06 23:30", "linkedin", "out", "message"),
        # 4: 40 minutes after 3 but the next UTC day; inbound only -> not outbound
        ("bo", "2025-01-07 00:10", "email", "in", "message"),
        # 5: an inbound meeting is still the seeker's effort -> outbound
        ("cy", "2025-01-07 12:00", "in_person", "in", "meeting"),
        # 6, 8: one-click actions make no touch; 7: no contact, no touch
        ("cy", "2025-01-07 12:00", "linkedin", "out", "endorsement"),
        (None, "2025-01-08", "other", "out", "event"),
        ("di", "2025-01-08", "linkedin", "in", "invitation"),
        # 9 (export) + 10 (tracker) -> one touch of origin tracker, 2 interactions
        ("di", "2025-01-08", "linkedin", "in", "message", {"origin": "linkedin"}),
        ("di", "2025-01-08 05:00", "linkedin", "out", "message"),
        # 11: export only -> origin linkedin
        ("ed", "2025-01-09", "linkedin", "in", "message", {"origin": "linkedin"}),
        # 12: 01:00 at +02:00 is 23:00 UTC the day before -> day 2025-01-09
        ("ed", "2025-01-10T01:00:00+02:00", "email", "out", "message"),
    )


def test_touches_hand_checked():
    t = touches(_fixture())
    utc = lambda s: pd.Timestamp(s, tz="UTC")  # noqa: E731
    expected = pd.DataFrame(
        {
            "seeker": ["Ana"] * 7,
            "contact_id": ["bo", "bo", "bo", "cy", "di", "ed", "ed"],
            "channel": ["email", "linkedin", "email", "in_person", "linkedin", "linkedin", "email"],
            "day": [
                utc(d)
                for d in [
                    "2025-01-06",
                    "2025-01-06",
                    "2025-01-07",
                    "2025-01-07",
                    "2025-01-08",
                    "2025-01-09",
                    "2025-01-09",
                ]
            ],
            "at": [
                utc(d)
                for d in [
                    "2025-01-06 09:00",
                    "2025-01-06 23:30",
                    "2025-01-07 00:10",
                    "2025-01-07 12:00",
                    "2025-01-08",
                    "2025-01-09",
                    "2025-01-09 23:00",
                ]
            ],
            "outbound": [True, True, False, True, True, False, True],
            "interactions": [2, 1, 1, 1, 2, 1, 1],
            "origin": ["tracker"] * 5 + ["linkedin", "tracker"],
        }
    ).astype(TOUCH_COLUMNS)
    pd.testing.assert_frame_equal(t, expected)


def test_dtypes_and_index_match_contract():
    t = touches(_fixture())
    assert {c: str(d) for c, d in t.dtypes.items()} == TOUCH_COLUMNS
    assert isinstance(t.index, pd.RangeIndex)


def test_same_time_ties_sort_by_contact_then_channel():
    t = touches(
        interactions(
            ("zo", "2025-01-06 10:00", "email", "out", "message"),
            ("al", "2025-01-06 10:00", "phone", "out", "message"),
            ("al", "2025-01-06 10:00", "email", "out", "message"),
        )
    )
    assert list(zip(t["contact_id"], t["channel"], strict=True)) == [
        ("al", "email"),
        ("al", "phone"),
        ("zo", "email"),
    ]


def test_twenty_messages_one_day_is_one_touch():
    rows = [("bo", f"2025-01-06 {h:02d}:00", "linkedin", "out", "message") for h in range(20)]
    t = touches(interactions(*rows))
    assert len(t) == 1
    assert t.loc[0, "interactions"] == 20
    assert t.loc[0, "at"] == pd.Timestamp("2025-01-06 00:00", tz="UTC")


def test_seekers_are_kept_apart_and_sorted():
    ana = interactions(("bo", "2025-01-07", "email", "out", "message"), seeker="Ana")
    bo = interactions(("bo", "2025-01-06", "email", "out", "message"), seeker="Bo")
    t = touches(network(interactions=[bo, ana]))
    assert t["seeker"].tolist() == ["Ana", "Bo"]


def test_accepts_container_and_dataframe():
    inter = _fixture()
    pd.testing.assert_frame_equal(touches(inter), touches(NetworkData(interactions=inter)))


def test_rejects_other_input():
    with pytest.raises(ParameterError, match="NetworkData"):
        touches([1, 2, 3])


@pytest.mark.parametrize(
    "data",
    [
        NetworkData(),
        schema.empty("interactions"),
        interactions((None, "2025-01-06", "other", "out", "event")),
    ],
    ids=["empty container", "empty frame", "no contact"],
)
def test_empty_input_gives_typed_empty_frame(data):
    t = touches(data)
    assert t.empty
    assert {c: str(d) for c, d in t.dtypes.items()} == TOUCH_COLUMNS


def test_one_contact():
    t = touches(interactions(("bo", "2025-01-06", "phone", "in", "message")))
    assert t[["contact_id", "outbound", "interactions"]].values.tolist() == [["bo", False, 1]]


def test_linkedin_only_seeker():
    t = touches(
        interactions(
            ("bo", "2025-01-06", "linkedin", "out", "message"),
            ("cy", "2025-01-07", "linkedin", "in", "message"),
            origin="linkedin",
        )
    )
    assert (t["origin"] == "linkedin").all()


@settings(max_examples=60, deadline=None)
@given(cohorts())
def test_invariants(data):
    t = touches(data)
    inter = data.interactions
    counted = inter["contact_id"].notna() & ~inter["kind"].isin(schema.ONE_CLICK_KINDS)
    # every counted interaction is in exactly one touch
    assert t["interactions"].sum() == counted.sum()
    assert not t.duplicated(["seeker", "contact_id", "channel", "day"]).any()
    assert (t["day"] == t["at"].dt.floor("D")).all()
    # row order does not matter, and each seeker's touches do not depend on other seekers
    pd.testing.assert_frame_equal(touches(shuffled(data, seed=1)), t)
    pd.testing.assert_frame_equal(per_seeker(touches, data), t)


def test_measures_compute_touches_once_and_change_nothing(monkeypatch):
    from netlytics.metrics import _window
    from netlytics.metrics.cadence import cadence_summary
    from netlytics.metrics.channel import channel_summary
    from netlytics.metrics.measures import Measures

    data = NetworkData(interactions=_fixture())
    plain = (touches(data), channel_summary(data), cadence_summary(data))
    calls = []
    real = _window._touch_arrays
    monkeypatch.setattr(_window, "_touch_arrays", lambda df, codes=None: calls.append(1) or real(df, codes))
    m = Measures.compute(data, since="all")
    shared = (m.touches, m.channel_summary, m.cadence_summary)
    _ = (m.scorecard, m.summary, m.ties, m.applying)
    assert len(calls) == 1  # one touch table for every measure
    for a, b in zip(plain, shared, strict=True):
        pd.testing.assert_frame_equal(a, b)
    touches(data)  # a metric called on its own computes its own
    assert len(calls) == 2


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_isin_text_equals_series_isin_with_nulls_false(dtype):
    from netlytics.metrics.touches import isin_text

    rng = np.random.default_rng(3)
    words = np.array(["ana", "bo", "cy", "dee", "Zoë", "", "e f"], dtype=object)
    s = pd.Series(rng.choice(words, 500), dtype=dtype).mask(rng.random(500) < 0.1)
    for values in (["bo", "Zoë", None], [], ["", "e f"], pd.Series(["cy"], dtype="str"), ("dee",)):
        want = s.isin(values).to_numpy(bool, na_value=False) & s.notna().to_numpy()
        assert isin_text(s, values).tolist() == want.tolist()
