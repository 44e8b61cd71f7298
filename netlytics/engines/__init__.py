"""Execution engines for per-seeker metrics.

Every metric is computed per seeker, independently, for a given ``as_of``. The default engine
is pandas in this process. :mod:`netlytics.engines.dask` runs the same functions on Dask, one
seeker partition at a time, for cohorts that do not fit in one machine's memory.
"""

ENGINES = ("pandas", "dask")
