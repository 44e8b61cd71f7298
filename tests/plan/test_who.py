"""Nobody and nowhere: employer placeholders are never targets, hidden members never a person.

Real LinkedIn exports name the employer of a job application "Confidential", "Stealth" or
"Company name withheld" when the poster hid it, and a hidden or closed account writes as
"LinkedIn Member". Hand-built fixture (invented people), as_of Wednesday 2025-03-12 12:00 UTC:

- applications (all inside the 90-day target window): eight placeholder employers and one real
  one, Acme; follows: "Stealth" (a placeholder) and Initech;
- pat works at "Confidential" and rae at Acme; both were last touched 200 days ago, so both
  companies would get a warm path if they were targets: only Acme is;
- three hidden people wrote, never answered: "LinkedIn Member" (id ``linkedin-member:c1``, 3
  days ago: an open reply loop), a contact whose row has no name and no address (``ghost``, 100
  days ago) and ``linkedin-member:c2`` (no contacts row, 100 days ago); two real people wrote,
  never answered: sol 100 days ago and tia 3 days ago. Stale loops (older than 60 days): ghost's,
  c2's and sol's = 3; only sol is worth reviving. Open reply loops: member c1's and tia's; only
  tia gets a follow-up.
"""

import pandas as pd

from netlytics.data import NetworkData
from netlytics.identity import company_key as raw_key
from netlytics.plan import next_actions, stale_loops, target_companies
from netlytics.plan.render import action_titles
from netlytics.plan.who import company_key, hidden_contacts, is_placeholder_company
from tests.plan.test_actions import AS_OF, apps, ix, people

PLACEHOLDERS = [
    "Confidential",
    "CONFIDENTIAL",
    "Undisclosed",
    "Stealth",
    "Stealth Startup",
    "Company name withheld",
    "N/A",
    "n/a",
    "",
    "  ",
    "LinkedIn",
    "Linkedin Corporation",
    "Confidential Company",
    "Self-employed",
]
REAL = ["Acme", "Initech Inc.", "Stealth Security", "Private Bank", "Unknown Worlds Entertainment"]
HIDDEN = {"linkedin-member:c1", "ghost", "linkedin-member:c2"}


def ago(days: float) -> str:
    return (pd.Timestamp(AS_OF, tz="UTC") - pd.Timedelta(days=days)).isoformat()


def nowhere() -> NetworkData:
    employers = ["Confidential", "stealth startup", "Company name withheld", "N/A", "LinkedIn"]
    employers += ["UNDISCLOSED", "Confidential Company", "Self-employed", "Acme"]
    applications = apps([(f"a{i}", c, ago(10 + i)) for i, c in enumerate(employers)])
    applications["company"] = applications["company"].astype("str")
    follows = pd.DataFrame({"seeker": "Ana", "company": ["Stealth", "Initech"]})
    contacts = people(
        [
            ("pat", "Pat Quinn", "Confidential"),
            ("rae", "Rae Stone", "Acme"),
            ("sol", "Sol Reyes", "Umbrella"),
            ("tia", "Tia Park", "Umbrella"),
            ("linkedin-member:c1", "LinkedIn Member", None),
            ("ghost", None, None),
        ]
    )
    interactions = ix(
        [
            ("p1", ago(200), "pat", "email", "outbound", "message"),
            ("r1", ago(200), "rae", "email", "outbound", "message"),
            ("m1", ago(3), "linkedin-member:c1", "linkedin", "inbound", "message"),
            ("g1", ago(100), "ghost", "linkedin", "inbound", "message"),
            ("c2", ago(100), "linkedin-member:c2", "linkedin", "inbound", "message"),
            ("s1", ago(100), "sol", "email", "inbound", "message"),
            ("t1", ago(3), "tia", "email", "inbound", "message"),
        ]
    )
    return NetworkData(
        contacts=contacts, interactions=interactions, applications=applications, follows=follows
    )


def test_placeholder_employers_are_recognised_in_any_case():
    assert is_placeholder_company(raw_key(pd.Series(PLACEHOLDERS))).all()
    assert not is_placeholder_company(raw_key(pd.Series(REAL))).any()
    assert company_key(pd.Series(REAL)).tolist() == ["acme", "initech", "stealth security", "private bank",
                                                     "unknown worlds entertainment"]  # fmt: skip


def test_placeholders_are_never_target_companies():
    targets = target_companies(nowhere(), as_of=AS_OF)
    assert targets["company_key"].tolist() == ["acme", "initech"]
    assert targets["why"].tolist() == ["you applied to Acme on 22 Feb", "you follow Initech"]


def test_no_warm_path_into_a_placeholder():
    plan = next_actions(nowhere(), as_of=AS_OF, per_type=None, max_actions=None)
    warm = plan[plan["action"] == "warm_path"]
    assert warm["contact_id"].tolist() == ["rae"]
    assert action_titles(warm).tolist() == ["Warm path into Acme: Rae Stone"]
    # pat works at "Confidential": no action is about a path there
    assert "pat" not in set(plan["contact_id"])
    assert not plan["reason"].str.contains("Confidential|Stealth|withheld", case=False).any()


def test_hidden_members_are_never_the_person_of_an_action():
    plan = next_actions(nowhere(), as_of=AS_OF, per_type=None, max_actions=None)
    assert not set(plan["contact_id"]) & HIDDEN
    assert not plan["contact_name"].fillna("").str.contains("LinkedIn Member").any()
    # the real person with the same kind of open loop still gets a follow-up
    assert plan.loc[plan["action"] == "follow_up", "contact_id"].tolist() == ["tia"]
    assert sorted(plan["action"]) == ["follow_up", "warm_path"]


def test_hidden_members_are_never_listed_as_stale_loops_worth_reviving():
    old = stale_loops(nowhere(), as_of=AS_OF, limit=None)
    assert old["contact_id"].tolist() == ["sol"]
    assert old.attrs["total"] == 3  # ghost's, c2's and sol's: counted, not listed


def test_who_is_hidden():
    c = pd.DataFrame(
        {
            "seeker": "Ana",
            "contact_id": ["linkedin-member:c1", "lm", "nameless", "mailable", "bo", "twice", "twice"],
            "name": ["LinkedIn Member", " LINKEDIN MEMBER", None, None, "Bo", None, "Tao Twice"],
            "email": [None, None, None, "x@y.org", None, None, None],
            "profile_url": None,
        }
    )
    # nameless with no address: hidden; an e-mail makes a contact reachable; a second row with
    # a name too
    assert hidden_contacts(c)["contact_id"].tolist() == ["linkedin-member:c1", "lm", "nameless"]
