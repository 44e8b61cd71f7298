"""Identity keys: how one person or one company is recognised across files.

All functions take and return pandas Series (vectorised); nulls stay null.

- :func:`normalise_url` for LinkedIn profile URLs (docs/spec/FORMATS.md section 6);
- :func:`normalise_email`, :func:`normalise_name`;
- :func:`contact_key`: the canonical ``contact_id`` (URL, else e-mail, else name);
- :func:`company_key`: the company-matching key of docs/spec/METRICS.md section 5.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

import numpy as np
import pandas as pd

__all__ = ["normalise_url", "normalise_email", "normalise_name", "contact_key", "company_key"]

LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "gmbh",
        "corp",
        "corporation",
        "co",
        "plc",
        "ag",
        "sa",
        "bv",
        "nv",
        "llp",
        "lp",
        "pty",
        "sarl",
        "srl",
    }
)


def _blank_to_na(s: pd.Series) -> pd.Series:
    s = s.astype("str")
    s = s.str.strip()
    return s.where(s.notna() & (s != ""))


def _unquote_unique(s: pd.Series) -> pd.Series:
    # unquote only the distinct values that contain a percent sign (fast on big frames)
    has = s.str.contains("%", regex=False, na=False)
    if not has.any():
        return s
    uniq = s[has].unique()
    mapping = {u: unquote(u) for u in uniq}
    out = s.copy()
    out[has] = s[has].map(mapping)
    return out


#: Normalised URLs already computed (raw value -> key or None); emptied when it grows large.
_URL_KEYS: dict[str, str | None] = {}
_URL_KEYS_MAX = 1_000_000


def normalise_url(s: pd.Series) -> pd.Series:
    """Normalise LinkedIn profile URLs so one person has one key in every file.

    Percent-decoding, lower case, ``https://`` scheme (added when missing), ``www.`` host,
    no query string, no trailing slash. Anything that is not a URL after this stays as it is.
    Each distinct value is normalised once (and remembered across calls).

    Parameters
    ----------
    s
        URLs as written.

    Returns
    -------
    pandas.Series
        ``str`` keys, null where the value is blank.

    See Also
    --------
    contact_key : the contact id built from it.

    Examples
    --------
    >>> import pandas as pd
    >>> normalise_url(pd.Series(["https://www.linkedin.com/in/zo%C3%AB-ng",
    ...                          "www.linkedin.com/in/Zoë-Ng/", "http://linkedin.com/in/zoë-ng?x=1",
    ...                          "", None])).tolist()
    ['https://www.linkedin.com/in/zoë-ng', 'https://www.linkedin.com/in/zoë-ng', 'https://www.linkedin.com/in/zoë-ng', nan, nan]
    """
    codes, uniq = pd.factorize(s.astype("str"))
    values = uniq.tolist()
    todo = [u for u in values if u not in _URL_KEYS]  # a loop over distinct values only
    if todo:
        if len(_URL_KEYS) + len(todo) > _URL_KEYS_MAX:
            _URL_KEYS.clear()
        done = _normalise_urls(pd.Series(todo, dtype="str"))
        _URL_KEYS.update(zip(todo, done.to_numpy(dtype=object, na_value=None).tolist(), strict=True))
    keys = np.array([_URL_KEYS[u] for u in values] + [None], dtype=object)
    return pd.Series(keys[codes], index=s.index, dtype="str", name=s.name)


def _normalise_urls(s: pd.Series) -> pd.Series:
    """:func:`normalise_url` of distinct values, vectorised."""
    s = _blank_to_na(s)
    s = _unquote_unique(s).str.lower()
    s = s.str.replace(r"[?#].*$", "", regex=True).str.rstrip("/")
    s = s.str.replace(r"^(?:https?://)?(?:www\.)?linkedin\.com", "https://www.linkedin.com", regex=True)
    s = s.str.replace(r"^http://", "https://", regex=True)
    no_scheme = (
        s.notna() & ~s.str.contains("://", regex=False, na=False) & s.str.contains(".", regex=False, na=False)
    )
    s = s.mask(no_scheme, "https://" + s)
    return s.where(s != "")


def normalise_email(s: pd.Series) -> pd.Series:
    """Lower-case, trimmed e-mail addresses; values without an ``@`` become null.

    Examples
    --------
    >>> import pandas as pd
    >>> normalise_email(pd.Series([" Ana@Example.ORG ", "urn:li:member:1", None])).tolist()
    ['ana@example.org', nan, nan]
    """
    s = _blank_to_na(s).str.lower()
    return s.where(s.str.contains("@", regex=False, na=False))


_TITLE_TOKENS = re.compile(
    r",?\s*\b(?:mba|phd|ph\.d\.?|cpa|pmp|msc|bsc|md|jr\.?|sr\.?|dr\.?|mr\.?|mrs\.?|ms\.?)(?=\s|$|,)",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalise_name(s: pd.Series) -> pd.Series:
    """A matching key for person names: accents folded, lower case, credentials and
    punctuation removed, whitespace collapsed. Each distinct value is worked out once (and
    remembered across calls).

    Examples
    --------
    >>> import pandas as pd
    >>> normalise_name(pd.Series(["  Zoë  Ng, MBA", "zoe ng", "O'Brien-Smith", ""])).tolist()
    ['zoe ng', 'zoe ng', 'obrien smith', nan]
    """
    codes, uniq = pd.factorize(s.astype("str"))
    values = uniq.tolist()
    todo = [u for u in values if u not in _NAME_KEYS]  # a loop over new distinct names only
    if todo:
        if len(_NAME_KEYS) + len(todo) > _URL_KEYS_MAX:
            _NAME_KEYS.clear()
        _NAME_KEYS.update((u, _name_key(u)) for u in todo)
    keys = np.array([_NAME_KEYS[u] for u in values] + [None], dtype=object)
    return pd.Series(keys[codes], index=s.index, dtype="str", name=s.name)


#: Name keys already computed (raw value -> key or None); emptied when it grows large.
_NAME_KEYS: dict[str, str | None] = {}


def _name_key(text: str) -> str | None:
    """:func:`normalise_name` of one distinct value."""
    v = _TITLE_TOKENS.sub(" ", _fold(text.strip())).lower()
    v = re.sub(r"['’`]", "", v)
    v = re.sub(r"[^\w\s]|_", " ", v)
    return " ".join(v.split()) or None


def contact_key(
    url: pd.Series | None = None,
    email: pd.Series | None = None,
    name: pd.Series | None = None,
) -> pd.Series:
    """The canonical ``contact_id``: normalised profile URL, else e-mail, else ``name:<name>``.

    Name keys are prefixed with ``name:`` so they can never collide with a URL or address.

    Examples
    --------
    >>> import pandas as pd
    >>> contact_key(pd.Series(["https://www.linkedin.com/in/ana", None, None]),
    ...             pd.Series([None, "Bo@x.org", None]),
    ...             pd.Series(["Ana", "Bo", "Cy Li"])).tolist()
    ['https://www.linkedin.com/in/ana', 'bo@x.org', 'name:cy li']
    """
    parts = [p for p in (url, email, name) if p is not None]
    if not parts:
        raise ValueError("contact_key needs at least one of url, email, name")
    index = parts[0].index
    key = pd.Series(pd.NA, index=index, dtype="str")
    if name is not None:
        n = normalise_name(name)
        key = ("name:" + n).where(n.notna())
    if email is not None:
        e = normalise_email(email)
        key = e.where(e.notna(), key)
    if url is not None:
        u = normalise_url(url)
        key = u.where(u.notna(), key)
    return key.astype("str")


def company_key(s: pd.Series) -> pd.Series:
    """The company-matching key of docs/spec/METRICS.md section 5.

    Lower-case; ``&`` -> ``and``; punctuation -> space; whitespace collapsed; trailing
    legal-suffix tokens removed repeatedly, never the last remaining token.

    Examples
    --------
    >>> import pandas as pd
    >>> company_key(pd.Series(["Acme Inc.", "ACME", "Acme Analytics", "Smith & Co., Ltd", "Co", None])).tolist()
    ['acme', 'acme', 'acme analytics', 'smith and', 'co', nan]
    """
    s = _blank_to_na(s)
    uniq = s.dropna().unique()
    mapping = {}
    for u in uniq:
        v = u.lower().replace("&", " and ")
        v = re.sub(r"[^\w\s]|_", " ", v)
        tokens = v.split()
        while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
            tokens.pop()
        mapping[u] = " ".join(tokens)
    out = s.map(mapping).astype("str")
    return out.where(out.notna() & (out != ""))
