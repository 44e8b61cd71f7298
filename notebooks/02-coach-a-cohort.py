# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: voila
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   voila:
#     template: netlytics
# ---

# %% [markdown]
# # 02 Coach a cohort
#
# You are a career coach with a folder of clients (one tracker, export or sub-folder per
# client). This notebook finds who needs attention this week and why, then lets you pick a
# client and see their scorecard, where they stand against the cohort, their weeks and the
# follow-ups they owe. It runs as it is on the fictional cohort in `data/sample/cohort/`, and as
# a dashboard: `voila notebooks/02-coach-a-cohort.ipynb`.
#
# > **Privacy: clear outputs before sharing.** Once run, this notebook shows your clients' and
# > their contacts' names. Clear its outputs before it leaves your computer (menu *Edit → Clear
# > Outputs of All Cells*), or run the last cell.

# %% [markdown]
# ## Your data here
# Set `COHORT` to the folder of clients: one tracker (`.xlsx`, `.csv`), LinkedIn export or
# sub-folder per client, for example `COHORT = "~/coaching/spring-2026"`.

# %%
COHORT = "../data/sample/cohort"

# %%
import ipywidgets as widgets

import netlytics
import netlytics.figures as F
from netlytics import notebook as nb

nb.setup()
cohort = netlytics.load_cohort(COHORT)
as_of = cohort.latest_timestamp()
summary = netlytics.summary(cohort, as_of=as_of)
attention = F.attention(summary)
labels = nb.client_labels(cohort)
cohort

# %% [markdown]
# ## Who needs attention
# Clients with the most mistakes first; "Margin" is how many percentage points the client's
# worst value is past its mistake threshold, or how many they have to spare.

# %%
nb.table(
    attention.assign(
        seeker=attention["seeker"].map(labels), worst_rule=attention["worst_rule"].map(nb.RULE_NAMES)
    ),
    columns={
        "seeker": "Client",
        "mistakes": "Mistakes",
        "watches": "Watches",
        "worst_rule": "Worst rule",
        "worst_margin": "Margin",
        "channel_status": "Channel",
        "priority_status": "Priority",
        "giving_status": "Giving",
        "follow_up_status": "Follow-up",
    },
    max_rows=100,
)

# %%
nb.show(F.plot_attention(summary, names=labels), "attention")

# %% [markdown]
# ## Everyone's week, side by side

# %%
nb.show(F.plot_small_multiples(netlytics.cadence(cohort, as_of=as_of), names=labels), "small_multiples")

# %% [markdown]
# ## One client
# Pick a client: every view below follows the picker (an exported page shows the client who
# needs attention most).

# %%
picker = widgets.Dropdown(
    options=[
        (f"{labels[s]} ({m} mistake{'s' if m != 1 else ''})", s)
        for s, m in zip(attention["seeker"], attention["mistakes"], strict=True)
    ],
    description="Client",
    style={"description_width": "initial"},
    layout=widgets.Layout(width="auto"),
)
nb.linked(
    picker,
    [
        lambda c: F.plot_scorecard(
            netlytics.scorecard(cohort.for_seekers(c), as_of=as_of), title=f"Scorecard: {labels[c]}"
        ),
        lambda c: F.plot_strips(summary, highlight=c, names=labels),
        lambda c: F.plot_cadence(
            netlytics.cadence(cohort.for_seekers(c), as_of=as_of),
            title=f"Networking and applications, week by week: {labels[c]}",
        ),
        lambda c: nb.table(
            F.open_loop_rows(netlytics.follow_up(cohort.for_seekers(c), as_of=as_of), names=cohort.contacts),
            columns={
                "who": "Who",
                "trigger": "Owed",
                "trigger_at": "Since",
                "due_at": "Due",
                "days_overdue": "Days overdue",
            },
        ),
    ],
    describe=lambda c: labels[c],
    captions=["scorecard", "strips", "cadence", "open_loops"],
)

# %% [markdown]
# ## The cohort, week by week

# %%
from netlytics.report.cohort import trend_table

nb.show(F.plot_cohort_trend(trend_table(cohort, as_of=as_of, weeks=8)), "cohort_trend")

# %% [markdown]
# ## The coach's report
# Everything above as one offline page to keep or print, written next to this notebook in
# `outputs/` (`netlytics cohort` on the command line does the same), and what the loaders could
# not read:

# %%
from netlytics.report import write_cohort_report

nb.link(write_cohort_report(cohort, nb.output_dir() / "cohort.html", as_of=as_of))

# %%
nb.table(cohort.problems, max_rows=20)

# %% [markdown]
# Before sharing the notebook itself, clear its outputs: remove the `#` and run this cell.

# %%
# nb.clear_outputs("02-coach-a-cohort.ipynb")
