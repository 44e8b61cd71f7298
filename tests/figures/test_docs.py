"""Figure functions: complete numpydoc docstrings, shared text filled in, none over 80 lines."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")

MODULES = [
    f"netlytics.figures.{m}"
    for m in (
        "applying",
        "cadence",
        "channel",
        "cohort",
        "followup",
        "network",
        "outcomes",
        "reciprocity",
        "registry",
        "scorecard",
        "standing",
    )
]
REQUIRED = {"GL08", "PR01", "PR02", "RT01", "SA01"}  # docstring, parameters, Returns, See Also
FIGURES = Path(__file__).resolve().parents[2] / "netlytics" / "figures"


def _public_functions():
    out = []
    for name in MODULES:
        mod = importlib.import_module(name)
        for attr in mod.__all__:
            obj = getattr(mod, attr)
            if inspect.isfunction(obj) and obj.__module__ == name:
                out.append(f"{name}.{attr}")
    return out


@pytest.mark.parametrize("name", _public_functions())
def test_numpydoc_sections(name):
    errors = [(code, msg) for code, msg in numpydoc_validate.validate(name)["errors"] if code in REQUIRED]
    assert errors == []


@pytest.mark.parametrize("name", [n for n in _public_functions() if n.rsplit(".", 1)[1].startswith("plot_")])
def test_figures_say_what_they_raise_and_share_their_parameter_text(name):
    module, attr = name.rsplit(".", 1)
    doc = getattr(importlib.import_module(module), attr).__doc__
    assert "\n    Raises\n    ------\n    ParameterError" in doc
    assert "{" + "style}" not in doc  # the shared fragment was filled in
    assert 'template : {None, "default", "workshop"}' in doc


def test_no_function_over_80_lines():
    long = []
    for path in sorted(FIGURES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if node.end_lineno - start + 1 > 80:
                    long.append(f"{path.name}:{node.name}")
    assert long == []


def test_no_module_over_600_lines():
    assert [
        p.name for p in FIGURES.glob("*.py") if len(p.read_text(encoding="utf-8").splitlines()) > 600
    ] == []
