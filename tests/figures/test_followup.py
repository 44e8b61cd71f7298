"""Follow-up figures: Kaplan-Meier steps, censored marks, due lines, open loops."""

import pandas as pd
import pytest

from netlytics.figures.followup import open_loop_rows, plot_km, plot_open_loops
from netlytics.metrics.followup import follow_up
from netlytics.metrics.km import km_curves


def km():
    # replies: answered after 1 and 3 days, one still open after 2 days -> S: 1, 2/3 at t=1, 2/3 at
    # t=2 (censored), 0 at t=3; thank-yous: one answered at 0.5 day
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "trigger": ["reply", "reply", "reply", "thank_you"],
            "time": [1.0, 2.0, 3.0, 0.5],
            "at_risk": [3, 2, 1, 1],
            "events": [1, 0, 1, 1],
            "censored": [0, 1, 0, 0],
            "survival": [2 / 3, 2 / 3, 0.0, 0.0],
        }
    )


def test_km_steps_at_event_times():
    fig = plot_km(km())
    # TRIGGERS order: thank_you, lead, reply; then a legend key for the censored marks
    thank, thank_cens, reply, reply_cens, key = fig.data
    assert key.name == "Still open (censored)" and key.marker.symbol == reply_cens.marker.symbol
    assert reply.line.shape == "hv"
    assert list(reply.x) == [0.0, 1.0, 2.0, 3.0]
    assert list(reply.y) == pytest.approx([1.0, 2 / 3, 2 / 3, 0.0])
    steps = [x for x, y0, y1 in zip(reply.x[1:], reply.y[:-1], reply.y[1:]) if y1 < y0]
    assert steps == [1.0, 3.0]  # the event times
    assert list(reply_cens.x) == [2.0] and list(reply_cens.y) == pytest.approx([2 / 3])
    assert list(thank.x) == [0.0, 0.5] and list(thank_cens.x) == []


def test_km_due_lines():
    fig = plot_km(km())
    assert sorted(s.x0 for s in fig.layout.shapes) == [1.0, 2.0]  # thank_you 1 day, reply 2 days
    # each due line is labelled, one text line (in pixels) below the previous one, so that close
    # lines do not overprint at any figure height (a share of the height is too little on a short one)
    due = [a for a in fig.layout.annotations if "due" in a.text]
    assert [a.text for a in due] == ["Thank-you due (1 day)", "Reply due (2 days)"]
    assert {a.y for a in due} == {1.0} and {a.yref for a in due} == {"paper"}
    line = 1.2 * due[0].font.size  # a line of text
    assert due[0].yshift in (None, 0) and -due[1].yshift >= line
    fig = plot_km(km(), due_days={"reply": 5})
    assert sorted(s.x0 for s in fig.layout.shapes) == [1.0, 5.0]


def test_km_several_seekers_get_one_curve_each():
    two = pd.concat([km(), km().assign(seeker="Ben")])
    names = [tr.name for tr in plot_km(two).data if tr.showlegend is not False]
    assert "Reply (Ana)" in names and "Reply (Ben)" in names
    assert len(plot_km(two, seeker="Ben").data) == 5  # 2 curves, 2 mark traces, the legend key


def test_km_x_range_keeps_due_times_readable():
    # a long tail (200 days) would squash the 1-3 day due lines against the y axis: the x range
    # starts at 30 days, the data are not cut, and a note tells the full length
    long = km()
    long.loc[2, "time"] = 200.0
    fig = plot_km(long)
    assert fig.layout.xaxis.range == pytest.approx((0, 30.6))
    assert max(fig.data[2].x) == 200.0
    # on a second line, so the axis title is not clipped on a narrow figure (issue 17)
    assert (
        "<br>" in fig.layout.xaxis.title.text
        and "(first 30 of 200 days: zoom out)" in fig.layout.xaxis.title.text
    )
    full = plot_km(long, max_days=None)
    assert full.layout.xaxis.range[1] == pytest.approx(204.0)
    assert full.layout.xaxis.title.text == "Days since trigger"
    # short curves: the range still shows every due line with room to its right
    assert plot_km(km()).layout.xaxis.range[1] == pytest.approx(3.06)


