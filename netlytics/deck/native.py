"""Drawing on a slide with python-pptx: native charts, tables, the key number and notes.

Everything here takes plain data (categories, series values, colours) and draws it; what to
draw comes from :mod:`netlytics.deck.content`. Native charts (doughnut, stacked columns, lines,
bars) stay editable in PowerPoint and LibreOffice Impress: their numbers live in the chart's own
embedded workbook. Colours are the workshop palette of :mod:`netlytics.figures.theme`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from netlytics.figures.theme import OKABE_ITO, STATUS_COLORS

__all__ = [
    "CHART_TYPES",
    "add_line_overlay",
    "FONT",
    "SLIDE_SIZE",
    "add_chart",
    "add_image",
    "add_key_number",
    "add_table",
    "add_text",
    "rgb",
]

#: Slide size (16:9, 13.333 x 7.5 inches), the size of a PowerPoint "Widescreen" deck.
SLIDE_SIZE: tuple[Emu, Emu] = (Inches(13.333), Inches(7.5))

#: The workshop theme's readable sans-serif, as one font name (slides take no fallback list).
FONT = "Verdana"

#: Chart kind -> python-pptx chart type.
CHART_TYPES = {
    "donut": XL_CHART_TYPE.DOUGHNUT,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "lines": XL_CHART_TYPE.LINE_MARKERS,
    "bars": XL_CHART_TYPE.BAR_CLUSTERED,
    "columns": XL_CHART_TYPE.COLUMN_CLUSTERED,
}


def rgb(color: str) -> RGBColor:
    """``"#D55E00"`` -> :class:`~pptx.dml.color.RGBColor`.

    Examples
    --------
    >>> str(rgb("#d55e00"))
    'D55E00'
    """
    return RGBColor.from_string(color.lstrip("#").upper())


def add_text(
    slide,
    text: str,
    box: tuple[float, float, float, float],
    *,
    size: int = 18,
    bold: bool = False,
    color: str = "#000000",
    align=PP_ALIGN.LEFT,
):
    """A text box at ``box`` = (left, top, width, height) in inches; returns the shape."""
    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    for i, line in enumerate(str(text).split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = rgb(color)
    return shape


def add_key_number(slide, number: str, label: str, box: tuple[float, float, float, float]) -> None:
    """The slide's key number in large type (66 pt; 40 pt for "3 of 12") with a label under it."""
    left, top, width, height = box
    size = 66 if len(number) <= 4 else 40
    shape = add_text(slide, number, (left, top, width, 1.4), size=size, bold=True, align=PP_ALIGN.CENTER)
    shape.name = "Key number"
    label_shape = add_text(
        slide, label, (left, top + 1.5, width, height - 1.5), size=18, align=PP_ALIGN.CENTER
    )
    label_shape.name = "Key number label"


def _style_series(chart, kind: str, colors: Sequence[str] | None) -> None:
    plot = chart.plots[0]
    if kind == "donut":
        for point, color in zip(plot.series[0].points, colors or OKABE_ITO[1:], strict=False):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(color)
        return
    palette = list(colors or list(OKABE_ITO[1:]) + [OKABE_ITO[0]])
    for i, series in enumerate(plot.series):
        color = rgb(palette[i % len(palette)])
        if kind == "lines":
            series.format.line.color.rgb = color
            series.format.line.width = Pt(3.5)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color


def add_chart(
    slide,
    kind: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    box: tuple[float, float, float, float],
    *,
    colors: Sequence[str] | None = None,
    point_colors: Sequence[str] | None = None,
    number_format: str = "General",
    legend: bool = True,
):
    """A native, editable chart: ``kind`` in :data:`CHART_TYPES`; returns the chart.

    ``series`` maps a series name to one value per category (None for a gap); ``colors`` is
    one colour per category for a donut, one per series otherwise; ``point_colors`` colours
    each bar of a single-series bar chart (e.g. by status).
    """
    data = CategoryChartData(number_format=number_format)
    data.categories = [str(c) for c in categories]
    for name, values in series.items():
        data.add_series(str(name), [None if v is None or v != v else float(v) for v in values])
    frame = slide.shapes.add_chart(CHART_TYPES[kind], *(Inches(v) for v in box), data)
    chart = frame.chart
    chart.font.name = FONT
    chart.font.size = Pt(16)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if kind == "donut":
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = "0%"
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.show_percentage = True
        plot.data_labels.show_value = False
    elif kind == "stacked":
        chart.plots[0].gap_width = 40
        chart.plots[0].overlap = 100
    _style_series(chart, kind, colors)
    if point_colors:
        for point, color in zip(chart.plots[0].series[0].points, point_colors, strict=False):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(color)
    if kind != "donut":
        chart.value_axis.tick_labels.number_format = number_format
        chart.value_axis.tick_labels.number_format_is_linked = False
        chart.value_axis.has_major_gridlines = True
        chart.value_axis.major_gridlines.format.line.color.rgb = rgb("#CCCCCC")
        if number_format == "0%":  # shares: the axis runs from 0% to 100%
            chart.value_axis.minimum_scale = 0.0
            chart.value_axis.maximum_scale = 1.0
    return chart


