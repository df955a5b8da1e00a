"""Sort the rows of a sheet into data, blank, title, total and note rows — and check totals.

Every input row ends up in exactly one kind, which is what makes the row accounting
(read = kept + rejected + skipped) hold: ``TITLE`` is everything above and including
the header (plus a column-numbering row "(1) (2) (3)" and a header repeated further
down), ``TOTAL`` a "Tổng cộng"/"Cộng" row (its figures are checked against the rows it
adds up, then dropped), ``NOTE`` a footnote, source line, signature or section heading
— a row with no count and no recognisable unit. Only ``DATA`` rows can be kept or
rejected. All tests here run on whole columns, once per distinct value.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pilotlib.core.distinct import apply_distinct, factorize_objects
from pilotlib.ingest.cells import filled_cells
from pilotlib.ingest.staffing_layout import Layout
from pilotlib.reference import header_words

DATA, BLANK, TITLE, TOTAL, NOTE = "data", "blank", "title", "total", "note"
_NUMBERING = re.compile(r"\(?(?:\d{1,2}|[A-Za-z])\)?(?:\s*[=*+x-]\s*\(?\d{1,2}\)?)*")


def _per_value(values: pd.Series, test, digits: bool | None = None,
               distinct: tuple | None = None, seen: dict | None = None) -> np.ndarray:
    """``test`` of every cell as a bool array, run once per distinct value.

    ``digits``: the answer for text made of digits only ("12", an STT number), given
    without calling ``test`` — a column numbering 10⁶ rows has 10⁶ distinct values.
    Missing cells get ``test(None)``. ``distinct``: the column's (codes, distinct
    values) when known already (``RawTable.distinct``); ``values`` is then not read.
    """
    codes, uniques = factorize_objects(values) if distinct is None else distinct
    if digits is None:
        return apply_distinct(None, lambda v: bool(test(v)), distinct=(codes, uniques), dtype=bool)
    answers = np.full(len(uniques) + 1, digits, dtype=bool)
    rest = np.flatnonzero(~_digit_only(uniques, seen))
    answers[rest] = [bool(test(uniques[i])) for i in rest.tolist()]
    answers[-1] = bool(test(None))
    return answers[codes]


def _digit_only(uniques, seen: dict | None = None) -> np.ndarray:
    """Per distinct value: text made of digits only. ``seen`` keeps the answer for the
    call's duration (an STT column is read for totals and for notes: 10⁶ values)."""
    if seen is not None and id(uniques) in seen and seen[id(uniques)][0] is uniques:
        return seen[id(uniques)][1]
    try:  # all texts (the usual case): str.isdigit mapped in C
        mask = np.fromiter(map(str.isdigit, uniques), dtype=bool, count=len(uniques))
    except TypeError:  # some value is no text: one test per value
        mask = np.fromiter((isinstance(u, str) and u.isdigit() for u in uniques), dtype=bool, count=len(uniques))
    if seen is not None:
        seen[id(uniques)] = (uniques, mask)
    return mask


def _letterless_answer() -> bool | None:
    """False when no total/note label can match a cell without letters (see header_words.Words)."""
    return False if header_words.words().letters_only_labels else None


def _any_column(cells: pd.DataFrame, columns: list[int], test, distinct: dict, seen: dict) -> np.ndarray:
    hit = np.zeros(len(cells), dtype=bool)
    for c in columns:
        hit |= _per_value(cells.iloc[:, c], test, _letterless_answer(), distinct.get(c), seen)
    return hit


def _first_cells(cells: pd.DataFrame, filled: np.ndarray, test, distinct: dict, seen: dict) -> np.ndarray:
    """``test`` of each row's first filled cell (the first cell of a blank row)."""
    n = len(cells)
    first = filled.argmax(axis=1)
    if not all(c in distinct for c in range(cells.shape[1])):
        values = cells.to_numpy(dtype=object)[np.arange(n), first]
        return _per_value(pd.Series(values, dtype=object), test, _letterless_answer())
    hit = np.zeros(n, dtype=bool)
    for c in np.unique(first).tolist():  # per column: once per distinct value there
        rows = np.flatnonzero(first == c)
        codes, uniques = distinct[c]
        hit[rows] = _per_value(None, test, _letterless_answer(), (codes[rows], uniques), seen)
    return hit


