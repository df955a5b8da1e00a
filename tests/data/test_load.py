"""Loading the bundled data and an analyst's folder; recognising tables by header."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from conftest import staffing_rows, write_csv

from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.data.load import load_dataset, recognise
from pilotlib.reference.schema import ISSUES_COLUMNS, STAFFING_COLUMNS


def test_bundled_staffing_is_typed_and_cited():
    data = load_dataset()
    staffing = data.staffing
    assert list(staffing.columns) == STAFFING_COLUMNS
    assert staffing["posts"].dtype.kind == "i"
    assert data.units() == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]
    assert set(staffing["provenance"]) == {"source"}
    assert set(staffing["source_row"]) == {"4"}  # ¶4 of the article gives the figures
    # Codes stay text (leading zeros must survive other files) and carry their vintage.
    assert staffing.set_index(["unit", "structure"]).loc[("Lâm Hà", "pilot"), "unit_code"] == "676"
    assert set(staffing["code_vintage"]) == {"2023"}


def test_bundled_text_is_nfc():
    data = load_dataset()
    for name, table in data.tables.items():
        for column in table.select_dtypes(exclude="number").columns:
            for value in table[column].astype(str):
                assert unicodedata.is_normalized("NFC", value), (name, column, value)


def test_data_dir_resolution_order(monkeypatch, tmp_path):
    assert paths.data_dir() == paths.bundled_data_dir()
    monkeypatch.setenv("PILOTLIB_DATA", str(tmp_path))
    assert paths.data_dir() == tmp_path.resolve()
    assert paths.data_dir(tmp_path / "x") == (tmp_path / "x").resolve()  # argument wins


def test_single_staffing_file_without_issues(tmp_path):
    file = write_csv(tmp_path, "my table.csv", staffing_rows([  # units must be canonical names now
        {"unit": "Lâm Hà", "structure": "old", "posts": 5},
        {"unit": "Lâm Hà", "structure": "pilot", "posts": 4},
    ]))
    data = load_dataset(file)
    assert data.staffing["posts"].tolist() == [5, 4]
    assert data.issues.empty and list(data.issues.columns) == ISSUES_COLUMNS
    assert list(data.input_hashes()) == ["my table.csv"]


def test_unrecognised_file_is_an_error_naming_it(tmp_path):
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "A", "structure": "old"}]))
    write_csv(tmp_path, "notes.csv", pd.DataFrame({"ghi chú": ["x"]}))
    with pytest.raises(DataError, match="notes.csv"):
        load_dataset(tmp_path)


def test_invalid_values_are_all_listed(tmp_path):
    """Bad values in a tidy file are rejected row by row (as in a raw file), all listed."""
    file = write_csv(tmp_path, "bad.csv", staffing_rows([
        {"unit": "Lâm Hà", "structure": "new", "posts": 3},       # unknown structure
        {"unit": "Đạ Tẻh", "structure": "old", "posts": -1},      # negative posts
        {"unit": "", "structure": "old", "posts": 2},             # empty unit
        {"unit": "Đạ Huoai", "structure": "old", "posts": 7},     # fine: kept
    ]))
    data = load_dataset(file)
    rejects = data.rejects
    assert set(rejects["source_file"]) == {"bad.csv"} and len(rejects) == 3
    assert rejects[["source_row", "column", "value"]].values.tolist() == [
        ["2", "structure", "new"], ["3", "posts", "-1"], ["4", "unit", ""]]
    assert data.staffing[["unit", "posts"]].values.tolist() == [["Đạ Huoai", 7]]


def test_recognise_by_header():
    assert recognise(STAFFING_COLUMNS + ["extra"]) == "staffing"
    assert recognise(ISSUES_COLUMNS) == "issues"
    assert recognise(["unit", "posts"]) is None


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_dataset(tmp_path / "nope")


def test_raw_workbook_is_normalised_on_load(tmp_path):
    from pilotlib.data.example import demo_workbook

    data = load_dataset(demo_workbook(tmp_path))  # a filled template with two bad rows
    assert data.normalised == [tmp_path / "vi_du_minh_hoa.xlsx"]
    assert len(data.staffing) == 98 and set(data.staffing["provenance"]) == {"analyst"}
    assert len(data.rejects) == 2  # misspelt unit, negative count
    assert data.issues.empty


def test_raw_file_that_is_no_table_names_itself(tmp_path):
    (tmp_path / "ghi chu.csv").write_text("Ngày,Nội dung cuộc họp\n1/1,Họp\n", encoding="utf-8")
    with pytest.raises(DataError, match="ghi chu.csv"):
        load_dataset(tmp_path / "ghi chu.csv")


# ---- tidy files are checked row by row against the vocabularies -------------------------

EXTRA_UNITS = Path(__file__).resolve().parents[1] / "fixtures" / "staffing" / "units_extra.csv"


def _extracted(tmp_path: Path) -> Path:
    """`pilotlib extract` output for a report with one clean figure and one requested change."""
    from pilotlib.cli import main

    report = tmp_path / "bao_cao.txt"
    report.write_text("Sau thí điểm, huyện Lâm Hà có 20 biên chế.\n"
                      "Kiến nghị: Trung ương sớm ban hành hướng dẫn; bổ sung 2 biên chế kế toán cho Lâm Hà.\n",
                      encoding="utf-8")
    assert main(["extract", str(report), "-o", str(tmp_path / "ext")]) == 1  # the request is flagged
    return tmp_path / "ext"


def test_flagged_rows_of_an_extracted_table_are_rejected_not_counted(tmp_path):
    folder = _extracted(tmp_path)
    data = load_dataset(folder / "staffing.csv")
    assert data.staffing.groupby("unit")["posts"].sum().to_dict() == {"Lâm Hà": 20}  # not 22
    assert "flag" not in data.staffing.columns
    rejected = data.rejects.set_index("column").loc["flag"]
    assert rejected["source_file"] == "staffing.csv" and rejected["source_row"] == "3"  # line 3 of the CSV
    assert rejected["reason"].startswith("dòng được đánh dấu cần kiểm tra: số chỉ mức tăng, giảm hay đề nghị")
    assert data.rejected == 1


def test_folder_written_by_extract_loads_with_boards_and_flagged_rows_rejected(tmp_path):
    data = load_dataset(_extracted(tmp_path))
    assert list(data.tables) == ["boards", "issues", "staffing"]
    assert data.staffing["posts"].tolist() == [20]
    # The first recommendation names no unit while its sentence does: flagged, so rejected.
    assert data.issues["text"].tolist() == ["bổ sung 2 biên chế kế toán cho Lâm Hà"]
    assert sorted(data.rejects["source_file"]) == ["issues.csv", "staffing.csv"]


def _tidy_staffing(tmp_path: Path, rows: list[dict], name: str = "staffing.csv") -> Path:
    return write_csv(tmp_path, name, staffing_rows(rows))


def test_tidy_rows_must_use_canonical_names_and_consistent_values(tmp_path):
    file = _tidy_staffing(tmp_path, [
        {"unit": "Lâm Hà", "structure": "old", "body": "Ủy ban MTTQ", "position": "Chủ tịch",
         "position_group": "leadership", "posts": 1},                                  # line 2: kept
        {"unit": "Huyện Lâm Hà", "structure": "old", "posts": 2},                      # 3: not canonical
        {"unit": "Lâm Hà", "structure": "old", "body": "UBMTTQ", "posts": 1},          # 4: alias of a body
        {"unit": "Lâm Hà", "structure": "old", "position": "CT", "position_group": "leadership", "posts": 1},
        {"unit": "Lâm Hà", "structure": "pilot", "position": "Kế toán", "position_group": "leadership",
         "posts": 1},                                                                   # 6: wrong group
        {"unit": "Lâm Hà", "structure": "pilot", "posts": -3},                          # 7: negative
        {"unit": "Atlantis", "structure": "pilot", "posts": 4},                         # 8: unknown unit
        {"unit": "Lâm Hà", "structure": "pilot", "body": "Ban Tổng hợp", "position": "Kế toán",
         "position_group": "support", "posts": 1},                                      # 9: kept
    ])
    data = load_dataset(file)
    assert data.staffing[["unit", "body", "position", "posts"]].values.tolist() == [
        ["Lâm Hà", "Ủy ban MTTQ", "Chủ tịch", 1], ["Lâm Hà", "Ban Tổng hợp", "Kế toán", 1]]
    assert data.units() == ["Lâm Hà"]  # "Huyện Lâm Hà" did not become a second unit
    reasons = dict(zip(data.rejects["source_row"], data.rejects["reason"]))
    columns = dict(zip(data.rejects["source_row"], data.rejects["column"]))
    assert list(reasons) == ["3", "4", "5", "6", "7", "8"]
    assert reasons["3"] == "bảng chuẩn cần tên chuẩn trong danh mục, không phải 'Huyện Lâm Hà' — có phải 'Lâm Hà'?"
    assert columns["4"] == "body" and reasons["4"].endswith("có phải 'Ủy ban MTTQ'?")
    assert columns["5"] == "position" and reasons["5"].endswith("có phải 'Chủ tịch'?")
    assert columns["6"] == "position_group"
    assert reasons["6"] == "nhóm 'leadership' không khớp chức danh 'Kế toán' (nhóm support)"
    assert reasons["7"] == "số biên chế âm: '-3'"
    assert reasons["8"].startswith("không có đơn vị 'Atlantis' trong danh mục")
    assert set(data.rejects["sheet"]) == {""} and set(data.rejects["source_file"]) == {"staffing.csv"}
    assert data.rejects["reason_key"].tolist() == [
        "not_canonical", "not_canonical", "not_canonical", "group_mismatch", "negative", "unknown_unit"]


def test_tidy_reasons_follow_lang(tmp_path):
    file = _tidy_staffing(tmp_path, [{"unit": "Huyện Lâm Hà", "structure": "later", "posts": "2,5"}])
    reason = load_dataset(file, lang="en").rejects["reason"].iloc[0]
    assert reason == ("a tidy table needs the canonical name, not 'Huyện Lâm Hà' — did you mean 'Lâm Hà'?; "
                      "structure 'later' is not 'old' or 'pilot'; "
                      "not a whole number: '2,5' (the comma is the decimal mark: '21,0' = 21)")


def test_tidy_issue_rows_are_checked_too(tmp_path):
    frame = pd.DataFrame([
        {"unit": "", "kind": "difficulty", "category": "funding", "text": "Kinh phí thiếu."},   # kept
        {"unit": "Lam Ha", "kind": "difficulty", "category": "funding", "text": "Trụ sở chật."},
        {"unit": "Lâm Hà", "kind": "khó khăn", "category": "money", "text": "X"},
        {"unit": "Lâm Hà", "kind": "advantage", "category": "other", "text": " "},
    ]).assign(provenance="analyst", source_file="f", source_row="1")
    write_csv(tmp_path, "issues.csv", frame)
    _tidy_staffing(tmp_path, [{"unit": "Lâm Hà", "structure": "old", "posts": 1}])
    data = load_dataset(tmp_path)
    assert data.issues["text"].tolist() == ["Kinh phí thiếu."]
    assert data.rejects[["source_file", "source_row", "column"]].values.tolist() == [
        ["issues.csv", "3", "unit"], ["issues.csv", "4", "kind; category"], ["issues.csv", "5", "text"]]
    assert "có phải 'Lâm Hà'?" in data.rejects["reason"].iloc[0]


@pytest.mark.parametrize("folder", ["", "example"], ids=["bundled", "example"])
def test_bundled_data_has_no_rejects(folder):
    data = load_dataset(paths.bundled_data_dir() / folder)
    assert data.rejected == 0 and data.warnings == []


def test_units_file_is_used_for_tidy_rows_and_raw_files(tmp_path):
    file = _tidy_staffing(tmp_path, [{"unit": "Ba Đình", "structure": "old", "posts": 3}])
    # Without the file, "Ba Đình" is no canonical name: the national lists hold six units
    # of that name (a district and communes, before and after 2025-07), all listed.
    without = load_dataset(file).rejects
    assert without["reason_key"].tolist() == ["not_canonical"]
    assert "'Ba Đình (Hà Nội)'" in without["reason"].iloc[0] and "'Ba Đình (Hà Nội, 2025)'" in without["reason"].iloc[0]
    data = load_dataset(file, units_file=EXTRA_UNITS)
    assert data.staffing["unit"].tolist() == ["Ba Đình"] and data.rejected == 0
    assert data.table("units")["unit"].tolist() == pd.read_csv(EXTRA_UNITS)["unit"].tolist()
    assert "units:units_extra.csv" in data.files  # hashed with the inputs


def test_tidy_copy_carries_the_units_file(tmp_path):
    """What report kernels read: the checked rows and the units they were checked against."""
    file = _tidy_staffing(tmp_path, [{"unit": "Ba Đình", "structure": "old", "posts": 3},
                                     {"unit": "Atlantis", "structure": "old", "posts": 1}])
    data = load_dataset(file, units_file=EXTRA_UNITS)
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "stale.csv").write_text("x\n1\n", encoding="utf-8")  # someone's, or an earlier copy
    with pytest.raises(DataError, match="stale.csv; nothing was deleted"):
        data.write_tidy(tmp_path / "used", tmp_path / "rejects.csv")  # it would be read as data: refused
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["stale.csv"] and not (tmp_path / "rejects.csv").exists()
    summary = data.write_tidy(tmp_path / "copy", tmp_path / "rejects.csv")
    assert summary["rejects"] == 1 and summary["normalised"] == ["staffing.csv"]
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == ["issues.csv", "staffing.csv", "units.csv"]
    again = load_dataset(tmp_path / "copy")
    assert again.staffing["unit"].tolist() == ["Ba Đình"] and again.rejected == 0
    with pytest.raises(DataError, match="two 'units' files"):
        load_dataset(tmp_path / "copy", units_file=EXTRA_UNITS)


def test_raw_file_rejects_follow_lang_and_units(tmp_path):
    from pilotlib.data.example import demo_workbook

    rejects = load_dataset(demo_workbook(tmp_path), lang="en").rejects
    assert "did you mean 'Lâm Hà'?" in rejects["reason"].iloc[0]
    assert rejects["reason"].iloc[1] == "negative count: '-1'"
    codes = Path(__file__).resolve().parents[1] / "fixtures" / "staffing" / "codes.csv"
    assert load_dataset(codes, units_file=EXTRA_UNITS).staffing["unit_code"].tolist()[:2] == ["001", "001"]


def test_folder_written_by_normalize_loads_with_a_warning(tmp_path):
    from pilotlib.cli import main

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "staffing"
    assert main(["normalize", "staffing", str(fixtures / "utf8_bom_comma.csv"), "-o", str(tmp_path / "d" / "x.csv")]) == 1
    data = load_dataset(tmp_path / "d")
    assert data.warnings == ["đã có tệp dòng bị loại từ lần chuẩn hóa trước: x.rejects.csv (không dùng làm số liệu)"]
    assert list(data.tables) == ["staffing", "issues"] and list(data.files) == ["staffing:x.csv"]
    assert len(data.staffing) == 5 and data.rejected == 0
    english = load_dataset(tmp_path / "d", lang="en").warnings
    assert english == ["a rejects file from an earlier normalisation is present: x.rejects.csv (not used as data)"]


def test_recognises_the_files_the_tools_write():
    from pilotlib.reference.schema import BOARDS_COLUMNS, REJECTS_COLUMNS

    assert recognise(REJECTS_COLUMNS) == "rejects"
    assert recognise(BOARDS_COLUMNS) == "boards"
    assert recognise(STAFFING_COLUMNS + ["sentence", "offset", "flag"]) == "staffing"


def test_each_distinct_value_is_checked_once(tmp_path, monkeypatch):
    from pilotlib.reference import vocab

    calls = []
    original = vocab.Vocabulary.suggest
    monkeypatch.setattr(vocab.Vocabulary, "suggest", lambda self, value: calls.append(value) or original(self, value))
    rows = 30_000
    frame = staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 1}] * rows)
    frame.loc[::3, "unit"] = "Atlantis"
    frame.loc[1::3, "unit"] = "Narnia"
    write_csv(tmp_path, "big.csv", frame)
    data = load_dataset(tmp_path / "big.csv")
    # Two thirds name unknown units; the rest give Lâm Hà's old posts 10 000 times over:
    # each such row repeats the others, so all are rejected too (never summed).
    keys = data.rejects["reason_key"].value_counts().to_dict()
    assert keys == {"unknown_unit": 2 * rows // 3, "duplicate_row": rows // 3} and data.staffing.empty
    assert sorted(calls) == ["Atlantis", "Narnia"]
