"""The blank input workbook analysts fill in (`pilotlib template -o FILE.xlsx`).

Sheet "Biên chế" (active) takes one count per row under headers the staffing reader
recognises; drop-down lists come from the reference vocabularies (sheet "Danh mục"),
so what is typed matches; sheet "Hướng dẫn" explains every column in Vietnamese first,
then English, with an example row.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pilotlib.reference import vocab

DATA_SHEET, HELP_SHEET, LISTS_SHEET = "Biên chế", "Hướng dẫn", "Danh mục"
STRUCTURE_VALUES = ("Trước thí điểm", "Sau thí điểm")
ROWS = 2000  # rows covered by the drop-down lists

# (header, width, vi explanation, en explanation, example)
COLUMNS = (
    ("Đơn vị", 22, "Tên huyện/xã, chọn trong danh sách (có thể gõ \"Huyện Lâm Hà\", \"Lam Ha\"…). Bắt buộc.",
     "Unit name, from the list (spellings such as \"Huyện Lâm Hà\" or \"Lam Ha\" also match). Required.", "Lâm Hà"),
    ("Mã đơn vị", 12, "Mã đơn vị hành chính (không bắt buộc); giữ nguyên số 0 ở đầu.",
     "Official unit code (optional); leading zeros are kept.", "676"),
    ("Mô hình", 18, "\"Trước thí điểm\" (cơ cấu cũ) hoặc \"Sau thí điểm\" (cơ quan khối). Bắt buộc.",
     "\"Trước thí điểm\" (old structure) or \"Sau thí điểm\" (the pilot agency). Required.", "Sau thí điểm"),
    ("Tổ chức/Ban", 24, "Tổ chức (cơ cấu cũ) hoặc ban của cơ quan khối; để trống nếu chỉ có tổng số.",
     "Organisation (old) or board (pilot); leave empty when only totals are known.", "Ban Tổng hợp"),
    ("Chức danh", 20, "Chức danh, chọn trong danh sách; để trống nếu chỉ có tổng số.",
     "Job title, from the list; leave empty when only totals are known.", "Kế toán"),
    ("Số biên chế", 12, "Số nguyên ≥ 0. Mỗi dòng một con số; không ghi dòng tổng cộng.",
     "Whole number ≥ 0. One count per row; do not add total rows.", "1"),
)


def _lists_sheet(book: Workbook) -> dict[str, str]:
    """Write the vocabularies to a hidden sheet; returns column → range for validations."""
    sheet = book.create_sheet(LISTS_SHEET)
    lists = {
        "Đơn vị": vocab.load_units_table().query("level != 'province'")["unit"].tolist(),
        "Mô hình": list(STRUCTURE_VALUES),
        "Tổ chức/Ban": vocab.bodies().table["body"].tolist(),
        "Chức danh": vocab.positions().table["position"].tolist(),
    }
    ranges = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _data_sheet(book: Workbook, ranges: dict[str, str]) -> None:
    sheet = book.active
    sheet.title = DATA_SHEET
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (header, width, *_rest) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font, cell.fill = Font(bold=True), header_fill
        sheet.column_dimensions[get_column_letter(index)].width = width
        letter = get_column_letter(index)
        if header in ranges:
            check = DataValidation(type="list", formula1=ranges[header], allow_blank=True,
                                   showErrorMessage=header == "Mô hình")
            check.error = "Chọn trong danh sách / choose from the list"
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{ROWS}")
        if header == "Số biên chế":
            check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                   showErrorMessage=True)
            check.error = "Số nguyên ≥ 0 / whole number ≥ 0"
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{ROWS}")
        if header == "Mã đơn vị":  # text format for the whole column keeps leading zeros
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"


def _help_sheet(book: Workbook) -> None:
    sheet = book.create_sheet(HELP_SHEET)
    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        ("Mẫu nhập số liệu biên chế — pilotlib", "Staffing input template — pilotlib"),
        ("Nhập số liệu vào trang \"Biên chế\", mỗi dòng một con số (đơn vị × mô hình × tổ chức × chức danh).",
         "Fill in sheet \"Biên chế\", one count per row (unit × structure × body × position)."),
        ("Sau đó chạy: pilotlib normalize staffing TỆP.xlsx -o bien_che.csv — các dòng lỗi được liệt kê kèm lý do.",
         "Then run: pilotlib normalize staffing FILE.xlsx -o staffing.csv — rejected rows are listed with a reason."),
        ("", ""),
        ("Cột", "Column"),
    ]
    for row, (vi, en) in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=vi).alignment = wrap
        sheet.cell(row=row, column=2, value=en).alignment = wrap
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    start = len(lines) + 1
    for offset, (header, _width, vi, en, _example) in enumerate(COLUMNS):
        sheet.cell(row=start + offset, column=1, value=f"{header}: {vi}").alignment = wrap
        sheet.cell(row=start + offset, column=2, value=en).alignment = wrap
    example_row = start + len(COLUMNS) + 1
    sheet.cell(row=example_row, column=1, value="Ví dụ một dòng / example row:").font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.cell(row=example_row + 1, column=index, value=column[0]).font = Font(bold=True)
        sheet.cell(row=example_row + 2, column=index, value=column[4])
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 70


def write_template(path: str | Path) -> Path:
    """Write the blank workbook; the data sheet is first and active."""
    book = Workbook()
    ranges = _lists_sheet(book)
    _data_sheet(book, ranges)
    _help_sheet(book)
    book.move_sheet(HELP_SHEET, offset=-1)  # Biên chế, Hướng dẫn, (hidden) Danh mục
    book.active = 0
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def write_filled(path: str | Path, staffing) -> Path:
    """The template with a staffing table typed in (a worked example, and the round-trip
    test: normalising it must give the same table back)."""
    from openpyxl import load_workbook

    target = write_template(path)
    book = load_workbook(target)
    sheet = book[DATA_SHEET]
    structure_words = dict(zip(("old", "pilot"), STRUCTURE_VALUES))
    for row, record in enumerate(staffing.to_dict("records"), start=2):
        values = (record["unit"], record["unit_code"], structure_words[record["structure"]],
                  record["body"], record["position"], int(record["posts"]))
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value if value != "" else None)
    book.save(target)
    return target
