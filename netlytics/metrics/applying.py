"""Networked before applying (mistake 2: applying online before networking; docs/spec/METRICS.md 3, 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import check_number
from netlytics._docstrings import fill
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.identity import company_key
from netlytics.metrics._window import Window, scope
from netlytics.metrics.touches import NS_PER_DAY, empty_frame, ns_values

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
    return pd.Timedelta(days=check_number("window_days", window_days, minimum=0, strict=True))


@dispatchable
@fill
def networked_before_applying(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, window_days: float = 90
) -> pd.DataFrame:
    """Per application: did the seeker know someone there, and reach out before applying?

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    window_days : float, default 90
        How far back before ``applied_at`` a touch counts.
    {engine}

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

        Applications after ``as_of`` (or before ``since``) have no row.

    Raises
    ------
    ParameterError
        When ``window_days`` is not a positive number, or ``as_of``/``since`` is not a date.

    See Also
    --------
    networked_summary : the share of networked applications per seeker.
    netlytics.identity.company_key : how company names are matched.

    Notes
    -----
    Only the seeker's own contacts count, matched on ``contacts.company`` (not on an
    interaction's ``company``). Touch time is the touch's earliest interaction. An application
    without a company has neither a contact nor a touch there. No ``as_of`` is needed: only
    touches before each ``applied_at`` count. With ``since``, touches before it do not count
    either (docs/spec/docs/spec/METRICS.md section 5b: only interactions at or after ``since`` count).

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
    return _networked(scope(data, as_of, since), window)


def _networked(w: Window, window: pd.Timedelta) -> pd.DataFrame:
    data = w.data
    apps = data.applications
    if w.as_of is not None:
        apps = apps[~(apps["applied_at"] > w.as_of).to_numpy(bool, na_value=False)]
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
    ta = w.ta
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


@dispatchable
@fill
def networked_summary(
    data: NetworkData | pd.DataFrame, *, as_of=None, since=None, window_days: float = 90
) -> pd.DataFrame:
    """Per seeker: the share of applications that had an outbound touch at the company first.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    window_days : float, default 90
        As in :func:`networked_before_applying`.
    {engine}

    Returns
    -------
    pandas.DataFrame
        One row per seeker present in the data, sorted by seeker: ``seeker``,
        ``applications`` (int64), ``networked_share`` (float64: applications with
        ``touched_before`` / applications; null for a seeker without applications).

    Raises
    ------
    ParameterError
        As :func:`networked_before_applying`.

    See Also
    --------
    networked_before_applying : the per-application table.

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
    return _networked_summary(scope(data, as_of, since), _check_window(window_days))


def _networked_summary(w: Window, window: pd.Timedelta) -> pd.DataFrame:
    seekers = pd.Series(w.seekers, dtype="str")
    if seekers.empty:
        return empty_frame(SUMMARY_COLUMNS)
    per_app = _networked(w, window)
    g = (
        per_app.groupby("seeker")["touched_before"]
        .agg(["size", "sum"])
        .reindex(pd.Index(seekers), fill_value=0)
    )
    n = g["size"].to_numpy().astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, g["sum"].to_numpy() / np.maximum(n, 1), np.nan)
    return pd.DataFrame({"seeker": seekers, "applications": n, "networked_share": share.astype("float64")})
