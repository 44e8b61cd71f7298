"""The figure contract, run on every figure function.

Each figure: returns a plotly Figure; applies ``title=`` and ``labels=``; turns an empty table
into a figure with a "No data to show" annotation (not an exception); does not mutate its input;
works with the workshop theme. A second part feeds every figure the tables the real metrics
compute from one small fictional dataset, so the column contracts between metrics and figures
are checked end to end.
"""

from __future__ import annotations

import importlib.util
import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from netlytics.data import NetworkData
from netlytics.figures import (
    NO_DATA,
    plot_applying_timeline,
    plot_attention,
    plot_cadence,
    plot_calendar,
    plot_channel_mix,
    plot_channel_weekly,
    plot_cohort_trend,
    plot_give_share,
    plot_km,
    plot_open_loops,
    plot_outcomes,
    plot_reciprocity,
    plot_scorecard,
    plot_small_multiples,
    plot_strips,
    registry,
)

UTC = "UTC"


def ts(*values):
    return pd.to_datetime(list(values), utc=True).astype("datetime64[ns, UTC]")


# --- one small valid input table per figure (all people fictional) -------------------------


def channel_mix_table():
    return pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Ana"],
            "channel": ["in_person", "email", "linkedin"],
            "touches": [2, 5, 3],
            "share": [0.2, 0.5, 0.3],
        }
    )


def channel_weekly_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "period": ts("2025-03-03", "2025-03-03", "2025-03-10"),
            "channel": ["email", "video", "email"],
            "touches": [3, 1, 2],
            "share": [0.75, 0.25, 1.0],
        }
    )


def touches_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["ben", "cy", "ben", "dee"],
            "channel": ["email", "email", "video", "phone"],
            "day": ts("2025-03-03", "2025-03-03", "2025-03-12", "2025-03-12"),
            "at": ts("2025-03-03 09:00", "2025-03-03 10:00", "2025-03-12 15:00", "2025-03-12 16:00"),
            "outbound": [True, True, True, False],
            "interactions": [1, 2, 1, 1],
            "origin": "tracker",
        }
    )


def cadence_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "week": ts("2025-03-03", "2025-03-10"),
            "touches": [2, 1],
            "active_days": [1, 1],
            "applications": [0, 3],
        }
    )


def applying_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "application_id": ["a1", "a2", "a3"],
            "company": ["Acme", "Globex", "Acme"],
            "applied_at": ts("2025-03-05", "2025-03-06", "2025-03-10"),
            "via": ["online", "online", "referral"],
            "contact_at_company": [True, False, True],
            "touched_before": [True, False, True],
            "lead_days": [4.0, None, 9.0],
        }
    )


def reciprocity_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["ben", "cy"],
            "gives": [1, 0],
            "receives": [0, 2],
            "give_value": [3.0, 0.0],
            "receive_value": [0.0, 5.0],
            "balance": [3.0, -5.0],
        }
    )


def summary_table():
    return pd.DataFrame(
        {
            "seeker": ["Ana", "Ben", "Cy"],
            "touches": [20, 3, 40],
            "written_share": [0.7, 0.2, 0.45],
            "active_week_share": [0.25, 0.9, 0.6],
            "networked_share": [0.1, None, 0.5],
            "applications": [6, 0, 4],
            "give_share": [0.1, None, 0.3],
            "reply_n": [4, 0, 6],
            "reply_on_time_share": [0.5, None, 1.0],
            "channel_status": ["mistake", "not_measured", "watch"],
            "priority_status": ["mistake", "not_measured", "watch"],
            "giving_status": ["mistake", "not_measured", "watch"],
            "follow_up_status": ["watch", "not_measured", "ok"],
            "as_of": ts("2025-03-09", "2025-03-09", "2025-03-09"),
        }
    )


def trend_table():
    a = summary_table()
    b = summary_table().assign(
        as_of=ts("2025-03-16", "2025-03-16", "2025-03-16"), written_share=[0.6, 0.2, 0.4]
    )
    return pd.concat([a, b], ignore_index=True)


