"""Cadence figures (mistake 2: networking is not a priority).

- :func:`plot_calendar`: a GitHub-style day grid of outbound touches (from ``touches(data)``);
- :func:`plot_cadence`: weekly outbound touches set against applications (from
  ``cadence(data)``).

Days and weeks are UTC calendar days; weeks start on Monday (METRICS.md). With several seekers
and no ``seeker=``, counts are summed over the seekers.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netlytics.figures._build import figure, rows
from netlytics.figures._common import as_time, no_data_figure
from netlytics.figures._docs import fill
from netlytics.figures.theme import CHANNEL_COLORS, display_label, get_theme

__all__ = ["plot_calendar", "plot_cadence"]

_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@fill
def plot_calendar(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Calendar heatmap of outbound touches: one cell per UTC day, one column per week.

    Parameters
    ----------
    table
        ``touches(data)``: ``seeker``, ``day`` (or ``at``), ``outbound``. Inbound touches are
        left out.
    seeker
        Show only this seeker; default: all seekers, summed.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One ``heatmap`` trace: ``x`` the Mondays from the first to the last week with an
        outbound touch (labelled under the grid with the month whose 1st falls in that week, as on
        GitHub: "Sep 2025", "Oct", ... "Jan 2026"), ``y`` Mon..Sun, ``z`` outbound touches that day (0 on days without;
        null before the first and after the last day, so the grid starts and ends on those
        days). ``z`` sums to the number of outbound touches.

    {raises_table}

    See Also
    --------
    netlytics.touches : the table drawn.
    plot_cadence : the same touches per week, against applications.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "outbound": [True, True, False],
    ...                   "day": pd.to_datetime(["2025-03-03", "2025-03-06", "2025-03-06"], utc=True)})
    >>> z = plot_calendar(t).data[0].z
    >>> [row[0] for row in z]
    [1, 0, 0, 1, None, None, None]
    """
    cols = ["outbound", "day"] if "day" in table.columns else ["outbound", "at"]
    default_title = "Outbound touches per day"
    t = rows(table, cols, func="plot_calendar", produced_by="touches(data)", seeker=seeker)
    t = t.loc[t["outbound"].fillna(False).astype("bool")]
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    counts = as_time(t[cols[1]]).dt.floor("D").value_counts().sort_index()
    weeks, z, customdata = _day_grid(counts)
    tick_weeks, tick_text = _month_ticks(counts.index.min(), counts.index.max(), weeks[0])
    heatmap = _heatmap(weeks, z, customdata, labels)
    layout = {
        "yaxis": {"autorange": "reversed", "showgrid": False, "showline": False, "ticks": ""},
        "xaxis": {
            "showgrid": False,
            "side": "bottom",  # under the grid: rotated on a narrow figure, they cannot meet the title
            "tickmode": "array",
            "tickvals": list(tick_weeks),
            "ticktext": tick_text,
            "ticks": "",
            "showline": False,
        },
        "height": 220 + 12 * theme.font_size,
    }
    return figure([heatmap], layout, theme=theme, title=title, labels=labels, default_title=default_title)


def _heatmap(weeks, z, customdata, labels) -> dict:
    """The day grid's heatmap trace: grey for quiet days, greens for active ones."""
    return {
        "type": "heatmap",
        "x": weeks,
        "y": _WEEKDAYS,
        "z": z,
        "customdata": customdata,
        "colorscale": [[0.0, "#F2F2F2"], [1e-9, "#C7E9DA"], [1.0, CHANNEL_COLORS["in_person"]]],
        "zmin": 0,
        "xgap": 2,
        "ygap": 2,
        "hoverongaps": False,
        "colorbar": {"title": {"text": display_label("outbound_touches", labels)}, "thickness": 14},
        "hovertemplate": "%{customdata}: %{z} outbound touches<extra></extra>",
    }


