"""Old ≠ pilot in every unit: the numbers read back from the chart, the tables, the CSV
artifact and the sentences must be the hand-computed ones (tests/fixtures/old_vs_pilot).

Bundled data has old = pilot everywhere, where swapping the two series, or rounding the
change to whole numbers, changes nothing a test could see.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from rendered import chart_values, table_by_first_cell  # noqa: E402

from pilotlib.analysis.metrics import compare_posts, overall_posts, unit_row  # noqa: E402
from pilotlib.data.load import load_dataset  # noqa: E402
from pilotlib.report import sections  # noqa: E402
from pilotlib.report.narrative import overall_summary, unit_summary  # noqa: E402
from pilotlib.report.present import displayed  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "old_vs_pilot"
# unit: (old, pilot, change, change % as Excel's ROUND(…; 1) gives it) — see EXPECTED.md
EXPECTED = {
    "Lâm Hà": (7, 10, 3, 42.9),  # 42.857…
    "Đạ Huoai": (16, 15, -1, -6.3),  # −6.25: half away from zero
    "Đạ Tẻh": (32, 50, 18, 56.3),  # 56.25; old = 12 + 20 over two bodies
    "Di Linh": (345, 350, 5, 1.4),  # 1.449…
}
TOTAL = (400, 425, 25, 6.3)  # 6.25
UNITS = list(EXPECTED)
# The same figures as a reader sees them.
SHOWN = {
    "vi": {"Lâm Hà": ("7", "10", "3", "42,9"), "Đạ Huoai": ("16", "15", "-1", "-6,3"),
           "Đạ Tẻh": ("32", "50", "18", "56,3"), "Di Linh": ("345", "350", "5", "1,4"),
           "Tổng": ("400", "425", "25", "6,3")},
    "en": {"Lâm Hà": ("7", "10", "3", "42.9"), "Đạ Huoai": ("16", "15", "-1", "-6.3"),
           "Đạ Tẻh": ("32", "50", "18", "56.3"), "Di Linh": ("345", "350", "5", "1.4"),
           "Total": ("400", "425", "25", "6.3")},
}
SERIES = {"vi": ("Trước thí điểm", "Thí điểm"), "en": ("Before the pilot", "Pilot")}


@pytest.fixture(scope="module")
def data():
    return load_dataset(FIXTURE)


def test_fixture_loads_whole(data):
    assert data.rejects.empty and len(data.staffing) == 9


def test_comparison_and_total(data):
    comparison = compare_posts(data.staffing)
    for unit, (old, pilot, change, pct) in EXPECTED.items():
        row = unit_row(comparison, unit)
        assert (row["posts_old"], row["posts_pilot"], row["change"], row["change_pct"]) == (old, pilot, change, pct)
    overall = overall_posts(comparison)
    assert (overall["posts_old"], overall["posts_pilot"], overall["change"], overall["change_pct"]) == TOTAL


# --------------------------------------------------------------------------------------
# The chart, read back from the Figure (bars, their labels, the legend's colours)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_chart_bars_and_labels_per_series(data, lang, tmp_path):
    items = sections.posts(data, UNITS, lang, tmp_path)
    fig = items[1].figure  # the matplotlib figure the page shows
    old_name, pilot_name = SERIES[lang]
    try:
        values = chart_values(fig)
    finally:
        plt.close(fig)
    assert set(values) == {old_name, pilot_name}
    for unit, (old, pilot, _change, _pct) in EXPECTED.items():
        assert values[old_name][unit] == (old, str(old)), (unit, "old")
        assert values[pilot_name][unit] == (pilot, str(pilot)), (unit, "pilot")
    assert [p.suffix for p in sorted(tmp_path.glob("posts.*"))] == [".csv", ".png", ".svg"]


# --------------------------------------------------------------------------------------
# The table, read back from the HTML a report shows
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_table_cells_as_shown(data, lang, tmp_path):
    from pilotlib.core.i18n import label

    rows = table_by_first_cell(displayed(sections.posts(data, UNITS, lang, tmp_path)[2]))  # as the page shows it
    columns = [label(c, lang) for c in ("posts_old", "posts_pilot", "change", "change_pct")]
    assert {unit: tuple(rows[unit][c] for c in columns) for unit in rows} == SHOWN[lang]
    plt.close("all")


def test_csv_artifact_holds_the_same_numbers(data, tmp_path):
    sections.posts(data, UNITS, "vi", tmp_path)
    plt.close("all")
    table = pd.read_csv(tmp_path / "posts.csv", encoding="utf-8-sig", dtype=str)
    got = {row["Đơn vị"]: (row["Biên chế trước thí điểm"], row["Biên chế thí điểm"], row["Thay đổi"],
                           row["Thay đổi (%)"]) for _, row in table.iterrows()}
    assert got == {"Lâm Hà": ("7", "10", "3", "42.9"), "Đạ Huoai": ("16", "15", "-1", "-6.3"),
                   "Đạ Tẻh": ("32", "50", "18", "56.3"), "Di Linh": ("345", "350", "5", "1.4"),
                   "Tổng": ("400", "425", "25", "6.3")}


# --------------------------------------------------------------------------------------
# The sentences
@pytest.mark.parametrize("unit, vi, en", [
    ("Lâm Hà", "Trước thí điểm, Lâm Hà có 7 biên chế; trong mô hình thí điểm có 10 biên chế. "
               "Số biên chế tăng 3 (42,9%).", "Posts rose by 3 (42.9%)."),
    ("Đạ Huoai", "Số biên chế giảm 1 (6,3%).", "Posts fell by 1 (6.3%)."),
    ("Đạ Tẻh", "Số biên chế tăng 18 (56,3%).", "Posts rose by 18 (56.3%)."),
    ("Di Linh", "Số biên chế tăng 5 (1,4%).", "Posts rose by 5 (1.4%)."),
])
def test_unit_sentences(data, unit, vi, en):
    row = unit_row(compare_posts(data.staffing), unit)
    assert vi in unit_summary(row, "vi")
    assert en in unit_summary(row, "en")


def test_overall_sentence(data):
    overall = overall_posts(compare_posts(data.staffing))
    assert overall_summary(overall, "vi").startswith(
        "4 đơn vị có đủ số liệu: tổng cộng 400 biên chế trước thí điểm và 425 biên chế trong thí điểm. "
        "Tổng số biên chế tăng 25 (6,3%).")
    assert "rose by 25 (6.3%)" in overall_summary(overall, "en")
