"""Privacy: pseudonymised outputs of the sample cohort hold no original name, e-mail, URL or
phone number (every byte scanned); pseudonymisation changes names, not metrics; message bodies
are never loaded unless asked; hostile cells are neutralised through ``netlytics anonymize``."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

import netlytics
from netlytics.cli import main
from netlytics.export import write_tables
from netlytics.loaders import linkedin
from netlytics.loaders._io import read_csv_bytes
from netlytics.pseudonymize import alias_table, pseudonymize
from tests.reliability import record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

ROOT = Path(__file__).parents[2]
COHORT = ROOT / "data" / "sample" / "cohort"
EXPORT = next((ROOT / "data" / "sample" / "linkedin").glob("*.zip"), None)
AS_OF = "2026-04-01"
SALT = "a fictional test salt"
PHONE = re.compile(r"\+\d[\d ()\-.]{6,}\d")

needs_cohort = pytest.mark.skipif(not COHORT.is_dir(), reason="data/sample/cohort not generated")


@pytest.fixture(scope="module")
def cohort():
    return netlytics.load_cohort(COHORT, future_after=AS_OF, progress=False)


def _raw_texts(folder: Path) -> str:
    """Every byte of the sample input, decoded (xlsx and zip members unzipped)."""
    parts = []
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = f.read_bytes()
        parts.append(raw.decode("utf-8", errors="replace"))
        if f.suffix.lower() in (".xlsx", ".zip"):
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                parts.extend(z.read(n).decode("utf-8", errors="replace") for n in z.namelist())
    return "\n".join(parts)


def _output_texts(path: Path) -> list[tuple[str, str]]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    out = [("paths", " ".join(str(p.relative_to(path.parent)) for p in path.rglob("*")) + " " + path.name)]
    for f in files:
        raw = f.read_bytes()
        out.append((str(f), raw.decode("utf-8", errors="replace")))
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                out.extend((f"{f}:{n}", z.read(n).decode("utf-8", errors="replace")) for n in z.namelist())
        if f.suffix == ".parquet":
            table = pq.read_table(f)
            out.append((f"{f}:values", table.to_pandas().astype("str").to_csv()))
            meta = table.schema.metadata or {}
            out.append(
                (f"{f}:meta", b" ".join(k + b" " + v for k, v in meta.items()).decode("utf-8", "replace"))
            )
    return out


def _secrets(data) -> list[str]:
    c = data.contacts
    names = c["name"].dropna()
    names = names[names.str.contains(" ") & (names.str.len() >= 6)]  # full names, not "Kai"
    found = pd.concat([names, c["email"].dropna(), c["profile_url"].dropna()])
    found = found.str.replace(r"^https?://(www\.)?", "", regex=True)
    seekers = pd.Series(data.seekers, dtype="str")
    phones = pd.Series(PHONE.findall(_raw_texts(COHORT)), dtype="str")
    return sorted(set(found.tolist()) | set(seekers[seekers.str.len() >= 6]) | set(phones.tolist()))


@needs_cohort
@pytest.mark.slow
@pytest.mark.parametrize(("name", "fmt"), [("anon.xlsx", None), ("anon", "csv"), ("anon.parquet", None)])
def test_pseudonymised_sample_cohort_holds_no_original(tmp_path, cohort, name, fmt):
    secrets = _secrets(cohort)
    assert len(secrets) > 50  # names, e-mails, URLs, phones of the fictional sample
    safe = pseudonymize(cohort, salt=SALT)
    out = write_tables(safe, tmp_path / name, format=fmt)
    found = [(where, s) for where, text in _output_texts(out) for s in secrets if s.lower() in text.lower()]
    assert found == []
    record("pseudonymised sample cohort: every output byte scanned", "no original found")


def _by_seeker(df: pd.DataFrame, seekers: dict) -> pd.DataFrame:
    df = df.assign(seeker=df["seeker"].map(seekers))
    return df.sort_values(list(df.columns[:1]), kind="stable").reset_index(drop=True)


@needs_cohort
@pytest.mark.slow
def test_pseudonymisation_changes_names_not_metrics(cohort):
    safe = pseudonymize(cohort, salt=SALT)
    aliases = alias_table(cohort, salt=SALT)
    seekers = dict(aliases.loc[aliases["kind"] == "seeker", ["original", "alias"]].to_numpy())
    contacts = dict(aliases.loc[aliases["kind"] == "contact", ["original", "alias"]].to_numpy())

    a = _by_seeker(netlytics.summary(cohort, as_of=AS_OF), seekers)
    b = netlytics.summary(safe, as_of=AS_OF).sort_values("seeker", kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)

    cols = ["seeker", "mistake", "metric", "value", "status"]
    a = netlytics.scorecard(cohort, as_of=AS_OF)[cols].assign(seeker=lambda d: d["seeker"].map(seekers))
    b = netlytics.scorecard(safe, as_of=AS_OF)[cols]
    key = ["seeker", "mistake", "metric"]
    pd.testing.assert_frame_equal(
        a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True)
    )

    drop = ["trigger_id", "response_id"]  # interaction ids are re-keyed per seeker
    a = netlytics.follow_up(cohort, as_of=AS_OF).drop(columns=drop)
    a = a.assign(seeker=a["seeker"].map(seekers), contact_id=a["contact_id"].map(contacts).astype("str"))
    b = netlytics.follow_up(safe, as_of=AS_OF).drop(columns=drop)
    key = ["seeker", "contact_id", "trigger", "trigger_at"]
    pd.testing.assert_frame_equal(
        a.sort_values(key, kind="stable").reset_index(drop=True),
        b.sort_values(key, kind="stable").reset_index(drop=True),
    )
    record("pseudonymise then metrics (summary, scorecard, follow_up) on the sample cohort", "equal")


@pytest.mark.skipif(EXPORT is None, reason="data/sample/linkedin not generated")
def test_message_bodies_are_not_loaded_without_content():
    files = {f.member: f.read() for f in linkedin.find_files(EXPORT)}
    bodies = []
    for member, raw in files.items():
        if Path(member).stem.lower() in ("messages", "invitations", "recommendations_given",
                                         "recommendations_received"):  # fmt: skip
            frame = read_csv_bytes(raw).frame
            for col in ("CONTENT", "Message", "Text"):
                if col in frame.columns:
                    bodies.extend(frame[col][frame[col].str.len() >= 20].tolist())
    assert bodies, "the sample export should hold message bodies"
    data = netlytics.load(EXPORT)
    for name in ("contacts", "interactions", "applications", "problems", "excluded", "follows", "events",
                 "sources", "notes"):  # fmt: skip
        text = getattr(data, name).astype("str").to_csv()
        assert not [b for b in bodies if b in text], f"a message body is in {name}"
    with_content = netlytics.load(EXPORT, content=True)
    assert "content" in with_content.interactions.columns and "content" not in data.interactions.columns
    record("message bodies absent from every table without content=True", "absent")


HOSTILE = ['=HYPERLINK("http://example.invalid")', "+SUM(1)", "-2+3", "@cmd", "=1+2"]


def test_hostile_cells_are_neutralised_through_the_cli(tmp_path):
    tracker = tmp_path / "seeker.csv"
    frame = pd.DataFrame(
        {"Date": ["2025-01-06"] * len(HOSTILE), "Who": [f"Test Person {i}" for i in range(len(HOSTILE))],
         "How": "email", "Company": HOSTILE}
    )  # fmt: skip
    frame.to_csv(tracker, index=False)
    xlsx = tmp_path / "anon.xlsx"
    assert main(["anonymize", str(tracker), str(xlsx), "--salt", SALT]) == 0
    wb = openpyxl.load_workbook(xlsx)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]  # no formula anywhere
    companies = {c.value for c in cells if isinstance(c.value, str) and c.value in HOSTILE}
    assert companies == set(HOSTILE)  # kept as text, exactly
    folder = tmp_path / "anon-csv"
    assert main(["anonymize", str(tracker), str(folder), "--salt", SALT, "--format", "csv"]) == 0
    text = (folder / "interactions.csv").read_text(encoding="utf-8")
    assert all(("'" + h.replace('"', '""')) in text for h in HOSTILE)
    assert not re.search(r"(^|,)[=+\-@]", text, flags=re.M)
    # and the output never replaces its input
    assert main(["anonymize", str(tracker), str(tracker), "--salt", SALT]) == 2
    record("formula-like cells through netlytics anonymize (xlsx and csv)", "neutralised")
