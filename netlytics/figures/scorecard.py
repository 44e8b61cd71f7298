"""The scorecard figure: one tile per mistake, coloured by status.

:func:`plot_scorecard` draws, per seeker, four tiles (channel, priority, giving, follow-up) in
``STATUS_COLORS``: the mistake, its status, the key number, what it rests on, and the advice
sentence. Tiles are layout shapes and annotations (no data traces), so the figure is tiny
whatever the input size.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from netlytics import schema
from netlytics.figures._build import figure, rows
from netlytics.figures._common import more_note, no_data_figure, resolve_names
from netlytics.figures._docs import fill
from netlytics.figures.theme import STATUS_COLORS, display_label, get_theme

__all__ = ["EVIDENCE_UNITS", "MISTAKE_TITLES", "evidence_text", "format_value", "plot_scorecard"]

#: Tile heading per mistake (``labels=`` may override any of them by mistake name).
MISTAKE_TITLES: dict[str, str] = {
    "channel": "Meeting, not just e-mailing",
    "priority": "Networking as a priority",
    "giving": "Giving back",
    "follow_up": "Following up and thanking",
}

#: Text colour on each status colour: black reads best on all four (contrast 5:1 or more;
#: white on the green or the vermillion would fall below the 4.5:1 that small text needs).
_TEXT_ON = {"ok": "#000000", "watch": "#000000", "mistake": "#000000", "not_measured": "#000000"}


#: What each mistake's scorecard evidence counts (docs/spec/METRICS.md 5b).
EVIDENCE_UNITS: dict[str, tuple[str, str]] = {
    "channel": ("touch", "touches"),
    "priority": ("touch", "touches"),
    "giving": ("give or receive", "gives and receives"),
    "follow_up": ("trigger answered or past due", "triggers answered or past due"),
}


def evidence_text(mistake: str, evidence) -> str:
    """What a scorecard row rests on, in words: "based on 40 touches".

    Parameters
    ----------
    mistake : str
        The scorecard's mistake (``channel``, ``priority``, ``giving``, ``follow_up``).
    evidence : int
        Its evidence count.

    Returns
    -------
    str
        The sentence fragment ("" when the evidence is unknown).

    See Also
    --------
    format_value : the key number beside it.

    Examples
    --------
    >>> evidence_text("giving", 3), evidence_text("follow_up", 1), evidence_text("channel", 1055)
    ('based on 3 gives and receives', 'based on 1 trigger answered or past due', 'based on 1,055 touches')
    """
    if evidence is None or pd.isna(evidence):
        return ""
    one, many = EVIDENCE_UNITS.get(str(mistake), ("record", "records"))
    n = int(evidence)
    return f"based on {n:,} {one if n == 1 else many}"


def _tile_texts(t: pd.DataFrame, display, *, width: int, labels) -> list:
    """Per tile ``(row, status, heading lines, body lines)``; ``display`` names seekers (several)."""
    tiles = []
    for rec in t.itertuples(index=False):  # at most 4 * max_seekers rows, not interactions
        status = rec.status if rec.status in STATUS_COLORS else "not_measured"
        heading = (
            labels[rec.mistake]
            if labels and rec.mistake in labels
            else MISTAKE_TITLES.get(rec.mistake, display_label(rec.mistake))
        )
        if display is not None:
            heading = f"{display[str(rec.seeker)]}: {heading}"
        head = [f"<b>{h}</b>" for h in textwrap.wrap(heading, width=width)]
        head.append(display_label(status, labels).upper())
        evidence = getattr(rec, "evidence", None)
        advice = "" if rec.advice is None or pd.isna(rec.advice) else str(rec.advice)
        body = textwrap.wrap(display_label(rec.metric, labels), width=width)
        if evidence is not None and not pd.isna(evidence):
            body += [f"<i>{x}</i>" for x in textwrap.wrap(evidence_text(rec.mistake, evidence), width=width)]
        wrapped = textwrap.wrap(advice, width=width)
        if wrapped:
            body += ["", *wrapped]
        tiles.append((rec, status, head, body))
    return tiles


def _tile_layout(tiles: list, n_rows: int, gap_y: float, *, pad: int, fs: int, big: int) -> tuple[list, list]:
    """The tiles' rectangles and their three stacked annotations each (pixel offsets from the top).

    Heading and status, the key number in a large font, then metric, evidence and the advice,
    wrapped: stacked with pixel offsets so they never overlap.
    """
    row_h, gap_x = 1.0 / n_rows, 0.012
    shapes, notes = [], []
    for rec, status, head, body in tiles:
        col, row = int(rec.tile_col), int(rec.tile_row)
        x0, x1 = col / 4 + gap_x, (col + 1) / 4 - gap_x
        y1 = 1 - row * row_h - gap_y
        y0 = 1 - (row + 1) * row_h + gap_y
        name = f"tile:{rec.seeker}:{rec.mistake}"
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "paper",
                "x0": x0,
                "x1": x1,
                "y0": y0,
                "y1": y1,
                "fillcolor": STATUS_COLORS[status],
                "line": {"width": 0},
                "opacity": 1,
                "layer": "below",
                "name": name,
            }
        )
        shift = -pad
        number = format_value(rec.metric, rec.value)
        for text, size, n_lines in (
            ("<br>".join(head), fs, len(head)),
            (f"<b>{number}</b>", big, 1),
            ("<br>".join(body), fs, len(body)),
        ):
            notes.append(
                {
                    "text": text,
                    "name": name,
                    "xref": "paper",
                    "yref": "paper",
                    "x": (x0 + x1) / 2,
                    "y": y1,
                    "xanchor": "center",
                    "yanchor": "top",
                    "yshift": shift,
                    "showarrow": False,
                    "align": "center",
                    "font": {"color": _TEXT_ON[status], "size": size},
                }
            )
            shift -= int(n_lines * 1.3 * size + 4)
    return shapes, notes


def format_value(metric: str, value) -> str:
    """The key number as a tile shows it: shares as percentages, days and counts as numbers.

    Parameters
    ----------
    metric : str
        The scorecard row's metric (a name ending in ``share`` is a share).
    value : float or None
        Its value.

    Returns
    -------
    str
        "62%", "12" or "12.5"; "–" for a missing value.

    See Also
    --------
    evidence_text : what the number rests on.

    Examples
    --------
    >>> format_value("written_share", 0.625), format_value("longest_gap_days", 12.0)
    ('62%', '12')
    >>> format_value("give_share", None)
    '–'
    """
    if value is None or pd.isna(value):
        return "–"
    value = float(value)
    if str(metric).endswith("share"):
        return f"{value:.0%}"
    return f"{value:.0f}" if value == round(value) else f"{value:.1f}"


@fill
def plot_scorecard(
    table: pd.DataFrame,
    *,
    seeker: str | None = None,
    names=None,
    max_seekers: int = 12,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Four status tiles per seeker: one per mistake, with the key number and the advice.

    Parameters
    ----------
    table
        ``scorecard(data)``: ``seeker``, ``mistake``, ``metric``, ``value``, ``status``,
        ``evidence``, ``advice``.
    seeker
        Show only this seeker; default: every seeker, one row of tiles each (at most
        ``max_seekers`` rows, with a note counting the rest).
    max_seekers : int, default 12
        Rows of tiles drawn at most.
    {names}
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        No traces: one rectangle shape per tile filled with ``STATUS_COLORS[status]`` (in
        ``schema.MISTAKES`` order, seekers top to bottom) and three annotations per tile,
        stacked down from its top edge: the heading and status, the key number in a large
        font, then the metric, the evidence and the advice (wrapped). Shapes and annotations
        of a tile are named ``"tile:<seeker>:<mistake>"``. The height grows with the number of
        seekers and the longest advice, so text never overflows a tile.

    {raises_table}

    See Also
    --------
    netlytics.scorecard : the table drawn.

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": "Ana", "mistake": ["channel", "priority", "giving", "follow_up"],
    ...     "metric": ["written_share", "active_week_share", "give_share", "on_time_share"],
    ...     "value": [0.8, 0.75, None, 0.9], "status": ["mistake", "ok", "not_measured", "ok"],
    ...     "evidence": [40, 40, 40, 12], "advice": ["Meet people.", "Keep going.", "Give.", "Good."]})
    >>> fig = plot_scorecard(t)
    >>> [s.fillcolor for s in fig.layout.shapes]
    ['#D55E00', '#009E73', '#BBBBBB', '#009E73']
    >>> [a.text for a in fig.layout.annotations[:2]]
    ['<b>Meeting, not just e-mailing</b><br>MISTAKE', '<b>80%</b>']
    """
    default_title = "Scorecard: the four networking mistakes"
    t = rows(
        table,
        ["seeker", "mistake", "metric", "value", "status", "advice"],
        func="plot_scorecard",
        produced_by="scorecard(data)",
        seeker=seeker,
    )
    if t.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    seekers = list(dict.fromkeys(t["seeker"].astype("str")))
    hidden = max(0, len(seekers) - max_seekers)
    seekers = seekers[:max_seekers]
    shown = pd.Series(seekers, dtype="str")
    display = dict(zip(seekers, resolve_names(shown, names=names, theme=theme, prefix="Client"), strict=True))
    t = _tile_rows(t, seekers)
    layout = _scorecard_layout(
        t, len(seekers), display if len(seekers) > 1 else None, theme=theme, labels=labels
    )
    fig = figure([], layout, theme=theme, title=title, labels=labels, default_title=default_title)
    more_note(fig, hidden, what="seekers", theme=theme)
    return fig


