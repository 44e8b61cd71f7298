"""Fixtures of the report tests: a tiny hand-checked seeker (with hostile names) and the sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from netlytics.data import NetworkData

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"

XSS_NAME = "<script>alert(1)</script>"
XSS_COMPANY = "<img src=x onerror=alert(1)>"
SEEKER = "Sam Sample"

#: What must never reach a workshop-theme output of the tiny fixture: people, the seeker, the
#: file name and the problem values (companies are kept on purpose).
WORKSHOP_SECRETS = [
    XSS_NAME,
    "Cy Fixture",
    "Dee Example",
    "Eve Placeholder",
    SEEKER,
    "Quinn Quiet",
    "tracker.xlsx",
    "carrier pigeon",
    "smoke signal",
]


def leaked(text: str, secrets=WORKSHOP_SECRETS) -> list[str]:
    """The secrets found in ``text`` once HTML entities and JSON escapes are undone."""
    import html

    plain = html.unescape(text)
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        plain = plain.replace(code, char)
    return [s for s in secrets if s.lower() in plain.lower()]


def _ts(values):
    return pd.to_datetime(values, utc=True)


def tiny_data() -> NetworkData:
    """Sam Sample (fictional), as of 2025-03-11 12:00 UTC.

    Eight interactions, eight touches (no two share contact, channel and day):
    written = e-mail/LinkedIn ones = I1, I2, I4, I5, I6, I7 -> written_share 6/8 = 0.75 > 0.5:
    channel status "mistake", evidence 8. One inbound referral from ben (I6, 03-07) is never
    thanked (thank-you due 03-08) and cy's message (I5, 03-06) never answered (due 03-08): open
    loops. The contact ben is called ``<script>alert(1)</script>`` and works at
    ``<img src=x onerror=alert(1)>``, where Sam also applied. Two problem rows.
    """
    contacts = pd.DataFrame(
        {
            "seeker": SEEKER,
            "contact_id": ["ben", "cy", "dee", "eve"],
            "name": [XSS_NAME, "Cy Fixture", "Dee Example", "Eve Placeholder"],
            "company": [XSS_COMPANY, "Acme", "Initech", "Globex"],
            "source": "tracker.xlsx:contacts",
        }
    )
    ix = pd.DataFrame(
        {
            "seeker": SEEKER,
            "interaction_id": [f"I{i}" for i in range(1, 9)],
            "contact_id": ["ben", "cy", "ben", "dee", "cy", "ben", "eve", "dee"],
            "at": _ts(
                [
                    "2025-03-03 09:00",
                    "2025-03-03 10:00",
                    "2025-03-04 12:00",
                    "2025-03-05 09:00",
                    "2025-03-06 09:00",
                    "2025-03-07 09:00",
                    "2025-03-10 09:00",
                    "2025-03-11 12:00",
                ]
            ),
            "channel": ["email", "email", "in_person", "email", "email", "email", "linkedin", "phone"],
            "direction": ["outbound"] * 4 + ["inbound"] * 2 + ["outbound"] * 2,
            "kind": ["message", "message", "meeting", "message", "message", "referral", "message", "message"],
            "source": "tracker.xlsx:interactions",
            "source_row": range(2, 10),
            "origin": "tracker",
        }
    )
    apps = pd.DataFrame(
        {
            "seeker": SEEKER,
            "application_id": ["A1"],
            "company": [XSS_COMPANY],
            "role": ["Analyst"],
            "applied_at": _ts(["2025-03-10 08:00"]),
            "via": ["online"],
            "status": ["applied"],
            "source": "tracker.xlsx:applications",
            "source_row": [2],
        }
    )
    problems, sources = _tiny_accounting()
    return NetworkData(
        contacts=contacts, interactions=ix, applications=apps, problems=problems, sources=sources
    )


def _tiny_accounting() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The problems and per-file accounting of :func:`tiny_data`: two problem rows."""
    problems = pd.DataFrame(
        {
            "seeker": SEEKER,
            "source": "tracker.xlsx:interactions",
            "source_row": [10, 11],
            "column": "channel",
            "value": ["<b>carrier pigeon</b>", "smoke signal"],
            "reason": "unknown channel; allowed: in_person, video, phone, email, linkedin, text, other",
        }
    )
    sources = pd.DataFrame(
        {
            "seeker": SEEKER,
            "source": ["tracker.xlsx:contacts", "tracker.xlsx:interactions", "tracker.xlsx:applications"],
            "table": ["contacts", "interactions", "applications"],
            "rows_read": [4, 10, 1],
            "loaded": [4, 8, 1],
            "excluded": [0, 0, 0],
            "problems": [0, 2, 0],
        }
    )
    return problems, sources


@pytest.fixture
def tiny() -> NetworkData:
    return tiny_data()


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """data/sample when it is there, else a fresh copy generated with the default seed."""
    if (SAMPLE / "tracker.xlsx").is_file() and (SAMPLE / "cohort").is_dir():
        return SAMPLE
    from netlytics.sample import generate_sample

    out = tmp_path_factory.mktemp("sample")
    generate_sample(out)
    return out


@pytest.fixture(scope="session")
def sample_seeker(sample_dir) -> NetworkData:
    import netlytics
    from netlytics.cli.report import resolve_inputs

    return netlytics.load(resolve_inputs(sample_dir))


@pytest.fixture(scope="session")
def sample_cohort(sample_dir) -> NetworkData:
    import netlytics

    return netlytics.load_cohort(sample_dir / "cohort")
