"""Cohort views: attention order, small multiples, strips, weekly trend."""

import pandas as pd
import pytest

from netlytics.figures.cohort import attention, plot_attention, plot_small_multiples
from netlytics.figures.standing import plot_cohort_trend, plot_strips
from netlytics.figures.theme import STATUS_COLORS

STATUS = ["channel_status", "priority_status", "giving_status", "follow_up_status"]


def summary():
    return pd.DataFrame(
        {
            "seeker": ["Ana", "Ben", "Cy", "Dee"],
            "channel_status": ["mistake", "ok", "mistake", "not_measured"],
            "priority_status": ["ok", "ok", "mistake", "not_measured"],
            "giving_status": ["ok", "watch", "ok", "not_measured"],
            "follow_up_status": ["ok", "ok", "ok", "not_measured"],
            "written_share": [0.55, 0.3, 0.9, 1.0],
            "active_week_share": [0.9, 0.8, 0.25, 0.0],
            "networked_share": [0.0, 0.9, 1.0, 0.0],
            "applications": [2, 5, 3, 9],
            "give_share": [0.5, 0.35, 0.6, 0.0],
            "reply_n": [4, 1, 0, 0],
            "reply_on_time_share": [1.0, 0.0, None, None],
            "lead_n": [0, 3, 0, 0],
            "lead_on_time_share": [None, 1.0, None, None],
        }
    )


def test_attention_order_and_margins():
    out = attention(summary())
    # Cy 2 mistakes; Ana 1; Ben 0 mistakes but 1 watch; Dee nothing measured
    assert out["seeker"].tolist() == ["Cy", "Ana", "Ben", "Dee"]
    assert out["mistakes"].tolist() == [2, 1, 0, 0]
    assert out["watches"].tolist() == [0, 0, 1, 0]
    # Cy: written 0.9 - 0.5 = 0.4; active 0.5 - 0.25 = 0.25; networked 0.25 - 1 (3 apps) = -0.75
    assert out.loc[0, "worst_rule"] == "written_share"
    assert out.loc[0, "worst_margin"] == pytest.approx(0.4)
    # Ana: networked_share 0 is ignored (only 2 applications); written 0.05 is the worst
    assert out.loc[1, "worst_rule"] == "written_share"
    assert out.loc[1, "worst_margin"] == pytest.approx(0.05)
    # Ben: on-time pooled (1 reply at 0.0, 3 leads at 1.0) = 0.75 -> 0.5 - 0.75 = -0.25;
    # give 0.2 - 0.35 = -0.15 is the nearest
    assert out.loc[2, "worst_rule"] == "give_share"
    assert out.loc[2, "worst_margin"] == pytest.approx(-0.15)
    # Dee: everything not measured -> no margin
    assert pd.isna(out.loc[3, "worst_margin"])


def test_attention_ties_break_on_margin():
    s = summary().iloc[[0, 0]].reset_index(drop=True)
    s.loc[1, "seeker"], s.loc[1, "written_share"] = "Zed", 0.8
    assert attention(s)["seeker"].tolist() == ["Zed", "Ana"]


def test_plot_attention_cells():
    fig = plot_attention(summary(), template="workshop")
    cells = fig.data[0].cells
    # workshop pseudonyms numbered in sorted seeker order: Ana 01, Ben 02, Cy 03, Dee 04
    assert list(cells.values[0]) == ["Client 03", "Client 01", "Client 02", "Client 04"]
    assert list(cells.fill.color[3]) == [
        STATUS_COLORS["mistake"],
        STATUS_COLORS["mistake"],
        STATUS_COLORS["ok"],
        STATUS_COLORS["not_measured"],
    ]
    assert list(cells.values[-1])[:2] == ["40 pts past it", "5 pts past it"]


