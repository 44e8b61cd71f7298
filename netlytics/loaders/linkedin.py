"""Load a LinkedIn "Download your data" export (zip, unpacked folder, or one file from it).

Reading is separate from parsing:

- :func:`find_files` lists an export's files (zip members are read in memory, never extracted)
  and groups numbered splits (``<stem>_1.csv`` ...) under their stem;
- :data:`PARSERS` maps each export file (by lower-cased stem) to one parser function, in the
  way dogsheep/twitter-to-sqlite's ``archive.py`` maps each archive file to one transform;
- :func:`parse_export` turns ``{member path: bytes}`` into :class:`~netlytics.data.NetworkData`,
  so tests can feed small bytes;
- :func:`load_export` = :func:`find_files` + :func:`parse_export`.

Every row read is accounted for (``rows_read = loaded + excluded + problems`` per file; see
``data.inventory()``). What is read from each file, how each era is handled and why rows are
excluded is documented in ``docs/linkedin.md``.
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.errors import FormatError, InputError, ResavedFileWarning
from netlytics.identity import contact_key, normalise_email, normalise_name, normalise_url
from netlytics.loaders._base import Builder, issue_frame
from netlytics.loaders._io import CsvTable, read_csv_bytes

__all__ = [
    "PARSERS",
    "sniff",
    "find_files",
    "parse_export",
    "load_export",
    "ExportFile",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "MAX_RATIO",
    "MAX_MEMBERS",
]

#: Largest uncompressed size of one zip member netlytics reads (1 GiB; a real messages.csv of a
#: million messages is about 200 MB).
MAX_MEMBER_BYTES = 1 << 30
#: Largest total uncompressed size of the members of an export zip (4 GiB).
MAX_TOTAL_BYTES = 4 << 30
#: Largest compression ratio (uncompressed / compressed) of a member bigger than 1 MiB: CSV text
#: compresses 5 to 30 times; zip bombs a thousand times and more.
MAX_RATIO = 200
#: Most entries an export zip may list (real exports hold fewer than a hundred).
MAX_MEMBERS = 10_000
_READ_ERRORS = (
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)

# --- reading ---------------------------------------------------------------------------------

_SPLIT = re.compile(r"^(?P<stem>.+?)_(?P<n>\d+)$")


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: where it is and how to get its bytes."""

    member: str  # path inside the export (posix), e.g. "Jobs/Job Applications.csv"
    source: str  # "<zip name>:<member>" or the member path for a folder
    read: Callable[[], bytes]
    stem: str  # registry key (lower-cased stem without a split number)
    part: int  # split number (0 when not split)


def _registry_key(member: str) -> tuple[str, int] | None:
    p = PurePosixPath(member)
    if p.suffix.lower() != ".csv":
        return None
    stem = p.stem.lower()
    if stem in PARSERS:
        return stem, 0
    m = _SPLIT.match(stem)
    if m and m["stem"] in PARSERS:
        return m["stem"], int(m["n"])
    return None


def _unsafe_member(name: str) -> bool:
    """An absolute member name, a drive letter or a ``..`` part (a "zip slip" name)."""
    norm = name.replace("\\", "/")
    return norm.startswith("/") or bool(re.match(r"^[A-Za-z]:", norm)) or ".." in norm.split("/")


def _member_check(zip_name: str, info: zipfile.ZipInfo) -> str | None:
    """Why a member must not be inflated (from its declared sizes), or None."""
    if _unsafe_member(info.filename):
        return "an unsafe member name (absolute or with '..'); netlytics never extracts to disk, and does not read it"
    if info.file_size > MAX_MEMBER_BYTES:
        return (
            f"it declares {info.file_size:,} bytes uncompressed, over the limit of {MAX_MEMBER_BYTES:,} "
            "(netlytics.loaders.linkedin.MAX_MEMBER_BYTES); not inflated"
        )
    if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (
            f"its compression ratio {info.file_size / max(info.compress_size, 1):,.0f}:1 is over the limit of "
            f"{MAX_RATIO}:1 (a zip bomb?); not inflated"
        )
    return None


def _read_member(path: Path, info: zipfile.ZipInfo) -> bytes:
    """Inflate one member in memory, in chunks, never past its declared size nor the limit
    (headers can lie: the bytes actually produced are counted)."""
    source = f"{path.name}:{info.filename}"
    why = _member_check(path.name, info)
    if why:
        raise FormatError(f"{source}: {why}.")
    cap = min(info.file_size, MAX_MEMBER_BYTES)
    chunks, total = [], 0
    try:
        with zipfile.ZipFile(path) as z, z.open(info) as fh:
            while True:
                chunk = fh.read(1 << 22)
                if not chunk:
                    break
                total += len(chunk)
                if total > cap:
                    raise FormatError(
                        f"{source}: inflates past its declared size of {info.file_size:,} bytes (a damaged "
                        "or forged archive); reading stopped."
                    )
                chunks.append(chunk)
    except FormatError:
        raise
    except _READ_ERRORS as err:
        raise FormatError(f"{source}: the member cannot be read ({type(err).__name__}: {err}).") from err
    return b"".join(chunks)


def _zip_files(path: Path) -> list[ExportFile]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        raise InputError(
            f"{path.name!r} is not a readable zip archive ({type(err).__name__}: {err}).",
            hint="Download the export again from LinkedIn (Settings > Data privacy > Get a copy of your data).",
        ) from err
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            f"{path.name!r} lists {len(infos):,} entries, over the limit of {MAX_MEMBERS:,} for an export "
            "(netlytics.loaders.linkedin.MAX_MEMBERS); it was not read."
        )
    declared = sum(i.file_size for i in infos if _registry_key(i.filename))
    if declared > MAX_TOTAL_BYTES:
        raise InputError(
            f"{path.name!r}: its export files declare {declared:,} bytes uncompressed, over the limit of "
            f"{MAX_TOTAL_BYTES:,} (netlytics.loaders.linkedin.MAX_TOTAL_BYTES); nothing was inflated."
        )

    files = []
    for info in infos:
        name = info.filename
        if name.endswith("/") or "__MACOSX" in name:
            continue
        key = _registry_key(name)
        if key:
            files.append(ExportFile(name, f"{path.name}:{name}", lambda i=info: _read_member(path, i), *key))
    return files


