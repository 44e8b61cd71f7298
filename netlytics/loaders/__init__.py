"""Loaders: files in, :class:`~netlytics.data.NetworkData` out.

:func:`load` recognises what a path is and hands it to the **loader family** that knows the
format. A family is a module with ``sniff(path) -> bool`` (cheap) and
``load(path, options: LoadOptions) -> NetworkData``; optionally ``NEEDS_OWNER = True`` (loaded
after the other paths of the seeker, with ``options.me`` extended by their ``owner`` e-mail
rows) and ``after_merge(data, options) -> NetworkData`` (called once on the merged data).
:data:`FAMILIES` lists them in sniff order:

- canonical tables written by :func:`netlytics.to_parquet`: :mod:`.canonical`;
- a LinkedIn "Download your data" export (zip, folder, or one file from it): :mod:`.linkedin`;
- a tracker workbook or CSV written by a person (canonical or free-form): :mod:`.tracker`.

A folder holding an export plus trackers, or a list of paths, is merged as one seeker's data.
Cohorts (a folder of clients) are loaded with :func:`load_cohort`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pandas as pd

from netlytics._checks import parse_timestamp
from netlytics.data import NetworkData
from netlytics.errors import InputError, ParameterError
from netlytics.loaders._options import EARLIEST, LoadOptions
from netlytics.loaders.cohort import load_cohort

__all__ = ["load", "load_cohort", "LoadOptions", "FAMILIES", "family_of"]

PathLike = str | os.PathLike

_LINKEDIN, _MAIL, _TRACKER = (
    "netlytics.loaders.linkedin",
    "netlytics.loaders.mail",
    "netlytics.loaders.tracker",
)

#: The loader families, in sniff order (module names).
FAMILIES: tuple[str, ...] = ("netlytics.loaders.canonical", _LINKEDIN, _MAIL, _TRACKER)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def _family_load(name: str, path: Path, options: LoadOptions) -> NetworkData:
    return _module(name).load(path, options)


def family_of(path: Path) -> str:
    """The first family (module name) whose ``sniff`` accepts ``path``.

    Parameters
    ----------
    path
        A file or folder.

    Returns
    -------
    str

    Raises
    ------
    InputError
        When the path does not exist or no family recognises it.

    See Also
    --------
    load
    """
    path = Path(path)
    if not path.exists():
        raise InputError(
            f"No such file or folder: {str(path)!r}.",
            hint="Check the path; give a LinkedIn export (.zip or folder), a tracker (.xlsx/.csv) or a folder.",
        )
    for name in FAMILIES:
        if _module(name).sniff(path):
            return name
    if path.is_file() and path.suffix.lower() == ".zip":
        from netlytics.loaders import linkedin

        linkedin.find_files(path)  # raises the precise reason (not a zip, nested archives, limits...)
    if path.is_dir():
        listing = sorted(p.name for p in path.iterdir())[:10]
        raise InputError(
            f"{str(path)!r} is a folder but holds no LinkedIn export, tracker, mailbox or calendar; "
            f"found {listing}.",
            hint="Expected Connections.csv/messages.csv (an export), .xlsx/.csv trackers, an mbox, "
            ".ics or .vcf file or a Google Takeout. For a folder of clients use netlytics.load_cohort().",
        )
    raise InputError(
        f"{str(path)!r} is neither a LinkedIn export, a tracker, a mailbox nor a calendar "
        f"(suffix {path.suffix!r}).",
        hint="Expected a LinkedIn export (.zip, a folder or one of its .csv files), "
        "a tracker (.xlsx, .xls, .csv), an .mbox/.eml/.ics/.vcf file, a Google Takeout, "
        "or a folder written by netlytics.to_parquet().",
    )


def _options(seeker, mapping, tz, dayfirst, content, future_after, earliest, me, owner_url) -> LoadOptions:
    if me is None:
        me_t: tuple[str, ...] = ()
    elif isinstance(me, str):
        me_t = (me,)
    else:
        me_t = tuple(str(m) for m in me)
    if owner_url is not None and not isinstance(owner_url, str):
        raise ParameterError(f"owner_url must be a profile URL string; got {type(owner_url).__name__}.")
    return LoadOptions(
        seeker=seeker, mapping=mapping, tz=tz, dayfirst=dayfirst, content=bool(content),
        future_after=parse_timestamp("future_after", future_after) or pd.Timestamp.now(tz="UTC"),
        earliest=parse_timestamp("earliest", earliest) or EARLIEST,
        me=me_t, owner_url=owner_url,
    )  # fmt: skip


def _load_one(
    path: Path, name: str, options: LoadOptions, trackers: NetworkData | None = None
) -> list[NetworkData]:
    """The parts one path gives (a folder with an export and trackers gives several);
    ``trackers``: a folder's trackers, already loaded (see :func:`load_client`)."""
    from netlytics.loaders import merge

    if path.is_dir() and name == _LINKEDIN:
        return merge.split_mixed_folder(path, options, trackers=trackers)
    if trackers is not None and path.is_dir() and name == _TRACKER:
        return [trackers]
    return [_family_load(name, path, options)]


