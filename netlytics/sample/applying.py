"""One seeker's job applications: networked ones after a touch at the company, cold ones before any."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics.sample.habits import Habits
from netlytics.sample.simulate import hours, pick
from netlytics.sample.world import AS_OF, COLD_COMPANIES, COMPANIES, ROLES, START

__all__ = ["applications"]


def _empty() -> pd.DataFrame:
    """No applications (a seeker who makes none), with the columns and dtypes of some."""
    return pd.DataFrame(
        {
            "applied_at": pd.Series(dtype="datetime64[ns, UTC]"),
            **{c: pd.Series(dtype=object) for c in ("company", "via", "person", "status", "role")},
            "easy_apply": pd.Series(dtype=bool),
            "status_at": pd.Series(dtype="datetime64[ns, UTC]"),
        }
    )


def _outbound_touches(people: pd.DataFrame, ix: pd.DataFrame) -> pd.DataFrame:
    """The seeker's own touches (and meetings, events), with the contact's company."""
    out_touch = ix[(ix["direction"] == "outbound") | ix["kind"].isin(["meeting", "event"])]
    out_touch = out_touch[~out_touch["kind"].isin(["endorsement", "recommendation", "invitation"])]
    return out_touch.assign(company=out_touch["person"].map(people["company"]))


def _networked(rng, people: pd.DataFrame, before: pd.DataFrame) -> tuple:
    """An application made a few days after a touch drawn from ``before``."""
    row = before.iloc[int(rng.integers(0, len(before)))]
    applied = row["at"] + pd.Timedelta(days=int(rng.integers(1, 20))) + hours(rng, 0, 8)
    applied = min(applied, AS_OF - pd.Timedelta(days=1))
    via = pick(rng, {"referral": 0.4, "network": 0.35, "online": 0.25})
    person = row["person"] if via == "referral" else None
    return applied, people.loc[row["person"], "company"], via, person


def _cold(rng, hh: Habits, day: pd.Timestamp, first_touch: pd.Series) -> tuple:
    """An application at a company nobody was touched at before applying."""
    later = first_touch[first_touch > day + pd.Timedelta(days=5)]
    if len(later) and rng.random() < 0.5:
        company = str(later.index[int(rng.integers(0, len(later)))])
    else:
        company = str(rng.choice(COLD_COMPANIES))
    via = "online" if rng.random() < hh.online else pick(rng, {"recruiter": 0.6, "other": 0.4})
    return day + hours(rng, 8, 20), company, via, None


def _outcomes(rng, apps: pd.DataFrame) -> pd.DataFrame:
    """Company spellings, statuses and their dates, roles and Easy Apply flags."""
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
    apps["role"] = [ROLES[int(k)] for k in rng.integers(0, len(ROLES), len(apps))]
    # online applications made with LinkedIn's Easy Apply (they appear in the export, not the tracker)
    apps["easy_apply"] = (apps["via"] == "online") & (rng.random(len(apps)) < 0.7)
    return apps


def applications(rng: np.random.Generator, h: Habits, people: pd.DataFrame, ix: pd.DataFrame) -> pd.DataFrame:
    """Applications: networked ones after a touch at the company, the others before any.

    Parameters
    ----------
    rng
        The seeker's random stream (drawn after :func:`~netlytics.sample.simulate.simulate`).
    h
        The seeker's habits (``applications``, ``networked``, ``online``; their second phase
        applies to applications dated from ``SWITCH`` on).
    people
        The seeker's network.
    ix
        The simulated interactions.

    Returns
    -------
    pandas.DataFrame
        Columns ``applied_at, company, via, person, status, status_at, role, easy_apply``, in
        date order.

    See Also
    --------
    netlytics.sample.simulate.simulate : the interactions drawn before.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from netlytics.sample.habits import COHORT
    >>> from netlytics.sample.world import people_pool
    >>> applications(np.random.default_rng(0), COHORT[7], people_pool(), pd.DataFrame()).empty
    True
    """
    if h.applications == 0:
        return _empty()
    out_touch = _outbound_touches(people, ix)
    first_touch = out_touch.groupby("company")["at"].min()
    rows = []
    for _ in range(h.applications):
        # networked share follows the phase of a random application date
        day = START + pd.Timedelta(days=int(rng.integers(7, (AS_OF - START).days - 3)))
        hh = h.at(day)
        if rng.random() < hh.networked and len(out_touch):
            before = out_touch[(out_touch["at"] < day) & (out_touch["at"] > day - pd.Timedelta(days=60))]
            if len(before):
                rows.append(_networked(rng, people, before))
                continue
        rows.append(_cold(rng, hh, day, first_touch))
    apps = pd.DataFrame(rows, columns=["applied_at", "company", "via", "person"])
    return _outcomes(rng, apps).sort_values("applied_at", kind="stable").reset_index(drop=True)
