"""The seeded story behind ``data/sample/``: fictional people, their habits and their events.

Everything here is generated from a :class:`numpy.random.Generator` with a fixed seed and a
fixed calendar (no clock): the story runs from :data:`START` (Monday 1 September 2025) to
:data:`AS_OF` (Tuesday 31 March 2026). Every person and company is invented and obviously
fictional (surnames such as *Example*, *Sample*, *Placeholder*; companies such as *Acme
Analytics*; e-mail domains under the reserved ``.example`` top-level domain).

The generator writes **tracker layout** (contract C1: the columns people type, with ``contact``
naming a person as written) plus, for seekers who also have a LinkedIn export, an
:class:`~netlytics.sample.linkedin_writer.ExportSpec`. Reading those files back is the loaders'
job; nothing here computes a metric.

Each seeker follows a :class:`Habits` profile. :data:`COHORT` holds the twelve clients of the
sample cohort, each built so that one networking mistake (or none) is unmistakable:

============  =====================================================================
habit         how it shows in the data
============  =====================================================================
email-heavy   more than 70 % of touches are e-mails
sporadic      outbound touches in only 2 or 3 of the last 8 weeks, long gaps
cold apply    most applications are online, before any touch at the company
takes         many gifts received, none given
no follow-up  meetings, leads and messages left without thanks or reply
good          live meetings, weekly effort, gives back, answers within the due time
============  =====================================================================
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from netlytics.sample.linkedin_writer import ExportSpec

__all__ = [
    "START",
    "AS_OF",
    "SAM",
    "SWITCH",
    "Habits",
    "Tracker",
    "SeekerStory",
    "ROBIN",
    "COHORT",
    "people_pool",
    "make_story",
]

#: First day of the story (a Monday, UTC).
START = pd.Timestamp("2025-09-01", tz="UTC")
#: The story's last moment: nothing happens after it; metrics default to it.
AS_OF = pd.Timestamp("2026-03-31 17:30", tz="UTC")
#: When a seeker with a second phase (Robin, after coaching) changes habits.
SWITCH = pd.Timestamp("2026-01-05", tz="UTC")

INTERACTION_COLUMNS = [
    "interaction_id",
    "at",
    "contact",
    "channel",
    "direction",
    "kind",
    "ref",
    "company",
    "introduced",
    "notes",
    "seeker",
]
CONTACT_COLUMNS = ["name", "company", "position", "email", "profile_url", "connected_on", "notes", "seeker"]
APPLICATION_COLUMNS = [
    "application_id",
    "company",
    "role",
    "applied_at",
    "via",
    "contact",
    "status",
    "status_at",
    "notes",
    "seeker",
]

# --- the fictional world ---------------------------------------------------------------------

_FIRST = (
    "Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kit", "Lena", "Milo", "Nia",
    "Otto", "Pia", "Quin", "Rae", "Sol", "Tess", "Uma", "Vik", "Wren", "Xavi", "Yara", "Zed", "Zoë",
    "José", "Renée", "Björn", "Chloé", "Søren", "Łukasz", "Anaïs", "Noor", "Ravi", "Ines", "Theo",
)  # fmt: skip
_LAST = (
    "Example", "Sample", "Placeholder", "Testwood", "Mockford", "Fakeley", "Dummyson", "Stubbs",
    "Fixture", "Lorem", "Ipsum", "Doe",
)  # fmt: skip
#: company -> (e-mail domain, a variant spelling used in applications)
COMPANIES: dict[str, tuple[str, str]] = {
    "Acme Analytics": ("acme-analytics.example", "Acme Analytics, Inc."),
    "Globex Ltd": ("globex.example", "GLOBEX"),
    "Initech Inc.": ("initech.example", "Initech"),
    "Hooli": ("hooli.example", "Hooli Inc"),
    "Vandelay Industries": ("vandelay.example", "Vandelay Industries LLC"),
    "Umbrella Labs": ("umbrella-labs.example", "Umbrella Labs Ltd."),
    "Soylent Systems": ("soylent.example", "Soylent Systems Corp"),
    "Wonka Works": ("wonka.example", "Wonka Works GmbH"),
    "Stark Logistics": ("stark-logistics.example", "Stark Logistics"),
    "Pied Piper": ("piedpiper.example", "Pied Piper, Inc."),
    "Bluth Holdings": ("bluth.example", "Bluth Holdings plc"),
    "Nakatomi Trading": ("nakatomi.example", "Nakatomi Trading Co."),
    "Prestige Worldwide": ("prestige.example", "Prestige Worldwide"),
    "Dunder Paper Co.": ("dunder.example", "Dunder Paper"),
}
#: Companies nobody in the story works at: the cold online applications.
COLD_COMPANIES = (
    "Gringotts Capital",
    "Oceanic Airways",
    "Blue Sun Corp",
    "Planet Express",
    "Monsters Inc.",
    "Duff Beverages",
    "Sirius Cybernetics",
    "Tyrell Robotics",
)
_POSITIONS = (
    "Data Analyst", "Product Manager", "Engineering Manager", "Recruiter", "Talent Partner",
    "Data Scientist", "UX Researcher", "Head of Analytics", "Software Engineer", "Founder",
    "Operations Lead", "Marketing Analyst",
)  # fmt: skip
_ROLES = ("Data Analyst", "Product Analyst", "Analytics Engineer", "BI Developer", "Insights Analyst")
_SKILLS = ("SQL", "Python", "Data Visualization", "Stakeholder Management", "Statistics", "Dashboards")


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def people_pool() -> pd.DataFrame:
    """The fictional people every story draws from (same for every seed).

    One row per person: ``name``, ``first_name``, ``last_name``, ``company``, ``position``,
    ``email``, ``profile_url`` (raw Unicode slug). Names are unique after accent folding.

    Examples
    --------
    >>> pool = people_pool()
    >>> len(pool), pool["name"].is_unique
    (456, True)
    >>> pool.loc[pool["first_name"] == "Zoë", "profile_url"].iloc[0]
    'https://www.linkedin.com/in/zoë-example'
    """
    first = np.repeat(np.array(_FIRST, dtype=object), len(_LAST))
    last = np.tile(np.array(_LAST, dtype=object), len(_FIRST))
    df = pd.DataFrame({"first_name": first, "last_name": last})
    # a fixed, seed-independent spread over companies and positions
    i = np.arange(len(df))
    names = list(COMPANIES)
    df["name"] = df["first_name"] + " " + df["last_name"]
    df["company"] = [names[(k * 7 + k // len(_LAST)) % len(names)] for k in i]
    df["position"] = [_POSITIONS[(k * 5 + 3) % len(_POSITIONS)] for k in i]
    domain = df["company"].map({c: d for c, (d, _) in COMPANIES.items()})
    ascii_first = df["first_name"].map(lambda s: s.encode("ascii", "ignore").decode().lower() or "x")
    df["email"] = ascii_first + "." + df["last_name"].str.lower() + "@" + domain
    df["profile_url"] = "https://www.linkedin.com/in/" + df["name"].map(_slug)
    return df[["name", "first_name", "last_name", "company", "position", "email", "profile_url"]]


# --- habits -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Habits:
    """How one fictional seeker networks. Rates are per active week; shares are probabilities.

    Attributes
    ----------
    slug, name
        File-name slug and the seeker's (fictional) full name.
    habit
        One line for the README: what the data shows.
    layout
        ``"xlsx"`` (a tracker workbook), ``"csv"`` (one CSV of interactions),
        ``"csv_folder"`` (contacts/interactions/applications CSVs in a sub-folder) or
        ``"export_folder"`` (a LinkedIn export zip plus a tracker workbook in a sub-folder).
    n_contacts
        People in the seeker's network.
    active_weeks
        Chance that a week before the last eight has any networking.
    recent_weeks
        How many of the last eight weeks have networking.
    episodes
        Outreach episodes (conversations, meetings) per active week.
    live
        Share of episodes that are meetings or calls.
    written, live_channels, thanks
        Channel weights for written outreach, for meetings and for thank-you notes.
    follows_up
        Chance that a trigger (meeting, gift received, message) is answered within its due time.
    pre_message
        Chance that a meeting is arranged by a written message a few days before.
    rounds
        Most exchanges in one written conversation.
    late
        Chance that an unanswered trigger is answered late instead of never.
    gives, receives
        Gifts given / received per active week.
    applications, networked, online
        Number of applications; share made after networking at the company; share via online
        among the others.
    phase2
        Overrides applied from :data:`SWITCH` on (a seeker who changes after coaching).
    """

    slug: str
    name: str
    habit: str
    layout: str = "xlsx"
    n_contacts: int = 40
    active_weeks: float = 0.9
    recent_weeks: int = 8
    episodes: float = 4.0
    live: float = 0.5
    written: dict[str, float] = field(default_factory=lambda: {"email": 0.4, "linkedin": 0.4, "text": 0.2})
    live_channels: dict[str, float] = field(
        default_factory=lambda: {"in_person": 0.5, "video": 0.3, "phone": 0.2}
    )
    thanks: dict[str, float] = field(default_factory=lambda: {"email": 0.3, "text": 0.3, "other": 0.4})
    follows_up: float = 1.0
    late: float = 0.5
    pre_message: float = 0.4
    rounds: int = 4
    gives: float = 1.0
    receives: float = 0.8
    applications: int = 10
    networked: float = 0.8
    online: float = 0.5
    phase2: dict = field(default_factory=dict)


_GOOD = {
    "live": 0.75,
    "pre_message": 0.2,
    "written": {"email": 0.3, "linkedin": 0.2, "text": 0.1, "phone": 0.4},
    "thanks": {"text": 0.3, "other": 0.4, "phone": 0.3},
}

#: The main sample seeker: writes a lot in the autumn, changes after coaching in January.
ROBIN = Habits(
    slug="robin",
    name="Robin Example",
    habit="writes a lot in the autumn; after coaching in January meets people, gives back and follows up",
    layout="export_folder",
    n_contacts=120,
    active_weeks=0.85,
    episodes=16.0,
    live=0.15,
    rounds=8,
    written={"linkedin": 0.8, "email": 0.15, "text": 0.05},
    thanks={"email": 0.6, "text": 0.4},
    follows_up=0.55,
    gives=0.3,
    receives=1.2,
    applications=40,
    networked=0.2,
    online=0.85,
    phase2={
        "live": 0.5,
        "episodes": 14.0,
        "pre_message": 0.3,
        "follows_up": 0.95,
        "gives": 2.0,
        "networked": 0.75,
        "online": 0.4,
        "thanks": {"email": 0.3, "text": 0.3, "other": 0.4},
    },
)

#: The twelve clients of the sample cohort.
COHORT: tuple[Habits, ...] = (
    Habits(
        "avery",
        "Avery Emailwright",
        "email-heavy: more than 70% of touches are e-mails",
        live=0.06,
        written={"email": 0.97, "text": 0.03},
        thanks={"email": 1.0},
        n_contacts=45,
    ),
    Habits(
        "blake",
        "Blake Sporadic",
        "sporadic: networks in only 2 of the last 8 weeks, with long gaps",
        active_weeks=0.35,
        recent_weeks=2,
        episodes=5.0,
        n_contacts=35,
        **(_GOOD | {"pre_message": 0.0}),
    ),
    Habits(
        "casey",
        "Casey Coldapply",
        "applies before networking: most applications are online, before any touch at the company",
        applications=18,
        networked=0.05,
        online=0.9,
        n_contacts=40,
        **_GOOD,
    ),
    Habits(
        "devon",
        "Devon Takesalot",
        "takes without giving: many gifts received, none given",
        gives=0.0,
        receives=2.5,
        n_contacts=40,
        **_GOOD,
    ),
    Habits(
        "emerson",
        "Emerson Noreply",
        "never follows up: meetings, leads and messages left without thanks or reply",
        late=0.15,
        receives=1.5,
        gives=1.5,
        n_contacts=40,
        **(_GOOD | {"follows_up": 0.05}),
    ),
    Habits(
        "finley",
        "Finley Goodfellow",
        "a good example: live, weekly, generous, prompt",
        n_contacts=50,
        **_GOOD,
    ),
    Habits(
        "harper",
        "Harper Sample",
        "a good example with a LinkedIn export beside the tracker",
        layout="export_folder",
        n_contacts=55,
        **(_GOOD | {"written": {"linkedin": 0.35, "email": 0.15, "text": 0.05, "phone": 0.45}}),
    ),
    Habits(
        "jordan",
        "Jordan Inboxley",
        "e-mail heavy and slow to follow up (a single CSV of interactions)",
        layout="csv",
        live=0.08,
        written={"email": 0.9, "text": 0.1},
        thanks={"email": 1.0},
        follows_up=0.3,
        late=0.6,
        applications=0,
        n_contacts=30,
    ),
    Habits(
        "kai",
        "Kai Nowandthen",
        "sporadic: networks in 3 of the last 8 weeks (a folder of CSV files)",
        layout="csv_folder",
        active_weeks=0.3,
        recent_weeks=3,
        episodes=5.0,
        n_contacts=30,
        gives=1.5,
        **(_GOOD | {"pre_message": 0.0}),
    ),
    Habits(
        "logan",
        "Logan Placeholder",
        "a good example with a LinkedIn export beside the tracker",
        layout="export_folder",
        n_contacts=45,
        **(_GOOD | {"written": {"linkedin": 0.3, "email": 0.2, "text": 0.05, "phone": 0.45}}),
    ),
    Habits(
        "morgan",
        "Morgan Receiver",
        "takes without giving (a single CSV of interactions)",
        layout="csv",
        gives=0.0,
        receives=2.0,
        applications=0,
        n_contacts=30,
        **_GOOD,
    ),
    Habits(
        "riley",
        "Riley Testwood",
        "a good example: mostly coffees and calls, gives generously",
        n_contacts=40,
        gives=1.5,
        **_GOOD,
    ),
)


# --- the generated story ----------------------------------------------------------------------


@dataclass
class Tracker:
    """One seeker's tracker in contract C1 layout (the columns people type)."""

    seeker: str
    contacts: pd.DataFrame
    interactions: pd.DataFrame
    applications: pd.DataFrame


