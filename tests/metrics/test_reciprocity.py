import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.reciprocity import (
    DEFAULT_WEIGHTS,
    RECIPROCITY_COLUMNS,
    SUMMARY_COLUMNS,
    reciprocity,
    reciprocity_summary,
)
from tests.metrics._builders import cohorts, interactions, network, per_seeker, shuffled


def _data():
    ana = interactions(
        ("bo", "2025-01-06", "email", "in", "referral"),  # receive 3
        ("bo", "2025-01-07", "email", "out", "help"),  # give 1
        ("bo", "2025-01-07", "linkedin", "out", "endorsement"),  # give 0.5
        ("bo", "2025-01-08", "email", "out", "message"),  # not a gift
        ("cy", "2025-01-09", "phone", "in", "lead"),  # receive 2
        ("cy", "2025-01-10", "email", "in", "introduction"),  # receive 3
        ("di", "2025-01-11", "linkedin", "out", "recommendation"),  # give 2
        ("ed", "2025-01-12", "linkedin", "in", "endorsement"),  # receive 0.5
        (None, "2025-01-13", "other", "out", "help"),  # no contact: no row
    )
    bo = interactions(("zo", "2025-01-06", "email", "out", "message"), seeker="Bo")  # no gifts
    return network(interactions=[ana, bo])


def test_reciprocity_hand_checked():
    r = reciprocity(_data())
    expected = pd.DataFrame(
        {
            "seeker": ["Ana"] * 4,
            "contact_id": ["bo", "cy", "di", "ed"],
            "gives": [2, 0, 1, 0],
            "receives": [1, 2, 0, 1],
            "give_value": [1.5, 0.0, 2.0, 0.0],
            "receive_value": [3.0, 5.0, 0.0, 0.5],
            "balance": [-1.5, -5.0, 2.0, -0.5],
        }
    ).astype(RECIPROCITY_COLUMNS)
    pd.testing.assert_frame_equal(r, expected)


def test_summary_hand_checked():
    s = reciprocity_summary(_data())
    # Ana gives 1.5 + 2 = 3.5, receives 3 + 5 + 0.5 = 8.5 -> 3.5 / 12; take-only: cy, ed
    assert s["seeker"].tolist() == ["Ana", "Bo"]
    ana = s.iloc[0]
    assert (ana["give_value"], ana["receive_value"], ana["take_only_contacts"]) == (3.5, 8.5, 2)
    assert ana["give_share"] == pytest.approx(3.5 / 12)
    # Bo has no gifts at all: null share, no take-only contacts
    bo = s.iloc[1]
    assert (bo["give_value"], bo["receive_value"], bo["take_only_contacts"]) == (0.0, 0.0, 0)
    assert np.isnan(bo["give_share"])
    assert {k: str(v) for k, v in s.dtypes.items()} == SUMMARY_COLUMNS


def test_weights_override_some():
    r = reciprocity(_data(), weights={"endorsement": 0, "referral": 5})
    by = r.set_index("contact_id")
    assert by.loc["bo", ["give_value", "receive_value"]].tolist() == [1.0, 5.0]
    # ed's endorsement is worth 0 now: still a row (a gift-kind interaction), counted, value 0
    assert by.loc["ed", ["receives", "receive_value"]].tolist() == [1, 0.0]
    s = reciprocity_summary(_data(), weights={"endorsement": 0, "referral": 5})
    # take-only needs receive_value > 0: only cy now
    assert s.iloc[0]["take_only_contacts"] == 1
    assert DEFAULT_WEIGHTS["endorsement"] == 0.5  # the default is untouched


def test_only_zero_weight_gifts_give_null_share():
    inter = interactions(("bo", "2025-01-06", "linkedin", "in", "endorsement"))
    s = reciprocity_summary(inter, weights={"endorsement": 0})
    assert np.isnan(s["give_share"].item())


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        ({"referal": 1}, "Did you mean 'referral'"),
        ({"message": 1}, "unknown gift kind 'message'"),
        ({"help": -1}, r"weights\['help'\] must be at least 0"),
        ({"help": "1"}, r"weights\['help'\] must be a number"),
        ({"help": float("nan")}, r"weights\['help'\] must be a number"),
        ({"help": float("inf")}, "finite number >= 0"),
        ("help", "mapping"),
    ],
)
def test_bad_weights(weights, match):
    with pytest.raises(ParameterError, match=match):
        reciprocity(_data(), weights=weights)


def test_empty_and_one_contact():
    for func, cols in ((reciprocity, RECIPROCITY_COLUMNS), (reciprocity_summary, SUMMARY_COLUMNS)):
        out = func(NetworkData())
        assert out.empty and {k: str(v) for k, v in out.dtypes.items()} == cols
    one = interactions(("bo", "2025-01-06", "email", "out", "lead"))
    assert reciprocity(one)[["gives", "give_value", "balance"]].values.tolist() == [[1, 2.0, 2.0]]
    assert reciprocity_summary(one)["give_share"].item() == 1.0


def test_linkedin_only_seeker():
    # an export holds endorsements and recommendations: they count as gifts
    inter = interactions(
        ("bo", "2025-01-06", "linkedin", "out", "endorsement"),
        ("bo", "2025-01-07", "linkedin", "in", "recommendation"),
        origin="linkedin",
    )
    s = reciprocity_summary(inter)
    assert s["give_share"].item() == pytest.approx(0.5 / 2.5)


@settings(max_examples=40, deadline=None)
@given(cohorts())
def test_invariants(data):
    r = reciprocity(data)
    assert ((r["gives"] + r["receives"]) > 0).all()
    assert np.allclose(r["balance"], r["give_value"] - r["receive_value"])
    pd.testing.assert_frame_equal(reciprocity(shuffled(data, seed=7)), r)
    pd.testing.assert_frame_equal(per_seeker(reciprocity, data), r)
    s = reciprocity_summary(data)
    pd.testing.assert_frame_equal(per_seeker(reciprocity_summary, data), s)
    share = s["give_share"].dropna()
    assert ((share >= 0) & (share <= 1)).all()
