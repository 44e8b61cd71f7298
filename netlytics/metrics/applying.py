"""Networked before applying (mistake 2: applying online before networking; docs/spec/METRICS.md 3, 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics._checks import check_number
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.identity import company_key
from netlytics.metrics._docs import fill
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
    {window_days}
    {engine_args}

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
    """The per-application table of ``w``, computed once per window and ``window``."""
    return w.shared(("networked", window), lambda: _networked_table(w, window)).copy(deep=False)


def _networked_table(w: Window, window: pd.Timedelta) -> pd.DataFrame:
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
    first_at, found = _first_touch(w, apps, left, contacts, window)
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
    {window_days}
    {engine_args}

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


def _first_touch(w: Window, apps, left, contacts, window: pd.Timedelta) -> tuple[np.ndarray, np.ndarray]:
    """Per application: the first outbound touch with a contact at its company at or after
    ``applied_at - window`` (nanoseconds), and whether there is one.

    An as-of search on integer codes: every outbound touch becomes one (seeker, company key,
    time) for each company key of its contact, the keys are sorted once, and each application
    looks up the first key at or after its own (seeker, company key, window start).
    """
    n = len(apps)
    first_at = np.full(n, np.iinfo("int64").min, dtype="int64")
    found = np.zeros(n, dtype=bool)
    ta = w.ta
    if ta.empty or not len(left) or not len(contacts):
        return first_at, found
    k_codes = pd.factorize(pd.concat([contacts["ckey"], left["ckey"]], ignore_index=True))[0]
    nc = max(len(ta.contacts), 1)
    # contacts with a company key, as (seeker, contact) pair codes sorted, beside their key code
    cs, cc = ta.seekers.get_indexer(contacts["seeker"]), ta.contacts.get_indexer(contacts["contact_id"])
    ok = (cs >= 0) & (cc >= 0)
    c_pair, c_key = cs[ok] * nc + cc[ok], k_codes[: len(contacts)][ok]
    srt = np.argsort(c_pair, kind="stable")
    c_pair, c_key = c_pair[srt], c_key[srt]
    # outbound touches, one row per company key of their contact
    t_pair = ta.seeker[ta.outbound] * nc + ta.contact[ta.outbound]
    t_at = ta.at[ta.outbound]
    rows, pick = _matches(c_pair, t_pair)
    t_group = ta.seeker[ta.outbound][rows] * (int(k_codes.max()) + 1) + c_key[pick]
    t_at = t_at[rows]
    # the applications: group (seeker, key) and window start
    pos = left["pos"].to_numpy()
    p_s = ta.seekers.get_indexer(left["seeker"])
    p_at = ns_values(apps["applied_at"])[pos] - window.value
    p_group = p_s * (int(k_codes.max()) + 1) + k_codes[len(contacts) :]
    keep = p_s >= 0
    pos, p_at, p_group = pos[keep], p_at[keep], p_group[keep]
    if not len(t_at) or not len(pos):
        return first_at, found
    # dense group codes and time steps, so that (group, time) packs into one int64
    groups = pd.factorize(np.concatenate([t_group, p_group]))[0].astype("int64")
    rel, decode = _time_steps(np.concatenate([t_at, p_at]), int(groups.max()) + 1)
    r = int(rel.max()) + 1
    packed = np.sort(groups[: len(t_at)] * r + rel[: len(t_at)])
    probe = groups[len(t_at) :] * r + rel[len(t_at) :]
    at = np.searchsorted(packed, probe, "left")
    hit = at < len(packed)
    hit[hit] = packed[at[hit]] // r == probe[hit] // r
    first_at[pos[hit]] = decode(packed[at[hit]] % r)
    found[pos[hit]] = True
    return first_at, found


def _matches(sorted_keys: np.ndarray, probe: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (probe row, position in ``sorted_keys``) with equal keys (an inner join)."""
    if not (sorted_keys[1:] == sorted_keys[:-1]).any():  # unique keys: one hash lookup
        pick = pd.Index(sorted_keys).get_indexer(probe)
        rows = np.flatnonzero(pick >= 0)
        return rows, pick[rows]
    lo, hi = np.searchsorted(sorted_keys, probe, "left"), np.searchsorted(sorted_keys, probe, "right")
    cnt = hi - lo
    rows = np.repeat(np.arange(len(probe)), cnt)
    return rows, lo[rows] + np.arange(len(rows)) - np.repeat(np.cumsum(cnt) - cnt, cnt)


def _time_steps(ns: np.ndarray, groups: int):
    """Times as small non-negative integers that keep their order (and a way back), such that
    ``groups`` times their range fits in an int64: steps of the times' common divisor from the
    earliest, or, when that is too wide, their ranks."""
    base = int(ns.min())
    rel = ns - base
    step = max(int(np.gcd.reduce(rel)), 1)
    rel //= step
    if groups * (int(rel.max()) + 1) < 2**62:
        return rel, lambda r: r * step + base
    uniq = np.sort(rel)
    uniq = uniq[np.r_[True, uniq[1:] != uniq[:-1]]]
    return np.searchsorted(uniq, rel), lambda r: uniq[r] * step + base
