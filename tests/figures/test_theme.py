"""Theme: one colour per channel and status everywhere; templates resolve; labels display."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from netlytics import schema
from netlytics.errors import ParameterError
from netlytics.figures.channel import plot_channel_mix, plot_channel_weekly
from netlytics.figures.theme import (
    CHANNEL_COLORS,
    OKABE_ITO,
    STATUS_COLORS,
    VIA_COLORS,
    Theme,
    apply_layout,
    display_label,
    get_theme,
)


def test_colour_maps_cover_the_vocabularies():
    assert list(CHANNEL_COLORS) == list(schema.CHANNELS)
    assert set(STATUS_COLORS) == set(schema.SCORE_STATUSES)
    assert set(VIA_COLORS) == set(schema.VIAS)
    assert len(set(CHANNEL_COLORS.values())) == len(CHANNEL_COLORS)  # channels distinguishable


def test_channel_colours_are_okabe_ito_or_grey():
    assert set(CHANNEL_COLORS.values()) <= set(OKABE_ITO) | {"#999999"}


def test_figures_use_channel_colours():
    mix = pd.DataFrame(
        {"seeker": "Ana", "channel": ["phone", "text"], "touches": [1, 1], "share": [0.5, 0.5]}
    )
    fig = plot_channel_mix(mix)
    assert list(fig.data[0].marker.colors) == [CHANNEL_COLORS["phone"], CHANNEL_COLORS["text"]]
    weekly = mix.assign(period=pd.Timestamp("2025-03-03", tz="UTC"))
    fig = plot_channel_weekly(weekly)
    assert [tr.fillcolor for tr in fig.data[:2]] == [CHANNEL_COLORS["phone"], CHANNEL_COLORS["text"]]


def test_get_theme_variants():
    assert get_theme().name == "default" and not get_theme().pseudonymize
    ws = get_theme("workshop")
    assert ws.pseudonymize and ws.font_size >= 18
    assert list(ws.template.layout.colorway)[:3] == list(OKABE_ITO[1:4])
    custom = go.layout.Template(layout={"font": {"size": 9}})
    assert get_theme(custom).template is custom
    t = Theme("mine", custom, pseudonymize=True)
    assert get_theme(t) is t
    with pytest.raises(ParameterError, match="Did you mean 'workshop'"):
        get_theme("worksho")
    with pytest.raises(ParameterError, match="got int"):
        get_theme(3)


def test_display_label_precedence():
    assert display_label("email") == "E-mail"
    assert display_label("email", {"email": "Mail"}) == "Mail"
    assert display_label("open_loops") == "Open loops"


def test_apply_layout_sets_template_title_and_axes():
    fig = apply_layout(
        go.Figure(), template="workshop", default_title="D", x="week", y="touches", legend="channel"
    )
    assert fig.layout.title.text == "D"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Week", "Touches")
    assert fig.layout.legend.title.text == "Channel"
    assert fig.layout.template.layout.font.size == 20


def test_workshop_shapes_are_opaque():
    # plotly's simple_white (the workshop base) fades shapes to 30%: thresholds and tiles must not
    from netlytics.figures import plot_give_share

    assert get_theme("workshop").template.layout.shapedefaults.opacity == 1
    # simple_white's shape lines are 0 wide: a line added with no width (fig.add_hline) vanished
    assert get_theme("workshop").template.layout.shapedefaults.line.width == 2
    fig = plot_give_share(pd.DataFrame({"seeker": ["Ana"], "give_share": [0.5]}), template="workshop")
    assert fig.layout.shapes and fig.layout.template.layout.shapedefaults.opacity == 1
