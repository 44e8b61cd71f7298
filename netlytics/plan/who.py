"""Who an action can be about, and which employers can be a target (docs/plan.md, "Who").

Real exports hold names and companies that are no one: LinkedIn's ``Job Applications.csv`` names
the employer "Confidential", "Stealth startup" or "Company name withheld" when the poster hid it,
and a hidden or closed account writes as "LinkedIn Member". The plan must never send the seeker
to "warm a path into Confidential" or to "follow up with LinkedIn Member":

- :func:`company_key` is :func:`netlytics.identity.company_key` with employer placeholders
  (:func:`is_placeholder_company`) as no company, so they are never a target company, never the
  company a lead is passed on at and never a company to introduce someone at;
- :func:`hidden_contacts` lists the contacts nobody can reach: a "LinkedIn Member" (or a
  ``linkedin-member:`` id, the loader's id for a hidden account in a conversation), or a contact
  whose row in the contacts table has no name and no e-mail or profile URL. They are never the
  person of an action or of the stale loops worth reviving.
"""

from __future__ import annotations

import re

import pandas as pd

from netlytics import identity

__all__ = [
    "MEMBER_PREFIX",
    "PLACEHOLDER_WORDS",
    "company_key",
    "hidden_contacts",
    "is_hidden",
    "is_placeholder_company",
]

#: Words that say an employer is hidden or unknown; a company key made only of these and of
#: :data:`_FILLER` words (with at least one of these) is a placeholder.
PLACEHOLDER_WORDS: frozenset[str] = frozenset(
    {
        "confidential",
        "undisclosed",
        "disclosed",  # "not disclosed"
        "stealth",
        "withheld",
        "anonymous",
        "unknown",
        "unnamed",
        "hidden",
        "private",
        "none",
        "null",
        "nil",
        "n",  # "N/A" and "N.A." have the key "n a"
        "na",
        "tbd",
        "tba",
        "linkedin",
        "self",
        "freelance",
        "freelancer",
    }
)
#: Words that may stand beside a placeholder word ("Stealth mode startup", "Company name withheld").
_FILLER: frozenset[str] = frozenset(
    {
        "a",
        "an",
        "the",
        "not",
        "is",
        "company",
        "companies",
        "employer",
        "client",
        "startup",
        "start",
        "up",
        "mode",
        "name",
        "firm",
        "organization",
        "organisation",
        "employed",
        "available",
        "applicable",
        "specified",
    }
)
_WORD = re.compile(r"\S+")
#: The loader's contact id of a hidden account in one conversation ("linkedin-member:<id>").
MEMBER_PREFIX = "linkedin-member:"


def is_placeholder_company(keys: pd.Series) -> pd.Series:
    """True where a company key (:func:`netlytics.identity.company_key`) names no employer.

    Empty keys and keys made only of :data:`PLACEHOLDER_WORDS` and filler words ("company",
    "name", "startup", "mode"...), at least one of them a placeholder word, are placeholders:
    "Confidential", "Undisclosed", "Stealth", "Company name withheld", "N/A", "LinkedIn",
    "Self-employed", in any case. "Stealth Security" or "Private Bank" are real companies.

    Parameters
    ----------
    keys : pandas.Series
        Company keys (lower case, punctuation as spaces).

    Returns
    -------
    pandas.Series
        Booleans on the index of ``keys``.

    Raises
    ------
    AttributeError
        When ``keys`` is not a Series.

    See Also
    --------
    company_key : the key with placeholders as missing.

    Examples
    --------
    >>> keys = identity.company_key(pd.Series(["Confidential", "Stealth Startup", "N/A", "Acme",
    ...                                        "Company name withheld", "LinkedIn Corp.", "Private Bank", None]))
    >>> is_placeholder_company(keys).tolist()
    [True, True, True, False, True, True, False, True]
    """
    codes, uniq = pd.factorize(keys.astype("str"), use_na_sentinel=True)
    flags = []
    for key in uniq:  # one test per distinct company, not per row
        words = set(_WORD.findall(str(key)))
        flags.append(
            bool(words) and words <= (PLACEHOLDER_WORDS | _FILLER) and bool(words & PLACEHOLDER_WORDS)
        )
    flag = pd.Series(flags + [True], dtype=bool).to_numpy()  # code -1 (missing) -> the last, True
    return pd.Series(flag[codes], index=keys.index)


