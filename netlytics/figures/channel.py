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
from netlytics._docstrings import fill
from netlytics.figures._common import as_time, check_table, no_data_figure, select_seeker
from netlytics.figures.theme import CHANNEL_COLORS, apply_layout, display_label, get_theme

__all__ = ["plot_channel_mix", "plot_channel_weekly"]

_CHANNEL_ORDER = {c: i for i, c in enumerate(schema.CHANNELS)}


def _ordered_channels(channels) -> list[str]:
    return sorted(channels, key=lambda c: (_CHANNEL_ORDER.get(c, len(_CHANNEL_ORDER)), str(c)))


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
    seeker
        Show only this seeker; default: every seeker in the table, pooled.
    {title}
    {labels}
    {template}

    Returns
    -------
    plotly.graph_objects.Figure
        One ``pie`` trace (hole 0.5): slice values are the channel shares, in
        ``schema.CHANNELS`` order, coloured with ``CHANNEL_COLORS``, each labelled outside with
        its channel and share (no legend, so labels never meet one; the margins grow to fit the
        labels, so none is clipped); the centre shows the written share and the number of
        touches.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "channel": ["email", "in_person"],
    ...                   "touches": [3, 1], "share": [0.75, 0.25]})
    >>> fig = plot_channel_mix(t)
    >>> list(fig.data[0].values)
    [0.25, 0.75]
    """
    check_table(
        table, ["channel", "touches", "share"], func="plot_channel_mix", produced_by="channel_mix(data)"
    )
    default_title = "Channel mix"
    t = select_seeker(table, seeker, func="plot_channel_mix")
    t = t.loc[t["touches"].fillna(0) > 0]
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    n_seekers = t["seeker"].nunique() if "seeker" in t.columns else 1
    if n_seekers == 1:
        agg = t.groupby("channel", sort=False).agg(touches=("touches", "sum"), share=("share", "sum"))
    else:
        agg = t.groupby("channel", sort=False).agg(touches=("touches", "sum"))
        agg["share"] = agg["touches"] / agg["touches"].sum()
    agg = agg.loc[_ordered_channels(agg.index)]
    channels = agg.index.tolist()
    written = float(agg.loc[agg.index.isin(schema.WRITTEN_CHANNELS), "share"].sum())
    total = int(agg["touches"].sum())
    fig = go.Figure(
        go.Pie(
            labels=[display_label(c, labels) for c in channels],
            values=agg["share"].astype("float64").tolist(),
            customdata=agg["touches"].astype("int64").tolist(),
            hole=0.55,
            sort=False,
            direction="clockwise",
            marker={"colors": [CHANNEL_COLORS.get(c, "#999999") for c in channels]},
            texttemplate="%{label}<br>%{percent:.0%}",
            # every slice is named beside it (outside, the margins grow to fit), so no legend
            # is drawn to collide with the labels at any size (and none is needed)
            textposition="outside",
            automargin=True,
            showlegend=False,
            # room above the donut for the labels of its top slices, under the title
            domain={"x": [0.0, 1.0], "y": [0.0, 0.86]},
            hovertemplate="%{label}: %{percent:.1%} (%{customdata} touches)<extra></extra>",
            name=display_label("channel", labels),
        )
    )
    small = theme.font_size - 2  # the hole is small on a slide or a phone: the words in a smaller type
    fig.add_annotation(
        text=f"{written:.0%}<br><span style='font-size:{small}px'>{display_label('written_share', labels).lower()}"
        f"<br>{total} touches</span>",
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": theme.font_size + 2},
    )
    fig = apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)
    return fig


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
    seeker
        Show only this seeker; default: every seeker, pooled.
    {title}
    {labels}
    {template}

    Returns
    -------
    plotly.graph_objects.Figure
        One stacked ``scatter`` trace per channel (``stackgroup="touches"``, touches per period,
        0 where a channel has no touch) and a ``Written share`` line on a right-hand 0-1 axis.

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
    check_table(
        table,
        ["period", "channel", "touches"],
        func="plot_channel_weekly",
        produced_by='channel_mix(data, freq="W")',
    )
    default_title = "Touches by channel, week by week"
    t = select_seeker(table, seeker, func="plot_channel_weekly")
    t = t.loc[t["touches"].fillna(0) > 0]
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    t = t.assign(period=as_time(t["period"]))
    wide = t.pivot_table(index="period", columns="channel", values="touches", aggfunc="sum", fill_value=0)
    wide = wide.sort_index()
    wide = wide[_ordered_channels(wide.columns)]
    steps = wide.index.to_series().diff().dropna()
    weekly = len(steps) > 0 and bool((steps % pd.Timedelta(days=7) == pd.Timedelta(0)).all())
    if weekly:
        # weeks without a touch are 0, not skipped (a stacked area would bridge the gap)
        full = pd.date_range(wide.index.min(), wide.index.max(), freq="7D")
        wide = wide.reindex(full, fill_value=0)
    total = wide.sum(axis=1)
    written_cols = [c for c in wide.columns if c in schema.WRITTEN_CHANNELS]
    written = (wide[written_cols].sum(axis=1) / total).where(total > 0)
    x = wide.index
    fig = go.Figure()
    for channel in wide.columns:
        fig.add_trace(
            go.Scatter(
                x=x,
                y=wide[channel].astype("int64").tolist(),
                name=display_label(channel, labels),
                stackgroup="touches",
                mode="lines",
                line={"width": 0.5, "color": CHANNEL_COLORS.get(channel, "#999999")},
                fillcolor=CHANNEL_COLORS.get(channel, "#999999"),
                hovertemplate="%{x|%d %b %Y}: %{y} touches<extra>%{fullData.name}</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=written.astype("float64").tolist(),
            name=display_label("written_share", labels),
            yaxis="y2",
            mode="lines+markers",
            line={"color": "#000000", "width": theme.line_width, "dash": "dot"},
            hovertemplate="%{x|%d %b %Y}: %{y:.0%} written<extra></extra>",
        )
    )
    fig.update_layout(
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 1.05],
            "tickmode": "array",
            "tickvals": [0, 0.25, 0.5, 0.75, 1],
            "tickformat": ".0%",
            "showgrid": False,
            "title": {"text": display_label("written_share", labels)},
        },
        hovermode="x unified",
        legend={"traceorder": "normal"},  # channels in schema order, not the stack's reverse
    )
    fig.update_yaxes(rangemode="tozero")
    return apply_layout(
        fig,
        title=title,
        labels=labels,
        template=theme,
        default_title=default_title,
        # the column is "period"; label it "Week" when it is weekly (labels= may name either)
        x="week" if (weekly or len(x) < 2) and not (labels and "period" in labels) else "period",
        y="touches",
        legend="channel",
    )
