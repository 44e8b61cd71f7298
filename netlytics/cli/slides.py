"""``netlytics slides PATH -o deck.pptx``: a PowerPoint deck for a workshop.

One seeker (an export, a tracker, or a folder holding both) or, with ``--cohort``, a folder of
clients. People are pseudonymised by default (``--theme workshop``); ``--theme default`` keeps
the names as loaded. The command function :func:`slides` is registered by
:mod:`netlytics.cli` like the other commands (``register(app)`` does the same).
"""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["register", "slides"]


def slides(
    path: Path | None = typer.Argument(
        None,
        help="Export zip/folder, tracker, a folder holding both, or (with --cohort) a folder of "
        "clients. Default: data/sample.",
    ),
    output: Path = typer.Option(Path("deck.pptx"), "-o", "--output", help="The .pptx file to write."),
    cohort: bool = typer.Option(False, "--cohort", help="PATH is a folder of clients: a cohort deck."),
    theme: str = typer.Option(
        "workshop", "--theme", help="workshop (pseudonymised people, the default) or default (names)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date the deck looks from. Default: latest date in the data."
    ),
    title: str | None = typer.Option(None, "--title", help="Heading of the title slide."),
    weeks: int = typer.Option(8, "--weeks", help="Weeks shown in the cohort trend."),
) -> None:
    """Write a PowerPoint deck: a slide per mistake with native, editable charts and speaker notes."""
    import netlytics
    from netlytics._checks import check_positive_int
    from netlytics.cli.report import resolve_inputs
    from netlytics.deck import write_deck
    from netlytics.errors import InputError, ParameterError

    check_positive_int("--weeks", weeks)
    if output.suffix.lower() != ".pptx":  # before loading: fail fast
        raise ParameterError(
            f"--output must be a PowerPoint file ending in .pptx; got {str(output)!r}.",
            hint="For example: -o deck.pptx",
        )
    if cohort:
        if path is None or not path.is_dir():
            raise InputError(
                f"--cohort needs a folder of clients; got {str(path) if path else 'no PATH'!r}.",
                hint="Give a folder with one tracker, export or sub-folder per client.",
            )
        inputs = [path]
        data = netlytics.load_cohort(path)
    else:
        inputs = resolve_inputs(path)
        data = netlytics.load(inputs[0])
    out = write_deck(
        data, output, cohort=cohort, as_of=as_of, theme=theme, title=title, weeks=weeks, inputs=inputs
    )
    from pptx import Presentation

    n = len(Presentation(str(out)).slides)
    typer.echo(f"Wrote {out} ({n} slides, {out.stat().st_size / 1e6:.1f} MB).")


def register(app: typer.Typer) -> None:
    """Add the ``slides`` command to ``app``."""
    app.command("slides")(slides)
