"""The alias tables: how people write tracker headers and values, and what netlytics reads them as.

Trackers are written by people. Before a header or a value is checked against the canonical
names of :mod:`netlytics.schema`, it is *normalised* (:func:`normalise`: lower case, accents kept,
``_``, ``-``, ``/`` and runs of spaces become one space, surrounding punctuation dropped) and
looked up here. Canonical names always match themselves (``in_person``, ``in person`` and
``In-Person`` are the same value).

- :data:`HEADER_ALIASES`: per table, canonical column -> header spellings.
- :data:`VALUE_ALIASES`: per column, value spelling -> the canonical cells it sets. A value may
  set two columns (``"got a lead"`` in the kind column sets ``kind=lead`` and
  ``direction=inbound``); the second column is only filled when its own cell is empty.
- :data:`SHEET_ALIASES`: sheet names (or CSV file stems) that name a table.

Anything not covered is handled by the ``mapping=`` argument of
:func:`netlytics.loaders.tracker.load_tracker`. :func:`alias_markdown` renders these tables for
the documentation.
"""

from __future__ import annotations

import difflib
import re

from netlytics import schema

__all__ = [
    "HEADER_ALIASES",
    "VALUE_ALIASES",
    "SHEET_ALIASES",
    "IGNORED_HEADERS",
    "normalise",
    "header_lookup",
    "value_lookup",
    "suggest",
    "closest",
    "alias_markdown",
]


def _words(text: str) -> tuple[str, ...]:
    """The spellings of one alias row, written ``"a|b|c"`` to keep the tables compact."""
    return tuple(text.split("|"))


#: Provenance columns that a canonical table written back to a workbook carries.
_PROVENANCE = {
    "seeker": ("seeker", "job seeker", "client"),
    "contact_id": ("contact_id",),
    "source": ("source",),
    "source_row": ("source_row",),
    "origin": ("origin",),
}

#: table -> canonical column -> header spellings (after :func:`normalise`).
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "contacts": {
        "name": ("name", "full name", "contact", "contact name", "person", "who", "people"),
        "first_name": ("first name", "firstname", "first", "given name"),
        "last_name": ("last name", "lastname", "surname", "family name", "last"),
        "company": ("company", "organisation", "organization", "employer", "firm", "org", "works at"),
        "position": ("position", "title", "job title", "role", "job", "occupation", "headline"),
        "email": ("email", "e mail", "email address", "e mail address", "mail"),
        "profile_url": _words(
            "profile url|profile|linkedin|linkedin url|linkedin profile|url|profile link|linkedin link"
        ),
        "connected_on": ("connected on", "connected", "date connected", "connection date", "met on", "since"),
        **_PROVENANCE,
    },
    "interactions": {
        "interaction_id": ("interaction id", "id", "no", "number", "#", "entry", "entry id"),
        "at": _words(
            "at|date|when|date of contact|contact date|date contacted|datetime|date time|timestamp|day|time"
        ),
        "contact": ("contact", "person", "name", "who", "contact name", "with", "with whom", "full name"),
        "channel": ("channel", "how", "medium", "method", "mode", "platform", "means", "contact method"),
        "direction": _words(
            "direction|who started|initiated by|initiator|started by|who initiated|who reached out|from"
        ),
        "kind": ("kind", "type", "what", "activity", "purpose", "action", "category", "interaction type"),
        "ref": _words("ref|re|reply to|follow up of|in reply to|responds to|answers|regarding"),
        "company": ("company", "organisation", "organization", "employer", "firm", "org"),
        "introduced": ("introduced", "about", "introduced to", "intro to", "introduced person", "intro"),
        **_PROVENANCE,
    },
    "applications": {
        "application_id": ("application id", "id", "app id", "no", "number", "#"),
        "company": ("company", "employer", "organisation", "organization", "firm", "org"),
        "role": ("role", "position", "title", "job title", "job", "job role"),
        "applied_at": _words(
            "applied at|applied|applied on|date applied|application date|date|submitted|submitted on"
        ),
        "via": ("via", "how", "applied via", "route", "method", "channel", "how applied"),
        "contact": ("contact", "referrer", "referred by", "who", "person", "referral contact"),
        "status": ("status", "stage", "outcome", "result", "state"),
        "status_at": ("status at", "status date", "updated", "last update", "last updated", "status updated"),
        **_PROVENANCE,
    },
}