def company_key(companies: pd.Series) -> pd.Series:
    """:func:`netlytics.identity.company_key`, missing for employer placeholders.

    Parameters
    ----------
    companies : pandas.Series
        Company names as written.

    Returns
    -------
    pandas.Series
        The company keys (``str``), missing where the name is empty or a placeholder.

    Raises
    ------
    AttributeError
        When ``companies`` is not a Series.

    See Also
    --------
    is_placeholder_company : what a placeholder is.

    Examples
    --------
    >>> company_key(pd.Series(["Acme Inc.", "CONFIDENTIAL", "Undisclosed company", ""])).tolist()
    ['acme', nan, nan, nan]
    """
    keys = identity.company_key(companies)
    return keys.mask(is_placeholder_company(keys))


def hidden_contacts(contacts: pd.DataFrame) -> pd.DataFrame:
    """The contacts nobody can reach: hidden LinkedIn members and rows without a name.

    A contact is hidden when its name is "LinkedIn Member" (any case), when its id starts with
    ``linkedin-member:``, or when its row has no name (missing or blank) and neither an e-mail
    nor a profile URL. A contact that is in no row of the contacts table is not hidden: the plan
    calls them "this contact".

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contacts table (``seeker``, ``contact_id``, ``name``, ``email``, ``profile_url``).

    Returns
    -------
    pandas.DataFrame
        ``seeker`` and ``contact_id`` of every hidden contact, one row each.

    Raises
    ------
    KeyError
        When ``contacts`` lacks ``seeker`` or ``contact_id``.

    See Also
    --------
    netlytics.plan.next_actions : never about a hidden contact.

    Examples
    --------
    >>> c = pd.DataFrame({"seeker": "Ana", "contact_id": ["linkedin-member:c1", "m2", "x", "bo"],
    ...                   "name": ["LinkedIn Member", "linkedin member ", "  ", "Bo"]})
    >>> hidden_contacts(c)["contact_id"].tolist()
    ['linkedin-member:c1', 'm2', 'x']
    """

    def col(name: str) -> pd.Series:
        if name in contacts.columns:
            return contacts[name].astype("str").str.strip().replace("", pd.NA)
        return pd.Series(pd.NA, index=contacts.index, dtype="str")

    name = col("name")
    member = name.str.casefold().eq("linkedin member").fillna(False)
    member |= contacts["contact_id"].astype("str").str.startswith(MEMBER_PREFIX).fillna(False)
    nameless = name.isna() & col("email").isna() & col("profile_url").isna()
    flags = pd.DataFrame(
        {
            "seeker": contacts["seeker"],
            "contact_id": contacts["contact_id"],
            "_member": member.to_numpy(bool),
            "_nameless": nameless.to_numpy(bool),
        }
    )
    # a contact listed twice is hidden when one row is a member, or no row has a name or address
    by = flags.groupby(["seeker", "contact_id"], sort=False).agg(m=("_member", "any"), n=("_nameless", "all"))
    return by.loc[by["m"] | by["n"]].reset_index()[["seeker", "contact_id"]]


def is_hidden(df: pd.DataFrame, hidden: pd.DataFrame) -> pd.Series:
    """True for the rows of ``df`` (``seeker``, ``contact_id``) about a hidden contact.

    Parameters
    ----------
    df : pandas.DataFrame
        Rows with ``seeker`` and ``contact_id``.
    hidden : pandas.DataFrame
        :func:`hidden_contacts` of the data.

    Returns
    -------
    pandas.Series
        Booleans on the index of ``df``: listed in ``hidden``, or a ``linkedin-member:`` id.

    Raises
    ------
    KeyError
        When ``df`` lacks ``seeker`` or ``contact_id``.

    See Also
    --------
    hidden_contacts : who is hidden.

    Examples
    --------
    >>> rows = pd.DataFrame({"seeker": "Ana", "contact_id": ["linkedin-member:c9", "x", "bo"]})
    >>> is_hidden(rows, pd.DataFrame({"seeker": ["Ana"], "contact_id": ["x"]})).tolist()
    [True, True, False]
    """
    ids = df["contact_id"].astype("str")
    listed = pd.MultiIndex.from_arrays([df["seeker"], ids]).isin(
        pd.MultiIndex.from_frame(hidden[["seeker", "contact_id"]].astype("str"))
    )
    member = ids.str.startswith(MEMBER_PREFIX).fillna(False).to_numpy(bool)
    return pd.Series(listed | member, index=df.index)
