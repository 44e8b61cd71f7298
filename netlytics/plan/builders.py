"""The six action builders of the plan and the context they share (docs/plan.md).

Each builder returns candidate actions: ``seeker, action, contact_id, due, reason, evidence,
_tier, _overdue`` and optionally ``_company`` (a fallback for the contact's company);
:mod:`netlytics.plan.actions` ranks and caps them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.metrics.measures import Measures
from netlytics.metrics.touches import isin_text, ns_values, stable_argsort
from netlytics.plan._common import (
    DAY,
    NEUTRAL,
    RECENT_DAYS,
    TIERS,
    as_str,
    cap,
    date_text,
    days_since,
    id_lists,
    join_lists,
    n_days,
    next_monday,
)
from netlytics.plan.targets import target_companies
from netlytics.plan.who import company_key, hidden_contacts, is_hidden

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
#: The interaction columns the builders read.
_IX_COLUMNS = ("seeker", "interaction_id", "contact_id", "at", "channel", "direction", "kind", "company")
_IX_COLUMNS += ("introduced", "origin")
_LEAD_ARTICLE = {"lead": "a lead", "referral": "a referral", "introduction": "an introduction"}


def context(measures: Measures) -> Context:
    """The plan's :class:`Context` of ``measures``, built once and shared (next actions, stale
    loops, the report's sections)."""
    return measures.memo("plan.context", lambda: Context(measures))