#: Headers that are recognised but never loaded (free text), so they are not reported as unknown.
IGNORED_HEADERS: tuple[str, ...] = (
    "notes",
    "note",
    "comments",
    "comment",
    "details",
    "summary",
    "description",
    "remarks",
    "next step",
    "next steps",
    "to do",
    "todo",
    "link",
    "job link",
    "posting",
    "job url",
    "location",
    "salary",
    "phone",
    "phone number",
)

#: sheet name (or CSV stem), normalised -> table.
SHEET_ALIASES: dict[str, str] = {
    **{
        k: "contacts"
        for k in ("contacts", "contact", "people", "network", "my network", "contact list", "connections")
    },
    **{
        k: "interactions"
        for k in _words(
            "interactions|interaction|log|activity|activities|outreach|networking|"
            "networking log|touches|tracker"
        )
    },
    **{
        k: "applications"
        for k in _words("applications|application|jobs|job applications|applied|job tracker|pipeline")
    },
}

_LIVE_IN_PERSON = {"channel": "in_person"}

#: column -> value spelling (normalised) -> canonical cells it sets.
VALUE_ALIASES: dict[str, dict[str, dict[str, str]]] = {
    "channel": {
        **{
            k: {"channel": "in_person"}
            for k in ("in person", "face to face", "f2f", "irl", "in real life", "met")
        },
        **{
            k: {"channel": "in_person", "kind": "meeting"}
            for k in _words("coffee|coffee chat|lunch|dinner|breakfast|drinks|walk|office visit")
        },
        **{
            k: {"channel": "in_person", "kind": "event"}
            for k in _words("networking event|event|conference|meetup|career fair|job fair|workshop")
        },
        **{
            k: {"channel": "video"}
            for k in _words(
                "video|zoom|teams|ms teams|microsoft teams|video call|google meet|meet|skype|webex|facetime"
            )
        },
        **{k: {"channel": "phone"} for k in ("phone", "call", "phone call", "telephone", "rang", "cell")},
        **{k: {"channel": "email"} for k in ("email", "e mail", "gmail", "outlook", "mail", "emailed")},
        **{
            k: {"channel": "linkedin"}
            for k in _words("linkedin|linkedin message|inmail|li|linkedin dm|linkedin msg|li message")
        },
        **{
            k: {"channel": "text"}
            for k in ("text", "sms", "whatsapp", "imessage", "signal", "telegram", "text message", "texted")
        },
        **{k: {"channel": "other"} for k in ("other", "slack", "twitter", "x", "letter", "post")},
    },
    "direction": {
        **{
            k: {"direction": "outbound"}
            for k in _words(
                "outbound|out|outgoing|me|i|i did|myself|mine|self|sent|gave|given|i reached out|"
                "i started|me to them"
            )
        },
        **{
            k: {"direction": "inbound"}
            for k in _words(
                "inbound|in|incoming|them|they|they did|contact|received|got|they reached out|"
                "they started|them to me"
            )
        },
    },
    "kind": {
        **{
            k: {"kind": "message"}
            for k in _words("message|msg|dm|reached out|outreach|cold email|cold message|note|ask")
        },
        **{
            k: {"kind": "meeting"}
            for k in _words(
                "meeting|meet|informational interview|info interview|informational|info chat|chat|catch up"
            )
        },
        **{
            k: {"kind": "meeting", "channel": "in_person"}
            for k in ("coffee", "coffee chat", "lunch", "dinner")
        },
        **{k: {"kind": "meeting", "channel": "phone"} for k in ("call", "phone call")},
        **{k: {"kind": "meeting", "channel": "video"} for k in ("video call", "zoom call", "zoom")},
        **{
            k: {"kind": "event"}
            for k in ("event", "conference", "meetup", "career fair", "job fair", "workshop")
        },
        **{k: {"kind": "event", "channel": "in_person"} for k in ("networking event",)},
        **{
            k: {"kind": "follow_up"}
            for k in ("follow up", "followup", "followed up", "check in", "checked in")
        },
        **{
            k: {"kind": "thank_you"}
            for k in _words("thank you|thanks|thank you note|thank you email|ty|thanked|said thanks")
        },
        **{k: {"kind": "lead"} for k in ("lead", "job lead", "tip")},
        **{
            k: {"kind": "lead", "direction": "inbound"} for k in ("got a lead", "received a lead", "got lead")
        },
        **{
            k: {"kind": "lead", "direction": "outbound"}
            for k in ("gave a lead", "shared a lead", "sent a lead")
        },
        **{k: {"kind": "referral"} for k in ("referral", "referred")},
        **{
            k: {"kind": "referral", "direction": "inbound"}
            for k in ("got a referral", "was referred", "referred me")
        },
        **{k: {"kind": "referral", "direction": "outbound"} for k in ("gave a referral", "referred them")},
        **{k: {"kind": "introduction"} for k in ("introduction", "intro")},
        **{
            k: {"kind": "introduction", "direction": "inbound"}
            for k in ("got an intro", "got an introduction", "introduced me")
        },
        **{
            k: {"kind": "introduction", "direction": "outbound"}
            for k in ("made an intro", "made an introduction", "gave an intro", "introduced them")
        },
        **{k: {"kind": "help"} for k in ("help", "favour", "favor", "advice")},
        **{k: {"kind": "help", "direction": "outbound"} for k in ("helped", "gave help", "helped them")},
        **{k: {"kind": "help", "direction": "inbound"} for k in ("got help", "helped me")},
        **{k: {"kind": "endorsement"} for k in ("endorsement", "endorsed", "skill endorsement")},
        **{k: {"kind": "recommendation"} for k in ("recommendation", "recommended", "reference")},
        **{
            k: {"kind": "invitation"}
            for k in ("invitation", "invite", "connection request", "connect", "connected", "connection")
        },
    },
    "via": {
        **{
            k: {"via": "online"}
            for k in _words(
                "online|website|web|job board|jobboard|indeed|easy apply|linkedin easy apply|"
                "linkedin|company site|company website|careers page|portal|cold"
            )
        },
        **{k: {"via": "referral"} for k in ("referral", "referred", "referred by", "employee referral")},
        **{k: {"via": "recruiter"} for k in ("recruiter", "headhunter", "agency", "recruitment agency")},
        **{
            k: {"via": "network"}
            for k in ("network", "networking", "contact", "friend", "warm intro", "intro")
        },
        **{k: {"via": "other"} for k in ("other", "career fair", "job fair")},
    },
    "status": {
        **{k: {"status": "applied"} for k in ("applied", "submitted", "sent", "pending", "waiting", "open")},
        **{
            k: {"status": "interview"}
            for k in _words(
                "interview|interviewing|interviewed|phone screen|screen|screening|first round|"
                "second round|final round|onsite"
            )
        },
        **{k: {"status": "offer"} for k in ("offer", "offered", "accepted", "hired", "got the job")},
        **{k: {"status": "rejected"} for k in ("rejected", "rejection", "declined", "turned down", "no")},
        **{
            k: {"status": "withdrawn"}
            for k in ("withdrawn", "withdrew", "pulled out", "cancelled", "canceled")
        },
        **{
            k: {"status": "no_response"}
            for k in ("no response", "no reply", "ghosted", "no answer", "none", "silence", "nothing")
        },
    },
}

