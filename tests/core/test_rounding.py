"""Rounding matches what an analyst gets with Excel's ROUND (half away from zero)."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import staffing_rows

from pilotlib.analysis.composition import posts_by_group
from pilotlib.core.rounding import round_half_up, round_series
from pilotlib.report.narrative import format_number


@pytest.mark.parametrize("value, digits, expected", [
    (56.25, 1, 56.3),   # Python's round() gives 56.2
    (-56.25, 1, -56.3),
    (1.005, 2, 1.01),   # binary 1.00499…; as typed it is 1.005
    (2.5, 0, 3.0), (0.125, 2, 0.13), (None, 1, None),
])
def test_round_half_up(value, digits, expected):
    assert round_half_up(value, digits) == expected


def test_round_series_keeps_missing():
    result = round_series(pd.Series([12.5, None, 0.05]), 0)
    assert result.iloc[0] == 13 and pd.isna(result.iloc[1]) and result.iloc[2] == 0


def test_shares_and_text_agree_with_excel():
    table = staffing_rows([
        {"unit": "A", "structure": "old", "position_group": "leadership", "body": "x", "posts": 36},
        {"unit": "A", "structure": "old", "position_group": "specialist", "body": "x", "posts": 28},
    ])
    shares = posts_by_group(table).set_index("position_group")["share"]
    assert shares["leadership"] == 56.3 and shares["specialist"] == 43.8  # 56.25, 43.75
    assert format_number(56.25, "vi", 1) == "56,3" and format_number(0.125, "en", 2) == "0.13"


def test_shares_are_rounded_on_the_exact_fraction():
    # 23/80 = 28.75 % and 57/80 = 71.25 %: both half-way. 23/80*100 is 28.749999… in
    # binary, which Python's and a naive half-up rounding take down to 28.7.
    table = staffing_rows([
        {"unit": "A", "structure": "old", "position_group": "leadership", "body": "x", "posts": 23},
        {"unit": "A", "structure": "old", "position_group": "specialist", "body": "x", "posts": 57},
    ])
    shares = posts_by_group(table).set_index("position_group")["share"]
    assert shares["leadership"] == 28.8 and shares["specialist"] == 71.3 and shares["support"] == 0.0


@pytest.mark.parametrize("value, digits, expected", [
    (6.25, 1, "6,3"), (-6.25, 1, "-6,3"), (-0.25, 1, "-0,3"), (0.25, 1, "0,3"), (12.5, 1, "12,5"),
    (1.005, 2, "1,01"), (2.675, 2, "2,68"),  # as typed, not as stored in binary (1.00499…, 2.67499…)
    (42.857142857142854, 1, "42,9"), (56.25, 1, "56,3"), (0.5, 0, "1"), (-0.5, 0, "-1"), (-0.04, 1, "0,0"),
])
def test_format_number_rounds_half_away_from_zero(value, digits, expected):
    assert format_number(value, "vi", digits) == expected
    assert format_number(value, "en", digits) == expected.replace(",", ".")


def test_whole_numbers_by_default_and_missing_of_every_kind_stays_missing():
    assert round_half_up(2.5) == 3.0 and round_half_up(-2.5) == -3.0
    assert round_half_up(float("nan")) is None and round_half_up(pd.NA) is None
    result = round_series(pd.Series([2.5, -0.5, pd.NA, None, float("nan")], dtype=object))
    assert str(result.dtype) == "Float64"  # nullable: missing is <NA>, never a number
    assert result.iloc[:2].tolist() == [3.0, -1.0] and result.iloc[2:].isna().all()
