"""Canonical tables stored by netlytics: the loader family of Parquet stores.

A folder written by :func:`netlytics.to_parquet` is ``<folder>/netlytics.json`` (a manifest naming
the tables) and one Hive-partitioned Parquet dataset per table,
``<folder>/<table>/seeker=<name>/*.parquet``. Reading it goes through one function,
:func:`read_store`, which uses :func:`netlytics.store.read_parquet` (the layout's one owner, with
its manifest version check) when that module is present. Canonical tables written as CSV
(``write_tables(..., format="csv")``) are tracker files: the tracker family reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import FormatError
from netlytics.loaders._options import LoadOptions

__all__ = ["MANIFEST", "sniff", "load", "read_store", "load_parquet", "read_table"]

MANIFEST = "netlytics.json"


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
    path = Path(path)
    return path.is_dir() and (path / MANIFEST).is_file()


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
    try:
        from netlytics.store import read_parquet
    except ImportError:  # before netlytics/store.py exists
        return load_parquet(path)
    return read_parquet(path)


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


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise FormatError(f"Cannot read {str(path / MANIFEST)!r}: {err}.") from err
    if not isinstance(manifest, dict) or manifest.get("format") != "netlytics-parquet":
        raise FormatError(
            f"{str(path / MANIFEST)!r} is not a netlytics manifest (expected format 'netlytics-parquet')."
        )
    return manifest


def read_table(path: Path, table: str, *, seekers: list[str] | None = None) -> pd.DataFrame:
    """Read one canonical table from a to_parquet folder, optionally for some seekers only.

    Parameters
    ----------
    path
        A store folder.
    table
        A canonical table name.
    seekers
        Only these seekers (default all).

    Returns
    -------
    pandas.DataFrame

    See Also
    --------
    netlytics.to_parquet : writes the stores read here.
    """
    folder = Path(path) / table
    if not folder.exists():
        return schema.empty(table)
    filters = [("seeker", "in", list(seekers))] if seekers else None
    df = pd.read_parquet(folder, filters=filters)
    if "seeker" in df.columns:
        df["seeker"] = df["seeker"].astype("str")
    return schema.conform(table, df)


def load_parquet(path: Path, *, seekers: list[str] | None = None) -> NetworkData:
    """Load every table of a :func:`netlytics.to_parquet` folder.

    Parameters
    ----------
    path
        A store folder.
    seekers
        Only these seekers (default all).

    Returns
    -------
    NetworkData

    See Also
    --------
    netlytics.to_parquet : writes the stores read here.
    """
    path = Path(path)
    manifest = read_manifest(path)
    tables = {name: read_table(path, name, seekers=seekers) for name in manifest.get("tables", [])}
    return NetworkData(**{k: v for k, v in tables.items() if k in schema.TABLES})
