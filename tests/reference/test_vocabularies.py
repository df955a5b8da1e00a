"""Vocabularies (reference/vocab): every name column and alias matches, suggestions, the
body helpers, and what an analyst's extra units file may not do."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pilotlib.core import paths
from pilotlib.core.errors import DataError, TableValidationError, VocabularyError
from pilotlib.core.text import fold
from pilotlib.reference import vocab


def _extra_units(tmp_path, rows):
    columns = list(vocab.load_units_table().columns)
    frame = pd.DataFrame([{c: "" for c in columns} | row for row in rows])
    path = tmp_path / "more_units.csv"
    frame.to_csv(path, index=False)
    return path


def test_every_name_column_and_every_alias_matches():
    units = vocab.units()
    raw = pd.Series(["Lam Ha District", "Huyện Đạ Tẻh", "Đạ Tẻ",  # name_en, full_name_vi, alias
                     "Đạ Huoai mới", "Đạ Huoai sau sáp nhập",  # the two aliases of one cell
                     "Dalat"])
    assert units.match(raw).tolist() == ["Lâm Hà", "Đạ Tẻh", "Đạ Tẻh", "Đạ Huoai (2024)", "Đạ Huoai (2024)",
                                         "Đà Lạt"]
    bodies = vocab.bodies()
    assert bodies.match(pd.Series(["Farmers' Union", "MTTQVN", "Mặt trận Tổ quốc"])).tolist() == [
        "Hội Nông dân", "Ủy ban MTTQ", "Ủy ban MTTQ"]
    assert vocab.positions().match(pd.Series(["Vice-chair", "P.CT"])).tolist() == ["Phó Chủ tịch", "Phó Chủ tịch"]


def test_unmatched_values_stay_missing_and_codes_are_looked_up():
    units = vocab.units()
    matched = units.match(pd.Series(["Lâm Hà", "Lam Haa", None]))
    assert matched.iloc[0] == "Lâm Hà" and matched.iloc[1:].isna().all()
    assert units.lookup(pd.Series(["Lâm Hà", "Đạ Tẻh"]), "unit_code").tolist() == ["676", "682"]


def test_suggestion_is_the_closest_name_or_nothing():
    units = vocab.units()
    assert units.suggest("Lam Haa") == "Lâm Hà"
    assert units.suggest("Huyện Đa Teh") == "Đạ Tẻh"
    assert units.suggest("Hà Nội Mới Xa Lắm") is None


def test_body_labels_and_types():
    assert vocab.body_label(["Hội Nông dân", "Ban Kiểm tra"], "vi") == ["Hội Nông dân", "Ban Kiểm tra"]
    assert vocab.body_label(["Hội Nông dân", "Ban Kiểm tra", "Hội Chữ thập đỏ"], "en") == [
        "Farmers' Union", "Inspection Board", "Hội Chữ thập đỏ"]  # no English name: kept as written
    assert vocab.bodies_of_type("board") == ["Ban Tổng hợp", "Ban Tuyên truyền", "Ban Kiểm tra", "Ban Phong trào"]
    assert vocab.bodies_of_type("leadership") == ["Lãnh đạo khối"]


def test_default_members_are_old_organisations_marked_yes(tmp_path, monkeypatch):
    for name in ("bodies.csv", "units.csv", "positions.csv"):
        shutil.copy(paths.reference_dir() / name, tmp_path / name)
    bodies = pd.read_csv(tmp_path / "bodies.csv", dtype=str, keep_default_na=False)
    bodies.loc[bodies["body"] == "Liên đoàn Lao động", "default_member"] = ""  # not a member here
    bodies.loc[bodies["body"] == "Ban Kiểm tra", "default_member"] = "yes"  # pilot side: never a member
    bodies.to_csv(tmp_path / "bodies.csv", index=False)
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path)
    vocab._bundled_bodies.cache_clear()
    try:
        assert vocab.default_members() == ["Ủy ban MTTQ", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
                                           "Đoàn Thanh niên", "Hội Cựu chiến binh"]
    finally:
        vocab._bundled_bodies.cache_clear()


def test_clashes_are_all_named():
    table = pd.DataFrame({"body": ["A", "B", "C"], "aliases": ["x", "x|y", "y"]})
    with pytest.raises(VocabularyError) as caught:
        vocab.build("test", table, "body")
    assert str(caught.value).endswith("'x' → 'A' và/and 'B'; 'y' → 'B' và/and 'C'")
    assert str(caught.value).startswith("test: ")
    built = vocab.build("tiny", table.iloc[:1], "body")
    assert (built.name, built.keys) == ("tiny", {"a": "A", "x": "A"})


def test_extra_units_may_not_repeat_bundled_units(tmp_path):
    path = _extra_units(tmp_path, [{"unit": "Lâm Hà", "unit_code": "676", "code_vintage": "2023", "level": "district"},
                                   {"unit": "Đạ Tẻh", "unit_code": "682", "code_vintage": "2023", "level": "district"}])
    with pytest.raises(VocabularyError, match="unit listed twice: Lâm Hà, Đạ Tẻh$"):
        vocab.units(path)


def test_missing_extra_units_file_is_named(tmp_path):
    with pytest.raises(DataError, match=r"nowhere\.csv: không tồn tại / does not exist"):
        vocab.units(tmp_path / "nowhere.csv")


def test_invalid_extra_units_file_is_named(tmp_path):
    path = _extra_units(tmp_path, [{"unit": "Gia Nghĩa", "unit_code": "660", "code_vintage": "2023",
                                    "level": "galaxy"}])
    with pytest.raises(TableValidationError, match=r"more_units\.csv") as caught:
        vocab.units(path)
    assert "galaxy" in str(caught.value)


def test_extra_units_with_empty_cells_match_by_name(tmp_path):
    path = _extra_units(tmp_path, [{"unit": "Gia Nghĩa", "unit_code": "660", "code_vintage": "2023",
                                    "level": "district"}])
    units = vocab.units(path)
    assert units.match(pd.Series(["gia nghia"])).tolist() == ["Gia Nghĩa"]
    assert "" not in units.keys and fold("Gia Nghĩa") in units.keys


def test_extra_units_file_with_only_the_needed_columns(tmp_path):
    # No aliases, names or notes columns: the empty cells must not become names of their own.
    path = tmp_path / "few_columns.csv"
    pd.DataFrame([{"unit": "Gia Nghĩa", "unit_code": "660", "code_vintage": "2023", "level": "district"},
                  {"unit": "Krông Nô", "unit_code": "661", "code_vintage": "2023", "level": "district"}]
                 ).to_csv(path, index=False)
    units = vocab.units(path)
    assert units.match(pd.Series(["krong no", "Gia Nghia", "Lâm Hà"])).tolist() == ["Krông Nô", "Gia Nghĩa", "Lâm Hà"]
    table = units.table.set_index("unit")
    assert table.loc["Krông Nô", "aliases"] == "" and table.loc["Lâm Hà", "unit_code"] == "676"


def test_extra_units_match_by_their_other_names_and_clashes_name_the_vocabulary(tmp_path):
    path = _extra_units(tmp_path, [{"unit": "Gia Nghĩa", "full_name_vi": "Thị xã Gia Nghĩa cũ",
                                    "name_en": "Gia Nghia Town", "unit_code": "660", "code_vintage": "2023",
                                    "level": "district"}])
    units = vocab.units(path)
    assert units.match(pd.Series(["Gia Nghĩa cũ", "Gia Nghia Town"])).tolist() == ["Gia Nghĩa", "Gia Nghĩa"]
    clash = _extra_units(tmp_path, [{"unit": "Lâm Hà 2", "unit_code": "999", "code_vintage": "2025",
                                     "level": "district", "aliases": "Lam Ha"}])
    with pytest.raises(VocabularyError, match="^units: "):
        vocab.units(clash)


def test_tables_without_alias_or_name_columns_build(tmp_path):
    table = pd.DataFrame({"body": ["A", "B"]})
    built = vocab.build("t", table, "body", ("name_en",))
    assert built.keys == {"a": "A", "b": "B"}


def test_a_broken_bundled_units_table_is_named(tmp_path, monkeypatch):
    table = pd.read_csv(paths.reference_dir() / "units.csv", dtype=str, keep_default_na=False)
    table.loc[0, "level"] = "galaxy"
    table.to_csv(tmp_path / "units.csv", index=False)
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path)
    with pytest.raises(TableValidationError, match=r"\(data/reference/units\.csv\)"):
        vocab.load_units_table()
