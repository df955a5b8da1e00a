"""The words of reject reasons, warnings and the normalise summary, in Vietnamese and English.

One small table keyed by message, so the two languages cannot drift apart and a test
can check every key has both. Reasons are formatted once per distinct (message, value)
pair and mapped back, never once per row.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pilotlib.labels import LANGS

TEXTS: dict[str, dict[str, str]] = {
    # Reject reasons (one cell or one row).
    "empty_unit": {"vi": "ô đơn vị bị trống", "en": "the unit cell is empty"},
    "unknown_unit": {"vi": "không có đơn vị '{value}' trong danh mục{hint}",
                     "en": "unknown unit '{value}'{hint}"},
    "unknown_body": {"vi": "không có tổ chức '{value}' trong danh mục{hint}",
                     "en": "unknown body '{value}'{hint}"},
    "unknown_position": {"vi": "không có chức danh '{value}' trong danh mục{hint}",
                         "en": "unknown position '{value}'{hint}"},
    "did_you_mean": {"vi": " — có phải '{value}'?", "en": " — did you mean '{value}'?"},
    "add_with_units": {"vi": " (nếu tên đúng, thêm vào tệp --units)",
                       "en": " (if the name is right, add it with --units)"},
    "bad_code": {"vi": "mã '{value}' không phải dãy chữ số", "en": "code '{value}' is not all digits"},
    "code_mismatch": {"vi": "mã '{value}' trong tệp khác mã {hint} trong danh mục",
                      "en": "code '{value}' in the file contradicts code {hint} in the vocabulary"},
    "empty_structure": {"vi": "ô mô hình bị trống (cần 'Trước thí điểm' hoặc 'Sau thí điểm')",
                        "en": "the structure cell is empty (expected 'Trước thí điểm' = old or 'Sau thí điểm' = pilot)"},
    "unknown_structure": {"vi": "không rõ mô hình '{value}' (cần 'Trước thí điểm' hoặc 'Sau thí điểm')",
                          "en": "unknown structure '{value}' (expected 'Trước thí điểm' = old or 'Sau thí điểm' = pilot)"},
    "empty": {"vi": "ô số biên chế bị trống", "en": "the count is empty"},
    "negative": {"vi": "số biên chế âm: '{value}'", "en": "negative count: '{value}'"},
    "not_number": {"vi": "không phải số: '{value}'", "en": "not a number: '{value}'"},
    "not_whole": {"vi": "không phải số nguyên: '{value}' (dấu phẩy là dấu thập phân: '21,0' = 21)",
                  "en": "not a whole number: '{value}' (the comma is the decimal mark: '21,0' = 21)"},
    "formula": {"vi": "công thức chưa có giá trị tính sẵn '{value}': mở tệp bằng Excel và lưu lại",
                "en": "formula '{value}' has no cached value: open the file in Excel and save it"},
    "no_count": {"vi": "dòng có đơn vị nhưng không có số biên chế ở cột nào",
                 "en": "the row names a unit but has no count in any count column"},
    # Warnings.
    "total_mismatch": {"vi": "dòng {row} ({label}), cột {column}: tổng ghi {stated}, cộng các dòng được {computed}",
                       "en": "row {row} ({label}), column {column}: the total says {stated} but the rows add up to {computed}"},
    "repaired": {"vi": "cột {column}: chữ phông {encoding} đã được chuyển sang Unicode",
                 "en": "column {column}: {encoding} font text repaired to Unicode"},
    "decoded": {"vi": "tệp mã hoá {encoding}, đã đọc thành Unicode", "en": "file encoded as {encoding}, read as Unicode"},
    "formula_uncached": {"vi": "{count} ô công thức chưa có giá trị tính sẵn ({cells}): mở bằng Excel và lưu lại",
                         "en": "{count} formula cell(s) without a cached value ({cells}): open in Excel and save"},
    "other_sheets": {"vi": "chỉ đọc trang '{sheet}'; không đọc: {others} (chọn trang bằng --sheet)",
                     "en": "read sheet '{sheet}' only; not read: {others} (choose with --sheet)"},
    "sheet_ignored": {"vi": "--sheet '{sheet}' không áp dụng cho tệp CSV", "en": "--sheet '{sheet}' does not apply to a CSV file"},
    "unknown_column": {"vi": "cột {column}: không nhận ra tiêu đề, bỏ qua",
                       "en": "column {column}: header not recognised, ignored"},
    "duplicate_column": {"vi": "cột {column}: trùng vai trò với một cột trước, bỏ qua",
                         "en": "column {column}: same role as an earlier column, ignored"},
    "unlabelled_column": {"vi": "cột {column} có số liệu nhưng không có tiêu đề, bỏ qua",
                          "en": "column {column} has data but no header, ignored"},
    "structure_option_ignored": {"vi": "tệp đã có thông tin mô hình; không dùng --structure {structure}",
                                 "en": "the file has its own structure; --structure {structure} not used"},
    "duplicates": {"vi": "{count} tổ hợp (đơn vị, mô hình, tổ chức, chức danh) lặp lại, vd. {example}: kiểm tra tính trùng",
                   "en": "{count} (unit, structure, body, position) combination(s) repeated, e.g. {example}: check for double counting"},
    # Summary words.
    "summary": {"vi": "đọc {read} dòng: giữ {kept}, loại {rejected}, bỏ qua {skipped}",
                "en": "read {read} rows: kept {kept}, rejected {rejected}, skipped {skipped}"},
    "warnings": {"vi": "Cảnh báo", "en": "Warnings"},
    "first_problems": {"vi": "Các lỗi đầu tiên", "en": "First problems"},
    "row": {"vi": "dòng", "en": "row"},
    "wrote": {"vi": "đã ghi {path} ({rows} dòng)", "en": "wrote {path} ({rows} rows)"},
    # Issue lists (pilotlib normalize issues): reject reasons and warnings.
    "empty_text": {"vi": "ô nội dung bị trống", "en": "the statement is empty"},
    "empty_kind": {"vi": "không rõ loại ý kiến: ô loại trống và không có đề mục 'Khó khăn'/'Kiến nghị' phía trên",
                   "en": "no kind: the kind cell is empty and there is no 'Khó khăn'/'Kiến nghị' heading above"},
    "unknown_kind": {"vi": "không rõ loại '{value}' (cần Khó khăn, Kiến nghị hoặc Ưu điểm)",
                     "en": "unknown kind '{value}' (expected Khó khăn = difficulty, Kiến nghị = recommendation "
                           "or Ưu điểm = advantage)"},
    "unknown_category": {"vi": "không có nhóm vấn đề '{value}'{hint} (để trống thì tự phân loại)",
                         "en": "unknown category '{value}'{hint} (leave it empty to classify automatically)"},
    "issues_other": {"vi": "{count} ý kiến không khớp cụm từ nào, xếp nhóm 'Khác', vd. '{example}'",
                     "en": "{count} statement(s) match no keyword phrase and were put under 'other', e.g. '{example}'"},
    "issues_duplicates": {"vi": "{count} ý kiến lặp lại (cùng đơn vị, loại, nội dung), vd. '{example}'",
                          "en": "{count} statement(s) repeated (same unit, kind and text), e.g. '{example}'"},
    "no_issue_header": {"vi": "không thấy dòng tiêu đề trong {rows} dòng đầu (cần cột 'Nội dung' và cột 'Loại', "
                              "hoặc các cột 'Khó khăn' | 'Kiến nghị')",
                        "en": "no header row in the first {rows} rows (need a 'Nội dung' (text) column and a 'Loại' "
                              "(kind) column, or one column per kind such as 'Khó khăn' | 'Kiến nghị')"},
    # Narrative reports (pilotlib extract): flags on rows to review.
    "flag_not_posts": {"vi": "số không đi kèm 'biên chế': '{value}'", "en": "number not followed by 'biên chế': '{value}'"},
    "flag_weak_unit": {"vi": "tên đơn vị viết thường '{value}': kiểm tra", "en": "unit written in lower case '{value}': check"},
    "flag_several_units": {"vi": "nhiều đơn vị cho một số ({value})", "en": "several units for one number ({value})"},
    "flag_split_unit": {"vi": "tên đơn vị có thể bị chèn chữ vào giữa: '{value}' → {unit}?",
                        "en": "unit name may be split by inserted text: '{value}' → {unit}?"},
    "flag_change": {"vi": "số chỉ mức tăng, giảm hay đề nghị, không phải số biên chế hiện có: '{value}'",
                    "en": "a change or a request, not a count of posts: '{value}'"},
    "flag_conflict": {"vi": "báo cáo ghi số khác cho cùng đơn vị và mô hình: {value}",
                      "en": "the report gives another number for the same unit and structure: {value}"},
    "flag_no_unit": {"vi": "số không có đơn vị đi kèm", "en": "number with no unit nearby"},
    "flag_two_numbers": {"vi": "đơn vị có nhiều số trong câu ({value})", "en": "unit with two or more numbers ({value})"},
    "flag_structure_mixed": {"vi": "câu có cả từ chỉ trước và sau thí điểm: mô hình chưa rõ, tạm ghi thí điểm",
                             "en": "both old and pilot cue words: structure unclear, written as pilot"},
    "flag_structure_assumed": {"vi": "không có từ chỉ mô hình: coi là thí điểm",
                               "en": "structure assumed: no cue word, taken as pilot"},
    "flag_unchanged": {"vi": "báo cáo nói biên chế không thay đổi (đoạn {where}): trước = thí điểm?",
                       "en": "unchanged stated (paragraph {where}): old = pilot?"},
    "flag_boards_mismatch": {"vi": "nêu {count} ban nhưng kể tên {named} ban", "en": "states {count} boards but names {named}"},
    "flag_mention": {"vi": "câu chỉ nhắc tới kiến nghị, có thể không nêu nội dung",
                     "en": "mentions recommendations, may not state one"},
    "flag_short": {"vi": "ý rất ngắn: kiểm tra cách tách", "en": "very short statement: check the split"},
    "extract_summary": {"vi": "{paragraphs} đoạn, {sentences} câu: {staffing} số liệu biên chế, {issues} ý kiến, "
                              "{boards} câu nêu số ban; {flagged} dòng cần kiểm tra",
                        "en": "{paragraphs} paragraphs, {sentences} sentences: {staffing} staffing figures, "
                              "{issues} statements, {boards} board statements; {flagged} rows to check"},
    "extract_nothing": {"vi": "không tìm thấy số liệu biên chế hay khó khăn, kiến nghị nào",
                        "en": "no staffing figure, difficulty or recommendation found"},
    "to_check": {"vi": "Cần kiểm tra", "en": "To check"},
    "paragraph": {"vi": "đoạn", "en": "paragraph"},
}


def text(key: str, lang: str, **values: object) -> str:
    """One message in ``lang`` with its placeholders filled."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return TEXTS[key][lang].format(**values)


def hint(key: str | None, lang: str, value: object = "") -> str:
    """A "did you mean …" (or other) tail for a reason; "" without a key."""
    return text(key, lang, value=value) if key else ""


def reasons(keys: pd.Series, values: pd.Series, hints: pd.Series, lang: str) -> np.ndarray:
    """Format a reason per row, once per distinct (key, value, hint) triple."""
    parts = [pd.Series(p.to_numpy(object), dtype=object).astype(str) for p in (keys, values, hints)]
    codes, uniques = pd.factorize(parts[0] + "\x1f" + parts[1] + "\x1f" + parts[2])
    triples = ((u.split("\x1f", 1)[0], *u.split("\x1f", 1)[1].rsplit("\x1f", 1)) for u in uniques)
    table = np.array([text(k, lang, value=v, hint=h) for k, v, h in triples], dtype=object)
    return table[codes]
