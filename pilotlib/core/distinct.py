"""Apply a function once per distinct value of a column and take the answers back by position.

Real tables repeat a few hundred names over 10⁶ rows, so every per-cell rule (folding,
repair, matching, parsing, wording a reason) runs on distinct values only — never a
Python loop per row. This is the one implementation; callers that already factorised a
column (``RawTable.distinct``) pass its ``(codes, uniques)`` and skip the hashing.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd

Distinct = tuple[np.ndarray, np.ndarray]  # (codes, distinct values); code -1 = missing cell


def factorize_objects(cells: np.ndarray | pd.Series) -> Distinct:
    """``pd.factorize`` of an object column; None and NaN get code -1."""
    return pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=True)


def apply_distinct(cells: np.ndarray | pd.Series | None, func: Callable[[Any], Any],
                   distinct: Distinct | None = None, dtype: Any = object) -> np.ndarray:
    """``func(cell)`` for every cell, computed once per distinct value.

    Missing cells (None, NaN) take ``func(None)``, called only when there is one.
    ``distinct``: the column's ``(codes, uniques)`` when known already (``cells`` unused).
    """
    codes, uniques = distinct if distinct is not None else factorize_objects(cells)
    answers = np.empty(len(uniques) + 1, dtype=dtype)
    for position, unique in enumerate(uniques):
        answers[position] = func(unique)
    if (codes < 0).any():
        answers[-1] = func(None)
    elif dtype is object:
        answers[-1] = None
    return answers[codes]


def each_distinct(values: pd.Series, func: Callable[[Any], Any],
                  distinct: Distinct | None = None) -> pd.Series:
    """``apply_distinct`` as an object Series with the index and name of ``values``."""
    out = apply_distinct(values.to_numpy(dtype=object), func, distinct)
    return pd.Series(out, index=values.index, name=values.name, dtype=object)
