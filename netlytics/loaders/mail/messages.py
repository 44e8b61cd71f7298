"""Mail messages -> canonical interactions, with the exclusions of docs/spec/METRICS.md section 6.

:func:`read_messages` turns raw header blocks into :class:`Message` records (one pass, one
message at a time); :func:`find_owner` names the seeker's addresses; :func:`message_tables`
explodes messages into (message, counterpart) rows and applies every rule on whole columns.
Accounting per file: messages x counterparts read = loaded + excluded + problems (a message with
no counterpart counts as one row).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from netlytics.loaders.mail._headers import (
    addresses,
    labels,
    message_ids,
    parse_block,
    parse_date,
    separator_date,
    stable_id,
)
from netlytics.loaders.mail._split import RawMessage

__all__ = ["Message", "read_messages", "find_owner", "message_tables", "SENT_LABELS"]

#: ``X-Gmail-Labels`` meaning the owner sent the message (English and localized, lower case).
SENT_LABELS = frozenset(
    {"sent", "envoyé", "messages envoyés", "enviados", "gesendet", "inviati", "verzonden"}
)
_EXCLUDED_LABELS = {
    "spam": "Spam",
    "trash": "Trash",
    "corbeille": "Trash",
    "papelera": "Trash",
    "papierkorb": "Trash",
    "cestino": "Trash",
    "draft": "Draft",
    "drafts": "Draft",
    "brouillons": "Draft",
    "borradores": "Draft",
    "entwürfe": "Draft",
    "bozze": "Draft",
    "chat": "Chat",
    "chats": "Chat",
}
_INBOUND_CATEGORIES = {
    "category promotions": "Promotions",
    "category updates": "Updates",
    "category forums": "Forums",
    "category social": "Social",
}
_BULK_LOCAL = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|notifications?|mailer-daemon|postmaster|bounces?"
    r"|calendar-notification|invitations?)(?:[+._-].*)?$"
)


@dataclass
class Message:
    """The headers of one message that the rules need (nothing else is kept)."""

    source: str
    position: int
    message_id: str
    in_reply_to: str
    sender: tuple[str, str] | None
    recipients: list[tuple[str, str]]
    at: object
    date_note: str
    date_value: str
    labels: frozenset[str]
    excluded: str
    excluded_column: str
    excluded_value: str
    delivered_to: tuple[str, ...]
    flaw: str


def _bulk(h: dict[str, list[str]]) -> tuple[str, str, str]:
    """(reason, column, value) when the headers mark bulk or automatic mail, else empty strings."""
    for col in ("list-id", "list-unsubscribe"):
        if col in h:
            return f"bulk or list mail ({col.title()} header)", col.title(), h[col][0][:200]
    for col in ("precedence", "x-precedence"):
        v = h.get(col, [""])[0].strip().lower()
        if v in ("bulk", "list", "junk"):
            return f"bulk mail (Precedence: {v})", col.title(), v
    v = h.get("auto-submitted", ["no"])[0].strip().lower()
    if v and not v.startswith("no"):
        return f"automatic mail (Auto-Submitted: {v})", "Auto-Submitted", v
    return "", "", ""


def _label_rule(found: frozenset[str], maildir_flags: str, mozilla: str) -> tuple[str, str, str]:
    """(reason, column, value) for label/flag exclusions that apply whatever the direction."""
    for label in sorted(found):
        if label in _EXCLUDED_LABELS:
            return f"Gmail label {_EXCLUDED_LABELS[label]}", "X-Gmail-Labels", label
    if "T" in maildir_flags:
        return "trashed (Maildir flag T)", "flags", maildir_flags
    if "D" in maildir_flags:
        return "draft (Maildir flag D)", "flags", maildir_flags
    try:
        if mozilla and int(mozilla.strip()[:4], 16) & 0x0008:
            return "deleted in Thunderbird (X-Mozilla-Status expunged flag)", "X-Mozilla-Status", mozilla
    except ValueError:
        pass
    return "", "", ""


def _message(raw: RawMessage, source: str, flags: str) -> Message:
    h = parse_block(raw.header)
    date = h["date"][0] if "date" in h else ""
    mid = h.get("message-id")
    ids = message_ids(mid[0]) if mid else []
    message_id = ids[0] if ids else "sha:" + stable_id(raw.header.decode("latin-1"))
    senders = addresses(h.get("from"))
    recipients = addresses([v for k in ("to", "cc", "bcc") if k in h for v in h[k]])
    at, note = parse_date(date or None)
    if at is None and raw.separator:
        fallback = separator_date(raw.separator)
        if fallback is not None:
            at, note = fallback, f"Date {note}; the separator line's date was used"
    found = labels(h["x-gmail-labels"][0]) if "x-gmail-labels" in h else frozenset()
    reason, column, value = _label_rule(
        found, flags, h["x-mozilla-status"][0] if "x-mozilla-status" in h else ""
    )
    if not reason:
        reason, column, value = _bulk(h)
    local = senders[0][1].split("@")[0] if senders else ""
    if not reason and local and _BULK_LOCAL.match(local):
        reason, column, value = f"automatic sender address ({local})", "From", senders[0][1]
    irt = h.get("in-reply-to")
    return Message(
        source=source,
        position=raw.position,
        message_id=message_id,
        in_reply_to=(message_ids(irt[0]) if irt else [""])[0] if irt and message_ids(irt[0]) else "",
        sender=senders[0] if senders else None,
        recipients=recipients,
        at=at,
        date_note=note,
        date_value=date[:100],
        labels=found,
        excluded=reason,
        excluded_column=column,
        excluded_value=value,
        delivered_to=tuple(a for _, a in addresses(h["delivered-to"])) if "delivered-to" in h else (),
        flaw=raw.flaw,
    )


def read_messages(
    raws: Iterable[RawMessage], source: str, flags: Iterable[str] | None = None
) -> list[Message]:
    """Interpret the header blocks of one file (or one Maildir/.eml folder).

    Parameters
    ----------
    raws
        Raw messages from :func:`~netlytics.loaders.mail._split.split_mbox` or ``read_single``.
    source
        The file name used in ``source`` columns.
    flags
        Maildir flags per message (same order), or None.

    Returns
    -------
    list[Message]

    See Also
    --------
    message_tables : the rules applied to the messages.

    Raises
    ------
    Nothing: malformed headers give empty fields, judged by the rules.
    """
    flags_it = iter(flags) if flags is not None else None
    return [_message(raw, source, next(flags_it) if flags_it is not None else "") for raw in raws]


def find_owner(messages: list[Message]) -> tuple[dict[str, str], str | None]:
    """The owner's addresses found in a mailbox: ``{address: how}``, and their display name.

    ``From`` of messages labelled Sent (any language) first; when no message carries labels,
    the most frequent ``Delivered-To`` address (Gmail adds it to received mail only).

    Parameters
    ----------
    messages
        Parsed messages of one load.

    Returns
    -------
    tuple
        ``({address: how found}, display name or None)``.

    See Also
    --------
    netlytics.loaders.mail.calendar.calendar_owner

    Raises
    ------
    Nothing.
    """
    sent = [m.sender for m in messages if m.sender and m.labels & SENT_LABELS]
    found = {addr: "From of messages labelled Sent" for _, addr in sent}
    names = Counter(name for name, _ in sent if name)
    if not found:
        delivered = Counter(a for m in messages for a in m.delivered_to)
        if delivered:
            addr = delivered.most_common(1)[0][0]
            found[addr] = "the most frequent Delivered-To address"
            names = Counter(m.sender[0] for m in messages if m.sender and m.sender[1] == addr and m.sender[0])
    return found, (names.most_common(1)[0][0] if names else None)


def _who(message_id: str) -> str:
    return "no Message-ID" if message_id.startswith("sha:") else f"Message-ID <{message_id}>"


def _rows(messages: list[Message], owners: set[str]) -> pd.DataFrame:
    """One row per (message, counterpart); a message without counterparts gives one empty row."""
    cols: dict[str, list] = {
        k: [] for k in ("m", "counterpart", "name", "direction", "n_others", "id", "ref_id")
    }
    for i, m in enumerate(messages):  # one step per message: the headers are per message anyway
        outbound = m.sender is not None and m.sender[1] in owners
        if outbound:
            seen: dict[str, str] = {}
            for name, addr in m.recipients:
                if addr not in seen or (not seen[addr] and name):
                    seen[addr] = name
            cps = list(seen.items())
        else:
            cps = [(m.sender[1], m.sender[0])] if m.sender else []
        n_others = sum(1 for a, _ in cps if a not in owners)
        for addr, name in cps or [(None, "")]:
            cols["m"].append(i)
            cols["counterpart"].append(addr)
            cols["name"].append(name if name and name.lower() != (addr or "") else None)
            cols["direction"].append("outbound" if outbound else "inbound")
            cols["n_others"].append(n_others)
            cols["id"].append("em:" + stable_id(m.message_id, addr) if addr else None)
            cols["ref_id"].append("em:" + stable_id(m.in_reply_to, addr) if addr and m.in_reply_to else None)
    df = pd.DataFrame(cols)
    per_msg = pd.DataFrame(
        {
            "source": [m.source for m in messages],
            "position": [m.position for m in messages],
            "message_id": [m.message_id for m in messages],
            "in_reply_to": [m.in_reply_to for m in messages],
            "at": pd.to_datetime([m.at for m in messages], utc=True),
            "date_note": [m.date_note for m in messages],
            "date_value": [m.date_value for m in messages],
            "reason": [m.excluded for m in messages],
            "column": [m.excluded_column for m in messages],
            "value": [m.excluded_value for m in messages],
            "category": [
                next((v for k, v in _INBOUND_CATEGORIES.items() if k in m.labels), "") for m in messages
            ],
            "has_sender": [m.sender is not None for m in messages],
            "flaw": [m.flaw for m in messages],
        }
    )
    return df.join(per_msg, on="m")


def _set(df: pd.DataFrame, mask: pd.Series, reason, column, value) -> None:
    """Give rows still undecided (empty reason) the exclusion or problem ``reason``."""
    mask = mask & (df["reason"] == "")
    if isinstance(reason, pd.Series):
        reason = reason[mask]
    if isinstance(value, pd.Series):
        value = value[mask]
    df.loc[mask, "reason"] = reason
    df.loc[mask, "column"] = column
    df.loc[mask, "value"] = value


def _decide(df: pd.DataFrame, owners: set[str], options) -> pd.Series:
    """Apply the exclusion and problem rules in order; returns the row kind
    ("loaded", "excluded" or "problem"); ``reason``, ``column``, ``value`` are filled in place."""
    kind = pd.Series("excluded", index=df.index, dtype="str")
    cp = df["counterpart"]
    dup = cp.notna() & df.duplicated(["message_id", "counterpart"])
    first_src = df.drop_duplicates(["message_id", "counterpart"]).set_index(["message_id", "counterpart"])[
        "source"
    ]
    earlier = pd.Series(list(zip(df["message_id"], cp, strict=True)), index=df.index).map(first_src)
    df.loc[dup, ["reason", "column", "value"]] = ""
    _set(
        df,
        dup,
        "the same message and counterpart were already read (" + earlier.astype("str") + ")",
        "Message-ID",
        df["message_id"],
    )
    inbound = df["direction"] == "inbound"
    _set(
        df,
        inbound & (df["category"] != ""),
        "Gmail category " + df["category"] + " (inbound)",
        "X-Gmail-Labels",
        df["category"],
    )
    _set(df, cp.isin(owners), "note to self (the counterpart is an owner address)", "To", cp)
    too_many = (df["direction"] == "outbound") & (df["n_others"] > options.max_recipients)
    _set(
        df,
        too_many,
        "broadcast: sent to "
        + df["n_others"].astype("str")
        + f" people (more than max_recipients={options.max_recipients})",
        "To",
        cp,
    )
    decided = df["reason"] != ""
    kind = kind.where(decided, "problem")
    who = "message " + df["position"].astype("str") + " (" + df["message_id"].map(_who) + "): "
    no_from = cp.isna() & ~df["has_sender"]
    _set(df, no_from, who + "no readable From address", "From", "")
    _set(df, cp.isna(), who + "a sent message with no readable recipient (To, Cc, Bcc)", "To", "")
    _set(df, df["position"] == 0, "the file does not start with an mbox separator line (From ...)", "", "")
    _set(
        df,
        df["at"].isna(),
        who + "Date " + df["date_note"] + " and no separator date to fall back on",
        "Date",
        df["date_value"],
    )
    if options.future_after is not None:
        late = df["at"] > pd.Timestamp(options.future_after) + pd.Timedelta(days=1)
        _set(
            df, late, who + "Date is after the load time (" + df["date_value"] + ")", "Date", df["date_value"]
        )
    early = df["at"] < pd.Timestamp(options.earliest)
    _set(
        df,
        early,
        who + f"Date is before {pd.Timestamp(options.earliest):%Y-%m-%d} (" + df["date_value"] + ")",
        "Date",
        df["date_value"],
    )
    return kind.where(df["reason"] != "", "loaded")


def message_tables(
    messages: list[Message], owners: set[str], *, seeker: str, options
) -> dict[str, pd.DataFrame]:
    """Interactions, contacts, excluded, problems and per-file sources from parsed messages.

    Parameters
    ----------
    messages
        Every message of one load (several files: duplicates across them are excluded once read).
    owners
        The seeker's own addresses (lower case).
    seeker
        The seeker's name.
    options
        :class:`~netlytics.loaders._options.LoadOptions` (``max_recipients``, ``future_after``,
        ``earliest``).

    Returns
    -------
    dict
        Tables by name; ``sources`` has one row per file with table ``interactions``.

    See Also
    --------
    read_messages, netlytics.loaders.mail.infer.after_merge

    Raises
    ------
    Nothing: every row ends loaded, excluded or a problem.
    """
    if not messages:
        return {}
    df = _rows(messages, owners)
    kind = _decide(df, owners, options)
    loaded = df[kind == "loaded"]
    ids = loaded["id"].astype("str")
    cand = loaded["ref_id"].astype("str")
    interactions = pd.DataFrame(
        {
            "seeker": seeker,
            "interaction_id": ids,
            "contact_id": loaded["counterpart"],
            "at": loaded["at"],
            "channel": "email",
            "direction": loaded["direction"],
            "kind": "message",
            "ref": cand.where(cand.isin(set(ids))),
            "source": loaded["source"],
            "source_row": loaded["position"],
            "origin": "email",
            "inferred": False,
        }
    )
    named = loaded[loaded["name"].notna()].drop_duplicates("counterpart").set_index("counterpart")["name"]
    people = loaded.drop_duplicates("counterpart")
    contacts = pd.DataFrame(
        {
            "seeker": seeker,
            "contact_id": people["counterpart"],
            "name": people["counterpart"].map(named),
            "email": people["counterpart"],
            "source": people["source"],
            "origin": "email",
        }
    )
    issues, sources = _issues_and_sources(df, kind, seeker)
    notes = _date_notes(df[kind == "loaded"].drop_duplicates(["source", "position"]), seeker)
    return {"interactions": interactions, "contacts": contacts, "sources": sources, "notes": notes, **issues}


def _date_notes(msgs: pd.DataFrame, seeker: str) -> pd.DataFrame:
    """One note per file and kind of date assumption (zone-less dates, separator fallbacks)."""
    rows = []
    fallback = msgs["date_note"].str.contains("separator", regex=False)
    zoneless = msgs["date_note"] == "no zone"
    for source, n in msgs[fallback].groupby("source").size().items():
        rows.append(
            f"{source}: {n:,} message(s) had no readable Date; the mbox separator line's time was used."
        )
    for source, n in msgs[zoneless].groupby("source").size().items():
        rows.append(
            f"{source}: {n:,} message(s) had a Date without a usable zone (-0000, CEST...); read as UTC."
        )
    return pd.DataFrame({"seeker": seeker, "source": None, "topic": "email", "note": rows})


def _issues_and_sources(df: pd.DataFrame, kind: pd.Series, seeker: str) -> tuple[dict, pd.DataFrame]:
    """Excluded and problem rows, and the per-file accounting."""
    issues = {}
    for name, k in (("excluded", "excluded"), ("problems", "problem")):
        part = df[kind == k]
        issues[name] = pd.DataFrame(
            {
                "seeker": seeker,
                "source": part["source"],
                "source_row": part["position"],
                "column": part["column"].replace("", None),
                "value": part["value"].replace("", None),
                "reason": part["reason"],
            }
        )
    counts = pd.crosstab(df["source"], kind).reindex(columns=["loaded", "excluded", "problem"], fill_value=0)
    sources = pd.DataFrame(
        {
            "seeker": seeker,
            "source": counts.index,
            "table": "interactions",
            "rows_read": counts.sum(axis=1).to_numpy(),
            "loaded": counts["loaded"].to_numpy(),
            "excluded": counts["excluded"].to_numpy(),
            "problems": counts["problem"].to_numpy(),
        }
    )
    return issues, sources
