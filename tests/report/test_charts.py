"""Chart export: PNG and SVG through kaleido (one browser session), HTML with one shared plotly.js."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from netlytics.errors import OutputError, ParameterError
from netlytics.report import charts as charts_mod
from netlytics.report.charts import IMAGE_SIZE, export_charts

from .conftest import leaked

SINGLE = [
    "scorecard",
    "channel_mix",
    "channel_weekly",
    "calendar",
    "cadence",
    "applying_timeline",
    "reciprocity",
    "km",
    "open_loops",
    "outcomes",
    "network",
]


def test_html_charts_share_one_plotly_js(tiny, tmp_path):
    files = export_charts(tiny, tmp_path / "charts", format="html")
    assert [p.name for p in files] == [f"{i:02d}-{n}.html" for i, n in enumerate(SINGLE, 1)] + [
        "plotly.min.js"
    ]
    for p in files[:-1]:
        text = p.read_text(encoding="utf-8")
        assert text.count('<script src="plotly.min.js"></script>') == 1
        assert "<img" not in text and "<script>alert" not in text
    assert files[-1].stat().st_size > 1_000_000


def test_workshop_charts_pseudonymise(tiny, tmp_path):
    files = export_charts(tiny, tmp_path, format="html", theme="workshop")
    text = (tmp_path / "07-reciprocity.html").read_text(encoding="utf-8")
    assert "Contact 0" in text and "alert(1)</script>" not in text
    # no chart names anyone: the scorecard's advice and the open loops included
    assert {p.name: leaked(p.read_text(encoding="utf-8")) for p in files[:-1]} == {
        p.name: [] for p in files[:-1]
    }
    # one alias per person across charts: ben (who referred Sam, still unthanked) is the
    # contact of the open loops chart, and the same alias shows in the network chart
    loops = set(re.findall(r"Contact \d{4}", (tmp_path / "09-open_loops.html").read_text(encoding="utf-8")))
    network = set(re.findall(r"Contact \d{4}", (tmp_path / "11-network.html").read_text(encoding="utf-8")))
    assert loops and loops <= network
    default = export_charts(tiny, tmp_path / "default", format="html", theme="default")
    assert any("Cy Fixture" in leaked(p.read_text(encoding="utf-8")) for p in default[:-1])  # scan works


def test_bad_format_and_output(tiny, tmp_path):
    with pytest.raises(ParameterError, match="Did you mean 'png'"):
        export_charts(tiny, tmp_path, format="pngg")
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        export_charts(tiny, target, format="html")


@pytest.mark.browser
def test_png_and_svg_one_browser_session(tiny, tmp_path, monkeypatch):
    import kaleido
    from PIL import Image

    starts = []
    real = kaleido.start_sync_server
    monkeypatch.setattr(kaleido, "start_sync_server", lambda *a, **k: (starts.append(1), real(*a, **k))[1])
    pngs = export_charts(tiny, tmp_path / "png", format="png")
    assert len(starts) == 1 and len(pngs) == len(SINGLE)
    with Image.open(tmp_path / "png" / "02-channel_mix.png") as im:
        assert im.format == "PNG" and im.size == IMAGE_SIZE
    svgs = export_charts(tiny, tmp_path / "svg", format="svg", width=800, height=500)
    root = ET.parse(svgs[1]).getroot()
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("800", "500")
    assert len(starts) == 2  # one more session for the second call, not one per image


def test_image_session_reports_a_missing_browser(monkeypatch):
    import kaleido

    def broken(*a, **k):
        raise RuntimeError("no chrome")

    monkeypatch.setattr(kaleido, "start_sync_server", broken)
    with pytest.raises(OutputError, match="no chrome"), charts_mod.image_session():
        pass


@pytest.mark.browser
def test_workshop_thumbnails_render_at_the_width_asked(tiny, tmp_path):
    """The workshop theme's projector type leaves no room for a plot at 420 px: the charts are
    laid out wider and scaled down, so every chart still renders, at the width asked."""
    from PIL import Image

    pngs = export_charts(tiny, tmp_path, format="png", theme="workshop", width=420, height=315)
    assert len(pngs) == len(SINGLE)
    for p in pngs:
        with Image.open(p) as im:
            assert im.width == 420, (p.name, im.size)
            assert im.height >= 315, (p.name, im.size)
    with Image.open(tmp_path / "02-channel_mix.png") as im:
        assert im.size == (420, 315)
