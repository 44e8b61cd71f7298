"""The ``netlytics`` command line. Each command lives in its own module with a
``register(app)`` function; this module only composes them and turns every
:class:`~netlytics.errors.NetlyticsError` into a one-line message with exit code 2."""

from __future__ import annotations

import importlib
import sys

import typer

from netlytics.errors import NetlyticsError

__all__ = ["app", "main"]

app = typer.Typer(
    name="netlytics",
    help="Turn networking records (trackers, LinkedIn exports) into evidence about the four networking mistakes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """netlytics: measure the four networking mistakes from trackers and LinkedIn exports.

    Add --debug to any command to see a full traceback instead of a one-line error.
    """


#: command modules, in the order they appear in --help
COMMANDS = ["report", "summary", "plan", "inspect", "validate", "anonymize", "sample"]

for _name in COMMANDS:
    importlib.import_module(f"netlytics.cli.{_name}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; NetlyticsError -> one line on stderr and exit code 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:
        args.remove("--debug")
    try:
        rc = app(args=args, prog_name="netlytics", standalone_mode=False)
        if isinstance(rc, int) and rc:
            return rc
    except NetlyticsError as err:
        if debug:
            raise
        msg = " ".join(str(err).split())
        typer.echo(f"netlytics: error: {msg}", err=True)
        if err.hint:
            typer.echo(f"hint: {err.hint}", err=True)
        return 2
    except (typer.Exit, SystemExit) as exit_:
        code = getattr(exit_, "exit_code", getattr(exit_, "code", 0))
        return int(code or 0)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        return 1
    except Exception as err:  # click usage errors
        import click

        if isinstance(err, click.ClickException):
            err.show()
            return 2
        raise
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
