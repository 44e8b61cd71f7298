"""Reciprocity figures (mistake 3: not giving back).

- :func:`plot_reciprocity`: a diverging bar per contact, gives to the right, receives to the
  left (weighted values), the top ``top_n`` contacts with an "and N more" note;
- :func:`plot_give_share`: each seeker's give share against the thresholds (and, for a cohort,
  the cohort median), one bar per seeker.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netlytics.figures._build import figure, rows
from netlytics.figures._common import check_table, more_note, no_data_figure, resolve_names
from netlytics.figures._docs import fill
from netlytics.figures.theme import DIRECTION_COLORS, STATUS_COLORS, display_label, get_theme

__all__ = ["GIVE_SHARE_THRESHOLDS", "plot_reciprocity", "plot_give_share"]

#: METRICS.md scorecard defaults: give_share below 0.2 is a mistake, below 0.4 worth watching.
GIVE_SHARE_THRESHOLDS: dict[str, float] = {"mistake": 0.2, "watch": 0.4}

_RECIPROCITY_COLUMNS = ["contact_id", "give_value", "receive_value"]


def _symmetric_ticks(lim: float) -> list[float]:
    """About five "nice" tick values each side of 0 up to ``lim``, mirrored.

    Examples
    --------
    >>> _symmetric_ticks(5.5)
    [-4.0, -2.0, 0.0, 2.0, 4.0]
    """
    raw = lim / 3
    mag = 10 ** np.floor(np.log10(raw)) if raw > 0 else 1.0
    step = float(min((m * mag for m in (1, 2, 5, 10) if m * mag >= raw), default=10 * mag))
    n = int(np.floor(lim / step + 1e-9))
    return [float(k * step) for k in range(-n, n + 1)]


def _contact_frame(t: pd.DataFrame, give: pd.Series, recv: pd.Series, *, names, theme) -> pd.DataFrame:
    """One row per contact (labelled "client: contact" for several seekers), largest total first."""
    who = resolve_names(t["contact_id"], names=names, theme=theme)
    if "seeker" in t.columns and t["seeker"].nunique() > 1:
        seekers = resolve_names(t["seeker"], names=None, theme=theme, prefix="Client")
        who = seekers + ": " + who
    frame = pd.DataFrame(
        {
            "who": who.to_numpy(),
            "give": give.to_numpy(),
            "recv": recv.to_numpy(),
            "gives": t["gives"].to_numpy() if "gives" in t.columns else np.nan,
            "receives": t["receives"].to_numpy() if "receives" in t.columns else np.nan,
            "key": t["contact_id"].astype("str").to_numpy(),
        }
    )
    frame["total"] = frame["give"] + frame["recv"]
    return frame.sort_values(["total", "key"], ascending=[False, True], kind="stable")


def _diverging_bars(frame: pd.DataFrame, labels) -> list[dict]:
    """The gives bar (right) and the receives bar (left) of every contact shown."""
    who = frame["who"].tolist()
    return [
        {
            "type": "bar",
            "y": who,
            "x": frame["give"].tolist(),
            "orientation": "h",
            "name": display_label("give_value", labels),
            "marker": {"color": DIRECTION_COLORS["outbound"]},
            "customdata": np.column_stack([frame["gives"].to_numpy(), frame["receives"].to_numpy()]),
            "hovertemplate": "%{y}: gave %{x} (%{customdata[0]} gifts)<extra></extra>",
        },
        {
            "type": "bar",
            "y": who,
            "x": (-frame["recv"]).tolist(),
            "orientation": "h",
            "name": display_label("receive_value", labels),
            "marker": {"color": DIRECTION_COLORS["inbound"]},
            "customdata": np.column_stack([frame["recv"].to_numpy(), frame["receives"].to_numpy()]),
            "hovertemplate": "%{y}: received %{customdata[0]} (%{customdata[1]} gifts)<extra></extra>",
        },
    ]


@fill
def plot_reciprocity(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    names=None,
    top_n: int = 20,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Diverging bars per contact: weighted gives (right) against receives (left).

    Parameters
    ----------
    table
        ``reciprocity(data)``: ``seeker``, ``contact_id``, ``give_value``, ``receive_value``
        (``gives``/``receives`` counts are shown on hover when present).
    seeker
        Show only this seeker; default: all (rows are labelled "seeker: contact" when there are
        several).
    names
        How to label contacts: a mapping ``contact_id -> name``, a contacts frame, ``"ids"`` or
        ``"pseudonyms"``; default: the theme decides (see :mod:`netlytics.figures._common`).
    top_n
        Show the ``top_n`` contacts with the largest give + receive value; a note counts the rest.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        Two horizontal ``bar`` traces (``barmode="relative"``): ``give_value`` as positive ``x``
        and ``receive_value`` as negative ``x``, one ``y`` category per contact, largest first.

    {raises_table}

    See Also
    --------
    netlytics.reciprocity : the table drawn.
    plot_give_share : each client's give share.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "contact_id": ["ben@x.org", "cy@x.org"],
    ...                   "gives": [1, 0], "receives": [1, 2], "give_value": [3.0, 0.0],
    ...                   "receive_value": [1.0, 5.0], "balance": [2.0, -5.0]})
    >>> fig = plot_reciprocity(t)
    >>> list(fig.data[0].y), list(fig.data[0].x), list(fig.data[1].x)
    (['cy@x.org', 'ben@x.org'], [0.0, 3.0], [-5.0, -1.0])
    """
    default_title = "Giving and receiving, per contact"
    t = rows(
        table, _RECIPROCITY_COLUMNS, func="plot_reciprocity", produced_by="reciprocity(data)", seeker=seeker
    )
    give = pd.to_numeric(t["give_value"], errors="coerce").fillna(0.0).astype("float64")
    recv = pd.to_numeric(t["receive_value"], errors="coerce").fillna(0.0).astype("float64")
    keep = (give + recv) > 0
    if not keep.any():
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    frame = _contact_frame(t.loc[keep], give[keep], recv[keep], names=names, theme=theme)
    hidden = max(0, len(frame) - top_n)
    frame = frame.head(top_n)
    layout = _diverging_layout(frame, theme=theme, labels=labels)
    fig = figure(
        _diverging_bars(frame, labels),
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        y="contact_id",
    )
    more_note(fig, hidden, what="contacts", theme=theme)
    return fig


