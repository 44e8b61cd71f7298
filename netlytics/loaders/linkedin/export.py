"""One export in, canonical tables out: :func:`parse_export` (bytes) and :func:`load_export` (a path).

Parsing order: ``Profile.csv`` and ``Invitations.csv`` first (who the owner is), then
``Connections.csv`` (who the contacts are), then everything else; then the people met in
messages, invitations and endorsements who are not connections become contacts, and the
owner's identifiers become the ``owner`` table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import InputError
from netlytics.identity import normalise_url
from netlytics.loaders._base import Builder
from netlytics.loaders._io import read_csv_bytes
from netlytics.loaders.archive import READ_ERRORS
from netlytics.loaders.linkedin import catalogue, owner
from netlytics.loaders.linkedin.common import Context, exclude, read
from netlytics.loaders.linkedin.files import ExportFile, Survey, survey

__all__ = ["parse_export", "load_export", "survey_notes"]

# the order files are parsed in: who the owner is and who the contacts are come first
_ORDER = ["profile", "email addresses", "connections", "invitations", "messages"]


def _as_files(files: list[ExportFile] | dict[str, bytes]) -> list[ExportFile]:
    if isinstance(files, dict):
        items = []
        for member, data in files.items():
            key = catalogue.key_of(member)
            if key and key[0] in catalogue.PARSERS:
                items.append(ExportFile(member, member, lambda d=data: d, *key))
        files = items
    rank = {s: i for i, s in enumerate(_ORDER)}
    return sorted(files, key=lambda f: (rank.get(f.stem, len(_ORDER)), f.stem, f.part, f.member.lower()))


def _prescan(files: list[ExportFile]) -> tuple[str | None, str | None, str | None, str]:
    """(Profile name, Invitations URL, Invitations name, how the URL was found) before parsing."""
    profile_name = inv_url = inv_name = None
    how = ""
    for f in files:
        if f.stem not in ("profile", "invitations"):
            continue
        try:
            t = read_csv_bytes(f.read(), expected=None, name=f.source)
        except READ_ERRORS:
            continue  # the parser reports the problem
        if f.stem == "profile" and {"First Name", "Last Name"} <= set(t.frame.columns) and len(t.frame):
            row = t.frame.iloc[0]
            profile_name = (
                profile_name or f"{row['First Name'].strip()} {row['Last Name'].strip()}".strip() or None
            )
        elif f.stem == "invitations" and inv_url is None:
            inv_url, name, how = owner.from_invitations(t)
            inv_name = inv_name or name
    return profile_name, inv_url, inv_name, how


def _legacy_duplicate(ctx: Context, f: ExportFile) -> None:
    got = read(ctx, f, "interactions", [])
    if got is not None:
        t, _ = got
        col = t.frame.columns[0] if t.frame.shape[1] else ""
        exclude(ctx, f, t, "interactions", pd.Series(True, index=t.frame.index), col,
                "legacy duplicate of Endorsement_Received_Info.csv (which is loaded instead)")  # fmt: skip


def _owner_notes(ctx: Context, has_messages: bool) -> None:
    b = ctx.builder
    if ctx.owner_url:
        b.note(f"The owner's profile URL is {ctx.owner_url}, found from {ctx.owner_how}.", topic="owner")
    elif ctx.owner_unknown:
        b.note(
            f"The export's owner could not be told ({ctx.owner_how or 'no Profile.csv, no URL in Invitations.csv'}), "
            "so the direction of its messages is unknown: they are listed as problems. Pass your own "
            "profile URL (owner_url='https://www.linkedin.com/in/...', or --owner-url) to load them.",
            topic="owner",
        )
    elif ctx.owner_how and ctx.owner_how.startswith("by name: "):
        b.note(
            "The owner's profile URL could not be found (no URL columns in Invitations.csv, and no URL in "
            f"nearly every conversation); message direction comes from {ctx.owner_how[9:]}.",
            topic="owner",
        )
    elif ctx.owner_how:
        b.note(f"Message direction comes from the {ctx.owner_how}.", topic="owner")


def _context(files: list[ExportFile], *, seeker, content, name, owner_url) -> Context:
    """The parsing context, with the owner's name and URL when known before parsing."""
    profile_name, inv_url, inv_name, how = _prescan(files)
    owner_name = profile_name or inv_name
    final = seeker or owner_name or name
    ctx = Context(builder=Builder(seeker=final), seeker=final, content=content, owner_name=owner_name)
    if inv_name and not profile_name:
        ctx.owner_rows.append(("name", inv_name, "Invitations.csv"))
    if owner_url:
        ctx.owner_url, ctx.owner_how = normalise_url(pd.Series([owner_url])).iloc[0], "owner_url= (given)"
        ctx.owner_rows.append(("profile_url", ctx.owner_url, "owner_url="))
    elif inv_url:
        ctx.owner_url, ctx.owner_how = inv_url, how
        ctx.owner_rows.append(("profile_url", inv_url, "Invitations.csv"))
    return ctx


