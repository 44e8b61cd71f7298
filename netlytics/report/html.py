"""The job seeker's report: one self-contained, offline HTML page.

:func:`write_report` computes the shared :class:`~netlytics.metrics.measures.Measures` once and
writes one HTML file, section by section:

- "This week": the plan's next actions (:func:`netlytics.plan.next_actions`);
- "At a glance": the scorecard tiles and table, each status with what it rests on;
- a section per networking mistake: the verdict, key numbers and the figures of the registry
  (:mod:`netlytics.figures.registry`), each with its "how to read this" caption; the
  follow-up section lists the open loops and, under their own heading, the stale loops worth
  reviving;
- results (interview and offer rates by route, "not recorded" where no outcome is);
- the network; what the data covers (each source and its counts); the load's problems.

The page and its escaping live in :mod:`netlytics.report.page` (Jinja2 templates with
autoescape, a Content-Security-Policy with script hashes); the sentences and numbers in
:mod:`netlytics.report.content`; the figures in :mod:`netlytics.figures`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from netlytics.data import NetworkData
from netlytics.figures import registry
from netlytics.figures._common import contact_names, plotly_safe, plotly_text
from netlytics.metrics.measures import Measures
from netlytics.report.compose import (
    PathLike,
    Settings,
    check_html_path,
    check_theme,
    open_page,
    prepare,
    render_sections,
    seeker_label,
    shown_data,
    write_html,
)
from netlytics.report.content import (
    MISTAKE_SECTIONS,
    coverage_notes,
    follow_up_counts,
    key_numbers,
    problem_blocks,
    shown_card,
    verdict,
)
from netlytics.report.page import Page, block, figure_json
from netlytics.report.tables import KEY_LABELS, html_table, table_view

__all__ = [
    "MISTAKE_SECTIONS",
    "Page",
    "Settings",
    "build_report",
    "check_theme",
    "contact_names",
    "figure_json",
    "html_table",
    "plotly_safe",
    "plotly_text",
    "shown_data",
    "write_report",
]


# --- the seeker's report, section by section ----------------------------------------------------


#: Figures the page shows as an HTML table instead (searchable text), under the spec's caption.
TABLE_INSTEAD = frozenset({"open_loops"})


@dataclass
class _Report:
    """What every section of the seeker's report needs: the measures, page, theme and scorecard."""

    data: NetworkData
    m: Measures
    page: Page
    theme: object
    card: pd.DataFrame
    counts: pd.DataFrame
    names: dict[str, str]
    actions_limit: int | None
    seekers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.seekers = self.data.seekers  # once: it scans every table
        # one dict per scorecard row and per seeker's summary row, looked up by key: a boolean
        # mask per seeker and mistake cost 2 s for a cohort of 100
        card = self.card.to_dict("records")
        self.card_rows = {(str(c["seeker"]), str(c["mistake"])): c for c in reversed(card)}
        summ = self.m.summary
        self.summary_rows = {str(c["seeker"]): c for c in reversed(summ.to_dict("records"))}
        self.count_rows = {str(k): v for k, v in self.counts.to_dict("index").items()}

    @property
    def multi(self) -> bool:
        return len(self.seekers) > 1

    def columns(self, labels: dict[str, str]) -> dict[str, str]:
        """A table's columns: ``labels``, after a "Seeker" column when the data has several."""
        return ({"seeker": "Seeker"} if self.multi else {}) | labels

    def figures(self, section: str) -> list[dict]:
        """The registry's seeker figures of ``section``, each with its caption."""
        out = []
        for spec in registry.specs("seeker", section):
            if spec.name in TABLE_INSTEAD:
                continue
            # the scorecard as shown: follow-up evidence = the triggers its value rests on
            table = self.card if spec.name == "scorecard" else None
            fig = registry.draw(spec, self.m, template=self.theme, names=self.names, table=table)
            out.append(
                self.page.figure(fig, name=spec.name, caption=spec.caption, title=spec.title, tall=spec.tall)
            )
        return out


def _this_week(r: _Report) -> list[dict]:
    from netlytics.plan import actions_html, next_actions

    kw = {} if r.actions_limit is None else {"per_type": r.actions_limit}
    acts = next_actions(r.data, measures=r.m, **kw)
    from markupsafe import Markup

    # netlytics.plan.actions_html escapes every value it writes (tested in tests/plan)
    return [block("markup", markup=Markup(actions_html(acts)))]  # noqa: S704


def _glance(r: _Report) -> list[dict]:
    out = r.figures("overview") if len(r.card) else []
    from netlytics.figures.scorecard import MISTAKE_TITLES

    shown = r.card.assign(
        mistake=r.card["mistake"].map(lambda x: MISTAKE_TITLES.get(x, x)),
        value=[_value(m, v) for m, v in zip(r.card["metric"], r.card["value"], strict=True)],
        metric=r.card["metric"].map(lambda x: KEY_LABELS.get(x, x)),
    )
    columns = r.columns(
        {
            "mistake": "Mistake",
            "status": "Status",
            "metric": "Metric",
            "value": "Value",
            "rests_on": "Rests on",
            "advice": "Advice",
        }
    )
    table = table_view(shown, columns=columns, status_columns=["status"], max_rows=4 * 50)
    return [*out, block("table", table=table)]