@dataclass
class SeekerStory:
    """Everything generated for one seeker: the tracker and, optionally, a LinkedIn export."""

    habits: Habits
    tracker: Tracker
    export: ExportSpec | None = None


class _Events:
    """Collects interaction rows with provisional integer ids (one list append per event)."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, at, person: int, channel: str, direction: str, kind: str, **extra) -> int:
        ident = len(self.rows)
        self.rows.append(
            {
                "id": ident,
                "at": at,
                "person": person,
                "channel": channel,
                "direction": direction,
                "kind": kind,
            }
            | extra
        )
        return ident


def _pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _hours(rng: np.random.Generator, low: float, high: float) -> pd.Timedelta:
    return pd.Timedelta(minutes=int(rng.uniform(low, high) * 60))


_GIFTS_RECEIVED = {
    "lead": 3.0,
    "referral": 1.5,
    "introduction": 2.0,
    "help": 2.0,
    "recommendation": 0.5,
    "endorsement": 1.0,
}
_GIFTS_GIVEN = {
    "lead": 2.0,
    "referral": 1.0,
    "introduction": 1.5,
    "help": 3.0,
    "endorsement": 2.0,
    "recommendation": 0.7,
}


def _answer(rng, ev: _Events, h: Habits, due_hours: float) -> pd.Timedelta | None:
    """Delay before the seeker answers a trigger, or None (never)."""
    if rng.random() < h.follows_up:
        return _hours(rng, 1.0, due_hours * 0.9)
    if rng.random() < h.late:
        return _hours(rng, due_hours * 1.5, due_hours * 5)
    return None


def _simulate(rng: np.random.Generator, base: Habits, people: pd.DataFrame, export: bool) -> pd.DataFrame:
    """Generate one seeker's interactions (tracker and LinkedIn rows together)."""
    ev = _Events()
    n = len(people)
    weight = 1.0 / (np.arange(n) + 2.0)  # a few close contacts, a long tail
    weight = weight / weight.sum()
    weeks = pd.date_range(START, AS_OF, freq="W-MON")
    recent = set(
        rng.choice(np.arange(len(weeks) - 8, len(weeks)), size=base.recent_weeks, replace=False).tolist()
    )

    def who() -> int:
        return int(rng.choice(n, p=weight))

    def when(week: pd.Timestamp) -> pd.Timestamp:
        days = 2 if week + pd.Timedelta(days=7) > AS_OF else 5
        t = week + pd.Timedelta(days=int(rng.integers(0, days))) + _hours(rng, 8, 17)
        return min(t, AS_OF - pd.Timedelta(hours=1))

    def channel(weights: dict[str, float], *, linkedin_ok: bool) -> str:
        w = {k: v for k, v in weights.items() if linkedin_ok or k != "linkedin"}
        return _pick(rng, w or {"email": 1.0})

    def gift_channel(h: Habits) -> str:
        if rng.random() < h.live:
            return _pick(rng, h.live_channels)
        return channel(h.written, linkedin_ok=not export)

    def other_than(p: int) -> int:
        return (p + 1 + int(rng.integers(0, n - 1))) % n

    def receive(h: Habits, p: int, t: pd.Timestamp, kind: str) -> None:
        """A gift received, with the thanks and follow-up the seeker's habits give it."""
        ch = "linkedin" if export and kind in ("endorsement", "recommendation") else gift_channel(h)
        extra = {}
        if kind in ("lead", "referral"):
            extra["company"] = (
                people.loc[p, "company"] if rng.random() < 0.6 else str(rng.choice(COLD_COMPANIES))
            )
        if kind == "introduction":
            extra["introduced"] = other_than(p)
        gid = ev.add(t, p, ch, "inbound", kind, **extra)
        if kind != "endorsement":
            lag = _answer(rng, ev, h, 24)
            if lag is not None:
                ev.add(t + lag, p, channel(h.thanks, linkedin_ok=not export), "outbound", "thank_you")
        if kind in ("lead", "referral", "introduction"):
            lag = _answer(rng, ev, h, 72)
            if lag is not None:  # acting on it: writing to the person introduced, or about the lead
                target = extra.get("introduced", p)
                ev.add(
                    t + lag, target, "email", "outbound", "follow_up", ref=gid, company=extra.get("company")
                )

    def give(h: Habits, p: int, t: pd.Timestamp, kind: str) -> None:
        """A gift given; the contact sometimes thanks the seeker."""
        ch = "linkedin" if export and kind in ("endorsement", "recommendation") else gift_channel(h)
        extra = {"introduced": other_than(p)} if kind == "introduction" else {}
        ev.add(t, p, ch, "outbound", kind, **extra)
        if kind != "endorsement" and rng.random() < 0.5:
            ev.add(t + _hours(rng, 2, 48), p, _pick(rng, {"email": 0.6, "text": 0.4}), "inbound", "thank_you")

    for wi, week in enumerate(weeks):
        h = replace(base, **base.phase2) if base.phase2 and week >= SWITCH else base
        active = wi in recent if wi >= len(weeks) - 8 else rng.random() < h.active_weeks
        if not active:
            continue
        n_ep = max(1, int(rng.poisson(h.episodes)))
        for _ in range(n_ep):
            p, t = who(), when(week)
            r = rng.random()
            if r < h.live:  # a meeting or call, maybe arranged by a message, then thanks
                ch = _pick(rng, h.live_channels)
                if rng.random() < h.pre_message:
                    pre = t - pd.Timedelta(days=int(rng.integers(2, 6)))
                    if pre > START:
                        ev.add(pre, p, channel(h.written, linkedin_ok=True), "outbound", "message")
                direction = "outbound" if rng.random() < 0.75 else "inbound"
                ev.add(t, p, ch, direction, "meeting")
                lag = _answer(rng, ev, h, 24)
                if lag is not None:
                    ev.add(t + lag, p, channel(h.thanks, linkedin_ok=not export), "outbound", "thank_you")
            elif r < h.live + 0.12:  # the contact writes first
                ch = channel(h.written, linkedin_ok=True)
                ev.add(t, p, ch, "inbound", "message")
                lag = _answer(rng, ev, h, 48)
                if lag is not None:
                    ev.add(t + lag, p, ch, "outbound", "message")
            else:  # written outreach: a short conversation
                ch = channel(h.written, linkedin_ok=True)
                ev.add(t, p, ch, "outbound", "message")
                cur = t
                for _round in range(int(rng.integers(1, h.rounds + 1))):
                    if rng.random() > 0.75:
                        break
                    cur = cur + _hours(rng, 2, 40)
                    ev.add(cur, p, ch, "inbound", "message")
                    lag = _answer(rng, ev, h, 48)
                    if lag is None:
                        break
                    cur = cur + lag
                    ev.add(cur, p, ch, "outbound", "message")
        for _ in range(int(rng.poisson(h.receives))):
            receive(h, who(), when(week), _pick(rng, _GIFTS_RECEIVED))
        for _ in range(int(rng.poisson(h.gives))):
            give(h, who(), when(week), _pick(rng, _GIFTS_GIVEN))
    # every gift kind at least once in each direction (the seeker's own gifts only if they give)
    kinds = pd.DataFrame(ev.rows)[["kind", "direction"]].drop_duplicates()
    have = set(zip(kinds["kind"], kinds["direction"], strict=True))
    early = weeks[: len(weeks) - 8]
    for direction in ("inbound", "outbound") if base.gives > 0 else ("inbound",):
        for kind in _GIFTS_GIVEN:
            if (kind, direction) not in have:
                act = receive if direction == "inbound" else give
                act(base, who(), when(early[int(rng.integers(0, len(early)))]), kind)
    df = pd.DataFrame(ev.rows)
    for col in ("ref", "company", "introduced"):
        if col not in df.columns:
            df[col] = None
    df = df[df["at"] <= AS_OF].copy()
    df["ref"] = df["ref"].where(df["ref"].isin(df["id"]))
    return df.sort_values(["at", "id"], kind="stable").reset_index(drop=True)


