"""Problems: the bad cells of each sheet, joined into one problem row per input row, and the
checks that span sheets (repeated ids, ``ref`` pointing nowhere)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics.loaders._base import issue_frame
from netlytics.loaders.tracker.people import pair_keys, pairs_in
from netlytics.loaders.tracker.sheets import Sheet, cell_text, row_numbers, source_at

__all__ = ["Issues", "duplicates", "check_refs"]


class Issues:
    """Collects (row, column, value, reason) per sheet; joined into one problem row per row."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        self._rows: pd.Index | None = None

    def add(
        self, mask: pd.Series, column: str, value: pd.Series | str | None, reason: pd.Series | str
    ) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        idx = mask[mask].index
        val = value[idx].map(cell_text) if isinstance(value, pd.Series) else pd.Series(value, index=idx)
        rsn = reason[idx] if isinstance(reason, pd.Series) else pd.Series(reason, index=idx)
        self._rows = None
        self.parts.append(
            pd.DataFrame(
                {"row": idx, "column": column, "value": val.astype(object), "reason": rsn.astype(object)}
            )
        )

    def rows(self) -> pd.Index:
        """The rows with at least one issue (cached until the next :meth:`add`)."""
        if self._rows is None:
            rows = [p["row"].to_numpy() for p in self.parts]
            self._rows = pd.Index(pd.unique(np.concatenate(rows)) if rows else [], dtype="int64")
        return self._rows

    def frame(self, source: str | pd.Series) -> pd.DataFrame:
        """One problem row per row with issues; ``source``: the sheet's, or each row's (a stacked
        sheet, whose row labels also carry the sheet: :func:`~.sheets.row_numbers`)."""
        if not self.parts:
            return issue_frame(source="", reason=pd.Series([], dtype="str"), rows=[])
        df = pd.concat(self.parts, ignore_index=True)
        df["value"] = df["value"].where(df["value"].notna(), "").astype("str")
        df["column"] = df["column"].astype("str")
        df["reason"] = df["reason"].astype("str")
        # rows with one issue (the usual case, e.g. a million bad dates) need no joining;
        # only rows with several issues are grouped
        several = df["row"].duplicated(keep=False)
        single = df.loc[~several].set_index("row")[["column", "value", "reason"]]
        parts = [single]
        if several.any():
            g = df.loc[several].groupby("row", sort=True)
            parts.append(
                pd.DataFrame(
                    {
                        "column": g["column"].agg(lambda s: ", ".join(dict.fromkeys(s))),
                        "value": g["value"].agg(lambda s: "; ".join(s)),
                        "reason": g["reason"].agg(lambda s: "; ".join(s)),
                    }
                )
            )
        joined = pd.concat(parts).sort_index(kind="stable")
        if isinstance(source, pd.Series):
            source = pd.Series(source.loc[joined.index].to_numpy(dtype=object))
        return issue_frame(
            source=source,
            rows=pd.Series(row_numbers(joined.index)),
            column=joined["column"],
            value=joined["value"],
            reason=joined["reason"],
        )


def duplicates(frames: list[tuple[Sheet, pd.DataFrame, Issues]], id_col: str) -> None:
    """Flag repeated ids (within a seeker, across sheets) on every row after the first.

    Parameters
    ----------
    frames
        (sheet, rows, issues) of one table.
    id_col
        The id column.

    Returns
    -------
    None
        The repeated ids are added to each sheet's issues.

    See Also
    --------
    Issues : the per-sheet problems these checks add to.
    """
    if not frames:
        return
    parts = []
    for k, (sheet, df, issues) in enumerate(frames):
        ok = ~df.index.isin(issues.rows())
        parts.append(
            pd.DataFrame(
                {
                    "k": k,
                    "row": df.index[ok],
                    "seeker": df["seeker"][ok],
                    "id": df[id_col][ok],
                    "source": source_at(sheet, df.index[ok]),
                }
            )
        )
    allrows = pd.concat(parts, ignore_index=True)
    dup = allrows.duplicated(["seeker", "id"], keep="first")
    if not dup.any():
        return
    first = allrows[~dup].set_index(["seeker", "id"])
    for k, (sheet, _df, issues) in enumerate(frames):
        mine = allrows[dup & (allrows["k"] == k)]
        if not len(mine):
            continue
        where = first.loc[list(zip(mine["seeker"], mine["id"], strict=True))]
        rows = pd.Series(row_numbers(where["row"])).astype("str").to_numpy()
        said = np.where(
            where["source"].to_numpy() == source_at(sheet, mine["row"].to_numpy()),
            "row " + rows,
            where["source"].to_numpy() + " row " + rows,
        )
        mask = pd.Series(False, index=_df.index)
        mask[mine["row"].to_numpy()] = True
        reason = pd.Series("", index=_df.index, dtype=object)
        reason[mine["row"].to_numpy()] = [f"duplicate {id_col} (first used in {s})" for s in said]
        issues.add(mask, id_col, _df[id_col], reason)


def check_refs(frames: list[tuple[Sheet, pd.DataFrame, Issues]], has_id: dict[int, bool]) -> None:
    """``ref`` must name a loaded interaction; repeated until no new row fails (chains).

    Parameters
    ----------
    frames
        (sheet, rows, issues) of the interactions sheets.
    has_id
        Per sheet (``id(sheet)``), whether it has an id column (else a ref may be a row number).

    Returns
    -------
    None
        Bad refs are added to each sheet's issues.

    See Also
    --------
    Issues : the per-sheet problems these checks add to.
    """
    if not any(df["ref"].notna().any() for _sheet, df, _issues in frames):
        return  # no row refers to another (the usual case): nothing to check
    wanted: set[str] = set()  # the ids a ref could name: only those rows need looking up
    for sheet, df, _issues in frames:
        ref = df["ref"].dropna()
        wanted.update(ref.tolist())
        if not has_id[id(sheet)]:
            wanted.update((sheet.source + "#" + ref).dropna().tolist())
    while True:
        loaded = set()
        for _sheet, df, issues in frames:
            ok = ~df.index.isin(issues.rows()) & df["interaction_id"].isin(wanted).to_numpy()
            loaded.update(pair_keys(df["seeker"][ok], df["interaction_id"][ok]))
        changed = False
        for sheet, df, issues in frames:
            ok = ~df.index.isin(issues.rows())
            ref = df["ref"]
            if not has_id[id(sheet)]:
                as_row = sheet.source + "#" + ref
                known_row = _known(df["seeker"], as_row, ref.notna(), loaded)
                df["ref"] = ref.where(~known_row, as_row)
                ref = df["ref"]
            bad = ok & ref.notna() & ~_known(df["seeker"], ref, ref.notna(), loaded)
            if bad.any():
                issues.add(
                    bad, "ref", ref, "ref points nowhere: no loaded interaction has this interaction_id"
                )
                changed = True
        if not changed:
            return


def _known(seeker: pd.Series, values: pd.Series, where: pd.Series, pairs: set[str]) -> pd.Series:
    """:func:`~.people.pairs_in` on the rows ``where`` says (False elsewhere)."""
    out = pd.Series(False, index=seeker.index)
    if where.any():
        out[where] = pairs_in(seeker[where], values[where], pairs).to_numpy()
    return out
