import pandas as pd
import pytest

from netlytics import schema
from netlytics.errors import SchemaError


def _interactions(**over):
    base = {
        "seeker": ["Ana", "Ana"],
        "interaction_id": ["1", "2"],
        "at": ["2025-01-06T10:00:00Z", "2025-01-07"],
        "channel": ["email", "in_person"],
        "direction": ["outbound", "inbound"],
        "kind": ["message", "meeting"],
    }
    base.update(over)
    return schema.conform("interactions", pd.DataFrame(base))


def test_empty_tables_have_canonical_columns_and_dtypes():
    for name, table in schema.TABLES.items():
        df = schema.empty(name)
        assert list(df.columns) == table.columns
        schema.validate(name, df)
        for col, dtype in table.dtypes.items():
            if dtype == "str":
                assert isinstance(df[col].dtype, pd.StringDtype)
            else:
                assert str(df[col].dtype) == dtype


def test_conform_adds_optional_columns_and_casts_timestamps_to_utc_ns():
    df = _interactions()
    assert list(df.columns) == schema.INTERACTIONS.columns
    assert str(df["at"].dtype) == "datetime64[ns, UTC]"
    assert df["at"].iloc[1] == pd.Timestamp("2025-01-07", tz="UTC")
    assert df["contact_id"].isna().all()
    schema.validate("interactions", df)


def test_conform_keeps_extra_columns_after_canonical_ones():
    df = schema.conform("follows", pd.DataFrame({"seeker": ["A"], "company": ["X"], "content": ["hi"]}))
    assert list(df.columns)[-1] == "content"
    schema.validate("follows", df)


def test_conform_converts_other_timezones_to_utc():
    at = pd.Series(pd.to_datetime(["2025-01-06 09:00"]).tz_localize("Europe/Berlin"))
    df = _interactions(
        seeker=["Ana"],
        interaction_id=["1"],
        at=at,
        channel=["email"],
        direction=["outbound"],
        kind=["message"],
    )
    assert df["at"].iloc[0] == pd.Timestamp("2025-01-06 08:00", tz="UTC")


def test_conform_missing_required_column_names_it():
    with pytest.raises(SchemaError, match=r"missing required column\(s\) \['kind'\]"):
        schema.conform(
            "interactions",
            pd.DataFrame({c: [] for c in ["seeker", "interaction_id", "at", "channel", "direction"]}),
        )


def test_validate_reports_vocabulary_nulls_and_duplicates():
    df = _interactions(channel=["carrier pigeon", "email"], interaction_id=["1", "1"], kind=[None, "message"])
    with pytest.raises(SchemaError) as info:
        schema.validate("interactions", df)
    msg = str(info.value)
    assert "'carrier pigeon'" in msg
    assert "column 'kind' has 1 empty value(s)" in msg
    assert "2 rows share a key ['seeker', 'interaction_id']" in msg


def test_validate_rejects_wrong_dtype():
    df = _interactions()
    df["source_row"] = df["source_row"].astype("float64")
    with pytest.raises(SchemaError, match="source_row"):
        schema.validate("interactions", df)


def test_schema_errors_are_value_errors():
    with pytest.raises(ValueError):
        schema.empty("no_such_table")


def test_vocabulary_groups_are_consistent():
    assert set(schema.LIVE_CHANNELS) | set(schema.WRITTEN_CHANNELS) | {"other"} == set(schema.CHANNELS)
    assert set(schema.GIFT_KINDS) <= set(schema.KINDS)
    assert set(schema.ONE_CLICK_KINDS) <= set(schema.KINDS)


@pytest.mark.parametrize(
    "ids, repeated",
    [
        (["7", "07", "+7", "7.0"], 0),  # the same number, four different ids
        (["7", "8", "7", None], 2),  # integer ids: no text hashed, same answer
        (["a", None, "b", None], 2),  # a null equals a null, as in DataFrame.duplicated
        (["9" * 30, "9" * 30, "x", "y"], 2),  # too big for an integer: the ids are hashed as text
    ],
)
def test_key_check_counts_repeated_ids_exactly(ids, repeated):
    df = _interactions(
        seeker=["Ana"] * 4,
        interaction_id=ids,
        at=["2025-01-06"] * 4,
        channel=["email"] * 4,
        direction=["outbound"] * 4,
        kind=["message"] * 4,
    )
    if repeated:
        with pytest.raises(SchemaError, match=f"{repeated} rows share a key"):
            schema.validate("interactions", df)
    else:
        schema.validate("interactions", df)


def test_empty_gives_a_new_frame_each_time():
    first = schema.empty("follows")
    first["company"] = pd.Series(["Acme"], dtype="str")  # no rows: a column replaced
    first["extra"] = 1
    assert list(schema.empty("follows").columns) == schema.FOLLOWS.columns