def _diverging_layout(frame: pd.DataFrame, *, theme, labels) -> dict:
    """Symmetric x axis without minus signs (left is "received"), largest contact at the top."""
    lim = float(max(frame["give"].max(), frame["recv"].max())) * 1.1
    ticks = _symmetric_ticks(lim)
    recv_text, give_text = display_label("receive_value", labels), display_label("give_value", labels)
    return {
        "barmode": "relative",
        "height": int(min(2000, 160 + (theme.font_size + 12) * len(frame))),
        "xaxis": {
            "range": [-lim, lim],
            "zeroline": True,
            "zerolinecolor": "#000000",
            "zerolinewidth": 2,
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [f"{abs(v):g}" for v in ticks],
            # one size smaller, single spaces: centred under the plot, it overflowed the right
            # edge of a 640 px figure whose plot is pushed right by long contact names
            "title": {
                "text": f"\u2190 {recv_text} | {give_text} \u2192",
                "font": {"size": theme.font_size - 2},
            },
        },
        "yaxis": {"type": "category", "autorange": "reversed"},
    }


def _share_frame(table: pd.DataFrame, limits: Mapping[str, float], *, names, theme):
    """Seekers sorted by give share (unmeasured first) and each one's status."""
    share = pd.to_numeric(table["give_share"], errors="coerce").astype("float64")
    frame = pd.DataFrame(
        {
            "seeker": table["seeker"].astype("str").to_numpy(),
            "who": resolve_names(table["seeker"], names=names, theme=theme, prefix="Client").to_numpy(),
            "share": share.to_numpy(),
        }
    )
    frame = frame.sort_values(["share", "seeker"], ascending=[True, True], na_position="first", kind="stable")
    status = np.select(
        [frame["share"].isna(), frame["share"] < limits["mistake"], frame["share"] < limits["watch"]],
        ["not_measured", "mistake", "watch"],
        default="ok",
    )
    return frame, status


