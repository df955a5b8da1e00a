"""Report blocks as Word content: headings, paragraphs, tables with a numbered caption
above, figures with a numbered caption below, lists of statements.

Every number is written from the model's value with the language's marks and the
column's decimals (the same ``format_number`` the notebook's tables use); a missing
value is "—", never 0. All text goes into runs as plain characters.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from pilotlib.core.i18n import label, say
from pilotlib.report.docx import xml
from pilotlib.report.docx.layout import TEXT_WIDTH
from pilotlib.report.model import Figure, Heading, Paragraph, Statements, Table
from pilotlib.report.narrative import format_number

TABLE_STYLE = "Pilotlib Table"


@dataclass
class Counter:
    """Running numbers of tables and figures, in document order."""

    tables: int = 0
    figures: int = 0
    sections: int = 0


def cell_text(value: object, kind: str, decimals: int, lang: str) -> str:
    if value is None:
        return "—"
    if kind in ("int", "float"):
        return format_number(value, lang, decimals)
    return xml.safe_text(value)


def _caption(document, text: str, keep_with_next: bool):
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run(xml.safe_text(text))
    paragraph.paragraph_format.keep_with_next = keep_with_next
    return paragraph


CHAR = Mm(2.1)  # average width of a character of 12 pt Times New Roman
PADDING = Mm(4)  # the cell's margins and some air


def _widths(table: Table, lang: str) -> list[int]:
    """Column widths the way a browser's automatic table layout sets them: every column
    at least as wide as its longest word (no word broken), the room left shared in
    proportion to how much more each column's longest line would need."""
    least, natural = [], []
    for index, header in enumerate(table.headers):
        texts = [header] + [cell_text(row[index], table.kinds[index], table.decimals[index], lang)
                            for row in table.rows]
        words = [len(word) for text in texts for word in text.split()] or [1]
        least.append(max(words) * CHAR + PADDING)
        natural.append(max(len(text) for text in texts) * CHAR + PADDING)
    if sum(least) >= TEXT_WIDTH:
        return [int(TEXT_WIDTH * w / sum(least)) for w in least]
    if sum(natural) <= TEXT_WIDTH:
        return [int(TEXT_WIDTH * w / sum(natural)) for w in natural]
    room = TEXT_WIDTH - sum(least)
    wants = [n - m for n, m in zip(natural, least)]
    return [int(m + room * w / sum(wants)) for m, w in zip(least, wants)]


def add_table(document, table: Table, counter: Counter, lang: str) -> None:
    """Caption "Bảng n. …" above; a header row repeated on every page; numbers right-aligned."""
    counter.tables += 1
    _caption(document, say("doc.caption_table", lang, n=counter.tables, title=table.title), True)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _widths(table, lang)
    xml.repeat_header(grid.rows[0])
    style_id = xml.paragraph_style_id(document, TABLE_STYLE)  # looked up once, not per cell
    for cell, header in zip(grid.rows[0].cells, table.headers):
        paragraph = cell.paragraphs[0]
        xml.set_paragraph_style(paragraph, style_id)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(xml.safe_text(header)).bold = True
    for row_cells, values in zip(grid.rows[1:], table.rows):
        xml.cant_split(row_cells)
        for index, (cell, value) in enumerate(zip(row_cells.cells, values)):
            paragraph = cell.paragraphs[0]
            xml.set_paragraph_style(paragraph, style_id)
            kind = table.kinds[index]
            if kind in ("int", "float"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(cell_text(value, kind, table.decimals[index], lang))
    xml.column_widths(grid, widths)
    document.add_paragraph(style=TABLE_STYLE)  # air between a table and what follows


def add_figure(document, figure: Figure, folder: Path | None, counter: Counter, lang: str) -> None:
    """The chart's PNG, at most the text width, with "Hình n. …" and its source below."""
    counter.figures += 1
    image = Path(folder) / figure.files["png"] if folder and figure.files.get("png") else None
    if image is not None and image.is_file():
        paragraph = document.add_paragraph(style="Pilotlib Block")
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(str(image))
        if shape.width > TEXT_WIDTH:
            shape.height = int(shape.height * TEXT_WIDTH / shape.width)
            shape.width = TEXT_WIDTH
        if shape.height > Mm(200):
            shape.width = int(shape.width * Mm(200) / shape.height)
            shape.height = Mm(200)
    else:
        document.add_paragraph(say("doc.figure_missing", lang, name=figure.name), style="Pilotlib Small")
    caption = say("doc.caption_figure", lang, n=counter.figures, title=figure.title)
    if figure.citation:
        caption += f" ({label('caption_source', lang)}: {figure.citation})"
    _caption(document, caption, False)


def add_heading(document, text: str, level: int, counter: Counter | None = None) -> None:
    """A section heading, numbered "1. …" when a counter is given."""
    if counter is not None:
        counter.sections += 1
        text = f"{counter.sections}. {text}"
    document.add_paragraph(xml.safe_text(text), style=f"Heading {min(level, 3)}")


def add_paragraph(document, text: str, note: bool = False) -> None:
    paragraph = document.add_paragraph(style="Normal")
    run = paragraph.add_run(xml.safe_text(text))
    run.italic = note


def add_statements(document, statements: Statements, lang: str) -> None:
    """One "- …" paragraph per statement, with its topic, unit and citation."""
    for item in statements.items:
        details = [say("doc.statement_topic", lang, topic=item.get("topic", "")), item.get("unit", "")]
        if item.get("citation"):
            details.append(say("doc.statement_source", lang, citation=item["citation"]))
        if "illustrative" in str(item.get("provenance", "")).split("+"):
            details.append(label("prov_illustrative", lang))
        text = f"- {item.get('text', '')} ({'; '.join(d for d in details if d)})."
        add_paragraph(document, text)


def add_blocks(document, blocks: list, folder: Path | None, counter: Counter, lang: str,
               numbered: bool = True) -> None:
    """Blocks in order; headings numbered within their part when ``numbered``."""
    for block in blocks:
        if isinstance(block, Heading):
            add_heading(document, block.text, 2 if numbered else 3, counter if numbered else None)
        elif isinstance(block, Paragraph):
            add_paragraph(document, block.text, note=block.role == "note")
        elif isinstance(block, Table):
            add_table(document, block, counter, lang)
        elif isinstance(block, Figure):
            add_figure(document, block, folder, counter, lang)
        elif isinstance(block, Statements):
            add_statements(document, block, lang)


def small_lines(document, lines: list[str]) -> None:
    """Technical facts in small print (the annex's last part)."""
    for line in lines:
        paragraph = document.add_paragraph(style="Pilotlib Small")
        paragraph.add_run(xml.safe_text(line))
        paragraph.paragraph_format.space_after = Pt(2)
