"""The Parquet store: one layout written and read by netlytics.store, its version checked."""

import json

import pandas as pd
import pytest

from netlytics import store
from netlytics.data import NetworkData
from netlytics.errors import FormatError, OutputError, ParameterError
from tests.metrics._builders import applications, contacts, interactions, network


def _data():
    return network(
        interactions=[
            interactions(
                ("bo", "2025-01-06", "email", "out", "message"),
                ("cy", "2025-01-07", "phone", "in", "message"),
            ),
            interactions(("di", "2025-01-08", "video", "out", "meeting"), seeker="Client 02"),
        ],
        contacts=[contacts(("bo", "Acme"))],
        applications=[applications(("a1", "Acme", "2025-01-09", "online", "interview"))],
    )


def test_round_trip_is_exact_and_partitioned_by_seeker(tmp_path):
    data = _data()
    folder = store.write_parquet(data, tmp_path / "s")
    assert store.is_store(folder) and not store.is_store(tmp_path)
    manifest = json.loads((folder / store.MANIFEST).read_text())
    assert manifest["format"] == "netlytics-parquet" and manifest["version"] == store.VERSION == 1
    assert sorted(p.name for p in (folder / "interactions").iterdir()) == ["seeker=Ana", "seeker=Client%2002"]
    back = store.read_parquet(folder)
    for name in ("interactions", "contacts", "applications"):
        pd.testing.assert_frame_equal(
            getattr(back, name), getattr(data, name).sort_values("seeker", kind="stable", ignore_index=True)
        )
    one = store.read_parquet(folder, seekers=["Client 02"])
    assert one.seekers == ["Client 02"] and len(one.interactions) == 1


def test_a_newer_or_broken_manifest_is_refused(tmp_path):
    folder = store.write_parquet(_data(), tmp_path / "s")
    manifest = json.loads((folder / store.MANIFEST).read_text())
    (folder / store.MANIFEST).write_text(json.dumps({**manifest, "version": 2}))
    with pytest.raises(FormatError, match="newer netlytics .store version 2; this one reads up to 1"):
        store.read_parquet(folder)
    (folder / store.MANIFEST).write_text(json.dumps({**manifest, "version": "1"}))
    with pytest.raises(FormatError, match="no valid version"):
        store.read_manifest(folder)
    (folder / store.MANIFEST).write_text(json.dumps({**manifest, "tables": ["contacts", "emails"]}))
    with pytest.raises(FormatError, match=r"unknown table\(s\) \['emails'\]"):
        store.read_manifest(folder)
    (folder / store.MANIFEST).write_text("{not json")
    with pytest.raises(FormatError, match="Cannot read"):
        store.read_parquet(folder)
    with pytest.raises(FormatError, match="not a netlytics Parquet store"):
        store.read_parquet(tmp_path)


def test_writer_refuses_other_folders_and_bad_input(tmp_path):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError):
        store.write_parquet(_data(), other)
    assert (other / "notes.txt").read_text() == "keep me"
    with pytest.raises(ParameterError, match="NetworkData"):
        store.write_parquet(pd.DataFrame(), tmp_path / "x")
    with pytest.raises(ParameterError, match="table must be one of"):
        store.read_table(tmp_path, "emails")
    # a store may be replaced by a new one
    first = store.write_parquet(_data(), tmp_path / "s")
    store.write_parquet(NetworkData(), first)
    assert store.read_parquet(first).interactions.empty
