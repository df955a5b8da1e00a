"""Page and styles of the administrative format (Nghị định 30/2020/NĐ-CP, Phụ lục I):
A4 portrait, margins, Times New Roman in every font slot with the report's language,
body 14 pt justified with a first-line indent and 6 pt between paragraphs, page numbers
centred in the top margin from page 2.
"""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt, RGBColor

from pilotlib.report.docx import xml

FONT = "Times New Roman"  # Liberation Serif (fonts-liberation2) stands in where it is missing
LANGUAGE = {"vi": "vi-VN", "en": "en-GB"}
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
BODY_PT = 14
TEXT_WIDTH = PAGE["width"] - PAGE["left"] - PAGE["right"]  # 165 mm
BLACK = RGBColor(0, 0, 0)

# name: (size pt, bold, italic, alignment, first-line indent, space before, space after)
STYLES = {
    "Normal": (BODY_PT, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1.27), 0, 6),
    "Heading 1": (BODY_PT, True, False, WD_ALIGN_PARAGRAPH.LEFT, Cm(1.27), 12, 6),
    "Heading 2": (BODY_PT, True, False, WD_ALIGN_PARAGRAPH.LEFT, Cm(1.27), 6, 6),
    "Heading 3": (BODY_PT, True, True, WD_ALIGN_PARAGRAPH.LEFT, Cm(1.27), 6, 6),
    "Caption": (13, False, True, WD_ALIGN_PARAGRAPH.CENTER, Cm(0), 6, 6),
    "Header": (BODY_PT, False, False, WD_ALIGN_PARAGRAPH.CENTER, Cm(0), 0, 0),
    "Pilotlib Table": (12, False, False, WD_ALIGN_PARAGRAPH.LEFT, Cm(0), 0, 0),
    "Pilotlib Block": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER, Cm(0), 0, 0),
    "Pilotlib Small": (10, False, False, WD_ALIGN_PARAGRAPH.LEFT, Cm(0), 0, 2),
}


def setup_page(document) -> None:
    """A4 portrait with the margins; no number on the first page, centred from page 2."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.style = document.styles["Header"]
    xml.page_field(number)


def setup_styles(document, lang: str) -> None:
    """Every style the report uses, in Times New Roman with the language set."""
    language = LANGUAGE.get(lang, "vi-VN")
    xml.default_font(document, FONT, language)
    styles = document.styles
    for name, (size, bold, italic, align, indent, before, after) in STYLES.items():
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name.startswith("Pilotlib"):
            style.base_style = styles["Normal"]
        font = style.font
        font.size, font.bold, font.italic = Pt(size), bold, italic
        font.color.rgb = BLACK
        xml.style_font(style, FONT, language)
        fmt = style.paragraph_format
        fmt.alignment, fmt.first_line_indent = align, indent
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing = 1.15 if name == "Normal" else 1.0
        if name.startswith("Heading"):
            fmt.keep_with_next = True
    table_style = styles["Table Grid"]
    xml.style_font(table_style, FONT, language)
