"""The job seeker's report: one self-contained, offline HTML page.

:func:`write_report` computes the scorecard and the metrics behind it and writes one HTML file:

- a "This week" list of next actions (when :mod:`netlytics.plan` is installed);
- the scorecard at a glance;
- a section per networking mistake: figure(s), key numbers and the scorecard's advice;
- results (interview and offer rates by route);
- data-coverage notes and a summary of the load's problems.

Building blocks shared with the cohort report (:mod:`netlytics.report.cohort`) live here too:
:class:`Page` (collects sections and figures and renders the page), :func:`html_table`,
:func:`figure_json` and :func:`plotly_text`.

Safety
------
The page embeds plotly.js once (``plotly.offline.get_plotlyjs()``) and each figure as JSON in a
``<script type="application/json">`` element, drawn by one small script with
``Plotly.newPlot``: no CDN, no web font, no network request. A Content-Security-Policy
``<meta>`` allows only the page's own scripts (by SHA-256 hash) and no connection at all.
Every user-controlled string (names, companies, notes, problem values) is HTML-escaped; in the
figure JSON ``</`` is written ``<\\/`` so no value can close the script element; labels that
plotly would read as markup (``<b>``...) are entity-escaped so they show as typed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.touches import sharing_touches

__all__ = [
    "MISTAKE_SECTIONS",
    "Page",
    "figure_json",
    "html_table",
    "plotly_text",
    "plotly_safe",
    "shown_data",
    "write_report",
]

PathLike = str | os.PathLike

#: Per mistake: the section heading and the summary columns shown as key numbers.
MISTAKE_SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "channel": (
        "Mistake 1: mostly e-mail instead of in person",
        ("touches", "written_share", "live_share", "in_person_share"),
    ),
    "priority": (
        "Mistake 2: not a priority, or applying before networking",
        ("active_week_share", "touches_per_week", "longest_gap_days", "applications", "networked_share"),
    ),
    "giving": ("Mistake 3: not giving back", ("give_share", "take_only_contacts")),
    "follow_up": (
        "Mistake 4: not following up, not saying thank you",
        (
            "thank_you_n",
            "thank_you_on_time_share",
            "reply_n",
            "reply_on_time_share",
            "lead_n",
            "lead_on_time_share",
        ),
    ),
}

#: Display names of key numbers (summary columns).
KEY_LABELS: dict[str, str] = {
    "touches": "Touches",
    "written_share": "Written share",
    "live_share": "Live share",
    "in_person_share": "In person share",
    "active_week_share": "Active weeks (last 8)",
    "touches_per_week": "Outbound touches / week",
    "longest_gap_days": "Longest gap (days)",
    "applications": "Applications",
    "networked_share": "Networked before applying",
    "give_share": "Give share",
    "take_only_contacts": "Take-only contacts",
    "on_time_share": "On time (all triggers)",
    "thank_you_n": "Thank-you triggers",
    "thank_you_on_time_share": "Thank-yous on time",
    "reply_n": "Reply triggers",
    "reply_on_time_share": "Replies on time",
    "lead_n": "Lead triggers",
    "lead_on_time_share": "Leads acted on in time",
    "weak_tie_share": "Touches to weak/medium ties",
}

#: At most this many rows in any HTML table (the rest is counted in a caption).
MAX_TABLE_ROWS = 50


# --- escaping ----------------------------------------------------------------------------------


def _esc(value) -> str:
    """HTML text of a cell: nulls as empty text, everything else escaped."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def plotly_text(value: str) -> str:
    """Text plotly shows as typed: ``&``, ``<`` and ``>`` as entities (plotly reads tags in labels).

    Examples
    --------
    >>> plotly_text("<b>Ana</b> & co")
    '&lt;b&gt;Ana&lt;/b&gt; &amp; co'
    """
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_safe(table: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A copy of ``table`` whose text ``columns`` are entity-escaped for plotly labels.

    Only columns present are touched; nulls stay null.

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


def figure_json(fig) -> str:
    """A figure as JSON that is safe inside a ``<script>`` element.

    ``</`` becomes ``<\\/`` and ``<!--`` becomes ``\\u003c!--`` (both still valid JSON for the
    same strings), so no label can end the script element or open an HTML comment.

    Examples
    --------
    >>> import json
    >>> import plotly.graph_objects as go
    >>> text = figure_json(go.Figure(layout={"title": {"text": "</script><b>x</b>"}}))
    >>> "</" in text, json.loads(text)["layout"]["title"]["text"]
    (False, '</script><b>x</b>')
    """
    text = fig.to_json(validate=False)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


# --- tables ------------------------------------------------------------------------------------


def _format_cell(column: str, value) -> tuple[str, bool]:
    """(text, numeric) of one cell: shares as %, floats to 1 decimal, timestamps as dates."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "", False
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime(
            "%Y-%m-%d"
        ), False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int) or (
        hasattr(value, "dtype")
        and getattr(value, "dtype", None) is not None
        and pd.api.types.is_integer_dtype(value.dtype)
    ):
        return f"{int(value):,}", True
    if isinstance(value, float) or pd.api.types.is_float(value):
        if str(column).endswith("share") or str(column).endswith("_rate"):
            return f"{float(value):.0%}", True
        return (
            f"{float(value):,.0f}" if float(value) == round(float(value)) else f"{float(value):,.1f}"
        ), True
    return str(value), False


def html_table(
    table: pd.DataFrame,
    *,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    max_rows: int = MAX_TABLE_ROWS,
    caption: str | None = None,
    css_class: str = "data",
    status_columns: Iterable[str] = (),
) -> str:
    """An HTML ``<table>`` of ``table``: every cell escaped, at most ``max_rows`` rows.

    Parameters
    ----------
    table
        Any DataFrame.
    columns
        Columns to show: a mapping column -> header text, or a list (headers from the names);
        default all. Missing columns are skipped.
    max_rows
        Rows shown; the caption counts the rest ("and 12 more rows").
    caption
        Text under the table (escaped).
    status_columns
        Columns whose values are statuses (ok, watch, mistake, not_measured): shown as coloured
        badges.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["<b>Ana</b>"], "give_share": [0.25]})
    >>> print(html_table(t))
    <table class="data"><thead><tr><th>Name</th><th class="num">Give share</th></tr></thead><tbody><tr><td>&lt;b&gt;Ana&lt;/b&gt;</td><td class="num">25%</td></tr></tbody></table>
    """
    if columns is None:
        columns = {c: KEY_LABELS.get(str(c), str(c).replace("_", " ").capitalize()) for c in table.columns}
    elif not isinstance(columns, Mapping):
        columns = {c: KEY_LABELS.get(str(c), str(c).replace("_", " ").capitalize()) for c in columns}
    columns = {c: h for c, h in columns.items() if c in table.columns}
    statuses = set(status_columns)
    shown = table.head(max_rows)
    numeric = {
        c: pd.api.types.is_numeric_dtype(table[c].dtype) and not pd.api.types.is_bool_dtype(table[c].dtype)
        for c in columns
    }
    head = "".join(
        f'<th class="num">{_esc(h)}</th>' if numeric[c] else f"<th>{_esc(h)}</th>" for c, h in columns.items()
    )
    body = []
    cols = {c: shown[c].tolist() for c in columns}
    for i in range(len(shown)):  # display rows only (capped), never the interaction table
        cells = []
        for c in columns:
            value = cols[c][i]
            if c in statuses and isinstance(value, str):
                cells.append(
                    f'<td><span class="status {_esc(value)}">{_esc(value.replace("_", " "))}</span></td>'
                )
                continue
            text, _ = _format_cell(c, value)
            cls = ' class="num"' if numeric[c] else ""
            cells.append(f"<td{cls}>{_esc(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = []
    if len(table) > max_rows:
        notes.append(f"Showing {max_rows} of {len(table):,} rows (and {len(table) - max_rows:,} more).")
    if caption:
        notes.append(caption)
    cap = f"<caption>{_esc(' '.join(notes))}</caption>" if notes else ""
    return (
        f'<table class="{_esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


# --- the page ----------------------------------------------------------------------------------

_BOOT_JS = """(function () {
  var nodes = document.querySelectorAll('script[type="application/json"][data-figure]');
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    var div = document.getElementById(node.getAttribute('data-figure'));
    var spec = JSON.parse(node.textContent);
    Plotly.newPlot(div, spec.data || [], spec.layout || {},
                   {responsive: true, displaylogo: false, showLink: false, showSendToCloud: false});
  }
})();"""


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _css() -> str:
    return resources.files("netlytics.report").joinpath("templates/report.css").read_text(encoding="utf-8")


@dataclass
class Page:
    """An HTML page under construction: sections of trusted HTML plus figures.

    Add HTML with :meth:`add` (the caller escapes user text, e.g. with :func:`html_table`) and
    figures with :meth:`figure` (returns the placeholder ``<div>``); :meth:`render` returns the
    page with plotly.js embedded once (only when there is a figure).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> page = Page(title="Demo <1>")
    >>> page.section("intro", "Intro", "<p>Hello</p>" + page.figure(go.Figure()))
    >>> text = page.render()
    >>> text.count("Plotly.newPlot"), "Demo &lt;1&gt;" in text
    (1, True)
    """

    title: str
    subtitle: str = ""
    sections: list[tuple[str, str, str, str]] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)
    footer: str = ""
    #: load plotly.js from this relative file instead of embedding it (HTML chart export)
    plotly_src: str | None = None
    #: no header, table of contents or section headings (a page holding one chart)
    bare: bool = False

    def figure(self, fig, *, tall: bool = False) -> str:
        """Register a figure; return its placeholder ``<div>`` to place in a section."""
        fig_id = f"nl-fig-{len(self.figures) + 1}"
        self.figures.append((fig_id, figure_json(fig)))
        cls = "figure tall" if tall else "figure"
        return f'<div class="{cls}" id="{fig_id}" role="img"></div>'

    def section(self, key: str, heading: str, body: str, *, css_class: str = "") -> None:
        """Add a section (``heading`` is escaped; ``body`` is trusted HTML)."""
        self.sections.append((key, heading, body, css_class))

    def render(self) -> str:
        """The complete HTML document."""
        toc = "".join(f'<a href="#{_esc(k)}">{_esc(h)}</a>' for k, h, _, _ in self.sections)
        body = "".join(
            f'<section id="{_esc(k)}" class="{_esc(c)}">{"" if self.bare else f"<h2>{_esc(h)}</h2>"}{b}</section>'
            for k, h, b, c in self.sections
        )
        data = "".join(
            f'<script type="application/json" data-figure="{fid}">{payload}</script>'
            for fid, payload in self.figures
        )
        scripts = ""
        hashes = []
        if self.figures and self.plotly_src:
            hashes = ["'self'", _csp_hash(_BOOT_JS)]
            scripts = f'<script src="{_esc(self.plotly_src)}"></script><script>{_BOOT_JS}</script>'
        elif self.figures:
            import plotly.offline

            plotly_js = plotly.offline.get_plotlyjs().replace("</script", "<\\/script")
            hashes = [_csp_hash(plotly_js), _csp_hash(_BOOT_JS)]
            scripts = f"<script>{plotly_js}</script><script>{_BOOT_JS}</script>"
        csp = (
            "default-src 'none'; "
            f"script-src {' '.join(hashes) if hashes else chr(39) + 'none' + chr(39)}; "
            "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
            "connect-src 'none'; form-action 'none'; base-uri 'none'"
        )
        sub = f"<p>{self.subtitle}</p>" if self.subtitle else ""
        header = (
            ""
            if self.bare
            else f'<header class="page"><h1>{_esc(self.title)}</h1>{sub}<nav class="toc">{toc}</nav></header>'
        )
        footer = "" if self.bare else f'<footer class="page">{self.footer}</footer>'

        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="generator" content="netlytics">'
            f"<title>{_esc(self.title)}</title><style>{_css()}</style></head><body>"
            f"{header}<main>{body}</main>{footer}"
            f"{data}{scripts}</body></html>\n"
        )


# --- shared report pieces ----------------------------------------------------------------------


def _fmt_key(column: str, value) -> str:
    from netlytics.figures.scorecard import format_value

    if column.endswith("share"):
        return format_value(column, value)
    if value is None or pd.isna(value):
        return "–"
    value = float(value)
    return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"


def key_numbers(row: Mapping, columns: Iterable[str]) -> str:
    """A ``<dl class="keys">`` of summary numbers, each with ``data-metric`` and ``data-value``."""
    items = []
    for col in columns:
        if col not in row:
            continue
        value = row[col]
        raw = "" if value is None or pd.isna(value) else repr(float(value))
        items.append(
            f'<div data-metric="{_esc(col)}" data-value="{_esc(raw)}">'
            f"<dt>{_esc(KEY_LABELS.get(col, col))}</dt><dd>{_esc(_fmt_key(col, value))}</dd></div>"
        )
    return f'<dl class="keys">{"".join(items)}</dl>'


def verdict(card_row: Mapping, *, who: str | None = None) -> str:
    """The scorecard's status, key number and advice for one seeker and mistake."""
    status = str(card_row["status"])
    raw = "" if pd.isna(card_row["value"]) else repr(float(card_row["value"]))
    prefix = f"<strong>{_esc(who)}</strong>: " if who else ""
    return (
        f'<div class="advice {_esc(status)}" data-role="scorecard" data-mistake="{_esc(card_row["mistake"])}" '
        f'data-metric="{_esc(card_row["metric"])}" data-value="{_esc(raw)}" data-status="{_esc(status)}" '
        f'data-evidence="{int(card_row["evidence"])}">'
        f'{prefix}<span class="status {_esc(status)}">{_esc(status.replace("_", " "))}</span> '
        f"{_esc(KEY_LABELS.get(str(card_row['metric']), str(card_row['metric'])))}: "
        f"<strong>{_esc(_fmt_key(str(card_row['metric']), card_row['value']))}</strong> "
        f'<span class="muted">(based on {int(card_row["evidence"]):,} '
        f"{'triggers' if card_row['mistake'] == 'follow_up' else 'touches'})</span>"
        f"<br>{_esc(card_row['advice'])}</div>"
    )


