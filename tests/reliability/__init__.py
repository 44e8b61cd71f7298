"""Reliability and safety tests (issue 9): hostile and broken inputs, accounting, round trips,
privacy, no network. Shared helpers live here; ``scripts/reliability_report.py`` runs these
tests and turns what they :func:`record` into the table in ``docs/reliability.md``."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import netlytics
from netlytics.data import NetworkData
from netlytics.errors import NetlyticsError

#: when set, the session writes the recorded outcomes as JSON to this path
RESULTS_ENV = "NETLYTICS_RELIABILITY_JSON"

_RESULTS: dict[str, Counter] = defaultdict(Counter)


def record(case: str, outcome: str, n: int = 1) -> None:
    """Count ``n`` examples of ``case`` that ended in ``outcome``."""
    _RESULTS[case][outcome] += n


def dump(path: str | os.PathLike) -> None:
    rows = [{"case": case, "examples": sum(c.values()), "outcomes": dict(c)} for case, c in _RESULTS.items()]
    Path(path).write_text(json.dumps(rows, indent=1, sort_keys=True), encoding="utf-8")


def assert_accounted(data: NetworkData) -> None:
    """Per file: rows read = loaded + excluded + problems."""
    inv = data.inventory()
    total = inv["loaded"] + inv["excluded"] + inv["problems"]
    bad = inv[inv["rows_read"] != total]
    assert bad.empty, f"rows lost or double-counted:\n{bad}"


def outcome_of(path: Path, *, loader=None, names=(), **kwargs) -> str:
    """Load ``path``; a NetlyticsError must name the file (or one of ``names``); a load must
    account for every row. Any other exception propagates (and fails the test).

    Returns ``"error"``, ``"problems"`` (loaded, some rows reported), ``"loaded"`` (every row
    loaded) or ``"empty"`` (no data row to load: a header alone, or nothing).
    """
    loader = loader or netlytics.load
    try:
        data = loader(path, **kwargs)
    except NetlyticsError as err:
        msg = str(err)
        wanted = {Path(path).name, *names}
        assert any(w in msg for w in wanted), f"error does not name the file {wanted}: {msg}"
        assert len(msg) > len(Path(path).name) + 10, f"error gives no cause: {msg}"
        return "error"
    assert_accounted(data)
    if len(data.problems):
        return "problems"
    return "loaded" if int(data.inventory()["rows_read"].sum()) else "empty"
