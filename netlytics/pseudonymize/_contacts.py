"""Contact aliases: one number per person, found as connected identifiers.

A contact is known by tokens ``kind\\x1fvalue`` (kind ``url``, ``email``, ``name`` or ``id``).
A contacts row links its id with its normalised profile URL and e-mail; a person is a connected
component of tokens, so the same person met by two seekers (same id, or the same URL or e-mail
under different ids) gets one number and shared contacts stay shared.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from netlytics import identity
from netlytics.data import NetworkData
from netlytics.pseudonymize._hash import digests

#: Columns holding a contact id (a contacts.contact_id), per table.
CONTACT_ID_COLUMNS = {
    "contacts": ("contact_id",),
    "interactions": ("contact_id", "introduced"),
    "applications": ("contact_id",),
}


def id_type(ids: pd.Series) -> pd.Series:
    """What a contact id is made of: url, email, name (``name:...``) or id (anything else).

    Parameters
    ----------
    ids
        Contact ids.

    Returns
    -------
    pandas.Series

    See Also
    --------
    id_token : the token of an id.

    Examples
    --------
    >>> id_type(pd.Series(["a@b.org", "https://x.org/in/a", "name:ann", "c1"], dtype="str")).tolist()
    ['email', 'url', 'name', 'id']
    """
    kind = pd.Series("id", index=ids.index, dtype="str")
    kind = kind.mask(ids.str.contains("@", regex=False, na=False), "email")
    kind = kind.mask(ids.str.contains("://", regex=False, na=False), "url")
    kind = kind.mask(ids.str.startswith("name:", na=False), "name")
    return kind


def token(kind: pd.Series | str, value: pd.Series) -> pd.Series:
    """``kind\\x1fvalue`` (null where ``value`` is null).

    Parameters
    ----------
    kind
        The token kind (a string or a Series).
    value
        The values.

    Returns
    -------
    pandas.Series

    See Also
    --------
    id_token, email_token, url_token
    """
    return (kind + "\x1f" + value).where(value.notna())


def id_token(ids: pd.Series) -> pd.Series:
    """The token of each contact id (its kind, then the id without a ``name:`` prefix).

    Parameters
    ----------
    ids
        Contact ids.

    Returns
    -------
    pandas.Series

    See Also
    --------
    token
    """
    return token(id_type(ids), ids.str.removeprefix("name:"))


def email_token(emails: pd.Series) -> pd.Series:
    """The token of each e-mail address (normalised).

    Parameters
    ----------
    emails
        E-mail addresses.

    Returns
    -------
    pandas.Series

    See Also
    --------
    token
    """
    return token("email", identity.normalise_email(emails))


def url_token(urls: pd.Series) -> pd.Series:
    """The token of each profile URL (normalised).

    Parameters
    ----------
    urls
        Profile URLs.

    Returns
    -------
    pandas.Series

    See Also
    --------
    token
    """
    return token("url", identity.normalise_url(urls))


def alias_for(kind: str, number: str, rank: int) -> str:
    """The alias of a token: ``rank`` (1-based) separates several tokens of one kind in one person.

    Parameters
    ----------
    kind
        ``url``, ``email``, ``name``, ``display`` or ``id``.
    number
        The person's number (zero-padded).
    rank
        1 for a person's first token of this kind, 2 for the second...

    Returns
    -------
    str

    See Also
    --------
    contact_aliases : numbers the people.

    Examples
    --------
    >>> alias_for("email", "0007", 1), alias_for("display", "0007", 2)
    ('contact-0007@example.invalid', 'Contact 0007 2')
    """
    dash = "" if rank == 1 else f"-{rank}"
    space = "" if rank == 1 else f" {rank}"
    if kind == "url":
        return f"https://www.linkedin.com/in/contact-{number}{dash}"
    if kind == "email":
        return f"contact-{number}{dash}@example.invalid"
    if kind == "name":
        return f"name:contact {number}{space}"
    if kind == "display":
        return f"Contact {number}{space}"
    return f"contact-{number}{dash}"


def _token_graph(data: NetworkData) -> nx.Graph:
    """Every contact token as a node; a contacts row links its id to its URL and e-mail."""
    c = data.contacts
    ids = pd.concat(
        [getattr(data, t)[col] for t, cols in CONTACT_ID_COLUMNS.items() for col in cols],
        ignore_index=True,
    ).dropna()
    id_tokens = id_token(ids.drop_duplicates()).dropna()
    row_id, row_url, row_email = (
        id_token(c["contact_id"]),
        url_token(c["profile_url"]),
        email_token(c["email"]),
    )
    edges = pd.concat(
        [pd.DataFrame({"a": row_id, "b": row_url}), pd.DataFrame({"a": row_id, "b": row_email})],
        ignore_index=True,
    ).dropna()
    g = nx.Graph()
    g.add_nodes_from(id_tokens.unique().tolist())
    g.add_nodes_from(row_url.dropna().unique().tolist())
    g.add_nodes_from(row_email.dropna().unique().tolist())
    g.add_edges_from(edges.drop_duplicates().itertuples(index=False, name=None))
    return g


def contact_aliases(data: NetworkData, key: bytes) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Map contact tokens to aliases.

    Parameters
    ----------
    data
        The loaded data.
    key
        The HMAC key.

    Returns
    -------
    tuple of dict
        ``(token_alias, token_display, token_number)``: token -> alias string, token -> display
        name ("Contact 0042"), token -> the person's number. People are numbered in the order of
        the smallest keyed digest among their tokens.

    See Also
    --------
    alias_for : the alias forms.
    """
    g = _token_graph(data)
    dig = digests(key, "contact", list(g.nodes))
    components = [sorted(comp, key=dig.__getitem__) for comp in nx.connected_components(g)]
    components.sort(key=lambda comp: dig[comp[0]])
    width = max(4, len(str(len(components))))
    token_alias: dict[str, str] = {}
    token_display: dict[str, str] = {}
    token_number: dict[str, str] = {}
    for i, comp in enumerate(components, start=1):
        number = str(i).zfill(width)
        seen: dict[str, int] = {}
        for tok in comp:  # already in digest order
            kind = tok.split("\x1f", 1)[0]
            rank = seen[kind] = seen.get(kind, 0) + 1
            token_alias[tok] = alias_for(kind, number, rank)
            token_display[tok] = alias_for("display", number, rank if kind == "name" else 1)
            token_number[tok] = number
    return token_alias, token_display, token_number