def this_week_html(data: NetworkData, *, as_of, limit: int) -> str:
    """The "This week" list: the best ``limit`` actions of each type (:mod:`netlytics.plan`)."""
    from netlytics.plan import actions_html, next_actions

    return actions_html(next_actions(data, as_of=as_of, limit=limit))


def coverage_notes(data: NetworkData, wide: pd.DataFrame, card: pd.DataFrame) -> list[str]:
    """Plain sentences about what the data can and cannot show (METRICS.md "not measured" cases).

    Derived notes come first (channel mix not measured with only LinkedIn data, no applications,
    no gifts), then the loaders' own ``data.notes``.
    """
    out: list[str] = []
    multi = len(wide) > 1
    for row in wide.to_dict("records"):
        who = f"{row['seeker']}: " if multi else ""
        n = int(row.get("touches", 0) or 0)
        if n and int(row.get("linkedin_touches", 0) or 0) == n:
            out.append(
                f"{who}Channel mix not measured: only LinkedIn data (the export records no meetings, "
                "calls or e-mails); add a tracker to measure it."
            )
        if int(row.get("applications", 0) or 0) == 0:
            out.append(
                f"{who}No applications recorded: networking before applying and the outcomes are not measured."
            )
        if pd.isna(row.get("give_share")):
            out.append(
                f"{who}Giving not measured: no leads, introductions or help given or received are recorded."
            )
        if n < 5:
            out.append(f"{who}Only {n} touches recorded: the scorecard needs at least 5 to judge.")
    notes = data.notes
    if len(notes):
        for rec in notes.to_dict("records"):
            who = f"{rec['seeker']}: " if multi and pd.notna(rec.get("seeker")) else ""
            src = f" ({rec['source']})" if pd.notna(rec.get("source")) and rec.get("source") else ""
            out.append(f"{who}{rec['note']}{src}")
    return out


