"""next_actions and its renderers: every action type on hand-checked fictional fixtures.

as_of is Wednesday 2025-03-12 12:00 UTC throughout: "recently" starts 2024-12-12 12:00 and the
week's actions are due on the next Monday, 2025-03-17.
"""

import html

import icalendar
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.followup import follow_up
from netlytics.metrics.ties import tie_strength
from netlytics.plan import (
    PLAN_COLUMNS,
    actions_html,
    actions_text,
    next_actions,
    nudges,
    stale_loops,
    target_companies,
    to_ics,
)
from tests.metrics._builders import cohorts, shuffled

AS_OF = "2025-03-12 12:00"
TODAY = pd.Timestamp("2025-03-12", tz="UTC")
MONDAY = pd.Timestamp("2025-03-17", tz="UTC")


def ix(rows, seeker="Ana", origin="tracker"):
    """Interactions from (id, at, contact, channel, direction, kind[, {extras}]) tuples."""
    recs = []
    for r in rows:
        iid, at, contact, channel, direction, kind, *rest = r
        rec = {
            "seeker": seeker,
            "interaction_id": iid,
            "contact_id": contact,
            "at": at,
            "channel": channel,
            "direction": direction,
            "kind": kind,
            "origin": origin,
        }
        rec.update(rest[0] if rest else {})
        recs.append(rec)
    df = pd.DataFrame(recs)
    df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    return schema.conform("interactions", df)


def people(rows, seeker="Ana"):
    """Contacts from (contact_id, name, company) tuples."""
    df = pd.DataFrame(rows, columns=["contact_id", "name", "company"]).assign(seeker=seeker)
    return schema.conform("contacts", df)


def apps(rows, seeker="Ana"):
    """Applications from (id, company, applied_at) tuples."""
    df = pd.DataFrame(rows, columns=["application_id", "company", "applied_at"])
    df = df.assign(seeker=seeker, via="online", status="applied")
    df["applied_at"] = pd.to_datetime(df["applied_at"], utc=True)
    return schema.conform("applications", df)


def of(plan, action):
    return plan[plan["action"] == action].reset_index(drop=True)


def keyed(plan):
    return [
        (a, c, tuple(e)) for a, c, e in zip(plan["action"], plan["contact_id"], plan["evidence"], strict=True)
    ]


# --- loops: follow_up and thank_you --------------------------------------------------------------


def loops():
    return NetworkData(
        contacts=people(
            [
                ("sam", "Sam Lee", "Acme"),
                ("bo", "Bo Park", "Globex"),
                ("cy", "Cy Diaz", "Initech"),
                ("dee", "Dee Roe", "Hooli"),
                ("fay", "Fay Wu", "Umbrella"),
                ("gus", "Gus Ng", "Stark"),
            ]
        ),
        interactions=ix(
            [
                # inbound lead: a lead trigger (due 4 Mar 10:00) and a thank-you trigger (due 2 Mar)
                ("i1", "2025-03-01 10:00", "sam", "email", "inbound", "lead", {"company": "Acme"}),
                # a reply trigger, due 7 Mar 09:00: an open loop
                ("i2", "2025-03-05 09:00", "bo", "email", "inbound", "message"),
                # answered reply: no loop
                ("i3", "2025-03-02 09:00", "gus", "email", "inbound", "message"),
                ("i4", "2025-03-03 09:00", "gus", "email", "outbound", "message"),
                # reply still inside its 2 days: not an open loop
                ("i5", "2025-03-11 09:00", "dee", "email", "inbound", "message"),
                # two unthanked meetings with Cy: one thank-you action
                ("m1", "2025-03-03", "cy", "in_person", "outbound", "meeting"),
                ("m2", "2025-03-07", "cy", "video", "inbound", "meeting"),
                # a meeting this morning with someone not in contacts: due tomorrow
                ("m3", "2025-03-12 09:00", "eve", "in_person", "outbound", "meeting"),
                # thanked meeting: nothing to do
                ("m4", "2025-03-01 09:00", "fay", "in_person", "outbound", "meeting"),
                ("t4", "2025-03-01 18:00", "fay", "email", "outbound", "thank_you"),
            ]
        ),
    )


