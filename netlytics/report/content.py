"""What the reports say: verdicts, key numbers, evidence, coverage notes, in plain blocks.

This is the "summarize" layer of the reports: it reads the shared
:class:`~netlytics.metrics.measures.Measures` and the loaded data and returns blocks
(:func:`netlytics.report.page.block`) of plain text and numbers; it writes no HTML. Every
statement says what it rests on (docs/spec/METRICS.md 5b): the scoring period, the touches,
triggers or gives behind a status, "outcomes not recorded" instead of 0%, and, per source, how
many rows were read, excluded and why (docs/spec/METRICS.md 6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from netlytics.figures.scorecard import evidence_text, format_value
from netlytics.report.page import block
from netlytics.report.tables import KEY_LABELS, table_view

__all__ = [
    "MISTAKE_SECTIONS",
    "follow_up_counts",
    "key_numbers",
    "problem_blocks",
    "shown_card",
    "source_notes",
    "verdict",
]

#: Per mistake: the section heading and the summary columns shown as key numbers.
MISTAKE_SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "channel": (
        "Mistake 1: mostly e-mail instead of in person",
        ("touches", "written_share", "live_share", "in_person_share"),
    ),
    "priority": (
        "Mistake 2: not a priority, or applying before networking",
        ("active_week_share", "touches_per_week", "longest_gap_days", "applications", "networked_share"),
    ),
    "giving": ("Mistake 3: not giving back", ("give_share", "take_only_contacts")),
    "follow_up": (
        "Mistake 4: not following up, not saying thank you",
        ("thank_you_on_time_share", "reply_on_time_share", "lead_on_time_share"),
    ),
}

#: origin -> (how a coverage note names it, what one of its rows is)
ORIGIN_WORDS: dict[str, tuple[str, str]] = {
    "calendar": ("calendar", "meetings"),
    "email": ("e-mail", "messages"),
    "linkedin": ("LinkedIn", "messages"),
    "tracker": ("tracker", "interactions"),
    "addressbook": ("address book", "entries"),
}

_SUFFIX_ORIGIN = {".mbox": "email", ".eml": "email", ".ics": "calendar", ".vcf": "addressbook"}


def _num(value) -> str:
    return f"{int(value):,}"


def follow_up_counts(fu: pd.DataFrame) -> pd.DataFrame:
    """Per seeker: follow-up triggers, those answered or past due, on time, open and stale.

    "Answered or past due" (``settled``) are the triggers the on-time share is computed on, so
    the report, the tiles and the advice ("384 of 506 follow-ups were on time") say one number.

    Parameters
    ----------
    fu : DataFrame
        ``follow_up(data)`` (``measures.follow_up``).

    Returns
    -------
    DataFrame
        Indexed by seeker: ``triggers``, ``settled``, ``on_time``, ``open_loops``, ``stale``.

    Examples
    --------
    >>> fu = pd.DataFrame({"seeker": "Ana", "censored": [False, True, True, True],
    ...     "open_loop": [False, True, False, False], "on_time": [True, False, False, False],
    ...     "stale": [False, False, True, False]})
    >>> follow_up_counts(fu).loc["Ana"].tolist()
    [4, 3, 1, 1, 1]
    """
    stale = fu["stale"].astype(bool) if "stale" in fu.columns else pd.Series(False, index=fu.index)
    t = pd.DataFrame(
        {
            "seeker": fu["seeker"],
            "triggers": 1,
            # as the scorecard counts them: answered, open past due, or stale (long past due)
            "settled": (~fu["censored"].astype(bool)) | fu["open_loop"].astype(bool) | stale,
            "on_time": fu["on_time"].astype(bool),
            "open_loops": fu["open_loop"].astype(bool),
            "stale": stale,
        }
    )
    return t.groupby("seeker").sum().astype("int64")


def shown_card(card: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as shown: the follow-up evidence is the triggers answered or past due.

    Parameters
    ----------
    card : DataFrame
        ``scorecard(data)``.
    counts : DataFrame
        :func:`follow_up_counts`.

    Returns
    -------
    DataFrame
        ``card`` with the follow-up rows' ``evidence`` replaced by ``settled`` (what the on-time
        share rests on) and a ``rests_on`` column ("based on 506 triggers answered or past due").
    """
    fu = card["mistake"] == "follow_up"
    settled = card["seeker"].map(counts["settled"]).fillna(0).astype("int64")
    evidence = card["evidence"].where(~fu, settled).astype("int64")
    rests = [evidence_text(m, e) for m, e in zip(card["mistake"], evidence, strict=True)]
    return card.assign(evidence=evidence, rests_on=rests)


