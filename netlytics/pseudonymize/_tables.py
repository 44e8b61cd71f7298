"""Each canonical table with its people, files, ids and free text replaced (one function a table)."""

from __future__ import annotations

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.pseudonymize._aliases import Aliases
from netlytics.pseudonymize._contacts import CONTACT_ID_COLUMNS, email_token, id_token, url_token


def _null(index: pd.Index) -> pd.Series:
    """An all-missing text column."""
    return pd.Series(pd.NA, index=index, dtype="str")


def base(data: NetworkData, al: Aliases, name: str) -> pd.DataFrame:
    """A table's canonical columns with its seekers and sources renamed.

    Non-canonical columns (message ``content``...) are dropped.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.
    name
        The table.

    Returns
    -------
    pandas.DataFrame

    See Also
    --------
    all_tables : every table.
    """
    df = getattr(data, name)
    df = df[schema.TABLES[name].columns].copy()
    if "seeker" in df.columns:
        df["seeker"] = df["seeker"].map(al.seeker).astype("str")
    if "source" in df.columns:
        df["source"] = al.source(df["source"])
    return df


def contacts(data: NetworkData, al: Aliases) -> pd.DataFrame:
    """The contacts with ids, names, e-mails, profile URLs, companies and positions aliased.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.

    Returns
    -------
    pandas.DataFrame
        The contacts table.

    See Also
    --------
    all_tables : every table.
    """
    out = base(data, al, "contacts")
    c = data.contacts
    out["contact_id"] = al.contact_id(c["contact_id"])
    out["name"] = id_token(c["contact_id"]).map(al.token_display).astype("str").where(c["name"].notna())
    out["email"] = email_token(c["email"]).map(al.token_alias).astype("str")
    out["profile_url"] = url_token(c["profile_url"]).map(al.token_alias).astype("str")
    out["company"] = al.company(c["company"])
    out["position"] = al.scrub(c["position"], quoted=False)
    return out


def interactions(data: NetworkData, al: Aliases) -> pd.DataFrame:
    """Interactions with contacts and companies aliased and ids re-keyed within each seeker.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.

    Returns
    -------
    pandas.DataFrame
        The interactions table.

    See Also
    --------
    all_tables : every table.
    """
    out = base(data, al, "interactions")
    for col in CONTACT_ID_COLUMNS["interactions"]:
        out[col] = al.contact_id(data.interactions[col])
    out["company"] = al.company(data.interactions["company"])
    for col, new in al.interaction_id.rows.items():
        out[col] = new
    return out


def applications(data: NetworkData, al: Aliases) -> pd.DataFrame:
    """Applications with contacts, companies and roles aliased and ids re-keyed.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.

    Returns
    -------
    pandas.DataFrame
        The applications table.

    See Also
    --------
    all_tables : every table.
    """
    out = base(data, al, "applications")
    out["contact_id"] = al.contact_id(data.applications["contact_id"])
    out["company"] = al.company(data.applications["company"])
    out["role"] = al.scrub(data.applications["role"], quoted=False)
    for col, new in al.application_id.rows.items():
        out[col] = new
    return out


def issues(data: NetworkData, al: Aliases, name: str) -> pd.DataFrame:
    """``problems`` or ``excluded``: values dropped, reasons and column names scrubbed.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.
    name
        ``problems`` or ``excluded``.

    Returns
    -------
    pandas.DataFrame

    See Also
    --------
    all_tables : every table.
    """
    out = base(data, al, name)
    out["value"] = _null(out.index)
    out["reason"] = al.scrub(getattr(data, name)["reason"])
    out["column"] = al.scrub(getattr(data, name)["column"], quoted=False)
    return out


def drop_follows(
    follows: pd.DataFrame, excluded: pd.DataFrame, sources: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``companies="drop"``: every follow becomes an excluded row, and the accounting says so.

    Parameters
    ----------
    follows, excluded, sources
        The pseudonymised tables.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(follows, excluded, sources)``: no follows left.

    See Also
    --------
    all_tables : every table.
    """
    moved = follows.assign(
        column="company",
        value=_null(follows.index),
        reason="Company dropped by pseudonymize(companies='drop').",
    )[schema.EXCLUDED.columns]
    excluded = pd.concat([excluded, moved], ignore_index=True)
    per_source = follows.groupby("source", dropna=False).size()
    is_follows = sources["table"].eq("follows").fillna(False)
    n = sources["source"].map(per_source).where(is_follows).fillna(0).astype("Int64")
    sources = sources.assign(loaded=sources["loaded"] - n, excluded=sources["excluded"] + n)
    return schema.empty("follows"), excluded, sources


def events(data: NetworkData, al: Aliases) -> pd.DataFrame:
    """Events without their names and URLs.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.

    Returns
    -------
    pandas.DataFrame
        The events table.

    See Also
    --------
    all_tables : every table.
    """
    out = base(data, al, "events")
    out["name"] = _null(out.index)
    out["url"] = _null(out.index)
    return out


def notes(data: NetworkData, al: Aliases) -> pd.DataFrame:
    """Notes with their sentences and topics scrubbed.

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.

    Returns
    -------
    pandas.DataFrame
        The notes table.

    See Also
    --------
    all_tables : every table.
    """
    out = base(data, al, "notes")
    out["note"] = al.scrub(data.notes["note"])
    out["topic"] = al.scrub(data.notes["topic"], quoted=False)
    return out


def all_tables(data: NetworkData, al: Aliases) -> NetworkData:
    """Every table pseudonymised (the body of :func:`netlytics.pseudonymize.pseudonymize`).

    Parameters
    ----------
    data
        The original data.
    al
        The aliases.

    Returns
    -------
    NetworkData

    See Also
    --------
    netlytics.pseudonymize.pseudonymize : the public entry point.
    """
    problems, excluded = issues(data, al, "problems"), issues(data, al, "excluded")
    follows, sources = base(data, al, "follows"), base(data, al, "sources")
    if al.companies == "drop":
        follows, excluded, sources = drop_follows(follows, excluded, sources)
    else:
        follows["company"] = al.company(data.follows["company"])
    return NetworkData(
        contacts=contacts(data, al),
        interactions=interactions(data, al),
        applications=applications(data, al),
        problems=problems,
        excluded=excluded,
        follows=follows,
        events=events(data, al),
        sources=sources,
        notes=notes(data, al),
    )
