"""Shared plumbing for loaders: the accounting builder that keeps ``rows_read = loaded +
excluded + problems`` true for every source."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData

__all__ = ["Builder", "issue_frame", "link_reason", "refuse_links", "read_head", "empty_table"]


def issue_frame(
    *,
    source: str,
    reason: str | pd.Series,
    rows: pd.Series | list | None = None,
    column: str | pd.Series | None = None,
    value: str | pd.Series | None = None,
    seeker: str | None = None,
) -> pd.DataFrame:
    """Build a problems/excluded frame: one row per input row (``rows``), or one row for the
    whole file when ``rows`` is None.

    ``reason``, ``column`` and ``value`` may be scalars or Series aligned with ``rows``.

    Parameters
    ----------
    source, reason, rows, column, value, seeker
        The problem's fields (scalars, or Series aligned with ``rows``).

    Returns
    -------
    pandas.DataFrame

    See Also
    --------
    Builder : the accounting these frames feed.
    """
    if rows is None:
        n = 1
        rows_s = pd.Series([pd.NA], dtype="Int64")
    else:
        rows_s = pd.Series(list(rows) if not isinstance(rows, pd.Series) else rows.to_numpy(), dtype="Int64")
        n = len(rows_s)

    def col(v):
        if isinstance(v, pd.Series):
            return pd.Series(v.to_numpy(), dtype="str")
        return pd.Series([v] * n, dtype="str")

    return pd.DataFrame(
        {
            "seeker": col(seeker),
            "source": col(source),
            "source_row": rows_s,
            "column": col(column),
            "value": col(value),
            "reason": col(reason),
        }
    )


@functools.cache
def empty_table(table: str) -> pd.DataFrame:
    """An empty canonical table, built once (pandas' copy-on-write keeps the shared frame intact).

    Parameters
    ----------
    table
        A canonical table's name.

    Returns
    -------
    pandas.DataFrame

    See Also
    --------
    netlytics.schema.empty : builds it.
    """
    return schema.empty(table)


@dataclass
class Builder:
    """Collects the tables one load produces, with per-source accounting.

    Typical use in a loader::

        b = Builder(seeker="Ana")
        b.read("export.zip:messages.csv", "interactions", n_rows)
        b.add("interactions", frame)            # loaded rows (source column set)
        b.exclude(issue_frame(...))             # deliberately excluded rows
        b.problem(issue_frame(...))             # rows that could not be loaded
        data = b.build()
    """

    seeker: str | None = None
    tables: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    _sources: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    _issues: dict[str, list[pd.DataFrame]] = field(default_factory=lambda: {"problems": [], "excluded": []})
    _notes: list[dict] = field(default_factory=list)

    def read(self, source: str, table: str | None, rows: int) -> None:
        """Record that ``rows`` data rows were read from ``source`` for ``table``."""
        acc = self._sources.setdefault(
            (source, table), {"rows_read": 0, "loaded": 0, "excluded": 0, "problems": 0}
        )
        acc["rows_read"] += int(rows)

    def _count(self, source: str, table: str | None, key: str, n: int) -> None:
        acc = self._sources.setdefault(
            (source, table), {"rows_read": 0, "loaded": 0, "excluded": 0, "problems": 0}
        )
        acc[key] += int(n)

    def add(self, table: str, df: pd.DataFrame, *, source: str | None = None, counted: bool = True) -> None:
        """Add loaded rows; counted as loaded against ``source`` (default: each row's source).

        ``counted=False`` adds rows that are not input rows of their own (e.g. a contact created
        because a message names a person no file lists): they are loaded but not counted, so the
        per-source accounting still adds up.
        """
        if not len(df):
            return
        self.tables.setdefault(table, []).append(df)
        if counted and table in ("follows", "events", "contacts", "interactions", "applications"):
            if source is not None:
                self._count(source, table, "loaded", len(df))
            else:
                for src, n in df["source"].value_counts(dropna=False).items():
                    self._count(str(src), table, "loaded", int(n))

    def _issue(self, kind: str, df: pd.DataFrame, table: str | None, rows_count: int | None) -> None:
        if not len(df):
            return
        if self.seeker is not None:
            df = df.assign(seeker=df["seeker"].fillna(self.seeker))
        self._issues[kind].append(df)
        key = "problems" if kind == "problems" else "excluded"
        if rows_count is not None:
            src = str(df["source"].iloc[0])
            self._count(src, table, key, rows_count)
        else:
            counted = df.drop_duplicates(["source", "source_row"])
            for src, n in counted["source"].value_counts().items():
                self._count(str(src), table, key, int(n))

    def exclude(self, df: pd.DataFrame, *, table: str) -> None:
        """Record deliberately excluded rows (one row each)."""
        self._issue("excluded", df, table, None)

    def problem(self, df: pd.DataFrame, *, table: str | None, rows_count: int | None = None) -> None:
        """Record rows that could not be loaded.

        For a whole-file problem pass a one-row frame and ``rows_count`` = the number of data
        rows the file holds (all of them count as problems).
        """
        self._issue("problems", df, table, rows_count)

    def note(self, note: str, *, topic: str, source: str | None = None) -> None:
        """Record a coverage or quality note."""
        self._notes.append({"seeker": self.seeker, "source": source, "topic": topic, "note": note})

    def build(self) -> NetworkData:
        """The collected tables as one container."""
        return NetworkData(**self.frames())

    def frames(self) -> dict[str, pd.DataFrame]:
        """The collected tables as frames (for a loader that adjusts them before building)."""
        tables = {}
        for name in ("contacts", "interactions", "applications", "follows", "events"):
            frames = self.tables.get(name, [])
            tables[name] = pd.concat(frames, ignore_index=True) if frames else empty_table(name)
        for kind in ("problems", "excluded"):
            frames = self._issues[kind]
            tables[kind] = pd.concat(frames, ignore_index=True) if frames else empty_table(kind)
        src_rows = [
            {"seeker": self.seeker, "source": s, "table": t, **acc} for (s, t), acc in self._sources.items()
        ]
        tables["sources"] = pd.DataFrame(src_rows) if src_rows else empty_table("sources")
        tables["notes"] = pd.DataFrame(self._notes) if self._notes else empty_table("notes")
        return tables


def read_head(path: Path, n: int = 4096) -> bytes:
    """The first ``n`` bytes of a file (empty when it cannot be read): what sniffing looks at.

    Parameters
    ----------
    path
        A file.
    n
        How many bytes at most.

    Returns
    -------
    bytes

    See Also
    --------
    netlytics.loaders.linkedin.catalogue.is_export_path : tells export files by these bytes.
    """
    try:
        with Path(path).open("rb") as fh:
            return fh.read(n)
    except OSError:
        return b""


def link_reason(path: Path) -> str:
    """Why a symbolic link found inside a folder is not read (names its target).

    Parameters
    ----------
    path
        The link.

    Returns
    -------
    str

    See Also
    --------
    Builder : the accounting these frames feed.
    """
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return (
        f"{Path(path).name} is a symbolic link (to {target!r}); netlytics does not follow links found "
        "inside a folder, so it was not read. Copy the file into the folder instead."
    )


def refuse_links(builder: Builder, links: Iterable[Path]) -> None:
    """Record each link as a one-row problem of its own source (1 row read, 1 problem).

    Parameters
    ----------
    builder
        The load's builder.
    links
        The links found.

    Returns
    -------
    None

    See Also
    --------
    Builder : the accounting these frames feed.
    """
    for link in links:  # a loop over files, not rows
        name = Path(link).name
        builder.read(name, None, 1)
        builder.problem(issue_frame(source=name, reason=link_reason(Path(link))), table=None, rows_count=1)
