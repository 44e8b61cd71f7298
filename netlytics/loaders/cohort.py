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
import sys
import time
from pathlib import Path

import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import InputError, NetlyticsError
from netlytics.loaders._base import Builder, issue_frame, link_reason

__all__ = ["load_cohort"]

PathLike = str | os.PathLike


def _client_entries(folder: Path) -> tuple[list[Path], list[str]]:
    from netlytics.loaders import tracker

    clients, skipped = [], []
    for p in sorted(folder.iterdir(), key=lambda q: q.name.lower()):
        if p.name.startswith(".") or p.name.startswith("~$") or p.name == "__MACOSX":
            skipped.append(p.name)
        elif p.is_dir() or p.suffix.lower() == ".zip" or p.suffix.lower() in tracker.SUFFIXES:
            clients.append(p)
        else:
            skipped.append(p.name)
    return clients, skipped


def _load_client(path: Path, *, mapping, tz, dayfirst, as_of) -> NetworkData:
    from netlytics.loaders import linkedin, merge, tracker

    name = path.stem if path.is_file() else path.name
    if path.is_file():
        if path.suffix.lower() == ".zip":
            return linkedin.load_export(path, seeker=name)
        return tracker.load_files([path], seeker=name, mapping=mapping, tz=tz, dayfirst=dayfirst, as_of=as_of)
    parts = merge.split_mixed_folder(
        path, seeker=name, mapping=mapping, tz=tz, dayfirst=dayfirst, content=False, as_of=as_of
    )
    if not parts:
        raise InputError(f"{path.name!r} holds neither a LinkedIn export nor a tracker.")
    # a filled `seeker` column in the client's tracker names the client (the export's Profile
    # name does not: the coach's folder name stays the key, so export and tracker agree)
    named = {s for part in parts for s in part.seekers} - {name}
    if len(named) == 1:
        name = named.pop()
    return parts[0] if len(parts) == 1 else merge.merge_sources(parts, seeker=name)


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
    as_of=None,
    progress: bool | None = None,
) -> NetworkData:
    """Load a coach's folder of clients as one container with one seeker per client.

    Parameters
    ----------
    folder
        A folder holding one tracker file or export zip per client, and/or one sub-folder per
        client (an export, unpacked or zipped, plus trackers).
    mapping, tz, dayfirst, as_of
        As in :func:`netlytics.loaders.tracker.load_tracker`, applied to every client (a coach
        can share one mapping file across clients).
    progress
        Show a transient progress bar: ``None`` (default) when stderr is a terminal and the load
        takes more than a moment, ``True`` always, ``False`` never.

    Returns
    -------
    NetworkData
        Every client's tables stacked; unreadable files are rows in ``problems``; skipped files
        are listed in ``notes`` (topic ``skipped``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ana.csv").write_text("Date,Who,How\\n2025-01-06,Bo Li,coffee\\n")
    >>> _ = (folder / "cy.csv").write_text("Date,Who,How\\n2025-01-07,Di Ng,zoom\\n")
    >>> _ = (folder / "README.txt").write_text("client notes")
    >>> data = load_cohort(folder, as_of="2025-02-01", progress=False)
    >>> data.seekers, data.notes.loc[data.notes["topic"] == "skipped", "note"].tolist()
    (['ana', 'cy'], ['Skipped 1 file(s) that are not client data: README.txt.'])
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            f"load_cohort() needs a folder of clients; {str(folder)!r} is not a folder.",
            hint="For one client's files use netlytics.load().",
        )
    from netlytics.loaders.tracker import read_mapping

    mapping = read_mapping(mapping)  # check once, before any client
    clients, skipped = _client_entries(folder)
    show = progress if progress is not None else sys.stderr.isatty()
    parts: list[NetworkData] = []
    bar = None
    task = None
    start = time.monotonic()
    try:
        for i, path in enumerate(clients):
            if show and bar is None and (progress or time.monotonic() - start > 0.5):
                from rich.progress import Progress

                bar = Progress(transient=True)
                bar.start()
                task = bar.add_task("Loading clients", total=len(clients), completed=i)
            if bar is not None:
                bar.update(task, description=f"Loading {path.name}")
            try:
                if path.is_symlink():  # never followed: it could point at any file on the machine
                    raise InputError(link_reason(path))
                parts.append(_load_client(path, mapping=mapping, tz=tz, dayfirst=dayfirst, as_of=as_of))
            except (NetlyticsError, OSError, UnicodeError) as err:
                parts.append(_failure(path, err))
            if bar is not None:
                bar.advance(task)
    finally:
        if bar is not None:
            bar.stop()
    data = NetworkData.concat(parts)
    if skipped:
        note = pd.DataFrame(
            {
                "seeker": [None],
                "source": [str(folder.name)],
                "topic": ["skipped"],
                "note": [f"Skipped {len(skipped)} file(s) that are not client data: {', '.join(skipped)}."],
            }
        )
        data = data.replace(notes=pd.concat([data.notes, note], ignore_index=True))
    return data
