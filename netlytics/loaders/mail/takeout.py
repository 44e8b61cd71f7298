"""Finding mailboxes, calendars and address books in a path: a file, a folder, a Google
Takeout zip (also split ``-001.zip``, ``-002.zip``) or an extracted Takeout tree.

Files are found by extension and content, never by English folder names (Takeout names folders
in the account's language: ``Takeout/Mail`` or ``Takeout/Gmail``). Zip members are streamed
through :meth:`zipfile.ZipFile.open`, never inflated into memory, and refused when their name is
unsafe or their compression ratio is a bomb's (docs/spec/FORMATS-mail-calendar.md section 1).
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from netlytics.loaders._base import read_head
from netlytics.loaders.mail._split import SEPARATOR

__all__ = ["Item", "find_items", "sniff_path", "MAX_SMALL_BYTES", "MAX_DEPTH"]

#: Largest calendar or address book read into memory.
MAX_SMALL_BYTES = 512 << 20
#: How deep a folder is searched.
MAX_DEPTH = 6
_SPLIT = re.compile(r"^(.*)-(\d{3})\.zip$", re.I)
_KINDS = {
    ".mbox": "mbox",
    ".ics": "ics",
    ".ical": "ics",
    ".ifb": "ics",
    ".vcf": "vcf",
    ".vcard": "vcf",
    ".eml": "eml",
    ".emlx": "eml",
}


@dataclass
class Item:
    """One thing to read: an mbox stream, a calendar, an address book, or a folder of messages.

    ``open`` returns a fresh binary stream; ``messages`` (kind "messages") lists
    ``(name, open, maildir_flags)`` for a Maildir or a folder of ``.eml`` files.
    """

    kind: str
    source: str
    open: Callable[[], BinaryIO] | None = None
    size: int = 0
    messages: list[tuple[str, Callable[[], BinaryIO], str]] = field(default_factory=list)
    problem: str = ""


def _opener(path: Path) -> Callable[[], BinaryIO]:
    return lambda: open(path, "rb")


def _looks_like_mbox(head: bytes) -> bool:
    line = head.lstrip(b"\xef\xbb\xbf\r\n").split(b"\n", 1)[0]
    return SEPARATOR.match(line) is not None


def _kind_of_file(path: Path) -> str | None:
    kind = _KINDS.get(path.suffix.lower())
    if kind:
        return kind
    head = read_head(path, 512)
    if _looks_like_mbox(head):
        return "mbox"
    stripped = head.lstrip(b"\xef\xbb\xbf\r\n \t").upper()
    if stripped.startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if stripped.startswith(b"BEGIN:VCARD"):
        return "vcf"
    return None


def _maildir_flags(name: str) -> str:
    m = re.search(r"[:!;]2,([A-Za-z]*)$", name)
    return m.group(1) if m else ""


def _maildir(folder: Path, source: str) -> Item:
    entries = []
    for sub in ("cur", "new"):
        d = folder / sub
        if d.is_dir():
            for p in sorted(d.iterdir()):
                if p.is_file() and not p.is_symlink() and not p.name.startswith("."):
                    entries.append((p.name, _opener(p), _maildir_flags(p.name)))
    return Item("messages", source, messages=entries)


def _is_maildir(p: Path) -> bool:
    return (p / "cur").is_dir() or (p / "new").is_dir()


def _zip_items(path: Path, label: str) -> list[Item]:
    """The readable members of one zip, through :mod:`netlytics.loaders.archive` (unsafe names,
    bombs and overlapping entries refused there; members streamed under one inflate budget).
    Skipped members that would have been read (mail, calendars, cards) and archives inside the
    archive become problem items."""
    from netlytics.errors import NetlyticsError
    from netlytics.loaders import archive

    try:
        members, skipped = archive.safe_members(path)
    except NetlyticsError as err:
        return [Item("bad", label, problem=str(err))]
    suffix = lambda name: PurePosixPath(name.replace("\\", "/")).suffix.lower()  # noqa: E731
    # an archive inside (a zipped folder holding the LinkedIn export's zip beside a calendar) is a
    # problem row too: it used to vanish without a word
    items = [
        Item("bad", f"{label}:{name}", problem=why)
        for name, why in skipped
        if _KINDS.get(suffix(name)) or "unsafe name" in why or suffix(name) in archive.ARCHIVE_SUFFIXES
    ]
    budget = archive.InflateBudget.for_archive(path)
    for info in members:  # one step per member (a Takeout holds a few hundred at most)
        kind = _KINDS.get(PurePosixPath(info.filename).suffix.lower())
        if kind is None or kind == "eml":
            continue
        source = f"{label}:{info.filename}"
        if kind != "mbox" and info.file_size > MAX_SMALL_BYTES:
            items.append(
                Item(
                    "bad",
                    source,
                    problem=f"{info.file_size:,} bytes is over {MAX_SMALL_BYTES:,} for a {kind} file",
                )
            )
            continue
        opener = lambda info=info: archive.open_member(path, info, budget=budget)  # noqa: E731
        items.append(Item(kind, source, open=opener, size=info.file_size))
    return items


def split_parts(path: Path) -> list[Path]:
    """All parts of a split Takeout (``…-001.zip``, ``…-002.zip``) given any one of them.

    Parameters
    ----------
    path
        One part (``…-001.zip``) or any other file.

    Returns
    -------
    list of Path
        Every part with the same prefix in the same folder, sorted; ``[path]`` otherwise.

    See Also
    --------
    find_items

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> split_parts(Path("/nonexistent/takeout-20260101T000000Z-001.zip"))
    [PosixPath('/nonexistent/takeout-20260101T000000Z-001.zip')]
    """
    m = _SPLIT.match(path.name)
    if not m or not path.parent.is_dir():
        return [path]
    prefix = m.group(1)
    parts = sorted(p for p in path.parent.iterdir() if (pm := _SPLIT.match(p.name)) and pm.group(1) == prefix)
    return parts or [path]


def _walk(folder: Path, base: Path, depth: int, items: list[Item]) -> None:
    try:
        children = sorted(folder.iterdir())
    except OSError as err:
        items.append(
            Item("bad", str(folder.relative_to(base.parent)), problem=f"folder not readable ({err})")
        )
        return
    for p in children:  # one step per directory entry
        if p.name.startswith(".") or p.is_symlink():
            continue
        label = str(p.relative_to(base.parent))
        if p.is_dir():
            if _is_maildir(p):
                items.append(_maildir(p, label))
            elif p.suffix.lower() == ".mbox" and (p / "mbox").is_file():
                items.append(Item("mbox", label, open=_opener(p / "mbox"), size=(p / "mbox").stat().st_size))
            elif depth < MAX_DEPTH:
                _walk(p, base, depth + 1, items)
        elif p.suffix.lower() == ".zip" and p.name.lower().startswith("takeout"):
            items.extend(_zip_items(p, label))
        else:
            kind = _kind_of_file(p) if p.suffix.lower() in _KINDS or not p.suffix else None
            if kind == "eml":
                items.append(Item("messages", label, messages=[(p.name, _opener(p), "")]))
            elif kind:
                items.append(Item(kind, label, open=_opener(p), size=p.stat().st_size))


def find_items(path: Path) -> list[Item]:
    """Everything readable under ``path`` (a file, a folder, a Takeout zip or its split parts).

    Single ``.eml`` files of one folder are grouped into one item (one source).

    Parameters
    ----------
    path
        What the user passed.

    Returns
    -------
    list[Item]

    See Also
    --------
    sniff_path, netlytics.loaders.archive.safe_members

    Raises
    ------
    Nothing: unreadable zips and refused members are items of kind ``bad``.
    """
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() == ".zip":
            return [it for part in split_parts(path) for it in _zip_items(part, part.name)]
        kind = _kind_of_file(path)
        if kind == "eml":
            return [Item("messages", path.name, messages=[(path.name, _opener(path), "")])]
        return [
            Item(
                kind or "bad",
                path.name,
                open=_opener(path),
                size=path.stat().st_size,
                problem="" if kind else "not a mailbox, calendar or address book",
            )
        ]
    if _is_maildir(path):
        return [_maildir(path, path.name)]
    if path.suffix.lower() == ".mbox" and (path / "mbox").is_file():
        return [Item("mbox", path.name, open=_opener(path / "mbox"), size=(path / "mbox").stat().st_size)]
    items: list[Item] = []
    _walk(path, path, 0, items)
    emls = [it for it in items if it.kind == "messages" and len(it.messages) == 1 and not _is_maildir(path)]
    grouped: dict[str, Item] = {}
    for it in emls:
        folder = str(PurePosixPath(it.source).parent)
        grouped.setdefault(folder, Item("messages", folder)).messages.extend(it.messages)
    return [it for it in items if it not in emls] + list(grouped.values())


def sniff_path(path: Path) -> bool:
    """Cheap test: is ``path`` a mailbox, calendar, address book or Takeout (never reads it whole)?

    Parameters
    ----------
    path
        A file or folder.

    Returns
    -------
    bool

    See Also
    --------
    find_items

    Raises
    ------
    Nothing.
    """
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() == ".zip":
            if path.name.lower().startswith("takeout"):
                return True
            try:
                with zipfile.ZipFile(path) as zf:
                    names = zf.namelist()[:2000]
            except (zipfile.BadZipFile, OSError, ValueError):
                return False
            return any(_KINDS.get(PurePosixPath(n).suffix.lower()) in ("mbox", "ics", "vcf") for n in names)
        return _kind_of_file(path) is not None
    if not path.is_dir():
        return False
    if _is_maildir(path) or (path.suffix.lower() == ".mbox" and (path / "mbox").is_file()):
        return True
    for p in itertools.islice(path.rglob("*"), 5000):  # bounded: a cheap test, never a full walk
        suffix = p.suffix.lower()
        if suffix in (".mbox", ".ics", ".vcf", ".eml") or (
            suffix == ".zip" and p.name.lower().startswith("takeout")
        ):
            if p.is_file() or (suffix == ".mbox" and (p / "mbox").is_file()):
                return True
    return False
