"""Words of the normalise/extract summaries, warnings and extract flags (namespaces
``warning``, ``cli``, ``flag``).
"""
from __future__ import annotations

# Warnings: the input was used, but something deserves a look.
WARNINGS: dict[str, dict[str, str]] = {
    "total_mismatch": {
        "vi": "dòng {row} ({label}), cột {column}: tổng ghi {stated}, cộng các dòng được {computed}",
        "en": "row {row} ({label}), column {column}: the total says {stated} but the rows add up to {computed}",
    },
    "repaired": {
        "vi": "cột {column}: chữ phông {encoding} đã được chuyển sang Unicode",
        "en": "column {column}: {encoding} font text repaired to Unicode",
    },
    "decoded": {
        "vi": "tệp mã hoá {encoding}, đã đọc thành Unicode",
        "en": "file encoded as {encoding}, read as Unicode",
    },
    "formula_uncached": {
        "vi": "{count} ô công thức chưa có giá trị tính sẵn ({cells}): mở bằng Excel và lưu lại",
        "en": "{count} formula cell(s) without a cached value ({cells}): open in Excel and save",
    },
    "other_sheets": {
        "vi": "chỉ đọc trang '{sheet}'; không đọc: {others} (chọn trang bằng --sheet)",
        "en": "read sheet '{sheet}' only; not read: {others} (choose with --sheet)",
    },
    "sheet_ignored": {
        "vi": "--sheet '{sheet}' không áp dụng cho tệp CSV",
        "en": "--sheet '{sheet}' does not apply to a CSV file",
    },
    "unknown_column": {
        "vi": "cột {column}: không nhận ra tiêu đề, bỏ qua",
        "en": "column {column}: header not recognised, ignored",
    },
    "duplicate_column": {
        "vi": "cột {column}: trùng vai trò với một cột trước, bỏ qua",
        "en": "column {column}: same role as an earlier column, ignored",
    },
    "unlabelled_column": {
        "vi": "cột {column} có số liệu nhưng không có tiêu đề, bỏ qua",
        "en": "column {column} has data but no header, ignored",
    },
    "structure_option_ignored": {
        "vi": "tệp đã có thông tin mô hình; không dùng --structure {structure}",
        "en": "the file has its own structure; --structure {structure} not used",
    },
    "issues_other": {
        "vi": "{count} ý kiến không khớp cụm từ nào, xếp nhóm 'Khác', vd. '{example}'",
        "en": "{count} statement(s) match no keyword phrase and were put under 'other', e.g. '{example}'",
    },
    "no_issue_header": {
        "vi": "không thấy dòng tiêu đề trong {rows} dòng đầu (cần cột 'Nội dung' và cột 'Loại', hoặc các cột 'Khó khăn' | 'Kiến nghị')",
        "en": "no header row in the first {rows} rows (need a 'Nội dung' (text) column and a 'Loại' (kind) column, or one column per kind such as 'Khó khăn' | 'Kiến nghị')",
    },
    "old_rejects": {
        "vi": "đã có tệp dòng bị loại từ lần chuẩn hóa trước: {file} (không dùng làm số liệu)",
        "en": "a rejects file from an earlier normalisation is present: {file} (not used as data)",
    },
}


# Summary words printed by the commands.
CLI: dict[str, dict[str, str]] = {
    "summary": {
        "vi": "đọc {read} dòng: giữ {kept}, loại {rejected}, bỏ qua {skipped}",
        "en": "read {read} rows: kept {kept}, rejected {rejected}, skipped {skipped}",
    },
    "warnings": {
        "vi": "Cảnh báo",
        "en": "Warnings",
    },
    "first_problems": {
        "vi": "Các lỗi đầu tiên",
        "en": "First problems",
    },
    "row": {
        "vi": "dòng",
        "en": "row",
    },
    "wrote": {
        "vi": "đã ghi {path} ({rows} dòng)",
        "en": "wrote {path} ({rows} rows)",
    },
    "extract_summary": {
        "vi": "{paragraphs} đoạn, {sentences} câu: {staffing} số liệu biên chế, {issues} ý kiến, {boards} câu nêu số ban; {flagged} dòng cần kiểm tra",
        "en": "{paragraphs} paragraphs, {sentences} sentences: {staffing} staffing figures, {issues} statements, {boards} board statements; {flagged} rows to check",
    },
    "extract_nothing": {
        "vi": "không tìm thấy số liệu biên chế hay khó khăn, kiến nghị nào",
        "en": "no staffing figure, difficulty or recommendation found",
    },
    "to_check": {
        "vi": "Cần kiểm tra",
        "en": "To check",
    },
    "paragraph": {
        "vi": "đoạn",
        "en": "paragraph",
    },
    "help_raw_csv": {
        "vi": "CSV giữ nguyên văn bản, không thêm ' trước = + - @ (cho chương trình khác; đừng mở bằng Excel)",
        "en": "CSV texts exactly as read, no ' before = + - @ (for other programs; do not open in Excel)",
    },
    "help_rejects": {
        "vi": "tệp dòng bị loại (.xlsx → Excel; mặc định OUT.rejects.csv, hoặc OUT.rejects.xlsx khi -o OUT.xlsx)",
        "en": "rejects file (.xlsx → Excel; default OUT.rejects.csv, or OUT.rejects.xlsx for -o OUT.xlsx)",
    },
    "help_force_extract": {
        "vi": "ghi đè staffing.csv, issues.csv, boards.csv đã có trong DIR",
        "en": "overwrite staffing.csv, issues.csv, boards.csv already in DIR",
    },
    "help_force_template": {
        "vi": "ghi đè tệp đã có",
        "en": "overwrite an existing file",
    },
    "csv_formula_note": {
        "vi": "CSV ghi cho Excel: ô chữ bắt đầu bằng = + - @ (hoặc tab, CR) được thêm dấu ' ở đầu để Excel không chạy "
              "như công thức (số như -5 giữ nguyên; pilotlib bỏ dấu ' khi đọc lại); --raw-csv giữ nguyên văn bản; "
              ".xlsx luôn lưu dạng chữ, không thêm gì",
        "en": "CSV is written for Excel: a text cell starting with = + - @ (or tab, CR) gets a leading ' so Excel "
              "cannot run it as a formula (numbers such as -5 stay numbers; pilotlib removes the ' when it reads "
              "the file back); --raw-csv keeps texts exactly; .xlsx always stores text as text, unchanged",
    },
}


