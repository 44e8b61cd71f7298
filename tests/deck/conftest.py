"""Decks written once per test session: the sample seeker, the sample cohort, a tiny seeker."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    if (SAMPLE / "tracker.xlsx").is_file() and (SAMPLE / "cohort").is_dir():
        return SAMPLE
    from netlytics.sample import generate_sample

    out = tmp_path_factory.mktemp("sample")
    generate_sample(out)
    return out


@pytest.fixture(scope="session")
def tiny():
    """Ana: 6 outbound touches (3 e-mail, 2 video, 1 in person) to Ben Stone and Cy Moss."""
    from netlytics.data import NetworkData

    ix = pd.DataFrame(
        {
            "seeker": "Ana Li",
            "interaction_id": [str(i) for i in range(6)],
            "contact_id": ["ben@x.org", "cy@x.org", "ben@x.org", "cy@x.org", "ben@x.org", "cy@x.org"],
            "at": pd.date_range("2025-03-03 10:00", periods=6, freq="D", tz="UTC"),
            "channel": ["email", "email", "email", "video", "video", "in_person"],
            "direction": "outbound",
            "kind": "message",
        }
    )
    contacts = pd.DataFrame(
        {"seeker": "Ana Li", "contact_id": ["ben@x.org", "cy@x.org"], "name": ["Ben Stone", "Cy Moss"]}
    )
    return NetworkData(interactions=ix, contacts=contacts)


@pytest.fixture(scope="session")
def seeker_data(sample_dir):
    import netlytics

    return netlytics.load(sample_dir)


@pytest.fixture(scope="session")
def cohort_data(sample_dir):
    import netlytics

    return netlytics.load_cohort(sample_dir / "cohort")


@pytest.fixture(scope="session")
def seeker_deck(seeker_data, tmp_path_factory) -> Path:
    from netlytics.deck import write_deck

    return write_deck(seeker_data, tmp_path_factory.mktemp("deck") / "seeker.pptx")


@pytest.fixture(scope="session")
def cohort_deck(cohort_data, tmp_path_factory) -> Path:
    from netlytics.deck import write_deck

    return write_deck(cohort_data, tmp_path_factory.mktemp("deck") / "cohort.pptx", cohort=True)
