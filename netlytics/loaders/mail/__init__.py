"""Mailboxes, calendars and address books: the loader family for docs/spec/METRICS.md section 6.

Reads an mbox (Google Takeout, Thunderbird, Apple Mail's ``.mbox`` package), a Maildir, a
folder of ``.eml`` files, ``.ics`` calendars, ``.vcf`` address books, and Google Takeout zips or
folders (split ``-001.zip`` parts too); docs/spec/FORMATS-mail-calendar.md describes the files.

The family interface (docs/spec, HELPERS-INTERFACES): :func:`sniff`, :func:`load`,
:data:`NEEDS_OWNER` (loaded after the other sources of a seeker, so their owner e-mails arrive in
``options.me``) and :func:`after_merge` (unknown one-way senders, inferred thank-yous).

Headers only: message bodies, attachments, subjects and event descriptions are never stored.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from netlytics.data import TABLE_NAMES, NetworkData
from netlytics.errors import NetlyticsError
from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import takeout
from netlytics.loaders.mail._ics import parse_calendar
from netlytics.loaders.mail._split import read_single, split_mbox
from netlytics.loaders.mail._watch import watched
from netlytics.loaders.mail.calendar import calendar_owner, calendar_tables
from netlytics.loaders.mail.infer import after_merge
from netlytics.loaders.mail.messages import Message, find_owner, message_tables, read_messages
from netlytics.loaders.mail.vcard import CARD_EMAILS, vcard_tables

__all__ = ["sniff", "load", "after_merge", "NEEDS_OWNER"]

#: Loaded after the seeker's other sources: their owner e-mails extend ``options.me``.
NEEDS_OWNER = True
_READ_ERRORS = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    RuntimeError,
    ValueError,
    NotImplementedError,
    NetlyticsError,
)


def sniff(path: Path) -> bool:
    """Whether ``path`` is a mailbox, calendar, address book or Google Takeout (cheap).

    Parameters
    ----------
    path
        A file or folder.

    Returns
    -------
    bool

    See Also
    --------
    load : read what this recognises.

    Raises
    ------
    Nothing: an unreadable path is simply not recognised.

    Examples
    --------
    >>> sniff(Path("no-such-file.txt"))
    False
    """
    return takeout.sniff_path(Path(path))


def _file_problem(tables: dict, source: str, reason: str, rows: int = 1, table: str = "interactions") -> None:
    tables["problems"].append(pd.DataFrame([{"source": source, "reason": reason}]))
    tables["sources"].append(
        pd.DataFrame(
            [
                {
                    "source": source,
                    "table": table,
                    "rows_read": rows,
                    "loaded": 0,
                    "excluded": 0,
                    "problems": rows,
                }
            ]
        )
    )


def _read_mail(item: takeout.Item, tables: dict) -> list[Message]:
    """Messages of one mbox or message folder; a read error ends the file with a problem row."""
    out: list[Message] = []
    try:
        if item.kind == "mbox":
            with watched(item.open(), item.size, item.source) as f:  # a bar when a person watches
                out.extend(read_messages(split_mbox(f), item.source))
        else:
            for i, (_name, opener, flags) in enumerate(item.messages, 1):
                with opener() as f:
                    out.extend(read_messages([read_single(f, position=i)], item.source, [flags]))
    except _READ_ERRORS as err:
        _file_problem(
            tables, item.source, f"reading stopped after {len(out)} message(s): {type(err).__name__}: {err}"
        )
    return out


def _read_small(item: takeout.Item, tables: dict, table: str) -> bytes | None:
    try:
        with item.open() as f:
            data = f.read(takeout.MAX_SMALL_BYTES + 1)
    except _READ_ERRORS as err:
        _file_problem(tables, item.source, f"not readable: {type(err).__name__}: {err}", table=table)
        return None
    if len(data) > takeout.MAX_SMALL_BYTES:
        _file_problem(tables, item.source, f"over {takeout.MAX_SMALL_BYTES:,} bytes; not read", table=table)
        return None
    return data


def _owners(
    options: LoadOptions, messages: list[Message], calendars: list
) -> tuple[dict[str, str], str | None]:
    """The owner's addresses with how each was found, and a display name when the mail gives one."""
    found = {
        a.strip().lower(): "me= (or another source's owner e-mails)" for a in options.me if a and "@" in a
    }
    mail_found, name = find_owner(messages) if messages else ({}, None)
    for addr, how in mail_found.items():
        found.setdefault(addr, how)
    for source, cal in calendars:
        addr = calendar_owner(cal)
        if addr:
            found.setdefault(addr, f"calendar owner of {source}")
    return found, name