def test_km_from_real_follow_up():
    # one reply answered after 2 days, one meeting thanked after 0.25 day
    ix = pd.DataFrame(
        {
            "seeker": "Ana",
            "interaction_id": ["1", "2", "3", "4"],
            "contact_id": ["ben", "ben", "cy", "cy"],
            "at": pd.to_datetime(
                ["2025-03-03 09:00", "2025-03-05 09:00", "2025-03-04 12:00", "2025-03-04 18:00"], utc=True
            ),
            "channel": ["email", "email", "in_person", "email"],
            "direction": ["inbound", "outbound", "outbound", "outbound"],
            "kind": ["message", "message", "meeting", "thank_you"],
        }
    )
    fig = plot_km(km_curves(follow_up(ix, as_of="2025-03-10")))
    curves = {tr.name: list(tr.x) for tr in fig.data if tr.mode == "lines"}
    assert curves == {"Thank-you": [0.0, 0.25], "Reply": [0.0, 2.0]}


def follow_table():
    # as_of = trigger_at + lag_days = 10 Mar for every row
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["ben", "cy", "dee", "eve"],
            "trigger": ["lead", "reply", "thank_you", "reply"],
            "trigger_at": pd.to_datetime(["2025-03-01", "2025-03-05", "2025-03-08", "2025-03-09"], utc=True),
            "due_at": pd.to_datetime(["2025-03-04", "2025-03-07", "2025-03-09", "2025-03-11"], utc=True),
            "lag_days": [9.0, 5.0, 2.0, 1.0],
            "censored": True,
            "open_loop": [True, True, True, False],
        }
    )


def test_open_loop_rows_days_overdue():
    rows = open_loop_rows(follow_table())
    # ben: 10 - 4 = 6 days; cy: 10 - 7 = 3; dee: 10 - 9 = 1; eve is not open yet
    assert rows["who"].tolist() == ["ben", "cy", "dee"]
    assert rows["days_overdue"].tolist() == [6.0, 3.0, 1.0]


def test_open_loops_table_top_n_and_pseudonyms():
    fig = plot_open_loops(follow_table(), top_n=2, template="workshop")
    cells = fig.data[0].cells.values
    # who column: pseudonyms numbered over the open loops' ids: ben 01, cy 02, dee 03
    assert list(cells[0]) == ["Contact 01", "Contact 02", "and 1 more"]
    assert list(cells[1])[:2] == ["Lead", "Reply"]
    assert list(cells[-1])[:2] == ["6.0", "3.0"]


def test_no_open_loops_says_so():
    fig = plot_open_loops(follow_table().assign(open_loop=False))
    assert fig.layout.annotations[0].text == "No data to show: no open loops"


def test_large_curves_are_thinned_within_a_thousandth():
    import numpy as np

    from netlytics.metrics.km import kaplan_meier_by

    rng = np.random.default_rng(3)
    n = 50_000
    obs = pd.DataFrame(
        {"trigger": "reply", "duration": rng.exponential(2.0, n), "observed": rng.random(n) < 0.8}
    )
    curve = kaplan_meier_by(obs, by="trigger").assign(seeker="Ana")
    fig = plot_km(curve)
    steps, marks = fig.data[0], fig.data[1]
    assert len(steps.x) <= 1002 and len(marks.x) <= 1001
    assert sum(marks.customdata) == int((~obs["observed"]).sum())  # every censored trigger counted
    # the drawn step function is within 0.001 of the exact curve at every exact time
    idx = np.searchsorted(np.asarray(steps.x), curve["time"].to_numpy(), side="right") - 1
    drawn = np.asarray(steps.y)[idx]
    assert np.max(np.abs(drawn - curve["survival"].to_numpy())) <= 0.001 + 1e-9
    assert len(fig.to_json()) < 200_000
