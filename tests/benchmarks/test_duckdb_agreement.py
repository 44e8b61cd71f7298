"""The DuckDB reference (benchmarks/duckdb_ref.py) and netlytics agree exactly on a small cohort.

Two independent readings of METRICS.md (SQL window functions and ASOF joins; pandas/numpy on
integer codes) must give the same touches, channel mix, reciprocity and follow-up triggers,
responses and lags, row for row, with no tolerance.
"""

import pandas as pd
import pytest

from benchmarks import agreement, datagen


@pytest.fixture(scope="module")
def cohort():
    # 8 fictional seekers, 12,000 interactions over a year, whole-second timestamps
    return datagen.network_data(12_000, seekers=8, seed=11)


def test_pandas_and_duckdb_agree_on_a_generated_cohort(cohort):
    counts = agreement.row_counts(cohort)
    # not vacuous: every table has many rows, and follow-up has all three trigger types
    assert min(counts.values()) > 50
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


def test_agree_with_an_earlier_as_of(cohort):
    # follow-up only: triggers and answers after as_of do not exist yet
    as_of = cohort.latest_timestamp() - pd.Timedelta(days=40)
    ours = agreement.pandas_answers(cohort, as_of)["follow_up"]
    ref = agreement.duckdb_answers(cohort, as_of)["follow_up"]
    a, b = agreement._normal(ours, "follow_up"), agreement._normal(ref, "follow_up")
    assert len(a) > 0 and a["censored"].any()
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_a_difference_is_reported(cohort):
    # the checker itself: one changed weight changes reciprocity values, and it says where
    from benchmarks import duckdb_ref

    con = duckdb_ref.connect(cohort.interactions)
    ref = duckdb_ref.reciprocity(con, weights={"help": 5.0})
    ours = agreement.pandas_answers(cohort, cohort.latest_timestamp())["reciprocity"]
    a, b = agreement._normal(ours, "reciprocity"), agreement._normal(ref, "reciprocity")
    assert not a["give_value"].equals(b["give_value"])
    assert a["gives"].equals(b["gives"])  # counts do not depend on weights
