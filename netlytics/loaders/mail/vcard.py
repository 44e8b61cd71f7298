"""Address books (.vcf) -> contacts (docs/spec/METRICS.md section 6, "Address book").

Every card becomes a contact: name (``FN``, else ``N``), e-mail, company (``ORG``), title, and a
LinkedIn profile URL when a ``URL``, ``X-SOCIALPROFILE`` or ``NOTE`` holds one. Cards are split
by hand so a broken card is a problem of its own; vCard 2.1 quoted-printable soft breaks are
joined before :mod:`vobject` parses a card, and Google's ``https\\://`` is unescaped
(docs/spec/FORMATS-mail-calendar.md section 6).
"""

from __future__ import annotations

import re

import pandas as pd

from netlytics.identity import contact_key, normalise_url

__all__ = ["split_cards", "read_card", "vcard_tables", "CARD_EMAILS"]

_CARD = re.compile(r"^BEGIN:VCARD[ \t]*\r?$.*?(?:^END:VCARD[ \t]*\r?$|\Z)", re.I | re.M | re.S)
_LINKEDIN = re.compile(r"(?:https?\\?://)?(?:[\w-]+\.)?linkedin\.com/in/[^\s,;<>\"']+", re.I)
#: Extra (non-contacts) column listing every address of a card, used to join mail addresses.
CARD_EMAILS = "card_emails"


def _join_soft_breaks(text: str) -> str:
    """Join quoted-printable continuation lines (a trailing ``=`` on a QP property)."""
    lines = text.splitlines()
    out: list[str] = []
    joining = False
    for line in lines:  # one step per line of a small file
        if joining:
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
        last = out[-1]
        head = last.split(":", 1)[0].upper()
        joining = "QUOTED-PRINTABLE" in head and last.endswith("=")
    return "\r\n".join(out)


def split_cards(text: str) -> list[str]:
    """The cards of a file, each from ``BEGIN:VCARD`` to ``END:VCARD`` (or the end of the file).

    Parameters
    ----------
    text
        The decoded file.

    Returns
    -------
    list of str

    See Also
    --------
    read_card

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> len(split_cards("BEGIN:VCARD\\nFN:A\\nEND:VCARD\\nBEGIN:VCARD\\nFN:B\\nEND:VCARD\\n"))
    2
    """
    return _CARD.findall(text)


def _values(card, name: str) -> list:
    return list(card.contents.get(name.lower(), []))


def read_card(text: str) -> dict:
    """The contact fields of one card (raises ``ValueError`` when the card cannot be parsed).

    Parameters
    ----------
    text
        One card, ``BEGIN:VCARD`` to ``END:VCARD``.

    Returns
    -------
    dict
        ``name``, ``emails`` (list), ``company``, ``position``, ``profile_url``.

    See Also
    --------
    vcard_tables

    Examples
    --------
    >>> read_card("BEGIN:VCARD\\nVERSION:3.0\\nFN:Ada Example\\nEMAIL;TYPE=INTERNET:Ada@Example.com\\n"
    ...           "item1.URL:https\\\\://www.linkedin.com/in/ada-example\\nORG:Example Co;Data\\nEND:VCARD")["profile_url"]
    'https://www.linkedin.com/in/ada-example'
    """
    import vobject

    try:
        card = vobject.readOne(_join_soft_breaks(text), ignoreUnreadable=True)
    except Exception as err:
        raise ValueError(f"not a readable vCard ({type(err).__name__}: {str(err)[:120]})") from err
    name = next((str(v.value).strip() for v in _values(card, "fn") if str(v.value).strip()), "")
    if not name:
        for v in _values(card, "n"):
            n = v.value
            name = " ".join(
                p for p in (getattr(n, "given", ""), getattr(n, "family", "")) if isinstance(p, str) and p
            )
    emails = []
    for v in _values(card, "email"):
        addr = str(v.value).strip().lower()
        if addr.count("@") == 1 and addr not in emails:
            emails.append(addr)
    org = next((v.value for v in _values(card, "org")), None)
    company = (org[0] if isinstance(org, list) and org else org) or None
    title = next((str(v.value).strip() for v in _values(card, "title") if str(v.value).strip()), None)
    url = None
    for prop in ("url", "x-socialprofile", "note"):
        for v in _values(card, prop):
            m = _LINKEDIN.search(str(v.value).replace("\\:", ":"))
            if m:
                url = m.group(0).replace("\\", "")
                break
        if url:
            break
    if url and "://" not in url:
        url = "https://" + url
    return {"name": name or None, "emails": emails, "company": company, "position": title, "profile_url": url}


def vcard_tables(data: bytes, source: str, *, seeker: str) -> dict[str, pd.DataFrame]:
    """Contacts, problems and sources of one ``.vcf`` file (rows read = cards).

    Parameters
    ----------
    data
        The file's bytes (UTF-8, else cp1252).
    source
        Its file name.
    seeker
        The seeker's name.

    Returns
    -------
    dict
        ``contacts`` (plus the column :data:`CARD_EMAILS`), ``problems``, ``sources``.

    See Also
    --------
    read_card, netlytics.loaders.mail.load

    Raises
    ------
    Nothing: unreadable cards become problem rows.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows, problems = [], []
    cards = split_cards(text)
    for i, card in enumerate(cards, 1):  # one step per card (address books are small)
        try:
            fields = read_card(card)
        except ValueError as err:
            problems.append({"source_row": i, "column": "VCARD", "reason": f"card {i}: {err}"})
            continue
        if not (fields["name"] or fields["emails"] or fields["profile_url"]):
            problems.append(
                {"source_row": i, "column": "FN", "reason": f"card {i} has no name, e-mail or URL"}
            )
            continue
        rows.append({"source_row": i, **fields})
    df = pd.DataFrame(rows, columns=["source_row", "name", "emails", "company", "position", "profile_url"])
    email = df["emails"].map(lambda e: e[0] if e else None).astype("str")
    contacts = pd.DataFrame(
        {
            "seeker": seeker,
            "contact_id": contact_key(df["profile_url"].astype("str"), email, df["name"].astype("str")),
            "name": df["name"],
            "company": df["company"],
            "position": df["position"],
            "email": email,
            "profile_url": normalise_url(df["profile_url"].astype("str")),
            "source": source,
            "origin": "addressbook",
            CARD_EMAILS: df["emails"].map(lambda e: ",".join(e)),
        }
    )
    issues = pd.DataFrame(problems, columns=["source_row", "column", "reason"]).assign(
        seeker=seeker, source=source
    )
    if not cards and text.strip():
        issues = pd.DataFrame(
            [{"seeker": seeker, "source": source, "reason": "no BEGIN:VCARD found: not an address book"}]
        )
    sources = pd.DataFrame(
        [
            {
                "seeker": seeker,
                "source": source,
                "table": "contacts",
                "rows_read": max(len(cards), len(issues)),
                "loaded": len(contacts),
                "excluded": 0,
                "problems": len(issues),
            }
        ]
    )
    return {"contacts": contacts, "problems": issues, "sources": sources}