def _applications(rng, h: Habits, people: pd.DataFrame, ix: pd.DataFrame) -> pd.DataFrame:
    """Applications: networked ones after a touch at the company, the others before any."""
    if h.applications == 0:
        return pd.DataFrame(
            {
                "applied_at": pd.Series(dtype="datetime64[ns, UTC]"),
                **{c: pd.Series(dtype=object) for c in ("company", "via", "person", "status", "role")},
                "easy_apply": pd.Series(dtype=bool),
                "status_at": pd.Series(dtype="datetime64[ns, UTC]"),
            }
        )
    out_touch = ix[(ix["direction"] == "outbound") | ix["kind"].isin(["meeting", "event"])]
    out_touch = out_touch[~out_touch["kind"].isin(["endorsement", "recommendation", "invitation"])]
    out_touch = out_touch.assign(company=out_touch["person"].map(people["company"]))
    first_touch = out_touch.groupby("company")["at"].min()
    rows = []
    for _ in range(h.applications):
        phase = replace(h, **h.phase2) if h.phase2 else h
        # networked share follows the phase of a random application date
        day = START + pd.Timedelta(days=int(rng.integers(7, (AS_OF - START).days - 3)))
        hh = phase if h.phase2 and day >= SWITCH else h
        if rng.random() < hh.networked and len(out_touch):
            before = out_touch[(out_touch["at"] < day) & (out_touch["at"] > day - pd.Timedelta(days=60))]
            if len(before):
                row = before.iloc[int(rng.integers(0, len(before)))]
                applied = row["at"] + pd.Timedelta(days=int(rng.integers(1, 20))) + _hours(rng, 0, 8)
                applied = min(applied, AS_OF - pd.Timedelta(days=1))
                via = _pick(rng, {"referral": 0.4, "network": 0.35, "online": 0.25})
                person = row["person"] if via == "referral" else None
                company = people.loc[row["person"], "company"]
                rows.append((applied, company, via, person))
                continue
        # cold: a company nobody was touched at before applying
        later = first_touch[first_touch > day + pd.Timedelta(days=5)]
        if len(later) and rng.random() < 0.5:
            company = str(later.index[int(rng.integers(0, len(later)))])
        else:
            company = str(rng.choice(COLD_COMPANIES))
        via = "online" if rng.random() < hh.online else _pick(rng, {"recruiter": 0.6, "other": 0.4})
        rows.append((day + _hours(rng, 8, 20), company, via, None))
    apps = pd.DataFrame(rows, columns=["applied_at", "company", "via", "person"])
    # a company's name as written on an application is often not the name in the contacts
    variant = pd.Series(rng.random(len(apps)) < 0.4)
    apps["company"] = apps["company"].where(
        ~variant, apps["company"].map(lambda c: COMPANIES.get(c, (0, c))[1])
    )
    p_int = apps["via"].map({"referral": 0.55, "network": 0.4, "recruiter": 0.3}).fillna(0.1)
    r = rng.random(len(apps))
    status = np.where(r < p_int * 0.3, "offer", np.where(r < p_int, "interview", "rejected"))
    silent = (status == "rejected") & (rng.random(len(apps)) < 0.5)
    status = np.where(silent, "no_response", status)
    lag = pd.to_timedelta(rng.integers(4, 35, len(apps)), unit="D")
    status_at = apps["applied_at"] + lag
    late = status_at > AS_OF
    apps["status"] = np.where(late, "applied", status)
    apps["status_at"] = status_at.where(~late, apps["applied_at"])
    apps.loc[apps["status"] == "no_response", "status_at"] = apps["applied_at"] + pd.Timedelta(days=30)
    apps["status_at"] = apps["status_at"].where(apps["status_at"] <= AS_OF, apps["applied_at"])
    apps["status"] = apps["status"].where(
        ~((apps["status"] == "no_response") & (apps["status_at"] == apps["applied_at"])), "applied"
    )
    apps["role"] = [_ROLES[int(k)] for k in rng.integers(0, len(_ROLES), len(apps))]
    # online applications made with LinkedIn's Easy Apply (they appear in the export, not the tracker)
    apps["easy_apply"] = (apps["via"] == "online") & (rng.random(len(apps)) < 0.7)
    return apps.sort_values("applied_at", kind="stable").reset_index(drop=True)


