"""Old-vs-pilot metrics on small hand-made tables (values checked by hand)."""
from __future__ import annotations

import pandas as pd
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
