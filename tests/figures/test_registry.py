"""The figure registry: one spec per figure, each drawable from the shared measures."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import pytest

from netlytics.errors import ParameterError
from netlytics.figures import registry
from netlytics.figures.registry import SECTIONS, SPECS, FigureSpec, draw, get, specs


def test_names_are_unique_and_sections_known():
    names = [s.name for s in SPECS]
    assert len(names) == len(set(names))
    assert {s.section for s in SPECS} <= set(SECTIONS)
    assert {s.scope for s in SPECS} == {"seeker", "cohort"}


def test_every_caption_explains_in_one_to_three_sentences():
    for s in SPECS:
        sentences = [p for p in s.caption.replace("e.g.", "eg").split(". ") if p.strip()]
        assert 1 <= len(sentences) <= 4, s.name
        assert 40 <= len(s.caption) <= 480, s.name
        assert s.title and s.title[0].isupper(), s.name


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("km", "censored"),
        ("reciprocity", "weighted"),
        ("km", "trigger"),
        ("attention", "watch"),
        ("attention", "worst_margin"),
        ("scorecard", "not measured"),
        ("outcomes", "not recorded"),
    ],
)
def test_jargon_is_explained_where_it_is_shown(name, word):
    assert word in get(name).caption


def test_plot_functions_take_the_common_keywords():
    for s in SPECS:
        params = inspect.signature(s.plot).parameters
        for kw in ("title", "labels", "template"):
            assert params[kw].kind is inspect.Parameter.KEYWORD_ONLY, (s.name, kw)
        assert ("names" in params) == s.names, s.name


def test_get_and_specs():
    assert get("channel_mix").plot.__name__ == "plot_channel_mix"
    assert [s.name for s in specs(section="follow_up")] == ["km", "open_loops"]
    assert all(s.scope == "cohort" for s in specs("cohort"))
    with pytest.raises(ParameterError, match="channel_mix"):
        get("chanel_mix")
    with pytest.raises(ParameterError, match="scope"):
        specs("team")


def test_a_spec_with_an_unknown_section_is_refused():
    with pytest.raises(ParameterError, match="section"):
        FigureSpec("x", lambda m: None, lambda t: None, "seeker", "sidebar", "How to read.", "X")


def test_draw_uses_the_measures_attribute_and_names():
    recip = pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["ben", "cy"],
            "gives": [2, 0],
            "receives": [0, 1],
            "give_value": [2.0, 0.0],
            "receive_value": [0.0, 1.0],
            "balance": [2.0, -1.0],
        }
    )
    contacts = pd.DataFrame({"seeker": "Ana", "contact_id": ["ben", "cy"], "name": ["Ben <b>", None]})
    m = SimpleNamespace(reciprocity=recip, data=SimpleNamespace(contacts=contacts))
    fig = draw("reciprocity", m)
    assert isinstance(fig, go.Figure)
    shown = [str(y) for tr in fig.data for y in (tr.y or ())]
    assert "Ben &lt;b&gt;" in shown  # the contact's name, escaped for plotly
    assert "cy" in shown  # no name: the id


def test_pooled_km_for_several_seekers():
    fu = pd.DataFrame(
        {
            "seeker": ["Ana", "Ben"],
            "trigger": "reply",
            "lag_days": [1.0, 3.0],
            "censored": [False, False],
        }
    )
    m = SimpleNamespace(follow_up=fu, km_curves=None)
    km = get("km").metric(m)
    assert km["seeker"].unique().tolist() == ["All seekers"]
    assert km["survival"].tolist() == [0.5, 0.0]


def test_module_docs_name_every_public_function():
    assert set(registry.__all__) >= {"SPECS", "FigureSpec", "get", "specs", "draw"}
