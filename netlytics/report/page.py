"""The page: Jinja2 templates with autoescape, the Content-Security-Policy, figures as JSON.

This module knows HTML and nothing about networking: the content layer
(:mod:`netlytics.report.content`) describes sections as plain *blocks* (a paragraph, a table, a
figure with its caption, a scorecard verdict...), and :class:`Page` renders them with the
templates under ``netlytics/report/templates/`` (``page.html`` and the block macros of
``_blocks.html``), in the spirit of skrub's summarize -> plotting -> html split.

Safety
------
- Autoescape is on for every template, so every user-controlled string (names, companies,
  notes, problem values) is HTML-escaped by Jinja2; nothing is escaped by hand. The only
  values marked safe are the figure JSON (made script-safe by :func:`figure_json`), plotly.js,
  the boot script and the plan's own escaped fragment (``markup`` blocks).
- The page embeds plotly.js once and each figure as JSON in a ``<script
  type="application/json">`` element, drawn by one small boot script: no CDN, no web font, no
  network request. A Content-Security-Policy ``<meta>`` allows only those two scripts (by
  SHA-256 hash) and no connection at all.
- Labels that plotly would read as markup (``<b>``...) are entity-escaped before drawing
  (:func:`netlytics.figures._common.plotly_safe`), so they show as typed.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from netlytics.figures._common import plotly_safe, plotly_text

__all__ = [
    "BOOT_JS",
    "Page",
    "block",
    "csp_hash",
    "figure_json",
    "plotly_safe",
    "plotly_text",
]

#: The one script that draws every figure of the page from its JSON element.
BOOT_JS = """(function () {
  var nodes = document.querySelectorAll('script[type="application/json"][data-figure]');
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    var div = document.getElementById(node.getAttribute('data-figure'));
    var spec = JSON.parse(node.textContent);
    Plotly.newPlot(div, spec.data || [], spec.layout || {},
                   {responsive: true, displaylogo: false, showLink: false, showSendToCloud: false});
  }
})();"""


def figure_json(fig) -> str:
    """A figure as JSON that is safe inside a ``<script>`` element.

    ``</`` becomes ``<\\/`` and ``<!--`` becomes ``\\u003c!--`` (both still valid JSON for the
    same strings), so no label can end the script element or open an HTML comment.

    Parameters
    ----------
    fig : Figure
        A plotly figure.

    Returns
    -------
    str
        Its JSON text.

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


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source of an inline script: ``'sha256-<base64>'``.

    Parameters
    ----------
    script : str
        The exact text between ``<script>`` and ``</script>``.

    Returns
    -------
    str
        The quoted hash source.

    Examples
    --------
    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment():
    import jinja2

    loader = jinja2.PackageLoader("netlytics.report", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=False, keep_trailing_newline=True)


@cache
def _css() -> str:
    return resources.files("netlytics.report").joinpath("templates/report.css").read_text(encoding="utf-8")


@cache
def _plotly_js() -> str:
    import plotly.offline

    return plotly.offline.get_plotlyjs().replace("</script", "<\\/script")


def block(kind: str, **fields: Any) -> dict[str, Any]:
    """One block of a section: ``kind`` and its fields, rendered by ``templates/_blocks.html``.

    Kinds: ``p`` (``text``, optional ``strong``, ``css_class``, ``attrs``), ``h3`` (``text``,
    ``attrs``), ``figure`` (added by :meth:`Page.figure`), ``table`` (``table``: a
    :class:`netlytics.report.tables.Table`), ``verdict`` (``verdict``: a mapping), ``keys``
    (``keys``: a list of mappings), ``notes`` (``items``), ``nudge`` (``client``, ``text``) and
    ``markup`` (``markup``: HTML already escaped by its producer).

    Parameters
    ----------
    kind : str
        The block kind.
    **fields
        Its fields; ``attrs`` (a mapping of HTML attributes) becomes a list of pairs.

    Returns
    -------
    dict
        The block.

    Examples
    --------
    >>> block("p", text="Hi", attrs={"data-role": "x"})["attrs"]
    [('data-role', 'x')]
    """
    attrs = fields.pop("attrs", None) or {}
    return {"kind": kind, "attrs": list(dict(attrs).items()), **fields}


@dataclass
class Section:
    """A section of the page: its anchor, heading, blocks and CSS class."""

    key: str
    heading: str
    blocks: list[dict[str, Any]]
    css_class: str = ""


@dataclass
class Page:
    """An HTML page under construction: sections of blocks plus figures.

    Add figures with :meth:`figure` (returns the figure's block, to place in a section) and
    sections with :meth:`section`; :meth:`render` returns the page, with plotly.js embedded once
    (only when there is a figure) or loaded from ``plotly_src``.

    Attributes
    ----------
    title : str
        The page title (``<title>`` and ``<h1>``).
    subtitle : list of str
        Lines under the title.
    footer : str
        The footer text.
    plotly_src : str, optional
        Load plotly.js from this relative file instead of embedding it (HTML chart export).
    bare : bool
        No header, table of contents, section headings or footer (a page holding one chart).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> page = Page(title="Demo <1>")
    >>> page.section("intro", "Intro", [block("p", text="Hello"), page.figure(go.Figure())])
    >>> text = page.render()
    >>> text.count("Plotly.newPlot"), "Demo &lt;1&gt;" in text
    (1, True)
    """

    title: str
    subtitle: list[str] = field(default_factory=list)
    footer: str = ""
    plotly_src: str | None = None
    bare: bool = False
    sections: list[Section] = field(default_factory=list)
    figures: list[tuple[str, Markup]] = field(default_factory=list)

    def figure(
        self, fig, *, name: str = "", caption: str = "", title: str = "", tall: bool = False
    ) -> dict[str, Any]:
        """Register a figure; return its block (the placeholder and its "how to read this")."""
        fig_id = f"nl-fig-{len(self.figures) + 1}"
        # script-safe JSON (figure_json): no "</" or "<!--" can end the script element
        self.figures.append((fig_id, Markup(figure_json(fig))))  # noqa: S704
        return block("figure", fig_id=fig_id, name=name, caption=caption, title=title, tall=tall)

    def section(
        self, key: str, heading: str, blocks: Iterable[Mapping[str, Any]], *, css_class: str = ""
    ) -> None:
        """Add a section (every text of its blocks is escaped when rendered)."""
        self.sections.append(Section(key, heading, [dict(b) for b in blocks], css_class))

    def csp(self) -> str:
        """The Content-Security-Policy: only this page's scripts, no connection, no form."""
        if self.figures and self.plotly_src:
            scripts = f"'self' {csp_hash(BOOT_JS)}"
        elif self.figures:
            scripts = f"{csp_hash(_plotly_js())} {csp_hash(BOOT_JS)}"
        else:
            scripts = "'none'"
        return (
            f"default-src 'none'; script-src {scripts}; "
            "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
            "connect-src 'none'; form-action 'none'; base-uri 'none'"
        )

    def render(self) -> str:
        """The complete HTML document."""
        template = _environment().get_template("page.html")
        # the package's own stylesheet and scripts (their hashes are in the CSP); no user text
        return template.render(
            page=self,
            csp=self.csp(),
            css=Markup(_css()),  # noqa: S704
            plotly_js=Markup(_plotly_js()) if self.figures and not self.plotly_src else "",  # noqa: S704
            boot_js=Markup(BOOT_JS),  # noqa: S704
        )
