"""Cohort views for a career coach: who needs attention, and how the cohort is doing.

- :func:`attention` / :func:`plot_attention`: clients sorted by number of mistakes, then of
  watches, then by how far past (or how close to) their nearest mistake threshold;
- :func:`plot_small_multiples`: one small panel per client of a weekly measure (default: the
  cadence table's outbound touches);
- :func:`netlytics.figures.standing.plot_strips` and
  :func:`netlytics.figures.standing.plot_cohort_trend` (where each client stands, and the
  cohort week by week) live in :mod:`netlytics.figures.standing` and share this module's rules.

All take ``summary(data)`` (one row per seeker) or a table with a ``seeker`` column. Client
names follow ``names=`` (see :mod:`netlytics.figures._common`); pseudonyms read "Client 01".

The pooled follow-up on-time share is not a ``summary`` column; where one is needed
(``on_time_share``) it is the mean of the per-trigger ``<trigger>_on_time_share`` weighted by
``<trigger>_n``, unless the table already has an ``on_time_share`` column.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from netlytics import schema
from netlytics.figures._build import figure
from netlytics.figures._common import (
    as_time,
    check_table,
    column_widths,
    more_note,
    no_data_figure,
    resolve_names,
)
from netlytics.figures._docs import fill
from netlytics.figures.theme import (
    CHANNEL_COLORS,
    STATUS_COLORS,
    apply_layout,
    display_label,
    get_theme,
)
from netlytics.metrics.followup import TRIGGERS
from netlytics.metrics.scorecard import DEFAULT_THRESHOLDS

__all__ = [
    "SUMMARY_METRICS",
    "attention",
    "plot_attention",
    "plot_small_multiples",
]

#: Summary metrics shown by default in strips and trends.
SUMMARY_METRICS: tuple[str, ...] = (
    "written_share",
    "active_week_share",
    "networked_share",
    "give_share",
    "on_time_share",
)

#: metric -> (mistake threshold key, +1 when higher is worse / -1 when lower is worse)
_RULES: dict[str, tuple[str, str, int]] = {
    "written_share": ("channel", "written_share", +1),
    "active_week_share": ("priority", "active_week_share", -1),
    "networked_share": ("priority", "networked_share", -1),
    "give_share": ("giving", "give_share", -1),
    "on_time_share": ("follow_up", "on_time_share", -1),
}

_STATUS_COLUMNS = [f"{m}_status" for m in schema.MISTAKES]

#: Text colour on each status colour (as on the scorecard tiles).
_TEXT_ON = {"ok": "#000000", "watch": "#000000", "mistake": "#000000", "not_measured": "#000000"}
_SEVERITY = {"mistake": 0, "watch": 1, "ok": 2, "not_measured": 3}


def _with_on_time(table: pd.DataFrame) -> pd.DataFrame:
    if "on_time_share" in table.columns:
        return table
    num = pd.Series(0.0, index=table.index)
    den = pd.Series(0.0, index=table.index)
    for trig in TRIGGERS:
        share, n = f"{trig}_on_time_share", f"{trig}_n"
        if share in table.columns and n in table.columns:
            s = pd.to_numeric(table[share], errors="coerce").astype("float64")
            w = pd.to_numeric(table[n], errors="coerce").astype("float64").fillna(0.0).where(s.notna(), 0.0)
            num = num + s.fillna(0.0) * w
            den = den + w
    return table.assign(on_time_share=(num / den).where(den > 0))


def _thresholds(thresholds: Mapping[str, float] | None) -> dict[str, float]:
    limits = dict(DEFAULT_THRESHOLDS)
    limits.update(thresholds or {})
    return limits


def _margins(t: pd.DataFrame, limits: Mapping[str, float]) -> pd.DataFrame:
    """Each rule's margin past its mistake threshold (positive: past it), null where not measured."""
    margins = {}
    for metric, (mistake, key, sign) in _RULES.items():
        if metric not in t.columns:
            continue
        value = pd.to_numeric(t[metric], errors="coerce").astype("float64")
        margin = sign * (value - limits[f"{key}_mistake"])
        measured = t[f"{mistake}_status"].astype("str") != "not_measured"
        if metric == "networked_share":
            apps = t["applications"] if "applications" in t.columns else pd.Series(0, index=t.index)
            measured &= pd.to_numeric(apps, errors="coerce").fillna(0) >= limits["min_applications"]
        margins[metric] = margin.where(measured)
    return pd.DataFrame(margins, index=t.index, dtype="float64")


