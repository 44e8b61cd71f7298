"""The career coach's report: one self-contained, offline HTML page for a cohort of clients.

Sections of :func:`write_cohort_report`:

- "Who needs attention": clients ordered by :func:`netlytics.figures.attention` (most
  mistakes, then watches, then how far past a threshold), statuses as coloured badges;
- "Nudges": each client's top three next actions as a short e-mail-ready text;
- "Weekly activity": small multiples of outbound touches per week, one panel per client;
- "Where each client stands": distribution strips of the summary metrics, the client who needs
  attention most highlighted;
- "Cohort trend": the cohort median and interquartile band of each summary metric, week by week;
- "Client scorecards": each client's four statuses with the key number and advice;
- data-coverage notes and a summary of the load's problems.

Page building, escaping and safety are those of :mod:`netlytics.report.html`. With the workshop
theme the whole cohort is pseudonymised first (:func:`netlytics.report.html.shown_data`), so no
client or contact name, e-mail, file name or problem value reaches the page.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.touches import sharing_touches
from netlytics.report.html import (
    Page,
    _esc,
    check_theme,
    coverage_notes,
    footer_html,
    html_table,
    plotly_text,
    problems_section,
    shown_data,
    verdict,
)

__all__ = ["trend_table", "write_cohort_report"]

PathLike = str | os.PathLike


def trend_table(data: NetworkData, *, as_of, weeks: int = 8) -> pd.DataFrame:
    """``summary(data, as_of=w)`` stacked for ``weeks`` weekly dates ending at ``as_of``.

    The dates are ``as_of - 7 * k`` days for ``k = weeks - 1 ... 0`` (same time of day), so the
    last row set equals ``summary(data, as_of=as_of)``. A client with no record yet at a date
    has no row at that date (Ben below, whose first record is on 10 March).

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": ["Ana", "Ben"], "interaction_id": ["1", "2"],
    ...     "contact_id": ["cy", "dee"], "at": pd.to_datetime(["2025-03-03", "2025-03-10"], utc=True),
    ...     "channel": "email", "direction": "outbound", "kind": "message"})
    >>> t = trend_table(NetworkData(interactions=ix), as_of=pd.Timestamp("2025-03-10", tz="UTC"), weeks=2)
    >>> t[["seeker", "as_of", "touches"]]
      seeker                     as_of  touches
    0    Ana 2025-03-03 00:00:00+00:00        1
    1    Ana 2025-03-10 00:00:00+00:00        1
    2    Ben 2025-03-10 00:00:00+00:00        1
    """
    from netlytics.metrics.summary import summary

    if int(weeks) < 1:
        raise ParameterError(f"weeks must be at least 1; got {weeks!r}.")
    as_of = pd.Timestamp(as_of)
    dates = [as_of - pd.Timedelta(days=7 * k) for k in range(int(weeks) - 1, -1, -1)]
    return pd.concat([summary(data, as_of=w) for w in dates], ignore_index=True)


@sharing_touches
def build_cohort_report(
    data: NetworkData,
    *,
    as_of=None,
    theme="default",
    title: str | None = None,
    trend_weeks: int = 8,
    progress: Callable[[str], object] | None = None,
) -> str:
    """The cohort report's HTML text (what :func:`write_cohort_report` writes)."""
    import netlytics.figures as F
    from netlytics.figures._common import resolve_names
    from netlytics.figures.theme import get_theme
    from netlytics.metrics._common import as_data, resolve_as_of
    from netlytics.metrics.cadence import cadence
    from netlytics.metrics.scorecard import DEFAULT_THRESHOLDS, measures, score_rows, until
    from netlytics.metrics.summary import summary

    def step(text: str) -> None:
        if progress is not None:
            progress(text)

    data = as_data(data)
    check_theme(theme)
    th = get_theme(theme)
    data = shown_data(data, theme=theme)  # workshop: clients and contacts pseudonymised everywhere
    as_of = resolve_as_of(data, as_of)
    seekers = data.seekers
    d = until(data, as_of)
    step("summary")
    summ = summary(data, as_of=as_of)
    wide, _ = measures(data, as_of)
    card = score_rows(wide, DEFAULT_THRESHOLDS)
    # client display names: real names for the coach, pseudonyms with the workshop theme
    shown = resolve_names(
        pd.Series(seekers, dtype="str"), names=None, theme=th, prefix="Client", id_column="seeker"
    )
    display = dict(zip(seekers, shown.tolist(), strict=True)) if seekers else {}
    fig_names = {s: plotly_text(n) for s, n in display.items()}

    when = as_of.strftime("%A %d %B %Y") if as_of is not None else "no data"
    title = title or f"Cohort report: {len(seekers)} client(s)"
    subtitle = (
        f"As of {_esc(when)} · {len(seekers)} clients · {len(d.interactions):,} interactions · "
        f"{len(d.applications):,} applications · {len(data.problems):,} load problem(s)"
    )
    page = Page(title=title, subtitle=subtitle, footer=footer_html(as_of))

    # who needs attention
    att = F.attention(summ) if len(summ) else summ.assign(mistakes=pd.Series(dtype="int64"))
    order = att["seeker"].tolist()
    from netlytics.figures.theme import display_label

    table = att.assign(
        client=att["seeker"].map(display),
        worst_rule=att["worst_rule"].map(lambda r: display_label(r) if isinstance(r, str) else r)
        if "worst_rule" in att.columns
        else None,
    )
    status_cols = [f"{m}_status" for m in schema.MISTAKES]
    body = html_table(
        table,
        columns={
            "client": "Client",
            "mistakes": "Mistakes",
            "watches": "Watch",
            **{c: c.removesuffix("_status").replace("_", "-").capitalize() for c in status_cols},
            "worst_rule": "Furthest past a threshold",
        },
        status_columns=status_cols,
        max_rows=500,
        caption="Order: most mistakes, then most watches, then how far the worst value is past its threshold.",
    )
    page.section("attention", "Who needs attention", body)

    # nudges name people: with the workshop theme they name the pseudonyms of shown_data
    step("nudges")
    from netlytics.plan import next_actions, nudges

    acts = next_actions(data, as_of=as_of)
    top = nudges(acts, per_seeker=3)
    texts = dict(zip(top["seeker"], top["text"], strict=True))
    parts = ['<p class="muted">Each client\'s top three next actions, ready to paste into an e-mail.</p>']
    for s in order:
        text = texts.get(s, f"Hi {s}, nothing is due from your records this week: keep your weekly rhythm.")
        parts.append(
            f'<h3>{_esc(display[s])}</h3><div class="nudge" data-client="{_esc(s)}">{_esc(text)}</div>'
        )
    page.section("nudges", "Nudges", "".join(parts))

    # small multiples
    step("weekly activity")
    body = page.figure(
        F.plot_small_multiples(cadence(d, as_of=as_of), names=fig_names, max_seekers=48, template=theme),
        tall=True,
    )
    page.section("weekly", "Weekly activity", body)

    # strips
    step("distribution")
    top = order[0] if order else None
    body = ""
    if top is not None:
        body += (
            f"<p>Each dot is a client; <strong>{_esc(display[top])}</strong>, who needs attention most, "
            "is highlighted. Dashed lines mark the mistake thresholds.</p>"
        )
    body += page.figure(F.plot_strips(summ, highlight=top, names=fig_names, template=theme), tall=True)
    page.section("strips", "Where each client stands", body)

    # trend
    step("trend")
    trend = trend_table(data, as_of=as_of, weeks=trend_weeks) if as_of is not None else summ
    body = page.figure(F.plot_cohort_trend(trend, template=theme), tall=True)
    page.section("trend", f"Cohort trend (last {int(trend_weeks)} weeks)", body)

    # per-client scorecards
    step("scorecards")
    parts = []
    for s in order:
        rows = card[card["seeker"] == s]
        parts.append(f'<h3 data-client="{_esc(s)}">{_esc(display[s])}</h3>')
        parts.extend(verdict(r) for r in rows.to_dict("records"))
    page.section("scorecards", "Client scorecards", "".join(parts))

    # coverage and problems
    notes = coverage_notes(data, wide, card)
    body = (
        '<ul class="notes">' + "".join(f"<li>{_esc(n)}</li>" for n in notes) + "</ul>"
        if notes
        else '<p class="muted">No coverage notes.</p>'
    )
    page.section("coverage", "What the data covers", body)
    page.section("problems", "Load problems", problems_section(data))
    step("rendering")
    return page.render()


def write_cohort_report(
    data: NetworkData,
    path: PathLike,
    *,
    as_of=None,
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
        Called with a short step name before each step.

    Returns
    -------
    pathlib.Path
        ``path``.

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
    from netlytics.export import atomic_write

    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ParameterError(
            f"The cohort report is an HTML file; got {str(path)!r} (suffix {path.suffix!r}); expected a .html or .htm file.",
            hint="Give a path ending in .html, e.g. cohort.html.",
        )
    text = build_cohort_report(
        data, as_of=as_of, theme=theme, title=title, trend_weeks=trend_weeks, progress=progress
    )
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs=inputs)
