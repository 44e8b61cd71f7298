"""Renderers of a plan: plain text, an HTML fragment, coach nudges and an iCalendar file.

They take the table :func:`netlytics.plan.next_actions` returns (docs/plan.md, "Renderers").
"""

from __future__ import annotations

import hashlib
import html

import numpy as np
import pandas as pd

from netlytics._checks import check_positive_int
from netlytics._sanitize import sanitize
from netlytics.errors import ParameterError
from netlytics.plan._common import NEUTRAL, NUDGE_COLUMNS, as_str, empty

__all__ = ["action_titles", "actions_html", "actions_text", "nudges", "to_ics"]


def action_titles(actions: pd.DataFrame) -> pd.Series:
    """A short imperative title per action ("Thank Sam Lee", "Warm path into Acme: Sam Lee").

    Parameters
    ----------
    actions : DataFrame
        A :func:`~netlytics.plan.next_actions` table (``action``, ``contact_name``, ``company``).

    Returns
    -------
    pandas.Series
        One title per action, on the index of ``actions``.

    Raises
    ------
    KeyError
        When a column named above is missing.

    See Also
    --------
    actions_text : the titles with due days and reasons.

    Examples
    --------
    >>> import pandas as pd
    >>> action_titles(pd.DataFrame({"action": ["thank_you", "meet"], "contact_name": ["Sam Lee", None],
    ...                             "company": ["Acme", None]})).tolist()
    ['Thank Sam Lee', 'Invite this contact for a coffee or a call']
    """
    name = as_str(actions["contact_name"].to_numpy(), index=actions.index).fillna(NEUTRAL)
    company = as_str(actions["company"].to_numpy(), index=actions.index)
    titles = {
        "follow_up": "Follow up with " + name,
        "thank_you": "Thank " + name,
        "meet": "Invite " + name + " for a coffee or a call",
        "give": "Give first to " + name,
        "warm_path": ("Warm path into " + company + ": " + name).fillna("Warm path: " + name),
        "revive": "Reconnect with " + name,
    }
    out = as_str(np.full(len(actions), "Act"), index=actions.index)
    for action, text in titles.items():
        out = out.mask(actions["action"].eq(action), text)
    return out


def _due_text(due: pd.Series) -> pd.Series:
    due = pd.to_datetime(due, utc=True)
    return due.dt.strftime("%a ") + due.dt.day.astype("Int64").astype("str") + due.dt.strftime(" %b")


def _lines(actions: pd.DataFrame) -> pd.Series:
    return (
        actions["rank"].astype("str")
        + ". "
        + action_titles(actions)
        + " (by "
        + _due_text(actions["due"])
        + "): "
        + actions["reason"]
    )


def _by_seeker(actions: pd.DataFrame, lines: pd.Series) -> list[tuple[str, list[str]]]:
    """``(seeker, its lines in rank order)`` per seeker, sorted by seeker."""
    groups = actions.groupby("seeker", sort=True).groups.items()
    return [(str(seeker), lines.loc[idx].tolist()) for seeker, idx in groups]


def actions_text(actions: pd.DataFrame, *, title: str = "This week") -> str:
    """The plan as plain text for an e-mail or a terminal: one block per seeker.

    Parameters
    ----------
    actions : DataFrame
        A :func:`~netlytics.plan.next_actions` table.
    title : str
        The heading of each block ("This week: Ana").

    Returns
    -------
    str
        Numbered lines per seeker, or a one-line note when there is nothing to do.

    Raises
    ------
    KeyError
        When ``actions`` lacks a column of the plan.

    See Also
    --------
    actions_html, nudges, to_ics : the other renderers.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"seeker": ["Ana"], "rank": [1], "action": ["thank_you"],
    ...     "contact_name": ["Sam Lee"], "company": ["Acme"],
    ...     "due": pd.to_datetime(["2025-03-17"], utc=True),
    ...     "reason": ["You met Sam Lee on 12 Mar; no thank-you after 5 days."]})
    >>> print(actions_text(acts))
    This week: Ana
      1. Thank Sam Lee (by Mon 17 Mar): You met Sam Lee on 12 Mar; no thank-you after 5 days.
    """
    if actions.empty:
        return f"{title}: nothing to do from the data. Keep your weekly rhythm."
    blocks = [
        f"{title}: {seeker}\n" + "\n".join("  " + line for line in lines)
        for seeker, lines in _by_seeker(actions, _lines(actions))
    ]
    return sanitize("\n\n".join(blocks), "text")


