"""The career coach's report: one self-contained, offline HTML page for a cohort of clients.

Sections of :func:`write_cohort_report`:

- "Who needs attention": clients ordered by :func:`netlytics.figures.attention` (most
  mistakes, then watches, then how far past a threshold), statuses as coloured badges;
- "Nudges": each client's top three next actions as a short e-mail-ready text;
- "Where each client stands": every cohort figure of the registry
  (:func:`netlytics.figures.registry.specs` ``("cohort")``: distribution strips with the client
  who needs attention most highlighted, weekly activity as small multiples, the cohort week by
  week, give shares), each with its "how to read this" caption;
- "Client scorecards": each client's four statuses with the key number, what it rests on and
  the advice;
- data-coverage notes and a summary of the load's problems.

The page says which period it judges (the last 12 months by default). Page building, escaping
and safety are those of :mod:`netlytics.report.page`. With the workshop
theme the whole cohort is pseudonymised first (:func:`netlytics.report.html.shown_data`), so no
client or contact name, e-mail, file name or problem value reaches the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.figures import registry
from netlytics.figures.registry import trend_table as _trend
from netlytics.metrics.measures import Measures
from netlytics.report.compose import (
    PathLike,
    Settings,
    check_html_path,
    open_page,
    prepare,
    render_sections,
    write_html,
)
from netlytics.report.content import coverage_notes, follow_up_counts, problem_blocks, shown_card, verdict
from netlytics.report.page import Page, block, plotly_text
from netlytics.report.tables import table_view

__all__ = ["trend_table", "write_cohort_report"]


def trend_table(data: NetworkData, *, as_of, weeks: int = 8) -> pd.DataFrame:
    """``summary(data, as_of=w)`` stacked for ``weeks`` weekly dates ending at ``as_of``.

    Parameters
    ----------
    data : NetworkData
        The cohort.
    as_of : timestamp-like
        The last date.
    weeks : int, default 8
        Number of weekly dates.

    Returns
    -------
    DataFrame
        The summaries, with their ``as_of``: every client at every date (Ben below, whose first
        record is on 10 March, has no touch on 3 March).

    Raises
    ------
    ParameterError
        When ``weeks`` is below 1.

    See Also
    --------
    netlytics.figures.registry.trend_table : the same from the shared measures.

    Examples
    --------
    >>> ix = pd.DataFrame({"seeker": ["Ana", "Ben"], "interaction_id": ["1", "2"],
    ...     "contact_id": ["cy", "dee"], "at": pd.to_datetime(["2025-03-03", "2025-03-10"], utc=True),
    ...     "channel": "email", "direction": "outbound", "kind": "message"})
    >>> t = trend_table(NetworkData(interactions=ix), as_of=pd.Timestamp("2025-03-10", tz="UTC"), weeks=2)
    >>> t[["seeker", "as_of", "touches"]]
      seeker                     as_of  touches
    0    Ana 2025-03-03 00:00:00+00:00        1
    1    Ben 2025-03-03 00:00:00+00:00        0
    2    Ana 2025-03-10 00:00:00+00:00        1
    3    Ben 2025-03-10 00:00:00+00:00        1
    """
    from types import SimpleNamespace

    return _trend(SimpleNamespace(data=data, as_of=pd.Timestamp(as_of), summary=None), weeks=weeks)


@dataclass
class _Cohort:
    """What every section of the cohort report needs."""

    data: NetworkData
    m: Measures
    page: Page
    theme: object
    card: pd.DataFrame
    display: dict[str, str]
    order: list[str]
    trend_weeks: int


def _attention(c: _Cohort) -> list[dict]:
    from netlytics.figures import attention
    from netlytics.figures.theme import display_label

    summ = c.m.summary
    att = attention(summ) if len(summ) else summ.assign(mistakes=pd.Series(dtype="int64"))
    table = att.assign(
        client=att["seeker"].map(c.display),
        worst_rule=att["worst_rule"].map(lambda r: display_label(r) if isinstance(r, str) else r)
        if "worst_rule" in att.columns
        else None,
    )
    status_cols = [f"{m}_status" for m in schema.MISTAKES]
    columns = {
        "client": "Client",
        "mistakes": "Mistakes",
        "watches": "Watch",
        **{col: col.removesuffix("_status").replace("_", "-").capitalize() for col in status_cols},
        "worst_rule": "Furthest past a threshold",
    }
    caption = (
        "Order: most mistakes, then most watches (close to a threshold, or a loop open), then how far "
        "the worst value is past its mistake threshold."
    )
    view = table_view(table, columns=columns, status_columns=status_cols, max_rows=500, caption=caption)
    return [block("table", table=view)]


def _nudges(c: _Cohort) -> list[dict]:
    from netlytics.plan import next_actions, nudges

    top = nudges(next_actions(c.data, measures=c.m), per_seeker=3)
    texts = dict(zip(top["seeker"], top["text"], strict=True))
    out = [
        block(
            "p",
            text="Each client's top three next actions, ready to paste into an e-mail.",
            css_class="muted",
        )
    ]
    for s in c.order:
        text = texts.get(s, f"Hi {s}, nothing is due from your records this week: keep your weekly rhythm.")
        out += [block("h3", text=c.display[s]), block("nudge", client=s, text=text)]
    return out


#: Anchors of the cohort figures' sections (default: the figure's name).
_ANCHORS = {"small_multiples": "weekly", "cohort_trend": "trend"}


def _view(c: _Cohort, spec) -> list[dict]:
    """One cohort figure of the registry, the client who needs attention most highlighted."""
    names = {s: plotly_text(n) for s, n in c.display.items()}
    top = c.order[0] if c.order else None
    options = {}
    out = []
    if spec.name in ("strips", "give_share"):
        options["highlight"] = top
        if top is not None:
            out.append(block("p", strong=c.display[top], text="needs attention most and is highlighted."))
    if spec.name == "small_multiples":
        options["max_seekers"] = 48
    if spec.name == "cohort_trend":
        options["table"] = _trend(c.m, weeks=c.trend_weeks)
    fig = registry.draw(spec, c.m, template=c.theme, names=names if spec.names else None, **options)
    out.append(c.page.figure(fig, name=spec.name, caption=spec.caption, title=spec.title, tall=spec.tall))
    return out


def _scorecards(c: _Cohort) -> list[dict]:
    out = []
    for s in c.order:
        out.append(block("h3", text=c.display[s], attrs={"data-client": s}))
        rows = c.card[c.card["seeker"] == s]
        out += [block("verdict", verdict=verdict(r)) for r in rows.to_dict("records")]
    return out


def _coverage(c: _Cohort) -> list[dict]:
    notes = coverage_notes(c.data, c.m)
    return [
        block("notes", lines=notes) if notes else block("p", text="No coverage notes.", css_class="muted")
    ]


def _sections(trend_weeks: int) -> list[tuple[str, str, Callable[[_Cohort], list[dict]], str]]:
    """The cohort report: (anchor, heading, blocks, CSS class), in page order; one section per
    cohort figure."""
    views = [
        (
            _ANCHORS.get(spec.name, spec.name),
            f"{spec.title} (last {trend_weeks} weeks)" if spec.name == "cohort_trend" else spec.title,
            lambda c, spec=spec: _view(c, spec),
            "",
        )
        for spec in registry.specs("cohort")
        if spec.name != "attention"  # the attention table says the same, with badges
    ]
    return [
        ("attention", "Who needs attention", _attention, ""),
        ("nudges", "Nudges", _nudges, ""),
        *views,
        ("scorecards", "Client scorecards", _scorecards, ""),
        ("coverage", "What the data covers", _coverage, ""),
        ("problems", "Load problems", lambda c: problem_blocks(c.data), ""),
    ]


def build_cohort_report(
    data: NetworkData,
    settings: Settings | None = None,
    *,
    trend_weeks: int = 8,
    progress: Callable[[str], object] | None = None,
) -> str:
    """The cohort report's HTML text (what :func:`write_cohort_report` writes)."""
    from netlytics.figures import attention
    from netlytics.figures._common import resolve_names

    p = prepare(data, settings or Settings())
    data, m = p.data, p.m
    seekers = data.seekers
    # client display names: real names for the coach, pseudonyms with the workshop theme
    shown = resolve_names(
        pd.Series(seekers, dtype="str"), names=None, theme=p.theme, prefix="Client", id_column="seeker"
    )
    display = dict(zip(seekers, shown.tolist(), strict=True)) if seekers else {}
    order = attention(m.summary)["seeker"].tolist() if len(m.summary) else []
    order += [s for s in seekers if s not in order]
    facts = [
        f"{len(seekers)} clients",
        f"{len(data.interactions):,} interactions",
        f"{len(data.applications):,} applications",
        f"{len(data.problems):,} load problem(s)",
    ]
    title = (settings.title if settings else None) or f"Cohort report: {len(seekers)} client(s)"
    page = open_page(m, title, facts)
    card = shown_card(m.scorecard, follow_up_counts(m.follow_up))
    c = _Cohort(data, m, page, p.theme, card, display, order, int(trend_weeks))
    return render_sections(page, _sections(int(trend_weeks)), c, progress, lambda key: key.replace("_", " "))


