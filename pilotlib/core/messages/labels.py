"""Words a reader sees in reports, charts and the index (namespaces ``label``, ``title``,
``note``), Vietnamese first, English second.
"""
from __future__ import annotations

# Labels: column headers, series names, chart titles, statuses.
LABELS: dict[str, dict[str, str]] = {
    "old": {
        "vi": "Trước thí điểm",
        "en": "Before the pilot",
    },
    "pilot": {
        "vi": "Thí điểm",
        "en": "Pilot",
    },
    "unit": {
        "vi": "Đơn vị",
        "en": "Unit",
    },
    "posts": {
        "vi": "Biên chế",
        "en": "Posts",
    },
    "posts_old": {
        "vi": "Biên chế trước thí điểm",
        "en": "Posts before the pilot",
    },
    "posts_pilot": {
        "vi": "Biên chế thí điểm",
        "en": "Posts in the pilot",
    },
    "change": {
        "vi": "Thay đổi",
        "en": "Change",
    },
    "change_pct": {
        "vi": "Thay đổi (%)",
        "en": "Change (%)",
    },
    "complete": {
        "vi": "Đủ số liệu",
        "en": "Complete",
    },
    "provenance": {
        "vi": "Nguồn số liệu",
        "en": "Provenance",
    },
    "difficulties": {
        "vi": "Số khó khăn",
        "en": "Difficulties",
    },
    "recommendations": {
        "vi": "Số kiến nghị",
        "en": "Recommendations",
    },
    "advantages": {
        "vi": "Số ưu điểm",
        "en": "Advantages",
    },
    "total": {
        "vi": "Tổng",
        "en": "Total",
    },
    "total_complete": {
        "vi": "Tổng (các đơn vị đủ số liệu)",
        "en": "Total (units with complete figures)",
    },
    "chart_posts_title": {
        "vi": "Biên chế trước và trong thí điểm",
        "en": "Posts before and during the pilot",
    },
    "prov_source": {
        "vi": "tài liệu được trích dẫn",
        "en": "cited source document",
    },
    "prov_analyst": {
        "vi": "tệp của người phân tích",
        "en": "analyst's file",
    },
    "prov_illustrative": {
        "vi": "SỐ LIỆU MINH HỌA",
        "en": "ILLUSTRATIVE DATA",
    },
    "caption_source": {
        "vi": "Nguồn",
        "en": "Source",
    },
    "section_posts": {
        "vi": "So sánh biên chế",
        "en": "Posts compared",
    },
    "section_composition": {
        "vi": "Cơ cấu theo nhóm chức danh",
        "en": "Composition by position group",
    },
    "section_bodies": {
        "vi": "Tổ chức bộ máy trước và sau",
        "en": "Organisation before and after",
    },
    "section_tasks": {
        "vi": "Một người nhiều việc, một việc nhiều người",
        "en": "One person, many jobs; one job, many people",
    },
    "section_issues": {
        "vi": "Khó khăn, kiến nghị theo nhóm vấn đề",
        "en": "Difficulties and recommendations by topic",
    },
    "leadership": {
        "vi": "Lãnh đạo",
        "en": "Leadership",
    },
    "specialist": {
        "vi": "Chuyên môn",
        "en": "Specialists",
    },
    "support": {
        "vi": "Phục vụ, hỗ trợ",
        "en": "Support",
    },
    "position_group": {
        "vi": "Nhóm chức danh",
        "en": "Position group",
    },
    "share": {
        "vi": "Tỷ lệ (%)",
        "en": "Share (%)",
    },
    "structure": {
        "vi": "Mô hình",
        "en": "Structure",
    },
    "bodies": {
        "vi": "Số tổ chức, ban có biên chế",
        "en": "Bodies with posts",
    },
    "support_posts": {
        "vi": "Biên chế phục vụ",
        "en": "Support posts",
    },
    "support_per_body": {
        "vi": "Phục vụ / tổ chức, ban",
        "en": "Support posts per body",
    },
    "board": {
        "vi": "Ban",
        "en": "Board",
    },
    "task": {
        "vi": "Nhiệm vụ",
        "en": "Task",
    },
    "staff_id": {
        "vi": "Cán bộ",
        "en": "Staff member",
    },
    "people": {
        "vi": "Số người",
        "en": "People",
    },
    "tasks": {
        "vi": "Số nhiệm vụ",
        "en": "Tasks",
    },
    "tasks_per_person": {
        "vi": "Nhiệm vụ / người",
        "en": "Tasks per person",
    },
    "people_per_task": {
        "vi": "Người / nhiệm vụ",
        "en": "People per task",
    },
    "single_person_tasks": {
        "vi": "Nhiệm vụ chỉ 1 người làm",
        "en": "Tasks only one person does",
    },
    "kind": {
        "vi": "Loại",
        "en": "Kind",
    },
    "category": {
        "vi": "Nhóm vấn đề",
        "en": "Topic",
    },
    "text": {
        "vi": "Nội dung",
        "en": "Statement",
    },
    "difficulty": {
        "vi": "Khó khăn",
        "en": "Difficulty",
    },
    "recommendation": {
        "vi": "Kiến nghị",
        "en": "Recommendation",
    },
    "advantage": {
        "vi": "Ưu điểm",
        "en": "Advantage",
    },
    "agency": {
        "vi": "Cơ quan khối MTTQ và các đoàn thể",
        "en": "Joint agency of the Front and mass organisations",
    },
    "all_units": {
        "vi": "Chung",
        "en": "All units",
    },
    "count": {
        "vi": "Số lượng",
        "en": "Count",
    },
    "chart_composition_title": {
        "vi": "Biên chế theo nhóm chức danh",
        "en": "Posts by position group",
    },
    "chart_org_title": {
        "vi": "Bộ máy trước và trong thí điểm",
        "en": "Organisation before and during the pilot",
    },
    "chart_org_old": {
        "vi": "Trước thí điểm: {n} cơ quan riêng",
        "en": "Before: {n} separate offices",
    },
    "chart_org_pilot": {
        "vi": "Thí điểm: 1 cơ quan khối, {n} ban",
        "en": "Pilot: 1 joint agency, {n} boards",
    },
    "chart_org_members_unknown": {
        "vi": "(danh sách tổ chức thành viên theo cấu hình)",
        "en": "(member list from configuration)",
    },
    "chart_org_old_config": {
        "vi": "Trước thí điểm: các cơ quan riêng",
        "en": "Before: separate offices",
    },
    "caption_members_config": {
        "vi": "tổ chức thành viên: cấu hình (data/reference/bodies.csv), không phải số liệu",
        "en": "member organisations: configuration (data/reference/bodies.csv), not data",
    },
    "chart_issues_title": {
        "vi": "Khó khăn theo nhóm vấn đề và đơn vị",
        "en": "Difficulties by topic and unit",
    },
    "chart_tasks_title": {
        "vi": "Phân công nhiệm vụ: {unit}",
        "en": "Task assignment: {unit}",
    },
    "chart_tasks_risk": {
        "vi": "* chỉ 1 người làm",
        "en": "* only one person",
    },
    "status_ok": {
        "vi": "hoàn thành",
        "en": "ok",
    },
    "status_failed": {
        "vi": "LỖI",
        "en": "FAILED",
    },
    "status_skipped": {
        "vi": "không đổi, dùng lại",
        "en": "unchanged, reused",
    },
    "section_table": {
        "vi": "Bảng số liệu",
        "en": "Data table",
    },
    "section_summary": {
        "vi": "Nhận định",
        "en": "Assessment",
    },
    "section_background": {
        "vi": "Mốc thời gian và nguồn tài liệu",
        "en": "Timeline and sources",
    },
    "date": {
        "vi": "Thời điểm",
        "en": "Date",
    },
    "event_text": {
        "vi": "Sự kiện",
        "en": "Event",
    },
    "source_file": {
        "vi": "Tài liệu",
        "en": "Document",
    },
    "source_row": {
        "vi": "Đoạn",
        "en": "Paragraph",
    },
    "title": {
        "vi": "Tên tài liệu",
        "en": "Title",
    },
    "publisher": {
        "vi": "Nơi công bố",
        "en": "Publisher",
    },
    "covers": {
        "vi": "Giai đoạn",
        "en": "Period covered",
    },
    "difficulties_by_category": {
        "vi": "Khó khăn theo nhóm vấn đề",
        "en": "Difficulties by topic",
    },
    "table_bodies": {
        "vi": "Tổ chức, ban có biên chế và biên chế phục vụ",
        "en": "Bodies with posts and support posts",
    },
    "table_tasks": {
        "vi": "Phân công nhiệm vụ theo đơn vị",
        "en": "Task assignment per unit",
    },
    "table_timeline": {
        "vi": "Mốc thời gian",
        "en": "Timeline",
    },
    "table_sources": {
        "vi": "Tài liệu nguồn",
        "en": "Source documents",
    },
    "table_issues": {
        "vi": "Các nội dung được nêu",
        "en": "Statements made",
    },
    "citation": {
        "vi": "Trích dẫn",
        "en": "Cited from",
    },
    "paragraph_short": {
        "vi": "đoạn",
        "en": "para.",
    },
    "short_title": {
        "vi": "Tên ngắn",
        "en": "Short title",
    },
    "illustrative_banner": {
        "vi": "Số liệu minh họa, không phải số liệu thật",
        "en": "Illustrative data, not real figures",
    },
}


