"""Many one-file clients through one run of the tracker pipeline (for :func:`netlytics.load_cohort`).

Loading a cohort folder costs about what loading the same rows as one file costs, plus a small
constant per file. Every client file is read (a loop over files, not rows); clients whose sheets
share tables, headers, file kind, mapping and column assignment form a group; the sheets of a
group are stacked and :mod:`.assemble`'s steps run once per group. Each client stays apart:

- row labels carry the sheet in their high bits (:data:`~.sheets.ROW_BITS`), and each stacked row
  keeps its file's source, so a problem names the file, the row and the column as before;
- while the pipeline runs, each client's seekers carry the client's number as a prefix, so
  people, duplicate ids and ``ref`` are looked up within one client only; the prefix is removed
  at the end;
- sources (rows read = loaded + problems, per file and sheet), notes and problems are counted
  per client, in the order a client's own load writes them.

A client that cannot be batched exactly (a file that cannot be read, a refused sheet, malformed
CSV records, an empty sheet lacking its core columns, no tracker sheet) is left to the caller,
to load on its own. The results equal those of :func:`netlytics.load` on each client, stacked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import NetlyticsError
from netlytics.loaders._base import empty_table
from netlytics.loaders.tracker import assemble
from netlytics.loaders.tracker.discovery import WORKBOOKS, detect_table
from netlytics.loaders.tracker.mapping import TABLE_NAMES, assign_columns, sheet_mapping
from netlytics.loaders.tracker.sheets import ROW_BITS, Sheet, clean_cells, read_csv, read_workbook
from netlytics.loaders.tracker.tables import IMPLICIT_NOTE, Ctx, implicit_frame, select

__all__ = ["Client", "load_clients"]

_PREFIX = "{:08d}\x1e"  # a client's number, then a separator no typed name holds
_PLEN = 9


@dataclass
class Client:
    """One client of a cohort: its number (order), path, default seeker and tracker files
    (default: the path itself; a client's folder lists its trackers, read as one tracker)."""

    key: int
    path: Path
    name: str
    files: list[Path] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)  # the sheets holding a table, in file order
    ignored: list[Sheet] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


def _read(client: Client, mapping: dict) -> bool:
    """Read a client's sheets and tell their tables; False when the client cannot be batched."""
    files = client.files or [client.path]
    sheets, refused = [], []
    try:
        for path in files:  # a loop over a client's files, not rows
            if path.suffix.lower() in WORKBOOKS:
                got, bad = read_workbook(path, mapping)
                sheets.extend(got)
                refused.extend(bad)
            else:
                sheets.append(read_csv(path))
    except (NetlyticsError, OSError, UnicodeError, ValueError):
        return False
    if refused or any(s.bad_records for s in sheets):
        return False
    single_csv = len(files) == 1 and files[0].suffix.lower() == ".csv"  # as assemble._classify
    for s in sheets:
        s.table = detect_table(s.name, s.headers, sheet_mapping(mapping, s.name), single_csv=single_csv)
        (client.sheets if s.table else client.ignored).append(s)
    return bool(client.sheets)


def _stack_key(s: Sheet, mapping: dict) -> tuple:
    """Sheets stacked together: one table, one header, one mapping, one file kind (a CSV's cells
    are text, a workbook's of any kind)."""
    smap = sheet_mapping(mapping, s.name)
    return (s.table, tuple(s.headers), s.file.suffix.lower() == ".csv", repr(smap))


def _clean(sheets: list[Sheet], first_seq: int, mapping: dict) -> tuple[pd.DataFrame, np.ndarray]:
    """Stack and clean sheets of one header (blank rows dropped) and assign each its columns.

    Each sheet gets a number (``first_seq`` on, in ``sheet.seq``); a row's label is
    ``(number << ROW_BITS) | row``. Returns the cells and each sheet's count of rows kept.
    """
    raw = pd.concat([s.cells for s in sheets], ignore_index=True)
    raw.index = np.concatenate(
        [
            ((first_seq + i) << ROW_BITS) | np.asarray(s.cells.index, dtype="int64")
            for i, s in enumerate(sheets)
        ]
    )
    cells = clean_cells(raw)
    filled = cells.notna()
    seq = (np.asarray(cells.index, dtype="int64") >> ROW_BITS) - first_seq
    keep = filled.any(axis=1).to_numpy()
    has_data = filled.groupby(seq).any()
    smap = sheet_mapping(mapping, sheets[0].name)  # the same for every sheet (_stack_key)
    for i, s in enumerate(sheets):  # a loop over sheets, not rows
        s.seq = first_seq + i
        data = has_data.loc[i].tolist() if i in has_data.index else [False] * cells.shape[1]
        s.columns, s.col_notes = assign_columns(s.table, s.headers, data, smap)
    return cells[keep], np.bincount(seq[keep], minlength=len(sheets))


