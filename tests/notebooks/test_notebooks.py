"""The notebooks run top to bottom on the sample data, offline, and stay paired with their source.

The ``py:percent`` files are the reviewable source; the ``.ipynb`` files are committed without
outputs (jupytext pairs them) and are what these tests execute with nbclient (kernel
``python3``), in a copy of the notebooks folder beside a link to ``data/``, so that the files
they write land next to the notebook (``outputs/``) as they would for a user.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"


def test_three_numbered_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["01-explore-my-network", "02-coach-a-cohort", "03-workshop-charts"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paired_without_outputs_and_without_functions(path):
    import jupytext
    import nbformat

    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    assert "widgets" not in nb.metadata
    assert not any(
        line.lstrip().startswith(("def ", "class ")) for c in code for line in c.source.splitlines()
    )
    paired = jupytext.read(path.with_suffix(".py"))
    assert [c.source for c in paired.cells] == [c.source for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saving_does_not_rewrite_the_py_header(path):
    """What JupyterLab's jupytext writes on save is byte for byte the committed .py file."""
    import jupytext

    source = path.with_suffix(".py").read_text(encoding="utf-8")
    nb = jupytext.read(path)
    assert jupytext.writes(nb, fmt="py:percent") == source
    assert "jupytext_version:" in source.split("# ---", 2)[1]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_data_cell_and_a_privacy_note(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "clear outputs before sharing" in text.lower()
    assert "nb.clear_outputs(" in text
    data_cells = [c for c in nb.cells if c.cell_type == "code" and re.match(r"(DATA|COHORT) = ", c.source)]
    assert len(data_cells) == 1
    assert "tempfile" not in text and "mkdtemp" not in text


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The three notebooks executed once, in a copy of notebooks/ beside a link to data/."""
    import nbformat
    from nbclient import NotebookClient

    root = tmp_path_factory.mktemp("repo")
    (root / "data").symlink_to(REPO / "data")
    folder = root / "notebooks"
    folder.mkdir()
    out = {}
    for path in NOTEBOOKS:
        shutil.copy(path, folder / path.name)
        nb = nbformat.read(folder / path.name, as_version=4)
        NotebookClient(
            nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
        ).execute(env=dict(os.environ))
        nbformat.write(nb, folder / path.name)
        out[path.stem] = (folder / path.name, nb)
    return out


def _outputs(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.slow
@pytest.mark.parametrize("stem", [p.stem for p in NOTEBOOKS])
def test_runs_offline_with_captions_and_links(executed, stem):
    path, nb = executed[stem]
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    figures = [o for o in outputs if PLOTLY in o.get("data", {})]
    assert len(figures) >= 5
    # figures are the plotly mimetype only: no HTML with scripts, no CDN, no MathJax
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "<script" not in html and "cdn." not in html and "mathjax" not in html.lower()
    # every figure (also one a widget drives) has its "how to read this" caption under it
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        figs = [o for o in cell.outputs if PLOTLY in o.get("data", {})]
        captions = [
            o for o in cell.outputs if "How to read this" in o.get("data", {}).get("text/markdown", "")
        ]
        assert len(captions) >= len(figs)
        kinds = [
            "fig" if PLOTLY in o.get("data", {}) else "caption" if o in captions else "" for o in cell.outputs
        ]
        assert all(kinds[i + 1] == "caption" for i, k in enumerate(kinds) if k == "fig")
    # files written go next to the notebook and are shown as relative links
    links = re.findall(r'<a href="([^"]+)"', html)
    assert links and all(link.startswith("outputs/") for link in links)
    assert all((path.parent / link).is_file() for link in links)


@pytest.mark.slow
def test_widgets_carry_a_static_rendering(executed):
    _, nb = executed["02-coach-a-cohort"]
    widgets = [o for o in _outputs(nb) if WIDGET in o.get("data", {})]
    # the picker (its stand-in names the client needing attention most) and four client views
    assert len(widgets) == 5
    assert "Client" in widgets[0]["data"]["text/html"]
    assert sum(PLOTLY in o["data"] for o in widgets) == 3
    assert sum("text/html" in o["data"] for o in widgets[1:]) == 1


@pytest.mark.slow
def test_offline_html_export(executed, tmp_path):
    from netlytics.notebook import export_html

    path, nb = executed["01-explore-my-network"]
    page = export_html(path, tmp_path / "01.html").read_text(encoding="utf-8")
    n_figures = sum(PLOTLY in o.get("data", {}) for o in _outputs(nb))
    assert page.count('Plotly.newPlot("') == n_figures
    assert not re.findall(r"<script[^>]+src=", page)  # plotly.js inlined, nothing fetched


@pytest.mark.slow
def test_clear_outputs_in_one_line(executed, tmp_path):
    import nbformat

    from netlytics.notebook import clear_outputs

    path, _ = executed["02-coach-a-cohort"]
    copy = shutil.copy(path, tmp_path / "shared.ipynb")
    nb = nbformat.read(clear_outputs(copy), as_version=4)
    assert all(not c.outputs for c in nb.cells if c.cell_type == "code")
    assert "widgets" not in nb.metadata


def test_the_coach_notebook_selects_the_offline_voila_template():
    """``voila notebooks/02-coach-a-cohort.ipynb`` uses netlytics' template (from the metadata,
    kept in the paired .py), which extends Voila's lab page without its CDN stylesheets."""
    import nbformat

    nb = nbformat.read(REPO / "notebooks" / "02-coach-a-cohort.ipynb", as_version=4)
    assert nb.metadata["voila"] == {"template": "netlytics"}
    assert (
        "#   voila:\n#     template: netlytics\n" in (REPO / "notebooks" / "02-coach-a-cohort.py").read_text()
    )
    folder = REPO / "share" / "jupyter" / "voila" / "templates" / "netlytics"
    assert json.loads((folder / "conf.json").read_text())["base_template"] == "lab"
    template = (folder / "index.html.j2").read_text()
    assert "{%- extends 'voila/templates/lab/index.html.j2' -%}" in template
    assert "<link" not in template and "<script" not in template  # the browser test checks the page


def test_linked_views_are_widget_state_and_follow_the_control():
    """Each view's output is the Output widget's state (what Voila and an embedded-state export
    carry), drawn at once for the default and replaced when the control changes."""
    import ipywidgets as widgets
    import plotly.graph_objects as go
    from IPython.display import Markdown

    from netlytics import notebook as nb

    control = widgets.Dropdown(options=["Ana", "Bo"], value="Ana", description="Client")
    views = [
        lambda v: Markdown(f"**Scorecard: {v}**"),
        lambda v: go.Figure(layout_title_text=f"Cadence: {v}"),
    ]
    outputs = []
    from unittest import mock

    with mock.patch("IPython.display.display", side_effect=lambda *objs, **kw: outputs.extend(objs)):
        nb.linked(control, views)
    outs = [o.widget for o in outputs if isinstance(getattr(o, "widget", None), widgets.Output)]
    assert [len(o.outputs) for o in outs] == [1, 1]
    assert "Scorecard: Ana" in outs[0].outputs[0]["data"]["text/markdown"]
    assert "Cadence: Ana" in json.dumps(outs[1].outputs[0]["data"]["application/vnd.plotly.v1+json"])
    control.value = "Bo"
    assert [len(o.outputs) for o in outs] == [1, 1]
    assert "Scorecard: Bo" in outs[0].outputs[0]["data"]["text/markdown"]
    assert "Cadence: Bo" in json.dumps(outs[1].outputs[0]["data"]["application/vnd.plotly.v1+json"])
