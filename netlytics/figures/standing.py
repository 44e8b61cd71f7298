"""Where each client stands, and the cohort week by week (cohort views for a career coach).

- :func:`plot_strips`: distribution strips of summary metrics, one client highlighted;
- :func:`plot_cohort_trend`: the cohort's week-by-week median (and interquartile band) of each
  summary metric, from summaries computed at several ``as_of`` dates.

Both take ``summary(data)`` rows (one per seeker, or per seeker and ``as_of``) and share the
mistake rules of :mod:`netlytics.figures.cohort`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from netlytics.figures._common import as_time, check_table, no_data_figure, resolve_names, select_seeker
from netlytics.figures._docs import fill
from netlytics.figures.cohort import _RULES, SUMMARY_METRICS, _thresholds, _with_on_time
from netlytics.figures.theme import STATUS_COLORS, apply_layout, display_label, get_theme

__all__ = ["plot_cohort_trend", "plot_strips"]


def _metric_title(metric: str, labels, limits: Mapping[str, float]) -> str:
    """A strip's or trend panel's title: the metric and, when it has one, its mistake side.

    Examples
    --------
    >>> _metric_title("written_share", None, _thresholds(None))
    'Written share (mistake above 50%)'
    >>> _metric_title("give_share", None, _thresholds(None))
    'Give share (mistake below 20%)'
    """
    text = display_label(metric, labels)
    rule = _RULES.get(metric)
    if rule is None:
        return text
    value = limits[f"{rule[1]}_mistake"]
    shown = f"{value:.0%}" if metric.endswith("share") else f"{value:g}"
    return f"{text} (mistake {'above' if rule[2] > 0 else 'below'} {shown})"


def _metrics_of(t: pd.DataFrame, metrics, *, func: str, produced_by: str) -> list[str]:
    """The metric columns to draw: those given (checked), or :data:`SUMMARY_METRICS` with a value."""
    if metrics is None:
        return [m for m in SUMMARY_METRICS if m in t.columns and t[m].notna().any()]
    check_table(t, list(metrics), func=func, produced_by=produced_by)
    return list(metrics)


def _add_threshold(fig: go.Figure, i: int, metric: str, limits, *, vertical: bool, theme) -> None:
    """The dashed mistake threshold of ``metric`` in panel ``i``, when the scorecard has one.

    The line width is explicit: a template's ``shapedefaults`` may draw lines 0 wide (plotly's
    ``simple_white``, the base of the workshop theme, does), which hid the threshold.
    """
    rule = _RULES.get(metric)
    if rule is None:
        return
    line = {"color": STATUS_COLORS["mistake"], "dash": "dash", "width": max(2.0, 0.75 * theme.line_width)}
    value = limits[f"{rule[1]}_mistake"]
    if vertical:
        fig.add_vline(x=value, line=line, row=i, col=1)
    else:
        fig.add_hline(y=value, line=line, row=i, col=1)


def _strip_traces(metric: str, v: pd.Series, ok: pd.Series, sel, who: pd.Series, *, theme) -> list[dict]:
    """A strip: grey dots for the cohort; the highlighted client (``sel``) large and labelled."""
    hover = (
        "%{text}: %{x:.0%}<extra></extra>" if metric.endswith("share") else "%{text}: %{x:.2f}<extra></extra>"
    )
    traces = [
        {
            "type": "scatter",
            "x": v[ok].tolist(),
            "y": [0] * int(ok.sum()),
            "mode": "markers",
            "name": "Cohort",
            "showlegend": False,
            "text": who[ok].tolist(),
            "marker": {"color": "#999999", "size": theme.font_size, "opacity": 0.6},
            "hovertemplate": hover,
        }
    ]
    if sel is not None and sel.any():
        traces.append(
            {
                "type": "scatter",
                "x": v[sel].tolist(),
                "y": [0] * int(sel.sum()),
                "mode": "markers+text",
                "name": str(who[sel].iloc[0]),
                "showlegend": False,
                "text": who[sel].tolist(),
                # keep the label inside the plot near either end of a 0-100% strip
                "textposition": [
                    "top left" if x > 0.8 else "top right" if x < 0.2 else "top center" for x in v[sel]
                ],
                "cliponaxis": False,
                "hovertemplate": hover,
                "marker": {
                    "color": STATUS_COLORS["mistake"],
                    "size": theme.font_size * 1.6,
                    "line": {"color": "#000000", "width": 2},
                },
            }
        )
    return traces


@fill
def plot_strips(
    table: pd.DataFrame,
    *,
    metrics: Sequence[str] | None = None,
    highlight: str | None = None,
    names=None,
    thresholds: Mapping[str, float] | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Distribution strips: every client's value of each summary metric, one client highlighted.

    Parameters
    ----------
    table
        ``summary(data)``.
    metrics
        Columns to show, one strip each; default :data:`SUMMARY_METRICS` that are present
        (``on_time_share`` is derived, see the module notes).
    highlight
        The seeker drawn large and labelled; the others are grey dots.
    names
        Client display names (default: the theme decides).
    thresholds
        Overrides of the scorecard thresholds; the mistake threshold of a metric that has one
        is drawn as a dashed vertical line.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One subplot row per metric; per row a grey ``Cohort`` marker trace (one point per
        client with a value) and, with ``highlight``, a marker trace for that client.

    {raises_table}

    See Also
    --------
    netlytics.summary : the table drawn.
    plot_cohort_trend : the cohort week by week.

    Examples
    --------
    >>> s = pd.DataFrame({"seeker": ["Ana", "Ben", "Cy"], "written_share": [0.2, 0.6, 0.4],
    ...                   "give_share": [0.1, None, 0.5]})
    >>> fig = plot_strips(s, highlight="Ben")
    >>> [(tr.name, list(tr.x)) for tr in fig.data]
    [('Cohort', [0.2, 0.6, 0.4]), ('Ben', [0.6]), ('Cohort', [0.1, 0.5])]
    """
    check_table(table, ["seeker"], func="plot_strips", produced_by="summary(data)")
    default_title = "Where each client stands"
    t = _with_on_time(table)
    metrics = _metrics_of(t, metrics, func="plot_strips", produced_by="summary(data)")
    if t.empty or not metrics:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    if highlight is not None:
        select_seeker(t, highlight, func="plot_strips")  # raises with a did-you-mean if unknown
    theme = get_theme(template)
    limits = _thresholds(thresholds)
    who = resolve_names(t["seeker"], names=names, theme=theme, prefix="Client")
    fig = make_subplots(
        rows=len(metrics),
        cols=1,
        subplot_titles=[_metric_title(m, labels, limits) for m in metrics],
        vertical_spacing=min(0.15, 0.6 / len(metrics)),
    )
    for i, metric in enumerate(metrics, start=1):
        v = pd.to_numeric(t[metric], errors="coerce").astype("float64")
        ok = v.notna()
        sel = ok & (t["seeker"].astype("str") == str(highlight)) if highlight is not None else None
        fig.add_traces(_strip_traces(metric, v, ok, sel, who, theme=theme), rows=i, cols=1)
        _add_threshold(fig, i, metric, limits, vertical=True, theme=theme)
        if metric.endswith("share"):
            fig.update_xaxes(range=[-0.02, 1.02], tickformat=".0%", row=i, col=1)
    fig.update_yaxes(visible=False, range=[-1, 1.5])
    fig.update_layout(height=int(100 + len(metrics) * (60 + 4 * theme.font_size)))
    return apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)


