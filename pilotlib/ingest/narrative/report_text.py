"""Read a narrative report (.txt or .docx) into numbered paragraphs and sentences with offsets.

Why: every figure or statement taken from a report must say where it came from — the
file, the paragraph (the line of a .txt file, the paragraph of a .docx, 1-based) and the
character offset of its sentence in ``Report.text`` (the report as read: NFC, paragraphs
joined by "\\n"), so ``report.text[s.start:s.start + len(s.text)] == s.text`` always.

Reports are scraped or typed text, so the splitter expects noise: abbreviations that
end in a dot before a name ("TP. Bảo Lộc", "Đ/c. Văn"), dates such as 12.11.2018, "…"
and "..." inside sentences, numbered items "1) … 2) …" (kept in one sentence, so the
extractor sees the list whole) and image captions spliced into a sentence (they stay
part of it). A sentence ends at . ! ? … followed by a space and a capital letter.
Legacy font text (TCVN3/VNI) is repaired; a file that cannot be read raises DataError.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pilotlib.core.errors import DataError, file_error
from pilotlib.core.i18n import refusal
from pilotlib.core.io import check_regular_file
from pilotlib.core.legacy_text import EncodingGuessError, decode_bytes, repair_series, wide_encoding
from pilotlib.core.text import fold, nfc

TEXT_SUFFIXES = (".txt", ".text", ".md")
CELL_SEPARATOR = " | "  # between the cells of a Word table row
DOCX_SUFFIXES = (".docx",)
MAX_DOCX_UNCOMPRESSED = 200 << 20  # a report, not a library: refuse zip bombs early
# Words that end in a dot before a name or number, so the dot does not end a sentence.
ABBREVIATIONS = frozenset({"tp", "tx", "tt", "dc", "d/c", "ths", "ts", "pgs", "gs", "bs", "ks", "vd", "v/v"})
_END = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"”’»)\]]*(?=\s)")
_OPENERS = "\"“‘«([ "


@dataclass(frozen=True)
class Paragraph:
    """One line of a .txt file or one paragraph (or table row) of a .docx."""

    number: int  # 1-based, counting empty lines/paragraphs too, as an editor shows them
    start: int  # offset of the paragraph in Report.text
    text: str
    list_item: bool = False  # a Word numbered/bulleted paragraph (its "1." is not in the text)
    table: int = -1  # a row of the report's Word table number ``table`` (0-based), cells joined by " | "
    row: int = -1  # its row in that table (0 = the first, usually the header)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in Report.text
    paragraph: int  # Paragraph.number


@dataclass
class Report:
    file: Path
    text: str
    paragraphs: list[Paragraph]
    encoding: str  # "utf-8", "utf-8-sig", "cp1258", "cp1252" or "docx"
    repaired: str = "unicode"  # "tcvn3" / "vni" when legacy font text was repaired
    notes: list[str] = field(default_factory=list)



def _txt_blocks(path: Path) -> tuple[list[str], list[bool], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise refusal(path, "cannot_read", why=exc.strerror or exc) from None
    wide = wide_encoding(raw)
    if wide:  # as `normalize` does: never decoded as legacy font bytes and found empty
        raise refusal(path, "encoding_unknown", encoding=wide)
    if b"\x00" in raw[:8192]:
        raise file_error(path, "tệp nhị phân, không phải văn bản", "binary data, not a text file")
    try:
        text, encoding = decode_bytes(raw)
    except EncodingGuessError as exc:
        if raw.startswith(b"\xef\xbb\xbf"):  # says UTF-8 but is not
            raise refusal(path, "encoding_unknown", encoding=exc) from None
        # TCVN3/VNI font bytes saved as text: repaired below
        text, encoding = raw.decode("cp1252", errors="replace"), "cp1252"
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines, [False] * len(lines), encoding


def _docx_blocks(path: Path) -> tuple[list[str], list[bool | tuple[int, int]], str]:
    import docx  # python-docx; imported here so the rest of pilotlib does not need it
    from docx.table import Table

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(p.file_size for p in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
                raise file_error(path, "giải nén ra quá lớn", "expands to too many bytes (zip bomb?)")
            if "word/document.xml" not in archive.namelist():
                raise file_error(path, "không phải tệp Word .docx", "not a Word .docx file")
        document = docx.Document(str(path))
    except DataError:
        raise
    except Exception as exc:  # python-docx raises many kinds (KeyError, ValueError, lxml errors)
        raise file_error(path, "tệp .docx hỏng", f"corrupt .docx file ({type(exc).__name__})") from None
    blocks: list[str] = []
    listed: list[bool | tuple[int, int]] = []  # a Word list paragraph, or (table, row) of a table row
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for number, row in enumerate(block.rows):  # merged cells repeat: keep each cell once
                cells: dict[int, object] = {}
                for cell in row.cells:
                    cells.setdefault(id(cell._tc), cell)  # python-docx: no public cell identity
                blocks.append(CELL_SEPARATOR.join(cell.text.replace("\n", " ").strip() for cell in cells.values()))
                listed.append((tables, number))
            tables += 1
            continue
        properties = block._p.pPr  # python-docx: numbering (numPr) has no public accessor
        numbered = properties is not None and properties.numPr is not None
        style = (block.style.name if block.style is not None else "") or ""
        blocks.append(block.text)
        listed.append(numbered or style.lower().startswith("list"))
    return blocks, listed, "docx"


def read_report(path: str | Path) -> Report:
    """Read a .txt (UTF-8, Windows-1258, TCVN3/VNI font text) or .docx report."""
    path = Path(path)
    check_regular_file(path)  # a FIFO or device is refused, never opened (it would block)
    if path.stat().st_size == 0:
        raise file_error(path, "tệp rỗng", "the file is empty")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise refusal(path, "cannot_read", why=exc.strerror or exc) from None
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".doc":
        raise file_error(path, "định dạng .doc cũ không được hỗ trợ; hãy lưu lại dạng .docx",
                     "old binary .doc is not supported; save it as .docx")
    if head.startswith(b"PK\x03\x04") or suffix in DOCX_SUFFIXES:
        blocks, listed, encoding = _docx_blocks(path)
    elif suffix in TEXT_SUFFIXES:
        blocks, listed, encoding = _txt_blocks(path)
    else:
        raise file_error(path, "loại tệp không hỗ trợ (chỉ nhận .txt, .docx)", "unsupported file type (only .txt, .docx)")
    repaired, legacy = repair_series(pd.Series(blocks, dtype=object))
    blocks = [nfc(b) for b in repaired]
    if not any(b.strip() for b in blocks):
        raise file_error(path, "không có nội dung", "contains no text")
    paragraphs, offset = [], 0
    for number, (text, is_item) in enumerate(zip(blocks, listed), start=1):
        table, row = is_item if isinstance(is_item, tuple) else (-1, -1)
        paragraphs.append(Paragraph(number, offset, text, is_item is True, table, row))
        offset += len(text) + 1
    return Report(path, "\n".join(blocks), paragraphs, encoding, legacy)


def _ends_sentence(text: str, end: int, match: re.Match) -> bool:
    """A candidate end (. ! ? …) really ends the sentence: a capital follows, no abbreviation."""
    rest = text[end:].lstrip()
    rest = rest.lstrip(_OPENERS)
    if not rest or not rest[0].isupper():
        return False
    if match.group(0).startswith(".") and not match.group(0).startswith(".."):
        word = re.search(r"([^\s.]+)$", text[: match.start()])
        token = fold(word.group(1)) if word else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False  # "TP. Bảo Lộc", an initial "V. An"
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph, surrounding spaces trimmed."""
    spans, begin = [], 0
    for match in _END.finditer(text):
        if _ends_sentence(text, match.end(), match):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trimmed = chunk.strip()
        if trimmed:
            out.append((start + lead, start + lead + len(trimmed)))
    return out


def sentences(report: Report) -> list[Sentence]:
    """Every sentence of the report, in reading order, with its offset and paragraph."""
    found = []
    for paragraph in report.paragraphs:
        for start, end in split_sentences(paragraph.text):
            found.append(Sentence(paragraph.text[start:end], paragraph.start + start, paragraph.number))
    return found
