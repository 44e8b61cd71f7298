"""Trackers written by people: workbooks (.xlsx, .xlsm, .xls) and CSV files.

A loader family (``sniff(path)``, ``load(path, options)``) in parts, by purpose:

- :mod:`.discovery`: which files are trackers (and which are LinkedIn export files), which
  table each sheet holds;
- :mod:`.mapping`: the ``mapping=`` and the alias table, header -> column, value -> value;
- :mod:`.sheets`: reading workbooks (bounded by :mod:`.extent`, streamed) and CSV files into
  raw cells;
- :mod:`.tables` (with :mod:`.people` and :mod:`.problems`): contacts, interactions and
  applications rows, and one problem row per bad input row; :mod:`.assemble` runs them for one
  seeker, :mod:`.batch` for many one-file clients of a cohort at once.

How a tracker is read is explained for coaches in docs/trackers.md: sheets and their tables,
the header row (the first of the first 10 rows naming two known columns), headers through the
mapping then :data:`netlytics.aliases.HEADER_ALIASES`, blank rows skipped, values through the
mapping, the canonical vocabulary and :data:`netlytics.aliases.VALUE_ALIASES`, defaults (counted
in a note), people resolved by URL, e-mail then name, ids, dates
(:mod:`netlytics.loaders.dates`; more than a day after ``future_after`` or before ``earliest`` is a
problem) and the removal of one anti-formula apostrophe before ``= + - @``, tab or CR. For every
sheet, rows read = loaded + problems.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from netlytics._checks import check_choice, parse_timestamp
from netlytics.data import NetworkData
from netlytics.errors import InputError
from netlytics.loaders._base import Builder, refuse_links
from netlytics.loaders._options import EARLIEST, LoadOptions
from netlytics.loaders.tracker.assemble import build, declared_seekers
from netlytics.loaders.tracker.discovery import (
    SUFFIXES,
    is_linkedin_file,
    is_tracker_file,
    linked_files,
    sniff,
    tracker_files,
)
from netlytics.loaders.tracker.mapping import TABLE_NAMES, read_mapping
from netlytics.loaders.tracker.tables import Ctx

__all__ = [
    "SUFFIXES",
    "TABLE_NAMES",
    "sniff",
    "load",
    "is_linkedin_file",
    "is_tracker_file",
    "tracker_files",
    "linked_files",
    "read_mapping",
    "load_tracker",
    "load_files",
    "declared_seekers",
]

PathLike = str | os.PathLike


def _future_after(value) -> pd.Timestamp:
    if value is None:  # the one place netlytics reads the clock
        return pd.Timestamp.now(tz="UTC").as_unit("ns")
    return parse_timestamp("future_after", value).as_unit("ns")


def make_ctx(seeker: str | None, mapping, tz: str, dayfirst, future_after, earliest) -> Ctx:
    """The context of one tracker load: checked options, a builder, no people yet.

    Parameters
    ----------
    seeker
        The default seeker.
    mapping, tz, dayfirst, future_after, earliest
        As in :func:`load_tracker`.

    Returns
    -------
    Ctx

    Raises
    ------
    MappingError, ParameterError
        A malformed mapping or option.

    See Also
    --------
    load_files : its user.
    """
    mapping = read_mapping(mapping)
    check_choice("dayfirst", dayfirst, [None, True, False])
    low = None if earliest is None else parse_timestamp("earliest", earliest)
    return Ctx(Builder(seeker=seeker), mapping, tz, dayfirst, _future_after(future_after), low, seeker)


def load_files(
    files: Sequence[Path],
    *,
    seeker: str,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    future_after=None,
    earliest=EARLIEST,
    refused: Sequence[Path] = (),
    as_of=None,
) -> NetworkData:
    """Load several tracker files as one seeker's tracker (a folder of CSVs, a mixed folder).

    Contacts sheets of every file are read first, so an interaction in one file can name a
    contact listed in another.

    Parameters
    ----------
    files
        Tracker files (from :func:`tracker_files`).
    seeker
        The default seeker (a filled ``seeker`` column wins).
    mapping, tz, dayfirst, future_after, earliest
        As in :func:`load_tracker`.
    refused
        Symbolic links found beside the files (from :func:`linked_files`): each becomes a
        one-row problem and is not read.
    as_of
        The former name of ``future_after`` (kept for callers not yet renamed).

    Returns
    -------
    NetworkData

    Raises
    ------
    FormatError
        No sheet of the files is a tracker table, or a file cannot be read.
    ParameterError
        A bad ``dayfirst``, ``future_after``, ``earliest`` or ``tz``.

    See Also
    --------
    load_tracker : one file or folder.
    """
    ctx = make_ctx(seeker, mapping, tz, dayfirst, future_after or as_of, earliest)
    refuse_links(ctx.b, refused)
    return build([Path(f) for f in files], ctx)


def load_tracker(
    path: PathLike,
    *,
    seeker: str | None = None,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    future_after=None,
    earliest=EARLIEST,
    as_of=None,
) -> NetworkData:
    """Load a tracker written by a person: a workbook, a CSV, or a folder of them.

    Parameters
    ----------
    path
        An .xlsx/.xlsm/.xls workbook, a .csv file (one table; interactions unless its headers
        say otherwise), or a folder of such files (one seeker).
    seeker
        The seeker's name. Default: a filled ``seeker`` column, else the file stem or folder name.
    mapping
        Header renames and value maps: a dict or a JSON file (:func:`read_mapping`).
    tz
        Time zone of dates and times written without one (default UTC).
    dayfirst
        How to read numeric dates that could be either order (03/04/2025). ``None``: a problem.
    future_after
        Dates more than a day after this are problems. Default: the time of loading (this
        loader reads the clock, the metrics never do).
    earliest
        Dates before this are problems (default 1 Jan 1990; None: no lower bound).
    as_of
        The former name of ``future_after``.

    Returns
    -------
    NetworkData
        Contacts, interactions and applications with ``origin="tracker"``; every row that did
        not load is in ``problems``; ``sources`` has one row per sheet.

    Raises
    ------
    InputError
        The path does not exist or is not a tracker.
    FormatError
        No sheet is a tracker table, or the file cannot be read.
    MappingError
        A malformed mapping.

    See Also
    --------
    netlytics.load : any source, recognised by its family.
    read_mapping : the mapping's shape.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ana.csv").write_text(
    ...     "Date,Who,How,What\\n2025-01-06,Bo Li,coffee,\\n2025-01-07,Bo Li,e-mail,thank you\\n"
    ...     "2025-01-08,,zoom,\\n")
    >>> data = load_tracker(folder / "ana.csv", future_after="2025-02-01")
    >>> data.interactions[["contact_id", "channel", "direction", "kind"]]
      contact_id   channel direction       kind
    0  name:bo li in_person  outbound    meeting
    1  name:bo li     email  outbound  thank_you
    >>> data.problems[["source_row", "column", "reason"]].to_dict("records")
    [{'source_row': 4, 'column': 'contact', 'reason': 'missing contact: say who it was with (a name, email or profile URL)'}]
    """
    files, refused, default = _files_of(Path(path))
    return load_files(
        files,
        seeker=seeker or default,
        mapping=mapping,
        tz=tz,
        dayfirst=dayfirst,
        future_after=future_after or as_of,
        earliest=earliest,
        refused=refused,
    )


def _files_of(p: Path) -> tuple[list[Path], list[Path], str]:
    """The tracker files of a path, the links refused beside them, and the default seeker."""
    if not p.exists():
        raise InputError(f"No such file or folder: {str(p)!r}.")
    if p.is_dir():
        files, refused = tracker_files(p), linked_files(p)
        if not files:
            links = f" ({len(refused)} symbolic link(s) are not followed: {[q.name for q in refused][:5]})"
            raise InputError(
                f"{str(p)!r} holds no tracker (.xlsx, .xlsm, .xls or .csv that is not a LinkedIn export file)"
                f"{links if refused else ''}."
            )
        return files, refused, p.name
    if p.suffix.lower() not in SUFFIXES:
        raise InputError(
            f"{p.name!r} is not a tracker: expected .xlsx, .xlsm, .xls or .csv; got {p.suffix!r}."
        )
    return [p], [], p.stem


def load(path: Path, options: LoadOptions) -> NetworkData:
    """The family interface: load a tracker file or folder with the caller's options.

    Parameters
    ----------
    path
        A tracker file or a folder of them.
    options
        :class:`~netlytics.loaders._options.LoadOptions` (seeker, mapping, tz, dayfirst,
        future_after and earliest are used).

    Returns
    -------
    NetworkData

    Raises
    ------
    InputError, FormatError, MappingError, ParameterError
        As :func:`load_tracker`.

    See Also
    --------
    load_tracker : the same, with keyword arguments.
    """
    return load_tracker(
        path,
        seeker=options.seeker,
        mapping=options.mapping,
        tz=options.tz,
        dayfirst=options.dayfirst,
        future_after=options.future_after,
        earliest=options.earliest,
    )
