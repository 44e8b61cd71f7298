"""scorecard: status rules on hand-made inputs, and a hand-checked two-seeker cohort end to end."""

import numpy as np
import pandas as pd
import pytest

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.scorecard import DEFAULT_THRESHOLDS, SCORECARD_COLUMNS, scorecard, statuses

AS_OF = "2025-03-09"  # a Sunday; the 8-week window runs Monday 2025-01-13 .. 2025-03-09


def _ix(rows, seeker, origin="tracker"):
    df = pd.DataFrame(
        rows, columns=["interaction_id", "at", "contact_id", "channel", "direction", "kind"]
    ).assign(seeker=seeker, origin=origin)
    df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    return df


def cohort() -> NetworkData:
    """Two fictional seekers; every number below is worked out by hand in the tests."""
    ana = _ix(
        [
            ("h1", "2025-03-01T10:00", "hal", "video", "outbound", "meeting"),  # thank_you trigger
            ("g1", "2025-03-02T10:00", "gus", "phone", "outbound", "help"),  # a give (value 1)
            ("m1", "2025-03-03T09:00", "ben", "in_person", "inbound", "meeting"),  # thank_you trigger
            ("t1", "2025-03-03T20:00", "ben", "email", "outbound", "thank_you"),  # 11 h: on time
            ("c1", "2025-03-04T10:00", "cy", "email", "outbound", "message"),
            ("t2", "2025-03-04T10:00", "hal", "email", "outbound", "thank_you"),  # 3 days: late
            ("d1", "2025-03-05T10:00", "dee", "email", "outbound", "message"),
            ("e1", "2025-03-05T11:00", "eve", "linkedin", "outbound", "message"),
            ("c2", "2025-03-06T00:00", "cy", "email", "inbound", "message"),  # reply trigger, open
            ("f1", "2025-03-07T00:00", "fay", "email", "inbound", "referral"),  # thank_you + lead
        ],
        "Ana",
    )
    bo = _ix(
        [
            (f"b{i}", f"2025-{day}T09:00", f"p{i}", "linkedin", "outbound", "message")
            for i, day in enumerate(["01-13", "01-20", "01-27", "02-03", "02-10", "02-17"])
        ],
        "Bo",
        origin="linkedin",
    )
    contacts = pd.DataFrame(
        {
            "seeker": ["Ana"] * 7 + ["Bo"] * 6,
            "contact_id": ["hal", "gus", "ben", "cy", "dee", "eve", "fay"] + [f"p{i}" for i in range(6)],
            "name": [
                "Hal Example",
                "Gus Example",
                "Ben Example",
                "Cyra Testwell",
                "Dee Example",
                "Eve Example",
                "Fay Example",
            ]
            + [f"Person {i} Example" for i in range(6)],
            "company": ["Northwind"] * 7 + ["Contoso"] * 6,
        }
    )
    apps = pd.DataFrame(
        {
            "seeker": "Bo",
            "application_id": ["a1", "a2", "a3"],
            "company": ["Fabrikam", "Initech", "Globex"],
            "applied_at": pd.to_datetime(["2025-03-01", "2025-03-02", "2025-03-03"], utc=True),
            "via": "online",
            "status": "applied",
        }
    )
    return NetworkData(
        interactions=pd.concat([ana, bo], ignore_index=True), contacts=contacts, applications=apps
    )


def test_columns_order_and_dtypes():
    card = scorecard(cohort(), as_of=AS_OF)
    assert list(card.columns) == list(SCORECARD_COLUMNS)
    assert {c: str(card[c].dtype) for c in card.columns} == SCORECARD_COLUMNS
    assert card[["seeker", "mistake"]].values.tolist() == [
        [s, m] for s in ["Ana", "Bo"] for m in schema.MISTAKES
    ]
    assert set(card["status"]) <= set(schema.SCORE_STATUSES)


