"""Helpers shared by the figure modules: input checks, the "no data" figure, people's labels.

Naming people (``names=``)
--------------------------
Figures that show contacts (or, in cohort views, clients) take ``names=``:

- a mapping ``id -> display text``, or a contacts frame with ``contact_id`` and ``name``
  columns: these names are shown (explicit names always win, in every theme); ids missing from
  the mapping fall back as for ``None``;
- ``"ids"``: show the ids (a LinkedIn profile URL is shortened to its slug);
- ``"pseudonyms"``: show "Contact 01", "Contact 02"... numbered in sorted id order, so the same
  input always gives the same pseudonyms;
- ``None`` (default): the theme decides: ``"pseudonyms"`` with the workshop theme, ``"ids"``
  otherwise.

To keep pseudonyms consistent across several figures, compute one mapping over all contacts
with :func:`pseudonyms` and pass it as ``names=`` to each figure.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from netlytics.errors import ParameterError
from netlytics.figures.theme import Theme, apply_layout, get_theme

__all__ = [
    "NO_DATA",
    "as_time",
    "check_table",
    "no_data_figure",
    "pseudonyms",
    "resolve_names",
    "select_seeker",
    "more_note",
    "plotly_text",
    "plotly_safe",
    "contact_names",
    "column_widths",
]

#: The text of the annotation an empty figure carries.
NO_DATA = "No data to show"


def check_table(table, required: Iterable[str], *, func: str, produced_by: str) -> pd.DataFrame:
    """Check that ``table`` is a DataFrame with the ``required`` columns; return it.

    Errors name the function, the missing column, a did-you-mean and the metric that produces
    the expected table.
    """
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(
            f"{func}() expects a pandas DataFrame as returned by {produced_by}; got {type(table).__name__}."
        )
    missing = [c for c in required if c not in table.columns]
    if missing:
        parts = []
        for c in missing:
            close = difflib.get_close_matches(c, [str(x) for x in table.columns], n=1)
            parts.append(f"{c!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise ParameterError(
            f"{func}() needs column(s) {', '.join(parts)}, which the table does not have. "
            f"Found columns {list(table.columns)}; pass the table {produced_by} returns."
        )
    return table


def as_time(values: pd.Series) -> pd.Series:
    """Timestamps for plotting: naive UTC datetimes (plotly draws naive times as written).

    Accepts tz-aware or naive datetimes, periods (their start) and ISO strings.

    Examples
    --------
    >>> as_time(pd.Series(pd.to_datetime(["2025-03-03 10:00"], utc=True))).tolist()
    [Timestamp('2025-03-03 10:00:00')]
    >>> as_time(pd.Series(pd.period_range("2025-03-03", periods=1, freq="W-SUN"))).tolist()
    [Timestamp('2025-03-03 00:00:00')]
    """
    s = values
    if isinstance(s.dtype, pd.PeriodDtype):
        s = s.dt.start_time
    elif not pd.api.types.is_datetime64_any_dtype(s.dtype):
        s = pd.to_datetime(s, utc=True, format="ISO8601")
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    return s


def no_data_figure(
    *,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
    default_title: str | None = None,
    message: str | None = None,
) -> go.Figure:
    """An empty figure with a clear "No data to show" annotation (axes hidden).

    Examples
    --------
    >>> fig = no_data_figure(default_title="Channel mix")
    >>> fig.layout.annotations[0].text
    'No data to show'
    """
    theme = get_theme(template)
    text = NO_DATA if not message else f"{NO_DATA}: {message}"
    fig = go.Figure()
    fig.add_annotation(
        text=text,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": theme.font_size + 4, "color": "#555555"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)


def _short_ids(ids: pd.Series) -> pd.Series:
    """Profile URLs shortened to their slug; other ids unchanged."""
    s = ids.astype("str")
    return s.str.replace(r"^https?://(?:[a-z]+\.)?linkedin\.com/in/([^/?#]+)/?$", r"\1", regex=True)


def pseudonyms(ids: Iterable, *, prefix: str = "Contact") -> dict[str, str]:
    """Map ids to "Contact 01", "Contact 02"..., numbered in sorted id order.

    Examples
    --------
    >>> pseudonyms(["b@x.org", "a@x.org"])
    {'a@x.org': 'Contact 01', 'b@x.org': 'Contact 02'}
    >>> pseudonyms([f"id{i:03d}" for i in range(120)])["id000"]
    'Contact 001'
    """
    uniq = sorted({str(i) for i in ids if i is not None and not pd.isna(i)})
    width = max(2, len(str(len(uniq))))
    return {u: f"{prefix} {n:0{width}d}" for n, u in enumerate(uniq, start=1)}


def resolve_names(
    ids: pd.Series,
    *,
    names=None,
    theme: Theme,
    prefix: str = "Contact",
    id_column: str = "contact_id",
) -> pd.Series:
    """Display text for each id in ``ids`` (same index), following the ``names=`` rules above.

    Examples
    --------
    >>> from netlytics.figures.theme import get_theme
    >>> ids = pd.Series(["https://www.linkedin.com/in/ada-l", "b@x.org"])
    >>> resolve_names(ids, theme=get_theme()).tolist()
    ['ada-l', 'b@x.org']
    >>> resolve_names(ids, theme=get_theme("workshop")).tolist()
    ['Contact 02', 'Contact 01']
    >>> resolve_names(ids, names={"b@x.org": "Bo"}, theme=get_theme("workshop")).tolist()
    ['Contact 02', 'Bo']
    """
    ids = ids.astype("str")
    mode = names
    explicit: dict[str, str] = {}
    if isinstance(names, pd.DataFrame):
        if id_column not in names.columns or "name" not in names.columns:
            raise ParameterError(
                f"names= as a DataFrame needs columns {id_column!r} and 'name'; found {list(names.columns)}."
            )
        sub = names.loc[names[id_column].notna() & names["name"].notna(), [id_column, "name"]]
        explicit = dict(zip(sub[id_column].astype("str"), sub["name"].astype("str"), strict=True))
        mode = None
    elif isinstance(names, Mapping):
        explicit = {str(k): str(v) for k, v in names.items() if v is not None}
        mode = None
    elif names is not None and names not in ("ids", "pseudonyms"):
        raise ParameterError(
            f"names= must be None, 'ids', 'pseudonyms', a mapping id -> name or a contacts frame; got {names!r}."
        )
    if mode is None:
        mode = "pseudonyms" if theme.pseudonymize else "ids"
    if mode == "pseudonyms":
        fallback = ids.map(pseudonyms(ids.dropna().unique(), prefix=prefix))
    else:
        fallback = _short_ids(ids)
    if not explicit:
        return fallback
    return ids.map(explicit).fillna(fallback).astype("str")


def select_seeker(table: pd.DataFrame, seeker, *, func: str) -> pd.DataFrame:
    """Rows of one seeker (``seeker`` given) or all rows (``seeker=None``)."""
    if seeker is None or "seeker" not in table.columns:
        return table
    known = table["seeker"].dropna().unique().tolist()
    if seeker not in known:
        close = difflib.get_close_matches(str(seeker), [str(k) for k in known], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ParameterError(
            f"{func}(): seeker={seeker!r} is not in the table.{hint} Seekers present: {sorted(map(str, known))}."
        )
    return table.loc[table["seeker"] == seeker]


def more_note(
    fig: go.Figure, hidden: int, *, what: str, theme: Theme, where: str = "top", text: str | None = None
) -> None:
    """Add an "and N more <what>" note (or ``text``) when ``hidden`` > 0.

    ``where="top"`` puts it at the top right, just above the plot area (clear of the title on
    the left and of the axis labels below); ``"bottom"`` puts it under the x axis title at the
    right and enlarges the bottom margin so it is never clipped (for subplot grids, whose top
    row carries panel titles).

    Examples
    --------
    >>> from netlytics.figures.theme import get_theme
    >>> fig = go.Figure()
    >>> more_note(fig, 3, what="contacts", theme=get_theme())
    >>> fig.layout.annotations[0].text, fig.layout.annotations[0].yanchor
    ('and 3 more contacts', 'bottom')
    """
    if hidden <= 0:
        return
    size = theme.font_size - 1
    if where == "bottom":
        shift = int(3.4 * theme.font_size + 14)
        bottom = fig.layout.margin.b
        if bottom is None:
            bottom = theme.template.layout.margin.b or 50
        fig.update_layout(margin_b=max(int(bottom), shift + size + 12))
        place = {"y": 0.0, "yanchor": "top", "yshift": -shift}
    else:
        place = {"y": 1.0, "yanchor": "bottom", "yshift": 6}
    fig.add_annotation(
        text=text or f"and {hidden} more {what}",
        x=1.0,
        xref="paper",
        yref="paper",
        xanchor="right",
        showarrow=False,
        font={"size": size, "color": "#444444"},
        **place,
    )


def plotly_text(value) -> str:
    """Text plotly shows as typed: ``&``, ``<`` and ``>`` as entities (plotly reads tags in labels).

    Parameters
    ----------
    value : object
        Any value; it is converted with ``str``.

    Returns
    -------
    str
        The escaped text.

    Examples
    --------
    >>> plotly_text("<b>Ana</b> & co")
    '&lt;b&gt;Ana&lt;/b&gt; &amp; co'
    """
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_safe(table: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A copy of ``table`` whose text ``columns`` are entity-escaped for plotly labels.

    Only columns present are touched; nulls stay null.

    Parameters
    ----------
    table : DataFrame
        Any table.
    columns : iterable of str
        The text columns to escape.

    Returns
    -------
    DataFrame
        A new table (``table`` is not changed).

    Examples
    --------
    >>> t = pd.DataFrame({"company": ["<img src=x>", None], "n": [1, 2]})
    >>> plotly_safe(t, ["company", "role"])["company"].tolist()
    ['&lt;img src=x&gt;', nan]
    """
    out = table.copy()
    for col in columns:
        if col in out.columns:
            s = out[col].astype("str")
            out[col] = (
                s.str.replace("&", "&amp;", regex=False)
                .str.replace("<", "&lt;", regex=False)
                .str.replace(">", "&gt;", regex=False)
            )
    return out