def actions_html(actions: pd.DataFrame, *, title: str = "This week") -> str:
    """The plan as a compact, printable HTML fragment; every value is HTML-escaped.

    One ``<section class="netlytics-plan">`` per seeker with an ordered list of actions, each
    with its title, due day and reason (the mistake it fixes is a ``data-mistake`` attribute).

    Parameters
    ----------
    actions : DataFrame
        A :func:`~netlytics.plan.next_actions` table.
    title : str
        The heading of each section.

    Returns
    -------
    str
        The HTML fragment (no page around it).

    Raises
    ------
    KeyError
        When ``actions`` lacks a column of the plan.

    See Also
    --------
    actions_text : the same as plain text.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"seeker": ["Ana <b>"], "rank": [1], "action": ["give"],
    ...     "contact_name": ["Sam & Co"], "company": [None], "mistake": ["giving"],
    ...     "due": pd.to_datetime(["2025-03-17"], utc=True), "reason": ["Help <them>."]})
    >>> print(actions_html(acts))
    <section class="netlytics-plan"><h3>This week: Ana &lt;b&gt;</h3><ol><li data-mistake="giving"><strong>Give first to Sam &amp; Co</strong> <span class="due">by Mon 17 Mar</span><br>Help &lt;them&gt;.</li></ol></section>
    """
    esc = html.escape
    if actions.empty:
        return (
            f'<section class="netlytics-plan"><h3>{esc(title)}</h3>'
            "<p>Nothing to do from the data. Keep your weekly rhythm.</p></section>"
        )
    titles = action_titles(actions).map(esc)
    due = _due_text(actions["due"]).map(esc)
    reason = actions["reason"].astype("str").map(esc)
    mistake = actions["mistake"].astype("str").map(lambda m: esc(m, quote=True))
    items = (
        '<li data-mistake="'
        + mistake
        + '"><strong>'
        + titles
        + '</strong> <span class="due">by '
        + due
        + "</span><br>"
        + reason
        + "</li>"
    )
    blocks = [
        f'<section class="netlytics-plan"><h3>{esc(title)}: {esc(seeker)}</h3><ol>{"".join(lis)}</ol></section>'
        for seeker, lis in _by_seeker(actions, items)
    ]
    return "\n".join(blocks)


def nudges(actions: pd.DataFrame, *, per_seeker: int = 3) -> pd.DataFrame:
    """Each seeker's top actions as a short text ready to paste into an e-mail (for coaches).

    Parameters
    ----------
    actions : DataFrame
        A :func:`~netlytics.plan.next_actions` table.
    per_seeker : int
        How many actions per seeker (the best ranked; default 3).

    Returns
    -------
    pandas.DataFrame
        One row per seeker with actions, sorted by seeker: ``seeker``, ``text``.

    Raises
    ------
    ParameterError
        When ``per_seeker`` is not a positive whole number.

    See Also
    --------
    actions_text : every action, one block per seeker.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"seeker": ["Ana"] * 2, "rank": [1, 2], "action": ["thank_you", "meet"],
    ...     "contact_name": ["Sam Lee", "Bo"], "company": [None, None],
    ...     "due": pd.to_datetime(["2025-03-17", "2025-03-17"], utc=True),
    ...     "reason": ["You met Sam Lee on 12 Mar.", "Bo is a medium tie."]})
    >>> print(nudges(acts, per_seeker=1).loc[0, "text"])
    Hi Ana, your top action for this week:
    1. Thank Sam Lee (by Mon 17 Mar): You met Sam Lee on 12 Mar.
    """
    per_seeker = check_positive_int("per_seeker", per_seeker)
    if actions.empty:
        return empty(NUDGE_COLUMNS)
    top = actions.sort_values(["seeker", "rank"], kind="stable")
    top = top.loc[top.groupby("seeker").cumcount() < per_seeker]
    seekers, texts = [], []
    for seeker, lines in _by_seeker(top, _lines(top)):
        what = "your top action" if len(lines) == 1 else f"your top {len(lines)} actions"
        seekers.append(seeker)
        texts.append(f"Hi {seeker}, {what} for this week:\n" + "\n".join(lines))
    return pd.DataFrame({"seeker": seekers, "text": texts}).astype(NUDGE_COLUMNS)