def test_hand_checked_seeker_with_every_mistake():
    card = scorecard(cohort(), as_of=AS_OF).set_index(["seeker", "mistake"])
    ana = card.loc["Ana"]
    # touches: hal video 03-01, gus phone 03-02, ben in_person + ben email 03-03, cy email 03-04,
    # hal email 03-04, dee email 03-05, eve linkedin 03-05, cy email 03-06, fay email 03-07 = 10;
    # written 7 of 10 -> 0.7 > 0.5: mistake. Contacts only ever written to: cy, dee, eve, fay = 4.
    assert ana.loc["channel", ["metric", "value", "status", "evidence"]].tolist() == [
        "written_share",
        0.7,
        "mistake",
        10,
    ]
    assert ana.loc["channel", "advice"] == (
        "7 of your 10 touches were written and 4 contacts have only ever heard from you in writing; "
        "book two coffees or calls this week with people you have only e-mailed."
    )
    # outbound touches fall in the weeks of 2025-02-24 (Sat 03-01, Sun 03-02) and 2025-03-03:
    # 2 of 8 weeks -> 0.25 < 0.5: mistake. Longest gap: 2025-01-13 .. 2025-02-28 = 19 + 28 = 47 days.
    # No applications: the networked rule does not apply.
    assert ana.loc["priority", ["metric", "value", "status"]].tolist() == [
        "active_week_share",
        0.25,
        "mistake",
    ]
    assert ana.loc["priority", "advice"] == (
        "You networked in 2 of the last 8 weeks (longest gap 47 days); "
        "block an hour for outreach in your calendar every week."
    )
    # gives: help to gus (1); receives: referral from fay (3) -> 1 / 4 = 0.25, but 2 gifts are
    # too few to judge (METRICS 5b: the giving evidence is gift acts, 5 needed)
    assert ana.loc["giving", ["value", "status", "evidence"]].tolist() == [0.25, "not_measured", 2]
    assert ana.loc["giving", "advice"] == (
        "2 gives and receives are too few to judge; log the leads, introductions and help you give and get."
    )
    # with a lower evidence bar the same numbers are judged: 0.25 is watch (>= 0.2, < 0.4)
    low = scorecard(cohort(), as_of=AS_OF, thresholds={"min_evidence": 2}).set_index(["seeker", "mistake"])
    assert low.loc[("Ana", "giving"), "status"] == "watch"
    assert low.loc[("Ana", "giving"), "advice"] == (
        "What you gave is only 25% of the value exchanged with your contacts (2 gives and receives) and "
        "1 contact has only given to you; send each of them a lead, an introduction or some help this month."
    )
    # triggers (5): hal meeting (answered late), ben meeting (on time), cy reply (open, due 03-08),
    # fay thank_you (open, due 03-08), fay lead (due 03-10: not yet due, left out).
    # on time 1 / settled 4 = 0.25 < 0.5: mistake; 2 open loops, the oldest the reply to Cyra (3 days).
    assert ana.loc["follow_up", ["metric", "value", "status", "evidence"]].tolist() == [
        "on_time_share",
        0.25,
        "mistake",
        4,  # the on-time share's denominator (settled), not the 5 triggers
    ]
    assert ana.loc["follow_up", "advice"] == (
        "1 of 4 follow-ups were on time and 2 are still open past due, the oldest a reply owed to "
        "Cyra Testwell for 3 days; answer them today."
    )


def test_follow_up_tile_number_is_the_advice_denominator():
    """Issue 17: one number of triggers in every place (evidence, basis, advice, tile)."""
    from netlytics.figures.scorecard import evidence_text

    ana = scorecard(cohort(), as_of=AS_OF).set_index(["seeker", "mistake"]).loc[("Ana", "follow_up")]
    # hand-counted in the test above: 5 triggers, 4 answered or past due, 1 on time
    denominator = int(ana["advice"].split(" of ")[1].split(" ")[0])
    assert denominator == 4
    assert ana["evidence"] == denominator
    assert ana["basis"].startswith(
        "based on 4 follow-ups answered or past due (1 trigger still inside its due time) in "
    )
    assert evidence_text("follow_up", ana["evidence"]) == "based on 4 triggers answered or past due"


