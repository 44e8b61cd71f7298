"""Sample data that tells a story: one fictional seeker, their tracker, and a cohort of twelve.

:func:`generate_sample` (``netlytics sample OUT_DIR``) regenerates ``data/sample/``
deterministically: the same seed gives the same bytes, and no clock is read. Everyone in it is
fictional (see :mod:`netlytics.sample.story`).

Layout written::

    README.md                        what each file is and the story
    linkedin/Basic_LinkedInDataExport_03-31-2026.zip   Robin Example's LinkedIn export (2026 format)
    tracker.xlsx                     Robin Example's tracker (also a filled-in template)
    template.xlsx                    the empty tracker template to copy
    cohort/README.txt                a note for the coach (the cohort loader skips it)
    cohort/client-NN-<name>.xlsx     a client's tracker workbook
    cohort/client-NN-<name>.csv      a client's single CSV of interactions
    cohort/client-NN-<name>/         a sub-folder: a LinkedIn export plus a tracker, or CSVs
    takeout/takeout-…-001.zip        Robin's Google Takeout (mbox, calendar, contacts)
    mail-only/sam/                   Sam Inboxley: a LinkedIn export and a Takeout, no tracker
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from netlytics.sample.linkedin_writer import write_export
from netlytics.sample.story import AS_OF, COHORT, ROBIN, SAM, START, SeekerStory, make_story
from netlytics.sample.takeout_writer import takeout_name, write_takeout
from netlytics.sample.template import write_csv, write_tracker

__all__ = ["DEFAULT_SEED", "EXPORT_NAME", "TAKEOUT_NAME", "SAM_INDEX", "generate_sample", "cohort_stories"]

#: The seed of the committed ``data/sample``.
DEFAULT_SEED = 20260101
#: File name of the sample LinkedIn exports (the date is the story's as_of, MM-DD-YYYY).
EXPORT_NAME = f"Basic_LinkedInDataExport_{AS_OF:%m-%d-%Y}.zip"
#: File name of the sample Google Takeouts (created at the story's as_of).
TAKEOUT_NAME = takeout_name(AS_OF)
#: Random stream of the second sample seeker (after Robin, 0, and the cohort, 1-12).
SAM_INDEX = 13


def _tracker_files(story: SeekerStory, path: Path) -> list[Path]:
    """The story's tracker as one workbook at ``path``."""
    t = story.tracker
    return [
        write_tracker(path, contacts=t.contacts, interactions=t.interactions, applications=t.applications)
    ]


def cohort_stories(*, seed: int = DEFAULT_SEED) -> list[SeekerStory]:
    """The twelve cohort clients' stories (client ``i`` uses random stream ``i``).

    Parameters
    ----------
    seed
        Seed of the whole sample.

    Returns
    -------
    list of SeekerStory
        In cohort order.

    See Also
    --------
    generate_sample : writes them.

    Raises
    ------
    Nothing: every cohort profile is valid.

    Examples
    --------
    >>> [s.habits.slug for s in cohort_stories()][:3]
    ['avery', 'blake', 'casey']
    """
    return [make_story(h, seed=seed, index=i) for i, h in enumerate(COHORT, start=1)]


def _write_client(story: SeekerStory, folder: Path, number: int) -> list[Path]:
    """One cohort client's files in the client's layout (seeker column left empty)."""
    h = story.habits
    # a coach's files name the client by file or folder: the seeker column stays empty
    t = story.tracker
    t = replace(
        t,
        contacts=t.contacts.assign(seeker=None),
        interactions=t.interactions.assign(seeker=None),
        applications=t.applications.assign(seeker=None),
    )
    story = replace(story, tracker=t)
    stem = f"client-{number:02d}-{h.slug}"
    if h.layout == "xlsx":
        return _tracker_files(story, folder / f"{stem}.xlsx")
    if h.layout == "csv":
        return [write_csv(folder / f"{stem}.csv", t.interactions, table="interactions")]
    if h.layout == "csv_folder":
        sub = folder / stem
        return [
            write_csv(sub / "contacts.csv", t.contacts, table="contacts"),
            write_csv(sub / "interactions.csv", t.interactions, table="interactions"),
            write_csv(sub / "applications.csv", t.applications, table="applications"),
        ]
    if h.layout == "export_folder":
        sub = folder / stem
        written = [write_export(sub / EXPORT_NAME, story.export, era="2026")]
        return written + _tracker_files(story, sub / "tracker.xlsx")
    raise ValueError(
        f"Unknown layout {h.layout!r} for client {h.slug!r}; expected xlsx, csv, csv_folder, export_folder."
    )


