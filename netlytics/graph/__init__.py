"""The network as a networkx graph: build, communities and graph wrappers.

docs/spec/METRICS.md section 4. The graph answers what flat tables answer badly: who introduced
whom (:func:`build_graph`) and which groups the contacts form (:func:`communities`). The tables
computed with pandas alone (tie strength, company reach, warm paths, cohort overlap) live in
:mod:`netlytics.metrics` and are re-exported here for convenience: graph depends on metrics,
never the reverse.
"""

from __future__ import annotations

from netlytics.graph.build import build_graph, node_ids
from netlytics.graph.communities import communities
from netlytics.graph.wrappers import graph_reciprocity
from netlytics.metrics.overlap import cohort_overlap
from netlytics.metrics.reach import company_reach, warm_paths
from netlytics.metrics.ties import tie_strength, tie_summary

__all__ = [
    "build_graph",
    "node_ids",
    "tie_strength",
    "tie_summary",
    "company_reach",
    "warm_paths",
    "cohort_overlap",
    "communities",
    "graph_reciprocity",
]
