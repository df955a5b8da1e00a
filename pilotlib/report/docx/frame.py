"""The frame of an administrative report: the two-column heading block (issuing body and
number | national motto or Party heading, place and date), the title "BÁO CÁO" with its
summary line, and the closing block ("Nơi nhận:" | the signature).

Layout tables are borderless; the short rules under the issuing body, the motto and the
summary line are paragraph borders whose indents set their length. Whatever the
settings leave out is a visible "…", for the clerk to fill in.
"""
from __future__ import annotations

from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from pilotlib.core.dates import to_local
from pilotlib.core.i18n import label, say
from pilotlib.report.docx import xml
from pilotlib.report.docx.layout import TEXT_WIDTH
from pilotlib.report.docx.settings import DocumentSettings

LEFT, RIGHT = Mm(58), TEXT_WIDTH - Mm(58)  # heading block columns
CLOSING = (Mm(80), TEXT_WIDTH - Mm(80))
BLOCK = "Pilotlib Block"
RED = RGBColor(0xB0, 0x00, 0x20)


def _line(cell, text: str, size: float = 13, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.CENTER, first: bool = False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = BLOCK
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(xml.safe_text(text))
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _rule(cell, column, length) -> None:
    """A centred line ``length`` long, under the paragraph before it."""
    paragraph = cell.add_paragraph(style=BLOCK)
    side = max(Mm(0), (column - Mm(2.5) - length) // 2)  # the cell's own margins taken off
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.line_spacing, fmt.space_before = Pt(6), Pt(3)
    xml.rule(paragraph, "top")


def number_of(settings: DocumentSettings) -> str:
    """"05" for 5 (numbers below 10 take a leading zero); "…" when not given."""
    number = settings.number or "…"
    return number.zfill(2) if number.isdigit() else number


def report_date(settings: DocumentSettings, produced: str | None) -> date:
    """The settings' date, else the day the report was produced (Viet Nam time)."""
    return date.fromisoformat(settings.date) if settings.date else to_local(produced).date()


def place_date(settings: DocumentSettings, produced: str | None, lang: str) -> str:
    day = report_date(settings, produced)
    return say("doc.place_date", lang, place=settings.place or "…", day=f"{day.day:02d}",
               month=f"{day.month:02d}", year=f"{day.year:04d}")


def heading_block(document, settings: DocumentSettings, lang: str, produced: str | None) -> None:
    """Issuing body | national (or Party) heading; number | place and date."""
    party = settings.style == "party"
    table = document.add_table(rows=2, cols=2)
    xml.no_borders(table)
    xml.column_widths(table, [LEFT, RIGHT])
    left, right = table.rows[0].cells
    first = True
    if settings.parent:
        _line(left, settings.parent.upper(), first=True)
        first = False
    _line(left, (settings.issuer or "…").upper(), bold=True, first=first)
    if party:
        _line(left, "*")
    else:
        _rule(left, LEFT, Mm(25))
    if lang == "vi":
        if party:
            _line(right, say("doc.party_name", lang), size=14, bold=True, first=True)
            _rule(right, RIGHT, Mm(70))
        else:
            _line(right, say("doc.national_name", lang), size=12, bold=True, first=True)
            _line(right, say("doc.national_motto", lang), size=13, bold=True)
            _rule(right, RIGHT, Mm(58))
    number = say(f"doc.number_{'party' if party else 'state'}", lang, number=number_of(settings),
                 symbol=settings.symbol or "…")
    _line(table.rows[1].cells[0], number, first=True)
    _line(table.rows[1].cells[1], place_date(settings, produced, lang), size=13, italic=True, first=True)


def title_block(document, summary: str, settings: DocumentSettings, lang: str, illustrative: bool) -> None:
    """"BÁO CÁO", the summary line with its rule, "Kính gửi" and the illustrative banner."""
    kind = document.add_paragraph(style=BLOCK)
    kind.paragraph_format.space_before = Pt(18)
    run = kind.add_run(say("doc.doc_type", lang))
    run.font.size, run.bold = Pt(14), True
    line = document.add_paragraph(style=BLOCK)
    run = line.add_run(xml.safe_text(summary))
    run.font.size, run.bold = Pt(14), True
    rule = document.add_paragraph(style=BLOCK)
    side = (TEXT_WIDTH - Mm(35)) // 2
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = side
    rule.paragraph_format.line_spacing, rule.paragraph_format.space_before = Pt(6), Pt(3)
    xml.rule(rule, "top")
    if settings.to:
        to = document.add_paragraph(style=BLOCK)
        to.add_run(xml.safe_text(say("doc.to", lang, to="; ".join(settings.to)))).font.size = Pt(14)
    if illustrative:
        banner = document.add_paragraph(style=BLOCK)
        banner.paragraph_format.space_before = Pt(6)
        run = banner.add_run(label("illustrative_banner", lang).upper())
        run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RED


def illustrative_header(document, lang: str) -> None:
    """Every page's header says so too (the first page's and the numbered ones')."""
    section = document.sections[0]
    for header in (section.first_page_header, section.header):
        paragraph = header.add_paragraph(style="Header")
        run = paragraph.add_run(label("illustrative_banner", lang).upper())
        run.bold, run.font.size, run.font.color.rgb = True, Pt(10), RED


def closing_block(document, settings: DocumentSettings, lang: str) -> None:
    """"Nơi nhận:" with its list | the signature block."""
    table = document.add_table(rows=1, cols=2)
    xml.no_borders(table)
    xml.column_widths(table, list(CLOSING))
    left, right = table.rows[0].cells
    xml.cant_split(table.rows[0])
    _line(left, say("doc.recipients", lang), size=12, bold=True, italic=True,
          align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    lines = ([say("doc.as_above", lang)] if settings.to else []) + list(settings.recipients or ["…"])
    for recipient in lines:
        _line(left, f"- {recipient};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    archive = say("doc.archive", lang, archive=settings.archive or ("VT, …" if lang == "vi" else "…"))
    _line(left, f"- {archive}.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signer = settings.signer
    _line(right, (signer.authority or "…").upper(), size=14, bold=True, first=True)
    if signer.title:
        _line(right, signer.title.upper(), size=14, bold=True)
    for _ in range(4):  # room for the signature and the seal
        _line(right, "")
    _line(right, signer.name or "…", size=14, bold=True)
