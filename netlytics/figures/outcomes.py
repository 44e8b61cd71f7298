"""Outcome figure: does networking bring results?

:func:`plot_outcomes` shows interview and offer rates by the route an application took
(``via``). With several seekers and no ``seeker=``, counts are pooled and the rates recomputed
(interviews / applications), not averaged.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netlytics import schema
from netlytics.figures._build import figure, order_by, rows
from netlytics.figures._common import more_note, no_data_figure
from netlytics.figures._docs import fill
from netlytics.figures.theme import STATUS_COLORS, display_label, get_theme

__all__ = ["plot_outcomes"]


def _recorded(t: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows with a recorded outcome, and the number of applications without one.

    docs/spec/METRICS.md 5b: a null rate means no outcome was ever recorded (only "applied"):
    those applications are not 0%, they are left out of the rates and said to be not recorded.
    """
    if "interview_rate" not in t.columns:
        return t, 0
    recorded = t["interview_rate"].notna()
    return t.loc[recorded], int(t.loc[~recorded, "applications"].sum())


def _bars(t: pd.DataFrame, labels) -> list[dict]:
    """The interview-rate and offer-rate bars, one category per route in ``schema.VIAS`` order."""
    agg = t.groupby("via")[["applications", "interviews", "offers"]].sum().astype("int64")
    agg = agg.loc[order_by(agg.index, schema.VIAS)]
    n = agg["applications"].to_numpy()
    x = [f"{display_label(v, labels)} (n={k})" for v, k in zip(agg.index, n, strict=True)]
    traces = []
    for col, count, color in (
        ("interview_rate", "interviews", STATUS_COLORS["watch"]),
        ("offer_rate", "offers", STATUS_COLORS["ok"]),
    ):
        rate = agg[count].to_numpy() / n
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": rate.tolist(),
                "name": display_label(col, labels),
                "marker": {"color": color},
                "text": [f"{r:.0%}" for r in rate],
                "textposition": "outside",
                "customdata": np.column_stack([agg[count].to_numpy(), n]),
                "hovertemplate": "%{x}: %{y:.0%} (%{customdata[0]} of %{customdata[1]})<extra></extra>",
            }
        )
    return traces


@fill
def plot_outcomes(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Grouped bars of interview rate and offer rate per application route.

    Parameters
    ----------
    table
        ``outcomes(data)``: ``seeker``, ``via``, ``applications``, ``interviews``, ``offers``
        (``interview_rate`` and ``offer_rate`` are recomputed from the counts; rows where they
        are null have no recorded outcome and are left out, with a note; when no row has one,
        the figure says "Outcomes not recorded" instead of drawing 0% bars).
    {seeker_pooled}
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        Two ``bar`` traces (``Interview rate``, ``Offer rate``), one ``x`` category per ``via``
        in ``schema.VIAS`` order; the category label carries the number of applications
        ("Online (n=12)") so small groups are visible as such.

    {raises_table}

    See Also
    --------
    netlytics.outcomes : the table drawn.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "via": ["referral", "online"], "applications": [2, 10],
    ...                   "interviews": [1, 1], "offers": [1, 0],
    ...                   "interview_rate": [0.5, 0.1], "offer_rate": [0.5, 0.0]})
    >>> fig = plot_outcomes(t)
    >>> list(fig.data[0].x), list(fig.data[0].y)
    (['Online (n=10)', 'Referral (n=2)'], [0.1, 0.5])
    """
    default_title = "Interviews and offers by how you applied"
    t = rows(
        table,
        ["via", "applications", "interviews", "offers"],
        func="plot_outcomes",
        produced_by="outcomes(data)",
        seeker=seeker,
        positive="applications",
    )
    t, unrecorded = _recorded(t)
    if t.empty:
        message = None
        if unrecorded:
            message = (
                f"Outcomes not recorded: none of the {unrecorded:,} applications has a status "
                "after 'applied' (LinkedIn's job applications record none)"
            )
        return no_data_figure(
            title=title, labels=labels, template=template, default_title=default_title, message=message
        )
    theme = get_theme(template)
    layout = {"barmode": "group", "yaxis": {"range": [0, 1.1], "tickformat": ".0%"}}
    fig = figure(
        _bars(t, labels),
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        x="via",
        y="rate",
    )
    if unrecorded:
        note = f"{unrecorded:,} applications with outcomes not recorded are left out"
        more_note(fig, unrecorded, what="", theme=theme, text=note)
    return fig