def _tile_rows(t: pd.DataFrame, seekers: list[str]) -> pd.DataFrame:
    """The rows of the shown seekers' mistakes, with their tile row and column, in tile order."""
    rank = {m: i for i, m in enumerate(schema.MISTAKES)}
    t = t.loc[t["seeker"].astype("str").isin(seekers) & t["mistake"].isin(schema.MISTAKES)]
    t = t.assign(
        tile_row=t["seeker"].astype("str").map({s: i for i, s in enumerate(seekers)}),
        tile_col=t["mistake"].map(rank),
    )
    return t.sort_values(["tile_row", "tile_col"], kind="stable")


#: The plot width the tiles' text is wrapped for (a ~1000 px wide figure less its side margins).
_PLOT_PX = 1000 - 90


def _scorecard_layout(t: pd.DataFrame, n_seekers: int, display, *, theme, labels) -> dict:
    """The layout of the tiles: shapes, annotations and a height that fits the longest text."""
    fs = theme.font_size
    line = 1.3 * fs  # plotly's line height for annotation text
    big = int(round(fs * 2.2))
    # wrap for a tile a quarter of a ~1000 px wide figure (about 0.55 em per character); the
    # figure says it needs that plot width (image export lays a narrower image out that wide)
    width = max(14, int(_PLOT_PX / 4 / (0.56 * fs)))
    tiles = _tile_texts(t, display, width=width, labels=labels)
    pad, gap_px = 10, 6  # padding inside a tile; white space between tile rows, per side
    tallest = max(len(h) + len(b) for _, _, h, b in tiles) if tiles else 0
    # text height as stacked below (each block + 4 px), padding above and below, the gaps
    row_px = int(2 * pad + tallest * line + 1.3 * big + 3 * 4 + 2 * gap_px) + 1
    margin = theme.template.layout.margin
    height = int(margin.t or 80) + int(margin.b or 50) + n_seekers * row_px
    shapes, notes = _tile_layout(tiles, n_seekers, gap_px / (n_seekers * row_px), pad=pad, fs=fs, big=big)
    return {
        "shapes": shapes,
        "annotations": notes,
        "xaxis": {"visible": False, "range": [0, 1]},
        "yaxis": {"visible": False, "range": [0, 1]},
        "height": height,
        "showlegend": False,
        "plot_bgcolor": "rgba(0,0,0,0)",
        "minreducedwidth": _PLOT_PX,
    }
