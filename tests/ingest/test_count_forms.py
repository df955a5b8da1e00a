"""Count forms the main table of test_counts.py leaves out: English grouping with a
decimal point, half an accounting bracket, and the formula marker's text."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pilotlib.ingest.counts import FormulaWithoutValue, parse_count, parse_counts


@pytest.mark.parametrize("value, expected", [
    ("1,234.0", (1234.0, "")),  # English grouping and decimal point (an export from an English Excel)
    ("12,345.00", (12345.0, "")),
    ("12,345,678.00", (math.nan, "too_large")),  # read as 12 345 678, above the plausible bound (MAX_POSTS)
    ("1,234.5", (math.nan, "not_whole")),
    ("(12", (math.nan, "not_number")),  # half a bracket is not the accounting minus
    ("12)", (math.nan, "not_number")),
])
def test_more_count_forms(value, expected):
    number, problem = parse_count(value)
    assert problem == expected[1]
    assert (math.isnan(number) and math.isnan(expected[0])) or number == expected[0]


def test_formula_marker_without_its_formula():
    assert str(FormulaWithoutValue()) == "=" and str(FormulaWithoutValue("A1*2")) == "=A1*2"


def test_a_column_factorised_already_is_not_factorised_again():
    codes = np.array([0, 1, -1, 0])
    numbers, problems = parse_counts(None, distinct=(codes, pd.Index(["23", "x"], dtype=object)))
    assert numbers[0] == 23 and numbers[3] == 23 and np.isnan(numbers[1:3]).all()
    assert problems.tolist() == ["", "not_number", "empty", ""]


# Boundaries of a plausible count (mutation survivors): 0 and the bound itself are counts,
# one past either side is not; a typed number and a text say the same.
@pytest.mark.parametrize("value, expected", [
    (0, (0.0, "")), (0.0, (0.0, "")), ("0", (0.0, "")),  # no posts is a count, not a negative one
    (-1, (math.nan, "negative")), ("-1", (math.nan, "negative")), ("(1)", (math.nan, "negative")),
    (100_000, (100_000.0, "")), ("100.000", (100_000.0, "")),  # the bound itself (MAX_POSTS) is allowed
    (100_001, (math.nan, "too_large")), (100_001.0, (math.nan, "too_large")),
    ("1e400", (math.nan, "too_large")), ("-1e400", (math.nan, "negative")),  # beyond any float: the sign still says which
])
def test_count_bounds(value, expected):
    number, problem = parse_count(value)
    assert problem == expected[1], value
    assert (math.isnan(number) and math.isnan(expected[0])) or number == expected[0]


def test_the_bound_follows_the_setting_for_every_kind_of_cell(monkeypatch):
    monkeypatch.setenv("PILOTLIB_MAX_POSTS", "150000")
    for value in (150_000, 150_000.0, "150.000"):
        assert parse_count(value) == (150_000.0, ""), value
    numbers, problems = parse_counts(pd.Series([150_000, "150.000", 150_001, None], dtype=object))
    assert problems.tolist() == ["", "", "too_large", "empty"] and numbers[:2].tolist() == [150_000.0] * 2
    monkeypatch.setenv("PILOTLIB_MAX_POSTS", "10")
    assert parse_count(11.0)[1] == "too_large" and parse_count(10.0) == (10.0, "")
    assert parse_counts(pd.Series(["11", 10], dtype=object))[1].tolist() == ["too_large", ""]