def _refused_link(rel: str, p: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            target = os.readlink(p)
        except OSError:
            target = "?"
        raise FormatError(
            f"{rel} is a symbolic link (to {target!r}); netlytics does not follow links inside an export "
            "folder. Copy the file into the folder instead."
        )

    return read


def _folder_files(path: Path) -> list[ExportFile]:
    """Export files in ``path`` and two levels of sub-folders. Symbolic links are not followed:
    a linked file named like an export file is listed with a reader that raises (so it becomes a
    problem row), and linked folders are not entered."""
    files = []
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        here = Path(dirpath)
        depth = len(here.relative_to(path).parts)
        if depth >= 2:
            dirnames[:] = []
        dirnames.sort()
        for fname in sorted(filenames):
            p = here / fname
            rel = p.relative_to(path).as_posix()
            key = _registry_key(rel)
            if not key:
                continue
            if p.is_symlink():
                files.append(ExportFile(rel, rel, _refused_link(rel, p), *key))
            elif p.is_file():
                files.append(ExportFile(rel, rel, p.read_bytes, *key))
    return files


def find_files(path: str | Path) -> list[ExportFile]:
    """The export files under ``path`` (a zip, a folder or one file), matched by basename,
    case-insensitively, anywhere in the archive; numbered splits sorted after their stem.

    Raises
    ------
    InputError
        When ``path`` holds no LinkedIn export file.
    """
    path = Path(path)
    if path.is_dir():
        files = _folder_files(path)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        files = _zip_files(path)
    elif path.is_file():
        key = _registry_key(path.name)
        files = [ExportFile(path.name, path.name, path.read_bytes, *key)] if key else []
        profile = path.parent / "Profile.csv"
        if files and files[0].stem != "profile" and profile.is_file():
            files.append(ExportFile(profile.name, profile.name, profile.read_bytes, "profile", 0))
    else:
        raise InputError(f"No such file or folder: {str(path)!r}.")
    if not files:
        nested = ""
        if path.is_file() and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                inner = [n for n in zf.namelist() if n.lower().endswith(".zip")]
            if inner:
                nested = (
                    f" It holds archive(s) {inner[:3]}: netlytics does not open archives inside archives; "
                    "unzip the outer one and load the inner zip."
                )
        raise InputError(
            f"{str(path)!r} is not a LinkedIn export: found no file named like an export file.{nested}",
            hint="Expected a 'Download your data' zip or folder holding files such as Connections.csv, "
            "messages.csv, Invitations.csv or Profile.csv.",
        )
    return sorted(files, key=lambda f: (f.stem, f.part, f.member.lower()))


def sniff(path: Path) -> bool:
    """True when ``path`` looks like a LinkedIn export: a zip or folder holding at least one
    export file (Connections.csv, messages.csv, Invitations.csv, Profile.csv, ...), or one
    such file.

    Examples
    --------
    >>> sniff(Path("Connections.csv")), sniff(Path("tracker.xlsx"))
    (True, False)
    """
    path = Path(path)
    try:
        if path.is_dir():
            return any(_registry_key(p.relative_to(path).as_posix()) for p in path.glob("*.csv")) or any(
                _registry_key(p.name) for p in path.glob("*/*.csv")
            )
        if path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
            with zipfile.ZipFile(path) as zf:
                return any(_registry_key(n) for n in zf.namelist())
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        return False
    return _registry_key(path.name) is not None


# --- parsing context -------------------------------------------------------------------------


@dataclass
class _Context:
    """State shared by the parsers of one export."""

    builder: Builder
    seeker: str
    content: bool
    owner_name: str | None = None
    owner_url: str | None = None
    owner_how: str | None = None
    known_ids: set = field(default_factory=set)
    name_map: dict = field(default_factory=dict)
    extra_contacts: list = field(default_factory=list)


_M_D_Y = "%m/%d/%y, %I:%M %p"
_RESAVED_DATES = ["%d-%b-%y", "%d-%b-%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y"]


def _parse_dates(
    s: pd.Series, formats: list[str], *, resaved: list[str] | None = None
) -> tuple[pd.Series, pd.Series, bool]:
    """Parse with the first matching format; return (timestamps ns UTC, bad mask, used_resaved).

    Formats are tried in order on the rows still unparsed (each format is vectorised). Empty
    strings are null, not bad.
    """
    s = s.astype("str").str.strip()
    out = pd.Series(pd.NaT, index=s.index, dtype=schema.TIMESTAMP)
    todo = s != ""
    used_resaved = False
    for i, fmt in enumerate(formats + (resaved or [])):
        if not todo.any():
            break
        part = s[todo]
        if fmt.endswith(" UTC") and part.str.endswith(" UTC").all():
            # drop the literal zone so ISO-like formats take pandas' fast path
            part, fmt = part.str.slice(0, -4), fmt[:-4]
        parsed = pd.to_datetime(part, format=fmt, utc=True, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            out[ok[ok].index] = parsed[ok].astype(schema.TIMESTAMP)
            todo[ok[ok].index] = False
            used_resaved = used_resaved or i >= len(formats)
    return out, todo, used_resaved


def _read(
    ctx: _Context, f: ExportFile, table: str, required: list[str], *, usecols: list[str] | None = None
) -> tuple[CsvTable, bool] | None:
    """Read a file, account for its rows, and check the core columns. None if unusable.

    A file that cannot be read at all (a damaged zip member, one over the size limits, bytes
    that are not delimited text) is one problem row; the other files still load.
    """
    b = ctx.builder
    try:
        t = read_csv_bytes(f.read(), expected=required, name=f.source, usecols=usecols)
    except _READ_ERRORS as err:
        b.read(f.source, table, 1)
        b.problem(
            issue_frame(source=f.source, reason=f"cannot read the file: {err}"), table=table, rows_count=1
        )
        return None
    n = len(t.frame) + len(t.bad_records)
    b.read(f.source, table, n)
    missing = [c for c in required if c not in t.frame.columns]
    if missing:
        b.problem(
            issue_frame(
                source=f.source,
                column=", ".join(missing),
                reason=f"{f.member} is missing column(s) {missing}; found {list(t.frame.columns)}. "
                "The other files of the export were still loaded.",
            ),
            table=table,
            rows_count=n,
        )
        return None
    if t.bad_records:
        width = t.frame.shape[1]
        b.problem(
            issue_frame(
                source=f.source,
                rows=t.bad_lines if len(t.bad_lines) == len(t.bad_records) else None,
                value=pd.Series([",".join(r)[:200] for r in t.bad_records], dtype="str")
                if len(t.bad_lines) == len(t.bad_records)
                else " | ".join(",".join(r)[:200] for r in t.bad_records[:3]),
                reason=f"a record with more fields than the header's {width}",
            ),
            table=table,
            rows_count=None if len(t.bad_lines) == len(t.bad_records) else len(t.bad_records),
        )
    signs = t.resaved_signs
    if signs:
        _resaved(ctx, f, signs)
    return t, bool(signs)


def _resaved(ctx: _Context, f: ExportFile, signs: list[str]) -> None:
    msg = (
        f"{f.member} looks re-saved by a spreadsheet program ({', '.join(signs)}); it was loaded, "
        "but check it against the original export."
    )
    warnings.warn(msg, ResavedFileWarning, stacklevel=4)
    ctx.builder.note(msg, topic="resaved", source=f.source)


def _bad_dates(
    ctx: _Context, f: ExportFile, t: CsvTable, table: str, column: str, bad: pd.Series, allowed: str
):
    if bad.any():
        idx = bad.to_numpy()
        ctx.builder.problem(
            issue_frame(
                source=f.source,
                rows=t.lines[idx],
                column=column,
                value=t.frame.loc[idx, column].reset_index(drop=True),
                reason=f"unparseable date in {f.member}, column {column!r}; expected {allowed}",
            ),
            table=table,
        )


def _unique_apply(func, *cols: pd.Series) -> pd.Series:
    """Apply a vectorised identity function to the distinct values only (exports repeat the
    same few thousand people over a million rows), then broadcast back."""
    combined = np.zeros(len(cols[0]), dtype="int64")
    uniques = []
    for c in cols:
        codes, values = pd.factorize(c, use_na_sentinel=False)
        combined = combined * (len(values) + 1) + codes
        uniques.append((codes, values))
    key_codes, first_pos = np.unique(combined, return_index=True)
    inverse = np.searchsorted(key_codes, combined)
    parts = [
        pd.Series(np.asarray(values, dtype=object)[codes[first_pos]], dtype="str")
        for codes, values in uniques
    ]
    result = func(*parts).reset_index(drop=True)
    out = result.take(inverse)
    out.index = cols[0].index
    return out.astype("str")


def _first_of_each(*cols: pd.Series) -> np.ndarray:
    """Positions of the first row of each distinct combination of ``cols`` (nulls count as a
    value), in row order: ``drop_duplicates`` on integer codes, much faster on text."""
    combined = np.zeros(len(cols[0]), dtype="int64")
    for c in cols:
        codes, values = pd.factorize(c, use_na_sentinel=False)
        combined = combined * (len(values) + 1) + codes
    return np.sort(np.unique(combined, return_index=True)[1])


def _norm_url(s: pd.Series) -> pd.Series:
    return _unique_apply(normalise_url, s)


def _strip(s: pd.Series) -> pd.Series:
    s = s.astype("str").str.strip()
    return s.where(s != "")


def _resolve(ctx: _Context, url: pd.Series | None, name: pd.Series | None) -> pd.Series:
    """contact_id of each (url, name): a known contact by URL, else by unique normalised name,
    else the person's own key (URL, else name). Worked out once per distinct (url, name) pair
    and broadcast back (a million messages hold a few thousand pairs)."""

    def ids(*parts: pd.Series) -> pd.Series:
        u = parts[0] if url is not None else None
        n = parts[-1] if name is not None else None
        out = pd.Series(pd.NA, index=parts[0].index, dtype="str")
        if n is not None and ctx.name_map:
            by_name = normalise_name(n).map(ctx.name_map)
            out = by_name.astype("str").where(by_name.notna(), out)
        keys = {k: v for k, v in (("url", u), ("name", n)) if v is not None}
        own = contact_key(**keys)
        if u is not None:
            norm = normalise_url(u)
            out = norm.where(norm.isin(ctx.known_ids), out)
        return out.where(out.notna(), own).astype("str")

    return _unique_apply(ids, *(c for c in (url, name) if c is not None))


def _interactions(
    ctx: _Context,
    f: ExportFile,
    t: CsvTable,
    rows: np.ndarray,
    *,
    contact: pd.Series,
    at: pd.Series,
    direction: pd.Series | str,
    kind: str,
    content: pd.Series | None = None,
    names: pd.Series | None = None,
    urls: pd.Series | None = None,
) -> None:
    key = PurePosixPath(f.member).stem.lower().replace(" ", "_")
    lines = t.lines[rows]
    df = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "interaction_id": f"li:{key}:" + pd.Series(lines).astype(str),
            "contact_id": contact.reset_index(drop=True),
            "at": at.reset_index(drop=True),
            "channel": "linkedin",
            "direction": direction.reset_index(drop=True) if isinstance(direction, pd.Series) else direction,
            "kind": kind,
            "source": f.source,
            "source_row": lines,
            "origin": "linkedin",
        }
    )
    df = schema.conform("interactions", df)
    if ctx.content:
        df["content"] = (
            content.reset_index(drop=True).astype("str")
            if content is not None
            else pd.Series(None, index=df.index, dtype="str")
        )
    ctx.builder.add("interactions", df)
    if names is not None or urls is not None:
        # distinct people first, then normalise their URLs (a million rows, a few thousand people)
        cols = {"contact_id": contact, "name": names, "profile_url": urls}
        first = _first_of_each(*(c for c in cols.values() if c is not None))
        people = pd.DataFrame(
            {k: (v.iloc[first].reset_index(drop=True) if v is not None else None) for k, v in cols.items()}
        )
        if urls is not None:
            people["profile_url"] = normalise_url(people["profile_url"].astype("str"))
        ctx.extra_contacts.append(
            people.drop_duplicates(["contact_id", "name", "profile_url"]).assign(source=f.source)
        )


