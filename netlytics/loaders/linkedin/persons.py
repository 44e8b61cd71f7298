"""Who is a person: LinkedIn's own accounts and advertisers are not contacts.

``docs/spec/METRICS.md`` section 5b. A message row is excluded, with its reason, when its
sender is one of LinkedIn's own accounts ("LinkedIn", "The LinkedIn Team", "LinkedIn Premium",
"LinkedIn Learning", "<first name> from LinkedIn ...", "<name> @ LinkedIn ...", the coaches),
when it is sponsored (``Sponsored Conversation``, "LinkedIn Member" without a profile URL, a
company or showcase page as sender, a bulk InMail template), or when an inbound row has neither
a sender URL nor any outbound message in its conversation. A conversation the seeker took part
in (sent at least one message) is never dropped by these rules.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["SYSTEM_NAME", "is_system_name", "not_a_person"]

#: Sender names of LinkedIn's own accounts (case-insensitive regular expression).
SYSTEM_NAME = (
    r"^(?:the\s+)?linkedin(?:\s+(?:team|premium|learning|marketing solutions|sales navigator|recruiter|"
    r"talent solutions|job search|jobs|news|editors|events|corporation|member services|"
    r"customer service|help|notifications|ads|sales solutions|coach|learning coach|career coach)"
    r"(?:\s+\w+)*)?$"
    r"|\bfrom\s+linkedin\b"
    r"|@\s*linkedin\b"
    r"|^(?:learning|career|ai)\s+coach$"
)


def is_system_name(names: pd.Series) -> pd.Series:
    """True for the sender names of LinkedIn's own accounts.

    Examples
    --------
    >>> is_system_name(pd.Series(["LinkedIn Premium", "Sam from LinkedIn Premium", "Jill @ LinkedIn Learning",
    ...                           "The LinkedIn Team", "Linda Linkedinova", "LinkedIn Member"])).tolist()
    [True, True, True, True, False, False]
    """
    s = names.astype("str").str.strip()
    return s.str.contains(SYSTEM_NAME, case=False, regex=True, na=False) & (
        s.str.lower() != "linkedin member"
    )


def _on_distinct(s: pd.Series, func) -> pd.Series:
    codes, uniq = pd.factorize(s, use_na_sentinel=False)
    out = func(pd.Series(uniq, dtype="str")).to_numpy(dtype=bool)
    return pd.Series(out[codes], index=s.index)


def not_a_person(df: pd.DataFrame, sent: pd.Series, took_part: pd.Series) -> list[tuple[str, pd.Series, str]]:
    """The rules of METRICS 5b, as ``(column, mask, reason)`` in the order they apply.

    Parameters
    ----------
    df
        Messages with upper-case columns (``FROM``, ``CONTENT``, optional ``SENDER PROFILE URL``
        and ``CONVERSATION TITLE``).
    sent
        True for rows the owner sent.
    took_part
        True for rows of conversations in which the owner sent at least one message (or, when
        the owner is unknown, every row: nothing is dropped on a guess).

    Returns
    -------
    list of (column, mask, reason)
    """
    inbound = ~sent & ~took_part
    name = df["FROM"].astype("str").str.strip()
    url = (
        df["SENDER PROFILE URL"].astype("str").str.strip()
        if "SENDER PROFILE URL" in df.columns
        else pd.Series("", index=df.index, dtype="str")
    )
    title = (
        df["CONVERSATION TITLE"].astype("str").str.strip()
        if "CONVERSATION TITLE" in df.columns
        else pd.Series("", index=df.index, dtype="str")
    )
    body = df["CONTENT"].astype("str")
    # the regular expressions run on the distinct names and URLs only (a million rows, a few thousand people)
    system = _on_distinct(name, is_system_name)
    page = _on_distinct(
        url,
        lambda u: u.str.contains(
            r"linkedin\.com/(?:company|showcase|school)/", case=False, regex=True, na=False
        ),
    )
    has_urls = "SENDER PROFILE URL" in df.columns
    return [
        ("FROM", inbound & system, "LinkedIn's own account (not a person)"),
        ("CONVERSATION TITLE", inbound & (title == "Sponsored Conversation"), "sponsored message (advertising)"),
        ("FROM", inbound & (name == "LinkedIn Member") & (url == ""),
         "'LinkedIn Member' without a profile URL (sponsored or hidden account)"),
        ("SENDER PROFILE URL", inbound & page, "sent by a company or showcase page (sponsored)"),
        ("CONTENT", inbound & body.str.contains("spinmail-quill-editor", regex=False),
         "bulk InMail template (HTML with spinmail-quill-editor)"),
        ("SENDER PROFILE URL", inbound & (url == "") if has_urls else inbound & False,
         "no sender profile URL and no message of the seeker in the conversation (system or sponsored)"),
    ]  # fmt: skip
