"""The mail and calendar samples: Robin's Takeout, and Sam Inboxley, who keeps no tracker and whose
LinkedIn export plus Google Takeout measure all four mistakes."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import netlytics
from netlytics.loaders import FAMILIES
from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import after_merge, load
from netlytics.sample import EXPORT_NAME, TAKEOUT_NAME
from netlytics.sample.story import AS_OF

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
SAM = SAMPLE / "mail-only" / "sam"


@pytest.fixture(scope="module")
def families():
    """The registry with the mail family (the lead adds it at integration; added here if absent)."""
    import netlytics.loaders as loaders

    saved = loaders.FAMILIES
    if "netlytics.loaders.mail" not in saved:
        loaders.FAMILIES = (*saved[:2], "netlytics.loaders.mail", *saved[2:])
    yield loaders.FAMILIES
    loaders.FAMILIES = saved


@pytest.fixture(scope="module")
def sam(families):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return netlytics.load([SAM / EXPORT_NAME, SAM / TAKEOUT_NAME], future_after=AS_OF)


def test_robins_takeout_loads_cleanly_and_leaves_out_the_noise():
    data = after_merge(load(SAMPLE / "takeout" / TAKEOUT_NAME, LoadOptions(future_after=AS_OF)))
    data.validate()
    assert data.problems.empty
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
    assert data.owner["value"].tolist() == ["robin.example@mail.example"]
    reasons = data.excluded["reason"]
    for expected in (
        "Gmail label Spam",
        "Gmail label Draft",
        "broadcast",
        "note to self",
        "unknown one-way sender",
        "cancelled",
        "declined",
        "all-day",
    ):
        assert reasons.str.contains(expected, regex=False).any(), expected
    ix = data.interactions
    assert set(ix["channel"]) == {"email", "in_person", "video", "phone"}
    assert ix["inferred"].fillna(False).sum() == (ix["kind"] == "thank_you").sum() > 0


def test_sam_has_no_tracker_and_all_four_mistakes_are_measured(sam):
    assert sam.seekers == ["Sam Inboxley"]
    assert set(sam.interactions["origin"]) == {"linkedin", "email", "calendar"}
    card = netlytics.scorecard(sam, as_of=AS_OF).set_index("mistake")
    assert set(card.index) == {"channel", "priority", "giving", "follow_up"}
    assert (card["status"] != "not_measured").all(), card[["status", "advice"]]
    assert card.loc["channel", "status"] == "mistake"  # writes far more than meets


def test_sam_thank_yous_are_inferred_and_mail_joins_linkedin(sam):
    ix = sam.interactions
    thanks = ix[ix["kind"] == "thank_you"]
    assert len(thanks) > 0 and thanks["inferred"].all()
    meetings = set(ix.loc[ix["kind"] == "meeting", "interaction_id"])
    assert thanks["ref"].isin(meetings).all()
    # the Takeout's addresses joined LinkedIn connections through the address book's URLs
    mail_people = ix.loc[ix["origin"].isin(["email", "calendar"]), "contact_id"]
    assert mail_people.str.startswith("https://www.linkedin.com/in/").mean() > 0.5
    inv = sam.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()


def test_sam_bodies_never_reach_a_table(sam):
    for name in ("contacts", "interactions", "excluded", "problems", "notes"):
        text = getattr(sam, name).astype("str").to_csv()
        assert "Sample message" not in text and "invented filler" not in text, name


def test_sniff_order_keeps_the_mail_family_off_linkedin_exports(families):
    from netlytics.loaders import family_of

    assert family_of(SAM / EXPORT_NAME) == "netlytics.loaders.linkedin"
    assert family_of(SAM / TAKEOUT_NAME) == "netlytics.loaders.mail"
    assert pd.Timestamp(AS_OF).year == 2026
    assert "netlytics.loaders.mail" in families and FAMILIES is not None
