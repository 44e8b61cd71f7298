"""Metric functions: canonical tables in, tidy DataFrames out (METRICS.md sections 2 and 3).

A metric knows the canonical tables and nothing about files or figures. Every metric is
computed per seeker, independently; time-dependent ones take an explicit ``as_of``.
"""
