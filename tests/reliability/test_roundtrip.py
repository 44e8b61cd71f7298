"""Exact round trips on hypothesis-generated canonical tables: canonical -> xlsx -> load, and
canonical -> parquet -> load; and pseudonymisation changes names, not metrics."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import netlytics
from netlytics import identity, schema
from netlytics.data import NetworkData
from netlytics.export import to_parquet, write_tables
from tests.reliability import record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

AS_OF = "2031-01-01"  # generated dates run to 2030; later ones would be "in the future"
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking loads files: too slow
)

# text a person could type, including formula-looking starts and non-ASCII; no surrounding
# whitespace (loaders strip it) and no control characters
word = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters="=+-@'&., ()"),
        min_size=1,
        max_size=10,
    )
    .map(str.strip)
    .filter(bool)
)
maybe = st.none() | word
stamp = st.integers(946_684_800_000_000_000, 1_893_456_000_000_000_000).map(
    lambda ns: pd.Timestamp(ns, tz="UTC")
)


@st.composite
def canonical(draw) -> NetworkData:
    seekers = draw(
        st.lists(st.sampled_from(["Client 01", "Client 02", "Client 03"]), min_size=1, unique=True)
    )
    contacts, interactions, applications = [], [], []
    for seeker in seekers:
        names = draw(st.lists(word, min_size=1, max_size=4, unique_by=lambda n: identity.contact_key(
            name=pd.Series([n])).iloc[0]))  # fmt: skip
        ids = identity.contact_key(name=pd.Series(names)).tolist()
        if any(i is None or pd.isna(i) for i in ids):
            continue
        for name, cid in zip(names, ids, strict=True):
            contacts.append({"seeker": seeker, "contact_id": cid, "name": name, "company": draw(maybe),
                             "position": draw(maybe), "email": None, "profile_url": None,
                             "connected_on": draw(st.none() | stamp)})  # fmt: skip
        for i in range(draw(st.integers(0, 6))):
            interactions.append({
                "seeker": seeker, "interaction_id": f"i{i}", "contact_id": draw(st.sampled_from(ids)),
                "at": draw(stamp), "channel": draw(st.sampled_from(schema.CHANNELS)),
                "direction": draw(st.sampled_from(schema.DIRECTIONS)),
                "kind": draw(st.sampled_from(["message", "meeting", "thank_you", "follow_up", "referral"])),
                "ref": None, "company": draw(maybe), "introduced": None,
            })  # fmt: skip
        for i in range(draw(st.integers(0, 3))):
            applied = draw(stamp)
            applications.append({
                "seeker": seeker, "application_id": f"a{i}", "company": draw(word), "role": draw(maybe),
                "applied_at": applied, "via": draw(st.sampled_from(schema.VIAS)),
                "contact_id": draw(st.none() | st.sampled_from(ids)),
                "status": draw(st.sampled_from(schema.STATUSES)), "status_at": applied,
            })  # fmt: skip

    def frame(name, rows):
        cols = schema.TABLES[name].columns
        df = pd.DataFrame(rows, columns=[c for c in cols if c not in ("source", "source_row", "origin")])
        df = df.assign(source="generated.xlsx", origin="tracker")
        if "source_row" in cols:
            df["source_row"] = pd.array(np.arange(2, len(df) + 2), dtype="Int64")
        return schema.conform(name, df[cols])

    return NetworkData(
        contacts=frame("contacts", contacts),
        interactions=frame("interactions", interactions),
        applications=frame("applications", applications),
    )


def _same(a: NetworkData, b: NetworkData, tables) -> None:
    for name in tables:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@SETTINGS
@given(data=canonical())
def test_canonical_to_xlsx_to_load_is_exact(data):
    with tempfile.TemporaryDirectory() as tmp:
        out = write_tables(data, Path(tmp) / "tables.xlsx")
        back = netlytics.load(out, future_after=AS_OF)
    _same(back, data, ("contacts", "interactions", "applications"))
    record("canonical tables -> xlsx -> load (hypothesis)", "equal")


@SETTINGS
@given(data=canonical())
def test_canonical_to_parquet_to_load_is_exact(data):
    with tempfile.TemporaryDirectory() as tmp:
        out = to_parquet(data, Path(tmp) / "tables")
        back = netlytics.load(out)
    order = ("seeker",)
    for name in ("contacts", "interactions", "applications"):
        want = getattr(data, name).sort_values(list(order), kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(getattr(back, name), want, obj=name)
    record("canonical tables -> parquet -> load (hypothesis)", "equal")
