"""The keyed hash behind every alias: HMAC-SHA256 of each distinct value, and numbering by it.

Aliases are numbered in the order of their keyed digests, so only the order of digests matters.
Digests are raw 32-byte strings (their order is the order of their hexadecimal spelling). Each
distinct value is hashed once; values repeated over many rows are factorised first and the
result is mapped back (:func:`on_distinct`). Interaction and application ids, a million distinct
values at scale, are numbered by a keyed SipHash of the whole column instead (:func:`order_keys`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from netlytics.errors import ParameterError

_BLOCK = 64  # SHA-256 block size in bytes (RFC 2104)
_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


def check_salt(salt: str | bytes) -> bytes:
    """The HMAC key of a user's salt.

    Parameters
    ----------
    salt
        A non-empty string (encoded as UTF-8) or bytes.

    Returns
    -------
    bytes

    Raises
    ------
    ParameterError
        When ``salt`` is empty or neither text nor bytes.

    See Also
    --------
    digests : uses the key.

    Examples
    --------
    >>> check_salt("pepper")
    b'pepper'
    """
    if isinstance(salt, str):
        salt = salt.encode("utf-8")
    if not isinstance(salt, bytes) or not salt:
        raise ParameterError(
            f"salt must be a non-empty string (a secret you keep); got {salt!r}.",
            hint="Choose a long random phrase and store it privately: without it the aliases cannot "
            "be reversed, with it the same input always gets the same aliases.",
        )
    return salt


def digests(key: bytes, domain: str, values: Iterable) -> dict:
    """HMAC-SHA256 digest (32 raw bytes) of each distinct value, keyed by the value.

    The message is ``domain + "\\x1f" + str(value)``. The inner and outer SHA-256 states of the
    key are prepared once and copied per value, which gives :func:`hmac.digest`'s bytes at a
    third of its cost per value.

    Parameters
    ----------
    key
        The HMAC key (:func:`check_salt`).
    domain
        Separates the kinds of values (a seeker and a contact with the same text get unrelated
        digests).
    values
        The values (hashed once each).

    Returns
    -------
    dict
        value -> digest.

    See Also
    --------
    check_salt : the key.

    Examples
    --------
    >>> import hmac
    >>> d = digests(b"k", "seeker", ["Ana"])
    >>> d["Ana"] == hmac.digest(b"k", "seeker\\x1fAna".encode(), "sha256")
    True
    """
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner, outer = hashlib.sha256(key.translate(_IPAD)), hashlib.sha256(key.translate(_OPAD))

    def one(value) -> bytes:
        h = inner.copy()
        h.update(f"{domain}\x1f{value}".encode())
        o = outer.copy()
        o.update(h.digest())
        return o.digest()

    return {v: one(v) for v in values}


def siphash_key(key: bytes, domain: str) -> str:
    """The 16-character SipHash key of ``domain``: 112 bits of HMAC-SHA256(key, domain).

    Each character is one digest byte's low 7 bits (``chr(b & 0x7F)``), so that the key's UTF-8
    bytes, which SipHash takes, are exactly 16.

    Examples
    --------
    >>> k = siphash_key(b"salt", "I")
    >>> len(k), len(k.encode("utf-8")), k == siphash_key(b"salt", "A")
    (16, 16, False)
    """
    raw = digests(key, f"siphash-key\x1f{domain}", ["order"])["order"][:16]
    return "".join(chr(b & 0x7F) for b in raw)


def order_keys(key: bytes, domain: str, values: list) -> np.ndarray:
    """A keyed 64-bit hash of each of ``values`` (in order), to number them by.

    For families of a million distinct values (interaction ids), one HMAC each would cost
    seconds: this is SipHash-2-4, a keyed pseudo-random function, run over the whole column at
    once by :func:`pandas.util.hash_array` (SipHash of the UTF-8 bytes, then pandas' fixed
    64-bit finaliser) with a key of 112 bits derived from the salt (:func:`siphash_key`).
    Without the salt the order says nothing about the values.

    Parameters
    ----------
    key, domain
        As in :func:`digests`.
    values
        Distinct values (text).

    Returns
    -------
    numpy.ndarray
        Shape (n, 1), uint64: sorting the rows sorts the values by their keyed hash.

    See Also
    --------
    check_salt : the key.

    Examples
    --------
    >>> order_keys(b"k", "x", ["a", "b"]).shape
    (2, 1)
    """
    arr = np.asarray(values, dtype=object)
    if not len(arr):
        return np.zeros((0, 1), dtype=np.uint64)
    hashed = pd.util.hash_array(arr, encoding="utf8", hash_key=siphash_key(key, domain), categorize=False)
    return np.asarray(hashed, dtype=np.uint64).reshape(len(arr), 1)


def numbered(key: bytes, domain: str, values, *, width: int) -> dict[str, str]:
    """Number distinct values 1..n in the order of their keyed digests (zero-padded strings).

    Parameters
    ----------
    key, domain
        As in :func:`digests`.
    values
        The values (duplicates are numbered once).
    width
        The least number of digits.

    Returns
    -------
    dict
        value -> number as text.

    See Also
    --------
    check_salt : the key.

    Examples
    --------
    >>> sorted(numbered(b"k", "seeker", ["a", "b", "a"], width=2).values())
    ['01', '02']
    """
    dig = digests(key, domain, set(values))
    ordered = sorted(dig, key=dig.__getitem__)
    width = max(width, len(str(len(ordered))))
    return {v: str(i).zfill(width) for i, v in enumerate(ordered, start=1)}


def on_distinct(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``func(s)`` (a Series -> Series, null for null) worked out once per distinct value.

    Parameters
    ----------
    s
        The values, with repeats.
    func
        A vectorised function of a Series.

    Returns
    -------
    pandas.Series
        Aligned with ``s``.

    See Also
    --------
    digests : hashes distinct values.

    Examples
    --------
    >>> on_distinct(pd.Series(["a", "b", "a", None], dtype="str"), lambda u: u.str.upper()).tolist()
    ['A', 'B', 'A', nan]
    """
    codes, values = pd.factorize(s)  # one hash pass; nulls are -1
    if len(values) == len(s):
        return func(s)
    done = func(pd.Series(values, dtype=s.dtype))
    taken = done.array.take(codes, allow_fill=True)  # -1: null
    return pd.Series(taken, index=s.index, dtype=done.dtype, name=s.name)
