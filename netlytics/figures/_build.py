"""Building a figure in one validated call (plotly validates every property it is given).

A figure function prepares its rows (:func:`rows`), describes its traces and layout as plain
dicts and hands them to :func:`figure`, which builds the :class:`plotly.graph_objects.Figure`
once, with the theme's template, title and axis titles, instead of a chain of ``add_trace`` and
``update_layout`` calls that each re-validate (issue 15).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from netlytics.figures._common import check_table, select_seeker
from netlytics.figures.theme import Theme, _merge, set_template, title_layout

__all__ = ["figure", "rows", "vline", "hline", "order_by"]


def rows(
    table,
    required: Iterable[str],
    *,
    func: str,
    produced_by: str,
    seeker=None,
    positive: str | None = None,
) -> pd.DataFrame:
    """The checked table's rows of ``seeker`` (all for None), with ``positive`` > 0 when given.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": ["Ana", "Ana", "Ben"], "touches": [0, 2, 3]})
    >>> rows(t, ["touches"], func="f", produced_by="m", seeker="Ana", positive="touches")["touches"].tolist()
    [2]
    """
    check_table(table, list(required), func=func, produced_by=produced_by)
    t = select_seeker(table, seeker, func=func)
    if positive is not None:
        t = t.loc[t[positive].fillna(0) > 0]
    return t


def order_by(values: Iterable, vocabulary: Iterable) -> list:
    """``values`` in the order of ``vocabulary``, unknown ones after it in text order.

    Examples
    --------
    >>> order_by(["other", "email", "zz", "in_person"], ["in_person", "email", "other"])
    ['in_person', 'email', 'other', 'zz']
    """
    rank = {v: i for i, v in enumerate(vocabulary)}
    return sorted(values, key=lambda v: (rank.get(v, len(rank)), str(v)))


def vline(x, line: Mapping) -> dict:
    """A vertical line shape across the plot at ``x`` (as ``fig.add_vline``)."""
    return {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain", "line": line}


def hline(y, line: Mapping, *, xref: str = "x domain", yref: str = "y") -> dict:
    """A horizontal line shape across the plot at ``y`` (as ``fig.add_hline``)."""
    return {"type": "line", "x0": 0, "x1": 1, "xref": xref, "y0": y, "y1": y, "yref": yref, "line": line}


def figure(data: list, layout: Mapping | None = None, *, theme: Theme, **titles) -> go.Figure:
    """A figure built in one call from trace dicts and a layout dict, themed and titled.

    Parameters
    ----------
    data : list of dict
        The traces (each with its ``type``).
    layout : mapping, optional
        The layout; the title and the axis and legend titles are merged into it.
    theme : Theme
        The look (:func:`netlytics.figures.theme.get_theme`).
    **titles
        ``title``, ``labels``, ``default_title``, ``x``, ``y``, ``legend``: as
        :func:`netlytics.figures.theme.apply_layout`.

    Returns
    -------
    Figure
        The figure.

    Examples
    --------
    >>> from netlytics.figures.theme import get_theme
    >>> fig = figure([{"type": "bar", "x": ["a"], "y": [1]}], theme=get_theme(), default_title="T", x="week")
    >>> fig.layout.title.text, fig.layout.xaxis.title.text, fig.data[0].y
    ('T', 'Week', (1,))
    """
    spec = _merge(_merge({}, layout or {}), title_layout(**titles))
    return set_template(go.Figure(data=data, layout=spec), theme)
