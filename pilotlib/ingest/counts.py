"""Read post counts the way Vietnamese spreadsheets write them, once per distinct value.

Counts arrive as Excel numbers (23, 23.0), as text ("23", " 23 "), in Vietnamese style
("21,0" = 21 with a decimal comma, "1.234" = 1234 with a thousands dot, "1 234"), or
as things that are not counts at all ("x", "#REF!", "-5", "21,5", a formula whose value
Excel never computed). ``parse_counts`` turns a column of such cells into whole numbers
plus a problem code per cell, so the caller can reject with a plain reason instead of
guessing. A lone dash ("-", "–") is the usual way of writing "none" and counts as empty.

A count above the plausible bound (``reference.schema.max_posts``, 100 000 per row by
default) is a problem too ("too_large"), never a number to add up: 5·10¹⁸ would
overflow a sum, 10²⁰ a 64-bit integer.

Each distinct cell value is parsed once (``pd.factorize``) and the results are taken
back by position, so a national table of 10⁶ rows costs as much as its few hundred
distinct numbers.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pilotlib.reference.schema import MAX_POSTS, max_posts

# Problem codes (reasons.py words them): "" = a usable count.
OK, EMPTY, NEGATIVE, NOT_NUMBER, NOT_WHOLE, FORMULA = "", "empty", "negative", "not_number", "not_whole", "formula"
TOO_LARGE = "too_large"


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without a computed (cached) value: its count is unknown."""

    formula: str = ""

    def __str__(self) -> str:
        return f"={self.formula}" if self.formula else "="


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_DASHES = frozenset({"-", "--", "\u2013", "\u2014", "\u2212"})
_MINUS = ("-", "\u2212", "\u2013")
# (pattern, how to read it); tried in order, the first full match wins.
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"\d+", "plain"),                          # 23
        (r"\d{1,3}(?:[. ]\d{3})+", "thousands"),    # 1.234 / 1 234 (Vietnamese grouping)
        (r"\d{1,3}(?:,\d{3}){2,}", "thousands"),    # 1,234,567 (cannot be a decimal)
        (r"\d+,\d+", "decimal_comma"),              # 21,0 (Vietnamese decimal comma)
        (r"\d{1,3}(?:\.\d{3})+,\d+", "vn_full"),    # 1.234,0
        (r"\d+\.\d+", "decimal_point"),             # 21.0 (after "thousands" failed)
        (r"\d{1,3}(?:,\d{3})+\.\d+", "en_full"),    # 1,234.0
        (r"\d+(?:\.\d+)?[eE][+-]?\d+", "scientific"),
    )
)


def _from_text(text: str, most: int = MAX_POSTS) -> tuple[float, str]:
    raw = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    if raw == "" or raw in _DASHES:
        return math.nan, EMPTY
    negative = False
    if raw.startswith(_MINUS):
        negative, raw = True, raw[1:].strip()
    elif raw.startswith("+"):
        raw = raw[1:].strip()
    elif raw.startswith("(") and raw.endswith(")"):  # accounting style (5) = -5
        negative, raw = True, raw[1:-1].strip()
    kind = next((kind for pattern, kind in _FORMS if pattern.fullmatch(raw)), None)
    if kind is None:
        return math.nan, NOT_NUMBER
    if kind == "thousands":
        number = float(re.sub(r"[., ]", "", raw))
    elif kind in ("decimal_comma", "vn_full"):
        number = float(raw.replace(".", "").replace(",", "."))
    elif kind == "en_full":
        number = float(raw.replace(",", ""))
    else:
        number = float(raw)
    if math.isinf(number):  # "1e400": digits beyond any float
        return math.nan, NEGATIVE if negative else TOO_LARGE
    return _checked(-number if negative else number, most)


def _checked(number: float, most: int = MAX_POSTS) -> tuple[float, str]:
    if math.isnan(number):
        return math.nan, EMPTY
    if math.isinf(number):
        return math.nan, NOT_NUMBER
    if number != int(number):
        return math.nan, NOT_WHOLE
    if number < 0:
        return math.nan, NEGATIVE
    if number > most:
        return math.nan, TOO_LARGE
    return float(int(number)), OK


def parse_count(value: object, most: int | None = None) -> tuple[float, str]:
    """One cell → (whole number as float, problem code); NaN unless the code is OK.
    ``most``: the largest plausible count (default ``max_posts()``)."""
    most = max_posts() if most is None else most
    if value is None:
        return math.nan, EMPTY
    if isinstance(value, FormulaWithoutValue):
        return math.nan, FORMULA
    if isinstance(value, bool):  # TRUE/FALSE is not a count (checked before int)
        return math.nan, NOT_NUMBER
    if isinstance(value, (int, np.integer)):  # compared as an integer: 10⁴⁰⁰ is no float
        value = int(value)
        return (math.nan, NEGATIVE) if value < 0 else (math.nan, TOO_LARGE) if value > most \
            else (float(value), OK)
    if isinstance(value, (float, np.floating)):
        return _checked(float(value), most)
    if isinstance(value, str):
        return _from_text(value, most)
    return math.nan, NOT_NUMBER  # dates, times and anything else Excel may hold


def parse_counts(values: pd.Series, distinct: tuple | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised ``parse_count``: (float array of counts, object array of problem codes).

    Missing cells (None/NaN) are EMPTY. Distinct values are parsed once; booleans must
    not reach here mixed with 1/0 (the readers turn them into "TRUE"/"FALSE" text),
    because ``pd.factorize`` treats True and 1 as the same value. ``distinct``: the
    column's (codes, distinct values) when known already (``RawTable.distinct``).
    """
    codes, uniques = (pd.factorize(values.astype(object), use_na_sentinel=True) if distinct is None
                      else distinct)
    numbers = np.empty(len(uniques) + 1, dtype=float)
    problems = np.empty(len(uniques) + 1, dtype=object)
    most = max_posts()
    for i, unique in enumerate(uniques):
        numbers[i], problems[i] = parse_count(unique, most)
    numbers[-1], problems[-1] = math.nan, EMPTY  # code -1 (missing) indexes the last slot
    return numbers[codes], problems[codes]
