"""A large mailbox read while a person watches shows a bar of bytes read; the bytes the
parser sees are unchanged, and in a pipe or a test the stream is not wrapped at all."""

import io

from netlytics import progress
from netlytics.loaders.mail import _watch
from netlytics.loaders.mail._split import split_mbox


def _box(n: int) -> bytes:
    return b"".join(
        b"From a@example.org Mon Jan  6 09:00:00 2025\nFrom: a@example.org\nSubject: x\n\nbody %d\n\n" % i
        for i in range(n)
    )


def test_silent_and_unwrapped_when_nobody_watches():
    stream = io.BytesIO(_box(3))
    assert _watch.watched(stream, _watch.MIN_BYTES * 2, "inbox.mbox") is stream


def test_watched_stream_passes_every_byte_and_closes_the_bar(monkeypatch):
    monkeypatch.setattr(progress, "display", lambda: "none")  # the bar itself draws nothing here
    monkeypatch.setattr(_watch, "MIN_BYTES", 10)
    monkeypatch.setattr(_watch, "_EVERY", 0.0)  # update on every read
    monkeypatch.setattr(_watch, "_MB", 100)  # a "mebibyte" of 100 bytes: the bar moves
    box = _box(40)
    wrapped = _watch._Watched(io.BytesIO(box), len(box), "inbox.mbox")
    with wrapped as f:
        got = [m.header for m in split_mbox(f, chunk=64)]
    assert len(got) == 40
    assert wrapped.read_bytes == len(box)
    assert wrapped.shown == len(box) // 100  # every whole unit read was shown, none beyond
    assert wrapped.bar.gi_frame is None  # the bar's generator is closed