def verdict(row: Mapping, *, who: str | None = None, period: str = "") -> dict:
    """The scorecard's status, key number, evidence and advice for one seeker and mistake.

    Parameters
    ----------
    row : mapping
        One row of :func:`shown_card`.
    who : str, optional
        The seeker's name, shown first (several seekers).
    period : str
        The scoring period, appended to what the status rests on.

    Returns
    -------
    dict
        The ``verdict`` block's fields.
    """
    value = row["value"]
    rests = row.get("rests_on") or evidence_text(row["mistake"], row["evidence"])
    return {
        "status": str(row["status"]),
        "status_text": str(row["status"]).replace("_", " "),
        "mistake": str(row["mistake"]),
        "metric": str(row["metric"]),
        "raw": "" if pd.isna(value) else repr(float(value)),
        "evidence": int(row["evidence"]),
        "who": who,
        "label": KEY_LABELS.get(str(row["metric"]), str(row["metric"])),
        "value": format_value(str(row["metric"]), value),
        "rests_on": f"{rests} in {period}" if period else rests,
        "advice": "" if pd.isna(row["advice"]) else str(row["advice"]),
    }


def _fmt_key(column: str, value, missing: str) -> str:
    if value is None or pd.isna(value):
        return missing
    if column.endswith("share"):
        return format_value(column, value)
    value = float(value)
    return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"


def key_numbers(
    row: Mapping, columns: Iterable[str], *, extra: Mapping[str, int] | None = None
) -> list[dict]:
    """Key numbers of a seeker's summary row (and ``extra`` counts), each with its raw value.

    Parameters
    ----------
    row : mapping
        One row of ``summary(data)``.
    columns : iterable of str
        The summary columns to show (absent ones are skipped).
    extra : mapping, optional
        Further label -> count pairs (e.g. the follow-up counts).

    Returns
    -------
    list of dict
        ``metric``, ``raw``, ``label``, ``text`` per number.

    Examples
    --------
    >>> [k["text"] for k in key_numbers({"give_share": 0.25, "touches": 40}, ["give_share", "touches"])]
    ['25%', '40']
    """
    out = []
    for col in columns:
        if col not in row:
            continue
        value = row[col]
        raw = "" if value is None or pd.isna(value) else repr(float(value))
        out.append(
            {
                "metric": col,
                "raw": raw,
                "label": KEY_LABELS.get(col, col),
                "text": _fmt_key(col, value, "not measured"),
            }
        )
    for label, value in (extra or {}).items():
        out.append({"metric": label, "raw": repr(float(value)), "label": label, "text": _num(value)})
    return out


def _source_origins(data) -> pd.Series:
    """source -> origin, from the rows it loaded, else from the file's suffix."""
    parts = []
    for table in (data.interactions, data.contacts, data.excluded):
        if "origin" in table.columns and "source" in table.columns:
            parts.append(table[["source", "origin"]].dropna())
    known = pd.concat(parts, ignore_index=True).drop_duplicates("source") if parts else None
    sources = data.sources["source"].dropna().astype("str").drop_duplicates()
    by_rows = dict(zip(known["source"], known["origin"], strict=True)) if known is not None else {}
    suffix = sources.str.extract(r"(\.[A-Za-z]+)(?::.*)?$", expand=False).str.lower().map(_SUFFIX_ORIGIN)
    return pd.Series([by_rows.get(s) for s in sources], index=sources.tolist(), dtype="object").fillna(
        pd.Series(suffix.tolist(), index=sources.tolist())
    )


def _channel_sources(ix: pd.DataFrame) -> str:
    """ "channel mix from calendar 412 meetings, e-mail 2,310 messages, LinkedIn 640 messages"."""
    if "origin" not in ix.columns or ix.empty:
        return ""
    counts = ix["origin"].fillna("tracker").value_counts()
    parts = [
        f"{ORIGIN_WORDS.get(o, (o, 'interactions'))[0]} {_num(n)} {ORIGIN_WORDS.get(o, (o, 'interactions'))[1]}"
        for o, n in counts.items()
    ]
    return "Channel mix from " + ", ".join(parts) + "."


