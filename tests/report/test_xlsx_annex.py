"""The Excel annex read back: every table of the report on its own sheet with the same
headers and values, numbers as numbers with a number format, frozen header, filter,
provenance, a sources sheet, and no formula whatever the texts start with."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest
from report_model import HOSTILE, build_report, bundled_report, hostile_dataset

from pilotlib.core import paths
from pilotlib.data.load import load_dataset
from pilotlib.report.annex import sheet_name, write_xlsx

TECHNICAL = {"run_id": "unit_report--lam-ha--vi", "ended": "2026-02-04T20:30:00+00:00", "commit": "abc123",
             "parameters": {"unit": "Lâm Hà", "lang": "vi"}, "inputs": {"staffing.csv": "f" * 64}}


@pytest.fixture(scope="module")
def annex(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    report = bundled_report(folder / "artifacts")
    path = write_xlsx(report, folder / "unit.xlsx", TECHNICAL)
    return report, openpyxl.load_workbook(path), path


def test_every_table_is_a_sheet_equal_to_the_report(annex):
    report, workbook, _ = annex
    assert workbook.sheetnames[0] == "Nguồn"
    assert workbook.sheetnames[1:] == [t.title[:31] for t in report.tables()]
    for table in report.tables():
        sheet = workbook[table.title[:31]]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        width = len(table.headers)
        assert rows[0][:width] == table.headers  # Vietnamese headers, as the report shows them
        assert [r[:width] for r in rows[1:]] == table.rows  # same values: numbers as numbers, missing as empty
        assert "Nguồn số liệu" in rows[0]  # a provenance column in every sheet (added where the table has none)
    posts = workbook["So sánh biên chế"]
    assert posts["B2"].value == 20 and posts["B2"].data_type == "n" and posts["B2"].number_format == "#,##0"
    assert posts["E2"].number_format == "#,##0.0"  # the percentage: one decimal, the reader's separators
    assert posts.freeze_panes == "A2" and posts.auto_filter.ref == "A1:G2"
    assert posts["G1"].value == "Nguồn số liệu" and posts["G2"].value == "tài liệu được trích dẫn"
    assert posts.column_dimensions["A"].width >= 8


def test_sources_sheet_has_titles_parameters_and_hashes(annex):
    _, workbook, _ = annex
    values = [tuple(r) for r in workbook["Nguồn"].iter_rows(values_only=True)]
    flat = {v for row in values for v in row if v}
    assert "Bài sơ kết 2 năm, Lâm Đồng TV" in flat
    assert any(str(v).startswith("Mạnh Thành, Sơ kết 2 năm") for v in flat)
    assert ("Tham số: unit", "Lâm Hà") in values
    assert ("Tệp số liệu đầu vào (sha256): staffing.csv", "f" * 64) in values
    assert ("Thời điểm tạo báo cáo", "05/02/2026 03:30 (giờ Việt Nam)") in values


def test_a_table_without_provenance_gets_the_column(tmp_path):
    report = bundled_report(tmp_path / "a")
    from pilotlib.report.model import Table

    report.blocks.append(Table(name="t", title="Bảng thử", columns=["unit", "posts"], headers=["Đơn vị", "Biên chế"],
                               kinds=["text", "int"], decimals=[0, 0], rows=[["X", None]], provenance="illustrative"))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "a.xlsx"))["Bảng thử"]
    assert [c.value for c in sheet[1]] == ["Đơn vị", "Biên chế", "Nguồn số liệu"]
    assert [c.value for c in sheet[2]] == ["X", None, "SỐ LIỆU MINH HỌA"]  # missing stays empty, never 0


def test_hostile_texts_stay_text_no_formula_anywhere(tmp_path):
    report = build_report(hostile_dataset(), ["Lâm Hà"], "vi", tmp_path / "a")
    path = write_xlsx(report, tmp_path / "h.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)
    workbook = openpyxl.load_workbook(path)
    texts = {c.value for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for hostile in HOSTILE:
        expected = hostile.replace("\x07", "\ufffd")
        assert expected in texts
    risky = [c for ws in workbook for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert risky and all(c.data_type == "s" for c in risky)


def test_illustrative_data_is_labelled_in_the_workbook(tmp_path):
    data = load_dataset(paths.bundled_data_dir() / "example")
    report = build_report(data, ["Lâm Hà"], "vi", tmp_path / "a")
    workbook = openpyxl.load_workbook(write_xlsx(report, tmp_path / "x.xlsx"))
    assert workbook["Nguồn"]["A2"].value == "SỐ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU THẬT"
    posts = workbook["So sánh biên chế"]
    assert "SỐ LIỆU MINH HỌA" in posts.oddHeader.center.text  # printed on every page
    assert posts["G2"].value == "SỐ LIỆU MINH HỌA"


def test_english_annex_has_english_headers(tmp_path):
    workbook = openpyxl.load_workbook(write_xlsx(bundled_report(tmp_path / "a", "en"), tmp_path / "e.xlsx"))
    assert workbook.sheetnames[:2] == ["Sources", "Posts compared"]
    assert [c.value for c in workbook["Posts compared"][1]][:3] == ["Unit", "Posts before the pilot", "Posts in the pilot"]


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [sheet_name(t, taken) for t in ["a/b:c", "A/B:C", "x" * 40, "x" * 40, ""]]
    assert names == ["a b c", "A B C (2)", "x" * 31, "x" * 27 + " (2)", "Sheet"]