def km_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "trigger": ["reply", "reply", "thank_you"],
            "time": [1.0, 4.0, 0.5],
            "at_risk": [2, 1, 1],
            "events": [1, 0, 1],
            "censored": [0, 1, 0],
            "survival": [0.5, 0.5, 0.0],
        }
    )


def follow_up_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["ben", "cy"],
            "trigger": ["lead", "reply"],
            "trigger_id": ["i1", "i2"],
            "trigger_at": ts("2025-03-01", "2025-03-05"),
            "due_at": ts("2025-03-04", "2025-03-07"),
            "response_id": [None, None],
            "response_at": ts(None, None),
            "lag_days": [8.0, 4.0],
            "censored": [True, True],
            "on_time": [False, False],
            "open_loop": [True, True],
        }
    )


def outcomes_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "via": ["online", "referral"],
            "applications": [10, 2],
            "interviews": [1, 1],
            "offers": [0, 1],
            "interview_rate": [0.1, 0.5],
            "offer_rate": [0.0, 0.5],
        }
    )


def scorecard_table():
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "mistake": ["channel", "priority", "giving", "follow_up"],
            "metric": ["written_share", "active_week_share", "give_share", "on_time_share"],
            "value": [0.7, 0.25, None, 0.5],
            "status": ["mistake", "mistake", "not_measured", "watch"],
            "evidence": [20, 20, 20, 6],
            "advice": ["Meet someone.", "Block time.", "Offer help.", "Answer faster."],
        }
    )


#: name -> (function, table factory, a column/value name whose display text must follow labels=)
REGISTRY = {
    "channel_mix": (plot_channel_mix, channel_mix_table, "email"),
    "channel_weekly": (plot_channel_weekly, channel_weekly_table, "period"),
    "calendar": (plot_calendar, touches_table, "outbound_touches"),
    "cadence": (plot_cadence, cadence_table, "week"),
    "applying_timeline": (plot_applying_timeline, applying_table, "applied_at"),
    "reciprocity": (plot_reciprocity, reciprocity_table, "give_value"),
    "give_share": (plot_give_share, summary_table, "give_share"),
    "km": (plot_km, km_table, "survival"),
    "open_loops": (plot_open_loops, follow_up_table, "days_overdue"),
    "outcomes": (plot_outcomes, outcomes_table, "interview_rate"),
    "scorecard": (plot_scorecard, scorecard_table, "giving"),
    "attention": (plot_attention, summary_table, "mistakes"),
    "small_multiples": (plot_small_multiples, cadence_table, "touches"),
    "strips": (plot_strips, summary_table, "written_share"),
    "cohort_trend": (plot_cohort_trend, trend_table, "written_share"),
}

if importlib.util.find_spec("netlytics.figures.network") is not None:  # the graph engineer's figure
    from netlytics.figures import network as _network

    if hasattr(_network, "plot_network"):
        import networkx as nx

        def _graph():
            g = nx.DiGraph()
            g.add_node("seeker:Ana", type="seeker", name="Ana")
            g.add_node("ben", type="contact", name="Ben Example", company="Acme")
            g.add_edge("seeker:Ana", "ben", touches=3, gives=1, receives=0)
            g.add_edge("ben", "seeker:Ana", touches=1, gives=0, receives=1)
            return g

        NETWORK = _network.plot_network
else:
    NETWORK = None


def test_registry_covers_every_figure():
    # every figure of the package is one spec; the network figure has its own tests
    assert set(REGISTRY) | {"network"} == {s.name for s in registry.SPECS}
    for name, (func, _, _) in REGISTRY.items():
        assert registry.get(name).plot is func


@pytest.fixture(params=sorted(REGISTRY))
def case(request):
    return REGISTRY[request.param]


def _json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), default=str)


def test_returns_a_figure_with_title_and_labels(case):
    func, make, key = case
    fig = func(make(), title="My title", labels={key: "LBL-XYZ"})
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "My title"
    assert "LBL-XYZ" in _json(fig)
    assert NO_DATA not in _json(fig)


def test_default_title_and_no_title(case):
    func, make, _ = case
    assert func(make()).layout.title.text  # a default title
    assert not func(make(), title="").layout.title.text


