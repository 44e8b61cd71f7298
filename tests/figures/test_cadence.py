"""Cadence figures: the calendar grid and weekly bars, on hand-checked inputs."""

import numpy as np
import pandas as pd

from netlytics.figures.cadence import plot_cadence, plot_calendar


def touches(days, outbound, seeker="Ana"):
    return pd.DataFrame(
        {
            "seeker": seeker,
            "day": pd.to_datetime(days, utc=True),
            "at": pd.to_datetime(days, utc=True) + pd.Timedelta(hours=9),
            "outbound": outbound,
        }
    )


def _z(fig):
    return np.array([[np.nan if v is None else v for v in row] for row in fig.data[0].z], dtype=float)


def test_calendar_z_sums_to_outbound_touches_and_cells_are_right():
    # Wed 5 Mar: 2 outbound; Mon 10 Mar: 1 outbound + 1 inbound (left out); Sun 16 Mar: 1
    t = touches(
        ["2025-03-05", "2025-03-05", "2025-03-10", "2025-03-10", "2025-03-16"],
        [True, True, True, False, True],
    )
    fig = plot_calendar(t)
    z = _z(fig)
    assert np.nansum(z) == 4
    assert [str(x)[:10] for x in fig.data[0].x] == ["2025-03-03", "2025-03-10"]
    assert list(fig.data[0].y) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert z[2, 0] == 2 and z[0, 1] == 1 and z[6, 1] == 1
    # Mon/Tue of the first week are before the first touch: empty (null), not zero
    assert np.isnan(z[0, 0]) and np.isnan(z[1, 0])
    # days between touches are zero
    assert z[3, 0] == 0 and z[5, 1] == 0
    assert fig.data[0].customdata[2][0] == "Wed 05 Mar 2025"


def test_calendar_month_labels_like_github():
    # 20 Jan 2025 (a Monday) to 10 Mar 2025: the 1st of Feb falls in the week of Mon 27 Jan,
    # the 1st of Mar in the week of Mon 24 Feb; the first label carries the year. January gets
    # no label: its 1st is before the grid and Feb's label is only one column in (no room)
    t = touches(["2025-01-20", "2025-03-10"], [True, True])
    xaxis = plot_calendar(t).layout.xaxis
    assert [str(v)[:10] for v in xaxis.tickvals] == ["2025-01-27", "2025-02-24"]
    assert list(xaxis.ticktext) == ["Feb 2025", "Mar"]
    assert xaxis.side == "bottom"  # under the grid: never in the title's way, however narrow
    # starting mid-month with the next 1st three weeks away: the first column is labelled too
    t = touches(["2025-01-08", "2025-03-10"], [True, True])
    xaxis = plot_calendar(t).layout.xaxis
    assert [str(v)[:10] for v in xaxis.tickvals] == ["2025-01-06", "2025-01-27", "2025-02-24"]
    assert list(xaxis.ticktext) == ["Jan 2025", "Feb", "Mar"]
    # across a new year, January shows its year
    t = touches(["2025-12-01", "2026-01-05"], [True, True])
    assert list(plot_calendar(t).layout.xaxis.ticktext) == ["Dec 2025", "Jan 2026"]


def test_calendar_uses_at_when_no_day_and_sums_seekers():
    t = pd.concat([touches(["2025-03-05"], [True]), touches(["2025-03-05"], [True], seeker="Ben")])
    t = t.drop(columns="day")
    assert np.nansum(_z(plot_calendar(t))) == 2
    assert np.nansum(_z(plot_calendar(t, seeker="Ben"))) == 1


def test_calendar_is_per_day_for_large_inputs():
    # 200,000 touches over one year: the grid has at most 7 x 53 cells
    rng = np.random.default_rng(7)
    days = pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 366, 200_000), unit="D")
    t = pd.DataFrame({"seeker": "Ana", "day": days, "outbound": rng.random(200_000) < 0.6})
    fig = plot_calendar(t)
    assert np.nansum(_z(fig)) == int(t["outbound"].sum())
    assert len(fig.data[0].x) <= 54
    assert len(fig.to_json()) < 100_000


def test_cadence_bars_and_line_sum_over_seekers():
    t = pd.DataFrame(
        {
            "seeker": ["Ana", "Ben", "Ana"],
            "week": pd.to_datetime(["2025-03-03", "2025-03-03", "2025-03-10"], utc=True),
            "touches": [2, 3, 0],
            "applications": [1, 0, 4],
        }
    )
    bars, line = plot_cadence(t).data
    assert list(bars.y) == [5, 0] and list(line.y) == [1, 4]
    bars, line = plot_cadence(t, seeker="Ben").data
    assert list(bars.y) == [3] and list(line.y) == [0]
