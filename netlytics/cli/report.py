"""``netlytics report``, ``netlytics cohort`` and ``netlytics charts``: the outputs people see.

- ``netlytics report [PATH]... -o report.html``: the job seeker's self-contained HTML report. With
  no PATH it runs on ``data/sample`` (Robin Example's LinkedIn export and tracker, merged).
- ``netlytics cohort FOLDER -o cohort.html``: the coach's report on a folder of clients.
- ``netlytics charts [PATH]... --out DIR --format png|svg|html --theme workshop``: every chart as a
  file, for slides.

Every command takes the shared options of :mod:`netlytics.cli._options` (several PATHs of one
seeker, ``--since``/``--all-history``, ``--stale-days``, ``--me``, ``--owner-url``,
``--future-after``). Long steps show a transient progress line (:mod:`netlytics.progress`),
only when a person is watching.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from netlytics.cli import _options as opt
from netlytics.errors import InputError
from netlytics.progress import steps as _progress

__all__ = ["DEFAULT_PATH", "register", "resolve_inputs"]

#: What ``netlytics report`` reads when given no PATH.
DEFAULT_PATH = Path("data/sample")


def resolve_inputs(path: Path | Sequence[Path] | None) -> list[Path]:
    """The input paths of one seeker: ``path`` (one or several), or the sample folder when None.

    A folder holding an export (zipped, unpacked, or as a zip in a sub-folder such as
    ``data/sample/linkedin/``) and trackers loads as one seeker (:func:`netlytics.load`); so do
    several paths given together.

    Examples
    --------
    >>> resolve_inputs(Path("my-tracker.xlsx"))
    [PosixPath('my-tracker.xlsx')]
    >>> resolve_inputs([Path("export.zip"), Path("Takeout.zip")])
    [PosixPath('export.zip'), PosixPath('Takeout.zip')]
    """
    if path is not None and not isinstance(path, (str, Path)):
        paths = [Path(p) for p in path]
        if paths:
            return paths
        path = None
    if path is None:
        path = DEFAULT_PATH
        if not path.exists():
            raise InputError(
                f"No PATH given and the sample folder {str(path)!r} does not exist here.",
                hint="Run the command from the netlytics repository, create the sample with "
                "`netlytics sample data/sample`, or give your own export/tracker path.",
            )
    return [Path(path)]


def _write(
    description: str,
    writer,
    inputs: list[Path],
    output: Path,
    *,
    load: dict,
    period: tuple[str | None, bool],
    **options,
):
    """Load ``inputs`` (``load``: options of :func:`load_inputs`) and run ``writer`` on them.

    Both run under one progress line named ``description``; ``period`` is ``(--since,
    --all-history)``, passed on as ``since=``; ``options`` go to the writer through
    :func:`call` (parameter errors name the command-line option), with the inputs and the
    progress callback added. Returns what the writer returns.
    """
    since = opt.period(*period)
    with _progress(description) as update:
        update("loading " + ", ".join(p.name for p in inputs))
        data = opt.load_inputs(inputs, **load)
        return opt.call(writer, data, output, inputs=inputs, progress=update, since=since, **options)


def _write_page(description: str, writer, inputs: list[Path], output: Path, **options) -> None:
    """:func:`_write` one HTML page, then say where it went and how large it is."""
    out = _write(description, writer, inputs, output, **options)
    typer.echo(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB).")


def report_command(
    paths: opt.Paths = None,
    output: Path = typer.Option(Path("report.html"), "-o", "--output", help="The HTML file to write."),
    as_of: opt.AsOf = None,
    since: opt.Since = None,
    all_history: opt.AllHistory = False,
    stale_days: opt.StaleDays = None,
    me: opt.Me = None,
    owner_url: opt.OwnerUrl = None,
    future_after: opt.FutureAfter = None,
    theme: str = typer.Option("default", "--theme", help="default, or workshop (pseudonymised people)."),
    title: str | None = typer.Option(None, "--title", help="Page title."),
) -> None:
    """Write the job seeker's report: one self-contained, offline HTML page.

    With no PATH it reads data/sample; several PATHs are one seeker's sources, loaded together.
    """
    from netlytics.report.html import write_report

    load = {"me": me, "owner_url": owner_url, "future_after": future_after}
    page = {"as_of": as_of, "stale_days": stale_days, "theme": theme, "title": title}
    _write_page(
        "Report", write_report, resolve_inputs(paths), output, load=load, period=(since, all_history), **page
    )


def cohort_command(
    folder: opt.Folder,
    output: Path = typer.Option(Path("cohort.html"), "-o", "--output", help="The HTML file to write."),
    as_of: opt.AsOf = None,
    since: opt.Since = None,
    all_history: opt.AllHistory = False,
    stale_days: opt.StaleDays = None,
    future_after: opt.FutureAfter = None,
    theme: str = typer.Option(
        "default", "--theme", help="default (clients by name) or workshop (Client 01...)."
    ),
    title: str | None = typer.Option(None, "--title", help="Page title."),
    weeks: int = typer.Option(8, "--weeks", min=1, help="Weeks shown in the cohort trend."),
) -> None:
    """Write the coach's cohort report: who needs attention, trends, per-client scorecards."""
    from netlytics.report.cohort import write_cohort_report

    load = {"cohort": True, "future_after": future_after}
    page = {"as_of": as_of, "stale_days": stale_days, "theme": theme, "title": title, "trend_weeks": weeks}
    _write_page(
        "Cohort report", write_cohort_report, [folder], output, load=load, period=(since, all_history), **page
    )


def charts_command(
    paths: opt.Paths,
    out: Path = typer.Option(Path("charts"), "--out", help="Folder to write the charts into (created)."),
    fmt: str = typer.Option("png", "--format", help="png, svg or html."),
    theme: str = typer.Option("workshop", "--theme", help="workshop (large, pseudonymised) or default."),
    as_of: opt.AsOf = None,
    since: opt.Since = None,
    all_history: opt.AllHistory = False,
    stale_days: opt.StaleDays = None,
    me: opt.Me = None,
    owner_url: opt.OwnerUrl = None,
    future_after: opt.FutureAfter = None,
    cohort: opt.Cohort = False,
) -> None:
    """Write every chart as a file (PNG/SVG through Chromium, or HTML), for slides."""
    from netlytics.report.charts import export_charts

    files = _write(
        "Charts",
        export_charts,
        resolve_inputs(paths),
        out,
        load={"cohort": cohort, "me": me, "owner_url": owner_url, "future_after": future_after},
        period=(since, all_history),
        as_of=as_of,
        stale_days=stale_days,
        format=fmt,
        theme=theme,
    )
    typer.echo(f"Wrote {len(files)} file(s) into {out}.")


def register(app: typer.Typer) -> None:
    """Add the ``report``, ``cohort`` and ``charts`` commands to ``app``."""
    app.command("report")(report_command)
    app.command("cohort")(cohort_command)
    app.command("charts")(charts_command)