def _mail_calendar_notes(data, rows_of: dict[str, pd.DataFrame]) -> list[str]:
    """Per mail or calendar origin: rows read, excluded (by reason) and problems.

    ``rows_of`` maps ``"email"`` and ``"calendar"`` to the seeker's rows of ``data.sources``
    of that origin (:func:`_mail_calendar_sources`).
    """
    out = []
    for origin in ("email", "calendar"):
        rows = rows_of.get(origin)
        if rows is None or rows.empty:
            continue
        read, excluded, problems = (
            int(rows[c].fillna(0).sum()) for c in ("rows_read", "excluded", "problems")
        )
        name, unit = ORIGIN_WORDS[origin]
        text = f"{name[:1].upper()}{name[1:]}: {_num(read)} {unit} read"
        if excluded:
            ex = data.excluded.loc[data.excluded["source"].isin(rows["source"])]
            reasons = ex["reason"].fillna("no reason").value_counts().head(4)
            why = "; ".join(f"{_num(n)} {r}" for r, n in reasons.items())
            text += f", {_num(excluded)} excluded ({why})"
        if problems:
            text += f", {_num(problems)} could not be read"
        unit_note = " (a message counts once per counterpart)" if origin == "email" else ""
        out.append(text + unit_note + ".")
    return out


def _mail_calendar_sources(data, per_seeker: bool) -> dict:
    """``seeker (None: not per seeker) -> origin -> its rows of data.sources``, mail and calendar only.

    One pass over the sources for every seeker (a scan per seeker cost 0.35 s for 100).
    """
    src = data.sources
    origin = src["source"].astype("str").map(_source_origins(data))
    keep = origin.isin(["email", "calendar"]) & (src["table"].fillna("interactions") == "interactions")
    src = src.loc[keep].assign(origin=origin[keep])
    out: dict = {}
    if src.empty:
        return out
    by_seeker = per_seeker and "seeker" in src.columns
    keys = ["seeker", "origin"] if by_seeker else ["origin"]
    for key, rows in src.groupby(keys, sort=False):
        seeker, o = (str(key[0]), key[1]) if by_seeker else (None, key[0])
        out.setdefault(seeker, {})[o] = rows
    return out


