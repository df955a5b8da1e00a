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

from pilotlib import headers
from pilotlib.headers import Layout
from pilotlib.readers import filled_cells
from pilotlib.textkey import fold_series

DATA, BLANK, TITLE, TOTAL, NOTE = "data", "blank", "title", "total", "note"
SKIPPED = (BLANK, TITLE, TOTAL, NOTE)
_NUMBERING = re.compile(r"\(?(?:\d{1,2}|[A-Za-z])\)?(?:\s*[=*+x-]\s*\(?\d{1,2}\)?)*")


def _any_column(cells: pd.DataFrame, columns: list[int], test) -> np.ndarray:
    hit = np.zeros(len(cells), dtype=bool)
    for c in columns:
        hit |= fold_series(cells.iloc[:, c], key=test).to_numpy(dtype=bool)
    return hit


def classify_rows(cells: pd.DataFrame, layout: Layout, unit_known: np.ndarray,
                  has_count: np.ndarray, filled: np.ndarray | None = None) -> np.ndarray:
    """The kind of every grid row (object array of DATA/BLANK/TITLE/TOTAL/NOTE).

    ``unit_known``: the unit cell matches the vocabulary; ``has_count``: some count
    cell of the row is filled. Both are per grid row, computed by the caller.
    """
    n = len(cells)
    filled = filled_cells(cells) if filled is None else filled
    kinds = np.full(n, DATA, dtype=object)
    start = layout.data_start
    kinds[:start] = TITLE
    value_cols = {v.col for v in layout.values}
    label_cols = [c for c in range(cells.shape[1]) if c not in value_cols]
    unit = cells.iloc[:, layout.keys["unit"]]
    repeated = fold_series(unit, key=lambda v: headers.classify(v)[0] == "unit").to_numpy(dtype=bool)
    kinds[repeated] = TITLE
    unit_col = layout.keys["unit"]
    if start < n and filled[start].sum() >= 2 and filled[start, unit_col]:
        # "(1) (2) (3)" or "A B 1 2" under the header: distinct labels, the unit column included
        # (a data row with an empty unit and small counts must not pass for one).
        row = [str(v).strip() for v, f in zip(cells.iloc[start].tolist(), filled[start]) if f]
        if all(_NUMBERING.fullmatch(v) for v in row) and len(set(row)) == len(row):
            kinds[start] = TITLE
    rest = kinds == DATA
    total = _any_column(cells, label_cols, headers.is_total)
    kinds[rest & total] = TOTAL
    rest = kinds == DATA
    first = cells.to_numpy(dtype=object)[np.arange(n), filled.argmax(axis=1)]
    noted = fold_series(pd.Series(first, dtype=object), key=headers.is_note).to_numpy(dtype=bool)
    kinds[rest & (noted | (~has_count & ~unit_known))] = NOTE
    kinds[~filled.any(axis=1)] = BLANK
    return kinds


def check_totals(kinds: np.ndarray, counts: dict[int, np.ndarray], rows: np.ndarray,
                 layout: Layout, label_of: np.ndarray) -> list[dict]:
    """Compare each total row with the rows it adds up; one dict per disagreement.

    A total may close a block (the rows since the previous total: a subtotal) or the
    whole table so far (a grand total over subtotals): it is fine if it equals either.
    ``counts`` maps a count column to its parsed numbers for every grid row (NaN = none).
    """
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
            if np.isnan(stated) or stated in (block, whole):
                continue
            problems.append({"row": int(rows[t]), "label": label_of[t], "column": column.label,
                             "stated": int(stated), "computed": int(block)})
    return problems