# canonical vocabularies match themselves
for _col, _vocab in (
    ("channel", schema.CHANNELS),
    ("direction", schema.DIRECTIONS),
    ("kind", schema.KINDS),
    ("via", schema.VIAS),
    ("status", schema.STATUSES),
):
    for _v in _vocab:
        VALUE_ALIASES[_col].setdefault(_v.replace("_", " "), {_col: _v})

_SEP = re.compile(r"[\s_\-/]+")


def normalise(text: str) -> str:
    """The key used to look up a header or a value: lower case, ``_ - /`` and runs of spaces as
    one space, surrounding punctuation dropped.

    Parameters
    ----------
    text
        A header or value as written.

    Returns
    -------
    str

    See Also
    --------
    header_lookup, value_lookup : look written text up once normalised.

    Examples
    --------
    >>> normalise("  Follow-up of: ")
    'follow up of'
    >>> normalise("E-Mail"), normalise("In_Person"), normalise("#")
    ('e mail', 'in person', '#')
    """
    t = _SEP.sub(" ", str(text).strip().lower())
    stripped = t.strip(" .:;,!?()[]'\"*")
    return stripped or t.strip()


_HEADER_INDEX: dict[str, dict[str, str]] = {
    table: {normalise(alias): col for col, aliases in cols.items() for alias in (col, *aliases)}
    for table, cols in HEADER_ALIASES.items()
}


