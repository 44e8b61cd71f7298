"""Every measure of one analysis, computed once and passed explicitly.

A report, a deck, a notebook or the plan needs the same tables many times: the touches, the
follow-up triggers, the tie strengths. :class:`Measures` computes each of them once, from one
``data``, one ``as_of`` and one scoring period, on first use, and hands them to figures and
composers explicitly (no hidden cache). docs/spec/METRICS.md sections 3, 4, 5 and 5b.

>>> import pandas as pd
>>> from netlytics.data import NetworkData
>>> ix = pd.DataFrame({
...     "seeker": "Ana", "interaction_id": ["1", "2"], "contact_id": ["bo", "bo"],
...     "at": pd.to_datetime(["2026-03-02", "2026-03-03"], utc=True), "channel": ["video", "email"],
...     "direction": ["inbound", "outbound"], "kind": ["meeting", "thank_you"]})
>>> m = Measures.compute(NetworkData(interactions=ix))
>>> m.period_label
'the last 12 months: 3 Mar 2025 to 3 Mar 2026'
>>> m.touches["channel"].tolist()
['video', 'email']
>>> m.follow_up[["trigger", "response_id", "on_time"]].values.tolist()
[['thank_you', '2', True]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TypeVar

import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics._common import period_label
from netlytics.metrics._window import Window, scope
from netlytics.metrics.followup import STALE_DAYS, check_stale_days

__all__ = ["Measures"]

T = TypeVar("T")


class Measures:
    """The tables of one analysis: ``data``, ``as_of`` and the scoring period, computed lazily.

    Build it with :meth:`compute`. Every attribute below is computed on first use and kept;
    the metric functions compute the same tables (tested), this object only avoids computing
    them twice.

    Parameters
    ----------
    window : Window
        The records of the period (built by :meth:`compute`).
    data : NetworkData
        The data as given.
    stale_days : float, default 60
        As in :func:`netlytics.metrics.followup.follow_up`.
    thresholds : dict, optional
        Scorecard threshold overrides.

    Attributes
    ----------
    data : NetworkData
        The data as given (all history, all seekers).
    as_of : Timestamp or None
        The moment the analysis looks from (default: the latest timestamp in the data).
    since : Timestamp or None
        Start of the scoring period (None: all history).
    period_label : str
        The period in words, e.g. "the last 12 months: 7 Dec 2025 to 7 Dec 2026".
    stale_days : float
        Unanswered triggers older than this are stale.
    touches, channel_mix, channel_weekly, channel_summary, cadence, cadence_summary, applying,
    reciprocity, reciprocity_summary, follow_up, follow_up_summary, km_curves, outcomes,
    scorecard, summary, ties, tie_summary, company_reach : DataFrame
        The metric tables of the period (``channel_weekly`` is ``channel_mix(freq="W")``;
        ``applying`` is ``networked_before_applying``; ``ties`` is ``tie_strength``).

    See Also
    --------
    netlytics.metrics.scorecard.scorecard : the scorecard on its own.
    netlytics.metrics.summary.summary : the coach's table on its own.
    """

    def __init__(
        self,
        window: Window,
        data: NetworkData,
        *,
        stale_days: float = STALE_DAYS,
        thresholds: Mapping[str, float] | None = None,
    ) -> None:
        from netlytics.metrics.scorecard import resolve_thresholds

        self._w = window
        self.data = data
        self.as_of = window.as_of
        self.since = window.since
        self.stale_days = check_stale_days(stale_days)
        self.thresholds = resolve_thresholds(thresholds)
        self._memo: dict[str, object] = {}

    @classmethod
    def compute(
        cls,
        data,
        *,
        as_of=None,
        since=None,
        stale_days: float = STALE_DAYS,
        thresholds: Mapping[str, float] | None = None,
    ) -> Measures:
        """Measures of ``data`` at ``as_of`` over the scoring period.

        Parameters
        ----------
        data : NetworkData or DataFrame
            The loaded records (:func:`netlytics.load`), or an interactions table.
        as_of : timestamp-like, optional
            Default: the latest timestamp in the data.
        since : timestamp-like, "all" or None
            Default (None): the last 12 months (``as_of - 365 days``); ``"all"``: all history.
        stale_days : float, default 60
            As in :func:`netlytics.metrics.followup.follow_up`.
        thresholds : dict, optional
            Scorecard threshold overrides.

        Returns
        -------
        Measures

        Raises
        ------
        ParameterError
            For a bad ``as_of``, ``since``, ``stale_days`` or threshold.

        See Also
        --------
        for_seeker : the measures of one seeker.
        """
        from netlytics.metrics._common import as_data

        data = as_data(data)
        window = scope(data, as_of, since, default_year=True, cut=True)
        return cls(window, data, stale_days=stale_days, thresholds=thresholds)

    def __repr__(self) -> str:
        return f"Measures({len(self._w.seekers)} seeker(s), {self.period_label})"

    @property
    def window(self) -> Window:
        """The records of the period (interactions and applications in ``[since, as_of]``)."""
        return self._w

    @property
    def seekers(self) -> list[str]:
        """Every seeker of the data, sorted."""
        return list(self._w.seekers)

    @cached_property
    def period_label(self) -> str:
        return period_label(self.as_of, self.since)

    def for_seeker(self, name: str) -> Measures:
        """The measures of one seeker (same ``as_of``, period and thresholds).

        Parameters
        ----------
        name : str
            A seeker of the data.

        Returns
        -------
        Measures

        Raises
        ------
        ParameterError
            When ``name`` is not a seeker of the data (with a suggestion).

        See Also
        --------
        compute : the measures of every seeker.
        """
        from netlytics._checks import check_choice

        check_choice("seeker", name, self.seekers, what="is not in the data")
        one = (
            self._w.data.for_seekers([name]) if name in self._w.data.seekers else self._w.data.for_seekers([])
        )
        window = Window(one, self.as_of, self.since, [name])
        return Measures(
            window, self.data.for_seekers([name]), stale_days=self.stale_days, thresholds=self.thresholds
        )

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A value derived from these measures, computed once per object and ``key``.

        For composers (the plan, a report) that build the same derived table from several
        places: the first call with ``key`` runs ``compute()`` and keeps its result; every
        later call with the same key returns that same object without calling ``compute``.
        The value lives as long as this object, so it is tied to its data, ``as_of`` and period
        (:meth:`for_seeker` makes a new object with an empty memo).

        Parameters
        ----------
        key : str
            The name of the value; use a prefix of your package, e.g. ``"plan.context"``.
        compute : callable
            Called without arguments, at most once per key, to make the value.

        Returns
        -------
        object
            What ``compute()`` returned (the first time), or the kept value.

        Raises
        ------
        ParameterError
            When ``key`` is not a non-empty string or ``compute`` is not callable.

        See Also
        --------
        compute : build the measures.

        Examples
        --------
        >>> from netlytics.data import NetworkData
        >>> m = Measures.compute(NetworkData())
        >>> calls = []
        >>> m.memo("demo.answer", lambda: calls.append(1) or 42)
        42
        >>> m.memo("demo.answer", lambda: calls.append(1) or 43), len(calls)
        (42, 1)
        """
        if not isinstance(key, str) or not key:
            raise ParameterError(f"memo key must be a non-empty string; got {key!r}.")
        if key not in self._memo:
            if not callable(compute):
                raise ParameterError(f"memo compute must be callable; got {type(compute).__name__}.")
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    # --- the tables ------------------------------------------------------------------------

    @cached_property
    def touches(self) -> pd.DataFrame:
        return self._w.touch_frame()

    @cached_property
    def channel_mix(self) -> pd.DataFrame:
        from netlytics.metrics.channel import _channel_mix

        return _channel_mix(self._w, None)

    @cached_property
    def channel_weekly(self) -> pd.DataFrame:
        from netlytics.metrics.channel import _channel_mix

        return _channel_mix(self._w, "W")

    @cached_property
    def channel_summary(self) -> pd.DataFrame:
        from netlytics.metrics.channel import _channel_summary

        return _channel_summary(self._w)

    @cached_property
    def cadence(self) -> pd.DataFrame:
        from netlytics.metrics.cadence import _cadence
        from netlytics.metrics.scorecard import WINDOW_WEEKS

        return _cadence(self._w, WINDOW_WEEKS)

    @cached_property
    def cadence_summary(self) -> pd.DataFrame:
        from netlytics.metrics.cadence import _cadence_summary
        from netlytics.metrics.scorecard import WINDOW_WEEKS

        return _cadence_summary(self._w, WINDOW_WEEKS)

    @cached_property
    def applying(self) -> pd.DataFrame:
        from netlytics.metrics.applying import _networked
        from netlytics.metrics.scorecard import WINDOW_DAYS

        return _networked(self._w, pd.Timedelta(days=WINDOW_DAYS))

    @cached_property
    def reciprocity(self) -> pd.DataFrame:
        from netlytics.metrics.reciprocity import DEFAULT_WEIGHTS, _reciprocity

        return _reciprocity(self._w, dict(DEFAULT_WEIGHTS))

    @cached_property
    def reciprocity_summary(self) -> pd.DataFrame:
        from netlytics.metrics.reciprocity import DEFAULT_WEIGHTS, _reciprocity_summary

        return _reciprocity_summary(self._w, dict(DEFAULT_WEIGHTS))

    @cached_property
    def follow_up(self) -> pd.DataFrame:
        from netlytics.metrics.followup import _follow_up

        return _follow_up(self._w, self.stale_days)

    @cached_property
    def follow_up_summary(self) -> pd.DataFrame:
        from netlytics.metrics.followup import summarise_follow_up

        return summarise_follow_up(self.follow_up, as_of=self.as_of, seekers=self.seekers)

    @cached_property
    def km_curves(self) -> pd.DataFrame:
        from netlytics.metrics.km import km_curves

        return km_curves(self.follow_up)

    @cached_property
    def outcomes(self) -> pd.DataFrame:
        from netlytics.metrics.outcomes import _outcomes

        return _outcomes(self._w)

    @cached_property
    def ties(self) -> pd.DataFrame:
        from netlytics.metrics.ties import _tie_strength

        return _tie_strength(self._w)

    @cached_property
    def tie_summary(self) -> pd.DataFrame:
        from netlytics.metrics.ties import summarise_ties

        return summarise_ties(self._w, self.ties)

    @cached_property
    def company_reach(self) -> pd.DataFrame:
        from netlytics.metrics.reach import _company_reach

        return _company_reach(self._w, self.ties)

    @cached_property
    def _inputs(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        from netlytics.metrics.scorecard import scorecard_inputs

        return scorecard_inputs(self._w, stale_days=self.stale_days, fu=self.follow_up)

    @cached_property
    def scorecard(self) -> pd.DataFrame:
        from netlytics.metrics.scorecard import score_rows

        return score_rows(self._inputs[0], self.thresholds)

    @cached_property
    def summary(self) -> pd.DataFrame:
        from netlytics.metrics.summary import summary_from_measures

        wide, fu = self._inputs
        return summary_from_measures(self._w, wide, fu, thresholds=self.thresholds, ties=self.ties)
