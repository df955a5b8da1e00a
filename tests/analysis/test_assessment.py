"""The written assessment follows the data: change a table, the text changes."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import staffing_rows

from pilotlib.analysis import assessment
from pilotlib.data.load import load_dataset
from pilotlib.data.model import Dataset
from pilotlib.reference.schema import ISSUES_COLUMNS
from pilotlib.report import sections
from pilotlib.report.narrative import assessment as assessment_text
from pilotlib.report.present import displayed


def _dataset(staffing, issues=None, tasks=None):
    tables = {"staffing": staffing,
              "issues": issues if issues is not None else pd.DataFrame(columns=ISSUES_COLUMNS)}
    if tasks is not None:
        tables["staff_tasks"] = tasks
    return Dataset(root=load_dataset().root, tables=tables)


def _breakdown(support_pilot=1):
    rows = [
        {"unit": "X", "structure": "old", "body": "Ủy ban MTTQ", "position": "Chủ tịch", "position_group": "leadership", "posts": 1},
        {"unit": "X", "structure": "old", "body": "Hội Nông dân", "position": "Chủ tịch", "position_group": "leadership", "posts": 1},
        {"unit": "X", "structure": "old", "body": "Hội Nông dân", "position": "Kế toán", "position_group": "support", "posts": 2},
        {"unit": "X", "structure": "pilot", "body": "Lãnh đạo khối", "position": "Trưởng khối", "position_group": "leadership", "posts": 1},
        {"unit": "X", "structure": "pilot", "body": "Ban Tổng hợp", "position": "Chuyên viên", "position_group": "specialist", "posts": 2},
    ]
    if support_pilot:
        rows.append({"unit": "X", "structure": "pilot", "body": "Ban Tổng hợp", "position": "Kế toán",
                     "position_group": "support", "posts": support_pilot})
    return staffing_rows(rows)


def test_seed_assessment_states_only_what_the_data_supports():
    data = load_dataset()
    text = assessment_text(assessment.context(data, ["Đạ Tẻh"], "vi"), "vi")
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("Trước thí điểm, Đạ Tẻh có 21 biên chế")
    assert "4 ban (Ban Tổng hợp, Ban Tuyên truyền, Ban Kiểm tra, Ban Phong trào)" in paragraphs[1]
    assert "Có 5 khó khăn được nêu, theo nhóm: kinh phí (2)" in text
    assert "Kiến nghị: Các địa phương thí điểm đề nghị" in text
    assert paragraphs[-1].startswith("Giới hạn của số liệu:")
    assert "chưa có bảng phân công nhiệm vụ" in paragraphs[-1]
    assert "Cơ cấu biên chế" not in text  # no breakdown → no shares invented


def test_breakdown_figures_reach_the_text():
    ctx = assessment.context(_dataset(_breakdown()), ["X"], "en")
    assert ctx["organisation"]["bodies_old"] == 2 and ctx["organisation"]["bodies_pilot"] == 2
    text = assessment_text(ctx, "en")
    assert "Before the pilot, X had 4 posts; the pilot agency has 4." in text
    assert "leadership 50.0% of posts before the pilot, 25.0% in the pilot" in text
    assert "Support posts per organisation or board with posts: 1.00 before the pilot, 0.50 in the pilot." in text
    # the organisation review: separate bodies (the agency counts once), heads and deputies
    assert "Before the pilot X had 2 separate bodies" in text and "in the pilot there is 1, with 2 parts" in text
    assert "(the agency's leadership and 1 board)" in text
    assert "Leadership: heads down from 2 to 1, deputies none before or during the pilot." in text
    assert "Support positions: accountant down from 2 to 1." in text


def test_changing_the_table_changes_the_text():
    before = assessment_text(assessment.context(_dataset(_breakdown(1)), ["X"], "vi"), "vi")
    after = assessment_text(assessment.context(_dataset(_breakdown(0)), ["X"], "vi"), "vi")
    assert "Số biên chế không thay đổi" in before
    assert "Số biên chế giảm 1 (25,0%)" in after
    assert "phục vụ, hỗ trợ 50,0% và 0,0%" in after


def test_tasks_and_single_person_risk():
    tasks = pd.DataFrame({"unit": ["X"] * 3, "staff_id": ["a", "a", "b"],
                          "task": ["Kế toán", "Văn thư", "Văn thư"], "provenance": "analyst"})
    text = assessment_text(assessment.context(_dataset(_breakdown(), tasks=tasks), ["X"], "en"), "en")
    assert "each person handles 1.5 tasks and each task is shared by 1.5 people" in text
    assert "Tasks only one person does, at risk when that person is away: Kế toán." in text


def test_issue_counts_include_all_unit_statements():
    counts = assessment.issue_counts(load_dataset().issues, ["Lâm Hà"])
    assert counts == {"difficulties": 5, "recommendations": 1, "advantages": 10,
                      "difficulties_by_category": {"funding": 2, "guidance": 1, "staffing": 1, "transition": 1}}


@pytest.mark.parametrize("section, message", [
    (sections.composition_section, "The data hold totals only"),
    (sections.tasks, "There is no task-assignment table"),
])
def test_sections_say_what_is_missing(section, message):
    items = section(load_dataset(), ["Lâm Hà"], "en")
    assert len(items) == 2
    assert items[1].text.startswith(message) and items[1].role == "note"


def test_sections_write_artifacts(tmp_path):
    data = load_dataset(load_dataset().root / "example")
    for section in (sections.posts, sections.organisation, sections.composition_section,
                    sections.tasks, sections.issues):
        section(data, ["Lâm Hà"], "vi", tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert {"posts.csv", "posts.svg", "organisation.png", "composition.csv", "bodies.csv",
            "tasks.csv", "tasks.svg", "issues.csv", "issues.png"} <= set(names)
    issues = pd.read_csv(tmp_path / "issues.csv", encoding="utf-8-sig")
    assert list(issues.columns) == ["Đơn vị", "Loại", "Nhóm vấn đề", "Nội dung", "Nguồn số liệu"]
    assert (issues["Loại"] == "Khó khăn").sum() == 5


def test_one_sided_breakdown_is_not_compared():
    # Only the old structure is broken down by body; the pilot has a bare total.
    table = staffing_rows([
        {"unit": "X", "structure": "old", "body": "Hội Nông dân", "position": "Chủ tịch", "position_group": "leadership", "posts": 3},
        {"unit": "X", "structure": "pilot", "posts": 3},
    ])
    ctx = assessment.context(_dataset(table), ["X"], "vi")
    assert ctx["organisation"]["bodies_old"] is None and ctx["shares"] is None
    text = assessment_text(ctx, "vi")  # used to crash on a missing pilot figure
    assert "Cơ cấu biên chế" not in text and "đầu mối có biên chế riêng" in text


def test_composition_basis_is_the_units_with_detail():
    # X has the full breakdown; Y only totals: shares come from X alone and say so.
    table = pd.concat([_breakdown(), staffing_rows([
        {"unit": "Y", "structure": "old", "posts": 40}, {"unit": "Y", "structure": "pilot", "posts": 40}])])
    ctx = assessment.context(_dataset(table), ["X", "Y"], "vi")
    assert ctx["shares"]["old"]["leadership"] == 50.0 and ctx["partial_basis"]
    text = assessment_text(ctx, "vi")
    assert "Cơ cấu biên chế (1 đơn vị có số liệu chi tiết cả trước và trong thí điểm)" in text
    # separate bodies are summed over the units broken down in both structures, and say so
    assert "Trước thí điểm, 1 đơn vị có số liệu chi tiết (trong 2 đơn vị) có tổng cộng 2 đầu mối" in text
    assert "trong thí điểm còn 1 đầu mối, gồm 2 bộ phận có biên chế trong cơ quan khối" in text
    assert "Biên chế theo tổ chức, ban (cộng 1 đơn vị): trước thí điểm Ủy ban MTTQ 1, Hội Nông dân 3" in text


def test_no_percentage_when_old_total_is_zero():
    table = staffing_rows([{"unit": "X", "structure": "old", "posts": 0},
                           {"unit": "X", "structure": "pilot", "posts": 3}])
    text = assessment_text(assessment.context(_dataset(table), ["X"], "vi"), "vi")
    assert "Số biên chế tăng 3." in text and "%" not in text.split("\n\n")[0]


def test_background_lists_timeline_and_sources(tmp_path):
    items = sections.background(load_dataset(), "en", tmp_path)
    assert len(items) == 3  # heading, timeline, sources
    timeline = pd.read_csv(tmp_path / "timeline.csv", encoding="utf-8-sig", dtype=str)
    assert list(timeline.columns) == ["Date", "Event", "Cited from", "Provenance"]
    # dd/mm/yyyy as an administrative reader writes dates; 2020: the year only is known
    assert timeline["Date"].tolist() == ["12/11/2018", "2020", "01/12/2024", "01/07/2025"]
    assert timeline["Cited from"][0] == "Two-year review, Lâm Đồng TV, para. 3"  # short title, not the slug
    assert "Lâm Đồng Television (lamdongtv.vn)" in displayed(items[2]).to_html()  # publisher in English
