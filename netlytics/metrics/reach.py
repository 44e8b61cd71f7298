"""Warm paths into target companies: who the seeker knows where (docs/spec/METRICS.md section 4).

Companies are matched with :func:`netlytics.identity.company_key` (case, punctuation and legal
suffixes ignored: "Acme Inc." is "ACME"). A contact counts at a company through its
``contacts.company``; contacts of another seeker never count in :func:`company_reach`.
"""

from __future__ import annotations

import pandas as pd

from netlytics import identity
from netlytics._checks import check_choice
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.errors import ParameterError
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.ties import _tie_strength
from netlytics.metrics.touches import empty_frame

__all__ = ["company_reach", "warm_paths", "RECENT_DAYS"]

#: "Touched recently" in :func:`company_reach`: a touch in ``[as_of - 90 days, as_of]``.
RECENT_DAYS = 90

REACH_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "company": "str",
    "company_key": "str",
    "contacts": "int64",
    "strong_ties": "int64",
    "touched_90": "int64",
    "applications": "int64",
    "followed": "bool",
    "last_touch_at": "datetime64[ns, UTC]",
}

PATH_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "route": "str",
    "via": "str",
    "contact_id": "str",
    "name": "str",
    "position": "str",
    "company": "str",
    "tie": "str",
    "score": "float64",
    "days_since_last": "float64",
    "touches": "int64",
    "gives": "int64",
    "receives": "int64",
    "why": "str",
}


def _mode_spelling(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per ``keys``, the most frequent ``raw`` spelling (ties: alphabetical first)."""
    counts = df.groupby([*keys, "raw"]).size().rename("n").reset_index()
    counts = counts.sort_values(
        [*keys, "n", "raw"], ascending=[True] * len(keys) + [False, True], kind="stable"
    )
    return counts.drop_duplicates(keys)[[*keys, "raw"]].rename(columns={"raw": "company"})


def _contacts_at(data: NetworkData, ties: pd.DataFrame) -> pd.DataFrame:
    """Every (seeker, contact) with a company key, joined with its tie-strength row."""
    c = data.contacts.drop_duplicates(["seeker", "contact_id"])
    c = c.assign(company_key=identity.company_key(c["company"]))
    c = c.loc[c["company_key"].notna(), ["seeker", "contact_id", "company", "company_key", "position"]]
    t = ties.drop(columns=["name", "company"])
    names = data.contacts.drop_duplicates(["seeker", "contact_id"])[["seeker", "contact_id", "name"]]
    return c.merge(names, on=["seeker", "contact_id"], how="left").merge(
        t, on=["seeker", "contact_id"], how="left"
    )


@dispatchable
@fill
def company_reach(data: NetworkData | pd.DataFrame, *, as_of=None, since=None) -> pd.DataFrame:
    """Per seeker and company: contacts there, strong ties, recent touches, applications.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, company key) that the seeker has a contact at, applied to or
        follows, sorted by seeker, then applications, strong ties and contacts (most first),
        then company key. Columns: ``seeker``; ``company`` (display name: the seeker's most
        frequent spelling); ``company_key``; ``contacts``; ``strong_ties``; ``touched_90``
        (contacts there with a touch, either direction, in ``[as_of - 90 days, as_of]``);
        ``applications``; ``followed``; ``last_touch_at`` (the latest touch with anyone there).
        Ties are classified at ``as_of`` (:func:`~netlytics.metrics.ties.tie_strength`);
        applications sent after it do not count.

    Raises
    ------
    ParameterError
        For a bad ``as_of`` or ``since``.

    See Also
    --------
    warm_paths : who to ask at one company.
    netlytics.metrics.overlap.cohort_overlap : peers with contacts at a seeker's targets.

    Examples
    --------
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Ana", "Ana"], "contact_id": ["bo", "cy"],
    ...                            "company": ["Acme Inc.", "Globex"]}),
    ...     applications=pd.DataFrame({"seeker": ["Ana"], "application_id": ["a1"], "company": ["ACME"],
    ...                                "applied_at": pd.to_datetime(["2025-02-01"], utc=True),
    ...                                "via": ["online"], "status": ["applied"]}))
    >>> company_reach(data)[["company", "company_key", "contacts", "applications"]]
      company company_key  contacts  applications
    0    ACME        acme         1             1
    1  Globex      globex         1             0
    """
    return _company_reach(scope(data, as_of, since))


def _company_reach(w: Window, ties: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`company_reach` of a window (``ties``: its tie-strength table, if computed)."""
    data, as_of = w.data, w.as_of
    if as_of is None:
        return empty_frame(REACH_COLUMNS)
    ties = _tie_strength(w) if ties is None else ties
    at = _contacts_at(data, ties)
    recent = at["last_at"] >= as_of - pd.Timedelta(days=RECENT_DAYS)
    at = at.assign(_strong=at["tie"].eq("strong").astype("int64"), _recent=recent.astype("int64"))
    reach = at.groupby(["seeker", "company_key"]).agg(
        contacts=("contact_id", "nunique"),
        strong_ties=("_strong", "sum"),
        touched_90=("_recent", "sum"),
        last_touch_at=("last_at", "max"),
    )

    apps = data.applications.loc[data.applications["applied_at"] <= as_of]
    apps = apps.assign(company_key=identity.company_key(apps["company"]))
    apps = apps.loc[apps["company_key"].notna()]
    napps = apps.groupby(["seeker", "company_key"]).size().rename("applications")
    fol = data.follows.assign(company_key=identity.company_key(data.follows["company"]))
    fol = fol.loc[fol["company_key"].notna() & (fol["followed_at"].isna() | (fol["followed_at"] <= as_of))]
    nfol = fol.groupby(["seeker", "company_key"]).size().rename("follows")

    out = pd.concat([reach, napps, nfol], axis=1)
    if out.empty:
        return empty_frame(REACH_COLUMNS)
    out = out.reset_index()
    for col in ("contacts", "strong_ties", "touched_90", "applications", "follows"):
        out[col] = out[col].fillna(0).astype("int64")
    out["followed"] = out["follows"] > 0

    raw = pd.concat(
        [
            at[["seeker", "company_key", "company"]],
            apps[["seeker", "company_key", "company"]],
            fol[["seeker", "company_key", "company"]],
        ],
        ignore_index=True,
    ).rename(columns={"company": "raw"})
    raw["raw"] = raw["raw"].str.strip()
    out = out.merge(_mode_spelling(raw, ["seeker", "company_key"]), on=["seeker", "company_key"], how="left")
    out = out.sort_values(
        ["seeker", "applications", "strong_ties", "contacts", "company_key"],
        ascending=[True, False, False, False, True],
        kind="stable",
    )
    return out[list(REACH_COLUMNS)].astype(REACH_COLUMNS).reset_index(drop=True)


