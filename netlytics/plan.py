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

import hashlib
import html
import numbers

import numpy as np
import pandas as pd

from netlytics import identity, schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics._common import as_data, resolve_as_of

__all__ = [
    "ACTIONS",
    "MISTAKE",
    "EFFORT",
    "RECENT_DAYS",
    "TARGET_BONUS",
    "PLAN_COLUMNS",
    "NUDGE_COLUMNS",
    "next_actions",
    "target_companies",
    "action_titles",
    "nudges",
    "actions_html",
    "actions_text",
    "to_ics",
]

#: Action types, in display order.
ACTIONS: tuple[str, ...] = ("follow_up", "thank_you", "meet", "give", "warm_path", "revive")
#: The mistake each action type fixes (one of :data:`netlytics.schema.MISTAKES`).
MISTAKE: dict[str, str] = {
    "follow_up": "follow_up",
    "thank_you": "follow_up",
    "meet": "channel",
    "give": "giving",
    "warm_path": "priority",
    "revive": "priority",
}
#: Effort of each action type, lowest first: a two-line thank-you, a reply, a short note to an
#: old contact, finding something to give, asking a near-stranger for a chat, arranging a meeting.
EFFORT: dict[str, int] = {"thank_you": 1, "follow_up": 2, "revive": 3, "give": 4, "warm_path": 5, "meet": 6}
#: "Recently", in days before ``as_of``: target-company window, meet window, "not touched in".
RECENT_DAYS = 90
#: Added to the tie score when the contact works at a target company (expected value).
TARGET_BONUS = 0.5

#: Columns and dtypes of :func:`next_actions` (``evidence`` holds lists of interaction ids).
PLAN_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "rank": "int64",
    "action": "str",
    "contact_id": "str",
    "contact_name": "str",
    "company": "str",
    "due": schema.TIMESTAMP,
    "reason": "str",
    "evidence": "object",
    "mistake": "str",
}
NUDGE_COLUMNS: dict[str, str] = {"seeker": "str", "text": "str"}

_DAY = pd.Timedelta(days=1)
_NEUTRAL = "this contact"
_TIERS = {"overdue": 0, "pending": 1, "week": 2}

# trigger interaction kind -> what the contact did (thank-you reasons; "{who}" is replaced)
_THANKED = {
    "meeting": "you met {who}",
    "event": "you saw {who} at an event",
    "lead": "{who} gave you a lead",
    "referral": "{who} referred you",
    "introduction": "{who} introduced you to {introduced}",
    "help": "{who} helped you",
    "recommendation": "{who} recommended you",
}
_LEAD_ARTICLE = {"lead": "a lead", "referral": "a referral", "introduction": "an introduction"}


# --- small vectorised helpers -----------------------------------------------------------


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


def _str(values, index=None) -> pd.Series:
    return pd.Series(values, index=index, dtype="str")


def _cap(s: pd.Series) -> pd.Series:
    """Upper-case the first character (sentences start with "you ..." or "this contact")."""
    return s.str.slice(0, 1).str.upper() + s.str.slice(1)


