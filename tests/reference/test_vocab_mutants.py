"""reference/vocab where mutation testing found it unchecked: an analyst's own bodies or
positions file (missing, invalid, changing a bundled entry, lacking a column) and the
vocabulary table it gives. Expected values written out by hand from data/reference."""
from __future__ import annotations

import pandas as pd
import pytest

from pilotlib.core.errors import DataError, TableValidationError, VocabularyError
from pilotlib.reference import vocab

POSITIONS = "position,position_group,name_en,aliases\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_own_bodies_file_is_named(tmp_path):
    path = tmp_path / "nowhere.csv"
    with pytest.raises(DataError) as caught:
        vocab.bodies(path)
    assert str(caught.value) == f"{path}: không tồn tại / does not exist"


def test_an_invalid_own_bodies_file_is_named(tmp_path):
    path = _write(tmp_path, "our_bodies.csv", "body,side,body_type,name_en,default_member,aliases\n"
                                              "Ban Dân vận,pilot,galaxy,,,\n")  # no such body type
    with pytest.raises(TableValidationError) as caught:
        vocab.bodies(path)
    assert f"({path})" in str(caught.value) and "galaxy" in str(caught.value)


def test_a_bundled_position_given_another_group_is_an_error(tmp_path):
    # Only position_group differs from the bundled line "Chủ tịch,leadership,Chair,CT".
    path = _write(tmp_path, "our_positions.csv", POSITIONS + "Chủ tịch,specialist,Chair,CT\n")
    with pytest.raises(VocabularyError, match="Chủ tịch$"):
        vocab.positions(path)


def test_every_changed_bundled_position_is_named(tmp_path):
    path = _write(tmp_path, "our_positions.csv", POSITIONS + "Chủ tịch,leadership,President,CT\n"
                                                             "Lái xe,support,Driver,Tài xế|Lái xe cơ quan\n"  # as bundled
                                                             "Kế toán,support,Bookkeeper,Kế toán viên\n")
    with pytest.raises(VocabularyError) as caught:
        vocab.positions(path)
    assert str(caught.value).endswith("positions.csv with other values: Chủ tịch, Kế toán")


def test_a_bundled_position_listed_with_empty_cells_keeps_its_bundled_values(tmp_path):
    # An analyst lists every position of their data, bundled ones with the name and group
    # only: the empty English name and aliases mean "as bundled", not "changed" or "none".
    path = _write(tmp_path, "our_positions.csv", POSITIONS + "Chủ tịch,leadership,,\n"
                                                             "Kế toán,support,,\n"  # (a group is required)
                                                             "Trưởng nhóm,specialist,Team leader,TN\n")
    positions = vocab.positions(path)
    assert positions.table["position"].tolist().count("Chủ tịch") == 1  # added once, not twice
    assert positions.match(pd.Series(["CT", "Chair", "TN", "Kế toán"])).tolist() == [
        "Chủ tịch", "Chủ tịch", "Trưởng nhóm", "Kế toán"]  # bundled aliases and English name kept
    assert positions.lookup(pd.Series(["Chủ tịch", "Kế toán"]), "position_group").tolist() == [
        "leadership", "support"]


def test_an_own_bodies_file_without_notes_adds_rows_with_empty_notes(tmp_path):
    # bodies.csv has 12 bodies and a notes column; the analyst's file has no notes column.
    path = _write(tmp_path, "our_bodies.csv", "body,side,body_type,name_en,default_member,aliases\n"
                                              "Hội Nông dân,old,organisation,Farmers' Union,yes,HND|Hội ND|Nông dân\n"
                                              "Ban Dân vận,pilot,board,Mass Mobilisation Board,,Dân vận\n")
    bodies = vocab.bodies(path)
    table = bodies.table
    assert list(table.index) == list(range(13))  # numbered afresh, not 0…11 then 0
    assert table["body"].tolist()[-2:] == ["Văn phòng", "Ban Dân vận"]  # the repeated line adds nothing
    assert table.loc[12, "notes"] == ""  # a column the file lacks is empty, not missing
    assert table["notes"].isna().sum() == 0
    assert bodies.match(pd.Series(["Dân vận", "Mass Mobilisation Board"])).tolist() == ["Ban Dân vận"] * 2


def test_an_own_position_matches_by_its_names_and_clashes_name_the_vocabulary(tmp_path):
    path = _write(tmp_path, "our_positions.csv", POSITIONS + "Trưởng nhóm,specialist,Team leader,TN\n")
    positions = vocab.positions(path)
    assert positions.match(pd.Series(["Team leader", "truong nhom", "TN", "P.CT"])).tolist() == [
        "Trưởng nhóm", "Trưởng nhóm", "Trưởng nhóm", "Phó Chủ tịch"]
    clash = _write(tmp_path, "clash.csv", POSITIONS + "Trưởng nhóm,specialist,Team leader,CT\n")  # CT: Chủ tịch
    with pytest.raises(VocabularyError) as caught:
        vocab.positions(clash)
    assert str(caught.value).startswith("positions: ")
    assert str(caught.value).endswith("'CT' → 'Chủ tịch' và/and 'Trưởng nhóm'")


def test_a_clash_in_an_own_bodies_file_names_the_vocabulary(tmp_path):
    path = _write(tmp_path, "our_bodies.csv", "body,side,body_type,name_en,default_member,aliases\n"
                                              "Ban Dân vận,pilot,board,,,HND\n")  # HND: Hội Nông dân
    with pytest.raises(VocabularyError) as caught:
        vocab.bodies(path)
    assert str(caught.value).startswith("bodies: ")
    assert str(caught.value).endswith("'HND' → 'Hội Nông dân' và/and 'Ban Dân vận'")


def test_vocabularies_record_the_files_they_were_read_with(tmp_path):
    bodies_path = _write(tmp_path, "our_bodies.csv", "body,side,body_type,name_en,default_member,aliases\n"
                                                     "Ban Dân vận,pilot,board,,,\n")
    positions_path = _write(tmp_path, "our_positions.csv", POSITIONS + "Trưởng nhóm,specialist,,\n")
    both = vocab.vocabularies(str(bodies_path), str(positions_path))
    assert (both.bodies_file, both.positions_file) == (bodies_path, positions_path)
    assert both.bodies.table["body"].iloc[-1] == "Ban Dân vận"
    assert both.positions.table["position"].iloc[-1] == "Trưởng nhóm"
    only_positions = vocab.vocabularies(None, positions_path)
    assert (only_positions.bodies_file, only_positions.positions_file) == (None, positions_path)
    assert only_positions.bodies.table["body"].iloc[-1] == "Văn phòng"  # the bundled last body
    bundled = vocab.vocabularies()
    assert (bundled.bodies_file, bundled.positions_file) == (None, None)
    assert bundled.positions.table["position"].iloc[-1] == "Tạp vụ"


def test_units_with_an_extra_file_are_numbered_afresh(tmp_path):
    columns = list(vocab.load_units_table().columns)
    path = tmp_path / "more_units.csv"
    pd.DataFrame([{c: "" for c in columns} | {"unit": "Gia Nghĩa", "unit_code": "660", "code_vintage": "2023",
                                              "level": "district"}]).to_csv(path, index=False)
    table = vocab.load_units_table(path)
    assert list(table.index) == list(range(len(table)))  # not the bundled rows' numbers, then 0 again
    assert table["unit"].iloc[-1] == "Gia Nghĩa"
