import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from netlytics import identity


def test_url_forms_from_different_export_files_agree():
    # Connections.csv percent-encodes, messages/Invitations carry raw Unicode, endorsements no scheme
    forms = pd.Series(
        [
            "https://www.linkedin.com/in/zo%C3%AB-example",
            "https://www.linkedin.com/in/zoë-example",
            "www.linkedin.com/in/zoë-example",
            "http://linkedin.com/in/Zoë-Example/",
        ]
    )
    assert identity.normalise_url(forms).nunique() == 1


def test_company_key_follows_metrics_rules():
    s = pd.Series(
        ["Acme Inc.", "ACME", "  acme,   LLC ", "Acme Analytics", "Smith & Sons GmbH", "Co", "Plan A Co"]
    )
    out = identity.company_key(s).tolist()
    assert out[:3] == ["acme", "acme", "acme"]
    assert out[3] == "acme analytics"
    assert out[4] == "smith and sons"
    assert out[5] == "co"  # never the last remaining token
    assert out[6] == "plan a"


def test_contact_key_priority_url_then_email_then_name():
    key = identity.contact_key(
        pd.Series(["https://www.linkedin.com/in/a", None, None, ""]),
        pd.Series(["a@x.org", "B@X.org", None, None]),
        pd.Series(["A", "B", "Cé Dee", None]),
    ).tolist()
    assert key[0] == "https://www.linkedin.com/in/a"
    assert key[1] == "b@x.org"
    assert key[2] == "name:ce dee"
    assert pd.isna(key[3])


def test_surname_na_is_a_name_not_missing():
    assert identity.normalise_name(pd.Series(["Sam NA"])).tolist() == ["sam na"]


@given(st.lists(st.text(max_size=20), max_size=20))
def test_company_key_is_idempotent(values):
    once = identity.company_key(pd.Series(values, dtype="str"))
    twice = identity.company_key(once)
    assert once.fillna("<na>").tolist() == twice.fillna("<na>").tolist()
