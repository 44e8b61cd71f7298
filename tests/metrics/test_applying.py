import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.applying import (
    APPLYING_COLUMNS,
    SUMMARY_COLUMNS,
    networked_before_applying,
    networked_summary,
)
from tests.metrics._builders import (
    applications,
    cohorts,
    contacts,
    interactions,
    network,
    per_seeker,
    shuffled,
)


def _data():
    ana_contacts = contacts(("bo", "Acme Inc."), ("cy", "Globex Corporation"), ("di", "Acme Analytics"))
    ana_inter = interactions(
        ("bo", "2025-01-01 12:00", "email", "out", "message"),
        ("bo", "2025-03-01", "phone", "out", "message"),
        ("cy", "2025-03-05", "email", "in", "message"),  # inbound only: not the seeker's effort
        ("di", "2025-03-02", "email", "out", "message"),  # Acme Analytics is not Acme
    )
    ana_apps = applications(
        ("a1", "ACME", "2025-03-11"),
        ("a2", "Acme, Inc", "2025-04-15", "referral", "interview"),
        ("a3", "Globex", "2025-03-10"),
        ("a4", "Initech", "2025-03-10"),
        ("a5", None, "2025-03-10"),
        ("a6", "Acme", "2025-03-01"),
    )
    # Bo (another seeker) knows someone at Initech; that must not help Ana's a4
    bo_contacts = contacts(("ed", "Initech LLC"), seeker="Bo")
    bo_inter = interactions(("ed", "2025-01-20", "linkedin", "out", "message"), seeker="Bo")
    bo_apps = applications(("b1", "initech", "2025-02-01"), seeker="Bo")
    # Cy (a seeker) has contacts only
    cy_contacts = contacts(("fa", "Acme"), seeker="Cy")
    return network(
        interactions=[ana_inter, bo_inter],
        applications=[ana_apps, bo_apps],
        contacts=[ana_contacts, bo_contacts, cy_contacts],
    )


def test_hand_checked():
    out = networked_before_applying(_data())
    # sorted by seeker, applied_at, application_id
    assert out["application_id"].tolist() == ["a6", "a3", "a4", "a5", "a1", "a2", "b1"]
    got = out.set_index("application_id")
    assert got["contact_at_company"].to_dict() == {
        "a6": True,
        "a3": True,
        "a4": False,
        "a5": False,
        "a1": True,
        "a2": True,
        "b1": True,
    }
    assert got["touched_before"].to_dict() == {
        "a6": True,
        "a3": False,
        "a4": False,
        "a5": False,
        "a1": True,
        "a2": True,
        "b1": True,
    }
    # a6 applied 03-01 00:00: the 03-01 touch is not *before*; 01-01 12:00 is -> 58.5 days
    # a1 applied 03-11: first touch in the 90 days is 01-01 12:00 -> 59 + 9.5 = 68.5 days
    # a2 applied 04-15: window starts 01-15, so the first touch is 03-01 -> 31 + 14 = 45 days
    # b1 applied 02-01: Bo's touch 01-20 -> 12 days
    lead = got["lead_days"]
    assert lead[["a6", "a1", "a2", "b1"]].tolist() == [58.5, 68.5, 45.0, 12.0]
    assert lead[["a3", "a4", "a5"]].isna().all()
    assert out.loc[0, ["seeker", "company", "via"]].tolist() == ["Ana", "Acme", "online"]
    assert {k: str(v) for k, v in out.dtypes.items()} == APPLYING_COLUMNS
    assert isinstance(out.index, pd.RangeIndex)


def test_window_is_half_open_at_its_start_closed():
    data = network(
        interactions=interactions(("bo", "2025-03-01", "phone", "out", "message")),
        applications=applications(("a1", "Acme", "2025-03-31 12:00")),
        contacts=contacts(("bo", "Acme")),
    )
    # 30 days before 03-31 12:00 is 03-01 12:00: the 03-01 00:00 touch is outside
    assert not networked_before_applying(data, window_days=30)["touched_before"].item()
    # 30.5 days: the window starts exactly at the touch, which counts -> lead 30.5 days
    out = networked_before_applying(data, window_days=30.5)
    assert out[["touched_before", "lead_days"]].values.tolist() == [[True, 30.5]]


def test_inbound_meeting_counts_as_outbound_touch():
    data = network(
        interactions=interactions(("bo", "2025-03-01", "video", "in", "meeting")),
        applications=applications(("a1", "Acme", "2025-03-02")),
        contacts=contacts(("bo", "Acme")),
    )
    assert networked_before_applying(data)["lead_days"].item() == 1.0


def test_summary_hand_checked():
    s = networked_summary(_data())
    # Ana: a1, a2, a6 touched of 6 -> 0.5; Bo: 1 of 1; Cy: no application -> null share
    assert s["seeker"].tolist() == ["Ana", "Bo", "Cy"]
    assert s["applications"].tolist() == [6, 1, 0]
    assert s["networked_share"].iloc[:2].tolist() == [0.5, 1.0]
    assert np.isnan(s["networked_share"].iloc[2])
    assert {k: str(v) for k, v in s.dtypes.items()} == SUMMARY_COLUMNS


@pytest.mark.parametrize("bad", [0, -5, "90", None, True])
def test_bad_window(bad):
    with pytest.raises(ParameterError, match="window_days"):
        networked_before_applying(_data(), window_days=bad)


def test_empty():
    out = networked_before_applying(NetworkData())
    assert out.empty and {k: str(v) for k, v in out.dtypes.items()} == APPLYING_COLUMNS
    s = networked_summary(NetworkData())
    assert s.empty and {k: str(v) for k, v in s.dtypes.items()} == SUMMARY_COLUMNS
    # interactions only: no applications
    inter = interactions(("bo", "2025-03-01", "phone", "out", "message"))
    assert networked_before_applying(inter).empty
    assert networked_summary(inter)[["applications"]].values.tolist() == [[0]]


def test_no_contacts_or_touches():
    data = NetworkData(applications=applications(("a1", "Acme", "2025-03-01")))
    out = networked_before_applying(data)
    assert out[["contact_at_company", "touched_before"]].values.tolist() == [[False, False]]


@settings(max_examples=40, deadline=None)
@given(cohorts())
def test_invariants(data):
    out = networked_before_applying(data)
    assert len(out) == len(data.applications)
    assert not (out["touched_before"] & ~out["contact_at_company"]).any()
    assert (out["lead_days"].notna() == out["touched_before"]).all()
    assert ((out["lead_days"].dropna() > 0) & (out["lead_days"].dropna() <= 90)).all()
    pd.testing.assert_frame_equal(networked_before_applying(shuffled(data, seed=6)), out)
    pd.testing.assert_frame_equal(per_seeker(networked_before_applying, data), out)
    s = networked_summary(data)
    pd.testing.assert_frame_equal(per_seeker(networked_summary, data), s)
