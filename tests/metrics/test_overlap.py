"""cohort_overlap on the hand-checked cohort of tests/graph/__init__.py."""

from __future__ import annotations

import pandas as pd
import pytest

import netlytics
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.overlap import OVERLAP_COLUMNS, cohort_overlap
from netlytics.pseudonymize import alias_table
from tests.graph import AS_OF, CARA, DEV, ELI, FAY, cohort


def test_overlap_hand_checked():
    o = cohort_overlap(cohort(), as_of=AS_OF)
    assert list(o.columns) == list(OVERLAP_COLUMNS)
    assert {c: str(d) for c, d in o.dtypes.items()} == OVERLAP_COLUMNS
    # Ana applied to Acme Analytics, where Ben knows Fay. Ben follows ACME, where Ana knows Cara
    # (strong) and Eli; Ben applied to Globex, where Ana knows Dev.
    assert o[["seeker", "peer", "company_key", "target", "peer_contacts"]].values.tolist() == [
        ["Ana", "Ben", "acme analytics", "applied", 1],
        ["Ben", "Ana", "acme", "followed", 2],
        ["Ben", "Ana", "globex", "applied", 1],
    ]
    acme = o.iloc[1]
    assert acme["peer_strong_ties"] == 1 and acme["seeker_contacts"] == 1  # Ben knows Cara too
    assert acme["example_contact_ids"] == f"{CARA}; {ELI}"  # strongest first
    assert acme["example_names"] == "Cara Fictional; Eli Sample"
    assert o.iloc[0]["example_contact_ids"] == FAY and o.iloc[2]["example_contact_ids"] == DEV
    assert o.iloc[0]["company"] == "Acme Analytics LLC"


def test_examples_limit():
    o = cohort_overlap(cohort(), as_of=AS_OF, examples=1)
    assert o.iloc[1]["example_contact_ids"] == CARA and o.iloc[1]["peer_contacts"] == 2


def test_pseudonymised_data_without_names():
    data = cohort()
    contacts = data.contacts.assign(
        name=pd.Series(pd.NA, index=data.contacts.index, dtype="str"),
        contact_id="id-" + data.contacts["contact_id"].factorize()[0].astype(str),
    )
    data = data.replace(contacts=contacts, interactions=data.interactions.iloc[0:0])
    o = cohort_overlap(data, as_of=AS_OF)
    assert o["peer_contacts"].tolist() == [1, 2, 1]
    assert (o["example_names"] == "").all()
    assert o.iloc[1]["example_contact_ids"].startswith("id-")


def test_single_seeker_has_no_pairs():
    assert cohort_overlap(cohort().for_seekers("Ana"), as_of=AS_OF).empty


def test_bad_examples():
    with pytest.raises(ParameterError, match="examples"):
        cohort_overlap(cohort(), examples=-1)


def test_empty():
    assert list(cohort_overlap(NetworkData()).columns) == list(OVERLAP_COLUMNS)


@pytest.mark.parametrize("companies", ["keep", "generalise"])
def test_same_overlap_after_netlytics_pseudonymize(companies):
    # netlytics.pseudonymize renames clients, contacts (ids and names) and, with "generalise",
    # companies ("Company 001"): the overlap must be the same rows with the keys renamed
    data = cohort()
    salt = "graph tests: a fictional salt"
    safe = netlytics.pseudonymize(data, salt=salt, companies=companies)
    aliases = alias_table(data, salt=salt, companies=companies)
    seekers = dict(aliases.loc[aliases["kind"] == "seeker", ["original", "alias"]].to_numpy())
    people = dict(aliases.loc[aliases["kind"] == "contact", ["original", "alias"]].to_numpy())
    original = cohort_overlap(data, as_of=AS_OF)
    got = cohort_overlap(safe, as_of=AS_OF)
    assert not got.empty and not got["seeker"].isin(["Ana", "Ben"]).any()
    want = original.assign(
        seeker=original["seeker"].map(seekers),
        peer=original["peer"].map(seekers),
        example_contact_ids=original["example_contact_ids"].map(
            lambda ids: "; ".join(people[i] for i in ids.split("; "))
        ),
    )
    # counts, targets and example ids agree row for row (the order may follow the new names)
    cols = ["seeker", "peer", "target", "peer_contacts", "peer_strong_ties", "seeker_contacts"]
    cols += ["example_contact_ids"]
    key = ["seeker", "peer", "example_contact_ids"]
    pd.testing.assert_frame_equal(
        got[cols].sort_values(key).reset_index(drop=True), want[cols].sort_values(key).reset_index(drop=True)
    )
    # names are aliases too ("Contact 0002"), never the originals
    assert got["example_names"].str.contains("Contact ").all()
    assert not got["example_names"].str.contains("Cara|Fay|Dev|Eli").any()
