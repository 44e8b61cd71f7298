"""Deterministic bytes shared by the sample writers: English date names and fixed-date zips.

Month and day names are written from these tuples, never from the locale; zip members get a
fixed date, deflate at level 6 and ``rw-r--r--`` permissions, so the same content always gives
the same archive bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

__all__ = ["MONTHS", "DAYS", "zip_bytes"]

#: English month abbreviations (January first).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: English day abbreviations (Monday first, as :meth:`datetime.date.weekday` counts).
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def zip_bytes(members: Iterable[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip archive of ``members`` (in the order given), every member dated ``date_time``.

    Parameters
    ----------
    members
        ``(name, data)`` pairs.
    date_time
        ``(year, month, day, hour, minute, second)`` written on every member.

    Returns
    -------
    bytes

    See Also
    --------
    netlytics.sample.linkedin_writer.write_export, netlytics.sample.takeout_writer.write_takeout

    Raises
    ------
    ValueError
        When ``date_time`` is before 1980 (zip dates start there).

    Examples
    --------
    >>> a = zip_bytes([("a.txt", b"hello")], (2026, 1, 1, 0, 0, 0))
    >>> a == zip_bytes([("a.txt", b"hello")], (2026, 1, 1, 0, 0, 0))
    True
    >>> zipfile.ZipFile(io.BytesIO(a)).read("a.txt")
    b'hello'
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=6)
    return buf.getvalue()
