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

from pilotlib.core.i18n import hint, say
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
    """One integer per distinct combination of ``columns`` (factorised column by column)."""
    group = np.zeros(len(table), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(table[column].to_numpy(dtype=object), use_na_sentinel=False)
        group, _ = pd.factorize(group * max(len(uniques), 1) + codes)
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
    rows, others = repeated[take], other[take]
    same_file = where.file_id[rows] == where.file_id[others]
    named = [str(where.row[o]) + ("" if same else hint("in_file", lang, _file_name(where, o)))
             for o, same in zip(others.tolist(), same_file.tolist())]
    reasons = [say(f"reason.{k}", lang, other=n, more=hint("more_rows", lang, m) if m > 0 else "")
               for k, n, m in zip(reason_key[take].tolist(), named, more[take].tolist())]
    values = table.loc[:, list(key)].iloc[rows].astype(str).replace("", "—")
    rejects = pd.DataFrame({
        "source_file": where.file[rows], "sheet": where.sheet[rows],
        "source_row": where.row[rows].astype(str).astype(object),
        "column": ", ".join(key), "value": values.agg(" / ".join, axis=1).to_numpy(dtype=object),
        "reason": np.array(reasons, dtype=object), "reason_key": reason_key[take].astype(object),
    }, columns=REJECTS_COLUMNS)
    ids, counts = np.unique(where.file_id[rows], return_counts=True)
    return Duplicates(drop, rejects, dict(zip(ids.tolist(), counts.tolist())))


def _input_rows(where: Where) -> np.ndarray:
    """One id per input row (file id and row number together)."""
    codes, _ = pd.factorize(pd.Series(where.file_id).astype(str).to_numpy(dtype=object) + "\x1f"
                            + pd.Series(where.row).astype(str).to_numpy(dtype=object))
    return codes


def _file_name(where: Where, at: int) -> str:
    return str(where.file[at]) + (f" [{where.sheet[at]}]" if where.sheet[at] else "")


def sorted_rejects(rejects: pd.DataFrame, file_order: dict[str, int]) -> pd.DataFrame:
    """Rejects in reading order: by file (as read), then by row number."""
    if rejects.empty:
        return rejects
    rank = rejects["source_file"].map(file_order).fillna(len(file_order)).to_numpy()
    number = pd.to_numeric(rejects["source_row"], errors="coerce").fillna(0).to_numpy()
    order = np.lexsort((number, rank))
    return rejects.iloc[order].reset_index(drop=True)
