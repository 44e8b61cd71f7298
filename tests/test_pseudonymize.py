"""Tests for netlytics.pseudonymize: aliases, free-text removal, unchanged behaviour.

The fixture is a hand-made two-seeker cohort of obviously fictional people. Every name,
address, URL and phone number in it is listed in ``SECRETS`` so tests can scan outputs for them.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from netlytics import identity, schema
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.pseudonymize import alias_table, pseudonymize

ZELDA_URL = "https://www.linkedin.com/in/zelda-fizzwick"
OTTO_URL = "https://www.linkedin.com/in/ottoline-b"
QUENTIN_URL = "https://www.linkedin.com/in/quentin-marrowbone-42"
OTTO_EMAIL = "ottoline@brackenmail.test"
PEREGRINE = "name:peregrine wobblesworth"

#: strings that must not survive pseudonymisation anywhere (checked case-insensitively)
SECRETS = [
    "Avery Quill",
    "Bram Oddsworth",
    "Zelda Fizzwick",
    "Ottoline Brackenbury",
    "Peregrine Wobblesworth",
    "Quentin Marrowbone",
    "zelda.fizzwick@example.org",
    OTTO_EMAIL,
    "quentin.marrowbone@example.org",
    ZELDA_URL,
    OTTO_URL,
    QUENTIN_URL,
    # surnames and first names on their own (slugs, file names, ids, sentences)
    "quill",
    "oddsworth",
    "fizzwick",
    "brackenbury",
    "brackenmail",
    "wobblesworth",
    "marrowbone",
    "avery",
    "zelda",
    "ottoline",
    "peregrine",
    "quentin",
    # phone numbers
    "(555)",
    "013-2447",
    "7946 0958",
    "events.example.org",
]
COMPANIES = ["acme", "globex", "initech", "plus corp"]


def _ts(s):
    return pd.to_datetime(pd.Series(s, dtype="str"), utc=True, format="ISO8601").astype(schema.TIMESTAMP)


def cohort_data() -> NetworkData:
    """Two seekers; Zelda is shared (same URL id); Ottoline is one person with an e-mail id for
    Avery and a URL id (same e-mail) for Bram."""
    contacts = pd.DataFrame(
        {
            "seeker": ["Avery Quill"] * 4 + ["Bram Oddsworth"] * 3,
            "contact_id": [
                ZELDA_URL,
                OTTO_EMAIL,
                PEREGRINE,
                "name:=sum(a1)",
                ZELDA_URL,
                OTTO_URL,
                QUENTIN_URL,
            ],
            "name": [
                "Zelda Fizzwick",
                "Ottoline Brackenbury",
                "Peregrine Wobblesworth",
                "=SUM(A1)",
                "Zelda Fizzwick",
                "Ottoline Brackenbury",
                "Quentin Marrowbone",
            ],
            "company": [
                "Acme Widgets Inc.",
                "ACME Widgets",
                "Globex Ltd",
                "+Plus Corp",
                "Acme Widgets",
                "Initech",
                None,
            ],
            "position": [
                "Engineer",
                "Founder, Brackenbury Consulting",
                "-Head of Data",
                "@lead",
                None,
                "CTO",
                "Recruiter",
            ],
            "email": ["zelda.fizzwick@example.org", OTTO_EMAIL, None, None, None, OTTO_EMAIL, None],
            "profile_url": [ZELDA_URL, None, None, None, ZELDA_URL, OTTO_URL, QUENTIN_URL],
            "connected_on": _ts(["2024-05-01", None, None, None, "2023-02-03 10:00", None, None]),
            "source": ["Avery Quill tracker.xlsx:contacts"] * 4
            + ["Bram Oddsworth export.zip:Connections.csv"] * 3,
            "origin": ["tracker"] * 4 + ["linkedin"] * 3,
        }
    )
    a = "Avery Quill tracker.xlsx:interactions"
    interactions = pd.DataFrame(
        {
            "seeker": ["Avery Quill"] * 10 + ["Bram Oddsworth"] * 3,
            "interaction_id": [f"avery-zelda-{i}" for i in range(1, 11)] + ["1", "2", "3"],
            "contact_id": [
                ZELDA_URL,
                ZELDA_URL,
                ZELDA_URL,
                OTTO_EMAIL,
                OTTO_EMAIL,
                PEREGRINE,
                OTTO_EMAIL,
                ZELDA_URL,
                ZELDA_URL,
                None,
                ZELDA_URL,
                OTTO_URL,
                QUENTIN_URL,
            ],
            "at": _ts(
                [
                    "2025-01-06 09:00",
                    "2025-01-06 15:00",
                    "2025-01-07 08:00",
                    "2025-01-08",
                    "2025-01-09 12:00",
                    "2025-01-10 09:00",
                    "2025-01-10 10:00",
                    "2025-01-11",
                    "2025-01-12",
                    "2025-01-13",
                    "2025-01-07 17:00",
                    "2025-01-08 11:30:00.123456789",
                    "2025-01-09",
                ]
            ),
            "channel": [
                "email",
                "email",
                "email",
                "in_person",
                "email",
                "email",
                "email",
                "linkedin",
                "email",
                "in_person",
                "video",
                "email",
                "phone",
            ],
            "direction": [
                "outbound",
                "outbound",
                "inbound",
                "outbound",
                "inbound",
                "outbound",
                "outbound",
                "outbound",
                "outbound",
                "outbound",
                "outbound",
                "inbound",
                "outbound",
            ],
            "kind": [
                "message",
                "message",
                "message",
                "meeting",
                "introduction",
                "message",
                "thank_you",
                "endorsement",
                "help",
                "event",
                "meeting",
                "referral",
                "message",
            ],
            "ref": [None] * 5 + ["avery-zelda-5", "avery-zelda-5"] + [None] * 6,
            "company": [None] * 8 + ["Globex Ltd", None, None, "Initech", None],
            "introduced": [None] * 4 + [PEREGRINE] + [None] * 8,
            "source": [a] * 10 + ["bram-oddsworth.xlsx:interactions"] * 3,
            "source_row": list(range(2, 12)) + [2, 3, 4],
            "origin": "tracker",
            "content": ["Hi Zelda, call me at +1 (555) 013-2447"] + [None] * 12,
        }
    )
    applications = pd.DataFrame(
        {
            "seeker": ["Avery Quill", "Avery Quill", "Bram Oddsworth"],
            "application_id": ["app-acme-zelda", "app-2", "1"],
            "company": ["Acme Widgets", "Globex", "Initech"],
            "role": ["Data Analyst", "Analyst", "Engineer"],
            "applied_at": _ts(["2025-01-15", "2025-01-16", "2025-01-20"]),
            "via": ["referral", "online", "referral"],
            "contact_id": [ZELDA_URL, None, OTTO_URL],
            "status": ["interview", "applied", "offer"],
            "status_at": _ts(["2025-01-25", None, "2025-02-01"]),
            "source": ["Avery Quill tracker.xlsx:applications"] * 2 + ["bram-oddsworth.xlsx:applications"],
            "source_row": [2, 3, 2],
            "origin": "tracker",
        }
    )
    problems = pd.DataFrame(
        {
            "seeker": ["Avery Quill", None],
            "source": [a, "stray Quentin Marrowbone notes.csv"],
            "source_row": [12, None],
            "column": ["at", None],
            "value": ["31/02/2025 Zelda", "zelda.fizzwick@example.org"],
            "reason": [
                "Date '31/02/2025' is not a date (contact 'Zelda Fizzwick').",
                "Unknown file; it mentions quentin.marrowbone@example.org and +44 20 7946 0958.",
            ],
        }
    )
    excluded = pd.DataFrame(
        {
            "seeker": ["Bram Oddsworth"],
            "source": ["Bram Oddsworth export.zip:Bram Oddsworth/messages.csv"],
            "source_row": [3],
            "column": ["FOLDER"],
            "value": ["DRAFT to quentin.marrowbone@example.org"],
            "reason": ["A draft message to Quentin Marrowbone."],
        }
    )
    follows = pd.DataFrame(
        {
            "seeker": ["Avery Quill"],
            "company": ["Acme Widgets Inc."],
            "followed_at": _ts(["2024-12-01"]),
            "source": ["Avery Quill export.zip:Company Follows.csv"],
            "source_row": [2],
        }
    )
    events = pd.DataFrame(
        {
            "seeker": ["Bram Oddsworth"],
            "name": ["Quentin's mixer"],
            "starts_at": _ts(["2025-01-10 18:00"]),
            "ends_at": _ts(["2025-01-10 20:00"]),
            "status": ["APPROVED"],
            "url": ["https://events.example.org/quentin"],
            "source": ["Bram Oddsworth export.zip:Events.csv"],
            "source_row": [2],
        }
    )
    sources = pd.DataFrame(
        {
            "seeker": [
                "Avery Quill",
                "Avery Quill",
                "Avery Quill",
                "Avery Quill",
                "Bram Oddsworth",
                "Bram Oddsworth",
                "Bram Oddsworth",
                "Bram Oddsworth",
                "Bram Oddsworth",
            ],
            "source": [
                "Avery Quill tracker.xlsx:contacts",
                a,
                "Avery Quill tracker.xlsx:applications",
                "Avery Quill export.zip:Company Follows.csv",
                "Bram Oddsworth export.zip:Connections.csv",
                "bram-oddsworth.xlsx:interactions",
                "bram-oddsworth.xlsx:applications",
                "Bram Oddsworth export.zip:Bram Oddsworth/messages.csv",
                "Bram Oddsworth export.zip:Events.csv",
            ],
            "table": [
                "contacts",
                "interactions",
                "applications",
                "follows",
                "contacts",
                "interactions",
                "applications",
                "interactions",
                "events",
            ],
            "rows_read": [4, 11, 2, 1, 3, 3, 1, 1, 1],
            "loaded": [4, 10, 2, 1, 3, 3, 1, 0, 1],
            "excluded": [0, 0, 0, 0, 0, 0, 0, 1, 0],
            "problems": [0, 1, 0, 0, 0, 0, 0, 0, 0],
        }
    )
    notes = pd.DataFrame(
        {
            "seeker": ["Avery Quill"],
            "source": ["Avery Quill export.zip:Profile.csv"],
            "topic": ["owner"],
            "note": ["Avery Quill owns the export; Zelda Fizzwick's phone is 020 7946 0958."],
        }
    )
    return NetworkData(
        contacts=contacts,
        interactions=interactions,
        applications=applications,
        problems=problems,
        excluded=excluded,
        follows=follows,
        events=events,
        sources=sources,
        notes=notes,
    )


def all_text(data: NetworkData) -> str:
    """Every cell and column name of every table, as one lower-case string."""
    parts = []
    for name in schema.TABLES:
        df = getattr(data, name)
        parts.append(" ".join(map(str, df.columns)))
        parts.append(df.astype("str").to_csv(index=False))
    return "\n".join(parts).lower()


def leaked(text: str, secrets=SECRETS) -> list[str]:
    text = text.lower()
    return [s for s in secrets if s.lower() in text]


@pytest.fixture
def data():
    return cohort_data()


@pytest.fixture
def pseudo(data):
    return pseudonymize(data, salt="correct horse battery staple")


# --- aliases ---------------------------------------------------------------------------------------


def test_output_is_valid_and_keeps_shape(data, pseudo):
    pseudo.validate()
    for name in schema.TABLES:
        assert len(getattr(pseudo, name)) == len(getattr(data, name)), name
        assert list(getattr(pseudo, name).columns) == schema.TABLES[name].columns, name


def test_seeker_and_contact_alias_forms(pseudo):
    assert sorted(pseudo.seekers) == ["Client 01", "Client 02"]
    names = pseudo.contacts["name"].dropna()
    assert names.str.fullmatch(r"Contact \d{4}( \d+)?").all()
    emails = pseudo.contacts["email"].dropna()
    assert emails.str.fullmatch(r"contact-\d{4}(-\d+)?@example\.invalid").all()
    urls = pseudo.contacts["profile_url"].dropna()
    assert urls.str.fullmatch(r"https://www\.linkedin\.com/in/contact-\d{4}(-\d+)?").all()
    # null stays null: the same cells are empty before and after
    for col in ("name", "email", "profile_url", "connected_on", "position"):
        assert (pseudo.contacts[col].isna() == cohort_data().contacts[col].isna()).all(), col


def test_contact_ids_keep_their_kind_and_match_contact_key(data, pseudo):
    c = pseudo.contacts
    # contact_key(url, email, name) on the pseudonymised columns gives the pseudonymised id
    key = identity.contact_key(c["profile_url"], c["email"], c["name"])
    assert key.tolist() == c["contact_id"].tolist()
    kinds = c["contact_id"].str.extract(r"^(https://|name:|contact-\d+@)", expand=False)
    assert kinds.tolist() == [
        "https://",
        f"{c['contact_id'][1].split('@')[0]}@",
        "name:",
        "name:",
        "https://",
        "https://",
        "https://",
    ]


def test_aliases_are_stable_for_same_salt_and_order_independent(data):
    a = pseudonymize(data, salt="s1")
    b = pseudonymize(data, salt="s1")
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    # shuffled rows: the same originals get the same aliases
    shuffled = data.replace(
        contacts=data.contacts.iloc[::-1].reset_index(drop=True),
        interactions=data.interactions.iloc[::-1].reset_index(drop=True),
    )
    c = pseudonymize(shuffled, salt="s1")
    pd.testing.assert_frame_equal(c.contacts.iloc[::-1].reset_index(drop=True), a.contacts, check_like=False)
    pd.testing.assert_frame_equal(c.interactions.iloc[::-1].reset_index(drop=True), a.interactions)


def test_numbering_depends_on_the_salt():
    # 30 contacts: two salts giving the same order of 30 digests has probability 1/30!
    contacts = pd.DataFrame({"seeker": "Avery Quill", "contact_id": [f"name:person {i}" for i in range(30)]})
    data = NetworkData(contacts=contacts)
    a = pseudonymize(data, salt="one").contacts
    b = pseudonymize(data, salt="two").contacts
    assert sorted(a["contact_id"]) == sorted(b["contact_id"])  # same alias set, 0001..0030
    assert a["contact_id"].tolist() != b["contact_id"].tolist()  # assigned differently


def test_shared_contacts_stay_shared(data, pseudo):
    c, p = data.contacts, pseudo.contacts
    # Zelda: same URL id in both seekers -> same alias id
    zelda = p.loc[c["contact_id"] == ZELDA_URL, "contact_id"]
    assert zelda.nunique() == 1 and len(zelda) == 2
    # Ottoline: e-mail id for Avery, URL id (same e-mail) for Bram -> one person number,
    # ids keep their kind, and the e-mail column is the same alias in both seekers
    otto = p[c["name"] == "Ottoline Brackenbury"]
    numbers = otto["name"].unique()
    assert len(numbers) == 1
    assert otto["email"].nunique() == 1
    assert otto["contact_id"].iloc[0] == otto["email"].iloc[0]
    assert otto["contact_id"].iloc[1] == otto["profile_url"].iloc[1]
    # different people never share an alias
    assert p.drop_duplicates(["contact_id"]).shape[0] == c.drop_duplicates(["contact_id"]).shape[0]


def test_ids_rekeyed_within_seeker_and_refs_follow(data, pseudo):
    i, o = pseudo.interactions, data.interactions
    assert i["interaction_id"].str.fullmatch(r"I\d{4}").all()
    assert not i.duplicated(["seeker", "interaction_id"]).any()
    # Avery's a6 and a7 answer a5 (the introduction): their refs point at a5's new id
    intro_new = i.loc[o["interaction_id"] == "avery-zelda-5", "interaction_id"].item()
    assert i.loc[o["ref"].notna(), "ref"].tolist() == [intro_new, intro_new]
    # introduced is aliased like contact_id: Peregrine's alias
    peregrine = pseudo.contacts.loc[data.contacts["contact_id"] == PEREGRINE, "contact_id"].item()
    assert i.loc[o["kind"] == "introduction", "introduced"].item() == peregrine
    assert peregrine.startswith("name:contact ")
    # Bram's ids "1","2","3" and Avery's "avery-zelda-*" are numbered per seeker
    assert sorted(i.loc[o["seeker"] == "Bram Oddsworth", "interaction_id"]) == ["I0001", "I0002", "I0003"]
    a = pseudo.applications
    assert a["application_id"].str.fullmatch(r"A\d{4}").all()
    # applications point at the same aliases as contacts: Zelda (row 0) and Bram's Ottoline (row 5)
    assert a["contact_id"][0] == pseudo.contacts["contact_id"][0]
    assert a["contact_id"][2] == pseudo.contacts["contact_id"][5]
    assert pd.isna(a["contact_id"][1])


def test_behaviour_columns_unchanged(data, pseudo):
    for col in ("at", "channel", "direction", "kind", "source_row", "origin"):
        pd.testing.assert_series_equal(pseudo.interactions[col], data.interactions[col])
    for col in ("applied_at", "via", "status", "status_at", "role"):
        pd.testing.assert_series_equal(pseudo.applications[col], data.applications[col])
    pd.testing.assert_series_equal(pseudo.contacts["connected_on"], data.contacts["connected_on"])
    pd.testing.assert_series_equal(pseudo.sources["rows_read"], data.sources["rows_read"])


# --- nothing identifying survives ---------------------------------------------------------------


def test_no_original_name_email_url_or_phone_remains(pseudo):
    assert leaked(all_text(pseudo)) == []


@pytest.mark.parametrize("companies", ["generalise", "drop"])
def test_companies_removed_when_asked(data, companies):
    p = pseudonymize(data, salt="x", companies=companies)
    assert leaked(all_text(p), SECRETS + COMPANIES) == []


def test_free_text_dropped(pseudo):
    assert "content" not in pseudo.interactions.columns
    assert pseudo.problems["value"].isna().all()
    assert pseudo.excluded["value"].isna().all()
    assert pseudo.events["name"].isna().all() and pseudo.events["url"].isna().all()
    # quoted fragments are removed from reasons; known names become aliases in sentences
    assert pseudo.problems["reason"][0] == "Date '[removed]' is not a date (contact '[removed]')."
    assert re.fullmatch(
        r"Client \d\d owns the export; Contact \d{4}'s phone is \[removed\]\.", pseudo.notes["note"][0]
    )
    assert re.fullmatch(r"A draft message to Contact \d{4}\.", pseudo.excluded["reason"][0])


def test_sources_neutralised_keeping_sheet_and_member(data, pseudo):
    src = pseudo.interactions["source"]
    assert src.str.fullmatch(r"source \d\d\.xlsx:interactions").all()
    # the same file has one alias in every table
    tracker = pseudo.interactions["source"][0].split(":")[0]
    assert (pseudo.contacts["source"][:4] == f"{tracker}:contacts").all()
    assert pseudo.applications["source"][0] == f"{tracker}:applications"
    # a zip member keeps its own name, not the folder around it
    assert re.fullmatch(r"source \d\d\.zip:messages\.csv", pseudo.excluded["source"][0])
    assert set(pseudo.sources["source"]) >= set(pseudo.interactions["source"])
    assert re.fullmatch(r"source \d\d\.csv", pseudo.problems["source"][1])


# --- companies ---------------------------------------------------------------------------------


def test_companies_keep(data, pseudo):
    pd.testing.assert_series_equal(pseudo.contacts["company"], data.contacts["company"])
    pd.testing.assert_series_equal(pseudo.follows["company"], data.follows["company"])


def test_companies_generalise_keeps_company_matching(data):
    p = pseudonymize(data, salt="x", companies="generalise")
    assert p.contacts["company"].dropna().str.fullmatch(r"Company \d{3}").all()
    # "Acme Widgets Inc.", "ACME Widgets", "Acme Widgets" share one company key -> one alias,
    # in contacts, applications and follows alike
    acme = {
        p.contacts["company"][0],
        p.contacts["company"][1],
        p.contacts["company"][4],
        p.applications["company"][0],
        p.follows["company"][0],
    }
    assert len(acme) == 1

    # per application: which contacts of the seeker work at its company (by company key)
    def matches(d):
        ck = identity.company_key(d.contacts["company"])
        ak = identity.company_key(d.applications["company"])
        return [
            sorted(d.contacts.index[(d.contacts["seeker"] == s) & (ck == k)].tolist())
            for s, k in zip(d.applications["seeker"], ak, strict=True)
        ]

    # Avery's Acme application: contacts 0 and 1; Globex: contact 2; Bram's Initech: contact 5
    assert matches(data) == [[0, 1], [2], [5]]
    assert matches(p) == matches(data)


def test_companies_drop_moves_follows_to_excluded(data):
    p = pseudonymize(data, salt="x", companies="drop")
    for t in ("contacts", "interactions", "applications"):
        assert getattr(p, t)["company"].isna().all()
    assert len(p.follows) == 0
    assert len(p.excluded) == 2
    assert p.excluded["reason"][1] == "Company dropped by pseudonymize(companies='drop')."
    s = p.sources
    assert (s["rows_read"] == s["loaded"] + s["excluded"] + s["problems"]).all()
    row = s[s["table"] == "follows"].iloc[0]
    assert (row["loaded"], row["excluded"]) == (0, 1)


# --- metrics are unchanged except for the renamed keys ------------------------------------------


def _key_map(orig: pd.Series, new: pd.Series) -> dict:
    """Row-aligned original -> alias; asserts it is a bijection."""
    pairs = pd.DataFrame({"o": orig, "n": new}).dropna().drop_duplicates()
    assert not pairs["o"].duplicated().any() and not pairs["n"].duplicated().any()
    return dict(zip(pairs["o"], pairs["n"], strict=True))


def _touches(d: NetworkData) -> pd.DataFrame:
    """METRICS.md section 2 with plain pandas."""
    i = d.interactions
    i = i[~i["kind"].isin(schema.ONE_CLICK_KINDS) & i["contact_id"].notna()]
    i = i.assign(
        day=i["at"].dt.floor("D"),
        out=i["direction"].eq("outbound") | i["kind"].isin(["meeting", "event"]),
    )
    return (
        i.groupby(["seeker", "contact_id", "channel", "day"])
        .agg(at=("at", "min"), outbound=("out", "any"), interactions=("at", "size"))
        .reset_index()
    )


def _reciprocity(d: NetworkData) -> pd.DataFrame:
    g = d.interactions[d.interactions["kind"].isin(schema.GIFT_KINDS)]
    g = g.assign(give=g["direction"].eq("outbound"), receive=g["direction"].eq("inbound"))
    return (
        g.groupby(["seeker", "contact_id"])
        .agg(gives=("give", "sum"), receives=("receive", "sum"))
        .reset_index()
    )


def _answers(d: NetworkData) -> pd.DataFrame:
    """Each ref resolved to the kind and contact of the interaction it answers."""
    i = d.interactions
    target = i[["seeker", "interaction_id", "kind", "contact_id"]].rename(
        columns={"interaction_id": "ref", "kind": "ref_kind", "contact_id": "ref_contact"}
    )
    return i[i["ref"].notna()][["seeker", "contact_id", "at", "ref"]].merge(target, on=["seeker", "ref"])


def test_metrics_equal_up_to_renamed_keys(data, pseudo):
    seekers = _key_map(data.interactions["seeker"], pseudo.interactions["seeker"])
    contacts = _key_map(
        pd.concat([data.contacts["contact_id"], data.interactions["contact_id"]], ignore_index=True),
        pd.concat([pseudo.contacts["contact_id"], pseudo.interactions["contact_id"]], ignore_index=True),
    )
    ids = _key_map(
        data.interactions["seeker"] + "/" + data.interactions["interaction_id"],
        pseudo.interactions["seeker"] + "/" + pseudo.interactions["interaction_id"],
    )

    def renamed(df):
        out = df.assign(seeker=df["seeker"].map(seekers))
        for col in ("contact_id", "ref_contact"):
            if col in out:
                out[col] = out[col].map(contacts).astype("str")
        if "ref" in out:
            out["ref"] = (
                (out["seeker"] + "/" + df["ref"])
                .map({seekers[k.split("/", 1)[0]] + "/" + k.split("/", 1)[1]: v for k, v in ids.items()})
                .str.split("/", n=1)
                .str[1]
                .astype("str")
            )
        return out

    def same(f):
        want = renamed(f(data))
        got = f(pseudo)
        keys = [c for c in ("seeker", "contact_id", "channel", "day", "ref") if c in got]
        pd.testing.assert_frame_equal(
            got.sort_values(keys).reset_index(drop=True),
            want.sort_values(keys).reset_index(drop=True),
            check_dtype=False,
        )

    # touches: Avery's two e-mails to Zelda on 6 Jan are one touch (2 interactions); 7 touches in
    # all for Avery (a1+a2, a3, a4, a5, a6, a7, a9; the endorsement a8 and the contactless event
    # a10 make none) and 3 for Bram
    t = _touches(data)
    assert len(t) == 10 and t["interactions"].max() == 2
    same(_touches)
    same(_reciprocity)
    same(_answers)
    # the answers: a6 and a7 both answer the introduction from Ottoline
    assert _answers(data)["ref_kind"].tolist() == ["introduction", "introduction"]


# --- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("salt", ["", b"", None, 42])
def test_salt_is_required(data, salt):
    with pytest.raises(ParameterError, match="salt must be a non-empty"):
        pseudonymize(data, salt=salt)


def test_companies_typo_suggests(data):
    with pytest.raises(ParameterError, match="Did you mean 'generalise'"):
        pseudonymize(data, salt="x", companies="generalis")
    # the US spelling is accepted
    p = pseudonymize(data, salt="x", companies="generalize")
    assert p.contacts["company"].dropna().str.startswith("Company ").all()


def test_rejects_non_networkdata():
    with pytest.raises(ParameterError, match="NetworkData"):
        pseudonymize(pd.DataFrame(), salt="x")


def test_alias_table_maps_every_original(data):
    table = alias_table(data, salt="correct horse battery staple", companies="generalise")
    assert list(table.columns) == ["kind", "original", "alias"]
    p = pseudonymize(data, salt="correct horse battery staple", companies="generalise")
    lookup = dict(zip(table["original"], table["alias"], strict=True))
    assert [lookup[s] for s in data.contacts["contact_id"]] == p.contacts["contact_id"].tolist()
    assert lookup["Avery Quill"] == p.contacts["seeker"][0]
    assert set(table["kind"]) == {"seeker", "contact", "company", "source"}


def test_empty_data():
    p = pseudonymize(NetworkData(), salt="x")
    for name in schema.TABLES:
        assert len(getattr(p, name)) == 0


def test_package_level_name_is_callable_even_after_submodule_import(data):
    import netlytics
    import netlytics.pseudonymize  # binds the module to netlytics.pseudonymize

    a = netlytics.pseudonymize(data, salt="x")
    b = pseudonymize(data, salt="x")
    pd.testing.assert_frame_equal(a.contacts, b.contacts)


# --- the keyed hash, the id ranking and the scrub pattern (issue 15: each distinct value once) ------


def test_keyed_digests_are_hmac_sha256():
    import hmac

    from netlytics.pseudonymize._hash import digests

    for key in (b"k", b"x" * 64, b"a long key " * 10):  # shorter than, equal to, longer than a block
        got = digests(key, "contact", ["Zoë", "name\x1fbo", ""])
        for value, digest in got.items():
            assert digest == hmac.digest(key, f"contact\x1f{value}".encode(), "sha256")


def _siphash24(key: bytes, msg: bytes) -> int:
    """SipHash-2-4 (Aumasson and Bernstein), written from the paper, for checking by hand."""
    mask = (1 << 64) - 1

    def rotl(x, b):
        return ((x << b) | (x >> (64 - b))) & mask

    k0, k1 = int.from_bytes(key[:8], "little"), int.from_bytes(key[8:], "little")
    v = [k0 ^ 0x736F6D6570736575, k1 ^ 0x646F72616E646F6D, k0 ^ 0x6C7967656E657261, k1 ^ 0x7465646279746573]

    def rounds(n):
        for _ in range(n):
            v[0] = (v[0] + v[1]) & mask
            v[1] = rotl(v[1], 13)
            v[1] ^= v[0]
            v[0] = rotl(v[0], 32)
            v[2] = (v[2] + v[3]) & mask
            v[3] = rotl(v[3], 16)
            v[3] ^= v[2]
            v[0] = (v[0] + v[3]) & mask
            v[3] = rotl(v[3], 21)
            v[3] ^= v[0]
            v[2] = (v[2] + v[1]) & mask
            v[1] = rotl(v[1], 17)
            v[1] ^= v[2]
            v[2] = rotl(v[2], 32)

    tail = len(msg) % 8
    for i in range(0, len(msg) - tail, 8):
        m = int.from_bytes(msg[i : i + 8], "little")
        v[3] ^= m
        rounds(2)
        v[0] ^= m
    m = ((len(msg) & 0xFF) << 56) | int.from_bytes(msg[len(msg) - tail :], "little")
    v[3] ^= m
    rounds(2)
    v[0] ^= m
    v[2] ^= 0xFF
    rounds(4)
    return v[0] ^ v[1] ^ v[2] ^ v[3]


def _finalised(x: int) -> int:
    """pandas.util.hash_array's fixed 64-bit finaliser after SipHash."""
    mask = (1 << 64) - 1
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & mask
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & mask
    return x ^ (x >> 31)


