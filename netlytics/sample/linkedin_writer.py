"""Write a LinkedIn "Download your data" export, byte for byte in the format of a given era.

Used to build the bundled sample export and the test fixtures. The people in an
:class:`ExportSpec` must be fictional: this module writes whatever it is given.

Era details reproduced (``docs/spec/FORMATS.md`` sections 1-4):

============  ==================================================================================
era           what is written
============  ==================================================================================
``"2018"``    no Connections preamble, 6 columns, ``1/8/18, 6:14 PM`` dates; ``Messages.csv``
              with ``From,To,Date,Subject,Content,Direction,Folder`` (``SENT`` folder for the
              owner's messages); 5-column Invitations; ``Endorsement Received Info.csv`` in
              UTF-16LE (BOM), tab-separated, every field quoted; ``Recommendations Given.csv``
              / ``Recommendations Received.csv``; the 2018 ``Profile.csv`` header. No
              ``Endorsement_Given_Info.csv`` (not known before 2023).
``"2021"``    byte-exact Connections preamble, 6 columns (no URL); 9-column ``messages.csv``
              (drafts have an empty FOLDER); 5-column Invitations; endorsement files without
              URL columns.
``"2023"``    Connections with ``URL`` (percent-encoded non-ASCII slugs); 10-column messages
              (``RECIPIENT PROFILE URLS``); Invitations with ``inviterProfileUrn`` /
              ``inviteeProfileUrn`` (``urn:li:member:<digits>``); endorsement URLs without a
              scheme.
``"2025"``    as 2023, plus ``IS MESSAGE DRAFT`` in messages and ``inviterProfileUrl`` /
              ``inviteeProfileUrl`` (raw Unicode) in Invitations.
``"2026"``    messages with every field quoted (header too), real newlines in ``CONTENT``, and
              ``ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT``.
============  ==================================================================================

In every era: UTF-8 without BOM and LF line ends (except the 2018 UTF-16 file);
``Connections.csv`` and ``Company Follows.csv`` end without a final newline; a connection whose
first name, last name and URL are all empty is written as a ghost row (only the date);
message bodies and invitation notes have their newlines flattened to spaces before 2026;
``Jobs/Job Applications.csv`` sits in the ``Jobs/`` subfolder; Connections rows are sorted
newest first; messages are grouped by conversation (threads by last activity, newest first);
Invitations hold all OUTGOING rows, then all INCOMING rows, each newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from netlytics.errors import ParameterError
from netlytics.sample._bytes import zip_bytes
from netlytics.sample.linkedin_format import (
    csv_text,
    dmy,
    event_time,
    flatten,
    java_date,
    joined,
    mdy,
    no_scheme,
    percent,
    strftime,
    text,
    timestamps,
    urn,
)

__all__ = ["ERAS", "CONNECTIONS_PREAMBLE", "ExportSpec", "write_export", "render_export"]

ERAS: tuple[str, ...] = ("2018", "2021", "2023", "2025", "2026")

#: The 3-line preamble of Connections.csv (byte-identical Jun 2021 - Jun 2026).
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

_MESSAGE_COLUMNS = [
    "conversation_id",
    "conversation_title",
    "from_name",
    "sender_url",
    "to_names",
    "recipient_urls",
    "at",
    "subject",
    "content",
    "folder",
    "is_draft",
]
_FRAME_COLUMNS: dict[str, list[str]] = {
    "connections": ["first_name", "last_name", "url", "email", "company", "position", "connected_on"],
    "messages": _MESSAGE_COLUMNS,
    "coach_messages": _MESSAGE_COLUMNS,
    "invitations": ["from_name", "to_name", "at", "message", "direction", "inviter_url", "invitee_url"],
    "endorsements_given": ["first_name", "last_name", "url", "skill", "at"],
    "endorsements_received": ["first_name", "last_name", "url", "skill", "at"],
    "recommendations_given": ["first_name", "last_name", "company", "job_title", "text", "at"],
    "recommendations_received": ["first_name", "last_name", "company", "job_title", "text", "at"],
    "job_applications": ["at", "company", "job_title", "job_url"],
    "company_follows": ["organization", "at"],
    "events": ["name", "starts_at", "ends_at", "status", "url"],
}


def _frame(name: str):
    """A dataclass field defaulting to an empty frame with the columns of ``name``."""
    return field(
        default_factory=lambda: pd.DataFrame({c: pd.Series(dtype=object) for c in _FRAME_COLUMNS[name]})
    )


@dataclass
class ExportSpec:
    """What a fictional member's export holds. Every frame may be empty.

    Timestamps (``at``, ``connected_on``, ``starts_at``, ``ends_at``) may be anything
    :func:`pandas.to_datetime` reads; zone-less values are taken as UTC.

    Parameters
    ----------
    owner_first_name, owner_last_name, owner_url, headline, owner_email
        The account owner (``Profile.csv``; the URL appears only in messages and invitations,
        as in real exports). ``owner_email`` is the address written in Job Applications.
    connections
        ``first_name, last_name, url, email, company, position, connected_on``. Empty first
        name, last name and URL make a ghost row (only the date is written). ``url`` is the
        raw profile URL; it is percent-encoded in Connections.csv.
    messages
        ``conversation_id, conversation_title, from_name, sender_url, to_names,
        recipient_urls, at, subject, content, folder, is_draft``. ``to_names`` is a string
        (names joined with ``", "``) or a list; ``recipient_urls`` a string (joined with
        ``","``) or a list; ``folder`` one of INBOX, ARCHIVE, SPAM or "" (a draft);
        ``is_draft`` a bool.
    coach_messages
        Same columns: written as ``learning_coach_messages.csv`` (2025 and 2026 only).
    invitations
        ``from_name, to_name, at, message, direction (INCOMING/OUTGOING), inviter_url,
        invitee_url``.
    endorsements_given, endorsements_received
        ``first_name, last_name, url, skill, at``: one row per skill; the other person.
    recommendations_given, recommendations_received
        ``first_name, last_name, company, job_title, text, at``: the other person.
    job_applications
        ``at, company, job_title, job_url``.
    company_follows
        ``organization, at``.
    events
        ``name, starts_at, ends_at, status, url``.

    See Also
    --------
    write_export : writes it.
    """

    owner_first_name: str
    owner_last_name: str
    owner_url: str
    headline: str = ""
    owner_email: str = ""
    connections: pd.DataFrame = _frame("connections")
    messages: pd.DataFrame = _frame("messages")
    coach_messages: pd.DataFrame = _frame("coach_messages")
    invitations: pd.DataFrame = _frame("invitations")
    endorsements_given: pd.DataFrame = _frame("endorsements_given")
    endorsements_received: pd.DataFrame = _frame("endorsements_received")
    recommendations_given: pd.DataFrame = _frame("recommendations_given")
    recommendations_received: pd.DataFrame = _frame("recommendations_received")
    job_applications: pd.DataFrame = _frame("job_applications")
    company_follows: pd.DataFrame = _frame("company_follows")
    events: pd.DataFrame = _frame("events")


def _cols(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """``df`` renumbered, after checking it has the columns of ``ExportSpec.<name>``."""
    missing = [c for c in _FRAME_COLUMNS[name] if c not in df.columns]
    if missing:
        raise ParameterError(
            f"ExportSpec.{name} is missing column(s) {missing}; expected {_FRAME_COLUMNS[name]}."
        )
    return df.reset_index(drop=True)


# --- one function per file ---------------------------------------------------------------------


def _profile(spec: ExportSpec, era: str) -> str:
    """``Profile.csv``: the owner (the 2018 header has two more columns)."""
    if era == "2018":
        cols = [
            "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Contact Instructions",
            "Headline", "Summary", "Industry", "Country", "Zip Code", "Geo Location", "Twitter Handles",
            "Websites", "Instant Messengers",
        ]  # fmt: skip
    else:
        cols = [
            "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
            "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
        ]  # fmt: skip
    row = dict.fromkeys(cols, "")
    row.update(
        {"First Name": spec.owner_first_name, "Last Name": spec.owner_last_name, "Headline": spec.headline}
    )
    return csv_text(pd.DataFrame([row], columns=cols))


def _connections(spec: ExportSpec, era: str) -> str:
    """``Connections.csv``: newest first, ghost rows blank but for the date, preamble from 2021."""
    df = _cols(spec.connections, "connections")
    order = timestamps(df["connected_on"]).sort_values(ascending=False, kind="stable").index
    df = df.loc[order].reset_index(drop=True)
    first, last, url = text(df["first_name"]), text(df["last_name"]), text(df["url"])
    ghost = (first == "") & (last == "") & (url == "")
    date = mdy(df["connected_on"]) if era == "2018" else dmy(df["connected_on"])
    out = {"First Name": first, "Last Name": last}
    if era not in ("2018", "2021"):
        out["URL"] = percent(url)
    out.update(
        {
            "Email Address": text(df["email"]),
            "Company": text(df["company"]),
            "Position": text(df["position"]),
            "Connected On": date,
        }
    )
    frame = pd.DataFrame(out)
    for c in frame.columns[:-1]:
        frame.loc[ghost, c] = ""
    body = csv_text(frame, final_newline=False)
    return body if era == "2018" else CONNECTIONS_PREAMBLE + body


def _messages(df: pd.DataFrame, spec: ExportSpec, era: str, name: str) -> str:
    """``messages.csv`` (or 2018 ``Messages.csv``): threads by last activity, newest first."""
    df = _cols(df, name)
    at = timestamps(df["at"])
    last = at.groupby(df["conversation_id"].astype(str)).transform("max")
    order = (
        pd.DataFrame({"last": last, "conv": df["conversation_id"].astype(str), "at": at})
        .sort_values(["last", "conv", "at"], ascending=[False, True, False], kind="stable")
        .index
    )
    df = df.loc[order].reset_index(drop=True)
    content = text(df["content"]) if era == "2026" else flatten(df["content"])
    draft = df["is_draft"].fillna(False).astype(bool)
    folder = text(df["folder"])
    if era == "2018":
        owner_name = f"{spec.owner_first_name} {spec.owner_last_name}"
        outgoing = (text(df["sender_url"]) == spec.owner_url) | (text(df["from_name"]) == owner_name)
        folder18 = folder.replace({"ARCHIVE": "ARCHIVED"}).where(~outgoing | (folder == ""), "SENT")
        frame = pd.DataFrame(
            {
                "From": text(df["from_name"]),
                "To": joined(df["to_names"], ", "),
                "Date": mdy(df["at"]),
                "Subject": text(df["subject"]),
                "Content": content,
                "Direction": np.where(outgoing, "OUTGOING", "INCOMING"),
                "Folder": folder18,
            }
        )
        return csv_text(frame)
    out = {
        "CONVERSATION ID": text(df["conversation_id"]),
        "CONVERSATION TITLE": text(df["conversation_title"]),
        "FROM": text(df["from_name"]),
        "SENDER PROFILE URL": text(df["sender_url"]),
        "TO": joined(df["to_names"], ", "),
    }
    if era != "2021":
        out["RECIPIENT PROFILE URLS"] = joined(df["recipient_urls"], ",")
    out.update(
        {
            "DATE": strftime(df["at"], "%Y-%m-%d %H:%M:%S UTC"),
            "SUBJECT": text(df["subject"]),
            "CONTENT": content,
            "FOLDER": folder,
        }
    )
    yes_no = pd.Series(np.where(draft, "Yes", "No"), index=df.index)
    if era == "2025":
        out["IS MESSAGE DRAFT"] = yes_no
    if era == "2026":
        out["ATTACHMENTS"] = ""
        out["IS MESSAGE DRAFT"] = yes_no
        conv_draft = draft.groupby(df["conversation_id"].astype(str)).transform("all")
        out["IS CONVERSATION DRAFT"] = np.where(conv_draft, "Yes", "No")
    return csv_text(pd.DataFrame(out), quote_all=era == "2026")


def _invitations(spec: ExportSpec, era: str) -> str:
    """``Invitations.csv``: outgoing then incoming, each newest first; URNs (2023) or URLs (2025+)."""
    df = _cols(spec.invitations, "invitations")
    at = timestamps(df["at"])
    rank = (text(df["direction"]).str.upper() != "OUTGOING").astype(int)
    order = pd.DataFrame({"rank": rank, "at": at}).sort_values(["rank", "at"], ascending=[True, False]).index
    df = df.loc[order].reset_index(drop=True)
    out = {
        "From": text(df["from_name"]),
        "To": text(df["to_name"]),
        "Sent At": mdy(df["at"]),
        "Message": flatten(df["message"]),
        "Direction": text(df["direction"]).str.upper(),
    }
    if era == "2023":
        out["inviterProfileUrn"] = urn(df["inviter_url"])
        out["inviteeProfileUrn"] = urn(df["invitee_url"])
    elif era in ("2025", "2026"):
        out["inviterProfileUrl"] = text(df["inviter_url"])
        out["inviteeProfileUrl"] = text(df["invitee_url"])
    return csv_text(pd.DataFrame(out))


def _endorsements(spec: ExportSpec, era: str, given: bool) -> tuple[str, bytes] | None:
    """The endorsement file of ``era`` as (file name, bytes); ``None`` for given ones in 2018."""
    df = _cols(spec.endorsements_given if given else spec.endorsements_received,
               "endorsements_given" if given else "endorsements_received")  # fmt: skip
    who = "Endorsee" if given else "Endorser"
    if era == "2018":
        if given:
            return None
        frame = pd.DataFrame(
            {
                "Endorsement Date": strftime(df["at"], "%Y/%m/%d %H:%M:%S UTC"),
                "Skill Name": text(df["skill"]),
                "Endorser First Name": text(df["first_name"]),
                "Endorser Last Name": text(df["last_name"]),
                "Endorsement Status": "Accepted",
                "Display Status": "Show",
            }
        )
        body = csv_text(frame, quote_all=True, sep="\t")
        return "Endorsement Received Info.csv", b"\xff\xfe" + body.encode("utf-16-le")
    out = {
        "Endorsement Date": strftime(df["at"], "%Y/%m/%d %H:%M:%S UTC"),
        "Skill Name": text(df["skill"]),
        f"{who} First Name": text(df["first_name"]),
        f"{who} Last Name": text(df["last_name"]),
    }
    if era != "2021":
        out[f"{who} Public Url"] = no_scheme(df["url"])
    out["Endorsement Status"] = "ACCEPTED"
    name = "Endorsement_Given_Info.csv" if given else "Endorsement_Received_Info.csv"
    return name, csv_text(pd.DataFrame(out, index=df.index)).encode("utf-8")


def _recommendations(spec: ExportSpec, era: str, given: bool) -> tuple[str, bytes]:
    """``Recommendations_Given.csv`` or ``_Received``: (file name, bytes)."""
    df = _cols(spec.recommendations_given if given else spec.recommendations_received,
               "recommendations_given" if given else "recommendations_received")  # fmt: skip
    frame = pd.DataFrame(
        {
            "First Name": text(df["first_name"]),
            "Last Name": text(df["last_name"]),
            "Company": text(df["company"]),
            "Job Title": text(df["job_title"]),
            "Text": flatten(df["text"]),
            "Creation Date": mdy(df["at"], padded=True),
            "Status": "" if given else "VISIBLE",
        },
        index=df.index,
    )
    kind = "Given" if given else "Received"
    name = f"Recommendations {kind}.csv" if era == "2018" else f"Recommendations_{kind}.csv"
    return name, csv_text(frame).encode("utf-8")


def _applications(spec: ExportSpec, era: str) -> pd.DataFrame:
    """The rows of ``Jobs/Job Applications.csv``, newest first (split by the caller)."""
    df = _cols(spec.job_applications, "job_applications")
    at = timestamps(df["at"])
    df = df.loc[at.sort_values(ascending=False, kind="stable").index].reset_index(drop=True)
    return pd.DataFrame(
        {
            "Application Date": mdy(df["at"]),
            "Contact Email": spec.owner_email,
            "Contact Phone Number": " +1 555 0100" if len(df) else "",
            "Company Name": text(df["company"]),
            "Job Title": text(df["job_title"]),
            "Job Url": text(df["job_url"]),
            "Resume Name": "",
            "Question And Answers": "",
        },
        index=df.index,
    )


def _follows(spec: ExportSpec, era: str) -> str:
    """``Company Follows.csv``: newest first, Java dates, no final newline."""
    df = _cols(spec.company_follows, "company_follows")
    df = df.loc[timestamps(df["at"]).sort_values(ascending=False, kind="stable").index].reset_index(drop=True)
    frame = pd.DataFrame({"Organization": text(df["organization"]), "Followed On": java_date(df["at"])})
    return csv_text(frame, final_newline=False)


def _events(spec: ExportSpec, era: str) -> str:
    """``Events.csv``: each event's time as one ``start - end`` range."""
    df = _cols(spec.events, "events")
    frame = pd.DataFrame(
        {
            "Event Name": text(df["name"]),
            "Event Time": event_time(df["starts_at"]) + " - " + event_time(df["ends_at"]),
            "Status": text(df["status"]),
            "External Url": text(df["url"]),
        }
    )
    return csv_text(frame)


