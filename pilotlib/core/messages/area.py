"""Words of reports by area (``--province``): the province overview, roll-ups along the
administrative hierarchy, and comparisons across a boundary change (namespaces
``label``, ``title``, ``note``), Vietnamese first, English second.
"""
from __future__ import annotations

AREA_LABELS: dict[str, dict[str, str]] = {
    "section_area": {"vi": "So sánh theo đơn vị cấp dưới", "en": "Lower units compared"},
    "section_area_method": {"vi": "Cách so sánh và nguồn đối chiếu đơn vị",
                            "en": "How units were compared, and the mapping used"},
    "section_rollup": {"vi": "Tổng hợp theo cấp hành chính", "en": "Totals by administrative level"},
    "section_constituents": {"vi": "Đơn vị cũ hợp thành từng đơn vị mới",
                             "en": "The old units each new unit was formed from"},
    # table titles name the Excel annex's sheets too: 31 characters at most
    "table_area": {"vi": "Biên chế theo đơn vị, xếp hạng", "en": "Posts per unit, ranked"},
    "table_rollup": {"vi": "Biên chế theo cấp hành chính", "en": "Posts by administrative level"},
    "table_constituents": {"vi": "Đơn vị cũ theo bản đồ sáp nhập", "en": "Old units by the merge map"},
    "chart_changes_title": {"vi": "Thay đổi biên chế theo đơn vị", "en": "Change in posts per unit"},
    "chart_changes_some": {"vi": "Thay đổi biên chế: {n} đơn vị giảm nhiều nhất và {m} đơn vị tăng nhiều nhất",
                           "en": "Change in posts: the {n} largest cuts and the {m} largest increases"},
    "posts_before": {"vi": "Biên chế trước", "en": "Posts before"},
    "posts_after": {"vi": "Biên chế sau", "en": "Posts after"},
    "side_old": {"vi": "Trước", "en": "Before"},
    "side_pilot": {"vi": "Sau", "en": "After"},
    "rank": {"vi": "Thứ hạng", "en": "Rank"},
    "highlight": {"vi": "Nổi bật", "en": "Highlight"},  # the largest cuts and increases of a ranking
    "largest_cut": {"vi": "Giảm nhiều nhất", "en": "Largest cut"},
    "largest_increase": {"vi": "Tăng nhiều nhất", "en": "Largest increase"},
    "other_change": {"vi": "Khác", "en": "Other"},
    "before_from": {"vi": "Số liệu trước lấy từ", "en": "Before taken from"},
    "same_unit": {"vi": "chính nó", "en": "itself"},
    "merge_map": {"vi": "các đơn vị cũ", "en": "its old units"},
    "no_before": {"vi": "không có", "en": "none"},
    "remarks": {"vi": "Ghi chú", "en": "Remarks"},
    "level": {"vi": "Cấp", "en": "Level"},
    "level_province": {"vi": "tỉnh", "en": "province"},
    "level_district": {"vi": "huyện", "en": "district"},
    "level_commune": {"vi": "xã", "en": "commune"},
    "side": {"vi": "Trước/sau", "en": "Before/after"},
    "own_posts": {"vi": "Số đơn vị tự báo cáo", "en": "The unit's own figure"},
    "lower_posts": {"vi": "Tổng các đơn vị cấp dưới", "en": "Sum of the lower units"},
    "lower_coverage": {"vi": "Đơn vị cấp dưới có số liệu", "en": "Lower units with data"},
    "missing": {"vi": "Đơn vị cấp dưới chưa có số liệu", "en": "Lower units without data"},
    "check": {"vi": "Đối chiếu", "en": "Check"},
    "agrees": {"vi": "khớp", "en": "agrees"},
    "differs": {"vi": "KHÔNG KHỚP", "en": "DIFFERS"},
    "partial": {"vi": "thiếu đơn vị cấp dưới", "en": "lower units missing"},
    "new_unit": {"vi": "Đơn vị mới", "en": "New unit"},
    "old_unit": {"vi": "Đơn vị cũ", "en": "Old unit"},
    "old_code": {"vi": "Mã cũ", "en": "Old code"},
    "old_list": {"vi": "Danh mục cũ", "en": "Old list"},
    "link": {"vi": "Sáp nhập", "en": "Link"},
    "link_full": {"vi": "toàn bộ", "en": "whole"},
    "link_partial": {"vi": "một phần", "en": "in part"},
    "status": {"vi": "Cách tính", "en": "Treatment"},
    "status_counted": {"vi": "cộng vào số trước", "en": "added to before"},
    "status_incomplete": {"vi": "cộng vào, nhưng chính nó thiếu số liệu", "en": "added, but itself incomplete"},
    "status_partial": {"vi": "bị chia tách: nêu, không cộng", "en": "split: shown, not added"},
    "status_missing": {"vi": "không có số liệu", "en": "no data"},
    "status_not_in_list": {"vi": "không có trong danh mục cũ: chỉ nêu", "en": "not in the old list: noted only"},
    "status_compared_alone": {"vi": "có số liệu sau của riêng nó: không cộng",
                              "en": "has its own after figure: not added"},
    "remark_partial": {"vi": "bị chia tách (không cộng): {units}", "en": "split (not added): {units}"},
    "remark_missing": {"vi": "chưa có số liệu: {units}", "en": "no data: {units}"},
    "remark_not_in_list": {"vi": "mã không có trong danh mục {old_list}: {units}",
                           "en": "codes not in the {old_list} list: {units}"},
    "remark_no_after": {"vi": "chưa có số liệu sau", "en": "no after figure"},
    "remark_no_before": {"vi": "chưa có số liệu trước", "en": "no before figure"},
    "of_units": {"vi": "{n}/{m}", "en": "{n} of {m}"},
}