def test_siphash_reference_vector():
    # the SipHash paper's test vector: key 00..0f, message 00..0e -> a129ca6149be45e5
    assert _siphash24(bytes(range(16)), bytes(range(15))) == 0xA129CA6149BE45E5


def test_ids_are_numbered_by_keyed_siphash_within_each_seeker():
    import hmac

    from netlytics.pseudonymize._ids import rekeyed_ids

    key = b"salt"
    df = pd.DataFrame(
        {
            "seeker": ["A", "A", "B", "A", None, "B", "A"],
            "interaction_id": ["x", "y", "x", "z", "w", None, "y"],
            "ref": [None, "x", None, "q", "x", "x", "z"],
        },
        dtype="str",
    )
    ids = rekeyed_ids(key, df, ("interaction_id", "ref"), "I")
    # by hand: the SipHash key is the low 7 bits of the first 16 bytes of HMAC-SHA256(salt,
    # "siphash-key<US>I<US>order"); the distinct (seeker, id) pairs are numbered in each seeker
    # in the order of SipHash-2-4 of "seeker<US>id", finalised as pandas' hash_array does
    digest = hmac.digest(key, b"siphash-key\x1fI\x1forder", "sha256")
    sip = bytes(b & 0x7F for b in digest[:16])
    pairs = {"A": ["x", "y", "z", "q"], "B": ["x"]}
    expected = {}
    for seeker, olds in pairs.items():
        h = {o: _finalised(_siphash24(sip, f"{seeker}\x1f{o}".encode())) for o in olds}
        for rank, old in enumerate(sorted(olds, key=h.__getitem__), start=1):
            expected[(seeker, old)] = f"I{rank:04d}"

    def new(seeker, old):
        return expected.get((seeker, old)) if isinstance(seeker, str) and isinstance(old, str) else None

    for col in ("interaction_id", "ref"):
        want = [new(s, o) for s, o in zip(df["seeker"], df[col], strict=True)]
        got = [v if isinstance(v, str) else None for v in ids.rows[col]]
        assert got == want, col
    assert list(zip(ids.pairs["seeker"], ids.pairs["old"], strict=True)) == [
        ("A", "x"), ("A", "y"), ("B", "x"), ("A", "z"), ("A", "q"),
    ]  # fmt: skip


