"""Parsers of the export's networking files other than messages, each registered for its file
names with :func:`~netlytics.loaders.linkedin.catalogue.register`.

What is read from each file, how each era is handled and why rows are excluded is documented in
``docs/linkedin.md``; formats in ``docs/spec/FORMATS.md`` section 3.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.identity import contact_key, normalise_email, normalise_name, normalise_url
from netlytics.loaders.linkedin.catalogue import register
from netlytics.loaders.linkedin.common import (
    M_D_Y,
    RESAVED_DATES,
    Context,
    add_interactions,
    bad_dates,
    exclude,
    flag_rows,
    parse_dates,
    read,
    resaved,
    resolve,
    strip,
)
from netlytics.loaders.linkedin.files import ExportFile

#: The parsers are reached through :data:`~netlytics.loaders.linkedin.catalogue.PARSERS`.
__all__: list[str] = []


@register("Profile.csv")
def parse_profile(ctx: Context, f: ExportFile) -> None:
    """Profile.csv: the owner's name (the default seeker). Its row is not a contact."""
    got = read(ctx, f, "contacts", ["First Name", "Last Name"])
    if got is None:
        return
    t, _ = got
    if len(t.frame):
        first = t.frame["First Name"].iloc[0].strip()
        last = t.frame["Last Name"].iloc[0].strip()
        ctx.owner_name = f"{first} {last}".strip() or None
        ctx.owner_rows.append(("name", ctx.owner_name, f.source))
    everything = pd.Series(True, index=t.frame.index)
    exclude(
        ctx,
        f,
        t,
        "contacts",
        everything,
        "First Name",
        "the account owner's own profile (gives the seeker's name)",
    )


@register("Connections.csv")
def parse_connections(ctx: Context, f: ExportFile) -> None:
    """Connections.csv: one contact per connection, with connected_on."""
    got = read(ctx, f, "contacts", ["First Name", "Last Name", "Connected On"])
    if got is None:
        return
    t, was_resaved = got
    df = t.frame
    first = df["First Name"].str.strip()
    last = df["Last Name"].str.strip()
    url = df["URL"] if "URL" in df.columns else pd.Series("", index=df.index, dtype="str")
    email = (
        df["Email Address"] if "Email Address" in df.columns else pd.Series("", index=df.index, dtype="str")
    )
    ghost = (first == "") & (last == "") & (url.str.strip() == "") & (email.str.strip() == "")
    exclude(ctx, f, t, "contacts", ghost, "Connected On",
             "ghost connection: a hidden or deactivated member (only the date is given); "
             "kept out of people-level tables")  # fmt: skip
    connected, bad, used = parse_dates(df["Connected On"], ["%d %b %Y", M_D_Y], resaved=RESAVED_DATES)
    if used and not was_resaved:
        resaved(ctx, f, ["dates such as '18-Jun-24'"])
    bad = bad & ~ghost
    bad_dates(ctx, f, t, "contacts", "Connected On", bad, "a date like '16 Dec 2024' (or '1/8/18, 6:14 PM')")
    keep = ~ghost & ~bad
    name = (first + " " + last).str.strip()
    name = name.where(name != "")
    mail = normalise_email(email)
    cid = contact_key(url=url, email=mail, name=name)
    dup = cid.duplicated() & keep
    first_row = pd.Series(t.lines, index=df.index).groupby(cid).transform("first")
    dup_mask = dup & cid.notna()
    if dup_mask.any():
        earlier = "the same person as an earlier row (row " + first_row.astype(str) + ")"
        column = "URL" if "URL" in df.columns else "First Name"
        flag_rows(ctx, f, t, "contacts", dup_mask, column, earlier, value=cid, excluded=True)
    keep = keep & ~dup_mask
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "contact_id": cid[keep],
            "name": name[keep],
            "company": strip(df.loc[keep, "Company"]) if "Company" in df.columns else None,
            "position": strip(df.loc[keep, "Position"]) if "Position" in df.columns else None,
            "email": mail[keep],
            "profile_url": normalise_url(url[keep]),
            "connected_on": connected[keep],
            "source": f.source,
            "origin": "linkedin",
        }
    )
    ctx.builder.add("contacts", schema.conform("contacts", out))
    ctx.known_ids.update(out["contact_id"].dropna().tolist())
    keys = normalise_name(out["name"])
    counts = keys.value_counts()
    unique = keys[keys.isin(counts[counts == 1].index)]
    ctx.name_map.update(dict(zip(unique.tolist(), out.loc[unique.index, "contact_id"].tolist(), strict=True)))


