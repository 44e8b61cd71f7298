"""summary: the coach's table on the hand-checked cohort of test_scorecard, and its invariants."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.metrics.summary import SUMMARY_COLUMNS, summary
from netlytics.metrics.ties import tie_summary


def _load_cohort_fixture():
    # the same two fictional seekers as test_scorecard (answers worked out there)
    spec = importlib.util.spec_from_file_location("_sc", Path(__file__).with_name("test_scorecard.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.cohort, mod.AS_OF


cohort, AS_OF = _load_cohort_fixture()


def test_columns_and_dtypes():
    s = summary(cohort(), as_of=AS_OF)
    assert list(s.columns) == list(SUMMARY_COLUMNS)
    assert {c: str(s[c].dtype) for c in s.columns} == SUMMARY_COLUMNS
    for trigger in ["thank_you", "lead", "reply"]:
        for stat in ["n", "answered_share", "on_time_share", "median_lag_days", "open_loops"]:
            assert f"{trigger}_{stat}" in s.columns
    assert s["seeker"].tolist() == ["Ana", "Bo"]


def test_hand_checked_values():
    s = summary(cohort(), as_of=AS_OF).set_index("seeker")
    ana = s.loc["Ana"]
    # 10 touches: live = hal video, gus phone, ben in person (3); in person 1; written 7
    assert ana["touches"] == 10
    assert ana[["live_share", "in_person_share", "written_share"]].tolist() == pytest.approx([0.3, 0.1, 0.7])
    # 8 outbound touches in the 8-week window (all but cy's reply and fay's referral)
    assert ana[["active_week_share", "touches_per_week", "longest_gap_days"]].tolist() == [0.25, 1.0, 47]
    assert ana["applications"] == 0 and np.isnan(ana["networked_share"])
    assert ana["give_share"] == 0.25 and ana["take_only_contacts"] == 1 and ana["gifts"] == 2
    # thank_you: hal (3 days, late), ben (11 h, on time), fay (open 2 days, past due)
    # answered 2/3; on time 1/3; KM: t=11/24 S=2/3, t=2 censored, t=3 S=0 -> median 3
    assert ana["thank_you_n"] == 3
    assert ana["thank_you_answered_share"] == pytest.approx(2 / 3)
    assert ana["thank_you_on_time_share"] == pytest.approx(1 / 3)
    assert ana["thank_you_median_lag_days"] == 3.0
    assert ana["thank_you_open_loops"] == 1
    # lead: fay's referral, unanswered but due only on 03-10: left out of on_time_share
    assert ana["lead_n"] == 1 and ana["lead_answered_share"] == 0.0
    assert np.isnan(ana["lead_on_time_share"]) and np.isnan(ana["lead_median_lag_days"])
    assert ana["lead_open_loops"] == 0
    # reply: cy's message, open and past due
    assert ana["reply_n"] == 1 and ana["reply_on_time_share"] == 0.0 and ana["reply_open_loops"] == 1
    assert ana[[f"{m}_status" for m in schema.MISTAKES]].tolist() == [
        "mistake",
        "mistake",
        "not_measured",  # 2 gifts are too few to judge giving (METRICS 5b)
        "mistake",
    ]
    bo = s.loc["Bo"]
    assert bo["touches"] == 6 and bo["applications"] == 3 and bo["networked_share"] == 0.0
    assert bo["thank_you_n"] == 0 and bo["reply_open_loops"] == 0
    assert bo[[f"{m}_status" for m in schema.MISTAKES]].tolist() == [
        "not_measured",
        "mistake",
        "not_measured",
        "not_measured",
    ]
    assert (s["as_of"] == pd.Timestamp(AS_OF, tz="UTC")).all()


def test_weak_tie_share_comes_from_the_graph_layer():
    data = cohort()
    s = summary(data, as_of=AS_OF)
    expected = tie_summary(data, as_of=AS_OF).set_index("seeker")["weak_tie_share"]
    pd.testing.assert_series_equal(
        s.set_index("seeker")["weak_tie_share"],
        expected.reindex(s["seeker"]).astype("float64"),
        check_names=False,
    )


def test_one_as_of_for_the_cohort_and_split_equals_cohort():
    data = cohort()
    s = summary(data)
    # default: the latest timestamp anywhere (Ana's referral, 2025-03-07) for both seekers
    assert s["as_of"].nunique() == 1 and s["as_of"].iloc[0] == pd.Timestamp("2025-03-07", tz="UTC")
    whole = summary(data, as_of=AS_OF)
    for seeker in ["Ana", "Bo"]:
        part = summary(data.for_seekers(seeker), as_of=AS_OF)
        pd.testing.assert_frame_equal(part, whole[whole["seeker"] == seeker].reset_index(drop=True))


def test_as_of_leaves_later_data_out():
    # on 2025-03-02 Ana has only hal's meeting and gus's help: 2 touches
    s = summary(cohort(), as_of="2025-03-02T12:00").set_index("seeker")
    assert s.loc["Ana", "touches"] == 2 and s.loc["Ana", "thank_you_n"] == 1
    assert s.loc["Bo", "applications"] == 2  # applied 03-01 and 03-02 (midnight); not 03-03


def test_empty_and_interactions_frame_input():
    s = summary(NetworkData())
    assert s.empty and list(s.columns) == list(SUMMARY_COLUMNS)
    ix = cohort().interactions
    s = summary(ix[ix["seeker"] == "Bo"], as_of=AS_OF)
    assert s["seeker"].tolist() == ["Bo"] and s["touches"].tolist() == [6]


def test_large_cohorts_are_computed_seeker_chunk_by_chunk_with_the_same_result(monkeypatch):
    from benchmarks import datagen
    from netlytics.engines import dispatch
    from netlytics.metrics import summary as summary_module

    data = datagen.network_data(3_000, seekers=7, seed=5)
    whole = summary_module.summary(data)
    monkeypatch.setattr(dispatch, "CHUNK_INTERACTIONS", 800)  # about two seekers a chunk
    assert len(data.seeker_chunks(800)) > 2
    chunked = summary_module.summary(data)
    pd.testing.assert_frame_equal(chunked, whole)


def test_summary_reads_only_the_interaction_columns_it_names():
    """The summary's window copies only ``READS``: blanking every other interaction column
    changes nothing (a summary that starts reading another column must name it there)."""
    from benchmarks import datagen
    from netlytics.metrics.summary import READS

    data = datagen.network_data(6_000, seekers=3, seed=2)
    ix = data.interactions
    blank = {c: pd.Series(pd.NA, index=ix.index, dtype=ix[c].dtype) for c in ix.columns if c not in READS}
    assert {"company", "introduced", "source", "source_row", "inferred"} <= set(blank)
    expected = summary(data)
    pd.testing.assert_frame_equal(summary(data.replace(interactions=ix.assign(**blank))), expected)
    assert expected["touches"].sum() > 0 and expected["gifts"].sum() > 0
