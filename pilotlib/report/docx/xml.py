"""The few places the Word report needs WordprocessingML that python-docx has no API for,
kept together: the four font slots and the language, the PAGE field, borders (the short
rules of the heading block, borderless layout tables), a repeated table header row.

python-docx's ``font.name`` sets only the ascii/hAnsi slots and its template points every
slot at theme fonts (which win over named fonts) with language en-US; Vietnamese text
then falls back to Calibri/Cambria in some slots and is spell-checked as English.
"""
from __future__ import annotations

import re

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Characters XML 1.0 cannot carry; python-docx refuses them, so they are shown as U+FFFD.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(text: object) -> str:
    """User text as plain characters Word can hold (never interpreted: a run's text)."""
    return _ILLEGAL.sub("\ufffd", "" if text is None else str(text))


def _child(parent, tag: str, before: tuple[str, ...] = ()):
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        successor = next((parent.find(qn(t)) for t in before if parent.find(qn(t)) is not None), None)
        if successor is not None:
            successor.addprevious(element)
        else:
            parent.append(element)
    return element


def set_font(rpr, name: str, lang: str) -> None:
    """All four font slots to ``name`` (theme references removed) and the language."""
    fonts = _child(rpr, "w:rFonts")
    for attribute in _THEME_SLOTS:
        fonts.attrib.pop(qn(attribute), None)
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), name)
    language = _child(rpr, "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), lang)


def style_font(style, name: str, lang: str) -> None:
    set_font(style.element.get_or_add_rPr(), name, lang)


def default_font(document, name: str, lang: str) -> None:
    """The document defaults (docDefaults) too: text in no named style gets them."""
    styles = document.styles.element
    defaults = _child(styles, "w:docDefaults")
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    set_font(rpr, name, lang)


def page_field(paragraph) -> None:
    """A PAGE field (the page number) at the end of ``paragraph``."""
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    char("begin")
    instruction = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    char("separate")
    paragraph.add_run("2")  # shown until the field is updated (Word and LibreOffice update it)
    char("end")


def rule(paragraph, side: str = "bottom", size_eighths: int = 6) -> None:
    """A single line on one side of ``paragraph`` (its indents set the line's length)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = _child(ppr, "w:pBdr", before=("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"))
    line = _child(borders, f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")


def no_borders(table) -> None:
    """A layout table: no borders at all, whatever the default table style says."""
    tpr = table._tbl.tblPr
    borders = _child(tpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = _child(borders, f"w:{side}")
        edge.set(qn("w:val"), "nil")


def paragraph_style_id(document, name: str) -> str | None:
    """The id a paragraph of style ``name`` carries (None for the default style), as
    python-docx's ``paragraph.style = …`` computes it — which it does for every call by
    scanning all the document's styles twice: most of a Word report's time went there,
    once per table cell. Looked up once, set with ``set_paragraph_style``."""
    return document.part.get_style_id(document.styles[name], WD_STYLE_TYPE.PARAGRAPH)


def set_paragraph_style(paragraph, style_id: str | None) -> None:
    """What ``paragraph.style = …`` writes (``w:pStyle``), from an id looked up once."""
    paragraph._p.style = style_id


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:tblHeader").set(qn("w:val"), "true")


def cant_split(row) -> None:
    """Keep a row on one page."""
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:cantSplit").set(qn("w:val"), "true")


def column_widths(table, widths: list[int]) -> None:
    """Column widths (EMU) in the table grid and every cell: Word reads the cells,
    LibreOffice the grid, so both are set; the layout is fixed (no re-fitting)."""
    fixed_layout(table)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(int(width) // 635))  # EMU → twentieths of a point
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def fixed_layout(table) -> None:
    """Column widths as given (Word otherwise re-fits them to the text)."""
    _child(table._tbl.tblPr, "w:tblLayout").set(qn("w:type"), "fixed")
