"""A bar of bytes read while a large mailbox streams in (:mod:`netlytics.progress`: rich in a
terminal, a transient line in a notebook, nothing in a pipe or a test).

The stream is wrapped, never buffered: each ``read`` passes through, and the bar (counted in
mebibytes) catches up at most four times a second, so its cost is nil beside parsing.
"""

from __future__ import annotations

import time
from typing import BinaryIO

__all__ = ["MIN_BYTES", "watched"]

#: Mailboxes smaller than this read in well under two seconds: no bar.
MIN_BYTES = 128 << 20
_MB = 1 << 20
_EVERY = 0.25  # seconds between two updates of the bar


class _Watched:
    """A binary stream that moves a bar of mebibytes read (see :func:`watched`)."""

    def __init__(self, stream: BinaryIO, size: int, label: str) -> None:
        from netlytics import progress

        self.stream, self.read_bytes, self.shown = stream, 0, 0
        self.total = max(1, size // _MB)
        self.bar = progress.track(range(self.total + 1), f"Reading {label} (MB)", total=self.total)
        next(self.bar)  # starts the display
        self.last = time.monotonic()

    def read(self, n: int = -1) -> bytes:
        data = self.stream.read(n)
        self.read_bytes += len(data)
        now = time.monotonic()
        if now - self.last >= _EVERY:
            self.last = now
            for _ in range(min(self.total, self.read_bytes // _MB) - self.shown):
                next(self.bar, None)
            self.shown = max(self.shown, min(self.total, self.read_bytes // _MB))
        return data

    def close(self) -> None:
        self.bar.close()  # erases the bar, also when reading stopped early (Ctrl-C included)

    def __enter__(self) -> _Watched:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
        self.stream.close()


def watched(stream: BinaryIO, size: int, label: str) -> BinaryIO:
    """``stream`` itself, or wrapped in a bar of bytes read when it is large and watched.

    Parameters
    ----------
    stream : binary file
        An open mailbox (a file or a zip member), read in chunks by the caller.
    size : int
        Its size in bytes (0 when unknown: no bar).
    label : str
        The file's name, shown beside the bar.

    Returns
    -------
    binary file
        A stream yielding the same bytes; close it (or use ``with``) to erase the bar.

    Examples
    --------
    >>> import io
    >>> with watched(io.BytesIO(b"From a\\n"), 7, "inbox.mbox") as f:
    ...     f.read()
    b'From a\\n'
    """
    from netlytics import progress

    if size < MIN_BYTES or progress.display() == "none":
        return stream
    return _Watched(stream, size, label)
