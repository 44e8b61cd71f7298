"""The mapping: which canonical column each header is, and which canonical value each cell is.

A mapping (``mapping=``, a dict or a JSON file) renames headers and values for one template;
without one, :mod:`netlytics.aliases` does (docs/trackers.md, sections 2 and 5).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from netlytics import aliases, schema
from netlytics._checks import did_you_mean
from netlytics.errors import InputError, MappingError

__all__ = [
    "TABLE_NAMES",
    "VOCAB_COLUMNS",
    "read_mapping",
    "sheet_mapping",
    "header_target",
    "header_score",
    "assign_columns",
]

PathLike = str | os.PathLike

#: The tables a tracker holds.
TABLE_NAMES: tuple[str, ...] = ("contacts", "interactions", "applications")

#: Columns whose cells must be one of a vocabulary, per table.
VOCAB_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "interactions": {"channel": schema.CHANNELS, "direction": schema.DIRECTIONS, "kind": schema.KINDS},
    "applications": {"via": schema.VIAS, "status": schema.STATUSES},
    "contacts": {},
}


def _known_columns(table: str) -> set[str]:
    return set(aliases.HEADER_ALIASES[table]) | {"notes"}


def read_mapping(mapping: dict | PathLike | None) -> dict:
    """Check a ``mapping=`` (a dict or a JSON file) and return it as a dict.

    The shape is ``{"sheets": {"<sheet name or CSV stem>": {"table": ..., "columns": {<header as
    written>: <canonical column>}, "values": {<canonical column>: {<value as written>:
    <canonical value>}}}}}``. Keys netlytics does not know (``"description"``, ``"notes"``) are
    ignored.

    Parameters
    ----------
    mapping
        A dict, a path to a JSON file, or None (no mapping).

    Returns
    -------
    dict
        ``{"sheets": {name: {"table", "columns", "values"}}}`` with value keys trimmed and
        case-folded.

    Raises
    ------
    MappingError
        A malformed mapping, naming the key path and what is allowed.
    InputError
        The mapping file cannot be read.

    See Also
    --------
    netlytics.loaders.tracker.load_tracker : uses the mapping.

    Examples
    --------
    >>> m = read_mapping({"sheets": {"Log": {"table": "interactions", "columns": {"Met": "at"},
    ...                              "values": {"channel": {"Café": "in_person"}}}}})
    >>> m["sheets"]["Log"]["columns"]
    {'Met': 'at'}
    >>> read_mapping({"sheets": {"Log": {"table": "interaction"}}})
    Traceback (most recent call last):
    ...
    netlytics.errors.MappingError: mapping['sheets']['Log']['table']: 'interaction' is not a table; expected one of ['contacts', 'interactions', 'applications']. Did you mean 'interactions'?
    """
    if mapping is None:
        return {"sheets": {}}
    where = "mapping"
    if isinstance(mapping, (str, os.PathLike)):
        where = f"mapping file {str(mapping)!r}"
        mapping = _read_json(Path(mapping), where)
    if not isinstance(mapping, dict):
        raise MappingError(f"{where}: expected an object with a 'sheets' key; got {type(mapping).__name__}.")
    sheets = mapping.get("sheets")
    if sheets is None:
        raise MappingError(
            f"{where}: no 'sheets' key. Expected {{'sheets': {{'<sheet name>': {{'table': ..., "
            f"'columns': {{...}}, 'values': {{...}}}}}}}}; found keys {sorted(map(str, mapping))}."
            + (f" Did you mean 'sheets' instead of {close!r}?" if (close := _close(mapping)) else "")
        )
    if not isinstance(sheets, dict):
        raise MappingError(
            f"mapping['sheets']: expected an object of sheet names; got {type(sheets).__name__}."
        )
    return {"sheets": {str(sheet): _check_sheet(sheet, spec) for sheet, spec in sheets.items()}}


def _close(mapping: dict) -> str:
    """The key of ``mapping`` closest to 'sheets' (for the message of a misspelt key)."""
    return aliases.closest("sheets", [str(k) for k in mapping], cutoff=0.6) or ""


def _read_json(path: Path, where: str) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"Cannot read the mapping file {str(path)!r}: {err.strerror or err}.") from err
    try:
        return json.loads(text)
    except ValueError as err:
        raise MappingError(f"{where} is not valid JSON: {err}.") from err


def _check_sheet(sheet: object, spec: object) -> dict:
    """One sheet's entry of the mapping, checked."""
    path = f"mapping['sheets'][{sheet!r}]"
    if not isinstance(spec, dict):
        raise MappingError(f"{path}: expected an object with 'table', 'columns', 'values'; got {spec!r}.")
    table = spec.get("table")
    if table is not None and table not in TABLE_NAMES:
        raise MappingError(
            f"{path}['table']: {table!r} is not a table; expected one of {list(TABLE_NAMES)}."
            + did_you_mean(table, TABLE_NAMES)
        )
    allowed = _known_columns(table) if table else set().union(*(_known_columns(t) for t in TABLE_NAMES))
    what = table or "any tracker table"
    columns = spec.get("columns", {})
    if not isinstance(columns, dict):
        raise MappingError(f"{path}['columns']: expected an object {{header: column}}; got {columns!r}.")
    for header, target in columns.items():
        if not isinstance(target, str) or target not in allowed:
            raise MappingError(
                f"{path}['columns'][{header!r}]: {target!r} is not a column of {what}; expected one of "
                f"{sorted(allowed)}." + did_you_mean(target, sorted(allowed))
            )
    values = spec.get("values", {})
    if not isinstance(values, dict):
        raise MappingError(
            f"{path}['values']: expected an object {{column: {{value: value}}}}; got {values!r}."
        )
    clean = {
        column: _check_values(f"{path}['values'][{column!r}]", column, vmap, allowed, what)
        for column, vmap in values.items()
    }
    return {"table": table, "columns": dict(columns), "values": clean}


