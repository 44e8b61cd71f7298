"""Parameter text shared by many docstrings, in one place (as seaborn's ``_docstrings.py``).

Use with :func:`fill`::

    @fill
    def channel_mix(data, *, as_of=None, since=None, engine="pandas"):
        '''Touches per channel.

        Parameters
        ----------
        {data}
        {as_of}
        {since}
        {engine}
        '''
"""

from __future__ import annotations

import textwrap

__all__ = ["PARAMS", "fill"]

PARAMS: dict[str, str] = {
    "data": """data : NetworkData or DataFrame
    The loaded records (:func:`netlytics.load`), or an interactions table.""",
    "as_of": """as_of : timestamp-like, optional
    The moment the metric is computed at: only records up to ``as_of`` count and due times are
    judged against it. Default: the latest timestamp in the data.""",
    "since": """since : timestamp-like, optional
    Start of the scoring period: only interactions and applications at or after ``since`` count,
    and a trigger before ``since`` is no trigger. Default: all history (docs/spec/METRICS.md 5b).""",
    "since_12m": """since : timestamp-like, ``"all"`` or None, optional
    Start of the scoring period. Default (None): the last 12 months, ``as_of - 365 days``;
    ``"all"`` judges the whole history (docs/spec/METRICS.md 5b).""",
    "engine": """engine : {"pandas", "dask"}, default "pandas"
    ``"dask"`` computes one seeker per task on a folder written by :func:`netlytics.to_parquet`
    (``data`` is then that folder's path); results equal the pandas engine's.""",
    "title": """title : str, optional
    The figure title; default a short description of what is drawn.""",
    "labels": """labels : dict, optional
    Display text for column names and values, as plotly express's ``labels=``.""",
    "template": """template : {None, "default", "workshop"}, Theme or plotly template, optional
    The look; ``"workshop"`` is the pseudonymised, slide-ready theme.""",
    "figure_returns": """Figure
    A :class:`plotly.graph_objects.Figure`; ``show()`` is never called.""",
}


def fill(func):
    """Substitute ``{name}`` fields of ``func.__doc__`` with :data:`PARAMS`, indented to match."""
    doc = func.__doc__
    if not doc:
        return func
    lines = doc.splitlines()
    out = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("{") and stripped.endswith("}") and stripped[1:-1] in PARAMS:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(textwrap.indent(PARAMS[stripped[1:-1]], indent))
        else:
            out.append(line)
    func.__doc__ = "\n".join(out)
    return func