def test_columns_dtypes_and_index():
    plan = next_actions(loops(), as_of=AS_OF)
    assert list(plan.columns) == list(PLAN_COLUMNS)
    assert {c: str(plan[c].dtype) for c in plan.columns} == PLAN_COLUMNS
    assert isinstance(plan.index, pd.RangeIndex)
    assert plan.attrs["as_of"] == pd.Timestamp(AS_OF, tz="UTC")


def test_every_open_loop_is_exactly_one_action():
    data = loops()
    fu = follow_up(data, as_of=AS_OF)
    plan = next_actions(data, as_of=AS_OF)
    # lead/reply open loops: i1 (lead) and i2 (reply); i3 answered, i5 not yet due
    want = fu.loc[fu["open_loop"] & fu["trigger"].ne("thank_you"), "trigger_id"].tolist()
    assert sorted(want) == ["i1", "i2"]
    got = of(plan, "follow_up")
    assert sorted(e for ev in got["evidence"] for e in ev) == sorted(want)
    assert got["evidence"].map(len).eq(1).all()
    # every open loop, thank-you ones included, is in exactly one follow_up or thank_you action
    loops_all = set(fu.loc[fu["open_loop"], ["trigger", "trigger_id"]].itertuples(index=False, name=None))
    covered = {("thank_you", e) for ev in of(plan, "thank_you")["evidence"] for e in ev}
    covered |= {(t, e) for e in got["evidence"].str[0] for t in ("lead", "reply")}
    assert loops_all <= covered
    assert (got["due"] == TODAY).all()
    assert set(got["mistake"]) == {"follow_up"}


def test_follow_up_reasons_cite_the_evidence():
    got = of(next_actions(loops(), as_of=AS_OF), "follow_up")
    # 1 Mar 10:00 -> 12 Mar 12:00 is 11.08 days; 5 Mar 09:00 -> 7.125 days
    assert got["reason"].tolist() == [
        "Sam Lee gave you a lead at Acme on 1 Mar; no follow-up after 11 days.",
        "Bo Park wrote to you on 5 Mar; no reply after 7 days.",
    ]


def test_thank_you_actions_match_unanswered_thank_you_triggers():
    data = loops()
    fu = follow_up(data, as_of=AS_OF)
    unanswered = fu.loc[fu["censored"] & fu["trigger"].eq("thank_you"), "trigger_id"]
    plan = of(next_actions(data, as_of=AS_OF), "thank_you")
    assert sorted(e for ev in plan["evidence"] for e in ev) == sorted(unanswered) == ["i1", "m1", "m2", "m3"]
    # one action per contact: one thank-you answers every earlier trigger
    assert plan["contact_id"].is_unique
    by = plan.set_index("contact_id")
    assert by.loc["cy", "evidence"] == ["m1", "m2"]
    assert (
        by.loc["cy", "reason"]
        == "You met Cy Diaz on 7 Mar; no thank-you after 5 days (nor for 1 earlier occasion)."
    )
    assert by.loc["sam", "reason"] == "Sam Lee gave you a lead on 1 Mar; no thank-you after 11 days."
    # eve is not in contacts: neutral wording, null name; still inside the 1-day due time
    assert pd.isna(by.loc["eve", "contact_name"])
    assert by.loc["eve", "reason"] == "You met this contact on 12 Mar; a thank-you is due by 13 Mar."
    assert by.loc["eve", "due"] == pd.Timestamp("2025-03-13", tz="UTC")
    assert by.loc["cy", "due"] == TODAY


