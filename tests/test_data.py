import pandas as pd
import pytest

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.loaders._base import Builder, issue_frame


def _data():
    inter = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Bo"],
            "interaction_id": ["1", "2", "1"],
            "contact_id": ["c1", "c2", "c1"],
            "at": pd.to_datetime(["2025-01-06", "2025-01-08", "2025-02-01"], utc=True),
            "channel": ["email", "in_person", "phone"],
            "direction": ["outbound", "inbound", "outbound"],
            "kind": ["message", "meeting", "message"],
        }
    )
    apps = pd.DataFrame(
        {
            "seeker": ["Ana"],
            "application_id": ["a1"],
            "applied_at": pd.to_datetime(["2025-03-01"], utc=True),
            "via": ["online"],
            "status": ["applied"],
        }
    )
    return NetworkData(interactions=inter, applications=apps)


def test_container_conforms_tables_and_lists_seekers():
    d = _data()
    assert list(d.interactions.columns) == schema.INTERACTIONS.columns
    assert d.seekers == ["Ana", "Bo"]
    d.validate()


def test_latest_timestamp_spans_all_tables():
    assert _data().latest_timestamp() == pd.Timestamp("2025-03-01", tz="UTC")
    assert NetworkData().latest_timestamp() is None


def test_for_seekers_filters_every_table_and_rejects_unknown():
    d = _data().for_seekers("Bo")
    assert d.seekers == ["Bo"]
    assert len(d.applications) == 0
    with pytest.raises(ParameterError, match="Unknown seeker"):
        _data().for_seekers(["Zed"])


def test_concat_stacks_parts():
    d = NetworkData.concat([_data().for_seekers("Ana"), _data().for_seekers("Bo")])
    assert len(d.interactions) == 3


def test_repr_is_readable_and_html_escapes_names():
    d = _data()
    assert "2 seeker(s)" in repr(d)
    inter = d.interactions.copy()
    inter.loc[0, "seeker"] = "<script>x</script>"
    html = NetworkData(interactions=inter)._repr_html_()
    assert "<script>x" not in html and "&lt;script&gt;" in html


def test_builder_accounting_adds_up():
    b = Builder(seeker="Ana")
    b.read("f.csv", "interactions", 5)
    rows = schema.conform(
        "interactions",
        pd.DataFrame(
            {
                "seeker": ["Ana"] * 2,
                "interaction_id": ["1", "2"],
                "at": ["2025-01-01", "2025-01-02"],
                "channel": ["email"] * 2,
                "direction": ["outbound"] * 2,
                "kind": ["message"] * 2,
                "source": ["f.csv"] * 2,
                "source_row": [2, 3],
            }
        ),
    )
    b.add("interactions", rows)
    b.exclude(
        issue_frame(source="f.csv", rows=[4], column="FOLDER", value="SPAM", reason="spam"),
        table="interactions",
    )
    # two problems on the same row count as one row
    b.problem(
        issue_frame(source="f.csv", rows=[5, 6], column="DATE", value="x", reason="bad date"),
        table="interactions",
    )
    data = b.build()
    inv = data.inventory().iloc[0]
    assert (inv.rows_read, inv.loaded, inv.excluded, inv.problems) == (5, 2, 1, 2)
    assert inv.rows_read == inv.loaded + inv.excluded + inv.problems
    assert data.problems["seeker"].tolist() == ["Ana", "Ana"]


def test_seeker_chunks_keep_whole_seekers_in_order_and_every_row():
    d = _data()  # Ana has 2 interactions, Bo 1
    chunks = d.seeker_chunks(2)
    assert [c.seekers for c in chunks] == [["Ana"], ["Bo"]]
    assert sum(len(c.interactions) for c in chunks) == len(d.interactions)
    assert sum(len(c.applications) for c in chunks) == len(d.applications)
    assert [c.seekers for c in d.seeker_chunks(10)] == [["Ana", "Bo"]]


def test_default_tables_are_not_shared_between_containers():
    first = NetworkData()
    first.contacts["note"] = "mine"
    first.follows.loc[0] = ["Ana", "Acme", pd.NaT, "x.csv", 1]
    second = NetworkData()
    assert list(second.contacts.columns) == schema.CONTACTS.columns
    assert len(second.follows) == 0 and len(schema.empty("follows")) == 0