def _value(metric: str, value) -> str:
    from netlytics.figures.scorecard import format_value

    return "not measured" if value is None or pd.isna(value) else format_value(metric, value)


def _mistake(r: _Report, mistake: str) -> list[dict]:
    """Per seeker the verdict and key numbers of ``mistake``, then its figures."""
    out = []
    period = getattr(r.m, "period_label", "")
    for s in r.seekers:
        row = r.card_rows.get((s, mistake))
        if row is not None:
            out.append(block("verdict", verdict=verdict(row, who=s if r.multi else None, period=period)))
        row0 = r.summary_rows.get(s)
        extra = None
        if mistake == "follow_up" and s in r.count_rows:
            c = r.count_rows[s]
            extra = {
                "Triggers answered or past due": c["settled"],
                "On time": c["on_time"],
                "Open loops": c["open_loops"],
                "Stale loops": c["stale"],
            }
        if row0 is not None or extra:
            numbers = key_numbers(row0 or {}, MISTAKE_SECTIONS[mistake][1], extra=extra)
            out.append(block("keys", numbers=numbers))
    return out + r.figures(mistake)


def _follow_up(r: _Report) -> list[dict]:
    from netlytics.figures.followup import open_loop_rows

    out = _mistake(r, "follow_up")
    fu = r.m.follow_up
    if "stale" in fu.columns:
        fu = fu.loc[~fu["stale"].astype(bool)]
    loops = open_loop_rows(fu, names=_raw_names(r.data))
    out.append(block("h3", text="Open loops (unanswered, past due)"))
    if len(loops):
        columns = r.columns(
            {
                "who": "Who",
                "trigger": "Owed",
                "trigger_at": "Since",
                "due_at": "Due",
                "days_overdue": "Days overdue",
            }
        )
        out.append(block("table", table=table_view(loops, columns=columns, max_rows=25)))
        caption = registry.get("open_loops").caption
        out.append(block("p", strong="How to read this:", text=caption, css_class="muted caption"))
    else:
        out.append(
            block(
                "p", text="No open loops: every follow-up past its due time was answered.", css_class="muted"
            )
        )
    return out + _stale(r)


def _stale(r: _Report) -> list[dict]:
    """The stale loops: their count and at most 5 worth reviving (strongest ties first)."""
    from netlytics.plan import stale_loops

    stale = stale_loops(r.data, measures=r.m, limit=5)
    total = int(stale.attrs.get("total", len(stale)))
    stale_days = f"{float(getattr(r.m, 'stale_days', 60)):g}"
    out = [
        block(
            "h3",
            text="Stale loops worth reviving",
            attrs={"data-role": "stale-loops", "data-value": str(total)},
        )
    ]
    if total == 0:
        return [
            *out,
            block(
                "p",
                text=f"No stale loops: nothing was left unanswered for over {stale_days} days.",
                css_class="muted",
            ),
        ]
    out.append(
        block(
            "p",
            text=f"{total:,} triggers were left unanswered for over {stale_days} days. They no longer count as "
            "open loops and the plan does not chase them; these contacts are the ones most worth a short note.",
        )
    )
    columns = r.columns({"contact_name": "Who", "company": "Company", "tie": "Tie", "reason": "Why"})
    return [
        *out,
        block("table", table=table_view(stale, columns=columns, max_rows=5 * max(1, len(r.seekers)))),
    ]


def _outcomes(r: _Report) -> list[dict]:
    out = r.figures("outcomes")
    columns = r.columns(
        {
            "via": "Route",
            "applications": "Applications",
            "interviews": "Interviews",
            "offers": "Offers",
            "interview_rate": "Interview rate",
            "offer_rate": "Offer rate",
        }
    )
    missing = {"interview_rate": "not recorded", "offer_rate": "not recorded"}
    table = registry.recorded_outcomes(r.m)
    return [*out, block("table", table=table_view(table, columns=columns, missing=missing))]


def _coverage(r: _Report) -> list[dict]:
    notes = coverage_notes(r.data, r.m)
    return [
        block("notes", lines=notes) if notes else block("p", text="No coverage notes.", css_class="muted")
    ]


#: The seeker's report: (anchor, heading, blocks, CSS class), in page order.
SECTIONS: tuple[tuple[str, str, Callable[[_Report], list[dict]], str], ...] = (
    ("this-week", "This week", _this_week, "this-week"),
    ("glance", "At a glance", _glance, ""),
    ("channel", MISTAKE_SECTIONS["channel"][0], lambda r: _mistake(r, "channel"), ""),
    ("priority", MISTAKE_SECTIONS["priority"][0], lambda r: _mistake(r, "priority"), ""),
    ("giving", MISTAKE_SECTIONS["giving"][0], lambda r: _mistake(r, "giving"), ""),
    ("follow-up", MISTAKE_SECTIONS["follow_up"][0], _follow_up, ""),
    ("results", "Results: where interviews come from", _outcomes, ""),
    ("network", "Your network", lambda r: r.figures("network"), ""),
    ("coverage", "What the data covers", _coverage, ""),
    ("problems", "Load problems", lambda r: problem_blocks(r.data), ""),
)


