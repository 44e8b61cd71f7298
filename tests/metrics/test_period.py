"""The scoring period, stale loops and honest evidence (docs/spec/METRICS.md section 5b).

Every expected number is worked out by hand in the comments.
"""

import inspect

import pandas as pd
import pytest

from netlytics.errors import ParameterError
from netlytics.metrics.cadence import cadence, cadence_summary
from netlytics.metrics.channel import channel_mix, channel_summary
from netlytics.metrics.followup import follow_up, follow_up_summary
from netlytics.metrics.outcomes import outcomes
from netlytics.metrics.reciprocity import reciprocity, reciprocity_summary
from netlytics.metrics.scorecard import scorecard
from netlytics.metrics.summary import summary
from netlytics.metrics.ties import tie_strength
from netlytics.metrics.touches import touches
from tests.metrics._builders import applications, contacts, interactions, network

AS_OF = "2026-12-07"


def _old_and_new():
    """Ana: an old conversation (2024) and a recent one (2026).

    1  cy 2024-06-03 inbound  meeting    thank_you trigger, never thanked
    2  cy 2024-06-04 inbound  message    reply trigger (opens a run)
    3  cy 2026-11-30 outbound message    answers 2 (but 2 is before since)
    4  bo 2026-12-01 inbound  message    reply trigger, unanswered, 6 days old at as_of
    5  di 2026-09-01 inbound  message    reply trigger, unanswered, 97 days old: stale
    6  bo 2026-12-02 outbound referral   a give
    """
    return network(
        interactions=[
            interactions(
                ("cy", "2024-06-03", "in_person", "in", "meeting"),
                ("cy", "2024-06-04", "email", "in", "message"),
                ("cy", "2026-11-30", "email", "out", "message"),
                ("bo", "2026-12-01", "email", "in", "message"),
                ("di", "2026-09-01", "linkedin", "in", "message"),
                ("bo", "2026-12-02", "email", "out", "referral"),
            )
        ],
        contacts=[contacts(("cy", "Acme"), ("bo", "Globex"), ("di", "Initech"), ("old", "Hooli"))],
        applications=[
            applications(
                ("a1", "Acme", "2024-06-10", "online", "applied"),
                ("a2", "Globex", "2026-12-03", "online", "applied"),
            )
        ],
    )


PER_SEEKER = [
    touches,
    channel_mix,
    channel_summary,
    cadence,
    cadence_summary,
    reciprocity,
    reciprocity_summary,
    follow_up,
    follow_up_summary,
    outcomes,
    tie_strength,
    scorecard,
    summary,
]


