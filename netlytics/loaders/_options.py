"""The options every loader family receives, in one object.

:func:`netlytics.load` builds one :class:`LoadOptions` from its keyword arguments and hands it to
each family's ``load(path, options)``. A family reads the fields it needs and ignores the rest,
so adding an option never changes a loader's signature.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

import pandas as pd

__all__ = ["LoadOptions", "EARLIEST"]

#: Dates before this are problems in trackers unless ``earliest=`` says otherwise.
EARLIEST = pd.Timestamp("1990-01-01", tz="UTC")


@dataclass(frozen=True)
class LoadOptions:
    """What the caller of :func:`netlytics.load` asked for.

    Attributes
    ----------
    seeker
        The seeker's name; default from the sources (the export's owner, the file name).
    mapping
        Header and value renames for free-form trackers (a dict or a JSON file path).
    tz
        Time zone of date-only and zone-less timestamps (trackers, floating calendar times).
    dayfirst
        How to read ambiguous dates such as 03/04/2025; ``None`` reports them as problems.
    content
        Load LinkedIn message bodies (off by default: no metric needs them).
    future_after
        Dates more than a day after this are problems (default: the load time, resolved by
        :func:`netlytics.load`). Calendars expand recurrences up to this time.
    earliest
        Dates before this are problems (trackers).
    me
        The seeker's own e-mail addresses, when the sources cannot tell them.
    owner_url
        The seeker's own LinkedIn profile URL, when the export cannot tell it.
    max_recipients
        An outbound e-mail to more counterparts than this is a broadcast (excluded).
    max_attendees
        A meeting with more people than this is excluded.
    """

    seeker: str | None = None
    mapping: dict | str | os.PathLike | None = None
    tz: str = "UTC"
    dayfirst: bool | None = None
    content: bool = False
    future_after: pd.Timestamp | None = None
    earliest: pd.Timestamp = EARLIEST
    me: tuple[str, ...] = field(default_factory=tuple)
    owner_url: str | None = None
    max_recipients: int = 5
    max_attendees: int = 8

    def with_(self, **changes) -> LoadOptions:
        """A copy with some fields changed."""
        return replace(self, **changes)
