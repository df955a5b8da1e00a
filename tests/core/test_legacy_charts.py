"""Independent vectors for the legacy-encoding repair (TCVN3 / VNI Windows).

The expectations come from tests/data/tcvn3_chart.csv and tests/data/vni_chart.csv. Those
charts were written from the TCVN 5712:1993 VN3 and VNI Windows code charts, NOT from
the module's tables (see tests/data/LEGACY_CHARTS.md). So a wrong or swapped entry in
the module's tables shows up here. A round trip through the module's own inverse table
would not catch it.
"""
from __future__ import annotations

import pytest
from legacy_chart import CHARTS, encode

from pilotlib.core import legacy_text
from pilotlib.core.legacy_text import TCVN3_TO_UNICODE, VNI_TO_UNICODE, detect_legacy, repair_text

TABLES = {"tcvn3": TCVN3_TO_UNICODE, "vni": VNI_TO_UNICODE}
# The tables are built when the module is imported. Building them again here lets mutation
# testing (make mutation) see a mistake in the builders, which run before any test does.
BUILDERS = {"tcvn3": legacy_text._build_tcvn3, "vni": legacy_text._build_vni}
ROWS = [(enc, row) for enc, rows in CHARTS.items() for row in rows]


def _row_id(param):
    enc, row = param
    return f"{enc}-{row['letter']}-{row['bytes_hex'].replace(' ', '')}"


# Each case named with pytest.param(id=…), not an ``ids=[…]`` list: pytest 9.2 escapes a
# list's non-ASCII ids in place, so a second session in one process (mutmut's workers)
# no longer finds "tcvn3-ỏ" by its name (tests/conftest.py refuses such a list).
ROW_CASES = [pytest.param(*p, id=_row_id(p)) for p in ROWS]


# --- every chart row -------------------------------------------------------------------


@pytest.mark.parametrize("enc,row", ROW_CASES)
def test_chart_row_repairs_to_letter(enc, row):
    assert repair_text(row["cp1252"], enc) == row["letter"]


@pytest.mark.parametrize("enc,row", ROW_CASES)
def test_chart_row_repairs_inside_a_word(enc, row):
    # The same letter between ASCII consonants, as it occurs in real words.
    assert repair_text("th" + row["cp1252"] + "n", enc) == "th" + row["letter"] + "n"


# --- whole words and phrases, encoded with the chart -------------------------------------

COMMON_PHRASES = [
    "Lâm Hà",
    "Đạ Tẻh",
    "Phó Chủ tịch",
    "Kế toán",
    "Thủ quỹ",
    "Văn thư",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "thường trực",
    "hướng dẫn",
    "Phó Chánh Văn phòng",
    "Phòng Tài chính - Kế hoạch (2024)",
    "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Y tế huyện Bảo Lộc",
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "sẵn sàng, giúp đỡ, Bằng khen, miền Bắc",
    "chuyên viên; cán bộ; công chức; viên chức",
    "Phó Trưởng phòng Nội vụ",
    "Bí thư Đảng uỷ",
    "kỳ họp thứ nhất",
    "Chi cục Kiểm lâm",
    "ruộng đồng, mẹ, vẽ, trẻ, mỗi, gỗ, rõ, nhỏ",
    "lũy kế, thuỷ lợi, Mỹ Đức, kỷ luật, Kỵ binh",
]

TCVN3_PHRASES = COMMON_PHRASES + [
    # VN3 has no toned capitals, so these are written the way .VnTime users wrote them.
    "Uỷ ban Mặt trận Tổ quốc",
    "Nguyễn Thị Ngọc Anh",
    # the seven capitals VN3 has
    "Ông Đỗ Văn Ơn, huyện Ân Thi, dân tộc Ê Đê, Ăn Ưng",
]

VNI_PHRASES = COMMON_PHRASES + [
    "Ủy ban Mặt trận Tổ quốc",
    "Nguyễn Thị Ngọc Ánh",
    "Ông Đỗ Văn Ơn, huyện Ân Thi, dân tộc Ê Đê",
    # upper-case names and units
    "NGUYỄN THỊ NGỌC ÁNH",
    "LÂM HÀ",
    "ĐẠ TẺH",
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
    "TRẦN VĂN HƯỚNG, LÊ THỊ MỸ, ĐẶNG ĐỨC THẮNG, PHẠM THỊ HỒNG NHUNG",
    "HỘI LIÊN HIỆP PHỤ NỮ",
    "ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH",
    "KẾ TOÁN TRƯỞNG, THỦ QUỸ, VĂN THƯ",
    "Ỷ LẠI, KỶ LUẬT, HUỲNH, Ỵ, QUÝ, ỸĨ",
]

PHRASE_CASES = [("tcvn3", p) for p in TCVN3_PHRASES] + [("vni", p) for p in VNI_PHRASES]


@pytest.mark.parametrize("enc,phrase", [pytest.param(e, p, id=f"{e}-{p}") for e, p in PHRASE_CASES])
def test_phrase_repairs(enc, phrase):
    legacy = encode(phrase, enc)
    assert legacy != phrase  # every phrase has at least one non-ASCII letter
    assert repair_text(legacy, enc) == phrase


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_ascii_passes_through(enc):
    # Bytes below 0x80 are ASCII in both encodings.
    text = "Total staff 2024: 15 (Ban Dan van, Tinh uy) - ok!"
    assert repair_text(text, enc) == text


# --- detection ---------------------------------------------------------------------------