def _fmt_days(days: pd.Series) -> pd.Series:
    d = days.round().astype("Int64").astype("str")
    text = "last touch " + d + " days ago"
    text = text.mask(days.round().eq(0), "touched today").mask(days.round().eq(1), "last touch yesterday")
    return text.fillna("never touched")


def _why(p: pd.DataFrame) -> pd.Series:
    """One sentence per row explaining why (and how) to ask this person."""
    tie_text = p["tie"] + " tie (score " + p["score"].round(2).map("{:.2f}".format).astype("str") + ")"
    n = p["touches"]
    touched = n.astype("str") + " touches, " + _fmt_days(p["days_since_last"])
    touched = touched.mask(n.eq(1), "1 touch, " + _fmt_days(p["days_since_last"])).mask(
        n.eq(0), "no touch yet"
    )
    gave = pd.Series("", index=p.index, dtype="str")
    gave = gave.mask(p["gives"].gt(0) & p["receives"].gt(0), "; you have both given")
    gave = gave.mask(p["gives"].gt(0) & p["receives"].eq(0), "; you have given to them")
    gave = gave.mask(p["gives"].eq(0) & p["receives"].gt(0), "; they have helped you: thank them, offer help")
    direct = tie_text + ": " + touched + gave
    direct = direct.mask(p["tie"].eq("dormant"), direct + "; reconnect before asking")
    peer = (
        p["via"] + " knows them (" + tie_text + ", " + _fmt_days(p["days_since_last"]) + "): ask " + p["via"]
    )
    peer = peer + " for an introduction"
    return direct.where(p["route"].eq("direct"), peer).astype("str")