def _date_text(ts: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """'12 Mar' (the year is added when it is not as_of's year)."""
    ts = ts.astype(schema.TIMESTAMP)
    text = ts.dt.day.astype("Int64").astype("str") + " " + ts.dt.strftime("%b")
    other_year = ts.dt.year != as_of.year
    return text.mask(other_year, text + " " + ts.dt.year.astype("Int64").astype("str"))


def _days_since(ts: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Whole days from ``ts`` to ``as_of`` (floor), as Int64."""
    return np.floor((as_of - ts) / _DAY).astype("Int64")


def _n_days(n: pd.Series) -> pd.Series:
    text = (n.astype("str") + " days").where(n.notna())
    return text.mask(n.eq(1).fillna(False), "1 day")


def _next_monday(as_of: pd.Timestamp) -> pd.Timestamp:
    day = as_of.floor("D")
    return day + pd.Timedelta(days=7 - day.weekday())


def _id_lists(df: pd.DataFrame, keys: list[str], col: str = "interaction_id") -> pd.DataFrame:
    """Per ``keys``: the list of ``col`` values, in the frame's order (groups in order of first
    appearance). One stable sort and one split instead of a Python call per group."""
    if not len(df):
        return pd.DataFrame({**{k: df[k].iloc[:0] for k in keys}, "evidence": pd.Series(dtype=object)})
    codes = df.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    starts = np.r_[0, np.flatnonzero(np.diff(codes[order])) + 1]
    values = df[col].to_numpy(dtype=object)[order]
    out = df.iloc[order[starts]][keys].reset_index(drop=True)
    out["evidence"] = [chunk.tolist() for chunk in np.split(values, starts[1:])]
    return out


def _join_lists(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise concatenation of two Series of lists (nulls count as empty lists)."""
    a = a.map(lambda v: v if isinstance(v, list) else [])
    b = b.map(lambda v: v if isinstance(v, list) else [])
    return a + b


# --- context shared by the action builders ------------------------------------------------


class _Context:
    """Everything the builders share, computed once."""

    def __init__(self, data: NetworkData, as_of: pd.Timestamp) -> None:
        from netlytics.graph.ties import tie_strength

        self.data = data
        self.as_of = as_of
        self.cutoff = as_of - pd.Timedelta(days=RECENT_DAYS)
        self.week_due = _next_monday(as_of)
        ix = data.interactions
        self.ix = ix.loc[ix["at"].notna() & (ix["at"] <= as_of)].reset_index(drop=True)
        c = data.contacts.drop_duplicates(["seeker", "contact_id"])
        self.people = pd.DataFrame(
            {
                "seeker": c["seeker"],
                "contact_id": c["contact_id"],
                "contact_name": c["name"],
                "contact_company": c["company"],
                "company_key": identity.company_key(c["company"]),
            }
        ).reset_index(drop=True)
        ties = tie_strength(data, as_of=as_of)
        self.ties = ties[["seeker", "contact_id", "score", "tie", "touches", "last_at", "days_since_last"]]
        self.targets = target_companies(data, as_of=as_of)
        last = self.ix.loc[self.ix["contact_id"].notna()].sort_values("at", kind="stable")
        self.last_ix = last.drop_duplicates(["seeker", "contact_id"], keep="last")[
            ["seeker", "contact_id", "interaction_id"]
        ].rename(columns={"interaction_id": "_last_id"})

    def who(self, df: pd.DataFrame, col: str = "contact_id") -> pd.Series:
        """The contact's name, or "this contact" when unknown."""
        names = df[["seeker", col]].merge(
            self.people[["seeker", "contact_id", "contact_name"]],
            left_on=["seeker", col],
            right_on=["seeker", "contact_id"],
            how="left",
            suffixes=("", "_p"),
        )["contact_name"]
        return _str(names.to_numpy(), index=df.index).fillna(_NEUTRAL)


def target_companies(data: NetworkData | pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """Each seeker's target companies and why each one is a target.

    A target is a company the seeker follows (``data.follows``, followed at or before
    ``as_of`` or undated), applied to in the last 90 days (``applied_at`` in ``[as_of - 90
    days, as_of]``) or where they hold a lead (an inbound interaction of kind ``lead`` with a
    ``company``, in the same window). Companies match by
    :func:`netlytics.identity.company_key`.

    Parameters
    ----------
    data
        The loaded data.
    as_of
        Default: the latest timestamp in the data.

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, company_key), sorted by both: ``seeker``, ``company_key``,
        ``company`` (as written: the latest application's spelling, else the lead's, else the
        follow's), ``applied_at`` (latest application in the window), ``lead_at`` (latest lead
        in the window), ``followed`` (bool), ``lead_ids`` (list of the lead interaction ids),
        ``why`` (a clause such as "you applied to Acme on 3 Mar").

    Examples
    --------
    >>> import pandas as pd
    >>> data = NetworkData(
    ...     applications=pd.DataFrame({"seeker": ["Ana", "Ana"], "application_id": ["a1", "a2"],
    ...         "company": ["Acme Inc.", "Globex"], "applied_at": pd.to_datetime(["2025-03-03", "2024-01-02"], utc=True),
    ...         "via": "online", "status": "applied"}),
    ...     follows=pd.DataFrame({"seeker": ["Ana"], "company": ["Initech"]}))
    >>> target_companies(data, as_of="2025-03-10")[["company_key", "followed", "why"]]
      company_key  followed                          why
    0        acme     False  you applied to Acme Inc. on 3 Mar
    1     initech      True                you follow Initech
    """
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    cols = {
        "seeker": "str",
        "company_key": "str",
        "company": "str",
        "applied_at": schema.TIMESTAMP,
        "lead_at": schema.TIMESTAMP,
        "followed": "bool",
        "lead_ids": "object",
        "why": "str",
    }
    if as_of is None:
        return _empty(cols)
    cutoff = as_of - pd.Timedelta(days=RECENT_DAYS)

    apps = data.applications
    apps = apps.loc[(apps["applied_at"] >= cutoff) & (apps["applied_at"] <= as_of)]
    apps = apps.assign(company_key=identity.company_key(apps["company"])).dropna(subset=["company_key"])
    apps = apps.sort_values(["applied_at", "application_id"], kind="stable")
    apps = apps.drop_duplicates(["seeker", "company_key"], keep="last")[
        ["seeker", "company_key", "company", "applied_at"]
    ].rename(columns={"company": "_app_company"})

    ix = data.interactions
    leads = ix.loc[
        (ix["kind"] == "lead")
        & (ix["direction"] == "inbound")
        & ix["company"].notna()
        & (ix["at"] >= cutoff)
        & (ix["at"] <= as_of)
    ]
    leads = leads.assign(company_key=identity.company_key(leads["company"])).dropna(subset=["company_key"])
    leads = leads.sort_values(["at", "interaction_id"], kind="stable")
    lead_ids = _id_lists(leads, ["seeker", "company_key"]).rename(columns={"evidence": "lead_ids"})
    last_lead = leads.drop_duplicates(["seeker", "company_key"], keep="last")[
        ["seeker", "company_key", "company", "at"]
    ].rename(columns={"company": "_lead_company", "at": "lead_at"})

    fol = data.follows
    fol = fol.loc[fol["followed_at"].isna() | (fol["followed_at"] <= as_of)]
    fol = fol.assign(company_key=identity.company_key(fol["company"])).dropna(subset=["company_key"])
    fol = fol.drop_duplicates(["seeker", "company_key"])[["seeker", "company_key", "company"]].rename(
        columns={"company": "_fol_company"}
    )

    keys = pd.concat(
        [
            apps[["seeker", "company_key"]],
            last_lead[["seeker", "company_key"]],
            fol[["seeker", "company_key"]],
        ],
        ignore_index=True,
    ).drop_duplicates()
    if keys.empty:
        return _empty(cols)
    out = keys.merge(apps, how="left").merge(last_lead, how="left").merge(lead_ids, how="left")
    out = out.merge(fol, how="left")
    out["followed"] = out["_fol_company"].notna()
    company = out["_app_company"].fillna(out["_lead_company"]).fillna(out["_fol_company"]).str.strip()
    out["company"] = company
    why = "you follow " + company
    why = why.mask(
        out["lead_at"].notna(), "you got a lead at " + company + " on " + _date_text(out["lead_at"], as_of)
    )
    why = why.mask(
        out["applied_at"].notna(), "you applied to " + company + " on " + _date_text(out["applied_at"], as_of)
    )
    out["why"] = why
    out["lead_ids"] = out["lead_ids"].map(lambda v: v if isinstance(v, list) else [])
    out = out.sort_values(["seeker", "company_key"], kind="stable").reset_index(drop=True)
    return out[list(cols)].astype(cols)


# --- the six builders ---------------------------------------------------------------------
# Each returns candidates: seeker, action, contact_id, due, reason, evidence, _tier, _overdue,
# and optionally _company (a fallback for the contact's company).


def _follow_up_actions(ctx: _Context, fu: pd.DataFrame) -> pd.DataFrame:
    loops = fu.loc[fu["open_loop"] & fu["trigger"].ne("thank_you")].reset_index(drop=True)
    if loops.empty:
        return pd.DataFrame()
    kinds = ctx.ix[["seeker", "interaction_id", "kind", "company"]].rename(
        columns={"interaction_id": "trigger_id"}
    )
    loops = loops.merge(
        kinds.drop_duplicates(["seeker", "trigger_id"]), on=["seeker", "trigger_id"], how="left"
    )
    who = ctx.who(loops)
    when = _date_text(loops["trigger_at"], ctx.as_of)
    days = _n_days(_days_since(loops["trigger_at"], ctx.as_of))
    article = loops["kind"].map(_LEAD_ARTICLE).fillna("a lead")
    at_company = (" at " + loops["company"]).fillna("")
    lead = who + " gave you " + article + at_company + " on " + when + "; no follow-up after " + days + "."
    reply = who + " wrote to you on " + when + "; no reply after " + days + "."
    reason = _cap(lead.where(loops["trigger"].eq("lead"), reply))
    return pd.DataFrame(
        {
            "seeker": loops["seeker"],
            "action": "follow_up",
            "contact_id": loops["contact_id"],
            "due": ctx.as_of.floor("D"),
            "reason": reason,
            "evidence": loops["trigger_id"].map(lambda i: [i]),
            "_tier": _TIERS["overdue"],
            "_overdue": (ctx.as_of - loops["due_at"]) / _DAY,
            "_company": loops["company"],
        }
    )


def _thank_you_actions(ctx: _Context, fu: pd.DataFrame) -> pd.DataFrame:
    open_ = fu.loc[fu["censored"] & fu["trigger"].eq("thank_you")].reset_index(drop=True)
    if open_.empty:
        return pd.DataFrame()
    keys = ["seeker", "contact_id"]
    ev = _id_lists(open_.rename(columns={"trigger_id": "interaction_id"}), keys)
    agg = (
        open_.groupby(keys, sort=False)
        .agg(n=("trigger_id", "size"), first_due=("due_at", "min"))
        .reset_index()
    )
    latest = open_.drop_duplicates(keys, keep="last")  # fu is in time order: the latest trigger
    kinds = ctx.ix[["seeker", "interaction_id", "kind", "introduced"]].drop_duplicates(
        ["seeker", "interaction_id"]
    )
    latest = latest.merge(
        kinds.rename(columns={"interaction_id": "trigger_id"}), on=["seeker", "trigger_id"], how="left"
    )
    t = agg.merge(ev, on=keys).merge(latest[[*keys, "trigger_at", "kind", "introduced"]], on=keys)
    who = ctx.who(t)
    introduced = ctx.who(t.assign(introduced=t["introduced"]), col="introduced")
    introduced = introduced.where(t["introduced"].notna(), "someone")
    did = who.radd("you met ")  # meetings, and any kind without its own wording
    for kind, tpl in _THANKED.items():
        before, _, after = tpl.partition("{who}")
        after = after.replace("{introduced}", "")
        text = before + who + after + (introduced if "{introduced}" in tpl else "")
        did = did.mask(t["kind"].eq(kind), text)
    past_due = t["first_due"] < ctx.as_of
    when = _date_text(t["trigger_at"], ctx.as_of)
    days = _n_days(_days_since(t["trigger_at"], ctx.as_of))
    status = ("; no thank-you after " + days).where(
        past_due, "; a thank-you is due by " + _date_text(t["first_due"], ctx.as_of)
    )
    more = (t["n"] - 1).astype("str")
    earlier = (" (nor for " + more + " earlier occasions)").where(t["n"] > 2, " (nor for 1 earlier occasion)")
    earlier = earlier.where(t["n"] > 1, "")
    reason = _cap(did + " on " + when + status + earlier + ".")
    due = t["first_due"].where(~past_due, ctx.as_of).dt.floor("D")
    return pd.DataFrame(
        {
            "seeker": t["seeker"],
            "action": "thank_you",
            "contact_id": t["contact_id"],
            "due": due,
            "reason": reason,
            "evidence": t["evidence"],
            "_tier": np.where(past_due, _TIERS["overdue"], _TIERS["pending"]),
            "_overdue": ((ctx.as_of - t["first_due"]) / _DAY).clip(lower=0),
        }
    )


def _meet_actions(ctx: _Context) -> pd.DataFrame:
    ix = ctx.ix
    keep = ix["contact_id"].notna() & ~ix["kind"].isin(schema.ONE_CLICK_KINDS)
    conv = ix.loc[keep]
    # a seeker whose touches all come from a LinkedIn export is not measured for channel
    measured = conv.loc[conv["origin"].ne("linkedin") | conv["origin"].isna(), "seeker"].unique()
    w = conv.loc[(conv["at"] >= ctx.cutoff) & conv["seeker"].isin(measured)]
    if w.empty:
        return pd.DataFrame()
    w = w.assign(_day=w["at"].dt.floor("D"), _written=w["channel"].isin(schema.WRITTEN_CHANNELS))
    w = w.sort_values(["at", "interaction_id"], kind="stable")
    keys = ["seeker", "contact_id"]
    n_touch = w.drop_duplicates([*keys, "channel", "_day"]).groupby(keys).size().rename("n")
    all_written = w.groupby(keys)["_written"].all().rename("all_written")
    t = pd.concat([n_touch, all_written], axis=1).reset_index()
    t = t.merge(ctx.ties[[*keys, "tie"]], on=keys, how="inner")
    t = t.loc[t["all_written"] & t["tie"].isin(["strong", "medium"])].reset_index(drop=True)
    if t.empty:
        return pd.DataFrame()
    t = t.merge(_id_lists(w, keys), on=keys, how="left")
    who = _cap(ctx.who(t))
    n = t["n"].astype("Int64")
    written = ("yet all " + n.astype("str") + " touches in the last 90 days were written").where(
        n > 1, "yet the only touch in the last 90 days was written"
    )
    reason = who + " is a " + t["tie"] + " tie, " + written + ": turn the next one into a coffee or a call."
    return pd.DataFrame(
        {
            "seeker": t["seeker"],
            "action": "meet",
            "contact_id": t["contact_id"],
            "due": ctx.week_due,
            "reason": reason,
            "evidence": t["evidence"],
            "_tier": _TIERS["week"],
            "_overdue": 0.0,
        }
    )


def _give_actions(ctx: _Context) -> pd.DataFrame:
    from netlytics.metrics.reciprocity import reciprocity

    rec = reciprocity(ctx.ix)
    take = rec.loc[(rec["receive_value"] > 0) & (rec["give_value"] == 0), ["seeker", "contact_id"]]
    if take.empty:
        return pd.DataFrame()
    keys = ["seeker", "contact_id"]
    ix = ctx.ix
    got = ix.loc[
        ix["kind"].isin(schema.GIFT_KINDS) & ix["direction"].eq("inbound") & ix["contact_id"].notna()
    ]
    got = got.sort_values(["at", "interaction_id"], kind="stable")
    got = got.merge(take, on=keys, how="inner")
    t = got.groupby(keys, sort=False).agg(n=("interaction_id", "size"), last_at=("at", "max")).reset_index()
    t = t.merge(_id_lists(got, keys), on=keys)
    t = t.merge(ctx.people[[*keys, "company_key"]], on=keys, how="left")

    # 1) a lead the seeker holds at the contact's company (from someone else, last 90 days)
    held = ix.loc[
        ix["kind"].eq("lead")
        & ix["direction"].eq("inbound")
        & ix["company"].notna()
        & (ix["at"] >= ctx.cutoff)
    ]
    held = held.assign(company_key=identity.company_key(held["company"]))
    held = held[["seeker", "company_key", "contact_id", "interaction_id", "at", "company"]].rename(
        columns={
            "contact_id": "_from",
            "interaction_id": "_lead_id",
            "at": "_lead_at",
            "company": "_lead_company",
        }
    )
    lead = t[[*keys, "company_key"]].dropna(subset=["company_key"]).merge(held, on=["seeker", "company_key"])
    lead = lead.loc[lead["_from"].ne(lead["contact_id"]) | lead["_from"].isna()]
    lead = lead.sort_values(["_lead_at", "_lead_id"], ascending=[False, True], kind="stable")
    lead = lead.drop_duplicates(keys)[[*keys, "_lead_id", "_lead_at", "_lead_company"]]

    # 2) an introduction to a strong or medium tie at a company discussed with the contact
    talk = ix.loc[ix["contact_id"].notna() & ix["company"].notna(), [*keys, "company"]]
    talk = talk.assign(company_key=identity.company_key(talk["company"])).merge(t[keys], on=keys)
    own = ctx.people[[*keys, "company_key"]].rename(columns={"company_key": "_own"})
    talk = talk.merge(own, on=keys, how="left")
    talk = talk.loc[talk["company_key"].notna() & talk["company_key"].ne(talk["_own"]).fillna(True)]
    friends = ctx.people.merge(ctx.ties[[*keys, "tie", "score"]], on=keys)
    friends = friends.loc[friends["tie"].isin(["strong", "medium"]) & friends["company_key"].notna()]
    friends = friends[
        ["seeker", "company_key", "contact_id", "contact_name", "contact_company", "score"]
    ].rename(columns={"contact_id": "_to", "contact_name": "_to_name", "contact_company": "_to_company"})
    intro = talk[[*keys, "company_key"]].drop_duplicates().merge(friends, on=["seeker", "company_key"])
    intro = intro.loc[intro["_to"].ne(intro["contact_id"])]
    intro = intro.sort_values(["score", "_to"], ascending=[False, True], kind="stable")
    intro = intro.drop_duplicates(keys)[[*keys, "_to", "_to_name", "_to_company"]]

    t = t.merge(lead, on=keys, how="left").merge(intro, on=keys, how="left").reset_index(drop=True)
    who = _cap(ctx.who(t))
    n = t["n"].astype("Int64")
    times = (" " + n.astype("str") + " times").where(n > 1, " once")
    gave = who + " has helped you" + times + " (last on " + _date_text(t["last_at"], ctx.as_of) + ")"
    offer = _str("endorse one of their skills or ask what would help them", index=t.index)
    to_name = t["_to_name"].fillna("a contact of yours")
    offer = offer.mask(
        t["_to"].notna(),
        "introduce them to " + to_name + " at " + t["_to_company"] + ", a company you discussed with them",
    )
    offer = offer.mask(
        t["_lead_id"].notna(),
        "pass on the lead at " + t["_lead_company"] + " you got on " + _date_text(t["_lead_at"], ctx.as_of),
    )
    reason = gave + " and you have not given back yet: " + offer + "."
    lead_ev = t["_lead_id"].map(lambda i: [i] if isinstance(i, str) else [])
    return pd.DataFrame(
        {
            "seeker": t["seeker"],
            "action": "give",
            "contact_id": t["contact_id"],
            "due": ctx.week_due,
            "reason": reason,
            "evidence": _join_lists(t["evidence"], lead_ev),
            "_tier": _TIERS["week"],
            "_overdue": 0.0,
        }
    )


def _at_targets(ctx: _Context) -> pd.DataFrame:
    """Every contact at a target company, with its tie row and last interaction id."""
    keys = ["seeker", "contact_id"]
    at = ctx.people.dropna(subset=["company_key"]).merge(
        ctx.targets[["seeker", "company_key", "company", "applied_at", "lead_at", "why", "lead_ids"]],
        on=["seeker", "company_key"],
    )
    at = at.merge(ctx.ties, on=keys, how="left").merge(ctx.last_ix, on=keys, how="left")
    at["score"] = at["score"].fillna(0.0)
    at["touches"] = at["touches"].fillna(0).astype("int64")
    at["tie"] = at["tie"].fillna("dormant")
    at["_quiet"] = at["last_at"].isna() | (at["last_at"] < ctx.cutoff)
    return at


def _touch_text(at: pd.DataFrame) -> pd.Series:
    days = np.floor(at["days_since_last"]).astype("Int64")
    last = ("last touch " + _n_days(days) + " ago").fillna("never touched")
    return at["tie"] + " tie, " + last


def _warm_path_actions(ctx: _Context, at: pd.DataFrame, reach: pd.DataFrame) -> pd.DataFrame:
    cold = reach.loc[reach["touched_90"].eq(0), ["seeker", "company_key"]]
    c = at.loc[at["_quiet"]].merge(cold, on=["seeker", "company_key"])
    if c.empty:
        return pd.DataFrame()
    c = c.sort_values(
        ["seeker", "company_key", "score", "days_since_last", "contact_id"],
        ascending=[True, True, False, True, True],
        na_position="last",
        kind="stable",
    )
    c = c.drop_duplicates(["seeker", "company_key"]).reset_index(drop=True)
    who = ctx.who(c)
    reason = (
        _cap(c["why"])
        + " and nobody there has heard from you in 90 days: warm the path through "
        + who
        + " ("
        + _touch_text(c)
        + ") with a short note asking for a chat."
    )
    last = c["_last_id"].map(lambda i: [i] if isinstance(i, str) else [])
    return pd.DataFrame(
        {
            "seeker": c["seeker"],
            "action": "warm_path",
            "contact_id": c["contact_id"],
            "due": ctx.week_due,
            "reason": reason,
            "evidence": _join_lists(c["lead_ids"], last),
            "_tier": _TIERS["week"],
            "_overdue": 0.0,
            "_company": c["company"],
        }
    )


def _revive_actions(ctx: _Context, at: pd.DataFrame, warm: pd.DataFrame) -> pd.DataFrame:
    r = at.loc[at["_quiet"] & at["tie"].isin(["weak", "dormant"]) & at["touches"].gt(0)]
    if len(warm):
        chosen = warm[["seeker", "contact_id"]].assign(_warm=True)
        r = r.merge(chosen, on=["seeker", "contact_id"], how="left")
        r = r.loc[r["_warm"].isna()]
    r = r.reset_index(drop=True)
    if r.empty:
        return pd.DataFrame()
    who = _cap(ctx.who(r))
    days = np.floor(r["days_since_last"]).astype("Int64")
    there = _str("you follow it", index=r.index)
    there = there.mask(r["lead_at"].notna(), "you got a lead there on " + _date_text(r["lead_at"], ctx.as_of))
    there = there.mask(
        r["applied_at"].notna(), "you applied there on " + _date_text(r["applied_at"], ctx.as_of)
    )
    reason = (
        who
        + " is a "
        + r["tie"]
        + " tie at "
        + r["company"]
        + " (last touch "
        + _n_days(days)
        + " ago) and "
        + there
        + ": moderately weak ties carry most job moves, so send a short note."
    )
    return pd.DataFrame(
        {
            "seeker": r["seeker"],
            "action": "revive",
            "contact_id": r["contact_id"],
            "due": ctx.week_due,
            "reason": reason,
            "evidence": r["_last_id"].map(lambda i: [i] if isinstance(i, str) else []),
            "_tier": _TIERS["week"],
            "_overdue": 0.0,
            "_company": r["company"],
        }
    )


def _check_limit(limit) -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, numbers.Integral) or limit < 1:
        raise ParameterError(
            f"limit must be a positive whole number of actions per type, or None; got {limit!r}."
        )
    return int(limit)


def next_actions(data: NetworkData | pd.DataFrame, *, as_of=None, limit: int | None = None) -> pd.DataFrame:
    """Ranked next actions for the week, per seeker: what to do on Monday, and why.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (or a canonical interactions frame).
    as_of
        The day the plan is made on (default: the latest timestamp in the data, never the
        clock). Only records at or before it count.
    limit
        At most this many actions of each type per seeker (the best ranked ones). Default: all.

    Returns
    -------
    pandas.DataFrame
        One row per action, sorted by seeker and rank, with a RangeIndex and the columns

        - ``seeker`` (str), ``rank`` (int64, 1 = do first, per seeker);
        - ``action`` (str): follow_up, thank_you, meet, give, warm_path or revive;
        - ``contact_id``, ``contact_name`` (null when the contacts table does not name them),
          ``company`` (the contact's company, else the one the evidence names);
        - ``due`` (datetime64[ns, UTC], midnight of the due day): follow_up: as_of's day (it is
          overdue); thank_you: the earliest trigger's due day, or as_of's day when past it;
          meet, give, warm_path, revive: the first Monday after as_of's day;
        - ``reason`` (str): one sentence citing the evidence;
        - ``evidence`` (list of str): the ids of the interactions behind the action;
        - ``mistake`` (str): the mistake the action fixes (:data:`MISTAKE`).

        The ``attrs["as_of"]`` of the frame holds the resolved ``as_of`` (used by :func:`to_ics`).
        See the module docstring and docs/plan.md for each rule and the ranking.

    Examples
    --------
    >>> import pandas as pd
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Ana"], "contact_id": ["sam"], "name": ["Sam Lee"]}),
    ...     interactions=pd.DataFrame({"seeker": ["Ana"], "interaction_id": ["i1"], "contact_id": ["sam"],
    ...         "at": pd.to_datetime(["2025-03-12 10:00"], utc=True), "channel": ["email"],
    ...         "direction": ["inbound"], "kind": ["lead"]}))
    >>> plan = next_actions(data, as_of="2025-03-18 12:00")
    >>> plan[["rank", "action", "contact_name", "evidence"]]
       rank     action contact_name evidence
    0     1  thank_you      Sam Lee     [i1]
    1     2  follow_up      Sam Lee     [i1]
    2     3       give      Sam Lee     [i1]
    >>> plan.loc[1, "reason"]
    'Sam Lee gave you a lead on 12 Mar; no follow-up after 6 days.'
    """
    from netlytics.graph.reach import company_reach
    from netlytics.metrics.followup import follow_up

    limit = _check_limit(limit)
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    out = _empty(PLAN_COLUMNS)
    if as_of is None:
        out.attrs["as_of"] = None
        return out
    ctx = _Context(data, as_of)
    fu = follow_up(data, as_of=as_of)
    at = _at_targets(ctx)
    warm = _warm_path_actions(ctx, at, company_reach(data, as_of=as_of))
    parts = [
        _follow_up_actions(ctx, fu),
        _thank_you_actions(ctx, fu),
        _meet_actions(ctx),
        _give_actions(ctx),
        warm,
        _revive_actions(ctx, at, warm),
    ]
    parts = [p for p in parts if len(p)]
    if parts:
        out = _rank(ctx, pd.concat(parts, ignore_index=True), limit)
    out.attrs["as_of"] = as_of
    return out


def _rank(ctx: _Context, cand: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    keys = ["seeker", "contact_id"]
    if "_company" not in cand:
        cand["_company"] = pd.Series(pd.NA, index=cand.index, dtype="str")
    cand = cand.merge(ctx.people, on=keys, how="left").merge(ctx.ties[[*keys, "score"]], on=keys, how="left")
    target_keys = ctx.targets[["seeker", "company_key"]].assign(_target=True)
    cand = cand.merge(target_keys, on=["seeker", "company_key"], how="left")
    target = cand["_target"].eq(True).fillna(False)
    cand["_value"] = (cand["score"].fillna(0.0) + TARGET_BONUS * target.astype("float64")).round(2)
    cand["_overdue_days"] = np.floor(cand["_overdue"].astype("float64").fillna(0.0))
    cand["_effort"] = cand["action"].map(EFFORT)
    cand["_ev_key"] = cand["evidence"].map(" ".join)
    cand = cand.sort_values(
        ["seeker", "_tier", "_overdue_days", "_value", "_effort", "due", "contact_id", "_ev_key", "action"],
        ascending=[True, True, False, False, True, True, True, True, True],
        na_position="last",
        kind="stable",
    ).reset_index(drop=True)
    if limit is not None:
        cand = cand.loc[cand.groupby(["seeker", "action"]).cumcount() < limit].reset_index(drop=True)
    out = pd.DataFrame(
        {
            "seeker": cand["seeker"],
            "rank": cand.groupby("seeker").cumcount() + 1,
            "action": cand["action"],
            "contact_id": cand["contact_id"],
            "contact_name": cand["contact_name"],
            "company": cand["contact_company"].fillna(cand["_company"]),
            "due": pd.to_datetime(cand["due"], utc=True),
            "reason": cand["reason"],
            "evidence": cand["evidence"],
            "mistake": cand["action"].map(MISTAKE),
        }
    )
    return out.astype(PLAN_COLUMNS)


# --- renderers ----------------------------------------------------------------------------


def action_titles(actions: pd.DataFrame) -> pd.Series:
    """A short imperative title per action ("Thank Sam Lee", "Warm path into Acme: Sam Lee").

    Examples
    --------
    >>> import pandas as pd
    >>> action_titles(pd.DataFrame({"action": ["thank_you", "meet"], "contact_name": ["Sam Lee", None],
    ...                             "company": ["Acme", None]})).tolist()
    ['Thank Sam Lee', 'Invite this contact for a coffee or a call']
    """
    name = _str(actions["contact_name"].to_numpy(), index=actions.index).fillna(_NEUTRAL)
    company = _str(actions["company"].to_numpy(), index=actions.index)
    titles = {
        "follow_up": "Follow up with " + name,
        "thank_you": "Thank " + name,
        "meet": "Invite " + name + " for a coffee or a call",
        "give": "Give first to " + name,
        "warm_path": ("Warm path into " + company + ": " + name).fillna("Warm path: " + name),
        "revive": "Reconnect with " + name,
    }
    out = _str(np.full(len(actions), "Act"), index=actions.index)
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


def actions_text(actions: pd.DataFrame, *, title: str = "This week") -> str:
    """The plan as plain text for an e-mail or a terminal: one block per seeker.

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
    lines = _lines(actions)
    blocks = []
    for seeker, idx in actions.groupby("seeker", sort=True).groups.items():
        body = "\n".join("  " + line for line in lines.loc[idx])
        blocks.append(f"{title}: {seeker}\n{body}")
    return "\n\n".join(blocks)


def actions_html(actions: pd.DataFrame, *, title: str = "This week") -> str:
    """The plan as a compact, printable HTML fragment; every value is HTML-escaped.

    One ``<section class="netlytics-plan">`` per seeker with an ordered list of actions, each
    with its title, due day and reason (the mistake it fixes is a ``data-mistake`` attribute).

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
    blocks = []
    for seeker, idx in actions.groupby("seeker", sort=True).groups.items():
        blocks.append(
            f'<section class="netlytics-plan"><h3>{esc(title)}: {esc(str(seeker))}</h3>'
            f"<ol>{''.join(items.loc[idx])}</ol></section>"
        )
    return "\n".join(blocks)


def nudges(actions: pd.DataFrame, *, per_seeker: int = 3) -> pd.DataFrame:
    """Each seeker's top actions as a short text ready to paste into an e-mail (for coaches).

    Parameters
    ----------
    actions
        A :func:`next_actions` table.
    per_seeker
        How many actions per seeker (the best ranked; default 3).

    Returns
    -------
    pandas.DataFrame
        One row per seeker with actions, sorted by seeker: ``seeker``, ``text``.

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
    if isinstance(per_seeker, bool) or not isinstance(per_seeker, numbers.Integral) or per_seeker < 1:
        raise ParameterError(f"per_seeker must be a positive whole number; got {per_seeker!r}.")
    if actions.empty:
        return _empty(NUDGE_COLUMNS)
    top = actions.sort_values(["seeker", "rank"], kind="stable")
    top = top.loc[top.groupby("seeker").cumcount() < per_seeker]
    lines = _lines(top)
    seekers, texts = [], []
    for seeker, idx in top.groupby("seeker", sort=True).groups.items():
        n = len(idx)
        head = (
            f"Hi {seeker}, your top action for this week:"
            if n == 1
            else f"Hi {seeker}, your top {n} actions for this week:"
        )
        seekers.append(seeker)
        texts.append(head + "\n" + "\n".join(lines.loc[idx]))
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
    actions
        A :func:`next_actions` table.
    as_of
        The plan's ``as_of`` (default: ``actions.attrs["as_of"]``, set by :func:`next_actions`).
    name
        Calendar name shown by calendar apps.

    Returns
    -------
    bytes
        The ``.ics`` content (UTF-8, CRLF line ends, as RFC 5545 requires).

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
    import icalendar

    if as_of is None:
        as_of = actions.attrs.get("as_of")
    if as_of is None:
        raise ParameterError(
            "to_ics() needs as_of (the plan's date, used as DTSTAMP); pass as_of= or use the table "
            "that next_actions() returns."
        )
    stamp = pd.Timestamp(as_of)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlytics//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    if actions.empty:
        return cal.to_ical()
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
        event.add("summary", f"{titles.iloc[i]} ({row['seeker']})")
        description = str(row["reason"])
        if ev:
            description += "\nEvidence: interactions " + ", ".join(map(str, ev))
        event.add("description", description)
        event.add("categories", [str(row["mistake"])])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
