"""Cross-source rules applied once a seeker's sources are merged (docs/spec/METRICS.md section 6).

- **Unknown one-way senders**: an inbound e-mail from an address the seeker never wrote to (no
  outbound interaction on any channel) that is no known contact (a LinkedIn connection, a tracker
  contact, an address-book card, or someone met in the calendar) is excluded, and its file's
  accounting moves the row from loaded to excluded.
- **Inferred thank-yous**: an outbound e-mail to an attendee of a meeting, sent after the meeting
  starts and no later than 24 hours after it ends, becomes kind ``thank_you`` with
  ``inferred=True`` and ``ref`` = the meeting (the latest such meeting when several qualify).
"""

from __future__ import annotations

import pandas as pd

from netlytics.data import NetworkData

__all__ = ["after_merge", "one_way_senders", "infer_thank_yous", "THANK_YOU_WINDOW"]

#: How long after a meeting ends an e-mail to an attendee counts as a thank-you.
THANK_YOU_WINDOW = pd.Timedelta(hours=24)
_KNOWN_ORIGINS = ("linkedin", "tracker", "addressbook")


def one_way_senders(data: NetworkData) -> pd.Series:
    """Boolean mask over ``data.interactions``: inbound e-mails from unknown one-way senders.

    Parameters
    ----------
    data
        A seeker's merged data.

    Returns
    -------
    pandas.Series

    See Also
    --------
    after_merge : excludes them.

    Raises
    ------
    Nothing.
    """
    ix = data.interactions
    key = ["seeker", "contact_id"]
    wrote = pd.MultiIndex.from_frame(ix.loc[ix["direction"] == "outbound", key].dropna())
    c = data.contacts
    known = pd.MultiIndex.from_frame(c.loc[c["origin"].isin(_KNOWN_ORIGINS), key].dropna())
    met = pd.MultiIndex.from_frame(ix.loc[ix["origin"] == "calendar", key].dropna())
    pairs = pd.MultiIndex.from_frame(ix[key].astype("str"))
    candidate = (ix["origin"] == "email") & (ix["direction"] == "inbound") & ix["contact_id"].notna()
    return candidate & ~pairs.isin(wrote) & ~pairs.isin(known) & ~pairs.isin(met)


def _drop_one_way(data: NetworkData) -> NetworkData:
    mask = one_way_senders(data)
    if not mask.any():
        return data
    gone = data.interactions[mask]
    excluded = pd.DataFrame(
        {
            "seeker": gone["seeker"],
            "source": gone["source"],
            "source_row": gone["source_row"],
            "column": "From",
            "value": gone["contact_id"],
            "reason": "unknown one-way sender: inbound only, never written to, and no known contact",
        }
    )
    counts = gone.groupby(["seeker", "source"]).size()
    src = data.sources.copy()
    for (seeker, source), n in counts.items():
        row = (src["seeker"] == seeker) & (src["source"] == source) & (src["table"] == "interactions")
        src.loc[row, "loaded"] -= n
        src.loc[row, "excluded"] += n
    interactions = data.interactions[~mask].reset_index(drop=True)
    still = pd.MultiIndex.from_frame(interactions[["seeker", "contact_id"]].astype("str"))
    c = data.contacts
    orphan = (c["origin"] == "email") & ~pd.MultiIndex.from_frame(
        c[["seeker", "contact_id"]].astype("str")
    ).isin(still)
    return data.replace(
        interactions=interactions,
        contacts=c[~orphan].reset_index(drop=True),
        excluded=pd.concat([data.excluded, excluded], ignore_index=True),
        sources=src,
    )


