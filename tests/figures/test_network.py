"""plot_network: seeded layout, colours, top-N cut with a note, WebGL for big graphs, empty graphs."""

from __future__ import annotations

import copy

import networkx as nx
import numpy as np
import plotly.graph_objects as go
import pytest

from netlytics.errors import ParameterError
from netlytics.figures._common import NO_DATA
from netlytics.figures.network import GL_THRESHOLD, TIE_COLORS, plot_network
from netlytics.figures.theme import CHANNEL_COLORS
from netlytics.graph.build import build_graph
from tests.graph import AS_OF, cohort


def star(n: int, *, channel: str = "email") -> nx.DiGraph:
    """One seeker with n contacts; contact k has k+1 touches and score k/n (c{n-1} strongest)."""
    g = nx.DiGraph()
    g.add_node("seeker:Ana", type="seeker", name="Ana")
    for k in range(n):
        tie = "strong" if k >= n - 2 else "weak"
        g.add_node(
            f"c{k}", type="contact", contact_id=f"c{k}", touches=k + 1, score=k / n, tie=tie, balance=k - 1
        )
        g.add_edge("seeker:Ana", f"c{k}", type="tie", touches=k + 1, **{channel: k + 1})
    return g


def names(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data]


def test_traces_and_colours():
    fig = plot_network(star(4))
    # edges first (one trace per dominant channel), then seekers, then one trace per tie class
    assert names(fig) == ["E-mail", "Job seeker", "Strong", "Weak"]
    assert fig.data[0].line.color == CHANNEL_COLORS["email"]
    assert fig.data[2].marker.color == TIE_COLORS["strong"]
    assert all(t.type == "scatter" for t in fig.data)
    # 4 edges -> 4 segments of (start, end, None)
    assert len(fig.data[0].x) == 12


def test_dominant_channel_merges_both_directions():
    g = nx.DiGraph()
    g.add_node("seeker:Ana", type="seeker", name="Ana")
    g.add_node("bo", type="contact", touches=5, score=0.5, tie="medium")
    g.add_edge("seeker:Ana", "bo", type="tie", email=2, in_person=1)
    g.add_edge("bo", "seeker:Ana", type="tie", in_person=2)
    fig = plot_network(g)
    # in person 3 (1 + 2) beats e-mail 2: one edge, drawn once, in the in-person colour
    assert names(fig)[0] == "In person" and len(fig.data[0].x) == 3


def test_seeded_layout_is_reproducible():
    a = plot_network(star(10), seed=1).to_plotly_json()
    b = plot_network(star(10), seed=1).to_plotly_json()
    assert a == b
    c = plot_network(star(10), seed=2)
    assert list(c.data[0].x) != list(plot_network(star(10), seed=1).data[0].x)


def test_top_n_keeps_the_strongest_and_notes_the_rest():
    fig = plot_network(star(30), top_n=5)
    shown = [x for t in fig.data if t.mode and "markers" in t.mode and t.name != "Job seeker" for x in t.x]
    assert len(shown) == 5
    notes = [a.text for a in fig.layout.annotations]
    assert notes == ["and 25 more contacts (showing the 5 strongest ties)"]
    hover = [h for t in fig.data if t.name in ("Strong", "Weak") for h in t.hovertext]
    assert {h.split("<br>")[0] for h in hover} == {"c25", "c26", "c27", "c28", "c29"}


@pytest.mark.parametrize("top_n", [1, 3, 150])
def test_drawing_from_data_builds_only_the_drawn_ties(top_n):
    # plot_network(data) builds the graph of its top_n strongest ties: the same figure, and the
    # same "and N more" note, as drawing the whole graph
    data = cohort()
    whole = plot_network(build_graph(data), top_n=top_n)
    cut = build_graph(data, top_n=top_n)
    assert plot_network(cut, top_n=top_n).to_plotly_json() == whole.to_plotly_json()
    assert plot_network(data, top_n=top_n).to_plotly_json() == whole.to_plotly_json()
    assert [a.text for a in whole.layout.annotations] == (
        [f"and {5 - top_n} more contacts (showing the {top_n} strongest ties)"] if top_n < 5 else []
    )


def test_webgl_for_big_graphs(monkeypatch):
    # 40 contacts drawn: 41 nodes + 3 points per edge = 161 points; lower the threshold below that
    # (the real one, a few thousand points, would make the layout too slow for a unit test)
    monkeypatch.setattr("netlytics.figures.network.GL_THRESHOLD", 160)
    fig = plot_network(star(40), top_n=40)
    assert {t.type for t in fig.data} == {"scattergl"}
    small = plot_network(star(40), top_n=39)  # 157 points
    assert {t.type for t in small.data} == {"scatter"}
    assert GL_THRESHOLD >= 2000


def test_big_graph_stays_small():
    fig = plot_network(star(5000))  # the default top_n keeps the figure small
    assert {t.type for t in fig.data} == {"scatter"}
    assert len(fig.to_html(include_plotlyjs=False)) < 500_000


def test_color_by_balance():
    fig = plot_network(star(3), color_by="balance")
    contacts = fig.data[-1]
    # contact k has balance k - 1, drawn in graph order c0, c1, c2
    assert list(contacts.marker.color) == [-1.0, 0.0, 1.0]
    assert contacts.marker.cmin == -1.0 and contacts.marker.cmax == 1.0
    assert contacts.marker.colorbar.title.text == "Balance"