def test_empty_table_gives_no_data_annotation(case):
    func, make, _ = case
    fig = func(make().iloc[0:0], title="Empty")
    assert isinstance(fig, go.Figure)
    assert any(NO_DATA in (a.text or "") for a in fig.layout.annotations)
    assert fig.layout.title.text == "Empty"


def test_input_not_mutated(case):
    func, make, _ = case
    table = make()
    before = table.copy(deep=True)
    func(table)
    pd.testing.assert_frame_equal(table, before)


@pytest.mark.parametrize("template", ["workshop", "plotly_dark", None])
def test_templates(case, template):
    func, make, _ = case
    fig = func(make(), template=template)
    assert isinstance(fig, go.Figure)
    fig.to_plotly_json()


def test_workshop_theme_is_large():
    fig = plot_channel_mix(channel_mix_table(), template="workshop")
    assert fig.layout.template.layout.font.size >= 18


def test_missing_column_error_names_it_and_suggests():
    bad = channel_mix_table().rename(columns={"share": "shares"})
    with pytest.raises(ValueError, match=r"'share' \(did you mean 'shares'\?\)"):
        plot_channel_mix(bad)


def test_not_a_frame():
    with pytest.raises(ValueError, match="expects a pandas DataFrame"):
        plot_outcomes([1, 2])


def test_unknown_template_suggests():
    with pytest.raises(ValueError, match="Did you mean 'workshop'"):
        plot_outcomes(outcomes_table(), template="workshp")


def test_unknown_seeker_suggests():
    with pytest.raises(ValueError, match="Did you mean 'Ana'"):
        plot_outcomes(outcomes_table(), seeker="Anna")


@pytest.mark.skipif(NETWORK is None, reason="netlytics.figures.network.plot_network not written yet")
def test_network_figure_contract():
    g = _graph()
    fig = NETWORK(g, title="Net", labels={"touches": "LBL-XYZ"})
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "Net"
    empty = NETWORK(nx.DiGraph(), title="Net")
    assert any(NO_DATA.lower() in (a.text or "").lower() for a in empty.layout.annotations)


# --- end to end: the real metrics' tables feed every figure ---------------------------------


def _data() -> NetworkData:
    """One fictional seeker over three weeks, with every trigger, gift and application route."""
    rows = [
        # id, at, contact, channel, direction, kind, ref
        (
            "1",
            "2025-03-03 09:00",
            "https://www.linkedin.com/in/ben-example",
            "email",
            "outbound",
            "message",
            None,
        ),
        (
            "2",
            "2025-03-03 15:00",
            "https://www.linkedin.com/in/ben-example",
            "email",
            "inbound",
            "message",
            None,
        ),
        ("3", "2025-03-04 10:00", "cy@example.org", "in_person", "outbound", "meeting", None),
        ("4", "2025-03-04 20:00", "cy@example.org", "email", "outbound", "thank_you", None),
        ("5", "2025-03-06 11:00", "cy@example.org", "email", "inbound", "referral", None),
        ("6", "2025-03-07 09:00", "cy@example.org", "email", "outbound", "follow_up", "5"),
        ("7", "2025-03-10 12:00", "dee@example.org", "video", "outbound", "help", None),
        ("8", "2025-03-12 12:00", "dee@example.org", "video", "inbound", "lead", None),
        (
            "9",
            "2025-03-13 12:00",
            "https://www.linkedin.com/in/ben-example",
            "linkedin",
            "outbound",
            "message",
            None,
        ),
        ("10", "2025-03-17 12:00", "eve@example.org", "phone", "outbound", "message", None),
    ]
    ix = pd.DataFrame(
        rows, columns=["interaction_id", "at", "contact_id", "channel", "direction", "kind", "ref"]
    )
    ix["at"] = pd.to_datetime(ix["at"], utc=True)
    ix["seeker"] = "Ana"
    ix["origin"] = "tracker"
    contacts = pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["https://www.linkedin.com/in/ben-example", "cy@example.org", "dee@example.org"],
            "name": ["Ben Example", "Cy Sample", "Dee Fictional"],
            "company": ["Acme Inc.", "Globex", "Initech"],
        }
    )
    apps = pd.DataFrame(
        {
            "seeker": "Ana",
            "application_id": ["a1", "a2", "a3"],
            "company": ["ACME", "Umbrella", "Globex"],
            "applied_at": pd.to_datetime(["2025-03-11", "2025-03-12", "2025-03-14"], utc=True),
            "via": ["online", "online", "referral"],
            "status": ["interview", "no_response", "offer"],
        }
    )
    return NetworkData(contacts=contacts, interactions=ix, applications=apps)


