"""Several exports of one owner in one place: copies loaded once, periodic downloads merged.

- **The same file twice** (the zip and its unpacked copy, a copy one level up): files with
  identical bytes are read once; a note names both places. An export all of whose files were
  already read is skipped with one note.
- **Periodic downloads** (the same owner's exports taken months apart; ``Invitations.csv`` only
  covers recent months): their tables are stacked and rows that are the same record count once
  (same message: kind, person, time and direction; same invitation; same connection; same
  application, follow or event). The later copies of a record are excluded with a reason naming
  the first, so ``rows_read = loaded + excluded + problems`` still holds per file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from netlytics import schema
from netlytics.data import TABLE_NAMES, NetworkData
from netlytics.loaders._base import issue_frame
from netlytics.loaders.linkedin.export import load_survey
from netlytics.loaders.linkedin.files import Survey, export_roots, survey

__all__ = ["load_exports", "merge_exports", "drop_copies"]

#: Columns that make two rows of a table the same record.
RECORD_KEYS = {
    "contacts": ["contact_id"],
    "interactions": ["kind", "contact_id", "at", "direction"],
    "applications": ["company", "role", "applied_at"],
    "follows": ["company", "followed_at"],
    "events": ["name", "starts_at"],
}
_DATE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


def _export_date(p: Path) -> str:
    m = _DATE.search(p.name)
    return f"{m[3]}{m[1]}{m[2]}" if m else ""


def drop_copies(surveys: list[Survey]) -> tuple[list[Survey], list[str]]:
    """Remove files whose bytes were already seen in an earlier survey; notes naming both places."""
    seen: dict[str, str] = {}
    kept, notes = [], []
    for s in surveys:
        files, copies = [], []
        for f in s.files:
            digest = f.digest()
            where = f.source if ":" in f.source or "/" in f.source else f"{s.root.name}/{f.source}"
            if digest is not None and digest in seen:
                copies.append((where, seen[digest]))
            else:
                if digest is not None:
                    seen[digest] = where
                files.append(f)
        if copies and not files:
            first = sorted({b.split("/")[0].split(":")[0] for _, b in copies})
            notes.append(f"{s.root.name} holds the same files as {', '.join(first)}; it was loaded once.")
            continue
        notes.extend(f"{a} is the same file as {b}; it was loaded once." for a, b in copies)
        kept.append(Survey(s.root, files, s.ignored, s.foreign, s.skipped))
    return kept, notes


def _drop_repeats(df: pd.DataFrame, table: str, first_source: pd.Series) -> pd.DataFrame:
    """Issue rows for the later copies of records (counted rows only)."""
    return issue_frame(
        source=df["source"].astype("str"),
        rows=df["source_row"] if "source_row" in df.columns else None,
        column=RECORD_KEYS[table][0],
        value=df[RECORD_KEYS[table][0]].astype("str"),
        reason="the same record as in " + first_source.astype("str") + " (another export of the same owner); counted once",
    ) if len(df) else None  # fmt: skip


def merge_exports(parts: list[NetworkData], *, seeker: str) -> NetworkData:
    """Stack the exports of one owner; a record seen in several counts once.

    Parameters
    ----------
    parts
        Loaded exports, the one to keep first (the newest) first.
    seeker
        The seeker's name for every table.

    Returns
    -------
    NetworkData

    See Also
    --------
    load_exports
    """
    parts = [p.replace(**{n: getattr(p, n).assign(seeker=seeker) for n in TABLE_NAMES}) for p in parts]
    data = NetworkData.concat(parts)
    tables, excluded, moved = {}, [data.excluded], []
    for table, key in RECORD_KEYS.items():
        df = getattr(data, table)
        if not len(df):
            continue
        dup = df.duplicated(key, keep="first") & df[key].notna().all(axis=1)
        src = df["source"].astype("str")
        part_of = df.groupby(key, dropna=False, sort=False)["source"].transform("first").astype("str")
        dup = dup & (part_of != src)  # a record repeated within one file is that file's own business
        counted = dup & (table != "contacts" or src.str.lower().str.endswith("connections.csv"))
        rows = _drop_repeats(df[counted], table, part_of[counted])
        if rows is not None:
            excluded.append(rows.assign(seeker=seeker))
            moved.append(df.loc[counted, "source"].value_counts().rename_axis("source").reset_index(name="n")
                         .assign(table=table))  # fmt: skip
        tables[table] = df[~dup].reset_index(drop=True)
    sources = data.sources.copy()
    for m in moved:
        for _, r in m.iterrows():  # one row per (source, table): a handful
            at = (sources["source"] == r["source"]) & (sources["table"] == r["table"])
            sources.loc[at, "loaded"] -= r["n"]
            sources.loc[at, "excluded"] += r["n"]
    n_dup = sum(int(m["n"].sum()) for m in moved)
    note = pd.DataFrame([{"seeker": seeker, "source": None, "topic": "merge",
                          "note": f"Merged {len(parts)} exports of the same owner: {n_dup} records found in "
                          "more than one export were counted once."}])  # fmt: skip
    owner = data.owner.drop_duplicates(["kind", "value"]).reset_index(drop=True)
    return data.replace(
        **tables,
        excluded=schema.conform("excluded", pd.concat(excluded, ignore_index=True)),
        sources=sources,
        owner=owner,
        notes=pd.concat([data.notes, note], ignore_index=True),
    )


def _unique_interaction_ids(data: NetworkData) -> NetworkData:
    from netlytics.loaders.merge import unique_ids

    return data.replace(
        interactions=unique_ids(data.interactions, "interaction_id", refs=True),
        applications=unique_ids(data.applications, "application_id", refs=False),
    )


def _prefix(path: Path, root: Path) -> str:
    """How the sources of an export found inside ``path`` start (empty for ``path`` itself)."""
    if root == path or not root.is_dir():
        return ""
    return root.relative_to(path).as_posix() + "/"


def load_exports(
    path: Path, *, seeker: str | None = None, content: bool = False, owner_url: str | None = None
) -> NetworkData | None:
    """Every export in ``path`` (itself, zips and unpacked copies beside it), each file read
    once, periodic downloads merged. None when ``path`` holds no export.

    Parameters
    ----------
    path
        A zip, a folder, or one file of an export.
    seeker, content, owner_url
        As for :func:`~netlytics.loaders.linkedin.export.load_export`.

    Returns
    -------
    NetworkData or None

    Raises
    ------
    InputError
        When an archive is refused or unreadable.

    See Also
    --------
    merge_exports
    """
    path = Path(path)
    roots = export_roots(path) if path.is_dir() else [path]
    if not roots:
        return None
    surveys = [survey(r, prefix=_prefix(path, r)) for r in roots]
    # the newest export first (its date is in its name), then the fullest one
    surveys.sort(key=lambda s: (_export_date(s.root), len(s.files)), reverse=True)
    notes: list[str] = []
    if len(surveys) > 1:
        surveys, notes = drop_copies(surveys)
    single = path.is_file() and path.suffix.lower() != ".zip"
    parts = [
        load_survey(s, seeker=seeker, content=content, owner_url=owner_url, single=single) for s in surveys
    ]
    if len(parts) == 1:
        data = parts[0]
    else:
        names = [s for p in parts for s in p.owner.loc[p.owner["kind"] == "name", "value"]]
        data = _unique_interaction_ids(
            merge_exports(parts, seeker=seeker or (names[0] if names else path.name))
        )
        urls = {u for p in parts for u in p.owner.loc[p.owner["kind"] == "profile_url", "value"]}
        if len(set(names)) > 1 or len(urls) > 1:
            notes.append(
                f"These exports seem to belong to different people ({', '.join(sorted(set(names) or urls))}); "
                "they were merged as one seeker. Load them one by one, or as a cohort (netlytics.load_cohort)."
            )
    if notes:
        who = data.owner["seeker"].iloc[0] if len(data.owner) else (seeker or path.name)
        extra = pd.DataFrame({"seeker": who, "source": None, "topic": "duplicates", "note": notes})
        data = data.replace(notes=pd.concat([data.notes, extra], ignore_index=True))
    return data