def contact_names(data) -> dict[str, str]:
    """``contact_id -> name`` for figures, entity-escaped for plotly (contacts with a name only).

    Parameters
    ----------
    data : NetworkData
        The data as shown (pseudonymised first when the theme asks for it).

    Returns
    -------
    dict
        Contact id -> escaped display name.

    Examples
    --------
    >>> from netlytics.data import NetworkData
    >>> c = pd.DataFrame({"seeker": "Ana", "contact_id": ["bo", "cy"], "name": ["Bo <3", None]})
    >>> contact_names(NetworkData(contacts=c))
    {'bo': 'Bo &lt;3'}
    """
    c = data.contacts.loc[data.contacts["name"].notna(), ["contact_id", "name"]].drop_duplicates("contact_id")
    return dict(zip(c["contact_id"].astype("str"), plotly_safe(c, ["name"])["name"], strict=True))


def column_widths(header: Iterable, columns: Iterable[list], *, cap: int = 22) -> list[float]:
    """Table column widths (in characters) for plotly's ``columnwidth``: each column as wide as
    its longest cell, its header's longest word (headers wrap between words, in bold) and at
    most ``cap``, but never narrower than its longest word (cells wrap only between words).

    Examples
    --------
    >>> column_widths(["Who", "Nearest mistake threshold"], [["Ana"], ["Networked-before-applying share"]])
    [6.75, 27]
    """
    widths = []
    for h, vals in zip(header, columns, strict=True):
        words = [w for v in vals for w in str(v).split()]
        w = max(max(len(x) for x in str(h).split()) * 1.25 + 3, *(len(str(v)) + 2 for v in vals), 6)
        widths.append(min(w, max(cap, max((len(x) for x in words), default=0) + 2)))
    return widths
