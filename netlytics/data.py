"""The loaded-data container every loader returns and every metric accepts."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from netlytics import schema
from netlytics.errors import ParameterError

__all__ = ["NetworkData", "TABLE_NAMES"]

#: The container's tables, in order (every loader fills some of them).
TABLE_NAMES = _TABLE_FIELDS = (
    "contacts",
    "interactions",
    "applications",
    "problems",
    "excluded",
    "follows",
    "events",
    "sources",
    "notes",
    "owner",
)


def _empty(name: str):
    # the shared empty template itself: ``__post_init__`` conforms it, which returns a copy
    return field(default_factory=lambda: schema._template(schema.TABLES[name]))


@dataclass(eq=False)
class NetworkData:
    """One job seeker's (or a cohort's) networking records as canonical tables.

    Every loader returns one; every metric accepts one. Tables follow :mod:`netlytics.schema`.

    Attributes
    ----------
    contacts, interactions, applications
        The canonical tables (docs/spec/METRICS.md, section 1).
    problems
        One row per input row (or file) that could not be loaded, with the reason.
    excluded
        One row per input row deliberately left out (drafts, spam, ghost connections...).
    follows, events
        Companies followed and events registered for (LinkedIn exports), kept as
        target-company and activity signals.
    sources
        Per file (and sheet): ``rows_read = loaded + excluded + problems``.
    notes
        Plain sentences about coverage and quality (e.g. "Invitations.csv covers 212 days").
    owner
        The seeker's own identifiers found in the sources (name, profile URL, e-mail
        addresses): used to tell what the seeker sent from what they received.

    Examples
    --------
    >>> data = NetworkData()
    >>> data.inventory()
    Empty DataFrame
    Columns: [seeker, source, table, rows_read, loaded, excluded, problems]
    Index: []
    """

    contacts: pd.DataFrame = _empty("contacts")
    interactions: pd.DataFrame = _empty("interactions")
    applications: pd.DataFrame = _empty("applications")
    problems: pd.DataFrame = _empty("problems")
    excluded: pd.DataFrame = _empty("excluded")
    follows: pd.DataFrame = _empty("follows")
    events: pd.DataFrame = _empty("events")
    sources: pd.DataFrame = _empty("sources")
    notes: pd.DataFrame = _empty("notes")
    owner: pd.DataFrame = _empty("owner")

    def __post_init__(self) -> None:
        for name in _TABLE_FIELDS:
            setattr(self, name, schema.conform(name, getattr(self, name)))

    # -- construction ------------------------------------------------------------------

    @classmethod
    def concat(cls, parts: Iterable[NetworkData]) -> NetworkData:
        """Stack several containers (e.g. the seekers of a cohort) into one."""
        parts = list(parts)
        if not parts:
            return cls()
        tables = {}
        for name in _TABLE_FIELDS:
            frames = [getattr(p, name) for p in parts if len(getattr(p, name))]
            tables[name] = pd.concat(frames, ignore_index=True) if frames else schema.empty(name)
        return cls(**tables)

    def replace(self, **tables: pd.DataFrame) -> NetworkData:
        """A copy with some tables replaced."""
        unknown = set(tables) - set(_TABLE_FIELDS)
        if unknown:
            raise ParameterError(
                f"Unknown table(s) {sorted(unknown)}; expected some of {list(_TABLE_FIELDS)}."
            )
        return replace(self, **tables)

    # -- views ------------------------------------------------------------------------

    @property
    def seekers(self) -> list[str]:
        """Sorted seeker names present in any table."""
        names: set[str] = set()
        for name in ("contacts", "interactions", "applications", "follows"):
            names.update(getattr(self, name)["seeker"].dropna().unique().tolist())
        return sorted(names)

    def for_seekers(self, seekers: str | Iterable[str]) -> NetworkData:
        """The data of some seekers only (the same container type, every table filtered)."""
        if isinstance(seekers, str):
            seekers = [seekers]
        keep = set(seekers)
        unknown = keep - set(self.seekers)
        if unknown:
            raise ParameterError(f"Unknown seeker(s) {sorted(unknown)}; the data holds {self.seekers}.")
        tables = {}
        for name in _TABLE_FIELDS:
            df = getattr(self, name)
            tables[name] = df[df["seeker"].isin(keep)].reset_index(drop=True)
        return NetworkData(**tables)

    def seeker_chunks(self, max_interactions: int) -> list[NetworkData]:
        """The data split into groups of whole seekers, in sorted seeker order, each holding at
        most ``max_interactions`` interactions (a seeker with more is a chunk of its own).

        Every metric is per seeker, so computing chunk by chunk and stacking the results gives
        the same answer as computing at once, while keeping the working set small enough for the
        CPU caches on very large cohorts. One pass over each table, whatever the chunk count.
        Rows whose seeker is none of :attr:`seekers` (e.g. a file-level problem with no seeker)
        are in no chunk.

        Examples
        --------
        >>> import pandas as pd
        >>> ix = pd.DataFrame({"seeker": ["B", "A", "B", "C"], "interaction_id": list("1234"),
        ...     "at": pd.to_datetime(["2025-01-06"] * 4, utc=True), "channel": "email",
        ...     "direction": "outbound", "kind": "message"})
        >>> [c.seekers for c in NetworkData(interactions=ix).seeker_chunks(2)]
        [['A'], ['B'], ['C']]
        """
        seekers = self.seekers
        counts = self.interactions["seeker"].value_counts().reindex(seekers, fill_value=0).to_numpy()
        chunk, filled, current = [], 0, 0
        for n in counts:  # one step per seeker, not per row
            if filled and filled + n > max_interactions:
                current, filled = current + 1, 0
            chunk.append(current)
            filled += n
        chunk_of = dict(zip(seekers, chunk, strict=True))
        n_chunks = (chunk[-1] + 1) if chunk else 0
        parts: list[dict[str, pd.DataFrame]] = [{} for _ in range(n_chunks)]
        for name in _TABLE_FIELDS:
            df = getattr(self, name)
            key = df["seeker"].map(chunk_of)
            groups = dict(iter(df.groupby(key, sort=True))) if len(df) else {}
            for k in range(n_chunks):
                parts[k][name] = groups[k].reset_index(drop=True) if k in groups else df.iloc[:0]
        return [NetworkData(**tables) for tables in parts]

    def latest_timestamp(self) -> pd.Timestamp | None:
        """The latest timestamp anywhere in the data: the default ``as_of`` of every metric."""
        candidates = [
            self.interactions["at"].max(),
            self.applications["applied_at"].max(),
            self.applications["status_at"].max(),
            self.contacts["connected_on"].max(),
        ]
        candidates = [c for c in candidates if pd.notna(c)]
        return max(candidates) if candidates else None

    def inventory(self) -> pd.DataFrame:
        """Rows per table and source, with excluded and problem counts.

        For every source ``rows_read == loaded + excluded + problems``.
        """
        return self.sources.sort_values(["seeker", "source", "table"], na_position="first").reset_index(
            drop=True
        )

    def validate(self) -> None:
        """Raise :class:`~netlytics.errors.SchemaError` if any table breaks the schema."""
        for name in _TABLE_FIELDS:
            schema.validate(name, getattr(self, name))

    # -- display ----------------------------------------------------------------------

    def _counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in _TABLE_FIELDS}

    def __repr__(self) -> str:
        c = self._counts()
        seekers = self.seekers
        who = ", ".join(seekers[:5]) + (f" and {len(seekers) - 5} more" if len(seekers) > 5 else "")
        return (
            f"<NetworkData: {len(seekers)} seeker(s) ({who or 'none'}); "
            f"{c['contacts']} contacts, {c['interactions']} interactions, "
            f"{c['applications']} applications; {c['problems']} problems, "
            f"{c['excluded']} excluded; {len(self.sources)} sources>"
        )

    def _repr_html_(self) -> str:
        c = self._counts()
        seekers = self.seekers
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td style='text-align:right'>{c[name]:,}</td></tr>"
            for name in ("contacts", "interactions", "applications", "problems", "excluded")
        )
        inv = self.inventory()
        inv_html = inv.to_html(index=False, border=0, na_rep="") if len(inv) else "<p>No sources.</p>"
        who = ", ".join(html.escape(s) for s in seekers[:10])
        if len(seekers) > 10:
            who += f" and {len(seekers) - 10} more"
        return (
            "<div class='netlytics-data'>"
            f"<strong>NetworkData</strong>: {len(seekers)} seeker(s): {who or 'none'}"
            f"<table>{rows}</table>"
            f"<details><summary>Sources ({len(inv)})</summary>{inv_html}</details>"
            "</div>"
        )


# keep dataclass field order and _TABLE_FIELDS in step
assert tuple(f.name for f in fields(NetworkData)) == _TABLE_FIELDS
