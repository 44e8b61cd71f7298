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
from netlytics.errors import OutputError, ParameterError

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
    data: NetworkData, *, as_of=None, theme="workshop", trend_weeks: int = 8
) -> Iterator[tuple[str, object]]:
    """Yield ``(name, figure)`` for every chart that fits ``data``, in slide order.

    One seeker: scorecard, channel_mix, channel_weekly, calendar, cadence, applying_timeline,
    reciprocity, km, open_loops, outcomes, network. Several seekers: the cohort views first
    (attention, strips, small_multiples, cohort_trend, give_share), then the pooled charts.
    Names follow the theme: with ``"workshop"`` the data is pseudonymised first
    (:func:`netlytics.report.html.shown_data`), so the same alias names a person in every chart,
    including the scorecard's advice sentences.

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": "Ana", "interaction_id": ["1", "2"], "contact_id": ["ben", "cy"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04"], utc=True), "channel": "email",
    ...     "direction": "outbound", "kind": "message"})
    >>> [name for name, _ in chart_figures(NetworkData(interactions=ix))][:3]
    ['scorecard', 'channel_mix', 'channel_weekly']
    """
    import netlytics.figures as F
    from netlytics.figures.network import plot_network
    from netlytics.figures.theme import get_theme
    from netlytics.metrics._common import as_data, resolve_as_of
    from netlytics.metrics.applying import networked_before_applying
    from netlytics.metrics.cadence import cadence
    from netlytics.metrics.channel import channel_mix
    from netlytics.metrics.followup import follow_up
    from netlytics.metrics.km import km_curves
    from netlytics.metrics.outcomes import outcomes
    from netlytics.metrics.reciprocity import reciprocity
    from netlytics.metrics.scorecard import scorecard, until
    from netlytics.metrics.summary import summary
    from netlytics.metrics.touches import touches
    from netlytics.report.html import contact_names, plotly_safe, shown_data

    data = as_data(data)
    get_theme(theme)
    data = shown_data(data, theme=theme)  # workshop: people pseudonymised in every chart and sentence
    as_of = resolve_as_of(data, as_of)
    d = until(data, as_of)
    names = contact_names(data)
    cohort = len(data.seekers) > 1
    if cohort:
        from netlytics.report.cohort import trend_table

        summ = summary(data, as_of=as_of)
        yield "attention", F.plot_attention(summ, template=theme)
        yield "strips", F.plot_strips(summ, highlight=None, template=theme)
        yield "small_multiples", F.plot_small_multiples(cadence(d, as_of=as_of), template=theme)
        if as_of is not None:
            yield (
                "cohort_trend",
                F.plot_cohort_trend(trend_table(data, as_of=as_of, weeks=trend_weeks), template=theme),
            )
        yield "give_share", F.plot_give_share(summ, template=theme)
    else:
        yield "scorecard", F.plot_scorecard(scorecard(data, as_of=as_of), template=theme)
    yield "channel_mix", F.plot_channel_mix(channel_mix(d, as_of=as_of), template=theme)
    yield "channel_weekly", F.plot_channel_weekly(channel_mix(d, as_of=as_of, freq="W"), template=theme)
    yield "calendar", F.plot_calendar(touches(d), template=theme)
    yield "cadence", F.plot_cadence(cadence(d, as_of=as_of), template=theme)
    apps = plotly_safe(networked_before_applying(d), ["company", "role"])
    yield "applying_timeline", F.plot_applying_timeline(apps, template=theme)
    yield "reciprocity", F.plot_reciprocity(reciprocity(d), names=names, template=theme)
    fu = follow_up(d, as_of=as_of)
    yield "km", F.plot_km(km_curves(fu), template=theme)
    yield "open_loops", F.plot_open_loops(fu, names=names, template=theme)
    yield "outcomes", F.plot_outcomes(outcomes(d), template=theme)
    if not cohort:
        yield "network", plot_network(d, names=names, template=theme)


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
    import plotly.io as pio

    with warnings.catch_warnings():
        # plotly passes browser options that a running server ignores: harmless
        warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
        pio.write_image(fig, target, format=fmt, width=width, height=height)


def _chart_html(fig) -> str:
    from netlytics.report.html import Page

    page = Page(title=str(fig.layout.title.text or "netlytics chart"), plotly_src=PLOTLY_JS_NAME, bare=True)
    page.section("chart", "", page.figure(fig, tall=True))
    return page.render()


def export_charts(
    data: NetworkData,
    out_dir: PathLike,
    *,
    format: str = "png",
    theme="workshop",
    as_of=None,
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
    from netlytics.export import atomic_write, check_not_input

    fmt = str(format).lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        import difflib

        close = difflib.get_close_matches(fmt, CHART_FORMATS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ParameterError(f"format must be one of {list(CHART_FORMATS)}; got {format!r}.{hint}")
    out = Path(out_dir)
    check_not_input(out, inputs)
    if out.exists() and not out.is_dir():
        raise OutputError(f"Cannot write charts into {str(out)!r}: it is a file, not a folder.")
    out.mkdir(parents=True, exist_ok=True)
    w, h = width or IMAGE_SIZE[0], height or IMAGE_SIZE[1]
    written: list[Path] = []

    def write_all() -> None:
        for i, (name, fig) in enumerate(chart_figures(data, as_of=as_of, theme=theme), start=1):
            if progress is not None:
                progress(name)
            target = out / f"{i:02d}-{name}.{fmt}"
            if fmt == "html":
                text = _chart_html(fig)
                written.append(
                    atomic_write(
                        target, lambda tmp, t=text: tmp.write_text(t, encoding="utf-8"), inputs=inputs
                    )
                )
            else:
                fig_h = fig.layout.height if height is None and fig.layout.height else h
                written.append(
                    atomic_write(
                        target,
                        lambda tmp, f=fig, hh=fig_h: _write_image(f, tmp, fmt=fmt, width=w, height=hh),
                        inputs=inputs,
                    )
                )

    if fmt == "html":
        write_all()
        import plotly.offline

        js = plotly.offline.get_plotlyjs()
        written.append(
            atomic_write(
                out / PLOTLY_JS_NAME, lambda tmp: tmp.write_text(js, encoding="utf-8"), inputs=inputs
            )
        )
    else:
        with image_session():
            write_all()
    return written