def test_ranking_of_the_loops_fixture():
    plan = next_actions(loops(), as_of=AS_OF)
    # value first (tie score + 0.5 at a target company, in tenths), then urgency.
    # tie scores (tie_strength at AS_OF): cy 0.481, eve 0.471, sam 0.321, bo 0.255.
    # values: sam 0.321 + 0.5 (he gave a lead at Acme, a target) = 0.8; cy 0.5; eve 0.5; bo 0.3.
    # sam's three actions: overdue thank-you (10 days past due) before the overdue follow-up (8
    # days), before the week's give. cy and eve tie on value: cy's thank-you is overdue (tier 0),
    # eve's is still inside its due time (tier 1). bo last.
    assert keyed(plan) == [
        ("thank_you", "sam", ("i1",)),
        ("follow_up", "sam", ("i1",)),
        ("give", "sam", ("i1",)),
        ("thank_you", "cy", ("m1", "m2")),
        ("thank_you", "eve", ("m3",)),
        ("follow_up", "bo", ("i2",)),
    ]
    ties = tie_strength(loops(), as_of=AS_OF).set_index("contact_id")["score"].round(1)
    assert ties[["sam", "cy", "eve", "bo"]].tolist() == [0.3, 0.5, 0.5, 0.3]
    assert plan["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert of(plan, "give").loc[0, "due"] == MONDAY


def test_ranking_is_deterministic_and_independent_of_row_order():
    data = loops()
    first = next_actions(data, as_of=AS_OF)
    for seed in range(3):
        again = next_actions(shuffled(data, seed), as_of=AS_OF)
        pd.testing.assert_frame_equal(first, again)


def test_limit_caps_each_type_and_keeps_the_best():
    data = loops()
    full = next_actions(data, as_of=AS_OF)
    one = next_actions(data, as_of=AS_OF, limit=1)
    assert one.groupby("action").size().max() == 1
    # the best of each type: thank sam, follow up sam, give to sam
    assert keyed(one) == keyed(full)[:3]
    assert one["rank"].tolist() == [1, 2, 3]
    assert keyed(next_actions(data, as_of=AS_OF, per_type=1)) == keyed(one)
    assert keyed(next_actions(data, as_of=AS_OF, max_actions=4)) == keyed(full)[:4]
    for bad in ({"limit": 0}, {"limit": True}, {"per_type": 0}, {"max_actions": -1}, {"stale_days": 0}):
        with pytest.raises(ParameterError, match=next(iter(bad))):
            next_actions(data, as_of=AS_OF, **bad)


def test_records_after_as_of_do_not_count():
    plan = next_actions(loops(), as_of="2025-03-04 12:00")
    # on 4 Mar: only i1 (lead due 4 Mar 10:00: open) and m1 (due 4 Mar 00:00) are overdue; i2, m2,
    # m3 have not happened yet
    assert ("follow_up", "bo", ("i2",)) not in keyed(plan)
    assert ("thank_you", "cy", ("m1",)) in keyed(plan)


# --- meet -----------------------------------------------------------------------------------------


def weekly(prefix, contact, channel="email", n=13, end=AS_OF, seeker_origin=None):
    """n outbound messages to ``contact``, one a week, the last one at ``end``."""
    ends = pd.Timestamp(end)
    return [
        (f"{prefix}{k}", str(ends - pd.Timedelta(weeks=k)), contact, channel, "outbound", "message")
        for k in range(n)
    ]


def meet_data():
    rows = (
        weekly("a", "mia")
        + weekly("b", "ned")
        + [("o1", "2025-03-01", "ola", "email", "outbound", "message")]
    )
    rows[13 + 5] = ("b5", rows[13 + 5][1], "ned", "video", "outbound", "meeting")  # ned: one live touch
    ana = ix(rows)
    bo = ix(weekly("c", "mia"), seeker="Bo", origin="linkedin")  # LinkedIn-only: channel not measured
    return NetworkData(
        contacts=pd.concat(
            [
                people(
                    [("mia", "Mia Stone", "Acme"), ("ned", "Ned Hale", "Acme"), ("ola", "Ola Berg", None)]
                ),
                people([("mia", "Mia Stone", "Acme")], seeker="Bo"),
            ],
            ignore_index=True,
        ),
        interactions=pd.concat([ana, bo], ignore_index=True),
    )


def test_meet_fires_on_written_medium_ties_only():
    data = meet_data()
    ties = tie_strength(data, as_of=AS_OF).set_index(["seeker", "contact_id"])["tie"]
    # preconditions: mia is medium or strong for both seekers, ola is weak
    assert ties[("Ana", "mia")] in ("medium", "strong") and ties[("Bo", "mia")] in ("medium", "strong")
    assert ties[("Ana", "ned")] in ("medium", "strong")
    assert ties[("Ana", "ola")] == "weak"
    plan = of(next_actions(data, as_of=AS_OF), "meet")
    # ned: one video meeting in the window; ola: weak; Bo: LinkedIn-only data records no meetings
    assert plan[["seeker", "contact_id"]].values.tolist() == [["Ana", "mia"]]
    row = plan.loc[0]
    assert row["evidence"] == [f"a{k}" for k in range(12, -1, -1)]
    assert row["reason"] == (
        f"Mia Stone is a {ties[('Ana', 'mia')]} tie, yet all 13 touches in the last 90 days were written: "
        "turn the next one into a coffee or a call."
    )
    assert row["due"] == MONDAY and row["mistake"] == "channel"


def test_meet_ignores_touches_older_than_90_days():
    # the same weekly e-mails, but ending 100 days ago: medium tie maybe, no touch in the window
    data = NetworkData(interactions=ix(weekly("a", "mia", end="2024-12-02 12:00")))
    assert of(next_actions(data, as_of=AS_OF), "meet").empty


# --- give -----------------------------------------------------------------------------------------


def give_data():
    meetings = [
        (
            f"u{k}",
            str(pd.Timestamp("2025-03-10 12:00") - pd.Timedelta(days=10 * k)),
            "uma",
            "in_person",
            "outbound",
            "meeting",
        )
        for k in range(6)
    ]
    return NetworkData(
        contacts=people(
            [
                ("sam", "Sam Lee", "Acme"),
                ("tia", "Tia Cole", "Hooli"),
                ("uma", "Uma Field", "Acme Inc."),
                ("vic", "Vic Hart", "Globex"),
                ("wes", "Wes Bell", "Globex"),
                ("xia", "Xia Moon", "Globex"),
            ]
        ),
        interactions=ix(
            [
                ("r1", "2025-02-20", "sam", "email", "inbound", "referral"),
                # Tia's lead at ACME: Ana holds a lead at Sam's company
                ("l1", "2025-03-01", "tia", "email", "inbound", "lead", {"company": "ACME Inc."}),
                ("e1", "2025-02-01", "vic", "linkedin", "inbound", "endorsement"),
                ("h1", "2025-02-02", "wes", "email", "inbound", "help"),
                ("e2", "2025-02-03", "wes", "linkedin", "outbound", "endorsement"),  # Ana gave back
                ("h2", "2025-03-12 18:00", "xia", "email", "inbound", "help"),  # after as_of
                *meetings,
            ]
        ),
    )


def test_give_fires_for_take_only_contacts_with_the_best_offer():
    plan = of(next_actions(give_data(), as_of=AS_OF), "give").set_index("contact_id")
    # take-only: sam (referral), tia (lead), vic (endorsement). wes got an endorsement back; xia's
    # help comes after as_of.
    assert sorted(plan.index) == ["sam", "tia", "vic"]
    assert plan.loc["sam", "reason"] == (
        "Sam Lee has helped you once (last on 20 Feb) and you have not given back yet: "
        "pass on the lead at ACME Inc. you got on 1 Mar."
    )
    assert plan.loc["sam", "evidence"] == ["r1", "l1"]
    # Tia talked about ACME, where Uma (six meetings: a strong or medium tie) works
    assert plan.loc["tia", "reason"] == (
        "Tia Cole has helped you once (last on 1 Mar) and you have not given back yet: "
        "introduce them to Uma Field at Acme Inc., a company you discussed with them."
    )
    assert plan.loc["tia", "evidence"] == ["l1"]
    assert plan.loc["vic", "reason"].endswith("endorse one of their skills or ask what would help them.")
    assert set(plan["mistake"]) == {"giving"} and (plan["due"] == MONDAY).all()


# --- warm_path and revive -------------------------------------------------------------------------


def reach_data():
    return NetworkData(
        contacts=people(
            [
                ("al", "Al Reyes", "Acme"),
                ("bea", "Bea Cruz", "ACME Inc"),
                ("cal", "Cal Ford", "Acme"),
                ("dan", "Dan Ortiz", "Globex"),
                ("eli", "Eli Wade", "Globex"),
                ("fox", "Fox Kim", "Globex"),
                ("gil", "Gil Shaw", "Initech"),
                ("hal", "Hal Ames", "Vandelay"),
                ("ivy", "Ivy Moss", "Hooli"),
            ]
        ),
        applications=apps([("a1", "Acme", "2025-02-10"), ("a2", "Initech", "2024-10-01")]),
        follows=schema.conform("follows", pd.DataFrame({"seeker": ["Ana"], "company": ["Globex"]})),
        interactions=ix(
            [
                ("b1", "2024-09-01", "bea", "in_person", "outbound", "meeting"),
                ("b2", "2024-10-01", "bea", "in_person", "outbound", "meeting"),
                ("c1", "2024-06-01", "cal", "email", "outbound", "message"),
                ("d1", "2025-03-01", "dan", "email", "outbound", "message"),
                ("e1", "2024-11-01", "eli", "email", "outbound", "message"),
                ("f1", "2025-02-20", "fox", "email", "outbound", "message"),
                ("g1", "2024-05-01", "gil", "email", "outbound", "message"),
                ("h1", "2025-03-05", "hal", "email", "inbound", "lead", {"company": "Hooli"}),
            ]
        ),
    )


def test_target_companies():
    t = target_companies(reach_data(), as_of=AS_OF)
    # Acme applied 10 Feb (in the 90 days), Globex followed, Hooli: a lead; Initech applied too long ago
    assert t["company_key"].tolist() == ["acme", "globex", "hooli"]
    assert t["why"].tolist() == [
        "you applied to Acme on 10 Feb",
        "you follow Globex",
        "you got a lead at Hooli on 5 Mar",
    ]
    assert t["lead_ids"].tolist() == [[], [], ["h1"]]


def test_warm_path_fires_where_no_contact_was_touched_in_90_days():
    plan = next_actions(reach_data(), as_of=AS_OF)
    warm = of(plan, "warm_path").set_index("company")
    # Acme: nobody touched since 1 Oct: best contact is Bea (two meetings); Globex: Dan was
    # touched on 1 Mar (a warm path exists); Hooli: Ivy, never touched; Initech is not a target
    assert warm["contact_id"].to_dict() == {"ACME Inc": "bea", "Hooli": "ivy"}
    # 1 Oct 00:00 -> 12 Mar 12:00 = 162.5 days: 162 whole days
    assert warm.loc["ACME Inc", "reason"] == (
        "You applied to Acme on 10 Feb and nobody there has heard from you in 90 days: warm the path "
        "through Bea Cruz (weak tie, last touch 162 days ago) with a short note asking for a chat."
    )
    assert warm.loc["ACME Inc", "evidence"] == ["b2"]
    assert warm.loc["Hooli", "reason"] == (
        "You got a lead at Hooli on 5 Mar and nobody there has heard from you in 90 days: warm the path "
        "through Ivy Moss (dormant tie, never touched) with a short note asking for a chat."
    )
    assert warm.loc["Hooli", "evidence"] == ["h1"]
    assert set(warm["mistake"]) == {"priority"}


def test_revive_fires_for_quiet_weak_or_dormant_ties_at_targets():
    plan = next_actions(reach_data(), as_of=AS_OF)
    revive = of(plan, "revive").set_index("contact_id")
    # cal (Acme, dormant since June) and eli (Globex, weak, 131 days). Not: bea (the warm path),
    # al (never touched), fox (touched 20 days ago), dan (recent), gil (Initech is no target)
    assert sorted(revive.index) == ["cal", "eli"]
    assert revive.loc["eli", "reason"] == (
        "Eli Wade is a weak tie at Globex (last touch 131 days ago) and you follow it: "
        "moderately weak ties carry most job moves, so send a short note."
    )
    assert revive.loc["cal", "reason"].startswith(
        "Cal Ford is a dormant tie at Acme (last touch 284 days ago) and you applied there on 10 Feb"
    )
    assert revive.loc["cal", "evidence"] == ["c1"]


# --- renderers ------------------------------------------------------------------------------------


def test_ics_parses_and_holds_one_event_per_action():
    plan = next_actions(loops(), as_of=AS_OF)
    ics = to_ics(plan)
    assert ics == to_ics(next_actions(loops(), as_of=AS_OF))  # byte-identical
    cal = icalendar.Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    assert len(events) == len(plan)
    assert len({str(e["UID"]) for e in events}) == len(plan)
    for event, (_, row) in zip(events, plan.iterrows(), strict=True):
        assert event.decoded("DTSTART") == row["due"].date()
        assert event.decoded("DTSTAMP") == pd.Timestamp(AS_OF, tz="UTC").to_pydatetime()
        assert row["reason"] in str(event["DESCRIPTION"])
    assert b"uuid" not in ics.lower()


def test_ics_uid_depends_on_content_not_rank():
    plan = next_actions(loops(), as_of=AS_OF)
    a = icalendar.Calendar.from_ical(to_ics(plan)).walk("VEVENT")
    b = icalendar.Calendar.from_ical(to_ics(plan.iloc[::-1].reset_index(drop=True), as_of=AS_OF)).walk(
        "VEVENT"
    )
    assert sorted(str(e["UID"]) for e in a) == sorted(str(e["UID"]) for e in b)
    bare = plan.copy()
    bare.attrs = {}
    with pytest.raises(ParameterError, match="as_of"):
        to_ics(bare)


def test_html_is_escaped_and_text_lists_every_action():
    data = loops()
    c = data.contacts.copy()
    c.loc[c["contact_id"] == "sam", "name"] = "<script>Sam</script>"
    plan = next_actions(data.replace(contacts=c), as_of=AS_OF)
    out = actions_html(plan)
    assert "<script>" not in out and html.escape("<script>Sam</script>") in out
    assert out.count("<li") == len(plan)
    text = actions_text(plan)
    assert text.startswith("This week: Ana\n  1. Thank <script>Sam</script> (by Wed 12 Mar): ")
    assert len(text.splitlines()) == len(plan) + 1


def test_nudges_top_three_per_seeker():
    a = loops()
    b = NetworkData(
        contacts=people([("sam", "Sam Lee", "Acme")], seeker="Bo"),
        interactions=ix([("i1", "2025-03-01 10:00", "sam", "email", "inbound", "help")], seeker="Bo"),
    )
    plan = next_actions(NetworkData.concat([a, b]), as_of=AS_OF)
    n = nudges(plan)
    assert n["seeker"].tolist() == ["Ana", "Bo"]
    ana = n.loc[0, "text"].splitlines()
    assert ana[0] == "Hi Ana, your top 3 actions for this week:"
    assert ana[1].startswith("1. Thank Sam Lee (by Wed 12 Mar): Sam Lee gave you a lead on 1 Mar")
    assert len(ana) == 4
    # Bo: thank Sam for the help (overdue), give back (week)
    assert n.loc[1, "text"].splitlines()[0] == "Hi Bo, your top 2 actions for this week:"
    with pytest.raises(ParameterError):
        nudges(plan, per_seeker=0)


def test_empty_data():
    plan = next_actions(NetworkData())
    assert plan.empty and list(plan.columns) == list(PLAN_COLUMNS)
    assert nudges(plan).empty
    assert "nothing to do" in actions_text(plan)
    assert "Nothing to do" in actions_html(plan)
    old = stale_loops(NetworkData())
    assert old.empty and old.attrs == {"total": 0, "by_seeker": {}}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_invariants_on_random_cohorts(data):
    plan = next_actions(data, limit=2, max_actions=5)
    assert list(plan.columns) == list(PLAN_COLUMNS)
    for _, g in plan.groupby("seeker"):
        assert g["rank"].tolist() == list(range(1, len(g) + 1))
        assert len(g) <= 5
    assert plan.groupby(["seeker", "action"]).size().max() <= 2 if len(plan) else True
    assert set(plan["mistake"]) <= set(schema.MISTAKES)
    assert plan["reason"].str.endswith(".").all()
    assert (plan["due"] >= plan.attrs["as_of"].floor("D")).all() if len(plan) else True
    assert len(icalendar.Calendar.from_ical(to_ics(plan)).walk("VEVENT")) == len(plan) if len(plan) else True


def test_last_interaction_is_the_latest_and_the_later_row_on_a_tie():
    """The "at target" reason cites the contact's last interaction: the latest in time, the
    later row when two share a time, per seeker (Ana and Bo both know c1)."""
    from netlytics.metrics.measures import Measures
    from netlytics.plan.builders import context

    a = ix(
        [
            ("a1", "2025-03-01 09:00", "c1", "email", "outbound", "message"),
            ("a2", "2025-03-03 09:00", "c1", "email", "inbound", "message"),
            ("a3", "2025-03-03 09:00", "c1", "email", "outbound", "message"),  # same time, later row
            ("a4", "2025-03-02 09:00", "c1", "email", "outbound", "message"),
            ("a5", "2025-03-05 09:00", "c2", "email", "outbound", "message"),
        ]
    )
    b = ix(
        [
            ("b1", "2025-03-04 09:00", "c1", "call", "outbound", "call"),
            ("b2", "2025-02-04 09:00", "c1", "call", "outbound", "call"),
        ],
        seeker="Bo",
    )
    data = NetworkData(interactions=pd.concat([a, b], ignore_index=True))
    ctx = context(Measures.compute(data, as_of=AS_OF))
    asked = pd.DataFrame({"seeker": ["Ana", "Bo"], "contact_id": ["c1", "c1"]})
    got = ctx.last_interaction(asked).sort_values("seeker")
    assert got.values.tolist() == [["Ana", "c1", "a3"], ["Bo", "c1", "b1"]]


def test_id_lists_groups_in_first_appearance_with_values_in_frame_order():
    """The evidence lists: one per (seeker, contact) in order of first appearance, the ids in
    the frame's order; an empty contact is a group of its own."""
    from netlytics.plan._common import id_lists

    df = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Bo", "Ana", "Ana"],
            "contact_id": ["cy", "di", "cy", "cy", None],
            "interaction_id": ["i3", "i1", "i9", "i2", "i7"],
        },
        dtype="str",
    )
    out = id_lists(df, ["seeker", "contact_id"])
    assert out["seeker"].tolist() == ["Ana", "Ana", "Bo", "Ana"]
    assert out["contact_id"].tolist()[:3] == ["cy", "di", "cy"] and pd.isna(out["contact_id"].iloc[3])
    assert out["evidence"].tolist() == [["i3", "i2"], ["i1"], ["i9"], ["i7"]]
    assert id_lists(df.iloc[:0], ["seeker", "contact_id"])["evidence"].tolist() == []