def _note(c: Client, note: str, topic: str, source: str | None = None) -> None:
    c.notes.append({"seeker": c.name, "source": source, "topic": topic, "note": note})


def _class_notes(c: Client) -> None:
    """The notes a client's own load writes while telling its sheets (assemble._classify)."""
    for s in c.sheets:
        if s.header_row > 1:
            said = f"{s.source}: the header is on row {s.header_row}; the rows above it were read as a title."
            _note(c, said, "header", s.source)
        for note in s.col_notes:
            _note(c, f"{s.source}: {note}", "columns", s.source)
    for s in c.ignored:
        _note(c, assemble.ignored_note(s), "sheets", s.source)


def _empty_lacking(c: Client, rows: np.ndarray) -> bool:
    """A sheet without data rows that lacks its core columns (its own load reports it)."""
    return any(
        not rows[s.seq] and not set(assemble.CORE_COLUMNS[s.table]) & set(s.columns.values())
        for s in c.sheets
    )


def _classify(clients: list[Client], mapping: dict) -> tuple[list[list[Client]], dict, int]:
    """Stack and clean the clients' sheets, assign columns and group the clients whose sheets
    match. Returns the groups, the cleaned stacks (by stack key) and the number of sheets."""
    stacks: dict[tuple, list[Sheet]] = {}
    for c in clients:
        for s in c.sheets:
            s.stack = _stack_key(s, mapping)
            stacks.setdefault(s.stack, []).append(s)
    cleaned, counts, seq = {}, [], 0
    for key, sheets in stacks.items():
        cleaned[key], n = _clean(sheets, seq, mapping)
        counts.append(n)
        seq += len(sheets)
    rows = np.concatenate(counts) if counts else np.zeros(0, dtype="int64")
    groups: dict[tuple, list[Client]] = {}
    for c in clients:
        if _empty_lacking(c, rows):
            continue
        _class_notes(c)
        sig = tuple((s.stack, tuple(s.columns.items())) for s in c.sheets)
        groups.setdefault(sig, []).append(c)
    return list(groups.values()), cleaned, seq


@dataclass
class _Group:
    """Clients whose sheets match, and the arrays that tell a stacked row's client."""

    clients: list[Client]
    local: np.ndarray  # sheet number -> the client's place in the group
    names: np.ndarray  # place -> default seeker
    prefixes: np.ndarray  # place -> seeker prefix

    keys: np.ndarray  # place -> the client's number

    def places(self, index) -> np.ndarray:
        """The client place of stacked rows, from their labels."""
        return self.local[np.asarray(index, dtype="int64") >> ROW_BITS]

    def seeker_places(self, seekers: pd.Series) -> np.ndarray:
        """The client place of rows, from their prefixed seekers."""
        keys = seekers.str.slice(0, _PLEN - 1).astype("int64").to_numpy()
        return np.searchsorted(self.keys, keys)


def _group(clients: list[Client], n_seq: int) -> _Group:
    local = np.full(n_seq, -1, dtype="int64")
    for i, c in enumerate(clients):
        for s in c.sheets:
            local[s.seq] = i
    names = np.array([c.name for c in clients], dtype=object)
    prefixes = np.array([_PREFIX.format(c.key) for c in clients], dtype=object)
    keys = np.array([c.key for c in clients], dtype="int64")
    return _Group(clients, local, names, prefixes, keys)


