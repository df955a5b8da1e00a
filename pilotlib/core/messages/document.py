"""Words of the submitted formats (namespace ``doc``): the Word report in the
administrative layout (Nghị định 30/2020/NĐ-CP, Phụ lục I), the Excel annex and the
appendix of the HTML page. Vietnamese first, English second.
"""
from __future__ import annotations

DOCUMENT: dict[str, dict[str, str]] = {
    "national_name": {
        "vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "en": "SOCIALIST REPUBLIC OF VIET NAM",
    },
    "national_motto": {
        "vi": "Độc lập - Tự do - Hạnh phúc",
        "en": "Independence - Freedom - Happiness",
    },
    "party_name": {
        "vi": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "en": "COMMUNIST PARTY OF VIET NAM",
    },
    "number_state": {
        "vi": "Số: {number}/BC-{symbol}",
        "en": "No.: {number}/BC-{symbol}",
    },
    "number_party": {
        "vi": "Số {number}-BC/{symbol}",
        "en": "No. {number}-BC/{symbol}",
    },
    "place_date": {
        "vi": "{place}, ngày {day} tháng {month} năm {year}",
        "en": "{place}, {day}/{month}/{year}",
    },
    "doc_type": {
        "vi": "BÁO CÁO",
        "en": "REPORT",
    },
    "to": {
        "vi": "Kính gửi: {to}",
        "en": "To: {to}",
    },
    "summary_unit_report": {
        "vi": "Kết quả thí điểm {subject} tại {unit}",
        "en": "Results of the pilot ({subject}) in {unit}",
    },
    "summary_comparison": {
        "vi": "Sơ kết thí điểm {subject}, so sánh với cơ cấu cũ",
        "en": "Review of the pilot ({subject}) against the old structure",
    },
    "summary_issues": {
        "vi": "Khó khăn, kiến nghị trong thí điểm {subject}",
        "en": "Difficulties and recommendations in the pilot ({subject})",
    },
    "annex_excel": {
        "vi": "Toàn bộ bảng số liệu của báo cáo có trong tệp Excel kèm theo: {file}.",
        "en": "Every data table of this report is in the accompanying Excel file: {file}.",
    },
    "part_results": {
        "vi": "I. KẾT QUẢ",
        "en": "I. RESULTS",
    },
    "part_limits": {
        "vi": "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
        "en": "II. LIMITATIONS, DIFFICULTIES AND THEIR CAUSES",
    },
    "part_proposals": {
        "vi": "III. KIẾN NGHỊ, ĐỀ XUẤT",
        "en": "III. RECOMMENDATIONS AND PROPOSALS",
    },
    "part_annex": {
        "vi": "PHỤ LỤC: SỐ LIỆU, NGUỒN, CÁCH TÍNH",
        "en": "ANNEX: DATA, SOURCES, METHOD",
    },
    "annex_data": {
        "vi": "Số liệu",
        "en": "Data",
    },
    "annex_sources": {
        "vi": "Tài liệu được trích dẫn",
        "en": "Documents cited",
    },
    "annex_method": {
        "vi": "Cách tính",
        "en": "Method",
    },
    "annex_technical": {
        "vi": "Thông tin kỹ thuật về lần chạy",
        "en": "Technical record of the run",
    },
    "key_figures": {
        "vi": "Số liệu chính",
        "en": "Key figures",
    },
    "no_limits": {
        "vi": "Số liệu không nêu khó khăn, hạn chế nào.",
        "en": "The data state no difficulty or limitation.",
    },
    "no_proposals": {
        "vi": "Số liệu không nêu kiến nghị, đề xuất nào.",
        "en": "The data state no recommendation or proposal.",
    },
    "no_sources": {
        "vi": "Báo cáo không trích dẫn tài liệu nào (số liệu do người phân tích cung cấp hoặc minh họa).",
        "en": "The report cites no document (the data are the analyst's own or illustrative).",
    },
    "statement_topic": {
        "vi": "nhóm: {topic}",
        "en": "topic: {topic}",
    },
    "statement_source": {
        "vi": "nguồn: {citation}",
        "en": "source: {citation}",
    },
    "method": {
        "vi": ("Mọi con số trong báo cáo được tính từ các bảng số liệu ở Phụ lục này, không gõ tay. "
               "Thay đổi = biên chế thí điểm − biên chế trước thí điểm; tỷ lệ (%) tính trên biên chế "
               "trước thí điểm. Số được làm tròn nửa lên (như hàm ROUND của Excel). Tổng chỉ cộng các "
               "đơn vị có đủ số liệu cả trước và trong thí điểm. Cột \u201cNguồn số liệu\u201d của mỗi "
               "bảng cho biết mỗi dòng lấy từ tài liệu được trích dẫn, từ tệp của người phân tích hay "
               "là số liệu minh họa."),
        "en": ("Every number in this report is computed from the data tables of this annex, none typed "
               "by hand. Change = posts in the pilot − posts before; the share (%) is of the posts "
               "before. Numbers are rounded half up (as Excel's ROUND). A total adds only the units "
               "with figures both before and during the pilot. The \u201cProvenance\u201d column of "
               "each table says whether a row comes from a cited document, an analyst's file or is "
               "illustrative."),
    },
    "run_at": {
        "vi": "Thời điểm tạo báo cáo",
        "en": "Produced",
    },
    "run_id": {
        "vi": "Mã lần chạy",
        "en": "Run",
    },
    "commit": {
        "vi": "Phiên bản mã nguồn (commit)",
        "en": "Code version (commit)",
    },
    "parameters": {
        "vi": "Tham số",
        "en": "Parameters",
    },
    "packages": {
        "vi": "Phiên bản phần mềm",
        "en": "Software versions",
    },
    "inputs": {
        "vi": "Tệp số liệu đầu vào (sha256)",
        "en": "Input files (sha256)",
    },
    "recipients": {
        "vi": "Nơi nhận:",
        "en": "Recipients:",
    },
    "archive": {
        "vi": "Lưu: {archive}",
        "en": "Archive: {archive}",
    },
    "as_above": {
        "vi": "Như trên",
        "en": "As above",
    },
    "placeholder": {
        "vi": "…",
        "en": "…",
    },
    "signature_space": {
        "vi": "(Ký, ghi rõ họ tên, đóng dấu)",
        "en": "(Signature, full name, seal)",
    },
    "caption_table": {
        "vi": "Bảng {n}. {title}",
        "en": "Table {n}. {title}",
    },
    "caption_figure": {
        "vi": "Hình {n}. {title}",
        "en": "Figure {n}. {title}",
    },
    "figure_missing": {
        "vi": "(Không có tệp hình {name}: lần chạy không ghi hình.)",
        "en": "(No image file {name}: the run saved no figure.)",
    },
    "sheet_sources": {
        "vi": "Nguồn",
        "en": "Sources",
    },
    "sheet_item": {
        "vi": "Mục",
        "en": "Item",
    },
    "sheet_value": {
        "vi": "Giá trị",
        "en": "Value",
    },
    "reference_undated": {
        "vi": "không ghi ngày",
        "en": "undated",
    },
    "reference_covers": {
        "vi": "giai đoạn {covers}",
        "en": "covering {covers}",
    },
    "appendix_html": {
        "vi": "Phụ lục: tài liệu được trích dẫn và thông tin kỹ thuật",
        "en": "Appendix: documents cited and technical record",
    },
    "timezone": {
        "vi": "giờ Việt Nam",
        "en": "Viet Nam time",
    },
    "settings_unknown": {
        "vi": "{path}: khóa không dùng được: {keys} (dùng: {allowed})",
        "en": "{path}: unknown key(s): {keys} (allowed: {allowed})",
    },
    "settings_type": {
        "vi": "{path}: {setting} phải là {kind}",
        "en": "{path}: {setting} must be {kind}",
    },
    "settings_unreadable": {
        "vi": "{path}: không đọc được tệp thiết lập văn bản ({error})",
        "en": "{path}: cannot read the document settings file ({error})",
    },
    "formats_unknown": {
        "vi": "--formats: định dạng không có: {formats} (chọn trong: {allowed})",
        "en": "--formats: unknown format(s): {formats} (choose from: {allowed})",
    },
}