def _exclude(
    ctx: _Context, f: ExportFile, t: CsvTable, table: str, mask: pd.Series, column: str, reason: str
):
    if mask.any():
        idx = mask.to_numpy()
        ctx.builder.exclude(
            issue_frame(
                source=f.source,
                rows=t.lines[idx],
                column=column,
                value=t.frame.loc[idx, column].reset_index(drop=True) if column in t.frame.columns else "",
                reason=reason,
            ),
            table=table,
        )


# --- parsers (one per export file) ---------------------------------------------------------


def parse_profile(ctx: _Context, f: ExportFile) -> None:
    """Profile.csv: the owner's name (the default seeker). Its row is not a contact."""
    got = _read(ctx, f, "contacts", ["First Name", "Last Name"])
    if got is None:
        return
    t, _ = got
    if len(t.frame):
        first = t.frame["First Name"].iloc[0].strip()
        last = t.frame["Last Name"].iloc[0].strip()
        ctx.owner_name = f"{first} {last}".strip() or None
    everything = pd.Series(True, index=t.frame.index)
    _exclude(
        ctx,
        f,
        t,
        "contacts",
        everything,
        "First Name",
        "the account owner's own profile (gives the seeker's name)",
    )


def parse_connections(ctx: _Context, f: ExportFile) -> None:
    """Connections.csv: one contact per connection, with connected_on."""
    got = _read(ctx, f, "contacts", ["First Name", "Last Name", "Connected On"])
    if got is None:
        return
    t, resaved = got
    df = t.frame
    first = df["First Name"].str.strip()
    last = df["Last Name"].str.strip()
    url = df["URL"] if "URL" in df.columns else pd.Series("", index=df.index, dtype="str")
    email = (
        df["Email Address"] if "Email Address" in df.columns else pd.Series("", index=df.index, dtype="str")
    )
    ghost = (first == "") & (last == "") & (url.str.strip() == "") & (email.str.strip() == "")
    _exclude(ctx, f, t, "contacts", ghost, "Connected On",
             "ghost connection: a hidden or deactivated member (only the date is given); "
             "kept out of people-level tables")  # fmt: skip
    connected, bad, used = _parse_dates(df["Connected On"], ["%d %b %Y", _M_D_Y], resaved=_RESAVED_DATES)
    if used and not resaved:
        _resaved(ctx, f, ["dates such as '18-Jun-24'"])
    bad = bad & ~ghost
    _bad_dates(ctx, f, t, "contacts", "Connected On", bad, "a date like '16 Dec 2024' (or '1/8/18, 6:14 PM')")
    keep = ~ghost & ~bad
    name = (first + " " + last).str.strip()
    name = name.where(name != "")
    mail = normalise_email(email)
    cid = contact_key(url=url, email=mail, name=name)
    dup = cid.duplicated() & keep
    first_row = pd.Series(t.lines, index=df.index).groupby(cid).transform("first")
    dup_mask = dup & cid.notna()
    if dup_mask.any():
        idx = dup_mask.to_numpy()
        ctx.builder.exclude(
            issue_frame(
                source=f.source,
                rows=t.lines[idx],
                column="URL" if "URL" in df.columns else "First Name",
                value=cid[dup_mask].reset_index(drop=True),
                reason="the same person as an earlier row (row "
                + first_row[dup_mask].astype(str).reset_index(drop=True)
                + ")",
            ),
            table="contacts",
        )
    keep = keep & ~dup_mask
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "contact_id": cid[keep],
            "name": name[keep],
            "company": _strip(df.loc[keep, "Company"]) if "Company" in df.columns else None,
            "position": _strip(df.loc[keep, "Position"]) if "Position" in df.columns else None,
            "email": mail[keep],
            "profile_url": normalise_url(url[keep]),
            "connected_on": connected[keep],
            "source": f.source,
            "origin": "linkedin",
        }
    )
    ctx.builder.add("contacts", schema.conform("contacts", out))
    ctx.known_ids.update(out["contact_id"].dropna().tolist())
    keys = normalise_name(out["name"])
    counts = keys.value_counts()
    unique = keys[keys.isin(counts[counts == 1].index)]
    ctx.name_map.update(dict(zip(unique.tolist(), out.loc[unique.index, "contact_id"].tolist(), strict=True)))


