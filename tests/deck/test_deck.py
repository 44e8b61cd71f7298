"""Workshop decks: slides, native charts equal to the metric tables, notes, pseudonyms, LibreOffice.

Decks are read back with python-pptx (what PowerPoint's format promises) and converted to PDF by
LibreOffice Impress headless (``soffice``), the page count checked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

import netlytics
import netlytics.figures as F
from netlytics.errors import ParameterError
from netlytics.figures.registry import get


def _charts(slide) -> list:
    return [s.chart for s in slide.shapes if s.has_chart]


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _tables(slide) -> list:
    return [s.table for s in slide.shapes if s.has_table]


def _texts(prs) -> str:
    """Every piece of text a reader can see: shapes, tables, chart labels, notes."""
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories] + [s.name for s in plot.series]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _key_number(slide) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.name == "Key number")


def _page_count(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


# --- a deck whose numbers are known by hand ---------------------------------------------------


@pytest.mark.browser
def test_tiny_deck_donut_and_key_number_by_hand(tiny, tmp_path):
    from netlytics.deck import write_deck

    out = write_deck(tiny, tmp_path / "ana.pptx")
    prs = Presentation(str(out))
    # title, glance, channel donut, weekly channels, cadence, calendar, giving, km, network
    # (no applications: no "where interviews come from" slide)
    assert len(prs.slides) == 9
    assert prs.slides[0].shapes.title.text == "Networking evidence: Client 01"
    donut = _charts(prs.slides[2])[0]
    assert donut.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert list(donut.plots[0].categories) == ["In person", "Video", "E-mail"]
    assert list(donut.plots[0].series[0].values) == [1.0, 2.0, 3.0]
    # 3 of 6 touches written: 50%
    assert _key_number(prs.slides[2]) == "50%"
    assert any(s.name == "No data" for s in prs.slides[6].shapes)
    text = _texts(prs)
    assert "Ana Li" not in text and "Ben Stone" not in text and "Cy Moss" not in text
    assert "x.org" not in text


def test_default_theme_keeps_names(tiny):
    from netlytics.deck import deck_slides

    slides = deck_slides(tiny, theme="default")
    assert slides[0].title == "Networking evidence: Ana Li"
    # no inbound touches: nothing received, nothing to compare, the giving chart says so
    giving = next(s for s in slides if s.name == "reciprocity")
    assert giving.categories == [] and giving.key[0] == "–"
    assert deck_slides(tiny)[0].title == "Networking evidence: Client 01"


def test_names_with_characters_xml_forbids_still_give_a_readable_deck(tiny, tmp_path):
    # every part of the .pptx parses with the standard library's XML parser (not python-pptx)
    import xml.etree.ElementTree as ET
    import zipfile

    from netlytics.deck import write_deck

    odd = "Ana\ufffe L\x0bi\uffff"  # (the tables cannot hold lone surrogates at all)
    data = tiny.replace(
        contacts=tiny.contacts.assign(seeker=odd, name=["Ben\x01 Stone", "Cy Moss\ufffe"]),
        interactions=tiny.interactions.assign(seeker=odd),
    )
    out = write_deck(data, tmp_path / "odd.pptx", theme="default")
    with zipfile.ZipFile(out) as zf:
        parts = [n for n in zf.namelist() if n.endswith(".xml")]
        for name in parts:
            ET.fromstring(zf.read(name))  # raises on any character XML 1.0 forbids
        text = b"".join(zf.read(n) for n in parts).decode("utf-8")
    assert "Networking evidence: Ana Li" in text


def test_bad_suffix_and_several_seekers_are_clear_errors(tiny, tmp_path):
    from netlytics.deck import write_deck

    with pytest.raises(ParameterError, match=r"PowerPoint file.*\.pdf"):
        write_deck(tiny, tmp_path / "deck.pdf")
    two = tiny.replace(
        interactions=pd.concat([tiny.interactions, tiny.interactions.assign(seeker="Bo")], ignore_index=True)
    )
    with pytest.raises(ParameterError, match="for one seeker; the data has 2") as err:
        write_deck(two, tmp_path / "deck.pptx", cohort=False)
    assert "--cohort" in err.value.hint


# --- the sample seeker -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_seeker_deck_slides_and_native_charts_equal_metrics(seeker_deck, seeker_data):
    prs = Presentation(str(seeker_deck))
    titles = [
        next((s.text_frame.text for s in slide.shapes if s.name == "Title"), "")
        for slide in list(prs.slides)[1:]
    ]
    assert len(prs.slides) == 10
    assert titles[1].startswith("Mistake 1") and titles[3].startswith("Mistake 2")
    as_of = seeker_data.latest_timestamp()
    # the donut: touches per channel, as channel_mix counts them
    mix = netlytics.channel_mix(seeker_data, as_of=as_of)
    donut = _charts(prs.slides[2])[0]
    assert (
        list(donut.plots[0].series[0].values) == mix.loc[mix["touches"] > 0, "touches"].astype(float).tolist()
    )
    # the stacked columns: one series per channel, one value per week; the written share a line
    weekly = netlytics.channel_mix(seeker_data, as_of=as_of, freq="W")
    stacked = _charts(prs.slides[3])[0]
    assert stacked.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    email = next(s for s in stacked.plots[0].series if s.name == "E-mail")
    wide = weekly.pivot_table(
        index="period", columns="channel", values="touches", aggfunc="sum", fill_value=0
    )
    assert list(email.values) == wide["email"].astype(float).tolist()
    written = wide[["email", "linkedin", "text"]].sum(axis=1) / wide.sum(axis=1)
    assert stacked.plots[1].series[0].name == "Written share"
    assert list(stacked.plots[1].series[0].values) == pytest.approx(written.tolist())
    # columns of outbound touches per week, the applications a line (as cadence counts them)
    cad = netlytics.cadence(seeker_data, as_of=as_of)
    combo = _charts(prs.slides[4])[0]
    assert [type(p).__name__ for p in combo.plots] == ["BarPlot", "LinePlot"]
    assert list(combo.plots[0].series[0].values) == cad["touches"].astype(float).tolist()
    assert list(combo.plots[1].series[0].values) == cad["applications"].astype(float).tolist()
    # the results: interview rate per route, the number of applications in each label
    res = netlytics.outcomes(seeker_data)
    cols = _charts(prs.slides[6])[0]
    assert list(cols.plots[0].categories)[0] == f"Online ({res['applications'].iloc[0]})"
    rate = res["interviews"] / res["applications"]
    assert list(cols.plots[0].series[0].values) == pytest.approx(rate.tolist())
    # giving: the ten largest exchanges, gives to the right, receives to the left
    rec = netlytics.reciprocity(seeker_data)
    giving = _charts(prs.slides[7])[0]
    gives, receives = giving.plots[0].series
    assert all(v <= 0 for v in receives.values) and all(v >= 0 for v in gives.values)
    top = (rec["give_value"] + rec["receive_value"]).nlargest(10)
    assert sum(gives.values) - sum(receives.values) == pytest.approx(top.sum())
    # key numbers from the scorecard
    card = netlytics.scorecard(seeker_data, as_of=as_of).set_index("mistake")["value"]
    assert _key_number(prs.slides[2]) == f"{card['channel']:.0%}"
    assert _key_number(prs.slides[8]) == f"{card['follow_up']:.0%}"


@pytest.mark.slow
@pytest.mark.browser
def test_seeker_deck_pictures_notes_and_pseudonyms(seeker_deck, seeker_data):
    prs = Presentation(str(seeker_deck))
    slides = list(prs.slides)
    # Kaplan-Meier, calendar and network are pictures; everything else native
    assert [i for i, s in enumerate(slides) if _pictures(s)] == [5, 8, 9]
    for i, name in [(2, "channel_mix"), (4, "cadence"), (5, "calendar"), (8, "km"), (9, "network")]:
        assert get(name).caption in slides[i].notes_slide.notes_text_frame.text
    assert all(s.notes_slide.notes_text_frame.text.strip() for s in slides)
    text = _texts(prs)
    assert "Client 01" in text and "Contact 0" in text
    for real in [*seeker_data.seekers, *seeker_data.contacts["name"].dropna().tolist()]:
        assert real not in text, real


# --- the sample cohort -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_cohort_deck_attention_table_and_bars(cohort_deck, cohort_data):
    from netlytics.report.html import shown_data

    prs = Presentation(str(cohort_deck))
    assert len(prs.slides) == 8
    shown = shown_data(cohort_data, theme="workshop")
    att = F.attention(netlytics.summary(shown, as_of=shown.latest_timestamp()))
    table = _tables(prs.slides[1])[0]
    assert [table.cell(i, 0).text for i in range(1, len(table.rows))] == att["seeker"].tolist()
    assert [table.cell(i, 1).text for i in range(1, len(table.rows))] == att["mistakes"].astype(str).tolist()
    # written share per client, lowest first (a bar chart draws its first category at the bottom)
    bars = _charts(prs.slides[2])[0]
    expect = att.sort_values(["written_share", "seeker"], ascending=[True, False])
    assert list(bars.plots[0].categories) == expect["seeker"].tolist()
    assert list(bars.plots[0].series[0].values) == pytest.approx(expect["written_share"].tolist())
    n = int((att["channel_status"] == "mistake").sum())
    assert _key_number(prs.slides[2]) == f"{n} of {len(att)}"
    text = _texts(prs)
    for real in cohort_data.seekers:
        assert real not in text
    assert get("attention").caption in prs.slides[1].notes_slide.notes_text_frame.text


# --- LibreOffice Impress ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_decks_open_in_libreoffice_impress(seeker_deck, cohort_deck, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice is not installed (apt-get install -y libreoffice-impress): cannot convert to PDF"
        )
    for deck in (seeker_deck, cohort_deck):
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{tmp_path}/lo",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = tmp_path / (deck.stem + ".pdf")
        assert _page_count(pdf) == len(Presentation(str(deck)).slides)


# --- the command ---------------------------------------------------------------------------------


def test_slides_command_through_typer(tiny, tmp_path, monkeypatch):
    import typer
    from typer.testing import CliRunner

    from netlytics.cli.slides import register

    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """netlytics"""

    tracker = tmp_path / "tracker.csv"
    tracker.write_text("date,contact,channel\n2025-03-03,Ben Stone,email\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["slides", str(tmp_path / "nope"), "--cohort", "-o", str(tmp_path / "d.pptx")]
    )
    assert result.exit_code != 0 and "folder of clients" in str(result.exception)
    result = CliRunner().invoke(app, ["slides", str(tracker), "-o", str(tmp_path / "d.txt")])
    assert isinstance(result.exception, ParameterError)
