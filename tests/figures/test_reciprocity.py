"""Reciprocity figures: diverging bars and the give share."""

import pandas as pd

from netlytics.figures.reciprocity import plot_give_share, plot_reciprocity
from netlytics.figures.theme import STATUS_COLORS


def table(n):
    # contact c<i> gave value i+1 and received value 1: totals i+2, so c<n-1> is the largest
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": [f"c{i}@example.org" for i in range(n)],
            "gives": 1,
            "receives": 1,
            "give_value": [float(i + 1) for i in range(n)],
            "receive_value": 1.0,
        }
    )


def test_diverging_bars_give_right_receive_left():
    give, recv = plot_reciprocity(table(3)).data
    assert list(give.y) == ["c2@example.org", "c1@example.org", "c0@example.org"]
    assert list(give.x) == [3.0, 2.0, 1.0]
    assert list(recv.x) == [-1.0, -1.0, -1.0]


def test_top_n_and_note():
    fig = plot_reciprocity(table(30), top_n=5)
    assert len(fig.data[0].y) == 5
    assert fig.data[0].y[0] == "c29@example.org"
    assert any(a.text == "and 25 more contacts" for a in fig.layout.annotations)


def test_names_and_workshop_pseudonyms():
    names = {"c0@example.org": "Cara Fictional"}
    assert "Cara Fictional" in plot_reciprocity(table(2), names=names).data[0].y
    ws = plot_reciprocity(table(2), template="workshop").data[0].y
    assert sorted(ws) == ["Contact 01", "Contact 02"]
    assert "Cara Fictional" in plot_reciprocity(table(2), names=names, template="workshop").data[0].y


def test_all_zero_rows_is_no_data():
    t = table(2).assign(give_value=0.0, receive_value=0.0)
    assert "No data" in plot_reciprocity(t).layout.annotations[0].text


def test_give_share_status_colours_thresholds_and_median():
    t = pd.DataFrame({"seeker": ["Ana", "Ben", "Cy", "Dee"], "give_share": [0.1, 0.3, 0.5, None]})
    fig = plot_give_share(t, highlight="Cy")
    bar = fig.data[0]
    # sorted ascending with null (not measured) first
    assert list(bar.y) == ["Dee", "Ana", "Ben", "Cy"]
    assert list(bar.marker.color) == [
        STATUS_COLORS["not_measured"],
        STATUS_COLORS["mistake"],
        STATUS_COLORS["watch"],
        STATUS_COLORS["ok"],
    ]
    assert list(bar.marker.line.width) == [0, 0, 0, 4]
    xs = sorted(s.x0 for s in fig.layout.shapes)
    assert xs == [0.2, 0.3, 0.4]  # thresholds, and the median of 0.1, 0.3, 0.5


def test_give_share_custom_thresholds():
    t = pd.DataFrame({"seeker": ["Ana"], "give_share": [0.3]})
    fig = plot_give_share(t, thresholds={"mistake": 0.35, "watch": 0.6})
    assert fig.data[0].marker.color[0] == STATUS_COLORS["mistake"]
    assert len(fig.layout.shapes) == 2  # one seeker: no median line
