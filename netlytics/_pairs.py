"""Integer codes of key pairs such as (seeker, interaction_id): uniqueness and membership
checks on whole columns without joining or hashing text where the ids are plain integers.

Used by :func:`netlytics.schema.validate` (a key repeated within a seeker) and the canonical CSV
reader (:mod:`netlytics.loaders.canonical_csv`: repeated ids, references that point nowhere).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["pair_codes", "pairs_unique"]


def _is_text(dtype) -> bool:
    return isinstance(dtype, pd.StringDtype) and dtype.na_value is not pd.NA


def _as_ints(values: pd.Series) -> np.ndarray | None:
    """The values as ``int64`` (null as -1) when every one is the plain decimal text of an
    integer from 0 to 2**40 (so text and number say the same: ``"7"``, never ``"07"``), else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values.array)
    try:
        ints = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if len(ints) and ints.null_count < len(ints):
        low, high = pc.min(ints).as_py(), pc.max(ints).as_py()
        if low < 0 or high >= 2**40:
            return None
    same = pc.equal(pc.cast(ints, arr.type), arr)
    if not pc.all(pc.fill_null(same, True)).as_py():
        return None
    return pc.fill_null(ints, -1).to_numpy()


def pair_codes(*pairs: tuple[pd.Series, pd.Series]) -> list[np.ndarray]:
    """Integer codes of (first, second) text pairs, one array per pair of columns given,
    comparable across them: equal codes if and only if equal pairs (a null equals a null).

    The first columns (e.g. seekers, few distinct values) are factorised; the second (e.g. ids)
    too, unless they are all plain integers (then no string is hashed).

    Parameters
    ----------
    *pairs
        ``(first, second)`` Series of the same length each.

    Returns
    -------
    list of numpy.ndarray
        ``int64`` codes, one array per pair.

    Examples
    --------
    >>> a = pd.Series(["Ana", "Ana", "Bo"], dtype="str")
    >>> x, y = pair_codes((a, pd.Series(["1", "2", "1"], dtype="str")),
    ...                   (a[:1], pd.Series(["2"], dtype="str")))
    >>> len(set(x)), y[0] == x[1]
    (3, np.True_)
    """
    firsts = pd.concat([f for f, _ in pairs], ignore_index=True)
    seconds = pd.concat([v for _, v in pairs], ignore_index=True)
    first_codes, first_uniques = pd.factorize(firsts)  # a null is -1
    second = _as_ints(seconds) if _is_text(seconds.dtype) else None
    if second is not None and len(second) and (len(first_uniques) + 1) * (int(second.max()) + 2) >= 2**62:
        second = None  # the codes would overflow: factorise instead
    if second is None or len(second) == 0:
        second, uniques = pd.factorize(seconds)
        width = len(uniques) + 1
    else:
        width = int(second.max()) + 2
    codes = (first_codes.astype("int64") + 1) * width + (second.astype("int64") + 1)
    return np.split(codes, np.cumsum([len(v) for _, v in pairs])[:-1])


def pairs_unique(first: pd.Series, second: pd.Series) -> bool:
    """True when no two rows share ``(first, second)``; False also when the columns are not
    text (the caller then looks the slow way).

    Parameters
    ----------
    first, second
        Two text columns of the same length.

    Returns
    -------
    bool

    Examples
    --------
    >>> s = pd.Series(["Ana", "Ana"], dtype="str")
    >>> pairs_unique(s, pd.Series(["1", "2"], dtype="str")), pairs_unique(s, s)
    (True, False)
    """
    if not (_is_text(first.dtype) and _is_text(second.dtype)):
        return False
    (codes,) = pair_codes((first, second))
    return pd.Index(codes).is_unique
