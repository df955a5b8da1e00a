"""A province as an area, and its overview's figures, on hand-made tables."""
from __future__ import annotations

import pytest
from conftest import staffing_rows

from pilotlib.analysis.area import area_units, first_province, province_area
from pilotlib.analysis.area_comparison import compare_area
from pilotlib.analysis.ranking import CUT, INCREASE
from pilotlib.core.errors import DataError
from pilotlib.data.load import load_dataset
from pilotlib.reference.unit_reference import unit_reference


@pytest.fixture(scope="module")
def reference():
    return unit_reference(None)


@pytest.mark.parametrize("name", ["Lâm Đồng", "lam dong", "Tỉnh Lâm Đồng", "Lâm Đồng (2025)"])
def test_a_province_is_one_place_across_the_lists(reference, name):
    area = province_area(reference, name)
    assert area.name == "Lâm Đồng" and area.units == ("Lâm Đồng", "Lâm Đồng (2025)")
    assert [reference.list_of[e] for e in sorted(area.entries)] == ["2024-11", "2025-03", "2025-07"]


@pytest.mark.parametrize("name, said", [("Lâm Đồngg", "có phải 'Lâm Đồng'"), ("", "no province given")])
def test_an_unknown_province_is_a_data_error_naming_it(reference, name, said):
    with pytest.raises(DataError, match=said) as caught:
        province_area(reference, name)
    assert caught.value.exit_status == 2


def test_the_seed_districts_lie_in_lam_dong_and_nowhere_else(reference):
    staffing = load_dataset().staffing
    assert area_units(staffing, province_area(reference, "Lâm Đồng"), reference) == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]
    assert area_units(staffing, province_area(reference, "Lạng Sơn"), reference) == []
    assert first_province(staffing, reference) == "Lâm Đồng"


def _old(unit, posts):
    return {"unit": unit, "code_vintage": "2025-03", "structure": "old", "posts": posts}


def _new(unit, posts):
    return {"unit": unit, "code_vintage": "2025-07", "structure": "pilot", "posts": posts}


@pytest.fixture(scope="module")
def across(reference):
    """Three new communes of the new Lâm Đồng: a cut (Quảng Tín: 26 → 12), an increase
    (Cát Tiên: 12 → 15; its three stale codes noted), and one with a split old commune
    (Tuy Phong); an old Đắk Nông commune outside the province is a constituent."""
    rows = [_old(u, p) for u, p in (("Quảng Tín (Đắk R'Lấp, Đắk Nông)", 7), ("Đắk Sin", 5),
                                    ("Hưng Bình (Đắk R'Lấp, Đắk Nông)", 9), ("Đắk Ru", 5),
                                    ("Cát Tiên (Đạ Huoai, Lâm Đồng)", 4), ("Nam Ninh (Đạ Huoai, Lâm Đồng)", 4),
                                    ("Quảng Ngãi (Đạ Huoai, Lâm Đồng)", 4), ("Phan Dũng", 6),
                                    ("Phong Phú (Tuy Phong, Bình Thuận)", 11))]
    rows += [_new("Quảng Tín (Lâm Đồng)", 12), _new("Cát Tiên (Lâm Đồng, 2025)", 15), _new("Tuy Phong (Lâm Đồng)", 13)]
    staffing = staffing_rows(rows)
    return compare_area(staffing, province_area(reference, "Lâm Đồng"), reference, top=1)


def test_the_overview_ranks_the_new_communes_cuts_first(across):
    ranked = across.ranked
    assert ranked["unit"].tolist() == ["Quảng Tín (Lâm Đồng)", "Cát Tiên (Lâm Đồng, 2025)", "Tuy Phong (Lâm Đồng)",
                                       "Phan Rí Cửa (Lâm Đồng)"]  # Phan Rí Cửa: only its split commune has data
    assert ranked["rank"].tolist()[:2] == [1, 2] and ranked["rank"].isna().tolist()[2:] == [True, True]
    assert ranked["highlight"].tolist()[:2] == [CUT, INCREASE]
    assert ranked["change"].tolist()[:2] == [-14, 3]


def test_the_whole_province_is_compared_on_rolled_up_figures(across):
    whole = across.whole.table.iloc[0]
    assert whole["unit"] == "Lâm Đồng (2025)" and whole["posts_pilot"] == 12 + 15 + 13
    assert whole["posts_old"] == 7 + 5 + 9 + 5 + 4 + 4 + 4 + 6 + 11  # every old commune, the split one too
    assert not whole["complete"]  # hundreds of old and new communes have no data
    rolled = across.rolled
    new = rolled[(rolled["unit"] == "Lâm Đồng (2025)") & (rolled["structure"] == "pilot")].iloc[0]
    assert new["lower_units"] == 3 and new["lower_expected"] == 124 and len(new["missing"]) == 121
    assert {"Lâm Đồng", "Đắk Nông", "Bình Thuận"} <= set(rolled.loc[rolled["level"] == "province", "unit"])
