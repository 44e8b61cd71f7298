"""Tests for netlytics.export: xlsx/csv/parquet writing, formula neutralisation, atomic writes,
never overwriting an input, and exact round trips."""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

import netlytics
from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import OutputError, ParameterError
from netlytics.export import atomic_path, atomic_write, iso_strings, neutralise_csv, to_parquet, write_tables
from netlytics.pseudonymize import pseudonymize
from netlytics.store import read_parquet as load_parquet

_spec = importlib.util.spec_from_file_location(
    "_pseudo_fixture", Path(__file__).with_name("test_pseudonymize.py")
)
_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixture)
cohort_data, SECRETS, COMPANIES = _fixture.cohort_data, _fixture.SECRETS, _fixture.COMPANIES

FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR"]


@pytest.fixture
def data():
    return cohort_data()


def tracker_tables(data: NetworkData) -> NetworkData:
    """Only what a tracker holds (contacts, interactions, applications), canonical columns."""
    return NetworkData(
        contacts=data.contacts,
        interactions=data.interactions[schema.INTERACTIONS.columns],
        applications=data.applications,
    )


def assert_same(a: NetworkData, b: NetworkData, tables=schema.TABLES) -> None:
    for name in tables:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def formula_data() -> NetworkData:
    n = len(FORMULAS)
    return NetworkData(
        contacts=pd.DataFrame(
            {
                "seeker": "Client 01",
                "contact_id": [f"name:c{i}" for i in range(n)],
                "name": FORMULAS,
                "company": FORMULAS[::-1],
            }
        ),
        interactions=pd.DataFrame(
            {
                "seeker": "Client 01",
                "interaction_id": [f"I{i}" for i in range(n)],
                "contact_id": FORMULAS,
                "at": ["2025-01-06"] * n,
                "channel": "email",
                "direction": "outbound",
                "kind": "message",
            }
        ),
    )


# --- cell conversion -----------------------------------------------------------------------------


def test_iso_strings_round_trip_to_the_nanosecond():
    s = pd.Series(["2025-01-06", "2025-01-06 09:30:01.5", "2025-01-06 09:30:00.000000001", None], dtype="str")
    ts = pd.to_datetime(s, utc=True, format="ISO8601").astype(schema.TIMESTAMP)
    out = iso_strings(ts)
    assert out.tolist()[:3] == [
        "2025-01-06T00:00:00Z",
        "2025-01-06T09:30:01.5Z",
        "2025-01-06T09:30:00.000000001Z",
    ]
    back = pd.to_datetime(out, utc=True, format="ISO8601").astype(schema.TIMESTAMP)
    pd.testing.assert_series_equal(back, ts)


def test_neutralise_csv_prefixes_every_risky_start():
    assert neutralise_csv(pd.Series(FORMULAS + ["ok", "a=b"])).tolist() == ["'" + f for f in FORMULAS] + [
        "ok",
        "a=b",
    ]


# --- xlsx ----------------------------------------------------------------------------------------