_OPENERS = (
    "Hi {first}, I enjoyed your post about {company}. Would you have 20 minutes for a chat?",
    "Hello {first}! Thanks for connecting. I'm exploring analytics roles and would value your view.",
    "Hi {first}, a quick question about the team at {company}: how do they work with product?",
    "Thanks {first}, that is really helpful.\nI'll read the article and get back to you.",
    "Great to hear from you, {first}. Does Thursday work?",
    "Hi {first},\nhope your week is going well. Any news on the {company} role?",
)


def _export(rng, h: Habits, people: pd.DataFrame, ix: pd.DataFrame, apps: pd.DataFrame) -> ExportSpec:
    """The LinkedIn side of a seeker: connections, messages, invitations, endorsements,
    recommendations and Easy Apply applications."""
    first, last = h.name.split(" ", 1)
    owner_url = f"https://www.linkedin.com/in/{_slug(h.name)}"
    owner = h.name
    # connections: most people; the ones first met during the story connect on that day
    first_at = ix.groupby("person")["at"].min()
    connected = pd.Series(people.index, index=people.index).map(first_at)
    before = START - pd.to_timedelta(rng.integers(30, 1500, len(people)), unit="D")
    connected = connected.where(rng.random(len(people)) < 0.5, pd.Series(before, index=people.index))
    connected = connected.fillna(pd.Series(before, index=people.index))
    # everyone met on LinkedIn (messages, endorsements, recommendations) is a connection
    on_li = (rng.random(len(people)) < 0.85) | people.index.isin(
        ix.loc[ix["channel"] == "linkedin", "person"]
    )
    conn = people[on_li].assign(connected_on=connected[on_li])
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
    connections = pd.concat([connections, ghost], ignore_index=True)
    # messages: the LinkedIn conversations
    li = ix[(ix["channel"] == "linkedin") & (ix["kind"] == "message")]
    person = li["person"]
    out = li["direction"] == "outbound"
    name, url = person.map(people["name"]), person.map(people["profile_url"])
    conv = person.map(lambda p: f"2-{zlib.crc32(f'{h.slug}/{p}'.encode()):08x}")
    tmpl = pd.Series(rng.integers(0, len(_OPENERS), len(li)), index=li.index)
    content = [
        _OPENERS[k].format(first=people.loc[p, "first_name"], company=people.loc[p, "company"])
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
    messages = pd.concat([messages, extra], ignore_index=True)
    # invitations for the connections made in the last five months
    recent = conn[conn["connected_on"] >= AS_OF - pd.Timedelta(days=150)]
    outgoing = rng.random(len(recent)) < 0.6
    inv_at = recent["connected_on"] - pd.to_timedelta(rng.integers(60, 3000, len(recent)), unit="min")
    invitations = pd.DataFrame(
        {
            "from_name": np.where(outgoing, owner, recent["name"]),
            "to_name": np.where(outgoing, recent["name"], owner),
            "at": inv_at,
            "message": np.where(
                rng.random(len(recent)) < 0.4, "Hi! We met at the analytics meetup, let's keep in touch.", ""
            ),
            "direction": np.where(outgoing, "OUTGOING", "INCOMING"),
            "inviter_url": np.where(outgoing, owner_url, recent["profile_url"]),
            "invitee_url": np.where(outgoing, recent["profile_url"], owner_url),
        }
    )

    def one_click(kind: str, direction: str) -> pd.DataFrame:
        rows = ix[(ix["kind"] == kind) & (ix["direction"] == direction) & (ix["channel"] == "linkedin")]
        p = rows["person"]
        return pd.DataFrame(
            {"first_name": p.map(people["first_name"]), "last_name": p.map(people["last_name"]),
             "url": p.map(people["profile_url"]), "company": p.map(people["company"]),
             "job_title": p.map(people["position"]), "at": rows["at"],
             "skill": [_SKILLS[int(k)] for k in rng.integers(0, len(_SKILLS), len(rows))],
             "text": [f"{people.loc[q, 'first_name']} is a thoughtful colleague (fictional text)." for q in p]}
        )  # fmt: skip

    easy = apps[apps["easy_apply"]]
    job_ids = 4100000000 + np.arange(len(easy)) * 7919
    return ExportSpec(
        owner_first_name=first,
        owner_last_name=last,
        owner_url=owner_url,
        headline="Data analyst looking for a product analytics role (fictional person)",
        owner_email=f"{_slug(h.name).replace('-', '.')}@mail.example",
        connections=connections,
        messages=messages,
        invitations=invitations,
        endorsements_given=one_click("endorsement", "outbound"),
        endorsements_received=one_click("endorsement", "inbound"),
        recommendations_given=one_click("recommendation", "outbound"),
        recommendations_received=one_click("recommendation", "inbound"),
        job_applications=pd.DataFrame(
            {
                "at": easy["applied_at"],
                "company": easy["company"],
                "job_title": easy["role"],
                "job_url": [f"https://www.linkedin.com/jobs/view/{j}/" for j in job_ids],
            }
        ),  # fmt: skip
        company_follows=pd.DataFrame(
            {"organization": list(COMPANIES)[:5], "at": [START - pd.Timedelta(days=10 * k) for k in range(5)]}
        ),
    )


def _tracker(
    rng, h: Habits, people: pd.DataFrame, ix: pd.DataFrame, apps: pd.DataFrame, export: bool
) -> Tracker:
    """The tracker sheets in C1 layout, as the seeker would type them."""
    if export:  # LinkedIn messages, endorsements and recommendations live in the export
        in_export = (ix["channel"] == "linkedin") & ix["kind"].isin(
            ["message", "endorsement", "recommendation"]
        )
        ix = ix[~in_export]
        apps = apps[~apps["easy_apply"]]
    ix = ix.reset_index(drop=True)
    ids = pd.Series([f"I{k:04d}" for k in range(1, len(ix) + 1)], index=ix.index)
    id_map = pd.Series(ids.to_numpy(), index=ix["id"].to_numpy())
    notes = pd.Series(None, index=ix.index, dtype=object)
    notes[ix["kind"] == "meeting"] = "coffee chat"
    notes[(ix["kind"] == "lead") & (ix["direction"] == "inbound")] = "+ job lead, see company column"
    notes[ix["kind"] == "thank_you"] = "-"
    interactions = pd.DataFrame(
        {
            "interaction_id": ids,
            "at": ix["at"].dt.tz_localize(None),
            "contact": None,
            "channel": ix["channel"],
            "direction": ix["direction"],
            "kind": ix["kind"],
            "ref": ix["ref"].map(id_map),
            "company": ix["company"],
            "introduced": None,
            "notes": notes,
            "seeker": h.name,
        }
    )
    used = sorted(
        set(ix["person"].dropna().astype(int))
        | set(ix["introduced"].dropna().astype(int))
        | set(apps["person"].dropna().astype(int))
    )
    c = people.loc[used]
    r = rng.random(len(c))
    url = c["profile_url"].where(r < 0.75)
    # the tracker's spelling differs from the export's: no accents, credentials, odd URLs
    name = c["name"].where(
        r < 0.85, c["name"].str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    )
    name = name.where((r < 0.1) | (r > 0.2), name + ", MBA")
    url = url.where(r > 0.05, url + "/")
    url = url.where(
        (r < 0.3) | (r > 0.35), c["profile_url"].str.replace("https://www.", "http://", regex=False)
    )
    first_at = ix.groupby("person")["at"].min()
    contacts = pd.DataFrame(
        {
            "name": name,
            "company": c["company"],
            "position": c["position"],
            "email": c["email"].where(r > 0.4),
            "profile_url": url,
            "connected_on": pd.Series(c.index, index=c.index)
            .map(first_at)
            .dt.floor("D")
            .dt.tz_localize(None),
            "notes": None,
            "seeker": h.name,
        }
    ).reset_index(drop=True)
    contacts["connected_on"] = contacts["connected_on"].where(rng.random(len(contacts)) < 0.6)
    # write each person as the tracker knows them: an e-mail or URL only when the contacts
    # sheet has it, otherwise the name as the tracker spells it (sometimes in lower case)
    spelled = pd.Series(name.to_numpy(), index=c.index)
    sheet_email = pd.Series(c["email"].where(r > 0.4).to_numpy(), index=c.index)
    sheet_url = pd.Series(url.to_numpy(), index=c.index)
    person = ix["person"].astype("Int64")
    form = pd.Series(rng.random(len(ix)), index=ix.index)
    written = person.map(spelled)
    written = written.mask((form > 0.70) & (form <= 0.80), written.str.lower())
    if h.layout != "csv":  # a lone CSV has no contacts sheet: people can only be named
        email_form = (form > 0.80) & (form <= 0.90) & person.map(sheet_email).notna()
        written = written.mask(email_form, person.map(sheet_email))
        written = written.mask((form > 0.90) & person.map(sheet_url).notna(), person.map(sheet_url))
    interactions["contact"] = written
    interactions["introduced"] = ix["introduced"].astype("Int64").map(spelled)
    apps = apps.reset_index(drop=True)
    applications = pd.DataFrame(
        {
            "application_id": [f"A{k:03d}" for k in range(1, len(apps) + 1)],
            "company": apps["company"],
            "role": apps["role"],
            "applied_at": apps["applied_at"].dt.tz_localize(None).dt.floor("D"),
            "via": apps["via"],
            "contact": apps["person"].astype("Int64").map(spelled),
            "status": apps["status"],
            "status_at": apps["status_at"].dt.tz_localize(None).dt.floor("D"),
            "notes": None,
            "seeker": h.name,
        }
    )
    return Tracker(h.name, contacts, interactions[INTERACTION_COLUMNS], applications[APPLICATION_COLUMNS])


def make_story(habits: Habits, *, seed: int, index: int = 0) -> SeekerStory:
    """Generate one seeker's tracker (and LinkedIn export when ``habits.layout`` asks for one).

    Parameters
    ----------
    habits
        The seeker's profile.
    seed
        Seed of the whole sample; ``index`` separates the seekers' random streams.
    index
        Position of the seeker (0 for Robin, 1-12 for the cohort).

    Returns
    -------
    SeekerStory

    Examples
    --------
    >>> story = make_story(COHORT[0], seed=1, index=1)
    >>> story.tracker.seeker
    'Avery Emailwright'
    >>> (story.tracker.interactions["channel"] == "email").mean() > 0.7
    np.True_
    """
    rng = np.random.default_rng([seed, index])
    pool = people_pool()
    chosen = rng.choice(len(pool), size=habits.n_contacts, replace=False)
    people = pool.iloc[np.sort(chosen)].reset_index(drop=True)
    people = people.iloc[rng.permutation(len(people))].reset_index(drop=True)
    export = habits.layout == "export_folder"
    ix = _simulate(rng, habits, people, export)
    apps = _applications(rng, habits, people, ix)
    spec = _export(rng, habits, people, ix, apps) if export else None
    tracker = _tracker(rng, habits, people, ix, apps, export)
    return SeekerStory(habits, tracker, spec)


#: The second sample seeker: no tracker, only a LinkedIn export and a Google Takeout. Writes
#: mostly e-mail, meets a few people, rarely thanks them in time, gives little.
SAM = Habits(
    slug="sam",
    name="Sam Inboxley",
    habit="keeps no tracker; writes e-mail far more than meeting, seldom thanks or gives, applies online first",
    layout="export_folder",
    n_contacts=60,
    active_weeks=0.8,
    episodes=8.0,
    live=0.25,
    rounds=5,
    written={"email": 0.9, "linkedin": 0.1},
    thanks={"email": 0.7, "other": 0.3},
    follows_up=0.4,
    gives=0.5,
    receives=1.0,
    applications=20,
    networked=0.3,
    online=0.8,
)
