"""``netlytics plan PATH...``: this week's ranked next actions (:func:`netlytics.plan.next_actions`).

``--format table`` prints a rich table for people (plain text with ``-o``), ``csv`` writes one row
per action for spreadsheets (evidence ids separated by spaces, formula-like cells neutralised)
and ``ics`` writes an iCalendar file with one all-day event per action on its due day.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from netlytics._checks import check_choice
from netlytics.cli import _options as opt
from netlytics.errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register", "FORMATS", "render_csv"]

FORMATS = ("table", "csv", "ics")


def _check_format(fmt: str) -> str:
    return str(check_choice("--format", fmt.lower(), FORMATS))


def render_csv(actions: pd.DataFrame) -> str:
    """The actions as CSV text: due as ``YYYY-MM-DD``, evidence ids joined by spaces.

    Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) get a
    leading apostrophe; characters CSV readers refuse (NUL, lone surrogates) are removed or
    replaced first (:func:`netlytics.export.sanitize`).
    """
    import pandas as pd

    from netlytics.export import csv_text

    out = actions.copy()
    out["due"] = pd.to_datetime(out["due"], utc=True).dt.strftime("%Y-%m-%d")
    out["evidence"] = out["evidence"].map(
        lambda ev: " ".join(map(str, ev)) if isinstance(ev, list | tuple) else ""
    )
    for col in ("seeker", "contact_id", "contact_name", "company", "reason", "evidence"):
        out[col] = csv_text(out[col])
    return out.to_csv(index=False, lineterminator="\n")


def _rich_table(actions: pd.DataFrame, as_of: pd.Timestamp):
    import pandas as pd
    from rich.markup import escape
    from rich.table import Table

    from netlytics.plan import action_titles

    seekers = actions["seeker"].unique()
    many = len(seekers) > 1
    who = "" if many else f" for {escape(str(seekers[0]))}"
    t = Table(title=f"This week{who} (as of {as_of:%Y-%m-%d})", show_lines=False, expand=True)
    columns = (("seeker", 1),) if many else ()
    for name, ratio in (*columns, ("#", 0), ("action", 2), ("due", 1), ("reason", 5)):
        t.add_column(name, ratio=ratio or None, justify="right" if name == "#" else "left")
    titles = action_titles(actions)
    due = pd.to_datetime(actions["due"], utc=True).dt.strftime("%a %d %b")
    for i in range(len(actions)):  # rendering the (short) plan, not interactions
        cells = [
            str(actions["rank"].iloc[i]),
            escape(titles.iloc[i]),
            due.iloc[i],
            escape(str(actions["reason"].iloc[i])),
        ]
        t.add_row(*([escape(str(actions["seeker"].iloc[i]))] if many else []), *cells)
    return t


def plan_command(
    paths: opt.Paths,
    fmt: str = typer.Option(
        "table", "--format", "-f", help="table (for people), csv, or ics (a calendar file)."
    ),
    as_of: opt.AsOf = None,
    since: opt.Since = None,
    all_history: opt.AllHistory = False,
    stale_days: opt.StaleDays = None,
    me: opt.Me = None,
    owner_url: opt.OwnerUrl = None,
    future_after: opt.FutureAfter = None,
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="At most this many actions of each type per seeker."
    ),
    max_actions: int | None = typer.Option(
        None, "--max-actions", min=1, help="At most this many actions per seeker. Default: 10."
    ),
    per_type: int | None = typer.Option(
        None, "--per-type", min=1, help="At most this many actions of one type. Default: 3."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of the terminal."
    ),
    cohort: opt.Cohort = False,
) -> None:
    """Print this week's ranked next actions: follow-ups, thank-yous, meetings, gives, warm paths.

    Several PATHs are one seeker's sources, loaded together.
    """
    from netlytics.plan import next_actions
    from netlytics.progress import steps

    fmt = _check_format(fmt)
    with steps("Plan") as update:
        update("loading " + ", ".join(p.name for p in paths))
        data = opt.load_inputs(paths, cohort=cohort, me=me, owner_url=owner_url, future_after=future_after)
        update("ranking actions")
        actions = opt.call(
            next_actions,
            data,
            as_of=as_of,
            since=opt.period(since, all_history),
            stale_days=stale_days,
            limit=limit,
            max_actions=max_actions,
            per_type=per_type,
        )
    _emit(actions, fmt, output=output, paths=paths)


def _emit(actions: pd.DataFrame, fmt: str, *, output: Path | None, paths: list[Path]) -> None:
    """Print the plan, or write it to ``output`` (atomically, never over an input)."""
    from netlytics.plan import actions_text, to_ics

    if fmt == "ics":
        content: bytes | str | None = to_ics(actions) if actions.attrs.get("as_of") is not None else b""
        if not content:
            raise ParameterError(
                f"{str(paths[0])!r} holds no dated record, so there is no plan to put in a calendar."
            )
    elif fmt == "csv":
        content = render_csv(actions)
    else:
        content = None
    if output is not None:
        from netlytics.export import atomic_write, sanitize

        if content is None:
            content = actions_text(actions) + "\n"
        payload = sanitize(content, "text").encode("utf-8") if isinstance(content, str) else content
        atomic_write(output, lambda tmp: tmp.write_bytes(payload), inputs=paths)
        typer.echo(f"Wrote {len(actions)} action(s) to {output}", err=True)
        return
    if content is not None:
        typer.echo(content.decode("utf-8") if isinstance(content, bytes) else content, nl=False)
        return
    from rich.console import Console

    console = Console()
    if actions.empty:
        console.print("Nothing to do from the data this week. Keep your weekly rhythm.")
        return
    console.print(_rich_table(actions, actions.attrs["as_of"]))


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