def problems_section(data: NetworkData) -> str:
    """The load's problems: the total (``len(data.problems)``), by source and reason, first rows."""
    problems = data.problems
    n = len(problems)
    inv = data.inventory()
    parts = [f'<p data-role="problem-count" data-value="{n}">']
    if n == 0:
        parts.append("No problems: every input row was loaded or deliberately excluded.</p>")
    else:
        parts.append(
            f"<strong>{n:,}</strong> input row(s) could not be loaded as they are. "
            "They are left out of every number above; fix them in the source file and load again.</p>"
        )
        by = (
            problems.assign(
                reason=problems["reason"].fillna("(no reason)"), source=problems["source"].fillna("")
            )
            .groupby(["source", "reason"], sort=False, dropna=False)
            .size()
            .rename("rows")
            .reset_index()
            .sort_values(["rows", "source"], ascending=[False, True], kind="stable")
        )
        parts.append("<h3>By file and reason</h3>")
        parts.append(html_table(by, columns={"source": "File", "reason": "Reason", "rows": "Rows"}))
        parts.append("<h3>First problem rows</h3>")
        parts.append(
            html_table(
                problems,
                columns={
                    "source": "File",
                    "source_row": "Row",
                    "column": "Column",
                    "value": "Value",
                    "reason": "Reason",
                },
            )
        )
    if len(data.excluded):
        parts.append(
            f"<p>{len(data.excluded):,} row(s) were deliberately left out (drafts, spam, ghost rows...).</p>"
        )
    if len(inv):
        parts.append("<h3>Files read</h3>")
        parts.append(
            html_table(
                inv,
                columns={
                    "seeker": "Seeker",
                    "source": "File",
                    "table": "Table",
                    "rows_read": "Rows read",
                    "loaded": "Loaded",
                    "excluded": "Excluded",
                    "problems": "Problems",
                },
                max_rows=200,
            )
        )
    return "".join(parts)