def _mail_tables(messages, mail_items, owners, seeker, options, tables) -> None:
    if not owners:
        for item in mail_items:
            mine = [m for m in messages if m.source == item.source]
            if mine and all(m.position == 0 for m in mine):
                _file_problem(
                    tables,
                    item.source,
                    "not an mbox: the file does not start with an mbox separator line (From ...)",
                )
            elif mine:
                _file_problem(
                    tables,
                    item.source,
                    "the seeker's own e-mail addresses could not be found (no message is labelled Sent); "
                    "pass me='you@example.com' (--me on the command line)",
                    rows=len(mine),
                )
        return
    for name, df in message_tables(messages, set(owners), seeker=seeker, options=options).items():
        tables[name].append(df)


def _calendar_and_card_tables(items, calendars, owners, seeker: str, options, tables: dict) -> None:
    """The tables of every calendar (needs the owner) and every address book."""
    for source, cal in calendars:
        if not owners and cal.events:
            _file_problem(
                tables,
                source,
                "the calendar owner could not be found; pass me='you@example.com'",
                rows=len(cal.events),
            )
            continue
        for name, df in calendar_tables(cal, source, set(owners), seeker=seeker, options=options).items():
            tables[name].append(df)
    for it in (i for i in items if i.kind == "vcf"):
        data = _read_small(it, tables, "contacts")
        if data is not None:
            for name, df in vcard_tables(data, it.source, seeker=seeker).items():
                tables[name].append(df)


def load(path: Path, options: LoadOptions | None = None) -> NetworkData:
    """Load a mailbox, calendar, address book or Google Takeout as one seeker's data.

    Parameters
    ----------
    path
        An mbox file, an Apple ``.mbox`` package, a Maildir, a folder of ``.eml`` files, an
        ``.ics``, a ``.vcf``, a Takeout zip (any part of a split one) or folder, or a folder
        holding any of these.
    options
        :class:`~netlytics.loaders._options.LoadOptions`; this family reads ``seeker``, ``me``,
        ``tz``, ``future_after``, ``earliest``, ``max_recipients`` and ``max_attendees``.

    Returns
    -------
    NetworkData
        Interactions (origin email: kind message; origin calendar: kind meeting), contacts
        (email, calendar, addressbook), excluded and problems with reasons, per-file sources
        (rows read = loaded + excluded + problems), notes, and the owner's addresses in ``owner``.

    Raises
    ------
    netlytics.errors.InputError
        When ``path`` does not exist.

    See Also
    --------
    after_merge : cross-source rules applied once the seeker's sources are merged.
    netlytics.loaders.mail.messages.message_tables : the e-mail rules.
    netlytics.loaders.mail.calendar.calendar_tables : the calendar rules.

    Examples
    --------
    >>> import tempfile
    >>> box = (b"From 1@xxx Mon Jan 05 09:00:00 +0000 2026\\r\\nX-Gmail-Labels: Sent\\r\\n"
    ...        b"From: Ada <ada@example.com>\\r\\nTo: bob@example.org, news@list.example\\r\\n"
    ...        b"Date: Mon, 5 Jan 2026 10:00:00 +0000\\r\\nMessage-ID: <1@x>\\r\\n\\r\\nbody\\r\\n")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "a.mbox").write_bytes(box)
    ...     data = load(Path(d) / "a.mbox")
    199
    >>> data.interactions[["contact_id", "direction", "kind"]].values.tolist()
    [['bob@example.org', 'outbound', 'message'], ['news@list.example', 'outbound', 'message']]
    """
    from netlytics.errors import InputError

    options = options or LoadOptions()
    path = Path(path)
    if not path.exists():
        raise InputError(
            f"No such file or folder: {str(path)!r}.", hint="Give an mbox, .ics, .vcf or Takeout."
        )
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLE_NAMES}
    items = takeout.find_items(path)
    for item in items:
        if item.kind == "bad":
            _file_problem(tables, item.source, item.problem, table="")
    mail_items = [it for it in items if it.kind in ("mbox", "messages")]
    messages = [m for it in mail_items for m in _read_mail(it, tables)]
    calendars = []
    for it in (i for i in items if i.kind == "ics"):
        data = _read_small(it, tables, "interactions")
        if data is not None:
            calendars.append((it.source, parse_calendar(data)))
    owners, owner_name = _owners(options, messages, calendars)
    seeker = options.seeker or owner_name or (path.stem if path.is_file() else path.name)
    _mail_tables(messages, mail_items, owners, seeker, options, tables)
    _calendar_and_card_tables(items, calendars, owners, seeker, options, tables)
    tables["owner"].append(
        pd.DataFrame(
            [{"kind": "email", "value": a, "source": how} for a, how in owners.items()],
            columns=["kind", "value", "source"],
        )
    )
    return _combine(tables, seeker)


