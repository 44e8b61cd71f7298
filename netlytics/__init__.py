"""netlytics: turn a job seeker's networking records into evidence.

The four classic networking mistakes, measured from a tracker spreadsheet and a LinkedIn
"Download your data" export:

1. networking mostly by e-mail instead of in person (:func:`channel_mix`);
2. not making it a priority, and applying before networking (:func:`cadence`,
   :func:`networked_before_applying`);
3. not giving back (:func:`reciprocity`);
4. not following up and not saying thank you (:func:`follow_up`).

Public names are imported lazily so that ``import netlytics`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "NetworkData": "netlytics.data",
    "load": "netlytics.loaders",
    "load_cohort": "netlytics.loaders",
    "NetlyticsError": "netlytics.errors",
    "schema": "netlytics.schema",
    "touches": "netlytics.metrics.touches",
    "channel_mix": "netlytics.metrics.channel",
    "channel_summary": "netlytics.metrics.channel",
    "Measures": "netlytics.metrics.measures",
    "cadence": "netlytics.metrics.cadence",
    "networked_before_applying": "netlytics.metrics.applying",
    "reciprocity": "netlytics.metrics.reciprocity",
    "reciprocity_summary": "netlytics.metrics.reciprocity",
    "follow_up": "netlytics.metrics.followup",
    "follow_up_summary": "netlytics.metrics.followup",
    "km_curves": "netlytics.metrics.km",
    "kaplan_meier": "netlytics.metrics.km",
    "outcomes": "netlytics.metrics.outcomes",
    "scorecard": "netlytics.metrics.scorecard",
    "summary": "netlytics.metrics.summary",
    "tie_strength": "netlytics.metrics.ties",
    "tie_summary": "netlytics.metrics.ties",
    "company_reach": "netlytics.metrics.reach",
    "warm_paths": "netlytics.metrics.reach",
    "cohort_overlap": "netlytics.metrics.overlap",
    "figures": "netlytics.figures",
    "pseudonymize": "netlytics.pseudonymize",
    "write_tables": "netlytics.export",
    "to_parquet": "netlytics.export",
    "build_graph": "netlytics.graph.build",
    "graph_reciprocity": "netlytics.graph.wrappers",
    "communities": "netlytics.graph.communities",
    "plot_network": "netlytics.figures.network",
    "next_actions": "netlytics.plan",
    "nudges": "netlytics.plan",
    "actions_html": "netlytics.plan",
    "to_ics": "netlytics.plan",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'netlytics' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if module.endswith("." + name) and not hasattr(mod, name) else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from netlytics.data import NetworkData  # noqa: F401
    from netlytics.loaders import load, load_cohort  # noqa: F401
