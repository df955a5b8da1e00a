"""The Word report read back with python-docx: the administrative layout in figures
(Nghị định 30/2020/NĐ-CP, Phụ lục I), its heading and closing blocks, the sections in
the order of a "báo cáo sơ kết", numbered captions, and user text kept as text."""
from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from report_model import HOSTILE, build_report, bundled_report, hostile_dataset

from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.data.load import load_dataset
from pilotlib.report.docx import xml
from pilotlib.report.docx.body import TABLE_STYLE
from pilotlib.report.docx.document import write_docx
from pilotlib.report.docx.settings import load_settings, settings_from

SETTINGS = {"parent": "Tỉnh ủy Lâm Đồng", "issuer": "Ban Tổ chức", "number": "5", "symbol": "BTCTU",
            "place": "Lâm Đồng", "date": "2026-02-05", "recipients": ["Ban Thường vụ Tỉnh ủy (để báo cáo)"],
            "archive": "VT, BTC", "signer": {"authority": "TM. Ban Tổ chức", "title": "Trưởng ban", "name": "Nguyễn Văn A"}}
FIGURES = {"unit": "Lâm Hà", "posts_old": 20, "posts_pilot": 20, "change": 0, "provenance": "source"}


@pytest.fixture(scope="module")
def unit_docx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    report = bundled_report(folder / "artifacts")
    path = write_docx(report, folder / "unit.docx", folder / "artifacts", settings_from(SETTINGS), FIGURES,
                      {"run_id": "unit_report--lam-ha--vi", "ended": "2026-02-04T20:30:00+00:00", "commit": "abc123",
                       "inputs": {"staffing.csv": "f" * 64}}, "unit.xlsx")
    return docx.Document(str(path)), path


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_page_is_a4_portrait_with_the_administrative_margins(unit_docx):
    section = unit_docx[0].sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    mm = {side: round(getattr(section, f"{side}_margin").mm, 1) for side in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25  # stored in twips: 15 mm is 14.99
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20


def test_times_new_roman_in_all_four_slots_and_vietnamese_language(unit_docx):
    document = unit_docx[0]
    for name in ("Normal", "Heading 1", "Heading 2", "Caption", "Pilotlib Table", "Pilotlib Block"):
        rpr = document.styles[name].element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert [fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] == ["Times New Roman"] * 4
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.keys())  # themes would win
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Times New Roman"


def test_body_is_14pt_justified_with_first_line_indent_and_6pt_spacing(unit_docx):
    normal = unit_docx[0].styles["Normal"]
    assert normal.font.size == Pt(14)
    fmt = normal.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and fmt.first_line_indent >= Mm(10)
    assert fmt.space_after >= Pt(6) and 1.0 <= fmt.line_spacing <= 1.5


def test_heading_block_states_issuer_number_motto_place_and_date(unit_docx):
    heading = unit_docx[0].tables[0]
    left, right = heading.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["TỈNH ỦY LÂM ĐỒNG", "BAN TỔ CHỨC"]
    assert [p.text for p in right.paragraphs if p.text] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                             "Độc lập - Tự do - Hạnh phúc"]
    assert left.paragraphs[1].runs[0].bold and right.paragraphs[0].runs[0].bold
    assert heading.rows[1].cells[0].text == "Số: 05/BC-BTCTU"  # a leading zero below 10
    date = heading.rows[1].cells[1].paragraphs[0]
    assert date.text == "Lâm Đồng, ngày 05 tháng 02 năm 2026" and date.runs[0].italic
    rules = [p for p in (*left.paragraphs, *right.paragraphs) if p._p.pPr is not None
             and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert len(rules) == 2  # under the issuing body and under the motto
    borders = heading._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}  # a layout table: no borders


