"""No data reads as "no data": a data set whose every row was rejected, a section with
nothing to show, a total row, the index's key figures, the issues report's summary."""
from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import staffing_rows, write_csv  # noqa: E402

from pilotlib.batch.index_page import shown_figures  # noqa: E402
from pilotlib.data.load import load_dataset  # noqa: E402
from pilotlib.data.model import Dataset  # noqa: E402
from pilotlib.report import sections  # noqa: E402
from pilotlib.report.model import Heading, Paragraph, Table  # noqa: E402
from pilotlib.report.tables import labelled_table  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def all_rejected(tmp_path) -> Dataset:
    """A folder whose every staffing row is rejected (units nobody knows)."""
    folder = tmp_path / "data"
    write_csv(folder, "staffing.csv", staffing_rows([
        {"unit": "Atlantis", "structure": "old", "posts": 23, "source_file": "x.csv", "source_row": "2"},
        {"unit": "Lemuria", "structure": "pilot", "posts": 21, "source_file": "x.csv", "source_row": "3"}]))
    data = load_dataset(folder)
    assert data.staffing.empty and data.rejected == 2
    return data


def test_every_row_rejected_gives_one_line_not_an_empty_chart(all_rejected):
    units = all_rejected.units()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "No artists with labels found to put in legend" was one
        posts = sections.posts(all_rejected, units, "vi")
        others = [section(all_rejected, units, "vi") for section in (
            sections.organisation, sections.composition_section, sections.organisation_review, sections.ranking)]
        assessment = sections.written_assessment(all_rejected, units, "vi")
    assert [type(b) for b in posts] == [Heading, Paragraph] and posts[1].role == "note"
    assert posts[1].text.startswith("Không có dòng biên chế nào dùng được")
    assert others == [[], [], [], []]  # left out: no empty chart, no "1 cơ quan khối, 0 ban" box
    text = " ".join(b.text for b in assessment if isinstance(b, Paragraph))
    assert "Chưa có đơn vị nào có đủ số liệu" in text and "0 biên chế" not in text
    assert "theo tổ chức và chức danh" not in text  # no caveat about a breakdown of nothing


def test_key_figures_of_no_data_are_none_and_the_index_says_so(all_rejected):
    figures = sections.key_figures(all_rejected, all_rejected.units())
    assert (figures["posts_old"], figures["posts_pilot"], figures["change"]) == (None, None, None)
    shown = dict(shown_figures(figures, "vi"))
    assert shown["Biên chế trước thí điểm"] == "chưa có số liệu" and shown["Thay đổi"] == "chưa có số liệu"
    assert dict(shown_figures(figures, "en"))["Posts in the pilot"] == "no data"
    issues = sections.issue_figures(all_rejected, all_rejected.units())
    assert dict(shown_figures(issues, "vi"))["Số khó khăn"] == "chưa có số liệu"  # no list, not "0"


def test_index_numbers_are_written_the_languages_way():
    figures = {"posts_old": 1234, "posts_pilot": 1200, "change": -34, "provenance": "analyst"}
    assert dict(shown_figures(figures, "vi"))["Biên chế trước thí điểm"] == "1.234"
    assert dict(shown_figures(figures, "en"))["Posts before the pilot"] == "1,234"
    issues = {"difficulties": 5, "recommendations": 0, "advantages": 10}
    assert shown_figures(issues, "vi") == [("Số khó khăn", "5"), ("Số kiến nghị", "0"), ("Số ưu điểm", "10")]


