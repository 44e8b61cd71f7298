"""``netlytics report``, ``netlytics cohort`` and ``netlytics charts``: the outputs people see.

- ``netlytics report [PATH] -o report.html``: the job seeker's self-contained HTML report. With
  no PATH it runs on ``data/sample`` (Robin Example's LinkedIn export and tracker, merged).
- ``netlytics cohort FOLDER -o cohort.html``: the coach's report on a folder of clients.
- ``netlytics charts PATH --out DIR --format png|svg|html --theme workshop``: every chart as a
  file, for slides.

Long steps show a transient rich progress line, only when the output is a terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import typer

from netlytics.errors import InputError

__all__ = ["DEFAULT_PATH", "register", "resolve_inputs"]

#: What ``netlytics report`` reads when given no PATH.
DEFAULT_PATH = Path("data/sample")


def resolve_inputs(path: Path | None) -> list[Path]:
    """The input path of one seeker: ``path``, or the bundled sample folder when None.

    A folder holding an export (zipped, unpacked, or as a zip in a sub-folder such as
    ``data/sample/linkedin/``) and trackers loads as one seeker (:func:`netlytics.load`).

    Examples
    --------
    >>> resolve_inputs(Path("my-tracker.xlsx"))
    [PosixPath('my-tracker.xlsx')]
    """
    if path is None:
        path = DEFAULT_PATH
        if not path.exists():
            raise InputError(
                f"No PATH given and the sample folder {str(path)!r} does not exist here.",
                hint="Run the command from the netlytics repository, create the sample with "
                "`netlytics sample data/sample`, or give your own export/tracker path.",
            )
    return [path]


@contextlib.contextmanager
def _progress(description: str) -> Iterator[Callable[[str], object]]:
    """A transient rich status line (only on a terminal); yields ``update(step)``."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda step: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(description)
        yield lambda step: bar.update(task, description=f"{description}: {step}")


def _load(inputs: list[Path], *, cohort: bool, update):
    import netlytics

    update("loading " + ", ".join(p.name for p in inputs))
    if cohort:
        return netlytics.load_cohort(inputs[0])
    return netlytics.load(inputs if len(inputs) > 1 else inputs[0])


def report_command(
    path: Path | None = typer.Argument(
        None, help="Export zip/folder, tracker, or a folder holding both. Default: data/sample."
    ),
    output: Path = typer.Option(Path("report.html"), "-o", "--output", help="The HTML file to write."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date the report looks from. Default: latest date in the data."
    ),
    theme: str = typer.Option("default", "--theme", help="default, or workshop (pseudonymised people)."),
    title: str | None = typer.Option(None, "--title", help="Page title."),
) -> None:
    """Write the job seeker's report: one self-contained, offline HTML page."""
    from netlytics.report.html import write_report

    inputs = resolve_inputs(path)
    with _progress("Report") as update:
        data = _load(inputs, cohort=False, update=update)
        out = write_report(
            data, output, as_of=as_of, theme=theme, title=title, inputs=inputs, progress=update
        )
    typer.echo(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB).")


def cohort_command(
    folder: Path = typer.Argument(
        ..., help="A folder of clients: one tracker, export or sub-folder per client."
    ),
    output: Path = typer.Option(Path("cohort.html"), "-o", "--output", help="The HTML file to write."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date the report looks from. Default: latest date in the data."
    ),
    theme: str = typer.Option(
        "default", "--theme", help="default (clients by name) or workshop (Client 01...)."
    ),
    title: str | None = typer.Option(None, "--title", help="Page title."),
    weeks: int = typer.Option(8, "--weeks", help="Weeks shown in the cohort trend."),
) -> None:
    """Write the coach's cohort report: who needs attention, trends, per-client scorecards."""
    from netlytics.report.cohort import write_cohort_report

    with _progress("Cohort report") as update:
        data = _load([folder], cohort=True, update=update)
        out = write_cohort_report(
            data,
            output,
            as_of=as_of,
            theme=theme,
            title=title,
            trend_weeks=weeks,
            inputs=[folder],
            progress=update,
        )
    typer.echo(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB).")


def charts_command(
    path: Path = typer.Argument(
        ..., help="Export zip/folder, tracker, a folder holding both, or a cohort folder."
    ),
    out: Path = typer.Option(Path("charts"), "--out", help="Folder to write the charts into (created)."),
    fmt: str = typer.Option("png", "--format", help="png, svg or html."),
    theme: str = typer.Option("workshop", "--theme", help="workshop (large, pseudonymised) or default."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date the charts look from. Default: latest date in the data."
    ),
    cohort: bool = typer.Option(False, "--cohort", help="Treat PATH as a folder of clients."),
) -> None:
    """Write every chart as a file (PNG/SVG through Chromium, or HTML), for slides."""
    from netlytics.report.charts import export_charts

    inputs = [path] if cohort else resolve_inputs(path)
    with _progress("Charts") as update:
        data = _load(inputs, cohort=cohort, update=update)
        files = export_charts(data, out, format=fmt, theme=theme, as_of=as_of, inputs=inputs, progress=update)
    typer.echo(f"Wrote {len(files)} file(s) into {out}.")


def register(app: typer.Typer) -> None:
    """Add the ``report``, ``cohort`` and ``charts`` commands to ``app``."""
    app.command("report")(report_command)
    app.command("cohort")(cohort_command)
    app.command("charts")(charts_command)
