"""Finding an export's files in a zip, an unpacked folder, or one file, the same way for each.

:func:`survey` lists what an export holds: the files netlytics reads (with a reader giving
their bytes), the known files that are not about networking (ignored, counted once), foreign
files (a user's own CSV dropped into the folder), zip members skipped for safety (with the
reason), and sub-folders that are exports of their own. Zip members are read through
:class:`netlytics.loaders.archive.Archive` (never extracted; one inflate budget per archive).
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from netlytics.errors import FormatError, InputError
from netlytics.loaders.archive import Archive
from netlytics.loaders.linkedin import catalogue

__all__ = ["ExportFile", "Survey", "survey", "find_files", "sniff", "export_roots", "SUBFOLDERS"]

#: Sub-folders LinkedIn itself puts in an export (their files belong to the export).
SUBFOLDERS = frozenset({"jobs", "verifications", "articles", "services marketplace"})


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: where it is and how to get its bytes."""

    member: str  # path inside the export (posix), e.g. "Jobs/Job Applications.csv"
    source: str  # "<zip name>:<member>" or the member path for a folder
    read: Callable[[], bytes]
    stem: str  # catalogue key (lower-cased stem without a split number)
    part: int  # split number (0 when not split)

    def digest(self) -> str | None:
        """SHA-256 of the file's bytes (None when it cannot be read)."""
        try:
            return hashlib.sha256(self.read()).hexdigest()
        except (OSError, FormatError, ValueError):
            return None


@dataclass
class Survey:
    """What one export root holds."""

    root: Path
    files: list[ExportFile] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The export's name: a zip's file name without ``.zip``, or the folder's name."""
        p = self.root
        return p.name[: -len(p.suffix)] if p.is_file() and p.suffix.lower() == ".zip" else p.name