def header_lookup(table: str, header: str) -> str | None:
    """The canonical column a header stands for in ``table``, or None.

    Parameters
    ----------
    table
        A tracker table.
    header
        The header as written.

    Returns
    -------
    str or None
        A key of ``HEADER_ALIASES[table]``.

    See Also
    --------
    HEADER_ALIASES : the table looked up.
    netlytics.loaders.tracker.mapping.header_target : the mapping first, then this lookup.

    Examples
    --------
    >>> header_lookup("interactions", "Date of contact"), header_lookup("interactions", "Who")
    ('at', 'contact')
    >>> header_lookup("contacts", "Who"), header_lookup("interactions", "Notes") is None
    ('name', True)
    """
    return _HEADER_INDEX[table].get(normalise(header))


def value_lookup(column: str, value: str) -> dict[str, str] | None:
    """The canonical cells a written value sets, or None when it is not known.

    Parameters
    ----------
    column
        A vocabulary column.
    value
        The value as written.

    Returns
    -------
    dict or None
        column -> canonical value.

    See Also
    --------
    VALUE_ALIASES : the table looked up.
    suggest : a did-you-mean when nothing is found.

    Examples
    --------
    >>> value_lookup("channel", "Coffee")
    {'channel': 'in_person', 'kind': 'meeting'}
    >>> value_lookup("kind", "Got a lead")
    {'kind': 'lead', 'direction': 'inbound'}
    >>> value_lookup("channel", "pigeon") is None
    True
    """
    return VALUE_ALIASES.get(column, {}).get(normalise(value))


def suggest(column: str, value: str) -> str | None:
    """A did-you-mean for an unknown value: the closest known spelling, or None.

    Parameters
    ----------
    column
        A vocabulary column.
    value
        The unknown value.

    Returns
    -------
    str or None
        A spelling of the alias table, normalised.

    See Also
    --------
    closest : the matching used.
    value_lookup : the exact lookup.

    Examples
    --------
    >>> suggest("channel", "linkdin"), suggest("status", "intervew")
    ('linkedin', 'interview')
    """
    return closest(normalise(value), list(VALUE_ALIASES.get(column, {})))


def closest(value: str, options: list[str], *, cutoff: float = 0.75) -> str | None:
    """The option closest to ``value`` (difflib's ratio at least ``cutoff``), or None.

    The one did-you-mean lookup of the tracker loader: header hints, value hints and mapping
    hints all use it (:func:`netlytics._checks.did_you_mean` formats the same lookup for errors).

    Parameters
    ----------
    value
        What was written.
    options
        The known spellings.
    cutoff
        The least similarity (0 to 1) worth suggesting.

    Returns
    -------
    str or None

    See Also
    --------
    netlytics._checks.did_you_mean : the same for option names.

    Examples
    --------
    >>> closest("chanel", ["channel", "kind"]), closest("zzz", ["channel"])
    ('channel', None)
    """
    close = difflib.get_close_matches(str(value), list(options), n=1, cutoff=cutoff)
    return close[0] if close else None


def alias_markdown() -> str:
    """The alias tables as Markdown (for ``docs/trackers.md``).

    Returns
    -------
    str

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : reads headers and values through these tables.

    Examples
    --------
    >>> print(alias_markdown().splitlines()[2])
    | contacts | `name` | name, full name, contact, contact name, person, who, people |
    """
    lines = ["| Table | Column | Headers read as this column |", "|---|---|---|"]
    for table, cols in HEADER_ALIASES.items():
        for col, aliases in cols.items():
            if col in _PROVENANCE and col != "seeker":
                continue
            lines.append(f"| {table} | `{col}` | {', '.join(aliases)} |")
    lines += ["", "| Column | Written value | Read as |", "|---|---|---|"]
    for col, values in VALUE_ALIASES.items():
        groups: dict[str, list[str]] = {}
        for written, sets in values.items():
            key = ", ".join(f"{k}={v}" for k, v in sets.items())
            groups.setdefault(key, []).append(written)
        for key, written in groups.items():
            lines.append(f"| {col} | {', '.join(written)} | {key} |")
    return "\n".join(lines)
