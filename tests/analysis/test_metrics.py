"""Old-vs-pilot metrics on small hand-made tables (values checked by hand)."""
from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest
from conftest import staffing_rows

from pilotlib.analysis.metrics import compare_posts, overall_posts, unit_row
from pilotlib.analysis.provenance import citations


def _table():
    return staffing_rows([
        # Unit A: split over two bodies before, one agency after → totals 10 → 8.
        {"unit": "A", "structure": "old", "body": "Hội Nông dân", "posts": 6},
        {"unit": "A", "structure": "old", "body": "Đoàn Thanh niên", "posts": 4},
        {"unit": "A", "structure": "pilot", "posts": 8},
        # Unit B: only the pilot is known → incomplete, no change computed.
        {"unit": "B", "structure": "pilot", "posts": 7, "provenance": "illustrative"},
        # Unit C: old total 0 → change known (+3) but no percentage (division by zero).
        {"unit": "C", "structure": "old", "posts": 0},
        {"unit": "C", "structure": "pilot", "posts": 3},
    ])


def test_compare_posts_per_unit():
    result = compare_posts(_table()).set_index("unit")
    assert result.loc["A", ["posts_old", "posts_pilot", "change"]].tolist() == [10, 8, -2]
    assert result.loc["A", "change_pct"] == -20.0
    assert bool(result.loc["A", "complete"]) is True
    assert pd.isna(result.loc["B", "posts_old"]) and pd.isna(result.loc["B", "change"])
    assert bool(result.loc["B", "complete"]) is False
    assert result.loc["B", "provenance"] == "illustrative"
    assert result.loc["C", "change"] == 3 and pd.isna(result.loc["C", "change_pct"])
    assert list(result.index) == ["A", "B", "C"]  # first-seen order kept


def test_overall_counts_only_complete_units():
    overall = overall_posts(compare_posts(_table()))
    assert overall["units"] == 2
    assert overall["units_incomplete"] == ["B"]
    assert (overall["posts_old"], overall["posts_pilot"], overall["change"]) == (10, 11, 1)
    assert overall["change_pct"] == 10.0
    assert overall["provenance"] == "analyst+illustrative"


def test_unit_row_plain_values():
    row = unit_row(compare_posts(_table()), "B")
    assert row["posts_old"] is None  # missing, not 0
    assert row["posts_pilot"] == 7
    assert not row["complete"]


def test_citations_list_documents_and_paragraphs():
    table = staffing_rows([
        {"unit": "A", "structure": "old", "provenance": "source", "source_file": "doc-1", "source_row": "4"},
        {"unit": "A", "structure": "pilot", "provenance": "source", "source_file": "doc-1", "source_row": "12"},
        {"unit": "A", "structure": "pilot", "provenance": "analyst", "source_file": "mine.xlsx", "source_row": "3"},
    ])
    assert citations(table) == "doc-1 ¶4, ¶12"


def test_bundled_totals():
    from pilotlib.data.load import load_dataset

    overall = overall_posts(compare_posts(load_dataset().staffing))
    assert (overall["posts_old"], overall["posts_pilot"], overall["change"]) == (64, 64, 0)


# --------------------------------------------------------------------------------------
# Fractional percentages, rounded as an analyst's Excel does: =ROUND((pilot-old)/old*100; 1)
def _one_unit(old, pilot):
    return staffing_rows([{"unit": "A", "structure": "old", "posts": old},
                          {"unit": "A", "structure": "pilot", "posts": pilot}])


@pytest.mark.parametrize("old, pilot, expected", [
    (7, 10, 42.9),     # 42.857…: a fraction, not a whole number
    (7, 4, -42.9),
    (8, 9, 12.5),      # 1/8, exact
    (16, 17, 6.3),     # 6.25 → 6.3 (Python's round: 6.2)
    (16, 15, -6.3),    # −6.25 → −6.3: away from zero
    (400, 399, -0.3),  # −0.25 → −0.3
    (400, 401, 0.3),
    (32, 50, 56.3),    # 56.25
    (80, 103, 28.8),   # 28.75; 23/80*100 is 28.749999… in binary, 2300/80 is not
    (80, 39, -51.3),   # −51.25; 41/80*100 is 51.249999…
    (3, 2, -33.3),
    (6, 5, -16.7),
])
def test_change_pct_is_rounded_half_away_from_zero(old, pilot, expected):
    row = unit_row(compare_posts(_one_unit(old, pilot)), "A")
    assert row["change_pct"] == expected
    overall = overall_posts(compare_posts(_one_unit(old, pilot)))
    assert overall["change_pct"] == expected