def infer_thank_yous(data: NetworkData) -> NetworkData:
    """Mark outbound e-mails sent within a meeting's thank-you window as inferred thank-yous.

    Parameters
    ----------
    data
        A seeker's merged data; calendar meetings may carry an ``ends_at`` column (meetings
        without one end when they start).

    Returns
    -------
    NetworkData
        The same data with those e-mails' ``kind`` = thank_you, ``inferred`` = True and ``ref`` =
        the meeting's ``interaction_id``.

    See Also
    --------
    after_merge : calls it once per load.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> ix = pd.DataFrame({"seeker": "A", "interaction_id": ["m", "e1", "e2"], "contact_id": "b@x",
    ...     "at": pd.to_datetime(["2026-01-05 10:00", "2026-01-06 10:29", "2026-01-06 10:31"], utc=True),
    ...     "channel": ["video", "email", "email"], "direction": "outbound",
    ...     "kind": ["meeting", "message", "message"], "origin": ["calendar", "email", "email"],
    ...     "ends_at": pd.to_datetime(["2026-01-05 10:30", None, None], utc=True)})
    >>> infer_thank_yous(NetworkData(interactions=ix)).interactions[["interaction_id", "kind", "ref"]].values.tolist()
    [['m', 'meeting', nan], ['e1', 'thank_you', 'm'], ['e2', 'message', nan]]
    """
    ix = data.interactions
    meetings = ix[(ix["origin"] == "calendar") & (ix["kind"] == "meeting")]
    mails = ix[(ix["origin"] == "email") & (ix["direction"] == "outbound") & (ix["kind"] == "message")]
    if not len(meetings) or not len(mails):
        return data
    ends = meetings["ends_at"] if "ends_at" in meetings.columns else meetings["at"]
    m = pd.DataFrame(
        {
            "seeker": meetings["seeker"],
            "contact_id": meetings["contact_id"],
            "m_id": meetings["interaction_id"],
            "m_at": meetings["at"],
            "m_end": ends.fillna(meetings["at"]),
        }
    )
    e = mails[["seeker", "contact_id", "at"]].reset_index()
    pairs = e.merge(m, on=["seeker", "contact_id"])
    ok = (pairs["at"] > pairs["m_at"]) & (pairs["at"] <= pairs["m_end"] + THANK_YOU_WINDOW)
    best = pairs[ok].sort_values(["index", "m_at"]).drop_duplicates("index", keep="last").set_index("index")
    if not len(best):
        return data
    ix = ix.copy()
    ix.loc[best.index, "kind"] = "thank_you"
    ix.loc[best.index, "inferred"] = True
    ix.loc[best.index, "ref"] = best["m_id"]
    return data.replace(interactions=ix)


def after_merge(data: NetworkData, options=None) -> NetworkData:
    """The cross-source rules, applied once to a seeker's merged data.

    Parameters
    ----------
    data
        The merged data of one seeker (or several: every rule is per seeker).
    options
        :class:`~netlytics.loaders._options.LoadOptions` (unused; part of the family interface).

    Returns
    -------
    NetworkData
        Unknown one-way senders excluded (accounting adjusted), inferred thank-yous marked,
        notes added, and the helper column ``ends_at`` removed.

    See Also
    --------
    netlytics.loaders.mail.load : the loader these rules complete.

    Raises
    ------
    netlytics.errors.SchemaError
        Never for data a loader produced; only if a table is malformed.
    """
    before = int((data.interactions["kind"] == "thank_you").sum())
    n_in = len(data.interactions)
    data = _drop_one_way(data)
    dropped = n_in - len(data.interactions)
    data = infer_thank_yous(data)
    inferred = int((data.interactions["kind"] == "thank_you").sum()) - before
    notes = []
    seeker = data.seekers[0] if len(data.seekers) == 1 else None
    if dropped:
        notes.append(
            {
                "seeker": seeker,
                "topic": "email",
                "note": f"{dropped:,} e-mail(s) from unknown one-way senders were excluded (inbound only, never written to, no known contact).",
            }
        )
    if inferred:
        notes.append(
            {
                "seeker": seeker,
                "topic": "email",
                "note": f"{inferred:,} thank-you(s) were inferred: outbound e-mails to a meeting's attendee sent after it started and within 24 hours of its end.",
            }
        )
    ix = data.interactions.drop(columns=["ends_at"], errors="ignore")
    return data.replace(
        interactions=ix,
        notes=pd.concat(
            [data.notes, pd.DataFrame(notes, columns=["seeker", "topic", "note"])], ignore_index=True
        ),
    )
