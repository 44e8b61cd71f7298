"""Follow-up figures (mistake 4: not following up, not saying thank you).

- :func:`plot_km`: Kaplan-Meier step curves of time to answer, one per trigger, with censored
  marks (triggers still unanswered) and the due time drawn;
- :func:`open_loop_rows` and :func:`plot_open_loops`: the open loops (unanswered and past due):
  who, what, since when and how many days overdue, most overdue first.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netlytics.figures._build import figure, order_by, rows, vline
from netlytics.figures._common import (
    as_time,
    check_table,
    column_widths,
    no_data_figure,
    resolve_names,
    select_seeker,
)
from netlytics.figures._docs import fill
from netlytics.figures.theme import TRIGGER_COLORS, display_label, get_theme
from netlytics.metrics.followup import DUE_DAYS, TRIGGERS

__all__ = ["plot_km", "open_loop_rows", "plot_open_loops"]

_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

_KM_COLUMNS = ["trigger", "time", "censored", "survival"]

#: Curves with more rows than this are thinned for drawing (see :func:`_thin`).
MAX_POINTS = 1000


def _thin(g: pd.DataFrame, *, max_points: int = MAX_POINTS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The steps and censored marks of one curve, thinned when it has more than ``max_points`` rows.

    A small curve is drawn exactly. A large one (one row per distinct duration: up to one per
    trigger) keeps, for each run of rows whose survival rounds to the same 1/1000, the run's
    first time and last survival (a step drawn at most 0.001 off), and draws censored marks
    binned on a grid of max_points time cells (count summed, survival of the cell's last mark).
    """
    cens = g.loc[g["censored"] > 0, ["time", "censored", "survival"]]
    if len(g) <= max_points:
        return g[["time", "survival"]], cens
    level = (g["survival"] * 1000).round()
    run = (level != level.shift()).cumsum()
    steps = g.groupby(run, sort=True).agg(time=("time", "first"), survival=("survival", "last"))
    width = float(g["time"].max()) / max_points or 1.0
    cell = np.floor(cens["time"] / width)
    marks = cens.groupby(cell, sort=True).agg(
        time=("time", "last"), censored=("censored", "sum"), survival=("survival", "last")
    )
    return steps.reset_index(drop=True), marks.reset_index(drop=True)


def _days(value: float) -> str:
    value = float(value)
    n = f"{value:.0f}" if value == round(value) else f"{value:g}"
    return f"{n} day" if value == 1 else f"{n} days"


