"""One way to choose an engine: the ``@dispatchable`` decorator every per-seeker metric wears.

In the spirit of networkx's ``_dispatchable``: the metric is written once, for pandas, on one
process; the decorator adds the keyword-only arguments ``engine`` and ``scheduler`` and, when
another engine is asked for, imports that engine's module (``netlytics.engines.<engine>``) and
hands it the metric. Nothing here imports an engine, a loader or a third-party package: an
engine is loaded only when it is asked for.

An engine module exposes ``run_engine(func, data, *, as_of, scheduler, **kwargs)``, which must
return what ``func(netlytics.load(data), as_of=as_of, **kwargs)`` returns. Because every metric
is per seeker (docs/spec/METRICS.md section 3), an engine may compute one seeker at a time.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable

from netlytics._checks import check_choice
from netlytics.engines import ENGINES
from netlytics.errors import ParameterError

__all__ = ["dispatchable", "DISPATCHED"]

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
            return func(data, *args, **kwargs)
        backend = importlib.import_module(f"netlytics.engines.{engine}")
        as_of = kwargs.pop("as_of", None)
        return backend.run_engine(wrapper, data, as_of=as_of, scheduler=scheduler, **kwargs)

    wrapper.__signature__ = _with_engine_params(sig)
    wrapper.__dispatchable__ = True
    DISPATCHED[f"{func.__module__}.{func.__qualname__}"] = wrapper
    return wrapper
