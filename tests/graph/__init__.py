"""A hand-checked, fictional two-client cohort shared by the graph tests.

as_of = 2025-06-30 00:00 UTC. Every timestamp is midnight UTC, so day counts are whole.

Ana's contacts: Cara (profile URL, Acme Inc., connected 2024-06-30), Dev (e-mail, Globex),
Eli Sample (name only, Acme). Ben's contacts: Cara again (same URL, "ACME", connected
2025-06-20), a different Eli Sample (name only, Initech) and Fay (e-mail, Acme Analytics).

Interactions (Ana):
  1  2025-06-29 Cara in_person outbound meeting
  2  2025-06-29 Cara email     outbound message   } one touch (same contact, channel, day)
  3  2025-06-29 Cara email     outbound message   }
  4  2025-05-01 Cara email     inbound  message
  5  2025-05-02 Cara email     outbound help          (a give)
  6  2025-05-10 Cara linkedin  inbound  referral      (a give received)
  7  2024-10-01 Dev  email     outbound message       (272 days before as_of)
  8  2025-06-01 Dev  linkedin  inbound  endorsement   (one click: a gift but no touch)
  9  2025-06-15 Eli  video     inbound  introduction  introduced = fay@example.org
Interactions (Ben):
  10 2025-06-20 Cara phone outbound message
  11 2025-06-20 Fay  email outbound introduction  introduced = name:eli sample (Ben's Eli)

Applications: Ana -> "Acme Analytics LLC" (2025-06-01); Ben -> "Globex Corp" (2025-06-10).
Follows: Ben follows "ACME".
"""

from __future__ import annotations

import pandas as pd

from netlytics.data import NetworkData

AS_OF = "2025-06-30"
CARA = "https://www.linkedin.com/in/fict-cara"
DEV = "dev@example.org"
ELI = "name:eli sample"
FAY = "fay@example.org"


def cohort() -> NetworkData:
    contacts = pd.DataFrame(
        [
            ("Ana", CARA, "Cara Fictional", "Acme Inc.", "Engineer", "2024-06-30"),
            ("Ana", DEV, "Dev Example", "Globex", "Recruiter", None),
            ("Ana", ELI, "Eli Sample", "Acme", None, None),
            ("Ben", CARA, "Cara Fictional", "ACME", "Engineer", "2025-06-20"),
            ("Ben", ELI, "Eli Sample", "Initech", None, None),
            ("Ben", FAY, "Fay Placeholder", "Acme Analytics", None, None),
        ],
        columns=["seeker", "contact_id", "name", "company", "position", "connected_on"],
    )
    contacts["connected_on"] = pd.to_datetime(contacts["connected_on"], utc=True)
    rows = [
        ("Ana", "1", CARA, "2025-06-29", "in_person", "outbound", "meeting", None),
        ("Ana", "2", CARA, "2025-06-29", "email", "outbound", "message", None),
        ("Ana", "3", CARA, "2025-06-29", "email", "outbound", "message", None),
        ("Ana", "4", CARA, "2025-05-01", "email", "inbound", "message", None),
        ("Ana", "5", CARA, "2025-05-02", "email", "outbound", "help", None),
        ("Ana", "6", CARA, "2025-05-10", "linkedin", "inbound", "referral", None),
        ("Ana", "7", DEV, "2024-10-01", "email", "outbound", "message", None),
        ("Ana", "8", DEV, "2025-06-01", "linkedin", "inbound", "endorsement", None),
        ("Ana", "9", ELI, "2025-06-15", "video", "inbound", "introduction", FAY),
        ("Ben", "10", CARA, "2025-06-20", "phone", "outbound", "message", None),
        ("Ben", "11", FAY, "2025-06-20", "email", "outbound", "introduction", ELI),
    ]
    inter = pd.DataFrame(
        rows,
        columns=[
            "seeker",
            "interaction_id",
            "contact_id",
            "at",
            "channel",
            "direction",
            "kind",
            "introduced",
        ],
    )
    inter["at"] = pd.to_datetime(inter["at"], utc=True)
    apps = pd.DataFrame(
        {
            "seeker": ["Ana", "Ben"],
            "application_id": ["a1", "b1"],
            "company": ["Acme Analytics LLC", "Globex Corp"],
            "applied_at": pd.to_datetime(["2025-06-01", "2025-06-10"], utc=True),
            "via": ["online", "online"],
            "status": ["applied", "applied"],
        }
    )
    follows = pd.DataFrame({"seeker": ["Ben"], "company": ["ACME"]})
    return NetworkData(contacts=contacts, interactions=inter, applications=apps, follows=follows)
