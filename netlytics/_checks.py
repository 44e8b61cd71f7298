"""Shared argument checks: one did-you-mean, one integer check, one timestamp parser.

Every public function validates its options with these helpers, so that a wrong value always
gets the same kind of message: the argument's name, what was received, what is allowed and,
where a close match exists, a suggestion.

>>> check_choice("fmt", "tabel", ["table", "csv", "json"])
Traceback (most recent call last):
...
netlytics.errors.ParameterError: fmt must be one of ['table', 'csv', 'json']; got 'tabel'. Did you mean 'table'?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from netlytics.errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "did_you_mean",
    "check_choice",
    "check_positive_int",
    "check_number",
    "check_mapping",
    "parse_timestamp",
]


def did_you_mean(value: object, options: Iterable[object], *, cutoff: float = 0.6) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest of ``options``, or ``""``.

    >>> did_you_mean("referal", ["lead", "referral"])
    " Did you mean 'referral'?"
    >>> did_you_mean("zzz", ["lead", "referral"])
    ''
    """
    choices = [str(o) for o in options]
    text = str(value)
    close = difflib.get_close_matches(text, choices, n=1, cutoff=cutoff)
    if not close:  # case-insensitive second chance ('CSV' for 'csv')
        lowered = {c.lower(): c for c in choices}
        close = [
            lowered[m] for m in difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=cutoff)
        ]
    return f" Did you mean {close[0]!r}?" if close else ""


def check_choice(name: str, value: object, choices: Iterable[object], *, what: str | None = None) -> object:
    """Return ``value`` if it is one of ``choices``, else raise :class:`ParameterError`.

    ``what`` replaces "must be one of" in the message (e.g. ``"is not a known gift kind"``).

    >>> check_choice("engine", "pandas", ["pandas", "dask"])
    'pandas'
    """
    options = list(choices)
    if value in options:
        return value
    lead = f"{name} {what}" if what else f"{name} must be one of {[*options]!r}"
    tail = f"; expected one of {[*options]!r}" if what else ""
    raise ParameterError(f"{lead}; got {value!r}{tail}.{did_you_mean(value, options)}")


def check_positive_int(
    name: str, value: object, *, allow_zero: bool = False, allow_none: bool = False
) -> int | None:
    """Return ``value`` as an ``int`` if it is a whole number > 0 (or >= 0), else raise.

    ``bool`` is refused (``True`` is not a count).

    >>> check_positive_int("limit", 3)
    3
    >>> check_positive_int("limit", 0)
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: limit must be a whole number greater than 0; got 0.
    """
    if value is None and allow_none:
        return None
    import numbers

    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if ok and (value > 0 or (allow_zero and value == 0)):
        return int(value)
    bound = "0 or more" if allow_zero else "greater than 0"
    raise ParameterError(f"{name} must be a whole number {bound}; got {value!r}.")


def check_number(name: str, value: object, *, minimum: float | None = None, strict: bool = False) -> float:
    """Return ``value`` as a float if it is a real number (optionally above ``minimum``).

    >>> check_number("window_days", 90, minimum=0, strict=True)
    90.0
    """
    import numbers

    if not isinstance(value, numbers.Real) or isinstance(value, bool) or value != value:
        raise ParameterError(f"{name} must be a number; got {value!r}.")
    if minimum is not None and (value < minimum or (strict and value == minimum)):
        rel = "greater than" if strict else "at least"
        raise ParameterError(f"{name} must be {rel} {minimum}; got {value!r}.")
    return float(value)


def check_mapping(name: str, value: object, keys: Iterable[object], *, what: str, example: str) -> dict:
    """Return ``value`` as a dict (empty for None) if it is a mapping whose keys are all in ``keys``.

    For options that override a table of defaults by name (weights, thresholds); the values
    are the caller's to check. ``what`` names one key in the message, ``example`` shows a
    valid value.

    >>> check_mapping("weights", {"help": 2}, ["lead", "help"], what="gift kind", example="{'help': 2}")
    {'help': 2}
    >>> check_mapping("weights", {"hepl": 2}, ["lead", "help"], what="gift kind", example="{'help': 2}")
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: weights has an unknown gift kind 'hepl'. Did you mean 'help'? Allowed: ['lead', 'help'].
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ParameterError(
            f"{name} must be a mapping of {what} -> number, e.g. {example}; got {type(value).__name__}."
        )
    allowed = list(keys)
    for key in value:
        if key not in allowed:
            hint = did_you_mean(key, allowed)
            raise ParameterError(f"{name} has an unknown {what} {key!r}.{hint} Allowed: {allowed}.")
    return dict(value)


def parse_timestamp(name: str, value: object, *, tz: str = "UTC") -> pd.Timestamp | None:
    """Parse a user-given time (``as_of``, ``since``...) to a UTC :class:`pandas.Timestamp`.

    ``None`` stays ``None``. Naive times and dates are read in ``tz``.

    >>> parse_timestamp("as_of", "2026-03-01")
    Timestamp('2026-03-01 00:00:00+0000', tz='UTC')
    >>> parse_timestamp("since", "yesterday-ish")
    Traceback (most recent call last):
    ...
    netlytics.errors.ParameterError: since must be a date or timestamp such as '2026-03-01'; got 'yesterday-ish'.
    """
    if value is None:
        return None
    import pandas as pd

    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as err:
        raise ParameterError(
            f"{name} must be a date or timestamp such as '2026-03-01'; got {value!r}."
        ) from err
    if ts is pd.NaT:
        raise ParameterError(f"{name} must be a date or timestamp such as '2026-03-01'; got {value!r}.")
    ts = ts.tz_localize(tz) if ts.tzinfo is None else ts
    return ts.tz_convert("UTC")
