"""Remove or replace the characters an output format forbids, in one place (issue 18).

Every netlytics writer passes its text through :func:`sanitize` with the format it writes, so
that whatever characters the input held (``U+FFFE``, lone surrogates, control characters...),
the output opens in any reader of that format:

========== =====================================================================================
target     what is removed (``-``) or replaced (``->``)
========== =====================================================================================
all        lone surrogates ``U+D800``-``U+DFFF`` -> ``U+FFFD`` (UTF-8 cannot encode them)
xml        XML 1.0 forbidden characters: C0 controls except tab, LF, CR; ``U+FFFE``, ``U+FFFF``
xlsx       as xml; text longer than Excel's 32,767 characters per cell is cut to that length
pptx       as xml (a deck is Office Open XML)
html       as xml, plus DEL, C1 controls ``U+0080``-``U+009F`` and every Unicode noncharacter
           (``U+FDD0``-``U+FDEF``, ``U+nFFFE``, ``U+nFFFF``): parse errors in HTML
ics        as html, and every control but tab and line feed (RFC 5545 ``TEXT``); CR LF and CR
           become LF, which iCalendar libraries escape as ``\\n``
csv        NUL (Python's ``csv`` module and many spreadsheets stop at it). CSV writers also
           write CR LF and CR inside text as LF *after* neutralising formulas (a bare CR in
           an unquoted field ends the row in most readers; a leading CR is a formula risk)
text       NUL (plain UTF-8 text files and terminals)
parquet    nothing more (Parquet strings are any valid UTF-8)
========== =====================================================================================

The module imports nothing from netlytics, so writers at every layer may use it.
"""

from __future__ import annotations

import re
from typing import TypeVar

__all__ = ["sanitize", "TARGETS", "XLSX_MAX_CELL"]

#: Excel's limit on the characters in one cell.
XLSX_MAX_CELL = 32_767

_SURROGATES = "\ud800-\udfff"
_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_NONCHARS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17)
)
_HTML = _XML + "\x7f-\x9f" + _NONCHARS
_ICS = "\x00-\x08\x0b-\x1f" + "\x7f-\x9f\ufffe\uffff" + _NONCHARS

#: characters removed per target (lone surrogates are replaced in every target)
TARGETS: dict[str, str] = {
    "xml": _XML,
    "xlsx": _XML,
    "pptx": _XML,
    "html": _HTML,
    "ics": _ICS,
    "csv": "\x00",
    "text": "\x00",
    "parquet": "",
}

_REMOVE = {name: re.compile(f"[{chars}]") if chars else None for name, chars in TARGETS.items()}
_SURROGATE_RE = re.compile(f"[{_SURROGATES}]")
#: targets where CR LF and a bare CR become LF
_NEWLINES = ("ics",)

T = TypeVar("T")


def _clean_str(text: str, target: str) -> str:
    if target in _NEWLINES:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE_RE.sub("\ufffd", text)
    pattern = _REMOVE[target]
    if pattern is not None:
        text = pattern.sub("", text)
    if target == "xlsx" and len(text) > XLSX_MAX_CELL:
        text = text[:XLSX_MAX_CELL]
    return text


def _clean_series(s, target: str):
    import pandas as pd

    if isinstance(s.dtype, pd.StringDtype) or str(s.dtype) == "str":
        # Arrow-backed text is valid UTF-8 already (no surrogates): one vectorised pass
        out = s
        if target in _NEWLINES:
            out = out.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
        if TARGETS[target]:
            out = out.str.replace(f"[{TARGETS[target]}]", "", regex=True)
        if target == "xlsx":
            out = out.str.slice(0, XLSX_MAX_CELL)
        return out
    if s.dtype == object:
        return s.map(lambda v: _clean_str(v, target) if isinstance(v, str) else v)
    return s


def sanitize(value: T, target: str) -> T:
    """Return ``value`` with the characters ``target``'s format forbids removed or replaced.

    Parameters
    ----------
    value : str, pandas.Series, pandas.DataFrame or any other object
        Text to clean. A Series or DataFrame is cleaned column by column (text columns only:
        ``str`` dtype vectorised, ``object`` columns per string value); any other object that is
        not a ``str`` (a number, None, a timestamp) is returned unchanged.
    target : {"xml", "xlsx", "pptx", "html", "ics", "csv", "text", "parquet"}
        The format written; see the module documentation for what each removes.

    Returns
    -------
    same type as ``value``
        A cleaned copy (the input is never modified).

    Raises
    ------
    ValueError
        When ``target`` is not one of :data:`TARGETS`.

    See Also
    --------
    netlytics.export.write_tables : writes xlsx, csv and Parquet through this function.
    netlytics.export.neutralise_csv : the other CSV safety (formula-like cells).

    Examples
    --------
    >>> sanitize("Ana\\ufffe Lee\\x0b", "xlsx")
    'Ana Lee'
    >>> sanitize("half \\ud83d pair", "csv")
    'half \\ufffd pair'
    >>> sanitize("line one\\r\\nline\\x07 two", "ics")
    'line one\\nline two'
    >>> import pandas as pd
    >>> sanitize(pd.DataFrame({"n": ["a\\x00b"], "k": [1]}), "csv")["n"].tolist()
    ['ab']
    """
    if target not in TARGETS:
        raise ValueError(f"target must be one of {sorted(TARGETS)}; got {target!r}.")
    if isinstance(value, str):
        return _clean_str(value, target)  # type: ignore[return-value]
    import pandas as pd

    if isinstance(value, pd.Series):
        return _clean_series(value, target)  # type: ignore[return-value]
    if isinstance(value, pd.DataFrame):
        cols = {c: _clean_series(value[c], target) for c in value.columns}
        out = value.copy()
        for c, s in cols.items():
            out[c] = s
        return out  # type: ignore[return-value]
    return value
