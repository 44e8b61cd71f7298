"""Tiny builders of canonical tables for metric tests.

Rows are short tuples (or dicts, for any extra column); everything is conformed to the
canonical schema so tests exercise the same dtypes as loaded data. Example::

    inter = interactions(
        ("bo", "2025-01-06 09:00", "email", "out", "message"),
        ("bo", "2025-01-06 10:00", "email", "in", "message", {"ref": "1"}),
        seeker="Ana",
    )

Interaction ids are "1", "2", ... in the order given (per call) unless a dict sets one.
"""

from __future__ import annotations

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData

__all__ = [
    "interactions",
    "applications",
    "contacts",
    "network",
    "DIRECTIONS",
    "cohorts",
    "shuffled",
    "per_seeker",
    "BASE",
]

#: shorthands accepted in the direction position
DIRECTIONS = {"out": "outbound", "in": "inbound", "outbound": "outbound", "inbound": "inbound"}

_INTERACTION_FIELDS = ("contact_id", "at", "channel", "direction", "kind")
_APPLICATION_FIELDS = ("application_id", "company", "applied_at", "via", "status")
_CONTACT_FIELDS = ("contact_id", "company")


def _records(rows, fields, seeker):
    out = []
    for row in rows:
        if isinstance(row, dict):
            rec = dict(row)
        else:
            extra = row[-1] if row and isinstance(row[-1], dict) else {}
            values = row[:-1] if extra else row
            if len(values) > len(fields):
                raise TypeError(f"row {row!r} has more values than fields {fields}")
            rec = dict(zip(fields, values, strict=False))
            rec.update(extra)
        rec.setdefault("seeker", seeker)
        out.append(rec)
    return out


def interactions(*rows, seeker: str = "Ana", origin: str = "tracker") -> pd.DataFrame:
    """Canonical interactions from (contact_id, at, channel, direction, kind[, {extras}]) rows."""
    recs = _records(rows, _INTERACTION_FIELDS, seeker)
    for i, rec in enumerate(recs, start=1):
        rec.setdefault("interaction_id", str(i))
        rec["direction"] = DIRECTIONS.get(rec.get("direction"), rec.get("direction"))
        rec.setdefault("origin", origin)
        rec.setdefault("source", "test.csv")
        rec.setdefault("source_row", i + 1)
    df = pd.DataFrame(recs, columns=None if recs else schema.INTERACTIONS.columns)
    if "at" in df:
        df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    return schema.conform("interactions", df)


def applications(*rows, seeker: str = "Ana") -> pd.DataFrame:
    """Canonical applications from (application_id, company, applied_at, via, status[, {extras}])."""
    recs = _records(rows, _APPLICATION_FIELDS, seeker)
    for i, rec in enumerate(recs, start=1):
        rec.setdefault("via", "online")
        rec.setdefault("status", "applied")
        rec.setdefault("source_row", i + 1)
    df = pd.DataFrame(recs, columns=None if recs else schema.APPLICATIONS.columns)
    if "applied_at" in df:
        df["applied_at"] = pd.to_datetime(df["applied_at"], utc=True, format="ISO8601")
    return schema.conform("applications", df)


def contacts(*rows, seeker: str = "Ana") -> pd.DataFrame:
    """Canonical contacts from (contact_id, company[, {extras}]) rows."""
    recs = _records(rows, _CONTACT_FIELDS, seeker)
    df = pd.DataFrame(recs, columns=None if recs else schema.CONTACTS.columns)
    return schema.conform("contacts", df)


def network(
    interactions: pd.DataFrame | list[pd.DataFrame] | None = None,
    applications: pd.DataFrame | list[pd.DataFrame] | None = None,
    contacts: pd.DataFrame | list[pd.DataFrame] | None = None,
) -> NetworkData:
    """A NetworkData from builder frames (lists of frames, e.g. one per seeker, are stacked)."""
    tables = {}
    for name, value in (
        ("interactions", interactions),
        ("applications", applications),
        ("contacts", contacts),
    ):
        if value is None:
            continue
        if isinstance(value, list):
            value = pd.concat(value, ignore_index=True) if value else schema.empty(name)
        tables[name] = value
    return NetworkData(**tables)