@fill
def plot_km(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    due_days: Mapping[str, float] | None = None,
    max_days: float | None = 30,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Kaplan-Meier curves of the time to answer each kind of trigger.

    Parameters
    ----------
    table
        ``km_curves(follow_up(data))``: ``seeker``, ``trigger``, ``time``, ``censored``,
        ``survival`` (one row per distinct duration; ``survival`` is S just after ``time``).
    seeker
        Show only this seeker; default: every seeker (one curve per seeker and trigger, the dash
        telling seekers apart).
    due_days
        Trigger -> due time in days, drawn as a dashed vertical line in the trigger's colour;
        default ``netlytics.metrics.followup.DUE_DAYS`` (thank_you 1, lead 3, reply 2).
    max_days
        Initial x range in days (default 30: the due times and the first weeks, where the
        curves move, stay readable; a note gives the full length and zooming out shows it).
        ``None`` shows the whole curves. The data of the traces are never cut.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        Per curve, a step ``scatter`` (``line_shape="hv"``) starting at (0, 1) and stepping
        down at each event time, and a marker trace (``+``) at the times with censored
        triggers; a dashed vertical line per trigger at its due time, labelled "<Trigger> due
        (N days)".

    {raises_table}

    See Also
    --------
    netlytics.km_curves : the table drawn.
    plot_open_loops : the triggers still waiting.

    Examples
    --------
    >>> km = pd.DataFrame({"seeker": "Ana", "trigger": "reply", "time": [1.0, 3.0, 4.0],
    ...                    "at_risk": [3, 2, 1], "events": [1, 0, 1], "censored": [0, 1, 0],
    ...                    "survival": [2 / 3, 2 / 3, 0.0]})
    >>> fig = plot_km(km)
    >>> list(fig.data[0].x), [round(y, 3) for y in fig.data[0].y]
    ([0.0, 1.0, 3.0, 4.0], [1.0, 0.667, 0.667, 0.0])
    >>> list(fig.data[1].x)
    [3.0]
    """
    default_title = "How fast are triggers answered?"
    t = rows(table, _KM_COLUMNS, func="plot_km", produced_by="km_curves(follow_up(data))", seeker=seeker)
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    due = {**DUE_DAYS, **(due_days or {})}
    t = t.sort_values(["seeker", "trigger", "time"] if "seeker" in t.columns else ["trigger", "time"])
    triggers = order_by(t["trigger"].unique(), TRIGGERS)
    shown_due = {k: float(due[k]) for k in triggers if k in due}
    layout = {
        "xaxis": _time_axis(t["time"], shown_due, max_days, labels, theme),
        "yaxis": {"range": [0, 1.05], "tickformat": ".0%"},
        **_due_lines(shown_due, theme=theme, labels=labels),
    }
    return figure(
        _curves(t, triggers, theme=theme, labels=labels),
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        y="survival",
        legend="trigger",
    )


def _censor_marker(theme, color: str) -> dict:
    return {
        "symbol": "cross-thin-open",
        "size": theme.font_size,
        "color": color,
        "line": {"width": 2, "color": color},
    }


def _time_axis(time: pd.Series, due: dict, max_days, labels, theme) -> dict:
    """The x axis: the first ``max_days`` (at least 1.5 x the latest due time), titled with the cut."""
    t_max = float(pd.to_numeric(time, errors="coerce").max())
    x_max = t_max if max_days is None else min(t_max, float(max_days))
    x_max = max(x_max, max(due.values(), default=0.0) * 1.5, 1.0)
    text = display_label("time", labels)
    if x_max < t_max:  # say so where the reader looks for the scale: in the axis title
        # on a second line in a smaller type: the axis title is never clipped on a narrow figure
        small = theme.font_size - 3
        text += (
            f"<br><span style='font-size:{small}px'>(first {x_max:.0f} of {t_max:.0f} days: zoom out)</span>"
        )
    return {"range": [0, x_max * 1.02], "title": {"text": text}}


def _curves(t: pd.DataFrame, triggers: list, *, theme, labels) -> list[dict]:
    """Per seeker and trigger a step curve from (0, 100%) and its censored marks; then a legend key."""
    seekers = t["seeker"].unique().tolist() if "seeker" in t.columns else [None]
    many = len(seekers) > 1
    traces: list[dict] = []
    for i, who in enumerate(seekers):
        for trig in triggers:
            g = (
                t.loc[t["trigger"] == trig]
                if who is None
                else t.loc[(t["seeker"] == who) & (t["trigger"] == trig)]
            )
            if not g.empty:
                name = display_label(trig, labels) + (f" ({who})" if many else "")
                traces += _curve(
                    g, name, TRIGGER_COLORS.get(trig, "#666666"), _DASHES[i % len(_DASHES)], theme
                )
    if any(len(tr["x"]) for tr in traces if tr["mode"] == "markers"):
        # a legend key for the censored marks (the per-curve mark traces stay out of the legend)
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": "Still open (censored)",
                "marker": _censor_marker(theme, "#444444"),
                "hoverinfo": "skip",
            }
        )
    return traces


def _curve(g: pd.DataFrame, name: str, color: str, dash: str, theme) -> list[dict]:
    """The step curve of one seeker's trigger and its censored marks (thinned when large)."""
    steps, cens = _thin(g)
    x = np.concatenate([[0.0], steps["time"].to_numpy(dtype="float64")])
    y = np.concatenate([[1.0], steps["survival"].to_numpy(dtype="float64")])
    line = {
        "type": "scatter",
        "x": x.tolist(),
        "y": y.tolist(),
        "mode": "lines",
        "line": {"color": color, "width": theme.line_width, "dash": dash, "shape": "hv"},
        "name": name,
        "legendgroup": name,
        "hovertemplate": "After %{x:.1f} days: %{y:.0%} still unanswered<extra>" + name + "</extra>",
    }
    marks = {
        "type": "scatter",
        "x": cens["time"].astype("float64").tolist(),
        "y": cens["survival"].astype("float64").tolist(),
        "mode": "markers",
        "marker": _censor_marker(theme, color),
        "name": f"{name}: still open",
        "legendgroup": name,
        "showlegend": False,
        "customdata": cens["censored"].astype("int64").tolist(),
        "hovertemplate": "%{customdata} still open after %{x:.1f} days<extra>" + name + "</extra>",
    }
    return [line, marks]


def _line_px(theme) -> int:
    """The height in pixels of one line of a due label (its font plus padding)."""
    return int(round(1.35 * (theme.font_size - 1))) + 4


def _due_lines(due: dict, *, theme, labels) -> dict:
    """A dashed line at each trigger's due time, labelled one text line apart (close lines stay legible).

    The labels are staggered by a fixed number of pixels from the top of the plot, not by a share
    of its height: on a short figure a share of the height is less than a line of text.
    """
    shapes, notes = [], []
    for k, (trig, days) in enumerate(due.items()):
        color = TRIGGER_COLORS.get(trig, "#666666")
        shapes.append(vline(days, {"color": color, "dash": "dash", "width": 1.5}))
        notes.append(
            {
                "x": days,
                "y": 1.0,
                "xref": "x",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "xshift": 3,
                "yshift": -k * _line_px(theme),
                "text": f"{display_label(trig, labels)} due ({_days(days)})",
                "showarrow": False,
                "bgcolor": "rgba(255,255,255,0.8)",
                "font": {"color": color, "size": theme.font_size - 1},
            }
        )
    return {"shapes": shapes, "annotations": notes}


@fill
def open_loop_rows(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    names=None,
    template=None,
) -> pd.DataFrame:
    """The open loops of a ``follow_up(data)`` table, most overdue first, ready to display.

    Days overdue = as_of - due_at, where as_of = trigger_at + lag_days (the table's own
    as_of: an unanswered trigger's lag runs to as_of).

    Parameters
    ----------
    table : DataFrame
        ``follow_up(data)``.
    seeker : str, optional
        Only this seeker's loops; default every seeker's.
    {names}
    {template}

    Returns
    -------
    pandas.DataFrame
        ``seeker``, ``contact_id``, ``who`` (display name, see ``names=``), ``trigger``,
        ``trigger_at``, ``due_at``, ``days_overdue`` (float), sorted by ``days_overdue``
        descending, then seeker and contact.

    See Also
    --------
    plot_open_loops : draws these rows.

    Examples
    --------
    >>> fu = pd.DataFrame({"seeker": "Ana", "contact_id": ["ben", "cy"], "trigger": ["lead", "reply"],
    ...     "trigger_at": pd.to_datetime(["2025-03-01", "2025-03-05"], utc=True),
    ...     "due_at": pd.to_datetime(["2025-03-04", "2025-03-07"], utc=True),
    ...     "lag_days": [9.0, 5.0], "censored": True, "open_loop": True})
    >>> open_loop_rows(fu)[["who", "trigger", "days_overdue"]]
      who trigger  days_overdue
    0 ben    lead           6.0
    1  cy   reply           3.0
    """
    check_table(
        table,
        ["contact_id", "trigger", "trigger_at", "due_at", "lag_days", "open_loop"],
        func="open_loop_rows",
        produced_by="follow_up(data)",
    )
    theme = get_theme(template)
    t = select_seeker(table, seeker, func="open_loop_rows")
    t = t.loc[t["open_loop"].fillna(False).astype("bool")]
    as_of = t["trigger_at"] + pd.to_timedelta(t["lag_days"], unit="D")
    out = pd.DataFrame(
        {
            "seeker": t["seeker"] if "seeker" in t.columns else pd.Series(pd.NA, index=t.index, dtype="str"),
            "contact_id": t["contact_id"],
            "who": resolve_names(t["contact_id"], names=names, theme=theme),
            "trigger": t["trigger"],
            "trigger_at": t["trigger_at"],
            "due_at": t["due_at"],
            "days_overdue": ((as_of - t["due_at"]) / pd.Timedelta(days=1)).astype("float64"),
        }
    )
    out = out.sort_values(
        ["days_overdue", "seeker", "contact_id"], ascending=[False, True, True], kind="stable"
    )
    return out.reset_index(drop=True)


@fill
def plot_open_loops(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    names=None,
    top_n: int = 25,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """A table of open loops: who, what, since when, due when and how many days overdue.

    Parameters
    ----------
    table
        ``follow_up(data)``.
    seeker
        Show only this seeker; default: all (a seeker column is added when there are several).
    {names}
    top_n
        Show the ``top_n`` most overdue; a last row says how many more there are.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One ``table`` trace, most overdue first (see :func:`open_loop_rows`).

    {raises_table}

    See Also
    --------
    open_loop_rows : the rows shown.
    netlytics.follow_up : the table drawn.

    Examples
    --------
    >>> fu = pd.DataFrame({"seeker": "Ana", "contact_id": ["ben"], "trigger": ["lead"],
    ...     "trigger_at": pd.to_datetime(["2025-03-01"], utc=True),
    ...     "due_at": pd.to_datetime(["2025-03-04"], utc=True), "lag_days": [9.0], "open_loop": [True]})
    >>> fig = plot_open_loops(fu)
    >>> fig.data[0].cells.values[-1]
    ['6.0']
    """
    default_title = "Open loops: who is waiting for an answer"
    rows = open_loop_rows(table, seeker=seeker, names=names, template=template)
    if rows.empty:
        return no_data_figure(
            title=title,
            labels=labels,
            template=template,
            default_title=default_title,
            message="no open loops",
        )
    theme = get_theme(template)
    columns = _loop_columns(rows, top_n, theme=theme, labels=labels)
    n_rows = min(len(rows), top_n)
    table = _table(columns, theme=theme, labels=labels)
    layout = {
        "height": int(min(2000, 160 + (theme.font_size + 14) * (n_rows + 2))),
        # a table clips what does not fit its columns: the plot width the texts need (half an
        # em per character), so that image export lays a narrower image out that wide
        "minreducedwidth": int(sum(table["columnwidth"]) * 0.5 * theme.font_size),
    }
    return figure(
        [table],
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
    )


def _loop_columns(rows: pd.DataFrame, top_n: int, *, theme, labels) -> dict[str, list]:
    """The table's columns (a seeker column for several), the top ``top_n``, "and N more" last."""
    hidden = max(0, len(rows) - top_n)
    rows = rows.head(top_n)
    columns = {
        "who": rows["who"].tolist(),
        "trigger": [display_label(v, labels) for v in rows["trigger"]],
        "trigger_at": as_time(rows["trigger_at"]).dt.strftime("%Y-%m-%d").tolist(),
        "due_at": as_time(rows["due_at"]).dt.strftime("%Y-%m-%d").tolist(),
        "days_overdue": [f"{v:.1f}" for v in rows["days_overdue"]],
    }
    if rows["seeker"].nunique() > 1:
        who = resolve_names(rows["seeker"], names=None, theme=theme, prefix="Client").tolist()
        columns = {"seeker": who, **columns}
    if hidden:
        for key in columns:
            columns[key].append("")
        columns["who"][-1] = f"and {hidden} more"
    return columns


def _table(columns: dict[str, list], *, theme, labels) -> dict:
    """The table trace: "Who" and "What" headers unless ``labels=`` names them."""
    header = {"who": "Who", "trigger": "What"}
    titles = [
        display_label(k, labels) if k not in header or (labels and k in labels) else header[k]
        for k in columns
    ]
    return {
        "type": "table",
        "columnwidth": column_widths(titles, columns.values()),
        "header": {
            "values": titles,
            "fill": {"color": "#EEEEEE"},
            "align": "left",
            "font": {"size": theme.font_size, "color": "#000000"},
        },
        "cells": {
            "values": list(columns.values()),
            "align": "left",
            "font": {"size": theme.font_size - 1},
            "height": theme.font_size + 14,
        },
    }
