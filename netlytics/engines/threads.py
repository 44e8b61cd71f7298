"""Independent pieces of one computation on the machine's cores, with threads.

The pandas engine is one process. Much of its work on large data runs in numpy's sorts and
gathers and in pyarrow's kernels, which release the GIL, so two threads finish independent
pieces (filtering the columns of a table, factorizing its text columns, the touches and the
follow-up timeline of one window) in less wall time than one. Results do not depend on the
threads: every piece is a pure function of its input, and the pieces are put back in order.

Small inputs stay on the calling thread (handing work to a thread costs more than it saves),
and so does work started from a worker thread (no nesting, so no pool can wait on itself).
``NETLYTICS_THREADS=1`` turns the threads off; ``NETLYTICS_THREADS=n`` allows ``n``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

__all__ = ["MIN_ROWS", "pcall", "pmap", "threads"]

#: inputs with fewer rows than this run on the calling thread
MIN_ROWS = 100_000

_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()
_local = threading.local()


def threads() -> int:
    """How many threads a computation may use: ``NETLYTICS_THREADS``, else the cores (at most 4).

    Examples
    --------
    >>> threads() >= 1
    True
    """
    raw = os.environ.get("NETLYTICS_THREADS", "").strip()
    if raw.isdigit() and int(raw) >= 1:
        return int(raw)
    return max(1, min(4, os.cpu_count() or 1))


def _executor(n: int) -> ThreadPoolExecutor:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != n:  # first use, or the setting changed
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="netlytics")
            _pool_size = n
        return _pool


def _in_worker(fn: Callable, item):
    _local.worker = True
    try:
        return fn(item)
    finally:
        _local.worker = False


def pmap(fn: Callable, items: Iterable, *, rows: int) -> list:
    """``[fn(item) for item in items]``, on several threads when ``rows`` is large.

    Parameters
    ----------
    fn : callable
        A function of one item that does not modify shared state.
    items : iterable
        The pieces of work.
    rows : int
        The size of the input (rows of the table the pieces come from): below
        :data:`MIN_ROWS` every piece runs on the calling thread.

    Returns
    -------
    list
        The results, in the order of ``items``; the first exception raised by a piece is
        raised here.

    Examples
    --------
    >>> pmap(lambda x: x * x, [1, 2, 3], rows=10)
    [1, 4, 9]
    >>> pmap(lambda x: x * x, range(5), rows=10**6)
    [0, 1, 4, 9, 16]
    """
    items = list(items)
    n = threads()
    if rows < MIN_ROWS or n < 2 or len(items) < 2 or getattr(_local, "worker", False):
        return [fn(item) for item in items]
    pool = _executor(n)
    # the calling thread takes the first piece itself while the pool runs the others
    futures: list[Future] = [pool.submit(_in_worker, fn, item) for item in items[1:]]
    try:
        first = fn(items[0])
        return [first, *(f.result() for f in futures)]
    finally:
        for f in futures:
            f.cancel()  # after an error or an interrupt: drop the pieces not started


def pcall(jobs: Iterable[Callable[[], object]], *, rows: int) -> list:
    """``[job() for job in jobs]``, side by side when ``rows`` is large (see :func:`pmap`).

    Parameters
    ----------
    jobs : iterable of callables
        Functions of no argument that do not modify shared state.
    rows : int
        The size of their input (below :data:`MIN_ROWS`: one after the other, here).

    Returns
    -------
    list
        The results, in the order of ``jobs``.

    Examples
    --------
    >>> pcall([lambda: "touches", lambda: "timeline"], rows=10)
    ['touches', 'timeline']
    """
    return pmap(_call, jobs, rows=rows)


def _call(job: Callable[[], object]):
    return job()