# --- hypothesis strategies: small random cohorts -------------------------------------------

BASE = pd.Timestamp("2025-01-06", tz="UTC")  # a Monday


def _strategies():
    from hypothesis import strategies as st

    @st.composite
    def cohorts(draw, seekers=("Ana", "Bo", "Cy"), max_rows: int = 40) -> NetworkData:
        """A small random cohort: interactions, applications and contacts over ~6 weeks."""
        contact_ids = ["c1", "c2", "c3", "c4"]
        inter_rows = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(seekers),
                    st.sampled_from([*contact_ids, None]),
                    st.integers(0, 42 * 24 - 1),  # hours after BASE
                    st.sampled_from(schema.CHANNELS),
                    st.sampled_from(schema.DIRECTIONS),
                    st.sampled_from(schema.KINDS),
                    st.sampled_from(schema.ORIGINS),
                ),
                max_size=max_rows,
            )
        )
        inter = pd.DataFrame(
            {
                "seeker": [r[0] for r in inter_rows],
                "interaction_id": [str(i) for i in range(len(inter_rows))],
                "contact_id": [r[1] for r in inter_rows],
                "at": BASE + pd.to_timedelta([r[2] for r in inter_rows], unit="h"),
                "channel": [r[3] for r in inter_rows],
                "direction": [r[4] for r in inter_rows],
                "kind": [r[5] for r in inter_rows],
                "origin": [r[6] for r in inter_rows],
            }
        )
        companies = ["Acme", "ACME Inc.", "Globex", "Initech", None]
        app_rows = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(seekers),
                    st.sampled_from(companies),
                    st.integers(0, 42 * 24 - 1),
                    st.sampled_from(schema.VIAS),
                    st.sampled_from(schema.STATUSES),
                ),
                max_size=12,
            )
        )
        apps = pd.DataFrame(
            {
                "seeker": [r[0] for r in app_rows],
                "application_id": [f"a{i}" for i in range(len(app_rows))],
                "company": [r[1] for r in app_rows],
                "applied_at": BASE + pd.to_timedelta([r[2] for r in app_rows], unit="h"),
                "via": [r[3] for r in app_rows],
                "status": [r[4] for r in app_rows],
            }
        )
        contact_rows = draw(
            st.lists(
                st.tuples(st.sampled_from(seekers), st.sampled_from(contact_ids), st.sampled_from(companies)),
                max_size=10,
                unique_by=lambda r: (r[0], r[1]),
            )
        )
        cont = pd.DataFrame(
            {
                "seeker": [r[0] for r in contact_rows],
                "contact_id": [r[1] for r in contact_rows],
                "company": [r[2] for r in contact_rows],
            }
        )
        return NetworkData(interactions=inter, applications=apps, contacts=cont)

    return cohorts


def cohorts(**kwargs):
    """Hypothesis strategy of small random cohorts (NetworkData); see ``_strategies``."""
    return _strategies()(**kwargs)


def shuffled(data: NetworkData, seed: int) -> NetworkData:
    """The same data with the rows of every table in another order."""
    tables = {}
    for name in ("interactions", "applications", "contacts"):
        df = getattr(data, name)
        tables[name] = df.sample(frac=1, random_state=seed).reset_index(drop=True)
    return data.replace(**tables)


def per_seeker(func, data: NetworkData, **kwargs) -> pd.DataFrame:
    """``func`` run on each seeker's data alone, results stacked (for the independence check)."""
    parts = [func(data.for_seekers(s), **kwargs) for s in data.seekers]
    parts = [p for p in parts if len(p)]
    if not parts:
        return func(NetworkData(), **kwargs)
    return pd.concat(parts, ignore_index=True)
