"""Metric functions: canonical tables in, tidy DataFrames out (docs/spec/METRICS.md 2 to 5b).

A metric knows the canonical tables and nothing about files, engines or figures. Every metric
is computed per seeker, independently, as of an explicit ``as_of`` and over an optional scoring
period starting at ``since``; every one has the shape
``f(data, *, as_of=None, since=None, engine="pandas", ...)``. :class:`Measures` computes them
all once for a report, a deck or the plan.

The functions live in their modules (``netlytics.metrics.channel.channel_mix``...) and are
re-exported lazily by the top-level package (``netlytics.channel_mix``); this package imports
nothing, so that importing a metric loads no loader, no engine and no plotting library.
"""
