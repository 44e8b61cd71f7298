"""``netlytics inspect PATH``: what was loaded, from where, and what was not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

__all__ = ["register"]


def inspect(
    path: Path = typer.Argument(Path("data/sample"), help="Export zip/folder, tracker, or folder."),
    cohort: bool = typer.Option(False, "--cohort", help="Treat PATH as a folder of clients."),
    problems: int = typer.Option(20, help="How many problem rows to show."),
) -> None:
    """Print what was loaded from where: rows read, loaded, excluded and problems per file."""
    from rich.console import Console
    from rich.table import Table

    import netlytics

    if cohort:
        data = netlytics.load_cohort(path)
    else:
        # the same inputs `netlytics report` reads: a folder laid out like data/sample (an export
        # zip under linkedin/ plus tracker.xlsx) is that seeker's export and tracker, merged
        from netlytics.cli.report import resolve_inputs

        inputs = resolve_inputs(path)
        data = netlytics.load(inputs if len(inputs) > 1 else inputs[0])
    console = Console()
    console.print(repr(data))
    inv = data.inventory()
    t = Table(title="Sources: rows read = loaded + excluded + problems")
    for col in ["seeker", "source", "table", "rows_read", "loaded", "excluded", "problems"]:
        t.add_column(
            col, justify="right" if col in ("rows_read", "loaded", "excluded", "problems") else "left"
        )
    for row in inv.itertuples(index=False):
        t.add_row(*[_text(v) for v in row])
    console.print(t)
    for note in data.notes["note"].tolist():
        console.print(f"note: {_text(note)}", highlight=False)
    if len(data.excluded):
        ex = data.excluded.groupby(["source", "reason"]).size().reset_index(name="rows")
        te = Table(title="Excluded rows by reason")
        for col in ex.columns:
            te.add_column(str(col))
        for row in ex.itertuples(index=False):
            te.add_row(*[_text(v) for v in row])
        console.print(te)
    if len(data.problems):
        tp = Table(title=f"Problems ({len(data.problems)}; first {problems})")
        for col in ["source", "source_row", "column", "value", "reason"]:
            tp.add_column(col)
        for row in data.problems.head(problems).itertuples(index=False):
            d = row._asdict()
            tp.add_row(*[_text(d[c]) for c in ["source", "source_row", "column", "value", "reason"]])
        console.print(tp)


def _text(value) -> str:
    """A cell for a rich table: empty for a null, and never read as rich markup."""
    from rich.markup import escape

    return "" if value is None or value is pd.NA or value != value else escape(str(value))


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)
