"""What the report says: captions, the period, stale loops, evidence, sources, outcomes."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from markupsafe import escape

from netlytics.data import NetworkData
from netlytics.figures import registry
from netlytics.report.content import follow_up_counts, source_notes
from netlytics.report.html import write_report


@pytest.fixture
def tiny_report(tiny, tmp_path):
    return write_report(tiny, tmp_path / "report.html").read_text(encoding="utf-8")


def section(text: str, key: str) -> str:
    return text.split(f'<section id="{key}"')[1].split("</section>")[0]


def test_every_figure_carries_its_registry_caption(tiny_report):
    figures = re.findall(
        r'<figure class="chart" data-figure-name="([a-z_]+)">.*?<figcaption>(.*?)</figcaption></figure>',
        tiny_report,
        re.S,
    )
    names = [s.name for s in registry.specs("seeker") if s.name != "open_loops"]
    assert [n for n, _ in figures] == names  # every seeker figure, in registry order
    for name, caption in figures:
        assert str(escape(registry.get(name).caption)) in caption
    # the open loops are an HTML table (searchable), under the same caption
    assert str(escape(registry.get("open_loops").caption)) in section(tiny_report, "follow-up")


def test_the_period_judged_is_stated(tiny_report):
    # as_of = the latest timestamp, 11 Mar 2025; default period: the last 12 months
    header = tiny_report.split("<main>")[0]
    assert "Judging the last 12 months" in header
    assert "11 Mar 2025" in header and "2024" in header


def test_every_status_states_what_it_rests_on(tiny_report):
    verdicts = re.findall(r'data-role="scorecard".*?<span class="muted">\((.*?)\)</span>', tiny_report)
    assert len(verdicts) == 4
    for text in verdicts:
        assert re.match(
            r"based on \d+ (touch|touches|give or receive|gives and receives|triggers? answered or past due) in ",
            text,
        )
    # the table of the glance section says it too
    assert section(tiny_report, "glance").count("based on ") >= 4


def test_stale_loops_are_counted_and_listed_apart(tiny, tmp_path):
    # as of 1 June 2025 four triggers have waited over 60 days, unanswered: the meeting with ben
    # (I3, 4 Mar: a thank-you), cy's message (I5, 6 Mar: a reply) and ben's referral (I6, 7 Mar: a
    # thank-you and a lead). Stale, so not open loops
    text = write_report(tiny, tmp_path / "r.html", as_of="2025-06-01").read_text(encoding="utf-8")
    fu = section(text, "follow-up")
    m = re.search(r'<h3 data-role="stale-loops" data-value="(\d+)">Stale loops worth reviving</h3>', fu)
    assert m and int(m.group(1)) == 4
    assert "No open loops" in fu
    assert "left unanswered for over 60 days" in fu


def test_follow_up_counts_one_number_of_triggers():
    fu = pd.DataFrame(
        {
            "seeker": ["Ana"] * 5,
            "censored": [False, False, True, True, True],
            "open_loop": [False, False, True, False, False],
            "on_time": [True, False, False, False, False],
            "stale": [False, False, False, True, False],
        }
    )
    # 5 triggers; settled = 2 answered + 1 open past due + 1 stale = 4 (the on-time share's
    # denominator, as the scorecard's advice counts it: "1 of 4 follow-ups were on time")
    assert follow_up_counts(fu).loc["Ana"].to_dict() == {
        "triggers": 5,
        "settled": 4,
        "on_time": 1,
        "open_loops": 1,
        "stale": 1,
    }


def test_outcomes_not_recorded_are_said_so(tiny_report):
    # the tiny seeker's only application is still "applied": no outcome recorded (METRICS 5b)
    results = section(tiny_report, "results")
    assert "not recorded" in results
    assert ">0%<" not in results
    assert "Outcomes not recorded: none of the 1 applications" in section(tiny_report, "coverage")


def _mail_data() -> NetworkData:
    """Ana's mailbox (6 rows read: 3 loaded, 3 excluded), calendar (2 meetings) and LinkedIn (1)."""
    ts = pd.to_datetime(
        ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-05 10:00", "2025-03-05 15:00", "2025-03-06"],
        utc=True,
        format="ISO8601",
    )
    ix = pd.DataFrame(
        {
            "seeker": "Ana",
            "interaction_id": [f"i{k}" for k in range(6)],
            "contact_id": ["bo", "cy", "bo", "dee", "dee", "eve"],
            "at": ts,
            "channel": ["email", "email", "email", "video", "email", "linkedin"],
            "direction": ["outbound", "inbound", "outbound", "outbound", "outbound", "inbound"],
            "kind": ["message", "message", "message", "meeting", "thank_you", "message"],
            "source": ["Mail/All.mbox"] * 3 + ["Calendar/ana.ics", "Mail/All.mbox", "messages.csv"],
            "origin": ["email", "email", "email", "calendar", "email", "linkedin"],
            "inferred": [False, False, False, False, True, False],
        }
    )
    excluded = pd.DataFrame(
        {
            "seeker": "Ana",
            "source": ["Mail/All.mbox"] * 3,
            "source_row": [4, 5, 6],
            "reason": ["bulk or list mail", "bulk or list mail", "unknown one-way sender"],
        }
    )
    sources = pd.DataFrame(
        {
            "seeker": "Ana",
            "source": ["Mail/All.mbox", "Calendar/ana.ics", "messages.csv"],
            "table": "interactions",
            "rows_read": [7, 3, 1],
            "loaded": [4, 1, 1],
            "excluded": [3, 2, 0],
            "problems": [0, 0, 0],
        }
    )
    return NetworkData(interactions=ix, excluded=excluded, sources=sources)


def test_coverage_names_each_source_and_its_counts():
    data = _mail_data()
    notes = source_notes(data, data.interactions)
    assert notes[0] == "Channel mix from e-mail 4 messages, calendar 1 meetings, LinkedIn 1 messages."
    assert notes[1] == (
        "E-mail: 7 messages read, 3 excluded (2 bulk or list mail; 1 unknown one-way sender) "
        "(a message counts once per counterpart)."
    )
    assert notes[2] == "Calendar: 3 meetings read, 2 excluded (no reason given)." or notes[2].startswith(
        "Calendar: 3 meetings read, 2 excluded"
    )
    assert notes[3].startswith("1 thank-yous were inferred, not recorded")
