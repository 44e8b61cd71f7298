"""company_reach and warm_paths on the hand-checked cohort of tests/graph/__init__.py."""

from __future__ import annotations

import pandas as pd
import pytest

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.reach import PATH_COLUMNS, REACH_COLUMNS, company_reach, warm_paths
from tests.graph import AS_OF, CARA, ELI, cohort


def test_company_reach_hand_checked():
    r = company_reach(cohort(), as_of=AS_OF)
    assert list(r.columns) == list(REACH_COLUMNS)
    assert {c: str(d) for c, d in r.dtypes.items()} == REACH_COLUMNS
    ana = r.loc[r["seeker"] == "Ana"].set_index("company_key")
    # Ana's order: applications first (Acme Analytics), then strong ties (Acme), then Globex
    assert ana.index.tolist() == ["acme analytics", "acme", "globex"]
    # Acme: Cara (Acme Inc., strong, touched 06-29) and Eli (Acme, medium, touched 06-15)
    assert ana.loc["acme", ["contacts", "strong_ties", "touched_90", "applications"]].tolist() == [2, 1, 2, 0]
    assert ana.loc["acme", "last_touch_at"] == pd.Timestamp("2025-06-29", tz="UTC")
    # Globex: Dev, last touched 2024-10-01 (more than 90 days ago)
    assert ana.loc["globex", ["contacts", "touched_90"]].tolist() == [1, 0]
    # "Acme Analytics LLC" is not "Acme": no contact there, one application
    assert ana.loc["acme analytics", ["contacts", "applications"]].tolist() == [0, 1]
    assert ana.loc["acme analytics", "company"] == "Acme Analytics LLC"
    ben = r.loc[r["seeker"] == "Ben"].set_index("company_key")
    assert ben.index.tolist() == ["globex", "acme", "acme analytics", "initech"]
    assert bool(ben.loc["acme", "followed"]) and ben.loc["acme", "company"] == "ACME"
    assert ben.loc["globex", "company"] == "Globex Corp"  # the seeker's own spelling


def test_company_reach_ignores_other_seekers_contacts():
    r = company_reach(cohort(), as_of=AS_OF).set_index(["seeker", "company_key"])
    assert ("Ben", "globex") in r.index and r.loc[("Ben", "globex"), "contacts"] == 0  # Dev is Ana's


def test_company_reach_applications_after_as_of_do_not_count():
    r = company_reach(cohort(), as_of="2025-06-05").set_index(["seeker", "company_key"])
    assert ("Ben", "globex") not in r.index  # Ben applied on 06-10
    assert r.loc[("Ana", "acme analytics"), "applications"] == 1


def test_warm_paths_for_one_seeker_includes_peers():
    p = warm_paths(cohort(), "Acme Inc", as_of=AS_OF, seeker="Ben")
    assert list(p.columns) == list(PATH_COLUMNS)
    # Ben knows Cara himself; Ana knows Eli (Acme), whom Ben can ask Ana to introduce
    assert p[["route", "contact_id"]].values.tolist() == [["direct", CARA], ["peer", ELI]]
    assert pd.isna(p.loc[0, "via"]) and p.loc[1, "via"] == "Ana"
    assert (p["seeker"] == "Ben").all()
    assert p.loc[0, "why"] == "medium tie (score 0.45): 1 touch, last touch 10 days ago"
    assert p.loc[1, "why"].startswith("Ana knows them (medium tie (score 0.51)")
    assert p.loc[1, "why"].endswith("ask Ana for an introduction")


def test_warm_paths_all_seekers_best_first():
    p = warm_paths(cohort(), "ACME", as_of=AS_OF)
    assert p[["seeker", "contact_id", "tie"]].values.tolist() == [
        ["Ana", CARA, "strong"],
        ["Ana", ELI, "medium"],
        ["Ben", CARA, "medium"],
    ]
    assert (p["route"] == "direct").all()
    assert p.loc[0, "why"] == "strong tie (score 0.69): 5 touches, last touch yesterday; you have both given"


def test_warm_paths_unknown_company_is_empty():
    p = warm_paths(cohort(), "Umbrella", as_of=AS_OF)
    assert p.empty and list(p.columns) == list(PATH_COLUMNS)


def test_warm_paths_errors():
    with pytest.raises(ParameterError, match="company name"):
        warm_paths(cohort(), "  ")
    with pytest.raises(ParameterError, match="Did you mean 'Ben'"):
        warm_paths(cohort(), "Acme", seeker="Benn")


def test_empty():
    assert company_reach(NetworkData()).empty
    assert warm_paths(NetworkData(), "Acme").empty
