"""Counts written the Vietnamese way, and things that are not counts."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from pilotlib.core.errors import DataError
from pilotlib.ingest.counts import FormulaWithoutValue, parse_count, parse_counts


@pytest.mark.parametrize(("value", "expected"), [
    (23, (23.0, "")),                 # an Excel number
    (23.0, (23.0, "")),               # Excel stores every number as a float
    ("23", (23.0, "")),               # a number stored as text
    (" 23 ", (23.0, "")),             # with spaces around it
    ("21,0", (21.0, "")),             # Vietnamese decimal comma
    ("21,00", (21.0, "")),
    ("1.234", (1234.0, "")),          # Vietnamese thousands dot
    ("1 234", (1234.0, "")),          # thousands space
    ("1\u00a0234", (1234.0, "")),     # non-breaking space as thousands separator
    ("1.234,0", (1234.0, "")),        # both: thousands dot and decimal comma
    ("12,345,678", (math.nan, "too_large")),  # English grouping (two groups: no decimal), above 100 000
    ("100.000", (100000.0, "")),      # the plausible maximum of one row (reference.schema.MAX_POSTS)
    ("100.001", (math.nan, "too_large")),
    ("5000000000000000000", (math.nan, "too_large")),  # summed to a negative total before
    (2**63, (math.nan, "too_large")),  # an Excel integer beyond int64: no OverflowError
    (10**400, (math.nan, "too_large")),  # beyond float: compared as an integer
    ("1e400", (math.nan, "too_large")),
    ("21.0", (21.0, "")),             # decimal point (not a thousands group: one digit after)
    ("+5", (5.0, "")),
    ("0", (0.0, "")),                 # zero posts is a valid count
    ("２３", (23.0, "")),              # full-width digits (IME input)
    ("", (math.nan, "empty")),
    (None, (math.nan, "empty")),
    (math.nan, (math.nan, "empty")),
    ("-", (math.nan, "empty")),       # a dash means "none" in Vietnamese tables
    ("–", (math.nan, "empty")),
    ("-5", (math.nan, "negative")),
    ("\u22125", (math.nan, "negative")),  # U+2212 minus sign
    ("(5)", (math.nan, "negative")),  # accounting negative
    (-1, (math.nan, "negative")),
    ("21,5", (math.nan, "not_whole")),  # half a post
    ("1,234", (math.nan, "not_whole")),  # Vietnamese reading: 1.234 — never silently 1234
    (21.5, (math.nan, "not_whole")),
    ("x", (math.nan, "not_number")),
    ("23 người", (math.nan, "not_number")),  # a unit word glued on: not guessed
    ("#REF!", (math.nan, "not_number")),  # an Excel error value
    ("TRUE", (math.nan, "not_number")),
    (True, (math.nan, "not_number")),
    ("=1+1", (math.nan, "not_number")),
    (math.inf, (math.nan, "not_number")),
    (FormulaWithoutValue("SUM(A1:A3)"), (math.nan, "formula")),
])
def test_parse_count(value, expected):
    number, problem = parse_count(value)
    assert problem == expected[1]
    assert (math.isnan(number) and math.isnan(expected[0])) or number == expected[0]


def test_the_plausible_maximum_is_a_setting(monkeypatch):
    monkeypatch.setenv("PILOTLIB_MAX_POSTS", "1000000")
    assert parse_counts(pd.Series(["1.234.567", "999.999"], dtype=object))[1].tolist() == ["too_large", ""]
    assert parse_count("1,234,567", most=2_000_000) == (1234567.0, "")
    for wrong in ("0", "-5", "lots", str(10**13)):
        monkeypatch.setenv("PILOTLIB_MAX_POSTS", wrong)
        with pytest.raises(DataError, match="PILOTLIB_MAX_POSTS"):
            parse_counts(pd.Series(["1"], dtype=object))


def test_parse_counts_is_per_distinct_value_and_keeps_order():
    values = pd.Series(["21,0", None, 5, "x", "21,0", 5.0], dtype=object)
    numbers, problems = parse_counts(values)
    assert problems.tolist() == ["", "empty", "", "not_number", "", ""]
    assert numbers[[0, 2, 4, 5]].tolist() == [21.0, 5.0, 21.0, 5.0]


def test_formula_marker_shows_its_formula():
    assert str(FormulaWithoutValue("SUM(D7:D9)")) == "=SUM(D7:D9)"