def _day_grid(counts: pd.Series):
    """Mondays of the weeks, the 7 x weeks grid of counts (0 on quiet days, None outside), hover dates."""
    first, last = counts.index.min(), counts.index.max()
    days = pd.date_range(first, last, freq="D")
    per_day = counts.reindex(days, fill_value=0)
    start = first - pd.Timedelta(days=first.weekday())
    n_weeks = (last - start).days // 7 + 1
    grid = np.full((7, n_weeks), np.nan)
    offset = (days - start).days.to_numpy()
    grid[offset % 7, offset // 7] = per_day.to_numpy()
    weeks = pd.date_range(start, periods=n_weeks, freq="7D")
    dates = (weeks.to_numpy()[None, :] + (np.arange(7)[:, None] * np.timedelta64(1, "D"))).astype(
        "datetime64[D]"
    )
    z = [[None if np.isnan(v) else int(v) for v in row] for row in grid]
    text = pd.DatetimeIndex(dates.ravel()).strftime("%a %d %b %Y").to_numpy().reshape(dates.shape)
    return weeks, z, text


def _month_ticks(first, last, start) -> tuple[pd.DatetimeIndex, list[str]]:
    """Month labels as on GitHub: on the week column holding the 1st of each month, the year on
    the first label and on January."""
    firsts = pd.date_range(first.to_period("M").start_time, last, freq="MS")
    firsts = firsts[firsts >= start]
    tick_weeks = firsts - pd.to_timedelta(firsts.day_of_week, unit="D")
    if len(firsts) == 0 or tick_weeks[0] > start + pd.Timedelta(days=14):
        firsts, tick_weeks = firsts.insert(0, first), tick_weeks.insert(0, start)
    tick_text = [
        d.strftime("%b %Y") if i == 0 or d.month == 1 else d.strftime("%b") for i, d in enumerate(firsts)
    ]
    return tick_weeks, tick_text


def _cadence_traces(weekly: pd.DataFrame, *, theme, labels) -> list[dict]:
    """Bars of outbound touches per week and the line of applications."""
    bars = {
        "type": "bar",
        "x": weekly.index,
        "y": weekly["touches"].tolist(),
        "name": display_label("touches", labels),
        "marker": {"color": CHANNEL_COLORS["in_person"]},
        "hovertemplate": "Week of %{x|%d %b %Y}: %{y} outbound touches<extra></extra>",
    }
    line = {
        "type": "scatter",
        "x": weekly.index,
        "y": weekly["applications"].tolist(),
        "name": display_label("applications", labels),
        "mode": "lines+markers",
        "line": {"color": CHANNEL_COLORS["email"], "width": theme.line_width},
        "hovertemplate": "Week of %{x|%d %b %Y}: %{y} applications<extra></extra>",
    }
    return [bars, line]


@fill
def plot_cadence(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Weekly outbound touches (bars) set against applications sent (line).

    Parameters
    ----------
    table
        ``cadence(data)``: ``seeker``, ``week``, ``touches``, ``applications``.
    seeker
        Show only this seeker; default: all seekers, summed per week.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        A ``bar`` trace of outbound touches per week and a ``scatter`` line of applications per
        week, on one count axis, so a week with applications and no networking stands out.

    {raises_table}

    See Also
    --------
    netlytics.cadence : the table drawn.
    plot_calendar : outbound touches day by day.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "week": pd.to_datetime(["2025-03-03", "2025-03-10"], utc=True),
    ...                   "touches": [4, 0], "active_days": [2, 0], "applications": [1, 3]})
    >>> fig = plot_cadence(t)
    >>> list(fig.data[0].y), list(fig.data[1].y)
    ([4, 0], [1, 3])
    """
    default_title = "Networking and applications, week by week"
    t = rows(
        table,
        ["week", "touches", "applications"],
        func="plot_cadence",
        produced_by="cadence(data)",
        seeker=seeker,
    )
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    labels = {"touches": "Outbound touches", **(labels or {})}  # the cadence table counts outbound only
    weekly = (
        t.assign(week=as_time(t["week"]))
        .groupby("week")[["touches", "applications"]]
        .sum()
        .sort_index()
        .astype("int64")
    )
    layout = {"hovermode": "x unified", "bargap": 0.15, "yaxis": {"rangemode": "tozero"}}
    return figure(
        _cadence_traces(weekly, theme=theme, labels=labels),
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        x="week",
        y="touches",
    )
