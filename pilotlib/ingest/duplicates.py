"""Rows that say the same thing twice: rejects naming the other row, never a sum.

Why: a staffing table has one count per (unit, structure, body, position), an issue list
one statement per (unit, kind, text) — ``reference.schema.KEY_COLUMNS``. Two rows with
the same key were added up silently before (3 + 3 posts became 6), yet which one is
right, or whether both were meant, cannot be known from the table. So every row of such
a group is rejected — the same rule for `normalize` (across all its inputs) and for a
data set being loaded (across all its files) — with a reason naming another row of the
group: an exact copy ("duplicate_row") or the same key with other figures
("duplicate_key", "duplicate_issue"). Nothing is guessed; the analyst keeps one row.

Rows are compared among the rows that are otherwise usable (a row rejected for another
reason has no trustworthy key). A wide input row gives several tidy rows: if one of
them is a duplicate, the whole input row is rejected, as for any other problem.
Vectorised: one factorisation per key column, group sizes by ``np.bincount``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pilotlib.core.i18n import say_each
from pilotlib.reference.schema import CONTENT_COLUMNS, KEY_COLUMNS, REJECTS_COLUMNS


@dataclass
class Where:
    """Where each tidy row comes from: the input file (an id, its name, its sheet) and
    the row number an analyst sees there (CSV line, Excel row)."""

    file_id: np.ndarray  # int per tidy row
    file: np.ndarray  # object: file name per tidy row
    sheet: np.ndarray  # object: sheet per tidy row ("" for CSV)
    row: np.ndarray  # object: row number as text per tidy row


@dataclass
class Duplicates:
    """Tidy rows to drop (every tidy row of a rejected input row) and one reject per
    rejected input row; ``per_file``: rejected input rows per file id."""

    drop: np.ndarray
    rejects: pd.DataFrame
    per_file: dict[int, int]


def group_ids(table: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """One integer per distinct combination of ``columns`` (factorised column by column;
    a categorical column's codes are used as they are — its categories are distinct —
    with a missing cell as one more category). The ids count up in order of first
    appearance, so they do not depend on how each column was coded."""
    group = np.zeros(len(table), dtype=np.int64)
    for column in columns:
        values = table[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            size = len(values.cat.categories) + 1
            codes = np.where(values.cat.codes.to_numpy() < 0, size - 1, values.cat.codes.to_numpy())
        else:
            codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
            size = max(len(uniques), 1)
        group, _ = pd.factorize(group * size + codes)
    return group


def find(table: pd.DataFrame, kind: str, where: Where, lang: str) -> Duplicates:
    """The duplicates among the rows of ``table`` (a tidy ``staffing`` or ``issues``
    table, rows in reading order)."""
    none = Duplicates(np.zeros(len(table), dtype=bool), pd.DataFrame(columns=REJECTS_COLUMNS), {})
    if kind not in KEY_COLUMNS or len(table) < 2:
        return none
    key = KEY_COLUMNS[kind]
    group = group_ids(table, key)
    sizes = np.bincount(group)
    repeated = np.flatnonzero(sizes[group] > 1)
    if len(repeated) == 0:
        return none
    # the first two rows of each repeated group, in reading order: each row names the other
    order = repeated[np.argsort(group[repeated], kind="stable")]
    starts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    first = np.empty(group.max() + 1, dtype=np.int64)
    second = np.empty(group.max() + 1, dtype=np.int64)
    first[group[order[starts]]] = order[starts]
    second[group[order[starts]]] = order[starts + 1]
    other = np.where(first[group[repeated]] == repeated, second[group[repeated]], first[group[repeated]])
    exact = np.ones(len(repeated), dtype=bool)
    for column in CONTENT_COLUMNS[kind]:
        values = table[column].to_numpy(dtype=object)
        exact &= values[repeated] == values[other]
    reason_key = np.where(exact, "duplicate_row", "duplicate_key" if kind == "staffing" else "duplicate_issue")
    more = sizes[group[repeated]] - 2
    input_row = _input_rows(where)
    drop = np.isin(input_row, input_row[repeated])
    # one reject per input row: its first repeated tidy row speaks for it
    _, take = np.unique(input_row[repeated], return_index=True)
    take = np.sort(take)
    rows, others, keys = repeated[take], other[take], reason_key[take]
    # Worded for whole columns (a file of 10⁶ copies is 10⁶ rejects): no per-row format.
    named = where.row[others].astype(object)
    elsewhere = np.flatnonzero(where.file_id[rows] != where.file_id[others])
    if len(elsewhere):  # "row 5 of b.csv"
        named[elsewhere] = named[elsewhere] + say_each("hint.in_file", lang,
                                                       value=_file_names(where, others[elsewhere]))
    more_rows = np.full(len(rows), "", dtype=object)
    several = np.flatnonzero(more[take] > 0)
    if len(several):
        more_rows[several] = say_each("hint.more_rows", lang, value=more[take][several])
    reasons = np.empty(len(rows), dtype=object)
    for name in np.unique(keys):
        at = keys == name
        reasons[at] = say_each(f"reason.{name}", lang, other=named[at], more=more_rows[at])
    values = None
    for column in key:  # the key as read, "—" for an empty part
        cells = table[column].to_numpy(dtype=object)[rows]
        cells = np.where(cells == "", "—", cells)
        values = cells if values is None else values + " / " + cells
    rejects = pd.DataFrame({
        "source_file": where.file[rows], "sheet": where.sheet[rows],
        "source_row": where.row[rows].astype(object),
        "column": ", ".join(key), "value": values,
        "reason": reasons, "reason_key": keys.astype(object),
    }, columns=REJECTS_COLUMNS)
    ids, counts = np.unique(where.file_id[rows], return_counts=True)
    return Duplicates(drop, rejects, dict(zip(ids.tolist(), counts.tolist())))


def _input_rows(where: Where) -> np.ndarray:
    """One id per input row (file id and row number together), from integer codes."""
    rows, _ = pd.factorize(where.row.astype(object), use_na_sentinel=False)
    codes, _ = pd.factorize(where.file_id.astype(np.int64) * (int(rows.max(initial=0)) + 1) + rows)
    return codes


def _file_names(where: Where, at: np.ndarray) -> np.ndarray:
    """"file.xlsx [Sheet]" (or "file.csv") for the rows ``at``."""
    sheets = where.sheet[at].astype(object)
    return where.file[at].astype(object) + np.where(sheets != "", " [" + sheets + "]", "")


def sorted_rejects(rejects: pd.DataFrame, file_order: dict[str, int]) -> pd.DataFrame:
    """Rejects in reading order: by file (as read), then by row number."""
    if rejects.empty:
        return rejects
    rank = rejects["source_file"].map(file_order).fillna(len(file_order)).to_numpy()
    number = pd.to_numeric(rejects["source_row"], errors="coerce").fillna(0).to_numpy()
    order = np.lexsort((number, rank))
    return rejects.iloc[order].reset_index(drop=True)
