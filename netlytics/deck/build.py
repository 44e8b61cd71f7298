"""Draw a slide plan into a PowerPoint file (python-pptx) and write it.

:func:`write_deck` is what ``netlytics slides`` calls: it pseudonymises the data when the theme
says so (:func:`netlytics.report.html.shown_data`), makes the slide plan
(:mod:`netlytics.deck.content`, :mod:`netlytics.deck.cohort`), renders the figures PowerPoint
cannot draw natively (Kaplan-Meier, calendar heatmap, network) as PNG through ONE kaleido
browser session (:func:`netlytics.report.charts.image_session`), and saves the deck atomically.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pptx import Presentation
from pptx.enum.chart import XL_TICK_LABEL_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from netlytics._sanitize import sanitize
from netlytics.data import TABLE_NAMES, NetworkData
from netlytics.deck.content import Slide
from netlytics.deck.native import (
    FONT,
    SLIDE_SIZE,
    add_chart,
    add_image,
    add_key_number,
    add_line_overlay,
    add_table,
    add_text,
    rgb,
)
from netlytics.errors import ParameterError

__all__ = ["IMAGE_SIZE", "deck_slides", "render", "write_deck"]

PathLike = str | os.PathLike

#: PNG size (width, height) in CSS pixels of the figures drawn as images (the chart area's
#: ratio), rendered at twice that resolution.
IMAGE_SIZE: tuple[int, int] = (1100, 725)

# layout (inches): chart area on the left, key number on the right
_TITLE_BOX = (0.5, 0.3, 12.3, 1.0)
_CHART_BOX = (0.5, 1.4, 8.8, 5.8)
_WIDE_BOX = (0.5, 1.4, 12.3, 5.8)
_KEY_BOX = (9.5, 2.4, 3.4, 3.6)


def _heading(slide, text: str) -> None:
    shape = add_text(slide, text, _TITLE_BOX, size=30, bold=True)
    shape.name = "Title"


def _draw_title(prs, s: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = s.title
    slide.placeholders[1].text = s.subtitle
    for shape in (slide.shapes.title, slide.placeholders[1]):
        for para in shape.text_frame.paragraphs:
            for run in para.runs:
                run.font.name = FONT
                run.font.color.rgb = rgb("#000000")
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(40)
    slide.notes_slide.notes_text_frame.text = s.notes


def _finish_chart(slide, chart, s: Slide, box) -> None:
    """The extras of a native chart: a line over bars, back-to-back bars, a doughnut's centre."""
    if s.line:
        add_line_overlay(
            chart,
            color=s.line["color"],
            secondary=s.line.get("secondary", False),
            dashed=s.line.get("dashed", False),
        )
    if s.diverging:
        chart.plots[0].overlap = 100
        chart.plots[0].gap_width = 40
        chart.value_axis.tick_labels.number_format = "0;0"  # receives drawn left, labelled positive
        chart.value_axis.tick_labels.number_format_is_linked = False
        chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # names left of the bars
    if s.center:
        left, top, width, height = box
        shape = add_text(
            slide,
            s.center,
            (left + width / 2 - 1.1, top + (height - 0.9) / 2 - 0.75, 2.2, 1.2),
            size=24,
            bold=True,
            align=PP_ALIGN.CENTER,
        )
        shape.name = "Doughnut centre"


def _draw(prs, s: Slide, png: bytes | None) -> None:
    if s.kind == "title":
        _draw_title(prs, s)
        return
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _heading(slide, s.title)
    box = _CHART_BOX if s.key else _WIDE_BOX
    if s.kind == "native" and not s.categories:
        add_text(
            slide,
            "No data to show for this chart.",
            (box[0], box[1] + 2.5, box[2], 1.0),
            size=24,
            color="#555555",
        ).name = "No data"
    elif s.kind == "native":
        chart = add_chart(
            slide,
            s.chart,
            s.categories,
            s.series,
            box,
            colors=s.colors,
            point_colors=s.point_colors,
            number_format=s.number_format,
            legend=len(s.series) > 1 or s.chart == "donut",
        )
        chart.has_title = False
        _finish_chart(slide, chart, s, box)
    elif s.kind == "image":
        add_image(slide, png, box)
    elif s.kind == "table":
        add_table(slide, s.rows, box, header=s.header, status_columns=s.status_columns)
    if s.key:
        add_key_number(slide, s.key[0], s.key[1], _KEY_BOX)
    slide.notes_slide.notes_text_frame.text = s.notes


