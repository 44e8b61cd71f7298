"""Streaming mailbox readers: message header blocks out, bodies never decoded.

Every reader yields :class:`RawMessage` records (position, byte offset, separator line, header
bytes). Only the header block of each message is kept; bodies and attachments are skipped
with ``bytes.find`` over fixed-size chunks, so memory stays flat whatever the mailbox size
(docs/spec/FORMATS-mail-calendar.md sections 2 and 4.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["RawMessage", "split_mbox", "read_single", "SEPARATOR", "CHUNK", "MAX_HEADER"]

#: Bytes read at a time.
CHUNK = 8 << 20
#: A header block longer than this is cut (and the message flagged).
MAX_HEADER = 256 * 1024

#: A full mbox separator line (RFC 4155 "From_" line; Takeout adds the zone before the year).
SEPARATOR = re.compile(
    rb"From \S+ +(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rb" +(\d{1,2}) +(\d\d):(\d\d)(?::(\d\d))?(?: +([+-]\d{4}))? +(\d{4})(?: +([+-]\d{4}))?[^\r\n]*\r?$"
)
_HEADER_END = re.compile(rb"\n\r?\n")


@dataclass
class RawMessage:
    """One message as read from a container, before any header is interpreted.

    Attributes
    ----------
    position
        1-based index of the message in its file (the ``source_row`` of its rows).
    offset
        Byte offset of the message (its separator line) in the file.
    separator
        The mbox separator line without its line end, or ``b""`` (Maildir, .eml).
    header
        The header block, without the blank line ending it.
    flaw
        ``""``, or why the block is incomplete ("truncated": the file ended inside the headers;
        "too long": the block was cut at :data:`MAX_HEADER` bytes).
    """

    position: int
    offset: int
    separator: bytes
    header: bytes
    flaw: str = ""


def _is_separator_at(buf: bytes, j: int) -> bool:
    """Whether the line at ``j`` follows a blank line (or the file start) and is a full separator."""
    if j > 0:
        if buf[j - 1] != 10:
            return False
        before = buf[j - 2] if j >= 2 else 10
        if before != 10 and not (before == 13 and (j < 3 or buf[j - 3] == 10)):
            return False
    end = buf.find(b"\n", j)
    line = buf[j:] if end < 0 else buf[j:end]
    return SEPARATOR.match(line) is not None


class _Reader:
    """A sliding window over a binary stream: ``buf`` holds bytes from absolute ``base``."""

    def __init__(self, stream: BinaryIO, chunk: int) -> None:
        self.stream, self.chunk = stream, chunk
        self.buf, self.base, self.eof = b"", 0, False

    def more(self, keep_from: int) -> int:
        """Drop bytes before ``keep_from`` and read one more chunk; return the shift applied."""
        data = self.stream.read(self.chunk)
        if not data:
            self.eof = True
        shift = keep_from
        self.buf = self.buf[keep_from:] + data
        self.base += shift
        return shift


def _header_end(r: _Reader, start: int, max_header: int) -> tuple[int, int, str]:
    """Find where the header block starting at ``start`` ends; returns (start, end, flaw) with
    positions in the reader's current buffer (the buffer may have slid)."""
    while True:
        buf = r.buf
        if buf.startswith(b"\n", start) or buf.startswith(b"\r\n", start):
            return start, start, ""
        m = _HEADER_END.search(buf, start, start + max_header + 2)
        if m:
            return start, m.start() + 1, ""
        if len(buf) - start > max_header:
            return start, start + max_header, "too long"
        if r.eof:
            return start, len(buf), "truncated"
        start -= r.more(start)


