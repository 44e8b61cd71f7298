"""Figure helpers: the names= mechanism, pseudonyms, the no-data figure, time conversion."""

import pandas as pd
import pytest

from netlytics.errors import ParameterError
from netlytics.figures._common import NO_DATA, as_time, no_data_figure, pseudonyms, resolve_names
from netlytics.figures.theme import get_theme

IDS = pd.Series(["https://www.linkedin.com/in/zed-example", "amy@example.org", "amy@example.org"])


def test_ids_mode_shortens_profile_urls():
    out = resolve_names(IDS, names="ids", theme=get_theme("workshop"))
    assert out.tolist() == ["zed-example", "amy@example.org", "amy@example.org"]


def test_pseudonyms_sorted_and_independent_of_row_order():
    # sorted ids: amy@... < https://... -> amy is Contact 01, zed Contact 02
    out = resolve_names(IDS, theme=get_theme("workshop"))
    assert out.tolist() == ["Contact 02", "Contact 01", "Contact 01"]
    rev = resolve_names(IDS[::-1], theme=get_theme("workshop"))
    assert rev.sort_index().tolist() == out.tolist()


def test_theme_decides_when_names_is_none():
    assert resolve_names(IDS, theme=get_theme()).iloc[1] == "amy@example.org"
    assert resolve_names(IDS, theme=get_theme("workshop")).iloc[1] == "Contact 01"


def test_explicit_names_win_in_every_theme():
    names = {"amy@example.org": "Amy Example"}
    assert resolve_names(IDS, names=names, theme=get_theme("workshop")).tolist() == [
        "Contact 02",
        "Amy Example",
        "Amy Example",
    ]
    contacts = pd.DataFrame({"contact_id": ["amy@example.org"], "name": ["Amy E."]})
    assert resolve_names(IDS, names=contacts, theme=get_theme()).tolist() == [
        "zed-example",
        "Amy E.",
        "Amy E.",
    ]


def test_bad_names_argument():
    with pytest.raises(ParameterError, match="names= must be"):
        resolve_names(IDS, names="real", theme=get_theme())
    with pytest.raises(ParameterError, match="needs columns 'contact_id' and 'name'"):
        resolve_names(IDS, names=pd.DataFrame({"id": []}), theme=get_theme())


def test_pseudonym_width():
    assert pseudonyms(["x"], prefix="Client") == {"x": "Client 01"}
    assert pseudonyms([str(i) for i in range(100)])["0"] == "Contact 001"


def test_no_data_figure_message():
    fig = no_data_figure(message="no open loops", title="T")
    assert fig.layout.annotations[0].text == f"{NO_DATA}: no open loops"
    assert fig.layout.title.text == "T"


def test_as_time_variants():
    aware = pd.Series(pd.to_datetime(["2025-03-03 23:30"], utc=True))
    assert as_time(aware).iloc[0] == pd.Timestamp("2025-03-03 23:30")
    assert as_time(pd.Series(["2025-03-03T10:00:00+02:00"])).iloc[0] == pd.Timestamp("2025-03-03 08:00")
