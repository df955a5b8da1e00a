"""Tables as a reader sees them: every number as the analysis computed it, written the
report language's way, read back from the rendered HTML."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import staffing_rows
from rendered import table_by_first_cell, table_rows

from pilotlib.analysis.composition import bodies_summary
from pilotlib.analysis.metrics import compare_posts, overall_posts
from pilotlib.core.i18n import provenance_label
from pilotlib.report.tables import labelled_table, with_total

P_VI, P_EN = provenance_label("analyst", "vi"), provenance_label("analyst", "en")


def _comparison():
    return compare_posts(staffing_rows([
        {"unit": "A", "structure": "old", "posts": 7}, {"unit": "A", "structure": "pilot", "posts": 10},
        {"unit": "B", "structure": "old", "posts": 1200}, {"unit": "B", "structure": "pilot", "posts": 1197},
        {"unit": "C", "structure": "pilot", "posts": 4},
    ]))


@pytest.mark.parametrize("lang, expected", [
    ("vi", {"A": ["A", "7", "10", "3", "42,9", "có", P_VI],
            "B": ["B", "1.200", "1.197", "-3", "-0,3", "có", P_VI],  # −0.25 → −0.3
            "C": ["C", "—", "4", "—", "—", "không", P_VI],  # missing, not 0
            "Tổng (các đơn vị đủ số liệu)": ["Tổng (các đơn vị đủ số liệu)", "1.207", "1.207", "0", "0,0",
                                             "", P_VI]}),  # "complete" does not apply to a total
    ("en", {"A": ["A", "7", "10", "3", "42.9", "yes", P_EN],
            "B": ["B", "1,200", "1,197", "-3", "-0.3", "yes", P_EN],
            "C": ["C", "—", "4", "—", "—", "no", P_EN],
            "Total (units with complete figures)": ["Total (units with complete figures)", "1,207", "1,207", "0",
                                                    "0.0", "", P_EN]}),
])
def test_comparison_table_as_shown(lang, expected):
    comparison = _comparison()
    rows = table_by_first_cell(labelled_table(with_total(comparison, overall_posts(comparison), lang), lang))
    assert {unit: list(cells.values()) for unit, cells in rows.items()} == expected


def test_ratios_keep_their_second_decimal_and_round_like_excel():
    # Support posts per body: 5 over 4 bodies = 1.25; 1 over 3 = 0.33. Formatting these
    # with one decimal the Python way would show "1,2" (Excel and the narrative: 1,25).
    table = staffing_rows([
        {"unit": "A", "structure": "old", "body": body, "position_group": group, "posts": n}
        for body, group, n in [("Hội Nông dân", "support", 3), ("Hội Nông dân", "specialist", 2),
                               ("Đoàn Thanh niên", "support", 2), ("Hội Cựu chiến binh", "specialist", 1),
                               ("Hội Liên hiệp Phụ nữ", "specialist", 1)]
    ] + [
        {"unit": "A", "structure": "pilot", "body": body, "position_group": group, "posts": n}
        for body, group, n in [("Ban Tổng hợp", "support", 1), ("Ban Kiểm tra", "specialist", 2),
                               ("Ban Phong trào", "specialist", 2)]
    ])
    summary = bodies_summary(table).drop(columns="known")
    assert summary["support_per_body"].tolist() == [1.25, 0.33]
    rows = table_rows(labelled_table(summary, "vi"))
    assert [list(cells.values())[-1] for cells in rows] == ["1,25", "0,33"]


@pytest.mark.parametrize("values, vi", [
    ([56.3, -0.3], ["56,3", "-0,3"]),  # rounded to one decimal: shown with one
    ([20.0, 1234.5], ["20,0", "1.234,5"]),
    ([1.25, 2.0], ["1,25", "2,00"]),  # a value with two decimals: the column shows two
    ([42.857142857142854, -0.125], ["42,86", "-0,13"]),  # more than two: half away from zero
    ([1.005, None], ["1,01", "—"]),  # 1.005 as typed (binary 1.00499…); missing is a dash
])
def test_float_columns_show_the_computed_decimals(values, vi):
    frame = pd.DataFrame({"unit": ["A", "B"], "share": pd.array(values, dtype="Float64")})
    rows = table_rows(labelled_table(frame, "vi"))
    assert [list(cells.values())[1] for cells in rows] == vi
