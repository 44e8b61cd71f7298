"""The tracker workbook users copy: documented columns, a data dictionary, drop-down lists.

:func:`write_tracker` writes a workbook in the tracker layout of contract C1 (sheets
``interactions``, ``contacts``, ``applications``; header in row 1, nothing above it) with

- a comment on every header cell saying what to type there;
- a ``Data dictionary`` sheet (:func:`data_dictionary`) generated from :mod:`netlytics.schema`;
- drop-down validation for ``channel``, ``direction``, ``kind``, ``via`` and ``status`` with the
  closed vocabularies of :mod:`netlytics.schema`;
- frozen header rows, column widths and date formats;
- deterministic bytes: fixed document dates and zip timestamps, so regenerating the sample data
  gives identical files.

Cells that start with ``=``, ``+``, ``-`` or ``@`` are written as explicit text cells, never
formulas (formula injection); :func:`write_csv` prefixes them with one apostrophe instead.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from netlytics import schema
from netlytics.sample._bytes import zip_bytes

__all__ = [
    "SHEETS",
    "TRACKER_COLUMNS",
    "FIXED_TIME",
    "data_dictionary",
    "dictionary_markdown",
    "neutralise",
    "write_tracker",
    "write_csv",
]

#: The document date written into every workbook (no clock: identical bytes on every run).
FIXED_TIME = dt.datetime(2026, 3, 31, 0, 0, 0)
_ZIP_TIME = (2026, 3, 31, 0, 0, 0)

#: Sheet order of the workbook.
SHEETS: tuple[str, ...] = ("interactions", "contacts", "applications")

_INJECTION = ("=", "+", "-", "@")

# (column, required, what to type, example): the tracker columns, as a career coach reads them.
_C = tuple[str, bool, str, str]
TRACKER_COLUMNS: dict[str, tuple[_C, ...]] = {
    "interactions": (
        ("interaction_id", False, "Any short id, unique in this sheet (I0001, I0002...). Needed only "
         "when another row answers this one through ref.", "I0042"),
        ("at", True, "When it happened: a date (2026-03-02) or a date and time (2026-03-02 14:30).",
         "2026-03-02 14:30"),
        ("contact", True, "Who it was with: their name as in the contacts sheet, their e-mail or their "
         "LinkedIn profile URL. May be empty for an event.", "Zoë Example"),
        ("channel", True, "How: in_person, video, phone (live); email, linkedin, text (written); other "
         "(e.g. a handwritten card).", "in_person"),
        ("direction", True, "outbound: you sent, gave or asked for it; inbound: they did.", "outbound"),
        ("kind", True, "What it was: message, meeting, event, follow_up, thank_you; a gift: lead, "
         "referral, introduction, help, endorsement, recommendation; or invitation.", "meeting"),
        ("ref", False, "The interaction_id this row answers, e.g. the lead a follow-up acts on.", "I0040"),
        ("company", False, "The company it is about, e.g. where a lead or referral is.", "Acme Analytics"),
        ("introduced", False, "For an introduction: who was introduced (name, e-mail or URL).", "Ada Sample"),
        ("notes", False, "Anything you like. netlytics never reads it.", "coffee at the station"),
        ("seeker", False, "Your name. Leave empty to use the file name; a coach's combined file fills it.",
         "Robin Example"),
    ),
    "contacts": (
        ("name", True, "The person's full name.", "Zoë Example"),
        ("company", False, "Where they work now.", "Acme Analytics"),
        ("position", False, "Their job title.", "Data Analyst"),
        ("email", False, "Their e-mail address.", "zoe.example@acme-analytics.example"),
        ("profile_url", False, "Their LinkedIn profile URL (https://www.linkedin.com/in/...).",
         "https://www.linkedin.com/in/zoë-example"),
        ("connected_on", False, "When you connected or first met (a date).", "2025-11-04"),
        ("notes", False, "Anything you like. netlytics never reads it.", "met at the meetup"),
        ("seeker", False, "Your name (optional, as in interactions).", "Robin Example"),
    ),
    "applications": (
        ("application_id", False, "Any short id, unique in this sheet.", "A007"),
        ("company", True, "The employer you applied to.", "Globex Ltd"),
        ("role", False, "The job title.", "Product Analyst"),
        ("applied_at", True, "The date you applied.", "2026-02-10"),
        ("via", True, "How: online, referral, recruiter, network or other.", "referral"),
        ("contact", False, "Who referred you or passed it on (name, e-mail or URL).", "Zoë Example"),
        ("status", True, "Where it stands: applied, interview, offer, rejected, withdrawn, no_response.",
         "interview"),
        ("status_at", False, "The date the status last changed.", "2026-02-24"),
        ("notes", False, "Anything you like. netlytics never reads it.", "asked about remote work"),
        ("seeker", False, "Your name (optional, as in interactions).", "Robin Example"),
    ),
}  # fmt: skip

#: column -> the closed vocabulary offered as a drop-down list.
_VOCAB: dict[str, tuple[str, ...]] = {
    "channel": schema.CHANNELS,
    "direction": schema.DIRECTIONS,
    "kind": schema.KINDS,
    "via": schema.VIAS,
    "status": schema.STATUSES,
}
_DATETIME_COLUMNS = {"at": "yyyy-mm-dd hh:mm", "connected_on": "yyyy-mm-dd", "applied_at": "yyyy-mm-dd",
                     "status_at": "yyyy-mm-dd"}  # fmt: skip
_WIDTHS = {"contact": 30, "introduced": 24, "profile_url": 42, "email": 36, "notes": 34, "company": 24,
           "name": 24, "kind": 16, "at": 18, "seeker": 20, "role": 20, "position": 22}  # fmt: skip
_VALIDATION_ROWS = 5000


def data_dictionary() -> pd.DataFrame:
    """The data dictionary: every tracker column and every canonical column, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``layer`` (``tracker`` for what people type, ``canonical`` for what netlytics
        loads), ``table``, ``column``, ``required`` (bool), ``allowed`` (the closed vocabulary,
        comma-separated, or empty), ``description`` and ``example``.

    See Also
    --------
    dictionary_markdown : the same as Markdown.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> d = data_dictionary()
    >>> d.loc[(d["layer"] == "tracker") & (d["column"] == "channel"), "allowed"].iloc[0]
    'in_person, video, phone, email, linkedin, text, other'
    >>> sorted(d["table"].unique())[:3]
    ['applications', 'contacts', 'events']
    """
    rows = []
    for table, cols in TRACKER_COLUMNS.items():
        for col, required, text, example in cols:
            allowed = ", ".join(_VOCAB.get(col, ()))
            rows.append(("tracker", table, col, required, allowed, text, example))
    examples = {(t, c): e for t, cols in TRACKER_COLUMNS.items() for c, _, _, e in cols}
    for name, t in schema.TABLES.items():
        for col in t.columns:
            allowed = ", ".join(t.vocab.get(col, ()))
            rows.append(
                (
                    "canonical",
                    name,
                    col,
                    col in t.required,
                    allowed,
                    t.doc.get(col, ""),
                    examples.get((name, col), ""),
                )
            )
    return pd.DataFrame(
        rows, columns=["layer", "table", "column", "required", "allowed", "description", "example"]
    )


def _md(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def dictionary_markdown() -> str:
    """:func:`data_dictionary` as Markdown tables, one per table (for ``docs/data-dictionary.md``).

    Returns
    -------
    str
        One table per sheet and canonical table.

    See Also
    --------
    data_dictionary : the rows.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> print(dictionary_markdown().splitlines()[0])
    ### Tracker sheet `interactions`
    """
    d = data_dictionary()
    out: list[str] = []
    for layer, title in (("tracker", "Tracker sheet"), ("canonical", "Canonical table")):
        part = d[d["layer"] == layer]
        for table in part["table"].unique():
            rows = part[part["table"] == table]
            out += [f"### {title} `{table}`", "", "| Column | Required | Allowed values | What it holds | Example |",
                    "|---|---|---|---|---|"]  # fmt: skip
            out += [
                f"| `{r.column}` | {'yes' if r.required else ''} | {_md(r.allowed)} | {_md(r.description)} | "
                f"{_md(r.example)} |"
                for r in rows.itertuples(index=False)
            ]
            out.append("")
    return "\n".join(out)


def neutralise(s: pd.Series) -> pd.Series:
    """Prefix text cells that start with ``= + - @`` with one apostrophe (CSV formula injection).

    Parameters
    ----------
    s
        Cell values (non-text Series are returned as they are).

    Returns
    -------
    pandas.Series

    See Also
    --------
    write_csv : uses it.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> import pandas as pd
    >>> neutralise(pd.Series(["=1+1", "+ lead", "plain", None])).tolist()
    ["'=1+1", "'+ lead", 'plain', nan]
    """
    if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
        return s
    text = s.astype(object)
    risky = text.map(lambda v: isinstance(v, str) and v.startswith(_INJECTION))
    return text.where(~risky, "'" + text.astype(str))


def _cell_value(v):
    """A value as openpyxl writes it (missing: empty cell; timestamps: naive UTC)."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        v = v.tz_convert("UTC").tz_localize(None) if v.tzinfo is not None else v
        return v.to_pydatetime()
    return v


