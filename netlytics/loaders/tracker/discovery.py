"""Discovery: which files are trackers, and which table each sheet holds.

A tracker is a workbook (``.xlsx``, ``.xlsm``, ``.xls``) or a CSV file that is not part of a
LinkedIn export (:func:`is_linkedin_file`). Inside a tracker, each sheet (or the CSV file itself)
is one table, told by :func:`detect_table`: the mapping's ``table``, else the sheet name, else
its headers (docs/trackers.md, section 2).
"""

from __future__ import annotations

from pathlib import Path

from netlytics import aliases
from netlytics.data import TABLE_NAMES as CONTAINER_TABLES
from netlytics.loaders.linkedin import catalogue
from netlytics.loaders.tracker.mapping import TABLE_NAMES, header_target

__all__ = [
    "SUFFIXES",
    "WORKBOOKS",
    "is_linkedin_file",
    "is_tracker_file",
    "tracker_files",
    "linked_files",
    "sniff",
    "detect_table",
]

#: File suffixes read as trackers.
SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".csv")
#: The workbook suffixes among them.
WORKBOOKS: tuple[str, ...] = (".xlsx", ".xlsm", ".xls")


def is_linkedin_file(path: Path) -> bool:
    """True when ``path`` is a file of a LinkedIn export (by its name, or its first bytes).

    This is the one place the tracker loader tells an export file from a tracker CSV; it asks
    the LinkedIn file catalogue (:func:`netlytics.loaders.linkedin.catalogue.is_export_file`):
    a name LinkedIn has shipped (numbered copies included), LinkedIn's address book
    ``Contacts.csv`` (told by its header), or a file starting with ``Notes:``. Only the first
    4 KiB are read.

    Parameters
    ----------
    path
        A file path (a missing or unreadable file is not an export file).

    Returns
    -------
    bool
        Whether the file belongs to an export (and so is no tracker).

    See Also
    --------
    netlytics.loaders.linkedin.catalogue.is_export_path : the test applied.

    Examples
    --------
    >>> is_linkedin_file(Path("Connections.csv")), is_linkedin_file(Path("my-log.csv"))
    (True, False)
    """
    return catalogue.is_export_path(Path(path))


def is_tracker_file(path: Path) -> bool:
    """True for a workbook, or a CSV file that is not part of a LinkedIn export.

    Spreadsheet lock files (``~$name.xlsx``) and hidden files are not trackers.

    Parameters
    ----------
    path
        A file path (it need not exist: a missing CSV is judged by its name).

    Returns
    -------
    bool
        Whether the tracker loader reads it.

    See Also
    --------
    is_linkedin_file : the CSV files turned away.

    Examples
    --------
    >>> is_tracker_file(Path("clients/ana.xlsx")), is_tracker_file(Path("~$ana.xlsx"))
    (True, False)
    """
    path = Path(path)
    if path.name.startswith(("~$", ".")) or path.suffix.lower() not in SUFFIXES:
        return False
    if path.suffix.lower() == ".csv":
        return not path.exists() or not is_linkedin_file(path)
    return True


def tracker_files(folder: Path) -> list[Path]:
    """The tracker files directly inside ``folder``, sorted by name.

    Symbolic links are excluded (see :func:`linked_files`).

    Parameters
    ----------
    folder
        A client's or seeker's folder.

    Returns
    -------
    list of pathlib.Path
        Regular files only, sorted by name.

    See Also
    --------
    linked_files : the links beside them.
    """
    return sorted(
        (p for p in Path(folder).iterdir() if not p.is_symlink() and p.is_file() and is_tracker_file(p)),
        key=lambda p: p.name,
    )


def linked_files(folder: Path) -> list[Path]:
    """Symbolic links directly inside ``folder`` named like a tracker.

    They are never followed (a link could point at any file on the machine): loaders report
    each as a problem. Only the link's name is looked at, never its target.

    Parameters
    ----------
    folder
        A folder.

    Returns
    -------
    list of pathlib.Path

    See Also
    --------
    netlytics.loaders._base.refuse_links : the problem each link becomes.
    """
    return sorted(
        (
            p
            for p in Path(folder).iterdir()
            if p.is_symlink() and not p.name.startswith(("~$", ".")) and p.suffix.lower() in SUFFIXES
        ),
        key=lambda p: p.name,
    )


def sniff(path: Path) -> bool:
    """True for a tracker file or a folder holding at least one (cheap: reads no whole file).

    Parameters
    ----------
    path
        A file or folder.

    Returns
    -------
    bool
        Whether :func:`netlytics.load` hands the path to this family.

    See Also
    --------
    tracker_files : the files a folder is judged by.

    Examples
    --------
    >>> sniff(Path("no-such-tracker.xlsx"))
    False
    """
    path = Path(path)
    if path.is_dir():
        return bool(tracker_files(path))
    return path.is_file() and is_tracker_file(path)


#: sheets of a workbook written by :func:`netlytics.write_tables` that are not tracker tables
_NON_TRACKER_SHEETS = frozenset(CONTAINER_TABLES) - set(TABLE_NAMES)


def detect_table(name: str, headers: list[str], smap: dict, *, single_csv: bool) -> str | None:
    """The table a sheet holds: the mapping's ``table``, else the sheet name, else its headers.

    Parameters
    ----------
    name
        The sheet name (or CSV file stem).
    headers
        The header row as read.
    smap
        The sheet's mapping (:func:`netlytics.loaders.tracker.mapping.sheet_mapping`).
    single_csv
        True when the tracker is one CSV file: headers that say nothing mean interactions.

    Returns
    -------
    str or None
        ``"contacts"``, ``"interactions"``, ``"applications"``, or None for a sheet to ignore.

    See Also
    --------
    netlytics.loaders.tracker.mapping.sheet_mapping : a sheet's own mapping, read first.

    Examples
    --------
    >>> detect_table("Sheet1", ["Date", "Who", "How"], {"table": None, "columns": {}}, single_csv=False)
    'interactions'
    >>> detect_table("Data dictionary", ["Field", "Meaning"], {"table": None, "columns": {}}, single_csv=False)
    """
    if smap.get("table"):
        return smap["table"]
    key = aliases.normalise(name)
    if key in _NON_TRACKER_SHEETS or key.startswith("netlytics"):
        return None  # the other canonical tables written by netlytics.write_tables
    by_name = aliases.SHEET_ALIASES.get(key)
    if by_name:
        return by_name
    f = {t: {header_target(t, h, smap) for h in headers if h} - {None} for t in TABLE_NAMES}
    if "at" in f["interactions"] and f["interactions"] & {"channel", "kind", "direction"}:
        return "interactions"
    if "applied_at" in f["applications"] and f["applications"] & {"status", "via", "role"}:
        return "applications"
    if f["contacts"] & {"name", "first_name", "email", "profile_url"} and "at" not in f["interactions"]:
        return "contacts"
    return "interactions" if single_csv else None
