"""A coach's folder of clients: one seeker per client file or client sub-folder.

- A file (a tracker workbook or CSV, or a LinkedIn export zip) is one client, named after the file
  stem; a sub-folder is one client named after the folder, and may hold an export (zipped or
  unpacked) plus trackers, merged as in :func:`netlytics.load`.
- A ``seeker`` column filled in a tracker wins over the file or folder name. An export inside a
  client's folder is named after the folder too (the coach's name for the client), not after the
  export's Profile.csv.
- A file that cannot be read (corrupt, password-protected, no tracker sheet) becomes one
  file-level row in ``problems`` (counted as one row read and one problem in ``sources``) and the
  other clients load.
- Other files (README.txt, .DS_Store, lock files) are skipped and listed in a note (topic
  ``skipped``).
- A symbolic link (to a client file or folder) is never followed: it becomes a one-row problem
  naming its target, like an unreadable file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import InputError, NetlyticsError
from netlytics.loaders._base import Builder, issue_frame, link_reason
from netlytics.loaders._options import EARLIEST

__all__ = ["load_cohort"]

PathLike = str | os.PathLike


def _client_entries(folder: Path) -> tuple[list[Path], list[str]]:
    """The client files and sub-folders of ``folder``, and the names of the other files."""
    clients, skipped = [], []
    for p in sorted(folder.iterdir(), key=lambda q: q.name.lower()):
        if p.name.startswith((".", "~$")) or p.name == "__MACOSX":
            skipped.append(p.name)
        elif p.is_dir() or _is_client_file(p):
            clients.append(p)
        else:
            skipped.append(p.name)
    return clients, skipped


def _is_client_file(path: Path) -> bool:
    """A file some loader family reads (a tracker, an export zip, a mailbox, a calendar...)."""
    from netlytics.loaders import tracker

    if path.suffix.lower() in (".zip", *tracker.SUFFIXES):
        return True
    return path.suffix.lower() not in (".txt", ".md", ".pdf", ".docx", ".json") and _sniffed(path)


def _sniffed(path: Path) -> bool:
    """True when a loader family other than the tracker's recognises the file (mail, calendar)."""
    try:
        from netlytics.loaders import mail
    except ImportError:
        return False
    return bool(mail.sniff(path))


_OPTION_KEYS = ("mapping", "tz", "dayfirst", "content", "future_after", "earliest", "me", "owner_url")


def load_one(path: Path, seeker: str, opts: dict, trackers: NetworkData | None = None) -> NetworkData:
    """One client path through :func:`netlytics.load` (every loader family applies);
    ``trackers``: a client folder's trackers, already loaded with other clients' trackers."""
    from netlytics.loaders import _load_prepared, _options, load

    if trackers is None:
        return load(path, seeker=seeker, **opts)
    return _load_prepared(path, _options(seeker, *(opts[k] for k in _OPTION_KEYS)), trackers)


def _load_client(path: Path, opts: dict, trackers: NetworkData | None = None) -> NetworkData:
    from netlytics.loaders import tracker

    name = path.stem if path.is_file() else path.name
    data = load_one(path, name, opts, trackers)
    # a filled `seeker` column in the client's tracker names the client (the export's Profile
    # name does not: the coach's folder name stays the key, so export and tracker agree)
    named = tracker.declared_seekers(data.notes) - {name}
    if len(named) == 1 and path.is_dir():
        data = _renamed(data, name, named.pop())
    return data


def _renamed(data: NetworkData, old: str, new: str) -> NetworkData:
    from netlytics.data import TABLE_NAMES

    tables = {}
    for t in TABLE_NAMES:
        df = getattr(data, t)
        tables[t] = df.assign(seeker=df["seeker"].mask(df["seeker"] == old, new))
    return data.replace(**tables)


def _failure(path: Path, err: Exception) -> NetworkData:
    name = path.stem if path.is_file() else path.name
    b = Builder(seeker=name)
    b.read(path.name, None, 1)
    msg = " ".join(str(err).split())
    b.problem(
        issue_frame(source=path.name, reason=f"the file could not be loaded: {msg}", seeker=name),
        table=None,
        rows_count=1,
    )
    return b.build()


