"""Figures a Word report gives in a table rather than in sentences.

    Đơn vị   | Trước thí điểm | Sau thí điểm          Tổ chức       | Biên chế
    Lâm Hà   | 22             | 20                    Hội Nông dân  | 4

The header row is read with the words of ``data/reference/headers.csv`` (the raw
readers' vocabulary): a unit column, a body column, and count columns that name a
structure ("Trước", "Sau thí điểm", "Cơ cấu mới") or only posts ("Biên chế", "Số
người"). Each count cell becomes a staffing row citing the table row (its paragraph
number, as the report is numbered). What the table does not say is flagged as in text:
a unit not in the vocabulary, no unit (the one the paragraph before names is used when it
names exactly one), a count of people rather than posts ("Số người"), a structure from
no header nor the caption before the table. Totals rows are skipped.
"""
from __future__ import annotations

import re

from pilotlib.ingest.narrative.figures import MARKED_CUES, OLD_CUES, PILOT_CUES, Figure
from pilotlib.ingest.narrative.mentions import UnitScanner, scan_key
from pilotlib.ingest.narrative.names import group
from pilotlib.ingest.narrative.report_text import CELL_SEPARATOR, Paragraph, Report, Sentence
from pilotlib.ingest.narrative.structure import find_cues
from pilotlib.reference import header_words, vocab

_WHOLE = re.compile(r"^\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*$")
_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")


def table_figures(report: Report, scanner: UnitScanner) -> list[Figure]:
    """Staffing rows of every Word table whose header names count columns."""
    out: list[Figure] = []
    tables: dict[int, list[Paragraph]] = {}
    for paragraph in report.paragraphs:
        if paragraph.table >= 0:
            tables.setdefault(paragraph.table, []).append(paragraph)
    for rows in tables.values():
        out += _one_table(report, rows, scanner)
    return out


def _columns(header: list[str]) -> tuple[int | None, int | None, list[tuple[int, str | None]]]:
    """(unit column, body column, [(count column, "old"/"pilot"/None)])."""
    unit = body = None
    counts = []
    for col, cell in enumerate(header):
        field, _ = header_words.classify(cell)
        if field == "unit" and unit is None:
            unit = col
        elif field in ("body", "body_name") and body is None:
            body = col
        elif field in ("old", "pilot"):
            counts.append((col, field))
        elif field == "posts":
            counts.append((col, None))
    return unit, body, counts


def _before(report: Report, first: Paragraph) -> str:
    """The caption of a table: the paragraph just before it when it introduces the table
    (ends with ":" or is a title "Bảng …", "Biểu …"); "" otherwise."""
    for paragraph in reversed(report.paragraphs[:first.number - 1]):
        text = paragraph.text.strip()
        if text and paragraph.table < 0:
            return text if text.endswith(":") or scan_key(text).startswith(("bang", "bieu")) else ""
    return ""


def _one_table(report: Report, rows: list[Paragraph], scanner: UnitScanner) -> list[Figure]:
    header = rows[0].text.split(CELL_SEPARATOR)
    unit_col, body_col, counts = _columns(header)
    if not counts or unit_col is None and body_col is None:
        return []
    caption = _before(report, rows[0])
    said_posts = "bien che" in scan_key(caption + " " + rows[0].text)
    caption_cues, _ = find_cues(caption, scan_key(caption), OLD_CUES, PILOT_CUES, MARKED_CUES)
    caption_structure = {c.structure for c in caption_cues if c.strong} - {"both"}
    named = [m for m in scanner.find(caption) if not m.weak]
    caption_unit = named[0].unit if len({m.unit for m in named}) == 1 else ""
    bodies = vocab.bodies()
    out = []
    for paragraph in rows[1:]:
        cells = paragraph.text.split(CELL_SEPARATOR)
        label = " ".join(cells[c] for c in (unit_col, body_col) if c is not None and c < len(cells))
        if not label.strip() or header_words.is_total(label.strip()):
            continue
        sentence = Sentence(paragraph.text, paragraph.start, paragraph.number)
        for col, structure in counts:
            if col >= len(cells) or not _NUMBER.match(cells[col]):
                continue
            start = sum(len(c) + len(CELL_SEPARATOR) for c in cells[:col])
            start += len(cells[col]) - len(cells[col].lstrip())
            whole = _WHOLE.match(cells[col])
            value = int(whole.group(1).replace(".", "")) if whole else None
            fig = Figure(sentence, start, start + len(cells[col].strip()), value, explicit=True)
            if value is None:
                fig.flags.append(("not_whole", {"value": cells[col].strip()}))
            _cell_unit(fig, cells, unit_col, caption_unit, scanner)
            _cell_body(fig, cells, body_col, bodies)
            label_text = header[col]
            if structure is None:
                structure = next(iter(caption_structure)) if len(caption_structure) == 1 else None
            if structure is None:
                fig.flags.append(("structure_assumed", {}))
                structure = "pilot"
            fig.structure = structure
            if not (said_posts or "bien che" in scan_key(label_text)):
                fig.flags.append(("not_posts", {"value": f"{label_text.strip()}: {cells[col].strip()}"}))
            out.append(fig)
    return out


def _cell_unit(fig: Figure, cells: list[str], unit_col: int | None, caption_unit: str,
               scanner: UnitScanner) -> None:
    if unit_col is None or unit_col >= len(cells) or not cells[unit_col].strip():
        if caption_unit:
            fig.unit = caption_unit
        else:
            fig.flags.append(("no_unit", {}))
        return
    text = cells[unit_col].strip()
    found = {m.unit for m in scanner.find(text)}
    canonical = scanner.units.keys.get(scanner.units.key(text))
    if canonical or len(found) == 1:
        fig.unit = canonical or found.pop()
        return
    fig.unit = text
    fig.flags.append(("unknown_unit", {"value": text, "suggestion": scanner.units.suggest(text)}))


def _cell_body(fig: Figure, cells: list[str], body_col: int | None, bodies: vocab.Vocabulary) -> None:
    if body_col is None or body_col >= len(cells) or not cells[body_col].strip():
        return
    text = cells[body_col].strip()
    canonical = bodies.keys.get(bodies.key(text))
    if canonical:
        fig.body = canonical
        return
    positions = vocab.positions()
    position = positions.keys.get(positions.key(text))
    if position:
        fig.position, fig.position_group = position, group(position)
        return
    fig.body = text
    fig.flags.append(("unknown_body", {"value": text, "suggestion": bodies.suggest(text)}))
