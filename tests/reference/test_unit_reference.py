"""The unit reference: every unit of every list with one canonical name, the study's units
(bundled units.csv, --units) pinned onto the national entries, and the cache of its parsed form.

Expected names are written out: they are what tidy tables, charts and file names show.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from pilotlib.core.errors import VocabularyError
from pilotlib.core.text import fold_unit
from pilotlib.reference import unit_reference as module
from pilotlib.reference.unit_reference import NATIONAL, STUDY, unit_reference

REPO = Path(__file__).resolve().parents[2]
UNITS_COLUMNS = list(pd.read_csv(REPO / "data" / "reference" / "units.csv", nrows=0).columns)


@pytest.fixture(scope="module")
def reference():
    return unit_reference()


def entry(reference, list_id: str, level: str, code: str) -> pd.Series:
    table = reference.entries
    found = table[(table["list"] == list_id) & (table["level"] == level) & (table["code"] == code)]
    assert len(found) == 1, (list_id, level, code)
    return found.iloc[0]


def test_seed_units_keep_their_names_codes_and_vintages(reference):
    """The three pilot districts (and the merged Đạ Huoai) read exactly as before."""
    shown = {(r.list, r.code): (r.unit, r.code_vintage, r.tier) for r in reference.entries.itertuples()
             if r.level == "district" and r.province_code == "68" and r.list != "2025-07"}
    assert shown[("2024-11", "676")] == ("Lâm Hà", "2023", STUDY)
    assert shown[("2025-03", "676")] == ("Lâm Hà", "2023", STUDY)  # same unit, unchanged in the 2025-03 list
    assert shown[("2024-11", "681")] == ("Đạ Huoai", "2023", STUDY)
    assert shown[("2024-11", "682")] == ("Đạ Tẻh", "2023", STUDY)
    assert shown[("2025-03", "682")] == ("Đạ Huoai (2024)", "2025", STUDY)  # code 682 reused for the merger
    assert ("2025-03", "681") not in shown and ("2025-03", "683") not in shown  # merged away


def test_every_row_of_the_bundled_units_file_is_a_national_entry(reference):
    """units.csv is an overlay: each row names a national entry (code, level, list, name)."""
    study = reference.entries[reference.entries["tier"] == STUDY]
    bundled = pd.read_csv(REPO / "data" / "reference" / "units.csv", dtype=str, keep_default_na=False)
    assert set(study["unit"]) == set(bundled["unit"])  # no own (non-national) unit among them
    first = study.drop_duplicates("unit").set_index("unit")
    for row in bundled.itertuples():
        assert first.at[row.unit, "code"] == row.unit_code and first.at[row.unit, "level"] == row.level
        assert first.at[row.unit, "list"] == reference.list_for(row.code_vintage)


def test_canonical_names_are_unique_by_folded_key_and_one_per_unit(reference):
    entries = reference.entries
    per_group = entries.groupby("group")["unit"].nunique()
    assert (per_group == 1).all()
    names = entries.drop_duplicates("group")["unit"]
    assert len(names) == entries["group"].nunique() == 15262  # 25 388 entries, unchanged units counted once
    clashes = [k for k, n in Counter(map(fold_unit, names)).items() if n > 1]
    assert clashes == []


@pytest.mark.parametrize("list_id, level, code, name", [
    ("2024-11", "district", "821", "Châu Thành (Tiền Giang)"),  # a district name in ten provinces
    ("2024-11", "district", "001", "Ba Đình (Hà Nội)"),
    ("2025-07", "commune", "00004", "Ba Đình (Hà Nội, 2025)"),  # code of Phường Trúc Bạch before
    ("2024-11", "commune", "00004", "Trúc Bạch"),  # unique in every list: the bare name
    ("2025-07", "province", "68", "Lâm Đồng (2025)"),  # the merged province; "Lâm Đồng" is the old one
    ("2024-11", "commune", "25126", "Đạ Tẻh (Đạ Tẻh, Lâm Đồng)"),  # thị trấn, not the pilot district
    ("2025-03", "commune", "25126", "Đạ Tẻh (Đạ Huoai, Lâm Đồng)"),  # the same town in the merged district
    ("2025-07", "commune", "25126", "Đạ Tẻh (Lâm Đồng, 2025)"),  # same code, a commune after 2025-07
    ("2025-07", "commune", "25099", "Đạ Huoai (Lâm Đồng, 2025)"),  # "Đạ Huoai (Lâm Đồng)" would be district 681
    ("2024-11", "district", "760", "Quận 1 (Hồ Chí Minh)"),  # numbered units keep their type word
])
def test_names_are_qualified_only_as_far_as_needed(reference, list_id, level, code, name):
    assert entry(reference, list_id, level, code)["unit"] == name


def test_unchanged_units_share_their_entries_and_changed_ones_do_not(reference):
    assert entry(reference, "2024-11", "commune", "00004")["group"] == entry(reference, "2025-03", "commune",
                                                                              "00004")["group"]
    assert entry(reference, "2024-11", "district", "682")["group"] != entry(reference, "2025-03", "district",
                                                                             "682")["group"]
    assert entry(reference, "2025-07", "commune", "00004")["tier"] == NATIONAL


@pytest.mark.parametrize("written, list_id", [
    ("2024-11", "2024-11"), ("2025-03", "2025-03"), ("2025-07", "2025-07"),
    ("2023", "2024-11"),  # the bundled files' year: the list in force on 1 January 2023
    ("2019", "2024-11"),  # the oldest list bundled (its start is unknown)
    ("2025", "2025-03"),  # on 1 January 2025 the list after the December 2024 mergers
    ("2026", "2025-07"), ("2025-01", "2025-03"), ("2025-08", "2025-07"),
    ("abcd", ""), ("2025-13", ""),
])
def test_written_vintages_map_to_lists(reference, written, list_id):
    assert reference.list_for(written) == list_id


def _units_file(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "more_units.csv"
    pd.DataFrame([{c: "" for c in UNITS_COLUMNS} | row for row in rows]).to_csv(path, index=False)
    return path


def test_a_units_file_can_name_national_units_and_add_its_own(tmp_path):
    path = _units_file(tmp_path, [
        # Hà Nội's district 001: the file's name wins, the other Ba Đình units stay qualified
        {"unit": "Ba Đình", "unit_code": "1", "code_vintage": "2023", "level": "district", "parent_code": "01",
         "aliases": "Q. Ba Đình"},
        # code 900 is Hà Tiên (Kiên Giang) in that list: another name makes this the file's own unit
        {"unit": "Đảo Giấy", "unit_code": "900", "code_vintage": "2025", "level": "district"},
    ])
    reference = module.build(path)
    ba_dinh = entry(reference, "2024-11", "district", "001")
    assert (ba_dinh["unit"], ba_dinh["tier"], ba_dinh["code_vintage"]) == ("Ba Đình", STUDY, "2023")
    assert entry(reference, "2025-07", "commune", "00004")["unit"] == "Ba Đình (Hà Nội, 2025)"
    own = reference.entries[reference.entries["unit"] == "Đảo Giấy"]
    assert own[["list", "code", "tier"]].values.tolist() == [["2025-03", "900", STUDY]]
    national = reference.entries[(reference.entries["code"] == "900") & (reference.entries["tier"] == NATIONAL)]
    assert national["unit"].unique().tolist() == ["Hà Tiên (Kiên Giang)"]  # the national unit stays


def test_two_rows_of_a_units_file_for_one_unit_are_an_error(tmp_path):
    path = _units_file(tmp_path, [
        {"unit": "Quận Ba Đình", "unit_code": "001", "code_vintage": "2024-11", "level": "district"},
        {"unit": "Ba Đình cũ", "unit_code": "001", "code_vintage": "2023", "level": "district",
         "aliases": "Ba Đình"},
    ])
    with pytest.raises(VocabularyError, match="Quận Ba Đình.*Ba Đình cũ"):
        module.build(path)


def test_the_parsed_reference_is_cached_by_the_hash_of_its_inputs(tmp_path, monkeypatch):
    monkeypatch.setenv("PILOTLIB_CACHE", str(tmp_path / "cache"))
    first = module.load()
    cached = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len(cached) == 2 and cached[0].endswith(".details.pickle")  # matching data, and the details
    monkeypatch.setattr(module, "build", lambda extra=None: pytest.fail("rebuilt although cached"))
    again = module.load()
    assert again.entries.equals(first.entries) and again.by_key == first.by_key
    path = _units_file(tmp_path, [{"unit": "Đảo Giấy", "unit_code": "99999", "code_vintage": "2025",
                                   "level": "district"}])
    monkeypatch.undo()
    monkeypatch.setenv("PILOTLIB_CACHE", str(tmp_path / "cache"))
    module.load(path)
    assert len(list((tmp_path / "cache").iterdir())) == 4  # another input, other files


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PILOTLIB_CACHE", str(blocker / "cache"))
    assert len(module.load().entries) == 25388


def test_describe_names_the_unit_its_place_and_time(reference):
    position = int(entry(reference, "2024-11", "commune", "25126").name)
    assert reference.describe(position, "vi") == "Thị trấn Đạ Tẻh (Huyện Đạ Tẻh, Tỉnh Lâm Đồng), đến 2024-11-30"
    assert reference.describe(position, "en") == "Thị trấn Đạ Tẻh in Huyện Đạ Tẻh, Tỉnh Lâm Đồng, until 2024-11-30"


def test_what_the_comparison_across_a_boundary_change_builds_on(reference):
    """Stage two reads units by canonical name and the merge map by entry."""
    assert [reference.list_of[i] for i in reference.of("Lâm Hà")] == ["2024-11", "2025-03"]
    assert reference.of("Đạ Huoai (2024)") == [int(entry(reference, "2025-03", "district", "682").name)]
    assert reference.of("Lam Ha") == []  # canonical names only
    lam_ha = reference.of("Lâm Hà")[0]
    assert reference.unit_of[reference.province_of[lam_ha]] == "Lâm Đồng" and reference.district_of[lam_ha] == -1
    links = reference.merge_links()
    assert len(links) == 10667 and set(links["link"]) == {"full", "partial"}
    # the codes NOTICE.md lists as missing from their list: 12 old codes, 06970 (5 links) and 23737
    assert (links["old_entry"] == -1).sum() == 12 and (links["new_entry"] == -1).sum() == 6
    one = links[links["new_unit"] == "Đạ Huoai (Lâm Đồng, 2025)"]  # commune 25099 of the 2025-07 list
    assert one[["old_unit", "old_code", "link"]].values.tolist() == [  # the 2025-03 units it was formed from
        ["Ma Đa Guôi (thị trấn, Đạ Huoai, Lâm Đồng, 2024)", "25099", "full"],  # the same code, reused
        ["Đạ Oai (Đạ Huoai, Lâm Đồng, 2024)", "25111", "full"],
        ["Ma Đa Guôi (xã, Đạ Huoai, Lâm Đồng, 2024)", "25117", "full"]]