def _header(ws, table: str) -> list[str]:
    """Row 1 of a sheet: bold names with a comment each (what to type), widths, frozen panes."""
    cols = TRACKER_COLUMNS[table]
    names = [c[0] for c in cols]
    ws.append(names)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for j, (col, required, text, example) in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=j)
        cell.font, cell.fill = bold, fill
        note = f"{'Required' if required else 'Optional'}. {text}"
        if col in _VOCAB:
            note += f"\nAllowed: {', '.join(_VOCAB[col])}."
        note += f"\nExample: {example}"
        cell.comment = Comment(note, "netlytics", width=320, height=140)
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(col, 14)
    ws.freeze_panes = "A2"
    return names


def _rows(ws, table: str, frame: pd.DataFrame, names: list[str]) -> None:
    """The frame's rows under the header; text starting with ``= + - @`` stays text."""
    missing = [c for c in names if c not in frame.columns]
    if missing:
        raise ValueError(f"The {table} frame lacks column(s) {missing}; expected {names}.")
    for row in frame[names].itertuples(index=False, name=None):  # writing cells is per row by nature
        ws.append([_cell_value(v) for v in row])
    for col_cells in ws.iter_cols(min_row=2):
        for cell in col_cells:
            if isinstance(cell.value, str) and cell.value.startswith(_INJECTION):
                cell.data_type = "s"  # text, never a formula