def load_cohort(
    folder: PathLike,
    *,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    content: bool = False,
    future_after=None,
    earliest=EARLIEST,
    me: str | Sequence[str] | None = None,
    owner_url: str | None = None,
    progress: bool | None = None,
    as_of=None,
) -> NetworkData:
    """Load a coach's folder of clients as one container with one seeker per client.

    Parameters
    ----------
    folder
        One file per client (a tracker, an export zip, any source :func:`netlytics.load` reads)
        and/or one sub-folder per client (an export plus trackers and other sources).
    mapping, tz, dayfirst, content, future_after, earliest, me, owner_url
        As in :func:`netlytics.load`, applied to every client.
    progress
        A transient progress bar of clients loaded (:mod:`netlytics.progress`: rich in a
        terminal, a transient line in a notebook, nothing in a pipe): ``None`` (default) once
        loading takes a moment, ``True`` from the start, ``False`` never.
    as_of
        The former name of ``future_after``.

    Returns
    -------
    NetworkData
        Every client's tables stacked; unreadable files are rows in ``problems``; skipped files
        are listed in ``notes`` (topic ``skipped``).

    Raises
    ------
    InputError
        ``folder`` is not a folder.
    MappingError
        A malformed mapping (checked once, before any client).

    See Also
    --------
    netlytics.load : one seeker's sources.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ana.csv").write_text("Date,Who,How\\n2025-01-06,Bo Li,coffee\\n")
    >>> _ = (folder / "cy.csv").write_text("Date,Who,How\\n2025-01-07,Di Ng,zoom\\n")
    >>> _ = (folder / "README.txt").write_text("client notes")
    >>> data = load_cohort(folder, future_after="2025-02-01", progress=False)
    >>> data.seekers, data.notes.loc[data.notes["topic"] == "skipped", "note"].tolist()
    (['ana', 'cy'], ['Skipped 1 file(s) that are not client data: README.txt.'])
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():  # checked before any client
        raise InputError(
            f"load_cohort() needs a folder of clients; {str(folder)!r} is not a folder.",
            hint="For one client's files use netlytics.load().",
        )
    from netlytics.loaders.tracker import read_mapping

    opts = dict(mapping=read_mapping(mapping), tz=tz, dayfirst=dayfirst, content=content)
    opts.update(future_after=future_after or as_of, earliest=earliest, me=me, owner_url=owner_url)
    clients, skipped = _client_entries(folder)
    data = _load_clients(clients, opts, show=progress is not False, always=bool(progress))
    return _note_skipped(data, folder, skipped) if skipped else data


def _note_skipped(data: NetworkData, folder: Path, skipped: list[str]) -> NetworkData:
    """``data`` with a ``skipped`` note naming the folder's files that are not client data."""
    note = pd.DataFrame(
        {
            "seeker": [None],
            "source": [str(folder.name)],
            "topic": ["skipped"],
            "note": [f"Skipped {len(skipped)} file(s) that are not client data: {', '.join(skipped)}."],
        }
    )
    return data.replace(notes=pd.concat([data.notes, note], ignore_index=True))


def _load_one_client(path: Path, opts: dict, trackers: NetworkData | None = None) -> NetworkData:
    """One client, or its failure as a one-row problem (the other clients still load)."""
    try:
        if path.is_symlink():  # never followed: it could point at any file on the machine
            raise InputError(link_reason(path))
        return _load_client(path, opts, trackers)
    except (NetlyticsError, OSError, UnicodeError) as err:
        return _failure(path, err)


class _Bar:
    """A transient bar over the clients (:func:`netlytics.progress.track`: rich in a terminal,
    a transient line in a notebook, nothing elsewhere), started once loading takes half a second
    (at once when ``always``)."""

    def __init__(self, total: int, *, show: bool, always: bool) -> None:
        self.total, self.show, self.always = total, show, always
        self.bar = None
        self.done = 0
        self.start = time.monotonic()

    def __call__(self, path: Path, verb: str = "Reading") -> None:
        if self.show and self.bar is None and (self.always or time.monotonic() - self.start > 0.5):
            from netlytics import progress

            self.bar = progress.track(range(self.total + 1), "Loading clients", total=self.total)
            for _ in range(self.done + 1):  # the clients already done
                next(self.bar)
        self.done += 1
        if self.bar is not None:
            next(self.bar, None)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.close()  # erases the bar, also when loading was interrupted


