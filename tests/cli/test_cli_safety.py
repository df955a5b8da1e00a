"""Files the commands write are safe to open and never replace a user's file unasked.

- rejects follow the output's format (``-o OUT.xlsx`` → ``OUT.rejects.xlsx``);
- every CSV meant for Excel (normalize and extract outputs, a report's rejects.csv and
  artifacts/*/*.csv) guards text cells Excel would run as formulas; ``--raw-csv`` keeps
  texts exactly, for programs;
- ``template -o`` and ``extract -o`` refuse to overwrite without ``--force`` (exit 2,
  naming the file, nothing written).
"""
from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import staffing_rows

from pilotlib.cli import main

STAFFING = Path(__file__).resolve().parents[1] / "fixtures" / "staffing"
RISKY = "=cmd|' /C calc'!A0"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what Excel reads as a formula


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return [cell for row in csv.reader(stream) for cell in row]


def _risky_table(tmp_path: Path) -> Path:
    table = tmp_path / "bang.csv"
    table.write_text(f"Đơn vị;Mô hình;Số biên chế\nLâm Hà;Trước thí điểm;20\n{RISKY};Sau thí điểm;2\n"
                     "@SUM(1);Sau thí điểm;3\nĐạ Tẻh;Sau thí điểm;-5\n", encoding="utf-8")
    return table


def test_rejects_follow_the_output_format(tmp_path):
    out = tmp_path / "bien_che.xlsx"
    assert main(["normalize", "staffing", str(_risky_table(tmp_path)), "-o", str(out)]) == 1
    rejects = tmp_path / "bien_che.rejects.xlsx"
    assert rejects.exists() and not (tmp_path / "bien_che.rejects.csv").exists()
    with zipfile.ZipFile(rejects) as archive:
        assert "<f" not in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    values = [c.value for row in openpyxl.load_workbook(rejects)["rejects"].iter_rows(min_row=2) for c in row]
    assert RISKY in values and "@SUM(1)" in values  # as typed, a string cell
    # --rejects names another file: its own format wins
    assert main(["normalize", "staffing", str(_risky_table(tmp_path)), "-o", str(out),
                 "--rejects", str(tmp_path / "r.csv")]) == 1
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("source_file,")


def test_csv_outputs_guard_formulas_and_keep_numbers(tmp_path):
    out = tmp_path / "bien_che.csv"
    assert main(["normalize", "staffing", str(_risky_table(tmp_path)), "-o", str(out)]) == 1
    cells = _cells(tmp_path / "bien_che.rejects.csv")
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and c not in ("-5",)]
    assert "'" + RISKY in cells and "'@SUM(1)" in cells
    assert "-5" in cells  # a negative count is a number, shown as a number
    raw = tmp_path / "raw.csv"
    assert main(["normalize", "staffing", str(_risky_table(tmp_path)), "-o", str(raw), "--raw-csv"]) == 1
    assert RISKY in _cells(tmp_path / "raw.rejects.csv")  # for programs: exactly as read


def test_extract_guards_its_csv_unless_raw(tmp_path):
    report = tmp_path / "bao_cao.txt"
    report.write_text("Kiến nghị:\n- =HYPERLINK(\"http://x\") cấp thêm xe.\n", encoding="utf-8")
    assert main(["extract", str(report), "-o", str(tmp_path / "a")]) in (0, 1)
    texts = pd.read_csv(tmp_path / "a" / "issues.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")["text"]
    assert texts.tolist() == ["'=HYPERLINK(\"http://x\") cấp thêm xe"]
    assert main(["extract", str(report), "-o", str(tmp_path / "b"), "--raw-csv"]) in (0, 1)
    raw = pd.read_csv(tmp_path / "b" / "issues.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")["text"]
    assert raw.tolist() == ["=HYPERLINK(\"http://x\") cấp thêm xe"]


def test_report_tables_for_excel_are_guarded(tmp_path):
    from pilotlib.data.model import Dataset
    from pilotlib.report.tables import save_table

    path = save_table(pd.DataFrame({"unit": [RISKY, "-3"], "posts_old": [-3, 4]}), tmp_path / "art", "posts", "vi")
    assert _cells(path)[2:] == ["'" + RISKY, "-3", "-3", "4"]  # text guarded, numbers (and "-3") as they are
    rejects = pd.DataFrame({"source_file": ["a.csv"], "sheet": [""], "source_row": ["2"], "column": ["unit"],
                            "value": ["+SUM(A1)"], "reason": ["x"], "reason_key": ["unknown_unit"]})
    data = Dataset(root=tmp_path, tables={"staffing": staffing_rows([{"unit": RISKY, "structure": "old"}])},
                   rejects=rejects)
    data.write_tidy(tmp_path / "data", tmp_path / "rejects.csv")
    assert "'+SUM(A1)" in _cells(tmp_path / "rejects.csv")  # the report's rejects.csv is for people
    assert RISKY in _cells(tmp_path / "data" / "staffing.csv")  # the tidy copy is for kernels: raw


@pytest.mark.parametrize("command", ["template", "extract"])
def test_existing_files_are_not_overwritten_without_force(tmp_path, capsys, command):
    report = tmp_path / "bao_cao.txt"
    report.write_text("Huyện Lâm Hà có 20 biên chế sau thí điểm.\n", encoding="utf-8")
    if command == "template":
        target = tmp_path / "mau.xlsx"
        argv = ["template", "-o", str(target)]
    else:
        (tmp_path / "out").mkdir()
        target = tmp_path / "out" / "issues.csv"
        argv = ["extract", str(report), "-o", str(tmp_path / "out")]
    target.write_text("my own work", encoding="utf-8")
    assert main(argv) == 2
    said = capsys.readouterr().err
    assert f"{target}: đã có, không ghi đè; thêm --force để ghi đè / already exists; not overwritten" in said
    assert target.read_text(encoding="utf-8") == "my own work"
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        ["mau.xlsx", "bao_cao.txt"] if command == "template" else ["issues.csv"])
    assert main(argv + ["--force"]) in (0, 1)
    assert target.read_bytes() != b"my own work"
