"""Load a LinkedIn "Download your data" export (zip, unpacked folder, or one file from it).

The loader family of LinkedIn exports (``sniff(path)``, ``load(path, options)``; see
:mod:`netlytics.loaders`). Its modules, each of one purpose:

- :mod:`~netlytics.loaders.archive` (shared by every family): zip safety;
- :mod:`.catalogue`: every file name LinkedIn has shipped, read or known-and-ignored, and the
  ``@register`` decorator that ties a parser to its files;
- :mod:`.files`: an export's files in a zip, a folder or one file, the same way;
- :mod:`.common`: what the parsers share (accounting, dates, contact ids);
- :mod:`.parsers`, :mod:`.messages`: one parser per file;
- :mod:`.owner`: who owns the export; :mod:`.persons`: who is a person;
- :mod:`.export`: one export in, tables out; :mod:`.combine`: copies and periodic downloads.

What is read from each file, how each era is handled and why rows are excluded is documented in
``docs/linkedin.md``.
"""

from __future__ import annotations

from pathlib import Path

from netlytics.data import NetworkData
from netlytics.errors import InputError
from netlytics.loaders._options import LoadOptions
from netlytics.loaders.archive import MAX_MEMBER_BYTES, MAX_MEMBERS, MAX_RATIO, MAX_TOTAL_BYTES
from netlytics.loaders.linkedin import catalogue, messages, parsers  # noqa: F401  (parsers register themselves)
from netlytics.loaders.linkedin.catalogue import KNOWN, PARSERS, is_export_file
from netlytics.loaders.linkedin.combine import load_exports
from netlytics.loaders.linkedin.export import load_export, parse_export
from netlytics.loaders.linkedin.files import ExportFile, export_roots, find_files, sniff, survey

__all__ = [
    "KNOWN",
    "PARSERS",
    "sniff",
    "load",
    "find_files",
    "survey",
    "export_roots",
    "is_export_file",
    "parse_export",
    "load_export",
    "load_exports",
    "ExportFile",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "MAX_RATIO",
    "MAX_MEMBERS",
]


def load(path: Path, options: LoadOptions) -> NetworkData:
    """Load every LinkedIn export at ``path`` (the family entry point of :func:`netlytics.load`).

    Parameters
    ----------
    path
        A zip, an unpacked folder (zips and copies beside it included), or one export file.
    options
        Uses ``seeker``, ``content`` and ``owner_url``.

    Returns
    -------
    NetworkData

    Raises
    ------
    InputError
        When ``path`` holds no LinkedIn export, or an archive is refused.

    See Also
    --------
    load_export, netlytics.load
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file or folder: {str(path)!r}.")
    key = catalogue.key_of(path.name) if path.is_file() and path.suffix.lower() != ".zip" else None
    if key and key[0] not in PARSERS:
        raise InputError(
            f"{path.name!r} is a file of LinkedIn's export that is not about networking "
            f"({catalogue.describe(path.name)}); netlytics does not read it.",
            hint="Load the whole export (the zip or its folder), or Connections.csv, messages.csv, Invitations.csv.",
        )
    data = load_exports(path, seeker=options.seeker, content=options.content, owner_url=options.owner_url)
    if data is None:
        find_files(path)  # raises the precise reason
    return data
