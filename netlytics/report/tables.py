"""Tables of the report: a DataFrame's display rows (formatted text, never raw floats), capped.

:func:`table_view` turns a DataFrame into a :class:`Table` of display text (shares as
percentages, floats to one decimal, dates without seconds, statuses as badges);
the page's ``table`` macro renders it with every cell escaped. :func:`html_table` does both, for
callers that want an HTML fragment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["KEY_LABELS", "MAX_TABLE_ROWS", "Table", "format_cell", "html_table", "table_view"]

#: At most this many rows in any HTML table (the rest is counted in a caption).
MAX_TABLE_ROWS = 50

#: Display names of key numbers (summary columns).
KEY_LABELS: dict[str, str] = {
    "touches": "Touches",
    "written_share": "Written share",
    "live_share": "Live share",
    "in_person_share": "In person share",
    "active_week_share": "Active weeks (last 8)",
    "touches_per_week": "Outbound touches / week",
    "longest_gap_days": "Longest gap (days)",
    "applications": "Applications",
    "networked_share": "Networked before applying",
    "give_share": "Give share",
    "take_only_contacts": "Take-only contacts",
    "on_time_share": "On time (answered or past due)",
    "thank_you_n": "Thank-you triggers",
    "thank_you_on_time_share": "Thank-yous on time",
    "reply_n": "Reply triggers",
    "reply_on_time_share": "Replies on time",
    "lead_n": "Lead triggers",
    "lead_on_time_share": "Leads acted on in time",
    "weak_tie_share": "Touches to weak/medium ties",
    "interview_rate": "Interview rate",
    "offer_rate": "Offer rate",
}


@dataclass(frozen=True)
class Table:
    """Display rows of a table: headers and cells are ``{"text", "num", "status"}`` mappings."""

    headers: list[dict]
    rows: list[list[dict]]
    caption: str = ""
    css_class: str = "data"


def _is_null(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value))


def format_cell(column: str, value, *, missing: str = "") -> str:
    """Display text of one cell: shares and rates as %, floats to 1 decimal, timestamps as dates.

    Parameters
    ----------
    column : str
        The column name (``*share`` and ``*_rate`` columns are percentages).
    value : object
        The cell.
    missing : str, default ""
        The text of a null cell (e.g. "not recorded").

    Returns
    -------
    str
        The text (not escaped).

    Examples
    --------
    >>> format_cell("give_share", 0.254), format_cell("lag_days", 205.555556), format_cell("n", 1200)
    ('25%', '205.6', '1,200')
    >>> format_cell("interview_rate", None, missing="not recorded")
    'not recorded'
    """
    if _is_null(value):
        return missing
    if isinstance(value, pd.Timestamp):
        return (
            value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    if pd.api.types.is_integer(value):
        return f"{int(value):,}"
    if pd.api.types.is_float(value):
        if str(column).endswith(("share", "_rate")):
            return f"{float(value):.0%}"
        v = float(value)
        return f"{v:,.0f}" if v == round(v) else f"{v:,.1f}"
    return str(value)


def _headers(table: pd.DataFrame, columns) -> dict[str, str]:
    def label(c) -> str:
        return KEY_LABELS.get(str(c), str(c).replace("_", " ").capitalize())

    if columns is None:
        columns = {c: label(c) for c in table.columns}
    elif not isinstance(columns, Mapping):
        columns = {c: label(c) for c in columns}
    return {c: h for c, h in columns.items() if c in table.columns}


def table_view(
    table: pd.DataFrame,
    *,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    max_rows: int = MAX_TABLE_ROWS,
    caption: str | None = None,
    css_class: str = "data",
    status_columns: Iterable[str] = (),
    missing: Mapping[str, str] | None = None,
) -> Table:
    """The display rows of ``table``: at most ``max_rows`` rows, cells formatted as text.

    Parameters
    ----------
    table : DataFrame
        Any table.
    columns : mapping or sequence, optional
        Columns to show: a mapping column -> header text, or a list (headers from the names);
        default all. Missing columns are skipped.
    max_rows : int, default 50
        Rows shown; the caption counts the rest ("and 12 more rows").
    caption : str, optional
        Text under the table.
    css_class : str, default "data"
        The table's CSS class.
    status_columns : iterable of str
        Columns whose values are statuses (ok, watch, mistake, not_measured): shown as badges.
    missing : mapping, optional
        Column -> text of its null cells (e.g. ``{"interview_rate": "not recorded"}``).

    Returns
    -------
    Table
        Headers and display rows.

    See Also
    --------
    html_table : the same, rendered as HTML.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["Ana"], "give_share": [0.25]})
    >>> view = table_view(t)
    >>> [h["text"] for h in view.headers], view.rows[0][1]["text"]
    (['Name', 'Give share'], '25%')
    """
    columns = _headers(table, columns)
    statuses = set(status_columns)
    missing = dict(missing or {})
    shown = table.head(max_rows)
    numeric = {
        c: pd.api.types.is_numeric_dtype(table[c].dtype) and not pd.api.types.is_bool_dtype(table[c].dtype)
        for c in columns
    }
    headers = [{"text": h, "num": numeric[c], "status": None} for c, h in columns.items()]
    cells = {c: shown[c].tolist() for c in columns}
    rows = []
    for i in range(len(shown)):  # display rows only (capped), never a whole interaction table
        row = []
        for c in columns:
            value = cells[c][i]
            if c in statuses and isinstance(value, str):
                row.append({"text": value.replace("_", " "), "num": False, "status": value})
            else:
                text = format_cell(c, value, missing=missing.get(c, ""))
                row.append({"text": text, "num": numeric[c], "status": None})
        rows.append(row)
    notes = []
    if len(table) > max_rows:
        notes.append(f"Showing {max_rows} of {len(table):,} rows (and {len(table) - max_rows:,} more).")
    if caption:
        notes.append(caption)
    return Table(headers, rows, " ".join(notes), css_class)


def html_table(table: pd.DataFrame, **options) -> str:
    """An HTML ``<table>`` of ``table``: every cell escaped, at most ``max_rows`` rows.

    Parameters
    ----------
    table : DataFrame
        Any table.
    **options
        The options of :func:`table_view`.

    Returns
    -------
    str
        The HTML fragment.

    See Also
    --------
    table_view : the display rows without HTML.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["<b>Ana</b>"], "give_share": [0.25]})
    >>> print(html_table(t))
    <table class="data"><thead><tr><th>Name</th><th class="num">Give share</th></tr></thead><tbody><tr><td>&lt;b&gt;Ana&lt;/b&gt;</td><td class="num">25%</td></tr></tbody></table>
    """
    from netlytics.report.page import _environment

    macro = _environment().get_template("_blocks.html").module.table
    return str(macro(table_view(table, **options)))