@fill
def plot_cohort_trend(
    table: pd.DataFrame,
    *,
    metrics: Sequence[str] | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """The cohort's week-by-week median and interquartile band of each summary metric.

    Parameters
    ----------
    table
        Summaries computed at several dates and stacked:
        ``pd.concat([summary(data, as_of=w) for w in weeks])`` (``seeker``, ``as_of`` and the
        metric columns).
    metrics
        Columns to show; default :data:`SUMMARY_METRICS` present.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One subplot row per metric (titled with the metric and its mistake side, e.g. "Give
        share (mistake below 20%)"): per row an upper and a lower edge trace and a ``Median
        client`` line (a shaded "Middle half of clients" band between the 25th and 75th
        percentiles over clients at each ``as_of``, nulls ignored), and the mistake threshold
        as a dashed line where the scorecard has one; a last, empty trace is the legend key of
        those lines.

    {raises_table}

    See Also
    --------
    netlytics.figures.registry.trend_table : the table drawn.
    plot_strips : where each client stands now.

    Examples
    --------
    >>> s = pd.DataFrame({"seeker": ["Ana", "Ben", "Ana", "Ben"],
    ...     "as_of": pd.to_datetime(["2025-03-02", "2025-03-02", "2025-03-09", "2025-03-09"], utc=True),
    ...     "written_share": [0.2, 0.6, 0.3, 0.5]})
    >>> fig = plot_cohort_trend(s)
    >>> [round(v, 2) for v in fig.data[2].y]
    [0.4, 0.4]
    """
    check_table(table, ["seeker", "as_of"], func="plot_cohort_trend", produced_by="summary(data, as_of=...)")
    default_title = "The cohort week by week"
    t = _with_on_time(table)
    metrics = _metrics_of(t, metrics, func="plot_cohort_trend", produced_by="summary(data, as_of=...)")
    t = t.loc[t["as_of"].notna()]
    if t.empty or not metrics:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    limits = _thresholds(None)
    when = as_time(t["as_of"])
    fig, top, height = _trend_grid(metrics, labels, limits, theme)
    for i, metric in enumerate(metrics, start=1):
        v = pd.to_numeric(t[metric], errors="coerce").astype("float64")
        _add_trend_panel(fig, i, metric, when, v, limits, theme=theme)
    # a legend key for the dashed threshold lines
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name="Mistake threshold",
            line={"color": STATUS_COLORS["mistake"], "dash": "dash"},
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    fig.update_layout(height=height, margin_t=top)
    apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)
    fig.update_xaxes(title_text=display_label("as_of", labels), row=len(metrics), col=1)
    return fig


