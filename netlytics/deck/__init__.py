"""Workshop decks: PowerPoint slides of the evidence, for one seeker or a cohort.

``netlytics slides PATH -o deck.pptx`` (and ``--cohort`` for a folder of clients) calls
:func:`write_deck`. A seeker's deck has a title slide, the scorecard as a table, one slide per
mistake with its chart and the key number in large type, and speaker notes that explain how to
read each chart (the figure registry's captions). A cohort's deck has "who needs attention" as
a native table. Doughnut, stacked columns, lines and bar charts are native, editable chart
objects in the workshop palette; Kaplan-Meier curves, the calendar heatmap and the network are
PNG images. People are pseudonymised by default (theme ``"workshop"``).

Modules: :mod:`~netlytics.deck.content` and :mod:`~netlytics.deck.cohort` (what goes on each
slide), :mod:`~netlytics.deck.native` (python-pptx drawing), :mod:`~netlytics.deck.build`
(rendering and writing).
"""

from __future__ import annotations

from netlytics.deck.build import deck_slides, render, write_deck
from netlytics.deck.content import Slide

__all__ = ["Slide", "deck_slides", "render", "write_deck"]
