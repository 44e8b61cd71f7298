"""follow_up / follow_up_summary: every rule of METRICS.md sections 3 and 5 on hand-checked rows."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.metrics.followup import FOLLOW_UP_COLUMNS, follow_up, follow_up_summary


def ix(rows, seeker="Ana"):
    """Interactions from tuples (id, at, contact, channel, direction, kind[, ref])."""
    recs = []
    for r in rows:
        iid, at, contact, channel, direction, kind, *rest = r
        recs.append(
            {
                "seeker": seeker,
                "interaction_id": iid,
                "contact_id": contact,
                "at": at,
                "channel": channel,
                "direction": direction,
                "kind": kind,
                "ref": rest[0] if rest else None,
            }
        )
    df = pd.DataFrame(
        recs, columns=["seeker", "interaction_id", "contact_id", "at", "channel", "direction", "kind", "ref"]
    )
    df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    return schema.conform("interactions", df)


def rows(table, trigger=None):
    t = table if trigger is None else table[table["trigger"] == trigger]
    return t.reset_index(drop=True)


def test_columns_and_dtypes():
    t = follow_up(
        ix([("m1", "2025-03-03T09:00", "ben", "in_person", "inbound", "meeting")]), as_of="2025-03-10"
    )
    assert list(t.columns) == list(FOLLOW_UP_COLUMNS)
    assert {c: str(t[c].dtype) for c in t.columns} == FOLLOW_UP_COLUMNS
    assert isinstance(t.index, pd.RangeIndex)


def test_thank_you_answered_by_first_outbound_thank_you():
    data = ix(
        [
            ("m1", "2025-03-03T09:00", "ben", "in_person", "inbound", "meeting"),
            ("x1", "2025-03-03T12:00", "ben", "email", "outbound", "message"),  # not a thank-you
            ("t0", "2025-03-03T15:00", "cy", "email", "outbound", "thank_you"),  # another contact
            ("t1", "2025-03-04T15:00", "ben", "email", "outbound", "thank_you"),  # the answer
            ("t2", "2025-03-05T09:00", "ben", "email", "outbound", "thank_you"),
        ]
    )
    t = rows(follow_up(data, as_of="2025-03-10"), "thank_you")
    assert t["trigger_id"].tolist() == ["m1"]
    # 09:00 -> next day 15:00 = 30 h = 1.25 days: later than the 1-day due time
    assert t.loc[0, "response_id"] == "t1"
    assert t.loc[0, "lag_days"] == 1.25
    assert not t.loc[0, "on_time"] and not t.loc[0, "censored"] and not t.loc[0, "open_loop"]
    assert t.loc[0, "due_at"] == pd.Timestamp("2025-03-04T09:00", tz="UTC")


def test_thank_you_triggers_outbound_meeting_and_events_but_not_endorsements():
    data = ix(
        [
            ("m1", "2025-03-03", "ben", "video", "outbound", "meeting"),  # either direction
            ("e1", "2025-03-04", "cy", "in_person", "outbound", "event"),
            ("en", "2025-03-05", "dee", "linkedin", "inbound", "endorsement"),  # one click: no thanks
            ("rc", "2025-03-06", "dee", "linkedin", "inbound", "recommendation"),  # thanks, not a lead
            ("hp", "2025-03-07", "eve", "email", "inbound", "help"),  # thanks, not a lead
            ("og", "2025-03-08", "eve", "email", "outbound", "help"),  # a give: asks nothing
        ]
    )
    t = follow_up(data, as_of="2025-03-10")
    assert t[["trigger", "trigger_id"]].values.tolist() == [
        ["thank_you", "m1"],
        ["thank_you", "e1"],
        ["thank_you", "rc"],
        ["thank_you", "hp"],
    ]


def test_inbound_referral_is_two_triggers_with_same_id_and_one_thank_you_answers_several():
    data = ix(
        [
            ("mt", "2025-03-03T10:00", "ben", "in_person", "inbound", "meeting"),
            ("rf", "2025-03-03T12:00", "ben", "email", "inbound", "referral"),
            ("ty", "2025-03-04T09:00", "ben", "email", "outbound", "thank_you"),
        ]
    )
    t = follow_up(data, as_of="2025-03-10")
    # rows sorted by trigger time, then thank_you before lead for the same row
    assert t[["trigger", "trigger_id", "response_id"]].values.tolist() == [
        ["thank_you", "mt", "ty"],  # 23 h: on time
        ["thank_you", "rf", "ty"],  # 21 h: on time (the same thank-you answers both)
        ["lead", "rf", "ty"],  # lead fallback: any later outbound with ben
    ]
    assert t["lag_days"].tolist() == pytest.approx([23 / 24, 21 / 24, 21 / 24])
    assert t["on_time"].all()


def test_lead_ref_answer_wins_over_earlier_same_contact_and_may_go_to_another_contact():
    data = ix(
        [
            ("in", "2025-03-03", "alice", "email", "inbound", "introduction"),
            ("a1", "2025-03-04", "alice", "email", "outbound", "message"),  # fallback candidate
            ("b1", "2025-03-05", "bob", "email", "outbound", "message", "in"),  # ref answer to Bob
        ]
    )
    t = follow_up(data, as_of="2025-03-10")
    lead = rows(t, "lead")
    # the ref answer (2 days) wins over the earlier same-contact message (1 day)
    assert lead.loc[0, "response_id"] == "b1"
    assert lead.loc[0, "lag_days"] == 2.0
    assert lead.loc[0, "on_time"]  # 2 <= 3 days
    # the thank-you trigger is only answered by a thank_you to Alice: none, so open since 7 days
    ty = rows(t, "thank_you")
    assert ty.loc[0, "censored"] and ty.loc[0, "open_loop"] and ty.loc[0, "lag_days"] == 7.0


def test_lead_ref_pointing_back_in_time_is_ignored_and_fallback_skips_one_click_kinds():
    data = ix(
        [
            ("b0", "2025-03-02", "bob", "email", "outbound", "message", "ld"),  # before the lead: ignored
            ("ld", "2025-03-03", "ben", "email", "inbound", "lead"),
            ("en", "2025-03-04", "ben", "linkedin", "outbound", "endorsement"),  # skipped
            ("iv", "2025-03-05", "ben", "linkedin", "outbound", "invitation"),  # skipped
            ("in", "2025-03-06", "ben", "linkedin", "inbound", "message"),  # inbound: not an answer
            ("ok", "2025-03-07", "ben", "linkedin", "outbound", "follow_up"),  # the answer
        ]
    )
    lead = rows(follow_up(data, as_of="2025-03-10"), "lead")
    assert lead.loc[0, "response_id"] == "ok"
    assert lead.loc[0, "lag_days"] == 4.0
    assert not lead.loc[0, "on_time"]  # 4 > 3 days


def test_reply_one_trigger_per_run_of_inbound_messages():
    data = ix(
        [
            ("i1", "2025-03-01", "ben", "linkedin", "inbound", "message"),  # opens: trigger
            ("i2", "2025-03-02", "ben", "linkedin", "inbound", "message"),  # same run: no trigger
            ("mt", "2025-03-02T12:00", "ben", "video", "outbound", "meeting"),  # not a message
            ("i3", "2025-03-03", "ben", "email", "inbound", "message"),  # still the same run
            ("o1", "2025-03-04", "ben", "email", "outbound", "message"),  # answers i1 (any channel)
            ("o2", "2025-03-05", "ben", "email", "outbound", "message"),
            ("i4", "2025-03-06", "ben", "email", "inbound", "message"),  # after outbound: trigger
            ("i5", "2025-03-07", "ben", "email", "inbound", "message"),  # same run
        ]
    )
    reply = rows(follow_up(data, as_of="2025-03-10"), "reply")
    assert reply["trigger_id"].tolist() == ["i1", "i4"]
    assert reply["response_id"].isna().tolist() == [False, True]
    assert reply.loc[0, "response_id"] == "o1"
    assert reply["lag_days"].tolist() == [3.0, 4.0]  # i1 -> o1; i4 open until as_of
    assert reply["open_loop"].tolist() == [False, True]


def test_equal_timestamps_follow_input_order():
    # date-only rows share midnight: the row further down is "after"
    answered = ix(
        [
            ("i1", "2025-03-03", "ben", "email", "inbound", "message"),
            ("o1", "2025-03-03", "ben", "email", "outbound", "message"),
        ]
    )
    t = follow_up(answered, as_of="2025-03-10")
    assert t["response_id"].tolist() == ["o1"] and t["lag_days"].tolist() == [0.0] and t["on_time"].all()
    reversed_rows = ix(
        [
            ("o1", "2025-03-03", "ben", "email", "outbound", "message"),
            ("i1", "2025-03-03", "ben", "email", "inbound", "message"),
        ]
    )
    t = follow_up(reversed_rows, as_of="2025-03-10")
    assert t["response_id"].isna().all() and t["censored"].all()


def test_as_of_cuts_triggers_and_answers_and_censors():
    data = ix(
        [
            ("m1", "2025-03-01", "ben", "in_person", "inbound", "meeting"),
            ("t1", "2025-03-12", "ben", "email", "outbound", "thank_you"),  # after as_of: not yet
            ("m2", "2025-03-11", "cy", "in_person", "inbound", "meeting"),  # after as_of: no trigger
        ]
    )
    t = follow_up(data, as_of="2025-03-10")
    assert t["trigger_id"].tolist() == ["m1"]
    assert t.loc[0, "censored"] and pd.isna(t.loc[0, "response_at"]) and t.loc[0, "lag_days"] == 9.0
    # default as_of = latest timestamp in the data (03-12): now answered after 11 days
    t = follow_up(data)
    m1 = t[t["trigger_id"] == "m1"].iloc[0]
    assert m1["response_id"] == "t1" and m1["lag_days"] == 11.0 and not m1["on_time"]


def test_due_time_is_inclusive_and_open_loop_needs_past_due():
    data = ix(
        [
            ("i1", "2025-03-01T08:00", "ben", "email", "inbound", "message"),
            ("o1", "2025-03-03T08:00", "ben", "email", "outbound", "message"),  # exactly 2 days
            ("i2", "2025-03-08T12:00", "cy", "email", "inbound", "message"),  # due 03-10 12:00
        ]
    )
    t = follow_up(data, as_of="2025-03-10T12:00")
    assert t["on_time"].tolist() == [True, False]
    assert t["open_loop"].tolist() == [False, False]  # i2 is exactly at its due time: not past due
    t = follow_up(data, as_of="2025-03-10T12:01")
    assert t["open_loop"].tolist() == [False, True]


def test_interactions_without_contact_and_other_seekers_make_no_match():
    ana = ix(
        [
            ("e1", "2025-03-01", None, "in_person", "outbound", "event"),  # no contact: no trigger
            ("i1", "2025-03-02", "ben", "email", "inbound", "message"),
        ]
    )
    bo = ix([("o1", "2025-03-03", "ben", "email", "outbound", "message")], seeker="Bo")
    t = follow_up(NetworkData(interactions=pd.concat([ana, bo], ignore_index=True)), as_of="2025-03-10")
    assert t[["seeker", "trigger_id"]].values.tolist() == [["Ana", "i1"]]
    assert t["censored"].all()  # Bo's message to his own 'ben' does not answer Ana's


def test_empty_and_all_censored():
    t = follow_up(NetworkData())
    assert t.empty and list(t.columns) == list(FOLLOW_UP_COLUMNS)
    s = follow_up_summary(NetworkData())
    assert s.empty
    data = ix(
        [
            ("i1", "2025-03-01", "ben", "email", "inbound", "message"),
            ("i2", "2025-03-02", "cy", "email", "inbound", "message"),
        ]
    )
    s = follow_up_summary(data, as_of="2025-03-11").set_index("trigger")
    assert s.loc["reply", "n"] == 2 and s.loc["reply", "answered_share"] == 0.0
    assert s.loc["reply", "on_time_share"] == 0.0 and s.loc["reply", "open_loops"] == 2
    assert np.isnan(s.loc["reply", "median_lag_days"])  # S never falls below 1


def test_summary_hand_checked():
    # as_of 2025-03-20 00:00; four reply triggers:
    #   c1: answered after 1 day (on time)        c2: answered after 3 days (late)
    #   c3: open 5 days, past due (open loop)     c4: open 0.5 day, inside its 2-day due time
    # n = 4; answered_share = 2/4; on_time_share = 1 / 3 (c4 left out: not due yet);
    # KM: t=0.5 censored (at risk 4); t=1 event, at risk 3 -> S = 2/3; t=3 event, at risk 2
    # -> S = 1/3 <= 0.5, so the median is 3; t=5 censored. open_loops = 1.
    data = ix(
        [
            ("a", "2025-03-01", "c1", "email", "inbound", "message"),
            ("b", "2025-03-02", "c1", "email", "outbound", "message"),
            ("c", "2025-03-05", "c2", "email", "inbound", "message"),
            ("d", "2025-03-08", "c2", "email", "outbound", "message"),
            ("e", "2025-03-15", "c3", "email", "inbound", "message"),
            ("f", "2025-03-19T12:00", "c4", "email", "inbound", "message"),
        ]
    )
    s = follow_up_summary(data, as_of="2025-03-20")
    assert s[["seeker", "trigger"]].values.tolist() == [
        ["Ana", "thank_you"],
        ["Ana", "lead"],
        ["Ana", "reply"],
    ]
    r = s.set_index("trigger").loc["reply"]
    assert r["n"] == 4 and r["answered_share"] == 0.5
    assert r["on_time_share"] == pytest.approx(1 / 3)
    assert r["median_lag_days"] == 3.0 and r["open_loops"] == 1
    empty = s.set_index("trigger").loc["thank_you"]
    assert empty["n"] == 0 and empty["open_loops"] == 0 and np.isnan(empty["answered_share"])


def test_summary_on_time_share_null_when_everything_is_inside_due_time():
    data = ix([("i1", "2025-03-10", "ben", "email", "inbound", "message")])
    r = follow_up_summary(data, as_of="2025-03-11").set_index("trigger").loc["reply"]
    assert r["n"] == 1 and np.isnan(r["on_time_share"]) and r["open_loops"] == 0


def test_one_contact_and_linkedin_only_seeker():
    data = ix(
        [
            ("i1", "2025-03-01", "ben", "linkedin", "inbound", "message"),
            ("o1", "2025-03-01T06:00", "ben", "linkedin", "outbound", "message"),
        ]
    )
    data["origin"] = "linkedin"
    t = follow_up(data)
    assert t["trigger"].tolist() == ["reply"] and t["lag_days"].tolist() == [0.25]


# --- properties --------------------------------------------------------------------------

KINDS = list(schema.KINDS)


@st.composite
def logs(draw, seekers=("Ana",)):
    n = draw(st.integers(0, 25))
    minutes = draw(st.lists(st.integers(0, 60 * 24 * 30), min_size=n, max_size=n, unique=True))
    recs = []
    for i, m in enumerate(minutes):
        seeker = draw(st.sampled_from(seekers))
        recs.append(
            {
                "seeker": seeker,
                "interaction_id": f"x{i}",
                "contact_id": draw(st.sampled_from(["ben", "cy", "dee", None])),
                "at": pd.Timestamp("2025-03-01", tz="UTC") + pd.Timedelta(minutes=m),
                "channel": draw(st.sampled_from(["email", "in_person", "linkedin"])),
                "direction": draw(st.sampled_from(["inbound", "outbound"])),
                "kind": draw(st.sampled_from(KINDS)),
                "ref": draw(st.sampled_from([None] + [f"x{j}" for j in range(max(i, 1))])),
            }
        )
    df = pd.DataFrame(
        recs, columns=["seeker", "interaction_id", "contact_id", "at", "channel", "direction", "kind", "ref"]
    )
    return schema.conform("interactions", df)


AS_OF = pd.Timestamp("2025-03-20", tz="UTC")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), st.randoms(use_true_random=False))
def test_lags_are_non_negative_and_censoring_is_consistent(df, rnd):
    t = follow_up(df, as_of=AS_OF)
    assert (t["lag_days"] >= 0).all()
    assert (t["censored"] == t["response_id"].isna()).all()
    assert (t["response_at"].isna() == t["censored"]).all()
    assert not (t["on_time"] & t["censored"]).any()
    assert not (t["open_loop"] & ~t["censored"]).any()
    answered = t[~t["censored"]]
    assert (answered["response_at"] >= answered["trigger_at"]).all()
    # invariant to row order when timestamps are distinct
    perm = list(range(len(df)))
    rnd.shuffle(perm)
    shuffled = follow_up(df.iloc[perm].reset_index(drop=True), as_of=AS_OF)
    pd.testing.assert_frame_equal(t, shuffled)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(seekers=("Ana", "Bo")))
def test_per_seeker_split_equals_cohort(df):
    data = NetworkData(interactions=df)
    whole = follow_up(data, as_of=AS_OF)
    whole_summary = follow_up_summary(data, as_of=AS_OF)
    for seeker in data.seekers:
        part = follow_up(data.for_seekers(seeker), as_of=AS_OF)
        pd.testing.assert_frame_equal(part, whole[whole["seeker"] == seeker].reset_index(drop=True))
        ps = follow_up_summary(data.for_seekers(seeker), as_of=AS_OF)
        pd.testing.assert_frame_equal(
            ps, whole_summary[whole_summary["seeker"] == seeker].reset_index(drop=True)
        )
