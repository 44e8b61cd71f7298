"""Docstring fragments of the metric functions, beside the shared ones of ``netlytics._docstrings``.

Use :func:`fill` from here in ``netlytics.metrics``: it fills the fragments below (written once
here rather than in every metric) and then those of :data:`netlytics._docstrings.PARAMS`.
"""

from __future__ import annotations

import re
import textwrap

from netlytics._docstrings import PARAMS
from netlytics._docstrings import fill as _fill_shared

__all__ = ["METRIC_PARAMS", "fill"]

#: Parameter text repeated by the metric functions (``{name}`` on a line of its own).
METRIC_PARAMS: dict[str, str] = {
    "engine_args": PARAMS["engine"]
    + """
scheduler : str, optional
    With ``engine="dask"``: a ``distributed`` scheduler address; default a local cluster.""",
    "stale_days": """stale_days : float, default 60
    An unanswered trigger more than this many days before ``as_of`` is ``stale``: kept, but no
    open loop, and never a reason for a follow-up ``watch`` (docs/spec/METRICS.md section 5b).""",
    "thresholds": """thresholds : dict, optional
    Some keys of :data:`netlytics.metrics.scorecard.DEFAULT_THRESHOLDS` to override, e.g.
    ``{"written_share_mistake": 0.6}``; the others keep their defaults.""",
    "weights": """weights : dict, optional
    Gift kind -> value, overriding some or all of
    :data:`netlytics.metrics.reciprocity.DEFAULT_WEIGHTS` (referral 3, introduction 3, lead 2,
    recommendation 2, help 1, endorsement 0.5). Unknown kinds raise
    :class:`~netlytics.errors.ParameterError`.""",
    "window_days": """window_days : float, default 90
    How many days before an application an outbound touch at the company counts.""",
}

_FIELD = re.compile(r"^( *)\{(" + "|".join(METRIC_PARAMS) + r")\}$", re.MULTILINE)


def fill(func):
    """Fill the ``{name}`` lines of ``func.__doc__`` from :data:`METRIC_PARAMS`, then from
    :data:`netlytics._docstrings.PARAMS` (each indented like its placeholder).

    Parameters
    ----------
    func : callable
        A function whose docstring holds ``{name}`` lines.

    Returns
    -------
    callable
        ``func`` itself, its docstring filled.

    Examples
    --------
    >>> def f():
    ...     '''Doc.
    ...
    ...     Parameters
    ...     ----------
    ...     {engine_args}
    ...     '''
    >>> "scheduler : str, optional" in fill(f).__doc__
    True
    """
    if func.__doc__:
        func.__doc__ = _FIELD.sub(
            lambda m: textwrap.indent(METRIC_PARAMS[m.group(2)], m.group(1)), func.__doc__
        )
    return _fill_shared(func)
