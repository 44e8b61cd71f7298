"""Exceptions and warnings raised by netlytics.

Every error a user can cause derives from :class:`NetlyticsError`; the input-related ones
also derive from :class:`ValueError` so that generic ``except ValueError`` code keeps working.
Data-quality notes are never printed: they are rows in ``problems`` / ``excluded`` or warnings
of the classes below.
"""

from __future__ import annotations

__all__ = [
    "NetlyticsError",
    "InputError",
    "FormatError",
    "SchemaError",
    "MappingError",
    "ParameterError",
    "OutputError",
    "NetlyticsWarning",
    "DataQualityWarning",
    "ResavedFileWarning",
]


class NetlyticsError(Exception):
    """Base class of every error netlytics raises on purpose.

    ``hint`` is a one-line suggestion the command line prints after the message.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class InputError(NetlyticsError, ValueError):
    """A path or file cannot be used as input (missing, unreadable, unknown kind)."""


class FormatError(InputError):
    """A file is readable but its content does not have the expected format."""


class SchemaError(NetlyticsError, ValueError):
    """A canonical table does not satisfy the schema (columns, dtypes, vocabularies)."""


class MappingError(NetlyticsError, ValueError):
    """A user-supplied ``mapping=`` is malformed."""


class ParameterError(NetlyticsError, ValueError):
    """A function argument has a value outside what it allows."""


class OutputError(NetlyticsError, OSError):
    """An output cannot be written (for example it would overwrite an input)."""


class NetlyticsWarning(UserWarning):
    """Base class of netlytics warnings."""


class DataQualityWarning(NetlyticsWarning):
    """Input was loaded, but some of it looks doubtful (see ``data.problems``)."""


class ResavedFileWarning(DataQualityWarning):
    """A LinkedIn export file looks re-saved by a spreadsheet program (BOM, ``;``, CRLF...)."""
