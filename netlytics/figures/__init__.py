"""Figures: each takes a metric's table and returns a :class:`plotly.graph_objects.Figure`.

Every figure function takes the table first and, keyword-only, ``title=``, ``labels=`` (column or
value name -> display text, as plotly express's ``labels=``) and ``template=`` (``None``,
``"default"``, ``"workshop"``, a :class:`~netlytics.figures.theme.Theme` or any plotly template).
None calls ``show()``. An empty table gives a figure with a "No data to show" annotation.
Figures aggregate (per day, week, application, contact or seeker) and never draw a point per
interaction, so they stay small for large inputs. See docs/figures.md for the list.

:mod:`netlytics.figures.registry` lists every figure as a :class:`FigureSpec` (the metric table it
draws, taken from the shared measures, its section and its "how to read this" caption); the
reports, chart export, notebooks and decks loop over :data:`SPECS`.
"""

from __future__ import annotations

from netlytics.figures._common import NO_DATA, pseudonyms
from netlytics.figures.applying import plot_applying_timeline
from netlytics.figures.cadence import plot_cadence, plot_calendar
from netlytics.figures.channel import plot_channel_mix, plot_channel_weekly
from netlytics.figures.cohort import attention, plot_attention, plot_small_multiples
from netlytics.figures.followup import open_loop_rows, plot_km, plot_open_loops
from netlytics.figures.network import plot_network
from netlytics.figures.outcomes import plot_outcomes
from netlytics.figures.reciprocity import plot_give_share, plot_reciprocity
from netlytics.figures.registry import SPECS, FigureSpec, draw
from netlytics.figures.scorecard import plot_scorecard
from netlytics.figures.standing import plot_cohort_trend, plot_strips
from netlytics.figures.theme import CHANNEL_COLORS, STATUS_COLORS, THEMES, Theme, apply_layout, get_theme

__all__ = [
    "SPECS",
    "FigureSpec",
    "draw",
    "NO_DATA",
    "CHANNEL_COLORS",
    "STATUS_COLORS",
    "THEMES",
    "Theme",
    "apply_layout",
    "get_theme",
    "pseudonyms",
    "attention",
    "open_loop_rows",
    "plot_applying_timeline",
    "plot_attention",
    "plot_cadence",
    "plot_calendar",
    "plot_channel_mix",
    "plot_channel_weekly",
    "plot_cohort_trend",
    "plot_give_share",
    "plot_km",
    "plot_network",
    "plot_open_loops",
    "plot_outcomes",
    "plot_reciprocity",
    "plot_scorecard",
    "plot_small_multiples",
    "plot_strips",
]
