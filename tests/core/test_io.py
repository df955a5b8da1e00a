"""Writing tables: CSV with BOM for Excel; .xlsx where text stays text (no formula injection)."""
from __future__ import annotations

import os
import re
import stat
import zipfile

import openpyxl
import pandas as pd
import pytest

from pilotlib.core import io
from pilotlib.core.errors import DataError
from pilotlib.core.io import atomic_write, write_table, write_tables

# Values a spreadsheet would turn into formulas or numbers if written carelessly.
TRICKY = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")", "0672", "1e5", "\x01bell"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"value": TRICKY, "unit_code": ["0672"] * len(TRICKY),
                         "posts": list(range(len(TRICKY)))})


def test_xlsx_text_cells_are_strings_never_formulas(tmp_path):
    path = write_table(_frame(), tmp_path / "out.xlsx", sheet_name="rejects")
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
    path = write_table(_frame(), tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert back["unit_code"].tolist() == ["0672"] * len(TRICKY)


def test_writing_leaves_no_temporary_file(tmp_path):
    write_table(_frame(), tmp_path / "sub" / "out.csv")
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["out.csv"]


def test_too_many_rows_for_excel(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "XLSX_MAX_ROWS", 3)
    with pytest.raises(DataError, match="Excel"):
        write_table(_frame(), tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_tables_get_the_usual_permissions(tmp_path, umask_022, name):
    """Not mkstemp's 0600: a report set or a normalised table must be readable by colleagues."""
    path = write_table(_frame(), tmp_path / name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_one_atomic_writer_for_tables_and_reports(tmp_path, umask_022):
    from pilotlib.batch import execute, sets

    assert sets.atomic_write is atomic_write and execute.atomic_write is atomic_write  # batch uses the shared one
    atomic_write(tmp_path / "index.html", "<p>Đạ Tẻh</p>")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>Đạ Tẻh</p>"
    assert stat.S_IMODE((tmp_path / "index.html").stat().st_mode) == 0o644
    atomic_write(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bin", "index.html"]  # no staging left


def test_failed_write_leaves_the_old_file_and_no_staging(tmp_path):
    target = tmp_path / "keep.csv"
    target.write_text("old", encoding="utf-8")

    def broken(path):
        path.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_write_tables_is_all_or_nothing(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(IsADirectoryError):
        write_tables([(_frame(), tmp_path / "new" / "a.csv", "a"), (_frame(), tmp_path / "taken", "b")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]  # no a.csv, no "new" folder
    paths = write_tables([(_frame(), tmp_path / "new" / "a.csv", "a"), (_frame(), tmp_path / "b.xlsx", "b")])
    assert [p.exists() for p in paths] == [True, True]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["a.csv"]
