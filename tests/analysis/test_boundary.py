"""Before and after across the 2025 boundary change, on hand-made tables. The merge map's
links used here (data/reference/national/merges-2025-07.csv.gz):

- Quảng Tín (Lâm Đồng) ← Quảng Tín, Đắk Sin, Hưng Bình, Đắk Ru (all four whole, Đắk Nông)
- Tuy Phong (Lâm Đồng) ← Phan Dũng (whole) + Phong Phú (split with Phan Rí Cửa: partial)
- Cát Tiên (Lâm Đồng, 2025) ← Cát Tiên, Nam Ninh, Quảng Ngãi (whole) + three codes the
  2025-03 list does not have (25174, 25177, 25186: communes abolished earlier)
"""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import staffing_rows

from pilotlib.analysis.boundary import (
    COUNTED,
    MERGE_MAP,
    MISSING,
    NOT_IN_LIST,
    SAME_UNIT,
    compare_across,
    compare_units,
    unit_comparison,
)
from pilotlib.analysis.metrics import COMPARISON_COLUMNS, compare_posts
from pilotlib.data.load import load_dataset
from pilotlib.reference.unit_reference import unit_reference

QUANG_TIN = ["Quảng Tín (Đắk R'Lấp, Đắk Nông)", "Đắk Sin", "Hưng Bình (Đắk R'Lấp, Đắk Nông)", "Đắk Ru"]
PHONG_PHU = "Phong Phú (Tuy Phong, Bình Thuận)"
CAT_TIEN = ["Cát Tiên (Đạ Huoai, Lâm Đồng)", "Nam Ninh (Đạ Huoai, Lâm Đồng)", "Quảng Ngãi (Đạ Huoai, Lâm Đồng)"]


@pytest.fixture(scope="module")
def reference():
    return unit_reference(None)


def _old(unit, posts):
    return {"unit": unit, "code_vintage": "2025-03", "structure": "old", "posts": posts}


def _new(unit, posts):
    return {"unit": unit, "code_vintage": "2025-07", "structure": "pilot", "posts": posts}


def _row(boundary, unit):
    rows = boundary.table[boundary.table["unit"] == unit]
    assert len(rows) == 1, boundary.table
    return rows.iloc[0]


def test_the_links_this_file_relies_on(reference):
    links = reference.merge_links()
    quang_tin = links[links["new_unit"] == "Quảng Tín (Lâm Đồng)"]
    assert sorted(quang_tin["old_unit"]) == sorted(QUANG_TIN) and set(quang_tin["link"]) == {"full"}
    tuy_phong = links[links["new_unit"] == "Tuy Phong (Lâm Đồng)"]
    assert dict(zip(tuy_phong["old_unit"], tuy_phong["link"])) == {"Phan Dũng": "full", PHONG_PHU: "partial"}


def test_a_new_communes_before_is_the_sum_of_its_whole_constituents(reference):
    staffing = staffing_rows([_old(u, p) for u, p in zip(QUANG_TIN, (7, 5, 9, 5))] + [_new("Quảng Tín (Lâm Đồng)", 12)])
    row = _row(compare_units(staffing, reference), "Quảng Tín (Lâm Đồng)")
    assert row["posts_old"] == 26 and row["posts_pilot"] == 12  # 7 + 5 + 9 + 5
    assert row["change"] == -14 and row["change_pct"] == -53.8 and row["complete"]
    assert row["before_from"] == MERGE_MAP and sorted(row["constituents"]) == sorted(QUANG_TIN)


def test_a_partial_constituent_is_shown_and_flagged_never_apportioned(reference):
    staffing = staffing_rows([_old("Phan Dũng", 6), _old(PHONG_PHU, 11), _new("Tuy Phong (Lâm Đồng)", 13)])
    boundary = compare_units(staffing, reference)
    row = _row(boundary, "Tuy Phong (Lâm Đồng)")
    assert row["posts_old"] == 6  # Phan Dũng only: Phong Phú's 11 are not split by a guessed share
    assert row["partial_units"] == (PHONG_PHU,) and not row["complete"]
    assert pd.isna(row["change"]) and pd.isna(row["change_pct"])  # no change from an incomplete before
    partial = boundary.partial
    assert partial["old_unit"].tolist() == [PHONG_PHU] * 2  # shown under both new communes it went to
    assert sorted(partial["new_unit"]) == ["Phan Rí Cửa (Lâm Đồng)", "Tuy Phong (Lâm Đồng)"]
    assert partial["posts"].tolist() == [11, 11]  # its whole figure, flagged, added to neither


def test_old_units_without_data_are_listed_not_counted_as_zero(reference):
    staffing = staffing_rows([_old(u, 5) for u in QUANG_TIN[:3]] + [_new("Quảng Tín (Lâm Đồng)", 12)])
    boundary = compare_units(staffing, reference)
    row = _row(boundary, "Quảng Tín (Lâm Đồng)")
    assert row["posts_old"] == 15 and not row["complete"] and row["missing_units"] == ("Đắk Ru",)
    assert boundary.missing[["new_unit", "old_unit", "status"]].values.tolist() == [
        ["Quảng Tín (Lâm Đồng)", "Đắk Ru", MISSING]]


