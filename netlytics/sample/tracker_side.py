"""The tracker side of a seeker's story: the sheets in tracker layout, as the seeker would type them.

The tracker spells people a little differently from the LinkedIn export (no accents, ", MBA",
URLs with a trailing slash or ``http://``) and names them by name, e-mail or URL, so that
loading both shows how netlytics merges one person seen in two files.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlytics.sample.habits import Habits
from netlytics.sample.world import APPLICATION_COLUMNS, INTERACTION_COLUMNS

__all__ = ["Tracker", "tracker"]


@dataclass
class Tracker:
    """One seeker's tracker in contract C1 layout (the columns people type).

    Parameters
    ----------
    seeker
        The seeker's name.
    contacts, interactions, applications
        The three sheets (columns of :data:`~netlytics.sample.template.TRACKER_COLUMNS`).

    See Also
    --------
    netlytics.sample.template.write_tracker : writes the sheets.
    """

    seeker: str
    contacts: pd.DataFrame
    interactions: pd.DataFrame
    applications: pd.DataFrame


def _interaction_rows(h: Habits, ix: pd.DataFrame) -> pd.DataFrame:
    """The interactions sheet with ids, refs and notes; ``contact``/``introduced`` still empty."""
    ids = pd.Series([f"I{k:04d}" for k in range(1, len(ix) + 1)], index=ix.index)
    id_map = pd.Series(ids.to_numpy(), index=ix["id"].to_numpy())
    notes = pd.Series(None, index=ix.index, dtype=object)
    notes[ix["kind"] == "meeting"] = "coffee chat"
    notes[(ix["kind"] == "lead") & (ix["direction"] == "inbound")] = "+ job lead, see company column"
    notes[ix["kind"] == "thank_you"] = "-"
    return pd.DataFrame(
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


def _spellings(c: pd.DataFrame, r: np.ndarray) -> tuple[pd.Series, pd.Series]:
    """The tracker's spelling of each person's name and profile URL (from draws ``r``)."""
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
    return name, url


def _contacts(rng, h: Habits, c: pd.DataFrame, ix: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """The contacts sheet (``connected_on``: the first meeting's day, known 60 % of the time)."""
    first_at = ix.groupby("person")["at"].min()
    contacts = pd.DataFrame(
        {
            "name": sheet["name"],
            "company": c["company"],
            "position": c["position"],
            "email": sheet["email"],
            "profile_url": sheet["profile_url"],
            "connected_on": pd.Series(c.index, index=c.index)
            .map(first_at)
            .dt.floor("D")
            .dt.tz_localize(None),
            "notes": None,
            "seeker": h.name,
        }
    ).reset_index(drop=True)
    contacts["connected_on"] = contacts["connected_on"].where(rng.random(len(contacts)) < 0.6)
    return contacts


def _written(rng, h: Habits, ix: pd.DataFrame, sheet: pd.DataFrame) -> pd.Series:
    """Each interaction's person as the tracker knows them: an e-mail or URL only when the
    contacts sheet has it, otherwise the name as the tracker spells it (sometimes in lower case)."""
    person = ix["person"].astype("Int64")
    form = pd.Series(rng.random(len(ix)), index=ix.index)
    written = person.map(sheet["name"])
    written = written.mask((form > 0.70) & (form <= 0.80), written.str.lower())
    if h.layout != "csv":  # a lone CSV has no contacts sheet: people can only be named
        email_form = (form > 0.80) & (form <= 0.90) & person.map(sheet["email"]).notna()
        written = written.mask(email_form, person.map(sheet["email"]))
        written = written.mask(
            (form > 0.90) & person.map(sheet["profile_url"]).notna(), person.map(sheet["profile_url"])
        )
    return written


def _application_rows(h: Habits, apps: pd.DataFrame, spelled: pd.Series) -> pd.DataFrame:
    """The applications sheet (dates only, the referrer named as the tracker spells them)."""
    apps = apps.reset_index(drop=True)
    return pd.DataFrame(
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


def tracker(
    rng, h: Habits, people: pd.DataFrame, ix: pd.DataFrame, apps: pd.DataFrame, export: bool
) -> Tracker:
    """The tracker sheets in C1 layout, as the seeker would type them.

    Parameters
    ----------
    rng
        The seeker's random stream (drawn after the LinkedIn side, if any).
    h
        The seeker's habits (name and layout).
    people
        The seeker's network.
    ix, apps
        The simulated interactions and applications.
    export
        Whether the seeker has a LinkedIn export: its messages, endorsements, recommendations
        and Easy Apply applications are then left out of the tracker.

    Returns
    -------
    Tracker

    See Also
    --------
    netlytics.sample.template.write_tracker : writes it.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from netlytics.sample.story import COHORT, make_story
    >>> t = make_story(COHORT[0], seed=1, index=1).tracker
    >>> t.interactions["interaction_id"].iloc[0], list(t.contacts.columns)[:3]
    ('I0001', ['name', 'company', 'position'])
    """
    if export:  # LinkedIn messages, endorsements and recommendations live in the export
        in_export = (ix["channel"] == "linkedin") & ix["kind"].isin(
            ["message", "endorsement", "recommendation"]
        )
        ix = ix[~in_export]
        apps = apps[~apps["easy_apply"]]
    ix = ix.reset_index(drop=True)
    interactions = _interaction_rows(h, ix)
    used = sorted(
        set(ix["person"].dropna().astype(int))
        | set(ix["introduced"].dropna().astype(int))
        | set(apps["person"].dropna().astype(int))
    )
    c = people.loc[used]
    r = rng.random(len(c))
    name, url = _spellings(c, r)
    # the sheet's own columns, by person: the spelled name, the e-mail it shows, the URL
    sheet = pd.DataFrame(
        {
            "name": name.to_numpy(),
            "email": c["email"].where(r > 0.4).to_numpy(),
            "profile_url": url.to_numpy(),
        },
        index=c.index,
    )
    contacts = _contacts(rng, h, c, ix, sheet)
    interactions["contact"] = _written(rng, h, ix, sheet)
    interactions["introduced"] = ix["introduced"].astype("Int64").map(sheet["name"])
    applications = _application_rows(h, apps, sheet["name"])
    return Tracker(h.name, contacts, interactions[INTERACTION_COLUMNS], applications[APPLICATION_COLUMNS])
