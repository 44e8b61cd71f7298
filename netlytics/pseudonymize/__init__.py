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

import hashlib
import hmac
import re
import sys
import types
from pathlib import PurePosixPath

import networkx as nx
import pandas as pd

from netlytics import identity, schema
from netlytics._checks import check_choice
from netlytics.data import NetworkData
from netlytics.errors import ParameterError

__all__ = ["pseudonymize", "alias_table", "COMPANY_MODES"]

#: Allowed values of ``companies=`` ("generalize" is accepted as a spelling of "generalise").
COMPANY_MODES: tuple[str, ...] = ("keep", "generalise", "drop")

#: File suffixes kept on a neutralised source name ("source 01.xlsx").
_KEPT_SUFFIXES = frozenset({".csv", ".xlsx", ".xls", ".xlsm", ".zip", ".json", ".parquet", ".ics"})

#: Columns holding a contact id (a contacts.contact_id), per table.
_CONTACT_ID_COLUMNS = {
    "contacts": ("contact_id",),
    "interactions": ("contact_id", "introduced"),
    "applications": ("contact_id",),
}
_COMPANY_COLUMNS = {
    "contacts": "company",
    "interactions": "company",
    "applications": "company",
    "follows": "company",
}
_REMOVED = "[removed]"
_EMAIL_RE = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL_RE = r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|co|de|fr|uk)/\S*"
_PHONE_RE = re.compile(r"(?<![\w:/.-])\+?\(?\d[\d ()./-]{5,}\d(?![\w:])")
_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}/\d{1,2}/\d{1,2}")


def _phone(match: re.Match) -> str:
    """Replace a phone-number-like run of digits; dates and short numbers are kept."""
    text = match.group(0)
    if sum(ch.isdigit() for ch in text) < 7 or _DATE_RE.search(text):
        return text
    return _REMOVED


_QUOTED_RE = r"'[^']{1,200}'|\"[^\"]{1,200}\"|‘[^’]{1,200}’|“[^”]{1,200}”"


# --- keyed hash ----------------------------------------------------------------------------------


def _key(salt: str | bytes) -> bytes:
    if isinstance(salt, str):
        salt = salt.encode("utf-8")
    if not isinstance(salt, bytes) or not salt:
        raise ParameterError(
            f"salt must be a non-empty string (a secret you keep); got {salt!r}.",
            hint="Choose a long random phrase and store it privately: without it the aliases cannot "
            "be reversed, with it the same input always gets the same aliases.",
        )
    return salt


def _digests(key: bytes, domain: str, values) -> dict:
    """HMAC-SHA256 hex digest of each distinct value (a loop over unique values only)."""
    return {v: hmac.new(key, f"{domain}\x1f{v}".encode(), hashlib.sha256).hexdigest() for v in values}


def _numbered(key: bytes, domain: str, values, *, width: int) -> dict[str, str]:
    """Number distinct values 1..n in the order of their keyed digests; zero-padded strings."""
    dig = _digests(key, domain, set(values))
    ordered = sorted(dig, key=dig.__getitem__)
    width = max(width, len(str(len(ordered))))
    return {v: str(i).zfill(width) for i, v in enumerate(ordered, start=1)}


def _on_distinct(s: pd.Series, func) -> pd.Series:
    """``func(s)`` (a Series -> Series, null for null) worked out once per distinct value.

    >>> _on_distinct(pd.Series(["a", "b", "a", None], dtype="str"), lambda u: u.str.upper()).tolist()
    ['A', 'B', 'A', nan]
    """
    values = s.dropna().unique()
    if len(values) == len(s):
        return func(s)
    done = func(pd.Series(values, dtype=s.dtype))
    mapping = pd.Series(done.to_numpy(), index=pd.Index(values, dtype=s.dtype))
    return pd.Series(mapping.reindex(s).to_numpy(), index=s.index, dtype=done.dtype, name=s.name)


def _companies_mode(companies: str) -> str:
    return check_choice("companies", {"generalize": "generalise"}.get(companies, companies), COMPANY_MODES)


# --- contacts: identity components ---------------------------------------------------------------


def _id_type(ids: pd.Series) -> pd.Series:
    """What a contact id is made of: url, email, name (``name:...``) or id (anything else)."""
    kind = pd.Series("id", index=ids.index, dtype="str")
    kind = kind.mask(ids.str.contains("@", regex=False, na=False), "email")
    kind = kind.mask(ids.str.contains("://", regex=False, na=False), "url")
    kind = kind.mask(ids.str.startswith("name:", na=False), "name")
    return kind


