"""Merging the sources of one seeker: a LinkedIn export plus one or more trackers.

The same person seen in an export and in a tracker is one contact (docs/spec/METRICS.md section 1): each
tracker contact is matched to the export's contacts by normalised profile URL, then e-mail, then
normalised name (a name match is refused when both sides carry different profile URLs). A matched
tracker contact takes the export contact's ``contact_id`` everywhere (interactions' contact and
introduced, applications' contact) and fills the export contact's empty fields (e-mail, company,
position); its own contact row is then dropped, so contacts stay one row per person. A name that
matches several export contacts is ambiguous: it is left unmatched and reported. The counts go
into ``notes`` (topic ``merge``).

The seeker is ``seeker=``, else the export's owner (from its Profile.csv), else the first part's
seeker; it is applied to every table of every part.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from netlytics import identity, schema
from netlytics.data import TABLE_NAMES, NetworkData
from netlytics.errors import InputError
from netlytics.loaders._base import Builder, refuse_links
from netlytics.loaders._options import LoadOptions

__all__ = ["merge_sources", "split_mixed_folder"]

_TABLES = TABLE_NAMES


def _is_export(part: NetworkData) -> bool:
    return bool(
        (part.contacts["origin"] == "linkedin").any() or (part.interactions["origin"] == "linkedin").any()
    )


def _note(seeker: str, note: str) -> pd.DataFrame:
    return pd.DataFrame({"seeker": [seeker], "source": [None], "topic": ["merge"], "note": [note]})


def _match_keys(contacts: pd.DataFrame) -> pd.DataFrame:
    """Contact ids and names with the three match keys (a contact_id that is a URL counts as one)."""
    cid = contacts["contact_id"]
    url = identity.normalise_url(contacts["profile_url"])
    return pd.DataFrame(
        {
            "contact_id": cid,
            "name": contacts["name"],
            "_url": url.where(url.notna(), cid.where(cid.str.startswith("http"))),
            "_email": identity.normalise_email(contacts["email"]),
            "_name": identity.normalise_name(contacts["name"]),
        },
        index=contacts.index,
    )


def _match(reference: pd.DataFrame, other: pd.DataFrame) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """old contact_id -> reference contact_id, counts per key, and ambiguity notes."""
    ref, oth = _match_keys(reference), _match_keys(other)
    in_ref = oth["contact_id"].isin(ref["contact_id"])
    same = oth.loc[in_ref, "contact_id"]
    counts = {
        "url": int(same.str.startswith("http").sum()),
        "email": int(same.str.contains("@", regex=False).sum()),
        "name": int(same.str.startswith("name:").sum()),
    }
    mapping: dict[str, str] = {}
    notes: list[str] = []
    remaining = oth[~in_ref]
    for key in ("_url", "_email", "_name"):
        r = ref[ref[key].notna()]
        sizes = r.drop_duplicates([key, "contact_id"])[key].value_counts()
        first = r.drop_duplicates(key).set_index(key)  # the reference's first row of each key
        left = remaining[remaining[key].notna()]
        if key == "_name":
            _ambiguous(left[left[key].isin(sizes.index[sizes.to_numpy() > 1])], r, notes)
        hit = left[left[key].isin(sizes.index[sizes.to_numpy() == 1])]
        new = hit[key].map(first["contact_id"])
        if key != "_url":
            ref_url = hit[key].map(first["_url"])
            conflict = (hit["_url"].notna() & ref_url.notna() & (hit["_url"] != ref_url)).to_numpy()
            hit, new = hit[~conflict], new[~conflict]
        for old, ref_id in zip(hit["contact_id"].tolist(), new.tolist(), strict=True):
            mapping.setdefault(old, ref_id)
        counts[key[1:]] += hit["contact_id"].nunique()
        remaining = remaining[~remaining["contact_id"].isin(mapping)]
    return mapping, counts, notes


def _ambiguous(amb: pd.DataFrame, r: pd.DataFrame, notes: list[str]) -> None:
    """A note per tracker contact whose name matches several reference contacts."""
    for _, row in amb.iterrows():  # loop over the (few) ambiguous names only
        ids = sorted(r.loc[r["_name"] == row["_name"], "contact_id"].unique())
        notes.append(
            f"Tracker contact {row['name']!r} matches {len(ids)} export contacts by name "
            f"({', '.join(ids)}); it was left unmatched. Add a profile URL or e-mail to the tracker."
        )


def _remap(part: NetworkData, mapping: dict[str, str]) -> NetworkData:
    if not mapping:
        return part
    tables = {}
    i = part.interactions
    tables["interactions"] = i.assign(
        contact_id=i["contact_id"].replace(mapping), introduced=i["introduced"].replace(mapping)
    )
    a = part.applications
    tables["applications"] = a.assign(contact_id=a["contact_id"].replace(mapping))
    tables["contacts"] = part.contacts.assign(contact_id=part.contacts["contact_id"].replace(mapping))
    return part.replace(**tables)


def _with_seeker(part: NetworkData, seeker: str) -> NetworkData:
    tables = {}
    for name in _TABLES:
        df = getattr(part, name)
        tables[name] = df.assign(seeker=pd.Series(seeker, index=df.index, dtype="str"))
    return part.replace(**tables)


def _one_row_per_contact(contacts: pd.DataFrame) -> pd.DataFrame:
    """One row per person: the first (export) row, with empty fields filled from later rows."""
    if not len(contacts):
        return contacts
    filled = contacts.groupby(["seeker", "contact_id"], sort=False, dropna=False).first()
    first_rows = contacts.drop_duplicates(["seeker", "contact_id"]).set_index(["seeker", "contact_id"])
    for col in ("name", "company", "position", "email", "profile_url", "connected_on"):
        first_rows[col] = first_rows[col].where(first_rows[col].notna(), filled[col])
    return schema.conform("contacts", first_rows.reset_index()[schema.CONTACTS.columns])


_ORIGIN_WORDS = {
    "tracker": "tracker",
    "email": "mailbox",
    "calendar": "calendar",
    "addressbook": "address-book",
}


def _kinds_of(parts: list[NetworkData]) -> str:
    """What the merged sources are, in words ("tracker", "mailbox, calendar and address-book")."""
    origins = pd.concat([p.contacts["origin"] for p in parts] + [p.interactions["origin"] for p in parts])
    words = [w for o, w in _ORIGIN_WORDS.items() if (origins == o).any()] or ["other"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def merge_sources(parts: list[NetworkData], *, seeker: str | None = None) -> NetworkData:
    """Merge several sources of one seeker (an export and trackers) into one container.

    Parameters
    ----------
    parts
        Loaded sources, e.g. ``[load_export(zip), load_tracker(xlsx)]``.
    seeker
        The seeker's name. Default: the export's owner name, else the first part's seeker.

    Returns
    -------
    NetworkData
        One seeker; tracker contacts matched to export contacts take the export's
        ``contact_id``; notes (topic ``merge``) give the match counts and ambiguous names.

    Raises
    ------
    SchemaError
        A part's tables do not conform (they come from netlytics' own loaders, so never in use).

    See Also
    --------
    split_mixed_folder : an export folder with trackers beside it.
    netlytics.load : merges the paths of one seeker with this.

    Examples
    --------
    >>> import pandas as pd
    >>> export = NetworkData(contacts=pd.DataFrame({
    ...     "seeker": ["Ana Example"], "contact_id": ["https://www.linkedin.com/in/bo-li"],
    ...     "name": ["Bo Li"], "profile_url": ["https://www.linkedin.com/in/bo-li"], "origin": ["linkedin"]}))
    >>> tracker = NetworkData(
    ...     contacts=pd.DataFrame({"seeker": ["ana"], "contact_id": ["name:bo li"], "name": ["BO LI"],
    ...                            "email": ["bo@example.org"], "origin": ["tracker"]}),
    ...     interactions=pd.DataFrame({"seeker": ["ana"], "interaction_id": ["t1"], "contact_id": ["name:bo li"],
    ...         "at": ["2025-01-06"], "channel": ["in_person"], "direction": ["outbound"], "kind": ["meeting"],
    ...         "origin": ["tracker"]}))
    >>> merged = merge_sources([export, tracker])
    >>> merged.interactions[["seeker", "contact_id"]].to_dict("records")
    [{'seeker': 'Ana Example', 'contact_id': 'https://www.linkedin.com/in/bo-li'}]
    >>> merged.contacts[["contact_id", "email"]].to_dict("records")
    [{'contact_id': 'https://www.linkedin.com/in/bo-li', 'email': 'bo@example.org'}]
    """
    parts = list(parts)
    if not parts:
        return NetworkData()
    exports = [p for p in parts if _is_export(p)]
    if seeker is None:
        named = [s for p in exports for s in p.seekers] or [s for p in parts for s in p.seekers]
        seeker = named[0] if named else "seeker"
    parts = [_with_seeker(p, seeker) for p in parts]
    exports = [p for p in parts if _is_export(p)]
    others = [p for p in parts if not _is_export(p)] if exports else parts[1:]
    reference = NetworkData.concat(exports or parts[:1])
    ref_contacts = reference.contacts.drop_duplicates(["seeker", "contact_id"])
    merged_parts, notes, summary = _match_others(ref_contacts, others)
    data = NetworkData.concat([reference, *merged_parts])
    if others:
        against = "the LinkedIn export" if exports else "the first source"
        notes.insert(0, _merge_note(others, against, *summary))
    note_frames = [data.notes] + [_note(seeker, n) for n in notes]
    return data.replace(
        contacts=_one_row_per_contact(data.contacts),
        interactions=unique_ids(data.interactions, "interaction_id", refs=True),
        applications=unique_ids(data.applications, "application_id", refs=False),
        notes=pd.concat(note_frames, ignore_index=True),
    )


def _match_others(
    ref_contacts: pd.DataFrame, others: list[NetworkData]
) -> tuple[list[NetworkData], list[str], tuple[dict[str, int], int, int]]:
    """Each other source with its contacts matched to the reference's ids; the ambiguity notes;
    and (matches by key, contacts of the others, contacts not in the reference)."""
    merged_parts, notes = [], []
    totals = {"url": 0, "email": 0, "name": 0}
    unmatched = n_other = 0
    for part in others:  # a loop over sources, not rows
        mapping, counts, amb = _match(ref_contacts, part.contacts)
        notes.extend(amb)
        for k, v in counts.items():
            totals[k] += v
        n_other += part.contacts["contact_id"].nunique()
        part = _remap(part, mapping)
        unmatched += int((~part.contacts["contact_id"].isin(ref_contacts["contact_id"])).sum())
        merged_parts.append(part)
    return merged_parts, notes, (totals, n_other, unmatched)


def _merge_note(
    others: list[NetworkData], against: str, totals: dict[str, int], n_other: int, unmatched: int
) -> str:
    """The note (topic ``merge``) counting the contacts matched, by key."""
    kind = _kinds_of(others)
    return (
        f"Merged {len(others)} {kind} source(s) with {against}: "
        f"{sum(totals.values())} of {n_other} {kind} contacts matched ({totals['url']} by profile URL, "
        f"{totals['email']} by e-mail, {totals['name']} by name); {unmatched} are not in "
        f"{'the export' if against == 'the LinkedIn export' else 'the first source'}."
    )


def unique_ids(df: pd.DataFrame, id_col: str, *, refs: bool) -> pd.DataFrame:
    """Make ids unique within the seeker: a repeated id from a later source gets '<source>:' in front."""
    dup = df.duplicated(["seeker", id_col], keep="first")
    if not dup.any():
        return df
    df = df.copy()
    prefixed = (df["source"].fillna("source") + ":" + df[id_col]).where(dup, df[id_col])
    if refs:
        # refs written in a renamed row's source point at that source's own ids
        key = df["source"].fillna("") + "\x1f" + df[id_col]
        renamed = pd.Series(prefixed[dup].to_numpy(), index=key[dup].to_numpy())
        ref_key = df["source"].fillna("") + "\x1f" + df["ref"]
        new_ref = ref_key.map(renamed).astype("str")
        df["ref"] = new_ref.where(new_ref.notna(), df["ref"])
    df[id_col] = prefixed
    return df


def nested_exports(folder: Path) -> list[Path]:
    """LinkedIn exports inside ``folder`` other than the folder itself (zips and unpacked
    sub-folders at its top level, export zips one level down). Symbolic links and hidden
    entries are never opened."""
    from netlytics.loaders.linkedin import export_roots

    return [p for p in export_roots(Path(folder)) if p != Path(folder)]


def _tracker_candidates(folder: Path) -> list[Path]:
    """Tracker files of ``folder`` that are not files of a LinkedIn export."""
    from netlytics.loaders import tracker
    from netlytics.loaders.linkedin.catalogue import is_export_path

    return [p for p in tracker.tracker_files(folder) if not is_export_path(p)]


def _is_tracker(f: Path, options: LoadOptions, seeker: str) -> bool:
    """A CSV beside an export is a tracker when at least one of its rows loads as one."""
    from netlytics.loaders import tracker

    try:
        part = tracker.load_files([f], seeker=seeker, mapping=options.mapping, tz=options.tz,
                                  dayfirst=options.dayfirst, as_of=options.future_after)  # fmt: skip
    except InputError:
        return False
    return bool(len(part.sources)) and int(part.sources["loaded"].sum()) > 0


def _load_trackers(
    files: list[Path], refused: list[Path], options: LoadOptions, seeker: str, beside_export: bool
):
    """The trackers of a folder as one tracker. Beside an export, a CSV none of whose rows
    loads as a tracker row is a note (a user's own file), not a failure."""
    from netlytics.loaders import tracker

    notes = []
    if beside_export:
        keep = []
        for f in files:  # the few CSV files beside an export
            if f.suffix.lower() != ".csv" or _is_tracker(f, options, seeker):
                keep.append(f)
            else:
                notes.append(
                    f"{f.name} is neither a file of the LinkedIn export nor a tracker; it was skipped."
                )
        files = keep
    if not files:
        return None, notes
    part = tracker.load_files(files, seeker=seeker, mapping=options.mapping, tz=options.tz,
                              dayfirst=options.dayfirst, as_of=options.future_after,
                              earliest=options.earliest, refused=refused)  # fmt: skip
    return part, notes


def split_mixed_folder(
    path: str | os.PathLike,
    options: LoadOptions | None = None,
    *,
    seeker: str | None = None,
    mapping=None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    content: bool = False,
    as_of=None,
    trackers: NetworkData | None = None,
) -> list[NetworkData]:
    """The parts of a folder that holds LinkedIn exports (unpacked, zipped, or in a sub-folder)
    and trackers: ``[exports, trackers]``, ready for :func:`merge_sources`.

    The exports are loaded together (each file once, periodic downloads merged: see
    :mod:`netlytics.loaders.linkedin.combine`). Files of the export are never read as trackers;
    the other tracker files of the folder are loaded together as one tracker (so a contacts.csv
    beside an interactions.csv resolves people), named after the folder unless a seeker is
    given; a file that is neither is a note. Symbolic links are reported once, never followed.
    ``trackers``: the folder's trackers already loaded (by :func:`netlytics.load_cohort`, with
    other clients' trackers), for a folder without links whose trackers are all workbooks.
    """
    from netlytics.loaders import linkedin, tracker

    if options is None:
        options = LoadOptions(seeker=seeker, mapping=mapping, tz=tz, dayfirst=dayfirst, content=content,
                              future_after=as_of)  # fmt: skip
    folder = Path(path)
    parts: list[NetworkData] = []
    exports = linkedin.load_exports(folder, seeker=options.seeker, content=options.content,
                                    owner_url=options.owner_url)  # fmt: skip
    if exports is not None:
        parts.append(exports)
    # linked sub-folders and zips are reported here; linked export files by the export loader
    # (when the folder itself is an export), linked trackers by load_files: each once
    links = [p for p in folder.iterdir() if p.is_symlink() and (p.is_dir() or p.suffix.lower() == ".zip")]
    in_export = bool(exports is not None and folder in linkedin.export_roots(folder))
    linked = [p for p in tracker.linked_files(folder) if not (in_export and linkedin.is_export_file(p.name))]
    name = options.seeker or folder.name
    if trackers is not None:
        loaded, notes = trackers, []
    else:
        loaded, notes = _load_trackers(
            _tracker_candidates(folder), links + linked, options, name, exports is not None
        )
    if loaded is not None:
        parts.append(loaded)
    elif links or linked:
        b = Builder(seeker=name)
        refuse_links(b, links + linked)
        parts.append(b.build())
    if notes:
        who = parts[0].owner["seeker"].iloc[0] if parts and len(parts[0].owner) else name
        extra = pd.DataFrame({"seeker": who, "source": None, "topic": "files", "note": notes})
        if parts:
            parts[0] = parts[0].replace(notes=pd.concat([parts[0].notes, extra], ignore_index=True))
    return parts