def attention(
    table: pd.DataFrame,
    *,
    thresholds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Clients sorted by who needs attention first.

    Order: most ``mistake`` statuses, then most ``watch``, then the largest ``worst_margin``.
    A rule's margin is how far the client's value is past its mistake threshold, signed so that
    positive means past it (worse) and negative means that much room is left: ``written_share
    - 0.5``, ``0.5 - active_week_share``, ``0.25 - networked_share`` (only with 3+
    applications), ``0.2 - give_share``, ``0.5 - on_time_share``. Rules whose mistake is
    ``not_measured`` (or whose value is null) are left out; ``worst_margin`` is the largest
    remaining margin and ``worst_rule`` its metric.

    Parameters
    ----------
    table
        ``summary(data)``: ``seeker`` and the ``<mistake>_status`` columns, plus the metric
        columns above.
    thresholds
        Overrides of ``netlytics.metrics.scorecard.DEFAULT_THRESHOLDS``.

    Returns
    -------
    pandas.DataFrame
        ``seeker``, ``mistakes``, ``watches``, ``not_measured`` (int64), ``worst_rule``,
        ``worst_margin``, the four ``<mistake>_status`` columns and the metric values, sorted
        (ties by seeker), RangeIndex.

    See Also
    --------
    plot_attention : draws this table.

    Examples
    --------
    >>> s = pd.DataFrame({"seeker": ["Ana", "Ben", "Cy"],
    ...     "channel_status": ["mistake", "ok", "ok"], "priority_status": ["ok", "ok", "watch"],
    ...     "giving_status": ["ok", "ok", "ok"], "follow_up_status": ["ok", "ok", "ok"],
    ...     "written_share": [0.7, 0.2, 0.3], "active_week_share": [0.8, 0.9, 0.6],
    ...     "give_share": [0.5, 0.3, 0.5], "applications": [0, 0, 0]})
    >>> attention(s)[["seeker", "mistakes", "watches", "worst_rule", "worst_margin"]].round(2)
      seeker  mistakes  watches         worst_rule  worst_margin
    0    Ana         1        0      written_share           0.2
    1     Cy         0        1  active_week_share          -0.1
    2    Ben         0        0         give_share          -0.1
    """
    check_table(table, ["seeker", *_STATUS_COLUMNS], func="attention", produced_by="summary(data)")
    limits = _thresholds(thresholds)
    t = _with_on_time(table).reset_index(drop=True)
    status = t[_STATUS_COLUMNS].astype("str")
    m = _margins(t, limits)
    has = m.notna().any(axis=1) if len(m.columns) else pd.Series(False, index=t.index)
    worst_rule = (
        m.fillna(-np.inf).idxmax(axis=1).where(has) if len(m.columns) else pd.Series(pd.NA, index=t.index)
    )
    out = pd.DataFrame(
        {
            "seeker": t["seeker"].astype("str"),
            "mistakes": (status == "mistake").sum(axis=1).astype("int64"),
            "watches": (status == "watch").sum(axis=1).astype("int64"),
            "not_measured": (status == "not_measured").sum(axis=1).astype("int64"),
            "worst_rule": worst_rule.astype("str"),
            "worst_margin": m.max(axis=1).astype("float64") if len(m.columns) else np.nan,
        }
    )
    extra = [c for c in [*_STATUS_COLUMNS, *_RULES] if c in t.columns]
    out = pd.concat([out, t[extra]], axis=1)
    out = out.sort_values(
        ["mistakes", "watches", "worst_margin", "seeker"],
        ascending=[False, False, False, True],
        na_position="last",
        kind="stable",
    )
    return out.reset_index(drop=True)


@fill
def plot_attention(
    table: pd.DataFrame,
    *,
    names=None,
    thresholds: Mapping[str, float] | None = None,
    max_rows: int = 50,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """ "Who needs attention": a table of clients in :func:`attention` order, statuses coloured.

    Parameters
    ----------
    table
        ``summary(data)``.
    names
        Client display names (mapping, ``"ids"``, ``"pseudonyms"``; default: the theme decides).
    thresholds
        Overrides of the scorecard thresholds (see :func:`attention`).
    max_rows
        Rows shown; a last row counts the rest.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One ``table`` trace: client, mistakes, watches, the four statuses (cells filled with
        ``STATUS_COLORS``) and the nearest rule with its margin.

    {raises_table}

    See Also
    --------
    attention : the order and margins shown.
    netlytics.summary : the table drawn.

    Examples
    --------
    >>> s = pd.DataFrame({"seeker": ["Ana", "Ben"], "channel_status": ["ok", "mistake"],
    ...     "priority_status": "ok", "giving_status": "ok", "follow_up_status": "ok",
    ...     "written_share": [0.2, 0.8]})
    >>> plot_attention(s).data[0].cells.values[0]
    ['Ben', 'Ana']
    """
    default_title = "Who needs attention"
    ranked = attention(table, thresholds=thresholds)
    if ranked.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    ranked["who"] = resolve_names(ranked["seeker"], names=names, theme=theme, prefix="Client")
    hidden = max(0, len(ranked) - max_rows)
    cols, fills, inks = _attention_cells(ranked.head(max_rows), hidden, labels)
    trace = _attention_table(cols, fills, inks, theme=theme, labels=labels)
    # a row is one line of text, two where a cell wraps (longer than its column); the header two
    lines = 2 + sum(_row_lines(cols, trace["columnwidth"]))
    layout = {"height": int(min(3000, 160 + (theme.font_size + 14) * lines))}
    # a table clips what does not fit its columns: say how wide the plot must be for the texts
    # (about half an em per character), so that image export lays a narrower image out that wide
    layout["minreducedwidth"] = int(sum(trace["columnwidth"]) * 0.5 * theme.font_size)
    return figure([trace], layout, theme=theme, title=title, labels=labels, default_title=default_title)


def _attention_cells(ranked: pd.DataFrame, hidden: int, labels):
    """The table's cell texts, fill colours and text colours per column; "and N more" last."""
    margin = ranked["worst_margin"]
    cols: dict[str, list] = {
        "seeker": ranked["who"].tolist(),
        "mistakes": ranked["mistakes"].tolist(),
        "watches": ranked["watches"].tolist(),
    }
    fills: dict[str, list] = {k: ["#FFFFFF"] * len(ranked) for k in cols}
    inks: dict[str, list] = {k: ["#000000"] * len(ranked) for k in cols}
    for mistake, column in zip(schema.MISTAKES, _STATUS_COLUMNS, strict=True):
        st = ranked[column].astype("str")
        cols[mistake] = [display_label(s, labels) for s in st]
        fills[mistake] = [STATUS_COLORS.get(s, "#FFFFFF") for s in st]
        inks[mistake] = [_TEXT_ON.get(s, "#000000") for s in st]
    cols["worst_rule"] = [display_label(r, labels) if r != "nan" else "" for r in ranked["worst_rule"]]
    # margins are differences of shares: shown in percentage points, in words
    cols["worst_margin"] = [
        "" if pd.isna(v) else (f"{v * 100:.0f} pts past it" if v > 0 else f"{-v * 100:.0f} pts to spare")
        for v in margin
    ]
    fills["worst_rule"] = fills["worst_margin"] = ["#FFFFFF"] * len(ranked)
    inks["worst_rule"] = ["#000000"] * len(ranked)
    inks["worst_margin"] = [STATUS_COLORS["mistake"] if v > 0 else "#000000" for v in margin.fillna(0)]
    if hidden:
        for k in cols:
            cols[k].append("")
            fills[k].append("#FFFFFF")
            inks[k].append("#000000")
        cols["seeker"][-1] = f"and {hidden} more"
    return cols, fills, inks


def _row_lines(cols: dict, widths: list) -> list[int]:
    """Lines of text per table row: 2 where a cell is longer than its column (it wraps), else 1."""
    n = len(next(iter(cols.values()), []))
    return [
        2 if any(len(str(vals[i])) + 2 > w for w, vals in zip(widths, cols.values(), strict=True)) else 1
        for i in range(n)
    ]


def _attention_table(cols: dict, fills: dict, inks: dict, *, theme, labels) -> dict:
    """The table trace, column widths in proportion to the longest text of each column."""
    header_text = {"seeker": "Client", "worst_rule": "Nearest mistake threshold", "worst_margin": "Margin"}
    header = [
        labels[k] if labels and k in labels else header_text.get(k, display_label(k, labels)) for k in cols
    ]
    widths = column_widths(header, cols.values())
    return {
        "type": "table",
        "columnwidth": widths,
        "header": {
            "values": [f"<b>{h}</b>" for h in header],
            "fill": {"color": "#EEEEEE"},
            "align": "left",
            "font": {"size": theme.font_size, "color": "#000000"},
        },
        "cells": {
            "values": list(cols.values()),
            "fill": {"color": list(fills.values())},
            "align": "left",
            "font": {"size": theme.font_size - 1, "color": list(inks.values())},
            "height": theme.font_size + 14,
        },
    }


def _grid_size(who: dict, n_rows: int, n_cols: int, theme) -> dict:
    """The grid's height, and the plot width its panel titles (the clients' names) need.

    Image export lays a narrower image out that wide (long ids overprinted their neighbours at
    420 px).
    """
    longest = max((len(str(n)) for n in who.values()), default=0)
    return {
        "height": int(120 + n_rows * (140 + 4 * theme.font_size)),
        "bargap": 0.1,
        "minreducedwidth": int(n_cols * (0.6 * theme.font_size * longest + 16)),
    }


def _panels(agg: pd.Series, seekers: list[str], who: dict, n_rows: int, n_cols: int) -> go.Figure:
    """The grid of panels on shared axes, one bar trace per client (in its own panel)."""
    fig = make_subplots(
        rows=n_rows,
        cols=n_cols,
        shared_xaxes="all",
        shared_yaxes="all",
        subplot_titles=[who[s] for s in seekers],
        vertical_spacing=min(0.12, 0.5 / n_rows),
    )
    traces = []
    for i, s in enumerate(seekers):
        g = agg.loc[s] if s in agg.index.get_level_values(0) else pd.Series(dtype="float64")
        axis = "" if i == 0 else str(i + 1)  # make_subplots numbers the panels' axes row by row
        traces.append(
            {
                "type": "bar",
                "x": g.index,
                "y": g.to_numpy().tolist(),
                "name": who[s],
                "showlegend": False,
                "marker": {"color": CHANNEL_COLORS["in_person"]},
                "hovertemplate": "%{x}: %{y}<extra>" + who[s] + "</extra>",
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
            }
        )
    fig.add_traces(traces)
    return fig


def _per_client(t: pd.DataFrame, x: str, y: str) -> pd.Series:
    """``y`` summed per seeker and ``x`` (times as naive UTC), indexed by (seeker, x)."""
    xs = as_time(t[x]) if pd.api.types.is_datetime64_any_dtype(t[x].dtype) else t[x]
    frame = pd.DataFrame(
        {
            "seeker": t["seeker"].astype("str").to_numpy(),
            "x": xs.to_numpy(),
            "y": pd.to_numeric(t[y], errors="coerce").to_numpy(),
        }
    )
    return frame.groupby(["seeker", "x"], sort=True)["y"].sum()


@fill
def plot_small_multiples(
    table: pd.DataFrame,
    *,
    x: str = "week",
    y: str = "touches",
    names=None,
    columns: int = 4,
    max_seekers: int = 24,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """One small panel per client of a weekly measure, on shared axes.

    Parameters
    ----------
    table
        A per-seeker time table, by default ``cadence(data)`` (``seeker``, ``week``,
        ``touches``); any table with ``seeker``, ``x`` and ``y`` columns works (e.g.
        ``channel_mix(data, freq="W")`` pooled per period is not needed: pass ``y="touches"``).
    x, y
        Time column and value column.
    names
        Client display names (default: the theme decides).
    columns
        Panels per row.
    max_seekers
        Panels shown (clients in sorted order); a note counts the rest.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One ``bar`` trace per client (``y`` summed per ``x``), each in its own subplot titled
        with the client's display name; y axes shared so panels compare.

    {raises_table}

    See Also
    --------
    netlytics.cadence : the default table drawn.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": ["Ana", "Ana", "Ben"],
    ...                   "week": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-03"], utc=True),
    ...                   "touches": [2, 5, 1]})
    >>> fig = plot_small_multiples(t)
    >>> [(tr.name, list(tr.y)) for tr in fig.data]
    [('Ana', [2, 5]), ('Ben', [1])]
    """
    check_table(table, ["seeker", x, y], func="plot_small_multiples", produced_by="cadence(data)")
    if y == "touches" and "active_days" in table.columns:  # the cadence table counts outbound only
        labels = {"touches": "Outbound touches", **(labels or {})}
    default_title = f"{display_label(y, labels)} per {display_label(x, labels).lower()}, client by client"
    t = table.loc[table["seeker"].notna() & table[x].notna()]
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    seekers = sorted(t["seeker"].astype("str").unique())
    hidden = max(0, len(seekers) - max_seekers)
    seekers = seekers[:max_seekers]
    shown = resolve_names(pd.Series(seekers, dtype="str"), names=names, theme=theme, prefix="Client")
    who = dict(zip(seekers, shown, strict=True))
    agg = _per_client(t, x, y)
    n_cols = max(1, min(columns, len(seekers)))
    n_rows = -(-len(seekers) // n_cols)
    fig = _panels(agg, seekers, who, n_rows, n_cols)
    fig.update_layout(_grid_size(who, n_rows, n_cols, theme))
    more_note(fig, hidden, what="clients", theme=theme, where="bottom")
    fig.update_yaxes(title_text="", rangemode="tozero")
    apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)
    fig.update_yaxes(title_text=display_label(y, labels), row=1, col=1)
    fig.update_xaxes(title_text=display_label(x, labels), row=n_rows, col=1)
    return fig
