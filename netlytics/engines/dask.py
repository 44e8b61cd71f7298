"""Run per-seeker metrics on Dask, one seeker partition at a time.

Input is a Parquet store (:mod:`netlytics.store`: canonical tables partitioned by seeker, as
:func:`netlytics.to_parquet` writes them). Metrics reach this module only through
:func:`netlytics.engines.dispatch.dispatchable` (``engine="dask"``), which imports it on demand. The whole cohort shares one ``as_of``: the latest timestamp in the data, computed
with ``dask.dataframe`` over the timestamp columns only, unless given. Each output partition
is one seeker's result, produced by loading that seeker's rows only and calling the same pandas
function the default engine uses, so both engines give equal results by construction and by
test (``tests/engines/test_dask.py``).

Memory is bounded by the largest seeker, not by the cohort: a worker never holds more than
one seeker's tables per task.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pandas as pd

from netlytics import schema, store
from netlytics.data import NetworkData
from netlytics.errors import InputError, ParameterError

__all__ = ["run", "run_engine", "global_as_of", "seekers_in", "partitions", "client"]

# timestamp columns that define the default as_of (docs/spec/METRICS.md section 5)
_AS_OF_COLUMNS = {
    "interactions": ["at"],
    "applications": ["applied_at", "status_at"],
    "contacts": ["connected_on"],
}


def _check(path) -> Path:
    path = Path(path)
    if not store.is_store(path):
        raise InputError(
            f"engine='dask' needs a folder written by netlytics.to_parquet(); {str(path)!r} is not one "
            f"(no {store.MANIFEST}).",
            hint="Write one with netlytics.to_parquet(data, PATH), then pass PATH.",
        )
    store.read_manifest(path)
    return path


def partitions(path) -> dict[str, dict[str, Path] | None]:
    """Per table, the partition folder of every seeker (``<table>/seeker=<name>``).

    Listing folders is enough to know the seekers and to read one seeker without scanning the
    others. A table that is not purely partitioned by seeker (e.g. a ``part-0.parquet`` of
    problems that belong to no seeker) maps to None: it is read through the canonical reader.
    """
    path = Path(path)
    out: dict[str, dict[str, Path] | None] = {}
    for table in store.read_manifest(path).get("tables", []):
        folder = path / table
        if not folder.exists():
            continue
        parts: dict[str, Path] | None = {}
        for entry in folder.iterdir():
            if entry.name.startswith((".", "_")):
                continue  # metadata files written by some Parquet tools
            if not (entry.is_dir() and entry.name.startswith("seeker=")):
                parts = None
                break
            parts[unquote(entry.name.removeprefix("seeker="))] = entry
        out[table] = parts
    return out


def seekers_in(path) -> list[str]:
    """Sorted seeker names present in any table of a to_parquet folder."""
    path = _check(path)
    names: set[str] = set()
    for table, parts in partitions(path).items():
        if parts is not None:
            names.update(parts)
        elif table in ("contacts", "interactions", "applications", "follows"):
            s = pd.read_parquet(path / table, columns=["seeker"])["seeker"]
            names.update(s.dropna().astype("str").unique().tolist())
    return sorted(names)


def global_as_of(path) -> pd.Timestamp | None:
    """The latest timestamp anywhere in a to_parquet folder (reads timestamp columns only)."""
    import dask
    import dask.dataframe as dd

    path = _check(path)
    with warnings.catch_warnings():
        # dask's Parquet reader still calls reset_index(inplace=True), deprecated in pandas 3.1
        warnings.filterwarnings("ignore", message="The inplace keyword", module="dask")
        maxima = []
        for table, cols in _AS_OF_COLUMNS.items():
            folder = path / table
            if folder.exists() and any(folder.iterdir()):
                df = dd.read_parquet(folder, columns=cols)
                maxima.extend(df[c].max() for c in cols)
        values = [v for v in dask.compute(*maxima) if pd.notna(v)]
    if not values:
        return None
    ts = pd.Timestamp(max(values))
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.as_unit("ns")


def _read_seeker(path: Path, seeker: str, folders: dict[str, Path | None | bool]) -> NetworkData:
    """One seeker's tables: straight from its partition folders (no scan of the other
    seekers' files); a table that is not partitioned goes through the canonical reader."""
    tables = {}
    for table, folder in folders.items():
        if table not in schema.TABLES:
            continue
        if folder is False:  # not partitioned by seeker
            tables[table] = store.read_table(path, table, seekers=[seeker])
            continue
        if folder is None:  # this seeker has no rows in the table
            tables[table] = schema.empty(table)
            continue
        df = pd.read_parquet(folder)
        df["seeker"] = pd.Series(seeker, index=df.index, dtype="str")
        tables[table] = schema.conform(table, df)
    return NetworkData(**tables)


