"""The canonical tables: column names, dtypes and closed vocabularies.

This module is the single place where column names and vocabularies are written down
(docs/spec/METRICS.md, section 1). Every other module refers to them by name, e.g.
``schema.INTERACTIONS.columns`` or ``schema.CHANNELS``.

Timestamps are tz-aware UTC with nanosecond unit (``datetime64[ns, UTC]``); text columns use
pandas' ``str`` dtype; row numbers use the nullable ``Int64``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from netlytics.errors import SchemaError

__all__ = [
    "CHANNELS",
    "LIVE_CHANNELS",
    "WRITTEN_CHANNELS",
    "DIRECTIONS",
    "KINDS",
    "GIFT_KINDS",
    "ONE_CLICK_KINDS",
    "VIAS",
    "STATUSES",
    "ORIGINS",
    "MISTAKES",
    "SCORE_STATUSES",
    "TIMESTAMP",
    "Table",
    "CONTACTS",
    "INTERACTIONS",
    "APPLICATIONS",
    "PROBLEMS",
    "EXCLUDED",
    "FOLLOWS",
    "EVENTS",
    "SOURCES",
    "NOTES",
    "OWNER",
    "OWNER_KINDS",
    "TABLES",
    "empty",
    "conform",
    "validate",
]

TIMESTAMP = "datetime64[ns, UTC]"

# --- closed vocabularies -------------------------------------------------------------------

CHANNELS: tuple[str, ...] = ("in_person", "video", "phone", "email", "linkedin", "text", "other")
LIVE_CHANNELS: tuple[str, ...] = ("in_person", "video", "phone")
WRITTEN_CHANNELS: tuple[str, ...] = ("email", "linkedin", "text")

DIRECTIONS: tuple[str, ...] = ("outbound", "inbound")

KINDS: tuple[str, ...] = (
    "message",
    "meeting",
    "event",
    "follow_up",
    "thank_you",
    "lead",
    "referral",
    "introduction",
    "help",
    "endorsement",
    "recommendation",
    "invitation",
)
#: Kinds that are a give (outbound) or a give received (inbound).
GIFT_KINDS: tuple[str, ...] = (
    "lead",
    "referral",
    "introduction",
    "help",
    "endorsement",
    "recommendation",
)
#: One-click actions: never a touch (docs/spec/METRICS.md, section 2).
ONE_CLICK_KINDS: tuple[str, ...] = ("endorsement", "recommendation", "invitation")
#: Kinds that make a touch outbound whatever their direction.
SHARED_KINDS: tuple[str, ...] = ("meeting", "event")

VIAS: tuple[str, ...] = ("online", "referral", "recruiter", "network", "other")
STATUSES: tuple[str, ...] = ("applied", "interview", "offer", "rejected", "withdrawn", "no_response")

#: Where a row came from: a LinkedIn export or a tracker written by a person (or a canonical file).
ORIGINS: tuple[str, ...] = ("linkedin", "tracker", "email", "calendar", "addressbook")
#: What an ``owner`` row identifies the seeker by.
OWNER_KINDS: tuple[str, ...] = ("name", "profile_url", "email")

MISTAKES: tuple[str, ...] = ("channel", "priority", "giving", "follow_up")
SCORE_STATUSES: tuple[str, ...] = ("ok", "watch", "mistake", "not_measured")


# --- table definitions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """Definition of one canonical table.

    Parameters
    ----------
    name
        Table name, e.g. ``"interactions"``.
    dtypes
        Column name -> pandas dtype, in canonical order.
    required
        Columns that may not be null.
    vocab
        Column name -> allowed values (nulls are allowed unless the column is required).
    optional
        Columns that may be absent from an input frame (they are added as nulls).
    doc
        Column name -> one-line description (used for the data dictionary).
    """

    name: str
    dtypes: dict[str, str]
    required: tuple[str, ...] = ()
    vocab: dict[str, tuple[str, ...]] = field(default_factory=dict)
    optional: tuple[str, ...] = ()
    doc: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return list(self.dtypes)


CONTACTS = Table(
    "contacts",
    {
        "seeker": "str",
        "contact_id": "str",
        "name": "str",
        "company": "str",
        "position": "str",
        "email": "str",
        "profile_url": "str",
        "connected_on": TIMESTAMP,
        "source": "str",
        "origin": "str",
    },
    required=("seeker", "contact_id"),
    vocab={"origin": ORIGINS},
    optional=("name", "company", "position", "email", "profile_url", "connected_on", "source", "origin"),
    doc={
        "seeker": "The job seeker whose network this is.",
        "contact_id": "Stable id: normalised profile URL, else lower-cased e-mail, else normalised name.",
        "name": "The contact's full name as written.",
        "company": "The contact's current company.",
        "position": "The contact's job title.",
        "email": "E-mail address, when known.",
        "profile_url": "Normalised LinkedIn profile URL (https://www.linkedin.com/in/<slug>).",
        "connected_on": "When the seeker and the contact connected on LinkedIn (UTC).",
        "source": "File (and sheet) the row came from.",
        "origin": "linkedin (an export) or tracker (a spreadsheet written by a person).",
    },
)

INTERACTIONS = Table(
    "interactions",
    {
        "seeker": "str",
        "interaction_id": "str",
        "contact_id": "str",
        "at": TIMESTAMP,
        "channel": "str",
        "direction": "str",
        "kind": "str",
        "ref": "str",
        "company": "str",
        "introduced": "str",
        "source": "str",
        "source_row": "Int64",
        "origin": "str",
        "inferred": "boolean",
    },
    required=("seeker", "interaction_id", "at", "channel", "direction", "kind"),
    vocab={"channel": CHANNELS, "direction": DIRECTIONS, "kind": KINDS, "origin": ORIGINS},
    optional=("contact_id", "ref", "company", "introduced", "source", "source_row", "origin", "inferred"),
    doc={
        "seeker": "The job seeker.",
        "interaction_id": "Unique within the seeker.",
        "contact_id": "Who the interaction was with (a contacts.contact_id); empty for events without a person.",
        "at": "When it happened (UTC). A date without a time means midnight in the loader's tz.",
        "channel": "in_person, video, phone (live); email, linkedin, text (written); other.",
        "direction": "outbound: the seeker sent, gave or initiated it; inbound: the contact did.",
        "kind": "message, meeting, event, follow_up, thank_you, lead, referral, introduction, help, "
        "endorsement, recommendation, invitation.",
        "ref": "The interaction_id this one answers (e.g. the lead a follow-up acts on).",
        "company": "Company the interaction is about (e.g. where a lead is).",
        "introduced": "For an introduction: the contact_id of the person introduced.",
        "source": "File (and sheet) the row came from.",
        "source_row": "1-based row in that file (header = row 1), as a spreadsheet shows it.",
        "origin": "linkedin (an export), tracker, email (a mailbox), calendar or addressbook.",
        "inferred": "True when the kind was inferred rather than recorded (a thank-you e-mail after a meeting).",
    },
)

APPLICATIONS = Table(
    "applications",
    {
        "seeker": "str",
        "application_id": "str",
        "company": "str",
        "role": "str",
        "applied_at": TIMESTAMP,
        "via": "str",
        "contact_id": "str",
        "status": "str",
        "status_at": TIMESTAMP,
        "source": "str",
        "source_row": "Int64",
        "origin": "str",
    },
    required=("seeker", "application_id", "applied_at", "via", "status"),
    vocab={"via": VIAS, "status": STATUSES, "origin": ORIGINS},
    optional=("company", "role", "contact_id", "status_at", "source", "source_row", "origin"),
    doc={
        "seeker": "The job seeker.",
        "application_id": "Unique within the seeker.",
        "company": "The employer applied to.",
        "role": "The job title applied for.",
        "applied_at": "When the application was sent (UTC).",
        "via": "online, referral, recruiter, network or other.",
        "contact_id": "Who referred the seeker, if anyone.",
        "status": "applied, interview, offer, rejected, withdrawn or no_response.",
        "status_at": "When the status was last updated (UTC).",
        "source": "File (and sheet) the row came from.",
        "source_row": "1-based row in that file (header = row 1).",
        "origin": "linkedin (an export) or tracker.",
    },
)

_ISSUE_DTYPES = {
    "seeker": "str",
    "source": "str",
    "source_row": "Int64",
    "column": "str",
    "value": "str",
    "reason": "str",
}


def _issue_table(name: str, doc: dict[str, str]) -> Table:
    """``problems`` and ``excluded``: the same columns, told apart by their docs."""
    return Table(
        name,
        dict(_ISSUE_DTYPES),
        required=("source", "reason"),
        optional=("seeker", "source_row", "column", "value"),
        doc=doc,
    )


PROBLEMS = _issue_table(
    "problems",
    {
        "seeker": "The seeker the file belongs to, when known.",
        "source": "File (and sheet) with the problem.",
        "source_row": "Row as a spreadsheet shows it (header = 1); empty for a whole-file problem.",
        "column": "Column(s) at fault.",
        "value": "The value found.",
        "reason": "What is wrong and what is allowed.",
    },
)

EXCLUDED = _issue_table(
    "excluded",
    {
        "seeker": "The seeker the file belongs to.",
        "source": "File the row came from.",
        "source_row": "Row in that file (header = 1).",
        "column": "Column that decided the exclusion.",
        "value": "Its value.",
        "reason": "Why the row is deliberately left out (e.g. a draft, a ghost connection).",
    },
)

FOLLOWS = Table(
    "follows",
    {
        "seeker": "str",
        "company": "str",
        "followed_at": TIMESTAMP,
        "source": "str",
        "source_row": "Int64",
    },
    required=("seeker", "company"),
    optional=("followed_at", "source", "source_row"),
    doc={
        "seeker": "The job seeker.",
        "company": "A company the seeker follows (a target-company signal).",
        "followed_at": "When they started following it (UTC).",
        "source": "File the row came from.",
        "source_row": "Row in that file.",
    },
)

EVENTS = Table(
    "events",
    {
        "seeker": "str",
        "name": "str",
        "starts_at": TIMESTAMP,
        "ends_at": TIMESTAMP,
        "status": "str",
        "url": "str",
        "source": "str",
        "source_row": "Int64",
    },
    required=("seeker",),
    optional=("name", "starts_at", "ends_at", "status", "url", "source", "source_row"),
    doc={
        "seeker": "The job seeker.",
        "name": "Event name.",
        "starts_at": "Start (UTC).",
        "ends_at": "End (UTC).",
        "status": "Registration status as the export writes it (APPROVED, RELINQUISHED).",
        "url": "External URL.",
        "source": "File the row came from.",
        "source_row": "Row in that file.",
    },
)

SOURCES = Table(
    "sources",
    {
        "seeker": "str",
        "source": "str",
        "table": "str",
        "rows_read": "Int64",
        "loaded": "Int64",
        "excluded": "Int64",
        "problems": "Int64",
    },
    required=("source",),
    optional=("seeker", "table"),
    doc={
        "seeker": "The seeker the file belongs to.",
        "source": "File (and sheet) read.",
        "table": "The canonical table it feeds.",
        "rows_read": "Data rows read from it.",
        "loaded": "Rows loaded into the table.",
        "excluded": "Rows deliberately left out (see excluded).",
        "problems": "Rows that could not be loaded (see problems).",
    },
)

NOTES = Table(
    "notes",
    {"seeker": "str", "source": "str", "topic": "str", "note": "str"},
    required=("note",),
    optional=("seeker", "source", "topic"),
    doc={
        "seeker": "The seeker concerned.",
        "source": "File concerned.",
        "topic": "What the note is about (e.g. coverage, owner, resaved).",
        "note": "A plain sentence about data coverage or quality.",
    },
)

OWNER = Table(
    "owner",
    {"seeker": "str", "kind": "str", "value": "str", "source": "str"},
    required=("kind", "value"),
    vocab={"kind": OWNER_KINDS},
    optional=("seeker", "source"),
    doc={
        "seeker": "The seeker these identifiers belong to.",
        "kind": "name, profile_url or email.",
        "value": "The seeker's own name, LinkedIn profile URL or e-mail address.",
        "source": "File it was found in (Profile.csv, Email Addresses.csv, a mailbox's Sent label...).",
    },
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        CONTACTS,
        INTERACTIONS,
        APPLICATIONS,
        PROBLEMS,
        EXCLUDED,
        FOLLOWS,
        EVENTS,
        SOURCES,
        NOTES,
        OWNER,
    )
}


def _table(table: str | Table) -> Table:
    if isinstance(table, Table):
        return table
    try:
        return TABLES[table]
    except KeyError:
        raise SchemaError(f"Unknown table {table!r}. Expected one of {sorted(TABLES)}.") from None


_TEMPLATES: dict[str, pd.DataFrame] = {}


def _template(t: Table) -> pd.DataFrame:
    """The table's empty frame, built once per canonical table (a container starts from ten)."""
    frame = _TEMPLATES.get(t.name) if TABLES.get(t.name) is t else None
    if frame is None:  # first use, or a table defined by the caller (not kept)
        frame = pd.DataFrame({c: pd.Series(dtype=d) for c, d in t.dtypes.items()})
        if TABLES.get(t.name) is t:
            _TEMPLATES[t.name] = frame
    return frame