def test_each_distinct_identifier_is_hashed_once(monkeypatch, data):
    from netlytics.pseudonymize import _contacts, _hash, _ids

    hashed: dict[str, list] = {}
    real = _hash.digests

    def counting(key, domain, values):
        values = list(values)
        hashed.setdefault(domain, []).extend(values)
        return real(key, domain, values)

    monkeypatch.setattr(_hash, "digests", counting)
    monkeypatch.setattr(_contacts, "digests", counting)
    real_order = _ids.order_keys

    def counting_order(key, domain, values):
        hashed.setdefault(domain, []).extend(values)
        return real_order(key, domain, values)

    monkeypatch.setattr(_ids, "order_keys", counting_order)
    # many rows, few identifiers: the same interactions repeated 50 times under new ids
    big = data.interactions.loc[data.interactions.index.repeat(50)].reset_index(drop=True)
    big["interaction_id"] = [f"r{i}" for i in range(len(big))]
    big["ref"] = None
    pseudonymize(NetworkData(contacts=data.contacts, interactions=big), salt="x")
    for domain, values in hashed.items():
        assert len(values) == len(set(values)), domain
    assert len(hashed["I"]) == len(big)  # one distinct (seeker, id) per row here, hashed once
    assert len(hashed["seeker"]) == 2
    assert len(hashed["contact"]) <= len(set(data.contacts["contact_id"])) * 3


