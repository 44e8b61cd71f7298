"""The package's imports flow one way: loaders -> metrics -> graph -> figures -> report/plan -> cli.

Every module of ``netlytics/`` is parsed (``ast``: imports inside functions count too) and each
``netlytics`` import is checked against the layer order below. A module may import its own
layer and the layers under it, never one above. The base layer (schema, data, errors, shared
checks and docstrings, identity, the engine dispatcher) is importable by all.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netlytics"

#: (module prefix, layer); the longest matching prefix decides. Higher layers may import lower.
LAYERS: tuple[tuple[str, int], ...] = (
    ("netlytics.schema", 0),
    ("netlytics.data", 0),
    ("netlytics.errors", 0),
    ("netlytics._checks", 0),
    ("netlytics._docstrings", 0),
    ("netlytics._sanitize", 0),
    ("netlytics.progress", 0),
    ("netlytics.identity", 0),
    ("netlytics.engines", 0),  # the package holds only the names of the engines
    ("netlytics.engines.dispatch", 0),
    ("netlytics.__version__", 0),
    ("netlytics.loaders", 1),
    ("netlytics.aliases", 1),
    ("netlytics.store", 1),
    ("netlytics.sample", 1),
    ("netlytics.pseudonymize", 1),
    ("netlytics.export", 1),
    ("netlytics.metrics", 2),
    ("netlytics.engines.dask", 2),
    ("netlytics.graph", 3),
    ("netlytics.figures", 4),
    ("netlytics.report", 5),
    ("netlytics.plan", 5),
    ("netlytics.deck", 5),
    ("netlytics.cli", 6),
    ("netlytics.__main__", 6),
    ("netlytics", 6),  # the package itself re-exports everything lazily
)

NAMES = {0: "base", 1: "loaders", 2: "metrics", 3: "graph", 4: "figures", 5: "report/plan", 6: "cli"}


def layer(module: str) -> int:
    best = max((p for p, _ in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return dict(LAYERS)[best]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split("."))
    return (ROOT / rel).with_suffix(".py").exists() or (ROOT / rel / "__init__.py").exists()


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every netlytics import in ``path``, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "netlytics"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "netlytics":
                continue
            for a in node.names:  # `from netlytics import schema` imports the module netlytics.schema
                sub = f"{base}.{a.name}"
                dunder = base == "netlytics" and a.name.startswith("__")  # __version__
                out.append((node.lineno, sub if _is_module(sub) or dunder else base))
    return out


def _is_type_checking_only(path: Path) -> set[int]:
    """Lines of imports guarded by ``if TYPE_CHECKING:`` (never executed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import | ast.ImportFrom):
                    lines.add(sub.lineno)
    return lines


def upward_imports() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = module_name(path)
        mine = layer(me)
        skip = _is_type_checking_only(path)
        for line, target in imported(path):
            if line in skip:
                continue
            theirs = layer(target)
            if theirs > mine:
                problems.append(
                    f"{path.relative_to(ROOT)}:{line}: {me} ({NAMES[mine]}) imports {target} ({NAMES[theirs]})"
                )
    return problems


def test_no_upward_import():
    problems = upward_imports()
    assert not problems, "upward imports:\n" + "\n".join(problems)


def test_the_checker_sees_upward_imports(tmp_path):
    # the parser must find imports inside functions and relative ones
    src = PACKAGE / "metrics" / "__init__.py"
    assert layer("netlytics.metrics.ties") == 2 and layer("netlytics.graph.build") == 3
    assert layer("netlytics.engines.dask") == 2 and layer("netlytics.engines.dispatch") == 0
    found = dict((t, n) for n, t in imported(PACKAGE / "graph" / "build.py"))
    assert "netlytics.metrics.ties" in found and "netlytics.schema" in found
    assert src.exists()


@pytest.mark.parametrize(
    "module", ["netlytics.metrics", "netlytics.metrics.summary", "netlytics.metrics.measures"]
)
def test_importing_metrics_imports_no_loader_and_no_engine(module):
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.startswith(('netlytics.loaders', 'netlytics.engines.dask', "
        "'netlytics.graph', 'netlytics.figures', 'netlytics.report', 'dask', 'networkx', 'plotly'))); print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


#: Table-like data allowed past the limits, each with its reason: (module path, function or "").
TABLE_LIKE: dict[tuple[str, str], str] = {}

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def oversized() -> set[tuple[str, str]]:
    """Every module over 600 lines ``(path, "")`` and function over 80 ``(path, name)``."""
    found: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        src = path.read_text(encoding="utf-8")
        if len(src.splitlines()) > MAX_MODULE_LINES:
            found.add((rel, ""))
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    found.add((rel, node.name))
    return found


def test_no_module_over_600_lines_and_no_function_over_80():
    # issue 16: modules of one purpose, functions of one job (docstrings count)
    bad = oversized() - set(TABLE_LIKE)
    assert not bad, "\n".join(f"{path} {name or '(module)'}" for path, name in sorted(bad))


def test_allowlisted_entries_are_still_needed():
    stale = set(TABLE_LIKE) - oversized()
    assert not stale, f"no longer over the limit, remove from the allowlists: {sorted(stale)}"


def test_the_size_check_sees_a_long_function(tmp_path, monkeypatch):
    pkg = tmp_path / "netlytics"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (pkg / "long.py").write_text(f"def f():\n{body}\n")
    (pkg / "short.py").write_text("def g():\n    return 1\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", pkg)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert oversized() == {("netlytics/long.py", "f")}