@fill
def warm_paths(
    data: NetworkData | pd.DataFrame,
    company: str,
    *,
    as_of=None,
    since=None,
    seeker: str | None = None,
) -> pd.DataFrame:
    """Who to ask about ``company``, best first, and why.

    Parameters
    ----------
    data
        The loaded data.
    company
        A company name as any file writes it ("Acme Inc.", "ACME"...): matched by company key.
    {as_of}
    {since}
    seeker : str, optional
        One seeker of a cohort: their own contacts there (``route="direct"``), then contacts of
        other seekers in the data whom they could ask for an introduction (``route="peer"``,
        ``via`` = the peer; people the seeker already knows are not repeated). Default: every
        seeker's own contacts.

    Returns
    -------
    pandas.DataFrame
        Sorted by seeker, route (direct first), tie score (highest first), days since the last
        touch (most recent first) and contact_id. Columns: ``seeker``, ``route``, ``via``,
        ``contact_id``, ``name``, ``position``, ``company``, ``tie``, ``score``,
        ``days_since_last``, ``touches``, ``gives``, ``receives``, ``why`` (one sentence).
        Empty when nobody is known there.

    Raises
    ------
    ParameterError
        For an empty company name, a seeker not in the data (with a suggestion), a bad
        ``as_of`` or ``since``.

    See Also
    --------
    company_reach : every company the seeker can reach.

    Notes
    -----
    Not per seeker (peers' contacts are routes), so it takes no ``engine``.

    Examples
    --------
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Ana", "Ana"], "contact_id": ["bo", "cy"],
    ...                            "name": ["Bo", "Cy"], "company": ["Acme Inc.", "ACME"]}),
    ...     interactions=pd.DataFrame({"seeker": ["Ana"], "interaction_id": ["1"], "contact_id": ["cy"],
    ...                                "at": pd.to_datetime(["2025-03-01"], utc=True), "channel": ["video"],
    ...                                "direction": ["outbound"], "kind": ["meeting"]}))
    >>> paths = warm_paths(data, "acme")
    >>> paths[["name", "tie", "score"]].round(2)
      name      tie  score
    0   Cy   medium   0.47
    1   Bo  dormant   0.00
    >>> paths["why"].tolist()
    ['medium tie (score 0.47): 1 touch, touched today', 'dormant tie (score 0.00): no touch yet; reconnect before asking']
    """
    if not isinstance(company, str) or not company.strip():
        raise ParameterError(f"warm_paths() needs a company name, e.g. 'Acme Inc.'; got {company!r}.")
    key = identity.company_key(pd.Series([company], dtype="str")).iloc[0]
    w = scope(data, as_of, since)
    if seeker is not None:
        check_choice("seeker", seeker, w.seekers, what="is not in the data")
    if w.as_of is None or pd.isna(key):
        return empty_frame(PATH_COLUMNS)
    return _paths(_contacts_at(w.data, _tie_strength(w)), key, seeker)


def _paths(at: pd.DataFrame, key: str, seeker: str | None) -> pd.DataFrame:
    """The warm paths to the company ``key`` from the contacts-at-companies table ``at``."""
    at = at.loc[at["company_key"] == key]
    for col in ("touches", "gives", "receives"):
        at[col] = at[col].fillna(0).astype("int64")
    at["score"] = at["score"].fillna(0.0)
    at["tie"] = at["tie"].fillna("dormant")
    if seeker is None:
        paths = at.assign(route="direct", via=pd.Series(pd.NA, index=at.index, dtype="str"))
    else:
        own = at.loc[at["seeker"] == seeker].assign(
            route="direct", via=pd.Series(pd.NA, index=at.index, dtype="str")
        )
        peers = at.loc[(at["seeker"] != seeker) & ~at["contact_id"].isin(own["contact_id"])]
        peers = peers.assign(route="peer", via=peers["seeker"], seeker=seeker)
        paths = pd.concat([own, peers], ignore_index=True)
    if paths.empty:
        return empty_frame(PATH_COLUMNS)
    paths = paths.assign(why=_why(paths), _route=paths["route"].ne("direct"))
    paths = paths.sort_values(
        ["seeker", "_route", "score", "days_since_last", "contact_id"],
        ascending=[True, True, False, True, True],
        na_position="last",
        kind="stable",
    )
    return paths[list(PATH_COLUMNS)].astype(PATH_COLUMNS).reset_index(drop=True)
