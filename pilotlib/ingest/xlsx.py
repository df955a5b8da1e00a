"""Read one sheet of an .xlsx workbook as a grid of cell values, safely.

Workbooks come from e-mail attachments, so they are treated as hostile until checked:
openpyxl must parse XML through defusedxml (entity expansion and external entities
refused), the zip must not expand past a size cap (zip bombs), and XML parts may not
declare a DOCTYPE. Any failure is a ``DataError`` naming the file (exit status 2).

What the grid holds: cached values of formulas (what Excel last showed), never the
formula text; a formula saved without a cached value becomes ``FormulaWithoutValue``
so it is reported instead of read as empty; booleans and dates become text so they
can never pass as counts; merged ranges whose top-left cell is text are filled with
that text (a unit name merged down over its rows, a header merged across its
sub-columns) — numbers are not copied, so no count is ever duplicated.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import iterparse

from pilotlib.core.errors import DataError, file_error
from pilotlib.core.text import fold
from pilotlib.ingest.counts import FormulaWithoutValue

MAX_UNCOMPRESSED = 1 << 30  # 1 GiB of XML is ~3·10⁶ rows; more is not a staffing table
MAX_RATIO = 200  # larger parts (> RATIO_FLOOR) compressing better than this are bombs
RATIO_FLOOR = 16 << 20
MAX_PARTS = 10_000
_PROLOG_BYTES = 1 << 16
_IS_NONE = np.frompyfunc(lambda v: v is None, 1, 1)



def check_archive(path: Path, max_uncompressed: int = MAX_UNCOMPRESSED) -> None:
    """Refuse zip bombs, non-workbooks and XML with a DOCTYPE before openpyxl sees them."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise file_error(path, "tệp .xlsx hỏng", f"corrupt .xlsx file ({exc})") from None
    with archive:
        parts = archive.infolist()
        names = {p.filename for p in parts}
        if len(parts) > MAX_PARTS:
            raise file_error(path, "quá nhiều phần trong tệp nén", f"too many zip entries ({len(parts)})")
        if "xl/workbook.xml" not in names:
            kind = "OpenDocument (.ods)" if "content.xml" in names else "a zip file"
            raise file_error(path, "không phải sổ tính Excel .xlsx", f"not an Excel .xlsx workbook ({kind})")
        total = sum(p.file_size for p in parts)
        bomb = [p.filename for p in parts
                if p.file_size > RATIO_FLOOR and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
        if total > max_uncompressed or bomb:
            raise file_error(
                path, f"giải nén ra quá lớn ({total:,} byte, giới hạn {max_uncompressed:,})",
                f"expands to {total:,} bytes (cap {max_uncompressed:,}; suspected zip bomb"
                + (f": {', '.join(bomb)}" if bomb else "") + ")")
        for part in parts:
            if part.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(part) as handle:
                    head = handle.read(_PROLOG_BYTES)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise file_error(path, f"XML có khai báo DOCTYPE/ENTITY ({part.filename}), bị từ chối",
                                 f"XML part {part.filename} declares a DOCTYPE/entities; refused")


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """OOXML's "_xHHHH_" escapes as their characters: openpyxl leaves them in inline
    strings (``_x005F_x0041_`` is the text "_x0041_") and in "_x000D_" (a carriage return)."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _plain(value: object) -> object:
    """Cell value → str / int / float / None; bools and dates become text (never counts)."""
    if isinstance(value, str):
        return _unescape(value)
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _choose_sheet(workbook, path: Path, sheet: str | None):
    sheets = workbook.worksheets
    if sheet is not None:
        exact = [ws for ws in sheets if ws.title == sheet]
        loose = [ws for ws in sheets if fold(ws.title) == fold(sheet)]
        found = exact or (loose if len(loose) == 1 else [])
        if found:
            return found[0]
        listed = ", ".join(
            f"'{ws.title}'" + ("" if ws.sheet_state == "visible" else " (ẩn/hidden)") for ws in sheets)
        raise file_error(path, f"không có trang '{sheet}'; các trang: {listed}",
                     f"no sheet named '{sheet}'; sheets: {listed}")
    active = workbook.active
    if active in sheets and active.sheet_state == "visible":
        return active
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    if not visible:
        raise file_error(path, "không có trang tính nào hiển thị; chọn bằng --sheet",
                     "no visible worksheet; name one with --sheet")
    return visible[0]


def _mentions(archive: zipfile.ZipFile, part: str, needles: tuple[bytes, ...]) -> bool:
    """Whether any needle occurs in the part (streamed in chunks, overlap kept)."""
    tail = b""
    with archive.open(part) as handle:
        while chunk := handle.read(1 << 20):
            window = tail + chunk
            if any(n in window for n in needles):
                return True
            tail = window[-16:]
    return False


def scan_sheet_xml(archive: zipfile.ZipFile, part: str) -> tuple[dict[tuple[int, int], str], list[str]]:
    """Formula cells saved without a value ({(row, col): formula}) and merged ranges.

    openpyxl's read-only mode gives neither, so the sheet XML is streamed once more
    (defusedxml, DTDs forbidden) — only when it mentions a formula or a merge at all.
    """
    if not _mentions(archive, part, (b"<f", b":f>", b":f ", b"mergeCell")):
        return {}, []
    from openpyxl.utils.cell import range_boundaries

    uncached: dict[tuple[int, int], str] = {}
    merged: list[str] = []
    parent = None
    with archive.open(part) as handle:
        for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    parent = element
                continue
            if tag == "c":
                children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                value = children.get("v")
                empty = value is None or not (value.text or "") and element.get("t") != "str"
                if "f" in children and empty and element.get("r"):
                    col, row, _, _ = range_boundaries(element.get("r"))
                    uncached[(row, col)] = children["f"].text or ""
            elif tag == "row" and parent is not None:
                parent.remove(element)  # keep memory flat on big sheets
            elif tag == "mergeCell" and element.get("ref"):
                merged.append(element.get("ref"))
    return uncached, merged


def column_letter(index: int) -> str:
    """Excel's name of the 1-based column ``index`` ("A", "Z", "AA" … "ZZZ"), as openpyxl's
    get_column_letter gives it — without importing openpyxl (and PIL with it) to read a CSV."""
    if not 1 <= index <= 18278:
        raise ValueError(f"Invalid column index {index}")
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: Path, sheet: str | None = None,
               max_uncompressed: int = MAX_UNCOMPRESSED) -> tuple[np.ndarray, str, list[tuple[str, dict]]]:
    """(grid of values, sheet title, notes) for the chosen sheet; row i of the grid is Excel row i+1."""
    import openpyxl  # only for workbooks: a CSV is read without it
    from openpyxl.utils.exceptions import InvalidFileException

    if not openpyxl.DEFUSEDXML:
        raise DataError("openpyxl không dùng defusedxml; từ chối đọc .xlsx / openpyxl is not using "
                        "defusedxml (install defusedxml, unset OPENPYXL_DEFUSEDXML=False); refusing .xlsx")
    check_archive(path, max_uncompressed)
    notes: list[tuple[str, dict]] = []
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError,
            DefusedXmlException, SyntaxError) as exc:
        raise file_error(path, "không đọc được sổ tính", f"cannot read the workbook ({type(exc).__name__}: {exc})") from None
    try:
        ws = _choose_sheet(workbook, path, sheet)
        others = [w.title for w in workbook.worksheets if w is not ws and w.sheet_state == "visible"]
        if others:
            notes.append(("other_sheets", {"sheet": ws.title, "others": ", ".join(others)}))
        ws.reset_dimensions()  # trust the cells, not a possibly stale <dimension> tag
        try:
            rows = [tuple(_plain(v) for v in row) for row in ws.iter_rows(min_row=1, values_only=True)]
            # openpyxl has no public way to reach a read-only sheet's XML part
            uncached, merged = scan_sheet_xml(workbook._archive, ws._worksheet_path)
        except (DefusedXmlException, SyntaxError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise file_error(path, f"trang '{ws.title}' hỏng", f"sheet '{ws.title}' is corrupt ({exc})") from None
        title = ws.title
    finally:
        workbook.close()
    width = max((len(r) for r in rows), default=0)
    width = max([width] + [c for (_r, c) in uncached])
    height = max([len(rows)] + [r for (r, _c) in uncached])
    grid = np.full((height, width), None, dtype=object)
    for i, row in enumerate(rows):
        grid[i, : len(row)] = row
    for (row, col), formula in uncached.items():
        if grid[row - 1, col - 1] is None:
            grid[row - 1, col - 1] = FormulaWithoutValue(formula)
    _fill_merged(grid, merged)
    if uncached:
        refs = sorted(uncached, key=lambda rc: rc)
        shown = ", ".join(f"{column_letter(c)}{r}" for r, c in refs[:10])
        notes.append(("formula_uncached", {"count": len(refs), "cells": shown + (" …" if len(refs) > 10 else "")}))
    return grid, title, notes


def _fill_merged(grid: np.ndarray, ranges: list[str]) -> None:
    """Copy a merged range's top-left TEXT into the rest of the range (clipped to the grid)."""
    from openpyxl.utils.cell import range_boundaries

    for ref in ranges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row > grid.shape[0] or min_col > grid.shape[1]:
            continue
        value = grid[min_row - 1, min_col - 1]
        if isinstance(value, str) and value.strip():
            block = grid[min_row - 1: max_row, min_col - 1: max_col]
            block[_IS_NONE(block).astype(bool)] = value