def _images(slides: Sequence[Slide], progress) -> dict[int, bytes]:
    """PNG bytes of every image slide, through one kaleido browser session."""
    wanted = [(i, s) for i, s in enumerate(slides) if s.kind == "image"]
    if not wanted:
        return {}
    import plotly.io as pio

    from netlytics.figures.theme import image_size
    from netlytics.report.charts import image_session

    out = {}
    with image_session(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
        for i, s in wanted:
            if progress is not None:
                progress(s.name)
            fig = s.figure
            height = IMAGE_SIZE[1] if not fig.layout.height else max(IMAGE_SIZE[1], fig.layout.height)
            lw, lh, scale = image_size(fig, IMAGE_SIZE[0], height)
            out[i] = pio.to_image(fig, format="png", width=lw, height=lh, scale=2 * scale)
    return out


def render(slides: Sequence[Slide], *, progress: Callable[[str], object] | None = None):
    """A :class:`pptx.presentation.Presentation` with one slide per :class:`Slide`.

    Parameters
    ----------
    slides
        The slide plan (:func:`deck_slides`).
    progress
        Called with each image's name before it is rendered.

    Returns
    -------
    pptx.presentation.Presentation
        The deck, not yet saved.

    Raises
    ------
    OutputError
        No headless browser for the PNG figures.

    See Also
    --------
    write_deck : plan, render and save in one call.
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_SIZE
    pngs = _images(slides, progress)
    for i, s in enumerate(slides):
        _draw(prs, s, pngs.get(i))
    prs.core_properties.title = slides[0].title if slides else "netlytics"
    prs.core_properties.author = "netlytics"
    return prs


def deck_slides(
    data: NetworkData,
    *,
    cohort: bool | None = None,
    as_of=None,
    theme="workshop",
    title: str | None = None,
    weeks: int = 8,
) -> list[Slide]:
    """The slide plan for ``data`` as it will be shown (pseudonymised under the workshop theme).

    Parameters
    ----------
    data
        One seeker, or a cohort.
    cohort
        True for the cohort deck; default: True when ``data`` has several seekers.
    as_of
        Date the deck looks from; default the latest timestamp in the data.
    theme
        ``"workshop"`` (pseudonymised people) or ``"default"`` (names as loaded).
    title
        The title slide's heading.
    weeks
        Weeks in the cohort trend.

    Returns
    -------
    list of Slide
        The plan: what each slide shows, its key number and notes.

    Raises
    ------
    ParameterError
        An unknown theme, or several seekers with ``cohort=False``.

    See Also
    --------
    render : draws the plan.

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({"seeker": "Ana", "interaction_id": ["1", "2"], "contact_id": ["ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04"], utc=True), "channel": ["email", "video"],
    ...     "direction": "outbound", "kind": "message"})
    >>> [(s.name, s.key[0] if s.key else "") for s in deck_slides(NetworkData(interactions=ix))][:3]
    [('title', ''), ('scorecard', ''), ('channel_mix', '50%')]
    """
    from netlytics.deck.cohort import cohort_slides
    from netlytics.deck.content import seeker_slides
    from netlytics.metrics._common import as_data, resolve_as_of
    from netlytics.report.html import check_theme, shown_data

    data = as_data(data)
    check_theme(theme)
    shown = shown_data(data, theme=theme)
    # text PowerPoint's XML cannot hold (U+FFFE, lone surrogates, control characters) goes first
    shown = shown.replace(**{name: sanitize(getattr(shown, name), "pptx") for name in TABLE_NAMES})
    as_of = resolve_as_of(shown, as_of)
    if cohort is None:
        cohort = len(shown.seekers) > 1
    if not cohort and len(shown.seekers) > 1:
        raise ParameterError(
            f"A seeker's deck is for one seeker; the data has {len(shown.seekers)}.",
            hint="Add --cohort for a cohort deck, or load one seeker's files.",
        )
    if cohort:
        return cohort_slides(shown, as_of=as_of, title=title, weeks=weeks)
    return seeker_slides(shown, as_of=as_of, title=title)


def write_deck(
    data: NetworkData,
    path: PathLike,
    *,
    cohort: bool | None = None,
    as_of=None,
    theme="workshop",
    title: str | None = None,
    weeks: int = 8,
    inputs: Iterable[PathLike] | None = None,
    progress: Callable[[str], object] | None = None,
) -> Path:
    """Write a workshop deck (PowerPoint ``.pptx``) for one seeker or a cohort.

    Parameters
    ----------
    data
        The loaded data: one seeker (:func:`netlytics.load`) or a cohort
        (:func:`netlytics.load_cohort`).
    path
        The ``.pptx`` file to write (atomically).
    cohort, as_of, theme, title, weeks
        See :func:`deck_slides`.
    inputs
        Paths the data was loaded from: never overwritten.
    progress
        Called with each image's name before it is rendered.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ParameterError
        ``path`` does not end in ``.pptx``, an unknown theme, or several seekers without
        ``cohort``.
    OutputError
        No headless browser for the PNG figures, or the file cannot be written.

    See Also
    --------
    netlytics.report.export_charts : every chart as a PNG, SVG or HTML file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from pptx import Presentation
    >>> ix = pd.DataFrame({"seeker": "Ana", "interaction_id": [str(i) for i in range(6)],
    ...     "contact_id": ["ben", "cy", "dee", "ben", "cy", "ben"],
    ...     "at": pd.date_range("2025-03-03", periods=6, freq="D", tz="UTC"),
    ...     "channel": ["email", "email", "in_person", "video", "email", "phone"],
    ...     "direction": "outbound", "kind": "message"})
    >>> out = write_deck(NetworkData(interactions=ix), pathlib.Path(tempfile.mkdtemp()) / "deck.pptx")
    >>> deck = Presentation(str(out))
    >>> len(deck.slides), deck.slides[0].shapes.title.text
    (9, 'Networking evidence: Client 01')
    """
    from netlytics.export import atomic_write

    path = Path(path)
    if path.suffix.lower() != ".pptx":
        raise ParameterError(
            f"A deck is a PowerPoint file; got {str(path)!r} (suffix {path.suffix!r}).",
            hint="Give a path ending in .pptx, e.g. deck.pptx.",
        )
    slides = deck_slides(data, cohort=cohort, as_of=as_of, theme=theme, title=title, weeks=weeks)
    prs = render(slides, progress=progress)
    return atomic_write(path, lambda tmp: prs.save(str(tmp)), inputs=inputs)
