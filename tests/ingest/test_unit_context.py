"""Unit names in real tables, anywhere in the country: context from the row (province,
district, date, code columns), the file (title rows) and the options (--province, --as-of);
subtotals of a named unit; nothing guessed.

Each table is written out below the way an analyst's export looks, with a comment on
every odd cell; the expected tidy rows, rejects and warnings follow it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pilotlib.core.errors import DataError
from pilotlib.ingest.staffing import normalize_staffing


def csv(tmp_path: Path, text: str, name: str = "bien_che.csv") -> Path:
    path = tmp_path / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def units(result) -> list[list[str]]:
    return result.table[["unit", "unit_code", "code_vintage", "structure", "posts"]].astype(str).values.tolist()


TWO_PROVINCES = """
Đơn vị;Mô hình;Số biên chế
Hải Hà;Trước thí điểm;15
"""  # a district of Quảng Ninh and a commune of Thanh Hóa (Nghi Sơn): which one?


def test_a_name_in_two_provinces_without_context_is_rejected_with_both(tmp_path):
    result = normalize_staffing(csv(tmp_path, TWO_PROVINCES), lang="en")
    assert result.table.empty
    reject = result.rejects.iloc[0]
    assert (reject["reason_key"], reject["column"], reject["value"]) == ("ambiguous_unit", "A (Đơn vị)", "Hải Hà")
    assert reject["reason"] == (
        "'Hải Hà' names several units — did you mean Huyện Hải Hà in Tỉnh Quảng Ninh, until 2025-06-30; "
        "Xã Hải Hà in Thị xã Nghi Sơn, Tỉnh Thanh Hóa, until 2025-06-30? "
        "(add a province or district column, --province or --as-of)")
    vi = normalize_staffing(csv(tmp_path, TWO_PROVINCES)).rejects["reason"].iloc[0]
    assert "có phải Huyện Hải Hà (Tỉnh Quảng Ninh)" in vi and "Xã Hải Hà (Thị xã Nghi Sơn, Tỉnh Thanh Hóa)" in vi


def test_a_name_of_many_units_shows_six_and_counts_the_rest(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Châu Thành;Sau thí điểm;20
""")  # 21 units of the national reference are called Châu Thành (districts of ten provinces, towns, communes)
    reason = normalize_staffing(path, lang="en").rejects["reason"].iloc[0]
    shown = reason.split("did you mean ")[1].split(" … ")[0]
    assert len(shown.split("; ")) == 6 and shown.startswith("Huyện Châu Thành in Tỉnh Tây Ninh, until 2025-06-30; ")
    assert reason.endswith(" … (and 15 more)? (add a province or district column, --province or --as-of)")
    vi = normalize_staffing(path).rejects["reason"].iloc[0]
    assert " … (và 15 đơn vị khác)? " in vi
    six = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Sơn Tây;Sau thí điểm;20
""", "six.csv")  # exactly six units (a town of Hà Nội, a district of Quảng Ngãi, communes, wards): all shown
    reason = normalize_staffing(six, lang="en").rejects["reason"].iloc[0]
    assert len(reason.split("did you mean ")[1].split("; ")) == 6 and "…" not in reason
    assert reason.endswith("Xã Sơn Tây in Tỉnh Quảng Ngãi, from 2025-07-01? "
                           "(add a province or district column, --province or --as-of)")


def test_a_place_cell_of_punctuation_only_is_rejected_without_an_empty_suggestion(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Đơn vị;Mô hình;Số biên chế
-;Lâm Hà;Sau thí điểm;20
""")  # "-" in the province column: no name at all, so nothing to suggest
    reject = normalize_staffing(path, lang="en").rejects.iloc[0]
    assert (reject["reason_key"], reject["column"], reject["value"]) == ("unknown_place", "A (Tỉnh)", "-")
    assert reject["reason"] == "unknown province or district '-'"
    with pytest.raises(DataError) as refused:  # the same as an option: unusable, and said so plainly
        normalize_staffing(path, province="-")
    assert str(refused.value) == "--province: không có tỉnh, huyện '-' trong danh mục / unknown province or district '-'"


