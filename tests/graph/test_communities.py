"""communities: Louvain groups of contacts linked by a company or an introduction."""

from __future__ import annotations

import pandas as pd
import pytest

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.graph.communities import COMMUNITY_COLUMNS, communities


def _data() -> NetworkData:
    # Ana: three people at Acme (spelt "Acme" twice, "ACME Inc." once), three at Globex, one loner at Initech, and Zed (no company)
    # whom Gus (Globex) introduced to her. Bo: two people at Umbrella.
    contacts = pd.DataFrame(
        {
            "seeker": ["Ana"] * 7 + ["Bo"] * 2,
            "contact_id": ["a1", "a2", "a3", "g1", "g2", "gus", "i1", "u1", "u2"],
            "name": ["A One", "A Two", "A Three", "G One", "G Two", "Gus Example", "I One", "U One", "U Two"],
            "company": [
                "Acme",
                "ACME Inc.",
                "Acme",
                "Globex",
                "Globex",
                "Globex",
                "Initech",
                "Umbrella",
                "Umbrella",
            ],
        }
    )
    inter = pd.DataFrame(
        {
            "seeker": ["Ana"],
            "interaction_id": ["1"],
            "contact_id": ["gus"],
            "at": pd.to_datetime(["2025-01-01"], utc=True),
            "channel": ["email"],
            "direction": ["inbound"],
            "kind": ["introduction"],
            "introduced": ["zed"],
        }
    )
    return NetworkData(contacts=contacts, interactions=inter)


def test_known_structure():
    c = communities(_data(), seed=0)
    assert list(c.columns) == list(COMMUNITY_COLUMNS)
    assert {col: str(d) for col, d in c.dtypes.items()} == COMMUNITY_COLUMNS
    ana = c.loc[c["seeker"] == "Ana"]
    groups = ana.groupby("community")["contact_id"].apply(lambda s: sorted(s)).tolist()
    # Globex + Zed (linked by Gus's introduction) is the largest, then Acme; Initech's loner is
    # left out (a community of one)
    assert groups == [["g1", "g2", "gus", "zed"], ["a1", "a2", "a3"]]
    assert ana.groupby("community")["size"].first().tolist() == [4, 3]
    assert ana.groupby("community")["top_company"].first().tolist() == ["Globex", "Acme"]
    bo = c.loc[c["seeker"] == "Bo"]
    assert bo["contact_id"].tolist() == ["u1", "u2"] and (bo["community"] == 0).all()


def test_seeded_and_order_independent():
    data = _data()
    a = communities(data, seed=3)
    shuffled = data.replace(contacts=data.contacts.sample(frac=1, random_state=1))
    pd.testing.assert_frame_equal(a, communities(shuffled, seed=3))


def test_min_size_one_keeps_loners():
    c = communities(_data(), min_size=1)
    assert "i1" in set(c["contact_id"])


def test_parameters():
    with pytest.raises(ParameterError, match="min_size"):
        communities(_data(), min_size=0)
    with pytest.raises(ParameterError, match="resolution"):
        communities(_data(), resolution=0)


def test_empty():
    assert communities(NetworkData()).empty