def _validation(col: str) -> DataValidation:
    """The drop-down list of a column with a closed vocabulary."""
    return DataValidation(
        type="list",
        formula1='"' + ",".join(_VOCAB[col]) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=f"Unknown {col}",
        error=f"Choose one of: {', '.join(_VOCAB[col])}.",
        showInputMessage=True,
        promptTitle=col,
        prompt=", ".join(_VOCAB[col])[:255],
    )


def _formats(ws, names: list[str]) -> None:
    """Date formats on the rows written and drop-down lists on the vocabulary columns."""
    for j, col in enumerate(names, start=1):
        letter = get_column_letter(j)
        if col in _DATETIME_COLUMNS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = _DATETIME_COLUMNS[col]
        if col in _VOCAB:
            dv = _validation(col)
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{_VALIDATION_ROWS}")


def _sheet(wb: Workbook, table: str, frame: pd.DataFrame | None, *, first: bool) -> None:
    """One tracker sheet: header, rows (if any), formats."""
    ws = wb.active if first else wb.create_sheet()
    ws.title = table
    names = _header(ws, table)
    if frame is not None and len(frame):
        _rows(ws, table, frame, names)
    _formats(ws, names)


def _dictionary_sheet(wb: Workbook) -> None:
    """The ``Data dictionary`` sheet: one row per tracker column."""
    ws = wb.create_sheet("Data dictionary")
    d = data_dictionary()
    d = d[d["layer"] == "tracker"].drop(columns="layer")
    d["required"] = d["required"].map({True: "yes", False: ""})
    ws.append([c.replace("_", " ").capitalize() for c in d.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in d.itertuples(index=False, name=None):
        ws.append(list(row))
    for j, width in enumerate((14, 16, 10, 40, 80, 36), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _deterministic(raw: bytes) -> bytes:
    """Rewrite an .xlsx zip with fixed member dates and a fixed document date."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(raw))

    def member(name: str) -> bytes:
        data = src.read(name)
        if name == "docProps/core.xml":
            text = data.decode("utf-8")
            text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
            data = text.encode("utf-8")
        return data

    return zip_bytes(((info.filename, member(info.filename)) for info in src.infolist()), _ZIP_TIME)


def write_tracker(
    path: str | Path,
    *,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    applications: pd.DataFrame | None = None,
) -> Path:
    """Write a tracker workbook (the template when no frame is given).

    Parameters
    ----------
    path
        The ``.xlsx`` file to write (parent folders are created).
    contacts, interactions, applications
        Rows in tracker layout (:data:`TRACKER_COLUMNS`); ``None`` leaves a sheet empty
        (headers, comments and drop-downs only).

    Returns
    -------
    Path
        The file written. The same input always gives the same bytes.

    See Also
    --------
    write_csv : one sheet as CSV.
    netlytics.loaders.tracker : reads it back.

    Raises
    ------
    ValueError
        When a frame lacks a column of its sheet.
    OSError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_tracker(Path(tmp) / "template.xlsx")
    ...     wb = load_workbook(p)
    ...     print(wb.sheetnames, [c.value for c in wb["interactions"][1]][:6])
    ['interactions', 'contacts', 'applications', 'Data dictionary'] ['interaction_id', 'at', 'contact', 'channel', 'direction', 'kind']
    """
    path = Path(path)
    wb = Workbook()
    frames = {"interactions": interactions, "contacts": contacts, "applications": applications}
    for i, table in enumerate(SHEETS):
        _sheet(wb, table, frames[table], first=i == 0)
    _dictionary_sheet(wb)
    wb.properties.creator = "netlytics"
    wb.properties.lastModifiedBy = "netlytics"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    with _stdlib_xml():
        wb.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_deterministic(buf.getvalue()))
    return path


@contextlib.contextmanager
def _stdlib_xml():
    """Make openpyxl write with the standard library's XML serializer even when lxml is
    installed, so the sample's bytes do not depend on it (lxml orders and escapes differently).

    openpyxl picks its serializer once, at import; this swaps the lxml-backed names in its loaded
    modules for their ``xml.etree`` / ``et_xmlfile`` equivalents for the duration of a save.
    """
    import sys
    import xml.etree.ElementTree as ET

    import et_xmlfile
    import openpyxl.writer.excel  # noqa: F401 - load every writer module before swapping
    from openpyxl.cell import _writer as cell_writer

    plain = {
        "Element": ET.Element,
        "SubElement": ET.SubElement,
        "tostring": functools.partial(ET.tostring, encoding="utf-8"),
        "fromstring": ET.fromstring,
        "QName": ET.QName,
        "xmlfile": et_xmlfile.xmlfile,
        "write_cell": cell_writer.etree_write_cell,
    }

    from openpyxl.xml import constants as ns

    for prefix, uri in (
        ("dcterms", ns.DCTERMS_NS),
        ("dcmitype", "http://purl.org/dc/dcmitype/"),
        ("cp", ns.COREPROPS_NS),
        ("c", ns.CHART_NS),
        ("a", ns.DRAWING_NS),
        ("s", ns.SHEET_MAIN_NS),
        ("r", ns.REL_NS),
        ("vt", ns.VTYPES_NS),
        ("xdr", ns.SHEET_DRAWING_NS),
        ("cdr", ns.CHART_DRAWING_NS),
        ("cust", ns.CUSTPROPS_NS),
    ):  # what openpyxl registers with lxml only, when lxml is its serializer
        ET.register_namespace(prefix, uri)

    def from_lxml(obj) -> bool:
        obj = getattr(obj, "func", obj)  # functools.partial
        return str(getattr(obj, "__module__", "")).startswith("lxml") or obj is cell_writer.lxml_write_cell

    swapped = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("openpyxl") or module is None:
            continue
        for attr, value in plain.items():
            current = getattr(module, attr, None)
            if current is not None and from_lxml(current):
                swapped.append((module, attr, current))
                setattr(module, attr, value)
    try:
        yield
    finally:
        for module, attr, value in swapped:
            setattr(module, attr, value)


def _csv_text(s: pd.Series, fmt: str) -> pd.Series:
    """A column as CSV text: dates with ``fmt``, other text neutralised."""
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(s.dtype):
        return s.dt.strftime(fmt).astype(object).where(s.notna())
    return neutralise(s)


def write_csv(path: str | Path, frame: pd.DataFrame, *, table: str) -> Path:
    """Write one tracker sheet as a UTF-8 CSV (ISO dates, apostrophe before ``= + - @``).

    Parameters
    ----------
    path
        The ``.csv`` file to write.
    frame
        Rows in tracker layout for ``table``.
    table
        ``"interactions"``, ``"contacts"`` or ``"applications"``: sets the column order.

    Returns
    -------
    Path

    See Also
    --------
    write_tracker : all sheets as a workbook.

    Raises
    ------
    KeyError
        When ``table`` is not a tracker sheet.
    OSError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> ix = pd.DataFrame({"at": pd.to_datetime(["2026-03-02 14:30"]), "contact": ["Ada Sample"],
    ...                    "channel": ["phone"], "direction": ["outbound"], "kind": ["meeting"],
    ...                    "notes": ["- call went well"]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = write_csv(Path(tmp) / "log.csv", ix, table="interactions").read_text()
    >>> text.splitlines()[1]
    "2026-03-02 14:30,Ada Sample,phone,outbound,meeting,'- call went well"
    """
    path = Path(path)
    names = [c[0] for c in TRACKER_COLUMNS[table] if c[0] in frame.columns]
    out = pd.DataFrame({c: _csv_text(frame[c], "%Y-%m-%d" if c != "at" else "%Y-%m-%d %H:%M") for c in names})
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out.to_csv(fh, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return path