def test_a_province_column_or_option_decides(tmp_path):
    with_column = csv(tmp_path, """
Tỉnh;Đơn vị;Mô hình;Số biên chế
Quảng Ninh;Hải Hà;Trước thí điểm;15
THANH HOA;hai ha;Sau thí điểm;7
""")  # the second row: capitals and no marks, for both the province and the unit
    assert units(normalize_staffing(with_column)) == [
        ["Hải Hà (Quảng Ninh)", "201", "2024-11", "old", "15"],
        ["Hải Hà (Nghi Sơn, Thanh Hóa)", "16660", "2024-11", "pilot", "7"]]
    option = normalize_staffing(csv(tmp_path, TWO_PROVINCES), province="Tỉnh Quảng Ninh")
    assert units(option) == [["Hải Hà (Quảng Ninh)", "201", "2024-11", "old", "15"]]


def test_an_unknown_province_is_a_row_problem_or_unusable_as_an_option(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Đơn vị;Mô hình;Số biên chế
Quang Nimh;Hải Hà;Trước thí điểm;15
""")  # a typo in the province
    reject = normalize_staffing(path, lang="en").rejects.iloc[0]
    assert (reject["reason_key"], reject["column"]) == ("unknown_place", "A (Tỉnh)")
    assert reject["reason"] == "unknown province or district 'Quang Nimh' — did you mean 'Quảng Ninh'?"
    with pytest.raises(DataError, match="--province: .*'Atlantis'"):
        normalize_staffing(path, province="Atlantis")
    with pytest.raises(DataError, match="--as-of: .*'next year'"):
        normalize_staffing(path, as_of="next year")


CODES_ONLY = """
Mã ĐVHC;Đơn vị;Mô hình;Số biên chế
682;;Trước thí điểm;21
"""  # a code without a name: district 682 is Đạ Tẻh until 2024-11-30, the merged Đạ Huoai after


def test_code_682_belongs_to_the_list_of_the_data_date(tmp_path):
    path = csv(tmp_path, CODES_ONLY)
    assert units(normalize_staffing(path, as_of="2024-06")) == [["Đạ Tẻh", "682", "2023", "old", "21"]]
    assert units(normalize_staffing(path, as_of="2025-03")) == [["Đạ Huoai (2024)", "682", "2025", "old", "21"]]
    undated = normalize_staffing(path, lang="en").rejects.iloc[0]
    assert (undated["reason_key"], undated["column"]) == ("ambiguous_code", "A (Mã ĐVHC)")
    assert "Huyện Đạ Tẻh in Tỉnh Lâm Đồng, until 2024-11-30" in undated["reason"]
    assert "Huyện Đạ Huoai in Tỉnh Lâm Đồng, from 2024-12-01, until 2025-06-30" in undated["reason"]


def test_a_date_column_picks_the_list_row_by_row(tmp_path):
    path = csv(tmp_path, """
Ngày;Mã ĐVHC;Đơn vị;Mô hình;Số biên chế
15/06/2024;682;;Trước thí điểm;21
15/03/2025;682;Đạ Huoai;Sau thí điểm;45
2025-09-01;;Đạ Huoai;Sau thí điểm;30
31/02/2025;682;;Sau thí điểm;1
""")  # rows 2–4: three dates, three lists; row 5: no such day
    result = normalize_staffing(path)
    assert units(result) == [["Đạ Tẻh", "682", "2023", "old", "21"],
                             ["Đạ Huoai (2024)", "682", "2025", "pilot", "45"],
                             ["Đạ Huoai (Lâm Đồng, 2025)", "25099", "2025-07", "pilot", "30"]]
    # the unit of a row with a bad date is not judged: only the date is the reason
    assert result.rejects[["source_row", "column", "value", "reason_key"]].values.tolist() == [
        ["5", "A (Ngày)", "31/02/2025", "bad_date"]]
    # --as-of does not stand in for a date the row gets wrong
    assert normalize_staffing(path, as_of="2025-08").rejects[["source_row", "reason_key"]].values.tolist() == [
        ["5", "bad_date"]]


def test_a_rows_own_date_wins_over_as_of_which_only_narrows_it(tmp_path):
    path = csv(tmp_path, """
Ngày;Mã ĐVHC;Đơn vị;Mô hình;Số biên chế
15/06/2024;682;;Trước thí điểm;21
2025;;Đạ Huoai;Sau thí điểm;30
;;Lâm Hà;Sau thí điểm;20
""")  # row 2: a day before the merges; row 3: only a year; row 4: no date
    result = normalize_staffing(path, as_of="2025-08", lang="en")
    # row 2 keeps its own day: 682 is Đạ Tẻh then (read on 2025-08 it was no unit at all);
    # row 3's year is narrowed to 2025-08: the commune Đạ Huoai of the 2025-07 list
    assert units(result) == [["Đạ Tẻh", "682", "2023", "old", "21"],
                             ["Đạ Huoai (Lâm Đồng, 2025)", "25099", "2025-07", "pilot", "30"]]
    # row 4 has no date: --as-of is its date, and no district was left on 2025-08
    assert result.rejects[["source_row", "reason_key"]].values.tolist() == [["4", "unit_outside"]]
    assert result.rejects["reason"].iloc[0].startswith("no unit 'Lâm Hà' on 2025-08-01 … 2025-08-31")
    # a date the row's own period does not hold leaves that period as it is: "2025" read whole
    # (Đạ Huoai, the district of the 2025-03 list, was still in force for half of it)
    assert units(normalize_staffing(path, as_of="2024-06"))[1] == ["Đạ Huoai (2024)", "682", "2025", "pilot", "30"]


def test_as_of_outside_a_units_life_says_when(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Sau thí điểm;20
""")
    reject = normalize_staffing(path, as_of="2025-09", lang="en").rejects.iloc[0]
    assert reject["reason_key"] == "unit_outside"
    assert reject["reason"].startswith("no unit 'Lâm Hà' on 2025-09-01 … 2025-09-30 — did you mean Huyện Lâm Hà "
                                       "in Tỉnh Lâm Đồng, until 2025-06-30")