def empty(table: str | Table) -> pd.DataFrame:
    """Return an empty frame with the table's columns and dtypes.

    Parameters
    ----------
    table
        A table name of :data:`TABLES`, or a :class:`Table`.

    Returns
    -------
    pandas.DataFrame
        No rows; a new frame each call (copy-on-write: changing it leaves the next one alone).

    Raises
    ------
    SchemaError
        For an unknown table name.

    Examples
    --------
    >>> empty("interactions").dtypes["at"]
    datetime64[ns, UTC]
    """
    return _template(_table(table)).copy(deep=False)


def _has_dtype(actual, dtype: str) -> bool:
    if dtype == "str":
        return isinstance(actual, pd.StringDtype) and actual.na_value is not pd.NA
    return str(actual) == dtype


def _nulls(index: pd.Index, dtype: str) -> pd.Series:
    """A column of nulls of the canonical ``dtype``."""
    return pd.Series(pd.NA if dtype in ("Int64", "boolean") else None, index=index, dtype=dtype)


def _as_dtype(s: pd.Series, dtype: str, column: str, table: str) -> pd.Series:
    if _has_dtype(s.dtype, dtype):
        return s
    if s.isna().all():  # e.g. a column a loader left empty: no value to convert
        return _nulls(s.index, dtype)
    if dtype == TIMESTAMP:
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            return s.dt.tz_convert("UTC").astype(TIMESTAMP)
        if pd.api.types.is_datetime64_dtype(s.dtype):
            return s.dt.tz_localize("UTC").astype(TIMESTAMP)
        try:
            return pd.to_datetime(s, utc=True, format="ISO8601").astype(TIMESTAMP)
        except (ValueError, TypeError) as err:
            raise SchemaError(
                f"Column {column!r} of table {table!r} must hold timestamps; "
                f"found values such as {s.dropna().iloc[0]!r}."
            ) from err
    if dtype == "str":
        if isinstance(s.dtype, pd.StringDtype) and s.dtype.na_value is not pd.NA:
            return s
        out = s.astype("str")
        return out.where(s.notna())
    try:
        return s.astype(dtype)
    except (ValueError, TypeError) as err:
        raise SchemaError(
            f"Column {column!r} of table {table!r} must have dtype {dtype}; found {s.dtype}."
        ) from err