_COHORT_NOTE = """This folder is a career coach's cohort of twelve fictional clients.
Load it with netlytics.load_cohort("data/sample/cohort") or `netlytics inspect --cohort`.
Each client-NN-<name> file or sub-folder is one client. This README is not a client.
All people and companies are invented.
"""


def _readme(robin: SeekerStory, clients: list[SeekerStory]) -> str:
    """The sample's ``README.md`` (Robin and the cohort), counts taken from the stories."""
    t = robin.tracker
    spec = robin.export
    lines = [
        "# Sample data (fictional)",
        "",
        "Generated by `netlytics sample data/sample` (seeded, no clock): do not edit by hand; change",
        "`netlytics/sample/` and regenerate. Every person, company and address is invented; e-mail",
        "domains use the reserved `.example` top-level domain.",
        "",
        f"The story runs from {START:%A %d %B %Y} to {AS_OF:%A %d %B %Y} (the default `as_of`).",
        "",
        "## One seeker: Robin Example",
        "",
        f"Robin {ROBIN.habit}.",
        "",
        f'- `linkedin/{EXPORT_NAME}`: Robin\'s LinkedIn "Download your data" export in the 2026 format:',
        f"  Profile, Connections ({len(spec.connections)} rows, with the 3-line preamble and one ghost row),",
        f"  messages ({len(spec.messages)} rows, including one draft and one sponsored message that",
        f"  netlytics leaves out), Invitations ({len(spec.invitations)}), endorsements and recommendations",
        f"  given and received, `Jobs/Job Applications.csv` ({len(spec.job_applications)} Easy Apply",
        "  applications) and Company Follows.",
        f"- `tracker.xlsx`: Robin's tracker: {len(t.contacts)} contacts, {len(t.interactions)} interactions",
        "  (meetings, calls, e-mails, texts, thank-you notes, leads, gifts given and received) and",
        f"  {len(t.applications)} applications made outside LinkedIn. Contacts are spelled a little",
        '  differently from the export (no accents, ", MBA", URLs with a trailing slash or `http://`),',
        "  so loading both shows how netlytics merges one person seen in two files:",
        f'  `netlytics.load(["data/sample/linkedin/{EXPORT_NAME}", "data/sample/tracker.xlsx"])`.',
        "- `template.xlsx`: the same workbook with no rows: copy it to start your own tracker. Every",
        "  header has a comment, the `Data dictionary` sheet explains each column, and `channel`,",
        "  `direction`, `kind`, `via` and `status` offer drop-down lists.",
        "",
        "## A cohort of twelve: `cohort/`",
        "",
        "Each client has one habit that the charts make plain (or none: the good examples).",
        "",
        "| File | Client | Habit | Contacts | Interactions | Applications |",
        "|---|---|---|---|---|---|",
    ]
    for i, c in enumerate(clients, start=1):
        h, ct = c.habits, c.tracker
        suffix = {"xlsx": ".xlsx", "csv": ".csv"}.get(h.layout, "/")
        lines.append(
            f"| `client-{i:02d}-{h.slug}{suffix}` | {h.name} | {h.habit} | {len(ct.contacts)} | "
            f"{len(ct.interactions)} | {len(ct.applications)} |"
        )
    lines += [
        "",
        "Sub-folders ending in `/` hold a LinkedIn export zip plus `tracker.xlsx` (one client seen in",
        "two sources), or `contacts.csv`, `interactions.csv` and `applications.csv`. A single CSV holds",
        "interactions only: its people are matched by name. `cohort/README.txt` is a note, not a client.",
        "",
        'Load everything with `netlytics.load_cohort("data/sample/cohort")`.',
        "",
    ]
    return "\n".join(lines)


