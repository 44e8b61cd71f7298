"""The coach's cohort report: attention order, per-client scorecards, trend, escaping."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from markupsafe import escape

import netlytics
from netlytics.data import NetworkData
from netlytics.figures import attention
from netlytics.report.cohort import trend_table, write_cohort_report

from .conftest import leaked
from .test_html import scorecard_in_page


def two_clients(tiny) -> NetworkData:
    """Sam (the tiny fixture) plus "Quinn Quiet": Sam's data with every touch written by LinkedIn.

    Quinn's channel mix is therefore not measured (LinkedIn only): Sam has more mistakes and is
    listed first.
    """
    q = {
        name: getattr(tiny, name).assign(seeker="Quinn Quiet")
        for name in ("contacts", "interactions", "applications")
    }
    q["interactions"] = q["interactions"].assign(origin="linkedin")
    return NetworkData.concat(
        [tiny, tiny.replace(problems=tiny.problems.iloc[:0], sources=tiny.sources.iloc[:0], **q)]
    )


def test_attention_order_and_scorecards(tiny, tmp_path):
    data = two_clients(tiny)
    text = write_cohort_report(data, tmp_path / "c.html", trend_weeks=2).read_text(encoding="utf-8")
    expected = attention(netlytics.summary(data))["seeker"].tolist()
    assert expected == ["Sam Sample", "Quinn Quiet"]
    assert re.findall(r'<h3 data-client="([^"]+)">', text) == expected
    page = scorecard_in_page(text)
    card = netlytics.scorecard(data)
    assert len(page) == len(card) == 8
    assert sorted(page["status"]) == sorted(card["status"])
    assert "Quinn Quiet: Channel mix not measured: only LinkedIn data" in text
    m = re.search(r'data-role="problem-count" data-value="(\d+)"', text)
    assert int(m.group(1)) == len(data.problems) == 2


def test_sections_and_single_plotly(tiny, tmp_path):
    text = write_cohort_report(two_clients(tiny), tmp_path / "c.html", trend_weeks=2).read_text(
        encoding="utf-8"
    )
    for key in ("attention", "weekly", "strips", "trend", "scorecards", "coverage", "problems"):
        assert f'<section id="{key}"' in text
    assert text.count("<script>") == 2
    # one figure per cohort spec of the registry but the attention table, each with its caption
    assert len(re.findall(r'data-figure="nl-fig-\d+"', text)) == 4
    assert text.count("<figcaption>") == 4


def test_nudges_top_three_per_client(tiny, tmp_path):
    from netlytics.plan import next_actions, nudges

    data = two_clients(tiny)
    text = write_cohort_report(data, tmp_path / "c.html", trend_weeks=2).read_text(encoding="utf-8")
    assert 'id="nudges"' in text
    expected = nudges(next_actions(data, as_of=data.latest_timestamp()), per_seeker=3)
    for seeker, note in zip(expected["seeker"], expected["text"], strict=True):
        assert f'<div class="nudge" data-client="{seeker}">{escape(note)}</div>' in text
    # workshop: the nudges are there too, naming only pseudonyms ("Client 01" "Contact 0004")
    workshop = write_cohort_report(data, tmp_path / "w.html", theme="workshop", trend_weeks=2)
    text = workshop.read_text(encoding="utf-8")
    notes = re.findall(r'<div class="nudge" data-client="(Client \d+)">([^<]*)</div>', text)
    assert len(notes) == 2 and all(re.search(r"Contact \d{4}", note) for _, note in notes)
    assert leaked(text) == []


def test_trend_table_ends_at_as_of(tiny):
    as_of = pd.Timestamp("2025-03-11 12:00", tz="UTC")
    t = trend_table(tiny, as_of=as_of, weeks=3)
    assert t["as_of"].drop_duplicates().tolist() == [
        as_of - pd.Timedelta(days=14),
        as_of - pd.Timedelta(days=7),
        as_of,
    ]
    last = t[t["as_of"] == as_of].reset_index(drop=True)
    pd.testing.assert_frame_equal(last, netlytics.summary(tiny, as_of=as_of))
    with pytest.raises(ValueError, match="weeks"):
        trend_table(tiny, as_of=as_of, weeks=0)


def test_workshop_theme_uses_client_pseudonyms(tiny, tmp_path):
    text = write_cohort_report(
        two_clients(tiny), tmp_path / "c.html", theme="workshop", trend_weeks=2
    ).read_text(encoding="utf-8")
    table = text.split('id="attention"')[1].split("</section>")[0]
    assert "Client 01" in table and "Client 02" in table
    # no client, contact, file name or problem value anywhere: scorecard advice, nudges, coverage
    # notes, the problems section and the data-client attributes included
    assert leaked(text) == []


def test_sample_cohort(sample_cohort, tmp_path):
    path = write_cohort_report(sample_cohort, tmp_path / "cohort.html")
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size < 10_000_000
    assert len(re.findall(r'<h3 data-client="', text)) == len(sample_cohort.seekers) == 12
    page = scorecard_in_page(text)
    assert len(page) == 48
    m = re.search(r'data-role="problem-count" data-value="(\d+)"', text)
    assert int(m.group(1)) == len(sample_cohort.problems)
    assert str(escape(sample_cohort.seekers[0])) in text