@register("Invitations.csv")
def parse_invitations(ctx: Context, f: ExportFile) -> None:
    """Invitations.csv: kind invitation; direction from Direction; the other person is the
    invitee of OUTGOING rows and the inviter of INCOMING rows."""
    got = read(ctx, f, "interactions", ["From", "To", "Sent At", "Direction"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    d = df["Direction"].str.strip().str.upper()
    bad_dir = ~d.isin(["INCOMING", "OUTGOING"])
    flag_rows(ctx, f, t, "interactions", bad_dir, "Direction", "Direction must be INCOMING or OUTGOING")
    at, bad, _ = parse_dates(df["Sent At"], [M_D_Y], resaved=RESAVED_DATES)
    bad = bad & ~bad_dir
    bad_dates(ctx, f, t, "interactions", "Sent At", bad, "a date like '12/15/24, 7:47 AM'")
    ok = ~bad_dir & ~bad & at.notna()
    missing_date = ~bad_dir & ~bad & at.isna()
    reason = "empty date; every invitation needs 'Sent At'"
    flag_rows(ctx, f, t, "interactions", missing_date, "Sent At", reason, value="")
    out = d == "OUTGOING"
    name = df["To"].where(out, df["From"]).str.strip()
    if "inviteeProfileUrl" in df.columns:
        url = df["inviteeProfileUrl"].where(out, df["inviterProfileUrl"])
    else:
        url = None
    contact = resolve(ctx, url, name)
    rows = ok.to_numpy()
    add_interactions(
        ctx, f, t, rows,
        contact=contact[ok], at=at[ok],
        direction=pd.Series(np.where(out[ok], "outbound", "inbound"), index=ok[ok].index),
        kind="invitation",
        content=df.loc[ok, "Message"] if "Message" in df.columns else None,
        names=name[ok], urls=url[ok] if url is not None else None,
    )  # fmt: skip
    if ok.any():
        lo, hi = at[ok].min(), at[ok].max()
        days = int((hi - lo).days)
        ctx.builder.note(
            f"{f.member} covers only the last {days} days (from {lo:%Y-%m-%d} to {hi:%Y-%m-%d}); "
            "older invitations are not in the export.",
            topic="coverage",
            source=f.source,
        )


@register("guide_messages.csv", "coach_messages.csv", "learning_coach_messages.csv",
          "learning_role_play_messages.csv", "LearningCoachMessages.csv")  # fmt: skip
def parse_coach(ctx: Context, f: ExportFile) -> None:
    """LinkedIn's AI-coach files (guide/coach/learning messages): all rows excluded."""
    got = read(ctx, f, "interactions", [])
    if got is None:
        return
    t, _ = got
    col = t.frame.columns[0] if t.frame.shape[1] else ""
    exclude(ctx, f, t, "interactions", pd.Series(True, index=t.frame.index), col,
             "LinkedIn AI-coach conversation, not networking")  # fmt: skip


def _endorsements(ctx: Context, f: ExportFile, *, given: bool) -> None:
    who = "Endorsee" if given else "Endorser"
    required = ["Endorsement Date", f"{who} First Name", f"{who} Last Name"]
    got = read(ctx, f, "interactions", required)
    if got is None:
        return
    t, _ = got
    df = t.frame
    left = pd.Series(True, index=df.index)
    if "Endorsement Status" in df.columns:
        status = df["Endorsement Status"].str.strip().str.upper()
        not_acc = (status != "ACCEPTED") & (status != "")
        exclude(ctx, f, t, "interactions", not_acc, "Endorsement Status",
                 "endorsement not accepted (e.g. Redacted): not shown on the profile")  # fmt: skip
        left = left & ~not_acc
    at, bad, _ = parse_dates(df["Endorsement Date"], ["%Y/%m/%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S UTC"],
                              resaved=RESAVED_DATES)  # fmt: skip
    bad = (bad | at.isna()) & left
    bad_dates(ctx, f, t, "interactions", "Endorsement Date", bad, "a date like '2024/12/15 08:53:43 UTC'")
    ok = left & ~bad
    name = (df[f"{who} First Name"].str.strip() + " " + df[f"{who} Last Name"].str.strip()).str.strip()
    name = name.where(name != "")
    url_col = f"{who} Public Url"
    url = df[url_col] if url_col in df.columns else None
    contact = resolve(ctx, url, name)
    # one act per person and session: rows of one person less than 60 s apart are one act
    frame = pd.DataFrame({"c": contact[ok], "at": at[ok], "line": t.lines[ok.to_numpy()]})
    frame = frame.sort_values(["c", "at", "line"], kind="stable")
    gap = frame["at"].diff().dt.total_seconds()
    new_act = (frame["c"] != frame["c"].shift()) | (gap > 60) | gap.isna()
    act = new_act.cumsum()
    first_line = frame.groupby(act)["line"].transform("first")
    same = frame.index[~new_act.to_numpy()]
    skill = df["Skill Name"] if "Skill Name" in df.columns else pd.Series("", index=df.index, dtype="str")
    if len(same):
        mask = pd.Series(False, index=df.index)
        mask[same] = True
        ref = first_line[~new_act].reindex(df.index).astype("Int64").astype(str)
        value = skill + " (same act as row " + ref + ")"
        reason = "another skill of an endorsement act already counted (one act per person and session: rows less than 60 s apart)"
        flag_rows(ctx, f, t, "interactions", mask, "Skill Name", reason, value=value, excluded=True)
        ok = ok & ~mask
    add_interactions(
        ctx, f, t, ok.to_numpy(),
        contact=contact[ok], at=at[ok], direction="outbound" if given else "inbound", kind="endorsement",
        names=name[ok], urls=url[ok] if url is not None else None,
    )  # fmt: skip


def _given_and_received(parse: Callable, given: tuple[str, ...], received: tuple[str, ...], doc: str):
    """Register ``parse`` for the files of what the seeker gave (outbound) and received (inbound);
    returns the two parsers."""

    def parse_given(ctx: Context, f: ExportFile) -> None:
        parse(ctx, f, given=True)

    def parse_received(ctx: Context, f: ExportFile) -> None:
        parse(ctx, f, given=False)

    for func, files, way in ((parse_given, given, "given"), (parse_received, received, "received")):
        func.__doc__ = f"{files[0]}: {doc}, {'outbound' if way == 'given' else 'inbound'}."
        func.__name__ = func.__qualname__ = f"parse{parse.__name__}_{way}"  # parse_endorsements_given
    return register(*given)(parse_given), register(*received)(parse_received)


parse_endorsements_given, parse_endorsements_received = _given_and_received(
    _endorsements,
    ("Endorsement_Given_Info.csv", "Endorsement Given Info.csv"),
    ("Endorsement_Received_Info.csv", "Endorsement Received Info.csv"),
    "kind endorsement, one act per person and session (the legacy UTF-16 files too)",
)


def _recommendations(ctx: Context, f: ExportFile, *, given: bool) -> None:
    got = read(ctx, f, "interactions", ["First Name", "Last Name", "Creation Date"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    at, bad, _ = parse_dates(df["Creation Date"], [M_D_Y], resaved=RESAVED_DATES)
    bad = bad | at.isna()
    bad_dates(ctx, f, t, "interactions", "Creation Date", bad, "a date like '12/24/23, 05:28 AM'")
    ok = ~bad
    name = (df["First Name"].str.strip() + " " + df["Last Name"].str.strip()).str.strip()
    name = name.where(name != "")
    contact = resolve(ctx, None, name)
    add_interactions(
        ctx, f, t, ok.to_numpy(),
        contact=contact[ok], at=at[ok], direction="outbound" if given else "inbound", kind="recommendation",
        content=df.loc[ok, "Text"] if "Text" in df.columns else None, names=name[ok],
    )  # fmt: skip


parse_recommendations_given, parse_recommendations_received = _given_and_received(
    _recommendations,
    ("Recommendations_Given.csv", "Recommendations Given.csv"),
    ("Recommendations_Received.csv", "Recommendations Received.csv"),
    "kind recommendation (the person is the recommendee when given, the recommender when received)",
)


@register("Job Applications.csv")
def parse_job_applications(ctx: Context, f: ExportFile) -> None:
    """Jobs/Job Applications.csv: applications with via online, status applied."""
    got = read(ctx, f, "applications", ["Application Date", "Company Name", "Job Title"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    at, bad, _ = parse_dates(df["Application Date"], [M_D_Y], resaved=RESAVED_DATES)
    bad = bad | at.isna()
    bad_dates(ctx, f, t, "applications", "Application Date", bad, "a date like '12/16/22, 3:07 PM'")
    ok = ~bad
    key = PurePosixPath(f.member).stem.lower().replace(" ", "_")
    lines = t.lines[ok.to_numpy()]
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "application_id": f"li:{key}:" + pd.Series(lines).astype(str),
            "company": strip(df.loc[ok, "Company Name"]).to_numpy(),
            "role": strip(df.loc[ok, "Job Title"]).to_numpy(),
            "applied_at": at[ok].reset_index(drop=True),
            "via": "online",
            "status": "applied",
            "status_at": at[ok].reset_index(drop=True),
            "source": f.source,
            "source_row": lines,
            "origin": "linkedin",
        }
    )
    ctx.builder.add("applications", schema.conform("applications", out))


@register("Company Follows.csv")
def parse_company_follows(ctx: Context, f: ExportFile) -> None:
    """Company Follows.csv: the follows table (target-company signal)."""
    got = read(ctx, f, "follows", ["Organization", "Followed On"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    at, bad, _ = parse_dates(df["Followed On"], ["%a %b %d %H:%M:%S UTC %Y"], resaved=RESAVED_DATES)
    bad_dates(ctx, f, t, "follows", "Followed On", bad, "a date like 'Sat Dec 14 08:57:55 UTC 2024'")
    company = strip(df["Organization"])
    empty = company.isna() & ~bad
    exclude(ctx, f, t, "follows", empty, "Organization", "no organisation named")
    ok = ~bad & ~empty
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "company": company[ok].to_numpy(),
            "followed_at": at[ok].reset_index(drop=True),
            "source": f.source,
            "source_row": t.lines[ok.to_numpy()],
        }
    )
    ctx.builder.add("follows", schema.conform("follows", out))


@register("Events.csv")
def parse_events(ctx: Context, f: ExportFile) -> None:
    """Events.csv: the events table (LinkedIn events registered for; no zone, read as UTC)."""
    got = read(ctx, f, "events", ["Event Name", "Event Time"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    when = df["Event Time"].str.strip()
    has_end = when.str.contains(" - ", regex=False)
    first = when.str.replace(r" - .*$", "", regex=True)
    second = when.str.replace(r"^.*? - ", "", regex=True).where(has_end, "")
    fmt = ["%b %d, %Y %I:%M %p"]
    start, bad1, _ = parse_dates(first, fmt)
    end, bad2, _ = parse_dates(second, fmt)
    bad = bad1 | bad2
    bad_dates(ctx, f, t, "events", "Event Time", bad,
               "a range like 'Sep 23, 2022 12:00 PM - Sep 23, 2022 12:20 PM'")  # fmt: skip
    ok = ~bad
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "name": strip(df.loc[ok, "Event Name"]).to_numpy(),
            "starts_at": start[ok].reset_index(drop=True),
            "ends_at": end[ok].reset_index(drop=True),
            "status": strip(df.loc[ok, "Status"]).to_numpy() if "Status" in df.columns else None,
            "url": strip(df.loc[ok, "External Url"]).to_numpy() if "External Url" in df.columns else None,
            "source": f.source,
            "source_row": t.lines[ok.to_numpy()],
        }
    )
    ctx.builder.add("events", schema.conform("events", out))


@register("Email Addresses.csv")
def parse_email_addresses(ctx: Context, f: ExportFile) -> None:
    """Email Addresses.csv: the owner's own addresses (into the ``owner`` table; not contacts)."""
    got = read(ctx, f, "contacts", ["Email Address"])
    if got is None:
        return
    t, _ = got
    mail = normalise_email(t.frame["Email Address"])
    ctx.owner_rows.extend(("email", m, f.source) for m in mail.dropna().unique().tolist())
    everything = pd.Series(True, index=t.frame.index)
    exclude(ctx, f, t, "contacts", everything, "Email Address",
            "the account owner's own e-mail address (kept in the owner table)")  # fmt: skip
