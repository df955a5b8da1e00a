"""Why the Excel annex uses openpyxl: openpyxl (explicit string cells) against XlsxWriter
(``strings_to_formulas`` off), the same sheets, in one process, median of 3.

Not part of ``make bench``; XlsxWriter is not a dependency: ``pip install xlsxwriter``
first. Figures of 2026-11-30 (development VM, 2 cores): 8 tables × 20 rows — openpyxl
24 ms, XlsxWriter 13 ms; 1 table × 100 000 rows — 7.5 s and 4.9 s. A report's annex is the
first case: ~10 ms per run, nothing next to the seconds a notebook takes, so the annex
keeps the dependency the project already has.
"""
import io
import random
import time

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

random.seed(1)


def table(n):
    return [["Đơn vị %d" % i, random.randint(0, 100), random.randint(0, 100), random.random() * 100, "=SUM(A1) " + "x" * 30, "tài liệu được trích dẫn"] for i in range(n)]


def op(tables):
    wb = Workbook(write_only=True)
    for t, rows in enumerate(tables):
        ws = wb.create_sheet(f"t{t}"); ws.freeze_panes = "A2"
        for r in rows:
            cells = []
            for v in r:
                c = WriteOnlyCell(ws, value=v)
                if isinstance(v, str): c.data_type = "s"
                if isinstance(v, float): c.number_format = "#,##0.0"
                cells.append(c)
            ws.append(cells)
    b = io.BytesIO(); wb.save(b); return b


def xw(tables):
    b = io.BytesIO()
    wb = xlsxwriter.Workbook(b, {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "constant_memory": False})
    fmt = wb.add_format({"num_format": "#,##0.0"})
    for t, rows in enumerate(tables):
        ws = wb.add_worksheet(f"t{t}"); ws.freeze_panes(1, 0)
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                if isinstance(v, str): ws.write_string(i, j, v)
                elif isinstance(v, float): ws.write_number(i, j, v, fmt)
                else: ws.write_number(i, j, v)
    wb.close(); return b


for label, tables in (("report: 8 tables x 20 rows", [table(20)] * 8), ("large: 1 table x 100000 rows", [table(100_000)])):
    for name, f in (("openpyxl", op), ("xlsxwriter", xw)):
        times = []
        for _ in range(3):
            t = time.perf_counter(); f(tables); times.append(time.perf_counter() - t)
        print(f"{label:30s} {name:10s} median {sorted(times)[1]*1000:9.1f} ms")