def _trend_grid(metrics: list[str], labels, limits, theme) -> tuple[go.Figure, int, int]:
    """The panels (one per metric, shared x), the top margin (room for the first panel's title) and the height."""
    n = len(metrics)
    panel_px, gap_px = 110 + 4 * theme.font_size, 3 * theme.font_size + 16
    margin = theme.template.layout.margin
    top = int((margin.t or 80) + 1.2 * theme.font_size)  # the first panel's title under the title
    bottom = int(margin.b or 50) + 2 * theme.font_size  # the legend's row under the x axis
    height = top + bottom + n * panel_px + (n - 1) * gap_px
    fig = make_subplots(
        rows=n,
        cols=1,
        shared_xaxes=True,
        subplot_titles=[_metric_title(m, labels, limits) for m in metrics],
        vertical_spacing=gap_px / (n * panel_px + (n - 1) * gap_px) if n > 1 else 0.0,
    )
    return fig, top, height


def _add_trend_panel(
    fig: go.Figure, i: int, metric: str, when: pd.Series, v: pd.Series, limits, *, theme
) -> None:
    """Panel ``i``: the interquartile band, the median client per date, the mistake threshold."""
    g = pd.DataFrame({"when": when.to_numpy(), "v": v.to_numpy()}).groupby("when")["v"]
    q = pd.DataFrame({"lo": g.quantile(0.25), "mid": g.median(), "hi": g.quantile(0.75)}).sort_index()
    x = list(q.index)
    band = {"x": x, "mode": "lines", "line": {"width": 0}, "hoverinfo": "skip"}
    fig.add_trace(
        go.Scatter(y=q["hi"].tolist(), showlegend=False, name="75th percentile", **band), row=i, col=1
    )
    fig.add_trace(
        go.Scatter(
            y=q["lo"].tolist(),
            fill="tonexty",
            fillcolor="rgba(0,114,178,0.2)",
            showlegend=i == 1,
            name="Middle half of clients",
            **band,
        ),
        row=i,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=q["mid"].tolist(),
            mode="lines+markers",
            name="Median client",
            showlegend=i == 1,
            line={"color": "#0072B2", "width": theme.line_width},
            hovertemplate="%{x|%d %b %Y}: median %{y:.0%}<extra></extra>"
            if metric.endswith("share")
            else "%{x|%d %b %Y}: median %{y:.2f}<extra></extra>",
        ),
        row=i,
        col=1,
    )
    _add_threshold(fig, i, metric, limits, vertical=False, theme=theme)
    if metric.endswith("share"):
        fig.update_yaxes(range=[0, 1.05], tickvals=[0, 0.5, 1], tickformat=".0%", row=i, col=1)
