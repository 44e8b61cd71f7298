"""The scorecard's sentences: one piece of advice per seeker and mistake, from their numbers.

Every sentence is built from the seeker's own counts in the scoring period and says what the
status rests on (docs/spec/METRICS.md sections 3 and 5b): touches for channel and priority,
gives and receives for giving, follow-up triggers for follow-up. A status without enough
evidence says so instead of judging ("3 gives and receives are too few to judge").
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["advice", "basis"]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _few_touches(n: int, need: int, purpose: str) -> str:
    """'Only 3 touches recorded so far; ...' (or 'No touches ...' for none)."""
    head = (
        "No touches are recorded yet" if n == 0 else f"Only {_plural(n, 'touch', 'touches')} recorded so far"
    )
    return f"{head}; log at least {need} to {purpose}."


def _channel(status: str, w: Mapping, need: int) -> str:
    n = int(w["touches"])
    if status == "not_measured":
        if n and w["linkedin_touches"] == n:
            return (
                f"All {_plural(n, 'touch', 'touches')} come from a LinkedIn export, which records no "
                "coffees or calls; log your meetings and calls in a tracker to measure this."
            )
        return _few_touches(n, need, "measure your channel mix")
    if status == "ok":
        return (
            f"{int(w['live_touches'])} of your {n} touches were live (in person, video or phone); "
            "keep turning messages into conversations."
        )
    k = int(w["written_only_contacts"])
    tail = (
        f" and {_plural(k, 'contact has', 'contacts have')} only ever heard from you in writing; "
        "book two coffees or calls this week with people you have only e-mailed."
        if k
        else "; turn your next two messages into a call or a coffee."
    )
    return f"{int(w['written_touches'])} of your {n} touches were written" + tail


def _priority(status: str, w: Mapping, th: Mapping[str, float], metric: str) -> str:
    n = int(w["touches"])
    if status == "not_measured":
        return _few_touches(n, int(th["min_evidence"]), "see whether networking is a priority")
    weeks = int(w["window_weeks"])
    active = int(round(float(w["active_week_share"]) * weeks)) if pd.notna(w["active_week_share"]) else 0
    gap = w["longest_gap_days"]
    gap_text = f" (longest gap {int(gap)} days)" if pd.notna(gap) else ""
    m = int(w["applications"])
    warm = int(round(float(w["networked_share"]) * m)) if pd.notna(w["networked_share"]) else 0
    if status != "ok" and metric == "networked_share":
        cold = f"None of your {m}" if warm == 0 else f"Only {warm} of your {m}"
        return (
            f"{cold} applications came after an outbound touch with someone at the company in the "
            f"{int(w['window_days'])} days before; talk to someone there before your next application."
        )
    if status != "ok":
        return (
            f"You networked in {active} of the last {weeks} weeks{gap_text}; "
            "block an hour for outreach in your calendar every week."
        )
    extra = f", and {warm} of your {m} applications were warm" if m >= th["min_applications"] else ""
    return f"You networked in {active} of the last {weeks} weeks{extra}; keep the rhythm."


def _giving(status: str, w: Mapping) -> str:
    gifts = int(w["gifts"])
    if status == "not_measured":
        if gifts == 0:
            return (
                "No gifts given or received are recorded yet; log the leads, introductions and help "
                "you give and get to measure this."
            )
        if pd.isna(w["give_share"]):
            return (
                f"{_plural(gifts, 'give or receive', 'gives and receives')} recorded, all of kinds "
                "weighted 0; log the leads, introductions and help you give and get."
            )
        verb = "is" if gifts == 1 else "are"
        return (
            f"{_plural(gifts, 'give or receive', 'gives and receives')} {verb} too few to judge; log "
            "the leads, introductions and help you give and get."
        )
    share = f"{float(w['give_share']):.0%}"
    rests = f" ({_plural(gifts, 'give or receive', 'gives and receives')})"
    if status == "ok":
        return (
            f"What you gave is {share} of the value exchanged with your contacts{rests}; "
            "keep giving before you ask."
        )
    k = int(w["take_only_contacts"])
    tail = (
        f" and {_plural(k, 'contact has', 'contacts have')} only given to you; send each of them a lead, "
        "an introduction or some help this month."
        if k
        else "; offer a lead or an introduction to someone who has helped you."
    )
    return f"What you gave is only {share} of the value exchanged with your contacts{rests}" + tail


def _stale_tail(w: Mapping) -> str:
    stale = int(w.get("stale_loops", 0) or 0)
    if not stale:
        return ""
    return (
        f" ({_plural(stale, 'older unanswered trigger is', 'older unanswered triggers are')} stale, "
        "over the stale limit: revive only the ones worth it.)"
    )


def _follow_up(status: str, w: Mapping, need: int) -> str:
    triggers = int(w["triggers"])
    if status == "not_measured":
        if triggers >= need:
            return (
                f"All {triggers} follow-up triggers are still inside their due time; check again in a few days."
                + _stale_tail(w)
            )
        head = (
            "No follow-up triggers (meetings, gifts received, messages) are recorded yet"
            if triggers == 0
            else f"Only {_plural(triggers, 'follow-up trigger')} (meetings, gifts received, messages) so far"
        )
        return f"{head}; at least {need} are needed to measure this." + _stale_tail(w)
    on, settled, loops = int(w["on_time"]), int(w["settled"]), int(w["open_loops"])
    text = f"{on} of {settled} follow-ups were on time"
    if loops:
        who = w["oldest_loop_who"]
        days = float(w["oldest_loop_days"])
        oldest = {
            "thank_you": f"a thank-you owed to {who} for {days:.0f} days",
            "lead": f"the lead from {who}, waiting {days:.0f} days",
            "reply": f"a reply owed to {who} for {days:.0f} days",
        }[w["oldest_loop_trigger"]]
        if loops == 1:
            return text + f" and 1 is still open past due: {oldest}; send it today." + _stale_tail(w)
        return (
            text
            + f" and {loops} are still open past due, the oldest {oldest}; answer them today."
            + _stale_tail(w)
        )
    if status == "ok":
        return text + "; keep thanking within a day and replying within two." + _stale_tail(w)
    return text + "; send thank-yous within a day and replies within two." + _stale_tail(w)


def advice(mistake: str, status: str, w: Mapping, th: Mapping[str, float], metric: str) -> str:
    """One plain sentence for a seeker's ``mistake`` with ``status``, from their numbers.

    Parameters
    ----------
    mistake : {"channel", "priority", "giving", "follow_up"}
        The mistake.
    status : {"ok", "watch", "mistake", "not_measured"}
        Its status.
    w : mapping
        The seeker's row of the scorecard inputs
        (:func:`netlytics.metrics.scorecard.scorecard_inputs`).
    th : mapping
        The resolved thresholds.
    metric : str
        The rule that set the status.

    Returns
    -------
    str
        The sentence.

    Raises
    ------
    KeyError
        For an unknown ``mistake``.

    See Also
    --------
    basis : what the status rests on, in words.
    """
    need = int(th["min_evidence"])
    if mistake == "channel":
        return _channel(status, w, need)
    if mistake == "priority":
        return _priority(status, w, th, metric)
    if mistake == "giving":
        return _giving(status, w)
    if mistake == "follow_up":
        return _follow_up(status, w, need)
    raise KeyError(mistake)


def basis(mistake: str, w: Mapping, period: str) -> str:
    """What a scorecard status rests on, in words ("based on 79 touches in the last 12 months ...").

    Parameters
    ----------
    mistake : {"channel", "priority", "giving", "follow_up"}
        The mistake.
    w : mapping
        The seeker's row of the scorecard inputs.
    period : str
        The period label (:func:`netlytics.metrics._common.period_label`).

    Returns
    -------
    str

    Raises
    ------
    KeyError
        For an unknown ``mistake``.

    See Also
    --------
    advice : the sentence built from the same numbers.

    Examples
    --------
    >>> basis("giving", {"gifts": 3}, "the last 12 months: 7 Dec 2025 to 7 Dec 2026")
    'based on 3 gives and receives in the last 12 months: 7 Dec 2025 to 7 Dec 2026'
    """
    if mistake in ("channel", "priority"):
        what = _plural(int(w["touches"]), "touch", "touches")
        if mistake == "priority" and int(w.get("applications", 0)):
            what += f" and {_plural(int(w['applications']), 'application')}"
    elif mistake == "giving":
        what = _plural(int(w["gifts"]), "give or receive", "gives and receives")
    elif mistake == "follow_up":
        # the on-time share's denominator, as in the advice ("384 of 506 follow-ups were on time")
        settled = int(w["settled"])
        what = _plural(settled, "follow-up answered or past due", "follow-ups answered or past due")
        pending = int(w["triggers"]) - settled
        if pending:
            what += (
                f" ({_plural(pending, 'trigger')} still inside {'its' if pending == 1 else 'their'} due time)"
            )
    else:
        raise KeyError(mistake)
    joiner = " " if period.startswith("since") else " in "
    return f"based on {what}{joiner}{period}"
