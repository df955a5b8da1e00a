"""ingest/unit_matching at the edges mutation testing found unchecked: a unit named in a
title row too, many distinct (unit, province) combinations, subtotal words that begin with
another total word. Each table is written the way an analyst's export looks; the expected
units and codes are the national list's (GSO codes), the sums added up by hand.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pilotlib.core.errors import DataError
from pilotlib.ingest.staffing import normalize_staffing
from pilotlib.ingest.unit_matching import RowUnits, make_scope


def csv(tmp_path: Path, text: str, name: str = "bien_che.csv") -> Path:
    path = tmp_path / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def units(result) -> list[list[str]]:
    return result.table[["unit", "unit_code", "posts"]].astype(str).values.tolist()


def test_a_unit_named_in_a_title_row_is_still_read_in_the_data_rows(tmp_path):
    path = csv(tmp_path, """
Lâm Hà
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Sau thí điểm;20
Đạ Huoai;Sau thí điểm;15
""")  # row 1: the sheet's title is the district's bare name, in the unit column — the first
    # text that column holds; row 3 names the same unit, and must not be read as empty
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Lâm Hà", "676", "20"], ["Đạ Huoai", "681", "15"]]
    assert result.rejects.empty


def test_every_unit_and_province_combination_is_read_on_its_own(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Đơn vị;Mô hình;Số biên chế
Lâm Đồng;Lâm Hà;Trước thí điểm;12
Quảng Ninh;Hải Hà;Trước thí điểm;15
Tiền Giang;Châu Thành;Trước thí điểm;18
Lâm Đồng;Đạ Tẻh;Trước thí điểm;11
Lâm Đồng;Đạ Huoai;Trước thí điểm;10
Lâm Đồng;Di Linh;Trước thí điểm;14
""")  # six units, three provinces: six different (unit, province) pairs, so six units —
    # none may take another row's unit (Hải Hà is also a commune of Thanh Hóa, Châu Thành a
    # district of ten provinces: the province column decides)
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Lâm Hà", "676", "12"], ["Hải Hà (Quảng Ninh)", "201", "15"],
                             ["Châu Thành (Tiền Giang)", "821", "18"], ["Đạ Tẻh", "682", "11"],
                             ["Đạ Huoai", "681", "10"], ["Di Linh", "679", "14"]]
    assert result.rejects.empty