def write_cohort_report(
    data: NetworkData,
    path: PathLike,
    *,
    as_of=None,
    since=None,
    stale_days: int = 60,
    theme="default",
    title: str | None = None,
    trend_weeks: int = 8,
    inputs: Iterable[PathLike] | None = None,
    progress: Callable[[str], object] | None = None,
) -> Path:
    """Write the coach's cohort report: one self-contained, offline HTML file.

    Parameters
    ----------
    data
        A cohort from :func:`netlytics.load_cohort` (one seeker per client).
    path
        The ``.html`` file to write (atomically; its folder must exist).
    as_of
        Date the report looks from (one for the whole cohort); default: the latest timestamp in
        the data.
    since
        Start of the scoring period: None (default) the last 12 months, ``"all"`` all history
        (docs/spec/METRICS.md 5b).
    stale_days
        An unanswered trigger older than this is a stale loop, not an open loop.
    theme
        ``"default"`` (clients by name) or ``"workshop"`` (clients as "Client 01"...), or any
        plotly template name.
    title
        Page title; default "Cohort report: N client(s)".
    trend_weeks
        Weekly summaries shown in the trend (each is a :func:`netlytics.summary` call).
    inputs
        Paths the data was loaded from: the report refuses to overwrite one of them.
    progress
        Called with a short step name before each step; by default a transient line in a
        terminal or notebook (:func:`netlytics.progress.steps`).

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
    netlytics.report.write_report : the page of one job seeker.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": ["Ana", "Ben"] * 3, "interaction_id": [str(i) for i in range(6)],
    ...     "contact_id": ["cy", "dee"] * 3, "at": pd.date_range("2025-03-03", periods=6, freq="D", tz="UTC"),
    ...     "channel": "email", "direction": "outbound", "kind": "message"})
    >>> out = write_cohort_report(NetworkData(interactions=ix), pathlib.Path(tempfile.mkdtemp()) / "c.html",
    ...                           trend_weeks=2)
    >>> text = out.read_text(encoding="utf-8")
    >>> 'id="attention"' in text, text.count('<h3 data-client="')
    (True, 2)
    """
    path = check_html_path(path, "cohort report", "cohort.html")
    settings = Settings(as_of, since, stale_days, theme, title)
    text = build_cohort_report(data, settings, trend_weeks=trend_weeks, progress=progress)
    return write_html(path, text, inputs)
