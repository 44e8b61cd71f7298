"""The registry of figures: which metric table each figure draws, where it goes, how to read it.

Every consumer of figures (the seeker's report, the coach's cohort report, chart export, the
notebooks and the slide decks) loops over :data:`SPECS` instead of wiring metrics to figures by
hand, so that a new figure is one :class:`FigureSpec`. A spec's ``metric`` takes the shared
:class:`netlytics.metrics.measures.Measures` (computed once from the data, ``as_of`` and
``since``, and passed explicitly) and returns the table its ``plot`` function draws. Its
``caption`` is the short "how to read this" shown under the chart in every place.

Examples
--------
>>> [s.name for s in specs(section="channel")]
['channel_mix', 'channel_weekly']
>>> get("km").caption.split(".")[0]
'Each curve is the share of triggers still unanswered after a number of days'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from netlytics._checks import check_choice, check_positive_int
from netlytics.figures._common import contact_names, plotly_safe
from netlytics.figures.applying import plot_applying_timeline
from netlytics.figures.cadence import plot_cadence, plot_calendar
from netlytics.figures.channel import plot_channel_mix, plot_channel_weekly
from netlytics.figures.cohort import plot_attention, plot_small_multiples
from netlytics.figures.followup import plot_km, plot_open_loops
from netlytics.figures.network import TOP_N, plot_network
from netlytics.figures.outcomes import plot_outcomes
from netlytics.figures.reciprocity import plot_give_share, plot_reciprocity
from netlytics.figures.scorecard import plot_scorecard
from netlytics.figures.standing import plot_cohort_trend, plot_strips

__all__ = [
    "SCOPES",
    "SECTIONS",
    "SPECS",
    "FigureSpec",
    "draw",
    "get",
    "recorded_outcomes",
    "specs",
    "trend_table",
]

#: Where a figure belongs: one seeker's report, or the coach's cohort views.
SCOPES: tuple[str, ...] = ("seeker", "cohort")

#: Report sections, in page order.
SECTIONS: tuple[str, ...] = (
    "overview",
    "channel",
    "priority",
    "giving",
    "follow_up",
    "outcomes",
    "network",
    "cohort",
)


@dataclass(frozen=True)
class FigureSpec:
    """One figure: the table it draws, the function that draws it, where it goes, how to read it.

    Attributes
    ----------
    name : str
        Short identifier (``"channel_mix"``); also the chart file's name in chart export.
    metric : callable
        ``metric(measures) -> DataFrame``: the table the figure draws, taken from the shared
        :class:`~netlytics.metrics.measures.Measures` (the network figure's "table" is the graph
        of :func:`netlytics.graph.build.build_graph` with the figure's ``top_n``).
    plot : callable
        ``plot(table, *, title=None, labels=None, template=None) -> Figure``.
    scope : {"seeker", "cohort"}
        ``"seeker"``: drawn in the seeker's report (pooled when several seekers are shown);
        ``"cohort"``: one of the coach's views comparing clients.
    section : str
        One of :data:`SECTIONS`.
    caption : str
        One to three sentences: how to read the figure (shown under it in the report, the
        notebooks and the speaker notes of the decks).
    title : str
        A short human title (headings, slide titles, the alt text of the chart).
    names : bool
        Whether ``plot`` takes ``names=`` (it shows contacts or clients).
    tall : bool
        Whether the figure is drawn taller than the others in the HTML report.
    options : mapping
        Keyword arguments always passed to ``plot`` (before those given to :func:`draw`).
    shared : tuple of str
        Options of ``plot`` that ``metric`` takes too, when given (the network's ``top_n``:
        its graph keeps only the contacts drawn).
    """

    name: str
    metric: Callable[[Any], Any]
    plot: Callable[..., Any]
    scope: str
    section: str
    caption: str
    title: str
    names: bool = False
    tall: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    shared: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_choice("scope", self.scope, SCOPES)
        check_choice("section", self.section, SECTIONS)


# --- metric callables (each takes the shared Measures) -------------------------------------------


def _pooled_km(m) -> pd.DataFrame:
    """Kaplan-Meier curves; several seekers in a seeker's report are pooled per trigger."""
    from netlytics.metrics.km import km_curves

    fu = m.follow_up
    if "seeker" in fu.columns and fu["seeker"].nunique() > 1:
        return km_curves(fu.assign(seeker="All seekers"))
    return m.km_curves


def recorded_outcomes(m) -> pd.DataFrame:
    """``m.outcomes`` with null rates for seekers whose applications record no outcome.

    docs/spec/METRICS.md 5b: a seeker none of whose applications has a status other than
    ``applied`` (LinkedIn's job applications record none) has no outcome evidence, so the
    rates are "not recorded", never 0%.

    Parameters
    ----------
    m : Measures
        The shared measures (``outcomes`` and ``data.applications``).

    Returns
    -------
    DataFrame
        The outcomes table, rates null where nothing was recorded.

    See Also
    --------
    netlytics.figures.plot_outcomes : draws this table.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> apps = pd.DataFrame({"seeker": ["Ana", "Ben"], "status": ["applied", "interview"]})
    >>> out = pd.DataFrame({"seeker": ["Ana", "Ben"], "via": "online", "applications": 1,
    ...     "interviews": [0, 1], "offers": 0, "interview_rate": [0.0, 1.0], "offer_rate": 0.0})
    >>> recorded_outcomes(SimpleNamespace(outcomes=out, data=SimpleNamespace(applications=apps)))["interview_rate"].tolist()
    [nan, 1.0]
    """
    out = m.outcomes
    apps = m.data.applications
    if out.empty or "status" not in apps.columns:
        return out
    status = apps["status"].astype("str")
    recorded = set(apps.loc[apps["status"].notna() & (status != "applied"), "seeker"].astype("str"))
    keep = out["seeker"].astype("str").isin(recorded)
    return out.assign(**{c: out[c].where(keep) for c in ("interview_rate", "offer_rate") if c in out.columns})


def _applying(m) -> pd.DataFrame:
    return plotly_safe(m.applying, ["company", "role"])


def _graph(m, *, top_n: int = TOP_N):
    """The graph of the shown data's ``top_n`` strongest ties (what the figure draws), names and
    companies escaped for plotly labels."""
    from netlytics.graph.build import build_graph

    d = m.data
    safe = d.replace(contacts=plotly_safe(d.contacts, ["name", "company", "position"]))
    return build_graph(safe, as_of=m.as_of, top_n=top_n)


def trend_table(m, *, weeks: int = 8) -> pd.DataFrame:
    """``summary(data, as_of=w)`` stacked for ``weeks`` weekly dates ending at ``m.as_of``.

    Parameters
    ----------
    m : Measures
        The shared measures (their data and ``as_of``).
    weeks : int, default 8
        Number of weekly dates; the last one is ``m.as_of``.

    Returns
    -------
    DataFrame
        The summary rows of every date, with its ``as_of`` column; ``m.summary`` when there is no
        ``as_of`` (no data).

    Raises
    ------
    ParameterError
        When ``weeks`` is below 1.

    See Also
    --------
    netlytics.figures.plot_cohort_trend : draws this table.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": ["Ana", "Ben"], "interaction_id": ["1", "2"],
    ...     "contact_id": ["cy", "dee"], "at": pd.to_datetime(["2025-03-03", "2025-03-10"], utc=True),
    ...     "channel": "email", "direction": "outbound", "kind": "message"})
    >>> m = SimpleNamespace(data=NetworkData(interactions=ix), as_of=pd.Timestamp("2025-03-10", tz="UTC"))
    >>> trend_table(m, weeks=2)[["seeker", "as_of", "touches"]]
      seeker                     as_of  touches
    0    Ana 2025-03-03 00:00:00+00:00        1
    1    Ben 2025-03-03 00:00:00+00:00        0
    2    Ana 2025-03-10 00:00:00+00:00        1
    3    Ben 2025-03-10 00:00:00+00:00        1
    """
    from netlytics.metrics.summary import summary

    weeks = check_positive_int("weeks", weeks)
    if m.as_of is None:
        return m.summary
    as_of = pd.Timestamp(m.as_of)
    dates = [as_of - pd.Timedelta(days=7 * k) for k in range(int(weeks) - 1, -1, -1)]
    return pd.concat([summary(m.data, as_of=w) for w in dates], ignore_index=True)


def _attr(name: str) -> Callable[[Any], Any]:
    def metric(m):
        return getattr(m, name)

    metric.__name__ = metric.__qualname__ = f"measures.{name}"
    return metric


# --- the registry ------------------------------------------------------------------------------

SPECS: tuple[FigureSpec, ...] = (
    FigureSpec(
        "scorecard",
        _attr("scorecard"),
        plot_scorecard,
        "seeker",
        "overview",
        "One tile per networking mistake, in its status colour: ok (green), watch (amber: close "
        "to the line, or something open), mistake (red), not measured (grey: too little evidence "
        "to judge). Each tile gives the key number, what it rests on (so many touches, triggers "
        "or gives) and one piece of advice.",
        "Scorecard",
        names=True,
    ),
    FigureSpec(
        "channel_mix",
        _attr("channel_mix"),
        plot_channel_mix,
        "seeker",
        "channel",
        "How your touches (a day's contact with one person on one channel) split by channel. "
        "Warm colours (e-mail, LinkedIn, text) are written, cool ones (in person, video, phone) "
        "live; the centre gives the written share. Above 50% written is the 'mostly e-mail' mistake.",
        "Channel mix",
    ),
    FigureSpec(
        "channel_weekly",
        _attr("channel_weekly"),
        plot_channel_weekly,
        "seeker",
        "channel",
        "The coloured area is the number of touches per week by channel; the dotted line (right "
        "axis) is that week's written share. Look for the line coming down over time.",
        "Touches by channel, week by week",
    ),
    FigureSpec(
        "calendar",
        _attr("touches"),
        plot_calendar,
        "seeker",
        "priority",
        "One square per day (Monday at the top, one column per week); the darker, the more "
        "outbound touches that day. Long pale stretches are weeks when networking was not a priority.",
        "Outbound touches per day",
    ),
    FigureSpec(
        "cadence",
        _attr("cadence"),
        plot_cadence,
        "seeker",
        "priority",
        "Bars are outbound touches per week, the line applications sent. A week with a high line "
        "and low bars is applying without networking.",
        "Networking and applications, week by week",
    ),
    FigureSpec(
        "applying_timeline",
        _applying,
        plot_applying_timeline,
        "seeker",
        "priority",
        "One row per company, one dot per application. Filled green: you had an outbound touch at "
        "the company before applying (the line runs back to that first touch: the lead time); "
        "hollow red: applied cold.",
        "Applications: networked first, or cold?",
        tall=True,
    ),
    FigureSpec(
        "reciprocity",
        _attr("reciprocity"),
        plot_reciprocity,
        "seeker",
        "giving",
        "Per contact, what you gave (right, blue) and received (left, orange). Amounts are "
        "weighted: an introduction or a referral counts more than a lead or a piece of help. "
        "A contact with only orange is someone you have taken from without giving back.",
        "Giving and receiving, per contact",
        names=True,
        tall=True,
    ),
    FigureSpec(
        "km",
        _pooled_km,
        plot_km,
        "seeker",
        "follow_up",
        "Each curve is the share of triggers still unanswered after a number of days. A trigger "
        "is something that calls for an answer: a meeting (a thank-you), a message (a reply) or "
        "a lead (acting on it). A '+' marks a censored trigger: still open, so only known to have "
        "waited that long. The dashed lines are the due times: the height of a curve there is the "
        "share not answered in time.",
        "How fast are triggers answered?",
    ),
    FigureSpec(
        "open_loops",
        _attr("follow_up"),
        plot_open_loops,
        "seeker",
        "follow_up",
        "Who is waiting for an answer from you: unanswered triggers past their due time and "
        "newer than the stale limit, most overdue first. Answer from the top.",
        "Open loops",
        names=True,
    ),
    FigureSpec(
        "outcomes",
        recorded_outcomes,
        plot_outcomes,
        "seeker",
        "outcomes",
        "Interview and offer rates per route of application, with the number of applications in "
        "each label; small groups say little. Applications whose outcome was never recorded "
        "(LinkedIn records none) give no rate: they are 'not recorded', not 0%.",
        "Interviews and offers by how you applied",
    ),
    FigureSpec(
        "network",
        _graph,
        plot_network,
        "seeker",
        "network",
        "Your strongest ties: node size grows with touches, node colour is the tie class (strong "
        "is darkest), line colour the channel you mostly use with that person. Tie strength combines "
        "how often, how recently and how richly you are in touch; medium and weak ties carry most "
        "job moves, so keep them warm.",
        "Your network",
        names=True,
        tall=True,
        shared=("top_n",),
    ),
    FigureSpec(
        "attention",
        _attr("summary"),
        plot_attention,
        "cohort",
        "cohort",
        "Clients with the most mistakes first, then the most watches (close to a line, or a loop "
        "open), then the furthest past a threshold: 'worst_margin' is how many percentage points "
        "the client's worst value is past its mistake threshold (negative: room to spare).",
        "Who needs attention",
        names=True,
    ),
    FigureSpec(
        "strips",
        _attr("summary"),
        plot_strips,
        "cohort",
        "cohort",
        "One strip per measure, one dot per client, the client who needs attention most "
        "highlighted; the dashed line is the mistake threshold, and each strip's title says "
        "which side of it is the mistake.",
        "Where each client stands",
        names=True,
        tall=True,
    ),
    FigureSpec(
        "small_multiples",
        _attr("cadence"),
        plot_small_multiples,
        "cohort",
        "cohort",
        "One panel per client of outbound touches per week, all on the same axes, so quiet "
        "clients and empty weeks stand out.",
        "Weekly activity per client",
        names=True,
        tall=True,
    ),
    FigureSpec(
        "cohort_trend",
        trend_table,
        plot_cohort_trend,
        "cohort",
        "cohort",
        "Week by week, per measure: the median client (line) and the middle half of the clients "
        "(band), with the mistake threshold dashed.",
        "The cohort week by week",
        tall=True,
    ),
    FigureSpec(
        "give_share",
        _attr("summary"),
        plot_give_share,
        "cohort",
        "cohort",
        "Each client's give share (weighted gives over gives plus receives) in the status colour; "
        "the dashed lines are the mistake (20%) and watch (40%) thresholds, the dotted line the "
        "cohort median. Grey 'Not measured': fewer than 5 gives and receives to judge.",
        "Giving back, per client",
        names=True,
    ),
)

_BY_NAME: dict[str, FigureSpec] = {s.name: s for s in SPECS}


def get(name: str) -> FigureSpec:
    """The spec of the figure called ``name``.

    Parameters
    ----------
    name : str
        A figure name (``spec.name``).

    Returns
    -------
    FigureSpec
        Its spec.

    Raises
    ------
    ParameterError
        For an unknown name, with a did-you-mean.

    See Also
    --------
    specs : the specs of a scope or section.

    Examples
    --------
    >>> get("channel_mix").section
    'channel'
    """
    check_choice("figure name", name, tuple(_BY_NAME))
    return _BY_NAME[name]


def specs(scope: str | None = None, section: str | None = None) -> tuple[FigureSpec, ...]:
    """The specs of one scope and/or section, in page order.

    Parameters
    ----------
    scope : {"seeker", "cohort"}, optional
        Keep only this scope.
    section : str, optional
        Keep only this section (one of :data:`SECTIONS`).

    Returns
    -------
    tuple of FigureSpec
        In the order of :data:`SPECS`.

    Raises
    ------
    ParameterError
        For an unknown scope or section.

    See Also
    --------
    get : one spec by name.

    Examples
    --------
    >>> [s.name for s in specs("cohort")]
    ['attention', 'strips', 'small_multiples', 'cohort_trend', 'give_share']
    """
    if scope is not None:
        check_choice("scope", scope, SCOPES)
    if section is not None:
        check_choice("section", section, SECTIONS)
    return tuple(
        s for s in SPECS if (scope is None or s.scope == scope) and (section is None or s.section == section)
    )


def draw(spec: FigureSpec | str, measures, *, template=None, names=None, table=None, **options):
    """Draw one registered figure from the shared measures.

    Parameters
    ----------
    spec : FigureSpec or str
        The spec, or its name.
    measures : Measures
        The shared measures (:meth:`netlytics.metrics.measures.Measures.compute`).
    template : str, Theme or plotly template, optional
        The look (see :func:`netlytics.figures.theme.get_theme`).
    names : mapping, str or None, optional
        For figures showing people: ``names=`` of the figure; default the contacts' names of
        ``measures.data`` (escaped for plotly), which are pseudonyms when the data was
        pseudonymised. Ignored by figures that show no one.
    table : DataFrame, optional
        The table to draw instead of ``spec.metric(measures)`` (already computed).
    **options
        Further keyword arguments of the figure function (``highlight=``, ``top_n=``...).

    Returns
    -------
    Figure
        The figure; ``show()`` is never called.

    Raises
    ------
    ParameterError
        For an unknown figure name.

    See Also
    --------
    specs : the figures to loop over.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> t = pd.DataFrame({"seeker": "Ana", "channel": ["email"], "touches": [3], "share": [1.0]})
    >>> draw("channel_mix", SimpleNamespace(channel_mix=t)).data[0].type
    'pie'
    """
    spec = get(spec) if isinstance(spec, str) else spec
    kwargs = {**spec.options, **options}
    if table is None:
        data = spec.metric(measures, **{k: kwargs[k] for k in spec.shared if k in kwargs})
    else:
        data = table
    if spec.names and "names" not in kwargs and spec.scope == "seeker":
        kwargs["names"] = contact_names(measures.data) if names is None else names
    elif spec.names and names is not None:
        kwargs["names"] = names
    return spec.plot(data, template=template, **kwargs)
