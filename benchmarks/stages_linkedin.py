"""Benchmark stage ``load_linkedin``: :func:`netlytics.load` of a LinkedIn export whose
``messages.csv`` holds ``size`` rows (2026 era, an unpacked folder; 1,000,000 rows is ~200 MB).

The export is written once by :func:`netlytics.sample.linkedin_writer.write_export` (not timed):
5,000 fictional connections, messages spread over them, a third of the messages sent by the
owner, bodies of about 120 characters, 2% of rows in SPAM and 1% drafts so the exclusion rules
run too. Budget (issue 9): 1,000,000 rows in under 10 s with peak memory under 2 GB.

Registered by importing this module (``benchmarks/run.py`` does)::

    python -m benchmarks.run --stages load_linkedin --sizes 1000000 --repeat 3
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.stages import register

OWNER_URL = "https://www.linkedin.com/in/ada-quill-bench-fictional"
N_PEOPLE = 5_000


def build_spec(size: int, *, seed: int = 0):
    """An :class:`~netlytics.sample.linkedin_writer.ExportSpec` with ``size`` messages."""
    from netlytics.sample.linkedin_writer import ExportSpec

    rng = np.random.default_rng(seed)
    n_people = min(N_PEOPLE, max(10, size // 20))
    ids = np.arange(n_people)
    first = pd.Series([f"Test{i}" for i in ids])
    last = pd.Series([f"Fictional{i % 97}" for i in ids])
    urls = "https://www.linkedin.com/in/test-person-" + pd.Series(ids).astype(str) + "-fictional"
    start = pd.Timestamp("2023-01-01", tz="UTC")
    connections = pd.DataFrame(
        {
            "first_name": first,
            "last_name": last,
            "url": urls,
            "email": "",
            "company": "Example Co " + pd.Series(ids % 300).astype(str),
            "position": "Engineer",
            "connected_on": start + pd.to_timedelta(rng.integers(0, 700, n_people), unit="D"),
        }
    )
    who = rng.integers(0, n_people, size)
    sent = rng.random(size) < 1 / 3
    at = start + pd.to_timedelta(np.sort(rng.integers(0, 3 * 365 * 86400, size)), unit="s")
    owner_name = "Ada Quill"
    person_name = (first + " " + last).to_numpy()[who]
    person_url = urls.to_numpy()[who]
    folder = np.where(rng.random(size) < 0.02, "SPAM", np.where(sent, "SENT", "INBOX"))
    draft = rng.random(size) < 0.01
    folder = np.where(draft, "", folder)
    body = "Hello, this is a fictional benchmark message number " + pd.Series(np.arange(size)).astype(str)
    body = body + " about coffee, referrals and the role we discussed last week. Thanks!"
    messages = pd.DataFrame(
        {
            "conversation_id": "conv-" + pd.Series(who).astype(str),
            "conversation_title": "",
            "from_name": np.where(sent, owner_name, person_name),
            "sender_url": np.where(sent, OWNER_URL, person_url),
            "to_names": np.where(sent, person_name, owner_name),
            "recipient_urls": np.where(sent, person_url, OWNER_URL),
            "at": at,
            "subject": "",
            "content": body,
            "folder": folder,
            "is_draft": draft,
        }
    )
    return ExportSpec("Ada", "Quill", OWNER_URL, connections=connections, messages=messages)


def write(size: int, path: str | Path) -> Path:
    """Write the benchmark export of ``size`` messages to the folder ``path``."""
    from netlytics.sample.linkedin_writer import write_export

    return write_export(Path(path), build_spec(size), era="2026")


def _setup(size, workdir):
    # written in a child process, so that the peak memory the harness reports (the benchmark
    # process's ru_maxrss) is the load's, not the generator's
    path = Path(workdir) / "export"
    code = f"from benchmarks.stages_linkedin import write; write({int(size)}, {str(path)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])
    return path


def _run(path):
    import netlytics

    data = netlytics.load(path)
    assert len(data.interactions) > 0


register(
    "load_linkedin",
    _setup,
    _run,
    "netlytics.load of an unpacked LinkedIn export with SIZE message rows (2026 era)",
)
