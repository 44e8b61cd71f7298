"""Seeded generators of canonical netlytics data at benchmark scale.

Everything is derived from a numpy Generator with an explicit seed and a fixed start date:
the same arguments always give the same frames (no clock, no global RNG).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData

START = pd.Timestamp("2025-01-06", tz="UTC")  # a Monday
DAYS = 365

# weights reflect a plausible mix: mostly messages, some meetings, a few gifts
_KIND_P = {
    "message": 0.55,
    "meeting": 0.08,
    "event": 0.02,
    "follow_up": 0.06,
    "thank_you": 0.06,
    "lead": 0.04,
    "referral": 0.02,
    "introduction": 0.03,
    "help": 0.04,
    "endorsement": 0.05,
    "recommendation": 0.01,
    "invitation": 0.04,
}
_CHANNEL_P = {
    "in_person": 0.1,
    "video": 0.1,
    "phone": 0.08,
    "email": 0.35,
    "linkedin": 0.3,
    "text": 0.05,
    "other": 0.02,
}


def _seeker_names(seekers: int, offset: int) -> np.ndarray:
    return np.array([f"Seeker {i:04d}" for i in range(offset, offset + seekers)])


def interactions(
    n: int,
    *,
    seekers: int = 100,
    contacts_per_seeker: int | None = None,
    seed: int = 0,
    seeker_offset: int = 0,
) -> pd.DataFrame:
    """``n`` canonical interactions spread over ``seekers`` seekers and one year.

    ``seeker_offset`` numbers the seekers from there (``Seeker <offset>`` ...), so that chunks
    generated separately form one cohort.
    """
    rng = np.random.default_rng(seed)
    if contacts_per_seeker is None:
        contacts_per_seeker = max(10, min(300, n // seekers // 10))
    seeker_idx = np.sort(rng.integers(0, seekers, n))
    contact_idx = rng.integers(0, contacts_per_seeker, n)
    seconds = rng.integers(0, DAYS * 86400, n)
    kinds = np.array(list(_KIND_P))
    kind = kinds[rng.choice(len(kinds), n, p=np.array(list(_KIND_P.values())))]
    chans = np.array(list(_CHANNEL_P))
    channel = chans[rng.choice(len(chans), n, p=np.array(list(_CHANNEL_P.values())))]
    channel = np.where(np.isin(kind, ["endorsement", "recommendation", "invitation"]), "linkedin", channel)
    channel = np.where(kind == "meeting", np.where(channel == "email", "in_person", channel), channel)
    direction = np.where(rng.random(n) < 0.55, "outbound", "inbound")
    seeker_names = _seeker_names(seekers, seeker_offset)
    df = pd.DataFrame(
        {
            "seeker": seeker_names[seeker_idx],
            "interaction_id": np.arange(n).astype(str),
            "contact_id": pd.Series((seeker_idx + seeker_offset).astype(str))
            .str.cat(pd.Series(contact_idx.astype(str)), sep=":c")
            .radd("bench:s")
            .to_numpy(),
            "at": START + pd.to_timedelta(seconds, unit="s"),
            "channel": channel,
            "direction": direction,
            "kind": kind,
            "source": "bench.csv",
            "source_row": np.arange(2, n + 2),
            "origin": "tracker",
        }
    )
    # a ref for a third of outbound follow-ups: the previous interaction of the same seeker
    is_fu = (df["kind"] == "follow_up") & (df["direction"] == "outbound") & (rng.random(n) < 0.33)
    prev = df["interaction_id"].shift(1)
    same = df["seeker"].eq(df["seeker"].shift(1))
    df["ref"] = prev.where(is_fu & same)
    return schema.conform("interactions", df)


def applications(
    interactions_n: int, *, seekers: int = 100, seed: int = 0, seeker_offset: int = 0
) -> pd.DataFrame:
    """About one application per 50 interactions."""
    rng = np.random.default_rng(seed + 1)
    n = max(1, interactions_n // 50)
    seeker_names = _seeker_names(seekers, seeker_offset)
    vias = np.array(schema.VIAS)
    statuses = np.array(schema.STATUSES)
    applied = START + pd.to_timedelta(rng.integers(0, DAYS * 86400, n), unit="s")
    return schema.conform(
        "applications",
        pd.DataFrame(
            {
                "seeker": seeker_names[np.sort(rng.integers(0, seekers, n))],
                "application_id": np.arange(n).astype(str),
                "company": np.char.add("Company ", rng.integers(0, 500, n).astype(str)),
                "role": "Analyst",
                "applied_at": applied,
                "via": vias[rng.choice(len(vias), n, p=[0.6, 0.15, 0.1, 0.1, 0.05])],
                "status": statuses[rng.integers(0, len(statuses), n)],
                "status_at": applied + pd.to_timedelta(rng.integers(0, 30, n), unit="D"),
                "source": "bench.csv",
                "source_row": np.arange(2, n + 2),
                "origin": "tracker",
            }
        ),
    )


def contacts(inter: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """One contact per (seeker, contact_id) seen in ``inter``, with a company."""
    rng = np.random.default_rng(seed + 2)
    pairs = inter[["seeker", "contact_id"]].drop_duplicates().reset_index(drop=True)
    n = len(pairs)
    return schema.conform(
        "contacts",
        pairs.assign(
            name=np.char.add("Person ", np.arange(n).astype(str)),
            company=np.char.add("Company ", rng.integers(0, 500, n).astype(str)),
            connected_on=START - pd.to_timedelta(rng.integers(0, 1000, n), unit="D"),
            source="bench.csv",
            origin="tracker",
        ),
    )


def network_data(n: int, *, seekers: int = 100, seed: int = 0, seeker_offset: int = 0) -> NetworkData:
    """A whole canonical container with ``n`` interactions."""
    inter = interactions(n, seekers=seekers, seed=seed, seeker_offset=seeker_offset)
    return NetworkData(
        contacts=contacts(inter, seed=seed),
        interactions=inter,
        applications=applications(n, seekers=seekers, seed=seed, seeker_offset=seeker_offset),
    )


def write_parquet_cohort(path, n: int, *, seekers: int = 1000, chunk_rows: int = 2_000_000, seed: int = 0):
    """Write ``n`` interactions over ``seekers`` seekers as a :func:`netlytics.to_parquet` folder.

    The cohort is generated in groups of seekers of about ``chunk_rows`` interactions each,
    every group written straight to disk (Hive partitions by seeker, the layout of contract C5),
    so the generator never holds more than one group: 50M rows need no 50M-row frame.
    """
    import json
    from pathlib import Path

    from netlytics.store import MANIFEST

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    per_seeker = max(1, n // seekers)
    group = max(1, min(seekers, chunk_rows // per_seeker))
    for g, first in enumerate(range(0, seekers, group)):
        k = min(group, seekers - first)
        rows = per_seeker * k if first + k < seekers else n - per_seeker * first
        data = network_data(rows, seekers=k, seed=seed + g, seeker_offset=first)
        for table in ("contacts", "interactions", "applications"):
            frame = getattr(data, table)
            frame.to_parquet(path / table, partition_cols=["seeker"], index=False)
        del data
    manifest = {"format": "netlytics-parquet", "version": 1, "tables": list(schema.TABLES)}
    (path / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path