def test_linkedin_only_seeker_and_networked_rule():
    card = scorecard(cohort(), as_of=AS_OF).set_index(["seeker", "mistake"])
    bo = card.loc["Bo"]
    # 6 touches, all from a LinkedIn export: channel not measured (value still shown)
    assert bo.loc["channel", ["value", "status", "evidence"]].tolist() == [1.0, "not_measured", 6]
    assert bo.loc["channel", "advice"].startswith("All 6 touches come from a LinkedIn export")
    # active weeks: 01-13 .. 02-17 = 6 of 8 = 0.75 -> ok; 3 applications, none after a touch at the
    # company (contacts work at Contoso) -> networked_share 0 < 0.25: mistake, the worse rule wins
    assert bo.loc["priority", ["metric", "value", "status"]].tolist() == ["networked_share", 0.0, "mistake"]
    assert bo.loc["priority", "advice"] == (
        "None of your 3 applications came after an outbound touch with someone at the company in the "
        "90 days before; talk to someone there before your next application."
    )
    # no gifts at all: give_share is null -> not measured
    assert bo.loc["giving", "status"] == "not_measured" and np.isnan(bo.loc["giving", "value"])
    # no follow-up triggers
    assert bo.loc["follow_up", ["status", "evidence"]].tolist() == ["not_measured", 0]
    assert bo.loc["follow_up", "advice"] == (
        "No follow-up triggers (meetings, gifts received, messages) are recorded yet; "
        "at least 5 are needed to measure this."
    )


def test_thresholds_override_partially_and_reject_unknown_keys():
    card = scorecard(cohort(), as_of=AS_OF, thresholds={"written_share_mistake": 0.8})
    ana = card.set_index(["seeker", "mistake"]).loc["Ana"]
    assert ana.loc["channel", "status"] == "watch"  # 0.7: no longer > 0.8, still > 0.4
    assert ana.loc["priority", "status"] == "mistake"  # other thresholds unchanged
    with pytest.raises(ParameterError, match="Did you mean 'written_share_watch'"):
        scorecard(cohort(), thresholds={"writen_share_watch": 0.3})
    with pytest.raises(ParameterError, match="must be a number"):
        scorecard(cohort(), thresholds={"min_evidence": "many"})


def test_empty_data():
    card = scorecard(NetworkData())
    assert card.empty and list(card.columns) == list(SCORECARD_COLUMNS)


# --- the status rules on a hand-made per-seeker frame -------------------------------------------


def _wide(**overrides):
    base = {
        "seeker": "Ana",
        "touches": 10,
        "linkedin_touches": 0,
        "written_share": 0.3,
        "active_week_share": 0.9,
        "networked_share": np.nan,
        "applications": 0,
        "give_share": 0.5,
        "on_time_share": 0.9,
        "open_loops": 0,
        "triggers": 10,
        "gifts": 10,
    }
    base.update(overrides)
    return pd.DataFrame([base])


