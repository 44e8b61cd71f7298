"""Reading the few mail headers netlytics needs, fast and without decoding bodies.

A header block (bytes) is decoded as UTF-8 (RFC 6532), else cp1252, unfolded, and only the
headers of :data:`WANTED` are kept. Addresses go through :func:`email.utils.getaddresses`,
RFC 2047 names through :func:`email.header.decode_header`, dates through
:func:`email.utils.parsedate_to_datetime` (docs/spec/FORMATS-mail-calendar.md section 3).
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

__all__ = [
    "WANTED",
    "parse_block",
    "addresses",
    "decode_words",
    "message_ids",
    "parse_date",
    "separator_date",
    "labels",
    "stable_id",
]

#: The headers read (lower case); every other header is skipped unread.
WANTED = (
    "from",
    "to",
    "cc",
    "bcc",
    "date",
    "message-id",
    "in-reply-to",
    "x-gmail-labels",
    "list-id",
    "list-unsubscribe",
    "precedence",
    "x-precedence",
    "auto-submitted",
    "x-mozilla-status",
    "delivered-to",
    "return-path",
)
_LINE = re.compile(
    r"^(" + "|".join(re.escape(w) for w in WANTED) + r")[ \t]*:[ \t]*(.*?)[ \t\r]*$", re.I | re.M
)
_FOLD = re.compile(r"\r?\n[ \t]+")
_RFC_DATE = re.compile(
    r"^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d\d):(\d\d)(?::(\d\d))?\s+([+-]\d{4})(?:\s*\(.*\))?\s*$"
)
_MONTHS = {m: i for i, m in enumerate(("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split(), 1)}
#: Plausible years for a message date (RFC 5322 two-digit years pivot wrongly in Python).
YEARS = (1990, 2100)


def decode_block(raw: bytes) -> str:
    """Header bytes as text: UTF-8 when valid, else cp1252 (undefined bytes replaced)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse_block(raw: bytes) -> dict[str, list[str]]:
    """The wanted headers of a block: lower-case name -> values in order (unfolded).

    Parameters
    ----------
    raw
        The header block bytes.

    Returns
    -------
    dict

    Examples
    --------
    >>> parse_block(b"From: Ada <a@x.org>\\r\\nTo: b@y.org,\\r\\n c@z.org\\r\\nSubject: hi\\r\\n")
    {'from': ['Ada <a@x.org>'], 'to': ['b@y.org, c@z.org']}
    """
    text = _FOLD.sub(" ", decode_block(raw))
    out: dict[str, list[str]] = {}
    for name, value in _LINE.findall(text):
        out.setdefault(name.lower(), []).append(value)
    return out


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words (``=?UTF-8?B?...?=``); text without them is returned as is.

    Examples
    --------
    >>> decode_words("=?UTF-8?B?QWRhIEV4YW1wbGU=?=")
    'Ada Example'
    """
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, AssertionError):
        return text


_SIMPLE = re.compile(r"^\s*(?:([^<>,\"]*?)\s*<([^<>\s,@]+@[^<>\s,@]+)>|([^<>\s,@]+@[^<>\s,@]+))\s*$")


@lru_cache(maxsize=1 << 16)
def _parse_one(value: str) -> tuple[tuple[str, str], ...]:
    """(name, address) pairs of one header value; a regex fast path, else the stdlib parser."""
    if '"' not in value and "(" not in value and ":" not in value and ";" not in value:
        pairs = []
        for part in value.split(","):
            if not part.strip():
                continue
            m = _SIMPLE.match(part)
            if m is None:
                break
            pairs.append((m.group(1) or "", m.group(2) or m.group(3)))
        else:
            return tuple(pairs)
    return tuple(getaddresses([value]))


def addresses(values: list[str] | None) -> list[tuple[str, str]]:
    """(name, lower-case address) pairs from address headers; groups flattened, empty and
    malformed addresses (not exactly one ``@``) dropped, names RFC 2047-decoded.

    Examples
    --------
    >>> addresses(['"Doe, Jane" <Jane@Example.org>, undisclosed-recipients:;', "Team: c@x.org, d@y.org;"])
    [('Doe, Jane', 'jane@example.org'), ('', 'c@x.org'), ('', 'd@y.org')]
    >>> addresses(["Ada Example <ada@example.com>, bob@example.org"])
    [('Ada Example', 'ada@example.com'), ('', 'bob@example.org')]
    """
    if not values:
        return []
    out = []
    for value in values:
        for name, addr in _parse_one(value):
            addr = addr.strip().strip("<>").lower()
            if addr.count("@") != 1 or addr.startswith("@") or addr.endswith("@") or " " in addr:
                continue
            out.append((decode_words(name).strip().strip('"').strip(), addr))
    return out


def message_ids(value: str | None) -> list[str]:
    """The ids in a Message-ID / In-Reply-To value (``<...>`` forms, else the bare token).

    Examples
    --------
    >>> message_ids("<a@x> (comment) <b@y>")
    ['a@x', 'b@y']
    >>> message_ids("bare@token")
    ['bare@token']
    """
    if not value:
        return []
    found = re.findall(r"<([^<>\s]+)>", value)
    if found:
        return found
    token = value.strip().split()
    return token[:1]


@lru_cache(maxsize=1 << 12)
def _cached_date(value: str):
    return parsedate_to_datetime(value)


def parse_date(value: str | None) -> tuple[datetime | None, str]:
    """A ``Date`` header as an aware UTC datetime, and a note ("" or why it is not usable).

    Naive results (``-0000``, ``CEST``, no zone) are read as UTC with the note "no zone";
    unparseable values and years outside :data:`YEARS` give ``None`` and the reason.

    Examples
    --------
    >>> parse_date("Mon, 6 Jan 2020 05:49:45 +0100")
    (datetime.datetime(2020, 1, 6, 4, 49, 45, tzinfo=datetime.timezone.utc), '')
    >>> parse_date("Montag, 6. Januar 2020")[0] is None
    True
    """
    if value is None or not value.strip():
        return None, "missing"
    m = _RFC_DATE.match(value)
    if m:  # the common shape, without the stdlib's general parser
        day, mon, year, hh, mi, ss, zone = m.groups()
        month = _MONTHS.get(mon.title())
        if month and len(year) == 4 and YEARS[0] <= int(year) < YEARS[1]:
            try:
                local = datetime(int(year), month, int(day), int(hh), int(mi), int(ss or 0))
            except ValueError:
                return None, "unparseable"
            sign = -1 if zone[0] == "-" else 1
            offset = timedelta(minutes=sign * (int(zone[1:3]) * 60 + int(zone[3:5])))
            note = "no zone" if zone == "-0000" else ""
            return (local - offset).replace(tzinfo=UTC), note
    try:
        dt = _cached_date(value)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None, "unparseable"
    if dt is None:
        return None, "unparseable"
    note = ""
    if dt.tzinfo is None:
        dt, note = dt.replace(tzinfo=UTC), "no zone"
    if not YEARS[0] <= dt.year < YEARS[1]:
        return None, f"year {dt.year} is outside {YEARS[0]}-{YEARS[1] - 1}"
    return dt.astimezone(UTC), note


def separator_date(separator: bytes) -> datetime | None:
    """The UTC time of an mbox separator line (month names mapped by hand, not the locale).

    Examples
    --------
    >>> separator_date(b"From 1790@xxx Tue Mar 19 09:13:51 +0000 2019")
    datetime.datetime(2019, 3, 19, 9, 13, 51, tzinfo=datetime.timezone.utc)
    """
    from netlytics.loaders.mail._split import SEPARATOR

    m = SEPARATOR.match(separator)
    if not m:
        return None
    mon, day, hh, mm, ss, zone1, year, zone2 = m.groups()
    try:
        dt = datetime(int(year), _MONTHS[mon.decode()], int(day), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None
    zone = zone1 or zone2
    if zone:
        sign = -1 if zone[:1] == b"-" else 1
        minutes = sign * (int(zone[1:3]) * 60 + int(zone[3:5]))
        dt = dt.replace(tzinfo=UTC) - timedelta(minutes=minutes)
    else:
        dt = dt.replace(tzinfo=UTC)
    return dt if YEARS[0] <= dt.year < YEARS[1] else None


@lru_cache(maxsize=1 << 12)
def labels(value: str | None) -> frozenset[str]:
    """Gmail's ``X-Gmail-Labels``, decoded whole then CSV-split, lower-cased.

    Examples
    --------
    >>> sorted(labels('=?UTF-8?Q?Pr=C3=A1ce,"Pohovory,_l?= =?UTF-8?Q?=C3=A9to_2026",Important?='))
    ['important', 'pohovory, léto 2026', 'práce']
    """
    if not value:
        return frozenset()
    text = decode_words(value)
    try:
        row = next(csv.reader([text], skipinitialspace=True))
    except (csv.Error, StopIteration):
        row = text.split(",")
    return frozenset(x.strip().replace("\\'", "'").lower() for x in row if x.strip())


def stable_id(*parts: str) -> str:
    """A short stable hash of some strings (ids survive reloading and re-exporting).

    Examples
    --------
    >>> stable_id("a@x", "b@y") == stable_id("a@x", "b@y")
    True
    """
    h = hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=10)
    return h.hexdigest()