def _by_seeker(ix: pd.DataFrame, columns: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """``seeker -> its rows of ix`` (only ``columns``): one split, not one scan per seeker."""
    slim = ix[[c for c in ("seeker", *columns) if c in ix.columns]]
    return {str(s): g for s, g in slim.groupby("seeker", sort=False)}


def source_notes(data, ix: pd.DataFrame) -> list[str]:
    """Coverage notes naming each source and its counts, per seeker (docs/spec/METRICS.md 6).

    Parameters
    ----------
    data : NetworkData
        The loaded (shown) data: its sources, excluded rows and interactions.
    ix : DataFrame
        The interactions of the scoring period (what the channel mix rests on).

    Returns
    -------
    list of str
        Per seeker: where the channel mix comes from, the e-mail and calendar accounting, and
        how many thank-yous were inferred.
    """
    seekers = data.seekers
    multi = len(seekers) > 1
    mail = _mail_calendar_sources(data, bool(seekers))
    by = _by_seeker(ix, ("origin", "inferred", "kind"))
    out = []
    for s in seekers or [None]:
        who = f"{s}: " if multi else ""
        mine = ix if s is None else by.get(s, ix.iloc[:0])
        lines = [_channel_sources(mine), *_mail_calendar_notes(data, mail.get(s, mail.get(None, {})))]
        if "inferred" in mine.columns:
            inferred = int(
                (mine["inferred"].fillna(False).astype(bool) & (mine["kind"] == "thank_you")).sum()
            )
            if inferred:
                lines.append(
                    f"{_num(inferred)} thank-yous were inferred, not recorded: an e-mail to a meeting's "
                    "attendee sent within 24 hours after the meeting counts as a thank-you."
                )
        out += [who + line for line in lines if line]
    return out


def _problem_tables(problems: pd.DataFrame) -> list[dict]:
    """The problems by file and reason, then the first problem rows."""
    by = (
        problems.assign(reason=problems["reason"].fillna("(no reason)"), source=problems["source"].fillna(""))
        .groupby(["source", "reason"], sort=False, dropna=False)
        .size()
        .rename("rows")
        .reset_index()
        .sort_values(["rows", "source"], ascending=[False, True], kind="stable")
    )
    rows = {"source": "File", "source_row": "Row", "column": "Column", "value": "Value", "reason": "Reason"}
    return [
        block("h3", text="By file and reason"),
        block("table", table=table_view(by, columns={"source": "File", "reason": "Reason", "rows": "Rows"})),
        block("h3", text="First problem rows"),
        block("table", table=table_view(problems, columns=rows)),
    ]


def problem_blocks(data) -> list[dict]:
    """The load's problems: the total (``len(data.problems)``), by source and reason, first rows.

    Parameters
    ----------
    data : NetworkData
        The loaded data.

    Returns
    -------
    list of dict
        Blocks: the count (``data-role="problem-count"``), the tables, the excluded count and
        every file read with ``rows read = loaded + excluded + problems``.
    """
    problems = data.problems
    n = len(problems)
    attrs = {"data-role": "problem-count", "data-value": str(n)}
    if n == 0:
        out = [
            block("p", text="No problems: every input row was loaded or deliberately excluded.", attrs=attrs)
        ]
    else:
        out = [
            block(
                "p",
                strong=f"{n:,}",
                text="input row(s) could not be loaded as they are. They are left out of every number "
                "above; fix them in the source file and load again.",
                attrs=attrs,
            )
        ]
        out += _problem_tables(problems)
    if len(data.excluded):
        out.append(
            block(
                "p",
                text=f"{len(data.excluded):,} row(s) were deliberately left out (drafts, spam, ghost rows...).",
            )
        )
    inv = data.inventory()
    if len(inv):
        columns = {
            "seeker": "Seeker",
            "source": "File",
            "table": "Table",
            "rows_read": "Rows read",
            "loaded": "Loaded",
            "excluded": "Excluded",
            "problems": "Problems",
        }
        out += [
            block("h3", text="Files read"),
            block("table", table=table_view(inv, columns=columns, max_rows=200)),
        ]
    return out


def period_interactions(data, m) -> pd.DataFrame:
    """The interactions of the scoring period: from ``m.since`` (when set) to ``m.as_of``.

    Only the columns the coverage notes read (filtering every column of 1M rows cost 0.3 s).
    """
    ix = data.interactions
    ix = ix[[c for c in ("seeker", "at", "origin", "inferred", "kind") if c in ix.columns]]
    if m.as_of is not None:
        ix = ix.loc[ix["at"] <= m.as_of]
    since = getattr(m, "since", None)
    if since is not None and not isinstance(since, str):
        ix = ix.loc[ix["at"] >= since]
    return ix


def coverage_notes(data, m) -> list[str]:
    """Plain sentences about what the data can and cannot show, then the loaders' own notes.

    Parameters
    ----------
    data : NetworkData
        The loaded (shown) data.
    m : Measures
        The shared measures (their summary, period and ``as_of``).

    Returns
    -------
    list of str
        Derived notes first (the sources behind the channel mix, e-mail and calendar accounting,
        inferred thank-yous; channel mix not measured with only LinkedIn data; no applications;
        outcomes not recorded; giving not measured), then ``data.notes``.
    """
    ix = period_interactions(data, m)
    out = source_notes(data, ix)
    summ = m.summary
    multi = len(summ) > 1
    by = _by_seeker(ix, ("origin",))
    for row in summ.to_dict("records"):
        who = f"{row['seeker']}: " if multi else ""
        mine = by.get(str(row["seeker"]), ix.iloc[:0])
        if len(mine) and "origin" in mine.columns and (mine["origin"] == "linkedin").all():
            out.append(
                f"{who}Channel mix not measured: only LinkedIn data (the export records no meetings, calls or "
                "e-mails); add a tracker, a calendar or a mailbox to measure it."
            )
        if int(row.get("applications", 0) or 0) == 0:
            out.append(
                f"{who}No applications recorded: networking before applying and the outcomes are not measured."
            )
        if pd.isna(row.get("give_share")):
            out.append(
                f"{who}Giving not measured: too few leads, introductions or help given or received to judge."
            )
    from netlytics.figures.registry import recorded_outcomes

    out += _outcome_notes(recorded_outcomes(m), multi)
    notes = data.notes
    for rec in notes.to_dict("records") if len(notes) else []:
        who = f"{rec['seeker']}: " if multi and pd.notna(rec.get("seeker")) else ""
        src = f" ({rec['source']})" if pd.notna(rec.get("source")) and rec.get("source") else ""
        out.append(f"{who}{rec['note']}{src}")
    return out


def _outcome_notes(outcomes: pd.DataFrame, multi: bool) -> list[str]:
    """ "Outcomes not recorded" for every seeker whose applications carry no outcome."""
    if outcomes.empty or "interview_rate" not in outcomes.columns:
        return []
    out = []
    none = outcomes.groupby("seeker").agg(
        applications=("applications", "sum"), recorded=("interview_rate", lambda s: s.notna().any())
    )
    for seeker, row in none.loc[~none["recorded"]].iterrows():
        who = f"{seeker}: " if multi else ""
        out.append(
            f"{who}Outcomes not recorded: none of the {_num(row['applications'])} applications has a status after "
            "'applied', so interview and offer rates are not measured (not 0%)."
        )
    return out
