"""Compatibility alias: :mod:`netlytics.metrics.ties` (moved there; computed without networkx)."""

from netlytics.metrics.ties import *  # noqa: F403
from netlytics.metrics.ties import __all__  # noqa: F401
