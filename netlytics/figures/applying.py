"""Networking-before-applying figure (mistake 2: applying online before networking).

:func:`plot_applying_timeline` draws one marker per application (never one per interaction):
filled when an outbound touch with someone at the company came in the window before applying,
hollow when the application went in cold; a line runs back from the application to the first
such touch, its length the lead days.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netlytics import identity
from netlytics.figures._build import figure, rows
from netlytics.figures._common import as_time, more_note, no_data_figure
from netlytics.figures._docs import fill
from netlytics.figures.theme import STATUS_COLORS, display_label, get_theme

__all__ = ["plot_applying_timeline"]

_COLUMNS = ["application_id", "company", "applied_at", "touched_before", "lead_days"]


def _company_rows(company: pd.Series) -> pd.Series:
    """One timeline row per company as netlytics matches companies (``identity.company_key``:
    "Globex Ltd" and "GLOBEX" are one row), labelled with its most frequent spelling."""
    raw = company.astype("str").str.strip()
    key = identity.company_key(raw)
    spelled = pd.DataFrame({"key": key, "raw": raw}).dropna()
    counts = spelled.groupby(["key", "raw"]).size().reset_index(name="n")
    label = counts.sort_values(["key", "n", "raw"], ascending=[True, False, True]).drop_duplicates("key")
    return key.map(dict(zip(label["key"], label["raw"], strict=True))).fillna("(no company)")


def _rows(t: pd.DataFrame, max_companies: int) -> tuple[pd.DataFrame, list, int]:
    """One row per application (company row, dates, lead), the ``max_companies`` most recent rows.

    Returns ``(frame, row order, hidden companies)``.
    """
    applied = as_time(t["applied_at"])
    company = _company_rows(t["company"])
    if "seeker" in t.columns and t["seeker"].nunique() > 1:
        company = t["seeker"].astype("str") + ": " + company
    frame = pd.DataFrame(
        {
            "row": company.to_numpy(),
            "applied": applied.to_numpy(),
            "touched": t["touched_before"].fillna(False).astype("bool").to_numpy(),
            "lead": pd.to_numeric(t["lead_days"], errors="coerce").astype("float64").to_numpy(),
            "via": t["via"].astype("str").fillna("").to_numpy() if "via" in t.columns else "",
            "id": t["application_id"].astype("str").to_numpy(),
        }
    )
    first = frame.groupby("row")["applied"].min().sort_values()
    hidden = max(0, len(first) - max_companies)
    keep = first.index[hidden:]  # the most recently active companies
    frame = frame.loc[frame["row"].isin(keep)]
    # whole seconds: plotly warns when it drops sub-microsecond parts of a Timestamp
    frame["start"] = (frame["applied"] - pd.to_timedelta(frame["lead"], unit="D")).dt.floor("s")
    return frame, list(keep), hidden


def _lead_lines(frame: pd.DataFrame, *, theme, labels) -> dict:
    """One line trace: from the first touch at the company to the application, per networked one."""
    seg = frame.loc[frame["touched"] & frame["lead"].notna()]
    n = len(seg)
    seg_x = np.empty(3 * n, dtype=object)
    seg_y = np.empty(3 * n, dtype=object)
    # lists of Timestamps, not datetime64[ns] arrays: numpy turns those into integers (nanoseconds)
    # inside an object array, which plotly would draw on a numeric axis
    seg_x[0::3], seg_x[1::3], seg_x[2::3] = list(seg["start"]), list(seg["applied"]), None
    seg_y[0::3], seg_y[1::3], seg_y[2::3] = seg["row"].to_numpy(), seg["row"].to_numpy(), None
    return {
        "type": "scatter",
        "x": list(seg_x),
        "y": list(seg_y),
        "mode": "lines",
        "name": display_label("lead_time", labels),
        "line": {"color": STATUS_COLORS["ok"], "width": theme.line_width},
        "hoverinfo": "skip",
    }


def _markers(frame: pd.DataFrame, *, theme, labels) -> list[dict]:
    """Filled markers for the applications touched before, hollow ones for those sent cold."""
    hover = (
        "%{y}<br>" + display_label("applied_at", labels) + ": %{x|%d %b %Y}<br>%{customdata[0]}"
        "<br>%{customdata[1]}<extra></extra>"
    )
    traces = []
    for flag, name, symbol, color in (
        (True, display_label("touched_before", labels), "circle", STATUS_COLORS["ok"]),
        (False, display_label("applied_cold", labels), "circle-open", STATUS_COLORS["mistake"]),
    ):
        part = frame.loc[frame["touched"] == flag]
        lead_text = np.where(
            part["lead"].notna(), "lead " + part["lead"].round(1).astype("str") + " days", "no touch before"
        )
        traces.append(
            {
                "type": "scatter",
                "x": list(part["applied"]),
                "y": part["row"].tolist(),
                "mode": "markers",
                "name": name,
                "marker": {"symbol": symbol, "color": color, "size": theme.font_size, "line": {"width": 2}},
                "customdata": np.column_stack([lead_text, ("via " + part["via"]).to_numpy()]),
                "hovertemplate": hover,
            }
        )
    return traces


@fill
def plot_applying_timeline(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    max_companies: int = 40,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Timeline of applications, marking those preceded by a touch at the company.

    Parameters
    ----------
    table
        ``networked_before_applying(data)``: ``seeker``, ``application_id``, ``company``,
        ``applied_at``, ``touched_before``, ``lead_days`` (``via`` is shown on hover when
        present).
    seeker
        Show only this seeker; default: every seeker (rows are labelled "seeker: company").
    max_companies
        Show the companies with the most recent applications, at most this many rows; a note
        says how many more there are.
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: ``Lead time`` (one line segment per networked application, from the first
        touch to the application, segments separated by nulls), ``Touched before applying``
        (filled markers) and ``Applied cold`` (hollow markers); ``y`` is the company, ordered by
        first application.

    {raises_table}

    See Also
    --------
    netlytics.networked_before_applying : the table drawn.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "application_id": ["a1", "a2"], "company": ["Acme", "Globex"],
    ...                   "applied_at": pd.to_datetime(["2025-03-10", "2025-03-12"], utc=True),
    ...                   "via": "online", "contact_at_company": [True, False],
    ...                   "touched_before": [True, False], "lead_days": [7.0, None]})
    >>> fig = plot_applying_timeline(t)
    >>> [tr.name for tr in fig.data]
    ['Lead time', 'Touched before applying', 'Applied cold']
    >>> [str(x)[:10] for x in fig.data[0].x]
    ['2025-03-03', '2025-03-10', 'None']
    """
    default_title = "Applications: networked first, or cold?"
    produced_by = "networked_before_applying(data)"
    t = rows(table, _COLUMNS, func="plot_applying_timeline", produced_by=produced_by, seeker=seeker)
    t = t.loc[t["applied_at"].notna()]
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    frame, order, hidden = _rows(t, max_companies)
    traces = [_lead_lines(frame, theme=theme, labels=labels), *_markers(frame, theme=theme, labels=labels)]
    rows_axis = {"categoryorder": "array", "categoryarray": order, "autorange": "reversed"}
    layout = {
        "yaxis": {**rows_axis, "type": "category"},
        "xaxis": {"type": "date", "tickformat": "%d %b<br>%Y"},
        "height": int(min(2400, 160 + (theme.font_size + 12) * len(order))),
    }
    fig = figure(
        traces,
        layout,
        theme=theme,
        title=title,
        labels=labels,
        default_title=default_title,
        x="applied_at",
        y="company",
    )
    more_note(fig, hidden, what="companies with earlier applications", theme=theme)
    return fig
