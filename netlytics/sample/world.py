"""The fictional world of the sample: its calendar, people and companies (no randomness).

Every person and company is invented and obviously fictional (surnames such as *Example*,
*Sample*, *Placeholder*; companies such as *Acme Analytics*; e-mail domains under the reserved
``.example`` top-level domain). The story runs from :data:`START` (Monday 1 September 2025) to
:data:`AS_OF` (Tuesday 31 March 2026).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "START",
    "AS_OF",
    "SWITCH",
    "INTERACTION_COLUMNS",
    "CONTACT_COLUMNS",
    "APPLICATION_COLUMNS",
    "COMPANIES",
    "COLD_COMPANIES",
    "ROLES",
    "SKILLS",
    "slug",
    "people_pool",
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
ROLES = ("Data Analyst", "Product Analyst", "Analytics Engineer", "BI Developer", "Insights Analyst")
SKILLS = ("SQL", "Python", "Data Visualization", "Stakeholder Management", "Statistics", "Dashboards")


def slug(name: str) -> str:
    """A name as a profile slug (lower case, words joined by ``-``).

    Parameters
    ----------
    name
        A full name.

    Returns
    -------
    str

    See Also
    --------
    people_pool : uses it for profile URLs.

    Examples
    --------
    >>> slug("Zoë  Example")
    'zoë-example'
    """
    return "-".join(name.lower().split())


def people_pool() -> pd.DataFrame:
    """The fictional people every story draws from (same for every seed).

    One row per person: ``name``, ``first_name``, ``last_name``, ``company``, ``position``,
    ``email``, ``profile_url`` (raw Unicode slug). Names are unique after accent folding.

    Returns
    -------
    pandas.DataFrame
        456 rows.

    See Also
    --------
    netlytics.sample.story.make_story : draws each seeker's network from it.

    Raises
    ------
    Nothing.

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
    df["profile_url"] = "https://www.linkedin.com/in/" + df["name"].map(slug)
    return df[["name", "first_name", "last_name", "company", "position", "email", "profile_url"]]
