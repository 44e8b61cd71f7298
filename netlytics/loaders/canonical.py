"""Canonical tables stored by netlytics: the loader family of Parquet stores and CSV folders.

A folder written by :func:`netlytics.to_parquet` is ``<folder>/netlytics.json`` (a manifest naming
the tables) and one Hive-partitioned Parquet dataset per table,
``<folder>/<table>/seeker=<name>/*.parquet``. Reading it goes through :mod:`netlytics.store`, the
layout's one owner (with its manifest version check).

Canonical tables written as CSV (``write_tables(..., format="csv")``) are tracker files, and what
they load into is what the tracker family makes of them (docs/trackers.md). Such a folder holds
exactly the ten files the writer writes, the three tracker tables under their canonical headers;
when every value is already canonical (no cell to clean, vocabularies as written, ISO UTC
timestamps within ``earliest`` and ``future_after``, ids given and unique, references that
resolve: nothing the tracker would report or change), :mod:`netlytics.loaders.canonical_csv`
reads it column by column at the parser's pace; anything else goes to the tracker family, which
reports each problem with its file, row and column.
"""

from __future__ import annotations

from pathlib import Path

from netlytics import store
from netlytics.data import NetworkData
from netlytics.loaders import canonical_csv
from netlytics.loaders._options import LoadOptions

__all__ = ["sniff", "load", "read_store"]


def sniff(path: Path) -> bool:
    """True for a folder written by :func:`netlytics.to_parquet`, or by ``write_tables(...,
    format="csv")`` (cheap: reads a manifest or three header lines).

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
    return store.is_store(path) or canonical_csv.is_csv_tables(path)


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
    """The family interface: a Parquet store as written, or a canonical CSV folder.

    Parameters
    ----------
    path
        A folder written by :func:`netlytics.to_parquet` (the options do not apply), or by
        ``write_tables(..., format="csv")`` (read as the tracker family reads it, with the
        options).
    options
        :class:`~netlytics.loaders._options.LoadOptions`.

    Returns
    -------
    NetworkData

    Raises
    ------
    FormatError
        The folder is not a netlytics store, or a CSV file cannot be read.
    ParameterError
        A bad option (as the tracker family raises it).

    See Also
    --------
    netlytics.load : any source, recognised by its family.
    """
    path = Path(path)
    if store.is_store(path):
        return read_store(path)
    fast = canonical_csv.load_clean(path, options)
    if fast is not None:
        return fast
    from netlytics.loaders import tracker  # anything not already canonical: the full reading

    return tracker.load(path, options)