def _share_bar(frame: pd.DataFrame, status, highlight, labels) -> dict:
    """One bar per seeker in its status colour, the highlighted one outlined."""
    return {
        "type": "bar",
        "y": frame["who"].tolist(),
        "x": frame["share"].fillna(0.0).tolist(),
        "orientation": "h",
        "marker": {
            "color": [STATUS_COLORS[s] for s in status],
            "line": {"color": "#000000", "width": [4 if s == highlight else 0 for s in frame["seeker"]]},
        },
        "customdata": [display_label(s, labels) for s in status],
        "text": [display_label("not_measured", labels) if pd.isna(v) else f"{v:.0%}" for v in frame["share"]],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text} (%{customdata})<extra></extra>",
        "name": display_label("give_share", labels),
        "showlegend": False,
    }


def _threshold_lines(fig: go.Figure, limits: Mapping[str, float], share: pd.Series, labels) -> None:
    """Dashed lines at the mistake and watch thresholds; a dotted one at the median of two or more."""
    # the lower line's label to its left, the higher one's to its right: close lines (20% and
    # 40% on a narrow figure) keep their labels apart
    for key, side in (("mistake", "right"), ("watch", "left")):
        fig.add_vline(x=limits[key], line={"color": STATUS_COLORS[key], "dash": "dash", "width": 2})
        fig.add_annotation(
            text=f"{display_label(key, labels)} below {limits[key]:.0%}",
            x=limits[key],
            xref="x",
            y=1.0,
            yref="paper",
            xanchor=side,
            yanchor="bottom",
            showarrow=False,
        )
    if share.notna().sum() >= 2:
        median = float(share.median())
        fig.add_vline(
            x=median,
            line={"color": "#000000", "dash": "dot", "width": 2},
            annotation_text=f"Cohort median {median:.0%}",
            annotation_position="bottom right",
            annotation_bgcolor="rgba(255,255,255,0.8)",
        )


@fill
def plot_give_share(
    table: pd.DataFrame,
    *,
    highlight: str | None = None,
    names=None,
    thresholds: Mapping[str, float] | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Give share per seeker against the mistake and watch thresholds (and the cohort median).

    Parameters
    ----------
    table
        ``reciprocity_summary(data)`` or ``summary(data)``: ``seeker``, ``give_share``.
    highlight
        A seeker to outline (e.g. the client a coach is talking to).
    {names}
    thresholds
        ``{"mistake": 0.2, "watch": 0.4}`` by default (:data:`GIVE_SHARE_THRESHOLDS`).
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal ``bar`` trace, a bar per seeker sorted by give share, coloured by status
        (``STATUS_COLORS``; a null give share is drawn as a grey "not measured" stub), with
        dashed vertical lines at the thresholds and, for two or more seekers, a dotted line at
        the cohort median.

    {raises_table}

    See Also
    --------
    netlytics.reciprocity_summary : a table drawn (or ``netlytics.summary``).
    plot_reciprocity : gives and receives per contact.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": ["Ana", "Ben"], "give_share": [0.1, 0.5]})
    >>> fig = plot_give_share(t)
    >>> list(fig.data[0].x), list(fig.data[0].marker.color)
    ([0.1, 0.5], ['#D55E00', '#009E73'])
    """
    check_table(
        table,
        ["seeker", "give_share"],
        func="plot_give_share",
        produced_by="reciprocity_summary(data) or summary(data)",
    )
    default_title = "Give share, per client"  # short: a long title was clipped at 640 px
    if table.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    limits = dict(GIVE_SHARE_THRESHOLDS)
    limits.update(thresholds or {})
    frame, status = _share_frame(table, limits, names=names, theme=theme)
    layout = {
        "xaxis": {"range": [0, 1], "tickformat": ".0%"},
        "yaxis": {"type": "category"},
        "height": int(min(2000, 200 + (theme.font_size + 14) * len(frame))),
    }
    fig = figure(
        [_share_bar(frame, status, highlight, labels)],
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        x="give_share",
        y="seeker",
    )
    _threshold_lines(fig, limits, frame["share"], labels)
    return fig
