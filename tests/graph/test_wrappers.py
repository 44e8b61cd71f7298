"""graph_reciprocity: a DataFrame per node whatever graph is passed."""

from __future__ import annotations

import networkx as nx
import pytest

from netlytics.errors import ParameterError
from netlytics.graph.build import build_graph
from netlytics.graph.wrappers import RECIPROCITY_COLUMNS, graph_reciprocity
from tests.graph import AS_OF, CARA, cohort


def test_matches_networkx_on_a_digraph():
    g = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d"), ("d", "c"), ("d", "a")])
    r = graph_reciprocity(g).set_index("node")
    expected = nx.reciprocity(g, g.nodes)
    for node, value in expected.items():
        assert r.loc[node, "reciprocity"] == pytest.approx(value)
    # a: successors b, c; predecessors b, d; b both ways -> 2*1/4
    assert r.loc["a", ["successors", "predecessors", "reciprocated"]].tolist() == [2, 2, 1]


def test_multigraph_parallel_edges_count_once():
    g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a")])
    r = graph_reciprocity(g).set_index("node")
    assert r.loc["a", "reciprocity"] == 1.0 and r.loc["a", "successors"] == 1


def test_self_loops_and_isolated_nodes():
    g = nx.DiGraph([("a", "a"), ("a", "b")])
    g.add_node("z")
    r = graph_reciprocity(g).set_index("node")
    assert r.loc["a", "reciprocated"] == 0 and r.loc["a", "successors"] == 1
    assert r["reciprocity"].isna().tolist() == [False, False, True]


def test_undirected_graph_raises():
    with pytest.raises(ParameterError, match="directed"):
        graph_reciprocity(nx.Graph([("a", "b")]))
    with pytest.raises(ParameterError, match="DiGraph"):
        graph_reciprocity({"a": "b"})


def test_stable_type_on_empty_graph():
    r = graph_reciprocity(nx.DiGraph())
    assert r.empty and {c: str(d) for c, d in r.dtypes.items()} == RECIPROCITY_COLUMNS


def test_on_the_cohort_graph_ties_only():
    g = build_graph(cohort(), as_of=AS_OF)
    r = graph_reciprocity(g, edge_type="tie").set_index("node")
    # Ana: 3 contacts, all three reached back (Cara, Dev, Eli): 2*3/6 = 1
    assert r.loc["seeker:Ana", "reciprocity"] == 1.0
    # Ben: 3 contacts, none reached back: 0
    assert r.loc["seeker:Ben", "reciprocity"] == 0.0
    # Cara: Ana <-> Cara, Ben -> Cara: 2*1/3
    assert r.loc[CARA, "reciprocity"] == pytest.approx(2 / 3)
    assert r.loc[CARA, "type"] == "contact"
