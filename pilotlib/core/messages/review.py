"""Words of the organisation review (posts per body, separate bodies, heads and deputies,
support posts, the ranking of units) and of what a page says when it has nothing to
show. Merged into the ``label`` and ``note`` namespaces; Vietnamese first, English second.
"""
from __future__ import annotations

REVIEW_LABELS: dict[str, dict[str, str]] = {
    "no_data": {"vi": "chưa có số liệu", "en": "no data"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "chart_org_pilot_agency": {"vi": "Thí điểm: 1 cơ quan khối", "en": "Pilot: 1 joint agency"},
    "chart_org_boards_unknown": {"vi": "(số liệu không cho biết các ban)", "en": "(the data do not name the boards)"},
    "section_review": {"vi": "Rà soát tổ chức bộ máy", "en": "Organisation review"},
    "body": {"vi": "Tổ chức, ban", "en": "Organisation or board"},
    "position": {"vi": "Chức danh", "en": "Position"},
    "table_body_posts": {"vi": "Biên chế theo tổ chức, ban", "en": "Posts per organisation and board"},
    "chart_body_posts_title": {"vi": "Biên chế theo tổ chức, ban", "en": "Posts per organisation and board"},
    "chart_body_posts_units": {"vi": "Tổng của {n} đơn vị", "en": "Total of {n} units"},
    "table_separate_bodies": {"vi": "Số đầu mối trước và trong thí điểm",
                              "en": "Separate bodies before and during the pilot"},
    "bodies_old": {"vi": "Đầu mối trước thí điểm", "en": "Separate bodies before"},
    "bodies_pilot": {"vi": "Đầu mối thí điểm", "en": "Separate bodies in the pilot"},
    "parts_pilot": {"vi": "Bộ phận trong cơ quan khối", "en": "Parts of the joint agency"},
    "table_leaders": {"vi": "Lãnh đạo cấp trưởng, cấp phó", "en": "Heads and deputies"},
    "heads": {"vi": "Cấp trưởng", "en": "Heads"},
    "deputies": {"vi": "Cấp phó", "en": "Deputies"},
    "heads_old": {"vi": "Cấp trưởng trước thí điểm", "en": "Heads before"},
    "heads_pilot": {"vi": "Cấp trưởng thí điểm", "en": "Heads in the pilot"},
    "deputies_old": {"vi": "Cấp phó trước thí điểm", "en": "Deputies before"},
    "deputies_pilot": {"vi": "Cấp phó thí điểm", "en": "Deputies in the pilot"},
    "table_support": {"vi": "Biên chế các vị trí hỗ trợ", "en": "Support positions"},
    "named": {"vi": "Được nêu trong khó khăn", "en": "Named as a difficulty"},
    "chart_leaders_title": {"vi": "Lãnh đạo và vị trí hỗ trợ trước và trong thí điểm",
                            "en": "Leaders and support posts before and during the pilot"},
    "section_ranking": {"vi": "Xếp hạng đơn vị theo thay đổi biên chế", "en": "Units ranked by change in posts"},
    "table_ranking": {"vi": "Đơn vị giảm, tăng biên chế nhiều nhất", "en": "Largest cuts and increases"},
    "issues_summary": {"vi": "Tóm tắt", "en": "Summary"},
}

REVIEW_NOTES: dict[str, dict[str, str]] = {
    "no_staffing": {
        "vi": "Không có dòng biên chế nào dùng được cho các đơn vị này (các dòng bị loại được liệt kê "
              "trong rejects.csv của bộ báo cáo): chưa so sánh được.",
        "en": "No usable staffing row for these units (the rejected rows are listed in the set's "
              "rejects.csv): nothing can be compared.",
    },
    "no_body_breakdown": {
        "vi": "Số liệu chỉ có tổng biên chế, chưa có biên chế theo tổ chức, ban: chưa tính được biên chế "
              "từng tổ chức, ban và số đầu mối trước và trong thí điểm.",
        "en": "The data hold totals only, not posts by organisation or board: posts per body and the number "
              "of separate bodies before and during the pilot cannot be computed.",
    },
    "no_position_breakdown": {
        "vi": "Chưa có biên chế theo chức danh: chưa tách được lãnh đạo cấp trưởng, cấp phó và các vị trí "
              "hỗ trợ (lái xe, kế toán, thủ quỹ …).",
        "en": "The data do not give posts by position: heads, deputies and support posts (driver, "
              "accountant, treasurer …) cannot be told apart.",
    },
    "ranking_needs_units": {
        "vi": "Cần ít nhất hai đơn vị có đủ số liệu trước và trong thí điểm để xếp hạng.",
        "en": "A ranking needs at least two units with figures before and during the pilot.",
    },
    "no_background": {
        "vi": "Số liệu không có mốc thời gian hay danh sách tài liệu nguồn.",
        "en": "The data hold no timeline and no list of source documents.",
    },
}
