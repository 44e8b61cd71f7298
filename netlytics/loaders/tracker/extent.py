"""The extent of an ``.xlsx``/``.xlsm`` sheet, measured before calamine reads it.

calamine builds a dense grid of a sheet's whole used range: one stray cell far away
(``XFD1048576``) would ask for hundreds of gigabytes. Every sheet's XML is therefore streamed
first (at C speed: a few byte counts and regular expressions per chunk) for its true extent, and
a sheet beyond these limits is refused with a reason naming the sheet and the far cell.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

__all__ = ["MAX_ROWS", "MAX_COLUMNS", "MAX_CELLS", "MAX_SHEET_BYTES", "refusals"]

#: The most rows a workbook sheet may span (Excel's own limit).
MAX_ROWS = 1_048_576
#: The most columns a workbook sheet may span (column ALL).
MAX_COLUMNS = 1_000
#: The most cells in the rectangle from A1 to a sheet's farthest cell.
MAX_CELLS = 20_000_000
#: The most bytes of XML one sheet may hold once decompressed (2 GiB).
MAX_SHEET_BYTES = 2 << 30

_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)([0-9]+)"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CHUNK = 8 << 20


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, from the workbook and its relationships."""
    try:
        wb = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {
        m.group(1).decode(): m.group(2).decode()
        for m in re.finditer(rb'<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"', rels)
    }
    targets.update(
        {
            m.group(2).decode(): m.group(1).decode()
            for m in re.finditer(rb'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"', rels)
        }
    )
    out = {}
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)>", wb):
        attrs = m.group(1)
        name = re.search(rb'\bname="([^"]*)"', attrs)
        rid = re.search(rb'\br:id="([^"]*)"', attrs) or re.search(rb'\b\w+:id="([^"]*)"', attrs)
        if name and rid and rid.group(1).decode() in targets:
            target = targets[rid.group(1).decode()].lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            out[html.unescape(name.group(1).decode("utf-8", "replace"))] = part
    return out


def _extent(zf: zipfile.ZipFile, part: str, *, exact: bool = False) -> tuple[int, int, str]:
    """(rows, columns, farthest cell) of one sheet's XML, streamed in chunks.

    The first pass takes upper bounds with a few C-speed scans per chunk
    (:func:`_chunk_bounds`); only when the bounds pass a limit is the sheet measured exactly,
    cell by cell (``exact=True``). A cell written without a ``r="B2"`` reference is placed by
    calamine after the previous one, so when some cells have none the width is bounded by the
    number of cells instead.
    """
    max_row = max_col = n_cells = n_refs = 0
    tail = b""
    size = 0
    with zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > MAX_SHEET_BYTES:
                return MAX_ROWS + 1, 0, f"(more than {MAX_SHEET_BYTES >> 20:,} MB of XML)"
            data = tail + chunk
            cut = data.rfind(b"<")
            cut = len(data) if cut < 0 or len(data) - cut > 4096 else cut
            data, tail = data[:cut], data[cut:]
            rows, cols, cells, refs = _slow_extent(data) if exact else _chunk_bounds(data)
            max_row, max_col = max(max_row, rows), max(max_col, cols)
            n_cells, n_refs = n_cells + cells, n_refs + refs
    if n_cells > n_refs:
        max_col = max(max_col, min(n_cells, 16_384))
    if not exact and not _within(max_row, max_col):
        return _extent(zf, part, exact=True)
    return max_row, max_col, f"{_col_letters(max_col)}{max_row}"


def _within(rows: int, cols: int) -> bool:
    return rows <= MAX_ROWS and cols <= MAX_COLUMNS and rows * cols <= MAX_CELLS


def _chunk_bounds(data: bytes) -> tuple[int, int, int, int]:
    """Upper bounds of (largest row, largest column), cells, cells with a reference, for a piece
    of sheet XML written the usual way (every cell ``<c r="B2"...``, no namespace prefix);
    anything else is measured cell by cell."""
    notable = _NOTABLE_CELL.findall(data)  # few in a tracker: columns AA on, rows 100000 on
    if any(not wide and not one for wide, _, one in notable) or _PREFIXED_CELL.search(data):
        return _slow_extent(data)  # a cell whose first attribute is not ``r``, or a prefixed one
    cells = plain = data.count(b'<c r="')  # every cell starts so
    long_rows = {int(d) for w, d, _ in notable if w and len(d) >= 6} | {int(o) for _, _, o in notable if o}
    row = max(long_rows) if long_rows else 99_999
    wide = {w for w, _, _ in notable if w}
    col = max(_col_number(c) for c in wide) if wide else 26
    return row, col, cells, plain


#: cells worth a look (a 2- or 3-letter column, a 1-letter column with a row of 6 digits or
#: more) and cells whose first attribute is not their reference (``<c>``, ``<c t="s" r=...``)
_NOTABLE_CELL = re.compile(rb'<c(?: r="(?:([A-Z]{2,3})([0-9]+)|[A-Z]([0-9]{6,})")|(?! r=")[\s>/])')
#: a cell written with a namespace prefix (``<x:c ...``)
_PREFIXED_CELL = re.compile(rb":c[\s>/]")


def _slow_extent(data: bytes) -> tuple[int, int, int, int]:
    """Exact (largest row, largest column), cells, cells with a reference: cell by cell."""
    cells = len(_CELL.findall(data))
    refs = _REF.findall(data)
    row = col = 0
    if refs:
        col = _col_number(max({c for c, _ in refs}, key=lambda c: (len(c), c)))
        row = max(map(int, {r for _, r in refs}))
    return row, col, cells, len(refs)


def _too_big(name: str, zf: zipfile.ZipFile, part: str) -> str | None:
    """Why a sheet cannot be read (its extent beyond the limits), or None."""
    try:
        rows, cols, far = _extent(zf, part)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None  # calamine reports a broken part itself
    if _within(rows, cols):
        return None
    return (
        f"sheet {name!r} was not read: it spans {rows:,} rows by {cols:,} columns "
        f"(farthest cell {far}); netlytics reads sheets of at most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} "
        f"columns and {MAX_CELLS:,} cells. Delete the stray cells (or the empty rows and columns "
        f"around them) and save again"
    )


def refusals(path: Path) -> dict[str, str]:
    """Sheet name -> why it is refused, for the sheets of an .xlsx/.xlsm beyond the limits.

    Parameters
    ----------
    path
        A workbook (other suffixes, and files calamine will report as broken, give none).

    Returns
    -------
    dict
        Sheet name -> the reason, for the refused sheets only.

    See Also
    --------
    netlytics.loaders.tracker.sheets.read_workbook : reads the other sheets.
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            parts = _sheet_parts(zf)
            found = {name: _too_big(name, zf, part) for name, part in parts.items() if part in zf.NameToInfo}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return {}  # calamine reports a broken file itself
    return {k: v for k, v in found.items() if v}
