"""Colours, templates and the layout helper shared by every netlytics figure.

Every figure colours channels with :data:`CHANNEL_COLORS` and scorecard statuses with
:data:`STATUS_COLORS`, whatever the theme, so that a reader learns the colours once. Both use the
Okabe-Ito palette (safe for the common colour-vision deficiencies): live channels are cool
(green and blues), written channels warm (vermillion, orange, purple), ``other`` grey.

Two themes exist:

- ``"default"``: a light, quiet layout for notebooks and the HTML report; contact ids are shown
  as they are unless the caller passes names.
- ``"workshop"``: for a projector: large fonts, black-on-white high contrast, thicker lines,
  and pseudonymised people ("Contact 01", "Client 01") unless the caller passes names
  explicitly.

``template=`` of every figure function accepts ``None`` (the default theme), a theme name
(``"default"``, ``"workshop"``), a :class:`Theme`, the name of any registered plotly template
(e.g. ``"plotly_dark"``) or a :class:`plotly.graph_objects.layout.Template`. Nothing is registered
in ``plotly.io.templates`` at import time (no import-time side effects).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go
import plotly.io as pio

from netlytics.errors import ParameterError

__all__ = [
    "OKABE_ITO",
    "CHANNEL_COLORS",
    "GROUP_COLORS",
    "STATUS_COLORS",
    "DIRECTION_COLORS",
    "TRIGGER_COLORS",
    "VIA_COLORS",
    "DEFAULT_LABELS",
    "Theme",
    "THEMES",
    "get_theme",
    "display_label",
    "apply_layout",
    "set_template",
    "title_layout",
    "image_size",
]

#: The Okabe-Ito colour-blind-safe palette (Okabe and Ito 2008), black first.
OKABE_ITO: tuple[str, ...] = (
    "#000000",  # black
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)

#: One colour per channel, used by every figure (including the network figure).
CHANNEL_COLORS: dict[str, str] = {
    "in_person": "#009E73",  # bluish green: live
    "video": "#56B4E9",  # sky blue: live
    "phone": "#0072B2",  # blue: live
    "email": "#D55E00",  # vermillion: written
    "linkedin": "#E69F00",  # orange: written
    "text": "#CC79A7",  # reddish purple: written
    "other": "#999999",  # grey
}

#: Channel groups (METRICS.md): live and written.
GROUP_COLORS: dict[str, str] = {"live": "#009E73", "written": "#D55E00", "other": "#999999"}

#: Scorecard statuses (schema.SCORE_STATUSES).
STATUS_COLORS: dict[str, str] = {
    "ok": "#009E73",  # bluish green
    "watch": "#E69F00",  # orange
    "mistake": "#D55E00",  # vermillion
    "not_measured": "#BBBBBB",  # grey
}

#: Gives (outbound) and receives (inbound).
DIRECTION_COLORS: dict[str, str] = {"outbound": "#0072B2", "inbound": "#E69F00"}

#: Follow-up triggers.
TRIGGER_COLORS: dict[str, str] = {"thank_you": "#CC79A7", "lead": "#0072B2", "reply": "#E69F00"}

#: Application routes (schema.VIAS).
VIA_COLORS: dict[str, str] = {
    "online": "#D55E00",
    "referral": "#009E73",
    "recruiter": "#56B4E9",
    "network": "#0072B2",
    "other": "#999999",
}

#: Display text for column names and vocabulary values; ``labels=`` overrides any of them.
DEFAULT_LABELS: dict[str, str] = {
    "seeker": "Job seeker",
    "contact_id": "Contact",
    "in_person": "In person",
    "video": "Video",
    "phone": "Phone",
    "email": "E-mail",
    "linkedin": "LinkedIn",
    "text": "Text",
    "other": "Other",
    "touches": "Touches",
    "outbound_touches": "Outbound touches",
    "share": "Share",
    "week": "Week",
    "period": "Period",
    "day": "Day",
    "written_share": "Written share",
    "live_share": "Live share",
    "in_person_share": "In-person share",
    "active_week_share": "Active-week share",
    "on_time_share": "On-time share",
    "touches_per_week": "Touches per week",
    "longest_gap_days": "Longest gap (days)",
    "applications": "Applications",
    "networked_share": "Networked-before-applying share",
    "applied_at": "Applied",
    "company": "Company",
    "lead_days": "Lead (days)",
    "touched_before": "Touched before applying",
    "applied_cold": "Applied cold",
    "lead_time": "Lead time",
    "give_value": "Gives (weighted)",
    "receive_value": "Receives (weighted)",
    "give_share": "Give share",
    "balance": "Balance",
    "trigger": "Trigger",
    "thank_you": "Thank-you",
    "lead": "Lead",
    "reply": "Reply",
    "time": "Days since trigger",
    "survival": "Share still unanswered",
    "days_overdue": "Days overdue",
    "due_at": "Due",
    "trigger_at": "Since",
    "via": "Applied via",
    "online": "Online",
    "referral": "Referral",
    "recruiter": "Recruiter",
    "network": "Network",
    "interview_rate": "Interview rate",
    "offer_rate": "Offer rate",
    "rate": "Rate",
    "channel": "Channel",
    "priority": "Priority",
    "giving": "Giving back",
    "follow_up": "Follow-up",
    "ok": "OK",
    "watch": "Watch",
    "mistake": "Mistake",
    "not_measured": "Not measured",
    "weak_tie_share": "Weak-tie share",
    "as_of": "As of",
}


@dataclass(frozen=True)
class Theme:
    """A named look: a plotly template plus netlytics' presentation defaults.

    Attributes
    ----------
    name
        Theme name (``"default"``, ``"workshop"``, or a plotly template name).
    template
        The plotly template applied to the figure's layout.
    pseudonymize
        Whether people (contacts, clients) are shown as "Contact 01" / "Client 01" when the
        caller passes no names.
    font_size
        Base font size in points (annotations and tiles scale from it).
    line_width
        Line width for curves.
    """

    name: str
    template: go.layout.Template
    pseudonymize: bool = False
    font_size: int = 13
    line_width: float = 2.0


def _merge(base: dict, extra: Mapping) -> dict:
    """``base`` updated in place with ``extra``, nested dicts merged (as plotly's ``update``)."""
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _template(name: str, layout: Mapping | None = None) -> go.layout.Template:
    """A copy of plotly's registered template ``name`` with ``layout`` merged in, built once.

    Plotly itself loads its bundled templates without validation; copying one with
    ``go.layout.Template(pio.templates[name])`` and ``update`` re-validates every property
    (about 0.2 s per theme). The JSON is copied and merged as plain dicts and wrapped once,
    without validation: the settings are netlytics' own, checked by the tests.
    """
    import json

    spec = json.loads(json.dumps(pio.templates[name].to_plotly_json()))  # a private deep copy
    _merge(spec.setdefault("layout", {}), json.loads(json.dumps(layout or {})))
    return go.layout.Template(spec, _validate=False)


_OKABE_COLORWAY = list(OKABE_ITO[1:]) + [OKABE_ITO[0]]

#: Legends sit at the bottom of the figure, under the x axis title, in rows as wide as the figure:
#: placed in container coordinates, plotly grows the bottom margin by the legend's height, so a
#: legend that wraps to several rows on a narrow figure pushes the plot up instead of meeting the
#: title (above the plot, a wrapping legend grew into the title).
_LEGEND = {
    "orientation": "h",
    "yref": "container",
    "y": 0.0,
    "yanchor": "bottom",
    "xanchor": "left",
    "x": 0.0,
}


@cache
def _default() -> Theme:
    t = _template(
        "plotly_white",
        {
            "colorway": _OKABE_COLORWAY,
            "font": {"family": "Inter, Helvetica, Arial, sans-serif", "size": 13, "color": "#222222"},
            "title": {"x": 0.012, "xanchor": "left", "font": {"size": 17}},
            "legend": _LEGEND,
            "margin": {"l": 60, "r": 30, "t": 60, "b": 50},
            "hoverlabel": {"namelength": -1},
        },
    )
    return Theme("default", t, pseudonymize=False, font_size=13, line_width=2.0)


_WORKSHOP_AXIS = {"linecolor": "#000000", "linewidth": 2, "tickfont": {"size": 18}, "gridcolor": "#CCCCCC"}


@cache
def _workshop() -> Theme:
    t = _template(
        "simple_white",
        {
            "colorway": _OKABE_COLORWAY,
            "font": {
                "family": "Atkinson Hyperlegible, Verdana, Arial, sans-serif",
                "size": 20,
                "color": "#000000",
            },
            "title": {"x": 0.012, "xanchor": "left", "font": {"size": 28, "color": "#000000"}},
            "legend": {**_LEGEND, "font": {"size": 18}},
            "margin": {"l": 80, "r": 40, "t": 70, "b": 70},
            "paper_bgcolor": "#FFFFFF",
            "plot_bgcolor": "#FFFFFF",
            "xaxis": _WORKSHOP_AXIS,
            "yaxis": _WORKSHOP_AXIS,
            "hoverlabel": {"namelength": -1, "font": {"size": 18}},
            # simple_white draws shapes at 30% opacity and lines 0 wide: a threshold line added
            # without a width (fig.add_hline) would fade or vanish
            "shapedefaults": {"opacity": 1, "line": {"width": 2}},
        },
    )
    return Theme("workshop", t, pseudonymize=True, font_size=20, line_width=4.0)


@cache
def _plotly_theme(name: str) -> Theme:
    """A registered plotly template as a theme (copied once per name, not once per figure)."""
    return Theme(name, _template(name))


#: Theme name -> factory (themes are built on first use, not at import).
THEMES = {"default": _default, "workshop": _workshop}


def get_theme(template: str | Theme | go.layout.Template | None = None) -> Theme:
    """Resolve a figure's ``template=`` argument to a :class:`Theme`.

    Parameters
    ----------
    template
        None or ``"default"`` (the default theme), ``"workshop"``, a :class:`Theme`, a registered
        plotly template name, or a plotly ``Template`` object.

    Examples
    --------
    >>> get_theme("workshop").pseudonymize
    True
    >>> get_theme(None).name
    'default'
    >>> get_theme("plotly_dark").pseudonymize
    False
    """
    if template is None:
        return _default()
    if isinstance(template, Theme):
        return template
    if isinstance(template, go.layout.Template):
        return Theme("custom", template)
    if isinstance(template, str):
        if template in THEMES:
            return THEMES[template]()
        if template in pio.templates:
            return _plotly_theme(template)
        choices = sorted(THEMES) + sorted(pio.templates)
        close = difflib.get_close_matches(template, choices, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ParameterError(
            f"template={template!r} is not a netlytics theme or a plotly template.{hint} "
            f"Expected one of {choices}."
        )
    raise ParameterError(
        f"template must be None, a theme name, a Theme or a plotly Template; got {type(template).__name__}."
    )


def display_label(name, labels: Mapping[str, str] | None = None) -> str:
    """Display text for a column name or vocabulary value.

    ``labels`` (the figure's ``labels=``) wins, then :data:`DEFAULT_LABELS`, then the name with
    underscores as spaces and a capital first letter.

    Examples
    --------
    >>> display_label("written_share")
    'Written share'
    >>> display_label("written_share", {"written_share": "Share in writing"})
    'Share in writing'
    >>> display_label("median_lag_days")
    'Median lag days'
    """
    key = str(name)
    if labels and key in labels:
        return str(labels[key])
    if key in DEFAULT_LABELS:
        return DEFAULT_LABELS[key]
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


#: id(template) -> (template, its JSON text): each theme's template serialised once.
_TEMPLATE_JSON: dict[int, tuple[go.layout.Template, str]] = {}


def set_template(fig: go.Figure, theme: Theme) -> go.Figure:
    """Give ``fig`` the theme's template without plotly's per-figure copy and validation.

    Assigning a ``Template`` object makes plotly rebuild and re-validate the whole template for
    every figure (about 30 ms each); the template's JSON is serialised once per theme and each
    figure gets its own fresh parse of it (no shared, mutable state), with an identical result.

    Parameters
    ----------
    fig : Figure
        The figure (changed in place).
    theme : Theme
        The theme whose template is set.

    Returns
    -------
    Figure
        ``fig``.

    Examples
    --------
    >>> fig = set_template(go.Figure(), get_theme("workshop"))
    >>> fig.layout.template.layout.font.size
    20
    """
    import json

    key = id(theme.template)
    cached = _TEMPLATE_JSON.get(key)
    if cached is None or cached[0] is not theme.template:
        from plotly.utils import PlotlyJSONEncoder

        cached = (theme.template, json.dumps(theme.template.to_plotly_json(), cls=PlotlyJSONEncoder))
        _TEMPLATE_JSON[key] = cached
    fig.layout._props["template"] = json.loads(cached[1])  # the JSON plotly itself would store
    return fig


def apply_layout(
    fig: go.Figure,
    *,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
    default_title: str | None = None,
    x: str | None = None,
    y: str | None = None,
    legend: str | None = None,
) -> go.Figure:
    """Apply the theme, the title and axis/legend labels to a figure (in place; returns it).

    Parameters
    ----------
    fig
        The figure.
    title
        Title text; ``None`` uses ``default_title``; ``""`` shows no title.
    labels
        Column/value name -> display text (as plotly express's ``labels=``).
    template
        See :func:`get_theme`.
    default_title
        Title used when ``title`` is None.
    x, y, legend
        Column names shown on the x axis, y axis and as the legend title; their display text
        comes from :func:`display_label`.

    Examples
    --------
    >>> fig = apply_layout(go.Figure(), title="Mix", x="week", labels={"week": "Week of"})
    >>> fig.layout.title.text, fig.layout.xaxis.title.text
    ('Mix', 'Week of')
    """
    set_template(fig, get_theme(template))
    layout = title_layout(title=title, labels=labels, default_title=default_title, x=x, y=y, legend=legend)
    if layout:
        fig.update_layout(layout)
    return fig


def title_layout(
    *,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    default_title: str | None = None,
    x: str | None = None,
    y: str | None = None,
    legend: str | None = None,
) -> dict:
    """The layout of a figure's title and axis and legend titles (see :func:`apply_layout`).

    Examples
    --------
    >>> title_layout(default_title="Mix", y="touches")
    {'title': {'text': 'Mix'}, 'yaxis': {'title': {'text': 'Touches'}}}
    """
    text = default_title if title is None else title
    layout: dict = {"title": {"text": text}} if text else {}
    for key, name in (("xaxis", x), ("yaxis", y), ("legend", legend)):
        if name is not None:
            layout[key] = {"title": {"text": display_label(name, labels)}}
    return layout


#: A figure is laid out at least this many base font sizes wide (about 50 characters of text).
MIN_WIDTH_IN_FONTS = 32


def image_size(fig: go.Figure, width: int, height: int | None = None) -> tuple[int, int, float]:
    """The layout width and height and the scale that write ``fig`` as an image ``width`` wide.

    A theme's fonts and margins are in pixels: the workshop theme's large type (20 px, for a
    projector) leaves no room for the plot in a thumbnail (420 x 315: the axis titles, ticks
    and legend rows take the whole height, and plotly fails with "Something went wrong with
    axis scaling"). A figure narrower than :data:`MIN_WIDTH_IN_FONTS` times its base font size,
    or than the plot width it needs (``layout.minreducedwidth``, set by figures whose text is
    wrapped for a width, such as the scorecard's tiles) plus its side margins, is laid out at
    that width and scaled down to the width asked, as a slide scales a large chart: the same
    picture, smaller type. Wider figures are unchanged.

    Parameters
    ----------
    fig : Figure
        The figure (its template's base font size and its ``minreducedwidth`` decide).
    width : int
        The image width wanted, in pixels.
    height : int, optional
        The image height wanted, in pixels; None for the figure's own ``layout.height``
        (drawn at that height in layout pixels, so the image is ``height * scale`` high).

    Returns
    -------
    tuple of (int, int, float)
        ``(layout_width, layout_height, scale)`` for ``plotly.io.write_image`` (or
        ``to_image``): the image is ``layout_width * scale`` by ``layout_height * scale``.

    See Also
    --------
    get_theme : the themes and their font sizes.

    Examples
    --------
    >>> image_size(set_template(go.Figure(), get_theme("workshop")), 420, 315)
    (640, 480, 0.65625)
    >>> image_size(set_template(go.Figure(), get_theme("workshop")), 1280, 720)
    (1280, 720, 1.0)
    >>> image_size(set_template(go.Figure(), get_theme("default")), 420, 315)
    (420, 315, 1.0)
    >>> image_size(set_template(go.Figure(layout={"height": 900}), get_theme("default")), 640)
    (640, 900, 1.0)
    """
    layout = fig.layout
    font = layout.font.size or layout.template.layout.font.size or 13
    least = int(MIN_WIDTH_IN_FONTS * font)
    if layout.minreducedwidth:
        margin = layout.template.layout.margin
        sides = (layout.margin.l or margin.l or 80) + (layout.margin.r or margin.r or 80)
        least = max(least, int(layout.minreducedwidth + sides))
    scale = min(1.0, width / least)
    lw = max(int(width), least)
    if height is None:
        lh = int(layout.height or round(lw * 0.75))
    else:
        lh = math.ceil(height / scale - 1e-9)  # never a pixel short once scaled
    return lw, lh, scale