def _token(kind: pd.Series | str, value: pd.Series) -> pd.Series:
    return (kind + "\x1f" + value).where(value.notna())


def _alias_for(kind: str, number: str, rank: int) -> str:
    """The alias of a token: ``rank`` (1-based) separates several tokens of one kind in one person."""
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


def _contact_aliases(data: NetworkData, key: bytes) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Map contact tokens to aliases.

    Returns ``(token_alias, token_display, token_number)``: token -> alias string, token -> display
    name ("Contact 0042"), token -> the person's number. Tokens are ``kind\\x1fvalue`` with kind
    url, email, name or id; a contact id is a token of its own kind.

    A person is a connected component of tokens: a contacts row links its id with its normalised
    profile URL and e-mail, so the same person met in two seekers (same id, or the same URL/e-mail
    under different ids) gets one number and shared contacts stay shared.
    """
    c = data.contacts
    ids = pd.concat(
        [getattr(data, t)[col] for t, cols in _CONTACT_ID_COLUMNS.items() for col in cols],
        ignore_index=True,
    ).dropna()
    ids = ids.drop_duplicates()
    id_tokens = _token(_id_type(ids), ids.str.removeprefix("name:")).dropna()

    row_id = _token(_id_type(c["contact_id"]), c["contact_id"].str.removeprefix("name:"))
    row_url = _token("url", identity.normalise_url(c["profile_url"]))
    row_email = _token("email", identity.normalise_email(c["email"]))
    edges = pd.concat(
        [
            pd.DataFrame({"a": row_id, "b": row_url}),
            pd.DataFrame({"a": row_id, "b": row_email}),
        ],
        ignore_index=True,
    ).dropna()
    edges = edges.drop_duplicates()

    g = nx.Graph()
    g.add_nodes_from(id_tokens.unique().tolist())
    g.add_nodes_from(row_url.dropna().unique().tolist())
    g.add_nodes_from(row_email.dropna().unique().tolist())
    g.add_edges_from(edges.itertuples(index=False, name=None))

    dig = _digests(key, "contact", list(g.nodes))
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
            token_alias[tok] = _alias_for(kind, number, rank)
            token_display[tok] = _alias_for("display", number, rank if kind == "name" else 1)
            token_number[tok] = number
    return token_alias, token_display, token_number


# --- the mapping -----------------------------------------------------------------------------------


class _Aliases:
    """Every original -> alias mapping one pseudonymisation uses."""

    def __init__(self, data: NetworkData, key: bytes, companies: str) -> None:
        self.companies = companies
        seekers = pd.concat([getattr(data, t)["seeker"] for t in schema.TABLES], ignore_index=True).dropna()
        nums = _numbered(key, "seeker", seekers.unique().tolist(), width=2)
        self.seeker = {s: f"Client {n}" for s, n in nums.items()}

        self.token_alias, self.token_display, self.token_number = _contact_aliases(data, key)

        company_values = pd.concat(
            [getattr(data, t)[col] for t, col in _COMPANY_COLUMNS.items()], ignore_index=True
        ).dropna()
        company_values = company_values.drop_duplicates()
        ckeys = identity.company_key(company_values)
        knums = _numbered(key, "company", ckeys.dropna().unique().tolist(), width=3)
        self.company_by_key = {k: f"Company {n}" for k, n in knums.items()}

        sources = pd.concat([getattr(data, t)["source"] for t in schema.TABLES], ignore_index=True).dropna()
        files = sources.drop_duplicates().str.split(":", n=1).str[0]
        fnums = _numbered(key, "source", files.unique().tolist(), width=2)
        self.source_file = {}
        for f, n in fnums.items():
            suffix = PurePosixPath(f.replace("\\", "/")).suffix.lower()
            self.source_file[f] = f"source {n}" + (suffix if suffix in _KEPT_SUFFIXES else "")

        self.interaction_id = self._ids(key, data.interactions, ("interaction_id", "ref"), "I")
        self.application_id = self._ids(key, data.applications, ("application_id",), "A")
        self.scrub_map = self._scrub_map(data)
        self._scrub_re = None

    @staticmethod
    def _ids(key: bytes, df: pd.DataFrame, cols: tuple[str, ...], prefix: str) -> pd.DataFrame:
        """New ids per seeker: numbered by keyed digest of (seeker, id), unique within the seeker."""
        pairs = pd.concat(
            [df[["seeker", c]].set_axis(["seeker", "old"], axis=1) for c in cols], ignore_index=True
        )
        pairs = pairs.dropna().drop_duplicates().reset_index(drop=True)
        if not len(pairs):
            return pairs.assign(new=pd.Series(dtype="str"))
        joined = (pairs["seeker"] + "\x1f" + pairs["old"]).tolist()
        dig = _digests(key, prefix, joined)
        pairs["digest"] = [dig[j] for j in joined]
        rank = pairs.groupby("seeker")["digest"].rank(method="first").astype("int64")
        width = max(4, len(str(int(rank.max()))))
        pairs["new"] = prefix + rank.astype("str").str.zfill(width)
        return pairs[["seeker", "old", "new"]]

    def _scrub_map(self, data: NetworkData) -> dict[str, str]:
        """Lower-cased original strings -> their alias, for scrubbing free text."""
        out: dict[str, str] = {}

        def add(values: pd.Series, aliases: pd.Series, *, min_len: int = 3) -> None:
            frame = pd.DataFrame({"v": values.astype("str").str.strip(), "a": aliases.astype("str")}).dropna()
            frame = frame[frame["v"].str.len() >= min_len].drop_duplicates("v")
            for v, a in zip(frame["v"].str.lower(), frame["a"], strict=True):
                out.setdefault(v, a)

        c = data.contacts
        row_tok = _token(_id_type(c["contact_id"]), c["contact_id"].str.removeprefix("name:"))
        add(c["name"], row_tok.map(self.token_display))
        # each word of a name on its own ("Founder, Brackenbury Consulting"): removed
        words = c["name"].str.findall(r"[^\W\d_][\w'’-]*").explode().dropna().astype("str")
        add(words, pd.Series(_REMOVED, index=words.index, dtype="str"))
        add(c["email"], _token("email", identity.normalise_email(c["email"])).map(self.token_alias))
        url_tok = _token("url", identity.normalise_url(c["profile_url"]))
        add(c["profile_url"], url_tok.map(self.token_alias))
        slug = c["profile_url"].str.extract(r"/in/([^/?#]+)", expand=False)
        add(slug, url_tok.map(self.token_alias).str.extract(r"/in/(.+)$", expand=False), min_len=4)
        toks = pd.Series(list(self.token_alias), dtype="str")
        raw = toks.str.split("\x1f", n=1).str[1]
        add(raw, toks.map(self.token_alias))
        add(toks[toks.str.startswith("name\x1f")].str.split("\x1f", n=1).str[1], toks.map(self.token_display))
        seekers = pd.Series(list(self.seeker), dtype="str")
        add(seekers, seekers.map(self.seeker), min_len=2)
        files = pd.Series(list(self.source_file), dtype="str")
        add(files, files.map(self.source_file))
        stems = files.str.replace(r"\.[A-Za-z0-9]{1,5}$", "", regex=True)
        add(stems, files.map(self.source_file), min_len=4)
        if self.companies != "keep":
            comp = pd.concat(
                [getattr(data, t)[col] for t, col in _COMPANY_COLUMNS.items()], ignore_index=True
            ).dropna()
            comp = comp.drop_duplicates()
            alias = (
                identity.company_key(comp).map(self.company_by_key)
                if self.companies == "generalise"
                else pd.Series("[company]", index=comp.index, dtype="str")
            )
            add(comp, alias)
        for ids in (self.interaction_id, self.application_id):
            has_letter = ids["old"].str.contains(r"[^\W\d_]", regex=True, na=False)
            add(ids.loc[has_letter, "old"], ids.loc[has_letter, "new"], min_len=4)
        return out

    # -- applying ------------------------------------------------------------------------------

    def contact_id(self, s: pd.Series) -> pd.Series:
        return _on_distinct(s, self._contact_id)

    def _contact_id(self, s: pd.Series) -> pd.Series:
        tok = _token(_id_type(s), s.str.removeprefix("name:"))
        return tok.map(self.token_alias).astype("str")

    def company(self, s: pd.Series) -> pd.Series:
        if self.companies == "keep":
            return s
        if self.companies == "drop":
            return pd.Series(pd.NA, index=s.index, dtype="str")
        return identity.company_key(s).map(self.company_by_key).astype("str")

    def source(self, s: pd.Series) -> pd.Series:
        """A source's alias ("source 01.xlsx:interactions"), worked out once per distinct source."""
        return _on_distinct(s.astype("str"), self._source)

    def _source(self, s: pd.Series) -> pd.Series:
        parts = s.str.extract(r"^(?P<file>[^:]*)(?::(?P<member>.*))?$")
        file = parts["file"].map(self.source_file).astype("str")
        # keep a zip member's or sheet's own name, never the folders around it
        member = parts["member"].astype("str").str.extract(r"([^/\\]*)$", expand=False)
        member = self.scrub(member, quoted=False)
        out = file.where(member.isna(), file + ":" + member)
        return out.where(s.notna()).astype("str")

    def scrub(self, s: pd.Series, *, quoted: bool = True) -> pd.Series:
        """Free text without quoted fragments, known names, e-mails, URLs, phones (once per text)."""
        return _on_distinct(s.astype("str"), lambda u: self._scrub(u, quoted=quoted))

    def _scrub(self, s: pd.Series, *, quoted: bool) -> pd.Series:
        if not s.notna().any():
            return s
        if quoted:
            s = s.str.replace(_QUOTED_RE, f"'{_REMOVED}'", regex=True)
        if self.scrub_map:
            if self._scrub_re is None:
                alts = sorted(self.scrub_map, key=len, reverse=True)
                self._scrub_re = re.compile(
                    r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)", re.IGNORECASE
                )
            s = s.str.replace(self._scrub_re, lambda m: self.scrub_map[m.group(0).lower()], regex=True)
        # an alias contains no e-mail/URL/phone shape that these patterns would hit, except the
        # alias addresses and URLs themselves, which are protected by a placeholder round trip
        s = s.str.replace(r"(contact-\d+(?:-\d+)?)@example\.invalid", r"\1<AT>example.invalid", regex=True)
        s = s.str.replace(r"https://www\.linkedin\.com/in/(contact-\d+)", r"<LI>\1", regex=True)
        s = s.str.replace(_EMAIL_RE, _REMOVED, regex=True)
        s = s.str.replace(_URL_RE, _REMOVED, regex=True)
        s = s.str.replace(_PHONE_RE, _phone, regex=True)
        s = s.str.replace("<AT>", "@", regex=False).str.replace(
            "<LI>", "https://www.linkedin.com/in/", regex=False
        )
        return s

    def rekey(self, df: pd.DataFrame, ids: pd.DataFrame, cols: tuple[str, ...]) -> pd.DataFrame:
        out = df.copy()
        lookup = ids.set_index(["seeker", "old"])["new"]
        for col in cols:
            idx = pd.MultiIndex.from_arrays([df["seeker"], df[col]])
            new = pd.Series(lookup.reindex(idx).to_numpy(), index=df.index, dtype="str")
            out[col] = new.where(df[col].notna())
        return out


