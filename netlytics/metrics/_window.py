"""The data one computation looks at: the records, ``as_of``, ``since`` and their touches.

A :class:`Window` is built once per call of a public metric (or once for all of them, by
:class:`~netlytics.metrics.measures.Measures`) and handed explicitly to the private cores of the
metric modules, so that touches are integer-coded once and shared, without any hidden cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlytics.data import NetworkData
from netlytics.metrics._common import _rows_of, as_data, resolve_as_of, resolve_since, since_filter, until
from netlytics.metrics.touches import Codes, TouchArrays, _touch_arrays, _touch_frame, interaction_codes

__all__ = ["Window", "scope"]


@dataclass(eq=False)
class Window:
    """Records in the scoring period, with ``as_of`` resolved and touches computed on demand.

    Attributes
    ----------
    data : NetworkData
        Interactions and applications at or after ``since`` (contacts whole); when built with
        ``cut=True`` also at or before ``as_of``.
    as_of : Timestamp or None
        The resolved ``as_of`` (None only for data without any timestamp).
    since : Timestamp or None
        The start of the scoring period (None: all history).
    seekers : list of str
        Every seeker of the data before filtering (a seeker quiet in the period keeps a row).
    """

    data: NetworkData
    as_of: pd.Timestamp | None
    since: pd.Timestamp | None
    seekers: list[str] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def codes(self) -> Codes:
        """The interactions' text columns as integer codes (factorized once)."""
        if "codes" not in self._cache:
            self._cache["codes"] = interaction_codes(self.data.interactions)
        return self._cache["codes"]

    @property
    def ta(self) -> TouchArrays:
        """Every touch of :attr:`data`, integer-coded (computed once)."""
        if "ta" not in self._cache:
            self._cache["ta"] = _touch_arrays(self.data.interactions, self.codes)
        return self._cache["ta"]

    def timeline(self):
        """The interactions up to ``as_of`` in time order (one sort, shared; see
        :func:`netlytics.metrics.followup.timeline`)."""
        if "timeline" not in self._cache:
            from netlytics.metrics.followup import timeline

            self._cache["timeline"] = timeline(self.data.interactions, self.as_of, self.codes)
        return self._cache["timeline"]

    def prepare(self) -> Window:
        """Compute the codes, then the touches and the timeline side by side (two threads on
        large data; see :func:`netlytics.engines.threads.pmap`): the scorecard and the
        summary need both. Returns the window."""
        from netlytics.engines.threads import pcall

        self.codes  # noqa: B018 - both pieces read the codes: computed once, first
        jobs = [lambda: self.ta]
        if self.as_of is not None and "timeline" not in self._cache:
            jobs.append(self.timeline)
        pcall(jobs, rows=len(self.data.interactions))
        return self

    def shared(self, key: tuple, compute):
        """A table derived from this window, computed once per ``key`` (a tuple naming the
        function and its arguments) and shared by every metric of the window: the scorecard
        and the applying table both need the per-application table, the reciprocity table and
        its summary both need the gift pairs. Callers must not modify the result."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def until_mask(self) -> np.ndarray:
        """Touches at or before ``as_of`` (all when ``as_of`` is None)."""
        ta = self.ta
        if self.as_of is None:
            return np.ones(len(ta.at), dtype=bool)
        return ta.at <= self.as_of.value

    def touch_frame(self) -> pd.DataFrame:
        """The touches table (contract of :func:`~netlytics.metrics.touches.touches`) up to as_of."""
        if "frame" not in self._cache:
            frame = _touch_frame(self.ta)
            if self.as_of is not None and len(frame):
                frame = frame[self.until_mask()].reset_index(drop=True)
            self._cache["frame"] = frame
        return self._cache["frame"].copy(deep=False)  # callers may add columns


def scope(
    data, as_of=None, since=None, *, default_year: bool = False, cut: bool = False, columns=None
) -> Window:
    """Resolve ``data``, ``as_of`` and ``since`` into a :class:`Window`.

    ``as_of`` is resolved on the whole data (the latest timestamp anywhere), then ``since``
    (see :func:`~netlytics.metrics._common.resolve_since`) filters interactions and
    applications. ``cut=True`` also leaves out everything after ``as_of``. ``columns``: keep
    only these interaction columns (those present), for a caller that reads no others: the
    filtered copy is smaller.
    """
    if isinstance(data, Window):
        return data
    data = as_data(data)
    seekers = data.seekers
    as_of = resolve_as_of(data, as_of)
    if columns is not None:  # not data.replace: that would add the other columns back, empty
        ix = data.interactions
        data = _rows_of(data, ix[[c for c in ix.columns if c in set(columns)]], data.applications)
    since = resolve_since(since, as_of, default_year=default_year)
    data = since_filter(data, since)
    if cut:
        data = until(data, as_of)
    return Window(data, as_of, since, seekers)
