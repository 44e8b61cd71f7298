import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.channel import FREQS, MIX_COLUMNS, SUMMARY_COLUMNS, channel_mix, channel_summary
from tests.metrics._builders import applications, cohorts, interactions, network, per_seeker, shuffled

AS_OF = pd.Timestamp("2025-03-01", tz="UTC")


def _ana():
    return interactions(
        ("bo", "2025-01-06 09:00", "email", "out", "message"),
        ("bo", "2025-01-06 10:00", "email", "in", "message"),  # same touch as above
        ("bo", "2025-01-07", "email", "out", "message"),
        ("cy", "2025-01-07 15:00", "in_person", "in", "meeting"),
        ("di", "2025-01-13", "video", "out", "meeting"),
        ("di", "2025-01-14", "linkedin", "in", "message"),
        ("ed", "2025-01-15", "other", "out", "message"),
        ("ed", "2025-01-15", "linkedin", "out", "endorsement"),  # one click: no touch
    )
    # touches: email 2 (01-06, 01-07), in_person 1, video 1, linkedin 1, other 1 -> 6


def _bo_linkedin_only():
    return interactions(
        ("zo", "2025-01-08", "linkedin", "out", "message"),
        ("yu", "2025-01-09", "linkedin", "in", "message"),
        seeker="Bo",
        origin="linkedin",
    )


def _cohort():
    # Cy has an application and no interaction at all
    return network(
        interactions=[_ana(), _bo_linkedin_only()],
        applications=applications(("a1", "Acme", "2025-01-10"), seeker="Cy"),
    )


def test_channel_mix_hand_checked():
    mix = channel_mix(_cohort(), as_of=AS_OF)
    ana = mix[mix["seeker"] == "Ana"]
    # canonical channel order; shares over all 6 touches, both directions
    assert ana["channel"].tolist() == ["in_person", "video", "email", "linkedin", "other"]
    assert ana["touches"].tolist() == [1, 1, 2, 1, 1]
    np.testing.assert_allclose(ana["share"], [1 / 6, 1 / 6, 2 / 6, 1 / 6, 1 / 6])
    bo = mix[mix["seeker"] == "Bo"]
    assert bo[["channel", "touches", "share"]].values.tolist() == [["linkedin", 2, 1.0]]
    assert "Cy" not in set(mix["seeker"])  # no touch, no row
    assert {c: str(d) for c, d in mix.dtypes.items()} == {
        k: v for k, v in MIX_COLUMNS.items() if k != "period"
    }
    assert isinstance(mix.index, pd.RangeIndex)


def test_channel_mix_weekly():
    mix = channel_mix(_ana(), freq="W")
    # week of Monday 01-06: email 2, in_person 1 -> 1/3, 2/3
    # week of Monday 01-13: video, linkedin, other -> 1/3 each
    wk1 = mix[mix["period"] == pd.Timestamp("2025-01-06", tz="UTC")]
    assert wk1[["channel", "touches"]].values.tolist() == [["in_person", 1], ["email", 2]]
    wk2 = mix[mix["period"] == pd.Timestamp("2025-01-13", tz="UTC")]
    assert wk2["channel"].tolist() == ["video", "linkedin", "other"]
    np.testing.assert_allclose(wk2["share"], [1 / 3] * 3)
    assert str(mix["period"].dtype) == "datetime64[ns, UTC]"
    pd.testing.assert_frame_equal(channel_mix(_ana(), freq="W-MON"), mix)
    pd.testing.assert_frame_equal(channel_mix(_ana(), freq="w"), mix)


def test_channel_mix_monthly_and_other_week_starts():
    monthly = channel_mix(_ana(), freq="MS")
    assert (monthly["period"] == pd.Timestamp("2025-01-01", tz="UTC")).all()
    assert monthly["touches"].sum() == 6
    # weeks starting Tuesday: 01-06 (Mon) falls in the week of Tuesday 12-31
    tue = channel_mix(_ana(), freq="W-TUE")
    assert tue["period"].min() == pd.Timestamp("2024-12-31", tz="UTC")