def test_title_summary_and_sections_in_the_order_of_a_review(unit_docx):
    texts = _texts(unit_docx[0])
    assert texts[texts.index("BÁO CÁO") + 1] == (
        "Kết quả thí điểm Cơ quan Khối MTTQ và các đoàn thể chính trị - xã hội tại Lâm Hà")
    parts = [t for t in texts if re.match(r"^(I|II|III)\. |^PHỤ LỤC", t)]
    assert parts == ["I. KẾT QUẢ", "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN", "III. KIẾN NGHỊ, ĐỀ XUẤT",
                     "PHỤ LỤC: SỐ LIỆU, NGUỒN, CÁCH TÍNH"]
    headings = [p.text for p in unit_docx[0].paragraphs if p.style.name == "Heading 2"]
    assert headings[:4] == ["1. Số liệu chính", "2. Nhận định", "3. So sánh biên chế", "4. Tổ chức bộ máy trước và sau"]
    limits = texts[texts.index(parts[1]) + 1:texts.index(parts[2])]
    assert len(limits) == 5 and all(t.startswith("- ") for t in limits)  # the 5 difficulties of ¶5
    assert "nguồn: Bài sơ kết 2 năm, Lâm Đồng TV, đoạn 5" in limits[0]  # a short title, not the slug
    annex = texts[texts.index(parts[3]):]
    assert any(t.startswith("[1] Bài sơ kết 2 năm, Lâm Đồng TV: Mạnh Thành") for t in annex)
    assert "Mã lần chạy: unit_report--lam-ha--vi" in annex
    assert "Thời điểm tạo báo cáo: 05/02/2026 03:30 (giờ Việt Nam)" in annex  # 20:30 UTC the day before
    assert not any("f" * 64 in t for t in texts[:texts.index(parts[3])])  # hashes only in the annex


def test_captions_are_numbered_in_order(unit_docx):
    captions = [p.text for p in unit_docx[0].paragraphs if p.style.name == "Caption"]
    tables = [c for c in captions if c.startswith("Bảng")]
    figures = [c for c in captions if c.startswith("Hình")]
    assert [int(c.split()[1].rstrip(".")) for c in tables] == list(range(1, len(tables) + 1))
    assert [int(c.split()[1].rstrip(".")) for c in figures] == [1, 2, 3]
    assert figures[0] == "Hình 1. Biên chế trước và trong thí điểm (Nguồn: Bài sơ kết 2 năm, Lâm Đồng TV, đoạn 4)"
    assert len(unit_docx[0].inline_shapes) == 3  # posts, organisation, issues charts


def test_recorded_figures_and_table_values_appear_as_computed(unit_docx):
    key_figures = unit_docx[0].tables[1]
    assert [[c.text for c in row.cells] for row in key_figures.rows][1:4] == [
        ["Đơn vị", "Lâm Hà"], ["Biên chế trước thí điểm", "20"], ["Biên chế thí điểm", "20"]]
    posts = unit_docx[0].tables[2]
    assert [c.text for c in posts.rows[1].cells][:5] == ["Lâm Hà", "20", "20", "0", "0,0"]  # vi decimal comma
    header = posts.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None  # repeated on every page


def test_table_cells_carry_the_table_style_exactly_as_python_docx_sets_it(unit_docx):
    """Table cells get their style id looked up once (``xml.set_paragraph_style``); the
    document must be what python-docx's own ``paragraph.style = …`` makes, byte for byte:
    setting every cell's style again the public way changes nothing."""
    document = unit_docx[0]
    grids = [table for table in document.tables if table.style.name == "Table Grid"]  # not the layout tables
    cells = [cell.paragraphs[0] for table in grids for row in table.rows for cell in row.cells]
    assert len(cells) > 20 and {p.style.name for p in cells} == {TABLE_STYLE}
    before = document.element.xml
    for paragraph in cells:
        paragraph.style = document.styles[TABLE_STYLE]
    assert document.element.xml == before
    assert xml.paragraph_style_id(document, "Normal") is None  # the default style: no w:pStyle, as python-docx


