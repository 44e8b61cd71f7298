"""Pseudonymisation: the same data with people, files and (optionally) companies renamed.

:func:`pseudonymize` replaces every seeker, contact name, e-mail address, profile URL and
contact id by a stable alias ("Client 07", "Contact 0042") derived from a keyed hash
(HMAC-SHA256 with a salt the user chooses). Without the salt the aliases cannot be reversed or
recomputed, and with the same salt the same input always gets the same aliases, so a coach can
pseudonymise a cohort twice and compare. Free text is dropped or scrubbed. The behaviour of the
data is left alone: every metric computed on the pseudonymised data equals the metric on the
original, keys renamed. See ``docs/privacy.md``.

:func:`alias_table` returns the original -> alias mapping (to keep privately, never to share).
"""

from __future__ import annotations

import sys
import types

import pandas as pd

from netlytics._checks import check_choice
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.pseudonymize._aliases import Aliases
from netlytics.pseudonymize._hash import check_salt
from netlytics.pseudonymize._tables import all_tables

__all__ = ["pseudonymize", "alias_table", "COMPANY_MODES"]

#: Allowed values of ``companies=`` ("generalize" is accepted as a spelling of "generalise").
COMPANY_MODES: tuple[str, ...] = ("keep", "generalise", "drop")

_KIND_ORDER = {"seeker": 0, "contact": 1, "company": 2, "source": 3}


def _companies_mode(companies: str) -> str:
    """``companies=`` checked (``"generalize"`` read as ``"generalise"``)."""
    return check_choice("companies", {"generalize": "generalise"}.get(companies, companies), COMPANY_MODES)


def pseudonymize(data: NetworkData, *, salt: str | bytes, companies: str = "keep") -> NetworkData:
    """The same data with people, files and (optionally) companies replaced by stable aliases.

    Seekers become "Client 01", "Client 02"...; contacts "Contact 0001"... with e-mail
    ``contact-0001@example.invalid``, profile URL ``https://www.linkedin.com/in/contact-0001`` and
    a contact id of the same kind as the original (URL, e-mail or ``name:contact 0001``), so
    :func:`netlytics.identity.contact_key` still gives each contact's id. Numbers come from
    sorting HMAC-SHA256 digests keyed with ``salt``: the same input and salt always give the same
    aliases; without the salt they can be neither reversed nor recomputed. A person who appears in
    several seekers (same id, profile URL or e-mail) gets one alias, so shared contacts stay shared.

    Interaction and application ids are re-keyed within each seeker (``I0001``, ``A0001``; every
    ``ref`` follows). Timestamps, channels, directions, kinds, vias, statuses, roles and positions
    are kept, so every metric gives the same result with renamed keys. Dropped: problem and
    excluded ``value``\\s, event names and URLs, and every non-canonical column (such as message
    ``content``). Scrubbed: problem/excluded reasons, note sentences, sheet names and zip member
    names, roles and positions (quoted fragments, known names, e-mails, URLs and phone numbers are
    removed or aliased). Source files become "source 01.xlsx" (the sheet or member name is kept).

    Parameters
    ----------
    data
        Loaded data (one seeker or a cohort).
    salt
        A non-empty secret (string or bytes). Keep it private: with it, anyone holding the
        original names can recompute the aliases.
    companies
        ``"keep"`` (default) leaves company names; ``"generalise"`` replaces them by
        "Company 001"... consistently across tables and seekers (names that match after
        :func:`~netlytics.identity.company_key` share an alias, so company matching still works);
        ``"drop"`` empties every company column and moves the ``follows`` rows (whose company is
        required) to ``excluded``, keeping the per-source accounting true.

    Returns
    -------
    NetworkData
        Same tables, same row counts (except follows with ``companies="drop"``), same order.

    Raises
    ------
    ParameterError
        When ``data`` is not a NetworkData or an option is outside what it allows.

    See Also
    --------
    netlytics.write_tables : writes the pseudonymised tables (``netlytics anonymize``).

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["Ana Li"], "contact_id": ["bo@x.org"],
    ...                            "name": ["Bo Ng"], "email": ["bo@x.org"], "company": ["Acme Inc"]}),
    ...     interactions=pd.DataFrame({"seeker": ["Ana Li"], "interaction_id": ["ana-1"],
    ...                                "contact_id": ["bo@x.org"], "at": ["2025-01-06"],
    ...                                "channel": ["email"], "direction": ["outbound"],
    ...                                "kind": ["message"]}))
    >>> p = pseudonymize(data, salt="a secret phrase", companies="generalise")
    >>> p.contacts[["seeker", "contact_id", "name", "email", "company"]].iloc[0].tolist()
    ['Client 01', 'contact-0001@example.invalid', 'Contact 0001', 'contact-0001@example.invalid', 'Company 001']
    >>> p.interactions[["interaction_id", "contact_id"]].iloc[0].tolist()
    ['I0001', 'contact-0001@example.invalid']
    """
    if not isinstance(data, NetworkData):
        raise ParameterError(f"data must be a NetworkData (from netlytics.load); got {type(data).__name__}.")
    return all_tables(data, Aliases(data, check_salt(salt), _companies_mode(companies)))


