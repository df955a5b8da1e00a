"""Match the name cells of staffing rows to the vocabularies, collecting every problem.

Bodies and positions are matched through ``reference.vocab`` (folded keys, so
"Hội LHPN", "UBMTTQ", "Uỷ ban MTTQ" and NFD all match; units, with their context, in
``ingest.unit_matching``); structures through the
old/pilot words of ``data/reference/headers.csv``. Nothing is rewritten by guesswork:
a name that matches nothing is a problem whose reason carries a "did you mean …"
suggestion. ``Problems`` gathers them as whole columns and folds them into one reject
row per input row.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pilotlib.core.distinct import each_distinct
from pilotlib.core.i18n import hint, reasons
from pilotlib.core.text import nfc
from pilotlib.ingest.counts import FormulaWithoutValue
from pilotlib.reference import header_words
from pilotlib.reference.vocab import Vocabulary


def _text(value: object) -> str:
    if value is None or isinstance(value, float) and value != value:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, FormulaWithoutValue):
        return str(value)
    return nfc(str(value)).strip()


def as_text(values: pd.Series, distinct: tuple | None = None) -> pd.Series:
    """Cell values as trimmed NFC text; Excel numbers 672.0 → "672" (once per distinct value)."""
    return each_distinct(values, _text, distinct)


def as_text_distinct(values: pd.Series, distinct: tuple | None) -> tuple[pd.Series, tuple | None]:
    """``as_text`` and, given the cells' (codes, distinct values), the texts' own: the
    same codes with the text of each distinct value (several may give the same text)."""
    if distinct is None:
        return as_text(values, distinct), None
    codes, uniques = distinct  # each text once: the cells take theirs by code (missing: "")
    answers = np.array([_text(u) for u in uniques] + [""], dtype=object)
    texts = pd.Series(answers[codes], index=values.index, name=values.name, dtype=object)
    return texts, (codes, answers[:-1])


def canonical_names(texts: pd.Series, vocabulary: Vocabulary, distinct: tuple | None = None) -> pd.Series:
    """``vocabulary.match(texts)`` as an object Series: the canonical name, None when unknown."""
    return each_distinct(texts, lambda text: vocabulary.keys.get(vocabulary.key(text)), distinct)


PROBLEM_COLUMNS = ("column", "value", "reason", "reason_key")


class Problems:
    """Problems found in whole columns, kept as frames (row position, column, value, reason)."""

    def __init__(self, lang: str, size: int):
        self.lang = lang
        self.size = size  # rows under examination; positions run 0..size-1
        self.parts: list[pd.DataFrame] = []

    def add(self, mask: np.ndarray, order: int, column: str, values: pd.Series, key: str,
            hints: pd.Series | str = "") -> None:
        """Record ``key`` for every row where ``mask`` holds; ``values`` are the cells shown."""
        where = np.flatnonzero(mask)
        if len(where) == 0:
            return
        shown = values.iloc[where].reset_index(drop=True)
        tail = hints.iloc[where].reset_index(drop=True) if isinstance(hints, pd.Series) \
            else pd.Series([hints] * len(where), dtype=object)
        keys = pd.Series([key] * len(where), dtype=object)
        self.parts.append(pd.DataFrame({
            "pos": where, "order": order, "column": column, "value": shown.to_numpy(object),
            "reason": reasons(keys, shown, tail, self.lang), "reason_key": key}))

    def outweigh(self, mask: np.ndarray, order: int, column: str, values: pd.Series, key: str,
                 hints: pd.Series | str = "") -> None:
        """Record a problem that explains every other problem of its rows (an unquoted
        separator shifts each cell after it), so only this one is said for them."""
        if not mask.any():
            return
        self.parts = [part[~mask[part["pos"].to_numpy()]] for part in self.parts]
        self.parts = [part for part in self.parts if len(part)]
        self.add(mask, order, column, values, key, hints)

    def rows(self) -> np.ndarray:
        """Positions of rows with at least one problem."""
        bad = np.zeros(self.size, dtype=bool)
        for part in self.parts:
            bad[part["pos"].to_numpy()] = True
        return np.flatnonzero(bad)

    def frame(self) -> pd.DataFrame:
        """One row per input row; several problems of a row are joined with "; " in column
        order (``reason_key`` too, e.g. "unknown_unit; negative").

        Joined part by part (a handful of columns), not group by group, so a file where
        every one of 10⁶ rows is wrong still takes seconds.
        """
        if not self.parts:
            return pd.DataFrame(columns=["pos", *PROBLEM_COLUMNS])
        rows = self.rows()
        out = {name: np.full(len(rows), "", dtype=object) for name in PROBLEM_COLUMNS}
        started = np.zeros(len(rows), dtype=bool)
        for part in sorted(self.parts, key=lambda p: int(p["order"].iloc[0])):
            at = np.searchsorted(rows, part["pos"].to_numpy())
            for name, values in out.items():
                new = part[name].astype(str).to_numpy(dtype=object)
                values[at] = np.where(started[at], values[at] + "; " + new, new)
            started[at] = True
        return pd.DataFrame({"pos": rows, **out})


# A name column of the rows under examination as (codes, distinct values): the column is
# values[codes]. Names are worked out once per distinct cell text and taken back by code.
Coded = tuple[np.ndarray, np.ndarray]


def coded_answers(answers: list | np.ndarray, codes: np.ndarray) -> Coded:
    """Answers per distinct text → (codes per row, distinct answers): equal answers of
    several texts become one value; None becomes "" (such rows are rejected)."""
    values = np.array(["" if a is None else a for a in answers], dtype=object)
    merged, distinct = pd.factorize(values)
    return merged[codes], np.asarray(distinct, dtype=object)


def _hints(values: pd.Series, vocabulary: Vocabulary, lang: str, fallback: str | None) -> pd.Series:
    def one(value: object) -> str:
        suggestion = vocabulary.suggest(value)
        return hint("did_you_mean", lang, suggestion) if suggestion else hint(fallback, lang)
    return each_distinct(values, one)


def match_names(texts: Coded, shown: pd.Series, vocabulary: Vocabulary, problems: Problems, order: int,
                column: str, unknown_key: str, required: bool, fallback_hint: str | None = None) -> Coded:
    """Canonical names ("" for an allowed empty cell); unknown names become problems.

    ``texts``: the rows' texts as (codes, distinct texts); ``shown``: the texts per row.
    """
    codes, distinct = texts
    canonical = np.array([vocabulary.keys.get(vocabulary.key(t)) for t in distinct.tolist()], dtype=object)
    empty = distinct == ""
    unknown = pd.isna(canonical) & ~empty
    if unknown.any():
        hints = np.full(len(distinct), "", dtype=object)
        hints[unknown] = _hints(pd.Series(distinct[unknown], dtype=object), vocabulary, problems.lang, fallback_hint)
        problems.add(unknown[codes], order, column, shown, unknown_key, pd.Series(hints[codes], dtype=object))
    if required:
        problems.add(empty[codes], order, column, shown, "empty_unit")
    return coded_answers(canonical, codes)


def match_structures(texts: Coded, shown: pd.Series, problems: Problems, order: int, column: str) -> Coded:
    """"old" / "pilot" per row from a structure column; empty or unknown cells are problems.
    ``texts``: the rows' texts as (codes, distinct texts); ``shown``: the texts per row."""
    codes, distinct = texts
    found = np.array([header_words.structure_of(t) for t in distinct.tolist()], dtype=object)
    empty = distinct == ""
    problems.add(empty[codes], order, column, shown, "empty_structure")
    problems.add((pd.isna(found) & ~empty)[codes], order, column, shown, "unknown_structure")
    return coded_answers(found, codes)
