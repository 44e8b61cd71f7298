"""The plan on years of history (issue 13): never a stale loop, never more than the caps.

Real LinkedIn exports span years: before the scoring period and stale loops, "This week" held up
to 276 actions, the oldest 1,400 to 2,081 days old. The fixture below is hand-built in that
shape (invented people): as_of is Monday 2026-12-07 12:00 UTC, the default period starts
2025-12-07 12:00 (365 days before) and a loop is stale when its trigger is more than 60 days old.

- 12 old contacts (old01..old12) each wrote once, 2,081 down to 1,400 days ago, never answered;
- inside the period but stale: six unanswered messages (st1..st6, 70 to 300 days old), an
  unthanked meeting (mt1, 90 days old) and an unanswered lead (ld1, 120 days old: a lead and a
  thank-you trigger) = 9 stale loops, 8 contacts;
- recent: twelve unanswered messages (r01..r12, 3 to 47 days old: open loops, past their 2-day
  due time) and four unthanked meetings (m01..m04, 2 to 20 days old).
"""

import pandas as pd
import pytest

from netlytics.data import NetworkData
from netlytics.metrics.followup import follow_up
from netlytics.plan import actions_text, next_actions, stale_loops
from tests.plan.test_actions import ix, keyed, people

AS_OF = pd.Timestamp("2026-12-07 12:00", tz="UTC")
OLD_DAYS = [2081, 2020, 1950, 1890, 1820, 1760, 1700, 1640, 1580, 1520, 1460, 1400]
STALE_MSG_DAYS = {"st1": 70, "st2": 100, "st3": 150, "st4": 200, "st5": 250, "st6": 300}
RECENT_MSG_DAYS = {f"r{i:02d}": d for i, d in enumerate([3, 5, 8, 11, 14, 18, 22, 26, 30, 35, 41, 47], 1)}
MEETING_DAYS = {"m01": 2, "m02": 6, "m03": 12, "m04": 20}


def ago(days: float) -> str:
    return (AS_OF - pd.Timedelta(days=days)).isoformat()


def history() -> NetworkData:
    rows = []
    for i, d in enumerate(OLD_DAYS, 1):
        rows.append((f"o{i}", ago(d), f"old{i:02d}", "linkedin", "inbound", "message"))
    for c, d in {**STALE_MSG_DAYS, **RECENT_MSG_DAYS}.items():
        rows.append((f"x-{c}", ago(d), c, "email", "inbound", "message"))
    rows.append(("x-mt1", ago(90), "mt1", "in_person", "outbound", "meeting"))
    rows.append(("x-ld1", ago(120), "ld1", "email", "inbound", "lead", {"company": "Hooli"}))
    for c, d in MEETING_DAYS.items():
        rows.append((f"x-{c}", ago(d), c, "video", "outbound", "meeting"))
    names = [
        *(f"old{i:02d}" for i in range(1, 13)),
        *STALE_MSG_DAYS,
        "mt1",
        "ld1",
        *RECENT_MSG_DAYS,
        *MEETING_DAYS,
    ]
    return NetworkData(
        contacts=people([(c, f"Person {c.upper()}", "Initech") for c in names]),
        interactions=ix(rows),
    )


def stale_ids(fu: pd.DataFrame) -> set[str]:
    return set(fu.loc[fu["stale"], "trigger_id"])


@pytest.mark.parametrize("since", [None, "all"])
def test_the_plan_never_holds_a_stale_loop_and_respects_the_caps(since):
    data = history()
    plan = next_actions(data, as_of=AS_OF, since=since)
    assert len(plan) <= 10
    assert plan.groupby("action").size().max() <= 3
    planned = {e for a, _, ev in keyed(plan) if a in ("follow_up", "thank_you") for e in ev}
    # no evidence of a follow-up or thank-you is older than 60 days
    old = {f"o{i}" for i in range(1, 13)} | {f"x-{c}" for c in [*STALE_MSG_DAYS, "mt1", "ld1"]}
    assert planned and not planned & old
    # the plan's follow-ups: the three best of the twelve recent open loops, and three of the
    # four recent meetings; nothing else is a loop
    assert {e[2:] for e in planned} <= set(RECENT_MSG_DAYS) | set(MEETING_DAYS)
    assert (plan["action"] == "follow_up").sum() == 3
    assert (plan["action"] == "thank_you").sum() == 3
    assert "1400 days" not in actions_text(plan) and "2081" not in actions_text(plan)


def test_stale_means_older_than_stale_days():
    data = history()
    # with stale_days=100, st1 (70 days), mt1 (90 days) are live loops again: they may be planned
    plan = next_actions(data, as_of=AS_OF, stale_days=100, per_type=None, max_actions=None)
    loops = plan.loc[plan["action"].isin(["follow_up", "thank_you"])]
    planned = {e for ev in loops["evidence"] for e in ev}
    assert {"x-st1", "x-mt1"} <= planned
    assert not {"x-st3", "x-ld1"} & planned  # 150 and 120 days old: still stale
    # every open loop of the period is planned when nothing is capped, and no stale one
    fu = follow_up(data, as_of=AS_OF, since=AS_OF - pd.Timedelta(days=365), stale_days=100)
    live = set(fu.loc[fu["censored"] & ~fu["stale"] & fu["due_at"].lt(AS_OF), "trigger_id"])
    assert live <= planned
    assert not stale_ids(fu) & planned


def test_stale_loops_counts_them_and_lists_five_strongest_first():
    data = history()
    got = stale_loops(data, as_of=AS_OF)
    # 6 messages + 1 meeting + 1 lead that is also a thank-you trigger = 9 stale loops
    assert got.attrs["total"] == 9
    assert got.attrs["by_seeker"] == {"Ana": 9}
    assert len(got) == 5
    assert got["score"].is_monotonic_decreasing
    # the meeting is the richest tie (a live touch); then the most recent messages
    assert got["contact_id"].tolist()[0] == "mt1"
    by = got.set_index("contact_id")
    assert by.loc["mt1", "reason"] == (
        "You met Person MT1 on 8 Sep (90 days ago, never answered): a short note can revive the contact."
    )
    everyone = stale_loops(data, as_of=AS_OF, limit=None).set_index("contact_id")
    assert len(everyone) == 8
    assert everyone.loc["ld1", "loops"] == 1 and everyone.loc["ld1", "evidence"] == ["x-ld1"]
    assert everyone.loc["st6", "days"] == 300
    # all history: the twelve old messages are stale loops too
    assert stale_loops(data, as_of=AS_OF, since="all").attrs["total"] == 9 + 12


def test_since_leaves_out_earlier_triggers_and_the_period_is_in_attrs():
    data = history()
    plan = next_actions(data, as_of=AS_OF)
    assert plan.attrs["since"] == AS_OF - pd.Timedelta(days=365)
    # since after the recent meetings' days: those triggers are not triggers any more
    late = next_actions(data, as_of=AS_OF, since=AS_OF - pd.Timedelta(days=4))
    assert set(late["action"]) <= {"follow_up", "thank_you"}
    assert {e for ev in late["evidence"] for e in ev} == {"x-r01", "x-m01"}