class Context:
    """Everything the builders share, computed once from one :class:`Measures`.

    Attributes: ``m`` (the measures), ``as_of``, ``since``, ``cutoff`` (as_of - 90 days),
    ``week_due`` (next Monday), ``ix`` (interactions in ``[since, as_of]``), ``fu`` (the
    follow-up table, with ``stale``), ``people`` (contacts with their company key, employer
    placeholders as none), ``hidden`` (:func:`~netlytics.plan.who.hidden_contacts`), ``ties``
    (tie strength) and ``targets`` (:func:`target_companies`). Build it with :func:`context`,
    once per measures.
    """

    def __init__(self, measures: Measures) -> None:
        data, as_of = measures.data, measures.as_of
        self.m = measures
        self.as_of, self.since = as_of, measures.since
        self.cutoff = as_of - pd.Timedelta(days=RECENT_DAYS)
        self.week_due = next_monday(as_of)
        ix = measures.window.data.interactions  # already in [since, as_of]: usually nothing to cut
        keep = ix["at"].notna() & (ix["at"] <= as_of)
        if self.since is not None:
            keep &= ix["at"] >= self.since
        cols = [c for c in _IX_COLUMNS if c in ix.columns]  # the builders' columns: cheaper takes
        self.ix = (ix if keep.all() else ix.loc[keep])[cols].reset_index(drop=True)
        codes, kept = measures.window.codes, keep.to_numpy(bool)  # the window's, factorized once
        self._pairs = (codes.seeker * (len(codes.contacts) + 1) + codes.contact)[kept]  # per ix row
        self.fu = measures.follow_up
        c = data.contacts.drop_duplicates(["seeker", "contact_id"])
        self.people = pd.DataFrame(
            {
                "seeker": c["seeker"],
                "contact_id": c["contact_id"],
                "contact_name": c["name"],
                "contact_company": c["company"],
                "company_key": company_key(c["company"]),
            }
        ).reset_index(drop=True)
        self.hidden = hidden_contacts(data.contacts)
        cols = ["seeker", "contact_id", "score", "tie", "touches", "last_at", "days_since_last"]
        self.ties = measures.ties[cols]
        self.targets = target_companies(data, as_of=as_of)

    def last_interaction(self, df: pd.DataFrame) -> pd.DataFrame:
        """Per (seeker, contact_id) of ``df``: the id of the contact's last interaction
        (``_last_id``; ties in time: the later row). Only those contacts' rows are sorted."""
        ix = self.ix
        rows = np.flatnonzero(isin_text(ix["contact_id"], df["contact_id"].dropna().unique()))
        # on integers: the rows in time order (stable: equal times keep row order), then each
        # (seeker, contact) pair's last occurrence; only the picked rows' text is taken
        pair = self._pairs[rows]
        order = stable_argsort(ns_values(ix["at"].iloc[rows]))
        _, first_from_end = np.unique(pair[order][::-1], return_index=True)
        picked = rows[order[len(order) - 1 - first_from_end]]
        last = ix.iloc[np.sort(picked)][["seeker", "contact_id", "interaction_id"]]
        return last.rename(columns={"interaction_id": "_last_id"}).reset_index(drop=True)

    def who(self, df: pd.DataFrame, col: str = "contact_id") -> pd.Series:
        """The contact's name, or "this contact" when unknown."""
        names = df[["seeker", col]].merge(
            self.people[["seeker", "contact_id", "contact_name"]],
            left_on=["seeker", col],
            right_on=["seeker", "contact_id"],
            how="left",
            suffixes=("", "_p"),
        )["contact_name"]
        return as_str(names.to_numpy(), index=df.index).fillna(NEUTRAL)

    def reachable(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``df`` not about a hidden contact (docs/plan.md, "Who")."""
        if not len(df) or not ("contact_id" in df and "seeker" in df):
            return df
        return df.loc[~is_hidden(df, self.hidden)]

    def at_target(self, df: pd.DataFrame) -> pd.Series:
        """1.0 where the row's ``company_key`` or its ``_company`` is a target of its seeker."""
        targets = pd.MultiIndex.from_frame(self.targets[["seeker", "company_key"]])
        own = pd.MultiIndex.from_arrays([df["seeker"], df["company_key"]]).isin(targets)
        about = pd.MultiIndex.from_arrays([df["seeker"], company_key(df["_company"])]).isin(targets)
        return pd.Series((own | about).astype("float64"), index=df.index)


def trigger_details(ctx: Context, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` (with ``seeker`` and ``trigger_id``) plus the trigger's kind, introduced, company."""
    cols = ["seeker", "interaction_id", "kind", "introduced", "company"]
    ix = ctx.ix
    wanted = isin_text(ix["interaction_id"], df["trigger_id"].unique())  # the triggers only, not every row
    kinds = ix.loc[wanted, cols].drop_duplicates(["seeker", "interaction_id"])
    kinds = kinds.rename(columns={"interaction_id": "trigger_id"})
    return df.merge(kinds, on=["seeker", "trigger_id"], how="left")


def did_text(ctx: Context, t: pd.DataFrame) -> pd.Series:
    """What happened at each trigger of ``t`` ("Sam Lee gave you a lead", "you met Cy Diaz").

    ``t`` holds ``seeker``, ``contact_id``, ``kind``, ``introduced`` and optionally ``trigger``
    (reply triggers read "... wrote to you").
    """
    who = ctx.who(t)
    introduced = ctx.who(t, col="introduced").where(t["introduced"].notna(), "someone")
    did = who.radd("you met ")  # meetings, and any kind without its own wording
    for kind, tpl in _THANKED.items():
        rows = t["kind"].eq(kind).fillna(False).to_numpy(bool)
        if not rows.any():
            continue
        before, _, after = tpl.partition("{who}")
        after = after.replace("{introduced}", "")
        text = before + who[rows] + after + (introduced[rows] if "{introduced}" in tpl else "")
        did = did.mask(rows, text)  # the text of this kind's rows only
    if "trigger" in t:
        did = did.mask(t["trigger"].eq("reply"), who + " wrote to you")
    return did


def follow_up_actions(ctx: Context) -> pd.DataFrame:
    """One action per open (not stale) lead or reply loop: the trigger is overdue."""
    fu = ctx.fu
    loops = fu.loc[fu["open_loop"] & ~fu["stale"] & fu["trigger"].ne("thank_you")].reset_index(drop=True)
    if loops.empty:
        return pd.DataFrame()
    loops = trigger_details(ctx, loops)
    who = ctx.who(loops)
    when = date_text(loops["trigger_at"], ctx.as_of)
    days = n_days(days_since(loops["trigger_at"], ctx.as_of))
    article = loops["kind"].map(_LEAD_ARTICLE).fillna("a lead")
    at_company = (" at " + loops["company"]).fillna("")
    lead = who + " gave you " + article + at_company + " on " + when + "; no follow-up after " + days + "."
    reply = who + " wrote to you on " + when + "; no reply after " + days + "."
    reason = cap(lead.where(loops["trigger"].eq("lead"), reply))
    return pd.DataFrame(
        {
            "seeker": loops["seeker"],
            "action": "follow_up",
            "contact_id": loops["contact_id"],
            "due": ctx.as_of.floor("D"),
            "reason": reason,
            "evidence": loops["trigger_id"].map(lambda i: [i]),
            "_tier": TIERS["overdue"],
            "_overdue": (ctx.as_of - loops["due_at"]) / DAY,
            "_company": loops["company"],
        }
    )


def thank_you_actions(ctx: Context) -> pd.DataFrame:
    """One action per contact with unanswered thank-you triggers that are not stale."""
    fu = ctx.fu
    open_ = fu.loc[fu["censored"] & ~fu["stale"] & fu["trigger"].eq("thank_you")].reset_index(drop=True)
    if open_.empty:
        return pd.DataFrame()
    keys = ["seeker", "contact_id"]
    ev = id_lists(open_.rename(columns={"trigger_id": "interaction_id"}), keys)
    agg = (
        open_.groupby(keys, sort=False)
        .agg(n=("trigger_id", "size"), first_due=("due_at", "min"))
        .reset_index()
    )
    latest = trigger_details(ctx, open_.drop_duplicates(keys, keep="last"))  # fu is in time order
    t = agg.merge(ev, on=keys).merge(latest[[*keys, "trigger_at", "kind", "introduced"]], on=keys)
    did = did_text(ctx, t)
    past_due = t["first_due"] < ctx.as_of
    when = date_text(t["trigger_at"], ctx.as_of)
    days = n_days(days_since(t["trigger_at"], ctx.as_of))
    status = ("; no thank-you after " + days).where(
        past_due, "; a thank-you is due by " + date_text(t["first_due"], ctx.as_of)
    )
    more = (t["n"] - 1).astype("str")
    earlier = (" (nor for " + more + " earlier occasions)").where(t["n"] > 2, " (nor for 1 earlier occasion)")
    earlier = earlier.where(t["n"] > 1, "")
    reason = cap(did + " on " + when + status + earlier + ".")
    due = t["first_due"].where(~past_due, ctx.as_of).dt.floor("D")
    return pd.DataFrame(
        {
            "seeker": t["seeker"],
            "action": "thank_you",
            "contact_id": t["contact_id"],
            "due": due,
            "reason": reason,
            "evidence": t["evidence"],
            "_tier": np.where(past_due, TIERS["overdue"], TIERS["pending"]),
            "_overdue": ((ctx.as_of - t["first_due"]) / DAY).clip(lower=0),
        }
    )


def _week(
    ctx: Context, t: pd.DataFrame, action: str, reason: pd.Series, evidence: pd.Series, company=None
) -> pd.DataFrame:
    """Candidate ``action`` rows for the contacts of ``t``, due at the end of the week."""
    out = pd.DataFrame(
        {
            "seeker": t["seeker"],
            "action": action,
            "contact_id": t["contact_id"],
            "due": ctx.week_due,
            "reason": reason,
            "evidence": evidence,
            "_tier": TIERS["week"],
            "_overdue": 0.0,
        }
    )
    return out if company is None else out.assign(_company=company)


def meet_actions(ctx: Context) -> pd.DataFrame:
    ix = ctx.ix
    keep = ix["contact_id"].notna() & ~ix["kind"].isin(schema.ONE_CLICK_KINDS)
    # a seeker whose touches all come from a LinkedIn export is not measured for channel
    measured = ix.loc[keep & (ix["origin"].ne("linkedin") | ix["origin"].isna()), "seeker"].unique()
    w = ix.loc[keep & (ix["at"] >= ctx.cutoff) & ix["seeker"].isin(measured)]
    if w.empty:
        return pd.DataFrame()
    w = w.assign(_day=w["at"].dt.floor("D"), _written=w["channel"].isin(schema.WRITTEN_CHANNELS))
    keys = ["seeker", "contact_id"]
    n_touch = w.drop_duplicates([*keys, "channel", "_day"]).groupby(keys).size().rename("n")
    all_written = w.groupby(keys)["_written"].all().rename("all_written")
    t = pd.concat([n_touch, all_written], axis=1).reset_index()
    t = t.merge(ctx.ties[[*keys, "tie"]], on=keys, how="inner")
    t = t.loc[t["all_written"] & t["tie"].isin(["strong", "medium"])].reset_index(drop=True)
    if t.empty:
        return pd.DataFrame()
    # the evidence of the chosen contacts only, in time order
    w = w.loc[pd.MultiIndex.from_frame(w[keys]).isin(pd.MultiIndex.from_frame(t[keys]))]
    w = w.sort_values(["at", "interaction_id"], kind="stable")
    t = t.merge(id_lists(w, keys), on=keys, how="left")
    who = cap(ctx.who(t))
    n = t["n"].astype("Int64")
    written = ("yet all " + n.astype("str") + " touches in the last 90 days were written").where(
        n > 1, "yet the only touch in the last 90 days was written"
    )
    reason = who + " is a " + t["tie"] + " tie, " + written + ": turn the next one into a coffee or a call."
    return _week(ctx, t, "meet", reason, t["evidence"])


def _held_lead(ctx: Context, t: pd.DataFrame) -> pd.DataFrame:
    """Per contact of ``t``: a lead the seeker holds at their company (from someone else, in the
    last 90 days), the latest one."""
    keys = ["seeker", "contact_id"]
    ix = ctx.ix
    held = ix.loc[
        ix["kind"].eq("lead")
        & ix["direction"].eq("inbound")
        & ix["company"].notna()
        & (ix["at"] >= ctx.cutoff)
    ]
    held = held.assign(company_key=company_key(held["company"]))
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
    return lead


def _introduction(ctx: Context, t: pd.DataFrame) -> pd.DataFrame:
    """Per contact of ``t``: a strong or medium tie of the seeker at a company discussed with
    them (not their own company), the strongest one."""
    keys = ["seeker", "contact_id"]
    ix = ctx.ix
    talk = ix.loc[ix["contact_id"].notna() & ix["company"].notna(), [*keys, "company"]]
    talk = talk.assign(company_key=company_key(talk["company"])).merge(t[keys], on=keys)
    own = ctx.people[[*keys, "company_key"]].rename(columns={"company_key": "_own"})
    talk = talk.merge(own, on=keys, how="left")
    talk = talk.loc[talk["company_key"].notna() & talk["company_key"].ne(talk["_own"]).fillna(True)]
    friends = ctx.reachable(ctx.people).merge(ctx.ties[[*keys, "tie", "score"]], on=keys)
    friends = friends.loc[friends["tie"].isin(["strong", "medium"]) & friends["company_key"].notna()]
    friends = friends[
        ["seeker", "company_key", "contact_id", "contact_name", "contact_company", "score"]
    ].rename(columns={"contact_id": "_to", "contact_name": "_to_name", "contact_company": "_to_company"})
    intro = talk[[*keys, "company_key"]].drop_duplicates().merge(friends, on=["seeker", "company_key"])
    intro = intro.loc[intro["_to"].ne(intro["contact_id"])]
    intro = intro.sort_values(["score", "_to"], ascending=[False, True], kind="stable")
    intro = intro.drop_duplicates(keys)[[*keys, "_to", "_to_name", "_to_company"]]
    return intro


def give_actions(ctx: Context) -> pd.DataFrame:
    """Take-only contacts: give first, with the best thing to give (docs/plan.md)."""
    rec = ctx.m.reciprocity  # the period's gifts up to as_of: the interactions of ctx.ix
    take = rec.loc[(rec["receive_value"] > 0) & (rec["give_value"] == 0), ["seeker", "contact_id"]]
    if take.empty:
        return pd.DataFrame()
    keys = ["seeker", "contact_id"]
    ix = ctx.ix
    got = ix.loc[
        ix["kind"].isin(schema.GIFT_KINDS) & ix["direction"].eq("inbound") & ix["contact_id"].notna()
    ]
    got = got.merge(take, on=keys, how="inner")  # the take-only contacts' gifts, then in time order
    got = got.sort_values(["at", "interaction_id"], kind="stable").reset_index(drop=True)
    t = got.groupby(keys, sort=False).agg(n=("interaction_id", "size"), last_at=("at", "max")).reset_index()
    t = t.merge(id_lists(got, keys), on=keys)
    t = t.merge(ctx.people[[*keys, "company_key"]], on=keys, how="left")

    t = t.merge(_held_lead(ctx, t), on=keys, how="left").merge(_introduction(ctx, t), on=keys, how="left")
    t = t.reset_index(drop=True)
    who = cap(ctx.who(t))
    n = t["n"].astype("Int64")
    times = (" " + n.astype("str") + " times").where(n > 1, " once")
    gave = who + " has helped you" + times + " (last on " + date_text(t["last_at"], ctx.as_of) + ")"
    offer = as_str("endorse one of their skills or ask what would help them", index=t.index)
    to_name = t["_to_name"].fillna("a contact of yours")
    offer = offer.mask(
        t["_to"].notna(),
        "introduce them to " + to_name + " at " + t["_to_company"] + ", a company you discussed with them",
    )
    offer = offer.mask(
        t["_lead_id"].notna(),
        "pass on the lead at " + t["_lead_company"] + " you got on " + date_text(t["_lead_at"], ctx.as_of),
    )
    reason = gave + " and you have not given back yet: " + offer + "."
    lead_ev = t["_lead_id"].map(lambda i: [i] if isinstance(i, str) else [])
    return _week(ctx, t, "give", reason, join_lists(t["evidence"], lead_ev))


def at_targets(ctx: Context) -> pd.DataFrame:
    """Every contact at a target company, with its tie row and last interaction id."""
    keys = ["seeker", "contact_id"]
    at = (
        ctx.reachable(ctx.people)
        .dropna(subset=["company_key"])
        .merge(
            ctx.targets[["seeker", "company_key", "company", "applied_at", "lead_at", "why", "lead_ids"]],
            on=["seeker", "company_key"],
        )
    )
    at = at.merge(ctx.ties, on=keys, how="left")
    at = at.merge(ctx.last_interaction(at), on=keys, how="left")
    at["score"] = at["score"].fillna(0.0)
    at["touches"] = at["touches"].fillna(0).astype("int64")
    at["tie"] = at["tie"].fillna("dormant")
    at["_quiet"] = at["last_at"].isna() | (at["last_at"] < ctx.cutoff)
    return at


def _touch_text(at: pd.DataFrame) -> pd.Series:
    days = np.floor(at["days_since_last"]).astype("Int64")
    last = ("last touch " + n_days(days) + " ago").fillna("never touched")
    return at["tie"] + " tie, " + last


def warm_path_actions(ctx: Context, at: pd.DataFrame) -> pd.DataFrame:
    """Per target company where nobody was touched in 90 days: the best contact there."""
    quiet = at.groupby(["seeker", "company_key"])["_quiet"].transform("all")
    c = at.loc[quiet.astype(bool)]
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
        cap(c["why"])
        + " and nobody there has heard from you in 90 days: warm the path through "
        + who
        + " ("
        + _touch_text(c)
        + ") with a short note asking for a chat."
    )
    last = c["_last_id"].map(lambda i: [i] if isinstance(i, str) else [])
    return _week(ctx, c, "warm_path", reason, join_lists(c["lead_ids"], last), company=c["company"])


def revive_actions(ctx: Context, at: pd.DataFrame, warm: pd.DataFrame) -> pd.DataFrame:
    r = at.loc[at["_quiet"] & at["tie"].isin(["weak", "dormant"]) & at["touches"].gt(0)]
    if len(warm):
        chosen = warm[["seeker", "contact_id"]].assign(_warm=True)
        r = r.merge(chosen, on=["seeker", "contact_id"], how="left")
        r = r.loc[r["_warm"].isna()]
    r = r.reset_index(drop=True)
    if r.empty:
        return pd.DataFrame()
    who = cap(ctx.who(r))
    days = np.floor(r["days_since_last"]).astype("Int64")
    there = as_str("you follow it", index=r.index)
    there = there.mask(r["lead_at"].notna(), "you got a lead there on " + date_text(r["lead_at"], ctx.as_of))
    there = there.mask(
        r["applied_at"].notna(), "you applied there on " + date_text(r["applied_at"], ctx.as_of)
    )
    reason = (
        who
        + " is a "
        + r["tie"]
        + " tie at "
        + r["company"]
        + " (last touch "
        + n_days(days)
        + " ago) and "
        + there
        + ": moderately weak ties carry most job moves, so send a short note."
    )
    return _week(
        ctx,
        r,
        "revive",
        reason,
        r["_last_id"].map(lambda i: [i] if isinstance(i, str) else []),
        company=r["company"],
    )