def _excel_round(numerator: int, denominator: int, digits: int = 1) -> float:
    """ROUND(numerator/denominator; digits), half away from zero, on the exact fraction."""
    exact = abs(Fraction(numerator, denominator)) * 10**digits
    whole = math.floor(exact) + (1 if exact - math.floor(exact) >= Fraction(1, 2) else 0)
    return (whole if numerator >= 0 else -whole) / 10**digits


def test_change_pct_equals_exact_rounding_for_every_small_table():
    # Every old 1..200 and pilot 0..2·old (40 200 units) in one table, against exact fractions.
    pairs = [(old, pilot) for old in range(1, 201) for pilot in range(0, 2 * old + 1)]
    table = pd.DataFrame({
        "unit": [f"{o}-{p}" for o, p in pairs for _ in (0, 1)],
        "structure": ["old", "pilot"] * len(pairs),
        "posts": [n for pair in pairs for n in pair],
        "provenance": "analyst",
    })
    result = compare_posts(table)
    expected = [_excel_round((pilot - old) * 100, old) for old, pilot in pairs]
    wrong = [(pair, got, want) for pair, got, want in zip(pairs, result["change_pct"], expected) if got != want]
    assert not wrong, f"{len(wrong)} wrong, e.g. {wrong[:5]}"
    assert result["change"].tolist() == [p - o for o, p in pairs]


def test_counts_stay_whole_numbers_and_missing_stays_missing():
    result = compare_posts(_table())
    for column in ("posts_old", "posts_pilot", "change"):
        assert str(result[column].dtype) == "Int64", column  # a report must not show "10,0" posts
    assert str(result["change_pct"].dtype) == "Float64"


def test_overall_without_an_old_total_has_no_percentage():
    # Only unit C is complete, and its old total is 0: the change is known, the % is not.
    table = staffing_rows([{"unit": "C", "structure": "old", "posts": 0},
                           {"unit": "C", "structure": "pilot", "posts": 3},
                           {"unit": "D", "structure": "pilot", "posts": 5}])
    overall = overall_posts(compare_posts(table))
    assert (overall["posts_old"], overall["posts_pilot"], overall["change"]) == (0, 3, 3)
    assert overall["change_pct"] is None and overall["units_incomplete"] == ["D"]


def test_unknown_unit_is_named():
    with pytest.raises(KeyError, match="'Z'"):
        unit_row(compare_posts(_table()), "Z")


def test_overall_with_no_complete_unit_is_no_data_not_zero():
    # Only pilot figures: nothing can be compared, and no total may read as 0 posts.
    table = staffing_rows([{"unit": "B", "structure": "pilot", "posts": 7},
                           {"unit": "D", "structure": "pilot", "posts": 5}])
    overall = overall_posts(compare_posts(table))
    assert overall["units"] == 0 and overall["units_incomplete"] == ["B", "D"]
    assert (overall["posts_old"], overall["posts_pilot"], overall["change"], overall["change_pct"]) == (
        None, None, None, None)


def test_first_seen_order_even_against_the_alphabet():
    table = staffing_rows([{"unit": u, "structure": s, "posts": 1} for u in ("Đạ Tẻh", "Bảo Lộc", "Lâm Hà")
                           for s in ("old", "pilot")])
    assert compare_posts(table)["unit"].tolist() == ["Đạ Tẻh", "Bảo Lộc", "Lâm Hà"]


def test_unit_row_turns_any_missing_value_into_none():
    # a comparison read back from a CSV has NaN, not pd.NA: still None for the narrative
    frame = pd.DataFrame({"unit": ["B"], "posts_old": [float("nan")], "posts_pilot": [7.0], "complete": [False]})
    assert unit_row(frame, "B") == {"unit": "B", "posts_old": None, "posts_pilot": 7.0, "complete": False}
