"""The options shared by the commands (issues 13, 14, 16): defined once, passed to the library
as given, and refused clearly when the installed function does not take them."""

from __future__ import annotations

import pandas as pd
import pytest
import typer

import netlytics
from netlytics.cli import app, main
from netlytics.data import NetworkData

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

SHARED = ["since", "all_history", "stale_days", "me", "owner_url", "future_after", "as_of"]
#: command -> the shared options it offers
OFFERS = {
    "report": SHARED,
    "charts": SHARED,
    "summary": SHARED,
    "plan": SHARED,
    "cohort": ["since", "all_history", "stale_days", "future_after", "as_of"],
    "inspect": ["me", "owner_url", "future_after"],
}
TRACKER = "Date,Who,How\n2025-01-06,Test Person,coffee\n2025-01-08,Other Person,email\n"


def _params(command: str) -> dict:
    return {p.name: p for p in typer.main.get_command(app).commands[command].params}


def test_each_shared_option_is_one_definition():
    for name in SHARED:
        helps = {_params(c)[name].help for c, offered in OFFERS.items() if name in offered}
        opts = {tuple(_params(c)[name].opts) for c, offered in OFFERS.items() if name in offered}
        assert len(helps) == 1 and len(opts) == 1, name
    for command, offered in OFFERS.items():
        assert set(offered) <= set(_params(command)), command


@pytest.fixture
def trackers(tmp_path):
    a, b = tmp_path / "Sam tracker.csv", tmp_path / "Sam more.csv"
    a.write_text(TRACKER)
    b.write_text(TRACKER.replace("Test Person", "Third Person"))
    return a, b


def test_several_paths_load_as_one_seeker(trackers, capsys):
    a, b = trackers
    rc = main(["inspect", str(a), str(b)])
    out = capsys.readouterr().out
    assert rc == 0
    merged = netlytics.load([a, b])
    assert len(merged.seekers) == 1 and len(merged.interactions) == 4  # 2 + 2 rows
    assert f"1 seeker(s) ({merged.seekers[0]})" in out and "4 interactions" in out


def test_load_options_reach_load(trackers, monkeypatch, capsys):
    seen = {}

    def fake_load(path, *, me=None, owner_url=None, future_after=None):
        seen.update(path=path, me=me, owner_url=owner_url, future_after=future_after)
        return NetworkData()

    monkeypatch.setattr(netlytics, "load", fake_load)
    a, b = trackers
    url = "https://www.linkedin.com/in/sam-sample"
    rc = main(["inspect", str(a), str(b), "--me", "sam@example.org", "--me", "s@example.net",
               "--owner-url", url, "--future-after", "2026-12-01"])  # fmt: skip
    assert rc == 0, capsys.readouterr().err
    assert seen == {
        "path": [a, b],
        "me": ("sam@example.org", "s@example.net"),
        "owner_url": url,
        "future_after": "2026-12-01",
    }
    # options not given are not passed at all (the library's defaults apply)
    seen.clear()
    assert main(["inspect", str(a)]) == 0
    assert seen == {"path": a, "me": None, "owner_url": None, "future_after": None}


def _fake_summary(calls):
    def summary(data, *, as_of=None, since=None, stale_days=60):
        calls.append(dict(as_of=as_of, since=since, stale_days=stale_days))
        return pd.DataFrame()

    return summary


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], dict(as_of=None, since=None, stale_days=60)),
        (["--all-history"], dict(as_of=None, since="all", stale_days=60)),
        (["--since", "2025-01-01", "--stale-days", "30", "--as-of", "2025-02-01"],
         dict(as_of="2025-02-01", since="2025-01-01", stale_days=30)),
    ],
)  # fmt: skip
def test_period_options_reach_the_metric(trackers, monkeypatch, capsys, args, expected):
    import netlytics.metrics.summary as module

    calls: list[dict] = []
    monkeypatch.setattr(module, "summary", _fake_summary(calls))
    assert main(["summary", str(trackers[0]), *args]) == 0, capsys.readouterr().err
    assert calls == [expected]


def test_since_and_all_history_contradict(trackers, capsys):
    rc = main(["summary", str(trackers[0]), "--since", "2025-01-01", "--all-history"])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("netlytics: error: --since and --all-history contradict")


def test_an_option_the_library_lacks_is_refused_not_dropped(trackers, monkeypatch, capsys):
    import netlytics.metrics.summary as module

    def old_summary(data, *, as_of=None):
        raise AssertionError("must not be called")

    monkeypatch.setattr(module, "summary", old_summary)
    rc = main(["summary", str(trackers[0]), "--since", "2025-01-01"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.splitlines()[0] == (
        "netlytics: error: --since is not supported by old_summary() in this installation."
    )


def test_stale_days_must_be_positive(trackers, capsys):
    assert main(["plan", str(trackers[0]), "--stale-days", "0"]) == 2
    assert "Invalid value for '--stale-days'" in capsys.readouterr().err


def test_cohort_takes_one_folder(trackers, capsys):
    a, b = trackers
    assert main(["summary", "--cohort", str(a), str(b)]) == 2
    assert "--cohort takes one folder of clients; got 2 paths" in capsys.readouterr().err


def test_plan_caps_reach_next_actions(trackers, monkeypatch, capsys):
    import netlytics.plan as plan

    seen = {}

    def next_actions(data, *, as_of=None, since=None, limit=None, per_type=3, max_actions=10, stale_days=60):
        seen.update(since=since, per_type=per_type, max_actions=max_actions, stale_days=stale_days)
        return pd.DataFrame()

    monkeypatch.setattr(plan, "next_actions", next_actions)
    rc = main(["plan", str(trackers[0]), "--max-actions", "5", "--per-type", "2", "--all-history"])
    assert rc == 0, capsys.readouterr().err
    assert seen == {"since": "all", "per_type": 2, "max_actions": 5, "stale_days": 60}
