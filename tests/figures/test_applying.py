"""Applications timeline: markers per application, lead-time segments."""

import pandas as pd

from netlytics.figures.applying import plot_applying_timeline


def table(n=3):
    return pd.DataFrame(
        {
            "seeker": "Ana",
            "application_id": ["a1", "a2", "a3"][:n],
            "company": ["Acme", "Globex", "Acme"][:n],
            "applied_at": pd.to_datetime(["2025-03-05", "2025-03-06", "2025-03-10"], utc=True)[:n],
            "via": ["online", "online", "referral"][:n],
            "touched_before": [True, False, True][:n],
            "lead_days": [4.0, None, 9.5][:n],
        }
    )


def test_markers_split_by_touched_before():
    lead, warm, cold = plot_applying_timeline(table()).data
    assert list(warm.y) == ["Acme", "Acme"] and list(cold.y) == ["Globex"]
    assert [str(x)[:10] for x in cold.x] == ["2025-03-06"]
    assert cold.marker.symbol == "circle-open"


def test_lead_segments_run_from_first_touch_to_application():
    lead = plot_applying_timeline(table()).data[0]
    # a1: 5 Mar - 4 days = 1 Mar; a3: 10 Mar - 9.5 days = 28 Feb 12:00
    xs = [None if x is None else pd.Timestamp(x) for x in lead.x]
    assert xs == [
        pd.Timestamp("2025-03-01"),
        pd.Timestamp("2025-03-05"),
        None,
        pd.Timestamp("2025-02-28 12:00"),
        pd.Timestamp("2025-03-10"),
        None,
    ]


def test_companies_ordered_by_first_application_and_capped():
    fig = plot_applying_timeline(table(), max_companies=1)
    # Acme first applied 5 Mar, Globex 6 Mar: the most recent company (Globex) is kept
    assert list(fig.layout.yaxis.categoryarray) == ["Globex"]
    assert any("and 1 more" in a.text for a in fig.layout.annotations)
    assert list(plot_applying_timeline(table()).layout.yaxis.categoryarray) == ["Acme", "Globex"]


def test_dates_stay_dates_with_nanosecond_timestamps():
    # canonical tables are datetime64[ns, UTC]; numpy turns such values into integers inside an
    # object array, which plotly then drew on a numeric axis (1.76e18) with the markers lost
    t = pd.DataFrame(
        {
            "seeker": "Ana",
            "application_id": ["a1", "a2"],
            "company": ["Acme", "Globex"],
            "applied_at": pd.to_datetime(["2025-03-10 10:39", "2025-03-12 00:00"], utc=True).astype(
                "datetime64[ns, UTC]"
            ),
            "touched_before": [True, False],
            "lead_days": [7.4604166, None],
        }
    )
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_applying_timeline(t)
        fig.to_json()
    lead, touched, cold = fig.data
    assert all(isinstance(x, pd.Timestamp) for x in lead.x if x is not None)
    assert str(lead.x[0])[:16] == "2025-03-02 23:36"  # 10:39 minus 7.46 days, whole seconds
    assert [str(x)[:10] for x in touched.x] == ["2025-03-10"] and [str(x)[:10] for x in cold.x] == [
        "2025-03-12"
    ]
    assert fig.layout.xaxis.type == "date"


def test_spellings_of_one_company_share_a_row():
    # "Globex Ltd" and "GLOBEX" are one company for networked_before_applying: one row, labelled
    # with the most frequent spelling (Globex Ltd, twice)
    t = pd.DataFrame(
        {
            "seeker": "Ana",
            "application_id": ["a1", "a2", "a3", "a4"],
            "company": ["Globex Ltd", "GLOBEX", "Globex Ltd", "Initech"],
            "applied_at": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-04"], utc=True),
            "via": "online",
            "contact_at_company": False,
            "touched_before": False,
            "lead_days": float("nan"),
        }
    )
    fig = plot_applying_timeline(t)
    rows = {y for tr in fig.data for y in (tr.y or []) if y is not None}
    assert rows == {"Globex Ltd", "Initech"}
