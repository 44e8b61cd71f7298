"""Cohort overlap: clients who know people at each other's target companies.

A coach with a cohort can suggest peer introductions: if Ana applied to (or follows) Acme and
Bo has three contacts at Acme, Bo can introduce Ana. Only ids and company keys are used, so
pseudonymised data works as well as named data.
"""

from __future__ import annotations

import pandas as pd

from netlytics import identity
from netlytics._checks import check_positive_int
from netlytics._docstrings import fill
from netlytics.data import NetworkData
from netlytics.metrics._window import scope
from netlytics.metrics.ties import _tie_strength
from netlytics.metrics.touches import empty_frame

__all__ = ["cohort_overlap"]

OVERLAP_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "peer": "str",
    "company": "str",
    "company_key": "str",
    "target": "str",
    "peer_contacts": "int64",
    "peer_strong_ties": "int64",
    "seeker_contacts": "int64",
    "example_contact_ids": "str",
    "example_names": "str",
}


def _targets(data: NetworkData, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per (seeker, company_key): the seeker's spelling and whether applied, followed or both."""
    apps = data.applications.loc[data.applications["applied_at"] <= as_of, ["seeker", "company"]]
    fol = data.follows.loc[
        data.follows["followed_at"].isna() | (data.follows["followed_at"] <= as_of), ["seeker", "company"]
    ]
    t = pd.concat([apps.assign(_applied=True, _followed=False), fol.assign(_applied=False, _followed=True)])
    t = t.assign(company_key=identity.company_key(t["company"]), company=t["company"].str.strip())
    t = t.loc[t["company_key"].notna()]
    g = t.groupby(["seeker", "company_key"], as_index=False)
    flags = g.agg(_applied=("_applied", "any"), _followed=("_followed", "any"))
    spell = t.groupby(["seeker", "company_key", "company"]).size().rename("n").reset_index()
    spell = spell.sort_values(["seeker", "company_key", "n", "company"], ascending=[True, True, False, True])
    spell = spell.drop_duplicates(["seeker", "company_key"])[["seeker", "company_key", "company"]]
    out = flags.merge(spell, on=["seeker", "company_key"])
    out["target"] = "applied"
    out.loc[~out["_applied"], "target"] = "followed"
    out.loc[out["_applied"] & out["_followed"], "target"] = "applied+followed"
    return out[["seeker", "company_key", "company", "target"]]


@fill
def cohort_overlap(data: NetworkData, *, as_of=None, since=None, examples: int = 3) -> pd.DataFrame:
    """Pairs of clients where the peer knows people at the seeker's target companies.

    A target company is one the seeker applied to (applications) or follows (``data.follows``).
    The peer's contacts count at a company through their ``contacts.company`` (matched by
    company key).

    Parameters
    ----------
    data : NetworkData
        The loaded data of a cohort (with one seeker there is no pair to report).
    {as_of}
    {since}
    examples : int, default 3
        How many example contacts to list per row (the peer's strongest ties there first).

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, peer, company), sorted by seeker, peer_contacts (most first),
        company_key and peer. Columns: ``seeker``; ``peer``; ``company`` (the seeker's
        spelling); ``company_key``; ``target`` (``applied``, ``followed`` or
        ``applied+followed``); ``peer_contacts`` (the peer's contacts there);
        ``peer_strong_ties`` (of which strong ties of the peer); ``seeker_contacts`` (the
        seeker's own contacts there, for context); ``example_contact_ids`` and
        ``example_names`` (up to ``examples`` of the peer's contacts there, strongest tie
        first, joined with ``"; "``; names are empty when unknown).

    Raises
    ------
    ParameterError
        When ``examples`` is not a whole number >= 0, or ``as_of``/``since`` is not a date.

    See Also
    --------
    netlytics.metrics.reach.company_reach : one seeker's own reach.

    Notes
    -----
    Across seekers by nature (pairs of clients), so it takes no ``engine``.

    Examples
    --------
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Bo", "Bo"], "contact_id": ["c1", "c2"],
    ...                            "company": ["Acme Inc.", "Acme"]}),
    ...     applications=pd.DataFrame({"seeker": ["Ana"], "application_id": ["a1"], "company": ["ACME"],
    ...                                "applied_at": pd.to_datetime(["2025-02-01"], utc=True),
    ...                                "via": ["online"], "status": ["applied"]}))
    >>> cohort_overlap(data)[["seeker", "peer", "company", "peer_contacts", "example_contact_ids"]]
      seeker peer company  peer_contacts example_contact_ids
    0    Ana   Bo    ACME              2              c1; c2
    """
    examples = check_positive_int("examples", examples, allow_zero=True)
    w = scope(data, as_of, since)
    data, as_of = w.data, w.as_of
    if as_of is None:
        return empty_frame(OVERLAP_COLUMNS)
    targets = _targets(data, as_of)
    c = data.contacts.drop_duplicates(["seeker", "contact_id"])
    c = c.assign(company_key=identity.company_key(c["company"]))
    c = c.loc[c["company_key"].notna(), ["seeker", "contact_id", "name", "company_key"]]
    if targets.empty or c.empty:
        return empty_frame(OVERLAP_COLUMNS)
    ties = _tie_strength(w)[["seeker", "contact_id", "score", "tie"]]
    c = c.merge(ties, on=["seeker", "contact_id"], how="left")
    c = c.assign(score=c["score"].fillna(0.0), _strong=c["tie"].eq("strong").astype("int64"))

    own = c.groupby(["seeker", "company_key"]).size().rename("seeker_contacts")
    pc = c.rename(columns={"seeker": "peer"})
    pairs = targets.merge(pc, on="company_key")
    pairs = pairs.loc[pairs["peer"] != pairs["seeker"]]
    if pairs.empty:
        return empty_frame(OVERLAP_COLUMNS)
    out = _aggregate(pairs, own, examples)
    return out[list(OVERLAP_COLUMNS)].astype(OVERLAP_COLUMNS).reset_index(drop=True)


def _aggregate(pairs: pd.DataFrame, own: pd.Series, examples: int) -> pd.DataFrame:
    """One row per (seeker, peer, company): counts and the peer's strongest contacts there."""
    keys = ["seeker", "peer", "company_key"]
    pairs = pairs.sort_values([*keys, "score", "contact_id"], ascending=[True, True, True, False, True])
    g = pairs.groupby(keys, sort=False)
    out = g.agg(
        company=("company", "first"),
        target=("target", "first"),
        peer_contacts=("contact_id", "nunique"),
        peer_strong_ties=("_strong", "sum"),
    )
    head = pairs.groupby(keys, sort=False).head(examples)
    hg = head.groupby(keys, sort=False)
    out["example_contact_ids"] = hg["contact_id"].agg("; ".join)
    out["example_names"] = hg["name"].agg(lambda s: "; ".join(s.dropna()))
    out = out.reset_index()
    out["example_contact_ids"] = out["example_contact_ids"].fillna("")
    out["example_names"] = out["example_names"].fillna("")
    out = out.merge(own.reset_index(), on=["seeker", "company_key"], how="left")
    out["seeker_contacts"] = out["seeker_contacts"].fillna(0).astype("int64")
    out = out.sort_values(
        ["seeker", "peer_contacts", "company_key", "peer"], ascending=[True, False, True, True], kind="stable"
    )
    return out