# Flags on extracted rows that need a person's review (pilotlib extract).
FLAGS: dict[str, dict[str, str]] = {
    "not_posts": {
        "vi": "số không đi kèm 'biên chế': '{value}'",
        "en": "number not followed by 'biên chế': '{value}'",
    },
    "weak_unit": {
        "vi": "tên đơn vị viết thường '{value}': kiểm tra",
        "en": "unit written in lower case '{value}': check",
    },
    "several_units": {
        "vi": "nhiều đơn vị cho một số ({value})",
        "en": "several units for one number ({value})",
    },
    "split_unit": {
        "vi": "tên đơn vị có thể bị chèn chữ vào giữa: '{value}' → {unit}?",
        "en": "unit name may be split by inserted text: '{value}' → {unit}?",
    },
    "change": {
        "vi": "số chỉ mức tăng, giảm hay đề nghị, không phải số biên chế hiện có: '{value}'",
        "en": "a change or a request, not a count of posts: '{value}'",
    },
    "conflict": {
        "vi": "báo cáo ghi số khác cho cùng đơn vị và mô hình: {value}",
        "en": "the report gives another number for the same unit and structure: {value}",
    },
    "repeated": {
        "vi": "báo cáo đã nêu số này cho cùng đơn vị và mô hình ở đoạn {value}: dòng này sẽ tính trùng",
        "en": "the report gives this figure for the same unit and structure in paragraph {value} already: "
              "this row would count it twice",
    },
    "too_large": {
        "vi": "số quá lớn cho số biên chế một dòng: '{value}' (tối đa {most})",
        "en": "too large for the posts of one row: '{value}' (at most {most})",
    },
    "no_unit": {
        "vi": "số không có đơn vị đi kèm",
        "en": "number with no unit nearby",
    },
    "two_numbers": {
        "vi": "đơn vị có nhiều số trong câu ({value})",
        "en": "unit with two or more numbers ({value})",
    },
    "structure_mixed": {
        "vi": "câu có cả từ chỉ trước và sau thí điểm: mô hình chưa rõ, tạm ghi thí điểm",
        "en": "both old and pilot cue words: structure unclear, written as pilot",
    },
    "structure_assumed": {
        "vi": "không có từ chỉ mô hình: coi là thí điểm",
        "en": "structure assumed: no cue word, taken as pilot",
    },
    "unchanged": {
        "vi": "báo cáo nói biên chế không thay đổi (đoạn {where}): trước = thí điểm?",
        "en": "unchanged stated (paragraph {where}): old = pilot?",
    },
    "boards_mismatch": {
        "vi": "nêu {count} ban nhưng kể tên {named} ban",
        "en": "states {count} boards but names {named}",
    },
    "aggregate": {
        "vi": "số cộng gộp nhiều đơn vị (tổng, tính chung): không phải số của một đơn vị",
        "en": "a sum over several units (total): not one unit's count",
    },
    "several_bodies": {
        "vi": "số chung cho nhiều tổ chức ({value} và …): để trống tổ chức, cần kiểm tra",
        "en": "one number for several bodies ({value} and …): body left empty, check",
    },
    "board_and": {
        "vi": "tên ban có chữ 'và' ('{value}'): một ban hay hai ban?",
        "en": "a board name holds 'và' ('{value}'): one board or two?",
    },
    "caption": {
        "vi": "chú thích ảnh chen vào giữa câu: kiểm tra số và đơn vị",
        "en": "a photo caption is pasted into the sentence: check the number and unit",
    },
    "no_topic": {
        "vi": "không nhận ra chủ đề (nhóm 'khác'): có đúng là khó khăn/kiến nghị không?",
        "en": "no topic recognised (category 'other'): is it really a difficulty/recommendation?",
    },
    "mention": {
        "vi": "câu chỉ nhắc tới kiến nghị, có thể không nêu nội dung",
        "en": "mentions recommendations, may not state one",
    },
    "short": {
        "vi": "ý rất ngắn: kiểm tra cách tách",
        "en": "very short statement: check the split",
    },
    "unit_unclear": {
        "vi": "câu nêu {value} nhưng ý này không ghi đơn vị: để trống (= mọi đơn vị), cần kiểm tra",
        "en": "the sentence names {value} but this statement names no unit: left empty (= all units), check",
    },
    "statement_units": {
        "vi": "ý nêu nhiều đơn vị ({value}): để trống, cần kiểm tra",
        "en": "the statement names several units ({value}): left empty, check",
    },
}