def _mail_readme(robin: SeekerStory, sam: SeekerStory) -> str:
    """The ``README.md`` section on the Takeouts, counts taken from the stories."""

    def counts(story: SeekerStory) -> tuple[int, int]:
        ix = story.tracker.interactions
        meetings = ix["kind"].eq("meeting") & ix["channel"].isin(["in_person", "video", "phone"])
        return int((ix["channel"] == "email").sum()), int(meetings.sum())

    r_mail, r_meet = counts(robin)
    s_mail, s_meet = counts(sam)
    return "\n".join(
        [
            "",
            "## Mailbox and calendar: `takeout/` and `mail-only/`",
            "",
            f"- `takeout/{TAKEOUT_NAME}`: Robin's Google Takeout: `Mail/All mail Including Spam and",
            f"  Trash.mbox` ({r_mail} e-mails from the tracker's story plus newsletters, job alerts, spam, a",
            "  draft, a broadcast, a note to self and strangers, all of which netlytics leaves out),",
            f"  `Calendar/` ({r_meet} meetings, a weekly series with an exception and a cancellation, an",
            "  all-day event, a room-only block, a webinar and a declined meeting) and",
            "  `Contacts/All Contacts/All Contacts.vcf`. It records the same e-mails and meetings as",
            "  `tracker.xlsx`: load it with the export instead of the tracker.",
            f"- `mail-only/sam/`: {SAM.name}, who {SAM.habit}. Only a LinkedIn",
            f"  export and a Takeout ({s_mail} e-mails, {s_meet} meetings); loaded together,",
            f'  `netlytics.load(["data/sample/mail-only/sam/{EXPORT_NAME}",',
            f'  "data/sample/mail-only/sam/{TAKEOUT_NAME}"])` measures all four mistakes with no tracker',
            "  (thank-yous are inferred from e-mails sent within 24 hours of a meeting).",
            "",
        ]
    )


def generate_sample(out_dir: str | Path, *, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the whole sample (see the module docstring) into ``out_dir``.

    Parameters
    ----------
    out_dir
        Target folder (created). Files with the same names are overwritten; other files are
        left alone.
    seed
        Seed of every random choice. The committed ``data/sample`` uses :data:`DEFAULT_SEED`.

    Returns
    -------
    list of Path
        Every file written, sorted.

    See Also
    --------
    netlytics.sample.story.make_story : one seeker's story.
    netlytics.sample.template.write_tracker : the workbooks.

    Raises
    ------
    OSError
        When ``out_dir`` cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = generate_sample(tmp)
    ...     print(len(files), sorted({p.suffix for p in files}))
    24 ['.csv', '.md', '.txt', '.xlsx', '.zip']
    """
    out = Path(out_dir)
    robin = make_story(ROBIN, seed=seed, index=0)
    clients = cohort_stories(seed=seed)
    written = [write_export(out / "linkedin" / EXPORT_NAME, robin.export, era="2026")]
    written += _tracker_files(robin, out / "tracker.xlsx")
    written.append(write_tracker(out / "template.xlsx"))
    cohort = out / "cohort"
    for i, story in enumerate(clients, start=1):
        written += _write_client(story, cohort, i)
    note = cohort / "README.txt"
    note.write_text(_COHORT_NOTE, encoding="utf-8")
    written.append(
        write_takeout(out / "takeout" / TAKEOUT_NAME, robin, (ROBIN.name, robin.export.owner_email))
    )
    sam = make_story(SAM, seed=seed, index=SAM_INDEX)
    written.append(write_export(out / "mail-only" / "sam" / EXPORT_NAME, sam.export, era="2026"))
    written.append(
        write_takeout(out / "mail-only" / "sam" / TAKEOUT_NAME, sam, (SAM.name, sam.export.owner_email))
    )
    readme = out / "README.md"
    readme.write_text(_readme(robin, clients) + _mail_readme(robin, sam), encoding="utf-8")
    return sorted([*written, note, readme])
