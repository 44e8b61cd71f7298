"""Mailbox loading (docs/spec/METRICS.md section 6): hand-written raw-byte fixtures, one per rule.

Every person and address is invented. Each message is built from explicit header lines, so the
expected rows can be counted by eye.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from netlytics.loaders._options import LoadOptions
from netlytics.loaders.mail import after_merge, load, sniff
from netlytics.loaders.mail._split import read_single, split_mbox

OPT = LoadOptions(future_after=pd.Timestamp("2026-06-01", tz="UTC"))
ADA = "Ada Example <ada@example.com>"
N = 0


def msg(
    frm: str = "Bob Sample <bob@example.org>",
    to: str = ADA,
    *,
    labels: str | None = "Inbox",
    date: str | None = "Mon, 5 Jan 2026 10:00:00 +0000",
    mid: str | None = None,
    extra: str = "",
    body: str = "Hello SECRETBODY\r\n",
    sep: str = "From 1790000000000000001@xxx Mon Jan 05 09:00:00 +0000 2026",
    subject: str = "SECRETSUBJECT",
) -> bytes:
    """One Takeout-shaped CRLF message (separator line included)."""
    global N
    N += 1
    lines = [sep] if sep else []
    if labels is not None:
        lines.append(f"X-Gmail-Labels: {labels}")
    lines += [f"From: {frm}", f"To: {to}", f"Subject: {subject}"]
    if date is not None:
        lines.append(f"Date: {date}")
    if mid != "":
        lines.append(f"Message-ID: <{mid or f'm{N}@example.org'}>")
    if extra:
        lines += extra.split("\n")
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


def sent(to: str = "Bob Sample <bob@example.org>", **kw) -> bytes:
    return msg(frm=ADA, to=to, labels=kw.pop("labels", "Sent"), **kw)


def write(tmp_path: Path, *messages: bytes, name: str = "mail.mbox") -> Path:
    p = tmp_path / name
    p.write_bytes(b"".join(messages))
    return p


def loaded(tmp_path, *messages, options=OPT, **kw):
    data = load(write(tmp_path, *messages, **kw), options)
    data.validate()
    inv = data.inventory()
    assert (inv["rows_read"] == inv["loaded"] + inv["excluded"] + inv["problems"]).all()
    return data


# -- splitting ------------------------------------------------------------------------------


def test_split_on_full_separator_lines_only():
    box = (
        b"From a@x Mon Jan  6 04:49:45 2020\nFrom: a@x\n\nFrom here on, a body line\n>From quoted\n\n"
        b"From the desk of nobody\n\nFrom b@x Tue Jan  7 04:49:45 2020\nFrom: b@x\n\nbody\n"
    )
    got = [m.header for m in split_mbox(io.BytesIO(box))]
    assert got == [b"From: a@x\n", b"From: b@x\n"]


def test_lf_crlf_and_mixed_give_the_same_rows(tmp_path):
    box = sent() + msg() + msg(frm="Carl <carl@example.net>")
    lf = box.replace(b"\r\n", b"\n")
    mixed = box.replace(b"\r\n", b"\n", 5)
    tables = [
        loaded(tmp_path, b, name=f"{i}.mbox").interactions.drop(columns="source")
        for i, b in enumerate((box, lf, mixed))
    ]
    pd.testing.assert_frame_equal(tables[0], tables[1])
    pd.testing.assert_frame_equal(tables[0], tables[2])


def test_small_chunks_split_like_large_ones():
    box = b"".join(sent(body="x" * (i * 13) + "\r\nFrom nowhere\r\n") for i in range(60))
    small = [(m.position, m.header) for m in split_mbox(io.BytesIO(box), chunk=7)]
    large = [(m.position, m.header) for m in split_mbox(io.BytesIO(box))]
    assert small == large and len(large) == 60


def test_eml_drops_a_leading_separator():
    raw = read_single(io.BytesIO(b"From - Mon Jan 05 10:00:00 2026\r\nFrom: a@x\r\n\r\nbody"))
    assert raw.header == b"From: a@x\r\n" and raw.separator.startswith(b"From -")


# -- owner ----------------------------------------------------------------------------------


def test_owner_from_sent_label_and_directions(tmp_path):
    data = loaded(tmp_path, sent(), msg())
    assert data.owner[["kind", "value"]].values.tolist() == [["email", "ada@example.com"]]
    assert data.interactions["direction"].tolist() == ["outbound", "inbound"]
    assert data.seekers == ["Ada Example"]


def test_owner_from_encoded_french_label(tmp_path):
    data = loaded(tmp_path, sent(labels="=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9?="), msg())
    assert data.owner["value"].tolist() == ["ada@example.com"]


def test_owner_from_me_option(tmp_path):
    data = loaded(tmp_path, sent(labels=None), msg(labels=None), options=OPT.with_(me=("ADA@example.com",)))
    assert data.interactions["direction"].tolist() == ["outbound", "inbound"]


def test_no_owner_is_a_file_problem_saying_pass_me(tmp_path):
    data = loaded(tmp_path, msg(labels=None), msg(labels=None))
    assert len(data.interactions) == 0
    assert "me=" in data.problems["reason"].iloc[0]
    assert data.sources[["rows_read", "problems"]].values.tolist() == [[2, 2]]


def test_owner_from_delivered_to_when_no_labels(tmp_path):
    data = loaded(tmp_path, sent(labels=None), msg(labels=None, extra="Delivered-To: ada@example.com"))
    assert data.owner["value"].tolist() == ["ada@example.com"]
    assert data.interactions["direction"].tolist() == ["outbound", "inbound"]


# -- one interaction per message and counterpart ---------------------------------------------


def test_one_row_per_recipient_with_bcc_and_names(tmp_path):
    m = sent(
        to="Bob Sample <bob@example.org>, =?UTF-8?B?w4ltaWxl?= <emile@example.fr>",
        extra="Cc: carl@example.net\nBcc: dora@example.com",
    )
    data = loaded(tmp_path, m)
    assert sorted(data.interactions["contact_id"]) == [
        "bob@example.org",
        "carl@example.net",
        "dora@example.com",
        "emile@example.fr",
    ]
    names = dict(zip(data.contacts["contact_id"], data.contacts["name"], strict=True))
    assert names["emile@example.fr"] == "Émile" and names["bob@example.org"] == "Bob Sample"
    assert pd.isna(names["carl@example.net"])


def test_raw_utf8_and_groups(tmp_path):
    m = sent(
        to="Zoë Ng <zoe@example.org>, Team: carl@example.net, dora@example.com;, undisclosed-recipients:;"
    )
    data = loaded(tmp_path, m)
    assert sorted(data.interactions["contact_id"]) == [
        "carl@example.net",
        "dora@example.com",
        "zoe@example.org",
    ]
    assert "Zoë Ng" in data.contacts["name"].tolist()


def test_ids_are_stable_and_ref_follows_in_reply_to(tmp_path):
    a = sent(mid="q1@example.com")
    b = msg(mid="a1@example.org", extra="In-Reply-To: <q1@example.com>")
    one, two = loaded(tmp_path, a, b), loaded(tmp_path, a, b, name="again.mbox")
    assert one.interactions["interaction_id"].tolist() == two.interactions["interaction_id"].tolist()
    ix = one.interactions.set_index("direction")
    assert ix.loc["inbound", "ref"] == ix.loc["outbound", "interaction_id"]


def test_ref_needs_the_same_counterpart(tmp_path):
    a = sent(mid="q1@example.com")
    b = msg(frm="Carl <carl@example.net>", extra="In-Reply-To: <q1@example.com>")
    assert loaded(tmp_path, a, b).interactions["ref"].isna().all()


# -- exclusions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (msg(labels="Spam"), "Gmail label Spam"),
        (msg(labels="Trash,Inbox"), "Gmail label Trash"),
        (sent(labels="Sent,Drafts"), "Gmail label Draft"),
        (sent(labels="Draft"), "Gmail label Draft"),
        (msg(labels="Chat"), "Gmail label Chat"),
        (msg(labels="Inbox,Category Promotions"), "Gmail category Promotions (inbound)"),
        (msg(labels="Inbox,Category Updates"), "Gmail category Updates (inbound)"),
        (msg(labels="Category Forums"), "Gmail category Forums (inbound)"),
        (msg(labels="Category Social"), "Gmail category Social (inbound)"),
        (msg(extra="List-Id: <jobs.lists.example.org>"), "bulk or list mail (List-Id header)"),
        (
            msg(extra="List-Unsubscribe: <mailto:u@example.org>"),
            "bulk or list mail (List-Unsubscribe header)",
        ),
        (msg(extra="Precedence: bulk"), "bulk mail (Precedence: bulk)"),
        (msg(extra="Precedence: list"), "bulk mail (Precedence: list)"),
        (msg(extra="Precedence: junk"), "bulk mail (Precedence: junk)"),
        (msg(extra="Auto-Submitted: auto-replied"), "automatic mail (Auto-Submitted: auto-replied)"),
        (msg(frm="No Reply <no-reply@jobs.example.com>"), "automatic sender address (no-reply)"),
        (msg(frm="noreply@example.com"), "automatic sender address (noreply)"),
        (msg(frm="do-not-reply@example.com"), "automatic sender address (do-not-reply)"),
        (msg(frm="donotreply@example.com"), "automatic sender address (donotreply)"),
        (msg(frm="notifications@example.com"), "automatic sender address (notifications)"),
        (msg(frm="notification@example.com"), "automatic sender address (notification)"),
        (msg(frm="MAILER-DAEMON@example.com"), "automatic sender address (mailer-daemon)"),
        (msg(frm="postmaster@example.com"), "automatic sender address (postmaster)"),
        (msg(frm="bounce-123@example.com"), "automatic sender address (bounce-123)"),
        (msg(frm="calendar-notification@google.com"), "automatic sender address (calendar-notification)"),
        (msg(frm="invitations@linkedin.example"), "automatic sender address (invitations)"),
        (sent(to=ADA), "note to self (the counterpart is an owner address)"),
    ],
)
def test_each_exclusion_with_its_reason(tmp_path, message, reason):
    data = loaded(tmp_path, sent(to="Zed <zed@example.org>"), message)
    assert data.excluded["reason"].tolist() == [reason]
    assert data.sources[["rows_read", "loaded", "excluded"]].values.tolist() == [[2, 1, 1]]


def test_ordinary_mail_is_kept(tmp_path):
    kept = [
        msg(extra="Auto-Submitted: no"),
        msg(extra="X-Auto-Response-Suppress: All"),
        sent(labels="Sent,Category Updates"),
        msg(labels="Inbox,Category Personal"),
    ]
    data = loaded(tmp_path, *kept)
    assert len(data.excluded) == 0 and len(data.interactions) == 4


def test_broadcast_threshold(tmp_path):
    five = ", ".join(f"p{i}@example.org" for i in range(5))
    six = ", ".join(f"q{i}@example.org" for i in range(6))
    data = loaded(tmp_path, sent(to=five + ", " + ADA), sent(to=six))
    assert len(data.interactions) == 5
    reasons = data.excluded["reason"].value_counts().to_dict()
    assert reasons == {
        "note to self (the counterpart is an owner address)": 1,
        "broadcast: sent to 6 people (more than max_recipients=5)": 6,
    }
    assert data.sources[["rows_read", "loaded", "excluded"]].values.tolist() == [[12, 5, 7]]
    assert len(load(write(tmp_path, sent(to=six)), OPT.with_(max_recipients=6)).interactions) == 6


def test_duplicates_across_label_files_are_excluded_once(tmp_path):
    folder = tmp_path / "Takeout" / "Mail"
    folder.mkdir(parents=True)
    a = sent(mid="same@example.com")
    (folder / "Sent.mbox").write_bytes(a)
    (folder / "Job search.mbox").write_bytes(a.replace(b"Sent", b"Sent,Job search", 1))
    data = load(tmp_path / "Takeout", OPT)
    assert len(data.interactions) == 1
    assert data.excluded["reason"].str.startswith(
        "the same message and counterpart were already read"
    ).tolist() == [True]


# -- dates and bad input ----------------------------------------------------------------------


def test_date_falls_back_to_the_separator(tmp_path):
    data = loaded(tmp_path, sent(), msg(date=None), msg(date="Montag, 6. Januar 2020"))
    assert data.interactions["at"].iloc[1:].tolist() == [pd.Timestamp("2026-01-05 09:00", tz="UTC")] * 2
    assert data.problems.empty
    assert "2 message(s) had no readable Date" in data.notes["note"].iloc[0]


def test_no_date_and_no_separator_is_a_problem_naming_the_message(tmp_path):
    folder = tmp_path / "emls"
    folder.mkdir()
    (folder / "a.eml").write_bytes(sent(sep="", date=None, mid="nodate@example.com"))
    (folder / "b.eml").write_bytes(sent(sep="", to="Carl <carl@example.net>"))
    data = load(folder, OPT)
    assert len(data.interactions) == 1
    (reason,) = data.problems["reason"].tolist()
    assert "message 1" in reason and "<nodate@example.com>" in reason and "Date missing" in reason
    assert data.problems["column"].tolist() == ["Date"]


def test_zone_less_and_two_digit_dates(tmp_path):
    data = loaded(
        tmp_path,
        sent(date="Mon, 5 Jan 2026 10:00:00 -0000"),
        sent(to="c@example.net", date="Mon, 5 Jan 26 10:00:00 +0100"),
    )
    assert data.interactions["at"].tolist() == [
        pd.Timestamp("2026-01-05 10:00", tz="UTC"),
        pd.Timestamp("2026-01-05 09:00", tz="UTC"),
    ]


def test_future_date_is_a_problem(tmp_path):
    data = loaded(tmp_path, sent(), sent(to="c@example.net", date="Mon, 5 Jan 2099 10:00:00 +0000"))
    assert (
        "outside" in data.problems["reason"].iloc[0]
        or "after the load time" in data.problems["reason"].iloc[0]
    )


def test_no_from_address_is_a_problem(tmp_path):
    data = loaded(tmp_path, sent(), msg(frm="undisclosed"))
    assert "no readable From address" in data.problems["reason"].iloc[0]


def test_broken_folding_and_truncated_last_message(tmp_path):
    folded = sent(to="Bob Sample\r\n <bob@example.org>,\r\n\tcarl@example.net")
    truncated = b"From 1@xxx Mon Jan 05 09:00:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nFrom: Dora <dora@example.com>\r\nDate: Mon, 5 Jan 2026 11:00:00 +0000"
    data = loaded(tmp_path, folded, truncated)
    assert sorted(data.interactions["contact_id"]) == [
        "bob@example.org",
        "carl@example.net",
        "dora@example.com",
    ]


def test_binary_garbage_is_a_problem_not_a_crash(tmp_path):
    p = tmp_path / "garbage.mbox"
    p.write_bytes(bytes(range(256)) * 40)
    data = load(p, OPT)
    assert data.sources[["rows_read", "problems"]].values.tolist()[0][1] >= 1
    assert "does not start with an mbox separator" in " ".join(data.problems["reason"])


def test_garbage_headers_inside_messages(tmp_path):
    junk = b"From 1@xxx Mon Jan 05 09:00:00 +0000 2026\r\n\x00\xff\xfe: \x01\r\nFrom: <<<>>>\r\n\r\n"
    data = loaded(tmp_path, sent(), junk, msg())
    assert len(data.interactions) == 2 and len(data.problems) == 1


# -- containers ---------------------------------------------------------------------------------


def test_maildir_flags(tmp_path):
    md = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (md / sub).mkdir(parents=True)
    (md / "cur" / "1.M1:2,S").write_bytes(sent(sep="", labels=None))
    (md / "cur" / "2.M2:2,ST").write_bytes(sent(sep="", labels=None, to="c@example.net"))
    (md / "cur" / "3.M3:2,D").write_bytes(sent(sep="", labels=None, to="d@example.net"))
    (md / "new" / "4.M4").write_bytes(msg(sep="", labels=None))
    (md / "tmp" / "5.M5").write_bytes(msg(sep="", labels=None))
    assert sniff(md)
    data = load(md, OPT.with_(me=("ada@example.com",)))
    assert data.interactions["contact_id"].tolist() == ["bob@example.org", "bob@example.org"]
    assert sorted(data.excluded["reason"]) == ["draft (Maildir flag D)", "trashed (Maildir flag T)"]


def test_thunderbird_expunged_and_apple_package(tmp_path):
    tb = b"From - Mon Jan 05 10:00:00 2026\r\nX-Mozilla-Status: 0009\r\n"
    box = (
        sent(labels=None, sep="From - Mon Jan 05 10:00:00 2026")
        + tb
        + sent(labels=None, sep="")[0:]
        + msg(labels=None, sep="From - Mon Jan 05 10:00:00 2026")
    )
    pkg = tmp_path / "Inbox.mbox"
    pkg.mkdir()
    (pkg / "mbox").write_bytes(box)
    (pkg / "table_of_contents").write_bytes(b"\x00\x01")
    assert sniff(pkg)
    data = load(pkg, OPT.with_(me=("ada@example.com",)))
    assert data.excluded["reason"].tolist() == ["deleted in Thunderbird (X-Mozilla-Status expunged flag)"]
    assert len(data.interactions) == 2


# -- privacy and properties ---------------------------------------------------------------------


def _all_text(data) -> str:
    return " ".join(
        getattr(data, name).astype("str").to_csv(index=False)
        for name in ("contacts", "interactions", "problems", "excluded", "sources", "notes", "owner")
    )


def test_bodies_and_subjects_never_reach_a_table(tmp_path):
    data = loaded(tmp_path, sent(), msg(), msg(labels="Spam"), msg(date="garbage SECRETDATE", sep=""))
    text = _all_text(after_merge(data))
    assert "SECRETBODY" not in text and "SECRETSUBJECT" not in text


def test_one_way_senders_and_accounting_after_merge(tmp_path):
    data = loaded(tmp_path, sent(), msg(), msg(frm="Stranger <stranger@example.net>"))
    merged = after_merge(data)
    assert merged.interactions["contact_id"].tolist() == ["bob@example.org", "bob@example.org"]
    assert merged.excluded["reason"].tolist() == [
        "unknown one-way sender: inbound only, never written to, and no known contact"
    ]
    assert "stranger@example.net" not in merged.contacts["contact_id"].tolist()
    inv = merged.inventory()
    assert inv[["rows_read", "loaded", "excluded", "problems"]].values.tolist() == [[3, 2, 1, 0]]