def _owner_from_invitations(t: CsvTable) -> tuple[str | None, str]:
    df = t.frame
    if not {"inviterProfileUrl", "inviteeProfileUrl", "Direction"} <= set(df.columns):
        return None, ""
    d = df["Direction"].str.strip().str.upper()
    cand = pd.concat(
        [df.loc[d == "OUTGOING", "inviterProfileUrl"], df.loc[d == "INCOMING", "inviteeProfileUrl"]]
    )
    cand = normalise_url(cand).dropna()
    if not len(cand):
        return None, ""
    top = cand.value_counts()
    return (
        str(top.index[0]),
        f"Invitations.csv (the inviter of OUTGOING and invitee of INCOMING rows, {top.iloc[0]} of {len(cand)} rows)",
    )


def parse_invitations(ctx: _Context, f: ExportFile) -> None:
    """Invitations.csv: kind invitation; direction from Direction; the other person is the
    invitee of OUTGOING rows and the inviter of INCOMING rows."""
    got = _read(ctx, f, "interactions", ["From", "To", "Sent At", "Direction"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    d = df["Direction"].str.strip().str.upper()
    bad_dir = ~d.isin(["INCOMING", "OUTGOING"])
    if bad_dir.any():
        idx = bad_dir.to_numpy()
        ctx.builder.problem(
            issue_frame(source=f.source, rows=t.lines[idx], column="Direction",
                        value=df.loc[idx, "Direction"].reset_index(drop=True),
                        reason="Direction must be INCOMING or OUTGOING"),
            table="interactions",
        )  # fmt: skip
    at, bad, _ = _parse_dates(df["Sent At"], [_M_D_Y], resaved=_RESAVED_DATES)
    bad = bad & ~bad_dir
    _bad_dates(ctx, f, t, "interactions", "Sent At", bad, "a date like '12/15/24, 7:47 AM'")
    ok = ~bad_dir & ~bad & at.notna()
    missing_date = ~bad_dir & ~bad & at.isna()
    if missing_date.any():
        idx = missing_date.to_numpy()
        ctx.builder.problem(
            issue_frame(source=f.source, rows=t.lines[idx], column="Sent At", value="",
                        reason="empty date; every invitation needs 'Sent At'"),
            table="interactions",
        )  # fmt: skip
    out = d == "OUTGOING"
    name = df["To"].where(out, df["From"]).str.strip()
    if "inviteeProfileUrl" in df.columns:
        url = df["inviteeProfileUrl"].where(out, df["inviterProfileUrl"])
    else:
        url = None
    contact = _resolve(ctx, url, name)
    rows = ok.to_numpy()
    _interactions(
        ctx, f, t, rows,
        contact=contact[ok], at=at[ok],
        direction=pd.Series(np.where(out[ok], "outbound", "inbound"), index=ok[ok].index),
        kind="invitation",
        content=df.loc[ok, "Message"] if "Message" in df.columns else None,
        names=name[ok], urls=url[ok] if url is not None else None,
    )  # fmt: skip
    if ok.any():
        lo, hi = at[ok].min(), at[ok].max()
        days = int((hi - lo).days)
        ctx.builder.note(
            f"{f.member} covers only the last {days} days (from {lo:%Y-%m-%d} to {hi:%Y-%m-%d}); "
            "older invitations are not in the export.",
            topic="coverage",
            source=f.source,
        )


_MSG_LEGACY = ["From", "To", "Date", "Content", "Direction", "Folder"]
_MSG_MODERN = ["FROM", "SENDER PROFILE URL", "TO", "DATE", "CONTENT", "FOLDER"]


def _owner_from_messages(ctx: _Context, df: pd.DataFrame) -> tuple[str | None, str]:
    sender = df["SENDER PROFILE URL"]
    if "RECIPIENT PROFILE URLS" in df.columns:
        # count each row once per URL, working on the distinct (sender, recipients) pairs:
        # a million rows hold a few thousand of them
        pairs = (
            pd.DataFrame({"s": sender, "r": df["RECIPIENT PROFILE URLS"]})
            .groupby(["s", "r"], sort=False, dropna=False)
            .size()
            .rename("n")
            .reset_index()
        )
        pieces = pd.concat([pairs["s"], pairs["r"].str.split(",").explode().astype("str")]).sort_index(
            kind="stable"
        )
        urls = pd.DataFrame({"url": _norm_url(pieces), "pair": pieces.index}).dropna().drop_duplicates()
        if len(urls):
            counts = (
                urls.assign(n=pairs["n"].to_numpy()[urls["pair"].to_numpy()])
                .groupby("url", sort=False)["n"]
                .sum()
            )
            top = counts.sort_values(ascending=False, kind="stable")
            return str(top.index[0]), (
                f"messages.csv (the URL present in most rows: {top.iloc[0]} of {len(df)} rows)"
            )
        return None, ""
    sender = _norm_url(sender)
    # pre-2023: the most frequent sender URL among rows sent under the owner's name
    if ctx.owner_name:
        mine = df["FROM"].str.strip() == ctx.owner_name
        cand = sender[mine].dropna()
        if len(cand):
            top = cand.value_counts()
            return str(top.index[0]), (
                f"messages.csv (the sender URL of rows from {ctx.owner_name!r}: {top.iloc[0]} rows)"
            )
        return None, ""
    cand = sender.dropna()
    if len(cand):
        top = cand.value_counts()
        return str(top.index[0]), (
            f"messages.csv (the most frequent sender URL, {top.iloc[0]} rows; Profile.csv was missing, "
            "so this could not be cross-checked)"
        )
    return None, ""


_MSG_USED = {
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "CONTENT", "FOLDER", "IS MESSAGE DRAFT", "From", "To", "Date", "Content", "Direction", "Folder",
}  # fmt: skip


def parse_messages(ctx: _Context, f: ExportFile) -> None:
    """messages.csv (and the 2018 Messages.csv): kind message, channel linkedin."""
    try:
        raw = f.read()
    except _READ_ERRORS as err:
        ctx.builder.read(f.source, "interactions", 1)
        ctx.builder.problem(
            issue_frame(source=f.source, reason=f"cannot read the file: {err}"),
            table="interactions",
            rows_count=1,
        )
        return
    head = raw[:4096].decode("utf-8", errors="replace").lower()
    legacy = "conversation id" not in head and "sender profile url" not in head
    required = _MSG_LEGACY if legacy else _MSG_MODERN
    got = _read(
        ctx,
        ExportFile(f.member, f.source, lambda: raw, f.stem, f.part),
        "interactions",
        required,
        usecols=None if ctx.content else sorted(_MSG_USED),
    )
    raw = b""  # the frame holds what is needed; free the file's bytes (the closure shares them)
    if got is None:
        return
    t, _ = got
    df = t.frame
    if legacy:
        df = df.rename(columns={"From": "FROM", "To": "TO", "Date": "DATE", "Content": "CONTENT", "Folder": "FOLDER",
                                "Subject": "SUBJECT", "Direction": "DIRECTION"})  # fmt: skip
        t = CsvTable(
            df, t.lines, t.header_line, t.encoding, t.delimiter, t.bom, t.crlf, t.bad_records, t.bad_lines
        )
    folder = df["FOLDER"].str.strip().str.upper()
    title = df["CONVERSATION TITLE"].str.strip() if "CONVERSATION TITLE" in df.columns else ""
    sender_url = df["SENDER PROFILE URL"].str.strip() if "SENDER PROFILE URL" in df.columns else ""
    from_name = df["FROM"].str.strip()
    body = df["CONTENT"]
    draft = folder == ""
    if "IS MESSAGE DRAFT" in df.columns:
        draft = draft | (df["IS MESSAGE DRAFT"].str.strip().str.lower() == "yes")
    rules = [
        ("FOLDER", draft, "draft (never sent: empty FOLDER or IS MESSAGE DRAFT = Yes)"),
        ("CONVERSATION TITLE", title == "Sponsored Conversation", "sponsored message (advertising)"),
        ("FROM", (from_name == "LinkedIn Member") & (sender_url == ""),
         "'LinkedIn Member' without a profile URL (sponsored or hidden account)"),
        ("FOLDER", folder == "SPAM", "spam folder"),
        ("CONTENT", body.str.contains("spinmail-quill-editor", regex=False),
         "bulk InMail template (HTML with spinmail-quill-editor)"),
        ("CONTENT", body.str.strip() == "", "empty message (sticker, attachment or system row)"),
    ]  # fmt: skip
    left = pd.Series(True, index=df.index)
    for column, mask, reason in rules:
        if isinstance(mask, pd.Series):
            m = mask & left
            _exclude(ctx, f, t, "interactions", m, column, reason)
            left = left & ~m
    at, bad, _ = _parse_dates(
        df["DATE"],
        ["%Y-%m-%d %H:%M:%S UTC", _M_D_Y, "%Y-%m-%dT%H:%M:%S", "%B %d, %Y, %I:%M %p"],
        resaved=_RESAVED_DATES,
    )
    bad = (bad | at.isna()) & left
    _bad_dates(ctx, f, t, "interactions", "DATE", bad, "a date like '2024-06-18 11:59:53 UTC'")
    ok = left & ~bad
    if not ok.any():
        return

    # direction
    if legacy:
        sent = df["DIRECTION"].str.strip().str.upper() == "OUTGOING"
        ctx.owner_how = ctx.owner_how or "Messages.csv Direction column (2018 format)"
    else:
        if ctx.owner_url is None:
            cols = [c for c in ("SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "FROM") if c in df.columns]
            ctx.owner_url, ctx.owner_how = _owner_from_messages(ctx, df.loc[ok, cols])
        if ctx.owner_url is not None:
            sent = _norm_url(df["SENDER PROFILE URL"]) == ctx.owner_url
            sent = sent.fillna(False).astype(bool)
        elif ctx.owner_name:
            sent = from_name == ctx.owner_name
        else:
            sent = pd.Series(False, index=df.index)
    # counterpart
    sender_u = df["SENDER PROFILE URL"] if "SENDER PROFILE URL" in df.columns else None
    to_name = df["TO"].str.strip()
    name = from_name.where(~sent, to_name)
    url = sender_u.where(~sent, "") if sender_u is not None else None
    if url is not None and "RECIPIENT PROFILE URLS" in df.columns:
        idx = sent & ok
        recips = df.loc[idx, "RECIPIENT PROFILE URLS"]
        # split the distinct recipient lists only, then broadcast back by code
        codes, uniq = pd.factorize(recips)
        rec = pd.Series(uniq, dtype="str").str.split(",").explode().astype("str").str.strip()
        norm = _norm_url(rec)
        other = rec[norm.notna() & (norm != (ctx.owner_url or ""))]
        first_u = other.groupby(level=0).first()
        several_u = other.groupby(level=0).size() > 1
        first_other = pd.Series(first_u.reindex(codes).to_numpy(), index=recips.index, dtype="str").dropna()
        url = url.copy()
        url.loc[first_other.index] = first_other
        group = recips.index[several_u.reindex(codes, fill_value=False).to_numpy(dtype=bool)]
        name = name.copy()
        name.loc[group] = pd.NA  # a group thread: the name in TO is several people's
    elif url is not None and "CONVERSATION ID" in df.columns:
        # 9-column era: the thread's other party is the non-owner sender of the same conversation
        conv = df["CONVERSATION ID"]
        theirs = ok & ~sent & (df["SENDER PROFILE URL"].str.strip() != "")
        other = df.loc[theirs].groupby(conv[theirs])[["SENDER PROFILE URL", "FROM"]].first()
        fill = sent & conv.isin(other.index)
        url = url.copy()
        name = name.copy()
        url.loc[fill] = conv[fill].map(other["SENDER PROFILE URL"])
        name.loc[fill] = conv[fill].map(other["FROM"])
    name = name.where(name.notna() & (name != ""))
    if url is not None:
        url = url.where(url.notna() & (url.str.strip() != ""))
    contact = _resolve(ctx, url, name)
    if url is None or "RECIPIENT PROFILE URLS" not in df.columns:
        # TO may join several names: use the first piece that is a known contact's name
        unresolved = ok & sent & ~contact.isin(ctx.known_ids) & to_name.str.contains(", ", regex=False)
        if unresolved.any() and ctx.name_map:
            mapping = {}
            for value in to_name[unresolved].unique():
                for piece in value.split(", "):
                    key = normalise_name(pd.Series([piece])).iloc[0]
                    if isinstance(key, str) and key in ctx.name_map:
                        mapping[value] = ctx.name_map[key]
                        break
            hit = to_name[unresolved].map(mapping)
            contact = contact.copy()
            contact.loc[hit.dropna().index] = hit.dropna()
    _interactions(
        ctx, f, t, ok.to_numpy(),
        contact=contact[ok], at=at[ok],
        direction=pd.Series(np.where(sent[ok], "outbound", "inbound"), index=ok[ok].index),
        kind="message", content=body[ok],
        names=name[ok], urls=url[ok] if url is not None else None,
    )  # fmt: skip


def parse_coach(ctx: _Context, f: ExportFile) -> None:
    """LinkedIn's AI-coach files (guide/coach/learning messages): all rows excluded."""
    got = _read(ctx, f, "interactions", [])
    if got is None:
        return
    t, _ = got
    col = t.frame.columns[0] if t.frame.shape[1] else ""
    _exclude(ctx, f, t, "interactions", pd.Series(True, index=t.frame.index), col,
             "LinkedIn AI-coach conversation, not networking")  # fmt: skip


def _endorsements(ctx: _Context, f: ExportFile, *, given: bool) -> None:
    who = "Endorsee" if given else "Endorser"
    required = ["Endorsement Date", f"{who} First Name", f"{who} Last Name"]
    got = _read(ctx, f, "interactions", required)
    if got is None:
        return
    t, _ = got
    df = t.frame
    left = pd.Series(True, index=df.index)
    if "Endorsement Status" in df.columns:
        status = df["Endorsement Status"].str.strip().str.upper()
        not_acc = (status != "ACCEPTED") & (status != "")
        _exclude(ctx, f, t, "interactions", not_acc, "Endorsement Status",
                 "endorsement not accepted (e.g. Redacted): not shown on the profile")  # fmt: skip
        left = left & ~not_acc
    at, bad, _ = _parse_dates(df["Endorsement Date"], ["%Y/%m/%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S UTC"],
                              resaved=_RESAVED_DATES)  # fmt: skip
    bad = (bad | at.isna()) & left
    _bad_dates(ctx, f, t, "interactions", "Endorsement Date", bad, "a date like '2024/12/15 08:53:43 UTC'")
    ok = left & ~bad
    name = (df[f"{who} First Name"].str.strip() + " " + df[f"{who} Last Name"].str.strip()).str.strip()
    name = name.where(name != "")
    url_col = f"{who} Public Url"
    url = df[url_col] if url_col in df.columns else None
    contact = _resolve(ctx, url, name)
    # one act per person and session: rows of one person less than 60 s apart are one act
    frame = pd.DataFrame({"c": contact[ok], "at": at[ok], "line": t.lines[ok.to_numpy()]})
    frame = frame.sort_values(["c", "at", "line"], kind="stable")
    gap = frame["at"].diff().dt.total_seconds()
    new_act = (frame["c"] != frame["c"].shift()) | (gap > 60) | gap.isna()
    act = new_act.cumsum()
    first_line = frame.groupby(act)["line"].transform("first")
    same = frame.index[~new_act.to_numpy()]
    skill = df["Skill Name"] if "Skill Name" in df.columns else pd.Series("", index=df.index, dtype="str")
    if len(same):
        mask = pd.Series(False, index=df.index)
        mask[same] = True
        ref = first_line[~new_act]
        idx = mask.to_numpy()
        ctx.builder.exclude(
            issue_frame(source=f.source, rows=t.lines[idx], column="Skill Name",
                        value=skill.loc[idx].reset_index(drop=True) + " (same act as row "
                        + ref.reindex(df.index[idx]).astype("Int64").astype(str).reset_index(drop=True) + ")",
                        reason="another skill of an endorsement act already counted "
                        "(one act per person and session: rows less than 60 s apart)"),
            table="interactions",
        )  # fmt: skip
        ok = ok & ~mask
    _interactions(
        ctx, f, t, ok.to_numpy(),
        contact=contact[ok], at=at[ok], direction="outbound" if given else "inbound", kind="endorsement",
        names=name[ok], urls=url[ok] if url is not None else None,
    )  # fmt: skip


def parse_endorsements_given(ctx: _Context, f: ExportFile) -> None:
    """Endorsement_Given_Info.csv: kind endorsement, outbound, one act per person and session."""
    _endorsements(ctx, f, given=True)


def parse_endorsements_received(ctx: _Context, f: ExportFile) -> None:
    """Endorsement_Received_Info.csv (and the legacy UTF-16 file): kind endorsement, inbound."""
    _endorsements(ctx, f, given=False)


def _recommendations(ctx: _Context, f: ExportFile, *, given: bool) -> None:
    got = _read(ctx, f, "interactions", ["First Name", "Last Name", "Creation Date"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    at, bad, _ = _parse_dates(df["Creation Date"], [_M_D_Y], resaved=_RESAVED_DATES)
    bad = bad | at.isna()
    _bad_dates(ctx, f, t, "interactions", "Creation Date", bad, "a date like '12/24/23, 05:28 AM'")
    ok = ~bad
    name = (df["First Name"].str.strip() + " " + df["Last Name"].str.strip()).str.strip()
    name = name.where(name != "")
    contact = _resolve(ctx, None, name)
    _interactions(
        ctx, f, t, ok.to_numpy(),
        contact=contact[ok], at=at[ok], direction="outbound" if given else "inbound", kind="recommendation",
        content=df.loc[ok, "Text"] if "Text" in df.columns else None, names=name[ok],
    )  # fmt: skip


def parse_recommendations_given(ctx: _Context, f: ExportFile) -> None:
    """Recommendations_Given.csv: kind recommendation, outbound (the person is the recommendee)."""
    _recommendations(ctx, f, given=True)


def parse_recommendations_received(ctx: _Context, f: ExportFile) -> None:
    """Recommendations_Received.csv: kind recommendation, inbound (the person is the recommender)."""
    _recommendations(ctx, f, given=False)


def parse_job_applications(ctx: _Context, f: ExportFile) -> None:
    """Jobs/Job Applications.csv: applications with via online, status applied."""
    got = _read(ctx, f, "applications", ["Application Date", "Company Name", "Job Title"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    at, bad, _ = _parse_dates(df["Application Date"], [_M_D_Y], resaved=_RESAVED_DATES)
    bad = bad | at.isna()
    _bad_dates(ctx, f, t, "applications", "Application Date", bad, "a date like '12/16/22, 3:07 PM'")
    ok = ~bad
    key = PurePosixPath(f.member).stem.lower().replace(" ", "_")
    lines = t.lines[ok.to_numpy()]
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "application_id": f"li:{key}:" + pd.Series(lines).astype(str),
            "company": _strip(df.loc[ok, "Company Name"]).to_numpy(),
            "role": _strip(df.loc[ok, "Job Title"]).to_numpy(),
            "applied_at": at[ok].reset_index(drop=True),
            "via": "online",
            "status": "applied",
            "status_at": at[ok].reset_index(drop=True),
            "source": f.source,
            "source_row": lines,
            "origin": "linkedin",
        }
    )
    ctx.builder.add("applications", schema.conform("applications", out))


def parse_company_follows(ctx: _Context, f: ExportFile) -> None:
    """Company Follows.csv: the follows table (target-company signal)."""
    got = _read(ctx, f, "follows", ["Organization", "Followed On"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    at, bad, _ = _parse_dates(df["Followed On"], ["%a %b %d %H:%M:%S UTC %Y"], resaved=_RESAVED_DATES)
    _bad_dates(ctx, f, t, "follows", "Followed On", bad, "a date like 'Sat Dec 14 08:57:55 UTC 2024'")
    company = _strip(df["Organization"])
    empty = company.isna() & ~bad
    _exclude(ctx, f, t, "follows", empty, "Organization", "no organisation named")
    ok = ~bad & ~empty
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "company": company[ok].to_numpy(),
            "followed_at": at[ok].reset_index(drop=True),
            "source": f.source,
            "source_row": t.lines[ok.to_numpy()],
        }
    )
    ctx.builder.add("follows", schema.conform("follows", out))


def parse_events(ctx: _Context, f: ExportFile) -> None:
    """Events.csv: the events table (LinkedIn events registered for; no zone, read as UTC)."""
    got = _read(ctx, f, "events", ["Event Name", "Event Time"])
    if got is None:
        return
    t, _ = got
    df = t.frame
    when = df["Event Time"].str.strip()
    has_end = when.str.contains(" - ", regex=False)
    first = when.str.replace(r" - .*$", "", regex=True)
    second = when.str.replace(r"^.*? - ", "", regex=True).where(has_end, "")
    fmt = ["%b %d, %Y %I:%M %p"]
    start, bad1, _ = _parse_dates(first, fmt)
    end, bad2, _ = _parse_dates(second, fmt)
    bad = bad1 | bad2
    _bad_dates(ctx, f, t, "events", "Event Time", bad,
               "a range like 'Sep 23, 2022 12:00 PM - Sep 23, 2022 12:20 PM'")  # fmt: skip
    ok = ~bad
    out = pd.DataFrame(
        {
            "seeker": ctx.seeker,
            "name": _strip(df.loc[ok, "Event Name"]).to_numpy(),
            "starts_at": start[ok].reset_index(drop=True),
            "ends_at": end[ok].reset_index(drop=True),
            "status": _strip(df.loc[ok, "Status"]).to_numpy() if "Status" in df.columns else None,
            "url": _strip(df.loc[ok, "External Url"]).to_numpy() if "External Url" in df.columns else None,
            "source": f.source,
            "source_row": t.lines[ok.to_numpy()],
        }
    )
    ctx.builder.add("events", schema.conform("events", out))


_COACH = ("guide_messages", "coach_messages", "learning_coach_messages", "learning_role_play_messages",
          "learningcoachmessages")  # fmt: skip

#: Export file (lower-cased stem, numbered splits folded in) -> parser.
PARSERS: dict[str, Callable[[_Context, ExportFile], None]] = {
    "profile": parse_profile,
    "connections": parse_connections,
    "invitations": parse_invitations,
    "messages": parse_messages,
    **dict.fromkeys(_COACH, parse_coach),
    "endorsement_given_info": parse_endorsements_given,
    "endorsement_received_info": parse_endorsements_received,
    "endorsement received info": parse_endorsements_received,
    "recommendations_given": parse_recommendations_given,
    "recommendations given": parse_recommendations_given,
    "recommendations_received": parse_recommendations_received,
    "recommendations received": parse_recommendations_received,
    "job applications": parse_job_applications,
    "company follows": parse_company_follows,
    "events": parse_events,
}

# the order files are parsed in: who the owner is and who the contacts are come first
_ORDER = ["profile", "connections", "invitations", "messages"]


def parse_export(
    files: list[ExportFile] | dict[str, bytes],
    *,
    seeker: str | None = None,
    content: bool = False,
    name: str = "export",
) -> NetworkData:
    """Parse an export's files into canonical tables.

    Parameters
    ----------
    files
        From :func:`find_files`, or ``{member path: bytes}`` (tests feed small bytes).
    seeker
        The seeker's name; default: the owner's name in Profile.csv, else ``name``.
    content
        Add a ``content`` column to interactions (message bodies, invitation notes,
        recommendation texts).
    name
        The export's name (a zip's file name), used as the seeker of last resort.

    Returns
    -------
    NetworkData

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
    """
    if isinstance(files, dict):
        items = []
        for member, data in files.items():
            key = _registry_key(member)
            if key:
                items.append(ExportFile(member, member, lambda d=data: d, *key))
        files = sorted(items, key=lambda f: (f.stem, f.part, f.member.lower()))
    rank = {s: i for i, s in enumerate(_ORDER)}
    files = sorted(files, key=lambda f: (rank.get(f.stem, len(_ORDER)), f.stem, f.part, f.member.lower()))

    # the seeker's name comes from Profile.csv unless given
    owner_name = None
    for f in files:
        if f.stem == "profile":
            try:
                t = read_csv_bytes(f.read(), expected=["First Name", "Last Name"], name=f.source)
                row = t.frame.iloc[0]
                owner_name = f"{row['First Name'].strip()} {row['Last Name'].strip()}".strip() or None
            except (*_READ_ERRORS, KeyError, IndexError):
                pass  # parse_profile reports the problem
    final = seeker or owner_name or name
    b = Builder(seeker=final)
    ctx = _Context(builder=b, seeker=final, content=content, owner_name=owner_name or seeker)
    for f in files:
        if f.stem == "profile":
            parse_profile(ctx, f)
    # the owner's URL from Invitations (FORMATS.md section 5, rule a) before messages
    for f in files:
        if f.stem == "invitations" and ctx.owner_url is None:
            try:
                t = read_csv_bytes(f.read(), expected=["Direction"], name=f.source)
            except _READ_ERRORS:
                continue
            url, how = _owner_from_invitations(t)
            if url:
                ctx.owner_url, ctx.owner_how = url, how
    legacy_endorse = [f for f in files if f.stem == "endorsement received info"]
    modern_endorse = any(f.stem == "endorsement_received_info" for f in files)
    for f in files:
        if f.stem == "profile":
            continue
        if f in legacy_endorse and modern_endorse:
            got = _read(ctx, f, "interactions", [])
            if got is not None:
                t, _ = got
                col = t.frame.columns[0] if t.frame.shape[1] else ""
                _exclude(ctx, f, t, "interactions", pd.Series(True, index=t.frame.index), col,
                         "legacy duplicate of Endorsement_Received_Info.csv (which is loaded instead)")  # fmt: skip
            continue
        PARSERS[f.stem](ctx, f)
    if ctx.owner_url:
        b.note(f"The owner's profile URL is {ctx.owner_url}, found from {ctx.owner_how}.", topic="owner")
    elif ctx.owner_how:
        b.note(f"Message direction comes from the {ctx.owner_how}.", topic="owner")
    elif any(f.stem == "messages" for f in files):
        who = (
            f"the sender name {ctx.owner_name!r}" if ctx.owner_name else "nothing (every message is inbound)"
        )
        b.note(
            "The owner's profile URL could not be found (the owner sent no message and Invitations.csv "
            f"has no URL columns); message direction comes from {who}.",
            topic="owner",
        )
    _add_extra_contacts(ctx)
    data = b.build()
    if content and "content" not in data.interactions.columns:
        data = data.replace(interactions=data.interactions.assign(content=pd.Series(dtype="str")))
    elif content:
        data = data.replace(
            interactions=data.interactions.assign(content=data.interactions["content"].astype("str"))
        )
    return data


def _add_extra_contacts(ctx: _Context) -> None:
    """People met in messages, invitations, endorsements or recommendations but not in
    Connections become contacts too (without connected_on). They are not counted in the
    inventory: their rows are counted in the file they come from."""
    if not ctx.extra_contacts:
        return
    extra = (
        pd.concat([e for e in ctx.extra_contacts if len(e)], ignore_index=True)
        if any(len(e) for e in ctx.extra_contacts)
        else None
    )
    if extra is None:
        return
    extra = extra[extra["contact_id"].notna() & ~extra["contact_id"].isin(ctx.known_ids)]
    if not len(extra):
        return
    extra = extra.assign(has_name=extra["name"].notna()).sort_values(
        "has_name", ascending=False, kind="stable"
    )
    extra = extra.drop_duplicates("contact_id").drop(columns="has_name")
    extra = extra.assign(seeker=ctx.seeker, origin="linkedin")
    ctx.builder.add("contacts", schema.conform("contacts", extra), counted=False)


def load_export(path: str | Path, *, seeker: str | None = None, content: bool = False) -> NetworkData:
    """Load a LinkedIn "Download your data" export.

    Parameters
    ----------
    path
        The export as a zip, an unpacked folder, or one CSV file from it.
    seeker
        The seeker's name; default: the owner's name in Profile.csv, else the file or folder
        name.
    content
        Also load message bodies (and invitation notes, recommendation texts) as an extra
        ``content`` column on interactions. Off by default: no metric needs them.

    Returns
    -------
    NetworkData
        contacts, interactions (kinds message, invitation, endorsement, recommendation;
        channel linkedin; origin linkedin), applications (via online), follows, events,
        excluded (with reasons), problems, sources and notes (topics coverage, owner,
        resaved).

    Raises
    ------
    InputError
        When ``path`` does not exist or holds no LinkedIn export file.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file or folder: {str(path)!r}.")
    files = find_files(path)
    stem = path.name[: -len(path.suffix)] if path.suffix.lower() == ".zip" else path.name
    return parse_export(files, seeker=seeker, content=content, name=stem if not path.is_file() or
                        path.suffix.lower() == ".zip" else path.parent.name or path.stem)  # fmt: skip
