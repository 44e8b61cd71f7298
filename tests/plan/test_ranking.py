"""Ranking by value, then urgency (docs/plan.md, "Ranking"), with hand-computed tie scores.

as_of is Wednesday 2025-03-12 12:00 UTC. Four contacts each sent Ana one e-mail she never
answered (a reply trigger, due 2 days later). A contact with one inbound e-mail ``d`` days old
has the tie score (weights of tie_strength: frequency 0.25, recency 0.25, duration 0.15,
reciprocity 0.15, richness 0.20)

    0.25 * 1/12 + 0.25 * exp(-d / 90) + 0.15 * d / 365   (no gift, no live touch)

=======  ====  =======  =================  ===========  =======  ============
contact  d     overdue  score              target       value    rank
=======  ====  =======  =================  ===========  =======  ============
hi       20    18 days  0.2292             Acme: +0.5   0.7      1
lo2       3     1 day   0.2638                          0.3      2
eq       14    12 days  0.2406                          0.2      3 (more overdue)
lo1      11     9 days  0.2466                          0.2      4
=======  ====  =======  =================  ===========  =======  ============

hi is the least recent yet first: Ana applied to Acme, where hi works (value first). eq and lo1
have the same value in tenths: the more overdue goes first (then urgency).
"""

import math

import pandas as pd

from netlytics.data import NetworkData
from netlytics.plan import next_actions
from tests.plan.test_actions import apps, ix, keyed, people

AS_OF = pd.Timestamp("2025-03-12 12:00", tz="UTC")
DAYS = {"hi": 20, "lo2": 3, "eq": 14, "lo1": 11}


def score(d: float) -> float:
    return 0.25 / 12 + 0.25 * math.exp(-d / 90) + 0.15 * d / 365


def data() -> NetworkData:
    rows = [
        (f"m-{c}", (AS_OF - pd.Timedelta(days=d)).isoformat(), c, "email", "inbound", "message")
        for c, d in DAYS.items()
    ]
    return NetworkData(
        contacts=people(
            [
                ("hi", "Hal Ito", "Acme Inc."),
                ("lo2", "Lou Two", "Globex"),
                ("eq", "Eq Ual", "Globex"),
                ("lo1", "Lou One", "Globex"),
            ]
        ),
        interactions=ix(rows),
        applications=apps([("a1", "ACME", "2025-03-01")]),
    )


def test_hand_computed_scores():
    got = [round(score(DAYS[c]) + (0.5 if c == "hi" else 0), 1) for c in DAYS]
    assert got == [0.7, 0.3, 0.2, 0.2]


def test_value_first_then_urgency():
    plan = next_actions(data(), as_of=AS_OF, per_type=None)
    assert keyed(plan) == [
        ("follow_up", "hi", ("m-hi",)),
        ("follow_up", "lo2", ("m-lo2",)),
        ("follow_up", "eq", ("m-eq",)),
        ("follow_up", "lo1", ("m-lo1",)),
    ]
    assert plan["rank"].tolist() == [1, 2, 3, 4]


def test_the_caps_keep_the_best():
    # 3 per type by default: lo1, the least valuable and least urgent, is left out
    assert plan_contacts(next_actions(data(), as_of=AS_OF)) == ["hi", "lo2", "eq"]
    assert plan_contacts(next_actions(data(), as_of=AS_OF, per_type=None, max_actions=2)) == ["hi", "lo2"]


def plan_contacts(plan):
    return plan["contact_id"].tolist()