def test_a_longer_total_word_is_read_before_its_first_word(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Trước thí điểm;12
Đạ Tẻh;Trước thí điểm;11
Lâm Hà;Sau thí điểm;8
Tổng cộng huyện Lâm Hà;;20
Đạ Tẻh;Sau thí điểm;10
Tổng số Đạ Tẻh;;21
""")  # "Tổng cộng" and "Tổng số" are total words of their own, longer than "Tổng": the unit
    # is what follows them. Lâm Hà's rows: 12 + 8 = 20; Đạ Tẻh's: 11 + 10 = 21 — both agree
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Lâm Hà", "676", "12"], ["Đạ Tẻh", "682", "11"], ["Lâm Hà", "676", "8"],
                             ["Đạ Tẻh", "682", "10"]]
    assert result.rejects.empty and result.warnings == [] and result.total.total == 2


@pytest.mark.parametrize("title, rows", [
    # a comma right after the city's name; "Thành phố" is a place word of two words:
    # wards 1 and 2 of Đà Lạt (Bảo Lộc and many other towns have wards 1 and 2 too)
    ("BIÊN CHẾ CÁC PHƯỜNG THÀNH PHỐ ĐÀ LẠT, NĂM 2024", [("Phường 1", "24784"), ("Phường 2", "24781")]),
    # a province of four words, bare (no "Tỉnh"), more words after it: Xuyên Mộc's communes
    # (Bình Châu is also a commune of Quảng Ngãi, Tân Lâm one of Lâm Đồng)
    ("BIÊN CHẾ BÀ RỊA - VŨNG TÀU NĂM 2024", [("Bình Châu", "26656"), ("Tân Lâm", "26635")]),
    # a province of three words, bare (Phước Vĩnh: also Bình Dương; Lộc Thủy: also Quảng Bình)
    ("BIÊN CHẾ THỪA THIÊN HUẾ NĂM 2024", [("Phước Vĩnh", "19798"), ("Lộc Thủy", "20146")]),
    # a city of one word after "Thành phố" (Hà Huy Tập: also Hà Tĩnh; Trường Thi: also Thanh Hóa, Nam Định)
    ("UBND THÀNH PHỐ VINH NĂM 2024", [("Hà Huy Tập", "16666"), ("Trường Thi", "16690")]),
    # a province of one word after "TP": Huế, a city of its own since 2024-12 — Lộc Thủy of
    # its Phú Lộc (outside the old city of Huế; another Lộc Thủy in Quảng Bình)
    ("UBND TP HUẾ", [("Lộc Thủy", "20146")]),
    # the letterhead of the pilot district: "…Lâm Hà, tỉnh…" is no "Hà Tĩnh" (a province),
    # so Nam Hà is Lâm Hà's commune, not Hà Tĩnh's ward Nam Hà; Tân Hà names five communes
    ("UBND HUYỆN LÂM HÀ, TỈNH LÂM ĐỒNG", [("Nam Hà", "24925"), ("Tân Hà", "24916")]),
    # the same without the comma: "tỉnh" (the place word) is not "Tĩnh" (of Hà Tĩnh)
    ("UBND HUYỆN LÂM HÀ TỈNH LÂM ĐỒNG", [("Nam Hà", "24925")]),
    # the same without marks: the comma still ends the name
    ("UBND HUYEN LAM HA, TINH LAM DONG", [("Nam Hà", "24925")]),
    # without marks and without a comma "tinh" may be "tỉnh" or the "Tĩnh" of Hà Tĩnh: it is
    # the place word when the words after it name a province ("lam dong")
    ("UBND HUYEN LAM HA TINH LAM DONG", [("Nam Hà", "24925"), ("Tân Hà", "24916")]),
    # ... and Hà Tĩnh when nothing follows: Nam Hà is then Hà Tĩnh's ward
    ("SO NOI VU HA TINH", [("Nam Hà", "18073")]),
    # a commune's own letterhead, no district to lean on: "xa nam ha tinh lam dong" is the
    # commune Nam Hà of the province Lâm Đồng, not Hà Tĩnh (whose ward Nam Hà would tie)
    ("UBND XA NAM HA TINH LAM DONG", [("Nam Hà", "24925")]),
    # the same typed half with marks: only the place word needs to be unmarked to be read so
    ("UBND XÃ NAM HA TINH LÂM ĐỒNG", [("Nam Hà", "24925")]),
    # with marks and no comma: "TỈNH" as written is the place word, never the "Tĩnh" of a
    # name, and no district is named to lean on
    ("UBND XÃ NAM HÀ TỈNH LÂM ĐỒNG", [("Nam Hà", "24925")]),
    # a city and its province: the city is the narrower place — wards 1 and 2 of Đà Lạt,
    # though Bảo Lộc (also in Lâm Đồng) has wards 1 and 2 too
    ("UBND THÀNH PHỐ ĐÀ LẠT, TỈNH LÂM ĐỒNG", [("Phường 1", "24784"), ("Phường 2", "24781")]),
    # a town named like its province: "Thị xã Quảng Trị" is the town, not the province, so
    # its wards 1 and 2 are meant, not those of Đông Hà (also in Quảng Trị)
    ("UBND THỊ XÃ QUẢNG TRỊ", [("Phường 1", "19357"), ("Phường 2", "19360")]),
], ids=["comma", "four-words", "three-words", "one-word", "one-word-province", "district-comma-province",
        "district-province", "no-marks", "no-marks-no-comma", "no-marks-province-last", "commune-no-marks", "commune-half-marks", "commune-marks",
        "city-and-province",
        "town-named-like-its-province"])
def test_a_place_named_inside_a_longer_title_places_the_names(tmp_path, title, rows):
    lines = [f"{title};;", "Đơn vị;Mô hình;Số biên chế", *(f"{name};Trước thí điểm;{n}" for n, (name, _) in
                                                           enumerate(rows, start=4))]
    result = normalize_staffing(csv(tmp_path, "\n".join(lines)), lang="en")
    assert result.table[["unit_code", "posts"]].astype(str).values.tolist() == [
        [code, str(n)] for n, (_, code) in enumerate(rows, start=4)]
    assert result.rejects.empty


@pytest.mark.parametrize("title, code", [
    # unmarked "TINH" after a marked name: still the place word when a province follows
    ("UBND XÃ NAM HÀ TINH LAM DONG", "24925"),
    # "TĨNH" written with its marks is the name's, even with another province after it: two
    # provinces listed, Nam Hà is Hà Tĩnh's ward (Quảng Bình has none)
    ("BIÊN CHẾ HÀ TĨNH QUẢNG BÌNH", "18073"),
    # unmarked, followed by a district's name: "tinh" is Hà Tĩnh's (a district is no province
    # for "tỉnh"); Nam Hà is then Hà Tĩnh's ward, Đức Thọ having none
    ("BIEN CHE HA TINH HUYEN DUC THO", "18073"),
    # followed by a province of four, three and one word(s) with no Nam Hà: the province is
    # read, Hà Tĩnh is not, and Nam Hà is rejected as naming several units, not matched in Hà Tĩnh
    ("UBND XA NAM HA TINH BA RIA VUNG TAU", None),
    ("UBND XA NAM HA TINH THUA THIEN HUE", None),
    ("UBND XA NAM HA TINH HUE", None),
], ids=["unmarked-place-word", "marked-name-two-provinces", "district-after", "four-words", "three-words",
        "one-word"])
def test_a_name_ending_in_tinh_is_read_by_what_follows(tmp_path, title, code):
    read_under_title(tmp_path, title, "Nam Hà", code)


def read_under_title(tmp_path: Path, title: str, unit: str, code: str | None):
    """One row naming ``unit`` under ``title``: matched to ``code``, or (None) rejected as
    naming several units. The result, for more checks."""
    result = normalize_staffing(csv(tmp_path, f"{title};;\nĐơn vị;Mô hình;Số biên chế\n{unit};Trước thí điểm;3"),
                                lang="en")
    if code is None:
        assert result.table.empty and result.rejects["reason_key"].tolist() == ["ambiguous_unit"]
    else:
        assert result.table["unit_code"].astype(str).tolist() == [code] and result.rejects.empty
    return result


@pytest.mark.parametrize("title, code", [
    # "NĂM 2024" (the year) after a district's name is no "Hà Nam": Thanh Hà (a commune of Hà
    # Nam's Thanh Liêm, and of many provinces, none in Lâm Hà) is rejected with its candidates,
    # not matched in Hà Nam — it was, before the marks of a bare name were compared
    ("BIÊN CHẾ HUYỆN LÂM HÀ NĂM 2024", None),
    # typed without marks: a "nam" followed by a number is the year word
    ("BIEN CHE HUYEN LAM HA NAM 2024", None),
    # Hà Nam itself, with and without marks, with a year after it: its Thanh Hà
    ("SỞ NỘI VỤ HÀ NAM", "13453"),
    ("SO NOI VU HA NAM", "13453"),
    ("SỞ NỘI VỤ HÀ NAM NĂM 2024", "13453"),
    ("SO NOI VU HA NAM NAM 2024", "13453"),
], ids=["year-marks", "year-no-marks", "province-marks", "province-no-marks", "province-year-marks",
        "province-year-no-marks"])
def test_the_year_word_after_a_name_names_no_province(tmp_path, title, code):
    result = read_under_title(tmp_path, title, "Thanh Hà", code)
    if code is None:
        assert "Thanh Liêm, Tỉnh Hà Nam" in result.rejects["reason"].iloc[0]  # among the candidates shown


def test_a_name_never_runs_across_a_comma_in_a_title(tmp_path):
    # "VĨNH LONG, AN GIANG": read across the comma, "LONG, AN" would be Long An, a third
    # province with its marks. Vĩnh Lợi is a commune of An Giang, of Long An and of three
    # other provinces: An Giang's is meant, not rejected as naming two of the title's.
    read_under_title(tmp_path, "BIÊN CHẾ CÁC TỈNH VĨNH LONG, AN GIANG", "Vĩnh Lợi", "30616")


def test_a_title_that_begins_with_its_place_word_places_the_names(tmp_path):
    path = csv(tmp_path, """
HUYỆN LÂM HÀ;;
Xã;Mô hình;Số biên chế
Tân Hà;Trước thí điểm;4
Phúc Thọ;Trước thí điểm;3
""")  # "Huyện" is the title's first word; Tân Hà names 5 units, Phúc Thọ 6: Lâm Hà's are meant
    result = normalize_staffing(path, lang="en")
    assert result.table[["unit_code", "posts"]].astype(str).values.tolist() == [["24916", "4"], ["24898", "3"]]
    assert result.rejects.empty


@pytest.mark.parametrize("signer, unit, shown", [
    # Huế, a given name here, is also a province (one word): a bare one-word name never
    # places a file (it did when it ended the title). Lộc Thủy is a commune of Quảng Bình
    # (Lệ Thủy) and of Huế (Phú Lộc)
    pytest.param("Trần Thị Huế", "Lộc Thủy", ["Xã Lộc Thủy in Huyện Lệ Thủy, Tỉnh Quảng Bình",
                                              "Xã Lộc Thủy in Huyện Phú Lộc"], id="Huế"),
    # Đức Trọng, a given name here, is also a district of Lâm Đồng: a bare name counts for a
    # province only. Liên Nghĩa: a commune of Hưng Yên (Văn Giang) and Đức Trọng's town
    pytest.param("Trần Đức Trọng", "Liên Nghĩa", ["Xã Liên Nghĩa in Huyện Văn Giang, Tỉnh Hưng Yên",
                                                   "Thị trấn Liên Nghĩa in Huyện Đức Trọng, Tỉnh Lâm Đồng"],
                 id="Đức Trọng"),
])
def test_a_persons_name_in_a_title_places_nothing(tmp_path, signer, unit, shown):
    path = csv(tmp_path, f"""
Người lập biểu: {signer};;
Đơn vị;Mô hình;Số biên chế
{unit};Trước thí điểm;6
""")  # nothing says which unit is meant: the row is rejected with both, not matched by a guess
    result = normalize_staffing(path, lang="en")
    assert result.table.empty
    reject = result.rejects.iloc[0]
    assert (reject["reason_key"], reject["value"]) == ("ambiguous_unit", unit)
    assert all(candidate in reject["reason"] for candidate in shown)


def test_two_districts_named_in_one_title_both_place_the_names(tmp_path):
    path = csv(tmp_path, """
CÁC XÃ HUYỆN LÂM HÀ VÀ HUYỆN DI LINH;;
Xã;Mô hình;Số biên chế
Tân Hà;Trước thí điểm;4
Tân Lâm;Trước thí điểm;6
""")  # Tân Hà of Lâm Hà (four other Tân Hà elsewhere), Tân Lâm of Di Linh (another in Xuyên Mộc)
    result = normalize_staffing(path, lang="en")
    assert result.table[["unit_code", "posts"]].astype(str).values.tolist() == [["24916", "4"], ["25007", "6"]]
    assert result.rejects.empty


ONE_ROW = """
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Sau thí điểm;20
"""


def test_a_province_option_with_a_typo_is_refused_with_the_near_name_in_both_languages(tmp_path):
    with pytest.raises(DataError) as refused:
        normalize_staffing(csv(tmp_path, ONE_ROW), province="Quang Nimh")  # a typo for Quảng Ninh
    assert str(refused.value) == ("--province: không có tỉnh, huyện 'Quang Nimh' trong danh mục — có phải "
                                  "'Quảng Ninh'? / unknown province or district 'Quang Nimh' — did you mean "
                                  "'Quảng Ninh'?")


def test_a_province_option_naming_a_district_says_it_is_no_province():
    # Lâm Hà is a district: it is known, so not "unknown", and the message says what it is
    with pytest.raises(DataError) as refused:
        make_scope(province="Lâm Hà")
    assert str(refused.value) == ("--province: không có tỉnh 'Lâm Hà' — có phải Huyện Lâm Hà (Tỉnh Lâm Đồng), đến "
                                  "2025-06-30? / no province 'Lâm Hà' — did you mean Huyện Lâm Hà in Tỉnh Lâm Đồng, "
                                  "until 2025-06-30?")


def test_a_province_option_naming_two_provinces_is_refused_as_ambiguous(tmp_path):
    # Two provinces are called Lào Cai: code 10 until 2025-06-30, and the one merged with
    # Yên Bái (code 15) from 2025-07-01. Typed without marks and with "tinh", nothing tells
    # them apart: the option is unusable, and the message lists both.
    with pytest.raises(DataError) as refused:
        normalize_staffing(csv(tmp_path, ONE_ROW), province="tinh lao cai")
    vi, en = str(refused.value).split(" / ")
    assert vi.startswith("--province: 'tinh lao cai' là tên của nhiều tỉnh, huyện — có phải Tỉnh Lào Cai, "
                         "đến 2025-06-30; Tỉnh Lào Cai, từ 2025-07-01?")
    assert en.startswith("'tinh lao cai' names several provinces or districts — did you mean Tỉnh Lào Cai, "
                         "until 2025-06-30; Tỉnh Lào Cai, from 2025-07-01?")


def test_a_province_named_twice_over_time_is_told_apart_by_the_date():
    # The refusal above lists both Lào Cai with their periods; given --as-of, the option
    # names the one in force then: code 10 in 2024, code 15 (merged with Yên Bái) from 2025-07.
    # "Lào Cai" with marks is the label of the first (the merged one's is "Lào Cai (2025)"):
    # alone it names that one, but a date after the merge names the merged province.
    reference = make_scope().reference
    for name in ("tinh lao cai", "Lào Cai"):
        for as_of, code in (("2024-06", "10"), ("2025-08", "15")):
            scope = make_scope(province=name, as_of=as_of)
            assert {reference.code_of[area] for area in scope.areas} == {code}, (name, as_of)
    assert {reference.code_of[area] for area in make_scope(province="Lào Cai").areas} == {"10"}
    # old Lào Cai is one place in the lists of 2024-11 and 2025-03: both, whatever the date
    assert {reference.list_of[area] for area in make_scope(province="Lào Cai", as_of="2024-06").areas} == {
        "2024-11", "2025-03"}
    assert make_scope(province="Lâm Đồng", as_of="2024-06").areas == make_scope(province="Lâm Đồng").areas  # unambiguous: as before


def test_a_province_gone_by_the_date_keeps_its_own_units():
    # Yên Bái was merged into Lào Cai on 2025-07-01: on 2025-08 no province of that name is in
    # force, so the date decides nothing and the option keeps Yên Bái's entries (code 15 in
    # both lists before the merge) — not the reference's last entry, nor a refusal.
    reference = make_scope().reference
    scope = make_scope(province="Yên Bái", as_of="2025-08")
    assert {(reference.code_of[area], reference.list_of[area]) for area in scope.areas} == {
        ("15", "2024-11"), ("15", "2025-03")}
    assert {reference.unit_of[area] for area in scope.areas} == {"Yên Bái"}


def test_the_province_the_date_names_spans_every_list(tmp_path):
    # An analyst's units file gives Hà Nội's code before 2004 (101, until 2003-12-31): alone,
    # "Hà Nội" now names that entry (the file's own label). Dated 2025-08 it names today's
    # Hà Nội (code 01), and the scope is all of that place — its entries of 2024-11 and
    # 2025-03 too, for rows dated before the merge — not only the entry in force on the date.
    units = tmp_path / "units.csv"
    units.write_text("unit,full_name_vi,name_en,unit_code,code_vintage,level,parent_code,valid_from,valid_to,"
                     "aliases,provenance,source_file,notes\n"
                     "Hà Nội,Thành phố Hà Nội,Ha Noi City,101,2003,province,,,2003-12-31,,illustrative,tests,"
                     "code before 2004\n", encoding="utf-8")
    reference = make_scope(units_file=units).reference

    def codes(as_of):
        return sorted((reference.code_of[area], reference.list_of[area])
                      for area in make_scope(units_file=units, province="Hà Nội", as_of=as_of).areas)

    every_list = [("01", "2024-11"), ("01", "2025-03"), ("01", "2025-07")]
    assert codes("2025-08") == every_list
    assert codes("2024-06") == every_list  # in force then: the entries of 2024-11 and 2025-03
    assert [code for code, _ in codes(None)] == ["101"]
    assert [code for code, _ in codes("2003-06")] == ["101"]


def test_a_district_column_is_read_within_the_province_column(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Huyện;Xã;Mô hình;Số biên chế
Tiền Giang;Châu Thành;Tân Hương;Trước thí điểm;4
""")  # Châu Thành is a district of ten provinces: Tiền Giang's is meant; Tân Hương names
    # seven communes, one in Châu Thành (Tiền Giang)
    result = normalize_staffing(path, lang="en")
    assert result.table[["unit_code", "posts"]].astype(str).values.tolist() == [["28525", "4"]]
    assert result.rejects.empty