AREA_TITLES: dict[str, dict[str, str]] = {
    "province": {"vi": "Tổng quan theo tỉnh: {unit}", "en": "Province overview: {unit}"},
}

AREA_NOTES: dict[str, dict[str, str]] = {
    "area_illustrative": {
        "vi": "Số liệu minh họa, không phải số liệu thật: các con số dưới đây chỉ để trình bày cách so sánh.",
        "en": "Illustrative data, not real figures: the numbers below only show how the comparison works.",
    },
    "area_units": {
        "vi": "{province}: số liệu có {units} đơn vị cấp dưới; {complete} đơn vị đủ số liệu cả trước và sau "
              "để so sánh.",
        "en": "{province}: the data hold {units} lower units; {complete} have complete figures before and after "
              "and are compared.",
    },
    "area_totals": {
        "vi": "Cộng {complete} đơn vị đủ số liệu: biên chế trước {old}, sau {pilot}, thay đổi {change} ({pct}%).",
        "en": "Over the {complete} units with complete figures: {old} posts before, {pilot} after, a change of "
              "{change} ({pct}%).",
    },
    "area_totals_no_pct": {
        "vi": "Cộng {complete} đơn vị đủ số liệu: biên chế trước {old}, sau {pilot}, thay đổi {change}.",
        "en": "Over the {complete} units with complete figures: {old} posts before, {pilot} after, a change of "
              "{change}.",
    },
    "area_none_complete": {
        "vi": "Chưa đơn vị nào đủ số liệu cả trước và sau: chưa tính được thay đổi.",
        "en": "No unit has complete figures before and after: no change can be computed.",
    },
    "area_cuts": {"vi": "Giảm nhiều nhất: {units}.", "en": "Largest cuts: {units}."},
    "area_increases": {"vi": "Tăng nhiều nhất: {units}.", "en": "Largest increases: {units}."},
    "area_no_change": {"vi": "Không đơn vị nào tăng hay giảm biên chế.",
                       "en": "No unit's posts went up or down."},
    "area_same_units": {
        "vi": "Mỗi đơn vị được so sánh với chính nó (cùng một đơn vị trước và sau); không dùng bản đồ sáp nhập.",
        "en": "Each unit is compared with itself (the same unit before and after); no merge map is used.",
    },
    "area_mapping": {
        "vi": "Số liệu trước được ghi theo đơn vị của danh mục {old_list}, số liệu sau theo danh mục {new_list}. "
              "Số trước của mỗi đơn vị mới là tổng các đơn vị cũ nhập trọn vào nó, theo bản đồ sáp nhập "
              "{file} ({links} liên kết được dùng, trong đó {partial} liên kết một phần).",
        "en": "Before is recorded in units of the {old_list} list, after in units of the {new_list} list. The "
              "before of each new unit is the sum of the old units that went into it whole, by the merge map "
              "{file} ({links} links used, {partial} of them partial).",
    },
    "area_mapping_caveat": {
        "vi": "Bản đồ sáp nhập được trích một phần bằng máy từ các nghị quyết năm 2025 của Ủy ban Thường vụ "
              "Quốc hội rồi được tác giả của nó hiệu đính: đây là nguồn được trích dẫn, không phải văn bản pháp "
              "luật (data/reference/national/NOTICE.md).",
        "en": "The merge map was extracted partly by machine from the 2025 resolutions of the National Assembly "
              "Standing Committee and corrected by its authors: a cited source, not the law "
              "(data/reference/national/NOTICE.md).",
    },
    "area_partial": {
        "vi": "{n} đơn vị mới có đơn vị cũ bị chia tách (liên kết một phần): {units}. Số liệu của đơn vị cũ bị "
              "chia được nêu nguyên, không chia theo tỷ lệ ước đoán; các đơn vị mới này không được xếp hạng.",
        "en": "{n} new units have an old unit that was split (a partial link): {units}. The split unit's figure "
              "is shown whole, never apportioned by a guessed share; these new units are not ranked.",
    },
    "area_missing": {
        "vi": "{n} đơn vị cũ chưa có số liệu: {units}; đơn vị mới tương ứng chưa đủ số liệu.",
        "en": "{n} old units have no data: {units}; the new units they belong to are incomplete.",
    },
    "area_not_in_list": {
        "vi": "{n} mã trong bản đồ sáp nhập không có trong danh mục {old_list} (đơn vị đã thôi tồn tại trước đó): "
              "{units}; chỉ nêu, không ảnh hưởng đến số trước.",
        "en": "{n} codes of the merge map are not in the {old_list} list (units that had already ceased to "
              "exist): {units}; noted only, they do not change the before figures.",
    },
    "area_incomplete": {
        "vi": "{n} đơn vị chưa đủ số liệu, không xếp hạng: {units}.",
        "en": "{n} units without complete figures are not ranked: {units}.",
    },
    "area_more": {"vi": "{shown} và {n} đơn vị khác", "en": "{shown} and {n} more"},
    "area_province_total": {
        "vi": "Toàn tỉnh {unit}: biên chế trước {old}, sau {pilot}, thay đổi {change}.",
        "en": "The whole of {unit}: {old} posts before, {pilot} after, a change of {change}.",
    },
    "area_province_partial": {
        "vi": "Chưa so sánh được toàn tỉnh {unit}: các tổng dưới đây thiếu đơn vị cấp dưới (nêu tên trong bảng); "
              "đơn vị thiếu số liệu không được coi là bằng 0.",
        "en": "The whole of {unit} cannot be compared yet: the totals below lack lower units (named in the "
              "table); a unit without data is never counted as zero.",
    },
    "area_rollup_rule": {
        "vi": "Số của một đơn vị là số đơn vị đó tự báo cáo; nếu không có, là tổng các đơn vị cấp dưới có số liệu. "
              "Khi có cả hai, số tự báo cáo được dùng và tổng cấp dưới chỉ để đối chiếu, không cộng hai lần.",
        "en": "A unit's figure is its own when it reported one; otherwise the sum of the lower units with data. "
              "When both exist, its own figure is used and the sum below only checks it: nothing is added twice.",
    },
    "area_no_units": {
        "vi": "Số liệu không có đơn vị nào thuộc {province}.",
        "en": "The data hold no unit in {province}.",
    },
    "unit_before_incomplete": {
        "vi": "Chưa có số trước đầy đủ cho {unit}: {counted}/{total} đơn vị cũ nhập trọn và có số liệu "
              "({posts} biên chế); các đơn vị cũ còn lại bị chia tách hoặc chưa có số liệu (bảng dưới), nên chưa "
              "so sánh.",
        "en": "{unit} has no complete before figure: {counted} of its {total} old units went into it whole and "
              "have data ({posts} posts); the others were split or have no data (table below), so no comparison "
              "is made.",
    },
    "area_not_drawn": {
        "vi": "Biểu đồ chỉ vẽ đơn vị đủ số liệu; danh sách đầy đủ ở bảng dưới.",
        "en": "The chart shows units with complete figures only; the table below lists them all.",
    },
}

AREA_ERRORS: dict[str, dict[str, str]] = {
    "no_province": {
        "vi": "chưa nêu tỉnh, và không đơn vị nào của số liệu thuộc một tỉnh trong danh mục",
        "en": "no province given, and no unit of the data lies in a province of the lists",
    },
    "unit_outside_province": {
        "vi": "đơn vị không thuộc tỉnh {province}: {units} (các đơn vị thuộc tỉnh trong số liệu: {known})",
        "en": "units not in the province of {province}: {units} (the data's units there: {known})",
    },
    "no_units_in_province": {
        "vi": "số liệu không có đơn vị nào thuộc tỉnh {province}",
        "en": "the data hold no unit in the province of {province}",
    },
    "nothing_to_run": {
        "vi": "không có báo cáo nào để chạy (với --province, báo cáo đơn vị chỉ chạy cho các đơn vị nêu ở --unit, "
              "hoặc --unit all)",
        "en": "no report to run (with --province, unit reports run only for the units given with --unit, or "
              "--unit all)",
    },
}