def test_codes_the_old_list_lacks_are_noted_and_do_not_block_the_comparison(reference):
    staffing = staffing_rows([_old(u, 4) for u in CAT_TIEN] + [_new("Cát Tiên (Lâm Đồng, 2025)", 9)])
    boundary = compare_units(staffing, reference)
    row = _row(boundary, "Cát Tiên (Lâm Đồng, 2025)")
    assert row["posts_old"] == 12 and row["complete"] and row["change"] == -3
    assert row["not_in_list"] == ("Xã Mỹ Lâm (25174)", "Xã Tư Nghĩa (25177)", "Xã Phù Mỹ (25186)")
    statuses = boundary.constituents.set_index("old_code")["status"]
    assert statuses["25174"] == NOT_IN_LIST and statuses["25159"] == COUNTED


def test_a_new_unit_without_after_data_still_shows_its_before(reference):
    staffing = staffing_rows([_old(u, 5) for u in QUANG_TIN])
    row = _row(compare_units(staffing, reference), "Quảng Tín (Lâm Đồng)")
    assert row["posts_old"] == 20 and pd.isna(row["posts_pilot"]) and not row["complete"]


def test_the_seed_districts_compare_with_themselves_exactly_as_before():
    seed = load_dataset().staffing
    boundary = compare_units(seed, unit_reference(None))
    assert set(boundary.table["before_from"]) == {SAME_UNIT} and boundary.constituents.empty
    pd.testing.assert_frame_equal(boundary.table[COMPARISON_COLUMNS], compare_posts(seed), check_dtype=False)


def test_a_unit_recorded_before_in_itself_keeps_its_own_figure(reference):
    """A table that already gives the new commune's "before": it is used, the map is not."""
    staffing = staffing_rows([{**_new("Quảng Tín (Lâm Đồng)", 20), "structure": "old"},
                              _new("Quảng Tín (Lâm Đồng)", 12), _old(QUANG_TIN[0], 7)])
    row = _row(compare_units(staffing, reference), "Quảng Tín (Lâm Đồng)")
    assert row["posts_old"] == 20 and row["before_from"] == SAME_UNIT and row["complete"]


def test_an_old_unit_outside_the_map_is_compared_alone(reference):
    staffing = staffing_rows([{"unit": "Lâm Hà", "code_vintage": "2023", "structure": "old", "posts": 20}])
    row = _row(compare_units(staffing, reference), "Lâm Hà")
    assert row["posts_old"] == 20 and pd.isna(row["posts_pilot"]) and not row["complete"]


def test_an_incomplete_constituent_figure_leaves_the_new_unit_incomplete(reference):
    """Rolled-up figures carry ``complete``: a province formed from an old province whose
    communes are not all there is not comparable as a whole, though its sum is shown."""
    totals = pd.DataFrame([
        {"unit": "Lâm Đồng", "structure": "old", "posts": 900, "complete": False, "provenance": "analyst"},
        {"unit": "Đắk Nông", "structure": "old", "posts": 500, "complete": True, "provenance": "analyst"},
        {"unit": "Bình Thuận", "structure": "old", "posts": 800, "complete": True, "provenance": "analyst"},
        {"unit": "Lâm Đồng (2025)", "structure": "pilot", "posts": 1600, "complete": True, "provenance": "analyst"},
    ])
    boundary = compare_across(totals, reference, level="province")
    row = _row(boundary, "Lâm Đồng (2025)")
    assert row["posts_old"] == 2200 and not row["complete"] and pd.isna(row["change"])
    assert boundary.mapping["old_list"] == "2025-03" and boundary.mapping["new_list"] == "2025-07"



def test_unit_reports_take_a_complete_before_from_the_old_units_only(reference):
    staffing = staffing_rows([_old(u, p) for u, p in zip(QUANG_TIN, (7, 5, 9, 5))] + [
        _new("Quảng Tín (Lâm Đồng)", 12), _old("Phan Dũng", 6), _old(PHONG_PHU, 11), _new("Tuy Phong (Lâm Đồng)", 13)])
    table = unit_comparison(staffing, ["Quảng Tín (Lâm Đồng)", "Tuy Phong (Lâm Đồng)"], lambda: reference)
    rows = table.set_index("unit")
    assert rows.loc["Quảng Tín (Lâm Đồng)", "posts_old"] == 26 and rows.loc["Quảng Tín (Lâm Đồng)", "change"] == -14
    assert bool(rows.loc["Quảng Tín (Lâm Đồng)", "complete"])
    assert pd.isna(rows.loc["Tuy Phong (Lâm Đồng)", "posts_old"])  # 6 of a split whole is no "before"
    assert not rows.loc["Tuy Phong (Lâm Đồng)", "complete"]


def test_unit_reports_without_a_boundary_change_are_compare_posts_exactly():
    seed = load_dataset().staffing
    called = []
    table = unit_comparison(seed, ["Lâm Hà", "Đạ Tẻh"], lambda: called.append(1))
    pd.testing.assert_frame_equal(table, compare_posts(seed[seed["unit"].isin(["Lâm Hà", "Đạ Tẻh"])]))
    assert not called  # the merge map is not even read
