"""Build the networkx graph of a seeker's (or a cohort's) network (docs/spec/METRICS.md section 4).

Nodes
-----
- a seeker: id ``"seeker:<name>"``, ``type="seeker"``;
- a contact: id = the ``contact_id`` when it is a profile URL, an e-mail address or any other
  globally meaningful key (so the same person known by several seekers of a cohort is one
  node), but ``"<seeker>|name:<name>"`` for name-only keys (``name:...``), which are only
  meaningful within one seeker: two clients who each know a "Sam Lee" are not assumed to know
  the same person. ``type="contact"``;
- a company (``companies=True``): id ``"company:<company_key>"``, ``type="company"``.

Edges
-----
- ``type="tie"``: seeker -> contact for every (seeker, contact) pair (in the contacts table or
  with an interaction), and contact -> seeker when the contact was ever active towards the seeker
  (an inbound touch or a gift received). On an edge ``u -> v``: ``touches`` counts the touches
  ``u`` initiated (seeker -> contact: outbound touches; contact -> seeker: the other touches),
  with per-channel counts under each channel's name (``email``, ``in_person``...),
  ``dominant_channel``, ``interactions``, ``first_at`` and ``last_at`` of those touches;
  ``gives`` = gift-kind interactions from ``u`` to ``v``, ``receives`` = from ``v`` to ``u``.
  Both directions also carry the pair's tie ``score`` and ``tie`` class (:func:`tie_strength`).
  Hence ``nx.reciprocity`` (or :func:`~netlytics.graph.wrappers.graph_reciprocity`) of a seeker
  node is the share of its ties in which the contact also reached out or gave.
- ``type="introduced"``: an interaction of kind ``introduction`` that names the person introduced
  adds ``contact -> introduced``. For an inbound introduction (the contact introduced the seeker
  to someone) that is introducer -> introduced. For an outbound introduction (the seeker
  introduced the contact to someone) the edge links the two people the seeker connected,
  recipient -> introduced, and its ``introducer`` attribute is the seeker's node.
- ``type="works_at"`` (contact -> company) and ``type="target"`` (seeker -> company applied to
  or followed, with ``applications`` and ``followed``), when ``companies=True``.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from netlytics import identity, schema
from netlytics._checks import check_positive_int
from netlytics.data import NetworkData
from netlytics.metrics._common import as_data, resolve_as_of
from netlytics.metrics._pairs import coded_directional, coded_pair_table
from netlytics.metrics._window import scope
from netlytics.metrics.ties import TIE_CLASSES, WINDOW_DAYS, pair_table, score_pairs

__all__ = ["build_graph", "node_ids", "strongest_first"]

SEEKER_PREFIX = "seeker:"
COMPANY_PREFIX = "company:"
NAME_PREFIX = "name:"


def seeker_node(seekers: pd.Series) -> pd.Series:
    """Node ids of seekers: ``"seeker:<name>"``."""
    return SEEKER_PREFIX + seekers.astype("str")


def company_node(keys: pd.Series) -> pd.Series:
    """Node ids of companies: ``"company:<company_key>"``."""
    return COMPANY_PREFIX + keys.astype("str")


def node_ids(seekers: pd.Series, contact_ids: pd.Series) -> pd.Series:
    """Graph node ids of contacts: the contact_id, prefixed by the seeker for name-only keys.

    Parameters
    ----------
    seekers, contact_ids : Series
        The seeker and contact_id of each contact.

    Returns
    -------
    Series
        The node ids (a person known by URL or e-mail is one node across seekers).

    See Also
    --------
    build_graph : the graph these nodes belong to.

    Examples
    --------
    >>> import pandas as pd
    >>> node_ids(pd.Series(["Ana", "Bo"]), pd.Series(["name:sam lee", "sam@x.org"])).tolist()
    ['Ana|name:sam lee', 'sam@x.org']
    """
    cid = contact_ids.astype("str")
    is_name = cid.str.startswith(NAME_PREFIX, na=False)
    return cid.mask(is_name, seekers.astype("str") + "|" + cid)


def _first_by_group(df: pd.DataFrame, key: str, cols: list[str]) -> pd.DataFrame:
    """First non-null value of each column per group (groups and rows in the frame's order)."""
    return df.groupby(key, sort=False)[cols].first()


def _mode_spelling(keys: pd.Series, raw: pd.Series) -> pd.Series:
    """Per key, its most frequent raw spelling (ties: alphabetical first). Indexed by key."""
    df = pd.DataFrame({"key": keys, "raw": raw.astype("str").str.strip()}).dropna()
    counts = df.groupby(["key", "raw"]).size().rename("n").reset_index()
    counts = counts.sort_values(["key", "n", "raw"], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates("key").set_index("key")["raw"]


def _values(s: pd.Series) -> list:
    """A column as a list of Python values, nulls as None (for node and edge attribute dicts)."""
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        values = s.tolist()
        return [None if v is pd.NaT else v for v in values] if s.isna().any() else values
    if s.dtype == object:
        return [None if v is None or v is pd.NA or v != v else v for v in s.tolist()]
    return s.to_numpy(dtype=object, na_value=None).tolist() if s.isna().any() else s.tolist()


def _records(df: pd.DataFrame) -> list[dict]:
    """Attribute dicts, one per row (much faster than ``DataFrame.to_dict("records")``)."""
    cols = list(df.columns)
    return [dict(zip(cols, row, strict=True)) for row in zip(*(_values(df[c]) for c in cols), strict=True)]


def _tuples(keys: pd.Series, values: pd.Series) -> pd.Series:
    """Per key, the sorted tuple of its distinct values (indexed by key)."""
    d = pd.DataFrame({"k": keys.to_numpy(), "v": values.to_numpy()}).drop_duplicates()
    d = d.sort_values(["k", "v"], kind="stable")
    k = d["k"].to_numpy()
    v = d["v"].tolist()
    if not len(k):
        return pd.Series([], dtype="object")
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(k)]
    return pd.Series(
        [tuple(v[a:b]) for a, b in zip(starts, ends, strict=True)], index=k[starts], dtype="object"
    )


def build_graph(
    data: NetworkData | pd.DataFrame, *, companies: bool = False, as_of=None, top_n: int | None = None
) -> nx.DiGraph:
    """The network as a :class:`networkx.DiGraph`: seekers, contacts, introductions, companies.

    Node ids, node and edge types and attributes: the module documentation. Built from
    aggregated edge tables (one row per edge), not one edge per interaction.

    Parameters
    ----------
    data
        The loaded data, or a canonical interactions DataFrame.
    companies
        Add company nodes and ``works_at`` (contact -> company), ``target`` (seeker ->) edges.
    as_of
        Only interactions up to ``as_of`` count; tie scores are measured then (default: latest).
    top_n
        Keep only the ``top_n`` strongest contacts (best score, then touches, then node id: those
        :func:`~netlytics.figures.plot_network` draws) and edges among kept nodes (default: all).

    Returns
    -------
    networkx.DiGraph
        Graph attributes ``as_of`` (the moment used), ``contacts_left_out`` (by ``top_n``).
        Node attributes: ``type`` and ``name`` for every node; contacts also carry ``contact_id``, ``company``,
        ``company_key``, ``seekers`` (tuple of the seekers who know them), ``touches`` (all
        touches, both directions, all seekers), ``gives``, ``receives`` (seen from the seekers:
        gifts given to and received from this contact), ``give_value``, ``receive_value``,
        ``balance`` (give_value - receive_value, weighted as the reciprocity metric's defaults),
        ``position``, ``score`` (best tie score over seekers) and ``tie`` (best tie class).

    Raises
    ------
    ParameterError
        When ``data`` is not loaded data, ``as_of`` is not a date or ``top_n`` is not above 0.

    See Also
    --------
    netlytics.metrics.ties.tie_strength : the tie scores on the edges.
    netlytics.graph.communities.communities : groups of contacts.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana"] * 3, "interaction_id": ["1", "2", "3"],
    ...     "contact_id": ["bo@x.org", "bo@x.org", "cy@x.org"],
    ...     "at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-08"], utc=True),
    ...     "channel": ["email", "email", "video"], "direction": ["outbound", "inbound", "inbound"],
    ...     "kind": ["message", "message", "introduction"],
    ...     "introduced": [None, None, "di@x.org"]})
    >>> g = build_graph(inter)
    >>> sorted(g.edges(data="type"))
    [('bo@x.org', 'seeker:Ana', 'tie'), ('cy@x.org', 'di@x.org', 'introduced'), ('cy@x.org', 'seeker:Ana', 'tie'), ('seeker:Ana', 'bo@x.org', 'tie'), ('seeker:Ana', 'cy@x.org', 'tie')]
    >>> g.edges["seeker:Ana", "bo@x.org"]["touches"], g.edges["bo@x.org", "seeker:Ana"]["email"]
    (1, 1)
    """
    data = as_data(data)
    as_of = resolve_as_of(data, as_of)
    top_n = check_positive_int("top_n", top_n, allow_none=True)
    graph = nx.DiGraph(as_of=as_of, contacts_left_out=0)
    seekers = pd.Series(data.seekers, dtype="str")
    if as_of is None:
        graph.add_nodes_from((SEEKER_PREFIX + s, {"type": "seeker", "name": s, "seeker": s}) for s in seekers)
        return graph
    ties, by_dir = _scored_pairs(data, as_of)
    ties = ties.assign(node=node_ids(ties["seeker"], ties["contact_id"]), snode=seeker_node(ties["seeker"]))
    every_node, intro = _node_table(data, ties, as_of)
    nodes, ties, intro = _keep_strongest(graph, every_node, ties, intro, top_n)
    for outbound in (True, False):
        e = _tie_edges(ties, by_dir, outbound)
        graph.add_edges_from(zip(e["source"], e["target"], _records(e[_EDGE_ATTRS]), strict=True))

    _add_nodes(graph, nodes, intro, seekers)
    if companies:
        _add_companies(graph, data, nodes, spelled=every_node)
    return graph


def _scored_pairs(data: NetworkData, as_of: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scored (seeker, contact) pairs of all history up to ``as_of`` and the touches per
    pair and direction, from one window's integer codes (the text path when a seeker or contact
    is empty somewhere)."""
    w = scope(data, as_of)  # all history: no since, nothing cut (touches after as_of are masked)
    by_dir = coded_directional(w, WINDOW_DAYS)
    pairs = coded_pair_table(w, WINDOW_DAYS)
    if pairs is None:
        pairs = pair_table(data, w.touch_frame(), as_of, by_dir=by_dir)
    return score_pairs(pairs, as_of), by_dir


def _node_table(data: NetworkData, ties: pd.DataFrame, as_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contact nodes (index = node id) with their attributes, and the introduction edges."""
    nodes = _contact_nodes(data, ties)
    intro = _introductions(data, as_of)
    extra = pd.Index(pd.concat([intro["source"], intro["target"]]).unique()).difference(nodes.index)
    if len(extra):
        nodes = pd.concat([nodes, _bare_nodes(data, extra)])
    return nodes, intro


def _keep_strongest(graph: nx.DiGraph, nodes: pd.DataFrame, ties: pd.DataFrame, intro: pd.DataFrame, top_n):
    """``(nodes, ties, introductions)`` of the ``top_n`` strongest contacts (all when None);
    records how many were left out on the graph."""
    if top_n is None or len(nodes) <= top_n:
        return nodes, ties, intro
    keep = _strongest(nodes, top_n)
    graph.graph["contacts_left_out"] = len(nodes) - len(keep)
    intro = intro.loc[intro["source"].isin(keep) & intro["target"].isin(keep)]
    return nodes.loc[keep], ties.loc[ties["node"].isin(keep)], intro


def _strongest(nodes: pd.DataFrame, top_n: int) -> pd.Index:
    """The ``top_n`` strongest contact nodes (:func:`strongest_first`)."""
    order = strongest_first(nodes["score"], nodes["touches"], nodes.index.to_series())
    return nodes.index[order[:top_n]]


def strongest_first(score: pd.Series, touches: pd.Series, node: pd.Series) -> np.ndarray:
    """Positions of contacts, strongest tie first: best score (none last), most touches, node id.

    The one ranking of "strongest ties": :func:`build_graph` (``top_n``) keeps, and
    :func:`~netlytics.figures.plot_network` draws, the head of it.

    Parameters
    ----------
    score : Series
        Best tie score of each contact (null: ranked below every score).
    touches : Series
        Touches of each contact (null: 0).
    node : Series
        Node id of each contact (the last tie-break, alphabetical).

    Returns
    -------
    numpy.ndarray
        Positions (0-based) of the contacts, strongest first.

    See Also
    --------
    build_graph : its ``top_n`` keeps the head of this ranking.

    Examples
    --------
    >>> strongest_first(pd.Series([0.2, None, 0.9, 0.2]), pd.Series([1, 5, 0, 3]),
    ...                 pd.Series(["d", "c", "b", "a"])).tolist()
    [2, 3, 0, 1]
    """
    ranked = pd.DataFrame(
        {
            "s": pd.to_numeric(score, errors="coerce").astype("float64").fillna(-1.0).to_numpy(),
            "t": pd.to_numeric(touches, errors="coerce").astype("float64").fillna(0.0).to_numpy(),
            "node": node.astype("str").to_numpy(),
        }
    )
    ranked = ranked.sort_values(["s", "t", "node"], ascending=[False, False, True], kind="stable")
    return ranked.index.to_numpy()


def _add_nodes(graph: nx.DiGraph, nodes: pd.DataFrame, intro: pd.DataFrame, seekers: pd.Series) -> None:
    """Add seeker and contact nodes and the introduction edges."""
    graph.add_nodes_from(
        (SEEKER_PREFIX + s, {"type": "seeker", "name": s, "seeker": s}) for s in seekers.tolist()
    )
    graph.add_nodes_from(zip(nodes.index, _records(nodes), strict=True))
    intro_attrs = ["type", "introductions", "introducer", "direction", "seekers", "first_at", "last_at"]
    graph.add_edges_from(zip(intro["source"], intro["target"], _records(intro[intro_attrs]), strict=True))


_EDGE_ATTRS = [
    "type",
    "seeker",
    "contact_id",
    "touches",
    "interactions",
    *schema.CHANNELS,
    "dominant_channel",
]
_EDGE_ATTRS += ["gives", "receives", "first_at", "last_at", "score", "tie"]


def _tie_edges(ties: pd.DataFrame, by_dir: pd.DataFrame, outbound: bool) -> pd.DataFrame:
    """The seeker -> contact (``outbound``) or contact -> seeker edges, with their attributes."""
    channels = list(schema.CHANNELS)
    base = ties[["seeker", "contact_id", "node", "snode", "gives", "receives", "score", "tie"]]
    d = by_dir.loc[by_dir["outbound"] == outbound].drop(columns="outbound")
    e = base.merge(d, on=["seeker", "contact_id"], how="left")
    for col in ["touches", "interactions", *channels]:
        e[col] = e[col].fillna(0).astype("int64")
    counts = e[channels].to_numpy()
    dominant = np.asarray(channels, dtype=object)[counts.argmax(axis=1)] if len(e) else []
    e["dominant_channel"] = pd.Series(dominant, index=e.index, dtype="str").where(e["touches"] > 0)
    e["type"] = "tie"
    if outbound:
        return e.rename(columns={"snode": "source", "node": "target"})
    # the contact's point of view: what it gave the seeker, what it received
    e = e.rename(columns={"gives": "receives", "receives": "gives"})
    e = e.loc[(e["touches"] > 0) | (e["gives"] > 0)]
    return e.rename(columns={"node": "source", "snode": "target"})


_TIE_RANK = {t: i for i, t in enumerate(TIE_CLASSES)}


def _contact_nodes(data: NetworkData, ties: pd.DataFrame) -> pd.DataFrame:
    """One row per contact node (index = node id) with its attributes."""
    t = ties.sort_values(["node", "seeker"], kind="stable")
    first = _first_by_group(t, "node", ["contact_id", "name", "company"])
    pos = data.contacts.assign(node=node_ids(data.contacts["seeker"], data.contacts["contact_id"]))
    position = _first_by_group(pos.sort_values(["node", "seeker"], kind="stable"), "node", ["position"])
    g = t.groupby("node", sort=False)
    sums = g[["touches", "gives", "receives", "give_value", "receive_value"]].sum()
    rank = t["tie"].map(_TIE_RANK).astype("int64")
    best = t.assign(_rank=rank).groupby("node", sort=False)["_rank"].min()
    nodes = first.join(position, how="left").join(sums)
    nodes["seekers"] = _tuples(t["node"], t["seeker"])
    nodes["score"] = g["score"].max()
    nodes["tie"] = best.map(dict(enumerate(TIE_CLASSES)))
    nodes["balance"] = nodes["give_value"] - nodes["receive_value"]
    nodes["company_key"] = identity.company_key(nodes["company"])
    nodes["type"] = "contact"
    cols = ["type", "contact_id", "name", "company", "company_key", "position", "seekers", "touches"]
    return nodes[[*cols, "gives", "receives", "give_value", "receive_value", "balance", "score", "tie"]]


def _bare_nodes(data: NetworkData, node_index: pd.Index) -> pd.DataFrame:
    """Nodes only known as someone introduced (no tie with any seeker yet)."""
    c = data.contacts.assign(node=node_ids(data.contacts["seeker"], data.contacts["contact_id"]))
    c = c.loc[c["node"].isin(node_index)].sort_values(["node", "seeker"], kind="stable")
    info = _first_by_group(c, "node", ["contact_id", "name", "company", "position"]).reindex(node_index)
    cid = pd.Series(node_index, index=node_index, dtype="str")
    info["contact_id"] = info["contact_id"].fillna(cid.str.replace(r"^[^|]*\|(?=name:)", "", regex=True))
    info["company_key"] = identity.company_key(info["company"])
    info = info.assign(
        type="contact",
        seekers=[()] * len(info),
        touches=0,
        gives=0,
        receives=0,
        give_value=0.0,
        receive_value=0.0,
        balance=0.0,
        score=0.0,
        tie=None,
    )
    return info


def _introductions(data: NetworkData, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per introduction edge (contact -> introduced)."""
    df = data.interactions
    keep = (
        df["kind"].eq("introduction")
        & df["introduced"].notna()
        & df["contact_id"].notna()
        & (df["at"] <= as_of)
    )
    d = df.loc[keep, ["seeker", "contact_id", "introduced", "direction", "at"]]
    d = d.assign(
        source=node_ids(d["seeker"], d["contact_id"]),
        target=node_ids(d["seeker"], d["introduced"]),
    )
    d = d.loc[d["source"] != d["target"]]
    d["introducer"] = d["source"].where(d["direction"].eq("inbound"), seeker_node(d["seeker"]))
    d = d.sort_values(["source", "target", "at", "seeker"], kind="stable")
    g = d.groupby(["source", "target"], sort=False)
    out = g.agg(
        introductions=("at", "size"),
        introducer=("introducer", "first"),
        direction=("direction", "first"),
        first_at=("at", "min"),
        last_at=("at", "max"),
    )
    out = out.reset_index()
    key = out["source"] + "\x00" + out["target"]
    out["seekers"] = key.map(_tuples(d["source"] + "\x00" + d["target"], d["seeker"]))
    out["type"] = "introduced"
    return out


def _add_companies(
    graph: nx.DiGraph, data: NetworkData, nodes: pd.DataFrame, *, spelled: pd.DataFrame
) -> None:
    """Company nodes, works-at edges of ``nodes`` and target edges; names spelled as most
    contacts of ``spelled`` (every contact node, when ``top_n`` kept fewer) spell them."""
    every = spelled.loc[spelled["company_key"].notna(), ["company", "company_key"]]
    c = nodes.loc[nodes["company_key"].notna(), ["company", "company_key"]]
    apps = data.applications.assign(company_key=identity.company_key(data.applications["company"]))
    apps = apps.loc[apps["company_key"].notna()]
    fol = data.follows.assign(company_key=identity.company_key(data.follows["company"]))
    fol = fol.loc[fol["company_key"].notna()]
    keys = pd.concat([every["company_key"], apps["company_key"], fol["company_key"]], ignore_index=True)
    raws = pd.concat([every["company"], apps["company"], fol["company"]], ignore_index=True)
    if keys.empty:
        return
    names = _mode_spelling(keys, raws)
    # the companies of the contacts in the graph (all of them without top_n) and the targets
    shown = pd.concat([c["company_key"], apps["company_key"], fol["company_key"]])
    names = names.loc[names.index.isin(shown)]
    graph.add_nodes_from(
        (COMPANY_PREFIX + k, {"type": "company", "name": v, "company_key": k}) for k, v in names.items()
    )
    graph.add_edges_from(
        (n, COMPANY_PREFIX + k, {"type": "works_at"}) for n, k in zip(c.index, c["company_key"], strict=True)
    )
    napps = apps.groupby(["seeker", "company_key"]).size().rename("applications")
    nfol = fol.groupby(["seeker", "company_key"]).size().rename("follows")
    tgt = pd.concat([napps, nfol], axis=1).fillna(0).astype("int64").reset_index()
    tgt = tgt.assign(
        source=seeker_node(tgt["seeker"]),
        target=company_node(tgt["company_key"]),
        followed=tgt["follows"] > 0,
        type="target",
    )
    graph.add_edges_from(
        zip(tgt["source"], tgt["target"], _records(tgt[["type", "applications", "followed"]]), strict=True)
    )
