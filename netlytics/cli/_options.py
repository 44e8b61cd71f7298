"""Options shared by the commands, defined once (issues 13, 14, 16).

Each command declares its parameters with these annotated types, so ``--since`` means the same,
reads the same and is checked the same in ``report``, ``cohort``, ``charts``, ``summary``,
``plan``, ``inspect`` (and ``slides``)::

    def report_command(paths: Paths = None, since: Since = None, ...):
        data = load_inputs(paths, me=me, owner_url=owner_url, future_after=future_after)

The values reach the library through :func:`call`, one small adapter that passes only the
options the user gave, and refuses with a clear message an option the installed function does
not accept, rather than drop it silently.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from netlytics.errors import ParameterError

__all__ = [
    "Paths",
    "Folder",
    "AsOf",
    "Since",
    "AllHistory",
    "StaleDays",
    "Me",
    "OwnerUrl",
    "FutureAfter",
    "Cohort",
    "call",
    "period",
    "load_inputs",
]

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="One or more inputs of one seeker, loaded together: LinkedIn export (zip or folder), "
        "tracker (.xlsx/.csv), mailbox (mbox, Maildir, .eml folder), calendar (.ics), address "
        "book (.vcf), Google Takeout, or a folder holding several. With --cohort: one folder of "
        "clients.",
        show_default=False,
    ),
]
Folder = Annotated[
    Path, typer.Argument(help="A folder of clients: one tracker, export or sub-folder per client.")
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Compute as of this date (e.g. 2026-03-01): later records are ignored and due dates "
        "are judged against it. Default: the latest date in the data.",
    ),
]
Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Start of the scoring period (e.g. 2025-09-01). Default: the last 12 months.",
    ),
]
AllHistory = Annotated[
    bool,
    typer.Option("--all-history", help="Score the whole history instead of the last 12 months."),
]
StaleDays = Annotated[
    int | None,
    typer.Option(
        "--stale-days",
        min=1,
        help="A loop left open longer than this many days is stale: counted apart, never in the "
        "plan. Default: 60.",
        show_default=False,
    ),
]
Me = Annotated[
    list[str] | None,
    typer.Option(
        "--me",
        metavar="ADDRESS",
        help="One of your own e-mail addresses (repeat for several), when the mailbox cannot tell them.",
        show_default=False,
    ),
]
OwnerUrl = Annotated[
    str | None,
    typer.Option(
        "--owner-url",
        metavar="URL",
        help="Your own LinkedIn profile URL, when the export cannot tell who you are.",
    ),
]
FutureAfter = Annotated[
    str | None,
    typer.Option(
        "--future-after",
        metavar="DATE",
        help="Dates more than a day after this are problems (typing errors such as 2062). Default: now.",
    ),
]
Cohort = Annotated[bool, typer.Option("--cohort", help="Treat PATH as a folder of clients.")]


def period(since: str | None, all_history: bool) -> str | None:
    """The ``since=`` value for the library: a date, ``"all"`` or None (the 12-month default).

    Raises
    ------
    ParameterError
        When both ``--since`` and ``--all-history`` are given.

    Examples
    --------
    >>> period(None, True), period("2025-09-01", False), period(None, False)
    ('all', '2025-09-01', None)
    """
    if since is not None and all_history:
        raise ParameterError(
            "--since and --all-history contradict each other.",
            hint="Give --since DATE for a period from DATE, or --all-history for everything.",
        )
    return "all" if all_history else since


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def call(
    func: Callable[..., Any], *args: Any, _like: Callable[..., Any] | None = None, **options: Any
) -> Any:
    """Call ``func(*args, **options)`` with only the options the user gave (not None/empty).

    An option the user gave that ``func`` does not accept raises a
    :class:`~netlytics.errors.ParameterError` naming the command-line option, instead of being
    ignored (this happens only when the installed library is older than the command line).
    ``_like`` is the function whose signature to check when ``func`` only forwards ``**kwargs``.

    Raises
    ------
    ParameterError
        When a given option is not a parameter of ``func``.

    Examples
    --------
    >>> def metric(data, *, since=None):
    ...     return since
    >>> call(metric, "d", since="2025-01-01", me=None)
    '2025-01-01'
    >>> call(metric, "d", owner_url="https://www.linkedin.com/in/x")
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: --owner-url is not supported by metric() in this installation.
    """
    given = {k: v for k, v in options.items() if v is not None and v != [] and v != ()}
    params = inspect.signature(_like or func).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        unknown = [k for k in given if k not in params]
        if unknown:
            raise ParameterError(
                f"{', '.join(_option(k) for k in unknown)} is not supported by "
                f"{func.__name__}() in this installation.",
                hint="Update netlytics, or leave the option out.",
            )
    return func(*args, **given)


def load_inputs(
    paths: Sequence[Path],
    *,
    cohort: bool = False,
    me: Sequence[str] | None = None,
    owner_url: str | None = None,
    future_after: str | None = None,
):
    """Load the command's inputs: several paths as one seeker, or one folder of clients.

    Raises
    ------
    ParameterError
        When ``cohort`` is asked for with more than one path.

    Examples
    --------
    >>> load_inputs([Path("a.csv"), Path("b.csv")], cohort=True)
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: --cohort takes one folder of clients; got 2 paths.
    """
    import netlytics

    paths = list(paths)
    options = dict(me=tuple(me) if me else None, owner_url=owner_url, future_after=future_after)
    if cohort:
        if len(paths) != 1:
            raise ParameterError(f"--cohort takes one folder of clients; got {len(paths)} paths.")
        from netlytics.loaders import cohort as cohort_loader

        return call(netlytics.load_cohort, paths[0], _like=cohort_loader.load_cohort, **options)
    return call(netlytics.load, paths if len(paths) > 1 else paths[0], **options)
