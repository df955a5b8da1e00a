"""The Excel annex of a run: every table of the report on its own sheet, plus a sheet of
sources ("Nguồn": documents cited, the run's parameters, input hashes, versions).

Headers are the report's (Vietnamese, or English for ``lang`` en); numbers are numbers
with a number format (``#,##0`` for counts, ``#,##0.0`` for ratios and percentages),
which Excel shows with the reader's own separators — 1.234,5 on a Vietnamese Windows —
because a format code's "," and "." mean "thousands" and "decimal", not those
characters. A missing value is an empty cell, never 0. Every text cell is written as a
string cell, so a text starting with "=", "+", "-" or "@" stays text: no formula can
come from the data. Header row frozen, autofilter on, columns fitted to their text.

openpyxl, not XlsxWriter: already a dependency, and on report-sized tables the two differ
by about 10 ms per run (benchmarks/bench_xlsx.py), nothing next to a notebook's seconds.
"""
from __future__ import annotations

import re
from pathlib import Path

from pilotlib.core.dates import moment_text
from pilotlib.core.i18n import label, provenance_label, say
from pilotlib.core.io import atomic_write
from pilotlib.report.model import Report, Table

NUMBER_FORMATS = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00"}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH, MIN_WIDTH = 60, 8


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _SHEET_BAD.sub(" ", title).strip().strip("'")[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _text(sheet, row: int, column: int, value: object, bold: bool = False):
    """A string cell, whatever the text starts with."""
    cell = sheet.cell(row=row, column=column)
    cell.value = _ILLEGAL.sub("\ufffd", "" if value is None else str(value))[:32767]
    cell.data_type = "s"  # after the value: openpyxl reads a leading "=" as a formula
    if bold:
        from openpyxl.styles import Font

        cell.font = Font(bold=True)
    return cell


def _columns(table: Table, lang: str) -> tuple[list[str], list[str], list[int], list[list]]:
    """Headers, kinds, decimals and rows, with a provenance column added when missing."""
    headers, kinds, decimals = list(table.headers), list(table.kinds), list(table.decimals)
    rows = [list(r) for r in table.rows]
    if "provenance" not in table.columns:
        headers.append(label("provenance", lang))
        kinds.append("text")
        decimals.append(0)
        shown = provenance_label(table.provenance, lang) if table.provenance else ""
        rows = [r + [shown] for r in rows]
    return headers, kinds, decimals, rows


def _table_sheet(workbook, table: Table, name: str, lang: str, banner: str) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(name)
    headers, kinds, decimals, rows = _columns(table, lang)
    widths = [len(h) for h in headers]
    for column, header in enumerate(headers, start=1):
        _text(sheet, 1, column, header, bold=True).alignment = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=2):
        for c, (value, kind, digits) in enumerate(zip(values, kinds, decimals), start=1):
            if value is None:
                continue  # missing: an empty cell, never 0
            if kind in ("int", "float"):
                cell = sheet.cell(row=r, column=c, value=int(value) if kind == "int" else float(value))
                cell.number_format = NUMBER_FORMATS.get(digits, "#,##0.0")
                widths[c - 1] = max(widths[c - 1], len(f"{value:,}") + 1)
            else:
                _text(sheet, r, c, value)
                widths[c - 1] = max(widths[c - 1], len(str(value)))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    sheet.print_title_rows = "1:1"
    if banner:
        sheet.oddHeader.center.text = banner.replace("&", "&&")


def _sources_sheet(workbook, report: Report, name: str, technical: dict, banner: str) -> None:
    from openpyxl.utils import get_column_letter

    lang = report.meta.lang
    sheet = workbook.create_sheet(name, 0)
    rows: list[tuple[str, str, bool]] = []
    if banner:
        rows += [(banner, "", True), ("", "", False)]
    rows.append((say("doc.annex_sources", lang), "", True))
    sources = report.cited_sources() or report.meta.sources
    rows += [(s["short_title"], s["reference"], False) for s in sources]
    rows += [("", "", False), (say("doc.annex_technical", lang), "", True)]
    if technical.get("run_id"):
        rows.append((say("doc.run_id", lang), technical["run_id"], False))
    if technical.get("ended"):
        rows.append((say("doc.run_at", lang), f"{moment_text(technical['ended'])} ({say('doc.timezone', lang)})", False))
    rows.append((say("doc.commit", lang), technical.get("commit") or "—", False))
    rows += [(f"{say('doc.parameters', lang)}: {k}", str(v), False)
             for k, v in (technical.get("parameters") or {}).items()]
    rows += [(f"{say('doc.packages', lang)}: {k}", str(v), False) for k, v in (technical.get("packages") or {}).items()]
    rows += [(f"{say('doc.inputs', lang)}: {k}", str(v), False) for k, v in (technical.get("inputs") or {}).items()]
    _text(sheet, 1, 1, say("doc.sheet_item", lang), bold=True)
    _text(sheet, 1, 2, say("doc.sheet_value", lang), bold=True)
    for r, (item, value, bold) in enumerate(rows, start=2):
        _text(sheet, r, 1, item, bold=bold)
        _text(sheet, r, 2, value)
    sheet.column_dimensions[get_column_letter(1)].width = 45
    sheet.column_dimensions[get_column_letter(2)].width = 100
    sheet.freeze_panes = "A2"


def build(report: Report, technical: dict | None = None):
    """The openpyxl Workbook of ``report``: the sources sheet first, then one sheet per table."""
    from openpyxl import Workbook

    lang = report.meta.lang
    workbook = Workbook()
    workbook.remove(workbook.active)
    banner = label("illustrative_banner", lang).upper() if report.is_illustrative() else ""
    taken: set[str] = set()
    _sources_sheet(workbook, report, sheet_name(say("doc.sheet_sources", lang), taken), technical or {}, banner)
    for table in report.tables():
        _table_sheet(workbook, table, sheet_name(table.title, taken), lang, banner)
    workbook.properties.title = report.meta.title
    workbook.properties.creator = "pilotlib"
    workbook.properties.language = "vi-VN" if lang == "vi" else "en-GB"
    return workbook


def write_xlsx(report: Report, path: str | Path, technical: dict | None = None) -> Path:
    """Build and save atomically."""
    workbook = build(report, technical)
    return atomic_write(path, lambda target: workbook.save(str(target)))
