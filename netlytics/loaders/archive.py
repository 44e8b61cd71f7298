"""Reading zip archives safely: one place for every loader family (LinkedIn, mail, calendar).

netlytics never extracts an archive to disk: members are inflated in memory (or streamed) and
every byte produced is counted. Three layers of defence (``docs/reliability.md``):

1. :func:`safe_members` lists the members worth reading and skips the others **with a reason**
   (unsafe names such as ``../x``, ``..\\x`` or ``C:x``, encrypted members, archives inside the
   archive, members whose declared size or compression ratio is over the limits). It refuses
   the whole archive when two entries' data overlap (the "better zip bomb" of David Fifield:
   many entries sharing one compressed kernel), checked from the local header offsets and
   compressed sizes, as a hardened unzip does; this takes milliseconds.
2. Every read goes through an :class:`InflateBudget`: the bytes actually inflated across the
   whole archive are counted against a cap proportional to the archive's size
   (:data:`MAX_EXPANSION` times, at least :data:`MIN_BUDGET`), and inflating stops at the cap.
   Declared sizes can lie; the budget cannot be fooled.
3. :func:`read_member` returns a member's bytes (at most :data:`MAX_MEMBER_BYTES`, never past the
   declared size); :func:`open_member` streams a large legitimate member (a multi-GB mailbox)
   under the same budget.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from netlytics.errors import FormatError, InputError

__all__ = [
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "MAX_RATIO",
    "MAX_MEMBERS",
    "MAX_EXPANSION",
    "MIN_BUDGET",
    "READ_ERRORS",
    "InflateBudget",
    "Archive",
    "unsafe_name",
    "safe_members",
    "read_member",
    "open_member",
]

#: Largest uncompressed size of one member read into memory (1 GiB; a messages.csv of a
#: million messages is about 200 MB). Streamed members (:func:`open_member`) may be larger.
MAX_MEMBER_BYTES = 1 << 30
#: Largest total declared uncompressed size of the members of an archive (64 GiB).
MAX_TOTAL_BYTES = 64 << 30
#: Largest compression ratio of a member bigger than 1 MiB: text compresses 5 to 30 times,
#: zip bombs a thousand times and more.
MAX_RATIO = 200
#: Most entries an archive may list.
MAX_MEMBERS = 100_000
#: The bytes inflated across a whole archive may be at most this many times its size.
MAX_EXPANSION = 200
#: ... but at least this many bytes (a tiny archive may hold a few highly repetitive files).
MIN_BUDGET = 64 << 20
#: The errors reading a damaged member can raise (turned into :class:`FormatError`).
READ_ERRORS = (
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20


def unsafe_name(name: str) -> str | None:
    """Why a member name is unsafe (absolute, a drive letter, a ``..`` part, with ``/`` or
    ``\\`` as separator), or None.

    Examples
    --------
    >>> unsafe_name("Jobs/Job Applications.csv") is None
    True
    >>> unsafe_name("..\\\\..\\\\Connections.csv"), unsafe_name("C:Connections.csv")
    ("a '..' part (a 'zip slip' name)", "a drive letter ('C:')")
    """
    norm = name.replace("\\", "/")
    if norm.startswith("/"):
        return "an absolute path"
    if re.match(r"^[A-Za-z]:", norm):
        return f"a drive letter ({norm[:2]!r})"
    if ".." in norm.split("/"):
        return "a '..' part (a 'zip slip' name)"
    if "\x00" in name:
        return "a NUL character"
    return None


@dataclass
class InflateBudget:
    """Bytes that may still be inflated from one archive (shared by all its members).

    Examples
    --------
    >>> b = InflateBudget(limit=10, archive="x.zip")
    >>> b.take(6); b.used
    6
    >>> b.take(6)
    Traceback (most recent call last):
    ...
    netlytics.errors.FormatError: x.zip: inflating it produced more than 10 bytes ...
    """

    limit: int
    archive: str = "archive"
    used: int = 0

    @classmethod
    def for_archive(cls, path: Path) -> InflateBudget:
        """The budget of ``path``: :data:`MAX_EXPANSION` times its size, at least :data:`MIN_BUDGET`."""
        size = os.path.getsize(path)
        return cls(limit=max(MIN_BUDGET, MAX_EXPANSION * size), archive=Path(path).name)

    def take(self, n: int) -> None:
        """Count ``n`` more inflated bytes; raise when the cap is passed."""
        self.used += n
        if self.used > self.limit:
            raise FormatError(
                f"{self.archive}: inflating it produced more than {self.limit:,} bytes ({MAX_EXPANSION} times "
                "the archive's size; netlytics.loaders.archive.MAX_EXPANSION); reading stopped (a zip bomb?)."
            )


def _overlaps(path: Path, infos: list[zipfile.ZipInfo]) -> str | None:
    """Why the entries' data overlap (a zip bomb of shared kernels), or None."""
    spans = []
    with open(path, "rb") as fh:
        for info in infos:
            fh.seek(info.header_offset)
            head = fh.read(_LOCAL_HEADER.size)
            if len(head) < _LOCAL_HEADER.size or head[:4] != _LOCAL_MAGIC:
                return f"entry {info.filename!r} has no local header at offset {info.header_offset:,}"
            name_len, extra_len = _LOCAL_HEADER.unpack(head)[-2:]
            start = info.header_offset
            end = start + _LOCAL_HEADER.size + name_len + extra_len + info.compress_size
            spans.append((start, end, info.filename))
    spans.sort()
    for (_s1, e1, n1), (s2, _e2, n2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            return f"entries {n1!r} and {n2!r} share data (bytes {s2:,} to {min(e1, _e2):,})"
    return None


#: Members that are archives themselves: never opened (a skipped member with its reason).
ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar", ".gz", ".tgz")


def _skip_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    why = unsafe_name(name)
    if why:
        return f"an unsafe name: {why}; netlytics never extracts to disk, and does not read it"
    if info.flag_bits & 0x1:
        return "it is encrypted"
    if PurePosixPath(name.replace("\\", "/")).suffix.lower() in ARCHIVE_SUFFIXES:
        return "an archive inside the archive (not opened; unzip the outer one and load the inner one)"
    if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size / max(info.compress_size, 1)
        return f"its compression ratio {ratio:,.0f}:1 is over the limit of {MAX_RATIO}:1 (a zip bomb?); not inflated"
    return None


def safe_members(zip_path: str | os.PathLike) -> tuple[list[zipfile.ZipInfo], list[tuple[str, str]]]:
    """The members of an archive worth reading, and the skipped ones with their reasons.

    Parameters
    ----------
    zip_path
        The archive.

    Returns
    -------
    members : list of zipfile.ZipInfo
        Files (not folders, not macOS ``__MACOSX`` forks) that passed every check.
    skipped : list of (name, reason)
        Every other file entry, with why it is not read.

    Raises
    ------
    InputError
        When the file is not a readable zip, lists more than :data:`MAX_MEMBERS` entries,
        declares more than :data:`MAX_TOTAL_BYTES`, or has overlapping entries.

    See Also
    --------
    read_member, open_member

    Examples
    --------
    >>> import io, zipfile, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "e.zip"
    >>> with zipfile.ZipFile(p, "w") as z:
    ...     z.writestr("Connections.csv", "First Name\\n"); z.writestr("C:evil.csv", "x")
    >>> members, skipped = safe_members(p)
    >>> [m.filename for m in members], skipped
    (['Connections.csv'], [('C:evil.csv', "an unsafe name: a drive letter ('C:'); ...")])
    """
    path = Path(zip_path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        raise InputError(
            f"{path.name!r} is not a readable zip archive ({type(err).__name__}: {err}).",
            hint="Download the archive again.",
        ) from err
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            f"{path.name!r} lists {len(infos):,} entries, over the limit of {MAX_MEMBERS:,} "
            "(netlytics.loaders.archive.MAX_MEMBERS); it was not read."
        )
    declared = sum(i.file_size for i in infos)
    if declared > MAX_TOTAL_BYTES:
        raise InputError(
            f"{path.name!r}: its members declare {declared:,} bytes uncompressed, over the limit of "
            f"{MAX_TOTAL_BYTES:,} (netlytics.loaders.archive.MAX_TOTAL_BYTES); nothing was inflated."
        )
    try:
        overlap = _overlaps(path, infos)
    except OSError as err:
        raise InputError(f"{path.name!r} cannot be read ({err}).") from err
    if overlap:
        raise InputError(
            f"{path.name!r} is refused: {overlap}. Overlapping entries are the mark of a zip bomb; "
            "nothing was inflated.",
            hint="Download the archive again from its original source.",
        )
    members, skipped = [], []
    for info in infos:
        name = info.filename
        if name.endswith("/") or name.startswith("__MACOSX/") or "/__MACOSX/" in name:
            continue
        why = _skip_reason(info)
        if why:
            skipped.append((name, why))
        else:
            members.append(info)
    return members, skipped


class _CountingReader(io.RawIOBase):
    """A member's inflated stream that counts every byte against the budget and the cap."""

    def __init__(self, fh, info: zipfile.ZipInfo, budget: InflateBudget, source: str, cap: int | None):
        self._fh, self._info, self._budget, self._source, self._cap = fh, info, budget, source, cap
        self._n = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        try:
            chunk = self._fh.read(len(b))
        except READ_ERRORS as err:
            raise FormatError(
                f"{self._source}: the member cannot be read ({type(err).__name__}: {err})."
            ) from err
        n = len(chunk)
        self._n += n
        if self._n > self._info.file_size:
            raise FormatError(
                f"{self._source}: inflates past its declared size of {self._info.file_size:,} bytes "
                "(a damaged or forged archive); reading stopped."
            )
        if self._cap is not None and self._n > self._cap:
            raise FormatError(
                f"{self._source}: over {self._cap:,} bytes uncompressed "
                "(netlytics.loaders.archive.MAX_MEMBER_BYTES); reading stopped."
            )
        self._budget.take(n)
        b[:n] = chunk
        return n

    def close(self) -> None:
        try:
            self._fh.close()
        finally:
            super().close()


def _open(path: Path, info: zipfile.ZipInfo, budget: InflateBudget | None, cap: int | None):
    source = f"{path.name}:{info.filename}"
    why = _skip_reason(info)
    if why:
        raise FormatError(f"{source}: {why}.")
    if cap is not None and info.file_size > cap:
        raise FormatError(
            f"{source}: it declares {info.file_size:,} bytes uncompressed, over the limit of {cap:,} "
            "(netlytics.loaders.archive.MAX_MEMBER_BYTES); not inflated."
        )
    budget = budget if budget is not None else InflateBudget.for_archive(path)
    try:
        zf = zipfile.ZipFile(path)
        fh = zf.open(info)
    except READ_ERRORS as err:
        raise FormatError(f"{source}: the member cannot be read ({type(err).__name__}: {err}).") from err
    zf.close()  # the member handle keeps its own reference to the file
    return _CountingReader(fh, info, budget, source, cap)


def open_member(
    zip_path: str | os.PathLike, info: zipfile.ZipInfo, *, budget: InflateBudget | None = None
) -> io.BufferedReader:
    """Stream one member (any size), under the archive's inflate budget.

    Parameters
    ----------
    zip_path
        The archive.
    info
        A member from :func:`safe_members`.
    budget
        The archive's budget (share one across all members: :class:`Archive` does); default a
        fresh one for this archive.

    Returns
    -------
    io.BufferedReader
        A binary file object; reading raises :class:`~netlytics.errors.FormatError` when the
        member inflates past its declared size, over :data:`MAX_RATIO`, or over the budget.

    Raises
    ------
    FormatError
        When the member is one :func:`safe_members` would skip, or cannot be opened.

    See Also
    --------
    read_member
    """
    return io.BufferedReader(_open(Path(zip_path), info, budget, None), buffer_size=_CHUNK)


def read_member(
    zip_path: str | os.PathLike, info: zipfile.ZipInfo, *, budget: InflateBudget | None = None
) -> bytes:
    """Inflate one member into memory (at most :data:`MAX_MEMBER_BYTES`).

    Parameters
    ----------
    zip_path
        The archive.
    info
        A member from :func:`safe_members`.
    budget
        The archive's shared budget (default: a fresh one).

    Returns
    -------
    bytes

    Raises
    ------
    FormatError
        When the member is unsafe, over the limits, damaged, or passes the budget.

    See Also
    --------
    open_member, safe_members
    """
    with _open(Path(zip_path), info, budget, MAX_MEMBER_BYTES) as raw:
        chunks = []
        while True:
            chunk = raw.read(_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


@dataclass
class Archive:
    """One archive: its safe members, the skipped ones, and one inflate budget for all reads.

    Examples
    --------
    >>> import zipfile, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "e.zip"
    >>> with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("a.csv", "x" * 1000)
    >>> a = Archive.open(p)
    >>> len(a.read(a.members[0])), a.budget.used
    (1000, 1000)
    """

    path: Path
    members: list[zipfile.ZipInfo]
    skipped: list[tuple[str, str]]
    budget: InflateBudget = field(repr=False, default=None)

    @classmethod
    def open(cls, path: str | os.PathLike) -> Archive:
        """List ``path`` with :func:`safe_members` and make its budget."""
        path = Path(path)
        members, skipped = safe_members(path)
        return cls(path, members, skipped, InflateBudget.for_archive(path))

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """:func:`read_member` under this archive's budget."""
        return read_member(self.path, info, budget=self.budget)

    def stream(self, info: zipfile.ZipInfo) -> io.BufferedReader:
        """:func:`open_member` under this archive's budget."""
        return open_member(self.path, info, budget=self.budget)