def render_export(
    export: ExportSpec, *, era: str = "2026", split_applications: int | None = None
) -> dict[str, bytes]:
    """The export's files as ``{member path: bytes}`` (what :func:`write_export` writes).

    Parameters
    ----------
    export
        The people and events (see :class:`ExportSpec`).
    era
        One of :data:`ERAS`.
    split_applications
        Split ``Jobs/Job Applications.csv`` into numbered files of at most this many rows.

    Returns
    -------
    dict
        Member path -> bytes.

    See Also
    --------
    write_export : writes them as a zip or a folder.

    Raises
    ------
    ParameterError
        When ``era`` is unknown or a frame of ``export`` lacks a column.

    Examples
    --------
    >>> spec = ExportSpec("Ada", "Quill", "https://www.linkedin.com/in/ada-quill-fictional")
    >>> files = render_export(spec, era="2021")
    >>> sorted(files)
    ['Profile.csv']
    >>> files["Profile.csv"].decode().splitlines()[1]
    'Ada,Quill,,,,,,,,,,,'
    """
    if era not in ERAS:
        raise ParameterError(f"Unknown era {era!r}; expected one of {list(ERAS)}.")
    files: dict[str, bytes] = {"Profile.csv": _profile(export, era).encode("utf-8")}
    if len(export.connections):
        files["Connections.csv"] = _connections(export, era).encode("utf-8")
    if len(export.messages):
        files["Messages.csv" if era == "2018" else "messages.csv"] = _messages(
            export.messages, export, era, "messages"
        ).encode("utf-8")
    if len(export.coach_messages) and era in ("2025", "2026"):
        files["learning_coach_messages.csv"] = _messages(
            export.coach_messages, export, era, "coach_messages"
        ).encode("utf-8")
    if len(export.invitations):
        files["Invitations.csv"] = _invitations(export, era).encode("utf-8")
    for given in (True, False):
        if len(export.endorsements_given if given else export.endorsements_received):
            made = _endorsements(export, era, given)
            if made is not None:
                files[made[0]] = made[1]
        if len(export.recommendations_given if given else export.recommendations_received):
            name, data = _recommendations(export, era, given)
            files[name] = data
    if len(export.job_applications):
        apps = _applications(export, era)
        if split_applications and len(apps) > split_applications:
            for i, start in enumerate(range(0, len(apps), split_applications), start=1):
                part = apps.iloc[start : start + split_applications]
                files[f"Jobs/Job Applications_{i}.csv"] = csv_text(part).encode("utf-8")
        else:
            files["Jobs/Job Applications.csv"] = csv_text(apps).encode("utf-8")
    if len(export.company_follows):
        files["Company Follows.csv"] = _follows(export, era).encode("utf-8")
    if len(export.events):
        files["Events.csv"] = _events(export, era).encode("utf-8")
    return files