def _batchable(path: Path) -> list[Path] | None:
    """The tracker files of a client that joins the tracker groups (tracker.batch): a one-file
    tracker client, or the trackers of a client's folder (a folder of trackers, or an export
    plus workbooks) without symbolic links or mail, as :func:`netlytics.load` would read them."""
    from netlytics.loaders import _LINKEDIN, _TRACKER, _mail_beside, family_of, merge, tracker
    from netlytics.loaders.tracker.discovery import WORKBOOKS

    if path.is_symlink() or not (path.is_dir() or path.suffix.lower() in tracker.SUFFIXES):
        return None
    try:
        family = family_of(path)
        if path.is_file():
            return [path] if family == _TRACKER else None
        if any(p.is_symlink() for p in path.iterdir()) or _mail_beside(path):
            return None
        if family == _TRACKER:
            return tracker.tracker_files(path) or None
        files = merge._tracker_candidates(path) if family == _LINKEDIN else []
    except (NetlyticsError, OSError):
        return None
    return files if files and all(f.suffix.lower() in WORKBOOKS for f in files) else None


Batched = tuple[NetworkData, dict]


def _batched(clients: list[Path], opts: dict, tick) -> tuple[dict[int, Batched], dict[int, NetworkData]]:
    """The tracker clients loaded in groups: client number -> (group data, row keys) for
    one-file clients; client number -> its trackers for client folders."""
    from netlytics.loaders import _options, tracker
    from netlytics.loaders.tracker import batch

    def ctx_of():  # the options exactly as each client's own load checks them
        return tracker.make_ctx(None, o.mapping, o.tz, o.dayfirst, o.future_after, o.earliest)

    try:
        o = _options(None, *(opts[k] for k in _OPTION_KEYS))
        mapping = ctx_of().mapping
    except NetlyticsError:  # each client's own load reports the bad option
        return {}, {}
    todo = []
    for i, p in enumerate(clients):  # a loop over clients, not rows
        files = _batchable(p)
        if files is not None:
            todo.append(batch.Client(i, p, p.stem if p.is_file() else p.name, files=files))
    folders = {c.key for c in todo if c.path.is_dir()}
    done, own = {}, {}
    for data, keys in batch.load_clients(todo, ctx_of, mapping, tick=tick):
        (data, keys), mine = _split(data, keys, folders)
        own.update(mine)
        present = [v for v in keys.values() if len(v)]
        for k in np.unique(np.concatenate(present)) if present else ():
            done[int(k)] = (data, keys)
    return done, own


def _split(data: NetworkData, keys: dict, folders: set[int]) -> tuple[Batched, dict[int, NetworkData]]:
    """A group's rows of client folders apart (each folder's trackers), and the other rows."""
    here = sorted(folders & {int(k) for v in keys.values() for k in np.unique(v)})
    if not here:
        return (data, keys), {}
    rest, rest_keys, own = {}, {}, {k: {} for k in here}
    for name in _tables():
        df, k = getattr(data, name), keys.get(name, np.zeros(0, dtype="int64"))
        for key in here:
            own[key][name] = df[k == key].reset_index(drop=True)
        keep = ~np.isin(k, here)
        rest[name], rest_keys[name] = df[keep].reset_index(drop=True), k[keep]
    return (NetworkData(**rest), rest_keys), {key: NetworkData(**t) for key, t in own.items()}


def _stack(parts: list[tuple[NetworkData, dict]]) -> NetworkData:
    """Stack data whose rows carry client numbers, ordered by client (stable)."""
    from netlytics.data import TABLE_NAMES

    tables = {}
    for name in TABLE_NAMES:
        got = [(getattr(d, name), keys.get(name)) for d, keys in parts if len(getattr(d, name))]
        if not got:
            continue
        order = np.argsort(np.concatenate([k for _, k in got]), kind="stable")
        tables[name] = pd.concat([f for f, _ in got], ignore_index=True).take(order).reset_index(drop=True)
    return NetworkData(**tables)


def _load_clients(
    clients: list[Path], opts: dict, *, show: bool, always: bool, batch: bool = True
) -> NetworkData:
    """Every client: one-file trackers in groups (``batch``), the others each in turn."""
    bar = _Bar(len(clients), show=show, always=always)
    ticked: set[Path] = set()

    def tick(path: Path) -> None:
        ticked.add(path)
        bar(path)

    try:
        done, own = _batched(clients, opts, tick) if batch else ({}, {})
        parts, seen = [], set()
        for i, path in enumerate(clients):  # a loop over client files, not rows
            if i in done:
                if id(done[i][0]) not in seen:
                    seen.add(id(done[i][0]))
                    parts.append(done[i])
                continue
            if path not in ticked:
                bar(path, "Loading")
            data = _load_one_client(path, opts, own.get(i))
            parts.append((data, {t: np.full(len(getattr(data, t)), i) for t in _tables()}))
    finally:
        bar.stop()
    return _stack(parts)


def _tables() -> tuple[str, ...]:
    from netlytics.data import TABLE_NAMES

    return TABLE_NAMES
