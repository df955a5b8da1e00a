"""Header words and layouts: long and wide forms, one- and two-row headers."""
from __future__ import annotations

import pandas as pd
import pytest

from pilotlib.core.errors import DataError
from pilotlib.ingest import staffing_layout
from pilotlib.reference import header_words


@pytest.mark.parametrize(("label", "field"), [
    ("Đơn vị", "unit"), ("don vi", "unit"), ("ĐƠN VỊ", "unit"), ("Tên đơn vị", "unit"), ("Huyện", "unit"),
    ("Quận/huyện", "unit"), ("Quận, huyện", "unit"), ("unit", "unit"),
    ("Mã ĐVHC", "unit_code"), ("unit_code", "unit_code"),
    ("Mô hình", "structure"), ("Cơ cấu", "structure"),
    ("Tổ chức", "body"), ("Cơ quan", "body"),
    ("Chức danh", "position"), ("Chức vụ", "position"),
    ("Số biên chế", "posts"), ("So luong", "posts"), ("Số lượng", "posts"), ("Số biên chế (người)", "posts"),
    ("Biên chế\nđược giao", "posts"),  # a line break inside the header cell
    ("Trước thí điểm", "old"), ("trc thi diem", None), ("Mô hình cũ", "old"),
    ("Sau thí điểm", "pilot"), ("sau thi diem", "pilot"), ("Mô hình mới", "pilot"),
    ("Biên chế năm 2018 (trước thí điểm)", "old"),  # a known label inside a longer one
    ("Tổng cộng", "total"), ("STT", "ignore"), ("Ghi chú", "ignore"),
    ("Đơn vị tính", "ignore"), ("Người ký", None), ("", None), (None, None),
])
def test_classify(label, field):
    assert header_words.classify(label)[0] == field


def test_body_names_as_headers():
    assert header_words.classify("Hội LHPN") == ("body_name", "Hội Liên hiệp Phụ nữ")
    assert header_words.classify("UBMTTQ (người)") == ("body_name", "Ủy ban MTTQ")


@pytest.mark.parametrize(("text", "total"), [
    ("Tổng cộng", True), ("TỔNG CỘNG:", True), ("Cộng", True), ("Cộng:", True), ("Cộng (3 huyện)", True),
    ("Tổng cộng toàn tỉnh", True), ("Tổng số", True), ("Toàn tỉnh", True),
    ("Công đoàn", False),  # folds to "cong doan": a body, not "Cộng"
    ("Tổng hợp", False), ("Ban Tổng hợp", False), ("Lâm Hà", False),
])
def test_total_labels(text, total):
    assert header_words.is_total(text) is total


@pytest.mark.parametrize(("text", "note"), [
    ("Ghi chú: số liệu tạm tính", True), ("(*) Số liệu năm 2018", True), ("* Nguồn: Ban Tổ chức", True),
    ("Người lập biểu", True), ("KT. CHỦ TỊCH", True), ("Trong đó: nữ", True),
    ("Lâm Hà", False), ("Nguyễn Văn A", False),
])
def test_note_labels(text, note):
    assert header_words.is_note(text) is note


def _grid(rows):
    width = max(len(r) for r in rows)
    return pd.DataFrame([list(r) + [None] * (width - len(r)) for r in rows], dtype=object)


def test_long_layout():
    layout = staffing_layout.find_layout(_grid([["Bảng"], [], ["STT", "Đơn vị", "Mô hình", "Tổ chức", "Số lượng"]]), "x")
    assert layout.header_rows == [2] and layout.data_start == 3
    assert layout.keys == {"unit": 1, "structure": 2, "body": 3}
    assert [(v.col, v.structure, v.body) for v in layout.values] == [(4, None, None)]


def test_two_row_header_exported_to_csv_without_merges():
    # CSV exports keep a merged header only in its first cell: it is spread right.
    layout = staffing_layout.find_layout(_grid([["Đơn vị", "Biên chế được giao", ""], ["", "Trước thí điểm", "Sau thí điểm"]]), "x")
    assert layout.header_rows == [0, 1]
    assert [(v.col, v.structure) for v in layout.values] == [(1, "old"), (2, "pilot")]
    assert layout.labels[2] == "C (Biên chế được giao / Sau thí điểm)"


def test_header_row_found_under_its_upper_half():
    # The upper row has only "Biên chế được giao"; "Đơn vị" sits on the lower row.
    layout = staffing_layout.find_layout(_grid([["", "Biên chế được giao", ""], ["Đơn vị", "Trước", "Sau"]]), "x")
    assert layout.header_rows == [0, 1]
    assert [v.structure for v in layout.values] == ["old", "pilot"]


def test_a_title_is_not_part_of_the_header():
    layout = staffing_layout.find_layout(_grid([["Biên chế sau thí điểm"], ["Đơn vị", "Mô hình", "Số lượng"]]), "x")
    assert layout.header_rows == [1] and layout.values[0].structure is None


def test_wide_by_body():
    layout = staffing_layout.find_layout(_grid([["Đơn vị", "UBMTTQ", "HND", "Tổng"]]), "x")
    assert [(v.body, v.structure) for v in layout.values] == [("Ủy ban MTTQ", None), ("Hội Nông dân", None)]


def test_a_lone_total_column_is_the_count():
    layout = staffing_layout.find_layout(_grid([["Đơn vị", "Mô hình", "Tổng số"]]), "x")
    assert [v.col for v in layout.values] == [2]


def test_unknown_and_duplicate_columns_are_reported():
    layout = staffing_layout.find_layout(_grid([["Đơn vị", "Huyện", "Trước thí điểm", "Trước TĐ", "Người ký"]]), "x")
    assert layout.keys["unit"] == 0 and layout.duplicates == [1, 3] and layout.unknown == [4]


def test_no_header_is_unusable_input():
    with pytest.raises(DataError, match="no header row"):
        staffing_layout.find_layout(_grid([["Lâm Hà", 20], ["Đạ Tẻh", 21]]), "file.csv")


def test_header_words_are_data():
    words = header_words.words()
    assert words.exact["don vi"] == "unit" and ("tong cong", True) in words.totals
