"""build_graph on the hand-checked cohort: nodes, edges, attributes equal to the table metrics."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.graph.build import build_graph, node_ids
from netlytics.metrics.reciprocity import reciprocity
from netlytics.metrics.touches import touches
from tests.graph import AS_OF, CARA, DEV, ELI, FAY, cohort

ANA, BEN = "seeker:Ana", "seeker:Ben"
ANA_ELI, BEN_ELI = "Ana|" + ELI, "Ben|" + ELI


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return build_graph(cohort(), as_of=AS_OF)


def test_nodes(graph):
    # 2 seekers; Cara shared (same URL); two different Elis (name keys are per seeker); Dev; Fay
    assert sorted(graph.nodes) == sorted([ANA, BEN, CARA, DEV, ANA_ELI, BEN_ELI, FAY])
    assert graph.nodes[ANA]["type"] == "seeker"
    cara = graph.nodes[CARA]
    assert cara["type"] == "contact" and cara["seekers"] == ("Ana", "Ben")
    assert cara["name"] == "Cara Fictional" and cara["company_key"] == "acme"
    assert cara["touches"] == 6  # Ana 5 + Ben 1
    assert cara["tie"] == "strong"  # Ana's strong tie wins over Ben's medium one
    assert graph.nodes[ANA_ELI]["company"] == "Acme" and graph.nodes[BEN_ELI]["company"] == "Initech"


def test_edges(graph):
    ties = {(u, v) for u, v, t in graph.edges(data="type") if t == "tie"}
    # seeker -> contact for every pair
    assert {(ANA, CARA), (ANA, DEV), (ANA, ANA_ELI), (BEN, CARA), (BEN, BEN_ELI), (BEN, FAY)} <= ties
    # contact -> seeker only when the contact reached out or gave: Cara and Eli touched Ana,
    # Dev endorsed her; nobody of Ben's did anything towards him
    assert ties - {(ANA, CARA), (ANA, DEV), (ANA, ANA_ELI), (BEN, CARA), (BEN, BEN_ELI), (BEN, FAY)} == {
        (CARA, ANA),
        (DEV, ANA),
        (ANA_ELI, ANA),
    }
    assert graph.number_of_edges() == 11


def test_introduction_edges(graph):
    intro = {(u, v): d for u, v, d in graph.edges(data=True) if d["type"] == "introduced"}
    assert set(intro) == {(ANA_ELI, FAY), (FAY, BEN_ELI)}
    # inbound: Eli introduced Ana to Fay -> introducer -> introduced
    assert intro[(ANA_ELI, FAY)]["introducer"] == ANA_ELI and intro[(ANA_ELI, FAY)]["direction"] == "inbound"
    # outbound: Ben introduced Fay to (his) Eli -> recipient -> introduced, introducer = Ben
    assert intro[(FAY, BEN_ELI)]["introducer"] == BEN and intro[(FAY, BEN_ELI)]["direction"] == "outbound"
    assert intro[(FAY, BEN_ELI)]["introductions"] == 1 and intro[(FAY, BEN_ELI)]["seekers"] == ("Ben",)


def test_edge_attributes_hand_checked(graph):
    out = graph.edges[ANA, CARA]
    # outbound touches: in_person 06-29, email 06-29 (2 interactions), email 05-02 (help)
    assert out["touches"] == 3 and out["interactions"] == 4
    assert (out["in_person"], out["email"], out["linkedin"]) == (1, 2, 0)
    assert out["dominant_channel"] == "email"
    assert (out["gives"], out["receives"]) == (1, 1)
    assert out["first_at"] == pd.Timestamp("2025-05-02", tz="UTC")
    assert out["last_at"] == pd.Timestamp("2025-06-29", tz="UTC")
    back = graph.edges[CARA, ANA]
    # inbound touches: email 05-01 and linkedin 05-10 (the referral); Cara gave one, received one
    assert back["touches"] == 2 and (back["email"], back["linkedin"]) == (1, 1)
    assert back["dominant_channel"] == "email"  # a tie goes to the first channel in schema order
    assert (back["gives"], back["receives"]) == (1, 1)
    assert back["score"] == out["score"] and back["tie"] == "strong"
    dev = graph.edges[DEV, ANA]
    assert dev["touches"] == 0 and dev["gives"] == 1 and dev["dominant_channel"] is None


def test_touches_match_the_touches_table(graph):
    t = touches(cohort())
    t = t.assign(node=node_ids(t["seeker"], t["contact_id"]), snode="seeker:" + t["seeker"])
    for (snode, node, outbound, channel), n in (
        t.groupby(["snode", "node", "outbound", "channel"]).size().items()
    ):
        edge = graph.edges[snode, node] if outbound else graph.edges[node, snode]
        assert edge[channel] == n
    per_edge = t.groupby(["snode", "node", "outbound"]).size()
    for (snode, node, outbound), n in per_edge.items():
        edge = graph.edges[snode, node] if outbound else graph.edges[node, snode]
        assert edge["touches"] == n
    total = sum(d["touches"] for _, _, d in graph.edges(data=True) if d["type"] == "tie")
    assert total == len(t)


def test_gifts_match_reciprocity(graph):
    r = reciprocity(cohort())
    assert len(r) > 0
    for row in r.itertuples():
        node = node_ids(pd.Series([row.seeker]), pd.Series([row.contact_id])).iloc[0]
        out = graph.edges["seeker:" + row.seeker, node]
        assert (out["gives"], out["receives"]) == (row.gives, row.receives)
        if row.receives:
            back = graph.edges[node, "seeker:" + row.seeker]
            assert (back["gives"], back["receives"]) == (row.receives, row.gives)
    # node balance = give_value - receive_value summed over seekers
    bal = r.assign(node=node_ids(r["seeker"], r["contact_id"])).groupby("node")["balance"].sum()
    for node, b in bal.items():
        assert graph.nodes[node]["balance"] == pytest.approx(b)


def test_companies():
    g = build_graph(cohort(), as_of=AS_OF, companies=True)
    comp = {n: d for n, d in g.nodes(data=True) if d["type"] == "company"}
    assert set(comp) == {"company:acme", "company:globex", "company:initech", "company:acme analytics"}
    works = {(u, v) for u, v, t in g.edges(data="type") if t == "works_at"}
    assert works == {
        (CARA, "company:acme"),
        (ANA_ELI, "company:acme"),
        (DEV, "company:globex"),
        (BEN_ELI, "company:initech"),
        (FAY, "company:acme analytics"),
    }
    targets = {(u, v): d for u, v, d in g.edges(data=True) if d["type"] == "target"}
    assert set(targets) == {(ANA, "company:acme analytics"), (BEN, "company:globex"), (BEN, "company:acme")}
    assert targets[(BEN, "company:acme")]["followed"] and targets[(BEN, "company:acme")]["applications"] == 0
    assert targets[(ANA, "company:acme analytics")]["applications"] == 1
    assert g.number_of_edges() == 11 + 5 + 3


def test_shared_contact_by_email_across_seekers():
    inter = pd.DataFrame(
        {
            "seeker": ["Ana", "Ben", "Ben"],
            "interaction_id": ["1", "1", "2"],
            "contact_id": ["sam@example.org", "sam@example.org", "name:sam lee"],
            "at": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"], utc=True),
            "channel": ["email"] * 3,
            "direction": ["outbound"] * 3,
            "kind": ["message"] * 3,
        }
    )
    g = build_graph(inter)
    assert g.nodes["sam@example.org"]["seekers"] == ("Ana", "Ben")
    assert g.nodes["Ben|name:sam lee"]["seekers"] == ("Ben",)
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 3


def test_as_of_recorded_and_filters(graph):
    assert graph.graph["as_of"] == pd.Timestamp(AS_OF, tz="UTC")
    early = build_graph(cohort(), as_of="2025-05-05")
    assert early.edges[ANA, CARA]["touches"] == 1  # only the 05-02 help
    # the introductions (06-15, 06-20) had not happened yet
    assert not [e for e in early.edges(data="type") if e[2] == "introduced"]
    # Ben's Cara connected on 2025-06-20: not his contact yet on 2025-05-05
    assert early.nodes[CARA]["seekers"] == ("Ana",) and not early.has_edge(BEN, CARA)


def test_empty():
    g = build_graph(NetworkData())
    assert g.number_of_nodes() == 0
    g = build_graph(NetworkData(contacts=pd.DataFrame({"seeker": ["Ana"], "contact_id": ["bo@x.org"]})))
    # no timestamp anywhere: the seeker node only
    assert list(g.nodes) == ["seeker:Ana"]


def test_every_tie_edge_has_every_channel():
    g = build_graph(cohort())
    for _, _, d in g.edges(data=True):
        if d["type"] == "tie":
            assert all(isinstance(d[c], int) for c in schema.CHANNELS)


def test_row_order_does_not_change_the_graph():
    data = cohort()
    shuffled = data.replace(
        interactions=data.interactions.sample(frac=1, random_state=7),
        contacts=data.contacts.sample(frac=1, random_state=7),
    )
    a, b = build_graph(data, as_of=AS_OF, companies=True), build_graph(shuffled, as_of=AS_OF, companies=True)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert {(u, v): d for u, v, d in a.edges(data=True)} == {(u, v): d for u, v, d in b.edges(data=True)}


def test_top_level_names():
    import netlytics as nl

    assert nl.build_graph is build_graph
    for name in ("tie_strength", "company_reach", "warm_paths", "cohort_overlap", "communities"):
        assert callable(getattr(nl, name))


def test_built_from_aggregated_edge_tables_not_one_add_edge_per_interaction(monkeypatch):
    # 50 copies of every interaction (ids made unique): the same edges, touch counts unchanged
    # (copies fall on the same contact, channel and day), interactions x50, and the same
    # handful of bulk add_edges_from calls; add_edge is never called
    data = cohort()
    many = pd.concat(
        [
            data.interactions.assign(interaction_id=data.interactions["interaction_id"] + f"-{k}")
            for k in range(50)
        ],
        ignore_index=True,
    )
    calls: list[int] = []
    real = nx.DiGraph.add_edges_from

    def counting(self, ebunch, **attr):
        ebunch = list(ebunch)
        calls.append(len(ebunch))
        return real(self, ebunch, **attr)

    def forbidden(self, *a, **k):
        raise AssertionError("build_graph must not add edges one by one")

    monkeypatch.setattr(nx.DiGraph, "add_edges_from", counting)
    monkeypatch.setattr(nx.DiGraph, "add_edge", forbidden)
    small = build_graph(data, as_of=AS_OF)
    n_small = len(calls)
    big = build_graph(data.replace(interactions=many), as_of=AS_OF)
    assert len(calls) - n_small == n_small <= 4
    assert set(big.edges) == set(small.edges)
    assert big.edges[ANA, CARA]["touches"] == 3 and big.edges[ANA, CARA]["interactions"] == 4 * 50


def test_top_n_keeps_the_strongest_contacts_and_the_edges_among_them():
    full = build_graph(cohort(), as_of=AS_OF, companies=True)
    contacts = {n: d for n, d in full.nodes(data=True) if d["type"] == "contact"}
    ranked = sorted(contacts, key=lambda n: (-contacts[n]["score"], -contacts[n]["touches"], n))
    assert ranked[0] == CARA  # the hand-checked strongest tie (Ana's strong one)
    for n in range(1, len(contacts) + 1):
        g = build_graph(cohort(), as_of=AS_OF, companies=True, top_n=n)
        kept = {v for v, t in g.nodes(data="type") if t == "contact"}
        assert kept == set(ranked[:n])
        assert g.graph["contacts_left_out"] == len(contacts) - n
        # every node and edge kept is exactly as in the whole graph
        assert all(g.nodes[v] == full.nodes[v] for v in g.nodes)
        assert sorted(g.edges(data=True)) == sorted(full.subgraph(g.nodes).edges(data=True))
        # seekers and the companies applied to stay; a company only a left-out contact works at goes
        works = {c for u, c, t in full.edges(data="type") if t == "works_at" and u in kept}
        targets = {c for _, c, t in full.edges(data="type") if t == "target"}
        companies = {v for v, t in g.nodes(data="type") if t == "company"}
        assert companies == works | targets
        assert {ANA, BEN} <= set(g.nodes)
    assert build_graph(cohort(), as_of=AS_OF).graph["contacts_left_out"] == 0
    with pytest.raises(ParameterError):
        build_graph(cohort(), as_of=AS_OF, top_n=0)


@pytest.mark.parametrize("as_of", [None, "2025-06-01"])
def test_coded_pairs_equal_the_text_path(as_of):
    """The graph's pairs and per-direction touches come from integer codes (issue 15); they
    equal the text path's (pair_table and directional_touches on the decoded touches), row
    for row, on generated data with several seekers, channels and gifts."""
    from benchmarks import datagen
    from netlytics.graph.build import _scored_pairs
    from netlytics.metrics._common import resolve_as_of
    from netlytics.metrics.ties import directional_touches, pair_table, score_pairs

    data = datagen.network_data(4_000, seekers=5, seed=3)
    when = resolve_as_of(data, as_of)
    t = touches(data)
    by_dir_text = directional_touches(t, when)
    ties_text = score_pairs(pair_table(data, t, when, by_dir=by_dir_text), when)
    ties, by_dir = _scored_pairs(data, when)
    pd.testing.assert_frame_equal(ties, ties_text)
    keys = ["seeker", "contact_id", "outbound"]
    pd.testing.assert_frame_equal(
        by_dir.sort_values(keys, ignore_index=True), by_dir_text.sort_values(keys, ignore_index=True)
    )
    assert len(by_dir) and by_dir["outbound"].any() and not by_dir["outbound"].all()
    assert (ties["gives"] > 0).any() and (ties["receives"] > 0).any()


def test_coded_pairs_on_the_hand_checked_cohort():
    from netlytics.graph.build import _scored_pairs
    from netlytics.metrics._common import resolve_as_of
    from netlytics.metrics.ties import directional_touches

    when = resolve_as_of(cohort(), AS_OF)
    _, by_dir = _scored_pairs(cohort(), when)
    text = directional_touches(touches(cohort()), when)
    keys = ["seeker", "contact_id", "outbound"]
    pd.testing.assert_frame_equal(
        by_dir.sort_values(keys, ignore_index=True), text.sort_values(keys, ignore_index=True)
    )
