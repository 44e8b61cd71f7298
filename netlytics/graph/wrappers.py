"""Graph measures with a stable return type (a DataFrame per node), whatever graph is passed.

networkx's ``reciprocity`` returns a float for the whole graph or a dict per node depending on
its argument, silently returns 0.0 on an undirected graph and counts parallel edges of a
multigraph once or several times depending on the call. :func:`graph_reciprocity` always
returns one row per node and refuses graphs on which reciprocity means nothing.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from netlytics.errors import ParameterError

__all__ = ["graph_reciprocity", "edge_frame"]

RECIPROCITY_COLUMNS: dict[str, str] = {
    "node": "str",
    "type": "str",
    "successors": "int64",
    "predecessors": "int64",
    "reciprocated": "int64",
    "reciprocity": "float64",
}


def edge_frame(graph: nx.DiGraph, *, edge_type: str | None = None) -> pd.DataFrame:
    """The distinct directed edges ``source``, ``target`` of ``graph`` (optionally of one type).

    Parallel edges of a multigraph are collapsed; self-loops are dropped.

    Parameters
    ----------
    graph : networkx.DiGraph
        A graph from :func:`~netlytics.graph.build.build_graph`.
    edge_type : str, optional
        Keep only edges whose ``type`` attribute is this (e.g. ``"tie"``).

    Returns
    -------
    DataFrame
        Columns ``source`` and ``target``.

    See Also
    --------
    graph_reciprocity : reciprocity computed on the graph.
    """
    if edge_type is None:
        pairs = list(graph.edges())
    else:
        pairs = [(u, v) for u, v, t in graph.edges(data="type") if t == edge_type]
    df = pd.DataFrame(pairs, columns=["source", "target"], dtype="object").drop_duplicates()
    df = df.loc[df["source"] != df["target"]]
    return df.astype({"source": "str", "target": "str"}).reset_index(drop=True)


def graph_reciprocity(graph: nx.DiGraph, *, edge_type: str | None = None) -> pd.DataFrame:
    """Per node: how many of its links go both ways.

    Parameters
    ----------
    graph
        A directed graph (``DiGraph`` or ``MultiDiGraph``; parallel edges count once, self-loops
        are ignored), e.g. from :func:`~netlytics.graph.build.build_graph`.
    edge_type
        Only count edges whose ``type`` attribute equals this (e.g. ``"tie"``); default: all.

    Returns
    -------
    pandas.DataFrame
        One row per node, sorted by node, with ``node``, ``type`` (the node's ``type``
        attribute, null when absent), ``successors``, ``predecessors``, ``reciprocated`` (nodes
        that are both), and ``reciprocity`` = 2 * reciprocated / (successors + predecessors),
        networkx's per-node definition, null for a node without links.

    Raises
    ------
    ParameterError
        If ``graph`` is undirected (every link would be "reciprocated": the measure is
        meaningless there) or not a networkx graph.

    See Also
    --------
    netlytics.metrics.reciprocity.reciprocity : gifts counted from the interactions.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    >>> g.add_node("d")
    >>> graph_reciprocity(g)
      node type  successors  predecessors  reciprocated  reciprocity
    0    a  NaN           2             1             1     0.666667
    1    b  NaN           1             1             1     1.000000
    2    c  NaN           0             1             0     0.000000
    3    d  NaN           0             0             0          NaN
    """
    if not isinstance(graph, nx.Graph):
        raise ParameterError(
            f"graph_reciprocity() expects a networkx DiGraph (from netlytics.build_graph); "
            f"got {type(graph).__name__}."
        )
    if not graph.is_directed():
        raise ParameterError(
            f"graph_reciprocity() needs a directed graph; got an undirected {type(graph).__name__}, "
            "on which every link is trivially mutual.",
            hint="Pass the DiGraph netlytics.build_graph() returns, or graph.to_directed() if that is what you mean.",
        )
    nodes = pd.DataFrame(
        {
            "node": pd.Series([str(n) for n in graph.nodes], dtype="str"),
            "type": pd.Series([t for _, t in graph.nodes(data="type")], dtype="str"),
        }
    )
    e = edge_frame(graph, edge_type=edge_type)
    mutual = e.merge(e.rename(columns={"source": "target", "target": "source"}), on=["source", "target"])
    succ = e.groupby("source").size()
    pred = e.groupby("target").size()
    rec = mutual.groupby("source").size()
    out = nodes.assign(
        successors=nodes["node"].map(succ).fillna(0).astype("int64"),
        predecessors=nodes["node"].map(pred).fillna(0).astype("int64"),
        reciprocated=nodes["node"].map(rec).fillna(0).astype("int64"),
    )
    total = (out["successors"] + out["predecessors"]).astype("float64")
    out["reciprocity"] = 2 * out["reciprocated"] / total.where(total > 0)
    out = out.sort_values("node", kind="stable").reset_index(drop=True)
    return out.astype(RECIPROCITY_COLUMNS)
