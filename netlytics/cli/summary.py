"""``netlytics summary PATH``: the coach's table, one row per seeker.

Prints :func:`netlytics.metrics.summary.summary` as a rich table for people (one column per
seeker; for more than :data:`WIDE_LIMIT` seekers, one row per seeker with the key columns), or
as CSV / JSON (every column, one record per seeker) for machines.

``--engine dask`` computes the same table with :mod:`netlytics.engines.dask`, one seeker
partition at a time, from a folder written by :func:`netlytics.to_parquet` (for cohorts larger
than memory); ``--scheduler`` names a ``distributed`` scheduler, default a local cluster.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path

import pandas as pd
import typer

from netlytics.errors import ParameterError

__all__ = ["register", "FORMATS", "render_csv", "render_json"]

FORMATS = ("table", "csv", "json")
#: up to this many seekers the human table has one column per seeker
WIDE_LIMIT = 6
#: columns shown when the human table has one row per seeker
KEY_COLUMNS = [
    "seeker",
    "touches",
    "live_share",
    "active_week_share",
    "networked_share",
    "give_share",
    "channel_status",
    "priority_status",
    "giving_status",
    "follow_up_status",
]
_STATUS_STYLE = {"ok": "green", "watch": "yellow", "mistake": "bold red", "not_measured": "dim"}


def _check_format(fmt: str) -> str:
    if fmt.lower() in FORMATS:
        return fmt.lower()
    close = difflib.get_close_matches(fmt.lower(), FORMATS, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ParameterError(f"--format {fmt!r} is not supported.{hint} Allowed: {list(FORMATS)}.")


def _check_engine(engine: str, scheduler: str | None, cohort: bool) -> str:
    from netlytics.engines import ENGINES

    name = engine.lower()
    if name not in ENGINES:
        close = difflib.get_close_matches(name, ENGINES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ParameterError(f"--engine {engine!r} is not supported.{hint} Allowed: {list(ENGINES)}.")
    if scheduler is not None and name != "dask":
        raise ParameterError("--scheduler only applies with --engine dask.")
    if cohort and name == "dask":
        raise ParameterError(
            "--cohort does not apply with --engine dask: the Parquet folder already holds the cohort.",
            hint="Write it once with netlytics.to_parquet(netlytics.load_cohort(FOLDER), PATH).",
        )
    return name


def _machine(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    out["as_of"] = out["as_of"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


def render_csv(table: pd.DataFrame) -> str:
    """The summary as CSV text (timestamps in ISO 8601 UTC, empty cells for nulls; seeker names,
    which come from file names, are neutralised against formula injection)."""
    from netlytics.export import neutralise_csv

    out = _machine(table)
    out["seeker"] = neutralise_csv(out["seeker"])
    return out.to_csv(index=False, lineterminator="\n")


def render_json(table: pd.DataFrame) -> str:
    """The summary as a JSON array of records (nulls as ``null``)."""
    return _machine(table).to_json(orient="records", indent=2, force_ascii=False)


def _cell(column: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "-"
    if column.endswith("_status"):
        style = _STATUS_STYLE.get(str(value), "")
        return f"[{style}]{value}[/{style}]" if style else str(value)
    if column.endswith("_share"):
        return f"{float(value):.0%}"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def _rich_table(table: pd.DataFrame, as_of: str):
    from rich.markup import escape
    from rich.table import Table

    title = f"netlytics summary as of {as_of}"
    body = table.drop(columns=["as_of"])
    if len(body) <= WIDE_LIMIT:
        t = Table(title=title)
        t.add_column("metric")
        for seeker in body["seeker"]:
            t.add_column(escape(str(seeker)), justify="right")
        for column in body.columns[1:]:
            values = body[column].tolist()
            t.add_row(column, *[_cell(column, v) for v in values])
        return t
    t = Table(title=title, caption="Key columns only; use --format csv or json for all of them.")
    for column in KEY_COLUMNS:
        t.add_column(column, justify="left" if column == "seeker" else "right")
    for row in body[KEY_COLUMNS].itertuples(index=False):
        t.add_row(
            *[
                escape(_cell(c, v)) if c == "seeker" else _cell(c, v)
                for c, v in zip(KEY_COLUMNS, row, strict=True)
            ]
        )
    return t


def summary_command(
    path: Path = typer.Argument(
        ..., help="Export zip/folder, tracker, canonical folder, or a cohort folder."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Date the analysis looks from (e.g. 2025-03-01). Default: latest date in the data.",
    ),
    fmt: str = typer.Option("table", "--format", help="table (for people), csv or json (for machines)."),
    cohort: bool = typer.Option(False, "--cohort", help="Treat PATH as a folder of clients."),
    engine: str = typer.Option(
        "pandas",
        "--engine",
        help="pandas (in memory) or dask (one seeker at a time; PATH is a folder written by "
        "netlytics.to_parquet).",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="With --engine dask: a distributed scheduler address (e.g. tcp://10.0.0.5:8786); "
        "default a local cluster.",
    ),
) -> None:
    """Print the coach's table: one row per seeker with every headline metric and the scorecard."""
    import netlytics
    from netlytics.metrics.summary import summary

    fmt = _check_format(fmt)
    engine = _check_engine(engine, scheduler, cohort)
    if engine == "dask":
        table = summary(path, as_of=as_of, engine="dask", scheduler=scheduler)
    else:
        data = netlytics.load_cohort(path) if cohort else netlytics.load(path)
        table = summary(data, as_of=as_of)
    if fmt == "csv":
        typer.echo(render_csv(table), nl=False)
        return
    if fmt == "json":
        typer.echo(render_json(table))
        return
    from rich.console import Console

    console = Console()
    if table.empty:
        console.print("No seekers found in the data: nothing to summarise.")
        return
    stamp = table["as_of"].iloc[0]
    console.print(_rich_table(table, stamp.strftime("%Y-%m-%d %H:%M UTC")))


def register(app: typer.Typer) -> None:
    app.command("summary")(summary_command)