def add_table(
    slide,
    rows: Sequence[Sequence[str]],
    box: tuple[float, float, float, float],
    *,
    header: Sequence[str],
    status_columns: Sequence[int] = (),
    size: int = 14,
):
    """A native table: a header row, then ``rows``; cells of ``status_columns`` take the
    status colour of their value (ok, watch, mistake, not_measured). Returns the table."""
    n_rows, n_cols = len(rows) + 1, len(header)
    left, top, width, height = box
    row_h = min(height / n_rows, 0.5)
    shape = slide.shapes.add_table(
        n_rows, n_cols, Inches(left), Inches(top), Inches(width), Inches(row_h * n_rows)
    )
    table = shape.table
    for j, text in enumerate(header):
        _cell(table.cell(0, j), text, size=size, bold=True, fill="#000000", color="#FFFFFF")
    for i, row in enumerate(rows, start=1):
        for j, text in enumerate(row):
            fill = STATUS_COLORS.get(str(text).lower().replace(" ", "_")) if j in status_columns else None
            _cell(table.cell(i, j), text, size=size, fill=fill or ("#F2F2F2" if i % 2 else "#FFFFFF"))
    return table


def _cell(
    cell, text, *, size: int, bold: bool = False, fill: str = "#FFFFFF", color: str = "#000000"
) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(fill)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    run = para.add_run()
    run.text = str(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run.font.color.rgb = rgb(color)


def add_image(slide, png: bytes, box: tuple[float, float, float, float]):
    """A PNG (bytes) fitted into ``box`` (width kept, height capped); returns the picture."""
    left, top, width, height = box
    pic = slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width))
    if pic.height > Inches(height):  # keep the aspect ratio, fit the height instead
        ratio = Inches(height) / pic.height
        pic.height = Inches(height)
        pic.width = int(pic.width * ratio)
    return pic


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _c(tag: str, **attrs):
    el = OxmlElement(f"c:{tag}")  # python-pptx's element classes (chart.plots reads them)
    for key, value in attrs.items():
        el.set(key, str(value))
    return el


def _secondary_axes(plot_area, cat_id: str, val_id: str, number_format: str) -> None:
    """A hidden category axis and a right-hand value axis for a line over bars."""
    cat = _c("catAx")
    for child in (
        _c("axId", val=cat_id),
        _c("scaling"),
        _c("delete", val=1),
        _c("axPos", val="b"),
        _c("crossAx", val=val_id),
    ):
        cat.append(child)
    cat.find(f"{{{_C}}}scaling").append(_c("orientation", val="minMax"))
    val = _c("valAx")
    scaling = _c("scaling")
    scaling.append(_c("orientation", val="minMax"))
    if number_format == "0%":  # a share: 0% to 100%
        scaling.append(_c("max", val=1))
        scaling.append(_c("min", val=0))
    for child in (
        _c("axId", val=val_id),
        scaling,
        _c("delete", val=0),
        _c("axPos", val="r"),
        _c("numFmt", formatCode=number_format, sourceLinked=0),
        _c("tickLblPos", val="nextTo"),
        _c("crossAx", val=cat_id),
        _c("crosses", val="max"),
    ):
        val.append(child)
    last_axis = plot_area.findall(f"{{{_C}}}valAx")[-1]
    last_axis.addnext(cat)
    cat.addnext(val)


def add_line_overlay(
    chart, *, color: str, secondary: bool = False, number_format: str = "0%", dashed: bool = False
) -> None:
    """Draw the bar chart's LAST series as a line over the bars (a native combo chart).

    With ``secondary`` the line gets its own value axis on the right (e.g. a share over
    counts); otherwise it shares the bars' axes.
    """
    plot_area = chart._chartSpace.find(f".//{{{_C}}}plotArea")
    bar = plot_area.find(f"{{{_C}}}barChart")
    ser = bar.findall(f"{{{_C}}}ser")[-1]
    bar.remove(ser)
    for tag in ("invertIfNegative", "pictureOptions", "shape"):
        for el in ser.findall(f"{{{_C}}}{tag}"):
            ser.remove(el)
    ser.find(f"{{{_C}}}val").addnext(_c("smooth", val=0))
    line = _c("lineChart")
    line.append(_c("grouping", val="standard"))
    line.append(_c("varyColors", val=0))
    line.append(ser)
    line.append(_c("marker", val=1))
    ids = [el.get("val") for el in bar.findall(f"{{{_C}}}axId")]
    if secondary:
        ids = ["50050", "50051"]
        _secondary_axes(plot_area, ids[0], ids[1], number_format)
    for ax in ids:
        line.append(_c("axId", val=ax))
    bar.addnext(line)
    series = chart.plots[1].series[0]
    series.format.line.color.rgb = rgb(color)
    series.format.line.width = Pt(3.5)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = rgb(color)
