"""``netlytics validate PATH``: list every row that could not be loaded, and why.

Exit code 0 when there is no problem, 1 when there are problems (2 for an error such as a
missing file or a malformed mapping, from :func:`netlytics.cli.main`).

``--format table`` (the default) draws a table of the first :data:`TERMINAL_ROWS` problems on a
terminal, with the count and how to get the rest; when the output is a file or a pipe it writes
every problem as one plain, unwrapped, tab-separated line. ``--format csv`` and ``json`` write
every problem.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

__all__ = ["register", "validate"]

_COLUMNS = ["seeker", "source", "source_row", "column", "value", "reason"]

#: How many problems the table shows on a terminal.
TERMINAL_ROWS = 50


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def validate(
    path: Path = typer.Argument(
        ..., help="Tracker (.xlsx/.csv), export, folder, or (with --cohort) a folder of clients."
    ),
    format: Format = typer.Option(
        Format.table, "--format", "-f", help="table (for people), csv or json (for machines)."
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", "-m", help="JSON mapping file for free-form trackers."
    ),
    dayfirst: bool | None = typer.Option(
        None,
        "--dayfirst/--monthfirst",
        help="Read 03/04/2025 as 3 April (--dayfirst) or 4 March (--monthfirst).",
    ),
    tz: str = typer.Option("UTC", "--tz", help="Time zone of dates written without one."),
    cohort: bool = typer.Option(False, "--cohort", help="Treat PATH as a folder of clients."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Dates after this (plus a day) are problems; default now."
    ),
) -> None:
    """Check trackers and exports row by row; print the problems. Exit 1 when there are any."""
    import netlytics
    from netlytics.loaders.cohort import load_one

    opts = dict(mapping=mapping, tz=tz, dayfirst=dayfirst, future_after=as_of)
    if cohort:
        data = netlytics.load_cohort(path, **opts, progress=None)
    else:
        data = load_one(path, None, opts)
    problems = data.problems.reindex(columns=_COLUMNS)
    if format is Format.csv:
        from netlytics.export import neutralise_csv

        # values are copied from the user's file: one starting with = + - @ would run as a
        # formula when the CSV is opened in a spreadsheet, so it gets a leading apostrophe
        text = {c: neutralise_csv(problems[c]) for c in _COLUMNS if c != "source_row"}
        problems.assign(**text).to_csv(sys.stdout, index=False, lineterminator="\n")
    elif format is Format.json:
        out = problems.astype(object).where(problems.notna(), None)
        out["source_row"] = [None if v is None else int(v) for v in out["source_row"]]
        import json

        typer.echo(json.dumps(out.to_dict("records"), ensure_ascii=False, indent=1))
    elif _is_terminal():
        _print_table(data, problems)
    else:
        _print_plain(data, problems)
    if len(problems):
        # SystemExit (not typer.Exit) so the code survives click's standalone_mode=False in cli.main
        sys.exit(1)


def _is_terminal() -> bool:
    """True when the output is a terminal (a table is drawn), False for a file or a pipe."""
    return sys.stdout.isatty()


def _headline(data, problems) -> str:
    inv = data.inventory()
    read = int(inv["rows_read"].sum()) if len(inv) else 0
    if not len(problems):
        return f"No problems: {read} rows read from {inv['source'].nunique()} source(s), all loaded."
    return f"{len(problems)} problem row(s) in {read} rows read"


def _print_table(data, problems) -> None:
    """On a terminal: the first TERMINAL_ROWS problems as a table, the count, and the notes."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    head = _headline(data, problems)
    if not len(problems):
        console.print(head)
        return
    t = Table(title=head, expand=True)
    ratios = {"source": 3, "source_row": 1, "column": 2, "value": 2, "reason": 6}
    for col in _COLUMNS[1:]:
        t.add_column("row" if col == "source_row" else col, overflow="fold", ratio=ratios[col])
    shown = problems.head(TERMINAL_ROWS)
    for row in shown.itertuples(index=False):  # at most TERMINAL_ROWS rows
        d = row._asdict()
        t.add_row(*[_text(d[c]) for c in _COLUMNS[1:]])
    console.print(t)
    if len(problems) > len(shown):
        console.print(
            f"Showing the first {len(shown)} of {len(problems)} problem rows. For all of them: "
            "netlytics validate PATH --format csv > problems.csv (or --format json), "
            "or redirect this output to a file.",
            highlight=False,
        )
    for note in data.notes["note"].dropna().tolist():
        console.print(f"note: {_text(note)}", highlight=False)


def _print_plain(data, problems) -> None:
    """Not a terminal: every problem on one unwrapped line, tab-separated, after a header."""
    out = sys.stdout
    out.write(_headline(data, problems) + "\n")
    if len(problems):
        cols = _COLUMNS[1:]
        flat = problems[cols].astype("str").fillna("")
        flat = flat.apply(lambda s: s.str.replace(r"[\t\r\n]+", " ", regex=True))  # a loop over 5 columns
        flat.to_csv(
            out,
            sep="\t",
            index=False,
            header=["source", "row", "column", "value", "reason"],
            quoting=3,
            lineterminator="\n",
            escapechar="\\",
        )
    for note in data.notes["note"].dropna().tolist():
        out.write("note: " + " ".join(str(note).split()) + "\n")


def _text(value) -> str:
    """A cell for a rich table: empty for a null (None, NaN, pd.NA: a file-level problem has no
    row), and escaped so that a value such as ``[bold]`` is printed as written."""
    import pandas as pd
    from rich.markup import escape

    return "" if value is None or value is pd.NA or value != value else escape(str(value))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
