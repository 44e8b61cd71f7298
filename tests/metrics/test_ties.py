"""tie_strength and tie_summary on the hand-checked cohort of tests/graph/__init__.py."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from netlytics.data import NetworkData
from netlytics.metrics.ties import TIE_COLUMNS, WEIGHTS, tie_strength, tie_summary
from tests.graph import AS_OF, CARA, DEV, ELI, FAY, cohort


@pytest.fixture(scope="module")
def ties() -> pd.DataFrame:
    return tie_strength(cohort(), as_of=AS_OF).set_index(["seeker", "contact_id"])


def test_columns_and_dtypes():
    out = tie_strength(cohort(), as_of=AS_OF)
    assert list(out.columns) == list(TIE_COLUMNS)
    assert {c: str(d) for c, d in out.dtypes.items()} == TIE_COLUMNS
    assert isinstance(out.index, pd.RangeIndex)
    # one row per (seeker, contact): Ana 3, Ben 3 (the introduced Fay is not Ana's contact)
    assert len(out) == 6


def test_weights_sum_to_one():
    assert math.isclose(sum(WEIGHTS.values()), 1.0)


def test_ana_cara_is_strong(ties):
    r = ties.loc[("Ana", CARA)]
    # touches: in_person 06-29, email 06-29 (2 interactions), email 05-01, email 05-02, linkedin 05-10
    assert r["touches"] == 5 and r["touches_180"] == 5 and r["live_touches"] == 1
    assert r["outbound_touches_180"] == 3  # meeting, email 06-29, help 05-02
    assert (r["gives"], r["receives"]) == (1, 1)
    assert r["frequency"] == pytest.approx(5 / 12)
    assert r["days_since_last"] == 1.0 and r["recency"] == pytest.approx(math.exp(-1 / 90))
    # known since the connection 2024-06-30: 365 days -> duration 1
    assert r["days_known"] == 365.0 and r["duration"] == 1.0
    assert r["reciprocity"] == 1.0 and r["richness"] == pytest.approx(0.2)
    # 0.25*5/12 + 0.25*exp(-1/90) + 0.2*0.2 + 0.15*1 + 0.15*1 = 0.691404
    assert r["score"] == pytest.approx(0.691404, abs=1e-6)
    assert r["tie"] == "strong"


def test_ana_dev_is_dormant(ties):
    r = ties.loc[("Ana", DEV)]
    # last touch 2024-10-01, 272 days before as_of: outside the 180-day window
    assert r["touches"] == 1 and r["touches_180"] == 0
    assert r["days_since_last"] == 272.0
    assert (r["gives"], r["receives"]) == (0, 1)  # the endorsement is a gift, not a touch
    # 0.25*0 + 0.25*exp(-272/90) + 0.2*0 + 0.15*0.5 + 0.15*272/365
    #   = 0.012173 + 0.075 + 0.111781 = 0.198954
    assert r["score"] == pytest.approx(0.198954, abs=1e-6)
    assert r["tie"] == "dormant"


def test_ana_eli_is_medium(ties):
    r = ties.loc[("Ana", ELI)]
    # one inbound video introduction 15 days ago; a gift received
    # 0.25/12 + 0.25*exp(-15/90) + 0.2*1 + 0.15*0.5 + 0.15*15/365 = 0.513618
    assert r["score"] == pytest.approx(0.513618, abs=1e-6)
    assert r["tie"] == "medium"


def test_ben_ties(ties):
    cara, fay, eli = ties.loc[("Ben", CARA)], ties.loc[("Ben", FAY)], ties.loc[("Ben", ELI)]
    # Cara: one phone touch 10 days ago, connected 10 days ago, no gift:
    # 0.25/12 + 0.25*exp(-10/90) + 0.2*1 + 0 + 0.15*10/365 = 0.448653
    assert cara["score"] == pytest.approx(0.448653, abs=1e-6) and cara["tie"] == "medium"
    # Fay: one e-mail touch 10 days ago that is a give (an introduction):
    # 0.25/12 + 0.25*exp(-10/90) + 0 + 0.15*0.5 + 0.15*10/365 = 0.323653
    assert fay["score"] == pytest.approx(0.323653, abs=1e-6) and fay["tie"] == "weak"
    # Ben's Eli: a contact row and nothing else
    assert eli["score"] == 0.0 and eli["tie"] == "dormant" and np.isnan(eli["days_since_last"])
    assert np.isnan(eli["days_known"])


def test_sorted_by_seeker_then_score():
    out = tie_strength(cohort(), as_of=AS_OF)
    assert out["contact_id"].tolist() == [CARA, ELI, DEV, CARA, FAY, ELI]


def test_as_of_excludes_later_interactions():
    # on 2025-05-05 Ana and Cara had e-mails on 05-01 and 05-02 only; the rest is in the future
    r = tie_strength(cohort(), as_of="2025-05-05").set_index(["seeker", "contact_id"]).loc[("Ana", CARA)]
    assert r["touches"] == 2 and (r["gives"], r["receives"]) == (1, 0)
    assert r["last_at"] == pd.Timestamp("2025-05-02", tz="UTC")


def test_default_as_of_is_latest_timestamp():
    # the latest timestamp is Ana's 2025-06-29 meeting
    a = tie_strength(cohort())
    b = tie_strength(cohort(), as_of="2025-06-29")
    pd.testing.assert_frame_equal(a, b)


def test_row_order_does_not_matter():
    data = cohort()
    shuffled = data.replace(interactions=data.interactions.sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(tie_strength(data, as_of=AS_OF), tie_strength(shuffled, as_of=AS_OF))


def test_dimensions_in_unit_interval():
    out = tie_strength(cohort(), as_of=AS_OF)
    dims = out[["frequency", "recency", "duration", "reciprocity", "richness", "score"]]
    assert ((dims >= 0) & (dims <= 1)).all().all()


def test_summary():
    s = tie_summary(cohort(), as_of=AS_OF).set_index("seeker")
    # Ana's outbound touches in the window all go to Cara, a strong tie
    assert s.loc["Ana", "outbound_touches_180"] == 3 and s.loc["Ana", "weak_tie_share"] == 0.0
    assert s.loc["Ana", ["strong", "medium", "weak", "dormant"]].tolist() == [1, 1, 0, 1]
    # Ben: one to Cara (medium), one to Fay (weak): 2 / 2
    assert s.loc["Ben", "weak_tie_share"] == 1.0
    assert s.loc["Ben", ["strong", "medium", "weak", "dormant"]].tolist() == [0, 1, 1, 1]


def test_summary_null_without_recent_outbound_touch():
    s = tie_summary(cohort(), as_of="2026-06-30").set_index("seeker")
    assert s["weak_tie_share"].isna().all()
    assert (s["dormant"] == 3).all()


def test_empty_data():
    assert tie_strength(NetworkData()).empty
    assert list(tie_strength(NetworkData()).columns) == list(TIE_COLUMNS)
    assert tie_summary(NetworkData()).empty