def test_a_district_column_is_read_on_the_rows_date(tmp_path):
    path = csv(tmp_path, """
Ngày;Huyện;Xã;Mô hình;Số biên chế
15/06/2024;Đạ Huoai;Đạ Oai;Trước thí điểm;4
15/03/2025;Đạ Huoai;Đạ Tẻh;Sau thí điểm;6
""")  # two districts called Đạ Huoai: code 681 until 2024-11-30, then the one merged from
    # Đạ Huoai, Đạ Tẻh and Cát Tiên (code 682 from 2024-12-01), which holds the town of Đạ Tẻh
    result = normalize_staffing(path, lang="en")
    assert result.table[["unit_code", "posts"]].astype(str).values.tolist() == [["25111", "4"], ["25126", "6"]]
    assert result.rejects.empty


def test_a_province_column_is_the_rows_own_context_over_the_province_option(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Đơn vị;Mô hình;Số biên chế
Quảng Ninh;Hải Hà;Trước thí điểm;15
;Lâm Hà;Trước thí điểm;12
""")  # --province Lâm Đồng: the first row names its own province (Hải Hà of Quảng Ninh, 201);
    # the second has none, so the option places it (Lâm Hà of Lâm Đồng, 676)
    result = normalize_staffing(path, province="Lâm Đồng", lang="en")
    assert result.table[["unit_code", "posts"]].astype(str).values.tolist() == [["201", "15"], ["676", "12"]]
    assert result.rejects.empty


def test_a_district_column_naming_several_districts_is_rejected_as_ambiguous(tmp_path):
    path = csv(tmp_path, """
Huyện;Xã;Mô hình;Số biên chế
Châu Thành;Tân Hương;Trước thí điểm;4
""")  # ten provinces have a district Châu Thành and nothing says which: the place is the
    # reason (six shown, the other four counted); the commune is not judged without it
    reject = normalize_staffing(path, lang="en").rejects.iloc[0]
    assert (reject["reason_key"], reject["column"], reject["value"]) == ("ambiguous_place", "A (Huyện)", "Châu Thành")
    assert reject["reason"].startswith("'Châu Thành' names several provinces or districts — did you mean Huyện "
                                       "Châu Thành in Tỉnh ")
    assert reject["reason"].endswith(" … (and 4 more)? (add a province or district column, --province or --as-of)")


def test_a_unit_whose_name_begins_with_a_total_word_is_a_unit_not_a_subtotal(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Tống Sơn;Trước thí điểm;5
Lâm Hà;Trước thí điểm;7
""")  # Tống Sơn, a commune of Thanh Hóa since 2025-07 (15316), folds to "tong son": the total
    # word "tổng" and a name ("Sơn") — but it names a unit itself, so it is a data row
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Tống Sơn", "15316", "5"], ["Lâm Hà", "676", "7"]]
    assert result.rejects.empty and result.warnings == []


