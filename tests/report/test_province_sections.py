"""The province overview's blocks, without a kernel: every number in its sentences read
from its tables, the mapping and its caveat said, the seed districts compared with
themselves."""
from __future__ import annotations

import re

import pytest

from pilotlib.analysis.area import province_area
from pilotlib.analysis.area_comparison import compare_area
from pilotlib.core import paths
from pilotlib.data.load import load_dataset
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.report import province
from pilotlib.report.model import Figure, Paragraph, Table

EXAMPLE_2025 = paths.bundled_data_dir() / "example-2025"


@pytest.fixture(scope="module")
def across():
    data = load_dataset(EXAMPLE_2025)
    reference = unit_reference(None)
    return data, compare_area(data.staffing, province_area(reference, "Lâm Đồng"), reference)


@pytest.fixture(scope="module")
def shown(across, tmp_path_factory):
    """The overview's blocks in each language (drawn once; figures closed)."""
    import matplotlib.pyplot as plt

    data, comparison = across
    folder = tmp_path_factory.mktemp("overview")
    blocks = {lang: province.overview(data, comparison, lang, folder / lang) for lang in ("vi", "en")}
    plt.close("all")
    return blocks, folder


def _texts(blocks):
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def _table(blocks, name):
    return next(b for b in blocks if isinstance(b, Table) and b.name == name)


def test_the_overview_says_what_its_table_holds(shown):
    blocks, folder = shown[0]["en"], shown[1] / "en"
    table = _table(blocks, "area")
    rows = [dict(zip(table.columns, row)) for row in table.rows]
    complete = [r for r in rows if r["complete"] == "yes"]
    before, after = sum(r["posts_before"] for r in complete), sum(r["posts_after"] for r in complete)
    said = " ".join(_texts(blocks))
    assert said.startswith("Illustrative data, not real figures")
    assert f"the data hold {len(rows)} lower units; {len(complete)} have complete figures" in said
    assert f"{before:,} posts before, {after:,} after, a change of {after - before:,}" in said
    cuts = [r for r in rows if r["highlight"] == "Largest cut"]
    assert [r["rank"] for r in cuts] == [1, 2, 3]
    assert f"Largest cuts: {cuts[0]['unit']} ({cuts[0]['change']})" in said
    increases = [r for r in rows if r["highlight"] == "Largest increase"]
    biggest = max(increases, key=lambda r: r["change"])
    assert f"Largest increases: {biggest['unit']} (+{biggest['change']})" in said  # the largest first
    incomplete = [r for r in rows if r["complete"] == "no"]
    assert all(r["rank"] is None and r["change"] is None for r in incomplete)  # not ranked, no change
    assert f"{len(incomplete)} units without complete figures are not ranked" in said
    figure = next(b for b in blocks if isinstance(b, Figure))
    assert (folder / figure.files["png"]).is_file() and figure.provenance == "illustrative"
    assert (folder / "area.csv").is_file()


def test_remarks_name_the_split_and_missing_old_units(across, shown):
    staffing = across[0].staffing
    table = _table(shown[0]["vi"], "area")
    rows = {row[1]: dict(zip(table.columns, row)) for row in table.rows}
    split = int(staffing.loc[staffing["unit"] == "Phong Phú (Tuy Phong, Bình Thuận)", "posts"].sum())
    assert rows["Tuy Phong (Lâm Đồng)"]["remarks"] == f"bị chia tách (không cộng): Phong Phú (Tuy Phong, Bình Thuận): {split}"
    assert rows["Vĩnh Hảo (Lâm Đồng)"]["remarks"] == "chưa có số liệu: Vĩnh Hảo (Tuy Phong, Bình Thuận)"
    assert rows["Tiến Thành (Lâm Đồng)"]["remarks"] == "chưa có số liệu sau"
    assert rows["Cát Tiên (Lâm Đồng, 2025)"]["complete"] == "có"
    assert "25174" in rows["Cát Tiên (Lâm Đồng, 2025)"]["remarks"]


def test_the_method_names_the_mapping_the_lists_and_the_caveat(across):
    _, comparison = across
    said = " ".join(_texts(province.method(comparison, "en")))
    assert "Before is recorded in units of the 2025-03 list, after in units of the 2025-07 list" in said
    assert "by the merge map merges-2025-07.csv.gz (335 links used, 4 of them partial)" in said
    assert "a cited source, not the law" in said
    assert re.search(r"4 new units have an old unit that was split", said)
    assert "12 old units have no data" in said
    assert "4 codes of the merge map are not in the 2025-03 list" in said


def test_the_rollup_names_the_new_communes_without_data(across):
    data, comparison = across
    blocks = province.rollup(data, comparison, "en")
    table = _table(blocks, "rollup")
    rows = [dict(zip(table.columns, row)) for row in table.rows]
    new = next(r for r in rows if r["unit"] == "Lâm Đồng (2025)")
    assert new["lower_coverage"] == "122 of 124" and new["missing"] == "Tiến Thành (Lâm Đồng), Đắk Mil (Lâm Đồng)"
    assert new["complete"] == "no"
    assert any("cannot be compared yet" in t for t in _texts(blocks))


def test_the_seed_districts_need_no_merge_map():
    data = load_dataset()
    reference = unit_reference(None)
    comparison = compare_area(data.staffing, province_area(reference, "Lâm Đồng"), reference)
    assert _texts(province.method(comparison, "en")) == [
        "Each unit is compared with itself (the same unit before and after); no merge map is used."]
    figures = province.key_figures(comparison)
    assert figures["posts_old"] == figures["posts_pilot"] == 64 and figures["change"] == 0
    assert figures["mapping"] is None and figures["largest_cuts"] == [] and figures["largest_increases"] == []
    assert province.unit_constituents(data, ["Lâm Hà"], "vi") == []  # unit reports stay as they were


def test_a_new_communes_unit_report_lists_its_old_communes(across):
    data, _ = across
    blocks = province.unit_constituents(data, ["Tuy Phong (Lâm Đồng)"], "en")
    table = _table(blocks, "constituents")
    assert [row[1] for row in table.rows] == ["Phan Dũng", "Phong Phú (Tuy Phong, Bình Thuận)"]
    assert [row[6] for row in table.rows] == ["added to before", "split: shown, not added"]


def test_table_titles_fit_an_excel_sheet_name():
    from pilotlib.core.i18n import label

    for key in ("table_area", "table_rollup", "table_constituents"):
        assert all(len(label(key, lang)) <= 31 for lang in ("vi", "en")), key
