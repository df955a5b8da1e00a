"""Ranking units by change: cuts first, increases last, incomplete units unranked."""
from __future__ import annotations

import pandas as pd

from pilotlib.analysis.metrics import compare_posts
from pilotlib.analysis.ranking import rank_changes


def _staffing(rows):
    return pd.DataFrame([{"unit": u, "structure": s, "posts": p, "provenance": "analyst"} for u, s, p in rows])


def test_cuts_first_increases_last_and_the_top_of_each_highlighted():
    comparison = compare_posts(_staffing([
        ("A", "old", 20), ("A", "pilot", 17),   # −3, −15,0 %
        ("B", "old", 7), ("B", "pilot", 4),     # −3, −42,9 % (3/7): the larger cut in per cent ranks first
        ("C", "old", 10), ("C", "pilot", 12),   # +2, +20,0 %
        ("D", "old", 8), ("D", "pilot", 8),     # 0
        ("E", "old", 16), ("E", "pilot", 15),   # −1, −6,25 % → −6,3 (half away from zero)
        ("F", "pilot", 9),                      # no old figures: not comparable, unranked
    ]))
    ranked = rank_changes(comparison, top=2)
    assert ranked["unit"].tolist() == ["B", "A", "E", "D", "C", "F"]
    assert ranked["rank"].tolist()[:5] == [1, 2, 3, 4, 5] and pd.isna(ranked["rank"].iloc[5])
    assert ranked["change"].tolist()[:5] == [-3, -3, -1, 0, 2]
    assert ranked["change_pct"].tolist()[:5] == [-42.9, -15.0, -6.3, 0.0, 20.0]
    assert ranked["highlight"].tolist() == ["largest_cut", "largest_cut", "", "", "largest_increase", ""]
    assert ranked["posts_old"].isna().tolist() == [False] * 5 + [True]  # F's old total is missing, not 0


def test_no_change_anywhere_highlights_nothing():
    ranked = rank_changes(compare_posts(_staffing([("A", "old", 5), ("A", "pilot", 5)])))
    assert ranked["highlight"].tolist() == [""] and ranked["rank"].tolist() == [1]
