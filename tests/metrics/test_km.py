"""Kaplan-Meier: hand-computed tables, medians, grouping and invariants."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlytics.errors import ParameterError
from netlytics.metrics.km import kaplan_meier, kaplan_meier_by, km_curves, km_median, km_median_by


def test_hand_computed_table_keeps_censored_at_risk_at_event_time():
    # durations 1 2 2 3 4 5, the second 2 and 4, 5 censored
    # t=1: at risk 6, 1 event            S = 5/6
    # t=2: at risk 5 (the censored 2 is still at risk), 1 event, 1 censored  S = 5/6 * 4/5 = 2/3
    # t=3: at risk 3, 1 event            S = 2/3 * 2/3 = 4/9 <= 0.5 -> median 3
    # t=4: at risk 2, censored; t=5: at risk 1, censored
    km = kaplan_meier([1, 2, 2, 3, 4, 5], [True, True, False, True, False, False])
    assert km["time"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert km["at_risk"].tolist() == [6, 5, 3, 2, 1]
    assert km["events"].tolist() == [1, 1, 1, 0, 0]
    assert km["censored"].tolist() == [0, 1, 0, 1, 1]
    assert km["survival"].tolist() == pytest.approx([5 / 6, 2 / 3, 4 / 9, 4 / 9, 4 / 9])
    assert km_median([1, 2, 2, 3, 4, 5], [True, True, False, True, False, False]) == 3.0
    assert str(km["at_risk"].dtype) == "int64" and str(km["survival"].dtype) == "float64"


def test_median_never_reached_is_nan_and_exact_half_counts():
    # S(1) = 2/3, then only censoring: never <= 0.5
    assert np.isnan(km_median([1, 2, 3], [True, False, False]))
    # S(1) = 1/2 exactly: the median is 1
    assert km_median([1, 2], [True, True]) == 1.0
    # S(2) = 3/4 * 2/3, which is 0.5 up to floating-point rounding: still the median
    assert km_median([1, 2, 3, 4], [True, True, False, False]) == 2.0
    # all observed: the ordinary lower median
    assert km_median([5, 1, 3]) == 3.0


def test_empty_and_invalid_input():
    km = kaplan_meier([], [])
    assert km.empty and list(km.columns) == [
        "time", "at_risk", "events", "censored", "survival", "ci_lower", "ci_upper"
    ]  # fmt: skip
    assert np.isnan(km_median([], []))
    with pytest.raises(ParameterError, match="negative duration"):
        kaplan_meier([1, -2], [True, True])
    with pytest.raises(ParameterError, match="empty duration"):
        kaplan_meier([1, np.nan], [True, True])
    with pytest.raises(ParameterError, match="same length"):
        kaplan_meier([1, 2], [True])
    with pytest.raises(ParameterError, match="not found"):
        kaplan_meier_by(pd.DataFrame({"x": [1]}), duration="lag_days")


def test_grouped_equals_one_group_at_a_time():
    t = pd.DataFrame(
        {
            "seeker": ["Ana"] * 4 + ["Bo"] * 3,
            "trigger": ["reply", "reply", "lead", "lead", "reply", "reply", "reply"],
            "duration": [1.0, 2.0, 0.5, 0.5, 3.0, 1.0, 3.0],
            "observed": [True, False, True, True, True, False, True],
        }
    )
    grouped = kaplan_meier_by(t, by=["seeker", "trigger"])
    for (seeker, trigger), part in t.groupby(["seeker", "trigger"]):
        single = kaplan_meier(part["duration"], part["observed"])
        got = grouped[(grouped["seeker"] == seeker) & (grouped["trigger"] == trigger)]
        pd.testing.assert_frame_equal(got.drop(columns=["seeker", "trigger"]).reset_index(drop=True), single)
    med = km_median_by(t, by=["seeker", "trigger"])
    # Ana lead: two events at 0.5 -> S = 0 -> 0.5; Ana reply: S(1) = 1/2 -> 1;
    # Bo reply: t=1 censored, t=3 two events of 2 at risk -> S = 0 -> 3
    assert med.values.tolist() == [["Ana", "lead", 0.5], ["Ana", "reply", 1.0], ["Bo", "reply", 3.0]]


def test_km_curves_from_a_follow_up_table():
    fu = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Bo"],
            "trigger": ["reply", "reply", "thank_you"],
            "lag_days": [1.0, 4.0, 2.0],
            "censored": [False, True, True],
        }
    )
    c = km_curves(fu)
    assert list(c.columns) == [
        "seeker", "trigger", "time", "at_risk", "events", "censored", "survival", "ci_lower", "ci_upper"
    ]  # fmt: skip
    assert c.iloc[:, :7].values.tolist() == [
        ["Ana", "reply", 1.0, 2, 1, 0, 0.5],
        ["Ana", "reply", 4.0, 1, 0, 1, 0.5],
        ["Bo", "thank_you", 2.0, 1, 0, 1, 1.0],
    ]
    # Bo never answered: S stays 1 and so do both bounds; Ana's bounds straddle 0.5
    assert c.loc[2, ["ci_lower", "ci_upper"]].tolist() == [1.0, 1.0]
    assert c.loc[0, "ci_lower"] < 0.5 < c.loc[0, "ci_upper"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.booleans()), max_size=40))
def test_invariants(obs):
    durations = [d for d, _ in obs]
    observed = [o for _, o in obs]
    km = kaplan_meier(durations, observed)
    assert int((km["events"] + km["censored"]).sum()) == len(obs)
    if len(obs):
        assert km["at_risk"].iloc[0] == len(obs)
        assert (km["survival"].diff().dropna() <= 1e-12).all()  # non-increasing
        assert ((km["survival"] >= -1e-12) & (km["survival"] <= 1)).all()
    # with no censoring, S(t) is the empirical share still waiting after t
    if obs and all(observed):
        s = np.array(durations)
        expected = [(s > t).mean() for t in km["time"]]
        assert km["survival"].tolist() == pytest.approx(expected)
    med = km_median(durations, observed)
    if not np.isnan(med):
        assert med in set(durations)


# --- Greenwood confidence bounds, checked against lifelines ---------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_estimate_and_bounds_equal_lifelines_on_random_censored_data(seed):
    lifelines = pytest.importorskip("lifelines")
    rng = np.random.default_rng(seed)
    n = 200
    event_time = np.round(rng.exponential(5.0, n), 1)  # rounded: tied times are exercised
    censor_time = np.round(rng.exponential(8.0, n), 1)
    durations = np.minimum(event_time, censor_time)
    observed = event_time <= censor_time
    assert 0.2 < observed.mean() < 0.9 and len(np.unique(durations)) < n  # censored and tied

    ours = kaplan_meier(durations, observed)
    kmf = lifelines.KaplanMeierFitter().fit(durations, observed)  # default: 95%, exponential Greenwood
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_survival_function_
    ref = pd.DataFrame(
        {"survival": sf, "ci_lower": ci.iloc[:, 0], "ci_upper": ci.iloc[:, 1]}, index=sf.index
    ).loc[ours["time"].to_numpy()]
    np.testing.assert_allclose(ours["survival"], ref["survival"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours["ci_lower"], ref["ci_lower"], rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours["ci_upper"], ref["ci_upper"], rtol=0, atol=1e-10)
    assert (
        (ours["ci_lower"] <= ours["survival"] + 1e-12) & (ours["survival"] <= ours["ci_upper"] + 1e-12)
    ).all()
    # the median agrees too
    assert km_median(durations, observed) == pytest.approx(kmf.median_survival_time_)


def test_bounds_by_group_equal_bounds_one_group_at_a_time():
    t = pd.DataFrame(
        {
            "g": ["a"] * 5 + ["b"] * 4,
            "duration": [1.0, 2.0, 2.0, 3.0, 4.0, 1.0, 1.0, 5.0, 6.0],
            "observed": [True, True, False, True, False, True, False, True, True],
        }
    )
    grouped = kaplan_meier_by(t, by="g")
    for g, part in t.groupby("g"):
        alone = kaplan_meier(part["duration"], part["observed"])
        got = grouped[grouped["g"] == g].drop(columns="g").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, alone)
    # hand check of group b's first step: S = 3/4, V = 1/(4*3), lower/upper by the formula
    b = grouped[grouped["g"] == "b"].iloc[0]
    v, z = np.log(0.75), 1.959963984540054
    assert b["ci_lower"] == pytest.approx(np.exp(-np.exp(np.log(-v) - z * np.sqrt(1 / 12) / v)))
    assert b["ci_upper"] == pytest.approx(np.exp(-np.exp(np.log(-v) + z * np.sqrt(1 / 12) / v)))
