"""Run the reliability suite and rewrite the results table in docs/reliability.md.

Usage (from the repository root)::

    python scripts/reliability_report.py            # all cases, slow ones included
    python scripts/reliability_report.py --fast     # skip tests marked slow
    python scripts/reliability_report.py --check    # exit 1 if the table would change

The tests (tests/reliability/, tests/cli/test_errors.py) record each case, how many examples
ran and how each ended (tests/reliability/__init__.py: ``record``); with the environment variable
NETLYTICS_RELIABILITY_JSON set they write those counts as JSON when the session ends. This script
sets it, runs pytest, and replaces the lines between the two markers below in the document.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"
START = "<!-- reliability-table:start -->"
END = "<!-- reliability-table:end -->"
TESTS = ["tests/reliability", "tests/cli/test_errors.py"]
LABELS = {
    "error": "NetlyticsError naming the file and the cause",
    "problems": "loaded, bad rows reported in problems",
    "loaded": "loaded in full",
    "empty": "read, no data rows in it",
    "exit 2": "one-line error with a hint, exit code 2, no traceback",
}


def run(fast: bool) -> tuple[list[dict], int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.json"
        env = {**os.environ, "NETLYTICS_RELIABILITY_JSON": str(out)}
        cmd = [sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider"]
        if fast:
            cmd += ["-m", "not slow"]
        rc = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
        rows = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
    return rows, rc


def table(rows: list[dict], rc: int) -> str:
    lines = [
        "| Case | Examples | Outcome |",
        "|---|---:|---|",
    ]
    for row in sorted(rows, key=lambda r: r["case"].lower()):
        outcome = "; ".join(
            f"{LABELS.get(k, k)}: {v}" for k, v in sorted(row["outcomes"].items(), key=lambda kv: -kv[1])
        )
        lines.append(f"| {row['case']} | {row['examples']} | {outcome} |")
    total = sum(r["examples"] for r in rows)
    verdict = "all tests passed" if rc == 0 else f"pytest exit code {rc}: SOME TESTS FAILED"
    lines.append("")
    lines.append(
        f"{total} examples in {len(rows)} cases; {verdict}. No case ended in any other exception "
        "(a test fails if one does)."
    )
    return "\n".join(lines)


def rewrite(text: str, new_table: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"{DOC} lacks the markers {START} ... {END}")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{new_table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--fast", action="store_true", help="skip tests marked slow")
    p.add_argument("--check", action="store_true", help="exit 1 if the table is out of date")
    args = p.parse_args(argv)
    rows, rc = run(args.fast)
    old = DOC.read_text(encoding="utf-8")
    new = rewrite(old, table(rows, rc))
    if args.check:
        return 0 if new == old and rc == 0 else 1
    DOC.write_text(new, encoding="utf-8")
    print(f"Rewrote the table in {DOC.relative_to(ROOT)} ({len(rows)} cases).")
    return 0 if rc == 0 else rc


if __name__ == "__main__":
    sys.exit(main())