def test_the_total_row_does_not_say_incomplete():
    data = Dataset.from_tables(staffing_rows([
        {"unit": "A", "structure": "old", "posts": 10}, {"unit": "A", "structure": "pilot", "posts": 8},
        {"unit": "B", "structure": "old", "posts": 5}, {"unit": "B", "structure": "pilot", "posts": 5},
        {"unit": "C", "structure": "pilot", "posts": 4}]))  # C: no "before" figures
    table = next(b for b in sections.posts(data, ["A", "B", "C"], "vi") if isinstance(b, Table))
    complete = table.columns.index("complete")
    assert [row[complete] for row in table.rows] == ["có", "có", "không", ""]  # the total row: empty
    assert table.rows[-1][:4] == ["Tổng (các đơn vị đủ số liệu)", 15, 13, -2]
    html = labelled_table(table.frame, "vi").to_html()
    assert html.count(">không<") == 1  # C's row only


def test_a_section_without_content_is_left_out_or_says_why():
    from pilotlib.report.present import without_empty_headings

    data = Dataset.from_tables(staffing_rows([{"unit": "A", "structure": "old", "posts": 1}]))
    background = sections.background(data, "en")  # no timeline, no sources of its own or cited
    assert [type(b) for b in background] == [Heading, Paragraph]
    assert background[1].text == "The data hold no timeline and no list of source documents."
    heading, note = Heading("Empty"), Paragraph("x")
    assert without_empty_headings([heading]) == []
    assert without_empty_headings([Heading("A"), Heading("B"), note]) == [Heading("B"), note]
    assert without_empty_headings([Heading("A"), Heading("a", level=3), note]) == [
        Heading("A"), Heading("a", level=3), note]


def test_bundled_sources_are_listed_only_when_the_data_cite_them():
    example = load_dataset(EXAMPLE)  # its issues cite the bundled article; it has no sources.csv
    listing = next(b for b in sections.background(example, "vi") if isinstance(b, Table))
    assert [row[0] for row in listing.rows] == ["Bài sơ kết 2 năm, Lâm Đồng TV"]
    text = " ".join(b.text for b in sections.written_assessment(example, ["Lâm Hà"], "vi")
                    if isinstance(b, Paragraph))
    assert "Bài sơ kết 2 năm, Lâm Đồng TV, đoạn 5" in text and "lamdongtv-2020-pilot-review" not in text


@pytest.mark.parametrize("lang, expected", [
    ("vi", ["Có 5 khó khăn, 1 kiến nghị và 10 ưu điểm được nêu, đều nêu chung cho mọi đơn vị.",
            "Khó khăn theo nhóm vấn đề: kinh phí (2), biên chế và nhân sự (1), chuyển đổi và thích ứng (1), "
            "hướng dẫn và cơ sở pháp lý (1); nhiều nhất là nhóm kinh phí."]),
    ("en", ["5 difficulties, 1 recommendation and 10 advantages were reported, all about every unit.",
            "the most frequent topic is funding."]),
])
def test_the_issues_report_has_a_written_summary(lang, expected):
    blocks = sections.issues_summary(load_dataset(), ["Lâm Hà"], lang)
    assert isinstance(blocks[0], Heading)
    text = " ".join(b.text for b in blocks[1:])
    assert all(part in text for part in expected), text


def test_the_issues_summary_follows_the_rows():
    bundled = load_dataset()
    own = pd.DataFrame([{"unit": "Lâm Hà", "kind": "difficulty", "category": "funding", "text": "Thiếu xe.",
                         "text_en": "", "provenance": "analyst", "source_file": "a.csv", "source_row": "2"}])
    issues = pd.concat([bundled.issues, own], ignore_index=True)
    data = Dataset.from_tables(bundled.staffing, issues, sources=bundled.table("sources"))
    text = " ".join(b.text for b in sections.issues_summary(data, ["Lâm Hà", "Đạ Tẻh"], "vi")[1:])
    assert "Có 6 khó khăn, 1 kiến nghị và 10 ưu điểm được nêu: 16 nội dung chung cho mọi đơn vị, " \
           "1 của riêng Lâm Hà." in text
    assert "kinh phí (3)" in text
    assert sections.issues_summary(Dataset.from_tables(bundled.staffing), ["Lâm Hà"], "en")[1].role == "note"
