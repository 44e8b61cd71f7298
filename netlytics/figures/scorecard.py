"""The scorecard figure: one tile per mistake, coloured by status.

:func:`plot_scorecard` draws, per seeker, four tiles (channel, priority, giving, follow-up) in
``STATUS_COLORS``: the mistake, its status, the key number, what it rests on, and the advice
sentence. Tiles are layout shapes and annotations (no data traces), so the figure is tiny
whatever the input size.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from netlytics import schema
from netlytics.figures._common import check_table, more_note, no_data_figure, resolve_names, select_seeker
from netlytics.figures.theme import STATUS_COLORS, apply_layout, display_label, get_theme

__all__ = ["MISTAKE_TITLES", "format_value", "plot_scorecard"]

#: Tile heading per mistake (``labels=`` may override any of them by mistake name).
MISTAKE_TITLES: dict[str, str] = {
    "channel": "Meeting, not just e-mailing",
    "priority": "Networking as a priority",
    "giving": "Giving back",
    "follow_up": "Following up and thanking",
}

#: Text colour that reads on each status colour.
_TEXT_ON = {"ok": "#FFFFFF", "watch": "#000000", "mistake": "#FFFFFF", "not_measured": "#000000"}


def format_value(metric: str, value) -> str:
    """The key number as a tile shows it: shares as percentages, days and counts as numbers.

    Examples
    --------
    >>> format_value("written_share", 0.625), format_value("longest_gap_days", 12.0)
    ('62%', '12')
    >>> format_value("give_share", None)
    '–'
    """
    if value is None or pd.isna(value):
        return "–"
    value = float(value)
    if str(metric).endswith("share"):
        return f"{value:.0%}"
    return f"{value:.0f}" if value == round(value) else f"{value:.1f}"


def plot_scorecard(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    names=None,
    max_seekers: int = 12,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Four status tiles per seeker: one per mistake, with the key number and the advice.

    Parameters
    ----------
    table
        ``scorecard(data)``: ``seeker``, ``mistake``, ``metric``, ``value``, ``status``,
        ``evidence``, ``advice``.
    seeker
        Show only this seeker; default: every seeker, one row of tiles each (at most
        ``max_seekers`` rows, with a note counting the rest).
    names
        Display names for seekers when there are several (mapping, ``"ids"``, ``"pseudonyms"``;
        default: the theme decides).
    title, labels, template
        Title text, display text for columns/values (mistake names, statuses, metric names),
        theme.

    Returns
    -------
    plotly.graph_objects.Figure
        No traces: one rectangle shape per tile filled with ``STATUS_COLORS[status]`` (in
        ``schema.MISTAKES`` order, seekers top to bottom) and one annotation per tile holding
        the heading, status, key number, evidence and advice.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "mistake": ["channel", "priority", "giving", "follow_up"],
    ...     "metric": ["written_share", "active_week_share", "give_share", "on_time_share"],
    ...     "value": [0.8, 0.75, None, 0.9], "status": ["mistake", "ok", "not_measured", "ok"],
    ...     "evidence": [40, 40, 40, 12], "advice": ["Meet people.", "Keep going.", "Give.", "Good."]})
    >>> fig = plot_scorecard(t)
    >>> [s.fillcolor for s in fig.layout.shapes]
    ['#D55E00', '#009E73', '#BBBBBB', '#009E73']
    >>> "80%" in fig.layout.annotations[0].text
    True
    """
    check_table(
        table,
        ["seeker", "mistake", "metric", "value", "status", "advice"],
        func="plot_scorecard",
        produced_by="scorecard(data)",
    )
    default_title = "Scorecard: the four networking mistakes"
    t = select_seeker(table, seeker, func="plot_scorecard")
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    seekers = list(dict.fromkeys(t["seeker"].astype("str")))
    hidden = max(0, len(seekers) - max_seekers)
    seekers = seekers[:max_seekers]
    shown = pd.Series(seekers, dtype="str")
    display = dict(zip(seekers, resolve_names(shown, names=names, theme=theme, prefix="Client"), strict=True))
    many = len(seekers) > 1
    rank = {m: i for i, m in enumerate(schema.MISTAKES)}
    t = t.loc[t["seeker"].astype("str").isin(seekers)]
    t = t.loc[t["mistake"].isin(schema.MISTAKES)]
    t = t.assign(
        tile_row=t["seeker"].astype("str").map({s: i for i, s in enumerate(seekers)}),
        tile_col=t["mistake"].map(rank),
    )
    t = t.sort_values(["tile_row", "tile_col"], kind="stable")
    n_rows = len(seekers)
    row_h = 1.0 / n_rows
    gap = 0.012
    width = 28 if theme.font_size < 16 else 22  # characters per advice line
    fig = go.Figure()
    # one tile per row of the table: a loop over at most 4 * max_seekers rows, not interactions
    for rec in t.itertuples(index=False):
        status = rec.status if rec.status in STATUS_COLORS else "not_measured"
        col, row = int(rec.tile_col), int(rec.tile_row)
        x0, x1 = col / 4 + gap, (col + 1) / 4 - gap
        y1 = 1 - row * row_h - gap
        y0 = 1 - (row + 1) * row_h + gap
        fig.add_shape(
            type="rect",
            xref="paper",
            yref="paper",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            fillcolor=STATUS_COLORS[status],
            line={"width": 0},
            layer="below",
        )
        heading = (
            labels[rec.mistake]
            if labels and rec.mistake in labels
            else MISTAKE_TITLES.get(rec.mistake, display_label(rec.mistake))
        )
        if many:
            heading = f"{display[str(rec.seeker)]}: {heading}"
        evidence = getattr(rec, "evidence", None)
        advice = "" if rec.advice is None or pd.isna(rec.advice) else str(rec.advice)
        lines = [
            f"<b>{heading}</b>",
            display_label(status, labels),
            f"<span style='font-size:{int(theme.font_size * 2.2)}px'><b>"
            f"{format_value(rec.metric, rec.value)}</b></span>",
            display_label(rec.metric, labels),
        ]
        if evidence is not None and not pd.isna(evidence):
            unit = "triggers" if rec.mistake == "follow_up" else "touches"
            lines.append(f"<i>based on {int(evidence)} {unit}</i>")
        lines.append("<br>".join(textwrap.wrap(advice, width=width)))
        fig.add_annotation(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=(x0 + x1) / 2,
            y=(y0 + y1) / 2,
            showarrow=False,
            align="center",
            font={"color": _TEXT_ON[status], "size": theme.font_size},
        )
    fig.update_xaxes(visible=False, range=[0, 1])
    fig.update_yaxes(visible=False, range=[0, 1])
    fig.update_layout(height=int(140 + n_rows * theme.font_size * 20), showlegend=False)
    more_note(fig, hidden, what="seekers", theme=theme)
    return apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)
