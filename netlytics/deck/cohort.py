"""The slide plan of a cohort's deck (a coach's workshop on a folder of clients).

Title; "who needs attention" as a native table (clients ordered by
:func:`netlytics.figures.attention`, statuses coloured); one slide per mistake with each client's
key metric as a native bar chart (bars coloured by the client's status) and, in large type, how
many clients make that mistake; the pooled follow-up curves (Kaplan-Meier, PNG); the cohort week
by week (native lines of the median client).
"""

from __future__ import annotations

import pandas as pd

from netlytics.data import NetworkData
from netlytics.deck.content import KEY_LABELS, KEY_METRICS, MISTAKE_HEADINGS, Slide, _notes, title_slide
from netlytics.figures.theme import STATUS_COLORS, display_label

__all__ = ["RULE_NAMES", "cohort_slides"]

#: Plain-English names of the attention rules (``worst_rule``).
RULE_NAMES: dict[str, str] = {
    "written_share": "Mostly written",
    "active_week_share": "Weeks without networking",
    "networked_share": "Applying before networking",
    "give_share": "Not giving back",
    "on_time_share": "Late follow-ups",
}

#: Figure registry name of each mistake's per-client slide.
MISTAKE_FIGURES: dict[str, str] = {
    "channel": "strips",
    "priority": "strips",
    "giving": "give_share",
    "follow_up": "strips",
}


def attention_slide(att: pd.DataFrame) -> Slide:
    """Who needs attention, as a native table (at most 12 clients, the most urgent first)."""
    shown = att.head(12)
    rows = [
        [
            str(r["seeker"]),
            str(int(r["mistakes"])),
            RULE_NAMES.get(str(r["worst_rule"]), "–") if int(r["mistakes"]) or int(r["watches"]) else "–",
            *[display_label(str(r[f"{m}_status"])) for m in MISTAKE_HEADINGS],
        ]
        for _, r in shown.iterrows()  # at most 12 rows
    ]
    more = len(att) - len(shown)
    return Slide(
        "attention",
        "Who needs attention",
        "table",
        header=["Client", "Mistakes", "Most urgent", "Channel", "Priority", "Giving", "Follow-up"],
        rows=rows,
        status_columns=(3, 4, 5, 6),
        notes=_notes(
            "attention",
            "Clients are ordered by the number of mistakes, then watches, then how far past a "
            "threshold their worst rule is." + (f" {more} more clients are not shown." if more else ""),
        ),
    )


def _mistake_slide(att: pd.DataFrame, mistake: str) -> Slide:
    metric = KEY_METRICS[mistake]
    status = att[f"{mistake}_status"].astype("str")
    values = pd.to_numeric(att[metric], errors="coerce").astype("float64")
    t = pd.DataFrame({"seeker": att["seeker"].astype("str"), "value": values, "status": status})
    t = t.loc[t["value"].notna()].sort_values(["value", "seeker"], ascending=[True, False])
    n_mistake = int((status == "mistake").sum())
    if mistake == "priority":
        return _priority_slide(att, n_mistake)
    return Slide(
        MISTAKE_FIGURES[mistake],
        MISTAKE_HEADINGS[mistake],
        "native",
        chart="bars",
        categories=t["seeker"].tolist(),
        series={display_label(metric): t["value"].tolist()},
        point_colors=[STATUS_COLORS.get(s, "#BBBBBB") for s in t["status"]],
        number_format="0%",
        key=(f"{n_mistake} of {len(att)}", "clients make this mistake"),
        notes=_notes(
            MISTAKE_FIGURES[mistake],
            f"Each bar is one client's {display_label(metric).lower()} ({KEY_LABELS[metric]}), "
            "coloured by the client's status: green ok, orange watch, vermillion mistake.",
        ),
    )


