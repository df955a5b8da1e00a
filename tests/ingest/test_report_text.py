"""report_text: reading .txt/.docx reports into paragraphs and sentences with exact offsets."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotlib.core.errors import DataError
from pilotlib.core.legacy_text import TCVN3_TO_UNICODE
from pilotlib.ingest.narrative.report_text import read_report, sentences, split_sentences

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    # abbreviations before a name, a date with dots, "Đc"/"PBT" without a dot
    ("Đc Nguyễn Văn A - PBT dự họp tại TP. Bảo Lộc ngày 12.11.2018. Hội nghị bắt đầu.",
     ["Đc Nguyễn Văn A - PBT dự họp tại TP. Bảo Lộc ngày 12.11.2018.", "Hội nghị bắt đầu."]),
    # "..." and "…" end a sentence only before a capital
    ("Còn khó khăn nhất định… Các kiến nghị gồm... và thêm nữa... Xong.",
     ["Còn khó khăn nhất định…", "Các kiến nghị gồm... và thêm nữa...", "Xong."]),
    # numbered items stay in one sentence; an initial "V." does not end one
    ("Khó khăn: 1) kinh phí. 2) trụ sở. Ông Trần V. Ba phát biểu.",
     ["Khó khăn: 1) kinh phí. 2) trụ sở.", "Ông Trần V. Ba phát biểu."]),
    # a quotation closing the sentence; the article's "./." ending
    ("Phương châm: “Một người biết nhiều việc.” Đây là bài học./.",
     ["Phương châm: “Một người biết nhiều việc.”", "Đây là bài học./."]),
    # a caption spliced into a sentence just stays part of it
    ("Huyện Lâm Ảnh: hội nghị sơ kết Hà có 20 biên chế.", ["Huyện Lâm Ảnh: hội nghị sơ kết Hà có 20 biên chế."]),
])
def test_sentence_splitting_survives_noise(text, expected):
    assert _split(text) == expected


@given(st.lists(st.sampled_from(["Lâm Hà 20 biên chế.", " TP. Bảo Lộc", "…", "...", " ", "Khó khăn: 1) a; 2) b.",
                                 "12.11.2018", "\n", "Đc Văn", "“Trích.”", "x"]), max_size=12))
@settings(max_examples=examples(200))
def test_spans_are_ordered_trimmed_and_cover_every_word(parts):
    text = "".join(parts)
    spans = split_sentences(text)
    assert all(a < b and text[a:b] == text[a:b].strip() for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()


def test_offsets_point_into_the_text_and_paragraphs_are_lines():
    report = read_report(REPORTS / "forms_numbered.txt")  # CRLF line ends
    assert [p.number for p in report.paragraphs] == list(range(1, len(report.paragraphs) + 1))
    assert report.paragraphs[1].text == "" and "\r" not in report.text
    for sentence in sentences(report):
        assert report.text[sentence.start:sentence.start + len(sentence.text)] == sentence.text
        paragraph = report.paragraphs[sentence.paragraph - 1]
        assert sentence.text in paragraph.text


def test_docx_paragraphs_tables_and_lists(tmp_path):
    document = docx.Document()
    document.add_paragraph("Đoạn một.")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Lâm Hà"  # a merged cell appears once
    table.cell(0, 2).text = "20"
    document.add_paragraph("Mục một", style="List Number")
    document.add_paragraph("Dòng một\ndòng hai")  # a line break inside a paragraph
    path = tmp_path / "r.docx"
    document.save(path)
    report = read_report(path)
    assert [(p.number, p.text, p.list_item) for p in report.paragraphs] == [
        (1, "Đoạn một.", False), (2, "", False), (3, "Lâm Hà | 20", False), (4, "Mục một", True),
        (5, "Dòng một\ndòng hai", False)]
    assert report.encoding == "docx"


def _cp1258(char: str) -> bytes:
    """Windows-1258 as Word saves it: a precomposed base letter, then a combining tone mark."""
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFD", char)
        tone = [c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
        return base.encode("cp1258") + "".join(tone).encode("cp1258")


def test_legacy_encodings_are_repaired(tmp_path):
    to_tcvn3 = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}
    text = "Huyện Lâm Hà có 20 biên chế."
    path = tmp_path / "tcvn3.txt"
    path.write_bytes("".join(to_tcvn3.get(c, c) for c in text).encode("cp1252"))
    report = read_report(path)
    assert report.text == text and report.repaired == "tcvn3"
    cp1258 = tmp_path / "cp1258.txt"
    cp1258.write_bytes(b"".join(_cp1258(c) for c in "Kinh phí hoạt động còn khó khăn."))
    assert read_report(cp1258).text == "Kinh phí hoạt động còn khó khăn."


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n \n", "no text"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ".doc"),
    ("broken.docx", b"PK\x03\x04garbage", "docx"),
    ("binary.txt", b"\x00\x01\x02abc", "binary"),
    ("report.pdf", b"%PDF-1.4", "unsupported"),
])
def test_unreadable_reports_raise_data_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=message) as error:
        read_report(path)
    assert str(path) in str(error.value)
