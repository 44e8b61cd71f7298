"""Target companies: where each seeker wants to work (docs/plan.md, "Target companies").

A target is a company the seeker follows, applied to recently or holds a lead at; the plan's
``warm_path`` and ``revive`` actions and the value of every action depend on it.
"""

from __future__ import annotations

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.metrics._common import as_data, resolve_as_of
from netlytics.plan._common import RECENT_DAYS, date_text, empty, id_lists
from netlytics.plan.who import company_key

__all__ = ["TARGET_COLUMNS", "target_companies"]

#: Columns and dtypes of :func:`target_companies`.
TARGET_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "company_key": "str",
    "company": "str",
    "applied_at": schema.TIMESTAMP,
    "lead_at": schema.TIMESTAMP,
    "followed": "bool",
    "lead_ids": "object",
    "why": "str",
}


def target_companies(data: NetworkData | pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """Each seeker's target companies and why each one is a target.

    A target is a company the seeker follows (``data.follows``, followed at or before
    ``as_of`` or undated), applied to in the last 90 days (``applied_at`` in ``[as_of - 90
    days, as_of]``) or where they hold a lead (an inbound interaction of kind ``lead`` with a
    ``company``, in the same window). Companies match by :func:`netlytics.identity.company_key`.
    An employer placeholder ("Confidential", "Stealth startup", "Company name withheld", "N/A",
    "LinkedIn"...: :func:`netlytics.plan.who.is_placeholder_company`) is never a target.

    Parameters
    ----------
    data : NetworkData or DataFrame
        The loaded data.
    as_of : timestamp-like, optional
        Default: the latest timestamp in the data.

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, company_key), sorted by both: ``seeker``, ``company_key``,
        ``company`` (as written: the latest application's spelling, else the lead's, else the
        follow's), ``applied_at`` (latest application in the window), ``lead_at`` (latest lead
        in the window), ``followed`` (bool), ``lead_ids`` (list of the lead interaction ids),
        ``why`` (a clause such as "you applied to Acme on 3 Mar").

    Raises
    ------
    ParameterError
        When ``data`` is not loaded data or ``as_of`` is not a date.

    See Also
    --------
    netlytics.plan.next_actions : warm paths and revivals at these companies.

    Examples
    --------
    >>> data = NetworkData(
    ...     applications=pd.DataFrame({"seeker": ["Ana", "Ana"], "application_id": ["a1", "a2"],
    ...         "company": ["Acme Inc.", "Globex"], "applied_at": pd.to_datetime(["2025-03-03", "2024-01-02"], utc=True),
    ...         "via": "online", "status": "applied"}),
    ...     follows=pd.DataFrame({"seeker": ["Ana"], "company": ["Initech"]}))
    >>> target_companies(data, as_of="2025-03-10")[["company_key", "followed", "why"]]
      company_key  followed                          why
    0        acme     False  you applied to Acme Inc. on 3 Mar
    1     initech      True                you follow Initech
    """
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    if as_of is None:
        return empty(TARGET_COLUMNS)
    cutoff = as_of - pd.Timedelta(days=RECENT_DAYS)
    apps, fol = _applied(data, cutoff, as_of), _followed(data, as_of)
    last_lead, lead_ids = _leads(data, cutoff, as_of)
    keys = pd.concat(
        [
            apps[["seeker", "company_key"]],
            last_lead[["seeker", "company_key"]],
            fol[["seeker", "company_key"]],
        ],
        ignore_index=True,
    ).drop_duplicates()
    if keys.empty:
        return empty(TARGET_COLUMNS)
    out = keys.merge(apps, how="left").merge(last_lead, how="left").merge(lead_ids, how="left")
    out = out.merge(fol, how="left")
    out["followed"] = out["_fol_company"].notna()
    company = out["_app_company"].fillna(out["_lead_company"]).fillna(out["_fol_company"]).str.strip()
    out["company"] = company
    why = "you follow " + company
    why = why.mask(
        out["lead_at"].notna(), "you got a lead at " + company + " on " + date_text(out["lead_at"], as_of)
    )
    why = why.mask(
        out["applied_at"].notna(), "you applied to " + company + " on " + date_text(out["applied_at"], as_of)
    )
    out["why"] = why
    out["lead_ids"] = out["lead_ids"].map(lambda v: v if isinstance(v, list) else [])
    out = out.sort_values(["seeker", "company_key"], kind="stable").reset_index(drop=True)
    return out[list(TARGET_COLUMNS)].astype(TARGET_COLUMNS)


def _applied(data: NetworkData, cutoff: pd.Timestamp, as_of: pd.Timestamp) -> pd.DataFrame:
    """The latest application per (seeker, company key) in ``[cutoff, as_of]``."""
    apps = data.applications
    apps = apps.loc[(apps["applied_at"] >= cutoff) & (apps["applied_at"] <= as_of)]
    apps = apps.assign(company_key=company_key(apps["company"])).dropna(subset=["company_key"])
    apps = apps.sort_values(["applied_at", "application_id"], kind="stable")
    return apps.drop_duplicates(["seeker", "company_key"], keep="last")[
        ["seeker", "company_key", "company", "applied_at"]
    ].rename(columns={"company": "_app_company"})


def _leads(data: NetworkData, cutoff: pd.Timestamp, as_of: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Inbound leads naming a company in ``[cutoff, as_of]``: the latest one and all their ids."""
    ix = data.interactions
    leads = ix.loc[
        (ix["kind"] == "lead")
        & (ix["direction"] == "inbound")
        & ix["company"].notna()
        & (ix["at"] >= cutoff)
        & (ix["at"] <= as_of)
    ]
    leads = leads.assign(company_key=company_key(leads["company"])).dropna(subset=["company_key"])
    leads = leads.sort_values(["at", "interaction_id"], kind="stable")
    lead_ids = id_lists(leads, ["seeker", "company_key"]).rename(columns={"evidence": "lead_ids"})
    last_lead = leads.drop_duplicates(["seeker", "company_key"], keep="last")[
        ["seeker", "company_key", "company", "at"]
    ].rename(columns={"company": "_lead_company", "at": "lead_at"})
    return last_lead, lead_ids


def _followed(data: NetworkData, as_of: pd.Timestamp) -> pd.DataFrame:
    """Companies followed at or before ``as_of`` (or undated), one row per company key."""
    fol = data.follows
    fol = fol.loc[fol["followed_at"].isna() | (fol["followed_at"] <= as_of)]
    fol = fol.assign(company_key=company_key(fol["company"])).dropna(subset=["company_key"])
    return fol.drop_duplicates(["seeker", "company_key"])[["seeker", "company_key", "company"]].rename(
        columns={"company": "_fol_company"}
    )