def _priority_slide(att: pd.DataFrame, n_mistake: int) -> Slide:
    """Priority has two rules: active weeks, and networking before applying (3+ applications)."""
    t = att.assign(seeker=att["seeker"].astype("str")).sort_values("seeker", ascending=False)
    series = {
        display_label(m): pd.to_numeric(t[m], errors="coerce").astype("float64").tolist()
        for m in ("active_week_share", "networked_share")
    }
    return Slide(
        "strips",
        MISTAKE_HEADINGS["priority"],
        "native",
        chart="bars",
        categories=t["seeker"].tolist(),
        series=series,
        colors=["#0072B2", "#E69F00"],
        number_format="0%",
        key=(f"{n_mistake} of {len(att)}", "clients make this mistake"),
        notes=_notes(
            "strips",
            "Two bars per client: the share of the last 8 weeks with an outbound touch (a mistake "
            "below 50%) and the share of applications with a touch at the company first (a "
            "mistake below 25%, counted from 3 applications on; no bar when it is not measured).",
        ),
    )


def _trend_slide(data: NetworkData, *, as_of, weeks: int) -> Slide:
    from netlytics.report.cohort import trend_table

    trend = trend_table(data, as_of=as_of, weeks=weeks)
    metrics = ["written_share", "active_week_share", "give_share"]
    med = trend.groupby("as_of", sort=True)[metrics].median()
    latest = trend[trend["as_of"] == trend["as_of"].max()]
    status_cols = [f"{m}_status" for m in MISTAKE_HEADINGS]
    with_mistake = int((latest[status_cols].astype("str") == "mistake").any(axis=1).sum())
    return Slide(
        "cohort_trend",
        "The cohort week by week: the median client",
        "native",
        chart="lines",
        categories=[pd.Timestamp(w).strftime("%d %b %Y") for w in med.index],
        series={display_label(m): med[m].tolist() for m in metrics},
        colors=["#D55E00", "#0072B2", "#009E73"],
        number_format="0%",
        key=(f"{with_mistake} of {len(latest)}", "clients have at least one mistake this week"),
        notes=_notes("cohort_trend", "The lines are the median client's share at the end of each week."),
    )


def cohort_slides(data: NetworkData, *, as_of, title: str | None = None, weeks: int = 8) -> list[Slide]:
    """The slide plan of a cohort's deck (``data`` already pseudonymised when it should be).

    Parameters
    ----------
    data
        The cohort, as it will be shown.
    as_of
        The date the deck looks from.
    title
        The title slide's heading; default "A cohort of N clients".
    weeks
        Weeks in the trend slide.

    Returns
    -------
    list of Slide
        Title, who needs attention, one slide per mistake, follow-up curves, the trend.

    See Also
    --------
    netlytics.deck.content.seeker_slides : the plan of one seeker's deck.
    """
    from netlytics.figures import attention, plot_km
    from netlytics.metrics.followup import follow_up
    from netlytics.metrics.km import km_curves
    from netlytics.metrics.scorecard import until
    from netlytics.metrics.summary import summary

    d = until(data, as_of)
    att = attention(summary(data, as_of=as_of))
    slides = [title_slide(d, as_of=as_of, heading=title or f"A cohort of {len(data.seekers)} clients")]
    slides.append(attention_slide(att))
    slides += [_mistake_slide(att, m) for m in MISTAKE_HEADINGS]
    fu = follow_up(d, as_of=as_of).assign(seeker="All clients")
    slides.append(
        Slide(
            "km",
            "Follow-up across the cohort",
            "image",
            figure=plot_km(km_curves(fu), template="workshop"),
            key=(
                f"{int((att['follow_up_status'].astype('str') == 'mistake').sum())} of {len(att)}",
                "clients follow up late too often",
            ),
            notes=_notes("km", "All clients' follow-ups are pooled into one curve per trigger."),
        )
    )
    if as_of is not None:
        slides.append(_trend_slide(data, as_of=as_of, weeks=weeks))
    return slides