def test_xlsx_has_one_sheet_per_table_with_canonical_columns(tmp_path, data):
    out = write_tables(data, tmp_path / "tables.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(schema.TABLES)
    header = [c.value for c in wb["interactions"][1]]
    # canonical columns first (provenance included), then the extra content column
    assert header == schema.INTERACTIONS.columns + ["content"]
    assert wb["interactions"].max_row == len(data.interactions) + 1
    # timestamps are exact ISO text in UTC
    at = header.index("at") + 1
    assert wb["interactions"].cell(13, at).value == "2025-01-08T11:30:00.123456789Z"


def test_xlsx_formulas_are_string_cells(tmp_path):
    out = write_tables(formula_data(), tmp_path / "f.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["contacts"]
    names = [ws.cell(r, 3) for r in range(2, 2 + len(FORMULAS))]
    # carriage returns become line feeds (XML cannot keep them); nothing else changes
    assert [c.value for c in names] == [f.replace("\r", "\n") for f in FORMULAS]
    assert {c.data_type for c in names} == {"s"}
    with zipfile.ZipFile(out) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml  # no formula anywhere


def test_xlsx_round_trip_through_calamine(tmp_path, data):
    """The workbook's cells read back (as text) to the same canonical tables."""
    out = write_tables(data, tmp_path / "tables.xlsx")
    for name in ("contacts", "interactions", "applications"):
        df = pd.read_excel(out, sheet_name=name, engine="calamine", dtype=object)
        back = schema.conform(name, df)
        want = getattr(data, name)
        if name == "interactions":  # the tracker form names the person introduced as written
            want = want.assign(introduced=want["introduced"].str.removeprefix("name:"))
        for col in schema.TABLES[name].columns:
            if schema.TABLES[name].dtypes[col] == "Int64":
                back[col] = back[col].astype("Int64")
        pd.testing.assert_frame_equal(
            back[schema.TABLES[name].columns], want[schema.TABLES[name].columns], obj=name
        )


def test_xlsx_round_trip_through_load(tmp_path, data):
    """canonical tables -> xlsx -> netlytics.load -> the same tables (contract C1)."""
    tables = tracker_tables(data)
    out = write_tables(tables, tmp_path / "tables.xlsx")
    back = netlytics.load(out)
    assert_same(back, tables, ("contacts", "interactions", "applications"))


def test_xlsx_too_many_rows_suggests_parquet(tmp_path, monkeypatch):
    import netlytics.export as export

    monkeypatch.setattr(export, "_XLSX_MAX_ROWS", 3)
    with pytest.raises(OutputError, match="format='parquet'|at most 2"):
        write_tables(formula_data(), tmp_path / "big.xlsx")
    assert list(tmp_path.iterdir()) == []


# --- csv ------------------------------------------------------------------------------------------


def test_csv_folder_neutralises_formulas(tmp_path):
    out = write_tables(formula_data(), tmp_path / "tables", format="csv")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["contacts.csv", "interactions.csv", "applications.csv"]
        + [
            f"netlytics_{t}.csv"
            for t in ("problems", "excluded", "follows", "events", "sources", "notes", "owner")
        ]
    )
    contacts = pd.read_csv(out / "contacts.csv", dtype=str, keep_default_na=False)
    assert contacts["name"].tolist() == ["'" + f.replace("\r", "\n") for f in FORMULAS]
    text = (out / "interactions.csv").read_text(encoding="utf-8")
    assert "\n=" not in text and ",=" not in text and ",+" not in text and ",@" not in text


def test_single_csv_holds_interactions_only(tmp_path, data):
    with pytest.raises(ParameterError, match="is a single CSV, which holds only the interactions"):
        write_tables(data, tmp_path / "log.csv")
    only = NetworkData(interactions=data.interactions)
    out = write_tables(only, tmp_path / "log.csv")
    df = pd.read_csv(out, dtype=str)
    assert len(df) == len(data.interactions) and list(df.columns)[:3] == [
        "seeker",
        "interaction_id",
        "contact_id",
    ]


def test_csv_folder_round_trip_through_load(tmp_path, data):
    tables = tracker_tables(data)
    out = write_tables(tables, tmp_path / "tracker", format="csv")
    back = netlytics.load(out)
    assert_same(back, tables, ("contacts", "interactions", "applications"))


# --- parquet ---------------------------------------------------------------------------------------


def test_parquet_round_trip_exact(tmp_path, data):
    # rows already grouped by seeker (Avery Quill < Bram Oddsworth), as the reader returns them
    data = data.replace(interactions=data.interactions[schema.INTERACTIONS.columns])
    out = write_tables(data, tmp_path / "tables.parquet")
    assert (out / "netlytics.json").is_file()
    assert sorted(p.name for p in (out / "interactions").iterdir()) == [
        "seeker=Avery%20Quill",
        "seeker=Bram%20Oddsworth",
    ]
    # problems has a row without a seeker: written unpartitioned
    assert [p.name for p in (out / "problems").iterdir()] == ["part-0.parquet"]
    assert_same(load_parquet(out), data)
    assert_same(netlytics.load(out), data)
    assert_same(
        load_parquet(out, seekers=["Bram Oddsworth"]),
        data.for_seekers("Bram Oddsworth"),
        ("contacts", "interactions", "applications"),
    )


def test_parquet_empty_data_round_trip(tmp_path):
    out = to_parquet(NetworkData(), tmp_path / "empty")
    assert_same(load_parquet(out), NetworkData())


# --- atomic writes, inputs ------------------------------------------------------------------------


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")

    def broken(tmp):
        tmp.write_text("half written")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        atomic_write(target, broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert target.read_text() == "old"


def test_atomic_path_keeps_suffix_and_replaces(tmp_path):
    target = tmp_path / "fig.png"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.endswith(".png") and tmp.name.startswith(".fig.png.")
        tmp.write_bytes(b"png")
    assert target.read_bytes() == b"png"
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # ordinary permissions, not mkstemp's 0600


def test_failed_folder_write_leaves_previous_output(tmp_path, data, monkeypatch):
    out = write_tables(data, tmp_path / "t", format="csv")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import netlytics.export as export

    def fail(df, target):
        raise OSError("disk full")

    monkeypatch.setattr(export, "_write_csv", fail)
    with pytest.raises(OSError, match="disk full"):
        write_tables(data, out, format="csv")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]


def test_rewriting_a_previous_output_folder_works(tmp_path, data):
    out = to_parquet(data, tmp_path / "t")
    to_parquet(data.for_seekers("Avery Quill"), out)
    assert load_parquet(out).seekers == ["Avery Quill"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]


def test_refuses_to_replace_a_folder_of_other_files(tmp_path, data):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("precious")
    with pytest.raises(OutputError, match="Refusing to replace the folder"):
        write_tables(data, folder, format="csv")
    with pytest.raises(OutputError, match="Refusing to replace the folder"):
        to_parquet(data, folder)
    assert (folder / "thesis.docx").read_text() == "precious"


def test_never_overwrites_an_input(tmp_path, data):
    src = tmp_path / "tracker.xlsx"
    src.write_bytes(b"original")
    with pytest.raises(OutputError, match="it is the input"):
        write_tables(data, src, inputs=[src])
    link = tmp_path / "link.xlsx"
    link.symlink_to(src)
    with pytest.raises(OutputError, match="it is the input"):
        write_tables(data, link, inputs=[src])
    with pytest.raises(OutputError, match="is inside it"):
        write_tables(data, tmp_path, format="csv", inputs=[src])
    assert src.read_bytes() == b"original"


def test_unknown_format(tmp_path, data):
    with pytest.raises(ParameterError, match="Cannot tell the output format"):
        write_tables(data, tmp_path / "out.txt")
    with pytest.raises(ParameterError, match="format must be one of"):
        write_tables(data, tmp_path / "out", format="json")


def test_missing_folder(tmp_path, data):
    with pytest.raises(OutputError, match="does not exist"):
        write_tables(data, tmp_path / "nope" / "out.xlsx")


# --- pseudonymised outputs: scan every byte ---------------------------------------------------------


def _file_texts(path: Path) -> list[tuple[str, str]]:
    """(name, decoded text) of every byte netlytics wrote under path: xlsx members unzipped,
    parquet files raw and decoded (values and key-value metadata), and every path name."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    out = [("paths", " ".join(str(p.relative_to(path.parent)) for p in path.rglob("*")) + str(path.name))]
    for f in files:
        raw = f.read_bytes()
        out.append((str(f), raw.decode("utf-8", errors="replace")))
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                out.extend((f"{f}:{n}", z.read(n).decode("utf-8")) for n in z.namelist())
        if f.suffix == ".parquet":
            table = pq.read_table(f)
            out.append((f"{f}:values", table.to_pandas().astype("str").to_csv()))
            meta = table.schema.metadata or {}
            out.append((f"{f}:meta", b" ".join(k + b" " + v for k, v in meta.items()).decode("utf-8")))
    return out


@pytest.mark.parametrize(("name", "fmt"), [("anon.xlsx", None), ("anon", "csv"), ("anon.parquet", None)])
@pytest.mark.parametrize("companies", ["keep", "generalise"])
def test_pseudonymised_outputs_hold_no_original(tmp_path, data, name, fmt, companies):
    safe = pseudonymize(data, salt="correct horse battery staple", companies=companies)
    out = write_tables(safe, tmp_path / name, format=fmt)
    secrets = SECRETS + (COMPANIES if companies != "keep" else [])
    found = [(where, s) for where, text in _file_texts(out) for s in secrets if s.lower() in text.lower()]
    assert found == []
    # and the output is still complete
    if fmt is None and name.endswith(".parquet"):
        assert len(load_parquet(out).interactions) == len(data.interactions)


def test_full_xlsx_round_trip_through_load(tmp_path, data):
    """Every table written; the tracker tables read back exactly, the others are ignored."""
    out = write_tables(data, tmp_path / "all.xlsx")
    back = netlytics.load(out)
    assert_same(back, tracker_tables(data), ("contacts", "interactions", "applications"))