# --- the public functions ------------------------------------------------------------------------


def _base(data: NetworkData, al: _Aliases, name: str) -> pd.DataFrame:
    """A table's canonical columns with its seekers and sources renamed."""
    df = getattr(data, name)
    df = df[schema.TABLES[name].columns].copy()  # non-canonical columns (content...) are dropped
    if "seeker" in df.columns:
        df["seeker"] = df["seeker"].map(al.seeker).astype("str")
    if "source" in df.columns:
        df["source"] = al.source(df["source"])
    return df


def _contacts(data: NetworkData, al: _Aliases) -> pd.DataFrame:
    """The contacts with ids, names, e-mails, profile URLs, companies and positions aliased."""
    contacts = _base(data, al, "contacts")
    c = data.contacts
    row_tok = _token(_id_type(c["contact_id"]), c["contact_id"].str.removeprefix("name:"))
    contacts["contact_id"] = al.contact_id(c["contact_id"])
    contacts["name"] = row_tok.map(al.token_display).astype("str").where(c["name"].notna())
    email_tok = _token("email", identity.normalise_email(c["email"]))
    contacts["email"] = email_tok.map(al.token_alias).astype("str")
    url_tok = _token("url", identity.normalise_url(c["profile_url"]))
    contacts["profile_url"] = url_tok.map(al.token_alias).astype("str")
    contacts["company"] = al.company(c["company"])
    contacts["position"] = al.scrub(c["position"], quoted=False)
    return contacts


