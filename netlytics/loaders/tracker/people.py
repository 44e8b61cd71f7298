"""People: the person a cell names (a profile URL, an e-mail or a name), as a contact id.

A reference is looked up among the seeker's contacts by URL, then e-mail, then normalised name;
a person no contacts sheet lists becomes a contact of their own, keyed by what was written
(docs/trackers.md, section 2.7).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlytics import identity
from netlytics.loaders.tracker.sheets import text as as_text

__all__ = ["People", "pairs_in", "pair_keys"]


def pair_keys(seeker: pd.Series, values: pd.Series) -> list[str]:
    """The ``seeker + "\\x1f" + value`` keys of the rows where both are filled (a set's items).

    Parameters
    ----------
    seeker, values
        Aligned columns.

    Returns
    -------
    list of str

    See Also
    --------
    People.resolve : the lookup these keys serve.
    """
    both = (seeker.astype("str") + "\x1f" + values.astype("str")).dropna()
    return both.to_numpy(dtype=object).tolist()


def pairs_in(seeker: pd.Series, values: pd.Series, pairs: set[str]) -> pd.Series:
    """Vectorised ``(seeker, value) in pairs``, ``pairs`` holding :func:`pair_keys` keys.

    Parameters
    ----------
    seeker, values
        Aligned columns.
    pairs
        Keys from :func:`pair_keys`.

    Returns
    -------
    pandas.Series
        Boolean, aligned with ``seeker``.

    See Also
    --------
    People.resolve : the lookup these keys serve.
    """
    if not pairs:
        return pd.Series(False, index=seeker.index)
    here = (seeker.astype("str") + "\x1f" + values.astype("str")).to_numpy(dtype=object, na_value=None)
    # set membership in C, once per row (an isin would hash every key of ``pairs`` on each call)
    found = np.fromiter(map(pairs.__contains__, here), dtype=bool, count=len(here))
    return pd.Series(found, index=seeker.index)


@dataclass
class People:
    """Lookup of written person references -> contact_id, per seeker."""

    keys: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)  # pair_keys(seeker, contact_id)

    def name_key(self, s: pd.Series) -> pd.Series:
        """:func:`netlytics.identity.normalise_name` (each distinct name is worked out once)."""
        return identity.normalise_name(s)

    def contact_key(self, url: pd.Series, email: pd.Series, name: pd.Series) -> pd.Series:
        """:func:`netlytics.identity.contact_key` with the cached name keys."""
        n = self.name_key(name)
        key = ("name:" + n).where(n.notna())
        e = identity.normalise_email(email)
        key = e.where(e.notna(), key)
        u = identity.normalise_url(url)
        return u.where(u.notna(), key).astype("str")

    def register(self, contacts: pd.DataFrame, *, normalised: bool = False) -> None:
        """Make a frame of contacts findable by URL, e-mail and name (the first id wins).

        ``normalised=True``: the frame's URLs and e-mails are normalised already.
        """
        seeker = contacts["seeker"]
        url, email = contacts["profile_url"], contacts["email"]
        if not normalised:
            url, email = identity.normalise_url(url), identity.normalise_email(email)
        # the three kinds' keys never collide ("url:", "email:", "name:"), so one pass serves all
        full = pd.concat(
            [
                (seeker + "\x1f" + kind + ":" + key).where(key.notna())
                for kind, key in (("url", url), ("email", email), ("name", self.name_key(contacts["name"])))
            ],
            ignore_index=True,
        )
        ids = pd.concat([contacts["contact_id"]] * 3, ignore_index=True)
        frame = pd.DataFrame({"k": full, "id": ids}).dropna()
        first = frame.drop_duplicates("k")
        known = self.keys
        pairs = zip(
            first["k"].to_numpy(dtype=object).tolist(),
            first["id"].to_numpy(dtype=object).tolist(),
            strict=True,
        )
        known.update([(k, v) for k, v in pairs if k not in known])  # earlier registrations win
        dups = frame[frame.duplicated("k", keep=False)]
        if len(dups):
            for k, grp in dups.groupby("k"):
                ambiguous = list(dict.fromkeys(grp["id"]))
                if len(ambiguous) > 1:
                    self.ambiguous[k] = ambiguous
        self.known_ids.update(pair_keys(contacts["seeker"], contacts["contact_id"]))

    def resolve(
        self, seeker: pd.Series, written: pd.Series, source: str | pd.Series
    ) -> tuple[pd.Series, pd.DataFrame]:
        """contact_id for each written reference, and the new contacts it implies.

        Each distinct (seeker, reference) is resolved once; ``source`` is the sheet's, or each
        row's (a stacked sheet).
        """
        text = written if written.dtype == "str" else as_text(written)
        if not text.notna().any():
            return text, pd.DataFrame(columns=["seeker", "contact_id", "name", "email", "profile_url"])
        s_codes, _ = pd.factorize(seeker, use_na_sentinel=False)
        t_codes, _ = pd.factorize(text, use_na_sentinel=False)
        inverse, uniq = pd.factorize(s_codes.astype("int64") * (int(t_codes.max()) + 1) + t_codes)
        if len(uniq) == len(text):
            return self._resolve(seeker, text, source)
        firsts = np.unique(inverse, return_index=True)[1]  # each pair's first row (in row order)
        cid, new = self._resolve(seeker.iloc[firsts], text.iloc[firsts], source)
        return pd.Series(cid.to_numpy()[inverse], index=text.index, dtype="str"), new

    def _resolve(
        self, seeker: pd.Series, text: pd.Series, source: str | pd.Series
    ) -> tuple[pd.Series, pd.DataFrame]:
        low = text.str.lower()
        is_url = low.str.contains(r"linkedin\.com|^https?://|^www\.", regex=True, na=False)
        is_email = ~is_url & low.str.contains("@", regex=False, na=False)
        is_name = text.notna() & ~is_url & ~is_email
        nothing = pd.Series(pd.NA, index=text.index, dtype="str")
        url = identity.normalise_url(text.where(is_url)) if is_url.any() else nothing
        email = identity.normalise_email(text.where(is_email)) if is_email.any() else nothing
        name = self.name_key(text.where(is_name))
        kind_key = ("url:" + url).where(is_url, ("email:" + email).where(is_email, "name:" + name))
        full = seeker + "\x1f" + kind_key
        found = full.map(self.keys).astype("str")
        # a value that already is one of this seeker's contact ids (a canonical table written back)
        known = pairs_in(seeker, text, self.known_ids)
        found = text.where(known & text.notna(), found)
        own = url.where(url.notna(), email.where(email.notna(), ("name:" + name).where(name.notna())))
        cid = found.where(found.notna(), own).where(text.notna())
        new = pd.DataFrame(
            {
                "seeker": seeker,
                "contact_id": cid,
                "name": text.where(is_name),
                "email": email,
                "profile_url": url,
            }
        )[found.isna() & cid.notna()]
        new = new.drop_duplicates(["seeker", "contact_id"])
        keep = ~pairs_in(new["seeker"], new["contact_id"], self.known_ids)
        if isinstance(source, pd.Series):
            source = source.loc[new.index[keep]]
        new = new[keep].assign(source=source, origin="tracker")
        if len(new):
            self.register(new, normalised=True)
        return cid.astype("str"), new
