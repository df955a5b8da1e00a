"""Roll-ups along each unit's own hierarchy, on hand-made tables: a sum is a sum of the
units that have data, the others are named, and a unit's own figure is never added to
the units below it."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import staffing_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotlib.analysis.rollup import AGREES, DIFFERS, PARTIAL, lower_units, roll_up
from pilotlib.reference.unit_reference import unit_reference


@pytest.fixture(scope="module")
def reference():
    return unit_reference(None)


@pytest.fixture(scope="module")
def lam_ha(reference):
    """Lâm Hà (2024-11 district 676) and its communes in that list."""
    district = reference.find("2024-11", "district", "676")
    return lower_units(reference, district)


def _row(unit, posts, structure="old", vintage="2024-11"):
    return {"unit": unit, "code_vintage": vintage, "structure": structure, "posts": posts}


def _one(rolled, unit, structure="old"):
    rows = rolled[(rolled["unit"] == unit) & (rolled["structure"] == structure)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_lam_ha_has_its_16_communes_of_2024(lam_ha):
    assert len(lam_ha) == 16 and "Đinh Văn" in lam_ha and "Phi Tô" in lam_ha


def test_communes_roll_up_to_their_district_and_province_naming_the_missing(reference, lam_ha):
    staffing = staffing_rows([_row(lam_ha[0], 3), _row(lam_ha[1], 4), _row(lam_ha[2], 5)])
    rolled = roll_up(staffing, reference)
    district = _one(rolled, "Lâm Hà")
    assert district["level"] == "district" and district["posts"] == 12  # 3 + 4 + 5
    assert pd.isna(district["own_posts"]) and district["lower_units"] == 3 and district["lower_expected"] == 16
    assert list(district["missing"]) == lam_ha[3:]  # the 13 others, by name, in list order
    assert not district["complete"]
    province = _one(rolled, "Lâm Đồng")
    assert province["posts"] == 12 and province["lower_units"] == 1 and province["lower_expected"] == 12
    assert "Đà Lạt" in province["missing"] and "Lâm Hà" not in province["missing"]
    assert not province["complete"]


def test_a_units_own_figure_wins_and_is_only_checked_against_the_units_below(reference, lam_ha):
    rows = [_row(u, 2) for u in lam_ha[:4]]  # 8 posts in 4 of 16 communes
    rows += [_row("Lâm Hà", 20, vintage="2023"), _row("Đạ Tẻh", 21, vintage="2023")]
    rolled = roll_up(staffing_rows(rows), reference)
    district = _one(rolled, "Lâm Hà")
    assert district["posts"] == 20 and district["own_posts"] == 20 and district["lower_posts"] == 8
    assert district["check"] == PARTIAL and district["complete"]  # its own figure: complete
    province = _one(rolled, "Lâm Đồng")
    assert province["posts"] == 41  # 20 + 21: the communes' 8 are not added a second time


def test_own_figure_against_every_unit_below(reference, lam_ha):
    every = [_row(u, 1) for u in lam_ha]
    agrees = roll_up(staffing_rows(every + [_row("Lâm Hà", 16, vintage="2023")]), reference)
    assert _one(agrees, "Lâm Hà")["check"] == AGREES
    differs = roll_up(staffing_rows(every + [_row("Lâm Hà", 15, vintage="2023")]), reference)
    assert _one(differs, "Lâm Hà")["check"] == DIFFERS and _one(differs, "Lâm Hà")["posts"] == 15


def test_more_below_than_the_own_figure_differs_even_with_units_missing(reference, lam_ha):
    rows = [_row(lam_ha[0], 30), _row("Lâm Hà", 20, vintage="2023")]
    assert _one(roll_up(staffing_rows(rows), reference), "Lâm Hà")["check"] == DIFFERS


def test_after_2025_communes_roll_up_straight_to_their_province(reference):
    province = reference.find("2025-07", "province", "68")
    communes = lower_units(reference, province)
    assert len(communes) == 124  # the new Lâm Đồng, no districts
    rows = [_row(u, 10 + i, "pilot", "2025-07") for i, u in enumerate(communes[:5])]
    rolled = roll_up(staffing_rows(rows), reference)
    total = _one(rolled, "Lâm Đồng (2025)", "pilot")
    assert total["posts"] == sum(range(10, 15)) and total["lower_units"] == 5 and total["lower_expected"] == 124
    assert list(total["missing"]) == communes[5:]
    assert set(rolled["level"]) == {"commune", "province"}  # no district level after 2025-07


def test_structures_roll_up_separately(reference, lam_ha):
    rows = [_row(lam_ha[0], 3), _row(lam_ha[0], 2, "pilot"), _row(lam_ha[1], 4)]
    rolled = roll_up(staffing_rows(rows), reference)
    assert _one(rolled, "Lâm Hà", "old")["posts"] == 7 and _one(rolled, "Lâm Hà", "pilot")["posts"] == 2
    assert len(_one(rolled, "Lâm Hà", "pilot")["missing"]) == 15


def test_a_unit_the_reference_does_not_know_stays_where_it_is(reference):
    rows = [{"unit": "Đơn vị tự đặt", "code_vintage": "", "structure": "old", "posts": 5}]
    rolled = roll_up(staffing_rows(rows), reference)
    assert rolled["unit"].tolist() == ["Đơn vị tự đặt"] and rolled["level"].tolist() == [""]


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.dictionaries(st.integers(0, 15), st.integers(0, 500), min_size=1))
def test_a_districts_figure_is_the_sum_of_its_communes_with_data(posts_by_commune):
    """Any communes of Lâm Hà with any counts: the district's figure is their sum, the
    others are named, and it is complete only when none is missing."""
    reference = unit_reference(None)
    communes = lower_units(reference, reference.find("2024-11", "district", "676"))
    rows = [_row(communes[i], posts) for i, posts in posts_by_commune.items()]
    district = _one(roll_up(staffing_rows(rows), reference), "Lâm Hà")
    assert district["posts"] == sum(posts_by_commune.values())
    assert set(district["missing"]) == {communes[i] for i in range(16)} - {communes[i] for i in posts_by_commune}
    assert district["complete"] == (len(posts_by_commune) == 16)
