"""``netlytics anonymize IN OUT --salt ...``: a pseudonymised copy that is safe to share."""

from __future__ import annotations

from pathlib import Path

import typer

from netlytics.cli._options import Cohort, FutureAfter, load_inputs

__all__ = ["register"]


def anonymize(
    source: Path = typer.Argument(
        ..., metavar="IN", help="Export zip/folder, tracker, or folder of clients."
    ),
    out: Path = typer.Argument(
        ...,
        metavar="OUT",
        help="Output: a .xlsx workbook, a .csv of interactions, a .parquet folder, or a folder "
        "without a suffix (one CSV per table).",
    ),
    salt: str = typer.Option(
        ...,
        "--salt",
        envvar="NETLYTICS_SALT",
        help="Secret for the keyed hash (or set NETLYTICS_SALT, which keeps it out of your shell "
        "history). Same salt, same aliases; without it they cannot be reversed.",
    ),
    companies: str = typer.Option(
        "keep", "--companies", help="keep, generalise (Company 001...) or drop company names."
    ),
    format: str | None = typer.Option(
        None,
        "--format",
        help="xlsx, csv or parquet (default: from OUT's suffix; no suffix: a folder of CSV files).",
    ),
    cohort: Cohort = False,
    future_after: FutureAfter = None,
) -> None:
    """Write a pseudonymised copy of IN to OUT: people, files (and optionally companies) renamed.

    Names, e-mails, profile URLs and ids become stable aliases (Client 01, Contact 0001) from an
    HMAC-SHA256 keyed with --salt; free text is dropped. OUT may never be IN (or hold it).
    """
    from netlytics.errors import ParameterError
    from netlytics.export import check_not_input, write_tables
    from netlytics.progress import steps
    from netlytics.pseudonymize import pseudonymize

    # refuse early, before loading: the output must never replace the input
    check_not_input(out, [source])
    if format is None and out.suffix.lower() not in ("", ".xlsx", ".csv", ".parquet"):
        raise ParameterError(
            f"Cannot tell the output format of {str(out)!r} (suffix {out.suffix!r}).",
            hint="Use a .xlsx, .csv or .parquet OUT, a folder without a suffix (one CSV per "
            "table), or add --format xlsx|csv|parquet.",
        )
    with steps("Anonymize") as update:
        update(f"loading {source.name}")
        # the same inputs `netlytics report` and `inspect` read: a folder laid out like
        # data/sample (linkedin/<export>.zip plus tracker.xlsx) is one seeker, merged
        data = load_inputs([source], cohort=cohort, future_after=future_after)
        update("pseudonymising")
        safe = pseudonymize(data, salt=salt, companies=companies)
        update(f"writing {out.name}")
        written = write_tables(safe, out, format=format, inputs=[source])
    typer.echo(
        f"Wrote {written}: {len(safe.seekers)} seeker(s), {len(safe.contacts)} contacts, "
        f"{len(safe.interactions)} interactions, {len(safe.applications)} applications "
        f"(companies: {companies})."
    )


def register(app: typer.Typer) -> None:
    app.command("anonymize")(anonymize)
