"""Zip safety (netlytics.loaders.archive), with crafted archives made by generators (no binary
files are committed): overlapping-entry bombs, the whole-archive inflate budget, streaming,
unsafe member names reported with their reason, nested archives, symbolic links."""

from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile
import zlib

import pytest

import netlytics
from netlytics.errors import FormatError, InputError
from netlytics.loaders import archive

PROFILE = b"First Name,Last Name,Headline\nAda,Quill,Fictional\n"
CONNECTIONS = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Bo,Li,https://www.linkedin.com/in/bo-li,,Acme,Engineer,05 Mar 2024\n"
)


def make_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _lfh(name: bytes, crc: int, csize: int, usize: int, method: int = 8) -> bytes:
    return (
        struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, crc, csize, usize, len(name), 0)
        + name
    )


def _cdh(name: bytes, crc: int, csize: int, usize: int, offset: int, method: int = 8) -> bytes:
    return (
        struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0,
            crc,
            csize,
            usize,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )  # fmt: skip
        + name
    )


def _eocd(n: int, cd_size: int, cd_offset: int) -> bytes:
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, n, n, cd_size, cd_offset, 0)


def overlap_bomb(path, *, entries: int = 40, kernel_mb: int = 8, quoted: bool = False):
    """A "better zip bomb" (David Fifield): many entries share one compressed kernel.

    Full overlap: every central-directory entry points at the same local header. Quoted
    overlap: entry i's local header lies inside entry i-1's compressed data.
    """
    body = b"".join(b"%08d,Bo,Li,Acme,Engineer,05 Mar 2024\n" % i for i in range(kernel_mb * 25_000))
    kernel = zlib.compress(body, 9)[2:-4]  # raw deflate
    crc = zlib.crc32(body)
    names = [f"messages_{i}.csv".encode() for i in range(entries)]
    out, cd = bytearray(), bytearray()
    if not quoted:
        out += _lfh(names[0], crc, len(kernel), len(body)) + kernel
        for n in names:
            cd += _cdh(n, crc, len(kernel), len(body), 0)
    else:
        heads = [_lfh(n, crc, 0, len(body)) for n in names]
        offsets, pos = [], 0
        for h in heads:
            offsets.append(pos)
            pos += len(h)
        total = pos + len(kernel)
        for i, h in enumerate(heads):  # each entry's data runs to the end of the kernel
            csize = total - offsets[i] - len(h)
            out += h[:18] + struct.pack("<I", csize) + h[22:]
        out += kernel
        for i, n in enumerate(names):
            cd += _cdh(n, crc, total - offsets[i] - len(heads[i]), len(body), offsets[i])
    path.write_bytes(bytes(out) + bytes(cd) + _eocd(entries, len(cd), len(out)))
    return path


@pytest.mark.parametrize("quoted", [False, True])
def test_overlapping_entry_bombs_are_refused(tmp_path, quoted):
    # time (< 1 s) and memory (< 200 MB) are measured by `python -m benchmarks.hostile`
    bomb = overlap_bomb(tmp_path / "bomb.zip", quoted=quoted)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(InputError, match=r"bomb\.zip.*share data.*zip bomb"):
        netlytics.load(bomb)


def test_inflate_budget_counts_every_byte_across_the_archive(tmp_path, monkeypatch):
    # three honest members of 1 MB each (ratio ~ 30:1); the budget allows 2.5 MB in all
    rows = b"".join(b"%08d,Bo,Li,Acme\n" % i for i in range(60_000))
    path = make_zip(tmp_path / "e.zip", {f"m{i}.csv": rows for i in range(3)})
    monkeypatch.setattr(archive, "MIN_BUDGET", 0)
    monkeypatch.setattr(archive, "MAX_EXPANSION", int(2.5 * len(rows) / path.stat().st_size) + 1)
    a = archive.Archive.open(path)
    a.read(a.members[0])
    a.read(a.members[1])
    with pytest.raises(FormatError, match=r"e\.zip: inflating it produced more than .*reading stopped"):
        a.read(a.members[2])
    assert a.budget.used <= a.budget.limit + (1 << 20)  # stopped at the cap (one chunk at most past it)


def test_open_member_streams_a_large_member_under_the_budget(tmp_path):
    rows = b"".join(b"%09d,someone@example.org,Subject line\n" % i for i in range(200_000))
    path = make_zip(tmp_path / "mail.zip", {"All mail.mbox": rows})
    a = archive.Archive.open(path)
    with a.stream(a.members[0]) as fh:
        n = sum(len(chunk) for chunk in iter(lambda: fh.read(1 << 16), b""))
        assert isinstance(fh, io.BufferedReader)
    assert n == len(rows) == a.budget.used


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("..\\..\\Connections.csv", "'..' part"),
        ("C:Connections.csv", "drive letter ('C:')"),
        ("Jobs/..\\..\\Connections.csv", "'..' part"),
        ("/etc/Connections.csv", "absolute path"),
    ],
)
def test_unsafe_member_names_are_reported_with_their_reason(tmp_path, name, why):
    path = make_zip(tmp_path / "slip.zip", {"Profile.csv": PROFILE, name: CONNECTIONS, "..\\evil.txt": b"x"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = netlytics.load(path)
    problem = data.problems.loc[data.problems["source"] == f"slip.zip:{name}", "reason"].item()
    assert "unsafe name" in problem and why in problem
    notes = data.notes["note"].tolist()
    assert any("'..\\\\evil.txt' was skipped: an unsafe name" in n for n in notes)
    assert data.contacts.empty


def test_nested_export_zip_next_to_profile_is_noted(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"Connections.csv": CONNECTIONS}).read_bytes()
    outer = make_zip(
        tmp_path / "outer.zip", {"Profile.csv": PROFILE, "Basic_LinkedInDataExport_01-01-2026.zip": inner}
    )
    data = netlytics.load(outer)
    note = [n for n in data.notes["note"] if "Basic_LinkedInDataExport_01-01-2026.zip" in n]
    assert len(note) == 1 and "an archive inside the archive" in note[0]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symlinked_file_beside_a_symlinked_folder_is_reported_once(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Connections.csv").write_bytes(CONNECTIONS)
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Profile.csv").write_bytes(PROFILE)
    (folder / "Connections.csv").symlink_to(outside / "Connections.csv")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    data = netlytics.load(folder)
    mentions = data.problems["reason"].str.contains("Connections.csv is a symbolic link").sum()
    assert mentions == 1
    assert data.problems["source"].str.contains("linked").sum() == 1
    assert data.contacts.empty
