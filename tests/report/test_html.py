"""The job seeker's report: content, numbers, escaping, size, atomic and safe writing."""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import plotly.offline
import pytest
from markupsafe import escape

import netlytics
from netlytics.data import NetworkData
from netlytics.errors import OutputError, ParameterError
from netlytics.report.html import figure_json, html_table, plotly_text, write_report

from .conftest import SEEKER, XSS_COMPANY, XSS_NAME, leaked

SECTIONS = ["glance", "channel", "priority", "giving", "follow-up", "results", "coverage", "problems"]

_SCORE_DIV = re.compile(
    r'<div class="advice [a-z_]+" data-role="scorecard" data-mistake="([a-z_]+)" data-metric="([a-z_]+)" '
    r'data-value="([^"]*)" data-status="([a-z_]+)" data-evidence="(\d+)">'
)


def scorecard_in_page(text: str) -> pd.DataFrame:
    rows = [
        {"mistake": m, "metric": k, "value": float(v) if v else float("nan"), "status": s, "evidence": int(e)}
        for m, k, v, s, e in _SCORE_DIV.findall(text)
    ]
    return pd.DataFrame(rows)


def shown_evidence(data, card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard with the follow-up evidence the page states: triggers answered or past due.

    The on-time share is computed on those triggers, so the page, the tiles and the advice
    ("384 of 506 follow-ups were on time") say one number (issue 17).
    """
    from netlytics.metrics.measures import Measures

    fu = Measures.compute(data).follow_up  # the report's period: the last 12 months
    settled = (~fu["censored"] | fu["open_loop"] | fu["stale"]).groupby(fu["seeker"]).sum()
    is_fu = card["mistake"] == "follow_up"
    return card.assign(
        evidence=card["evidence"].where(~is_fu, card["seeker"].map(settled).fillna(0)).astype(int)
    )


@pytest.fixture
def tiny_report(tiny, tmp_path):
    return write_report(tiny, tmp_path / "report.html").read_text(encoding="utf-8")


def test_sections_present_in_order(tiny_report):
    positions = [tiny_report.find(f'<section id="{s}"') for s in SECTIONS]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)


def test_key_numbers_equal_the_scorecard(tiny, tiny_report):
    page = scorecard_in_page(tiny_report)
    card = netlytics.scorecard(tiny)
    assert len(page) == 4
    merged = page.merge(shown_evidence(tiny, card), on="mistake", suffixes=("_page", ""))
    assert (merged["metric_page"] == merged["metric"]).all()
    assert (merged["status_page"] == merged["status"]).all()
    assert (merged["evidence_page"] == merged["evidence"]).all()
    assert merged["value_page"].to_numpy() == pytest.approx(merged["value"].to_numpy(), nan_ok=True)
    # hand-checked (conftest): 6 of 8 touches written -> 0.75, a mistake, on 8 touches
    channel = page.set_index("mistake").loc["channel"]
    assert (channel["value"], channel["status"], channel["evidence"]) == (0.75, "mistake", 8)
    # every advice sentence is in the page (escaped)
    for advice in card["advice"]:
        assert str(escape(advice)) in tiny_report


def test_problem_summary_counts_every_problem(tiny, tiny_report):
    m = re.search(r'data-role="problem-count" data-value="(\d+)"', tiny_report)
    assert m and int(m.group(1)) == len(tiny.problems) == 2
    assert "&lt;b&gt;carrier pigeon&lt;/b&gt;" in tiny_report
    assert "<b>carrier pigeon</b>" not in tiny_report


def test_plotly_js_embedded_exactly_once_and_no_remote_resource(tiny_report):
    head = plotly.offline.get_plotlyjs()[:300]
    assert tiny_report.count(head) == 1
    assert tiny_report.count("<script>") == 2  # plotly.js and the small boot script
    ours = tiny_report.replace(plotly.offline.get_plotlyjs(), "")  # the page without plotly.js
    assert "cdn.plot.ly" not in ours and "http://" not in ours
    assert not re.search(r'(src|href)="(https?:)?//', ours)
    assert "@import" not in ours and "fonts.googleapis" not in ours


def test_every_figure_has_a_div_and_json(tiny_report):
    divs = re.findall(r'<div class="figure[^"]*" id="(nl-fig-\d+)"', tiny_report)
    data = re.findall(r'<script type="application/json" data-figure="(nl-fig-\d+)">', tiny_report)
    assert divs == data and len(divs) >= 7


def test_user_strings_are_escaped(tiny_report):
    assert XSS_NAME not in tiny_report
    assert XSS_COMPANY not in tiny_report
    assert "<img" not in tiny_report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tiny_report  # open loops table and advice
    # inside the figure JSON nothing can close the script element
    for payload in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', tiny_report, re.S):
        assert "</" not in payload
        json.loads(payload)


def test_coverage_notes_linkedin_only(tiny, tmp_path):
    ix = tiny.interactions.assign(origin="linkedin")
    text = write_report(tiny.replace(interactions=ix), tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Channel mix not measured: only LinkedIn data" in text


def test_loader_notes_are_listed(tiny, tmp_path):
    notes = pd.DataFrame(
        {
            "seeker": ["Sam Sample"],
            "source": ["Invitations.csv"],
            "topic": ["coverage"],
            "note": ["Invitations.csv covers only the last 145 days <sic>"],
        }
    )
    text = write_report(tiny.replace(notes=notes), tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Invitations.csv covers only the last 145 days &lt;sic&gt;" in text


def test_this_week_section_comes_first_and_lists_the_actions(tiny, tmp_path):
    from netlytics.plan import next_actions

    text = write_report(tiny, tmp_path / "b.html").read_text(encoding="utf-8")
    assert text.find('id="this-week"') < text.find('id="glance"')
    week = text.split('id="this-week"')[1].split("</section>")[0]
    actions = next_actions(tiny, as_of=tiny.latest_timestamp())
    assert len(actions) >= 1  # the unanswered referral from ben at least
    assert week.count("<li") == len(actions)
    assert XSS_NAME not in week


def test_as_of_leaves_later_data_out(tiny, tmp_path):
    # as of 2025-03-05 23:59 only I1..I4 count: 4 touches (I1 I2 I4 written) -> not measured (< 5)
    text = write_report(tiny, tmp_path / "r.html", as_of="2025-03-05 23:59").read_text(encoding="utf-8")
    channel = scorecard_in_page(text).set_index("mistake").loc["channel"]
    assert (channel["evidence"], channel["status"]) == (4, "not_measured")


def test_workshop_theme_pseudonymises_everything(tiny, tmp_path):
    text = write_report(tiny, tmp_path / "r.html", theme="workshop").read_text(encoding="utf-8")
    default = write_report(tiny, tmp_path / "d.html").read_text(encoding="utf-8")
    assert set(leaked(default)) >= {XSS_NAME, "Cy Fixture", SEEKER, "tracker.xlsx"}  # the scan works
    # not in figures, tables, advice, next actions, title, file names or problem values
    assert leaked(text) == []
    assert "Client 01" in text and "source 01.xlsx" in text
    # the same alias names ben (the referrer, Sam's only open thank-you) everywhere: in "This
    # week", in the open-loops table and in the network figure's JSON
    week = text.split('id="this-week"')[1].split("</section>")[0]
    ben = re.search(r"Thank (Contact \d{4})</strong>", week).group(1)
    loops = text.split('id="follow-up"')[1].split('id="results"')[0]
    assert f"<td>{ben}</td>" in loops
    assert ben in text.split('id="network"')[1]
    # pseudonymising renames people, not numbers: the scorecard is the same
    pd.testing.assert_frame_equal(scorecard_in_page(text), scorecard_in_page(default))


def test_empty_data_still_writes_a_page(tmp_path):
    text = write_report(NetworkData(), tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'data-role="problem-count" data-value="0"' in text


def test_refuses_to_overwrite_an_input(tiny, tmp_path):
    target = tmp_path / "tracker.html"
    target.write_text("input", encoding="utf-8")
    with pytest.raises(OutputError, match="input"):
        write_report(tiny, target, inputs=[target])
    assert target.read_text(encoding="utf-8") == "input"


def test_wrong_suffix_and_theme_are_refused(tiny, tmp_path):
    with pytest.raises(ParameterError, match=r"\.html"):
        write_report(tiny, tmp_path / "report.pdf")
    with pytest.raises(ParameterError, match="workshop"):
        write_report(tiny, tmp_path / "report.html", theme="workshp")
    assert list(tmp_path.iterdir()) == []


def test_figure_json_escapes_script_end():
    fig = go.Figure(go.Bar(x=["</script><script>alert(1)</script>"], y=[1]))
    text = figure_json(fig)
    assert "</" not in text
    assert json.loads(text)["data"][0]["x"] == ["</script><script>alert(1)</script>"]


def test_plotly_text_and_html_table_escape():
    assert plotly_text("A & <b>") == "A &amp; &lt;b&gt;"
    t = pd.DataFrame({"who": ['"><img src=x>'], "n": [3]})
    out = html_table(t)
    assert "<img" not in out and "&#34;&gt;&lt;img src=x&gt;" in out


def test_html_table_caps_rows():
    t = pd.DataFrame({"n": range(120)})
    out = html_table(t, max_rows=50)
    assert out.count("<tr>") == 51 and "and 70 more" in out


def test_sample_report(sample_seeker, tmp_path):
    path = write_report(sample_seeker, tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    size = path.stat().st_size
    assert len(plotly.offline.get_plotlyjs()) < size < 10_000_000
    page = scorecard_in_page(text)
    card = netlytics.scorecard(sample_seeker)
    merged = page.merge(shown_evidence(sample_seeker, card), on="mistake", suffixes=("_page", ""))
    assert len(merged) == 4
    assert (merged["status_page"] == merged["status"]).all()
    assert (merged["evidence_page"] == merged["evidence"]).all()
    assert merged["value_page"].to_numpy() == pytest.approx(merged["value"].to_numpy(), nan_ok=True)
    # one number of triggers (issue 17): the advice's "384 of 506 follow-ups" is what the page
    # says the follow-up status rests on
    advice = card.set_index("mistake").loc["follow_up", "advice"]
    n = int(re.search(r"\d+ of (\d+) follow-ups", advice).group(1))
    assert page.set_index("mistake").loc["follow_up", "evidence"] == n
    assert f"based on {n:,} triggers answered or past due" in text
    m = re.search(r'data-role="problem-count" data-value="(\d+)"', text)
    assert int(m.group(1)) == len(sample_seeker.problems)
    for note in sample_seeker.notes["note"]:
        assert str(escape(note)) in text
