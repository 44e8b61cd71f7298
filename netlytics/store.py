"""The Parquet store of the canonical tables: one layout, written and read here only.

Layout (version 1)::

    <folder>/netlytics.json            {"format": "netlytics-parquet", "version": 1, "tables": [...]}
    <folder>/<table>/seeker=<name>/*.parquet   one Hive partition per seeker
    <folder>/<table>/part-0.parquet            a table with rows that belong to no seeker

The partitioning by seeker lets an engine (:mod:`netlytics.engines.dask`) read one seeker
without scanning the others. The manifest's version is checked on read: a store written by a
newer netlytics is refused with a clear message instead of being misread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import FormatError, ParameterError

__all__ = [
    "MANIFEST",
    "FORMAT",
    "VERSION",
    "is_store",
    "read_manifest",
    "read_table",
    "read_parquet",
    "write_parquet",
    "replaceable",
]

#: The manifest file that marks a folder as a store.
MANIFEST = "netlytics.json"
#: The manifest's ``format``.
FORMAT = "netlytics-parquet"
#: The layout version written; stores of this version or older are read.
VERSION = 1


def is_store(path) -> bool:
    """True when ``path`` is a folder holding a netlytics manifest (cheap: reads nothing).

    Parameters
    ----------
    path : str or Path
        Any path.

    Returns
    -------
    bool

    See Also
    --------
    read_manifest : reads and checks the manifest.
    """
    path = Path(path)
    return path.is_dir() and (path / MANIFEST).is_file()


def read_manifest(path) -> dict:
    """The manifest of a store, checked: format, version and table names.

    Parameters
    ----------
    path : str or Path
        The store's folder.

    Returns
    -------
    dict
        ``{"format": ..., "version": ..., "tables": [...]}``.

    Raises
    ------
    FormatError
        When the manifest cannot be read, is not a netlytics manifest, has no valid version,
        was written by a newer netlytics (a higher version), or names an unknown table.

    See Also
    --------
    write_parquet : writes the manifest.
    """
    file = Path(path) / MANIFEST
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise FormatError(f"Cannot read {str(file)!r}: {err}.") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise FormatError(f"{str(file)!r} is not a netlytics manifest (expected format {FORMAT!r}).")
    version = manifest.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FormatError(f"{str(file)!r} has no valid version (found {version!r}; expected 1 to {VERSION}).")
    if version > VERSION:
        raise FormatError(
            f"{str(file)!r} was written by a newer netlytics (store version {version}; this one reads "
            f"up to {VERSION}).",
            hint="Upgrade netlytics, or write the store again with this version.",
        )
    tables = manifest.get("tables", [])
    unknown = [t for t in tables if t not in schema.TABLES] if isinstance(tables, list) else [tables]
    if unknown:
        raise FormatError(f"{str(file)!r} names unknown table(s) {unknown}; known: {list(schema.TABLES)}.")
    return manifest


def read_table(path, table: str, *, seekers: Iterable[str] | None = None) -> pd.DataFrame:
    """One canonical table of a store, optionally of some seekers only.

    Parameters
    ----------
    path : str or Path
        The store's folder.
    table : str
        A name of :data:`netlytics.schema.TABLES`.
    seekers : iterable of str, optional
        Read only these seekers' rows (their partitions).

    Returns
    -------
    DataFrame
        The table, conformed to the canonical schema (empty when the store has no rows).

    Raises
    ------
    ParameterError
        For an unknown table name.

    See Also
    --------
    read_parquet : every table at once.
    """
    if table not in schema.TABLES:
        raise ParameterError(f"table must be one of {list(schema.TABLES)}; got {table!r}.")
    folder = Path(path) / table
    if not folder.exists():
        return schema.empty(table)
    filters = [("seeker", "in", list(seekers))] if seekers is not None else None
    df = pd.read_parquet(folder, filters=filters)
    if "seeker" in df.columns:
        df["seeker"] = df["seeker"].astype("str")
    return schema.conform(table, df)


def read_parquet(path, *, seekers: Iterable[str] | None = None) -> NetworkData:
    """Every table of a store, as :class:`~netlytics.data.NetworkData`.

    Parameters
    ----------
    path : str or Path
        The store's folder (written by :func:`write_parquet`).
    seekers : iterable of str, optional
        Read only these seekers.

    Returns
    -------
    NetworkData

    Raises
    ------
    FormatError
        When the manifest is missing, invalid or of a newer version.

    See Also
    --------
    write_parquet : the writer.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> data = NetworkData(follows=pd.DataFrame({"seeker": ["Ana"], "company": ["Acme"]}))
    >>> folder = write_parquet(data, pathlib.Path(tempfile.mkdtemp()) / "store")
    >>> read_parquet(folder).follows[["seeker", "company"]].values.tolist()
    [['Ana', 'Acme']]
    """
    path = Path(path)
    if not is_store(path):
        raise FormatError(
            f"{str(path)!r} is not a netlytics Parquet store (no {MANIFEST}).",
            hint="Write one with netlytics.store.write_parquet(data, PATH).",
        )
    manifest = read_manifest(path)
    seekers = None if seekers is None else list(seekers)
    return NetworkData(
        **{name: read_table(path, name, seekers=seekers) for name in manifest.get("tables", [])}
    )


def replaceable(path: Path) -> bool:
    """True when ``path`` is empty or a store (so a new store may replace it)."""
    path = Path(path)
    if not path.exists():
        return True
    entries = list(path.iterdir())
    return not entries or (
        (path / MANIFEST).is_file()
        and all(p.name == MANIFEST or (p.is_dir() and p.name in schema.TABLES) for p in entries)
    )


def _write_tables(data: NetworkData, tmp: Path) -> None:
    names = list(schema.TABLES)
    for name in names:
        df = getattr(data, name)
        if not len(df):
            continue
        if df["seeker"].isna().any():  # Parquet readers cannot read a null partition back
            (tmp / name).mkdir()
            df.to_parquet(tmp / name / "part-0.parquet", index=False)
            continue
        ordered = df.sort_values("seeker", kind="stable")
        ordered.to_parquet(tmp / name, partition_cols=["seeker"], index=False)
    manifest = {"format": FORMAT, "version": VERSION, "tables": names}
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def write_parquet(data: NetworkData, folder, *, inputs: Iterable | None = None) -> Path:
    """Write the canonical tables as a store that :func:`read_parquet` and ``netlytics.load`` read.

    Parameters
    ----------
    data : NetworkData
        The tables.
    folder : str or Path
        The store's folder; replaced atomically (an existing folder must be empty or a store).
    inputs : iterable of paths, optional
        Paths the output must not overwrite.

    Returns
    -------
    Path
        ``folder``.

    Raises
    ------
    ParameterError
        When ``data`` is not a NetworkData.
    OutputError
        When ``folder`` is one of ``inputs`` or a folder that is not a store.

    See Also
    --------
    read_parquet : the reader.

    Notes
    -----
    Reading back gives the same tables with rows grouped by seeker (sorted seekers, input
    order within a seeker). Empty tables get no folder (they read back empty); extra columns
    are written too.
    """
    from netlytics.export import atomic_write  # the one atomic writer (same layer)

    if not isinstance(data, NetworkData):
        raise ParameterError(f"data must be a NetworkData (from netlytics.load); got {type(data).__name__}.")
    return atomic_write(
        Path(folder),
        lambda tmp: _write_tables(data, tmp),
        inputs=inputs,
        directory=True,
        replaceable=replaceable,
    )
