"""Write a table to CSV (UTF-8 with BOM, so Excel shows Vietnamese right) or to .xlsx.

Two promises: a file is either written completely or not at all (written beside the
target, then renamed into place), and in .xlsx every text cell stays text — a unit
name or a rejected value starting with "=", "+", "-" or "@" is stored as a string
cell, never as a formula, so opening a rejects file cannot run anything. Integer
columns (``posts``) are numbers; everything else, including codes with leading zeros,
is text.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from pilotlib.dataset import DataError

XLSX_MAX_ROWS = 1_048_576
# Control characters an .xlsx cannot hold; shown as U+FFFD instead of failing the write.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_xlsx(path: Path) -> bool:
    return Path(path).suffix.lower() == ".xlsx"


def write_table(frame: pd.DataFrame, path: Path, sheet_name: str = "data") -> Path:
    """Write ``frame`` to ``path`` (.xlsx → Excel, anything else → CSV UTF-8 with BOM)."""
    path = Path(path)
    if is_xlsx(path) and len(frame) + 1 > XLSX_MAX_ROWS:
        raise DataError(f"{path}: {len(frame):,} dòng vượt giới hạn của Excel; hãy ghi ra .csv / "
                        f"{len(frame):,} rows exceed Excel's limit; write a .csv instead")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        if is_xlsx(path):
            _write_xlsx(frame, Path(temporary), sheet_name)
        else:
            frame.to_csv(temporary, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def _text_cell(sheet, value: object) -> WriteOnlyCell:
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    cell = WriteOnlyCell(sheet, value=_ILLEGAL.sub("\ufffd", text))
    cell.data_type = "s"  # after the value: openpyxl reads a leading "=" as a formula
    return cell


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet_name: str) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    numeric = [pd.api.types.is_integer_dtype(frame[c]) for c in frame.columns]
    sheet.append([_text_cell(sheet, c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([
            WriteOnlyCell(sheet, value=int(v)) if is_number else _text_cell(sheet, v)
            for v, is_number in zip(row, numeric)])
    workbook.save(path)