def _drop_follows(follows: pd.DataFrame, excluded: pd.DataFrame, sources: pd.DataFrame):
    """``companies="drop"``: every follow becomes an excluded row, and the accounting says so."""
    moved = follows.assign(
        column="company",
        value=pd.Series(pd.NA, index=follows.index, dtype="str"),
        reason="Company dropped by pseudonymize(companies='drop').",
    )[schema.EXCLUDED.columns]
    excluded = pd.concat([excluded, moved], ignore_index=True)
    per_source = follows.groupby("source", dropna=False).size()
    is_follows = sources["table"].eq("follows").fillna(False)
    n = sources["source"].map(per_source).where(is_follows).fillna(0).astype("Int64")
    sources = sources.assign(loaded=sources["loaded"] - n, excluded=sources["excluded"] + n)
    return schema.empty("follows"), excluded, sources


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
    key = _key(salt)
    mode = _companies_mode(companies)
    al = _Aliases(data, key, mode)

    def base(name: str) -> pd.DataFrame:
        return _base(data, al, name)

    contacts = _contacts(data, al)
    interactions = base("interactions")
    for col in _CONTACT_ID_COLUMNS["interactions"]:
        interactions[col] = al.contact_id(data.interactions[col])
    interactions["company"] = al.company(data.interactions["company"])
    # rekey against the original seeker names, then rename the seekers
    orig_seekers = data.interactions["seeker"]
    interactions = al.rekey(
        interactions.assign(seeker=orig_seekers), al.interaction_id, ("interaction_id", "ref")
    ).assign(seeker=interactions["seeker"])

    applications = base("applications")
    applications["contact_id"] = al.contact_id(data.applications["contact_id"])
    applications["company"] = al.company(data.applications["company"])
    applications["role"] = al.scrub(data.applications["role"], quoted=False)
    applications = al.rekey(
        applications.assign(seeker=data.applications["seeker"]), al.application_id, ("application_id",)
    ).assign(seeker=applications["seeker"])

    issues = {}
    for name in ("problems", "excluded"):
        df = base(name)
        df["value"] = pd.Series(pd.NA, index=df.index, dtype="str")
        df["reason"] = al.scrub(getattr(data, name)["reason"])
        df["column"] = al.scrub(getattr(data, name)["column"], quoted=False)
        issues[name] = df

    follows = base("follows")
    sources = base("sources")
    if mode == "drop":
        follows, issues["excluded"], sources = _drop_follows(follows, issues["excluded"], sources)
    else:
        follows["company"] = al.company(data.follows["company"])

    events = base("events")
    events["name"] = pd.Series(pd.NA, index=events.index, dtype="str")
    events["url"] = pd.Series(pd.NA, index=events.index, dtype="str")

    notes = base("notes")
    notes["note"] = al.scrub(data.notes["note"])
    notes["topic"] = al.scrub(data.notes["topic"], quoted=False)

    return NetworkData(
        contacts=contacts,
        interactions=interactions,
        applications=applications,
        problems=issues["problems"],
        excluded=issues["excluded"],
        follows=follows,
        events=events,
        sources=sources,
        notes=notes,
    )