def _first(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    from netlytics import schema

    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else schema.empty(name)


def _combine(tables: dict[str, list[pd.DataFrame]], seeker: str) -> NetworkData:
    """One container: addresses joined to address-book cards, one contact per person."""
    out = {name: _first(frames, name) for name, frames in tables.items()}
    contacts = out["contacts"]
    if CARD_EMAILS in contacts.columns and len(contacts):
        cards = contacts[contacts["origin"] == "addressbook"]
        dup = cards.duplicated("contact_id")
        if dup.any():
            out = _exclude_cards(out, cards[dup])
            contacts = contacts.drop(index=cards.index[dup])
        by_email = {
            e: cid
            for cid, emails in zip(contacts["contact_id"], contacts[CARD_EMAILS], strict=True)
            if isinstance(emails, str)
            for e in emails.split(",")
            if e
        }
        remap: Callable[[pd.Series], pd.Series] = lambda s: s.map(by_email).fillna(s).astype("str")  # noqa: E731
        contacts = contacts.copy()
        not_card = contacts["origin"] != "addressbook"
        contacts.loc[not_card, "contact_id"] = remap(contacts.loc[not_card, "contact_id"])
        out["interactions"] = out["interactions"].assign(contact_id=remap(out["interactions"]["contact_id"]))
        contacts = contacts.drop(columns=[CARD_EMAILS])
    order = {"addressbook": 0, "calendar": 1, "email": 2}
    if len(contacts):
        contacts = contacts.assign(_o=contacts["origin"].map(order)).sort_values("_o", kind="stable")
        names = contacts.dropna(subset=["name"]).drop_duplicates("contact_id").set_index("contact_id")["name"]
        contacts = contacts.drop_duplicates("contact_id").drop(columns="_o")
        contacts = contacts.assign(name=contacts["name"].fillna(contacts["contact_id"].map(names)))
    out["contacts"] = contacts
    for name, df in out.items():
        if "seeker" in df.columns:
            out[name] = df.assign(seeker=df["seeker"].fillna(seeker))
        elif len(df):
            out[name] = df.assign(seeker=seeker)
    if len(out["sources"]):
        key = ["seeker", "source", "table"]
        out["sources"] = (
            out["sources"]
            .fillna({"table": ""})
            .groupby(key, as_index=False, sort=False)[["rows_read", "loaded", "excluded", "problems"]]
            .sum()
        )
        out["sources"]["table"] = out["sources"]["table"].replace("", None)
    return NetworkData(**out)


def _exclude_cards(out: dict, dups: pd.DataFrame) -> dict:
    """Cards repeated across Takeout's label files: excluded after the first, accounting moved."""
    excluded = pd.DataFrame(
        {
            "seeker": dups["seeker"],
            "source": dups["source"],
            "source_row": pd.NA,
            "column": "contact_id",
            "value": dups["contact_id"],
            "reason": "the same contact was already read from an earlier card",
        }
    )
    out["excluded"] = pd.concat([out["excluded"], excluded], ignore_index=True)
    src = out["sources"].copy()
    for source, n in dups["source"].value_counts().items():
        row = (src["source"] == source) & (src["table"] == "contacts")
        src.loc[row, "loaded"] -= n
        src.loc[row, "excluded"] += n
    out["sources"] = src
    return out