def _check_values(vpath: str, column: object, vmap: object, allowed: set[str], what: str) -> dict[str, str]:
    if column not in allowed:
        raise MappingError(
            f"{vpath}: {column!r} is not a column of {what}; expected one of {sorted(allowed)}."
            + did_you_mean(column, sorted(allowed))
        )
    if not isinstance(vmap, dict):
        raise MappingError(
            f"{vpath}: expected an object {{value as written: canonical value}}; got {vmap!r}."
        )
    vocab = next((v[column] for v in VOCAB_COLUMNS.values() if column in v), None)
    for written, canon in vmap.items():
        if not isinstance(canon, str) or (vocab is not None and canon not in vocab):
            raise MappingError(
                f"{vpath}[{written!r}]: {canon!r} is not a {column}; expected one of {list(vocab or [])}."
                + did_you_mean(canon, list(vocab or []))
            )
    return {str(k).strip().casefold(): v for k, v in vmap.items()}


def sheet_mapping(mapping: dict, name: str) -> dict:
    """The mapping entry of one sheet (exact name, else ignoring case; empty when absent).

    Parameters
    ----------
    mapping
        A mapping checked by :func:`read_mapping`.
    name
        The sheet name or CSV stem.

    Returns
    -------
    dict
        ``{"table", "columns", "values"}``.

    See Also
    --------
    read_mapping : the mapping's shape and checks.
    """
    sheets = mapping["sheets"]
    if name in sheets:
        return sheets[name]
    folded = {k.casefold(): v for k, v in sheets.items()}
    return folded.get(name.casefold(), {"table": None, "columns": {}, "values": {}})


def header_target(table: str, header: str, smap: dict) -> str | None:
    """The canonical column a header names in ``table``: the mapping's, else the alias table's.

    Parameters
    ----------
    table
        A tracker table.
    header
        The header as written.
    smap
        The sheet's mapping.

    Returns
    -------
    str or None

    See Also
    --------
    read_mapping : the mapping's shape and checks.
    """
    return smap["columns"].get(header) or aliases.header_lookup(table, header)


def header_score(headers: list[str], smap: dict) -> int:
    """How many known columns a row names (the best over the tables): 2 or more is a header.

    Parameters
    ----------
    headers
        The row's cells as text.
    smap
        The sheet's mapping.

    Returns
    -------
    int

    See Also
    --------
    read_mapping : the mapping's shape and checks.
    """
    return max(len({header_target(t, h, smap) for h in headers if h} - {None}) for t in TABLE_NAMES)


def assign_columns(
    table: str, headers: list[str], has_data: list[bool], smap: dict
) -> tuple[dict[int, str], list[str]]:
    """Map header positions to canonical columns.

    Parameters
    ----------
    table
        The sheet's table.
    headers
        The header row as read.
    has_data
        Per position, whether the column holds any cell (a column without a header but with
        data is reported).
    smap
        The sheet's mapping.

    Returns
    -------
    columns : dict
        position -> canonical column.
    notes : list of str
        What was ignored and why (unknown headers with a did-you-mean; repeated columns).

    See Also
    --------
    read_mapping : the mapping's shape and checks.
    """
    used: dict[str, int] = {}
    unknown: list[str] = []
    notes: list[str] = []
    known_aliases = [a for col, al in aliases.HEADER_ALIASES[table].items() for a in (col, *al)]
    for pos, header in enumerate(headers):
        if not header:
            if pos < len(has_data) and has_data[pos]:
                unknown.append(f"(column {pos + 1} has no header)")
            continue
        target = header_target(table, header, smap)
        if target is None and aliases.normalise(header) in aliases.IGNORED_HEADERS or target == "notes":
            continue
        if target is None:
            unknown.append(header)
        elif target in used:
            notes.append(
                f"column {header!r} is read as {target!r}, but column {headers[used[target]]!r} already "
                f"is; {header!r} was ignored."
            )
        else:
            used[target] = pos
    if unknown:
        notes.append(_unknown_note(table, unknown, known_aliases))
    return {pos: col for col, pos in used.items()}, notes


#: At most this many ignored headers are named (with a did-you-mean) in the note.
_NAMED_HEADERS = 20


def _unknown_note(table: str, unknown: list[str], known: list[str]) -> str:
    """The note listing ignored headers: the first few with a did-you-mean, then a count."""
    said = []
    for header in unknown[:_NAMED_HEADERS]:
        if header.startswith("(column "):
            said.append(header)
            continue
        hint = aliases.closest(aliases.normalise(header), known)
        said.append(repr(header) + (f" (did you mean {hint!r}?)" if hint else ""))
    more = f" and {len(unknown) - _NAMED_HEADERS:,} more" if len(unknown) > _NAMED_HEADERS else ""
    return (
        f"column(s) {', '.join(said)}{more} are not {table} columns and were ignored "
        f"(see docs/trackers.md for the headers netlytics reads, or give a mapping)."
    )
