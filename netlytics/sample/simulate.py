"""One seeker's interactions, simulated week by week from their :class:`~netlytics.sample.habits.Habits`.

Each active week holds outreach episodes (meetings, inbound messages, written conversations),
then gifts received and given, each with the thanks and follow-ups the habits give it. Every
random draw comes from one :class:`numpy.random.Generator`, in a fixed order, so a seed gives
the same story on every run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics.sample.habits import Habits
from netlytics.sample.world import AS_OF, COLD_COMPANIES, START

__all__ = ["GIFTS_GIVEN", "GIFTS_RECEIVED", "pick", "hours", "simulate"]

#: Weights of the kinds of gift a seeker receives.
GIFTS_RECEIVED = {
    "lead": 3.0,
    "referral": 1.5,
    "introduction": 2.0,
    "help": 2.0,
    "recommendation": 0.5,
    "endorsement": 1.0,
}
#: Weights of the kinds of gift a seeker gives.
GIFTS_GIVEN = {
    "lead": 2.0,
    "referral": 1.0,
    "introduction": 1.5,
    "help": 3.0,
    "endorsement": 2.0,
    "recommendation": 0.7,
}


def pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    """One key of ``weights``, drawn with probability proportional to its weight.

    Parameters
    ----------
    rng
        The random stream.
    weights
        Key -> weight (need not sum to 1).

    Returns
    -------
    str

    See Also
    --------
    hours : the other small draw.

    Examples
    --------
    >>> pick(np.random.default_rng(0), {"email": 0.0, "text": 1.0})
    'text'
    """
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def hours(rng: np.random.Generator, low: float, high: float) -> pd.Timedelta:
    """A whole number of minutes between ``low`` and ``high`` hours.

    Parameters
    ----------
    rng
        The random stream.
    low, high
        Bounds, in hours.

    Returns
    -------
    pandas.Timedelta

    See Also
    --------
    pick : the other small draw.

    Examples
    --------
    >>> pd.Timedelta(hours=2) <= hours(np.random.default_rng(0), 2, 3) < pd.Timedelta(hours=3)
    True
    """
    return pd.Timedelta(minutes=int(rng.uniform(low, high) * 60))


def _answer(rng: np.random.Generator, h: Habits, due_hours: float) -> pd.Timedelta | None:
    """Delay before the seeker answers a trigger, or None (never)."""
    if rng.random() < h.follows_up:
        return hours(rng, 1.0, due_hours * 0.9)
    if rng.random() < h.late:
        return hours(rng, due_hours * 1.5, due_hours * 5)
    return None


class _Simulation:
    """The events of one seeker, drawn from one generator (one method per kind of episode)."""

    def __init__(self, rng: np.random.Generator, people: pd.DataFrame, export: bool) -> None:
        self.rng, self.people, self.export = rng, people, export
        self.rows: list[dict] = []
        self.n = len(people)
        weight = 1.0 / (np.arange(self.n) + 2.0)  # a few close contacts, a long tail
        self.weight = weight / weight.sum()

    def add(self, at, person: int, channel: str, direction: str, kind: str, **extra) -> int:
        """Record one interaction with a provisional integer id (returned)."""
        ident = len(self.rows)
        row = {"id": ident, "at": at, "person": person, "channel": channel, "direction": direction}
        self.rows.append(row | {"kind": kind} | extra)
        return ident

    def who(self) -> int:
        """A contact, close ones more often."""
        return int(self.rng.choice(self.n, p=self.weight))

    def when(self, week: pd.Timestamp) -> pd.Timestamp:
        """A working-hours moment of ``week`` (before :data:`AS_OF`)."""
        days = 2 if week + pd.Timedelta(days=7) > AS_OF else 5
        t = week + pd.Timedelta(days=int(self.rng.integers(0, days))) + hours(self.rng, 8, 17)
        return min(t, AS_OF - pd.Timedelta(hours=1))

    def channel(self, weights: dict[str, float], *, linkedin_ok: bool) -> str:
        """A channel drawn from ``weights`` (LinkedIn left out unless ``linkedin_ok``)."""
        w = {k: v for k, v in weights.items() if linkedin_ok or k != "linkedin"}
        return pick(self.rng, w or {"email": 1.0})

    def gift_channel(self, h: Habits, kind: str) -> str:
        """The channel of a gift: live as often as the habits meet, otherwise written."""
        if self.export and kind in ("endorsement", "recommendation"):
            return "linkedin"  # one-click gifts live in the LinkedIn export
        if self.rng.random() < h.live:
            return pick(self.rng, h.live_channels)
        return self.channel(h.written, linkedin_ok=not self.export)

    def other_than(self, p: int) -> int:
        """Any contact but ``p`` (the person an introduction is to)."""
        return (p + 1 + int(self.rng.integers(0, self.n - 1))) % self.n

    def thank(self, h: Habits, p: int, t: pd.Timestamp) -> None:
        """The seeker's thanks for a meeting or a gift, if their habits send one (within 24 h)."""
        lag = _answer(self.rng, h, 24)
        if lag is not None:
            self.add(t + lag, p, self.channel(h.thanks, linkedin_ok=not self.export), "outbound", "thank_you")

    def receive(self, h: Habits, p: int, t: pd.Timestamp, kind: str) -> None:
        """A gift received, with the thanks and follow-up the seeker's habits give it."""
        ch = self.gift_channel(h, kind)
        extra = {}
        if kind in ("lead", "referral"):
            cold = self.rng.random() >= 0.6
            extra["company"] = str(self.rng.choice(COLD_COMPANIES)) if cold else self.people.loc[p, "company"]
        if kind == "introduction":
            extra["introduced"] = self.other_than(p)
        gid = self.add(t, p, ch, "inbound", kind, **extra)
        if kind != "endorsement":
            self.thank(h, p, t)
        if kind in ("lead", "referral", "introduction"):
            lag = _answer(self.rng, h, 72)
            if lag is not None:  # acting on it: writing to the person introduced, or about the lead
                target = extra.get("introduced", p)
                self.add(
                    t + lag, target, "email", "outbound", "follow_up", ref=gid, company=extra.get("company")
                )

    def give(self, h: Habits, p: int, t: pd.Timestamp, kind: str) -> None:
        """A gift given; the contact sometimes thanks the seeker."""
        ch = self.gift_channel(h, kind)
        extra = {"introduced": self.other_than(p)} if kind == "introduction" else {}
        self.add(t, p, ch, "outbound", kind, **extra)
        if kind != "endorsement" and self.rng.random() < 0.5:
            at = t + hours(self.rng, 2, 48)  # drawn before the channel
            self.add(at, p, pick(self.rng, {"email": 0.6, "text": 0.4}), "inbound", "thank_you")

    def meeting(self, h: Habits, p: int, t: pd.Timestamp) -> None:
        """A meeting or call, maybe arranged by a message, then thanks."""
        ch = pick(self.rng, h.live_channels)
        if self.rng.random() < h.pre_message:
            pre = t - pd.Timedelta(days=int(self.rng.integers(2, 6)))
            if pre > START:
                self.add(pre, p, self.channel(h.written, linkedin_ok=True), "outbound", "message")
        direction = "outbound" if self.rng.random() < 0.75 else "inbound"
        self.add(t, p, ch, direction, "meeting")
        self.thank(h, p, t)

    def inbound(self, h: Habits, p: int, t: pd.Timestamp) -> None:
        """The contact writes first; the seeker may answer."""
        ch = self.channel(h.written, linkedin_ok=True)
        self.add(t, p, ch, "inbound", "message")
        lag = _answer(self.rng, h, 48)
        if lag is not None:
            self.add(t + lag, p, ch, "outbound", "message")

    def conversation(self, h: Habits, p: int, t: pd.Timestamp) -> None:
        """Written outreach: a short conversation that stops when a side does not answer."""
        ch = self.channel(h.written, linkedin_ok=True)
        self.add(t, p, ch, "outbound", "message")
        cur = t
        for _round in range(int(self.rng.integers(1, h.rounds + 1))):
            if self.rng.random() > 0.75:
                break
            cur = cur + hours(self.rng, 2, 40)
            self.add(cur, p, ch, "inbound", "message")
            lag = _answer(self.rng, h, 48)
            if lag is None:
                break
            cur = cur + lag
            self.add(cur, p, ch, "outbound", "message")

    def week(self, h: Habits, week: pd.Timestamp) -> None:
        """One active week: outreach episodes, then gifts received, then gifts given."""
        for _ in range(max(1, int(self.rng.poisson(h.episodes)))):
            p, t = self.who(), self.when(week)
            r = self.rng.random()
            if r < h.live:
                self.meeting(h, p, t)
            elif r < h.live + 0.12:
                self.inbound(h, p, t)
            else:
                self.conversation(h, p, t)
        for _ in range(int(self.rng.poisson(h.receives))):
            self.receive(h, self.who(), self.when(week), pick(self.rng, GIFTS_RECEIVED))
        for _ in range(int(self.rng.poisson(h.gives))):
            self.give(h, self.who(), self.when(week), pick(self.rng, GIFTS_GIVEN))

    def every_gift_kind(self, base: Habits, early: pd.DatetimeIndex) -> None:
        """Every gift kind at least once in each direction (the seeker's own only if they give)."""
        kinds = pd.DataFrame(self.rows)[["kind", "direction"]].drop_duplicates()
        have = set(zip(kinds["kind"], kinds["direction"], strict=True))
        for direction in ("inbound", "outbound") if base.gives > 0 else ("inbound",):
            for kind in GIFTS_GIVEN:
                if (kind, direction) not in have:
                    act = self.receive if direction == "inbound" else self.give
                    act(base, self.who(), self.when(early[int(self.rng.integers(0, len(early)))]), kind)

    def frame(self) -> pd.DataFrame:
        """The events up to :data:`AS_OF`, in time order (``ref`` kept only within them)."""
        df = pd.DataFrame(self.rows)
        for col in ("ref", "company", "introduced"):
            if col not in df.columns:
                df[col] = None
        df = df[df["at"] <= AS_OF].copy()
        df["ref"] = df["ref"].where(df["ref"].isin(df["id"]))
        return df.sort_values(["at", "id"], kind="stable").reset_index(drop=True)


