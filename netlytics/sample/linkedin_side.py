"""The LinkedIn side of a seeker's story: what their "Download your data" export holds.

Connections, messages, invitations, endorsements, recommendations and Easy Apply applications,
as an :class:`~netlytics.sample.linkedin_writer.ExportSpec` (writing the files is
:mod:`netlytics.sample.linkedin_writer`'s job).
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from netlytics.sample.habits import Habits
from netlytics.sample.linkedin_writer import ExportSpec
from netlytics.sample.world import AS_OF, COMPANIES, SKILLS, START, slug

__all__ = ["OPENERS", "linkedin_export"]

#: Message bodies of the sample's LinkedIn conversations (``{first}``, ``{company}``: the contact's).
OPENERS = (
    "Hi {first}, I enjoyed your post about {company}. Would you have 20 minutes for a chat?",
    "Hello {first}! Thanks for connecting. I'm exploring analytics roles and would value your view.",
    "Hi {first}, a quick question about the team at {company}: how do they work with product?",
    "Thanks {first}, that is really helpful.\nI'll read the article and get back to you.",
    "Great to hear from you, {first}. Does Thursday work?",
    "Hi {first},\nhope your week is going well. Any news on the {company} role?",
)


def _connected(rng, people: pd.DataFrame, ix: pd.DataFrame) -> pd.DataFrame:
    """The people who are connections, with ``connected_on``: most people; the ones first met
    during the story connect on that day, everyone met on LinkedIn is a connection."""
    first_at = ix.groupby("person")["at"].min()
    connected = pd.Series(people.index, index=people.index).map(first_at)
    before = START - pd.to_timedelta(rng.integers(30, 1500, len(people)), unit="D")
    connected = connected.where(rng.random(len(people)) < 0.5, pd.Series(before, index=people.index))
    connected = connected.fillna(pd.Series(before, index=people.index))
    on_li = (rng.random(len(people)) < 0.85) | people.index.isin(
        ix.loc[ix["channel"] == "linkedin", "person"]
    )
    return people[on_li].assign(connected_on=connected[on_li])


def _connections(rng, conn: pd.DataFrame) -> pd.DataFrame:
    """``ExportSpec.connections``: the connections (some showing their e-mail) and a ghost row."""
    shown_email = rng.random(len(conn)) < 0.3
    connections = pd.DataFrame(
        {
            "first_name": conn["first_name"],
            "last_name": conn["last_name"],
            "url": conn["profile_url"],
            "email": conn["email"].where(shown_email, ""),
            "company": conn["company"],
            "position": conn["position"],
            "connected_on": conn["connected_on"].dt.floor("D"),
        }
    )
    ghost = pd.DataFrame(
        {"first_name": [""], "last_name": [""], "url": [""], "email": [""], "company": [""], "position": [""],
         "connected_on": [START - pd.Timedelta(days=400)]}
    )  # fmt: skip
    return pd.concat([connections, ghost], ignore_index=True)


def _messages(rng, h: Habits, people: pd.DataFrame, ix: pd.DataFrame, owner_url: str) -> pd.DataFrame:
    """``ExportSpec.messages``: the LinkedIn conversations, a draft and a sponsored message."""
    owner = h.name
    li = ix[(ix["channel"] == "linkedin") & (ix["kind"] == "message")]
    person = li["person"]
    out = li["direction"] == "outbound"
    name, url = person.map(people["name"]), person.map(people["profile_url"])
    conv = person.map(lambda p: f"2-{zlib.crc32(f'{h.slug}/{p}'.encode()):08x}")
    tmpl = pd.Series(rng.integers(0, len(OPENERS), len(li)), index=li.index)
    content = [
        OPENERS[k].format(first=people.loc[p, "first_name"], company=people.loc[p, "company"])
        for k, p in zip(tmpl, person, strict=True)
    ]
    messages = pd.DataFrame(
        {
            "conversation_id": conv,
            "conversation_title": "",
            "from_name": name.where(~out, owner),
            "sender_url": url.where(~out, owner_url),
            "to_names": name.where(out, owner),
            "recipient_urls": url.where(out, owner_url),
            "at": li["at"],
            "subject": "",
            "content": content,
            "folder": "INBOX",
            "is_draft": False,
        }
    )
    extra = pd.DataFrame(
        {
            "conversation_id": ["2-draft0001", "2-sponsored01"],
            "conversation_title": ["", "Sponsored Conversation"],
            "from_name": [owner, "Example Learning Co."],
            "sender_url": [owner_url, ""],
            "to_names": [people.loc[0, "name"], owner],
            "recipient_urls": [people.loc[0, "profile_url"], owner_url],
            "at": [AS_OF - pd.Timedelta(days=2), AS_OF - pd.Timedelta(days=20)],
            "subject": ["", "Upskill in 30 days"],
            "content": ["Hi, just wanted to say", "<p>Grow your career with our (fictional) course.</p>"],
            "folder": ["", "INBOX"],
            "is_draft": [True, False],
        }
    )
    return pd.concat([messages, extra], ignore_index=True)


def _invitations(rng, conn: pd.DataFrame, owner: str, owner_url: str) -> pd.DataFrame:
    """``ExportSpec.invitations``: one for each connection made in the last five months."""
    recent = conn[conn["connected_on"] >= AS_OF - pd.Timedelta(days=150)]
    outgoing = rng.random(len(recent)) < 0.6
    inv_at = recent["connected_on"] - pd.to_timedelta(rng.integers(60, 3000, len(recent)), unit="min")
    note = rng.random(len(recent)) < 0.4
    return pd.DataFrame(
        {
            "from_name": np.where(outgoing, owner, recent["name"]),
            "to_name": np.where(outgoing, recent["name"], owner),
            "at": inv_at,
            "message": np.where(note, "Hi! We met at the analytics meetup, let's keep in touch.", ""),
            "direction": np.where(outgoing, "OUTGOING", "INCOMING"),
            "inviter_url": np.where(outgoing, owner_url, recent["profile_url"]),
            "invitee_url": np.where(outgoing, recent["profile_url"], owner_url),
        }
    )


def _one_click(rng, people: pd.DataFrame, ix: pd.DataFrame, kind: str, direction: str) -> pd.DataFrame:
    """Endorsements or recommendations given or received on LinkedIn."""
    rows = ix[(ix["kind"] == kind) & (ix["direction"] == direction) & (ix["channel"] == "linkedin")]
    p = rows["person"]
    return pd.DataFrame(
        {"first_name": p.map(people["first_name"]), "last_name": p.map(people["last_name"]),
         "url": p.map(people["profile_url"]), "company": p.map(people["company"]),
         "job_title": p.map(people["position"]), "at": rows["at"],
         "skill": [SKILLS[int(k)] for k in rng.integers(0, len(SKILLS), len(rows))],
         "text": [f"{people.loc[q, 'first_name']} is a thoughtful colleague (fictional text)." for q in p]}
    )  # fmt: skip


def _easy_apply(apps: pd.DataFrame) -> pd.DataFrame:
    """``ExportSpec.job_applications``: the online applications made with Easy Apply."""
    easy = apps[apps["easy_apply"]]
    job_ids = 4100000000 + np.arange(len(easy)) * 7919
    return pd.DataFrame(
        {
            "at": easy["applied_at"],
            "company": easy["company"],
            "job_title": easy["role"],
            "job_url": [f"https://www.linkedin.com/jobs/view/{j}/" for j in job_ids],
        }
    )


def linkedin_export(rng, h: Habits, people: pd.DataFrame, ix: pd.DataFrame, apps: pd.DataFrame) -> ExportSpec:
    """The LinkedIn side of a seeker.

    Parameters
    ----------
    rng
        The seeker's random stream (drawn after the applications).
    h
        The seeker's habits (name and slug).
    people
        The seeker's network.
    ix, apps
        The simulated interactions and applications.

    Returns
    -------
    ExportSpec

    See Also
    --------
    netlytics.sample.linkedin_writer.write_export : writes it.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from netlytics.sample.story import ROBIN, make_story
    >>> spec = make_story(ROBIN, seed=20260101).export
    >>> spec.owner_url, len(spec.messages) > 600
    ('https://www.linkedin.com/in/robin-example', True)
    """
    first, last = h.name.split(" ", 1)
    owner_url = f"https://www.linkedin.com/in/{slug(h.name)}"
    conn = _connected(rng, people, ix)
    connections = _connections(rng, conn)
    messages = _messages(rng, h, people, ix, owner_url)
    invitations = _invitations(rng, conn, h.name, owner_url)
    # keyword order is draw order: endorsements given, received, then recommendations
    one_click = {
        f"{kind}s_{'given' if direction == 'outbound' else 'received'}": _one_click(
            rng, people, ix, kind, direction
        )
        for kind in ("endorsement", "recommendation")
        for direction in ("outbound", "inbound")
    }
    return ExportSpec(
        owner_first_name=first,
        owner_last_name=last,
        owner_url=owner_url,
        headline="Data analyst looking for a product analytics role (fictional person)",
        owner_email=f"{slug(h.name).replace('-', '.')}@mail.example",
        connections=connections,
        messages=messages,
        invitations=invitations,
        **one_click,
        job_applications=_easy_apply(apps),
        company_follows=pd.DataFrame(
            {"organization": list(COMPANIES)[:5], "at": [START - pd.Timedelta(days=10 * k) for k in range(5)]}
        ),
    )
