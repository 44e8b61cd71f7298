"""The notebooks run top to bottom on the sample data, and stay paired with their .py source.

The ``py:percent`` files are the reviewable source; the ``.ipynb`` files are committed without
outputs (jupytext pairs them) and are what this test executes with nbclient (kernel ``python3``).
``pytest --nbmake notebooks/`` runs the same ``.ipynb`` files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))


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
    assert not any(
        line.lstrip().startswith(("def ", "class ")) for c in code for line in c.source.splitlines()
    )
    paired = jupytext.read(path.with_suffix(".py"))
    assert [c.source for c in paired.cells] == [c.source for c in nb.cells]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path, sample_dir, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("NETLYTICS_SAMPLE", str(sample_dir))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env=dict(os.environ))
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # figures are shown inline with plotly.js inside the notebook (no CDN)
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any("Plotly.newPlot" in o["data"]["text/html"] for o in html)
    assert not any("cdn.plot.ly/plotly" in o["data"]["text/html"] for o in html)