def _mail_beside(folder: Path) -> list[Path]:
    """Mailboxes, calendars, address books and Takeouts lying in a folder of exports or trackers:
    its files the mail family recognises, and its sub-folders that are one mailbox (a Maildir,
    an Apple Mail ``.mbox`` package, or an unpacked Google ``Takeout``). Other sub-folders (a
    client's folder, a sample's ``takeout/`` of zips) are not opened; symbolic links never."""
    mail = _module(_MAIL)
    found = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith((".", "~$")) or child.is_symlink():
            continue
        if child.is_dir():
            whole = (child / "cur").is_dir() or (child / "new").is_dir()
            whole = whole or child.suffix.lower() == ".mbox" or child.name == "Takeout"
            if whole and mail.sniff(child):
                found.append(child)
        elif mail.sniff(child):
            found.append(child)
    return found


def _expand(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each path with its family; a folder of several kinds also yields the mail sources beside
    its exports and trackers (a tracker folder holding an ``.ics`` is a tracker folder too)."""
    entries = []
    for path in paths:
        name = family_of(path)
        if path.is_dir() and name == _MAIL and _module(_TRACKER).sniff(path):
            name = _TRACKER
        entries.append((path, name))
        if path.is_dir() and name in (_LINKEDIN, _TRACKER):
            entries.extend((child, _MAIL) for child in _mail_beside(path))
    return entries


def _owner_emails(parts: list[NetworkData]) -> tuple[str, ...]:
    found = [p.owner.loc[p.owner["kind"] == "email", "value"].tolist() for p in parts if len(p.owner)]
    return tuple(dict.fromkeys(v for vs in found for v in vs))


def _load_all(
    entries: list[tuple[Path, str]], options: LoadOptions, trackers: NetworkData | None = None
) -> list[NetworkData]:
    """Every path's parts; families with ``NEEDS_OWNER`` last, told the owner's addresses."""
    later = [(p, n) for p, n in entries if getattr(_module(n), "NEEDS_OWNER", False)]
    parts: list[NetworkData] = []
    for p, n in entries:
        if (p, n) not in later:
            parts.extend(_load_one(p, n, options, trackers))
    if later:
        later_options = options.with_(me=tuple(dict.fromkeys(options.me + _owner_emails(parts))))
        for p, n in later:
            parts.extend(_load_one(p, n, later_options))
    return parts


def load(
    path: PathLike | Sequence[PathLike],
    *,
    seeker: str | None = None,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    content: bool = False,
    future_after=None,
    earliest=None,
    me: str | Sequence[str] | None = None,
    owner_url: str | None = None,
) -> NetworkData:
    """Load networking records from a path (or several paths of one seeker).

    Parameters
    ----------
    path
        A LinkedIn export (zip, unpacked folder, or one CSV from it), a tracker (.xlsx, .xls,
        .csv), a folder written by :func:`netlytics.to_parquet`, a folder holding an export
        and trackers, or a list of such paths (merged as one seeker's data).
    seeker
        The seeker's name. Default: the owner's name from the export (Profile.csv, else
        Invitations.csv), or the tracker's file name.
    mapping
        Header and value renames for free-form trackers (a dict or a JSON file path).
    tz
        Time zone of date-only and zone-less timestamps in trackers (default UTC).
    dayfirst
        How to read ambiguous dates such as 03/04/2025 in trackers. ``None`` (default) reports
        them as problems.
    content
        Load LinkedIn message bodies (off by default: no metric needs them).
    future_after
        Dates more than a day after this (default: the load time) are reported as problems.
        (Formerly ``as_of``.)
    earliest
        Dates before this (default 1 Jan 1990) are problems in trackers.
    me
        The seeker's own e-mail address(es), when the sources cannot tell them.
    owner_url
        The seeker's own LinkedIn profile URL, when the export cannot tell it (no Profile.csv,
        no URL columns in Invitations.csv, no URL in nearly every conversation).

    Returns
    -------
    NetworkData

    Raises
    ------
    InputError
        When a path does not exist or holds nothing netlytics reads.
    ParameterError
        When an option is malformed.

    See Also
    --------
    load_cohort, netlytics.loaders.linkedin.load_export
    """
    options = _options(seeker, mapping, tz, dayfirst, content, future_after, earliest, me, owner_url)
    if isinstance(path, (str, os.PathLike)):
        paths = [Path(path).expanduser()]
    else:
        paths = [Path(p).expanduser() for p in path]
        if not paths:
            raise InputError("load() was given an empty list of paths.")
    return _load_paths(paths, options, seeker)


def _load_prepared(folder: Path, options: LoadOptions, trackers: NetworkData) -> NetworkData:
    """A cohort client's folder as :func:`load` loads it, its trackers already loaded.

    Parameters
    ----------
    folder
        A folder of trackers, or of an export plus workbooks, without symbolic links or mail.
    options
        The checked options (``options.seeker`` names the client).
    trackers
        The folder's tracker files loaded as one tracker (:mod:`.tracker.batch`).

    Returns
    -------
    NetworkData
        What ``load(folder, seeker=options.seeker, ...)`` returns.

    See Also
    --------
    load_cohort : its user.
    """
    return _load_paths([folder], options, options.seeker, trackers)


def _load_paths(
    paths: list[Path], options: LoadOptions, seeker: str | None, trackers: NetworkData | None = None
) -> NetworkData:
    """:func:`load` once its options are checked."""
    entries = _expand(paths)
    parts = _load_all(entries, options, trackers)
    if len(parts) == 1:
        data = parts[0]
    else:
        from netlytics.loaders import merge

        data = merge.merge_sources(parts, seeker=seeker)
    for name in dict.fromkeys(n for _, n in entries):
        hook = getattr(_module(name), "after_merge", None)
        if hook is not None:
            data = hook(data, options)
    return data
