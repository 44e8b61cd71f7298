"""Measures: every table computed once, equal to the metric functions on the same period."""

import pandas as pd
import pytest

from netlytics.errors import ParameterError
from netlytics.metrics import cadence, channel, followup, outcomes, reciprocity, ties
from netlytics.metrics.measures import Measures
from netlytics.metrics.scorecard import scorecard
from netlytics.metrics.summary import summary
from tests.metrics._builders import applications, contacts, interactions, network

AS_OF = "2026-03-31"


def _data():
    ana = interactions(
        ("bo", "2026-03-02 09:00", "in_person", "in", "meeting"),
        ("bo", "2026-03-02 18:00", "email", "out", "thank_you"),
        ("cy", "2026-03-03", "email", "in", "referral"),
        ("cy", "2026-03-05", "email", "out", "message"),
        ("di", "2026-03-20", "linkedin", "in", "message"),
        ("bo", "2024-01-10", "email", "out", "message"),  # before the 12 months
    )
    bo = interactions(("ed", "2026-03-10", "phone", "out", "message"), seeker="Bo")
    return network(
        interactions=[ana, bo],
        contacts=[contacts(("bo", "Acme"), ("cy", "Globex")), contacts(("ed", "Initech"), seeker="Bo")],
        applications=[applications(("a1", "Acme", "2026-03-06", "online", "interview"))],
    )


def test_tables_equal_the_functions_on_the_same_period():
    data = _data()
    m = Measures.compute(data, as_of=AS_OF)
    since = pd.Timestamp(AS_OF, tz="UTC") - pd.Timedelta(days=365)
    assert m.since == since and m.period_label == "the last 12 months: 31 Mar 2025 to 31 Mar 2026"
    kw = {"as_of": AS_OF, "since": since}
    pd.testing.assert_frame_equal(m.channel_mix, channel.channel_mix(data, **kw))
    pd.testing.assert_frame_equal(m.channel_weekly, channel.channel_mix(data, freq="W", **kw))
    pd.testing.assert_frame_equal(m.cadence, cadence.cadence(data, **kw))
    pd.testing.assert_frame_equal(m.reciprocity_summary, reciprocity.reciprocity_summary(data, **kw))
    pd.testing.assert_frame_equal(m.follow_up, followup.follow_up(data, **kw))
    pd.testing.assert_frame_equal(m.follow_up_summary, followup.follow_up_summary(data, **kw))
    pd.testing.assert_frame_equal(m.outcomes, outcomes.outcomes(data, **kw))
    pd.testing.assert_frame_equal(m.ties, ties.tie_strength(data, **kw))
    pd.testing.assert_frame_equal(m.scorecard, scorecard(data, as_of=AS_OF))
    pd.testing.assert_frame_equal(m.summary, summary(data, as_of=AS_OF))


def test_computed_once_and_lazily():
    m = Measures.compute(_data(), as_of=AS_OF)
    assert "follow_up" not in vars(m)  # nothing computed before first use
    assert m.follow_up is m.follow_up
    assert m.touches is m.touches
    # the scorecard reuses the follow-up table rather than computing it again
    _ = m.scorecard
    assert m._inputs[1] is m.follow_up


def test_all_history_and_one_seeker():
    data = _data()
    m = Measures.compute(data, as_of=AS_OF, since="all")
    assert m.since is None and len(m.touches[m.touches["seeker"] == "Ana"]) == 6
    bo = m.for_seeker("Bo")
    assert bo.seekers == ["Bo"] and bo.summary["seeker"].tolist() == ["Bo"]
    pd.testing.assert_frame_equal(bo.summary, m.summary[m.summary["seeker"] == "Bo"].reset_index(drop=True))
    with pytest.raises(ParameterError, match="Did you mean 'Bo'"):
        m.for_seeker("Boo")


def test_memo_computes_once_per_key_and_object():
    m = Measures.compute(_data(), as_of=AS_OF)
    calls = []

    def build():
        calls.append(1)
        return {"rows": len(m.follow_up)}

    first = m.memo("plan.context", build)
    assert first == {"rows": len(m.follow_up)}
    assert m.memo("plan.context", build) is first and calls == [1]
    # another key is another value; another Measures object has its own memo
    assert m.memo("plan.other", lambda: "x") == "x"
    again = Measures.compute(_data(), as_of=AS_OF)
    assert again.memo("plan.context", lambda: "fresh") == "fresh"
    # a failing computation keeps nothing: the next call tries again
    with pytest.raises(ZeroDivisionError):
        m.memo("plan.broken", lambda: 1 / 0)
    assert m.memo("plan.broken", lambda: 2) == 2
    with pytest.raises(ParameterError, match="non-empty string"):
        m.memo("", build)
    with pytest.raises(ParameterError, match="callable"):
        m.memo("plan.none", None)


def test_window_tables_are_computed_once_and_shared(monkeypatch):
    """The per-application table and the gift pairs serve several measures (the applying
    table and the scorecard; the reciprocity table, its summary and the ties): each is
    computed once per window, and a caller changing its copy changes no other measure."""
    from netlytics.metrics import applying

    calls = {"networked": 0, "gifts": 0}
    networked, gifts = applying._networked_table, reciprocity._gift_pairs

    def count(name, func):
        def wrapped(*args):
            calls[name] += 1
            return func(*args)

        return wrapped

    monkeypatch.setattr(applying, "_networked_table", count("networked", networked))
    monkeypatch.setattr(reciprocity, "_gift_pairs", count("gifts", gifts))
    m = Measures.compute(_data(), as_of=AS_OF)
    m.summary, m.reciprocity, m.reciprocity_summary, m.ties
    table = m.applying
    assert calls == {"networked": 1, "gifts": 1}
    table["touched_before"] = False  # the caller's copy
    assert m.scorecard.loc[m.scorecard["mistake"].eq("priority"), "value"].notna().all()
    from netlytics.metrics.scorecard import WINDOW_DAYS

    assert applying._networked(m._w, pd.Timedelta(days=WINDOW_DAYS))["touched_before"].any()
    assert calls["networked"] == 1  # the same table again, not recomputed
