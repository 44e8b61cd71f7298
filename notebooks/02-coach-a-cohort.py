# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 Coach a cohort
#
# You are a career coach with a folder of clients (one tracker, export or sub-folder per client).
# This notebook finds who needs attention this week and why. It runs on the fictional cohort in
# `data/sample/cohort/`.

# %%
import os
from pathlib import Path

import pandas as pd
import plotly.io as pio

import netlytics
import netlytics.figures as F

pio.renderers.default = "notebook"

SAMPLE = Path(os.environ.get("NETLYTICS_SAMPLE", "../data/sample"))
cohort = netlytics.load_cohort(SAMPLE / "cohort")
cohort

# %%
as_of = cohort.latest_timestamp()
summary = netlytics.summary(cohort, as_of=as_of)
summary[
    [
        "seeker",
        "touches",
        "written_share",
        "active_week_share",
        "give_share",
        "channel_status",
        "priority_status",
        "giving_status",
        "follow_up_status",
    ]
]

# %% [markdown]
# ## Who needs attention

# %%
F.attention(summary)[["seeker", "mistakes", "watches", "worst_rule", "worst_margin"]]

# %%
F.plot_attention(summary)

# %% [markdown]
# ## Everyone's week, side by side

# %%
F.plot_small_multiples(netlytics.cadence(cohort, as_of=as_of))

# %% [markdown]
# ## One client against the cohort
# Pick a client (a drop-down in JupyterLab; the first client when run without widgets).

# %%
clients = F.attention(summary)["seeker"].tolist()
F.plot_strips(summary, highlight=clients[0])

# %%
try:
    import ipywidgets as widgets
except ImportError:
    widgets = None

if widgets is not None:
    widgets.interact(
        lambda client: F.plot_scorecard(netlytics.scorecard(cohort.for_seekers(client), as_of=as_of)),
        client=widgets.Dropdown(options=clients, description="Client"),
    )

# %% [markdown]
# ## The cohort, week by week

# %%
from netlytics.report.cohort import trend_table

trend = trend_table(cohort, as_of=as_of, weeks=8)
F.plot_cohort_trend(trend)

# %% [markdown]
# ## The coach's report
# Everything above as one offline page to keep or print (`netlytics cohort` on the command line):

# %%
import tempfile

from netlytics.report import write_cohort_report

page = write_cohort_report(cohort, Path(tempfile.mkdtemp()) / "cohort.html", as_of=as_of)
print(page, f"{page.stat().st_size / 1e6:.1f} MB")

# %%
pd.DataFrame({"problems": [len(cohort.problems)], "excluded": [len(cohort.excluded)]})
