"""Channel mix figures (mistake 1: mostly e-mail instead of in person).

- :func:`plot_channel_mix`: a donut of channel shares (from ``channel_mix(data)``);
- :func:`plot_channel_weekly`: a weekly stacked area of touches by channel with the written
  share as a line (from ``channel_mix(data, freq="W")``).

With several seekers in the table (a cohort) and no ``seeker=``, touches are pooled over the
seekers and shares recomputed from the pooled counts.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from netlytics import schema
from netlytics.figures._build import figure, order_by, rows
from netlytics.figures._common import as_time, no_data_figure
from netlytics.figures._docs import fill
from netlytics.figures.theme import CHANNEL_COLORS, display_label, get_theme

__all__ = ["plot_channel_mix", "plot_channel_weekly"]


def _mix(t: pd.DataFrame) -> pd.DataFrame:
    """Touches and share per channel, in ``schema.CHANNELS`` order (shares re-pooled for a cohort)."""
    if "seeker" not in t.columns or t["seeker"].nunique() == 1:
        agg = t.groupby("channel", sort=False).agg(touches=("touches", "sum"), share=("share", "sum"))
    else:
        agg = t.groupby("channel", sort=False).agg(touches=("touches", "sum"))
        agg["share"] = agg["touches"] / agg["touches"].sum()
    return agg.loc[order_by(agg.index, schema.CHANNELS)]


#: The donut's hole, as a fraction of its radius (room for the centre text).
HOLE = 0.62
#: The donut's share of the plot's height (room above it for its top slices' labels).
DOMAIN_HEIGHT = 0.86
#: The figure height the centre text is sized for: plotly's default, a notebook's figure.
NOTEBOOK_HEIGHT = 450


def _centre_fonts(theme, lines: list[str]) -> tuple[int, int]:
    """The font sizes of the number and of the words (``lines``) in the donut's hole.

    The number is two points over the base font. The words take the largest size, at most
    one point under the base font, at which the text's box (0.6 em a character, wider than
    most sans-serif fonts; 1.3 em a line) has a diagonal of at most 85% of the hole of a donut
    drawn :data:`NOTEBOOK_HEIGHT` high (at least 9 px). Sized so, the text fits the hole at
    full size: it does not rely on plotly.js scaling the pie's title down (JupyterLab showed it
    running into the ring); in a smaller figure plotly.js still scales it to fit.

    Examples
    --------
    >>> from netlytics.figures.theme import get_theme
    >>> words = ["written share", "1055 touches"]
    >>> _centre_fonts(get_theme("workshop"), words), _centre_fonts(get_theme("default"), words)
    ((22, 15), (15, 12))
    """
    big = theme.font_size + 2
    margin = theme.template.layout.margin
    plot = NOTEBOOK_HEIGHT - (margin.t or 80) - (margin.b or 80)
    room = 0.85 * plot * DOMAIN_HEIGHT * HOLE
    longest = max(len(x) for x in lines)
    for small in range(theme.font_size - 1, 9, -1):
        width, height = 0.6 * max(3 * big, longest * small), 1.3 * (big + 2 * small)
        if (width**2 + height**2) ** 0.5 <= room:
            return big, small
    return big, 9


def _donut(agg: pd.DataFrame, *, theme, labels) -> dict:
    """The donut: every slice named outside it, the written share and touches in the hole.

    The centre text is the pie's own ``title`` at "middle center": plotly.js scales it down to
    fit the hole when it measures it too large (a paper annotation keeps its size and overflowed
    a small donut); its type is sized by :func:`_centre_fonts` to fit the hole at full size in
    a notebook. No legend is drawn, so none can meet
    the labels; ``automargin`` grows the margins to fit the outside labels, so none is clipped.
    """
    channels = agg.index.tolist()
    written = float(agg.loc[agg.index.isin(schema.WRITTEN_CHANNELS), "share"].sum())
    words = [display_label("written_share", labels).lower(), f"{int(agg['touches'].sum())} touches"]
    big, small = _centre_fonts(theme, words)
    centre = f"{written:.0%}<br><span style='font-size:{small}px'>{'<br>'.join(words)}</span>"
    return {
        "type": "pie",
        "labels": [display_label(c, labels) for c in channels],
        "values": agg["share"].astype("float64").tolist(),
        "customdata": agg["touches"].astype("int64").tolist(),
        "hole": HOLE,
        "sort": False,
        "direction": "clockwise",
        # the first slices (live channels) and the last (text, other) are often small: starting
        # at 3 o'clock puts their labels on the right, in the width, away from the title
        "rotation": 90,
        "marker": {"colors": [CHANNEL_COLORS.get(c, "#999999") for c in channels]},
        "texttemplate": "%{label} %{percent:.0%}",  # one line: half the height to place
        "textposition": "outside",
        "automargin": True,
        "showlegend": False,
        # room above the donut for the labels of its top slices, under the title
        "domain": {"x": [0.0, 1.0], "y": [0.0, DOMAIN_HEIGHT]},
        "title": {"text": centre, "position": "middle center", "font": {"size": big}},
        "hovertemplate": "%{label}: %{percent:.1%} (%{customdata} touches)<extra></extra>",
        "name": display_label("channel", labels),
    }


@fill
def plot_channel_mix(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Donut of the share of touches by channel.

    Parameters
    ----------
    table
        ``channel_mix(data)``: ``seeker``, ``channel``, ``touches``, ``share``.
    {seeker_pooled}
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One ``pie`` trace (hole 0.62): slice values are the channel shares, in
        ``schema.CHANNELS`` order, coloured with ``CHANNEL_COLORS``, each labelled outside with
        its channel and share (no legend, so labels never meet one; the margins grow to fit the
        labels, so none is clipped); the centre (the pie's title, scaled to fit the hole) shows
        the written share and the number of touches.

    {raises_table}

    See Also
    --------
    netlytics.channel_mix : the table drawn.
    plot_channel_weekly : the mix week by week.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "channel": ["email", "in_person"],
    ...                   "touches": [3, 1], "share": [0.75, 0.25]})
    >>> fig = plot_channel_mix(t)
    >>> list(fig.data[0].values)
    [0.25, 0.75]
    """
    default_title = "Channel mix"
    t = rows(
        table,
        ["channel", "touches", "share"],
        func="plot_channel_mix",
        produced_by="channel_mix(data)",
        seeker=seeker,
        positive="touches",
    )
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    trace = _donut(_mix(t), theme=theme, labels=labels)
    return figure([trace], theme=theme, title=title, labels=labels, default_title=default_title)


