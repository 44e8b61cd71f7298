"""load_cohort loads one-file tracker clients in groups (tracker/batch.py): the result must be
exactly the per-client loads stacked, on the bundled sample and on hand-written hostile clients."""

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netlytics.data import TABLE_NAMES
from netlytics.loaders import cohort
from netlytics.loaders.tracker import read_mapping
from tests.fixtures.books import workbook

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "cohort"


def _both(folder, **options):
    opts = dict(mapping=read_mapping(options.get("mapping")), tz="UTC", dayfirst=options.get("dayfirst"))
    future = options.get("future_after", "2025-06-01")
    opts.update(content=False, future_after=future, earliest=None, me=None, owner_url=None)
    clients, _ = cohort._client_entries(folder)
    batched = cohort._load_clients(clients, opts, show=False, always=False, batch=True)
    alone = cohort._load_clients(clients, opts, show=False, always=False, batch=False)
    return batched, alone


def _assert_same(a, b):
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def _hostile(root: Path) -> Path:
    root.mkdir()
    head = "Date,Who,How,What,ref\n"
    # two clients of one shape; rows by row number, a bad date, a gift without direction,
    # an unknown channel, a row without a person, a ref by row number and one pointing nowhere
    (root / "ana.csv").write_text(
        head + "2025-01-06,Bo Li,coffee,,\n2025-01-07,Bo Li,email,thank you,2\n"
        "2025-13-40,Cy Ng,zoom,,\n2025-01-09,,phone,,\n2025-01-10,Di Oz,pigeon,,\n"
        "2025-01-11,Bo Li,email,gift,\n2025-01-12,Bo Li,email,,99\n",
        encoding="utf-8",
    )
    (root / "bo.csv").write_text(
        head + "2025-02-01,Bo Li,coffee,,\n2025-02-02,Ed Wu,e-mail,,\n", encoding="utf-8"
    )
    # a client whose rows name their seeker (the same name as ana's file, kept apart)
    (root / "cy.csv").write_text("seeker,Date,Who,How\nana,2025-01-08,Bo Li,zoom\n", encoding="utf-8")
    # a CSV of another shape: interaction ids, one repeated, a header unknown
    (root / "di.csv").write_text(
        "interaction_id,at,contact,channel,direction,kind,mood\n"
        "i1,2025-03-01,Fay Po,linkedin,outbound,message,ok\n"
        "i1,2025-03-02,Fay Po,linkedin,inbound,message,ok\n",
        encoding="utf-8",
    )
    # workbooks: contacts + interactions + an ignored sheet, a title above the header,
    # a duplicate contact and a person found by e-mail
    contacts = [["Name", "Email", "Company"], ["Gus Am", "gus@example.org", "Acme"], ["Gus Am", "", "Acme"]]
    inter = [
        ["Tracker of Eve"],
        [],
        ["Date", "Contact", "Channel", "Kind"],
        [dt.date(2025, 1, 6), "gus@example.org", "email", "message"],
        [dt.date(2025, 1, 7), "Hal Bo", "phone", ""],
        ["03/04/2025", "Gus Am", "zoom", ""],
    ]
    workbook(
        root / "eve.xlsx",
        {"contacts": contacts, "interactions": inter, "budget": [["Item", "Cost"], ["a", 1]]},
    )
    workbook(
        root / "fox.xlsx", {"contacts": contacts[:2], "interactions": inter[:4], "budget": [["Item", "Cost"]]}
    )
    # a workbook with two interactions sheets repeating an id
    two = [["interaction_id", "Date", "Who", "How"], ["x", dt.date(2025, 1, 6), "Ida Ko", "coffee"]]
    workbook(root / "gil.xlsx", {"interactions": two, "more interactions": two})
    # an empty template, a corrupt workbook, a CSV with a malformed record, a LinkedIn file
    workbook(root / "hal.xlsx", {"interactions": [["Date", "Contact", "Channel"]]})
    (root / "ivy.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (root / "jan.csv").write_text(
        head + '2025-01-06,Bo Li,coffee,,\n2025-01-07,"Bo Li,zoom\n', encoding="utf-8"
    )
    (root / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Kim,Oh,https://www.linkedin.com/in/kim-oh,,Acme,CTO,01 Jan 2025\n",
        encoding="utf-8",
    )
    return root


