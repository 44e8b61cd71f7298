# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 Explore my network
#
# You are a job seeker. This notebook loads your records (a LinkedIn "Download your data"
# export, a tracker spreadsheet, a Google Takeout of your mail and calendar, or several of
# them) and shows the evidence about the four networking mistakes:
#
# 1. mostly e-mail instead of in person;
# 2. not a priority, or applying online before networking;
# 3. not giving back;
# 4. not following up, not saying thank you.
#
# It runs as it is on the fictional sample (Robin Example, in `data/sample/`). Nothing is sent
# anywhere: every figure is drawn in this notebook, offline.
#
# > **Privacy: clear outputs before sharing.** Once run, this notebook shows your contacts'
# > names, companies and dates. Before you send it to anyone, clear its outputs (menu *Edit →
# > Clear Outputs of All Cells*, then save) or run the last cell.

# %% [markdown]
# ## Your data here
# Set `DATA` to one path, or a list of paths; everything given is merged into one job seeker
# (the same person in two files is one contact). Examples, with your own file names:
#
# ```python
# DATA = "~/Downloads/Basic_LinkedInDataExport_03-31-2026.zip"       # a LinkedIn export only
# DATA = "~/Documents/job-search-tracker.xlsx"                         # a tracker only
# DATA = "~/Downloads/takeout-20260331T101010Z-001.zip"                # Google Takeout (mail, calendar)
# DATA = ["~/Downloads/Basic_LinkedInDataExport_03-31-2026.zip",
#         "~/Documents/job-search-tracker.xlsx"]                       # several sources
# DATA = "~/job-search"                                                # a folder holding them all
# ```

# %%
DATA = "../data/sample"

# %%
import netlytics
import netlytics.figures as F
from netlytics import notebook as nb

nb.setup()  # figures drawn by JupyterLab itself: no scripts, no CDN, also in untrusted notebooks
data = netlytics.load(DATA)
as_of = data.latest_timestamp()  # fixed, so the numbers do not change with the day you run this
data

# %% [markdown]
# What was read, file by file (rows read = loaded + excluded + problems), and the loaders'
# notes on coverage (for example how far back the export's invitations go):

# %%
nb.table(data.inventory(), max_rows=50)

# %%
nb.table(data.notes[["note"]], max_rows=50)

# %% [markdown]
# ## The scorecard
# One status and one piece of advice per mistake.

# %%
card = netlytics.scorecard(data, as_of=as_of)
nb.table(
    card,
    columns={
        "mistake": "Mistake",
        "status": "Status",
        "metric": "Measure",
        "value": "Value",
        "advice": "Advice",
    },
)

# %%
nb.show(F.plot_scorecard(card), "scorecard")

# %% [markdown]
# ## Mistake 1: mostly e-mail instead of in person

# %%
nb.show(F.plot_channel_mix(netlytics.channel_mix(data, as_of=as_of)), "channel_mix")

# %% [markdown]
# Week by week. Pick a range of weeks to zoom in on (a slider in JupyterLab and Voila; an
# exported page shows all weeks).

# %%
import ipywidgets as widgets

weekly = netlytics.channel_mix(data, as_of=as_of, freq="W")
weeks = sorted(weekly["period"].drop_duplicates())
span = widgets.SelectionRangeSlider(
    options=[(w.strftime("%d %b %y"), w) for w in weeks],
    index=(0, len(weeks) - 1),
    description="Weeks",
    readout=False,
    layout=widgets.Layout(width="95%"),
)
nb.linked(
    span,
    [
        lambda s: F.plot_channel_weekly(
            weekly[weekly["period"].between(*s)],
            title=f"Touches by channel, {s[0]:%d %b %Y} to {s[1]:%d %b %Y}",
        )
    ],
    describe=lambda s: f"{s[0]:%d %b %Y} to {s[1]:%d %b %Y}",
    captions=["channel_weekly"],
)

# %% [markdown]
# ## Mistake 2: not a priority, applying before networking

# %%
nb.show(F.plot_calendar(netlytics.touches(data)), "calendar")

# %%
nb.show(F.plot_cadence(netlytics.cadence(data, as_of=as_of)), "cadence")

# %%
applied = netlytics.networked_before_applying(data)
nb.table(
    applied,
    columns={
        "company": "Company",
        "applied_at": "Applied",
        "via": "Applied via",
        "touched_before": "Touched before",
        "lead_days": "Lead (days)",
    },
)

# %%
nb.show(F.plot_applying_timeline(applied), "applying_timeline")

# %% [markdown]
# ## Mistake 3: not giving back

# %%
nb.show(F.plot_reciprocity(netlytics.reciprocity(data), names=data.contacts), "reciprocity")

# %% [markdown]
# ## Mistake 4: not following up, not saying thank you

# %%
follow = netlytics.follow_up(data, as_of=as_of)
nb.show(F.plot_km(netlytics.km_curves(follow)), "km")

# %%
nb.table(
    F.open_loop_rows(follow, names=data.contacts),
    columns={
        "who": "Who",
        "trigger": "Owed",
        "trigger_at": "Since",
        "due_at": "Due",
        "days_overdue": "Days overdue",
    },
)

# %% [markdown]
# ## Results and the network

# %%
nb.show(F.plot_outcomes(netlytics.outcomes(data)), "outcomes")

# %%
nb.show(F.plot_network(data, names=data.contacts, top_n=80), "network")

# %% [markdown]
# ## Share it
# The same evidence as one offline HTML page, written next to this notebook in `outputs/`
# (`netlytics report` on the command line does the same):

# %%
from netlytics.report import write_report

nb.link(write_report(data, nb.output_dir() / "report.html", as_of=as_of))

# %% [markdown]
# Before sharing the notebook itself, clear its outputs: remove the `#` and run this cell, then
# reload the notebook from disk.

# %%
# nb.clear_outputs("01-explore-my-network.ipynb")
