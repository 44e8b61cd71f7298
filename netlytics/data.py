"""The loaded-data container every loader returns and every metric accepts, and the integer
codes of its key pairs such as (seeker, interaction_id) (:func:`pair_codes`): uniqueness and
membership checks on whole columns without joining text, and without hashing it where the ids
are plain integers (used by :func:`netlytics.schema.validate` and the canonical CSV reader)."""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.errors import ParameterError

__all__ = ["NetworkData", "TABLE_NAMES", "pair_codes", "pairs_unique"]

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
        """A copy with some tables replaced (only those are conformed: the others are shared,
        already conformed, and never written in place under pandas' copy-on-write)."""
        unknown = set(tables) - set(_TABLE_FIELDS)
        if unknown:
            raise ParameterError(
                f"Unknown table(s) {sorted(unknown)}; expected some of {list(_TABLE_FIELDS)}."
            )
        new = copy.copy(self)
        for name, df in tables.items():
            setattr(new, name, schema.conform(name, df))
        return new

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
        are in no chunk. Computed by :func:`netlytics.engines.dispatch.seeker_chunks`.

        Examples
        --------
        >>> import pandas as pd
        >>> ix = pd.DataFrame({"seeker": ["B", "A", "B", "C"], "interaction_id": list("1234"),
        ...     "at": pd.to_datetime(["2025-01-06"] * 4, utc=True), "channel": "email",
        ...     "direction": "outbound", "kind": "message"})
        >>> [c.seekers for c in NetworkData(interactions=ix).seeker_chunks(2)]
        [['A'], ['B'], ['C']]
        """
        from netlytics.engines.dispatch import seeker_chunks

        return seeker_chunks(self, max_interactions)  # whole columns at once, one hash pass each

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


# --- key pairs -----------------------------------------------------------------------------


def _as_ints(values: pd.Series) -> np.ndarray | None:
    """The values as ``int64`` (null as -1) when every one is the plain decimal text of an
    integer from 0 to 2**40 (so text and number say the same: ``"7"``, never ``"07"``), else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values.array)
    try:
        ints = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if len(ints) and ints.null_count < len(ints):
        low, high = pc.min(ints).as_py(), pc.max(ints).as_py()
        if low < 0 or high >= 2**40:
            return None
    same = pc.equal(pc.cast(ints, arr.type), arr)
    if not pc.all(pc.fill_null(same, True)).as_py():
        return None
    return pc.fill_null(ints, -1).to_numpy()


def pair_codes(*pairs: tuple[pd.Series, pd.Series]) -> list[np.ndarray]:
    """Integer codes of (first, second) text pairs, one array per pair of columns given,
    comparable across them: equal codes if and only if equal pairs (a null equals a null).

    The first columns (e.g. seekers, few distinct values) are factorised; the second (e.g. ids)
    too, unless they are all plain integers (then no string is hashed).

    Parameters
    ----------
    *pairs
        ``(first, second)`` Series of the same length each.

    Returns
    -------
    list of numpy.ndarray
        ``int64`` codes, one array per pair.

    See Also
    --------
    pairs_unique : whether no two rows share a pair.

    Examples
    --------
    >>> a = pd.Series(["Ana", "Ana", "Bo"], dtype="str")
    >>> x, y = pair_codes((a, pd.Series(["1", "2", "1"], dtype="str")),
    ...                   (a[:1], pd.Series(["2"], dtype="str")))
    >>> len(set(x)), y[0] == x[1]
    (3, np.True_)
    """
    firsts = pd.concat([f for f, _ in pairs], ignore_index=True)
    seconds = pd.concat([v for _, v in pairs], ignore_index=True)
    first_codes, first_uniques = pd.factorize(firsts)  # a null is -1
    second = _as_ints(seconds) if schema._has_dtype(seconds.dtype, "str") else None
    if second is not None and len(second) and (len(first_uniques) + 1) * (int(second.max()) + 2) >= 2**62:
        second = None  # the codes would overflow: factorise instead
    if second is None or len(second) == 0:
        second, uniques = pd.factorize(seconds)
        width = len(uniques) + 1
    else:
        width = int(second.max()) + 2
    codes = (first_codes.astype("int64") + 1) * width + (second.astype("int64") + 1)
    return np.split(codes, np.cumsum([len(v) for _, v in pairs])[:-1])


def pairs_unique(first: pd.Series, second: pd.Series) -> bool:
    """True when no two rows share ``(first, second)``; False also when the columns are not
    text (the caller then looks the slow way).

    Parameters
    ----------
    first, second
        Two text columns of the same length.

    Returns
    -------
    bool

    See Also
    --------
    pair_codes : the codes compared.

    Examples
    --------
    >>> s = pd.Series(["Ana", "Ana"], dtype="str")
    >>> pairs_unique(s, pd.Series(["1", "2"], dtype="str")), pairs_unique(s, s)
    (True, False)
    """
    if not (schema._has_dtype(first.dtype, "str") and schema._has_dtype(second.dtype, "str")):
        return False
    (codes,) = pair_codes((first, second))
    return pd.Index(codes).is_unique


# keep dataclass field order and _TABLE_FIELDS in step
assert tuple(f.name for f in fields(NetworkData)) == _TABLE_FIELDS