def test_page_numbers_from_page_2_centred_at_the_top(unit_docx):
    section = unit_docx[0].sections[0]
    assert section.different_first_page_header_footer
    number = section.header.paragraphs[0]
    assert "PAGE" in number._p.xml and number.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    assert unit_docx[0].styles["Header"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in "".join(p._p.xml for p in section.first_page_header.paragraphs)


def test_closing_block_lists_recipients_and_signer(unit_docx):
    closing = next(t for t in unit_docx[0].tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    left, right = closing.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (để báo cáo);", "- Lưu: VT, BTC."]
    assert left.paragraphs[0].runs[0].bold and left.paragraphs[0].runs[0].italic
    signer = [p.text for p in right.paragraphs if p.text]
    assert signer == ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN", "Nguyễn Văn A"]


def test_without_settings_placeholders_never_invented_names(tmp_path):
    report = bundled_report(tmp_path / "a")
    document = docx.Document(str(write_docx(report, tmp_path / "r.docx", tmp_path / "a")))
    heading = document.tables[0]
    assert heading.rows[0].cells[0].paragraphs[0].text == "…"
    assert heading.rows[1].cells[0].text == "Số: …/BC-…"
    assert heading.rows[1].cells[1].text.startswith("…, ngày ")
    closing = next(t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    assert [p.text for p in closing.rows[0].cells[0].paragraphs][1] == "- …;"
    assert [p.text for p in closing.rows[0].cells[1].paragraphs if p.text] == ["…", "…"]


def test_party_variant_and_english_report(tmp_path):
    report = bundled_report(tmp_path / "a")
    party = docx.Document(str(write_docx(report, tmp_path / "p.docx", tmp_path / "a",
                                         settings_from(SETTINGS | {"style": "party", "symbol": "TU"}))))
    right = party.tables[0].rows[0].cells[1]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "CỘNG HÒA" not in party.tables[0].rows[0].cells[1].text
    assert party.tables[0].rows[1].cells[0].text == "Số 05-BC/TU"
    english = bundled_report(tmp_path / "e", "en")
    document = docx.Document(str(write_docx(english, tmp_path / "e.docx", tmp_path / "e")))
    assert document.tables[0].rows[0].cells[1].text.strip() == ""  # no national heading
    assert "REPORT" in _texts(document) and "I. RESULTS" in _texts(document)
    assert document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_user_text_stays_text_and_illustrative_data_is_labelled(tmp_path):
    report = build_report(hostile_dataset(), ["Lâm Hà"], "vi", tmp_path / "a")
    path = write_docx(report, tmp_path / "h.docx", tmp_path / "a")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count("<w:instrText") == 0 and "fldSimple" not in body  # no field from data
    assert "&lt;w:p&gt;&amp;amp; &lt;script&gt;" in body  # escaped, never markup
    texts = "\n".join(_texts(docx.Document(str(path))))
    for hostile in HOSTILE[:5]:
        assert hostile in texts
    assert "tab\there\ufffdbell" in texts  # a control character Word cannot hold becomes U+FFFD
    example = load_dataset(paths.bundled_data_dir() / "example")
    illustrative = build_report(example, ["Lâm Hà"], "vi", tmp_path / "x")
    document = docx.Document(str(write_docx(illustrative, tmp_path / "x.docx", tmp_path / "x")))
    assert "SỐ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU THẬT" in _texts(document)
    assert "SỐ LIỆU MINH HỌA" in document.sections[0].header.paragraphs[-1].text  # on every page


def test_settings_file_is_checked(tmp_path):
    good = tmp_path / "van_ban.toml"
    good.write_text('issuer = "Ban Tổ chức"\nnumber = 7\ndate = 2026-02-05\n[signer]\nname = "A"\n', encoding="utf-8")
    settings = load_settings(good)
    assert (settings.issuer, settings.number, settings.date, settings.signer.name) == ("Ban Tổ chức", "7", "2026-02-05", "A")
    bad = tmp_path / "bad.toml"
    bad.write_text('isuer = "x"\n', encoding="utf-8")
    with pytest.raises(DataError, match="isuer"):
        load_settings(bad)
    with pytest.raises(DataError, match="style"):
        settings_from({"style": "royal"})
    with pytest.raises(DataError, match="date"):
        settings_from({"date": "05/02/2026"})
