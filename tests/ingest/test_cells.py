"""Reading raw inputs: encodings, separators, row numbers, sheets, formulas, hostile files."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from openpyxl import Workbook

from pilotlib.core.errors import DataError
from pilotlib.ingest import xlsx
from pilotlib.ingest.cells import RawTable, _widest_line, read_table, sniff_separator
from pilotlib.ingest.counts import FormulaWithoutValue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "staffing"


def _values(table: RawTable) -> list[list[object]]:
    return table.cells.to_numpy(dtype=object).tolist()


# ----------------------------------------------------------------------------- CSV
def test_csv_row_numbers_are_the_lines_a_text_editor_shows(tmp_path):
    source = tmp_path / "lines.csv"
    # line 1 header; record 2 spans lines 2-3 (quoted newline); line 4 blank; line 5 data
    source.write_text('Đơn vị,Ghi chú\nLâm Hà,"a\nb"\n\nĐạ Tẻh,c\n', encoding="utf-8")
    table = read_table(source)
    assert table.rows.tolist() == [1, 2, 4, 5]
    assert _values(table)[1] == ["Lâm Hà", "a\nb"]


def test_csv_trailing_blank_lines_are_not_rows(tmp_path):
    source = tmp_path / "trailing.csv"
    source.write_text("Đơn vị,Số lượng\nLâm Hà,20\n\n\n,\n", encoding="utf-8")
    assert read_table(source).rows.tolist() == [1, 2]


@pytest.mark.parametrize(("text", "separator"), [
    ("Đơn vị;Số lượng\nLâm Hà;21,0\nĐạ Tẻh;20,5\n", ";"),  # decimal commas must not fool the sniffer
    ("Đơn vị,Số lượng\nLâm Hà,21\nĐạ Tẻh,20\n", ","),
    ("Đơn vị\tSố lượng\nLâm Hà\t21\n", "\t"),
    ('Đơn vị,Số lượng\n"Lâm Hà","21,0"\n"Đạ Tẻh","20,5"\n', ","),  # quoted decimal commas
    ("Bảng biên chế\n\nĐơn vị;Mô hình;Số lượng\nLâm Hà;old;21\n", ";"),  # a title line of one field
])
def test_separator_is_sniffed(text, separator):
    assert sniff_separator(text) == separator


def test_csv_rows_wider_than_the_first_line_are_read(tmp_path):
    source = tmp_path / "ragged.csv"
    # Title line: 1 field; record 3 has a quoted newline hiding two of its five fields from
    # the per-line estimate, so the reader must widen and retry.
    source.write_text('Tiêu đề\nĐơn vị,A,B,C,D\n1,"x\ny",2,3,4\n', encoding="utf-8")
    table = read_table(source)
    assert _values(table)[-1] == ["1", "x\ny", "2", "3", "4"]
    assert table.rows.tolist() == [1, 2, 3]


@pytest.mark.parametrize(("raw", "encoding"), [
    ("Đơn vị;Số lượng\nĐạ Tẻh;21\n".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "Đơn vị;Số lượng\nĐạ Tẻh;21\n".encode("utf-8"), "utf-8-sig"),
    # Windows-1258, tone marks as separate bytes: "Đạ Tẻh" = Đ(D0) a dot-below(F2) T e hook(D2) h
    (b"\xd0\xf5n vi\xf2;S\xf4\xec l\xfd\xf5\xf2ng\n\xd0a\xf2 Te\xd2h;21\n", "cp1258"),
])
def test_csv_encodings(tmp_path, raw, encoding):
    """UTF-8 is read from the bytes (decode_csv), the rest through the decoded text."""
    source = tmp_path / "enc.csv"
    source.write_bytes(raw)
    table = read_table(source)
    assert table.encoding == encoding
    assert _values(table)[-1] == ["Đạ Tẻh", "21"]


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty"),
    (b"\xef\xbb\xbf \r\n\r\n", "empty"),
    (b"\xef\xbb\xbf\xef\xbb\xbf\t\n" * 3, "empty"),  # marks and blanks only, the mark repeated
    ("Đơn vị\n".encode("utf-16"), "UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unreadable_csv_is_unusable_input_naming_the_file(tmp_path, raw, message):
    source = tmp_path / "bad.csv"
    source.write_bytes(raw)
    with pytest.raises(DataError, match=rf"bad\.csv.*{message}"):
        read_table(source)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.csv", None, "does not exist"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, r"\.xls"),
    ("renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "password-protected"),
    ("text.xlsx", "Đơn vị,Số lượng\n".encode(), "not a valid .xlsx"),
    ("report.pdf", b"%PDF-1.4\n", "unsupported file type"),
    ("truncated.xlsx", b"PK\x03\x04" + b"\x00" * 40, "corrupt"),
])
def test_wrong_kinds_of_file(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(DataError, match=rf"{name}.*{message}"):
        read_table(source)


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(DataError, match="not a file"):
        read_table(tmp_path)


# ----------------------------------------------------------------------------- XLSX
def _workbook(path: Path, build) -> Path:
    wb = Workbook()
    build(wb)
    wb.save(path)
    return path


def test_hidden_first_sheet_is_skipped_and_the_active_visible_one_read(tmp_path):
    def build(wb):
        wb.active.title = "Ẩn"
        wb.active.sheet_state = "hidden"
        wb.active["A1"] = "hidden data"
        wb.create_sheet("Dữ liệu")["A1"] = "visible data"
    # openpyxl keeps the hidden sheet active (activeTab=0): the first visible one is read
    table = read_table(_workbook(tmp_path / "h.xlsx", build))
    assert table.sheet == "Dữ liệu" and _values(table) == [["visible data"]]


def test_an_explicit_sheet_may_be_hidden(tmp_path):
    def build(wb):
        wb.active.title = "Ẩn"
        wb.active.sheet_state = "hidden"
        wb.active["A1"] = "hidden data"
        wb.create_sheet("Dữ liệu")["A1"] = "visible data"
    table = read_table(_workbook(tmp_path / "h.xlsx", build), sheet="Ẩn")
    assert _values(table) == [["hidden data"]]


def test_cells_become_plain_values(tmp_path):
    import datetime as dt

    def build(wb):
        ws = wb.active
        ws.append(["0672", 672, 21.0, True, dt.date(2020, 1, 31), None, "  "])
        ws["A3"] = "row three"  # row 2 is missing from the XML: it must still be a grid row
        ws.merge_cells("A4:C5")
        ws["A4"] = "merged text"  # text fills its merged range
        ws.merge_cells("D4:D5")
        ws["D4"] = 7  # a merged number is NOT copied (it would count twice)
    table = read_table(_workbook(tmp_path / "v.xlsx", build))
    rows = _values(table)
    assert rows[0][:5] == ["0672", 672, 21.0, "TRUE", "2020-01-31"]  # leading zero kept; bool, date → text
    assert table.rows.tolist() == [1, 2, 3, 4, 5]
    assert rows[2][0] == "row three"
    assert rows[3][:4] == ["merged text"] * 3 + [7] and rows[4][:4] == ["merged text"] * 3 + [None]


def test_formulas_give_cached_values_or_a_marker(tmp_path):
    table = read_table(FIXTURES / "formulas_uncached.xlsx")
    column = table.cells[2].tolist()
    assert column[1] == FormulaWithoutValue("5*4") and column[2] == 20
    assert ("formula_uncached", {"count": 1, "cells": "C2"}) in table.notes


def test_a_stale_dimension_tag_does_not_hide_cells(tmp_path):
    path = _workbook(tmp_path / "dim.xlsx", lambda wb: wb.active.append(["Đơn vị", "Số lượng", "Ghi chú"]))
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<dimension ref="A1:C1"', b'<dimension ref="A1"'))
    assert _values(read_table(path)) == [["Đơn vị", "Số lượng", "Ghi chú"]]


def _rewrite(path: Path, part: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        members = {i.filename: source.read(i) for i in source.infolist()}
    members[part] = change(members[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


@pytest.mark.parametrize("prolog", [
    b'<!DOCTYPE w [<!ENTITY boom "BOOM">]>',  # an entity (billion laughs starts like this)
    b'<!DOCTYPE w [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',  # an external entity
])
def test_xml_with_entities_is_refused(tmp_path, prolog):
    path = _workbook(tmp_path / "xxe.xlsx", lambda wb: wb.active.append(["Đơn vị"]))
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: prolog + xml)
    with pytest.raises(DataError, match=r"xxe\.xlsx.*DOCTYPE"):
        read_table(path)


def test_defusedxml_refuses_entities_even_past_the_prolog_check(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "xxe.xlsx", lambda wb: wb.active.append(["Đơn vị"]))
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: b'<!DOCTYPE w [<!ENTITY e "x">]>' + xml)
    monkeypatch.setattr(xlsx, "_PROLOG_BYTES", 4)  # blind our own check
    with pytest.raises(DataError, match=r"xxe\.xlsx.*cannot read|xxe\.xlsx.*corrupt"):
        read_table(path)


def test_openpyxl_without_defusedxml_is_refused(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "ok.xlsx", lambda wb: wb.active.append(["Đơn vị"]))
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(DataError, match="defusedxml"):
        read_table(path)


def test_zip_bomb_is_refused(tmp_path):
    path = _workbook(tmp_path / "bomb.xlsx", lambda wb: wb.active.append(["Đơn vị"]))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (40 << 20))  # 40 MB of zeros → ~40 kB
    with pytest.raises(DataError, match=r"bomb\.xlsx.*zip bomb.*padding\.bin"):
        read_table(path)


def test_size_cap_on_uncompressed_parts(tmp_path):
    path = _workbook(tmp_path / "big.xlsx", lambda wb: wb.active.append(["Đơn vị"]))
    with pytest.raises(DataError, match=r"big\.xlsx.*cap 1,000"):
        read_table(path, max_uncompressed=1000)


@pytest.mark.parametrize(("members", "message"), [
    ({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}, "not an Excel .xlsx workbook"),
    ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, "OpenDocument"),
])
def test_other_zip_files_are_not_workbooks(tmp_path, members, message):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(DataError, match=rf"other\.xlsx.*{message}"):
        read_table(path)


def test_an_empty_sheet_is_unusable(tmp_path):
    path = _workbook(tmp_path / "empty.xlsx", lambda wb: None)
    with pytest.raises(DataError, match=r"empty\.xlsx.*no data"):
        read_table(path)


def test_other_visible_sheets_are_named(tmp_path):
    def build(wb):
        wb.active["A1"] = "x"
        wb.create_sheet("Khác")["A1"] = "y"
    table = read_table(_workbook(tmp_path / "two.xlsx", build))
    assert ("other_sheets", {"sheet": "Sheet", "others": "Khác"}) in table.notes


def test_widest_line_counts_separators():
    assert _widest_line("a;b\nc;d;e;f\n", ";") == 4
    assert _widest_line("abc", ",") == 1
    assert isinstance(_widest_line("a,b", ","), int)


def test_scan_finds_merges_and_uncached_formulas_only():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", b'<worksheet xmlns="x"><sheetData><row r="1">'
                                  b'<c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>1+2</f><v/></c>'
                                  b'<c r="C1" t="str"><f>""</f><v></v></c></row></sheetData>'
                                  b'<mergeCells><mergeCell ref="A2:B2"/></mergeCells></worksheet>')
    with zipfile.ZipFile(buffer) as archive:
        uncached, merged = xlsx.scan_sheet_xml(archive, "s.xml")
    assert uncached == {(1, 2): "1+2"} and merged == ["A2:B2"]  # C1 cached an empty string
    assert np.array_equal(np.array([1]), np.array([1]))


def test_utf8_csv_read_from_bytes_as_from_its_text(tmp_path):
    """NFD letters composed, CRLF and lone CR unified, a repeated mark dropped: the same
    cells and row numbers as parsing the decoded text."""
    from pilotlib.ingest.cells import decode_csv, decode_text, parse_csv_text

    source = tmp_path / "nfd.csv"
    text = "\ufeffĐơn vị;Số lượng\r\nLa\u0302m Ha\u0300;21\rĐạ Tẻh;\"3\r\n4\"\n"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    data, encoding = decode_csv(source)
    assert encoding == "utf-8-sig" and isinstance(data, bytes)
    from_bytes, from_text = parse_csv_text(data), parse_csv_text(decode_text(source)[0])
    assert from_bytes[0].equals(from_text[0]) and from_bytes[1].tolist() == from_text[1].tolist()
    assert from_bytes[0].iloc[1].tolist() == ["Lâm Hà", "21"] and from_bytes[0].iloc[2, 1] == "3\n4"