def _metric_tables():
    from netlytics.metrics.applying import networked_before_applying
    from netlytics.metrics.cadence import cadence
    from netlytics.metrics.channel import channel_mix
    from netlytics.metrics.followup import follow_up
    from netlytics.metrics.km import km_curves
    from netlytics.metrics.outcomes import outcomes
    from netlytics.metrics.reciprocity import reciprocity, reciprocity_summary
    from netlytics.metrics.scorecard import scorecard
    from netlytics.metrics.summary import summary
    from netlytics.metrics.touches import touches

    data = _data()
    fu = follow_up(data)
    summ = summary(data)
    return {
        "channel_mix": channel_mix(data),
        "channel_weekly": channel_mix(data, freq="W"),
        "calendar": touches(data),
        "cadence": cadence(data),
        "applying_timeline": networked_before_applying(data),
        "reciprocity": reciprocity(data),
        "give_share": reciprocity_summary(data),
        "km": km_curves(fu),
        "open_loops": fu,
        "outcomes": outcomes(data),
        "scorecard": scorecard(data),
        "attention": summ,
        "small_multiples": cadence(data),
        "strips": summ,
        "cohort_trend": pd.concat([summary(data, as_of=d) for d in ("2025-03-09", "2025-03-16")]),
    }


@pytest.fixture(scope="module")
def metric_tables():
    try:
        return _metric_tables()
    except ImportError as err:  # a metric module not merged yet
        pytest.skip(f"metric not available yet: {err}")


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_real_metric_tables(metric_tables, name):
    func = registry.get(name).plot
    table = metric_tables[name]
    before = table.copy(deep=True)
    fig = func(table, template="workshop")
    assert isinstance(fig, go.Figure)
    pd.testing.assert_frame_equal(table, before)
    text = _json(fig)
    assert len(text) < 200_000
    if name != "open_loops":  # the fixture may have no open loop; every other table has rows
        assert NO_DATA not in text


def _visible_labels(fig: go.Figure) -> list[str]:
    """Titles, axis titles, legend entries, colour-bar titles and table headers of a figure."""
    layout = fig.layout
    out = [layout.title.text, layout.legend.title.text]
    for key in layout:
        if key.startswith(("xaxis", "yaxis")):
            out.append(layout[key].title.text)
    for tr in fig.data:
        if tr.type == "table":
            out += list(tr.header.values)
            continue
        if tr.showlegend is not False and tr.type != "pie":
            out.append(tr.name)
        bar = getattr(tr, "colorbar", None) or getattr(getattr(tr, "marker", None), "colorbar", None)
        if bar is not None:
            out.append(bar.title.text)
    return [str(t) for t in out if t]


@pytest.mark.parametrize("template", ["default", "workshop"])
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_column_names_shown_to_users(metric_tables, name, template):
    # plain-English labels everywhere: no snake_case column or value names in titles, axes,
    # legends, colour bars or table headers
    fig = registry.get(name).plot(metric_tables[name], template=template)
    labels = _visible_labels(fig)
    assert labels, name
    offenders = [t for t in labels if re.search(r"[A-Za-z]_[A-Za-z]", t)]
    assert offenders == [], f"{name}: {offenders}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_share_axes_are_percentages(metric_tables, name):
    # an axis titled "... share" or "... rate" reads 0-100%, never 0.0-1.0
    fig = registry.get(name).plot(metric_tables[name])
    for key in fig.layout:
        if key.startswith(("xaxis", "yaxis")):
            axis = fig.layout[key]
            title = (axis.title.text or "").lower()
            if title.endswith(("share", "rate")) or "share still" in title:
                assert axis.tickformat == ".0%", f"{name}.{key} ({title})"
