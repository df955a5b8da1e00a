"""Writing tables: CSV with BOM for Excel; .xlsx where text stays text (no formula injection)."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from pilotlib import writers
from pilotlib.dataset import DataError

# Values a spreadsheet would turn into formulas or numbers if written carelessly.
TRICKY = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")", "0672", "1e5", "\x01bell"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"value": TRICKY, "unit_code": ["0672"] * len(TRICKY),
                         "posts": list(range(len(TRICKY)))})


def test_xlsx_text_cells_are_strings_never_formulas(tmp_path):
    path = writers.write_table(_frame(), tmp_path / "out.xlsx", sheet_name="rejects")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    types = re.findall(r'<c r="A(\d+)"[^>]*t="(\w+)"', sheet)
    assert {t for _row, t in types} == {"inlineStr"}
    ws = openpyxl.load_workbook(path)["rejects"]
    assert [c.value for c in ws["A"]][1:] == TRICKY[:-1] + ["\ufffdbell"]  # control char made visible
    assert all(c.data_type == "s" for c in ws["A"])
    assert [c.value for c in ws["B"]][1:] == ["0672"] * len(TRICKY)  # leading zero kept
    assert [c.value for c in ws["C"]][1:] == list(range(len(TRICKY)))  # counts are numbers


def test_csv_has_a_bom_for_excel(tmp_path):
    path = writers.write_table(_frame(), tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert back["unit_code"].tolist() == ["0672"] * len(TRICKY)


def test_writing_leaves_no_temporary_file(tmp_path):
    writers.write_table(_frame(), tmp_path / "sub" / "out.csv")
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["out.csv"]


def test_too_many_rows_for_excel(tmp_path, monkeypatch):
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 3)
    with pytest.raises(DataError, match="Excel"):
        writers.write_table(_frame(), tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
