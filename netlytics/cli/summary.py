"""``netlytics summary PATH...``: the coach's table, one row per seeker.

Prints :func:`netlytics.metrics.summary.summary` as a rich table for people (one column per
seeker; for more than :data:`WIDE_LIMIT` seekers, one row per seeker with the key columns), or
as CSV / JSON (every column, one record per seeker) for machines.

``--engine dask`` computes the same table with :mod:`netlytics.engines.dask`, one seeker
partition at a time, from a folder written by :func:`netlytics.to_parquet` (for cohorts larger
than memory); ``--scheduler`` names a ``distributed`` scheduler, default a local cluster.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import typer

from netlytics._checks import check_choice
from netlytics.cli import _options as opt
from netlytics.errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

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
    return str(check_choice("--format", fmt.lower(), FORMATS))


def _check_engine(engine: str, scheduler: str | None, cohort: bool) -> str:
    from netlytics.engines import ENGINES

    name = str(check_choice("--engine", engine.lower(), ENGINES))
    if scheduler is not None and name != "dask":
        raise ParameterError("--scheduler only applies with --engine dask.")
    if cohort and name == "dask":
        raise ParameterError(
            "--cohort does not apply with --engine dask: the Parquet folder already holds the cohort.",
            hint="Write it once with netlytics.to_parquet(netlytics.load_cohort(FOLDER), PATH).",
        )
    return name


def _machine(table: pd.DataFrame) -> pd.DataFrame:
    """Timestamps (``as_of``, ``since``) as ISO 8601 UTC text; empty where there is none."""
    import pandas as pd  # lazily: the command line starts without pandas

    out = table.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


def render_csv(table: pd.DataFrame) -> str:
    """The summary as CSV text (timestamps in ISO 8601 UTC, empty cells for nulls; seeker names,
    which come from file names, are neutralised against formula injection)."""
    from netlytics.export import csv_text

    out = _machine(table)
    out["seeker"] = csv_text(out["seeker"])
    return out.to_csv(index=False, lineterminator="\n")


def render_json(table: pd.DataFrame) -> str:
    """The summary as a JSON array of records (nulls as ``null``)."""
    return _machine(table).to_json(orient="records", indent=2, force_ascii=False)


def _cell(column: str, value) -> str:
    import pandas as pd

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
    paths: opt.Paths,
    as_of: opt.AsOf = None,
    since: opt.Since = None,
    all_history: opt.AllHistory = False,
    stale_days: opt.StaleDays = None,
    me: opt.Me = None,
    owner_url: opt.OwnerUrl = None,
    future_after: opt.FutureAfter = None,
    fmt: str = typer.Option("table", "--format", help="table (for people), csv or json (for machines)."),
    cohort: opt.Cohort = False,
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
    """Print the coach's table: one row per seeker with every headline metric and the scorecard.

    Several PATHs are one seeker's sources, loaded together.
    """
    from netlytics.metrics.summary import summary
    from netlytics.progress import steps

    fmt = _check_format(fmt)
    engine = _check_engine(engine, scheduler, cohort)
    scoring = dict(as_of=as_of, since=opt.period(since, all_history), stale_days=stale_days)
    if engine == "dask":
        if len(paths) != 1:
            raise ParameterError(f"--engine dask takes one Parquet folder; got {len(paths)} paths.")
        table = opt.call(summary, paths[0], engine="dask", scheduler=scheduler, **scoring)
    else:
        with steps("Summary") as update:
            update("loading " + ", ".join(p.name for p in paths))
            data = opt.load_inputs(
                paths, cohort=cohort, me=me, owner_url=owner_url, future_after=future_after
            )
            update("computing")
            table = opt.call(summary, data, **scoring)
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