@pytest.mark.parametrize("func", PER_SEEKER, ids=lambda f: f.__name__)
def test_every_metric_has_the_one_api_shape(func):
    params = inspect.signature(func).parameters
    for name in ("as_of", "since", "engine", "scheduler"):
        assert name in params and params[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    assert params["since"].default is None and params["engine"].default == "pandas"


def test_since_removes_interactions_and_triggers_before_it():
    data = _old_and_new()
    fu = follow_up(data, as_of=AS_OF, since="2026-01-01")
    # the 2024 meeting and message are no triggers; message 3 is an ordinary interaction
    assert fu["trigger_id"].tolist() == ["5", "4"]
    assert fu["trigger"].tolist() == ["reply", "reply"]
    whole = follow_up(data, as_of=AS_OF)
    assert set(whole["trigger_id"]) == {"1", "2", "4", "5"}
    assert whole.set_index("trigger_id").loc["2", "response_id"] == "3"
    # touches: only the four 2026 interactions with a contact (referral is a touch too)
    assert len(touches(data, as_of=AS_OF, since="2026-01-01")) == 4
    assert len(touches(data, as_of=AS_OF)) == 6


def test_since_filters_applications_but_never_contacts():
    data = _old_and_new()
    out = outcomes(data, as_of=AS_OF, since="2026-01-01")
    assert out["applications"].tolist() == [1]
    ties = tie_strength(data, as_of=AS_OF, since="2026-01-01")
    assert set(ties["contact_id"]) == {"bo", "cy", "di", "old"}  # contacts stay whole
    assert ties.set_index("contact_id").loc["cy", "touches"] == 1  # only the 2026 message


def test_stale_loops_are_kept_but_not_open():
    data = _old_and_new()
    fu = follow_up(data, as_of=AS_OF, since="2026-01-01").set_index("trigger_id")
    # 5: unanswered, 97 days old > 60: stale, not open; 4: 6 days old, past due (2 days): open
    assert fu.loc["5", ["censored", "stale", "open_loop"]].tolist() == [True, True, False]
    assert fu.loc["4", ["censored", "stale", "open_loop"]].tolist() == [True, False, True]
    s = follow_up_summary(data, as_of=AS_OF, since="2026-01-01").set_index("trigger")
    assert s.loc["reply", ["n", "open_loops", "stale_loops"]].tolist() == [2, 1, 1]
    # with stale_days=100 nothing is stale: both are open loops
    s100 = follow_up_summary(data, as_of=AS_OF, since="2026-01-01", stale_days=100).set_index("trigger")
    assert s100.loc["reply", ["open_loops", "stale_loops"]].tolist() == [2, 0]
    # exactly stale_days old is not stale yet (97 days)
    assert (
        not follow_up(data, as_of=AS_OF, since="2026-01-01", stale_days=97)
        .set_index("trigger_id")
        .loc["5", "stale"]
    )


def test_stale_days_is_checked():
    with pytest.raises(ParameterError, match="stale_days"):
        follow_up(_old_and_new(), stale_days=-1)


def test_scorecard_and_summary_default_to_the_last_12_months():
    data = _old_and_new()
    card = scorecard(data, as_of=AS_OF)
    assert set(card["period"]) == {"the last 12 months: 7 Dec 2025 to 7 Dec 2026"}
    # 4 touches in the period (3 .. 6): fewer than 5, not measured; 6 over all history
    assert card.set_index("mistake").loc["channel", "evidence"] == 4
    everything = scorecard(data, as_of=AS_OF, since="all").set_index("mistake")
    assert everything.loc["channel", "evidence"] == 6
    assert everything.loc["channel", "period"] == "all history to 7 Dec 2026"
    row = summary(data, as_of=AS_OF).iloc[0]
    assert row["since"] == pd.Timestamp("2025-12-07", tz="UTC") and row["touches"] == 4
    assert row["applications"] == 1 and row["reply_stale_loops"] == 1 and row["reply_open_loops"] == 1
    assert pd.isna(summary(data, as_of=AS_OF, since="all").iloc[0]["since"])


def test_since_after_as_of_is_refused():
    with pytest.raises(ParameterError, match="after as_of"):
        scorecard(_old_and_new(), as_of="2026-01-01", since="2026-06-01")


def test_giving_rests_on_gifts_not_touches():
    # 12 touches but 3 gifts (endorsements): not measured, and the sentence says why
    rows = [(f"p{i}", f"2026-11-{i + 1:02d}", "in_person", "out", "meeting") for i in range(9)]
    rows += [(f"p{i}", f"2026-11-{i + 10:02d}", "linkedin", "in", "endorsement") for i in range(3)]
    card = scorecard(network(interactions=[interactions(*rows)]), as_of=AS_OF).set_index("mistake")
    giving = card.loc["giving"]
    assert giving["status"] == "not_measured" and giving["evidence"] == 3
    assert giving["advice"].startswith("3 gives and receives are too few to judge")
    assert giving["basis"].startswith("based on 3 gives and receives in the last 12 months")
    assert card.loc["channel", "evidence"] == 9  # endorsements are one click: no touch


def test_giving_is_judged_from_five_gifts():
    # 5 gifts in the period: 1 give (referral 3), 4 receives (help 1 each): share 3 / 7
    rows = [("bo", "2026-11-02", "email", "out", "referral")]
    rows += [(f"p{i}", f"2026-11-{i + 3:02d}", "email", "in", "help") for i in range(4)]
    card = scorecard(network(interactions=[interactions(*rows)]), as_of=AS_OF).set_index("mistake")
    assert card.loc["giving", "evidence"] == 5
    assert card.loc["giving", "value"] == pytest.approx(3 / 7)
    assert card.loc["giving", "status"] == "ok"  # 0.43 >= 0.4


def test_open_loop_rule_ignores_stale_loops():
    # 5 replies answered on time, plus one unanswered reply 90 days old: stale, so "ok"
    rows = []
    for i in range(5):
        rows.append((f"p{i}", f"2026-11-{2 * i + 1:02d} 09:00", "email", "in", "message"))
        rows.append((f"p{i}", f"2026-11-{2 * i + 1:02d} 10:00", "email", "out", "message"))
    rows.append(("zed", "2026-09-08", "email", "in", "message"))
    data = network(interactions=[interactions(*rows)])
    card = scorecard(data, as_of=AS_OF).set_index("mistake")
    # 6 triggers, 6 settled (the stale one is past due), 5 on time: 0.83 >= 0.8, no open loop
    assert card.loc["follow_up", "evidence"] == 6
    assert card.loc["follow_up", "value"] == pytest.approx(5 / 6)
    assert card.loc["follow_up", "status"] == "ok"
    assert "1 older unanswered trigger is stale" in card.loc["follow_up", "advice"]
    # with a longer stale limit the same trigger is an open loop: watch
    card2 = scorecard(data, as_of=AS_OF, stale_days=120).set_index("mistake")
    assert card2.loc["follow_up", "status"] == "watch"