def test_from_data_and_cohort_graph_with_companies():
    data = cohort()
    fig = plot_network(data, title="Ana and Ben")
    assert fig.layout.title.text == "Ana and Ben"
    g = build_graph(data, as_of=AS_OF, companies=True)
    fig = plot_network(g, names=data.contacts)
    assert "Introduction" in names(fig) and "Company" in names(fig) and "Works at" in names(fig)
    hover = [h for t in fig.data if t.name in ("Strong", "Medium", "Weak", "Dormant") for h in t.hovertext]
    assert any(h.startswith("Cara Fictional<br>Acme Inc.<br>Tie: Strong (score 0.69)") for h in hover)


def test_workshop_theme_pseudonymises():
    fig = plot_network(build_graph(cohort(), as_of=AS_OF), template="workshop")
    text = " ".join(h for t in fig.data for h in (t.hovertext or ()))
    assert "fict-cara" not in text and "Cara" not in text and "Contact " in text
    seekers = next(t for t in fig.data if t.name == "Job seeker")
    assert all(s.startswith("Client ") for s in seekers.text) and "Ana" not in seekers.text


def test_labels_and_no_show(monkeypatch):
    monkeypatch.setattr(go.Figure, "show", lambda *a, **k: pytest.fail("show() called"))
    fig = plot_network(star(2), labels={"email": "Mail", "strong": "Close"})
    assert names(fig)[0] == "Mail" and "Close" in names(fig)


def test_does_not_mutate_the_graph():
    g = build_graph(cohort(), as_of=AS_OF)
    before = copy.deepcopy(nx.node_link_data(g, edges="edges"))
    plot_network(g)
    assert nx.node_link_data(g, edges="edges") == before


def test_empty_graph():
    fig = plot_network(nx.DiGraph(), title="Net")
    assert fig.layout.annotations[0].text.startswith(NO_DATA)
    assert fig.layout.title.text == "Net"


def test_bad_arguments():
    with pytest.raises(ParameterError, match="color_by"):
        plot_network(star(2), color_by="channel")
    with pytest.raises(ParameterError, match="top_n"):
        plot_network(star(2), top_n=0)
    with pytest.raises(ParameterError, match="networkx graph"):
        plot_network([1, 2])


def test_positions_are_finite():
    fig = plot_network(star(50))
    xs = np.array([x for t in fig.data for x in t.x if x is not None], dtype=float)
    assert np.isfinite(xs).all()


def test_contacts_who_never_wrote_back_stay_near_their_seeker():
    # star(): only seeker -> contact edges. The layout must use the undirected graph, or these
    # contacts feel no pull towards the seeker and drift to the edge of the picture.
    g = star(12)
    g.add_node("seeker:Bo", type="seeker", name="Bo")
    g.add_node("z", type="contact", contact_id="z", touches=1, score=0.9, tie="strong")
    g.add_edge("seeker:Bo", "z", type="tie", email=1)
    fig = plot_network(g)
    seekers = next(t for t in fig.data if t.name == "Job seeker")
    ana = np.array([seekers.x[0], seekers.y[0]])
    bo = np.array([seekers.x[1], seekers.y[1]])
    points = [
        np.array(p) for t in fig.data if t.name in ("Strong", "Weak") for p in zip(t.x, t.y, strict=True)
    ]
    z = next(
        p
        for t in fig.data
        if t.name == "Strong"
        for p, h in zip(zip(t.x, t.y, strict=True), t.hovertext, strict=True)
        if h.startswith("z<br>")
    )
    assert np.linalg.norm(np.array(z) - bo) < np.linalg.norm(np.array(z) - ana)
    others = [p for p in points if not np.allclose(p, z)]
    assert max(np.linalg.norm(p - ana) for p in others) < np.linalg.norm(bo - ana)


def test_strongest_ties_are_labelled_on_their_outer_side():
    import networkx as nx

    from netlytics.figures.network import plot_network

    g = nx.DiGraph()
    g.add_node("seeker:Ana", type="seeker", name="Ana")
    # scores 0.9 > 0.5 > 0.1: with label_top=2, Bo and Cy are named, Di only on hover
    for node, score, tie in (("bo", 0.9, "strong"), ("cy", 0.5, "medium"), ("di", 0.1, "weak")):
        g.add_node(node, type="contact", name=node.title(), touches=3, score=score, tie=tie)
        g.add_edge("seeker:Ana", node, type="tie", email=3, touches=3)
    fig = plot_network(g, label_top=2, names="ids")
    text = {tr.name: list(tr.text) for tr in fig.data if tr.name in ("Strong", "Medium", "Weak")}
    assert text == {"Strong": ["bo"], "Medium": ["cy"], "Weak": [""]}
    # each label sits on the side of its node away from the centre of the drawing
    nodes = [tr for tr in fig.data if tr.name in ("Job seeker", "Strong", "Medium", "Weak")]
    centre = sum(x for tr in nodes for x in tr.x) / sum(len(tr.x) for tr in nodes)
    for tr in nodes[1:]:
        expected = "middle right" if tr.x[0] >= centre else "middle left"
        assert list(tr.textposition) == [expected]
    # a cohort (two seekers) names no contact by default
    g.add_node("seeker:Ben", type="seeker", name="Ben")
    g.add_edge("seeker:Ben", "bo", type="tie", email=1, touches=1)
    fig = plot_network(g)
    assert all(t == "" for tr in fig.data if tr.name == "Strong" for t in (tr.text or [""]))
