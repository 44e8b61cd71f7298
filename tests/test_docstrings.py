"""Public functions of metrics, graph, engines and store: complete numpydoc docstrings.

Checked with numpydoc's own validation: every parameter documented, a Returns section and a
See Also section; metrics (and the store's reader and writer) also say what they raise.
Docstrings cite the spec by its path inside the repository (docs/spec/METRICS.md).
"""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")

import netlytics.metrics  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    *(
        f"netlytics.metrics.{m.name}"
        for m in pkgutil.iter_modules(netlytics.metrics.__path__)
        if m.name[0] != "_"
    ),
    "netlytics.graph.build",
    "netlytics.graph.communities",
    "netlytics.graph.wrappers",
    "netlytics.engines.dispatch",
    "netlytics.engines.dask",
    "netlytics.store",
]
REQUIRED = {
    "GL08",
    "PR01",
    "PR02",
    "RT01",
    "SA01",
}  # no docstring, undocumented/unknown param, Returns, See Also


def _public():
    out = []
    for name in MODULES:
        mod = importlib.import_module(name)
        for attr in getattr(mod, "__all__", []):
            obj = getattr(mod, attr)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == name:
                out.append(f"{name}.{attr}")
    return out


@pytest.mark.parametrize("name", _public())
def test_numpydoc_sections(name):
    errors = [(code, msg) for code, msg in numpydoc_validate.validate(name)["errors"] if code in REQUIRED]
    assert not errors, errors


@pytest.mark.parametrize("name", _public())
def test_metrics_say_what_they_raise(name):
    module, attr = name.rsplit(".", 1)
    obj = getattr(importlib.import_module(module), attr)
    is_metric = getattr(obj, "__dispatchable__", False) or attr in ("cohort_overlap", "warm_paths")
    if is_metric or attr in ("read_parquet", "write_parquet", "read_manifest"):
        assert "Raises\n    ------" in obj.__doc__


def test_spec_citations_resolve_inside_the_repository():
    for folder in ("metrics", "graph", "engines"):
        for path in (ROOT / "netlytics" / folder).glob("*.py"):
            text = path.read_text(encoding="utf-8")
            bare = text.replace("docs/spec/METRICS.md", "").replace("docs/spec/FORMATS.md", "")
            assert "METRICS.md" not in bare and "FORMATS.md" not in bare, path
    assert (ROOT / "docs" / "spec" / "METRICS.md").is_file()
