"""Outcome bars: rates by route, pooled from counts."""

import pandas as pd
import pytest

from netlytics.figures.outcomes import plot_outcomes


def test_rates_pool_counts_over_seekers():
    # online: Ana 1 of 10, Ben 3 of 10 -> 4 of 20 = 0.2 (not the mean of rates, also 0.2 here)
    # referral: Ana 1 of 1, Ben 1 of 3 -> 2 of 4 = 0.5 (the mean of rates would be 0.667)
    t = pd.DataFrame(
        {
            "seeker": ["Ana", "Ben", "Ana", "Ben"],
            "via": ["online", "online", "referral", "referral"],
            "applications": [10, 10, 1, 3],
            "interviews": [1, 3, 1, 1],
            "offers": [0, 1, 1, 0],
        }
    )
    interview, offer = plot_outcomes(t).data
    assert list(interview.x) == ["Online (n=20)", "Referral (n=4)"]
    assert list(interview.y) == pytest.approx([0.2, 0.5])
    assert list(offer.y) == pytest.approx([0.05, 0.25])
    assert list(interview.text) == ["20%", "50%"]
    assert list(plot_outcomes(t, seeker="Ana").data[0].y) == pytest.approx([0.1, 1.0])


def test_outcomes_not_recorded_are_never_zero_percent():
    # docs/spec/METRICS.md 5b: LinkedIn's job applications record no outcome; the rates are null
    t = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Ben"],
            "via": ["online", "referral", "online"],
            "applications": [197, 3, 10],
            "interviews": [0, 0, 2],
            "offers": [0, 0, 1],
            "interview_rate": [None, None, 0.2],
            "offer_rate": [None, None, 0.1],
        }
    )
    alone = plot_outcomes(t, seeker="Ana")
    text = alone.layout.annotations[0].text
    assert "Outcomes not recorded" in text and "200 applications" in text
    assert not alone.data  # no 0% bars
    pooled = plot_outcomes(t)
    assert list(pooled.data[0].x) == ["Online (n=10)"] and list(pooled.data[0].y) == [0.2]
    assert any("200 applications with outcomes not recorded" in a.text for a in pooled.layout.annotations)