def simulate(rng: np.random.Generator, base: Habits, people: pd.DataFrame, export: bool) -> pd.DataFrame:
    """Generate one seeker's interactions (tracker and LinkedIn rows together).

    Parameters
    ----------
    rng
        The seeker's random stream.
    base
        The seeker's habits (their second phase, if any, applies from ``SWITCH``).
    people
        The seeker's network (:func:`~netlytics.sample.world.people_pool` rows); the
        ``person`` column holds positions in it.
    export
        Whether the seeker also has a LinkedIn export (one-click gifts then go through LinkedIn).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, at, person, channel, direction, kind, ref, company, introduced``.

    See Also
    --------
    netlytics.sample.applying.applications : drawn next, from the same stream.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from netlytics.sample.habits import COHORT
    >>> from netlytics.sample.world import people_pool
    >>> ix = simulate(np.random.default_rng(1), COHORT[0], people_pool().head(20), False)
    >>> bool(ix["at"].is_monotonic_increasing), bool((ix["at"] <= AS_OF).all())
    (True, True)
    """
    sim = _Simulation(rng, people, export)
    weeks = pd.date_range(START, AS_OF, freq="W-MON")
    last8 = np.arange(len(weeks) - 8, len(weeks))
    recent = set(rng.choice(last8, size=base.recent_weeks, replace=False).tolist())
    for wi, week in enumerate(weeks):
        h = base.at(week)
        active = wi in recent if wi >= len(weeks) - 8 else rng.random() < h.active_weeks
        if active:
            sim.week(h, week)
    sim.every_gift_kind(base, weeks[: len(weeks) - 8])
    return sim.frame()