def _one_seeker(task: tuple[str, dict], path: str, func: Callable, as_of, kwargs: dict) -> pd.DataFrame:
    seeker, folders = task
    data = _read_seeker(Path(path), seeker, folders)
    return func(data, as_of=as_of, **kwargs)


@contextlib.contextmanager
def client(scheduler: str | None = None):
    """A Dask client: the given scheduler address, else a local cluster on this machine.

    ``"synchronous"``, ``"threads"`` and ``"processes"`` select Dask's single-machine schedulers
    without a cluster (useful for tests and debugging).
    """
    import dask
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler in ("synchronous", "threads", "processes"):
        with dask.config.set(scheduler=scheduler):
            yield None
        return
    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    with (
        LocalCluster(
            processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def run(
    func: Callable[..., pd.DataFrame],
    path,
    *,
    as_of=None,
    scheduler: str | None = None,
    **kwargs,
) -> pd.DataFrame:
    """Compute ``func(data_of_one_seeker, as_of=as_of, **kwargs)`` for every seeker on Dask.

    Parameters
    ----------
    func
        A per-seeker metric taking ``(data, *, as_of, ...)`` and returning a DataFrame whose
        rows are sorted by seeker first (every netlytics metric is).
    path
        A folder written by :func:`netlytics.to_parquet`.
    as_of
        One timestamp for the whole cohort; default: the latest timestamp in the data.
    scheduler
        Address of a running ``distributed`` scheduler (e.g. ``"tcp://10.0.0.5:8786"``);
        default: a local cluster on this machine.

    Returns
    -------
    pandas.DataFrame
        Equal to ``func(netlytics.load(path), as_of=as_of, **kwargs)``.
    """
    import dask.dataframe as dd

    path = _check(path)
    if as_of is None:
        as_of = global_as_of(path)
    else:
        from netlytics.metrics._common import resolve_as_of

        as_of = resolve_as_of(NetworkData(), as_of)
    seekers = seekers_in(path)
    meta = func(NetworkData(), as_of=as_of, **kwargs)
    if not seekers:
        return meta
    parts = partitions(path)
    tasks = [
        (s, {t: (False if folders is None else folders.get(s)) for t, folders in parts.items()})
        for s in seekers
    ]
    ddf = dd.from_map(
        _one_seeker,
        tasks,
        args=(str(path), func, as_of, kwargs),
        meta=meta,
        label=getattr(func, "__name__", "metric"),
        enforce_metadata=False,
    )
    with client(scheduler):
        out = ddf.compute()
    out = out.reset_index(drop=True)
    # restore the exact dtypes of the pandas engine (partitions may widen empty columns)
    for col, dtype in meta.dtypes.items():
        if col in out.columns and out[col].dtype != dtype:
            with contextlib.suppress(TypeError, ValueError):
                out[col] = out[col].astype(dtype)
    return out


def run_engine(func: Callable[..., pd.DataFrame], data, *, as_of, scheduler, **kwargs) -> pd.DataFrame:
    """The ``engine="dask"`` branch of a :func:`~netlytics.engines.dispatch.dispatchable` metric.

    Parameters
    ----------
    func : callable
        The decorated metric (computed with pandas on each seeker).
    data : str or Path
        A Parquet store (:mod:`netlytics.store`), not loaded data.
    as_of, scheduler, **kwargs
        As in :func:`run`.

    Returns
    -------
    DataFrame
        What ``func(store.read_parquet(data), as_of=as_of, **kwargs)`` returns.

    Raises
    ------
    ParameterError
        When ``data`` is loaded data instead of a store path.

    See Also
    --------
    run : the engine itself.
    """
    if isinstance(data, NetworkData | pd.DataFrame):
        raise ParameterError(
            "engine='dask' takes the path of a folder written by netlytics.to_parquet(), not loaded data.",
            hint="netlytics.to_parquet(data, 'cohort.parquet'), then pass 'cohort.parquet'.",
        )
    return run(func, data, as_of=as_of, scheduler=scheduler, **kwargs)