def _mapping_frame(kind: str, mapping: dict[str, str]) -> pd.DataFrame:
    """An original -> alias mapping as rows of :func:`alias_table`."""
    return pd.DataFrame({"kind": kind, "original": list(mapping), "alias": list(mapping.values())})


def alias_table(data: NetworkData, *, salt: str | bytes, companies: str = "keep") -> pd.DataFrame:
    """The original -> alias mapping :func:`pseudonymize` uses, to keep privately (never share it).

    Returns one row per mapped value with columns ``kind`` (seeker, contact, company, source),
    ``original`` and ``alias``. For contacts, ``original`` is the contact id, profile URL or
    e-mail (normalised) and ``alias`` the value that replaces it.

    Parameters
    ----------
    data
        Loaded data.
    salt
        The secret used with :func:`pseudonymize`.
    companies
        As in :func:`pseudonymize` (company rows only with ``"generalise"``).

    Returns
    -------
    pandas.DataFrame
        Sorted by kind, then alias.

    See Also
    --------
    pseudonymize : applies this mapping.

    Raises
    ------
    ParameterError
        When ``salt`` is empty or ``companies`` is not one of :data:`COMPANY_MODES`.

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(contacts=pd.DataFrame({"seeker": ["Ana Li"], "contact_id": ["name:bo ng"]}))
    >>> alias_table(data, salt="a secret phrase")[["kind", "original", "alias"]].values.tolist()
    [['seeker', 'Ana Li', 'Client 01'], ['contact', 'name:bo ng', 'name:contact 0001']]
    """
    al = Aliases(data, check_salt(salt), _companies_mode(companies))
    toks = pd.Series(list(al.token_alias), dtype="str")
    kind = toks.str.split("\x1f", n=1).str[0]
    raw = toks.str.split("\x1f", n=1).str[1]
    original = raw.where(kind != "name", "name:" + raw)
    frames = [
        _mapping_frame("seeker", al.seeker),
        pd.DataFrame({"kind": "contact", "original": original, "alias": toks.map(al.token_alias)}),
        _mapping_frame("source", al.source_file),
    ]
    if al.companies == "generalise":
        frames.append(_mapping_frame("company", al.company_by_key))
    out = pd.concat(frames, ignore_index=True).astype("str")
    order = out["kind"].map(_KIND_ORDER)
    return (
        out.assign(_order=order)
        .sort_values(["_order", "alias"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


class _CallableModule(types.ModuleType):
    """``netlytics.pseudonymize`` is both this module and its main function.

    Importing the submodule (``from netlytics.pseudonymize import alias_table``) binds the module
    to the package attribute ``netlytics.pseudonymize``, hiding the lazily exported function of
    the same name; calling the module calls :func:`pseudonymize`, so ``netlytics.pseudonymize(data,
    salt=...)`` works either way.
    """

    def __call__(self, data: NetworkData, *, salt: str | bytes, companies: str = "keep") -> NetworkData:
        return pseudonymize(data, salt=salt, companies=companies)


sys.modules[__name__].__class__ = _CallableModule
