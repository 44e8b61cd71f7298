"""Who owns the export: the seeker's own name, profile URL and e-mail addresses.

Modern exports have no direction column: a message is the seeker's when its sender is the
owner (``docs/spec/FORMATS.md`` section 5). The owner is found, in order:

1. ``owner_url=`` given by the caller;
2. ``Invitations.csv``: the inviter of OUTGOING rows and the invitee of INCOMING rows (URL
   columns from Sep 2023; the names in ``From``/``To`` in every era);
3. ``messages.csv``: the profile URL present in nearly every conversation (as sender or
   recipient), and never a tie: when two URLs are equally frequent, or the most frequent one is
   in too few conversations, the owner is **unknown**, said so in a note, and the messages are
   loaded as problems (direction unknown) until ``owner_url=`` is given.

``Profile.csv`` gives the owner's name (it holds no URL), ``Email Addresses.csv`` the owner's
addresses. Every identifier found goes into the ``owner`` table.
"""

from __future__ import annotations

import pandas as pd

from netlytics.identity import normalise_url
from netlytics.loaders._io import CsvTable

__all__ = ["from_invitations", "from_messages", "owner_rows", "NEARLY_EVERY"]

#: The owner's URL must appear in at least this share of conversations that carry URLs.
NEARLY_EVERY = 0.8


def _top(counts: pd.Series) -> tuple[str | None, int, int]:
    """The most frequent value, its count and the runner-up's count (None on a tie)."""
    counts = counts.sort_values(ascending=False, kind="stable")
    if not len(counts):
        return None, 0, 0
    first = int(counts.iloc[0])
    second = int(counts.iloc[1]) if len(counts) > 1 else 0
    return (str(counts.index[0]) if first > second else None), first, second


def from_invitations(t: CsvTable) -> tuple[str | None, str | None, str]:
    """The owner's URL and name from ``Invitations.csv`` and how they were found.

    Returns
    -------
    (url or None, name or None, description)

    Examples
    --------
    >>> from netlytics.loaders._io import read_csv_bytes
    >>> t = read_csv_bytes(b'From,To,Sent At,Message,Direction\\nAda Quill,Bo Li,"1/2/25, 9:00 AM",,OUTGOING\\n'
    ...                    b'Cy Dee,Ada Quill,"1/3/25, 9:00 AM",,INCOMING\\n')
    >>> from_invitations(t)[:2]
    (None, 'Ada Quill')
    """
    df = t.frame
    if "Direction" not in df.columns:
        return None, None, ""
    d = df["Direction"].str.strip().str.upper()
    url = name = None
    how = []
    if {"inviterProfileUrl", "inviteeProfileUrl"} <= set(df.columns):
        cand = pd.concat(
            [df.loc[d == "OUTGOING", "inviterProfileUrl"], df.loc[d == "INCOMING", "inviteeProfileUrl"]]
        )
        cand = normalise_url(cand).dropna()
        url, n, _ = _top(cand.value_counts())
        if url:
            how.append(f"the inviter of OUTGOING and invitee of INCOMING rows, {n} of {len(cand)} rows")
    if {"From", "To"} <= set(df.columns):
        names = pd.concat([df.loc[d == "OUTGOING", "From"], df.loc[d == "INCOMING", "To"]]).str.strip()
        names = names[names != ""]
        name, _, _ = _top(names.value_counts())
    return url, name, "Invitations.csv (" + "; ".join(how) + ")" if how else ""


def from_messages(df: pd.DataFrame, owner_name: str | None) -> tuple[str | None, str]:
    """The owner's URL from messages: present in nearly every conversation, never a tie.

    Parameters
    ----------
    df
        The messages kept so far, with ``SENDER PROFILE URL`` and, when present,
        ``RECIPIENT PROFILE URLS``, ``CONVERSATION ID`` and ``FROM``.
    owner_name
        The owner's name (Profile.csv or Invitations.csv), used in exports without recipient
        URLs: the sender URL of the rows sent under that name.

    Returns
    -------
    (url or None, description of how it was found, or why it could not be)
    """
    if "RECIPIENT PROFILE URLS" not in df.columns and owner_name and "FROM" in df.columns:
        mine = normalise_url(df.loc[df["FROM"].str.strip() == owner_name, "SENDER PROFILE URL"]).dropna()
        url, n, _ = _top(mine.value_counts())
        if url:
            return url, f"messages.csv (the sender URL of rows from {owner_name!r}: {n} rows)"
    conv = (
        df["CONVERSATION ID"]
        if "CONVERSATION ID" in df.columns
        else pd.Series(range(len(df)), index=df.index)
    )
    cols = {"conv": conv, "url": df["SENDER PROFILE URL"]}
    if "RECIPIENT PROFILE URLS" in df.columns:
        cols["rec"] = df["RECIPIENT PROFILE URLS"]
    # distinct (conversation, sender, recipients) first: a conversation holds a few of them
    base = pd.DataFrame(cols).drop_duplicates()
    pieces = [base[["conv", "url"]]]
    if "rec" in base.columns:
        rec = base["rec"].str.split(",").explode()
        pieces.append(pd.DataFrame({"conv": base["conv"].reindex(rec.index), "url": rec}))
    pairs = pd.concat(pieces, ignore_index=True).drop_duplicates()
    pairs = pairs.assign(url=normalise_url(pairs["url"].astype("str"))).dropna().drop_duplicates()
    n_conv = pairs["conv"].nunique()
    if not n_conv:
        return None, "messages.csv holds no profile URL"
    url, n, second = _top(pairs.groupby("url")["conv"].nunique())
    if url is None:
        return None, f"in messages.csv several URLs are each in {n} of {n_conv} conversations (a tie)"
    if n < NEARLY_EVERY * n_conv or n < 2:
        return None, (
            f"in messages.csv no URL is in nearly every conversation (the most frequent is in {n} of {n_conv})"
        )
    return url, f"messages.csv (the URL present in {n} of {n_conv} conversations)"


def owner_rows(seeker: str, identifiers: list[tuple[str, str, str]]) -> pd.DataFrame:
    """The ``owner`` table: one row per distinct (kind, value), first source kept.

    Examples
    --------
    >>> owner_rows("Ada", [("name", "Ada Quill", "Profile.csv"), ("name", "Ada Quill", "Invitations.csv")])
      seeker  kind      value       source
    0    Ada  name  Ada Quill  Profile.csv
    """
    from netlytics import schema

    df = pd.DataFrame(identifiers, columns=["kind", "value", "source"])
    df = df[df["value"].notna() & (df["value"].astype("str").str.strip() != "")]
    df = df.drop_duplicates(["kind", "value"]).assign(seeker=seeker)
    return schema.conform("owner", df[["seeker", "kind", "value", "source"]].reset_index(drop=True))