def parse_export(
    files: list[ExportFile] | dict[str, bytes],
    *,
    seeker: str | None = None,
    content: bool = False,
    name: str = "export",
    owner_url: str | None = None,
) -> NetworkData:
    """Parse an export's files into canonical tables.

    Parameters
    ----------
    files
        From :func:`~netlytics.loaders.linkedin.files.find_files`, or ``{member path: bytes}``
        (tests feed small bytes).
    seeker
        The seeker's name; default: the owner's name (Profile.csv, else Invitations.csv),
        else ``name``.
    content
        Add a ``content`` column to interactions (message bodies, invitation notes,
        recommendation texts).
    name
        The export's name (a zip's file name), used as the seeker of last resort.
    owner_url
        The owner's own profile URL, when the export cannot tell it.

    Returns
    -------
    NetworkData

    See Also
    --------
    load_export

    Examples
    --------
    >>> data = parse_export({
    ...     "Profile.csv": b"First Name,Last Name,Headline\\nAda,Quill,Fictional\\n",
    ...     "Connections.csv": b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...                        b"Zo\\xc3\\xab,NA,https://www.linkedin.com/in/zo%C3%AB-na,,Acme ,CTO,05 Mar 2024\\n"
    ...                        b",,,,,,29 Jan 2024"})
    >>> data.contacts[["seeker", "contact_id", "name", "company"]]
      seeker                         contact_id    name company
    0  Ada Quill  https://www.linkedin.com/in/zoë-na  Zoë NA    Acme
    >>> data.inventory()[["source", "rows_read", "loaded", "excluded"]]
                source  rows_read  loaded  excluded
    0  Connections.csv          2       1         1
    1      Profile.csv          1       0         1
    >>> data.owner[["kind", "value", "source"]]
       kind      value       source
    0  name  Ada Quill  Profile.csv
    """
    files = _as_files(files)
    ctx = _context(files, seeker=seeker, content=content, name=name, owner_url=owner_url)
    modern_endorse = any(f.stem == "endorsement_received_info" for f in files)
    for f in files:
        if f.stem == "endorsement received info" and modern_endorse:
            _legacy_duplicate(ctx, f)
        else:
            catalogue.PARSERS[f.stem](ctx, f)
    _owner_notes(ctx, any(f.stem == "messages" for f in files))
    _add_extra_contacts(ctx)
    data = ctx.builder.build().replace(owner=owner.owner_rows(ctx.seeker, ctx.owner_rows))
    if content:
        i = data.interactions
        col = i["content"].astype("str") if "content" in i.columns else pd.Series(dtype="str")
        data = data.replace(interactions=i.assign(content=col))
    return data


def _add_extra_contacts(ctx: Context) -> None:
    """People met in messages, invitations, endorsements or recommendations but not in
    Connections become contacts too (without connected_on). They are not counted in the
    inventory: their rows are counted in the file they come from."""
    frames = [e for e in ctx.extra_contacts if len(e)]
    if not frames:
        return
    extra = pd.concat(frames, ignore_index=True)
    extra = extra[extra["contact_id"].notna() & ~extra["contact_id"].isin(ctx.known_ids)]
    if not len(extra):
        return
    extra = extra.assign(has_name=extra["name"].notna()).sort_values(
        "has_name", ascending=False, kind="stable"
    )
    extra = extra.drop_duplicates("contact_id").drop(columns="has_name")
    extra = extra.assign(seeker=ctx.seeker, origin="linkedin")
    ctx.builder.add("contacts", schema.conform("contacts", extra), counted=False)


