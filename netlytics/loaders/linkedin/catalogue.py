"""One catalogue of every file LinkedIn's "Download your data" export has shipped (2018-2026).

Each file is either **read** (a parser registered for it with :func:`register`, next to the
parser's definition, in the style of dogsheep's twitter-to-sqlite) or **known and ignored**
(not about networking: ads, logins, learning, profile sections...). The names come from
``docs/spec/FORMATS.md`` section 1.4 and from the files real public exports hold. Names are
matched case-insensitively by basename, anywhere in the export; numbered splits
(``Job Applications_1.csv``, ``Comments_<member id>.csv``) fold into their stem.

:func:`is_export_file` is the one test "is this file part of a LinkedIn export" that every
loader family uses (a tracker beside an export must not read ``Ads Clicked.csv`` as a tracker).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

__all__ = [
    "KNOWN",
    "PARSERS",
    "register",
    "key_of",
    "is_export_file",
    "is_export_path",
    "is_read",
    "describe",
]

#: Every known export file (display name) -> what it holds. Files with a parser are read;
#: the others are known and ignored.
KNOWN: dict[str, str] = {
    # networking: read (parsers register for these)
    "Profile.csv": "the owner's profile (the seeker's name)",
    "Connections.csv": "first-degree connections",
    "messages.csv": "messages (2020+)",
    "Messages.csv": "messages (2018)",
    "guide_messages.csv": "LinkedIn's AI guide (excluded)",
    "coach_messages.csv": "LinkedIn's AI coach (excluded)",
    "learning_coach_messages.csv": "LinkedIn Learning's AI coach (excluded)",
    "learning_role_play_messages.csv": "LinkedIn Learning's role play (excluded)",
    "LearningCoachMessages.csv": "LinkedIn Learning's AI coach (excluded)",
    "Invitations.csv": "connection invitations sent and received",
    "Endorsement_Given_Info.csv": "endorsements given",
    "Endorsement_Received_Info.csv": "endorsements received",
    "Endorsement Given Info.csv": "endorsements given (legacy name)",
    "Endorsement Received Info.csv": "endorsements received (legacy UTF-16 file)",
    "Recommendations_Given.csv": "recommendations given",
    "Recommendations_Received.csv": "recommendations received",
    "Recommendations Given.csv": "recommendations given (legacy name)",
    "Recommendations Received.csv": "recommendations received (legacy name)",
    "Job Applications.csv": "job applications made on LinkedIn",
    "Company Follows.csv": "companies followed",
    "Events.csv": "LinkedIn events registered for",
    "Email Addresses.csv": "the owner's own e-mail addresses",
    # known, not about networking: ignored
    "Account Status History.csv": "account status changes",
    "Ad Targeting.csv": "ad targeting (2018)",
    "Ad_Targeting.csv": "ad targeting",
    "Ads Clicked.csv": "ads clicked",
    "Calendar.csv": "calendar sync settings",
    "Causes You Care About.csv": "profile section",
    "Certifications.csv": "profile section",
    "Comments.csv": "comments on posts",
    "Contacts.csv": "imported address book",
    "Courses.csv": "profile section",
    "Duolingo.csv": "Duolingo certificates",
    "Education.csv": "profile section",
    "Hashtag_Follows.csv": "hashtags followed",
    "Honors.csv": "profile section",
    "Imported Contacts.csv": "imported address book (2018)",
    "ImportedContacts.csv": "imported address book",
    "Inferences_about_you.csv": "LinkedIn's inferences",
    "InstantReposts.csv": "reposts",
    "InstantReosts.csv": "reposts (LinkedIn's misspelling)",
    "Job Applicant Saved Answers.csv": "saved application answers",
    "Job Applicant Saved Screening Question Responses.csv": "saved screening answers",
    "Job Seeker Preferences.csv": "job-seeker preferences",
    "LAN Ads Engagement.csv": "LinkedIn Audience Network ad engagement",
    "Languages.csv": "profile section",
    "Learning.csv": "LinkedIn Learning videos",
    "Logins.csv": "log-ins",
    "Member Hashtags.csv": "hashtags of the owner's posts",
    "Member_Follows.csv": "members followed",
    "Online Job Postings.csv": "jobs the owner posted",
    "Organizations.csv": "profile section",
    "Patents.csv": "profile section",
    "Phone Numbers.csv": "the owner's phone numbers (2018)",
    "PhoneNumbers.csv": "the owner's phone numbers",
    "Positions.csv": "the owner's positions",
    "Private_identity_asset.csv": "identity documents",
    "Profile Summary.csv": "profile summary",
    "Projects.csv": "profile section",
    "Providers.csv": "Services Marketplace",
    "Publications.csv": "profile section",
    "Reactions.csv": "reactions to posts",
    "Receipts.csv": "payments",
    "Receipts_v2.csv": "payments",
    "Recommendations.csv": "recommendations (pre-2018 template)",
    "Registration.csv": "account registration",
    "Reviews.csv": "reviews written",
    "Rich Media.csv": "media uploaded (2022-24)",
    "Rich_Media.csv": "media uploaded",
    "Saved Jobs.csv": "jobs saved",
    "Saved_Items.csv": "saved posts",
    "SavedJobAlerts.csv": "job alerts",
    "Search Queries.csv": "searches (2018, UTF-16)",
    "SearchQueries.csv": "searches",
    "Security Challenges.csv": "security challenges",
    "Shares.csv": "posts shared",
    "Skills.csv": "profile section",
    "Test Scores.csv": "profile section",
    "Verifications.csv": "identity verifications",
    "Videos.csv": "videos uploaded",
    "Volunteering.csv": "profile section",
    "Votes.csv": "poll votes",
    "Whatsapp Phone Numbers.csv": "the owner's WhatsApp numbers",
}

#: Lower-cased stem -> parser, filled by :func:`register`.
PARSERS: dict[str, Callable] = {}

_STEMS = {PurePosixPath(n).stem.lower(): n for n in KNOWN}
_SPLIT = re.compile(r"^(?P<stem>.+?)_(?P<n>\d+)$")
#: The header of LinkedIn's imported address book (``Contacts.csv``), which shares its name with
#: many people's own trackers.
_ADDRESS_BOOK = frozenset({"firstname", "lastname", "emails", "createdat", "phonenumbers", "companies"})


def register(*names: str) -> Callable:
    """Decorator: the parser of the export files ``names`` (which must be in :data:`KNOWN`).

    Examples
    --------
    >>> @register("Votes.csv")
    ... def parse_votes(ctx, f): ...
    >>> PARSERS["votes"] is parse_votes
    True
    >>> del PARSERS["votes"]
    """
    unknown = [n for n in names if n not in KNOWN]
    if unknown:
        raise ValueError(f"register(): {unknown} are not in the catalogue of export files (KNOWN).")

    def wrap(func: Callable) -> Callable:
        for n in names:
            PARSERS[PurePosixPath(n).stem.lower()] = func
        return func

    return wrap


def key_of(relpath_or_name: str) -> tuple[str, int] | None:
    """The catalogue key (lower-cased stem) and split number of a file name, or None.

    Examples
    --------
    >>> key_of("Jobs/Job Applications_2.csv"), key_of("Comments_123456.csv"), key_of("mine.csv")
    (('job applications', 2), ('comments', 123456), None)
    """
    p = PurePosixPath(re.sub(r"^[A-Za-z]:", "", str(relpath_or_name).replace("\\", "/")))
    if p.suffix.lower() != ".csv":
        return None
    stem = p.stem.lower()
    if stem in _STEMS:
        return stem, 0
    m = _SPLIT.match(stem)
    if m and m["stem"] in _STEMS:
        return m["stem"], int(m["n"])
    return None


def _address_book(head: bytes) -> bool:
    text = head[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    fields = {f.strip().strip('"').replace(" ", "").lower() for f in first.split(",")}
    return len(fields & _ADDRESS_BOOK) >= 2


def is_export_file(relpath_or_name: str, head: bytes | None = None) -> bool:
    """True when a file is (named like) a file of a LinkedIn export.

    ``Contacts.csv`` is ambiguous (LinkedIn's imported address book, or a person's tracker):
    it counts only when ``head`` (its first bytes) shows the address book's header. A file
    whose text starts with LinkedIn's ``Notes:`` preamble counts whatever its name.

    Parameters
    ----------
    relpath_or_name
        A file name or a path inside the export.
    head
        The file's first bytes, when at hand.

    Returns
    -------
    bool

    See Also
    --------
    key_of

    Examples
    --------
    >>> is_export_file("Ads Clicked.csv"), is_export_file("Jobs/Saved Jobs.csv"), is_export_file("ana.xlsx")
    (True, True, False)
    >>> is_export_file("contacts.csv"), is_export_file("Contacts.csv", b"FirstName,LastName,Emails\\n")
    (False, True)
    """
    key = key_of(relpath_or_name)
    if key and key[0] != "contacts":
        return True
    if head is not None:
        if key and _address_book(head):
            return True
        return head.lstrip(b"\xef\xbb\xbf").startswith(b"Notes:")
    return False


def is_export_path(path: PurePosixPath, *, by_name: bool = False) -> bool:
    """:func:`is_export_file` of a file on disk, reading its first 4 KiB only when its name
    cannot tell (``Contacts.csv``, or any name for the ``Notes:`` preamble).

    Parameters
    ----------
    path
        A file (a missing or unreadable one is not an export file).
    by_name
        A file not named like an export file is not one (its text is not looked at).

    Returns
    -------
    bool

    See Also
    --------
    is_export_file : the same from a name and bytes at hand.
    """
    from netlytics.loaders._base import read_head

    key = key_of(path.name)
    if key and key[0] != "contacts":
        return True
    if by_name and not key:
        return False
    return is_export_file(path.name, read_head(path, 4096))


def is_read(relpath_or_name: str) -> bool:
    """True when netlytics reads the file (a parser is registered), False when it is ignored
    or unknown."""
    key = key_of(relpath_or_name)
    return bool(key) and key[0] in PARSERS


def describe(relpath_or_name: str) -> str | None:
    """What a known export file holds (from :data:`KNOWN`), or None."""
    key = key_of(relpath_or_name)
    return KNOWN[_STEMS[key[0]]] if key else None
