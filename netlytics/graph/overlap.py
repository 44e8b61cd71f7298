"""Compatibility alias: :mod:`netlytics.metrics.overlap` (moved there; computed without networkx)."""

from netlytics.metrics.overlap import *  # noqa: F403
from netlytics.metrics.overlap import __all__  # noqa: F401
