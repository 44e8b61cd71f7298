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
# # 01 Explore my network
#
# You are a job seeker. This notebook loads your LinkedIn "Download your data" export and your
# tracker spreadsheet, and shows the evidence about the four networking mistakes:
#
# 1. mostly e-mail instead of in person;
# 2. not a priority, or applying online before networking;
# 3. not giving back;
# 4. not following up, not saying thank you.
#
# It runs on the fictional sample (Robin Example, in `data/sample/`). To use your own records,
# change `EXPORT` and `TRACKER` below.

# %%
import os
from pathlib import Path

import pandas as pd
import plotly.io as pio

import netlytics
import netlytics.figures as F

pio.renderers.default = "notebook"  # offline: plotly.js goes into the notebook, no CDN

SAMPLE = Path(os.environ.get("NETLYTICS_SAMPLE", "../data/sample"))
EXPORT = sorted((SAMPLE / "linkedin").glob("*.zip"))[0]
TRACKER = SAMPLE / "tracker.xlsx"

# %% [markdown]
# ## Load
# The export and the tracker are merged into one seeker: the same person in both files is one contact.

# %%
data = netlytics.load([EXPORT, TRACKER])
data

# %%
data.inventory()

# %% [markdown]
# Coverage notes from the loaders (for example how far back the export's invitations go):

# %%
for note in data.notes["note"]:
    print("-", note)

# %% [markdown]
# ## The scorecard
# One status and one piece of advice per mistake. `as_of` is fixed so the numbers do not change
# with the day you run this.

# %%
as_of = data.latest_timestamp()
card = netlytics.scorecard(data, as_of=as_of)
card[["mistake", "status", "metric", "value", "evidence", "advice"]]

# %%
F.plot_scorecard(card)

# %% [markdown]
# ## Mistake 1: mostly e-mail instead of in person

# %%
F.plot_channel_mix(netlytics.channel_mix(data, as_of=as_of))

# %%
weekly = netlytics.channel_mix(data, as_of=as_of, freq="W")
F.plot_channel_weekly(weekly)

# %% [markdown]
# Pick a date range to zoom in on (a slider in JupyterLab; skipped when run without widgets).

# %%
try:
    import ipywidgets as widgets
except ImportError:  # the notebook still runs top to bottom without widgets
    widgets = None

weeks = sorted(weekly["period"].drop_duplicates()) if "period" in weekly.columns else []
if widgets is not None and len(weeks) > 1:
    widgets.interact(
        lambda span: F.plot_channel_weekly(weekly[weekly["period"].between(span[0], span[1])]),
        span=widgets.SelectionRangeSlider(
            options=[(pd.Timestamp(w).strftime("%d %b %Y"), w) for w in weeks],
            index=(0, len(weeks) - 1),
            description="Weeks",
            layout=widgets.Layout(width="90%"),
        ),
    )

# %% [markdown]
# ## Mistake 2: not a priority, applying before networking

# %%
F.plot_calendar(netlytics.touches(data))

# %%
F.plot_cadence(netlytics.cadence(data, as_of=as_of))

# %%
applied = netlytics.networked_before_applying(data)
applied[["company", "applied_at", "via", "touched_before", "lead_days"]].head(10)

# %%
F.plot_applying_timeline(applied)

# %% [markdown]
# ## Mistake 3: not giving back

# %%
F.plot_reciprocity(netlytics.reciprocity(data), names=data.contacts)

# %% [markdown]
# ## Mistake 4: not following up

# %%
fu = netlytics.follow_up(data, as_of=as_of)
F.plot_km(netlytics.km_curves(fu))

# %%
F.open_loop_rows(fu, names=data.contacts).head(10)

# %% [markdown]
# ## Results and the network

# %%
F.plot_outcomes(netlytics.outcomes(data))

# %%
from netlytics.figures.network import plot_network

plot_network(data, names=data.contacts, top_n=80)

# %% [markdown]
# ## Share it
# The same evidence as one offline HTML page (`netlytics report` on the command line):

# %%
import tempfile

from netlytics.report import write_report

report = write_report(data, Path(tempfile.mkdtemp()) / "report.html", as_of=as_of)
print(report, f"{report.stat().st_size / 1e6:.1f} MB")
