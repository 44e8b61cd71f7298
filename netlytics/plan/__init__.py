"""From diagnosis to a plan: ranked next actions for the week (docs/plan.md).

:func:`next_actions` turns the metrics and the graph layer into a short, ranked list of things to
do, one row per action, each with a one-sentence reason that cites the evidence and the ids of
the interactions behind it. Six action types, each fixing one of the four mistakes:

============  ==========  ===================================================================
action        mistake     fires for
============  ==========  ===================================================================
follow_up     follow_up   every open loop (unanswered, past due) of a ``lead`` or ``reply``
                          trigger of :func:`~netlytics.metrics.followup.follow_up`
thank_you     follow_up   every contact with unanswered ``thank_you`` triggers (one action per
                          contact: one thank-you answers them all)
meet          channel     strong or medium ties whose touches in the last 90 days were all
                          written (email, linkedin, text)
give          giving      take-only contacts (receive_value > 0, give_value = 0)
warm_path     priority    target companies where nobody has been touched in 90 days: the best
                          contact there
revive        priority    weak or dormant ties at target companies, touched before but not in
                          the last 90 days
============  ==========  ===================================================================

**Target companies** of a seeker: companies they follow (``data.follows``, followed at or before
``as_of`` or undated), applied to in the last 90 days (``applied_at`` in ``[as_of - 90 days,
as_of]``), or where they hold a lead (an inbound interaction of kind ``lead`` with a ``company``
in that window). Companies match by :func:`netlytics.identity.company_key`.

**Ranking** (per seeker): urgency tier first (0: overdue follow-ups and thank-yous, most
overdue first in whole days; 1: thank-yous still inside their 1-day due time; 2: the week's
other actions), then expected value (tie score in [0, 1] plus :data:`TARGET_BONUS` when the
contact works at a target company, rounded to 2 decimals, highest first), then effort
(:data:`EFFORT`, lowest first), then due date, contact_id, evidence and action, so the order is
total and deterministic.

Only interactions, applications and follows at or before ``as_of`` count.
"""

from __future__ import annotations

from netlytics.plan._common import (
    ACTIONS,
    EFFORT,
    MISTAKE,
    NUDGE_COLUMNS,
    PLAN_COLUMNS,
    RECENT_DAYS,
    TARGET_BONUS,
)
from netlytics.plan.actions import MAX_ACTIONS, PER_TYPE, next_actions, stale_loops
from netlytics.plan.render import action_titles, actions_html, actions_text, nudges, to_ics
from netlytics.plan.targets import target_companies

__all__ = [
    "ACTIONS",
    "MISTAKE",
    "EFFORT",
    "RECENT_DAYS",
    "TARGET_BONUS",
    "PLAN_COLUMNS",
    "NUDGE_COLUMNS",
    "MAX_ACTIONS",
    "PER_TYPE",
    "next_actions",
    "stale_loops",
    "target_companies",
    "action_titles",
    "nudges",
    "actions_html",
    "actions_text",
    "to_ics",
]
