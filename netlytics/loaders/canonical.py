"""Canonical tables stored by netlytics: the loader family of Parquet stores.

A folder written by :func:`netlytics.to_parquet` is ``<folder>/netlytics.json`` (a manifest naming
the tables) and one Hive-partitioned Parquet dataset per table,
``<folder>/<table>/seeker=<name>/*.parquet``. Reading it goes through :mod:`netlytics.store`, the layout's one owner (with its manifest
version check). Canonical tables written as CSV
(``write_tables(..., format="csv")``) are tracker files: the tracker family reads them.
"""

from __future__ import annotations

from pathlib import Path

from netlytics import store
from netlytics.data import NetworkData
from netlytics.loaders._options import LoadOptions

__all__ = ["sniff", "load", "read_store"]


def sniff(path: Path) -> bool:
    """True when ``path`` is a folder written by :func:`netlytics.to_parquet` (cheap).

    Parameters
    ----------
    path
        A file or folder.

    Returns
    -------
    bool

    See Also
    --------
    netlytics.to_parquet : writes the stores read here.
    """
    return store.is_store(path)


def read_store(path: Path) -> NetworkData:
    """Every table of a Parquet store: the one place this family reads Parquet.

    Parameters
    ----------
    path
        A folder written by :func:`netlytics.to_parquet`.

    Returns
    -------
    NetworkData

    Raises
    ------
    FormatError
        The manifest is missing, unreadable or not netlytics'.

    See Also
    --------
    netlytics.to_parquet : writes the stores read here.
    """
    return store.read_parquet(path)


def load(path: Path, options: LoadOptions) -> NetworkData:
    """The family interface: a Parquet store, as written (the options do not apply).

    Parameters
    ----------
    path
        A folder written by :func:`netlytics.to_parquet`.
    options
        :class:`~netlytics.loaders._options.LoadOptions` (unused: the tables are canonical).

    Returns
    -------
    NetworkData

    Raises
    ------
    FormatError
        The folder is not a netlytics store.

    See Also
    --------
    netlytics.load : any source, recognised by its family.
    """
    return read_store(Path(path))