def classify_rows(cells: pd.DataFrame, layout: Layout, unit_known: np.ndarray,
                  has_count: np.ndarray, filled: np.ndarray | None = None,
                  distinct: dict | None = None, subtotal: np.ndarray | None = None) -> np.ndarray:
    """The kind of every grid row (object array of DATA/BLANK/TITLE/TOTAL/NOTE).

    ``unit_known``: the unit cell matches the vocabulary; ``has_count``: some count
    cell of the row is filled. Both are per grid row, computed by the caller.
    ``distinct``: {column: (codes, distinct values)} of ``cells`` (``RawTable.distinct``).
    ``subtotal``: rows whose unit cell is a subtotal of a unit ("Cộng Lâm Hà"), found by
    the caller: totals too.
    """
    distinct = distinct or {}
    n = len(cells)
    filled = filled_cells(cells) if filled is None else filled
    kinds = np.full(n, DATA, dtype=object)
    start = layout.data_start
    kinds[:start] = TITLE
    value_cols = {v.col for v in layout.values}
    label_cols = [c for c in range(cells.shape[1]) if c not in value_cols]
    unit = cells.iloc[:, layout.keys["unit"]]
    # classify(v)[0] == "unit" (a repeated header) holds exactly when the exact match is "unit":
    # a body name or a label found inside a longer one is never the unit field.
    repeated = _per_value(unit, lambda v: header_words.exact_field(v) == "unit",
                          distinct=distinct.get(layout.keys["unit"]))
    kinds[repeated] = TITLE
    unit_col = layout.keys["unit"]
    if start < n and filled[start].sum() >= 2 and filled[start, unit_col]:
        # "(1) (2) (3)" or "A B 1 2" under the header: distinct labels, the unit column included
        # (a data row with an empty unit and small counts must not pass for one).
        row = [str(v).strip() for v, f in zip(cells.iloc[start].tolist(), filled[start]) if f]
        if all(_NUMBERING.fullmatch(v) for v in row) and len(set(row)) == len(row):
            kinds[start] = TITLE
    rest = kinds == DATA
    seen: dict = {}  # digit-only answers per column, shared by the two tests below
    total = _any_column(cells, label_cols, header_words.is_total, distinct, seen)
    if subtotal is not None:
        total |= subtotal
    kinds[rest & total] = TOTAL
    rest = kinds == DATA
    noted = _first_cells(cells, filled, header_words.is_note, distinct, seen)
    kinds[rest & (noted | (~has_count & ~unit_known))] = NOTE
    kinds[~filled.any(axis=1)] = BLANK
    return kinds


def check_totals(kinds: np.ndarray, counts: dict[int, np.ndarray], rows: np.ndarray,
                 layout: Layout, label_of: np.ndarray,
                 unit_sums: dict[int, dict[int, list[float]]] | None = None) -> list[dict]:
    """Compare each total row with the rows it adds up; one dict per disagreement.

    A total may close a block (the rows since the previous total: a subtotal) or the
    whole table so far (a grand total over subtotals): it is fine if it equals either.
    ``counts`` maps a count column to its parsed numbers for every grid row (NaN = none).
    ``unit_sums``: for a subtotal of a named unit ("Cộng Lâm Hà"), per total row and
    count column, the sums of that unit's rows it may equal instead (the first is shown);
    such a total is not compared with the whole table.
    """
    unit_sums = unit_sums or {}
    problems: list[dict] = []
    total_rows = np.flatnonzero(kinds == TOTAL)
    if len(total_rows) == 0:
        return problems
    data = kinds == DATA
    for column in layout.values:
        values = counts[column.col]
        running = np.cumsum(np.where(data & ~np.isnan(values), values, 0.0))
        previous = -1
        for t in total_rows:
            stated = values[t]
            block = running[t] - (running[previous] if previous >= 0 else 0.0)
            whole = running[t]
            previous = t
            own = unit_sums.get(int(t), {}).get(column.col)
            allowed = (block, *own) if own else (block, whole)
            if np.isnan(stated) or stated in allowed:
                continue
            problems.append({"row": int(rows[t]), "label": label_of[t], "column": column.label,
                             "stated": int(stated), "computed": int(own[0] if own else block)})
    return problems
