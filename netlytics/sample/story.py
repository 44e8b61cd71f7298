"""The seeded story behind ``data/sample/``: fictional people, their habits and their events.

Everything is generated from a :class:`numpy.random.Generator` with a fixed seed and a
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

The pieces live in modules of one purpose each: :mod:`~netlytics.sample.world` (calendar,
people, companies), :mod:`~netlytics.sample.habits` (the seekers' profiles),
:mod:`~netlytics.sample.simulate` (interactions week by week),
:mod:`~netlytics.sample.applying` (applications), :mod:`~netlytics.sample.linkedin_side` and
:mod:`~netlytics.sample.tracker_side` (what each file holds). :func:`make_story` draws them in
that order from one random stream per seeker; the names are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netlytics.sample.applying import applications
from netlytics.sample.habits import COHORT, ROBIN, SAM, Habits
from netlytics.sample.linkedin_side import linkedin_export
from netlytics.sample.linkedin_writer import ExportSpec
from netlytics.sample.simulate import simulate
from netlytics.sample.tracker_side import Tracker, tracker
from netlytics.sample.world import (
    APPLICATION_COLUMNS,
    AS_OF,
    COLD_COMPANIES,
    COMPANIES,
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    START,
    SWITCH,
    people_pool,
)

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
    "COMPANIES",
    "COLD_COMPANIES",
    "INTERACTION_COLUMNS",
    "CONTACT_COLUMNS",
    "APPLICATION_COLUMNS",
    "people_pool",
    "make_story",
]


@dataclass
class SeekerStory:
    """Everything generated for one seeker: the tracker and, optionally, a LinkedIn export.

    Parameters
    ----------
    habits
        The seeker's profile.
    tracker
        The tracker sheets.
    export
        The LinkedIn export (``None`` when the seeker has none).

    See Also
    --------
    make_story : generates one.
    """

    habits: Habits
    tracker: Tracker
    export: ExportSpec | None = None


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

    See Also
    --------
    netlytics.sample.generate_sample : writes every story.

    Raises
    ------
    Nothing.

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
    ix = simulate(rng, habits, people, export)
    apps = applications(rng, habits, people, ix)
    spec = linkedin_export(rng, habits, people, ix, apps) if export else None
    return SeekerStory(habits, tracker(rng, habits, people, ix, apps, export), spec)