def test_a_subtotal_is_read_in_its_rows_province(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Huyện;Mô hình;Số biên chế
Tiền Giang;Châu Thành;Trước thí điểm;18
Bến Tre;Châu Thành;Trước thí điểm;7
Tiền Giang;Cộng Châu Thành;;18
""")  # row 4: the subtotal of Tiền Giang's Châu Thành (18), not of every Châu Thành (18 + 7)
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Châu Thành (Tiền Giang)", "821", "18"], ["Châu Thành (Bến Tre)", "831", "7"]]
    assert result.rejects.empty and result.warnings == [] and result.total.total == 1


def test_a_commune_column_reads_a_name_as_a_commune(tmp_path):
    path = csv(tmp_path, """
Xã, thị trấn;Mô hình;Số biên chế
Đạ Tẻh;Trước thí điểm;5
""")  # Đạ Tẻh is a district (682, the study's) and its town (25126): the column says commune
    result = normalize_staffing(path, as_of="2024-06", lang="en")
    assert result.table[["unit_code", "code_vintage", "posts"]].astype(str).values.tolist() == [
        ["25126", "2024-11", "5"]]


def test_a_subtotal_under_a_title_is_the_named_units(tmp_path):
    path = csv(tmp_path, """
UBND TỈNH LÂM ĐỒNG;;
Đơn vị;Mô hình;Số biên chế
Lâm Hà;Trước thí điểm;12
Đạ Tẻh;Trước thí điểm;11
Lâm Hà;Sau thí điểm;8
Cộng Lâm Hà;;20
""")  # row 6: Lâm Hà's rows, 12 + 8 = 20 (not the 31 above it); the title changes nothing
    result = normalize_staffing(path, lang="en")
    assert len(result.table) == 3 and result.rejects.empty and result.warnings == [] and result.total.total == 1


def test_a_subtotal_is_read_on_its_rows_date(tmp_path):
    path = csv(tmp_path, """
Ngày;Đơn vị;Mô hình;Số biên chế
15/06/2024;Đạ Huoai;Trước thí điểm;12
15/03/2025;Đạ Huoai;Sau thí điểm;30
15/03/2025;Cộng Đạ Huoai;;30
""")  # on 15/03/2025 Đạ Huoai is the merged district (682): its row says 30, and so does the
    # subtotal; the 2024 row (12) is the old district (681), another unit
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Đạ Huoai", "681", "12"], ["Đạ Huoai (2024)", "682", "30"]]
    assert result.rejects.empty and result.warnings == [] and result.total.total == 1


def test_a_subtotal_prefers_the_unit_the_title_places(tmp_path):
    path = csv(tmp_path, """
UBND TỈNH TIỀN GIANG;;;
Tỉnh;Huyện;Mô hình;Số biên chế
;Châu Thành;Trước thí điểm;18
Bến Tre;Châu Thành;Trước thí điểm;7
;Cộng Châu Thành;;18
""")  # the title places rows without a province in Tiền Giang: the subtotal is its Châu Thành
    # (18), not every Châu Thành of the sheet (18 + 7)
    result = normalize_staffing(path, lang="en")
    assert units(result) == [["Châu Thành (Tiền Giang)", "821", "18"], ["Châu Thành (Bến Tre)", "831", "7"]]
    assert result.rejects.empty and result.warnings == [] and result.total.total == 1


def test_a_subtotal_of_a_name_several_units_bear_adds_up_all_of_them(tmp_path):
    path = csv(tmp_path, """
Tỉnh;Huyện;Mô hình;Số biên chế
Tiền Giang;Châu Thành;Trước thí điểm;18
Lâm Đồng;Lâm Hà;Trước thí điểm;5
Bến Tre;Châu Thành;Trước thí điểm;7
;Cộng Châu Thành;;25
""")  # row 5 names no province: "Châu Thành" is every Châu Thành of the sheet, 18 + 7 = 25
    # (Lâm Hà's 5 is not part of it)
    result = normalize_staffing(path, lang="en")
    assert len(result.table) == 3 and result.rejects.empty and result.warnings == [] and result.total.total == 1


def test_an_unknown_code_without_a_name_is_an_unknown_code(tmp_path):
    path = csv(tmp_path, """
Mã ĐVHC;Đơn vị;Mô hình;Số biên chế
99999;;Trước thí điểm;21
""")  # no list has a unit 99999, and no name is given: the code is the reason, in its column
    reject = normalize_staffing(path, lang="en").rejects.iloc[0]
    assert (reject["reason_key"], reject["column"], reject["value"]) == ("unknown_code", "A (Mã ĐVHC)", "99999")
    assert reject["reason"] == "unknown code '99999' (if the name is right, add it with --units)"


def test_an_ambiguous_name_read_on_a_date_lists_the_candidates_without_the_date(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Hải Hà;Trước thí điểm;15
""")  # both Hải Hà exist on 2024-06 (a district of Quảng Ninh, a commune of Thanh Hóa): the
    # date is not what is missing, so the reason names the candidates only ("where/when" is
    # said for a name that exists elsewhere or at another time, unit_outside)
    reject = normalize_staffing(path, as_of="2024-06", lang="en").rejects.iloc[0]
    assert reject["reason"] == (
        "'Hải Hà' names several units — did you mean Huyện Hải Hà in Tỉnh Quảng Ninh, until 2025-06-30; "
        "Xã Hải Hà in Thị xã Nghi Sơn, Tỉnh Thanh Hóa, until 2025-06-30? "
        "(add a province or district column, --province or --as-of)")