_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def write_export(
    path: str | Path,
    export: ExportSpec,
    *,
    era: str = "2026",
    split_applications: int | None = None,
) -> Path:
    """Write ``export`` as a LinkedIn export of ``era``: a zip when ``path`` ends in ``.zip``,
    otherwise a folder.

    Parameters
    ----------
    path
        Target ``.zip`` file or folder (created; existing files with the same names are
        overwritten).
    export
        The people and events (see :class:`ExportSpec`).
    era
        One of ``"2018"``, ``"2021"``, ``"2023"``, ``"2025"``, ``"2026"``.
    split_applications
        When set, ``Jobs/Job Applications.csv`` is split into numbered files
        (``Job Applications_1.csv``, ...) of at most this many rows.

    Returns
    -------
    Path
        The path written. Zips are deterministic: sorted members, fixed dates, deflate.

    See Also
    --------
    render_export : the same files as bytes.
    netlytics.loaders.linkedin : reads them back.

    Raises
    ------
    ParameterError
        When ``era`` is unknown or a frame of ``export`` lacks a column.
    OSError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> spec = ExportSpec("Ada", "Quill", "https://www.linkedin.com/in/ada-quill-fictional",
    ...     connections=pd.DataFrame({"first_name": ["Zoë"], "last_name": ["Example"],
    ...         "url": ["https://www.linkedin.com/in/zoë-example"], "email": [""],
    ...         "company": ["Acme "], "position": ["Engineer"], "connected_on": ["2025-01-31"]}))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_export(Path(tmp) / "export.zip", spec, era="2025")
    ...     raw = zipfile.ZipFile(out).read("Connections.csv").decode()
    >>> raw.splitlines()[3:]
    ['First Name,Last Name,URL,Email Address,Company,Position,Connected On', 'Zoë,Example,https://www.linkedin.com/in/zo%C3%AB-example,,Acme ,Engineer,31 Jan 2025']
    """
    path = Path(path)
    files = render_export(export, era=era, split_applications=split_applications)
    if path.suffix.lower() == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(zip_bytes(((name, files[name]) for name in sorted(files)), _ZIP_DATE))
        return path
    for name, data in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return path
