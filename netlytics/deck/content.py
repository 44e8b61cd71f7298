"""What goes on each slide: the slide plan of a seeker's deck and of a cohort's deck.

:func:`seeker_slides` and :func:`cohort_slides` turn (already pseudonymised) data into a list of
:class:`Slide` records: a title, a native chart's categories and series (straight from the metric
tables), a figure to render as PNG, or a table; the key number in large type; speaker notes.
:mod:`netlytics.deck.build` draws them. Keeping the plan as data lets the tests compare every
native chart's numbers with the metric table it came from.

The speaker notes start with the "how to read this" caption of the figure registry
(:mod:`netlytics.figures.registry`, the same captions the HTML report shows), then the key
number in words and the scorecard's evidence and advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.figures.scorecard import MISTAKE_TITLES, format_value
from netlytics.figures.theme import CHANNEL_COLORS, DIRECTION_COLORS, STATUS_COLORS, display_label

__all__ = ["Slide", "caption", "glance_slide", "seeker_slides", "title_slide"]

#: Heading of each mistake's slide.
MISTAKE_HEADINGS: dict[str, str] = {
    "channel": "Mistake 1: mostly e-mail instead of in person",
    "priority": "Mistake 2: not a priority, applying before networking",
    "giving": "Mistake 3: not giving back",
    "follow_up": "Mistake 4: not following up, not saying thank you",
}

#: Summary column measuring each mistake (the key number of its slide).
KEY_METRICS: dict[str, str] = {
    "channel": "written_share",
    "priority": "active_week_share",
    "giving": "give_share",
    "follow_up": "on_time_share",
}

#: What the key number says, after the number.
KEY_LABELS: dict[str, str] = {
    "written_share": "of touches were written (e-mail, LinkedIn, text)",
    "active_week_share": "of the last 8 weeks had an outbound touch",
    "networked_share": "of applications had a touch at the company first",
    "give_share": "of the value exchanged was given",
    "on_time_share": "of follow-ups were on time",
    "weak_tie_share": "of touches went to weak or medium ties",
}

#: Most contacts in the giving chart (the strongest exchanges).
TOP_CONTACTS = 10


@dataclass
class Slide:
    """One slide of the plan.

    Attributes
    ----------
    name
        The figure's registry name (``"channel_mix"``...) or ``"title"`` / ``"glance"``.
    title
        Slide heading.
    kind
        ``"title"``, ``"native"`` (an editable chart), ``"image"`` (a PNG of ``figure``) or
        ``"table"``.
    chart
        Native chart kind: ``"donut"``, ``"stacked"``, ``"lines"``, ``"bars"``, ``"columns"``.
    categories, series
        The native chart's categories and ``series name -> values`` (one per category).
    colors
        One colour per category (donut) or per series; ``point_colors``: per bar (single series).
    line
        Draw the last series as a line over the bars: ``{"color": ..., "secondary": bool,
        "dashed": bool}`` (``secondary``: on its own right-hand axis).
    center
        Text in the doughnut's hole.
    diverging
        Bars of the two series drawn back to back (the second series negative: to the left).
    key
        ``(number, label)``: the key number in large type and what it means.
    notes
        Speaker notes.
    """

    name: str
    title: str
    kind: str
    chart: str | None = None
    categories: list[str] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    colors: list[str] | None = None
    point_colors: list[str] | None = None
    number_format: str = "General"
    figure: object = None
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    status_columns: tuple[int, ...] = ()
    line: dict | None = None
    center: str = ""
    diverging: bool = False
    key: tuple[str, str] | None = None
    subtitle: str = ""
    notes: str = ""


def caption(name: str) -> str:
    """The "how to read this" caption of figure ``name`` from the figure registry.

    Parameters
    ----------
    name
        A registry figure name.

    Returns
    -------
    str
        The caption.

    Raises
    ------
    ParameterError
        An unknown figure name.

    See Also
    --------
    netlytics.figures.registry.get : the figure's whole spec.

    Examples
    --------
    >>> caption("km").startswith("Each curve is the share of triggers")
    True
    """
    from netlytics.figures.registry import get

    return get(name).caption


def _notes(name: str, *extra: str) -> str:
    return "\n\n".join(["How to read this chart: " + caption(name), *[e for e in extra if e]])


def _week_labels(weeks: pd.Series) -> list[str]:
    return [pd.Timestamp(w).strftime("%d %b %Y") for w in weeks]


def _share(value) -> str:
    return format_value("share", value)


def _card_text(card: pd.DataFrame, mistake: str) -> str:
    row = card[card["mistake"] == mistake]
    if row.empty:
        return ""
    r = row.iloc[0]
    status = display_label(str(r["status"]))
    return f"Scorecard: {status}. {r['advice']}"


def title_slide(data: NetworkData, *, as_of, heading: str) -> Slide:
    """The title slide: who, as of when, how much data."""
    when = pd.Timestamp(as_of).strftime("%d %B %Y") if as_of is not None else "no data"
    sub = (
        f"As of {when} · {len(data.contacts):,} contacts · {len(data.interactions):,} interactions · "
        f"{len(data.applications):,} applications"
    )
    notes = (
        "Names are pseudonymised (Client 01, Contact 0042) unless the deck was written with "
        "--theme default. Every number comes from netlytics' metrics as of the date above."
    )
    return Slide("title", heading, "title", subtitle=sub, notes=notes)


def _channel_slides(d: NetworkData, card, summ_row, as_of) -> list[Slide]:
    from netlytics.metrics.channel import channel_mix

    mix = channel_mix(d, as_of=as_of).groupby("channel", sort=False)["touches"].sum()
    mix = mix[mix > 0]
    key = (_share(summ_row.get("written_share")), KEY_LABELS["written_share"])
    out = [
        Slide(
            "channel_mix",
            MISTAKE_HEADINGS["channel"],
            "native",
            chart="donut",
            categories=[display_label(c) for c in mix.index],
            series={"Touches": mix.astype("float64").tolist()},
            colors=[CHANNEL_COLORS.get(str(c), "#999999") for c in mix.index],
            center=f"{key[0]}\nwritten",
            key=key,
            notes=_notes("channel_mix", _card_text(card, "channel")),
        )
    ]
    weekly = channel_mix(d, as_of=as_of, freq="W")
    wide = weekly.pivot_table(
        index="period", columns="channel", values="touches", aggfunc="sum", fill_value=0
    )
    wide = wide[[c for c in schema.CHANNELS if c in wide.columns]].sort_index()
    out.append(
        Slide(
            "channel_weekly",
            "Week by week: which channels",
            "native",
            chart="stacked",
            categories=_week_labels(wide.index),
            series={
                **{display_label(c): wide[c].astype("float64").tolist() for c in wide.columns},
                "Written share": written_share(wide).tolist(),
            },
            colors=[CHANNEL_COLORS.get(str(c), "#999999") for c in wide.columns],
            line={"color": "#000000", "secondary": True, "dashed": True},
            key=(_share(summ_row.get("live_share")), "of touches were live (in person, video, phone)"),
            notes=_notes("channel_weekly"),
        )
    )
    return out


def written_share(wide: pd.DataFrame) -> pd.Series:
    """Per row of a channel -> touches table: the share of written touches (None when empty).

    Examples
    --------
    >>> written_share(pd.DataFrame({"email": [3, 0], "video": [1, 0]})).tolist()
    [0.75, nan]
    """
    written = [c for c in wide.columns if c in schema.WRITTEN_CHANNELS]
    total = wide.sum(axis=1).astype("float64")
    return (wide[written].sum(axis=1) / total).where(total > 0)


def _priority_slides(d: NetworkData, card, summ_row, as_of) -> list[Slide]:
    from netlytics.figures import plot_calendar
    from netlytics.metrics.cadence import cadence
    from netlytics.metrics.outcomes import outcomes
    from netlytics.metrics.touches import touches

    cad = cadence(d, as_of=as_of).groupby("week", sort=True)[["touches", "applications"]].sum()
    gap = summ_row.get("longest_gap_days")
    out = [
        Slide(
            "cadence",
            MISTAKE_HEADINGS["priority"],
            "native",
            chart="columns",
            categories=_week_labels(cad.index),
            series={
                "Outbound touches": cad["touches"].astype("float64").tolist(),
                "Applications": cad["applications"].astype("float64").tolist(),
            },
            colors=["#0072B2"],
            line={"color": "#D55E00", "secondary": False, "dashed": False},
            key=(_share(summ_row.get("active_week_share")), KEY_LABELS["active_week_share"]),
            notes=_notes("cadence", _card_text(card, "priority")),
        ),
        Slide(
            "calendar",
            "Every day of networking",
            "image",
            figure=plot_calendar(touches(d), template="workshop"),
            key=(format_value("longest_gap_days", gap), "days: the longest gap without a touch"),
            notes=_notes("calendar"),
        ),
    ]
    res = outcomes(d).groupby("via", sort=False)[["applications", "interviews", "offers"]].sum()
    res = res[res["applications"] > 0]
    if len(res):
        apps = res["applications"].astype("float64")
        out.append(
            Slide(
                "outcomes",
                "Where interviews come from",
                "native",
                chart="columns",
                categories=[f"{display_label(v)} ({int(n)})" for v, n in zip(res.index, apps, strict=True)],
                series={
                    "Interview rate": (res["interviews"] / apps).tolist(),
                    "Offer rate": (res["offers"] / apps).tolist(),
                },
                colors=[STATUS_COLORS["watch"], STATUS_COLORS["ok"]],
                number_format="0%",
                key=(_share(summ_row.get("networked_share")), KEY_LABELS["networked_share"]),
                notes=_notes("outcomes"),
            )
        )
    return out


def _giving_slide(d: NetworkData, card, summ_row, names: dict[str, str]) -> Slide:
    from netlytics.metrics.reciprocity import reciprocity

    rec = reciprocity(d)
    rec = rec.assign(
        total=rec["give_value"] + rec["receive_value"], contact_id=rec["contact_id"].astype("str")
    )
    top = rec.sort_values(["total", "contact_id"], ascending=[False, True]).head(TOP_CONTACTS)
    top = top.iloc[::-1]  # a bar chart draws its first category at the bottom
    return Slide(
        "reciprocity",
        MISTAKE_HEADINGS["giving"],
        "native",
        chart="bars",
        categories=[names.get(c, c) for c in top["contact_id"]],
        series={
            "Gives (weighted)": top["give_value"].astype("float64").tolist(),
            "Receives (weighted)": (-top["receive_value"].astype("float64")).tolist(),
        },
        diverging=True,
        colors=[DIRECTION_COLORS["outbound"], DIRECTION_COLORS["inbound"]],
        key=(_share(summ_row.get("give_share")), KEY_LABELS["give_share"]),
        notes=_notes(
            "reciprocity",
            f"The chart shows the {len(top)} contacts with the largest exchange, both ways.",
            _card_text(card, "giving"),
        ),
    )


def seeker_slides(data: NetworkData, *, as_of, title: str | None = None) -> list[Slide]:
    """The slide plan of one seeker's deck (``data`` already pseudonymised when it should be).

    Title, at a glance (the scorecard as a table), one slide per mistake with its chart and key
    number (plus the weekly channels, the calendar and the results), follow-up (Kaplan-Meier),
    the network.

    Parameters
    ----------
    data
        One seeker's data, as it will be shown.
    as_of
        The date the deck looks from (a timestamp, or None for no data).
    title
        The title slide's heading; default "Networking evidence: <seeker>".

    Returns
    -------
    list of Slide
        Nine or ten slides (the results slide only with applications).

    See Also
    --------
    netlytics.deck.cohort.cohort_slides : the plan of a cohort's deck.
    netlytics.deck.build.deck_slides : pseudonymises, then calls this.
    """
    from netlytics.figures import plot_km
    from netlytics.figures._common import contact_names
    from netlytics.figures.network import plot_network
    from netlytics.metrics.followup import follow_up
    from netlytics.metrics.km import km_curves
    from netlytics.metrics.scorecard import scorecard, until
    from netlytics.metrics.summary import summary

    d = until(data, as_of)
    card = scorecard(data, as_of=as_of)
    summ = summary_row(summary(data, as_of=as_of))
    c = data.contacts.loc[data.contacts["name"].notna()].drop_duplicates("contact_id")
    names = dict(zip(c["contact_id"].astype("str"), c["name"].astype("str"), strict=True))
    who = data.seekers[0] if data.seekers else "no data"
    slides = [title_slide(d, as_of=as_of, heading=title or f"Networking evidence: {who}")]
    slides.append(glance_slide(card))
    slides += _channel_slides(d, card, summ, as_of)
    slides += _priority_slides(d, card, summ, as_of)
    slides.append(_giving_slide(d, card, summ, names))
    fu = follow_up(d, as_of=as_of)
    on_time = card.loc[card["mistake"] == "follow_up", "value"]
    slides.append(
        Slide(
            "km",
            MISTAKE_HEADINGS["follow_up"],
            "image",
            figure=plot_km(km_curves(fu), template="workshop"),
            key=(_share(on_time.iloc[0] if len(on_time) else None), KEY_LABELS["on_time_share"]),
            notes=_notes("km", _card_text(card, "follow_up")),
        )
    )
    slides.append(
        Slide(
            "network",
            "Your network: the strongest ties",
            "image",
            figure=plot_network(d, names=contact_names(data), template="workshop"),
            key=(_share(summ.get("weak_tie_share")), KEY_LABELS["weak_tie_share"]),
            notes=_notes("network"),
        )
    )
    return slides


def summary_row(summ: pd.DataFrame) -> dict:
    """The first row of a summary table as a dict (empty when there is none)."""
    return summ.iloc[0].to_dict() if len(summ) else {}


def glance_slide(card: pd.DataFrame) -> Slide:
    """The scorecard as a native table: mistake, status, key number, evidence in words."""
    rows = [
        [
            MISTAKE_TITLES.get(str(r["mistake"]), str(r["mistake"])),
            display_label(str(r["status"])),
            format_value(str(r["metric"]), r["value"]),
            str(r["advice"]),
        ]
        for _, r in card.iterrows()  # four rows: one per mistake
    ]
    return Slide(
        "scorecard",
        "At a glance: the four mistakes",
        "table",
        header=["Mistake", "Status", "Key number", "What it means"],
        rows=rows,
        status_columns=(1,),
        notes=_notes("scorecard"),
    )
