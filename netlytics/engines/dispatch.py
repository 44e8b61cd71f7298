"""One way to choose an engine: the ``@dispatchable`` decorator every per-seeker metric wears.

In the spirit of networkx's ``_dispatchable``: the metric is written once, for pandas, on one
process; the decorator adds the keyword-only arguments ``engine`` and ``scheduler`` and, when
another engine is asked for, imports that engine's module (``netlytics.engines.<engine>``) and
hands it the metric. Nothing here imports an engine, a loader or a third-party package: an
engine is loaded only when it is asked for.

An engine module exposes ``run_engine(func, data, *, as_of, scheduler, **kwargs)``, which must
return what ``func(netlytics.load(data), as_of=as_of, **kwargs)`` returns. Because every metric
is per seeker (docs/spec/METRICS.md section 3), an engine may compute one seeker at a time.

The pandas engine uses the same property on large data: above :data:`CHUNK_INTERACTIONS`
interactions, whole seekers are computed a chunk at a time with one ``as_of`` for all (the
latest timestamp of the whole data) and the results stacked. Every metric's rows are sorted by
seeker first, so the result is identical (tested), while the arrays stay cache-sized, memory
stays bounded and the cost grows linearly.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable

from netlytics._checks import check_choice
from netlytics.engines import ENGINES
from netlytics.errors import ParameterError

__all__ = ["dispatchable", "DISPATCHED", "CHUNK_INTERACTIONS", "factorize_runs", "seeker_chunks"]

#: Above this many interactions, the pandas engine computes whole seekers a chunk at a time.
CHUNK_INTERACTIONS = 1_000_000

#: Every function wearing :func:`dispatchable`, by qualified name (for tests and docs).
DISPATCHED: dict[str, Callable] = {}


def _with_engine_params(sig: inspect.Signature) -> inspect.Signature:
    params = [p for p in sig.parameters.values() if p.name not in ("engine", "scheduler")]
    extra = [
        inspect.Parameter("engine", inspect.Parameter.KEYWORD_ONLY, default="pandas", annotation="str"),
        inspect.Parameter("scheduler", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="str | None"),
    ]
    tail = [p for p in params if p.kind is inspect.Parameter.VAR_KEYWORD]
    body = [p for p in params if p.kind is not inspect.Parameter.VAR_KEYWORD]
    return sig.replace(parameters=[*body, *extra, *tail])


def _seeker_chunks(data):
    """Whole-seeker chunks of large loaded data, or None (small data, or not NetworkData)."""
    from netlytics.data import NetworkData

    if not isinstance(data, NetworkData) or len(data.interactions) <= CHUNK_INTERACTIONS:
        return None
    chunks = seeker_chunks(data, CHUNK_INTERACTIONS)
    return chunks if len(chunks) > 1 else None


def factorize_runs(column):
    """``pandas.factorize(column)``, found from runs of equal values when the column is grouped.

    A loaded cohort's seeker column holds each seeker's rows together. Its runs (pyarrow's run
    end encoding: one comparison of neighbours) are then its distinct values, in order of first
    appearance, which is what ``pandas.factorize`` returns, without a hash table: at 10M rows
    0.08 s instead of 0.5 s. Any other column (a value in two runs, an empty value, not Arrow
    text) is factorized by pandas.

    Parameters
    ----------
    column : Series
        A text column.

    Returns
    -------
    tuple of (ndarray, Index)
        The codes (int64; -1 for empty values) and the distinct values.

    See Also
    --------
    seeker_chunks : splits data by seeker with these codes.

    Examples
    --------
    >>> import pandas as pd
    >>> codes, uniques = factorize_runs(pd.Series(["b", "b", "a", "c", "c"], dtype="str"))
    >>> codes.tolist(), uniques.tolist()
    ([0, 0, 1, 2, 2], ['b', 'a', 'c'])
    >>> factorize_runs(pd.Series(["b", "a", "b"], dtype="str"))[0].tolist()  # not grouped: pandas
    [0, 1, 0]
    """
    import numpy as np
    import pandas as pd

    arrow = getattr(column.array, "__arrow_array__", None)
    if arrow is not None and isinstance(column.dtype, pd.StringDtype) and len(column):
        import pyarrow.compute as pc

        runs = pc.run_end_encode(arrow().combine_chunks())
        values = runs.values
        if values.null_count == 0 and len(values) <= 10_000:
            names = values.to_pylist()
            if len(set(names)) == len(names):  # every value in one run: grouped
                ends = runs.run_ends.to_numpy().astype("int64")
                codes = np.repeat(np.arange(len(names), dtype="int64"), np.diff(ends, prepend=0))
                return codes, pd.Index(names, dtype="str")
    codes, uniques = pd.factorize(column)
    return codes.astype("int64"), pd.Index(uniques)


def seeker_chunks(data, max_interactions: int) -> list:
    """``data`` split into groups of whole seekers, in sorted seeker order, each holding at most
    ``max_interactions`` interactions (a seeker with more is a chunk of its own).

    The chunks of :meth:`netlytics.data.NetworkData.seeker_chunks`, with whole columns at
    once: each table's seekers are factorized (one hash pass), mapped to their chunk, and the
    rows of a chunk taken in their input order; when a table is already grouped by chunk (sorted
    by seeker), the chunks are slices and nothing is copied. Rows whose seeker is none of the
    data's seekers are in no chunk.

    Parameters
    ----------
    data : NetworkData
        Loaded records.
    max_interactions : int
        The most interactions a chunk of several seekers holds.

    Returns
    -------
    list of NetworkData

    See Also
    --------
    netlytics.data.NetworkData.seeker_chunks : the same, as a container method.

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": ["B", "A", "B", "C"], "interaction_id": list("1234"),
    ...     "at": pd.to_datetime(["2025-01-06"] * 4, utc=True), "channel": "email",
    ...     "direction": "outbound", "kind": "message"})
    >>> [c.seekers for c in seeker_chunks(NetworkData(interactions=ix), 2)]
    [['A'], ['B'], ['C']]
    """
    import numpy as np
    import pandas as pd

    from netlytics.data import TABLE_NAMES, NetworkData

    # each table's seeker column factorized once; the seekers are every name in any table, sorted
    factorized = {name: factorize_runs(getattr(data, name)["seeker"]) for name in TABLE_NAMES}
    seekers = pd.Index(sorted(set().union(*(u.tolist() for _, u in factorized.values()))), dtype="str")
    place = {  # positions in ``seekers`` (-1: no seeker)
        name: np.append(seekers.get_indexer(uniques), -1)[codes]
        for name, (codes, uniques) in factorized.items()
    }
    pos = place["interactions"]
    counts = np.bincount(pos[pos >= 0], minlength=len(seekers))
    chunk, filled, current = [], 0, 0
    for n in counts.tolist():  # one step per seeker, not per row
        if filled and filled + n > max_interactions:
            current, filled = current + 1, 0
        chunk.append(current)
        filled += n
    chunk_of = np.array([*chunk, -1], dtype="int64")  # position -1 (no seeker) -> no chunk
    n_chunks = chunk[-1] + 1 if chunk else 0
    parts: list[dict] = [{} for _ in range(n_chunks)]
    for name in TABLE_NAMES:
        df = getattr(data, name)
        cid = chunk_of[place[name]]
        grouped = bool(np.all(cid[1:] >= cid[:-1]))
        order = None if grouped else np.argsort(cid.astype("int32"), kind="stable")
        bounds = np.searchsorted(cid if grouped else cid[order], np.arange(n_chunks + 1))
        for k in range(n_chunks):
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            part = df.iloc[lo:hi] if grouped else df.take(order[lo:hi])
            parts[k][name] = part.reset_index(drop=True)
    return [NetworkData(**tables) for tables in parts]


def _stacked(func: Callable, data, chunks: list, args: tuple, kwargs: dict):
    """``func`` on each chunk with the whole data's ``as_of``, stacked in seeker order."""
    import pandas as pd

    from netlytics.data import NetworkData

    kwargs = dict(kwargs)
    if kwargs.get("as_of") is None:
        kwargs["as_of"] = data.latest_timestamp()  # one as_of for the whole cohort
    parts = [func(chunk, *args, **kwargs) for chunk in chunks]
    meta = func(NetworkData(), *args, **kwargs)  # the dtypes of the result
    out = pd.concat(parts, ignore_index=True)
    return out.astype({c: t for c, t in meta.dtypes.items() if c in out.columns and out[c].dtype != t})


