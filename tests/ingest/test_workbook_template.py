"""The input template: what an analyst fills in, and that it normalises back exactly."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest

from pilotlib.cli import main
from pilotlib.core import paths
from pilotlib.data.example import demo_workbook
from pilotlib.data.load import load_dataset
from pilotlib.ingest.staffing import normalize_staffing
from pilotlib.ingest.workbook_template import COLUMNS, write_filled

DATA_COLUMNS = ["unit", "unit_code", "code_vintage", "structure", "body", "position", "position_group", "posts"]


def test_cli_writes_the_template(tmp_path, capsys):
    target = tmp_path / "mau.xlsx"
    assert main(["template", "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Biên chế", "Hướng dẫn", "Danh mục"]
    assert book.active.title == "Biên chế"
    assert book["Danh mục"].sheet_state == "hidden"
    assert [c.value for c in book["Biên chế"][1]] == [c[0] for c in COLUMNS]
    assert book["Biên chế"].max_row == 1 or all(c.value is None for c in book["Biên chế"][2])
    instructions = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "Trước thí điểm" in instructions and "Số nguyên ≥ 0" in instructions
    assert "Ví dụ một dòng" in instructions
    lists = [c.value for c in book["Danh mục"]["A"] if c.value]
    assert "Lâm Hà" in lists and "Đạ Huoai (2024)" in lists
    validations = book["Biên chế"].data_validations.dataValidation
    assert {v.type for v in validations} == {"list", "whole"}
    assert "Biên chế" in capsys.readouterr().out


def test_template_needs_xlsx_name(tmp_path):
    assert main(["template", "-o", str(tmp_path / "mau.csv")]) == 2
    assert not (tmp_path / "mau.csv").exists()


@pytest.mark.parametrize("folder", ["", "example"], ids=["seed", "illustrative"])
def test_filled_template_normalises_back_to_the_table(tmp_path, folder):
    table = load_dataset(paths.bundled_data_dir() / folder).staffing
    result = normalize_staffing([write_filled(tmp_path / "filled.xlsx", table)])
    assert len(result.rejects) == 0
    assert result.total.kept == len(table)
    assert result.staffing[DATA_COLUMNS].reset_index(drop=True).equals(table[DATA_COLUMNS].reset_index(drop=True))
    assert set(result.staffing["provenance"]) == {"analyst"}
    assert result.staffing["source_row"].tolist() == [str(n) for n in range(2, len(table) + 2)]


def test_demo_workbook_shows_rejects(tmp_path):
    result = normalize_staffing([demo_workbook(tmp_path)])
    reasons = result.rejects["reason"].tolist()
    assert len(reasons) == 2
    assert "Lâm Hà" in reasons[0]  # "did you mean Lâm Hà" for the misspelt "Lâm Haa"
    assert result.total.read == result.total.kept + result.total.rejected + result.total.skipped
    with zipfile.ZipFile(tmp_path / "vi_du_minh_hoa.xlsx") as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()


@pytest.mark.parametrize("where", ["under a file", "a folder"])
def test_unwritable_target_exits_2_naming_it(tmp_path, capsys, where):
    blocker = tmp_path / "plain.txt"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "mau.xlsx" if where == "under a file" else tmp_path / "mau.xlsx"
    if where == "a folder":
        target.mkdir()
    assert main(["template", "-o", str(target)]) == 2
    said = ("không ghi được / cannot write: Not a directory" if where == "under a file"
            else "là thư mục, không phải tệp / is a folder, not a file")
    assert f"pilotlib template: {target}: {said}" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["plain.txt"] + ["mau.xlsx"] * (where == "a folder"))
    assert where == "under a file" or not any(target.iterdir())


def test_template_file_is_readable_by_others(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert main(["template", "-o", str(tmp_path / "mau.xlsx")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "mau.xlsx").stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["mau.xlsx"]
