"""Why a whole file, folder or option is refused (namespace ``error``): the words of a
``DataError`` (exit status 2, nothing written). ``core.i18n.refusal`` puts them after
the path, Vietnamese first, then English: "<path>: <vi> / <en>", and the system's own
words last when there are any ("…: cannot read: Permission denied").
"""
from __future__ import annotations

ERRORS: dict[str, dict[str, str]] = {
    "does_not_exist": {
        "vi": "không tồn tại",
        "en": "does not exist",
    },
    "is_a_folder": {
        "vi": "là thư mục, không phải tệp",
        "en": "is a folder, not a file",
    },
    "not_regular_file": {
        "vi": "không phải tệp thông thường (FIFO, thiết bị, socket…), không đọc",
        "en": "is not a regular file (a FIFO, device or socket); not read",
    },
    "cannot_read": {
        "vi": "không đọc được",
        "en": "cannot read",
    },
    "cannot_write": {
        "vi": "không ghi được",
        "en": "cannot write",
    },
    "duplicate_header": {
        "vi": "tiêu đề có cột trùng tên: {columns} (đổi tên hoặc xoá một cột)",
        "en": "the header names a column twice: {columns} (rename or delete one)",
    },
    "duplicate_data_column": {
        "vi": "cột {first} và cột {second} cùng chứa một loại số liệu; chỉ đọc được một cột (xoá hoặc đổi tên một cột)",
        "en": "columns {first} and {second} hold the same data; only one could be read (delete or rename one)",
    },
    "text_too_long_for_xlsx": {
        "vi": "cột {column}, dòng {row}: văn bản dài {length} ký tự, Excel chỉ chứa {limit} ký tự một ô; hãy ghi ra .csv",
        "en": "column {column}, row {row}: a text of {length} characters; an Excel cell holds {limit}; write a .csv instead",
    },
    "encoding_unknown": {
        "vi": "không nhận ra mã hoá ({encoding}); hãy lưu lại dạng văn bản UTF-8",
        "en": "unsupported text encoding ({encoding}); save it as UTF-8 text",
    },
    "csv_unbalanced_quote": {
        "vi": "không đọc được CSV: dấu ngoặc kép (\") mở ở dòng {line} không được đóng",
        "en": "cannot parse the CSV: the quote (\") opened on line {line} is never closed",
    },
    "csv_unparsable": {
        "vi": "không đọc được CSV ({detail})",
        "en": "cannot parse the CSV text ({detail})",
    },
    "exists_use_force": {
        "vi": "đã có, không ghi đè; thêm --force để ghi đè",
        "en": "already exists; not overwritten (add --force to overwrite)",
    },
    "max_posts_setting": {
        "vi": "PILOTLIB_MAX_POSTS phải là số nguyên từ 1 đến {limit}, không phải '{value}'",
        "en": "PILOTLIB_MAX_POSTS must be a whole number from 1 to {limit}, not '{value}'",
    },
    # Data-set files: units and categories (pilotlib report --categories, a categories file in --data).
    "two_own_files": {
        "vi": "hai tệp '{kind}' (đơn vị, tổ chức, chức danh hoặc nhóm vấn đề), chỉ dùng được một",
        "en": "two '{kind}' files (units, bodies, positions or categories), give one",
    },
    "categories_missing": {
        "vi": "không có tệp nhóm vấn đề này",
        "en": "no such categories file",
    },
    "categories_columns": {
        "vi": "tệp nhóm vấn đề thiếu cột {columns} (cần category, label_vi, label_en, keywords)",
        "en": "the categories file lacks column(s) {columns} (needs category, label_vi, label_en, keywords)",
    },
    "categories_key": {
        "vi": "dòng {line}: mã nhóm '{value}' chỉ được gồm chữ thường không dấu, số và '_'",
        "en": "line {line}: category key '{value}' may hold only lower-case letters, digits and '_'",
    },
    "categories_fallback": {
        "vi": "dòng {line}: '{value}' là nhóm mặc định khi không khớp từ khoá nào, không thêm từ khoá được",
        "en": "line {line}: '{value}' is the no-match fallback and cannot own keywords",
    },
    "categories_label": {
        "vi": "dòng {line}: nhóm có sẵn '{category}' đã có nhãn, không đổi thành '{value}' được",
        "en": "line {line}: bundled category '{category}' has its own label, not '{value}'",
    },
    "categories_labels": {
        "vi": "dòng {line}: nhóm mới '{category}' cần cả label_vi và label_en",
        "en": "line {line}: new category '{category}' needs both label_vi and label_en",
    },
    "categories_weight": {
        "vi": "dòng {line}: trọng số '{value}' phải là số dương",
        "en": "line {line}: weight '{value}' must be a positive number",
    },
    "categories_keywords": {
        "vi": "dòng {line}: nhóm '{category}' không có từ khoá nào (ngăn cách bằng '|')",
        "en": "line {line}: category '{category}' has no keywords ('|'-separated)",
    },
    "categories_phrase": {
        "vi": "dòng {line}: từ khoá '{value}' đã thuộc nhóm '{category}'",
        "en": "line {line}: keyword '{value}' already belongs to category '{category}'",
    },
}