def survey_notes(found: Survey, seeker: str, *, label: str | None = None) -> pd.DataFrame:
    """Notes about an export's ignored, foreign and skipped files (one sentence each kind).

    Examples
    --------
    >>> s = Survey(Path("e"), ignored=["Ads Clicked.csv", "Reviews.csv"], foreign=["mine.csv"])
    >>> survey_notes(s, "Ada")["note"].tolist()[0]
    '2 files of the export are not about networking and were skipped (Ads Clicked.csv, Reviews.csv).'
    """
    where = f"{label}: " if label else ""
    notes = []
    if found.ignored:
        shown = ", ".join(sorted(found.ignored, key=str.lower)[:8]) + (
            ", ..." if len(found.ignored) > 8 else ""
        )
        n = len(found.ignored)
        notes.append(("files", f"{where}{n} file{'s' if n != 1 else ''} of the export "
                               f"{'are' if n != 1 else 'is'} not about networking and "
                               f"{'were' if n != 1 else 'was'} skipped ({shown})."))  # fmt: skip
    for name in found.foreign:
        notes.append(
            ("files", f"{where}{name} is not a file of LinkedIn's export; it was not read as part of it.")
        )
    for name, why in found.skipped:
        notes.append(("files", f"{where}the archive member {name!r} was skipped: {why}."))
    return pd.DataFrame(
        {"seeker": seeker, "source": label, "topic": [t for t, _ in notes], "note": [n for _, n in notes]},
        columns=["seeker", "source", "topic", "note"],
    ).astype("str")


def load_export(
    path: str | Path, *, seeker: str | None = None, content: bool = False, owner_url: str | None = None
) -> NetworkData:
    """Load one LinkedIn "Download your data" export.

    Parameters
    ----------
    path
        The export as a zip, an unpacked folder, or one CSV file from it.
    seeker
        The seeker's name; default: the owner's name (Profile.csv, else Invitations.csv), else
        the file or folder name.
    content
        Also load message bodies (and invitation notes, recommendation texts) as an extra
        ``content`` column on interactions. Off by default: no metric needs them.
    owner_url
        The owner's own profile URL, when the export cannot tell it.

    Returns
    -------
    NetworkData
        contacts, interactions (kinds message, invitation, endorsement, recommendation;
        channel linkedin; origin linkedin), applications (via online), follows, events,
        owner, excluded (with reasons), problems, sources and notes (topics coverage, owner,
        resaved, files).

    Raises
    ------
    InputError
        When ``path`` does not exist or holds no LinkedIn export file.

    See Also
    --------
    parse_export, netlytics.load
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file or folder: {str(path)!r}.")
    found = survey(path)
    single = path.is_file() and path.suffix.lower() != ".zip"
    return load_survey(found, seeker=seeker, content=content, owner_url=owner_url, single=single)


def load_survey(
    found: Survey,
    *,
    seeker: str | None,
    content: bool,
    owner_url: str | None,
    single: bool = False,
    label: bool = False,
) -> NetworkData:
    """Parse a :class:`Survey`'s files and add its notes (see :func:`load_export`)."""
    from netlytics.loaders.linkedin.files import find_files

    if not found.files:
        if single:
            raise InputError(f"{str(found.root)!r} holds no LinkedIn export file netlytics reads.")
        find_files(found.root)  # raises the precise reason
    root = found.root
    name = found.name if not single else (root.name or "export")
    data = parse_export(found.files, seeker=seeker, content=content, name=name, owner_url=owner_url)
    notes = survey_notes(
        found, data.seekers[0] if data.seekers else name, label=found.root.name if label else None
    )
    if len(notes):
        data = data.replace(notes=pd.concat([data.notes, notes], ignore_index=True))
    return data
