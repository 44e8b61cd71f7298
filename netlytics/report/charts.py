"""Every chart as a file, for slides: PNG, SVG (through kaleido and the system Chromium) or HTML.

:func:`export_charts` draws every figure that fits the data (the seeker's charts; for several
seekers also the cohort views) and writes one file per chart into a folder. PNG and SVG images
come from ONE kaleido browser session, started once and reused for every image
(``kaleido.start_sync_server`` ... ``plotly.io.write_image`` ... ``kaleido.stop_sync_server``).
HTML charts share one ``plotly.min.js`` written beside them (offline, no CDN).

The workshop theme (the default here) pseudonymises the data before drawing (clients become
"Client 01", contacts "Contact 0042", consistently across charts and in the advice sentences).
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from netlytics.data import NetworkData
from netlytics.errors import OutputError

__all__ = ["CHART_FORMATS", "IMAGE_SIZE", "chart_figures", "export_charts"]

PathLike = str | os.PathLike

#: Output formats of :func:`export_charts`.
CHART_FORMATS: tuple[str, ...] = ("png", "svg", "html")

#: Default image size (width, height) in pixels: a 16:9 slide. Figures that set their own
#: height keep it.
IMAGE_SIZE: tuple[int, int] = (1280, 720)

#: The shared plotly.js file of HTML charts.
PLOTLY_JS_NAME = "plotly.min.js"


def chart_figures(
    data: NetworkData,
    *,
    as_of=None,
    since=None,
    stale_days: float = 60,
    theme="workshop",
    trend_weeks: int = 8,
) -> Iterator[tuple[str, object]]:
    """Yield ``(name, figure)`` for every registered chart that fits ``data``, in slide order.

    One seeker: every ``"seeker"`` figure of :data:`netlytics.figures.registry.SPECS` (scorecard,
    channel_mix, channel_weekly, calendar, cadence, applying_timeline, reciprocity, km,
    open_loops, outcomes, network). Several seekers: the ``"cohort"`` figures first (attention,
    strips, small_multiples, cohort_trend, give_share), then the pooled seeker charts (not the
    per-seeker scorecard and network). All are drawn from one shared
    :class:`~netlytics.metrics.measures.Measures`. Names follow the theme: with ``"workshop"``
    the data is pseudonymised first (:func:`netlytics.report.compose.shown_data`), so the same
    alias names a person in every chart, including the scorecard's advice sentences.

    Parameters
    ----------
    data : NetworkData
        The loaded data.
    as_of : timestamp-like, optional
        The date the charts look from; default the latest timestamp in the data.
    since : timestamp-like, ``"all"`` or None, optional
        Start of the scoring period (default the last 12 months).
    stale_days : float, default 60
        Unanswered triggers older than this are stale loops, not open loops.
    theme : str, default "workshop"
        The figure theme.
    trend_weeks : int, default 8
        Weeks of the cohort trend.

    Yields
    ------
    tuple of (str, Figure)
        The chart's registry name and its figure.

    Examples
    --------
    >>> import pandas as pd
    >>> ix = pd.DataFrame({"seeker": "Ana", "interaction_id": ["1", "2"], "contact_id": ["ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04"], utc=True), "channel": "email",
    ...     "direction": "outbound", "kind": "message"})
    >>> [name for name, _ in chart_figures(NetworkData(interactions=ix))][:3]
    ['scorecard', 'channel_mix', 'channel_weekly']
    """
    from netlytics.figures import registry
    from netlytics.report.compose import Settings, prepare

    # workshop: people pseudonymised in every chart and sentence; the theme resolved once
    p = prepare(data, Settings(as_of, since, stale_days, theme))
    m, theme = p.m, p.theme
    cohort = len(p.data.seekers) > 1
    if cohort:
        for spec in registry.specs("cohort"):
            options = (
                {"table": registry.trend_table(m, weeks=trend_weeks)} if spec.name == "cohort_trend" else {}
            )
            yield spec.name, registry.draw(spec, m, template=theme, **options)
    for spec in registry.specs("seeker"):
        if cohort and spec.name in ("scorecard", "network"):
            continue
        yield spec.name, registry.draw(spec, m, template=theme)


@contextlib.contextmanager
def image_session() -> Iterator[None]:
    """One kaleido browser session (the system Chromium) for every image written inside."""
    import kaleido

    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception as err:  # no browser: say what to install
        raise OutputError(
            f"Cannot start a headless browser for PNG/SVG export: {err}.",
            hint="Install Chromium (e.g. apt-get install chromium) or export with --format html.",
        ) from err
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def _write_image(fig, target: Path, *, fmt: str, width: int, height: int) -> None:
    """``fig`` written as an image ``width`` by ``height`` pixels; a figure too narrow for its
    theme's type is laid out wider and scaled down (:func:`netlytics.figures.theme.image_size`)."""
    import plotly.io as pio

    from netlytics.figures.theme import image_size

    lw, lh, scale = image_size(fig, width, height)
    with warnings.catch_warnings():
        # plotly passes browser options that a running server ignores: harmless
        warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
        pio.write_image(fig, target, format=fmt, width=lw, height=lh, scale=scale)


