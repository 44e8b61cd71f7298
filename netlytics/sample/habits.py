"""How each fictional seeker networks: the :class:`Habits` profile and the sample's seekers.

:data:`ROBIN` is the main sample seeker, :data:`COHORT` the twelve clients of the sample
cohort (each built so that one networking mistake, or none, is unmistakable) and :data:`SAM`
the seeker who keeps no tracker.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from netlytics.sample.world import SWITCH

__all__ = ["Habits", "ROBIN", "COHORT", "SAM"]


@dataclass(frozen=True)
class Habits:
    """How one fictional seeker networks. Rates are per active week; shares are probabilities.

    Parameters
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

    See Also
    --------
    netlytics.sample.story.make_story : the story these habits give.
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

    def at(self, when: pd.Timestamp) -> Habits:
        """The habits in force at ``when``: :attr:`phase2` applied from :data:`SWITCH` on.

        Parameters
        ----------
        when
            A moment of the story.

        Returns
        -------
        Habits

        Examples
        --------
        >>> ROBIN.at(SWITCH).live, ROBIN.at(SWITCH - pd.Timedelta(days=1)).live
        (0.5, 0.15)
        """
        return replace(self, **self.phase2) if self.phase2 and when >= SWITCH else self


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
