"""Narrative sentences come from computed values and change when the data changes."""
from __future__ import annotations

import pytest
from conftest import staffing_rows

from pilotlib.analysis.metrics import compare_posts, overall_posts, unit_row
from pilotlib.report.narrative import format_number, overall_summary, unit_summary


def _row(old, pilot, provenance="analyst"):
    rows = []
    if old is not None:
        rows.append({"unit": "Lâm Hà", "structure": "old", "posts": old, "provenance": provenance})
    if pilot is not None:
        rows.append({"unit": "Lâm Hà", "structure": "pilot", "posts": pilot, "provenance": provenance})
    return unit_row(compare_posts(staffing_rows(rows)), "Lâm Hà")


def test_unchanged_headcount_sentence():
    text = unit_summary(_row(20, 20), "vi", "doc ¶4")
    assert "20 biên chế" in text and "không thay đổi" in text and text.endswith("Nguồn: doc ¶4.")
    assert "did not change" in unit_summary(_row(20, 20), "en")


def test_text_follows_the_table():
    fell = unit_summary(_row(20, 17), "vi")
    assert "giảm 3 (15,0%)" in fell  # Vietnamese decimal comma
    rose = unit_summary(_row(1200, 1500), "en")
    assert "1,200 posts" in rose and "rose by 300 (25.0%)" in rose
    assert "1.200 biên chế" in unit_summary(_row(1200, 1500), "vi")


def test_missing_side_is_said_not_guessed():
    text = unit_summary(_row(None, 18), "vi")
    assert "Chưa có số liệu biên chế trước thí điểm" in text and "chưa so sánh được" in text
    assert "no comparison can be made" in unit_summary(_row(20, None), "en")


def test_illustrative_announced_first():
    text = unit_summary(_row(20, 20, "illustrative"), "vi")
    assert text.startswith("Lưu ý: số liệu biên chế dưới đây là số liệu minh họa")
    assert overall_summary({"units": 0, "units_incomplete": [], "posts_old": 0, "posts_pilot": 0,
                            "change": 0, "change_pct": None, "provenance": "illustrative"},
                           "en").startswith("Note: the staffing figures in this report are illustrative")


def test_overall_lists_incomplete_units():
    table = staffing_rows([
        {"unit": "A", "structure": "old", "posts": 10}, {"unit": "A", "structure": "pilot", "posts": 10},
        {"unit": "B", "structure": "pilot", "posts": 4},
    ])
    text = overall_summary(overall_posts(compare_posts(table)), "vi")
    assert text.startswith("1 đơn vị có đủ số liệu: tổng cộng 10 biên chế")
    assert "Chưa đủ số liệu để so sánh: B." in text


@pytest.mark.parametrize("value, lang, decimals, expected", [
    (1234.5, "vi", 1, "1.234,5"), (1234.5, "en", 1, "1,234.5"), (-3, "vi", 0, "-3"), (None, "vi", 0, "—"),
])
def test_format_number(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


def test_unknown_language_rejected():
    with pytest.raises(ValueError, match="lang"):
        unit_summary(_row(1, 1), "fr")


@pytest.mark.parametrize("old, pilot, vi, en", [
    (7, 10, "tăng 3 (42,9%)", "rose by 3 (42.9%)"),  # 42.857…
    (16, 15, "giảm 1 (6,3%)", "fell by 1 (6.3%)"),  # −6.25: half away from zero
    (400, 399, "giảm 1 (0,3%)", "fell by 1 (0.3%)"),  # −0.25
    (1200, 1203, "tăng 3 (0,3%)", "rose by 3 (0.3%)"),  # 0.25
])
def test_fractional_change_in_unit_and_overall_sentences(old, pilot, vi, en):
    row = _row(old, pilot)
    assert f"Số biên chế {vi}." in unit_summary(row, "vi") and f"Posts {en}." in unit_summary(row, "en")
    table = staffing_rows([{"unit": "A", "structure": "old", "posts": old},
                           {"unit": "A", "structure": "pilot", "posts": pilot}])
    overall = overall_posts(compare_posts(table))
    assert f"Tổng số biên chế {vi}." in overall_summary(overall, "vi")
    assert f"Total posts {en}." in overall_summary(overall, "en")