def conform(table: str | Table, df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the table's columns, in order, with canonical dtypes.

    Missing optional columns are added as nulls; extra columns are kept after the canonical
    ones (loaders use this for opt-in columns such as ``content``). A missing required column
    raises :class:`~netlytics.errors.SchemaError`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = conform("follows", pd.DataFrame({"seeker": ["Ana"], "company": ["Acme"]}))
    >>> list(df.columns)
    ['seeker', 'company', 'followed_at', 'source', 'source_row']
    """
    t = _table(table)
    names = df.columns.tolist()
    present = set(names)
    canonical = t.columns
    missing = [c for c in canonical if c not in present and c not in t.optional]
    if missing:
        raise SchemaError(
            f"Table {t.name!r} is missing required column(s) {missing}. Found {names}; expected {canonical}."
        )
    if (
        len(present) == len(names)
        and names[: len(canonical)] == canonical
        and all(_has_dtype(a, d) for a, d in zip(df.dtypes.tolist(), t.dtypes.values(), strict=False))
    ):  # already canonical (a loader's own output): no column is rebuilt
        index = df.index
        plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
        return df.copy(deep=False) if plain else df.reset_index(drop=True)
    out = {}
    for col, dtype in t.dtypes.items():
        if col in present:
            out[col] = _as_dtype(df[col], dtype, col, t.name)
        else:
            out[col] = _nulls(df.index, dtype)
    extra = [c for c in df.columns if c not in t.dtypes]
    for col in extra:
        out[col] = df[col]
    return pd.DataFrame(out, index=df.index).reset_index(drop=True)


def validate(table: str | Table, df: pd.DataFrame, *, unique: tuple[str, ...] | None = None) -> None:
    """Check that ``df`` is a valid canonical table; raise :class:`SchemaError` if not.

    Checks column presence and order, dtypes, required non-null columns, closed vocabularies
    and (for interactions and applications) id uniqueness within a seeker.

    Examples
    --------
    >>> import pandas as pd
    >>> validate("interactions", empty("interactions"))
    >>> bad = conform("interactions", pd.DataFrame({
    ...     "seeker": ["Ana"], "interaction_id": ["1"], "at": ["2025-01-06"],
    ...     "channel": ["carrier pigeon"], "direction": ["outbound"], "kind": ["message"]}))
    >>> validate("interactions", bad)
    Traceback (most recent call last):
    ...
    netlytics.errors.SchemaError: Table 'interactions' is not valid: column 'channel' has 1 value(s) outside the vocabulary, e.g. 'carrier pigeon'; allowed: ['in_person', 'video', 'phone', 'email', 'linkedin', 'text', 'other'].
    """
    t = _table(table)
    cols = list(df.columns[: len(t.columns)])
    if cols != t.columns:
        missing = [c for c in t.columns if c not in df.columns]
        errors = [
            f"columns must start with {t.columns}; "
            + (f"missing {missing}" if missing else f"found {list(df.columns)}")
        ]
    else:
        dtypes = df.dtypes.tolist()
        errors = [
            f"column {col!r} has dtype {actual}, expected {dtype}"
            for (col, dtype), actual in zip(t.dtypes.items(), dtypes, strict=False)
            if not _has_dtype(actual, dtype)
        ]
        if len(df):  # an empty table has no values to check
            errors += _value_errors(t, df, unique)
    if errors:
        raise SchemaError(f"Table {t.name!r} is not valid: " + "; ".join(errors) + ".")


#: The key each row of a table is unique by (within its seeker).
_KEYS = {t: ("seeker", f"{t[:-1]}_id") for t in ("interactions", "applications", "contacts")}


def _value_errors(t: Table, df: pd.DataFrame, unique: tuple[str, ...] | None) -> list[str]:
    """Empty required values, values outside a vocabulary and repeated keys: one mask each."""
    errors = []
    for col in t.required:
        n = int(df[col].array.isna().sum())
        if n:
            errors.append(f"column {col!r} has {n} empty value(s) but is required")
    for col, allowed in t.vocab.items():
        values = df[col].array
        bad = ~(values.isna() | values.isin(list(allowed)))
        if bad.any():
            example = values[bad][0]
            errors.append(
                f"column {col!r} has {int(bad.sum())} value(s) outside the vocabulary, "
                f"e.g. {example!r}; allowed: {list(allowed)}"
            )
    from netlytics.data import pairs_unique  # the container's module, which imports this one

    keys = _KEYS.get(t.name) if unique is None else unique
    if keys and not (len(keys) == 2 and pairs_unique(df[keys[0]], df[keys[1]])):
        dup = df.duplicated(list(keys), keep=False)
        if dup.any():
            example = tuple(df.loc[dup, list(keys)].iloc[0])
            errors.append(f"{int(dup.sum())} rows share a key {list(keys)}, e.g. {example}")
    return errors
