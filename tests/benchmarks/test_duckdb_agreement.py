"""The DuckDB reference (benchmarks/duckdb_ref.py) and netlytics agree exactly on a small cohort.

Two independent readings of docs/spec/METRICS.md (set-based SQL with window functions and ASOF
joins; pandas/numpy on integer codes) must give the same touches, channel mix, reciprocity,
follow-up triggers, responses, lags and flags, and the same summary (every measured column),
row for row, with no tolerance.
"""

import pandas as pd
import pytest

from benchmarks import agreement, datagen, duckdb_ref
from netlytics import schema


@pytest.fixture(scope="module")
def cohort():
    # 8 fictional seekers, 12,000 interactions over a year, whole-second timestamps
    return datagen.network_data(12_000, seekers=8, seed=11)


def test_pandas_and_duckdb_agree_on_a_generated_cohort(cohort):
    counts = agreement.row_counts(cohort)
    # not vacuous: every table has many rows (the summary one per seeker)
    assert counts["summary"] == 8
    assert min(v for k, v in counts.items() if k != "summary") > 50
    ours = agreement.pandas_answers(cohort, cohort.latest_timestamp())
    fu = ours["follow_up"]
    assert set(fu["trigger"]) == {"thank_you", "lead", "reply"}
    assert fu["open_loop"].any() and fu["stale"].any() and (~fu["censored"]).any()
    assert ours["summary"]["reply_median_lag_days"].notna().all()
    assert agreement.differences(cohort) == []


def test_agree_when_timestamps_tie_and_input_order_decides(cohort):
    # date-only rows: every interaction of a day shares midnight, so "after" follows the
    # input order; shuffle the rows so input order is not the generator's order
    ix = cohort.interactions.sample(frac=1.0, random_state=5).reset_index(drop=True)
    ix["at"] = ix["at"].dt.floor("D")
    data = cohort.replace(interactions=ix)
    fu = agreement.pandas_answers(data, data.latest_timestamp())["follow_up"]
    assert (fu["lag_days"] == 0).any()  # same-day answers exist: the tie rule is exercised
    assert agreement.differences(data) == []


def test_agree_with_an_earlier_as_of_and_a_scoring_period(cohort):
    # triggers and answers after as_of do not exist yet; before since, no trigger exists
    as_of = cohort.latest_timestamp() - pd.Timedelta(days=40)
    since = as_of - pd.Timedelta(days=200)
    ours = agreement.pandas_answers(cohort, as_of, since)["follow_up"]
    assert len(ours) > 0 and ours["censored"].any() and ours["trigger_at"].min() >= since
    assert agreement.differences(cohort, as_of=as_of) == []
    assert agreement.differences(cohort, as_of=as_of, since=since) == []


def test_agree_on_seekers_without_interactions(cohort):
    # a seeker with only a contact and an application, one with a single unanswered message:
    # zero counts, empty shares and gaps as long as the window, in both
    extra_c = schema.conform(
        "contacts",
        pd.DataFrame({"seeker": ["Zed", "Yan"], "contact_id": ["z1", "y1"], "company": ["Acme", None]}),
    )
    extra_a = schema.conform(
        "applications",
        pd.DataFrame(
            {
                "seeker": ["Zed"],
                "application_id": ["za"],
                "company": ["Acme Inc."],
                "applied_at": [cohort.latest_timestamp() - pd.Timedelta(days=3)],
                "via": ["online"],
                "status": ["applied"],
            }
        ),
    )
    extra_i = schema.conform(
        "interactions",
        pd.DataFrame(
            {
                "seeker": ["Yan"],
                "interaction_id": ["y-1"],
                "contact_id": ["y1"],
                "at": [cohort.latest_timestamp() - pd.Timedelta(days=100)],
                "channel": ["email"],
                "direction": ["inbound"],
                "kind": ["message"],
            }
        ),
    )
    data = cohort.replace(
        contacts=pd.concat([cohort.contacts, extra_c], ignore_index=True),
        applications=pd.concat([cohort.applications, extra_a], ignore_index=True),
        interactions=pd.concat([cohort.interactions, extra_i], ignore_index=True),
    )
    ref = agreement.duckdb_answers(data, data.latest_timestamp())["summary"].set_index("seeker")
    assert ref.loc["Zed", "touches"] == 0 and ref.loc["Zed", "applications"] == 1
    assert ref.loc["Yan", "reply_stale_loops"] == 1 and ref.loc["Yan", "reply_open_loops"] == 0
    assert agreement.differences(data) == []


def test_a_difference_is_reported(cohort):
    # the checker itself: one changed weight changes reciprocity values, and it says where
    con = duckdb_ref.connect(cohort)
    ref = {"reciprocity": duckdb_ref.reciprocity(con, weights={"help": 5.0})}
    ours = agreement.pandas_answers(cohort, cohort.latest_timestamp())
    lines = agreement.compare(ours, ref)
    assert lines and lines[0].startswith("reciprocity.give_value:")
    a, b = (
        agreement._normal(ours["reciprocity"], "reciprocity"),
        agreement._normal(ref["reciprocity"], "reciprocity"),
    )
    assert a["gives"].equals(b["gives"])  # counts do not depend on weights
