"""The sample folder the notebooks read (data/sample, or a freshly generated copy)."""

from __future__ import annotations

from pathlib import Path

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
