"""The story's pieces on their own: habits by phase, simulation, applications, the two sides."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netlytics import schema
from netlytics.sample.applying import applications
from netlytics.sample.habits import COHORT, ROBIN, Habits
from netlytics.sample.linkedin_side import linkedin_export
from netlytics.sample.simulate import GIFTS_GIVEN, simulate
from netlytics.sample.story import make_story
from netlytics.sample.tracker_side import tracker
from netlytics.sample.world import AS_OF, START, SWITCH, people_pool

TINY = Habits("tiny", "Tiny Example", "a test seeker", n_contacts=12, applications=6, gives=1.0)


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    return people_pool().iloc[[3, 40, 77, 120, 200, 250, 300, 333, 400, 410, 420, 455]].reset_index(drop=True)


def test_habits_change_at_the_switch():
    assert (
        ROBIN.at(SWITCH).follows_up == 0.95 and ROBIN.at(SWITCH - pd.Timedelta(seconds=1)).follows_up == 0.55
    )
    assert COHORT[0].at(SWITCH) is COHORT[0]  # no second phase: the same habits


def test_simulation_is_seeded_and_inside_the_story(people):
    a = simulate(np.random.default_rng(5), TINY, people, export=False)
    b = simulate(np.random.default_rng(5), TINY, people, export=False)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(simulate(np.random.default_rng(6), TINY, people, export=False))
    assert a["at"].between(START, AS_OF).all() and a["at"].is_monotonic_increasing
    assert a["person"].between(0, len(people) - 1).all()
    # a follow-up acts on a gift recorded before it
    refs = a.dropna(subset=["ref"])
    at_by_id = a.set_index("id")["at"]
    assert (refs["at"].to_numpy() > at_by_id.loc[refs["ref"].astype(int)].to_numpy()).all()
    # a seeker who gives has every gift kind in both directions
    have = set(zip(a["kind"], a["direction"], strict=True))
    assert {(k, d) for k in GIFTS_GIVEN for d in ("inbound", "outbound")} <= have


def test_one_click_gifts_go_through_linkedin_when_there_is_an_export(people):
    ix = simulate(np.random.default_rng(5), TINY, people, export=True)
    one_click = ix[ix["kind"].isin(["endorsement", "recommendation"])]
    assert len(one_click) and (one_click["channel"] == "linkedin").all()


def test_applications_are_consistent(people):
    ix = simulate(np.random.default_rng(5), TINY, people, export=False)
    apps = applications(np.random.default_rng(9), TINY, people, ix)
    assert len(apps) == TINY.applications and apps["applied_at"].is_monotonic_increasing
    assert set(apps["status"]) <= set(schema.STATUSES) and set(apps["via"]) <= set(schema.VIAS)
    assert (apps["status_at"] >= apps["applied_at"]).all() and (apps["status_at"] <= AS_OF).all()
    assert not apps.loc[apps["via"] != "online", "easy_apply"].any()  # Easy Apply is online only
    assert apps.loc[apps["via"] != "referral", "person"].isna().all()  # only a referral names a person


def test_the_export_and_the_tracker_split_the_story(people):
    rng = np.random.default_rng(5)
    ix = simulate(rng, TINY, people, export=True)
    apps = applications(rng, TINY, people, ix)
    spec = linkedin_export(rng, TINY, people, ix, apps)
    t = tracker(rng, TINY, people, ix, apps, export=True)
    li_messages = ((ix["channel"] == "linkedin") & (ix["kind"] == "message")).sum()
    assert len(spec.messages) == li_messages + 2  # plus a draft and a sponsored message
    assert spec.messages["is_draft"].sum() == 1
    ghost = spec.connections[(spec.connections["first_name"] == "") & (spec.connections["url"] == "")]
    assert len(ghost) == 1
    assert spec.owner_url == "https://www.linkedin.com/in/tiny-example"
    # LinkedIn messages and one-click gifts live in the export only; every other row in the tracker
    in_tracker = t.interactions
    assert not ((in_tracker["channel"] == "linkedin") & (in_tracker["kind"] == "message")).any()
    assert len(in_tracker) + li_messages + len(spec.endorsements_given) + len(
        spec.endorsements_received
    ) + len(spec.recommendations_given) + len(spec.recommendations_received) == len(ix)
    assert len(t.applications) + len(spec.job_applications) == len(apps)
    assert in_tracker["interaction_id"].tolist() == [f"I{k:04d}" for k in range(1, len(in_tracker) + 1)]


def test_a_lone_csv_names_people_only():
    jordan = next(h for h in COHORT if h.layout == "csv")
    written = make_story(jordan, seed=3, index=8).tracker.interactions["contact"].dropna()
    assert not written.str.contains("@|://", regex=True).any()
