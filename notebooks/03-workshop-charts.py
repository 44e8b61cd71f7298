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
# # 03 Workshop charts
#
# You lead a workshop on networking. This notebook draws the charts in the large, high-contrast
# `workshop` theme, with people pseudonymised ("Contact 01", "Client 01"), and exports them for
# slides. It uses the fictional sample in `data/sample/`.

# %%
import os
import tempfile
from pathlib import Path

import plotly.io as pio

import netlytics
import netlytics.figures as F
from netlytics.report import export_charts

pio.renderers.default = "notebook"

SAMPLE = Path(os.environ.get("NETLYTICS_SAMPLE", "../data/sample"))
data = netlytics.load([sorted((SAMPLE / "linkedin").glob("*.zip"))[0], SAMPLE / "tracker.xlsx"])
as_of = data.latest_timestamp()

# %% [markdown]
# ## The story in four charts

# %%
F.plot_channel_mix(netlytics.channel_mix(data, as_of=as_of), template="workshop")

# %%
F.plot_cadence(netlytics.cadence(data, as_of=as_of), template="workshop")

# %%
F.plot_reciprocity(netlytics.reciprocity(data), template="workshop")

# %%
F.plot_km(netlytics.km_curves(netlytics.follow_up(data, as_of=as_of)), template="workshop")

# %% [markdown]
# ## A cohort, anonymised
# Clients become "Client 01", "Client 02"... with the workshop theme.

# %%
cohort = netlytics.load_cohort(SAMPLE / "cohort")
F.plot_strips(netlytics.summary(cohort, as_of=as_of), template="workshop")

# %% [markdown]
# ## Export for slides
# HTML here (it needs no browser). In a terminal, PNG or SVG for slides:
# `netlytics charts data/sample --out charts --format png --theme workshop`.

# %%
out = Path(tempfile.mkdtemp()) / "charts"
files = export_charts(data, out, format="html", theme="workshop", as_of=as_of)
[p.name for p in files]
