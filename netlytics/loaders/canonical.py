"""Canonical tables stored as Parquet by :func:`netlytics.to_parquet`.

Layout: ``<folder>/netlytics.json`` (a manifest naming the tables) and one Hive-partitioned
Parquet dataset per table, ``<folder>/<table>/seeker=<name>/*.parquet``. The partitioning by
seeker is what lets the Dask engine compute one seeker at a time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import FormatError

__all__ = ["MANIFEST", "sniff", "load_parquet", "read_table"]

MANIFEST = "netlytics.json"


def sniff(path: Path) -> bool:
    """True when ``path`` is a folder written by :func:`netlytics.to_parquet`."""
    return path.is_dir() and (path / MANIFEST).is_file()


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
    """Read one canonical table from a to_parquet folder, optionally for some seekers only."""
    folder = Path(path) / table
    if not folder.exists():
        return schema.empty(table)
    filters = [("seeker", "in", list(seekers))] if seekers else None
    df = pd.read_parquet(folder, filters=filters)
    if "seeker" in df.columns:
        df["seeker"] = df["seeker"].astype("str")
    return schema.conform(table, df)


def load_parquet(path: Path, *, seekers: list[str] | None = None) -> NetworkData:
    """Load every table of a :func:`netlytics.to_parquet` folder."""
    path = Path(path)
    manifest = read_manifest(path)
    tables = {name: read_table(path, name, seekers=seekers) for name in manifest.get("tables", [])}
    return NetworkData(**{k: v for k, v in tables.items() if k in schema.TABLES})
