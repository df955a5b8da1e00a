"""Why an input row was rejected, and the hints that follow a reason (namespace ``reason``, ``hint``).

The key of a reason is also the ``reason_key`` of its reject rows, so analysts and tests
filter rejects by key, never by wording.
"""
from __future__ import annotations

# Reject reasons: one cell or one row ({value}: the cell as read; {hint}: a hint below).
REASONS: dict[str, dict[str, str]] = {
    "extra_cells": {
        "vi": "thừa cột — đặt nội dung trong dấu ngoặc kép (dòng có ô '{value}' ngoài các cột có tiêu đề)",
        "en": "extra cells — put the text in double quotes (the row has a cell '{value}' beyond the headed columns)",
    },
    "empty_unit": {
        "vi": "ô đơn vị bị trống",
        "en": "the unit cell is empty",
    },
    "unknown_unit": {
        "vi": "không có đơn vị '{value}' trong danh mục{hint}",
        "en": "unknown unit '{value}'{hint}",
    },
    "ambiguous_unit": {
        "vi": "'{value}' là tên của nhiều đơn vị{hint}",
        "en": "'{value}' names several units{hint}",
    },
    "unit_outside": {
        "vi": "không có đơn vị '{value}'{hint}",
        "en": "no unit '{value}'{hint}",
    },
    "unknown_code": {
        "vi": "không có mã '{value}' trong danh mục{hint}",
        "en": "unknown code '{value}'{hint}",
    },
    "ambiguous_code": {
        "vi": "mã '{value}' là mã của nhiều đơn vị (mã được dùng lại qua các danh mục){hint}",
        "en": "code '{value}' belongs to several units (codes were reused across lists){hint}",
    },
    "unknown_place": {
        "vi": "không có tỉnh, huyện '{value}' trong danh mục{hint}",
        "en": "unknown province or district '{value}'{hint}",
    },
    "province_outside": {
        "vi": "không có tỉnh '{value}'{hint}",
        "en": "no province '{value}'{hint}",
    },
    "district_outside": {
        "vi": "không có huyện '{value}'{hint}",
        "en": "no district '{value}'{hint}",
    },
    "ambiguous_place": {
        "vi": "'{value}' là tên của nhiều tỉnh, huyện{hint}",
        "en": "'{value}' names several provinces or districts{hint}",
    },
    "bad_date": {
        "vi": "'{value}' không phải ngày hay kỳ (vd. 2024, 06/2024, 15/06/2024, Quý I/2025)",
        "en": "'{value}' is not a date or period (e.g. 2024, 06/2024, 15/06/2024, Quý I/2025)",
    },
    "unknown_body": {
        "vi": "không có tổ chức '{value}' trong danh mục{hint}",
        "en": "unknown body '{value}'{hint}",
    },
    "unknown_position": {
        "vi": "không có chức danh '{value}' trong danh mục{hint}",
        "en": "unknown position '{value}'{hint}",
    },
    "bad_code": {
        "vi": "mã '{value}' không phải dãy chữ số",
        "en": "code '{value}' is not all digits",
    },
    "code_mismatch": {
        "vi": "mã '{value}' trong tệp khác mã {hint} trong danh mục",
        "en": "code '{value}' in the file contradicts code {hint} in the vocabulary",
    },
    "empty_structure": {
        "vi": "ô mô hình bị trống (cần 'Trước thí điểm' hoặc 'Sau thí điểm')",
        "en": "the structure cell is empty (expected 'Trước thí điểm' = old or 'Sau thí điểm' = pilot)",
    },
    "unknown_structure": {
        "vi": "không rõ mô hình '{value}' (cần 'Trước thí điểm' hoặc 'Sau thí điểm')",
        "en": "unknown structure '{value}' (expected 'Trước thí điểm' = old or 'Sau thí điểm' = pilot)",
    },
    "empty": {
        "vi": "ô số biên chế bị trống",
        "en": "the count is empty",
    },
    "negative": {
        "vi": "số biên chế âm: '{value}'",
        "en": "negative count: '{value}'",
    },
    "not_number": {
        "vi": "không phải số: '{value}'",
        "en": "not a number: '{value}'",
    },
    "not_whole": {
        "vi": "không phải số nguyên: '{value}' (dấu phẩy là dấu thập phân: '21,0' = 21)",
        "en": "not a whole number: '{value}' (the comma is the decimal mark: '21,0' = 21)",
    },
    "formula": {
        "vi": "công thức chưa có giá trị tính sẵn '{value}': mở tệp bằng Excel và lưu lại",
        "en": "formula '{value}' has no cached value: open the file in Excel and save it",
    },
    "no_count": {
        "vi": "dòng có đơn vị nhưng không có số biên chế ở cột nào",
        "en": "the row names a unit but has no count in any count column",
    },
    "empty_text": {
        "vi": "ô nội dung bị trống",
        "en": "the statement is empty",
    },
    "empty_kind": {
        "vi": "không rõ loại ý kiến: ô loại trống và không có đề mục 'Khó khăn'/'Kiến nghị' phía trên",
        "en": "no kind: the kind cell is empty and there is no 'Khó khăn'/'Kiến nghị' heading above",
    },
    "unknown_kind": {
        "vi": "không rõ loại '{value}' (cần Khó khăn, Kiến nghị hoặc Ưu điểm)",
        "en": "unknown kind '{value}' (expected Khó khăn = difficulty, Kiến nghị = recommendation or Ưu điểm = advantage)",
    },
    "unknown_category": {
        "vi": "không có nhóm vấn đề '{value}'{hint} (để trống thì tự phân loại)",
        "en": "unknown category '{value}'{hint} (leave it empty to classify automatically)",
    },
    "flagged": {
        "vi": "dòng được đánh dấu cần kiểm tra: {value}",
        "en": "row flagged for review: {value}",
    },
    "not_canonical": {
        "vi": "bảng chuẩn cần tên chuẩn trong danh mục, không phải '{value}'{hint}",
        "en": "a tidy table needs the canonical name, not '{value}'{hint}",
    },
    "group_mismatch": {
        "vi": "nhóm '{value}' không khớp chức danh '{position}' (nhóm {expected})",
        "en": "group '{value}' does not match position '{position}' (group {expected})",
    },
    "unknown_group": {
        "vi": "nhóm chức danh '{value}' không hợp lệ (cần leadership, specialist, support hoặc để trống)",
        "en": "position group '{value}' is not leadership, specialist, support or empty",
    },
    "bad_structure": {
        "vi": "mô hình '{value}' không hợp lệ (cần old hoặc pilot)",
        "en": "structure '{value}' is not 'old' or 'pilot'",
    },
    "bad_vintage": {
        "vi": "danh mục mã '{value}' không hợp lệ (cần một năm, vd. 2023, hoặc một danh mục: {allowed})",
        "en": "code vintage '{value}' is neither a year (e.g. 2023) nor a list: {allowed}",
    },
    "bad_provenance": {
        "vi": "nguồn '{value}' không hợp lệ (cần source, analyst hoặc illustrative)",
        "en": "provenance '{value}' is not source, analyst or illustrative",
    },
    "bad_kind": {
        "vi": "loại '{value}' không hợp lệ (cần difficulty, recommendation hoặc advantage)",
        "en": "kind '{value}' is not difficulty, recommendation or advantage",
    },
    "bad_category": {
        "vi": "nhóm vấn đề '{value}' không hợp lệ (cần một trong: {allowed})",
        "en": "category '{value}' is not one of: {allowed}",
    },
    "too_large": {
        "vi": "số biên chế quá lớn: '{value}'{hint}",
        "en": "count too large: '{value}'{hint}",
    },
    "duplicate_row": {
        "vi": "trùng hệt dòng {other}{more}: các dòng trùng đều bị loại (giữ một dòng rồi chạy lại)",
        "en": "an exact copy of row {other}{more}: every copy is rejected (keep one and run again)",
    },
    "duplicate_key": {
        "vi": "cùng đơn vị, mô hình, tổ chức và chức danh với dòng {other}{more} nhưng số liệu khác: "
              "không biết dòng nào đúng, các dòng đều bị loại",
        "en": "same unit, structure, body and position as row {other}{more} with other figures: "
              "which is right is unknown, so every one is rejected",
    },
    "duplicate_issue": {
        "vi": "cùng đơn vị, loại và nội dung với dòng {other}{more} nhưng khác nhóm vấn đề: các dòng đều bị loại",
        "en": "same unit, kind and text as row {other}{more} but another category: every one is rejected",
    },
}