@pytest.mark.parametrize("seed", range(5))
def test_scrub_pattern_matches_like_an_alternation_longest_first(seed):
    from netlytics.pseudonymize._scrub import trie_pattern

    rng = __import__("random").Random(seed)
    alphabet = "abé -.'"
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(2, 6))).strip() for _ in range(60)}
    words = sorted(w for w in words if len(w) >= 2)
    flat = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )
    trie = re.compile(r"(?<!\w)(?:" + trie_pattern(words) + r")(?!\w)", re.IGNORECASE)
    for _ in range(300):
        text = "".join(rng.choice(alphabet + "ABÉ") for _ in range(rng.randint(0, 30)))
        assert flat.sub(lambda m: f"<{m.group(0)}>", text) == trie.sub(lambda m: f"<{m.group(0)}>", text), (
            text
        )


def test_scrub_replaces_the_longest_known_name():
    from netlytics.pseudonymize._scrub import Scrubber

    scrub = Scrubber({"ann": "A1", "ann lee": "A2", "lee": "L"})
    assert scrub(pd.Series(["Ann Lee met ANN; Annie and Lee-Ann"], dtype="str"), quoted=False).tolist() == [
        "A2 met A1; Annie and L-A1"
    ]


def test_known_strings_first_alias_wins():
    """The scrubber's known strings: lower-cased, at least min_len long, the first alias given
    to a string wins within a call (case variants) and across calls; a repeated index (a name
    split into words) is fine."""
    from netlytics.pseudonymize._aliases import _Known

    known = _Known()
    known.add(
        pd.Series(["Ann Lee", "ann lee ", "Bo", "Cy Diaz"], index=[0, 0, 1, 1], dtype="str"),
        pd.Series(["Contact 1", "Contact 2", "Contact 3", None], index=[0, 0, 1, 1], dtype="str"),
    )
    known.add(pd.Series(["ANN LEE", "Dee"], dtype="str"), pd.Series(["Contact 9", "Contact 4"], dtype="str"))
    assert known.out == {"ann lee": "Contact 1", "dee": "Contact 4"}


def test_on_distinct_works_once_per_value_and_keeps_nulls():
    from netlytics.pseudonymize._hash import on_distinct

    seen = []

    def upper(u):
        seen.append(u.tolist())
        return u.str.upper()

    s = pd.Series(["b", None, "a", "b", "a"], index=[5, 6, 7, 8, 9], dtype="str", name="x")
    out = on_distinct(s, upper)
    assert seen == [["b", "a"]]
    assert out.tolist()[:1] == ["B"] and pd.isna(out.iloc[1]) and out.tolist()[2:] == ["A", "B", "A"]
    assert list(out.index) == [5, 6, 7, 8, 9] and out.name == "x" and out.dtype == "str"