def _uid(actions: pd.DataFrame) -> pd.Series:
    key = (
        actions["seeker"].astype("str")
        + "\x1f"
        + actions["action"].astype("str")
        + "\x1f"
        + actions["contact_id"].astype("str").fillna("")
        + "\x1f"
        + actions["evidence"].map(lambda ev: "\x1e".join(ev) if isinstance(ev, list | tuple) else "")
    )
    return key.map(lambda k: hashlib.sha256(k.encode("utf-8")).hexdigest()[:32] + "@netlytics")


def to_ics(actions: pd.DataFrame, *, as_of=None, name: str = "netlytics: this week") -> bytes:
    """The plan as an iCalendar file: one all-day event per action on its due day.

    Deterministic: the same actions give byte-identical output. ``DTSTAMP`` is ``as_of``; each
    ``UID`` is a hash of seeker, action, contact and evidence (never random, never the clock).

    Parameters
    ----------
    actions : DataFrame
        A :func:`~netlytics.plan.next_actions` table.
    as_of : timestamp-like, optional
        The plan's ``as_of`` (default: ``actions.attrs["as_of"]``, set by ``next_actions``).
    name : str
        Calendar name shown by calendar apps.

    Returns
    -------
    bytes
        The ``.ics`` content (UTF-8, CRLF line ends, as RFC 5545 requires).

    Raises
    ------
    ParameterError
        When no ``as_of`` is given and ``actions`` does not carry one.

    See Also
    --------
    actions_text : the plan as text.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"seeker": ["Ana"], "rank": [1], "action": ["thank_you"], "contact_id": ["sam"],
    ...     "contact_name": ["Sam Lee"], "company": [None], "mistake": ["follow_up"],
    ...     "due": pd.to_datetime(["2025-03-17"], utc=True), "reason": ["You met Sam."], "evidence": [["i1"]]})
    >>> ics = to_ics(acts, as_of="2025-03-16")
    >>> b"SUMMARY:Thank Sam Lee" in ics and b"DTSTART;VALUE=DATE:20250317" in ics
    True
    """
    if as_of is None:
        as_of = actions.attrs.get("as_of")
    if as_of is None:
        raise ParameterError(
            "to_ics() needs as_of (the plan's date, used as DTSTAMP); pass as_of= or use the table "
            "that next_actions() returns."
        )
    import icalendar  # only here: importing it costs a third of a second, and only .ics needs it

    stamp = pd.Timestamp(as_of)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlytics//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", sanitize(name, "ics"))
    if actions.empty:
        return cal.to_ical()
    actions = sanitize(actions, "ics")  # text iCalendar readers refuse (lone surrogates, controls)
    titles = action_titles(actions)
    uids = _uid(actions)
    due = pd.to_datetime(actions["due"], utc=True)
    for i in range(len(actions)):  # one event per action (an output table, not interactions)
        row = actions.iloc[i]
        day = due.iloc[i].date()
        ev = row["evidence"] if isinstance(row["evidence"], list | tuple) else []
        event = icalendar.Event()
        event.add("uid", uids.iloc[i])
        event.add("dtstamp", stamp.to_pydatetime())
        event.add("dtstart", day)
        event.add("dtend", day + pd.Timedelta(days=1).to_pytimedelta())
        event.add("summary", sanitize(f"{titles.iloc[i]} ({row['seeker']})", "ics"))
        description = str(row["reason"])
        if ev:
            description += "\nEvidence: interactions " + ", ".join(map(str, ev))
        event.add("description", sanitize(description, "ics"))
        event.add("categories", [sanitize(str(row["mistake"]), "ics")])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
