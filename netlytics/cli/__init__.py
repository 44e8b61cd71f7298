"""The ``netlytics`` command line.

Each command lives in its own module: either with a ``register(app)`` function, or (for a
module holding one command) a typer command function of the command's name, which is
registered as is. This module only composes them and turns every way a run can end into an
exit code, without a traceback:

- a mistyped command line (unknown command, unknown option, missing argument, bad value) prints
  the framework's usage paragraph (``Usage: ...``, ``Try 'netlytics X --help' for help.``,
  ``Error: ...``) and exits 2;
- a :class:`~netlytics.errors.NetlyticsError` prints one line (plus a one-line hint) and exits 2;
- Ctrl-C prints ``netlytics: interrupted`` and exits 130 (the shell's code for SIGINT).

``--debug`` anywhere on the command line re-raises the error with its traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer

from netlytics.errors import NetlyticsError

try:  # typer >= 0.24 vendors click as typer._click; older typer uses click itself
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import ClickException as _ClickException

__all__ = ["app", "main", "COMMANDS", "INTERRUPTED"]

#: Exit code after Ctrl-C (128 + SIGINT), as a shell reports it.
INTERRUPTED = 130

app = typer.Typer(
    name="netlytics",
    help="Turn networking records (trackers, LinkedIn exports, mail and calendars) into evidence "
    "about the four networking mistakes.",
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
COMMANDS = ["report", "summary", "plan", "slides", "inspect", "validate", "anonymize", "sample"]


def _register(name: str) -> None:
    module = importlib.import_module(f"netlytics.cli.{name}")
    if hasattr(module, "register"):
        module.register(app)
    else:
        app.command(name)(getattr(module, name))


for _name in COMMANDS:
    _register(_name)


def _one_line_error(err: NetlyticsError) -> None:
    msg = " ".join(str(err).split())
    typer.echo(f"netlytics: error: {msg}", err=True)
    if err.hint:
        typer.echo(f"hint: {' '.join(err.hint.split())}", err=True)


def _with_context(err: Exception, args: list[str]) -> Exception:
    """Give a usage error without a context (click's "Option '-o' requires an argument") the
    context of the command it is about, so that it prints the same usage paragraph as the rest."""
    if getattr(err, "ctx", True) is not None:
        return err
    from typer._click.core import Context

    root = typer.main.get_command(app)
    ctx = Context(root, info_name="netlytics")
    words = [a for a in args if not a.startswith("-")]
    commands = getattr(root, "commands", {})
    if words and words[0] in commands:
        ctx = Context(commands[words[0]], info_name=words[0], parent=ctx)
    err.ctx, err.cmd = ctx, ctx.command
    return err


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (never raise, unless ``--debug``).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 when a command reports findings (``validate``: problems), 2 for a
        usage error or a :class:`~netlytics.errors.NetlyticsError`, 130 after Ctrl-C.

    Raises
    ------
    Exception
        Only with ``--debug``: the error that ended the run, with its traceback.

    See Also
    --------
    netlytics.errors.NetlyticsError : the errors printed as one line.

    Examples
    --------
    >>> main(["inspect", "no-such-file.xlsx"])
    2
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:
        args.remove("--debug")
    try:
        rc = app(args=args, prog_name="netlytics", standalone_mode=False)
    except NetlyticsError as err:
        if debug:
            raise
        _one_line_error(err)
        return 2
    except _ClickException as err:  # usage errors: the framework's usage paragraph
        if debug:
            raise
        _with_context(err, args).show()
        return int(getattr(err, "exit_code", 2) or 2)
    except (typer.Exit, SystemExit) as exit_:
        code = getattr(exit_, "exit_code", getattr(exit_, "code", 0))
        return int(code or 0)
    except typer.Abort:
        typer.echo("netlytics: aborted", err=True)
        return 1
    except KeyboardInterrupt:  # pragma: no cover - typer turns it into Exit(130) first
        rc = INTERRUPTED
    if rc == INTERRUPTED:  # typer turns Ctrl-C into Exit(130), which standalone_mode=False returns
        typer.echo("netlytics: interrupted", err=True)
        return INTERRUPTED
    if isinstance(rc, int) and not isinstance(rc, bool) and rc:
        return rc
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