def _weekly_wide(t: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """Touches per period (rows) and channel (columns, schema order); whether periods are weeks.

    Weekly periods without a touch are added as 0 (a stacked area would bridge the gap).
    """
    t = t.assign(period=as_time(t["period"]))
    wide = t.pivot_table(index="period", columns="channel", values="touches", aggfunc="sum", fill_value=0)
    wide = wide.sort_index()
    wide = wide[order_by(wide.columns, schema.CHANNELS)]
    steps = wide.index.to_series().diff().dropna()
    weekly = len(steps) > 0 and bool((steps % pd.Timedelta(days=7) == pd.Timedelta(0)).all())
    if weekly:
        full = pd.date_range(wide.index.min(), wide.index.max(), freq="7D")
        wide = wide.reindex(full, fill_value=0)
    return wide, weekly


def _weekly_traces(wide: pd.DataFrame, *, theme, labels) -> list[dict]:
    """One stacked area per channel, then the written-share line on the right-hand axis."""
    total = wide.sum(axis=1)
    written_cols = [c for c in wide.columns if c in schema.WRITTEN_CHANNELS]
    written = (wide[written_cols].sum(axis=1) / total).where(total > 0)
    x = wide.index
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": wide[channel].astype("int64").tolist(),
            "name": display_label(channel, labels),
            "stackgroup": "touches",
            "mode": "lines",
            "line": {"width": 0.5, "color": CHANNEL_COLORS.get(channel, "#999999")},
            "fillcolor": CHANNEL_COLORS.get(channel, "#999999"),
            "hovertemplate": "%{x|%d %b %Y}: %{y} touches<extra>%{fullData.name}</extra>",
        }
        for channel in wide.columns
    ]
    traces.append(
        {
            "type": "scatter",
            "x": x,
            "y": written.astype("float64").tolist(),
            "name": display_label("written_share", labels),
            "yaxis": "y2",
            "mode": "lines+markers",
            "line": {"color": "#000000", "width": theme.line_width, "dash": "dot"},
            "hovertemplate": "%{x|%d %b %Y}: %{y:.0%} written<extra></extra>",
        }
    )
    return traces


def _weekly_layout(labels) -> dict:
    """Counts from zero on the left, the written share 0-100% on the right, one hover per week."""
    return {
        "yaxis": {"rangemode": "tozero"},
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "range": [0, 1.05],
            "tickmode": "array",
            "tickvals": [0, 0.25, 0.5, 0.75, 1],
            "tickformat": ".0%",
            "showgrid": False,
            "rangemode": "tozero",
            "title": {"text": display_label("written_share", labels)},
        },
        "hovermode": "x unified",
        "legend": {"traceorder": "normal"},  # channels in schema order, not the stack's reverse
    }


@fill
def plot_channel_weekly(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Weekly stacked area of touches by channel, with the written share as a line.

    Parameters
    ----------
    table
        ``channel_mix(data, freq="W")``: ``seeker``, ``period``, ``channel``, ``touches``
        (``share`` is not needed: the written share is recomputed from the counts).
    {seeker_pooled}
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One stacked ``scatter`` trace per channel (``stackgroup="touches"``, touches per period,
        0 where a channel has no touch) and a ``Written share`` line on a right-hand 0-1 axis.

    {raises_table}

    See Also
    --------
    netlytics.channel_mix : the table drawn (``freq="W"``).
    plot_channel_mix : the mix over the whole period.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "channel": ["email", "in_person", "email"],
    ...                   "period": pd.to_datetime(["2025-03-03", "2025-03-03", "2025-03-10"], utc=True),
    ...                   "touches": [3, 1, 2], "share": [0.75, 0.25, 1.0]})
    >>> fig = plot_channel_weekly(t)
    >>> [tr.name for tr in fig.data]
    ['In person', 'E-mail', 'Written share']
    >>> list(fig.data[-1].y)
    [0.75, 1.0]
    """
    default_title = "Touches by channel, week by week"
    t = rows(
        table,
        ["period", "channel", "touches"],
        func="plot_channel_weekly",
        produced_by='channel_mix(data, freq="W")',
        seeker=seeker,
        positive="touches",
    )
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    wide, weekly = _weekly_wide(t)
    layout = _weekly_layout(labels)
    # the column is "period"; label it "Week" when it is weekly (labels= may name either)
    x = "week" if (weekly or len(wide) < 2) and not (labels and "period" in labels) else "period"
    traces = _weekly_traces(wide, theme=theme, labels=labels)
    return figure(
        traces,
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        x=x,
        y="touches",
        legend="channel",
    )