def split_mbox(stream: BinaryIO, *, chunk: int = CHUNK, max_header: int = MAX_HEADER) -> Iterator[RawMessage]:
    """Yield the messages of an mbox stream, header blocks only.

    A message starts at a full separator line (:data:`SEPARATOR`) at the start of the file or
    after a blank line; ``From `` lines inside bodies, quoted ``>From`` lines, LF, CRLF and mixed
    line ends are all handled. Bytes before the first separator are reported by a message with
    position 0 (``flaw="no separator"``) so the caller can count them.

    Parameters
    ----------
    stream
        A binary file object (a file, a zip member, a pipe); read sequentially in ``chunk`` bytes.
    chunk, max_header
        Read size and the longest header block kept.

    Returns
    -------
    Iterator[RawMessage]

    Examples
    --------
    >>> import io
    >>> box = (b"From a@x Mon Jan  6 04:49:45 2020\\nFrom: a@x\\n\\nFrom here on, body\\n\\n"
    ...        b"From b@x Tue Jan  7 04:49:45 2020\\nFrom: b@x\\nDate: x\\n\\nbody\\n")
    >>> [(m.position, m.header) for m in split_mbox(io.BytesIO(box))]
    [(1, b'From: a@x\\n'), (2, b'From: b@x\\nDate: x\\n')]
    """
    r = _Reader(stream, chunk)
    r.more(0)
    while not r.eof and b"\n" not in r.buf.lstrip(b"\xef\xbb\xbf\r\n \t"):
        r.more(0)
    lead = r.buf.lstrip(b"\xef\xbb\xbf\r\n \t")
    position, pos = 0, len(r.buf) - len(lead)
    if lead and not _is_separator_at(r.buf, pos):
        yield RawMessage(0, 0, b"", b"", "no separator")
        pos = r.buf.find(b"\nFrom ", pos)
        pos = len(r.buf) if pos < 0 else pos
    else:
        pos = pos - 1  # the find below starts at the newline before the first separator
        if pos < 0:
            r.buf = b"\n" + r.buf
            r.base -= 1
            pos = 0
    while True:
        idx = r.buf.find(b"\nFrom ", pos)
        if idx < 0:
            if r.eof:
                return
            keep = max(0, len(r.buf) - 16)
            r.more(keep)
            pos = max(pos - keep, 0)
            continue
        if r.buf.find(b"\n", idx + 1) < 0 and not r.eof:
            keep = max(0, idx - 3)
            r.more(keep)
            pos = idx - keep
            continue
        j = idx + 1
        if not _is_separator_at(r.buf, j):
            pos = j
            continue
        line_end = r.buf.find(b"\n", j)
        line_end = len(r.buf) if line_end < 0 else line_end
        separator = r.buf[j:line_end].rstrip(b"\r")
        position += 1
        offset = r.base + j
        start, end, flaw = _header_end(r, min(line_end + 1, len(r.buf)), max_header)
        yield RawMessage(position, offset, separator, bytes(r.buf[start:end]), flaw)
        pos = max(end - 1, start - 1)
        if flaw == "truncated":
            return


def read_single(stream: BinaryIO, *, position: int = 1, max_header: int = MAX_HEADER) -> RawMessage:
    """The header block of a one-message file (a Maildir entry, an ``.eml`` or ``.emlx``).

    A first line ``From ...`` without a colon (some exporters prepend a separator) and the byte
    count line of Apple's ``.emlx`` are skipped.

    Parameters
    ----------
    stream
        The message file, opened in binary mode.
    position, max_header
        The message's position (its ``source_row``) and the longest header block kept.

    Returns
    -------
    RawMessage

    Examples
    --------
    >>> import io
    >>> read_single(io.BytesIO(b"123\\nFrom: a@x\\r\\nTo: b@y\\r\\n\\r\\nbody")).header
    b'From: a@x\\r\\nTo: b@y\\r\\n'
    """
    r = _Reader(stream, 1 << 16)
    r.more(0)
    separator, start = b"", 0
    first_end = r.buf.find(b"\n")
    first = r.buf[: first_end if first_end >= 0 else len(r.buf)].rstrip(b"\r")
    if first.startswith(b"From ") or first.strip().isdigit():
        separator = first if first.startswith(b"From ") else b""
        start = first_end + 1 if first_end >= 0 else len(r.buf)
    start, end, flaw = _header_end(r, start, max_header)
    return RawMessage(position, 0, separator, bytes(r.buf[start:end]), flaw)