# Report titles ({unit}: the unit's name).
TITLES: dict[str, dict[str, str]] = {
    "unit_report": {
        "vi": "Báo cáo đơn vị: {unit}",
        "en": "Unit report: {unit}",
    },
    "overview": {
        "vi": "Tổng quan mô hình thí điểm",
        "en": "Pilot overview",
    },
    "comparison": {
        "vi": "So sánh mô hình thí điểm với cơ cấu cũ",
        "en": "The pilot compared with the old structure",
    },
    "issues": {
        "vi": "Khó khăn, kiến nghị và ưu điểm",
        "en": "Difficulties, recommendations and advantages",
    },
    "index": {
        "vi": "Bộ báo cáo thí điểm",
        "en": "Pilot report set",
    },
}


# What a section says when the data cannot support it (never a zero).
NOTES: dict[str, dict[str, str]] = {
    "no_breakdown": {
        "vi": "Số liệu chỉ có tổng biên chế, chưa có biên chế theo tổ chức và chức danh: chưa vẽ được cơ cấu.",
        "en": "The data hold totals only, not posts by organisation and position: no composition can be drawn.",
    },
    "no_tasks": {
        "vi": "Chưa có bảng phân công nhiệm vụ (cán bộ × nhiệm vụ).",
        "en": "There is no task-assignment table (staff × task).",
    },
    "no_issues": {
        "vi": "Chưa có danh sách khó khăn, kiến nghị.",
        "en": "There is no list of difficulties and recommendations.",
    },
}