def shown_data(data: NetworkData, *, theme) -> NetworkData:
    """The data as a page or chart shows it: pseudonymised when the theme pseudonymises people.

    With a theme that pseudonymises (``"workshop"``), every person is renamed by
    :func:`netlytics.pseudonymize` before anything is computed, so the aliases ("Client 01",
    "Contact 0042") are the same in every figure, table and sentence (the scorecard's advice and
    the next actions name people), and file names, problem values and free text are neutralised
    too. Metrics are unchanged by pseudonymisation. The salt is a SHA-256 digest of all the
    data's seeker and contact ids: the same data always gets the same aliases, and nobody
    without the whole data set can recompute them. Other themes return ``data`` unchanged.

    Examples
    --------
    >>> ix = pd.DataFrame({"seeker": "Ana Li", "interaction_id": ["1"], "contact_id": ["bo@x.org"],
    ...     "at": pd.to_datetime(["2025-03-03"], utc=True), "channel": "email",
    ...     "direction": "outbound", "kind": "message"})
    >>> shown = shown_data(NetworkData(interactions=ix), theme="workshop")
    >>> shown.seekers, shown.interactions["contact_id"].tolist()
    (['Client 01'], ['contact-0001@example.invalid'])
    >>> shown_data(NetworkData(interactions=ix), theme="default").seekers
    ['Ana Li']
    """
    import hashlib

    from netlytics.figures.theme import get_theme

    if not get_theme(theme).pseudonymize:
        return data
    from netlytics.pseudonymize import pseudonymize

    ids = pd.concat(
        [
            pd.Series(data.seekers, dtype="str"),
            data.contacts["contact_id"],
            data.interactions["contact_id"],
            data.applications["contact_id"],
        ],
        ignore_index=True,
    ).dropna()
    digest = hashlib.sha256("\x00".join(sorted(ids.astype("str").unique().tolist())).encode("utf-8"))
    return pseudonymize(data, salt=digest.digest())