def test_small_multiples_one_panel_per_client():
    t = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Ben", "Cy"],
            "week": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-03", "2025-03-03"], utc=True),
            "touches": [2, 5, 1, 0],
        }
    )
    fig = plot_small_multiples(t, columns=2, max_seekers=2)
    assert [(tr.name, list(tr.y)) for tr in fig.data] == [("Ana", [2, 5]), ("Ben", [1])]
    assert fig.data[1].xaxis == "x2"
    assert any(a.text == "and 1 more clients" for a in fig.layout.annotations)


def test_strips_highlight_and_derived_on_time():
    fig = plot_strips(summary(), highlight="Ben")
    titles = [a.text for a in fig.layout.annotations if a.xref == "paper"]
    assert "On-time share (mistake below 50%)" in titles
    assert "Written share (mistake above 50%)" in titles
    highlighted = [tr for tr in fig.data if tr.name == "Ben"]
    # written, active, networked, give, on_time (0.75) -> one highlighted point each
    assert [list(tr.x) for tr in highlighted] == [[0.3], [0.8], [0.9], [0.35], [0.75]]
    with pytest.raises(ValueError, match="Did you mean 'Ben'"):
        plot_strips(summary(), highlight="Benn")


def test_cohort_trend_median_and_band():
    a = summary().assign(as_of=pd.Timestamp("2025-03-02", tz="UTC"))
    b = summary().assign(as_of=pd.Timestamp("2025-03-09", tz="UTC"), written_share=[0.1, 0.2, 0.3, 0.4])
    fig = plot_cohort_trend(pd.concat([a, b]), metrics=["written_share"])
    hi, lo, mid, key = fig.data
    assert (lo.name, mid.name, key.name) == ("Middle half of clients", "Median client", "Mistake threshold")
    assert key.line.dash == "dash" and list(key.x) == [None]
    # week 1: 0.3, 0.55, 0.9, 1.0 -> median 0.725, q25 0.4875, q75 0.925
    assert list(mid.y) == pytest.approx([0.725, 0.25])
    assert list(lo.y) == pytest.approx([0.4875, 0.175])
    assert list(hi.y) == pytest.approx([0.925, 0.325])
    assert [s.y0 for s in fig.layout.shapes] == [0.5]


def test_strip_labels_stay_inside_near_the_ends():
    s = summary()
    s.loc[s["seeker"] == "Ben", "written_share"] = 0.97
    fig = plot_strips(s, highlight="Ben", metrics=["written_share", "give_share"])
    ben = [tr for tr in fig.data if tr.name == "Ben"]
    assert list(ben[0].textposition) == ["top left"]  # 97%: the label would be cut at 100%
    assert list(ben[1].textposition) == ["top center"]  # 35%
    assert fig.layout.xaxis.tickformat == ".0%"
    assert "%{x:.0%}" in ben[0].hovertemplate


@pytest.mark.parametrize("template", [None, "workshop"])
def test_strip_thresholds_are_drawn_in_both_themes(template):
    # the workshop theme's base (plotly's simple_white) draws shapes 0 px wide: the dashed
    # thresholds vanished there while the caption promises them
    fig = plot_strips(summary(), highlight="Ben", template=template)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    # written 50%, active-week 50%, networked 25%, give 20%, on-time 50%: one per strip
    assert [s.x0 for s in lines] == [0.5, 0.5, 0.25, 0.2, 0.5]
    for s in lines:
        assert s.line.dash == "dash" and s.line.color == STATUS_COLORS["mistake"]
        assert s.line.width >= 2  # set on the shape: no template can hide it
    assert fig.layout.template.layout.shapedefaults.opacity in (None, 1)


def test_trend_thresholds_are_drawn_in_the_workshop_theme():
    a = summary().assign(as_of=pd.Timestamp("2025-03-02", tz="UTC"))
    fig = plot_cohort_trend(a, metrics=["written_share", "give_share"], template="workshop")
    assert [(s.y0, s.line.dash) for s in fig.layout.shapes] == [(0.5, "dash"), (0.2, "dash")]
    assert all(s.line.width >= 2 for s in fig.layout.shapes)