def _stacked(g: _Group, j: int, cells: pd.DataFrame) -> Sheet:
    """The ``j``-th sheet of every client of a group, as one sheet."""
    first = g.clients[0].sheets[j]
    seqs = np.fromiter((c.sheets[j].seq for c in g.clients), dtype="int64", count=len(g.clients))
    mine = np.isin(np.asarray(cells.index, dtype="int64") >> ROW_BITS, seqs)
    cells = cells if mine.all() else cells[mine]
    place = g.places(cells.index)

    def per_row(values) -> pd.Series:  # each client's value on its rows (an Arrow take)
        return pd.Series(pd.array(values, dtype="str").take(place), index=cells.index)

    return Sheet(
        file=None,
        name=first.name,
        source=per_row([c.sheets[j].source for c in g.clients]),
        headers=first.headers,
        cells=cells,
        table=first.table,
        columns=dict(first.columns),
        prefix=per_row(g.prefixes),
        seekers=per_row(g.prefixes + g.names),
    )


def _counts(place: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(place, minlength=n).astype("int64")


Parts = dict[str, list[tuple[pd.DataFrame, np.ndarray]]]


def _account(g: _Group, positions: dict[str, list[int]], results: assemble.Results) -> Parts:
    """Loaded rows, problems and sources of a group, each frame with its rows' client places."""
    n = len(g.clients)
    every = np.arange(n)
    out: Parts = {t: [] for t in (*TABLE_NAMES, "problems", "sources")}
    for table in TABLE_NAMES:
        for (sheet, df, issues), j in zip(results[table], positions[table], strict=True):
            bad = df.index.isin(issues.rows())
            place = g.places(df.index)
            out[table].append((select(table, df[~bad]), place[~bad]))
            prob = issues.frame(sheet.source)
            if len(prob):
                at = g.places(np.sort(issues.rows().to_numpy()))
                out["problems"].append((prob.assign(seeker=g.names[at]), at))
            counts = {
                "seeker": g.names,
                "source": [c.sheets[j].source for c in g.clients],
                "table": table,
                "rows_read": _counts(place, n),
                "loaded": _counts(place[~bad], n),
                "excluded": 0,
                "problems": _counts(place[bad], n),
            }
            out["sources"].append((pd.DataFrame(counts), every))
    return out


def _defaults(g: _Group, ctx: Ctx) -> list[str | None]:
    """Each client's "Defaults used" sentence (None when no default was used)."""
    n = len(g.clients)
    per: dict[str, np.ndarray] = {}
    for col, rows in ctx.default_rows:
        hits = rows.fillna(False).to_numpy(dtype=bool)
        add = _counts(g.places(rows.index[hits]), n)
        per[col] = per[col] + add if col in per else add
    said = []
    for i in range(n):  # a loop over clients, not rows
        parts = [f"{assemble.DEFAULT_SAID[k]} ({int(v[i])} rows)" for k, v in per.items() if v[i]]
        said.append(f"Defaults used: {'; '.join(parts)}." if parts else None)
    return said


def _named(g: _Group, out: Parts) -> dict[int, str]:
    """Place -> the one seeker a client's rows name, when it is not the default (the file name)."""
    frames = [(f, p) for t in TABLE_NAMES for f, p in out[t] if len(f)]
    if not frames:
        return {}
    pairs = pd.DataFrame(
        {
            "place": np.concatenate([p for _, p in frames]),
            "seeker": np.concatenate([f["seeker"].to_numpy(dtype=object) for f, _ in frames]),
        }
    ).drop_duplicates()
    one = pairs.groupby("place")["seeker"].agg(["size", "first"])
    one = one[one["size"] == 1]
    return {int(p): s[_PLEN:] for p, s in one["first"].items() if s[_PLEN:] != g.names[p]}


def _notes(
    g: _Group, ctx: Ctx, implicit: pd.DataFrame, named: dict[int, str]
) -> tuple[pd.DataFrame, np.ndarray]:
    """Every client's notes, in the order its own load writes them."""
    n = len(g.clients)
    new = _counts(g.seeker_places(implicit["seeker"]), n) if len(implicit) else np.zeros(n, "int64")
    defaults = _defaults(g, ctx)
    rows, places = [], []
    for i, c in enumerate(g.clients):  # a loop over clients, not rows
        if new[i]:
            _note(c, IMPLICIT_NOTE.format(n=int(new[i])), "contacts")
        if defaults[i]:
            _note(c, defaults[i], "defaults")
        if i in named:
            _note(c, assemble.SEEKER_NOTE.format(seeker=named[i], default=c.name), "seeker")
        rows.extend(c.notes)
        places.extend([i] * len(c.notes))
    frame = pd.DataFrame(rows, columns=["seeker", "source", "topic", "note"])
    return frame, np.asarray(places, dtype="int64")


def _frames(g: _Group, out: Parts) -> tuple[dict[str, pd.DataFrame], dict[str, np.ndarray]]:
    """Each table of a group with its rows in client order (stable), and each row's client place."""
    tables, places = {}, {}
    for name, parts in out.items():
        parts = [(f, p) for f, p in parts if len(f)]
        if not parts:
            tables[name], places[name] = empty_table(name), np.zeros(0, dtype="int64")
            continue
        place = np.concatenate([p for _, p in parts])
        order = np.argsort(place, kind="stable")
        frame = pd.concat([f for f, _ in parts], ignore_index=True)
        tables[name], places[name] = frame.take(order).reset_index(drop=True), place[order]
    return tables, places


def _run(g: _Group, cleaned: dict, ctx: Ctx) -> tuple[NetworkData, dict[str, np.ndarray]]:
    """The tracker pipeline once for a group; the data and each row's client number."""
    positions: dict[str, list[int]] = {t: [] for t in TABLE_NAMES}
    by_table: dict[str, list[Sheet]] = {t: [] for t in TABLE_NAMES}
    for j, s in enumerate(g.clients[0].sheets):
        by_table[s.table].append(_stacked(g, j, cleaned[s.stack]))
        positions[s.table].append(j)
    results = assemble.run_tables(by_table, ctx)
    out = _account(g, positions, results)
    implicit = implicit_frame(ctx, results)
    if len(implicit):
        out["contacts"].append((select("contacts", implicit), g.seeker_places(implicit["seeker"])))
    named = _named(g, out)
    out["notes"] = [_notes(g, ctx, implicit, named)]
    tables, places = _frames(g, out)
    contacts = tables["contacts"]
    dup = contacts.duplicated(["seeker", "contact_id"]).to_numpy()
    tables["contacts"], places["contacts"] = contacts[~dup].reset_index(drop=True), places["contacts"][~dup]
    for name in TABLE_NAMES:
        tables[name] = tables[name].assign(seeker=tables[name]["seeker"].str.slice(_PLEN))
    if named:
        for name in ("sources", "notes", "problems"):
            renamed = pd.Series(places[name]).map(named).to_numpy(dtype=object)
            keep = pd.isna(renamed)
            tables[name] = tables[name].assign(seeker=np.where(keep, tables[name]["seeker"], renamed))
    keys = {name: g.keys[p] for name, p in places.items()}
    return NetworkData(**tables), keys


def load_clients(
    clients: list[Client], ctx_of: Callable[[], Ctx], mapping: dict, *, tick: Callable | None = None
) -> list[tuple[NetworkData, dict[str, np.ndarray]]]:
    """Load one-file tracker clients in groups; those that cannot be batched are left out.

    Parameters
    ----------
    clients
        The clients (numbered in cohort order, each a tracker file).
    ctx_of
        Makes a fresh :class:`~.tables.Ctx` with the cohort's options (one per group).
    mapping
        The checked mapping.
    tick
        Called with each client's path once its file is read (a progress bar).

    Returns
    -------
    list of (NetworkData, dict)
        Per group, its data and, per table, each row's client number. A client in no group
        (see the module's text) is to be loaded on its own.

    Raises
    ------
    MemoryError
        As any load, when the rows do not fit in memory. A client's bad file, or a bad option,
        never raises here: those clients are left to their own loads, which report them.

    See Also
    --------
    netlytics.loaders.cohort.load_cohort : its user.
    """
    readable = []
    for c in clients:  # a loop over files, not rows
        if _read(c, mapping):
            readable.append(c)
        if tick is not None:
            tick(c.path)
    groups, cleaned, n_seq = _classify(readable, mapping)
    done = []
    for members in groups:
        try:
            done.append(_run(_group(members, n_seq), cleaned, ctx_of()))
        except NetlyticsError:  # e.g. an unknown tz: each client's own load reports it
            continue
    return done