@pytest.mark.parametrize(
    ("overrides", "mistake", "expected"),
    [
        ({}, "channel", "ok"),
        ({"written_share": 0.5}, "channel", "watch"),  # strict: exactly 0.5 is not a mistake
        ({"written_share": 0.51}, "channel", "mistake"),
        ({"written_share": 0.4}, "channel", "ok"),
        ({"linkedin_touches": 10}, "channel", "not_measured"),
        ({"touches": 4}, "channel", "not_measured"),
        ({"active_week_share": 0.5}, "priority", "watch"),
        ({"active_week_share": 0.49}, "priority", "mistake"),
        ({"networked_share": 0.0, "applications": 2}, "priority", "ok"),  # rule needs 3 applications
        ({"networked_share": 0.3, "applications": 3}, "priority", "watch"),
        ({"networked_share": 0.2, "applications": 3}, "priority", "mistake"),
        ({"give_share": np.nan}, "giving", "not_measured"),
        ({"give_share": 0.2}, "giving", "watch"),
        ({"give_share": 0.19}, "giving", "mistake"),
        ({"gifts": 4}, "giving", "not_measured"),  # giving rests on gift acts (METRICS 5b)
        ({"touches": 4}, "giving", "ok"),  # not on touches
        ({"open_loops": 1}, "follow_up", "watch"),  # any open loop
        ({"on_time_share": 0.79}, "follow_up", "watch"),
        ({"on_time_share": 0.49}, "follow_up", "mistake"),
        ({"triggers": 4}, "follow_up", "not_measured"),
        ({"on_time_share": np.nan}, "follow_up", "not_measured"),  # all inside their due time
        ({"touches": 0, "triggers": 9}, "follow_up", "ok"),  # follow_up rests on triggers only
    ],
)
def test_status_rules(overrides, mistake, expected):
    st = statuses(_wide(**overrides), DEFAULT_THRESHOLDS)
    assert st[f"{mistake}_status"].iloc[0] == expected


def test_priority_names_the_rule_that_set_it():
    # both watch: active_week_share named; networked worse: networked_share named
    st = statuses(_wide(active_week_share=0.6, networked_share=0.3, applications=5), DEFAULT_THRESHOLDS)
    assert st[["priority_status", "priority_metric", "priority_value"]].iloc[0].tolist() == [
        "watch",
        "active_week_share",
        0.6,
    ]
    st = statuses(_wide(active_week_share=0.6, networked_share=0.1, applications=5), DEFAULT_THRESHOLDS)
    assert st[["priority_status", "priority_metric", "priority_value"]].iloc[0].tolist() == [
        "mistake",
        "networked_share",
        0.1,
    ]


def test_a_seeker_doing_well_and_one_with_too_little_data():
    mondays = pd.date_range("2025-01-13", periods=8, freq="7D").strftime("%Y-%m-%d")
    rows = []
    for i, day in enumerate(mondays):
        # a coffee every Monday, thanked in person the same evening (same touch: same day and channel)
        rows.append((f"m{i}", f"{day}T10:00", f"k{i}", "in_person", "outbound", "meeting"))
        rows.append((f"t{i}", f"{day}T18:00", f"k{i}", "in_person", "outbound", "thank_you"))
    for i, day in enumerate(mondays[:5]):  # five gives, no receive (same touches: same day, channel)
        rows.append((f"h{i}", f"{day}T11:00", f"k{i}", "in_person", "outbound", "help"))
    di = _ix(rows, "Di")
    eli = _ix(
        [(f"e{i}", f"2025-03-0{i + 1}", f"q{i}", "email", "outbound", "message") for i in range(3)], "Eli"
    )
    card = scorecard(NetworkData(interactions=pd.concat([di, eli], ignore_index=True)), as_of=AS_OF)
    card = card.set_index(["seeker", "mistake"])
    # Di: 8 touches, all live; 8 of 8 weeks; give_share 1; 8 thank-yous on time (8 h each)
    assert card.loc["Di", "status"].tolist() == ["ok"] * 4
    assert card.loc["Di", "evidence"].tolist() == [8, 8, 5, 8]
    assert card.loc["Di", "advice"].tolist() == [
        "8 of your 8 touches were live (in person, video or phone); keep turning messages into conversations.",
        "You networked in 8 of the last 8 weeks; keep the rhythm.",
        "What you gave is 100% of the value exchanged with your contacts (5 gives and receives); "
        "keep giving before you ask.",
        "8 of 8 follow-ups were on time; keep thanking within a day and replying within two.",
    ]
    # Eli: 3 touches, no triggers: nothing is measured, and the advice says what is missing
    assert card.loc["Eli", "status"].tolist() == ["not_measured"] * 4
    assert card.loc[("Eli", "channel"), "advice"] == (
        "Only 3 touches recorded so far; log at least 5 to measure your channel mix."
    )
    assert card.loc[("Eli", "giving"), "advice"].startswith("No gifts given or received are recorded yet")