@pytest.mark.parametrize("typed, shown", [
    # with marks: only the unit written so; Phường Lãm Hà (Hải Phòng) and Lam Hạ (Hà Nam) share
    # its letters only
    pytest.param("Lâm Hà", ["Huyện Lâm Hà in Tỉnh Lâm Đồng, until 2025-06-30"], id="marks"),
    # without marks the three are as likely
    pytest.param("Lam Ha", ["Huyện Lâm Hà in Tỉnh Lâm Đồng, until 2025-06-30",
                            "Phường Lãm Hà in Quận Kiến An, Thành phố Hải Phòng, until 2024-11-30",
                            "Phường Lam Hạ in Thành phố Phủ Lý, Tỉnh Hà Nam, until 2025-06-30"], id="no-marks"),
    # marks no unit has (a slip of the tone): all three again, not none
    pytest.param("Lầm Hà", ["Huyện Lâm Hà in Tỉnh Lâm Đồng, until 2025-06-30",
                            "Phường Lãm Hà in Quận Kiến An, Thành phố Hải Phòng, until 2024-11-30",
                            "Phường Lam Hạ in Thành phố Phủ Lý, Tỉnh Hà Nam, until 2025-06-30"], id="other-marks"),
])
def test_a_name_found_only_at_another_time_suggests_the_units_written_so(tmp_path, typed, shown):
    path = csv(tmp_path, f"""
Đơn vị;Mô hình;Số biên chế
{typed};Sau thí điểm;20
""")  # no district is left on 2025-09
    reject = normalize_staffing(path, as_of="2025-09", lang="en").rejects.iloc[0]
    assert reject["reason_key"] == "unit_outside"
    assert reject["reason"] == f"no unit '{typed}' on 2025-09-01 … 2025-09-30 — did you mean {'; '.join(shown)}?"