def test_as_of_cuts_touches():
    # at or before 2025-01-07 00:00: the email touches of 01-06 09:00 and 01-07 00:00 only
    mix = channel_mix(_ana(), as_of="2025-01-07")
    assert mix[["channel", "touches", "share"]].values.tolist() == [["email", 2, 1.0]]


@pytest.mark.parametrize(("freq", "suggestion"), [("W-MOM", "W-MON"), ("weekly", None), (7, None)])
def test_bad_freq(freq, suggestion):
    with pytest.raises(ParameterError, match="freq=") as err:
        channel_mix(_ana(), freq=freq)
    if suggestion:
        assert f"Did you mean {suggestion!r}" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_channel_summary_hand_checked():
    s = channel_summary(_cohort(), as_of=AS_OF)
    assert s["seeker"].tolist() == ["Ana", "Bo", "Cy"]
    # Ana: live = in_person + video = 2/6; in person 1/6; written = email 2 + linkedin 1 = 3/6
    ana = s.iloc[0]
    assert ana["touches"] == 6
    assert ana["live_share"] == pytest.approx(2 / 6)
    assert ana["in_person_share"] == pytest.approx(1 / 6)
    assert ana["written_share"] == pytest.approx(0.5)
    assert not ana["linkedin_only"]
    # Bo: every touch from the LinkedIn export -> not measured
    assert s.iloc[1][["touches", "written_share", "linkedin_only"]].tolist() == [2, 1.0, True]
    # Cy: no touch -> a row with 0 touches and null shares
    cy = s.iloc[2]
    assert cy["touches"] == 0 and not cy["linkedin_only"]
    assert cy[["live_share", "in_person_share", "written_share"]].isna().all()
    assert {c: str(d) for c, d in s.dtypes.items()} == SUMMARY_COLUMNS


def test_mixed_origin_is_not_linkedin_only():
    inter = pd.concat(
        [_bo_linkedin_only(), interactions(("xi", "2025-01-10", "phone", "out", "message"), seeker="Bo")],
        ignore_index=True,
    ).assign(interaction_id=lambda d: [str(i) for i in range(len(d))])
    assert not channel_summary(inter)["linkedin_only"].item()


@pytest.mark.parametrize("func", [channel_mix, channel_summary])
def test_empty(func):
    out = func(NetworkData())
    expected = {k: v for k, v in (SUMMARY_COLUMNS if func is channel_summary else MIX_COLUMNS).items()}
    expected.pop("period", None)
    assert out.empty and {c: str(d) for c, d in out.dtypes.items()} == expected
    weekly = channel_mix(NetworkData(), freq="W")
    assert {c: str(d) for c, d in weekly.dtypes.items()} == MIX_COLUMNS


def test_one_contact():
    out = channel_mix(interactions(("bo", "2025-01-06", "phone", "in", "message")))
    assert out[["channel", "touches", "share"]].values.tolist() == [["phone", 1, 1.0]]


@settings(max_examples=30, deadline=None)
@given(cohorts())
def test_invariants(data):
    as_of = pd.Timestamp("2025-02-01", tz="UTC")
    for freq in (None, "W", "MS"):
        mix = channel_mix(data, as_of=as_of, freq=freq)
        keys = ["seeker"] if freq is None else ["seeker", "period"]
        if len(mix):
            np.testing.assert_allclose(mix.groupby(keys)["share"].sum(), 1.0)
        pd.testing.assert_frame_equal(channel_mix(shuffled(data, seed=2), as_of=as_of, freq=freq), mix)
        pd.testing.assert_frame_equal(per_seeker(channel_mix, data, as_of=as_of, freq=freq), mix)
    s = channel_summary(data, as_of=as_of)
    pd.testing.assert_frame_equal(channel_summary(shuffled(data, seed=3), as_of=as_of), s)
    pd.testing.assert_frame_equal(per_seeker(channel_summary, data, as_of=as_of), s)
    # the summary's touches agree with the mix
    total = channel_mix(data, as_of=as_of).groupby("seeker")["touches"].sum()
    assert (s.set_index("seeker")["touches"].reindex(total.index) == total).all()


def test_freqs_are_documented():
    assert "W" in FREQS and FREQS["W-MON"] == "week starting Monday"