# the unit and job names the phrase list starts with, a person's name, a job title
UNIT_AND_JOB_NAMES = [*COMMON_PHRASES[:8], "Nguyễn Thị Hồng", "chuyên viên thường trực"]


def test_detect_tcvn3_column():
    column = [encode(v, "tcvn3") for v in UNIT_AND_JOB_NAMES]
    assert detect_legacy(column) == "tcvn3"


def test_detect_tcvn3_column_with_codes_and_blanks():
    column = [encode(v, "tcvn3") for v in UNIT_AND_JOB_NAMES[:6]] + ["", "CT01", "12", "Ban A"]
    assert detect_legacy(column) == "tcvn3"


def test_detect_vni_column():
    column = [encode(v, "vni") for v in UNIT_AND_JOB_NAMES]
    assert detect_legacy(column) == "vni"


def test_detect_vni_upper_case_column():
    names = ["NGUYỄN THỊ NGỌC ÁNH", "TRẦN VĂN HƯỚNG", "LÊ THỊ MỸ", "ĐẶNG ĐỨC THẮNG",
             "PHẠM THỊ HỒNG NHUNG", "ỦY BAN NHÂN DÂN"]
    assert detect_legacy([encode(v, "vni") for v in names]) == "vni"


def test_detect_ascii_column_is_unicode():
    column = ["Total", "Staff", "Director", "Accountant", "n/a", "2024", "Head of unit", ""]
    assert detect_legacy(column) == "unicode"


def test_detect_unicode_vietnamese_column():
    assert detect_legacy(UNIT_AND_JOB_NAMES) == "unicode"


def test_detect_unicode_vietnamese_upper_case_column():
    assert detect_legacy([v.upper() for v in UNIT_AND_JOB_NAMES]) == "unicode"


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_detect_mostly_unicode_column_with_one_stray_legacy_value(enc):
    # Verdict: "unicode". The column's answer decides how EVERY value gets repaired, and
    # repairing Unicode Vietnamese as TCVN3/VNI mangles it (á is a TCVN3 byte for ỏ,
    # ò is the VNI byte for ị, ...). So one stray legacy value mustn't flip nine correct
    # values. That one value should be repaired on its own, not as a whole column.
    column = UNIT_AND_JOB_NAMES[:9] + [encode("Phó Chủ tịch", enc)]
    assert detect_legacy(column) == "unicode"


# --- the module's tables against the chart --------------------------------------------------


def _as_cp1252_text(key) -> str:
    if isinstance(key, int):
        return bytes([key]).decode("cp1252")
    if isinstance(key, (bytes, bytearray)):
        return bytes(key).decode("cp1252")
    return key


@pytest.mark.parametrize("built", ["imported", "built again"])
@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_module_table_agrees_with_chart(enc, built):
    source = TABLES[enc] if built == "imported" else BUILDERS[enc]()
    table = {_as_cp1252_text(k): v for k, v in source.items()}
    missing, wrong = [], []
    for row in CHARTS[enc]:
        if row["cp1252"].isascii():
            continue  # plain ASCII letters need no table entry
        if row["cp1252"] not in table:
            missing.append(f"{row['letter']} ({row['cp1252']!r})")
        elif table[row["cp1252"]] != row["letter"]:
            wrong.append(f"{row['cp1252']!r}: chart {row['letter']!r}, module {table[row['cp1252']]!r}")
    assert not wrong, "module table contradicts the chart: " + "; ".join(wrong)
    assert not missing, "chart letters missing from the module table: " + ", ".join(missing)


@pytest.mark.parametrize("built", ["imported", "built again"])
@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_module_table_has_no_extra_target_for_a_chart_letter(enc, built):
    # Every module key that is not a chart spelling must be a documented leniency, not a
    # second code for a letter. TCVN3 has one code per letter, so there should be no
    # extras at all. For VNI the module also accepts a base letter and modifier in mixed
    # case ("Aø", "aØ"), with the base letter's case deciding. Such a key is allowed only
    # when it is a case variant of a chart spelling and gives that same letter, in the
    # base letter's case.
    chart = {row["cp1252"]: row["letter"] for row in CHARTS[enc]}
    by_folded = {spelling.lower(): letter.lower() for spelling, letter in chart.items()}
    extra = []
    source = TABLES[enc] if built == "imported" else BUILDERS[enc]()
    for key, value in source.items():
        key = _as_cp1252_text(key)
        if key in chart:
            continue
        if (enc == "vni" and len(key) == 2 and by_folded.get(key.lower()) == value.lower()
                and value.isupper() == key[0].isupper()):
            continue
        extra.append(f"{key!r} -> {value!r}")
    assert not extra, "module keys that are neither chart spellings nor case variants: " + ", ".join(sorted(extra))


@pytest.mark.parametrize("built", ["imported", "built again"])
def test_vni_table_accepts_the_modifier_in_either_case(built):
    # Fonts and keyboards mix the case of base letter and modifier ("Aø", "aØ"); the base
    # letter decides the case of the result.
    table = VNI_TO_UNICODE if built == "imported" else BUILDERS["vni"]()
    for row in CHARTS["vni"]:
        spelling, letter = row["cp1252"], row["letter"]
        if len(spelling) != 2:
            continue
        base, mark = spelling
        for variant in (base + mark.swapcase(), base.swapcase() + mark):
            expected = letter.upper() if variant[0].isupper() else letter.lower()
            assert table.get(variant) == expected, (variant, expected)