# Tails of a reason: "did you mean …", or what to do.
HINTS: dict[str, dict[str, str]] = {
    "did_you_mean": {
        "vi": " — có phải '{value}'?",
        "en": " — did you mean '{value}'?",
    },
    "one_of": {
        "vi": " — có phải {value}?",
        "en": " — did you mean {value}?",
    },
    "add_context": {
        "vi": " (thêm cột tỉnh hoặc huyện, --province hoặc --as-of)",
        "en": " (add a province or district column, --province or --as-of)",
    },
    "in_place": {
        "vi": " ở {value}",
        "en": " in {value}",
    },
    "in_period": {
        "vi": " vào {value}",
        "en": " on {value}",
    },
    "more": {
        "vi": " … (và {value} đơn vị khác)",
        "en": " … (and {value} more)",
    },
    "unit_in": {
        "vi": "{unit} ({place})",
        "en": "{unit} in {place}",
    },
    "unit_since": {
        "vi": "{unit}, từ {date}",
        "en": "{unit}, from {date}",
    },
    "unit_until": {
        "vi": "{unit}, đến {date}",
        "en": "{unit}, until {date}",
    },
    "add_with_units": {
        "vi": " (nếu tên đúng, thêm vào tệp --units)",
        "en": " (if the name is right, add it with --units)",
    },
    "max_posts": {
        "vi": " (tối đa {value} mỗi dòng; đổi mức này bằng biến môi trường PILOTLIB_MAX_POSTS)",
        "en": " (at most {value} per row; set PILOTLIB_MAX_POSTS to change it)",
    },
    "more_rows": {
        "vi": " (và {value} dòng khác)",
        "en": " (and {value} more rows)",
    },
    "in_file": {
        "vi": " của {value}",
        "en": " of {value}",
    },
}
