import pandas as pd
from hypothesis import given, settings

from netlytics.data import NetworkData
from netlytics.metrics.outcomes import OUTCOME_COLUMNS, outcomes
from tests.metrics._builders import applications, cohorts, interactions, network, per_seeker, shuffled


def _data():
    ana = applications(
        ("a1", "Acme", "2025-01-06", "online", "applied"),
        ("a2", "Globex", "2025-01-07", "online", "rejected"),
        ("a3", "Initech", "2025-01-08", "online", "interview"),
        ("a4", "Umbrella", "2025-01-09", "referral", "offer"),
        ("a5", "Hooli", "2025-01-10", "referral", "interview"),
        ("a6", "Vandelay", "2025-01-11", "network", "withdrawn"),
    )
    bo = applications(("b1", "Acme", "2025-01-06", "recruiter", "no_response"), seeker="Bo")
    return network(applications=[bo, ana])


def test_hand_checked():
    out = outcomes(_data())
    expected = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Ana", "Bo"],
            # canonical via order: online, referral, recruiter, network, other
            "via": ["online", "referral", "network", "recruiter"],
            "applications": [3, 2, 1, 1],
            "interviews": [1, 2, 0, 0],  # an offer counts as an interview too
            "offers": [0, 1, 0, 0],
            "interview_rate": [1 / 3, 1.0, 0.0, 0.0],
            "offer_rate": [0.0, 0.5, 0.0, 0.0],
            "recorded": [True, True, True, True],  # Bo's no_response is an outcome
        }
    ).astype(OUTCOME_COLUMNS)
    pd.testing.assert_frame_equal(out, expected)


def test_outcomes_not_recorded_are_null_not_zero():
    # LinkedIn's Job Applications.csv records no status: every application is 'applied'
    ana = applications(
        ("a1", "Acme", "2025-01-06", "online", "applied"),
        ("a2", "Globex", "2025-01-07", "referral", "applied"),
    )
    bo = applications(("b1", "Acme", "2025-01-06", "online", "rejected"), seeker="Bo")
    out = outcomes(network(applications=[ana, bo]))
    ana_rows = out[out["seeker"] == "Ana"]
    assert ana_rows["applications"].tolist() == [1, 1]
    assert ana_rows["interview_rate"].isna().all() and ana_rows["offer_rate"].isna().all()
    assert not ana_rows["recorded"].any()
    bo_row = out[out["seeker"] == "Bo"].iloc[0]
    assert bo_row["recorded"] and bo_row["interview_rate"] == 0.0  # a rejection is a recorded outcome


def test_as_of_and_since_select_applications():
    data = _data()
    out = outcomes(data, as_of="2025-01-08", since="2025-01-07")
    ana = out[out["seeker"] == "Ana"]
    assert ana[["via", "applications", "interviews"]].values.tolist() == [["online", 2, 1]]
    assert out["seeker"].tolist() == ["Ana"]  # Bo applied before since


def test_empty_and_interactions_only():
    out = outcomes(NetworkData())
    assert out.empty and {k: str(v) for k, v in out.dtypes.items()} == OUTCOME_COLUMNS
    inter = interactions(("bo", "2025-01-06", "email", "out", "message"))
    assert outcomes(inter).empty


def test_one_application():
    out = outcomes(NetworkData(applications=applications(("a1", "Acme", "2025-01-06", "referral", "offer"))))
    assert out[["via", "applications", "interview_rate", "offer_rate"]].values.tolist() == [
        ["referral", 1, 1.0, 1.0]
    ]


@settings(max_examples=40, deadline=None)
@given(cohorts())
def test_invariants(data):
    out = outcomes(data)
    assert out["applications"].sum() == len(data.applications)
    assert (out["offers"] <= out["interviews"]).all() and (out["interviews"] <= out["applications"]).all()
    pd.testing.assert_frame_equal(outcomes(shuffled(data, seed=8)), out)
    pd.testing.assert_frame_equal(per_seeker(outcomes, data), out)