def test_batched_equals_per_client_on_the_sample():
    batched, alone = _both(SAMPLE, future_after="2026-06-01")
    _assert_same(batched, alone)
    assert len(batched.seekers) == 12 and len(batched.interactions) == 4101


@pytest.mark.parametrize("dayfirst", [None, True])
def test_batched_equals_per_client_on_hostile_clients(tmp_path, dayfirst):
    batched, alone = _both(_hostile(tmp_path / "cohort"), dayfirst=dayfirst)
    _assert_same(batched, alone)
    # the per-file accounting holds for every source
    s = batched.sources
    assert (s["rows_read"] == s["loaded"] + s["excluded"] + s["problems"]).all()
    # cy's rows name "ana": its seeker is ana, yet ana's rows (another file) stay ana's too
    assert set(batched.interactions.loc[batched.interactions["source"] == "cy.csv", "seeker"]) == {"ana"}
    ana = batched.problems[batched.problems["source"] == "ana.csv"]
    assert ana["source_row"].tolist() == [4, 5, 6, 7, 8]
    assert "ref points nowhere" in ana.loc[ana["source_row"] == 8, "reason"].item()
    # a ref by row number points at the file's own row 2
    refs = batched.interactions.loc[batched.interactions["source"] == "ana.csv", "ref"].dropna().tolist()
    assert refs == ["ana.csv#2"]


def test_batched_equals_per_client_with_a_mapping(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.csv").write_text("When,With,Via\n2025-01-06,Bo Li,kaffee\n", encoding="utf-8")
    mapping = {"sheets": {"a": {"columns": {"When": "at", "With": "contact", "Via": "channel"},
                                "values": {"channel": {"kaffee": "in_person"}}}}}  # fmt: skip
    batched, alone = _both(folder, mapping=mapping)
    _assert_same(batched, alone)
    assert batched.interactions["channel"].tolist() == ["in_person"]  # b's header is not mapped


def _generated(root: Path, n_files: int = 24, rows: int = 60, seed: int = 7) -> Path:
    """Seeded client trackers of three shapes, with typos, bad dates, repeated ids and refs."""
    rng = np.random.default_rng(seed)
    people = ["Ana Li", "bo@example.org", "https://www.linkedin.com/in/cy-ng", "Di Oz", "Ed Wu", ""]
    channels = ["coffee", "email", "linkedin", "zoom", "phone", "pigeon", ""]
    kinds = ["", "thank you", "message", "gift", "referral"]
    root.mkdir()
    for i in range(n_files):
        day = rng.integers(1, 400, rows)
        at = (pd.Timestamp("2024-06-01") + pd.to_timedelta(day, unit="D")).strftime("%Y-%m-%d").to_numpy()
        at[rng.random(rows) < 0.05] = "31/31/2024"
        frame = pd.DataFrame(
            {
                "interaction_id": [f"x{j}" for j in rng.integers(0, rows, rows)],
                "Date": at,
                "Who": rng.choice(people, rows),
                "How": rng.choice(channels, rows),
                "What": rng.choice(kinds, rows),
                "ref": np.where(rng.random(rows) < 0.1, [f"x{j}" for j in rng.integers(0, rows, rows)], ""),
            }
        )
        shape = i % 3
        if shape == 1:
            frame = frame.drop(columns=["interaction_id", "ref"])
        elif shape == 2:
            frame.insert(0, "seeker", np.where(rng.random(rows) < 0.5, f"named-{i % 2}", ""))
        frame.to_csv(root / f"client-{i:02d}.csv", index=False)
    return root


def test_batched_equals_per_client_on_a_generated_cohort(tmp_path):
    batched, alone = _both(_generated(tmp_path / "cohort"))
    _assert_same(batched, alone)
    assert len(batched.interactions) > 300 and len(batched.problems) > 50
    assert {"named-0", "named-1"} <= set(batched.seekers)
    s = batched.sources
    assert (s["rows_read"] == s["loaded"] + s["excluded"] + s["problems"]).all()
    assert s["rows_read"].sum() == 24 * 60
