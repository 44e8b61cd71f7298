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
# # 03 Workshop charts
#
# You lead a workshop on networking. This notebook draws the charts in the large,
# high-contrast `workshop` theme with people pseudonymised ("Client 01", "Contact 0042"), and
# writes a PowerPoint deck and the charts for your slides next to this notebook, in `outputs/`.
# It uses the fictional sample in `data/sample/`.
#
# > **Privacy: clear outputs before sharing.** The charts and the deck are pseudonymised; the
# > data loaded here is not. Clear this notebook's outputs before it leaves your computer (last
# > cell).

# %% [markdown]
# ## Your data here
# One seeker's records (one path or a list, as in notebook 01) and, optionally, a cohort folder.

# %%
DATA = "../data/sample"
COHORT = "../data/sample/cohort"

# %%
import netlytics
import netlytics.figures as F
from netlytics import notebook as nb
from netlytics.report.html import shown_data

nb.setup()
data = shown_data(netlytics.load(DATA), theme="workshop")  # pseudonymised before anything is drawn
as_of = data.latest_timestamp()

# %% [markdown]
# ## The story in four charts

# %%
nb.show(F.plot_channel_mix(netlytics.channel_mix(data, as_of=as_of), template="workshop"), "channel_mix")

# %%
nb.show(F.plot_cadence(netlytics.cadence(data, as_of=as_of), template="workshop"), "cadence")

# %%
nb.show(
    F.plot_reciprocity(netlytics.reciprocity(data), names=data.contacts, template="workshop"), "reciprocity"
)

# %%
nb.show(F.plot_km(netlytics.km_curves(netlytics.follow_up(data, as_of=as_of)), template="workshop"), "km")

# %% [markdown]
# ## A cohort, anonymised

# %%
cohort = shown_data(netlytics.load_cohort(COHORT), theme="workshop")
summary = netlytics.summary(cohort, as_of=cohort.latest_timestamp())
first = F.attention(summary)["seeker"].iloc[0]  # the client who needs attention most
nb.show(F.plot_strips(summary, highlight=first, template="workshop"), "strips")

# %% [markdown]
# ## A deck for the workshop
# A PowerPoint deck (native, editable charts; speaker notes that explain each chart), the same as
# `netlytics slides data/sample -o deck.pptx` and, for the cohort, `--cohort`:

# %%
from netlytics.deck import write_deck

nb.link(write_deck(data, nb.output_dir() / "workshop-deck.pptx", as_of=as_of))

# %%
nb.link(write_deck(cohort, nb.output_dir() / "cohort-deck.pptx", cohort=True))

# %% [markdown]
# ## Every chart as a file
# HTML here (it needs no browser); in a terminal, PNG or SVG for slides:
# `netlytics charts data/sample --out charts --format png --theme workshop`.

# %%
from IPython.display import display

from netlytics.report import export_charts

for path in export_charts(data, nb.output_dir() / "charts", format="html", theme="workshop", as_of=as_of):
    display(nb.link(path))

# %% [markdown]
# Before sharing the notebook itself, clear its outputs: remove the `#` and run this cell.

# %%
# nb.clear_outputs("03-workshop-charts.ipynb")
