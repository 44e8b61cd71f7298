"""A folder of one seeker's sources of several kinds: mail files beside trackers and exports."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import netlytics

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
TAKEOUT = SAMPLE / "takeout" / "takeout-20260331T173000Z-001.zip"


def _calendar(into: Path) -> Path:
    with zipfile.ZipFile(TAKEOUT) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".ics"))
        target = into / "calendar.ics"
        target.write_bytes(zf.read(name))
    return target


def test_a_calendar_beside_a_tracker_loads_with_it(tmp_path):
    # a tracker folder holding an .ics is a tracker folder too: both load, as one seeker
    shutil.copy(SAMPLE / "tracker.xlsx", tmp_path / "tracker.xlsx")
    _calendar(tmp_path)
    both = netlytics.load(tmp_path)
    tracker_only = netlytics.load(tmp_path / "tracker.xlsx")
    calendar_only = netlytics.load(tmp_path / "calendar.ics", me="robin.example@mail.example")
    by_origin = both.interactions["origin"].value_counts()
    assert by_origin["tracker"] == len(tracker_only.interactions) == 500
    assert by_origin["calendar"] == len(calendar_only.interactions) > 0
    assert both.seekers == [tracker_only.seekers[0]]
    inv = both.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
    assert "calendar.ics" in set(inv["source"])


def test_sub_folders_that_are_not_one_mailbox_are_not_opened():
    # data/sample holds takeout/ (a zip of the tracker's own story) and mail-only/sam/ (another
    # seeker): neither is read when the sample folder is loaded
    data = netlytics.load(SAMPLE)
    assert set(data.interactions["origin"]) == {"linkedin", "tracker"}
    assert not data.sources["source"].str.contains("takeout|sam", case=False).any()
