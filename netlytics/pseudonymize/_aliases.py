"""Every original -> alias mapping one pseudonymisation uses, and how to apply each to a column."""

from __future__ import annotations

from pathlib import PurePosixPath

import pandas as pd

from netlytics import identity, schema
from netlytics.data import NetworkData
from netlytics.pseudonymize._contacts import contact_aliases, email_token, id_token, url_token
from netlytics.pseudonymize._hash import numbered, on_distinct
from netlytics.pseudonymize._ids import rekeyed_ids
from netlytics.pseudonymize._scrub import REMOVED, Scrubber

#: File suffixes kept on a neutralised source name ("source 01.xlsx").
_KEPT_SUFFIXES = frozenset({".csv", ".xlsx", ".xls", ".xlsm", ".zip", ".json", ".parquet", ".ics"})

#: The company column of each table that has one.
COMPANY_COLUMNS = {
    "contacts": "company",
    "interactions": "company",
    "applications": "company",
    "follows": "company",
}


def _column_of_all(data: NetworkData, columns: dict[str, str]) -> pd.Series:
    """One column gathered from several tables (``{table: column}``), nulls dropped."""
    return pd.concat([getattr(data, t)[col] for t, col in columns.items()], ignore_index=True).dropna()


def _source_names(key: bytes, data: NetworkData) -> dict[str, str]:
    """Source file -> "source NN" (keeping a known suffix such as ``.xlsx``)."""
    sources = _column_of_all(data, dict.fromkeys(schema.TABLES, "source"))
    files = sources.drop_duplicates().str.split(":", n=1).str[0]
    out = {}
    for f, n in numbered(key, "source", files.unique().tolist(), width=2).items():
        suffix = PurePosixPath(f.replace("\\", "/")).suffix.lower()
        out[f] = f"source {n}" + (suffix if suffix in _KEPT_SUFFIXES else "")
    return out


class Aliases:
    """Every original -> alias mapping one pseudonymisation uses.

    Parameters
    ----------
    data
        The loaded data.
    key
        The HMAC key (from the salt).
    companies
        ``"keep"``, ``"generalise"`` or ``"drop"`` (checked by the caller).

    See Also
    --------
    netlytics.pseudonymize.alias_table : the mapping as a table.
    """

    def __init__(self, data: NetworkData, key: bytes, companies: str) -> None:
        self.companies = companies
        seekers = _column_of_all(data, dict.fromkeys(schema.TABLES, "seeker"))
        nums = numbered(key, "seeker", seekers.unique().tolist(), width=2)
        self.seeker = {s: f"Client {n}" for s, n in nums.items()}
        self.token_alias, self.token_display, self.token_number = contact_aliases(data, key)
        ckeys = identity.company_key(_column_of_all(data, COMPANY_COLUMNS).drop_duplicates())
        knums = numbered(key, "company", ckeys.dropna().unique().tolist(), width=3)
        self.company_by_key = {k: f"Company {n}" for k, n in knums.items()}
        self.source_file = _source_names(key, data)
        self.interaction_id = rekeyed_ids(key, data.interactions, ("interaction_id", "ref"), "I")
        self.application_id = rekeyed_ids(key, data.applications, ("application_id",), "A")
        self.scrub = Scrubber(_known_strings(data, self))

    def contact_id(self, s: pd.Series) -> pd.Series:
        """Contact ids replaced by aliases of the same kind (once per distinct id)."""
        return on_distinct(s, lambda u: id_token(u).map(self.token_alias).astype("str"))

    def company(self, s: pd.Series) -> pd.Series:
        """Company names kept, generalised ("Company 001") or dropped, as asked."""
        if self.companies == "keep":
            return s
        if self.companies == "drop":
            return pd.Series(pd.NA, index=s.index, dtype="str")
        return identity.company_key(s).map(self.company_by_key).astype("str")

    def source(self, s: pd.Series) -> pd.Series:
        """A source's alias ("source 01.xlsx:interactions"), worked out once per distinct source."""
        return on_distinct(s.astype("str"), self._source)

    def _source(self, s: pd.Series) -> pd.Series:
        """:meth:`source` on distinct values."""
        parts = s.str.extract(r"^(?P<file>[^:]*)(?::(?P<member>.*))?$")
        file = parts["file"].map(self.source_file).astype("str")
        # keep a zip member's or sheet's own name, never the folders around it
        member = parts["member"].astype("str").str.extract(r"([^/\\]*)$", expand=False)
        member = self.scrub(member, quoted=False)
        out = file.where(member.isna(), file + ":" + member)
        return out.where(s.notna()).astype("str")