def contact_names(data: NetworkData) -> dict[str, str]:
    """``contact_id -> name`` for figures (entity-escaped). Pass :func:`shown_data`'s result."""
    c = data.contacts.loc[data.contacts["name"].notna(), ["contact_id", "name"]].drop_duplicates("contact_id")
    return dict(zip(c["contact_id"].astype("str"), plotly_safe(c, ["name"])["name"], strict=True))


def footer_html(as_of) -> str:
    """The page footer: version, as_of, and the offline promise."""
    from netlytics import __version__

    when = pd.Timestamp(as_of).strftime("%Y-%m-%d %H:%M UTC") if as_of is not None else "no data"
    return (
        f"Made with netlytics {_esc(__version__)}. Numbers as of {_esc(when)}. This file is self-contained "
        "and works offline: nothing in it is sent anywhere."
    )


def check_theme(theme) -> None:
    """Raise ParameterError early for an unknown theme."""
    from netlytics.figures.theme import get_theme

    get_theme(theme)


# --- the seeker's report -----------------------------------------------------------------------


def _step(progress: Callable[[str], object] | None, text: str) -> None:
    if progress is not None:
        progress(text)


@sharing_touches
def build_report(
    data: NetworkData,
    *,
    as_of=None,
    theme="default",
    title: str | None = None,
    actions_limit: int = 2,
    progress: Callable[[str], object] | None = None,
) -> str:
    """The report's HTML text (what :func:`write_report` writes)."""
    import netlytics.figures as F
    from netlytics.metrics._common import as_data, resolve_as_of
    from netlytics.metrics.applying import networked_before_applying
    from netlytics.metrics.cadence import cadence
    from netlytics.metrics.channel import channel_mix
    from netlytics.metrics.km import km_curves
    from netlytics.metrics.outcomes import outcomes
    from netlytics.metrics.reciprocity import reciprocity
    from netlytics.metrics.scorecard import DEFAULT_THRESHOLDS, measures, score_rows, until
    from netlytics.metrics.summary import summary_from_measures
    from netlytics.metrics.touches import touches

    data = as_data(data)
    check_theme(theme)
    data = shown_data(data, theme=theme)  # workshop: pseudonymised everywhere, not only in figures
    as_of = resolve_as_of(data, as_of)
    seekers = data.seekers
    multi = len(seekers) > 1
    _step(progress, "scorecard")
    d = until(data, as_of)
    wide, fu = measures(d, as_of)
    card = score_rows(wide, DEFAULT_THRESHOLDS)
    summ = summary_from_measures(d, wide, fu, as_of=as_of, thresholds=DEFAULT_THRESHOLDS)
    names = contact_names(data)
    if title is None:
        title = "Networking report: " + (
            ", ".join(seekers[:3]) + (" and more" if len(seekers) > 3 else "") if seekers else "no data"
        )
    when = as_of.strftime("%A %d %B %Y") if as_of is not None else "no data"
    subtitle = (
        f"As of {_esc(when)} · {len(d.contacts):,} contacts · {len(d.interactions):,} interactions · "
        f"{len(d.applications):,} applications · {len(data.sources):,} source file(s)"
    )
    page = Page(title=title, subtitle=subtitle, footer=footer_html(as_of))

    # This week: a compact, printable list at the top
    _step(progress, "next actions")
    page.section(
        "this-week",
        "This week",
        this_week_html(data, as_of=as_of, limit=actions_limit),
        css_class="this-week",
    )

    # at a glance
    glance = page.figure(F.plot_scorecard(card, template=theme), tall=multi) if len(card) else ""
    from netlytics.figures.scorecard import format_value

    shown_card = card.assign(
        value=[format_value(m, v) for m, v in zip(card["metric"], card["value"], strict=True)],
        metric=card["metric"].map(lambda m: KEY_LABELS.get(m, m)),
    )
    glance += html_table(
        shown_card,
        columns={
            "seeker": "Seeker",
            "mistake": "Mistake",
            "status": "Status",
            "metric": "Metric",
            "value": "Value",
            "evidence": "Evidence",
            "advice": "Advice",
        }
        if multi
        else {
            "mistake": "Mistake",
            "status": "Status",
            "metric": "Metric",
            "value": "Value",
            "evidence": "Evidence",
            "advice": "Advice",
        },
        status_columns=["status"],
        max_rows=4 * 50,
    )
    page.section("glance", "At a glance", glance)

    def mistake_body(mistake: str) -> str:
        parts = []
        for s in seekers:
            row = card[(card["seeker"] == s) & (card["mistake"] == mistake)]
            srow = summ[summ["seeker"] == s]
            if len(row):
                parts.append(verdict(row.iloc[0], who=s if multi else None))
            if len(srow):
                parts.append(key_numbers(srow.iloc[0], MISTAKE_SECTIONS[mistake][1]))
        return "".join(parts)

    # mistake 1: channel
    _step(progress, "channel mix")
    body = mistake_body("channel")
    body += page.figure(F.plot_channel_mix(channel_mix(d, as_of=as_of), template=theme))
    body += page.figure(F.plot_channel_weekly(channel_mix(d, as_of=as_of, freq="W"), template=theme))
    page.section("channel", MISTAKE_SECTIONS["channel"][0], body)

    # mistake 2: priority
    _step(progress, "cadence")
    body = mistake_body("priority")
    body += page.figure(F.plot_calendar(touches(d), template=theme))
    body += page.figure(F.plot_cadence(cadence(d, as_of=as_of), template=theme))
    apps = plotly_safe(networked_before_applying(d), ["company", "role"])
    body += page.figure(F.plot_applying_timeline(apps, template=theme), tall=True)
    page.section("priority", MISTAKE_SECTIONS["priority"][0], body)

    # mistake 3: giving
    _step(progress, "reciprocity")
    body = mistake_body("giving")
    body += page.figure(F.plot_reciprocity(reciprocity(d), names=names, template=theme), tall=True)
    page.section("giving", MISTAKE_SECTIONS["giving"][0], body)

    # mistake 4: follow-up
    _step(progress, "follow-up")
    body = mistake_body("follow_up")
    # several seekers (a cohort passed to the seeker's report): one pooled curve per trigger; the
    # cohort report compares clients
    body += page.figure(
        F.plot_km(km_curves(fu.assign(seeker="All seekers") if multi else fu), template=theme)
    )
    loops = F.open_loop_rows(fu, names=_raw_names(data))
    body += "<h3>Open loops (unanswered, past due)</h3>"
    body += (
        html_table(
            loops,
            columns={
                **({"seeker": "Seeker"} if multi else {}),
                "who": "Who",
                "trigger": "Owed",
                "trigger_at": "Since",
                "due_at": "Due",
                "days_overdue": "Days overdue",
            },
            max_rows=25,
        )
        if len(loops)
        else '<p class="muted">No open loops: every follow-up past its due time was answered.</p>'
    )
    page.section("follow-up", MISTAKE_SECTIONS["follow_up"][0], body)

    # results
    _step(progress, "outcomes")
    out = outcomes(d)
    body = page.figure(F.plot_outcomes(out, template=theme))
    body += html_table(
        out,
        columns={
            **({"seeker": "Seeker"} if multi else {}),
            "via": "Route",
            "applications": "Applications",
            "interviews": "Interviews",
            "offers": "Offers",
            "interview_rate": "Interview rate",
            "offer_rate": "Offer rate",
        },
    )
    page.section("results", "Results: where interviews come from", body)

    # the network: the strongest ties, coloured by tie class (names escaped for plotly labels)
    _step(progress, "network")
    from netlytics.figures.network import plot_network
    from netlytics.graph.build import build_graph

    safe = d.replace(contacts=plotly_safe(d.contacts, ["name", "company", "position"]))
    graph = build_graph(safe, as_of=as_of)
    body = (
        '<p class="muted">Your strongest ties (tie strength combines how often, how recently and how '
        "richly you are in touch, and whether you both give); moderately weak ties carry most job "
        "moves, so they are worth keeping warm.</p>"
    )
    body += page.figure(plot_network(graph, names=names, template=theme), tall=True)
    page.section("network", "Your network", body)

    # coverage and problems
    notes = coverage_notes(data, wide, card)
    body = (
        '<ul class="notes">' + "".join(f"<li>{_esc(n)}</li>" for n in notes) + "</ul>"
        if notes
        else '<p class="muted">No coverage notes.</p>'
    )
    page.section("coverage", "What the data covers", body)
    page.section("problems", "Load problems", problems_section(data))
    _step(progress, "rendering")
    return page.render()


