"""Address books (.vcf): every card a contact; LinkedIn URLs found; 2.1 quoted-printable."""

from __future__ import annotations

import pandas as pd

from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import load

GOOGLE = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Sample\r\nN:Sample;Bob;;;\r\n"
    b"EMAIL;TYPE=INTERNET;TYPE=WORK:Bob@Example.org\r\nEMAIL;TYPE=INTERNET:bob.home@example.net\r\n"
    b"ORG:Example Analytics\\, Inc.;Data\r\nTITLE:Data Lead\r\n"
    b"item1.URL:https\\://www.linkedin.com/in/bob-sample-1a2b\r\nitem1.X-ABLabel:PROFILE\r\n"
    b"CATEGORIES:myContacts\r\nEND:VCARD\r\n"
)
APPLE = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 5.0.1//EN\r\nN:Ng;Zo\xc3\xab;;;\r\n"
    b"X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/zoe-ng\r\nEND:VCARD\r\n"
)
OUTLOOK = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=utf-8:Example;Carl\r\nFN:Carl Example\r\n"
    b"EMAIL;PREF;INTERNET:carl@example.net\r\nURL;WORK:www.linkedin.com/in/carl-example\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0A=\r\nLine two\r\nEND:VCARD\r\n"
)
V4 = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dora Example\r\nEMAIL;PREF=1;TYPE=work:dora@example.com\r\nEND:VCARD\r\n"
BROKEN = b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"


def test_every_card_is_a_contact(tmp_path):
    p = tmp_path / "All Contacts.vcf"
    p.write_bytes(GOOGLE + APPLE + OUTLOOK + V4 + BROKEN)
    data = load(p, LoadOptions(seeker="Ada"))
    data.validate()
    c = data.contacts.set_index("name")
    assert c.loc["Bob Sample", "contact_id"] == "https://www.linkedin.com/in/bob-sample-1a2b"
    assert c.loc["Bob Sample", ["email", "company", "position"]].tolist() == [
        "bob@example.org",
        "Example Analytics, Inc.",
        "Data Lead",
    ]
    assert c.loc["Zoë Ng", "profile_url"] == "https://www.linkedin.com/in/zoe-ng"
    assert c.loc["Carl Example", "profile_url"] == "https://www.linkedin.com/in/carl-example"
    assert c.loc["Dora Example", "contact_id"] == "dora@example.com"
    assert (data.contacts["origin"] == "addressbook").all()
    assert data.problems["reason"].tolist() == ["card 5 has no name, e-mail or URL"]
    assert data.sources[["rows_read", "loaded", "problems"]].values.tolist() == [[5, 4, 1]]


def test_cards_join_mail_addresses_and_repeat_cards_are_excluded(tmp_path):
    (tmp_path / "Contacts" / "All Contacts").mkdir(parents=True)
    (tmp_path / "Contacts" / "My Contacts").mkdir(parents=True)
    (tmp_path / "Contacts" / "All Contacts" / "All Contacts.vcf").write_bytes(GOOGLE + V4)
    (tmp_path / "Contacts" / "My Contacts" / "My Contacts.vcf").write_bytes(GOOGLE)
    mail = (
        b"From 1@xxx Mon Jan 05 09:00:00 +0000 2026\r\nX-Gmail-Labels: Sent\r\nFrom: Ada <ada@example.com>\r\n"
        b"To: bob.home@example.net\r\nDate: Mon, 5 Jan 2026 10:00:00 +0000\r\nMessage-ID: <1@x>\r\n\r\nhi\r\n"
    )
    (tmp_path / "Mail").mkdir()
    (tmp_path / "Mail" / "All mail.mbox").write_bytes(mail)
    data = load(tmp_path, LoadOptions(future_after=pd.Timestamp("2026-06-01", tz="UTC")))
    assert data.interactions["contact_id"].tolist() == ["https://www.linkedin.com/in/bob-sample-1a2b"]
    assert sorted(data.contacts["contact_id"]) == [
        "dora@example.com",
        "https://www.linkedin.com/in/bob-sample-1a2b",
    ]
    assert data.excluded["reason"].tolist() == ["the same contact was already read from an earlier card"]
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
