"""Networked before applying (mistake 2: applying online before networking; METRICS.md 3, 5)."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.identity import company_key
from netlytics.metrics._common import as_data
from netlytics.metrics.touches import NS_PER_DAY, all_seekers, empty_frame, ns_values, touch_arrays

__all__ = ["networked_before_applying", "networked_summary"]

APPLYING_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "application_id": "str",
    "company": "str",
    "applied_at": schema.TIMESTAMP,
    "via": "str",
    "contact_at_company": "bool",
    "touched_before": "bool",
    "lead_days": "float64",
}

SUMMARY_COLUMNS: dict[str, str] = {"seeker": "str", "applications": "int64", "networked_share": "float64"}


def _check_window(window_days) -> pd.Timedelta:
    if isinstance(window_days, bool) or not isinstance(window_days, numbers.Real) or not window_days > 0:
        raise ParameterError(f"window_days must be a positive number of days (e.g. 90); got {window_days!r}.")
    return pd.Timedelta(days=float(window_days))


def networked_before_applying(data: NetworkData | pd.DataFrame, *, window_days: float = 90) -> pd.DataFrame:
    """Per application: did the seeker know someone there, and reach out before applying?

    Parameters
    ----------
    data
        The loaded data (needs ``applications`` and ``contacts``; an interactions DataFrame
        alone has no applications and gives an empty result).
    window_days
        How far back before ``applied_at`` a touch counts (default 90).

    Returns
    -------
    pandas.DataFrame
        One row per application, sorted by seeker, applied_at and application_id:

        - ``seeker``, ``application_id``, ``company``, ``applied_at``, ``via`` (as loaded);
        - ``contact_at_company`` (bool): one of the seeker's own contacts has a
          ``contacts.company`` with the same company key (:func:`netlytics.identity.company_key`:
          case, punctuation and legal suffixes ignored);
        - ``touched_before`` (bool): an outbound touch with such a contact in
          ``[applied_at - window_days, applied_at)``;
        - ``lead_days`` (float64): days from the first such touch to ``applied_at``; null if none.

    Notes
    -----
    Only the seeker's own contacts count, matched on ``contacts.company`` (not on an
    interaction's ``company``). Touch time is the touch's earliest interaction. An application
    without a company has neither a contact nor a touch there. No ``as_of`` is needed: only
    touches before each ``applied_at`` count.

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> contacts = pd.DataFrame({"seeker": ["Ana"], "contact_id": ["bo"], "company": ["Acme Inc."]})
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"], "interaction_id": ["1"], "contact_id": ["bo"],
    ...     "at": pd.to_datetime(["2025-03-01 12:00"], utc=True), "channel": ["phone"],
    ...     "direction": ["outbound"], "kind": ["message"]})
    >>> apps = pd.DataFrame({
    ...     "seeker": ["Ana", "Ana"], "application_id": ["a1", "a2"], "company": ["ACME", "Globex"],
    ...     "applied_at": pd.to_datetime(["2025-03-11", "2025-03-12"], utc=True),
    ...     "via": ["online", "online"], "status": ["applied", "applied"]})
    >>> data = NetworkData(contacts=contacts, interactions=inter, applications=apps)
    >>> networked_before_applying(data)[["company", "contact_at_company", "touched_before", "lead_days"]]
      company  contact_at_company  touched_before  lead_days
    0    ACME                True            True        9.5
    1  Globex               False           False        NaN
    """
    window = _check_window(window_days)
    data = as_data(data)
    apps = data.applications
    if apps.empty:
        return empty_frame(APPLYING_COLUMNS)
    apps = apps.sort_values(["seeker", "applied_at", "application_id"], ignore_index=True)
    out = apps[["seeker", "application_id", "company", "applied_at", "via"]].copy()
    n = len(apps)

    left = pd.DataFrame(
        {"pos": np.arange(n), "seeker": apps["seeker"], "ckey": company_key(apps["company"])}
    ).dropna(subset=["ckey"])
    contacts = pd.DataFrame(
        {
            "seeker": data.contacts["seeker"],
            "contact_id": data.contacts["contact_id"],
            "ckey": company_key(data.contacts["company"]),
        }
    ).dropna(subset=["ckey"])
    contacts = contacts.drop_duplicates(ignore_index=True)

    # contact_at_company: the seeker has a contact whose company key matches
    known = left.merge(contacts[["seeker", "ckey"]].drop_duplicates(), on=["seeker", "ckey"])
    at_company = np.zeros(n, dtype=bool)
    at_company[known["pos"].to_numpy()] = True

    # touched_before: the first outbound touch with such a contact at or after applied_at - window.
    # Work on integer codes: the touch table can be large.
    ta = touch_arrays(data)
    first_at = np.full(n, np.iinfo("int64").min, dtype="int64")
    found = np.zeros(n, dtype=bool)
    if not ta.empty and len(left) and len(contacts):
        k_codes, _ = pd.factorize(pd.concat([contacts["ckey"], left["ckey"]], ignore_index=True))
        cont = pd.DataFrame(
            {
                "s": ta.seekers.get_indexer(contacts["seeker"]),
                "c": ta.contacts.get_indexer(contacts["contact_id"]),
                "k": k_codes[: len(contacts)],
            }
        )
        cont = cont[(cont["s"] >= 0) & (cont["c"] >= 0)]
        out_touch = pd.DataFrame(
            {"s": ta.seeker[ta.outbound], "c": ta.contact[ta.outbound], "touch_at": ta.at[ta.outbound]}
        )
        t = out_touch.merge(cont, on=["s", "c"])[["s", "k", "touch_at"]].sort_values(
            "touch_at", ignore_index=True
        )
        # a row number rides along: an unmatched probe turns the column to float with NaN, and
        # nanosecond timestamps do not survive a round trip through float
        t["row"] = np.arange(len(t))
        applied_left = ns_values(apps["applied_at"])[left["pos"].to_numpy()]
        probe = pd.DataFrame(
            {
                "pos": left["pos"].to_numpy(),
                "s": ta.seekers.get_indexer(left["seeker"]),
                "k": k_codes[len(contacts) :],
                "lo": applied_left - window.value,
            }
        )
        probe = probe[probe["s"] >= 0]
        if len(t) and len(probe):
            hit = pd.merge_asof(
                probe.sort_values("lo"),
                t,
                left_on="lo",
                right_on="touch_at",
                by=["s", "k"],
                direction="forward",
            ).dropna(subset=["row"])
            pos = hit["pos"].to_numpy()
            first_at[pos] = t["touch_at"].to_numpy()[hit["row"].to_numpy().astype("int64")]
            found[pos] = True
    applied = ns_values(apps["applied_at"])
    touched = found & (first_at < applied)
    lead = np.where(touched, (applied - first_at) / NS_PER_DAY, np.nan)

    out["contact_at_company"] = at_company
    out["touched_before"] = touched
    out["lead_days"] = lead.astype("float64")
    return out


def networked_summary(data: NetworkData | pd.DataFrame, *, window_days: float = 90) -> pd.DataFrame:
    """Per seeker: the share of applications that had an outbound touch at the company first.

    Parameters
    ----------
    data
        The loaded data.
    window_days
        As in :func:`networked_before_applying`.

    Returns
    -------
    pandas.DataFrame
        One row per seeker present in the data, sorted by seeker: ``seeker``,
        ``applications`` (int64), ``networked_share`` (float64: applications with
        ``touched_before`` / applications; null for a seeker without applications).

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> apps = pd.DataFrame({
    ...     "seeker": ["Ana"], "application_id": ["a1"], "company": ["Acme"],
    ...     "applied_at": pd.to_datetime(["2025-03-11"], utc=True), "via": ["online"],
    ...     "status": ["applied"]})
    >>> networked_summary(NetworkData(applications=apps))
      seeker  applications  networked_share
    0    Ana             1              0.0
    """
    data = as_data(data)
    seekers = all_seekers(data)
    if seekers.empty:
        return empty_frame(SUMMARY_COLUMNS)
    per_app = networked_before_applying(data, window_days=window_days)
    g = (
        per_app.groupby("seeker")["touched_before"]
        .agg(["size", "sum"])
        .reindex(pd.Index(seekers), fill_value=0)
    )
    n = g["size"].to_numpy().astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, g["sum"].to_numpy() / np.maximum(n, 1), np.nan)
    return pd.DataFrame({"seeker": seekers, "applications": n, "networked_share": share.astype("float64")})