#: Progress step names of the sections (default: the section's anchor).
_STEPS = {"this-week": "next actions", "glance": "scorecard", "channel": "channel mix", "priority": "cadence"}


def _raw_names(data: NetworkData) -> dict[str, str]:
    """``contact_id -> name`` for HTML tables (escaped later by the template)."""
    c = data.contacts.loc[data.contacts["name"].notna(), ["contact_id", "name"]].drop_duplicates("contact_id")
    return dict(zip(c["contact_id"].astype("str"), c["name"].astype("str"), strict=True))


def build_report(
    data: NetworkData,
    settings: Settings | None = None,
    *,
    actions_limit: int | None = None,
    progress: Callable[[str], object] | None = None,
) -> str:
    """The report's HTML text (what :func:`write_report` writes).

    Parameters
    ----------
    data : NetworkData
        The loaded data.
    settings : Settings, optional
        as_of, since, stale_days, theme and title (see :func:`write_report`).
    actions_limit : int, optional
        At most this many actions of each type in "This week" (default 3).
    progress : callable, optional
        Called with a short step name before each step; by default a transient line in a
        terminal or notebook (:func:`netlytics.progress.steps`).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    ParameterError
        For an unknown theme or a bad date.

    See Also
    --------
    write_report : the same, written to a file.
    """
    p = prepare(data, settings or Settings())
    data, m = p.data, p.m
    facts = [
        f"{len(data.contacts):,} contacts",
        f"{len(data.interactions):,} interactions",
        f"{len(data.applications):,} applications",
        f"{len(data.sources):,} source file(s)",
    ]
    seekers = data.seekers
    title = (settings.title if settings else None) or "Networking report: " + (
        seeker_label(seekers) if seekers else "no data"
    )
    page = open_page(m, title, facts)
    fc = follow_up_counts(m.follow_up)
    r = _Report(data, m, page, p.theme, shown_card(m.scorecard, fc), fc, contact_names(data), actions_limit)
    return render_sections(page, SECTIONS, r, progress, lambda key: _STEPS.get(key, key))


def write_report(
    data: NetworkData,
    path: PathLike,
    *,
    as_of=None,
    since=None,
    stale_days: int = 60,
    theme="default",
    title: str | None = None,
    inputs: Iterable[PathLike] | None = None,
    progress: Callable[[str], object] | None = None,
) -> Path:
    """Write the job seeker's report: one self-contained, offline HTML file.

    Parameters
    ----------
    data : NetworkData
        The loaded data (usually one seeker: the LinkedIn export, the tracker, a mailbox and a
        calendar merged by :func:`netlytics.load`).
    path : str or path-like
        The ``.html`` file to write (atomically; its folder must exist).
    as_of : timestamp-like, optional
        Date the report looks from; data after it is left out. Default: the latest timestamp
        in the data.
    since : timestamp-like, ``"all"`` or None, optional
        Start of the scoring period. Default (None): the last 12 months, ``as_of - 365 days``;
        ``"all"`` judges the whole history (docs/spec/METRICS.md 5b). The page says which
        period it judges.
    stale_days : int, default 60
        An unanswered trigger older than this is a stale loop: listed apart, never an open loop.
    theme : str, Theme or plotly template, default "default"
        ``"default"`` or ``"workshop"`` (pseudonymised people), or any plotly template name.
    title : str, optional
        Page title; default "Networking report: <seeker>".
    inputs : iterable of path-like, optional
        Paths the data was loaded from: the report refuses to overwrite one of them.
    progress : callable, optional
        Called with a short step name ("next actions", "scorecard", "channel mix"...,
        "rendering") before each step (the command line shows it); by default a transient
        line in a terminal or notebook (:func:`netlytics.progress.steps`).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ParameterError
        For a path that is not ``.html``/``.htm``, or an unknown theme.
    OutputError
        When ``path`` is one of the inputs or cannot be written.

    See Also
    --------
    netlytics.report.write_cohort_report : the coach's page for a cohort.
    netlytics.report.export_charts : every chart as its own file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ix = pd.DataFrame({
    ...     "seeker": "Ana", "interaction_id": [str(i) for i in range(6)],
    ...     "contact_id": ["ben", "cy", "dee", "eve", "fay", "ben"],
    ...     "at": pd.date_range("2025-03-03", periods=6, freq="D", tz="UTC"),
    ...     "channel": "email", "direction": "outbound", "kind": "message"})
    >>> out = write_report(NetworkData(interactions=ix), pathlib.Path(tempfile.mkdtemp()) / "r.html")
    >>> text = out.read_text(encoding="utf-8")
    >>> 'id="follow-up"' in text, 'data-status="mistake"' in text
    (True, True)
    """
    path = check_html_path(path, "report")
    text = build_report(data, Settings(as_of, since, stale_days, theme, title), progress=progress)
    return write_html(path, text, inputs)
