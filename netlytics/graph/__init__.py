"""The network as a graph: ties, tie strength, introductions, companies and cohort overlap.

METRICS.md section 4. The tables here answer questions that flat tables answer badly: who is a
weak tie worth reviving (:func:`tie_strength`), who introduced whom (:func:`build_graph`), who
can get me into a target company (:func:`company_reach`, :func:`warm_paths`) and who in the
cohort knows someone at my target company (:func:`cohort_overlap`).
"""

from __future__ import annotations

from netlytics.graph.build import build_graph, node_ids
from netlytics.graph.communities import communities
from netlytics.graph.overlap import cohort_overlap
from netlytics.graph.reach import company_reach, warm_paths
from netlytics.graph.ties import tie_strength, tie_summary
from netlytics.graph.wrappers import graph_reciprocity

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