def dispatchable(func: Callable) -> Callable:
    """Give a per-seeker metric the ``engine=`` and ``scheduler=`` keyword arguments.

    Parameters
    ----------
    func : callable
        A metric ``func(data, *, as_of=None, ...)`` computed with pandas.

    Returns
    -------
    callable
        The metric, with ``engine="pandas"`` (compute here) or another name of
        :data:`netlytics.engines.ENGINES` (``"dask"``: ``data`` is then the folder of a Parquet
        store, :mod:`netlytics.store`), and ``scheduler`` (only with an engine other than pandas).

    Raises
    ------
    ParameterError
        (from the decorated function) for an unknown engine, or a scheduler with pandas.

    See Also
    --------
    netlytics.engines.dask.run_engine : the Dask engine.

    Examples
    --------
    >>> @dispatchable
    ... def count(data, *, as_of=None):
    ...     return len(data)
    >>> count([1, 2, 3])
    3
    >>> count([1], engine="dusk")
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: engine must be one of ['pandas', 'dask']; got 'dusk'. Did you mean 'dask'?
    """
    sig = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(data, *args, engine: str = "pandas", scheduler: str | None = None, **kwargs):
        check_choice("engine", engine, ENGINES)
        if engine == "pandas":
            if scheduler is not None:
                raise ParameterError("scheduler= only applies with engine='dask'.")
            chunks = _seeker_chunks(data)
            if chunks is None:
                return func(data, *args, **kwargs)
            return _stacked(func, data, chunks, args, kwargs)
        backend = importlib.import_module(f"netlytics.engines.{engine}")
        as_of = kwargs.pop("as_of", None)
        return backend.run_engine(wrapper, data, as_of=as_of, scheduler=scheduler, **kwargs)

    wrapper.__signature__ = _with_engine_params(sig)
    wrapper.__dispatchable__ = True
    DISPATCHED[f"{func.__module__}.{func.__qualname__}"] = wrapper
    return wrapper
