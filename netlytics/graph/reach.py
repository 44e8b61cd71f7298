"""Compatibility alias: :mod:`netlytics.metrics.reach` (moved there; computed without networkx)."""

from netlytics.metrics.reach import *  # noqa: F403
from netlytics.metrics.reach import __all__  # noqa: F401
