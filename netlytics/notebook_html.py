"""The executed notebooks as offline HTML pages (see ``docs/notebooks.md``, "Exported HTML").

nbconvert's own HTML page loads require.js and MathJax from public CDNs and does not draw the
plotly mimetype outputs of :func:`netlytics.notebook.setup`. :class:`OfflineHTMLExporter` is
its lab page without the CDN scripts, plotly.js inlined once and each figure drawn by it::

    jupyter nbconvert --to netlytics.notebook.OfflineHTMLExporter 01-explore-my-network.ipynb
"""

from __future__ import annotations

import copy
import functools
import os
from pathlib import Path

__all__ = ["OfflineHTMLExporter", "export_html"]  # noqa: F822 (OfflineHTMLExporter: see __getattr__)

PathLike = str | os.PathLike

#: The plotly mimetype JupyterLab, VS Code and Voila render without running scripts.
PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: The offline export template: nbconvert's lab page without its CDN scripts, plotly.js inlined
#: once, plotly mimetype outputs drawn by it.
_TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js -%}
{{ super() }}
<script>{{ resources.plotly_js }}</script>
{%- endblock html_head_js -%}
{%- block data_priority scoped -%}
{%- set best = output.data | filter_data_type -%}
{%- if best and best[0] == 'application/vnd.plotly.v1+json' -%}
{%- set div_id = uuid4() -%}
{%- set spec = output.data[best[0]] -%}
<div class="jp-RenderedHTMLCommon jp-OutputArea-output netlytics-plotly" id="{{ div_id }}"></div>
<script type="text/javascript">
(function () {
  var spec = {{ spec | json_dumps | escape_html_script }};
  Plotly.newPlot("{{ div_id }}", spec.data, spec.layout, {responsive: true, displaylogo: false});
})();
</script>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock data_priority -%}
"""


@functools.cache
def _offline_exporter() -> type:
    """The :class:`OfflineHTMLExporter` class, built on first use (nbconvert is imported then)."""
    import jinja2
    import plotly.offline
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    class OfflineHTMLExporter(HTMLExporter):
        """nbconvert's HTML page, offline: plotly figures drawn with plotly.js inlined once,
        no require.js, MathJax, mermaid or widget manager from a CDN, widgets as their static
        rendering. ``jupyter nbconvert --to netlytics.notebook.OfflineHTMLExporter X.ipynb``.
        """

        export_from_notebook = "HTML, offline (netlytics)"

        def __init__(self, config=None, **kw) -> None:
            kw.setdefault("extra_loaders", [jinja2.DictLoader({"netlytics_offline.html.j2": _TEMPLATE})])
            kw.setdefault("template_file", "netlytics_offline.html.j2")
            config = copy.deepcopy(config) if config is not None else Config()
            if "display_data_priority" not in config.NbConvertBase:  # what its filters read
                config.NbConvertBase.display_data_priority = [PLOTLY_MIME, *_PRIORITY]
            super().__init__(config=config, **kw)

        def _init_resources(self, resources):
            resources = super()._init_resources(resources)
            resources["plotly_js"] = plotly.offline.get_plotlyjs()
            return resources

    OfflineHTMLExporter.__module__ = "netlytics.notebook"
    OfflineHTMLExporter.__qualname__ = "OfflineHTMLExporter"
    return OfflineHTMLExporter


#: What the offline page shows of an output, best first, after the plotly mimetype (a widget
#: shows its static rendering).
_PRIORITY = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]


def __getattr__(name: str):
    """``OfflineHTMLExporter`` is built on first access, so that importing this module does not
    import nbconvert (what ``jupyter nbconvert --to netlytics.notebook.OfflineHTMLExporter``
    and an ``nbconvert.exporters`` entry point load)."""
    if name == "OfflineHTMLExporter":
        return _offline_exporter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_html(notebook: PathLike, out: PathLike | None = None) -> Path:
    """Write an executed notebook as one offline HTML page next to it (or to ``out``).

    The page draws every figure with plotly.js inlined once and asks no CDN for anything
    (nbconvert's default page loads require.js and MathJax from the internet and does not draw
    plotly mimetype outputs). Widgets show the static rendering of their default state. On the
    command line: ``jupyter nbconvert --to netlytics.notebook.OfflineHTMLExporter X.ipynb``.

    Parameters
    ----------
    notebook
        The executed ``.ipynb``.
    out
        The ``.html`` file; default: the notebook's name with ``.html``.

    Returns
    -------
    pathlib.Path
        The page written.

    Raises
    ------
    FileNotFoundError
        The notebook does not exist.

    See Also
    --------
    clear_outputs : remove the outputs before sharing the notebook itself.
    """
    import nbformat

    path = Path(notebook)
    target = Path(out) if out is not None else path.with_suffix(".html")
    nb = nbformat.read(path, as_version=4)
    body, _ = _offline_exporter()().from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    target.write_text(body, encoding="utf-8")
    return target