def _raw_names(data: NetworkData) -> dict[str, str]:
    """``contact_id -> name`` for HTML tables (escaped later by the table). Pass shown data."""
    c = data.contacts.loc[data.contacts["name"].notna(), ["contact_id", "name"]].drop_duplicates("contact_id")
    return dict(zip(c["contact_id"].astype("str"), c["name"].astype("str"), strict=True))


def write_report(
    data: NetworkData,
    path: PathLike,
    *,
    as_of=None,
    theme="default",
    title: str | None = None,
    inputs: Iterable[PathLike] | None = None,
    progress: Callable[[str], object] | None = None,
) -> Path:
    """Write the job seeker's report: one self-contained, offline HTML file.

    Parameters
    ----------
    data
        The loaded :class:`~netlytics.data.NetworkData` (usually one seeker: the LinkedIn export
        and the tracker merged by :func:`netlytics.load`).
    path
        The ``.html`` file to write (atomically; its folder must exist).
    as_of
        Date the report looks from; data after it is left out. Default: the latest timestamp
        in the data.
    theme
        Figure theme: ``"default"`` or ``"workshop"`` (pseudonymised people), or any plotly
        template name.
    title
        Page title; default "Networking report: <seeker>".
    inputs
        Paths the data was loaded from: the report refuses to overwrite one of them.
    progress
        Called with a short step name before each step (the command line shows it).

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    Sections: "This week" (next actions, when :mod:`netlytics.plan` is installed), "At a
    glance" (the scorecard), one section per mistake with the scorecard's status, value,
    evidence and advice, key numbers from :func:`netlytics.summary` and the figures, "Results"
    (outcomes by route), "What the data covers" (derived coverage notes and ``data.notes``) and
    "Load problems" (``len(data.problems)``, by file and reason, and the inventory). Figures
    aggregate (per day, week, contact or application, capped), so the file stays well under
    10 MB (plotly.js itself is about 4.8 MB) whatever the input size.

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
    from netlytics.export import atomic_write

    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ParameterError(
            f"The report is an HTML file; got {str(path)!r} (suffix {path.suffix!r}); expected a .html or .htm file.",
            hint="Give a path ending in .html, e.g. report.html.",
        )
    text = build_report(data, as_of=as_of, theme=theme, title=title, progress=progress)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs=inputs)


def seeker_label(seekers: Sequence[str]) -> str:
    """'Ana', 'Ana, Ben' or 'Ana, Ben, Cy and 4 more'."""
    return ", ".join(seekers[:3]) + (f" and {len(seekers) - 3} more" if len(seekers) > 3 else "")
