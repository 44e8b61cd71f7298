"""Tests for netlytics.aliases: the header and value alias tables and their lookups."""

import pytest

from netlytics import aliases, schema


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("  Follow-up of: ", "follow up of"),
        ("E-Mail", "e mail"),
        ("In_Person", "in person"),
        ("#", "#"),
        ("Date / time", "date time"),
        ("(Who?)", "who"),
    ],
)
def test_normalise(written, key):
    assert aliases.normalise(written) == key


def test_header_lookup_per_table():
    assert aliases.header_lookup("interactions", "Date of contact:") == "at"
    assert aliases.header_lookup("interactions", "Who") == "contact"
    assert aliases.header_lookup("contacts", "Who") == "name"
    assert aliases.header_lookup("applications", "Date applied") == "applied_at"
    assert aliases.header_lookup("interactions", "Salary") is None


def test_canonical_names_match_themselves():
    for table, columns in aliases.HEADER_ALIASES.items():
        for column in columns:
            assert aliases.header_lookup(table, column) == column
    for column, vocab in (("channel", schema.CHANNELS), ("kind", schema.KINDS), ("status", schema.STATUSES)):
        for value in vocab:
            assert aliases.value_lookup(column, value)[column] == value
            assert aliases.value_lookup(column, value.replace("_", " ").title())[column] == value


def test_value_alias_sets_a_second_column():
    assert aliases.value_lookup("channel", "Coffee") == {"channel": "in_person", "kind": "meeting"}
    assert aliases.value_lookup("kind", "got a lead") == {"kind": "lead", "direction": "inbound"}
    assert aliases.value_lookup("channel", "pigeon") is None


def test_every_alias_target_is_allowed():
    vocab = {
        "channel": schema.CHANNELS,
        "direction": schema.DIRECTIONS,
        "kind": schema.KINDS,
        "via": schema.VIAS,
        "status": schema.STATUSES,
    }
    for column, table in aliases.VALUE_ALIASES.items():
        for sets in table.values():
            for target_column, value in sets.items():
                assert value in vocab[target_column], (column, target_column, value)


def test_sheet_aliases_name_tracker_tables():
    assert set(aliases.SHEET_ALIASES.values()) == {"contacts", "interactions", "applications"}
    assert aliases.SHEET_ALIASES["networking log"] == "interactions"
    assert aliases.SHEET_ALIASES["job tracker"] == "applications"


def test_suggest_and_closest():
    assert aliases.suggest("channel", "linkdin") == "linkedin"
    assert aliases.suggest("status", "intervew") == "interview"
    assert aliases.suggest("channel", "zzzz") is None
    assert aliases.closest("chanel", ["channel", "kind"]) == "channel"
    assert aliases.closest("sheet", ["sheets", "x"], cutoff=0.6) == "sheets"


def test_alias_markdown_is_the_documented_table():
    from pathlib import Path

    doc = (Path(__file__).parents[1] / "docs" / "trackers.md").read_text(encoding="utf-8")
    for line in aliases.alias_markdown().splitlines():
        assert line in doc, line