class _Known:
    """Collects lower-cased original strings -> alias (the first alias given to a string wins)."""

    def __init__(self) -> None:
        self.out: dict[str, str] = {}

    def add(self, values: pd.Series, aliases: pd.Series, *, min_len: int = 3) -> None:
        """Add ``values`` (stripped, at least ``min_len`` long) with their ``aliases``."""
        frame = pd.DataFrame({"v": values.astype("str").str.strip(), "a": aliases.astype("str")}).dropna()
        frame = frame[frame["v"].str.len() >= min_len]
        lower = frame["v"].str.lower()
        first = ~lower.duplicated().to_numpy()  # the first alias given to a string wins
        incoming = dict(zip(lower[first].tolist(), frame["a"][first].tolist(), strict=True))
        for known in incoming.keys() & self.out.keys():  # ... and so does an earlier call's
            del incoming[known]
        self.out.update(incoming)


def _known_contacts(known: _Known, data: NetworkData, al: Aliases) -> None:
    """Contact names, name words, e-mails, profile URLs and slugs, and every contact token."""
    c = data.contacts
    known.add(c["name"], id_token(c["contact_id"]).map(al.token_display))
    # each word of a name on its own ("Founder, Brackenbury Consulting"): removed
    words = c["name"].str.findall(r"[^\W\d_][\w'’-]*").explode().dropna().astype("str")
    known.add(words, pd.Series(REMOVED, index=words.index, dtype="str"))
    known.add(c["email"], email_token(c["email"]).map(al.token_alias))
    url_alias = url_token(c["profile_url"]).map(al.token_alias)
    known.add(c["profile_url"], url_alias)
    slug = c["profile_url"].str.extract(r"/in/([^/?#]+)", expand=False)
    known.add(slug, url_alias.str.extract(r"/in/(.+)$", expand=False), min_len=4)
    toks = pd.Series(list(al.token_alias), dtype="str")
    known.add(toks.str.split("\x1f", n=1).str[1], toks.map(al.token_alias))
    names = toks[toks.str.startswith("name\x1f")].str.split("\x1f", n=1).str[1]
    known.add(names, toks.map(al.token_display))


def _known_strings(data: NetworkData, al: Aliases) -> dict[str, str]:
    """Lower-cased original strings -> their alias, for scrubbing free text."""
    known = _Known()
    _known_contacts(known, data, al)
    seekers = pd.Series(list(al.seeker), dtype="str")
    known.add(seekers, seekers.map(al.seeker), min_len=2)
    files = pd.Series(list(al.source_file), dtype="str")
    known.add(files, files.map(al.source_file))
    stems = files.str.replace(r"\.[A-Za-z0-9]{1,5}$", "", regex=True)
    known.add(stems, files.map(al.source_file), min_len=4)
    if al.companies != "keep":
        comp = _column_of_all(data, COMPANY_COLUMNS).drop_duplicates()
        alias = (
            identity.company_key(comp).map(al.company_by_key)
            if al.companies == "generalise"
            else pd.Series("[company]", index=comp.index, dtype="str")
        )
        known.add(comp, alias)
    for ids in (al.interaction_id.pairs, al.application_id.pairs):
        has_letter = ids["old"].str.contains(r"[^\W\d_]", regex=True, na=False)
        known.add(ids.loc[has_letter, "old"], ids.loc[has_letter, "new"], min_len=4)
    return known.out
