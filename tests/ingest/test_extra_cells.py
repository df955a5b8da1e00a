"""A CSV row with more cells than its header (an unquoted separator inside a text) is
rejected for that reason alone — not for the shifted cells it causes downstream."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from pilotlib.ingest.issues import normalize_issues
from pilotlib.ingest.staffing import normalize_staffing


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_issue_text_with_an_unquoted_comma(tmp_path):
    path = _write(tmp_path / "issues.csv",
                  "Đơn vị,Nội dung,Loại\n"
                  "Lâm Hà,Kinh phí thiếu, chưa có định mức,Khó khăn\n"   # the comma splits the text: 4 cells
                  'Lâm Hà,"Thiếu trụ sở, phải đi mượn",Khó khăn\n'       # quoted: one cell, kept
                  "Đạ Tẻh,Thiếu hướng dẫn,Khó khăn\n")
    result = normalize_issues(path)
    rejects = result.rejects
    assert rejects[["source_row", "column", "value", "reason_key"]].values.tolist() == [
        ["2", "D", "Khó khăn", "extra_cells"]]  # not "unknown kind ' chưa có định mức'"
    assert rejects["reason"].iloc[0].startswith("thừa cột — đặt nội dung trong dấu ngoặc kép")
    assert result.issues["text"].tolist() == ["Thiếu trụ sở, phải đi mượn", "Thiếu hướng dẫn"]
    counts = result.counts["total"]
    assert (counts.read, counts.kept, counts.rejected) == (4, 2, 1) and counts.balanced()


def test_staffing_body_with_an_unquoted_comma_in_english(tmp_path):
    path = _write(tmp_path / "staffing.csv",
                  "Đơn vị,Mô hình,Tổ chức,Biên chế\n"
                  "Lâm Hà,Trước thí điểm,Hội Nông dân,4\n"
                  "Lâm Hà,Trước thí điểm,Hội Nông dân, Hội CCB,4\n")  # "Hội CCB" lands in Biên chế
    result = normalize_staffing(path, lang="en")
    assert result.rejects["reason_key"].tolist() == ["extra_cells"]  # not "not a number: 'Hội CCB'"
    assert result.rejects["reason"].iloc[0] == ("extra cells — put the text in double quotes "
                                                "(the row has a cell '4' beyond the headed columns)")
    assert result.staffing["posts"].tolist() == [4]


def test_a_row_with_extra_cells_and_its_own_problem_reports_the_extra_cells_only(tmp_path):
    path = _write(tmp_path / "staffing.csv",
                  "Đơn vị;Mô hình;Tổ chức;Biên chế\n"
                  "Lâm Hà X;Trước thí điểm;Hội Nông dân;4;5\n")  # ";"-separated file, also an unknown unit
    result = normalize_staffing(path)
    assert result.rejects["reason_key"].tolist() == ["extra_cells"]


def test_a_workbook_cell_right_of_the_header_is_not_an_extra_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Đơn vị", "Mô hình", "Tổ chức", "Biên chế"], ["Lâm Hà", "Trước thí điểm", "Hội Nông dân", 4, "ghi chú"]):
        sheet.append(row)
    book.save(tmp_path / "staffing.xlsx")
    result = normalize_staffing(tmp_path / "staffing.xlsx")
    assert result.staffing["posts"].tolist() == [4] and result.rejects.empty
    assert any("không có tiêu đề" in w for w in result.warnings)  # said once, as a warning
