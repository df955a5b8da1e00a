"""normalize_staffing: messy inputs next to expected tidy outputs (tests/fixtures/staffing/).

Each fixture's odd values are commented in fixtures/staffing/make_fixtures.py and
summarised in EXPECTED.md; here every fixture must give exactly its expected tables,
row counts and warnings, and the tidy output must survive a second normalisation.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from pilotlib.core.errors import DataError
from pilotlib.ingest.result import RowCounts
from pilotlib.ingest.staffing import normalize_staffing
from pilotlib.reference.schema import REJECTS_COLUMNS, STAFFING_COLUMNS
from pilotlib.reference.validate import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "staffing"
DATA_COLUMNS = ["unit", "unit_code", "code_vintage", "structure", "body", "position", "position_group", "posts"]

# name, options, (read, kept, rejected, skipped), fragments every warning list must contain
CASES = [
    ("merged_header.xlsx", {}, (13, 3, 0, 10),
     ["không đọc: Hướng dẫn", "dòng 10 (Tổng cộng), cột E (Biên chế được giao / Sau thí điểm): tổng ghi 65, "
                              "cộng các dòng được 64"]),
    ("formulas_uncached.xlsx", {}, (4, 2, 1, 1), ["1 ô công thức chưa có giá trị tính sẵn (C2)"]),
    ("wide_bodies.xlsx", {}, (8, 2, 2, 4), []),
    ("legacy_tcvn3.xlsx", {}, (7, 4, 0, 3), ["cột A (Đơn vị): chữ phông TCVN3", "cột B (Tổ chức): chữ phông TCVN3"]),
    ("legacy_vni.csv", {}, (3, 2, 0, 1), ["cột A (Đơn vị): chữ phông VNI"]),
    ("cp1258_semicolon.csv", {}, (11, 4, 2, 5), ["tệp mã hoá Windows-1258"]),
    ("utf8_bom_comma.csv", {}, (15, 5, 8, 2), []),
    ("codes.csv", {"units_file": FIXTURES / "units_extra.csv"}, (7, 4, 2, 1), []),
    ("long_no_structure.csv", {"structure": "pilot"}, (4, 3, 0, 1), []),
]


def _expected(name: str, kind: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / f"{name.rsplit('.', 1)[0]}.{kind}.csv", dtype=str, keep_default_na=False)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(str).reset_index(drop=True)


@pytest.mark.parametrize(("name", "options", "counts", "warnings"), CASES, ids=[c[0] for c in CASES])
def test_fixture_gives_expected_tables(name, options, counts, warnings):
    result = normalize_staffing([FIXTURES / name], **options)
    pd.testing.assert_frame_equal(_as_text(result.staffing), _expected(name, "expected"))
    pd.testing.assert_frame_equal(_as_text(result.rejects), _expected(name, "rejects"))
    total = result.total
    assert (total.read, total.kept, total.rejected, total.skipped) == counts
    assert total.balanced() and total.rejected == len(result.rejects)
    assert total.skipped == total.blank + total.title + total.total + total.note
    for fragment in warnings:
        assert any(fragment in w for w in result.warnings), (fragment, result.warnings)
    assert list(result.staffing.columns) == STAFFING_COLUMNS
    assert list(result.rejects.columns) == REJECTS_COLUMNS
    validate(result.staffing, "staffing")
    assert (result.staffing["provenance"] == "analyst").all()
    assert (result.staffing["source_file"] == name).all()


@pytest.mark.parametrize(("name", "options"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_normalising_the_output_again_changes_nothing(tmp_path, name, options):
    first = normalize_staffing([FIXTURES / name], **options)
    tidy = tmp_path / "tidy.csv"
    first.staffing.to_csv(tidy, index=False, encoding="utf-8-sig")
    units = {"units_file": options["units_file"]} if "units_file" in options else {}
    second = normalize_staffing([tidy], **units)
    assert second.rejects.empty and second.warnings == []
    pd.testing.assert_frame_equal(second.staffing[DATA_COLUMNS], first.staffing[DATA_COLUMNS])
    assert second.total == RowCounts(read=len(first.staffing) + 1, kept=len(first.staffing), skipped=1, title=1)


def test_merged_header_positions_and_codes_come_from_the_file():
    result = normalize_staffing([FIXTURES / "merged_header.xlsx"])
    # 681 was a number in Excel: it must come out as the text "681", not "681.0".
    assert result.staffing.loc[result.staffing["unit"] == "Đạ Huoai", "unit_code"].unique().tolist() == ["681"]
    assert result.counts[str(FIXTURES / "merged_header.xlsx")] == RowCounts(13, 3, 0, 10, 2, 5, 1, 2)


def test_several_inputs_are_counted_per_file_and_in_total():
    inputs = [FIXTURES / "legacy_vni.csv", FIXTURES / "wide_bodies.xlsx"]
    result = normalize_staffing(inputs)
    assert set(result.counts) == {str(p) for p in inputs} | {"total"}
    assert result.total == result.counts[str(inputs[0])] + result.counts[str(inputs[1])]
    assert result.total.balanced() and result.total.rejected == len(result.rejects)
    # Both files give Lâm Hà's old Hội Nông dân posts (4 in each) and Đạ Huoai's pilot Ban
    # Tổng hợp (6 and 8): four rows rejected, each naming the other file's row — never 8 or 14.
    repeated = result.rejects[result.rejects["reason_key"].str.startswith("duplicate")]
    assert repeated[["source_file", "source_row", "reason_key"]].values.tolist() == [
        ["legacy_vni.csv", "2", "duplicate_row"], ["legacy_vni.csv", "3", "duplicate_key"],
        ["wide_bodies.xlsx", "4", "duplicate_row"], ["wide_bodies.xlsx", "5", "duplicate_key"]]
    assert "dòng 4 của wide_bodies.xlsx [Theo tổ chức]" in repeated["reason"].iloc[0]
    assert "dòng 2 của legacy_vni.csv" in repeated["reason"].iloc[2]
    assert result.counts[str(inputs[0])].kept == 0 and result.counts[str(inputs[0])].rejected == 2
    assert not (result.staffing["unit"] == "Lâm Hà").any()  # its wide row 4 is rejected whole


def test_the_same_count_twice_is_rejected_not_a_silent_double(tmp_path):
    source = FIXTURES / "legacy_vni.csv"
    result = normalize_staffing([source, source], lang="en")
    assert result.staffing.empty and result.total.rejected == 4 == len(result.rejects)
    assert set(result.rejects["reason_key"]) == {"duplicate_row"}
    assert result.rejects["reason"].iloc[0] == ("an exact copy of row 2 of legacy_vni.csv: every copy is "
                                                "rejected (keep one and run again)")
    assert result.counts[str(source)].read == 6 == result.total.read  # a file given twice is counted twice
    assert result.total.balanced()


def test_duplicate_keys_and_rows_name_each_other_in_one_file(tmp_path):
    source = tmp_path / "dup.csv"
    source.write_text("Đơn vị;Mô hình;Số biên chế\n"
                      "Lâm Hà;Trước thí điểm;3\n"    # line 2: the same row as line 3
                      "Lâm Hà;Trước thí điểm;3\n"
                      "Đạ Tẻh;Trước thí điểm;5\n"    # lines 4, 5, 7: one key, other figures
                      "Đạ Tẻh;Trước thí điểm;7\n"
                      "Lâm Hà;Sau thí điểm;20\n"     # line 6: the only usable row
                      "Đạ Tẻh;trước TĐ;5\n", encoding="utf-8")
    result = normalize_staffing([source], lang="en")
    assert result.staffing[["unit", "structure", "posts"]].values.tolist() == [["Lâm Hà", "pilot", 20]]
    reasons = dict(zip(result.rejects["source_row"], result.rejects["reason"]))
    assert reasons["2"].startswith("an exact copy of row 3:") and reasons["3"].startswith("an exact copy of row 2:")
    assert reasons["4"].startswith("same unit, structure, body and position as row 5 (and 1 more rows) with")
    assert reasons["7"].startswith("an exact copy of row 4 (and 1 more rows):")
    assert result.rejects["column"].iloc[0] == "unit, structure, body, position"
    assert result.rejects["value"].iloc[0] == "Lâm Hà / old / — / —"
    total = result.total
    assert (total.read, total.kept, total.rejected, total.skipped) == (7, 1, 5, 1)


def test_legacy_font_bytes_saved_as_csv(tmp_path):
    # A .VnTime sheet saved as CSV: the font's bytes, neither UTF-8 nor Windows-1258.
    source = tmp_path / "tcvn3.csv"
    lines = ["§¬n vÞ;Tæ chøc;M« h×nh;Sè biªn chÕ", "L©m Hµ;Héi N«ng d©n;Tr\xadíc thÝ ®iÓm;4",
             "§¹ tÎh;Ban Tæng hîp;Sau thÝ ®iÓm;6"]
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    result = normalize_staffing([source])
    assert result.staffing[["unit", "structure", "body", "posts"]].values.tolist() == [
        ["Lâm Hà", "old", "Hội Nông dân", 4], ["Đạ Tẻh", "pilot", "Ban Tổng hợp", 6]]
    assert any("Windows-1252" in w for w in result.warnings)
    assert any("cột A (Đơn vị): chữ phông TCVN3" in w for w in result.warnings)


def test_reasons_and_warnings_in_english():
    result = normalize_staffing([FIXTURES / "utf8_bom_comma.csv"], lang="en")
    reasons = dict(zip(result.rejects["source_row"], result.rejects["reason"]))
    assert reasons["14"] == "unknown unit 'Lam Haa' — did you mean 'Lâm Hà'?"
    assert reasons["13"] == "negative count: '-1'"
    assert reasons["12"] == "the unit cell is empty"
    assert reasons["15"] == "the count is empty"
    result = normalize_staffing([FIXTURES / "merged_header.xlsx"], lang="en")
    assert any("the total says 65 but the rows add up to 64" in w for w in result.warnings)


@pytest.mark.parametrize("spelling", [
    "Huyện Lâm Hà",          # the administrative prefix
    "H. Lâm Hà", "H.Lâm Hà",  # abbreviated prefix, with or without a space
    "LÂM HÀ ",               # capitals and a trailing space
    "lam ha",                # no diacritics
    unicodedata.normalize("NFD", "Lâm Hà"),  # decomposed (macOS, Windows-1258)
    "Lâm  Hà",               # two spaces
    "Lâm-Hà",                # hyphen instead of a space
])
def test_unit_names_in_every_spelling(tmp_path, spelling):
    source = tmp_path / "units.csv"
    source.write_text(f"Đơn vị,Trước thí điểm\n{spelling},20\n", encoding="utf-8")
    result = normalize_staffing([source])
    assert result.staffing["unit"].tolist() == ["Lâm Hà"] and result.rejects.empty


@pytest.mark.parametrize(("value", "structure"), [
    ("Trước thí điểm", "old"), ("Mô hình cũ", "old"), ("trước", "old"), ("TRUOC THI DIEM", "old"),
    ("Sau thí điểm", "pilot"), ("sau thi diem", "pilot"), ("Thí điểm", "pilot"), ("Mô hình mới", "pilot"),
    ("old", "old"), ("pilot", "pilot"),
])
def test_structure_words(tmp_path, value, structure):
    source = tmp_path / "structure.csv"
    source.write_text(f"Đơn vị;Mô hình;Số biên chế\nĐạ Tẻh;{value};21\n", encoding="utf-8")
    assert normalize_staffing([source]).staffing["structure"].tolist() == [structure]


def test_bodies_in_short_forms_and_tone_variants(tmp_path):
    source = tmp_path / "bodies.csv"
    rows = ["UBMTTQ", "Uỷ ban MTTQ", "Mặt trận", "HND", "Hội LHPN", "Hội Phụ nữ", "Huyện đoàn",
            "Đoàn TNCS HCM", "Hội CCB", "LĐLĐ"]
    units = ["Đà Lạt", "Bảo Lộc", "Đam Rông", "Lạc Dương", "Lâm Hà", "Đơn Dương", "Đức Trọng", "Di Linh",
             "Bảo Lâm", "Cát Tiên"]  # one unit per row: the same body twice in a unit is a duplicate
    source.write_text("Đơn vị,Tổ chức,Trước thí điểm\n" + "".join(f"{u},{b},1\n" for u, b in zip(units, rows)),
                      encoding="utf-8")
    result = normalize_staffing([source])
    assert result.staffing["body"].tolist() == [
        "Ủy ban MTTQ", "Ủy ban MTTQ", "Ủy ban MTTQ", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
        "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Đoàn Thanh niên", "Hội Cựu chiến binh", "Liên đoàn Lao động"]


def test_structure_option_is_not_used_when_the_file_has_its_own(tmp_path):
    result = normalize_staffing([FIXTURES / "legacy_vni.csv"], structure="pilot", lang="en")
    assert result.staffing["structure"].tolist() == ["old", "pilot"]  # from the file
    assert any("--structure pilot not used" in w for w in result.warnings)


def test_no_structure_anywhere_is_unusable_input():
    with pytest.raises(DataError, match="long_no_structure.csv.*--structure"):
        normalize_staffing([FIXTURES / "long_no_structure.csv"])


def test_structure_option_must_be_old_or_pilot():
    with pytest.raises(DataError, match="--structure"):
        normalize_staffing([FIXTURES / "long_no_structure.csv"], structure="new")


def test_a_missing_sheet_lists_the_sheets():
    with pytest.raises(DataError) as caught:
        normalize_staffing([FIXTURES / "merged_header.xlsx"], sheet="Tổng hợp")
    message = str(caught.value)
    assert "merged_header.xlsx" in message and "'Tổng hợp'" in message
    assert "'Danh mục' (ẩn/hidden)" in message and "'Biên chế'" in message and "'Hướng dẫn'" in message


def test_sheet_names_match_without_diacritics():
    result = normalize_staffing([FIXTURES / "merged_header.xlsx"], sheet="bien che")
    assert len(result.staffing) == 6


def test_a_sheet_without_a_header_is_unusable_and_named():
    with pytest.raises(DataError, match=r"merged_header.xlsx \[Danh mục\].*no header row"):
        normalize_staffing([FIXTURES / "merged_header.xlsx"], sheet="Danh mục")


def test_an_unrecognised_column_is_named_in_a_warning(tmp_path):
    source = tmp_path / "extra.csv"
    source.write_text("Đơn vị,Mô hình,Số biên chế,Người ký\nLâm Hà,old,20,A\n", encoding="utf-8")
    result = normalize_staffing([source], lang="en")
    assert "extra.csv: column D (Người ký): header not recognised, ignored" in result.warnings


def test_a_position_gives_its_group(tmp_path):
    source = tmp_path / "positions.csv"
    source.write_text("Đơn vị,Mô hình,Tổ chức,Chức danh,Số lượng\n"
                      "Lâm Hà,pilot,Ban Tổng hợp,Trưởng ban,1\nLâm Hà,pilot,Ban Tổng hợp,Văn thư,1\n"
                      "Lâm Hà,pilot,Ban Tổng hợp,Cán sự,2\n", encoding="utf-8")
    result = normalize_staffing([source])
    assert result.staffing["position_group"].tolist() == ["leadership", "support", "specialist"]


def test_a_unit_merged_down_over_its_rows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "Tổ chức", "Trước thí điểm"])
    ws.append(["Lâm Hà", "HND", 4])
    ws.append([None, "MTTQ", 5])
    ws.append(["Đạ Tẻh", "Hội CCB", 3])
    ws.merge_cells("A2:A3")  # one unit name for two body rows: both rows belong to Lâm Hà
    ws["D1"] = "Ghi chú"
    ws.merge_cells("D2:D4")
    ws["D2"] = "chung"  # a merged note column: ignored, and nothing is counted twice
    wb.save(tmp_path / "merged.xlsx")
    result = normalize_staffing([tmp_path / "merged.xlsx"])
    assert result.staffing[["unit", "body", "posts"]].values.tolist() == [
        ["Lâm Hà", "Hội Nông dân", 4], ["Lâm Hà", "Ủy ban MTTQ", 5], ["Đạ Tẻh", "Hội Cựu chiến binh", 3]]


def test_sheet_option_on_a_csv_is_a_warning(tmp_path):
    result = normalize_staffing([FIXTURES / "legacy_vni.csv"], sheet="Biên chế", lang="en")
    assert "legacy_vni.csv: --sheet 'Biên chế' does not apply to a CSV file" in result.warnings


def test_a_first_row_with_small_counts_and_no_unit_is_not_a_numbering_row(tmp_path):
    # Found by the property test: "; 5 ; 5" under the header looked like "(1) (2) (3)".
    source = tmp_path / "numbers.csv"
    source.write_text("Đơn vị;Trước thí điểm;Sau thí điểm\n; 5 ; 5 \n", encoding="utf-8")
    result = normalize_staffing([source])
    assert result.total.rejected == 1 and result.rejects["reason"].tolist() == ["ô đơn vị bị trống"]
