"""``netlytics inspect [PATH]...``: what was loaded, from where, and what was not."""

from __future__ import annotations

import typer

from netlytics.cli._options import Cohort, FutureAfter, Me, OwnerUrl, Paths, load_inputs

__all__ = ["register"]


def inspect(
    paths: Paths = None,
    cohort: Cohort = False,
    me: Me = None,
    owner_url: OwnerUrl = None,
    future_after: FutureAfter = None,
    problems: int = typer.Option(20, min=0, help="How many problem rows to show."),
) -> None:
    """Print what was loaded from where: rows read, loaded, excluded and problems per file.

    Several PATHs are one seeker's sources, loaded together; with no PATH, data/sample.
    """
    from rich.console import Console
    from rich.table import Table

    from netlytics.cli.report import resolve_inputs
    from netlytics.progress import steps

    # the same inputs `netlytics report` reads: a folder laid out like data/sample (an export
    # zip under linkedin/ plus tracker.xlsx) is that seeker's export and tracker, merged
    inputs = resolve_inputs(paths)
    with steps("Inspect") as update:
        update("loading " + ", ".join(p.name for p in inputs))
        data = load_inputs(inputs, cohort=cohort, me=me, owner_url=owner_url, future_after=future_after)
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
    import pandas as pd
    from rich.markup import escape

    return "" if value is None or value is pd.NA or value != value else escape(str(value))


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)