def _refused_link(rel: str, p: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            target = os.readlink(p)
        except OSError:
            target = "?"
        raise FormatError(
            f"{rel} is a symbolic link (to {target!r}); netlytics does not follow links inside an export "
            "folder. Copy the file into the folder instead."
        )

    return read


def _refuse(message: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise FormatError(message)

    return read


def _classify(out: Survey, rel: str, source: str, reader: Callable[[], bytes]) -> None:
    """File ``rel`` into the survey's read, ignored or foreign files."""
    key = catalogue.key_of(rel)
    if key and key[0] in catalogue.PARSERS:
        out.files.append(ExportFile(rel, source, reader, *key))
    elif key:
        out.ignored.append(rel)
    elif PurePosixPath(rel).suffix.lower() in (".csv", ".tsv", ".xlsx", ".xls", ".xlsm", ".txt"):
        out.foreign.append(rel)
    elif "/" in rel and rel.split("/")[0].lower() in SUBFOLDERS:
        out.ignored.append(rel)  # LinkedIn's own Articles/*.html and the like
    # other files (a user's scripts, pictures) are not the export's: not counted


def _zip_survey(path: Path) -> Survey:
    archive = Archive.open(path)
    out = Survey(root=path)
    for name, why in archive.skipped:
        key = catalogue.key_of(name)
        if key and key[0] in catalogue.PARSERS:  # a file netlytics reads: a problem row, with the reason
            out.files.append(
                ExportFile(name, f"{path.name}:{name}", _refuse(f"{path.name}:{name}: {why}."), *key)
            )
        else:
            out.skipped.append((name, why))
    for info in archive.members:
        name = info.filename
        _classify(out, name, f"{path.name}:{name}", lambda i=info: archive.read(i))
    return out


def _is_export_dir(path: Path) -> bool:
    """A folder holding a file named like an export file (``contacts.csv`` only when its header
    is LinkedIn's address book: a tracker's contacts.csv is not an export)."""
    try:
        csvs = (p for p in path.iterdir() if p.suffix.lower() == ".csv")
        return any(catalogue.is_export_path(p, by_name=True) for p in csvs)
    except OSError:
        return False


def _folder_survey(path: Path, prefix: str = "") -> Survey:
    """Files at the folder's top level and in LinkedIn's own sub-folders (``Jobs/`` ...).
    Symbolic links are not followed: a linked file named like a read export file gets a reader
    that raises (so it becomes a problem row); linked folders are not entered."""
    out = Survey(root=path)
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(path)
        if rel_dir.parts:
            top = rel_dir.parts[0].lower()
            if top not in SUBFOLDERS or len(rel_dir.parts) > 2:
                dirnames[:] = []
                continue
        dirnames.sort()
        for fname in sorted(filenames):
            if fname.startswith((".", "~$")):
                continue
            p = here / fname
            rel = p.relative_to(path).as_posix()
            if p.suffix.lower() == ".zip":
                continue  # archives beside an export are exports of their own (export_roots)
            if p.is_symlink():
                _classify(out, rel, prefix + rel, _refused_link(rel, p))
            elif p.is_file():
                _classify(out, rel, prefix + rel, p.read_bytes)
    return out


def survey(path: str | Path, *, prefix: str = "") -> Survey:
    """What the export at ``path`` (a zip, a folder, or one of its files) holds.

    Parameters
    ----------
    path
        The export.
    prefix
        Put before the sources of a folder's files (``"sub/"`` for an export found in a
        sub-folder of the folder being loaded).

    Returns
    -------
    Survey

    Raises
    ------
    InputError
        When the zip cannot be read or is refused (overlapping entries, limits).

    See Also
    --------
    find_files
    """
    path = Path(path)
    if path.is_dir():
        return _folder_survey(path, prefix)
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return _zip_survey(path)
    if not path.is_file():
        raise InputError(f"No such file or folder: {str(path)!r}.")
    out = Survey(root=path.parent)
    _classify(out, path.name, path.name, path.read_bytes)
    profile = path.parent / "Profile.csv"
    if out.files and out.files[0].stem != "profile" and profile.is_file():
        out.files.append(ExportFile(profile.name, profile.name, profile.read_bytes, "profile", 0))
    return out


def find_files(path: str | Path) -> list[ExportFile]:
    """The files netlytics reads from the export at ``path``, numbered splits after their stem.

    Parameters
    ----------
    path
        A zip, a folder, or one file of an export.

    Returns
    -------
    list of ExportFile

    Raises
    ------
    InputError
        When ``path`` holds no LinkedIn export file netlytics reads.

    See Also
    --------
    survey
    """
    found = survey(path)
    if not found.files:
        nested = [n for n, why in found.skipped if why.startswith("an archive inside")]
        extra = (
            f" It holds archive(s) {nested[:3]}: netlytics does not open archives inside archives; "
            "unzip the outer one and load the inner zip."
            if nested
            else ""
        )
        raise InputError(
            f"{str(path)!r} is not a LinkedIn export: found no file named like an export file.{extra}",
            hint="Expected a 'Download your data' zip or folder holding files such as Connections.csv, "
            "messages.csv, Invitations.csv or Profile.csv.",
        )
    return sorted(found.files, key=lambda f: (f.stem, f.part, f.member.lower()))


def sniff(path: Path) -> bool:
    """True when ``path`` looks like a LinkedIn export: a zip or folder holding at least one
    export file (at its top level, in ``Jobs/``, or in a sub-folder or zip beside it), or one
    such file. Cheap: names only, no file is read.

    Examples
    --------
    >>> sniff(Path("Connections.csv")), sniff(Path("tracker.xlsx"))
    (True, False)
    """
    path = Path(path)
    try:
        if path.is_dir():
            return bool(export_roots(path))
        if path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
            with zipfile.ZipFile(path) as zf:
                return any(catalogue.key_of(n) for n in zf.namelist())
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        return False
    key = catalogue.key_of(path.name)
    return key is not None and key[0] != "contacts"


def export_roots(folder: Path) -> list[Path]:
    """The exports in ``folder``: itself when its top level holds export files, zips and
    unpacked sub-folders at its top level, and export zips one level down in a plain
    sub-folder. Symbolic links and hidden entries are never opened."""

    def visible(p: Path) -> bool:
        return not p.name.startswith((".", "~$")) and not p.is_symlink()

    folder = Path(folder)
    found: list[Path] = [folder] if _is_export_dir(folder) else []
    for p in sorted(filter(visible, folder.iterdir()), key=lambda q: q.name):
        if p.is_dir() and p.name.lower() in SUBFOLDERS and found[:1] == [folder]:
            continue  # part of the unpacked export
        if (p.is_dir() and _is_export_dir(p)) or (p.is_file() and p.suffix.lower() == ".zip" and sniff(p)):
            found.append(p)
        elif p.is_dir():
            found.extend(
                z
                for z in sorted(filter(visible, p.iterdir()), key=lambda q: q.name)
                if z.is_file() and z.suffix.lower() == ".zip" and sniff(z)
            )
    return found