def alias_table(data: NetworkData, *, salt: str | bytes, companies: str = "keep") -> pd.DataFrame:
    """The original -> alias mapping :func:`pseudonymize` uses, to keep privately (never share it).

    Returns one row per mapped value with columns ``kind`` (seeker, contact, company, source),
    ``original`` and ``alias``. For contacts, ``original`` is the contact id, profile URL or
    e-mail (normalised) and ``alias`` the value that replaces it.

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(contacts=pd.DataFrame({"seeker": ["Ana Li"], "contact_id": ["name:bo ng"]}))
    >>> alias_table(data, salt="a secret phrase")[["kind", "original", "alias"]].values.tolist()
    [['seeker', 'Ana Li', 'Client 01'], ['contact', 'name:bo ng', 'name:contact 0001']]
    """
    al = _Aliases(data, _key(salt), _companies_mode(companies))
    toks = pd.Series(list(al.token_alias), dtype="str")
    kind = toks.str.split("\x1f", n=1).str[0]
    raw = toks.str.split("\x1f", n=1).str[1]
    original = raw.where(kind != "name", "name:" + raw)
    frames = [
        pd.DataFrame({"kind": "seeker", "original": list(al.seeker), "alias": list(al.seeker.values())}),
        pd.DataFrame({"kind": "contact", "original": original, "alias": toks.map(al.token_alias)}),
        pd.DataFrame(
            {"kind": "source", "original": list(al.source_file), "alias": list(al.source_file.values())}
        ),
    ]
    if al.companies == "generalise":
        frames.append(
            pd.DataFrame(
                {
                    "kind": "company",
                    "original": list(al.company_by_key),
                    "alias": list(al.company_by_key.values()),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True).astype("str")
    order = out["kind"].map(_KIND_ORDER)
    return (
        out.assign(_order=order)
        .sort_values(["_order", "alias"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


_KIND_ORDER = {"seeker": 0, "contact": 1, "company": 2, "source": 3}


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
