"""``netlytics plan PATH``: this week's ranked next actions (:func:`netlytics.plan.next_actions`).

``--format table`` prints a rich table for people (plain text with ``-o``), ``csv`` writes one row
per action for spreadsheets (evidence ids separated by spaces, formula-like cells neutralised)
and ``ics`` writes an iCalendar file with one all-day event per action on its due day.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd
import typer

from netlytics.errors import ParameterError

__all__ = ["register", "FORMATS", "render_csv"]

FORMATS = ("table", "csv", "ics")


def _check_format(fmt: str) -> str:
    if fmt.lower() in FORMATS:
        return fmt.lower()
    close = difflib.get_close_matches(fmt.lower(), FORMATS, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ParameterError(f"--format {fmt!r} is not supported.{hint} Allowed: {list(FORMATS)}.")


def render_csv(actions: pd.DataFrame) -> str:
    """The actions as CSV text: due as ``YYYY-MM-DD``, evidence ids joined by spaces.

    Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) get a
    leading apostrophe.
    """
    from netlytics.export import neutralise_csv

    out = actions.copy()
    out["due"] = pd.to_datetime(out["due"], utc=True).dt.strftime("%Y-%m-%d")
    out["evidence"] = out["evidence"].map(
        lambda ev: " ".join(map(str, ev)) if isinstance(ev, list | tuple) else ""
    )
    for col in ("seeker", "contact_id", "contact_name", "company", "reason", "evidence"):
        out[col] = neutralise_csv(out[col])
    return out.to_csv(index=False, lineterminator="\n")


def _rich_table(actions: pd.DataFrame, as_of: pd.Timestamp):
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
    path: Path = typer.Argument(
        ..., help="Export zip/folder, tracker, canonical folder, or a cohort folder."
    ),
    fmt: str = typer.Option(
        "table", "--format", "-f", help="table (for people), csv, or ics (a calendar file)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Day the plan is made on (e.g. 2025-03-01). Default: latest date in the data."
    ),
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="At most this many actions of each type per seeker."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of the terminal."
    ),
    cohort: bool = typer.Option(False, "--cohort", help="Treat PATH as a folder of clients."),
) -> None:
    """Print this week's ranked next actions: follow-ups, thank-yous, meetings, gives, warm paths."""
    import netlytics
    from netlytics.plan import actions_text, next_actions, to_ics

    fmt = _check_format(fmt)
    data = netlytics.load_cohort(path) if cohort else netlytics.load(path)
    actions = next_actions(data, as_of=as_of, limit=limit)
    if fmt == "ics":
        content: bytes | str = to_ics(actions) if actions.attrs.get("as_of") is not None else b""
        if not content:
            raise ParameterError(
                f"{str(path)!r} holds no dated record, so there is no plan to put in a calendar."
            )
    elif fmt == "csv":
        content = render_csv(actions)
    else:
        content = None

    if output is not None:
        from netlytics.export import atomic_write

        if content is None:
            content = actions_text(actions) + "\n"
        payload = content.encode("utf-8") if isinstance(content, str) else content
        atomic_write(output, lambda tmp: tmp.write_bytes(payload), inputs=[path])
        typer.echo(f"Wrote {len(actions)} action(s) to {output}", err=True)
        return
    if isinstance(content, bytes):
        typer.echo(content.decode("utf-8"), nl=False)
        return
    if isinstance(content, str):
        typer.echo(content, nl=False)
        return
    from rich.console import Console

    console = Console()
    if actions.empty:
        console.print("Nothing to do from the data this week. Keep your weekly rhythm.")
        return
    console.print(_rich_table(actions, actions.attrs["as_of"]))


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