def test_outside_the_province_says_where_and_only_then_when(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Sau thí điểm;20
""")  # a district of Lâm Đồng, read with --province Quảng Ninh
    reject = normalize_staffing(path, province="Quảng Ninh", lang="en").rejects.iloc[0]
    assert reject["reason_key"] == "unit_outside"
    assert reject["reason"].startswith("no unit 'Lâm Hà' in Quảng Ninh — did you mean Huyện Lâm Hà in Tỉnh Lâm Đồng")
    vi = normalize_staffing(path, province="Quảng Ninh").rejects["reason"].iloc[0]
    assert vi.startswith("không có đơn vị 'Lâm Hà' ở Quảng Ninh — có phải Huyện Lâm Hà (Tỉnh Lâm Đồng)")
    dated = normalize_staffing(path, province="Quảng Ninh", as_of="2024-06", lang="en").rejects["reason"].iloc[0]
    assert dated.startswith("no unit 'Lâm Hà' in Quảng Ninh on 2024-06-01 … 2024-06-30 — did you mean")


def test_a_place_column_naming_a_place_of_another_time_level_or_province_says_which(tmp_path):
    path = csv(tmp_path, """
Ngày;Tỉnh;Huyện;Xã;Mô hình;Số biên chế
15/08/2025;Thừa Thiên Huế;;Thuận Hóa;Sau thí điểm;4
15/06/2024;Lâm Hà;;Tân Hà;Trước thí điểm;4
15/06/2024;Quảng Ninh;Lâm Hà;Tân Hà;Trước thí điểm;4
15/06/2024;Atlantis;;Tân Hà;Trước thí điểm;4
""")  # row 2: the province was renamed Huế on 2025-01-01 (the 2024-11 list's last day is
    # the one the reference knows); row 3: a district in the province column; row 4: a
    # district of another province; row 5: no such place at all
    result = normalize_staffing(path, lang="en")
    assert result.table.empty
    rejects = result.rejects.set_index("source_row")
    assert rejects["reason_key"].to_dict() == {"2": "province_outside", "3": "province_outside",
                                               "4": "district_outside", "5": "unknown_place"}
    assert rejects.loc["2", "reason"] == ("no province 'Thừa Thiên Huế' on 2025-08-15 — did you mean "
                                          "Tỉnh Thừa Thiên Huế, until 2024-11-30?")
    assert rejects.loc["3", "reason"].startswith(  # the context looked in is said, as for units
        "no province 'Lâm Hà' on 2024-06-15 — did you mean Huyện Lâm Hà in Tỉnh Lâm Đồng")
    assert rejects.loc["4", "reason"] == ("no district 'Lâm Hà' in Quảng Ninh on 2024-06-15 — did you mean Huyện Lâm "
                                          "Hà in Tỉnh Lâm Đồng, until 2025-06-30?")  # only the one written so
    vi = normalize_staffing(path).rejects.set_index("source_row")["reason"]
    assert vi["2"] == "không có tỉnh 'Thừa Thiên Huế' vào 2025-08-15 — có phải Tỉnh Thừa Thiên Huế, đến 2024-11-30?"
    assert vi["4"].startswith("không có huyện 'Lâm Hà' ở Quảng Ninh vào 2024-06-15 — có phải Huyện Lâm Hà (Tỉnh Lâm Đồng)")
    # --province never enters a province column's reason: the column is read on its own
    assert normalize_staffing(path, province="Lâm Đồng", lang="en").rejects["reason"].iloc[0] == rejects.loc["2", "reason"]


def test_a_place_column_naming_several_places_lists_them_without_where_or_when(tmp_path):
    path = csv(tmp_path, """
Ngày;Huyện;Xã;Mô hình;Số biên chế
15/06/2024;Châu Thành;Tân Hương;Trước thí điểm;4
""")  # Châu Thành is a district of ten provinces, all in force on that day: the date
    # decides nothing, so the reason names the candidates, not the day
    reject = normalize_staffing(path, lang="en").rejects.iloc[0]
    assert (reject["reason_key"], reject["column"]) == ("ambiguous_place", "B (Huyện)")
    assert reject["reason"].startswith("'Châu Thành' names several provinces or districts — did you mean Huyện Châu "
                                       "Thành in Tỉnh")


def test_title_rows_place_the_names(tmp_path):
    path = csv(tmp_path, """
UBND TỈNH TIỀN GIANG;;
BẢNG BIÊN CHẾ CÁC HUYỆN;;
Đơn vị;Mô hình;Số biên chế
Châu Thành;Trước thí điểm;18
H. Châu Thành;Sau thí điểm;16
""")  # "Châu Thành" is a district of ten provinces; the title says which
    assert units(normalize_staffing(path)) == [["Châu Thành (Tiền Giang)", "821", "2024-11", "old", "18"],
                                               ["Châu Thành (Tiền Giang)", "821", "2024-11", "pilot", "16"]]


COMMUNES = """
BIÊN CHẾ KHỐI MTTQ CÁC XÃ, THỊ TRẤN HUYỆN LÂM HÀ;;
Xã, thị trấn;Mô hình;Số biên chế
TT. Nam Ban;Trước thí điểm;5
Tân Hà;Trước thí điểm;4
Xã Phúc Thọ;Trước thí điểm;3
Cộng huyện Lâm Hà;Trước thí điểm;12
"""  # communes named elsewhere too (Tân Hà: 5 units, Phúc Thọ: 6): the title names their district;
# the subtotal adds up the communes inside Lâm Hà


def test_communes_of_a_district_named_in_the_title_and_their_subtotal(tmp_path):
    result = normalize_staffing(csv(tmp_path, COMMUNES))
    assert units(result) == [["Nam Ban (Lâm Hà, Lâm Đồng)", "24868", "2024-11", "old", "5"],
                             ["Tân Hà (Lâm Hà, Lâm Đồng)", "24916", "2024-11", "old", "4"],
                             ["Phúc Thọ (Lâm Hà, Lâm Đồng)", "24898", "2024-11", "old", "3"]]
    assert result.total.total == 1 and result.rejects.empty and result.warnings == []


def test_a_district_column_is_the_context_of_a_commune_column(tmp_path):
    path = csv(tmp_path, """
Huyện;Xã;Mô hình;Số biên chế
Lâm Hà;Tân Hà;Trước thí điểm;4
Hàm Tân;Tân Hà;Trước thí điểm;6
;Tân Hà;Trước thí điểm;9
""")  # row 4: no district, so five communes named Tân Hà remain
    result = normalize_staffing(path)
    assert units(result) == [["Tân Hà (Lâm Hà, Lâm Đồng)", "24916", "2024-11", "old", "4"],
                             ["Tân Hà (Hàm Tân, Bình Thuận)", "23257", "2024-11", "old", "6"]]
    assert result.rejects[["source_row", "column", "reason_key"]].values.tolist() == [
        ["4", "B (Xã)", "ambiguous_unit"]]


SUBTOTALS = """
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Trước thí điểm;12
Lâm Hà;Sau thí điểm;8
Cộng Lâm Hà;;20
Đạ Tẻh;Trước thí điểm;11
Đạ Tẻh;Sau thí điểm;10
Tổng huyện Đạ Tẻh;;22
Đạ Huoai;Trước thí điểm;23
Cộng: Lâm Hà;Trước thí điểm;12
Tổng cộng;;64
"""
# row 4: the subtotal of Lâm Hà's rows (20) — skipped, agrees, no warning
# row 7: "Tổng huyện Đạ Tẻh" says 22, Đạ Tẻh's rows add up to 21 → warning
# row 9: Lâm Hà again, after other units, for one structure: its old rows (12) agree
# row 10: the grand total of every data row (12+8+11+10+23 = 64) agrees


def test_subtotals_of_named_units_are_skipped_and_checked(tmp_path):
    result = normalize_staffing(csv(tmp_path, SUBTOTALS), lang="en")
    assert len(result.table) == 5 and result.rejects.empty
    counts = result.total
    assert (counts.read, counts.kept, counts.total, counts.title) == (10, 5, 4, 1)
    assert [w.split(": ", 1)[1] for w in result.warnings] == [
        "row 7 (Tổng huyện Đạ Tẻh), column C (Số biên chế): the total says 22 but the rows add up to 21"]


def test_a_total_word_beside_the_unit_makes_a_subtotal_of_that_unit(tmp_path):
    path = csv(tmp_path, """
STT;Đơn vị;Mô hình;Số biên chế
1;Lâm Hà;Trước thí điểm;12
2;Đạ Tẻh;Trước thí điểm;11
3;Lâm Hà;Sau thí điểm;8
Cộng;Lâm Hà;;21
""")  # row 5: "Cộng" in the STT column, the unit beside it — Lâm Hà's rows add up to 20, not 21
    result = normalize_staffing(path, lang="en")
    assert len(result.table) == 3 and result.total.total == 1
    assert [w.split(": ", 1)[1] for w in result.warnings] == [
        "row 5 (Cộng), column D (Số biên chế): the total says 21 but the rows add up to 20"]
