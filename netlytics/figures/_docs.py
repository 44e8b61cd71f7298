"""Docstring fragments shared by the figure functions (beside :mod:`netlytics._docstrings`).

:func:`fill` substitutes a line that is only ``{name}`` with :data:`FIGURE_PARAMS` or
:data:`netlytics._docstrings.PARAMS`, indented to match, so that the text every figure repeats
(``title``, ``labels``, ``template``, ``seeker``, ``names``) is written once.

Examples
--------
>>> @fill
... def f(table, *, title=None, labels=None, template=None):
...     '''Draw.
...
...     Parameters
...     ----------
...     {style}
...     '''
>>> "labels : dict, optional" in f.__doc__
True
"""

from __future__ import annotations

import re
import textwrap

from netlytics._docstrings import PARAMS

__all__ = ["FIGURE_PARAMS", "fill"]

#: Figure-only fragments; ``{style}`` is the title, labels and template trio of every figure.
FIGURE_PARAMS: dict[str, str] = {
    "style": "\n".join(PARAMS[k] for k in ("title", "labels", "template")),
    "seeker_pooled": """seeker : str, optional
    Show only this seeker; default: every seeker in the table, pooled.""",
    "raises_table": """Raises
------
ParameterError
    When ``table`` is not a DataFrame or lacks a column the figure needs, or a seeker asked
    for is not in it (with a did-you-mean).""",
    "names": """names : mapping, DataFrame, {"ids", "pseudonyms"} or None, optional
    How to label people (see :mod:`netlytics.figures._common`); default: the theme decides.""",
}

_FIELD = re.compile(r"^(?P<indent>[ \t]*)\{(?P<name>\w+)\}[ \t]*$", re.MULTILINE)


def fill(func):
    """Substitute ``{name}`` lines of ``func.__doc__`` with the shared fragments; return ``func``."""
    fragments = {**PARAMS, **FIGURE_PARAMS}

    def text(match: re.Match) -> str:
        name = match["name"]
        return textwrap.indent(fragments[name], match["indent"]) if name in fragments else match[0]

    if func.__doc__:
        func.__doc__ = _FIELD.sub(text, func.__doc__)
    return func