def test_the_first_unit_of_the_lists_is_a_unit_like_any_other(tmp_path):
    path = csv(tmp_path, """
Đơn vị;Mô hình;Số biên chế
Hà Nội;Trước thí điểm;40
Lâm Hà;Trước thí điểm;12
""")  # Hà Nội (code 01) opens the 2024-11 list: a city's own office is a unit like any other
    result = normalize_staffing(path, as_of="2024-06", lang="en")
    assert result.table[["unit", "unit_code", "code_vintage", "posts"]].astype(str).values.tolist() == [
        ["Hà Nội", "01", "2024-11", "40"], ["Lâm Hà", "676", "2023", "12"]]


def test_a_role_without_problems_gives_no_problem_for_every_row():
    # three grid rows in two combinations; only the unit column had a problem (row 2)
    units = RowUnits(entry=np.array([5, -1, 5]), known=np.array([True, False, True]),
                     subtotal=np.zeros(3, dtype=bool), group=np.array([0, 1, 0]),
                     problems={"unit": (np.array(["", "unknown_unit"], dtype=object),
                                        np.array(["", " — did you mean 'Lâm Hà'?"], dtype=object))})
    keys, hints = units.problem("date", np.array([0, 2]))
    assert keys.tolist() == ["", ""] and hints.tolist() == ["", ""]
    keys, hints = units.problem("unit", np.array([1, 2]))
    assert keys.tolist() == ["unknown_unit", ""] and hints.tolist() == [" — did you mean 'Lâm Hà'?", ""]
