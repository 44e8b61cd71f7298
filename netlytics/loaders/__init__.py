"""Loaders: files in, :class:`~netlytics.data.NetworkData` out.

:func:`load` recognises what a path is and hands it to the loader that knows the format:

- a LinkedIn "Download your data" export (zip, folder, or one file from it): :mod:`.linkedin`;
- a tracker workbook or CSV written by a person (canonical or free-form): :mod:`.tracker`;
- canonical tables written by :func:`netlytics.to_parquet`: :mod:`.canonical`;
- a list of those, or a folder holding an export plus a tracker: merged for one seeker.

Cohorts (a folder of clients) are loaded with :func:`load_cohort`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from netlytics.data import NetworkData
from netlytics.errors import InputError

__all__ = ["load", "load_cohort"]

PathLike = str | os.PathLike


def _kind(path: Path) -> str:
    """Which loader handles ``path``: 'linkedin', 'tracker', 'canonical' or 'mixed'."""
    from netlytics.loaders import canonical, linkedin, merge, tracker

    if not path.exists():
        raise InputError(
            f"No such file or folder: {str(path)!r}.",
            hint="Check the path; give a LinkedIn export (.zip or folder), a tracker (.xlsx/.csv) or a folder.",
        )
    if canonical.sniff(path):
        return "canonical"
    is_li = linkedin.sniff(path)
    is_tr = tracker.sniff(path)
    if path.is_dir():
        # an export may also sit beside the trackers as a zip or an unpacked sub-folder, or as a
        # zip in a sub-folder (a symbolic link is not opened: the mixed-folder loader reports it)
        nested = bool(merge.nested_exports(path)) or any(
            (p.is_dir() or p.suffix.lower() == ".zip") and p.is_symlink()
            for p in path.iterdir()
            if not p.name.startswith((".", "~$"))
        )
        if (is_li and is_tr) or nested:
            return "mixed"
    if is_li:
        return "linkedin"
    if is_tr:
        return "tracker"
    if path.is_file() and path.suffix.lower() == ".zip":
        linkedin.find_files(path)  # raises the precise reason (not a zip, nested archives, limits...)
    if path.is_dir():
        listing = sorted(p.name for p in path.iterdir())[:10]
        raise InputError(
            f"{str(path)!r} is a folder but holds neither a LinkedIn export nor a tracker; found {listing}.",
            hint="Expected Connections.csv/messages.csv (an export) or .xlsx/.csv trackers. "
            "For a folder of clients use netlytics.load_cohort().",
        )
    raise InputError(
        f"{str(path)!r} is neither a LinkedIn export nor a tracker (suffix {path.suffix!r}).",
        hint="Expected a LinkedIn export (.zip, a folder or one of its .csv files), "
        "a tracker (.xlsx, .xls, .csv) or a folder written by netlytics.to_parquet().",
    )


def load(
    path: PathLike | Sequence[PathLike],
    *,
    seeker: str | None = None,
    mapping: dict | PathLike | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    content: bool = False,
    as_of=None,
) -> NetworkData:
    """Load networking records from a path (or several paths of one seeker).

    Parameters
    ----------
    path
        A LinkedIn export (zip, unpacked folder, or one CSV from it), a tracker (.xlsx, .xls,
        .csv), a folder written by :func:`netlytics.to_parquet`, a folder holding an export
        and a tracker, or a list of such paths (merged as one seeker's data).
    seeker
        The seeker's name. Default: the owner's name from the export's ``Profile.csv``, or
        the tracker's file name.
    mapping
        Header and value renames for free-form trackers (a dict or a JSON file path); see
        :func:`netlytics.loaders.tracker.load_tracker`.
    tz
        Time zone of date-only and zone-less timestamps in trackers (default UTC).
    dayfirst
        How to read ambiguous dates such as 03/04/2025 in trackers. ``None`` (default) reports
        them as problems.
    content
        Load LinkedIn message bodies (off by default: no metric needs them).
    as_of
        Dates more than a day after this (default: the load time) are reported as problems.

    Returns
    -------
    NetworkData
    """
    from netlytics.loaders import canonical, linkedin, merge, tracker

    if isinstance(path, (str, os.PathLike)):
        paths = [Path(path)]
    else:
        paths = [Path(p) for p in path]
        if not paths:
            raise InputError("load() was given an empty list of paths.")
    parts = []
    for p in paths:
        kind = _kind(p)
        if kind == "canonical":
            parts.append(canonical.load_parquet(p))
        elif kind == "linkedin":
            parts.append(linkedin.load_export(p, seeker=seeker, content=content))
        elif kind == "tracker":
            parts.append(
                tracker.load_tracker(p, seeker=seeker, mapping=mapping, tz=tz, dayfirst=dayfirst, as_of=as_of)
            )
        else:  # mixed folder: the export and every tracker beside it
            parts.extend(
                merge.split_mixed_folder(
                    p, seeker=seeker, mapping=mapping, tz=tz, dayfirst=dayfirst, content=content, as_of=as_of
                )
            )
    if len(parts) == 1:
        return parts[0]
    return merge.merge_sources(parts, seeker=seeker)


def load_cohort(folder: PathLike, **kwargs) -> NetworkData:
    """Load a coach's folder of clients: one seeker per client file or sub-folder.

    See :func:`netlytics.loaders.cohort.load_cohort` for the details and parameters.
    """
    from netlytics.loaders import cohort

    return cohort.load_cohort(folder, **kwargs)