def _chart_html(fig) -> str:
    from netlytics.report.page import Page

    page = Page(title=str(fig.layout.title.text or "netlytics chart"), plotly_src=PLOTLY_JS_NAME, bare=True)
    page.section("chart", "", [page.figure(fig, tall=True)])
    return page.render()


def export_charts(
    data: NetworkData,
    out_dir: PathLike,
    *,
    format: str = "png",
    theme="workshop",
    as_of=None,
    since=None,
    stale_days: float = 60,
    width: int | None = None,
    height: int | None = None,
    inputs=None,
    progress: Callable[[str], object] | None = None,
) -> list[Path]:
    """Write every chart as a file: ``<out_dir>/<NN>-<name>.<format>``.

    Parameters
    ----------
    data
        The loaded data (one seeker, or a cohort: then the cohort views come first).
    out_dir
        Folder to write into (created if missing). Existing files with the same names are
        replaced (atomically); other files are left alone.
    format
        ``"png"``, ``"svg"`` (both through kaleido and Chromium, one browser session for all
        images) or ``"html"`` (one page per chart, sharing one ``plotly.min.js``).
    theme
        ``"workshop"`` (default: large fonts, pseudonymised people), ``"default"`` or any
        plotly template name.
    as_of
        Date the charts look from; default the latest timestamp in the data.
    since
        Start of the scoring period: None (default) the last 12 months, ``"all"`` all history.
    stale_days
        Unanswered triggers older than this are stale loops (listed apart, not open loops).
    width, height
        Image size in pixels (PNG/SVG); default :data:`IMAGE_SIZE`, or the figure's own height
        when it sets one.
    inputs
        Paths the data was loaded from: never overwritten.
    progress
        Called with each chart's name before it is written.

    Returns
    -------
    list of pathlib.Path
        The files written, in slide order (for HTML, ``plotly.min.js`` last).

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": "Ana", "interaction_id": ["1", "2"], "contact_id": ["ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04"], utc=True), "channel": "email",
    ...     "direction": "outbound", "kind": "message"})
    >>> files = export_charts(NetworkData(interactions=ix), tempfile.mkdtemp(), format="html")
    >>> [p.name for p in files][:2], files[-1].name
    (['01-scorecard.html', '02-channel_mix.html'], 'plotly.min.js')
    """
    from netlytics.export import atomic_write

    fmt, out = _check_target(format, out_dir, inputs)
    charts = chart_figures(data, as_of=as_of, since=since, stale_days=stale_days, theme=theme)
    size = (width, height)
    if fmt == "html":
        import plotly.offline

        written = _write_charts(charts, out, fmt, size, inputs=inputs, progress=progress)
        js = plotly.offline.get_plotlyjs()
        return [
            *written,
            atomic_write(
                out / PLOTLY_JS_NAME, lambda tmp: tmp.write_text(js, encoding="utf-8"), inputs=inputs
            ),
        ]
    with image_session():
        return _write_charts(charts, out, fmt, size, inputs=inputs, progress=progress)


def _check_target(format: str, out_dir: PathLike, inputs) -> tuple[str, Path]:
    """The checked format and the output folder (created); errors name what is wrong."""
    from netlytics._checks import check_choice
    from netlytics.export import check_not_input

    fmt = str(format).lower().lstrip(".")
    check_choice("format", fmt, CHART_FORMATS)
    out = Path(out_dir)
    check_not_input(out, inputs)
    if out.exists() and not out.is_dir():
        raise OutputError(f"Cannot write charts into {str(out)!r}: it is a file, not a folder.")
    out.mkdir(parents=True, exist_ok=True)
    return fmt, out


def _write_charts(charts, out: Path, fmt: str, size, *, inputs, progress) -> list[Path]:
    """Write each ``(name, figure)`` as ``NN-<name>.<fmt>``; images at ``size`` (or their own height)."""
    from netlytics.export import atomic_write

    width, height = size
    w, h = width or IMAGE_SIZE[0], height or IMAGE_SIZE[1]
    written: list[Path] = []
    for i, (name, fig) in enumerate(charts, start=1):
        if progress is not None:
            progress(name)
        target = out / f"{i:02d}-{name}.{fmt}"
        if fmt == "html":
            text = _chart_html(fig)
            write = lambda tmp, t=text: tmp.write_text(t, encoding="utf-8")  # noqa: E731
        else:
            fig_h = fig.layout.height if height is None and fig.layout.height else h
            write = lambda tmp, f=fig, hh=fig_h: _write_image(f, tmp, fmt=fmt, width=w, height=hh)  # noqa: E731
        written.append(atomic_write(target, write, inputs=inputs))
    return written
