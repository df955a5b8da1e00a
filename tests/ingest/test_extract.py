"""extract_report / `pilotlib extract`: narrative reports next to the tables they must give.

The reports in fixtures/reports/ are written for these tests in the style of a provincial
news report (figures inside running text, "biến chế", a caption pasted into a unit
name, "…", "Đc"/"PBT"/"TP.", ";"-separated difficulty lists); EXPECTED.md comments every
odd value. The .docx report is built here with python-docx (``build_docx``).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import docx
import pandas as pd
import pytest

from pilotlib.cli import main
from pilotlib.core.errors import DataError
from pilotlib.ingest.narrative.extract import ISSUES_REVIEW_COLUMNS, STAFFING_REVIEW_COLUMNS, extract_report
from pilotlib.ingest.narrative.figures import figures_in
from pilotlib.ingest.narrative.mentions import UnitScanner, scan_key
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.reference import vocab
from pilotlib.reference.schema import BOARDS_COLUMNS
from pilotlib.reference.validate import validate

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
TABLES = ("staffing", "issues", "boards")


def build_docx(path: Path) -> Path:
    """A district report in Word: a heading, a table, a numbered list (Word numbering, so the
    "1." is not in the text) and recommendations numbered inline "1) … 2) …"."""
    document = docx.Document()
    document.add_heading("BÁO CÁO SƠ KẾT MÔ HÌNH THÍ ĐIỂM TẠI HUYỆN LÂM HÀ", level=1)  # ¶1
    # ¶2: two numbers for one unit, told apart by cue words → two rows, no flag
    document.add_paragraph("Sau thí điểm, biên chế của huyện Lâm Hà là 20; trước thí điểm là 20 biên chế.")
    document.add_paragraph("")  # ¶3: empty, still counted
    table = document.add_table(rows=2, cols=2)  # ¶4-5: one paragraph per table row, no "biên chế" → nothing
    table.cell(0, 0).text, table.cell(0, 1).text = "Đơn vị", "Số người"
    table.cell(1, 0).text, table.cell(1, 1).text = "Lâm Hà", "20"
    # ¶6: the board count written as a word ("ba" = 3), three names → no flag
    document.add_paragraph("Cơ quan khối thành lập ba ban: Ban Tổng hợp, Ban Kiểm tra, Ban Phong trào.")
    document.add_paragraph("Những khó khăn, hạn chế:")  # ¶7: heading of a Word-numbered list
    document.add_paragraph("Kinh phí hoạt động của khối còn thiếu, chưa có định mức riêng", style="List Number")
    document.add_paragraph("Chưa có quy chế phối hợp giữa Ban Tuyên truyền và Ban Phong trào", style="List Number")
    document.add_paragraph("Kiến nghị: 1) hỗ trợ mua sắm trang thiết bị làm việc cho các ban; 2) sớm ban hành "
                           "hướng dẫn về chức năng, nhiệm vụ của cơ quan khối.")  # ¶10: inline numbered items
    document.save(path)
    return path


@pytest.fixture(scope="module")
def docx_report(tmp_path_factory) -> Path:
    return build_docx(tmp_path_factory.mktemp("docx") / "docx_report.docx")


def _expected(stem: str, table: str) -> pd.DataFrame:
    return pd.read_csv(REPORTS / f"{stem}.{table}.csv", dtype=str, keep_default_na=False)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "").astype(str).reset_index(drop=True)


@pytest.mark.parametrize("name", ["review_style.txt", "forms_numbered.txt", "docx_report.docx"])
def test_report_gives_expected_tables(name, docx_report):
    path = docx_report if name.endswith(".docx") else REPORTS / name
    result = extract_report(path)
    stem = name.rsplit(".", 1)[0]
    for table, columns in zip(TABLES, (STAFFING_REVIEW_COLUMNS, ISSUES_REVIEW_COLUMNS, BOARDS_COLUMNS)):
        frame = getattr(result, table)
        assert list(frame.columns) == columns
        pd.testing.assert_frame_equal(_as_text(frame), _expected(stem, table), obj=f"{name} {table}")
        assert (frame["provenance"] == "source").all() and (frame["source_file"] == path.name).all()
    text = result.report.text
    for table in TABLES:  # every sentence is where its offset says
        for sentence, offset in zip(getattr(result, table)["sentence"], getattr(result, table)["offset"]):
            assert text[int(offset):int(offset) + len(sentence)] == sentence
    for row in result.issues.itertuples():  # statements are exact substrings of their sentence
        assert row.text in row.sentence
    clean = result.staffing[result.staffing["flag"] == ""]
    validate(clean, "staffing")
    validate(result.issues, "issues")


def test_article_style_report_figures_and_flags():
    result = extract_report(REPORTS / "review_style.txt")
    staffing = result.staffing.set_index("posts")
    assert staffing.loc[19, "unit"] == "Cát Tiên" and staffing.loc[18, "unit"] == "Đạ Tẻh"
    # "huyện Đạ <caption> Huoai 22 biến chế": the unit is not guessed, the split is named.
    assert staffing.loc[22, "unit"] == "" and "'Đạ … Huoai' → Đạ Huoai?" in staffing.loc[22, "flag"]
    # "giữ nguyên" in the next sentence: pilot rows flagged, no invented old rows.
    assert set(result.staffing["structure"]) == {"pilot"}
    assert result.staffing["flag"].str.contains("không thay đổi").all()
    assert result.boards.iloc[0][["count", "flag"]].tolist() == [4, "nêu 4 ban nhưng kể tên 3 ban"]
    # The ";" list after "khó khăn, hạn chế:" gives four difficulties; aims are not statements.
    difficulties = result.issues[result.issues["kind"] == "difficulty"]
    assert difficulties["category"].tolist() == ["transition", "guidance", "funding", "facilities"]
    assert not result.issues["text"].str.contains("khắc phục").any()


def test_forms_and_numbered_items():
    result = extract_report(REPORTS / "forms_numbered.txt")
    rows = result.staffing
    lam_ha = rows[(rows["unit"] == "Lâm Hà") & (rows["source_row"] == "4")]
    assert lam_ha[["structure", "posts", "flag"]].astype(str).values.tolist() == [["old", "22", ""], ["pilot", "20", ""]]
    assert "có phải 'Đạ Huoai'?" in rows.loc[rows["unit"] == "Đạ Huaoi", "flag"].iloc[0]
    assert rows.loc[rows["posts"] == 64, "flag"].iloc[0] == "số không có đơn vị đi kèm"
    respectively = rows[rows["source_row"] == "8"]
    assert respectively[["unit", "posts"]].astype(str).values.tolist() == [["Lâm Hà", "20"], ["Đạ Huoai", "23"],
                                                                           ["Đạ Tẻh", "21"]]
    # Lâm Hà's 20 was given in ¶4 and Đạ Tẻh's 21 in ¶5 already: flagged, so loading the
    # table never counts them twice (Đạ Huoai's 23 in ¶7 is flagged "unchanged", not a clean figure)
    assert respectively["flag"].tolist() == [
        "báo cáo đã nêu số này cho cùng đơn vị và mô hình ở đoạn 4: dòng này sẽ tính trùng", "",
        "báo cáo đã nêu số này cho cùng đơn vị và mô hình ở đoạn 5: dòng này sẽ tính trùng"]
    kinds = result.issues.groupby("kind")["text"].count().to_dict()
    assert kinds == {"difficulty": 3, "recommendation": 2}
    assert result.issues.loc[result.issues["text"].str.startswith("Đạ Tẻh"), "unit"].iloc[0] == "Đạ Tẻh"


def _figures(text: str) -> pd.DataFrame:
    found = figures_in(Sentence(text, 0, 1), UnitScanner(vocab.units()))
    return pd.DataFrame([{"unit": f.unit, "posts": f.posts, "structure": f.structure,
                          "flags": [k for k, _ in f.flags]} for f in found])


@pytest.mark.parametrize("text, unit, posts", [
    ("Trong đó huyện Đạ Huoai 23 biên chế.", "Đạ Huoai", 23),
    ("Lâm Hà 20 biến chế theo đề án mới.", "Lâm Hà", 20),  # the article's typo
    ("Biên chế của huyện Đạ Tẻh là 21 sau thí điểm.", "Đạ Tẻh", 21),
    ("ĐẠ TẺH 21 BIÊN CHẾ SAU THÍ ĐIỂM.", "Đạ Tẻh", 21),  # capitals
    ("Da Teh 21 bien che sau thi diem.", "Đạ Tẻh", 21),  # typed without marks
    ("Cơ quan khối có 21 biên chế thuộc huyện Đạ Tẻh.", "Đạ Tẻh", 21),  # unit after the number
])
def test_unit_and_number_in_any_order_and_spelling(text, unit, posts):
    found = _figures(text)
    assert found[["unit", "posts"]].values.tolist() == [[unit, posts]]


def test_longest_unit_name_wins_and_lower_case_is_weak():
    scanner = UnitScanner(vocab.units())
    assert [m.unit for m in scanner.find("Đạ Tẻh và Đạ Tẻ")] == ["Đạ Tẻh", "Đạ Tẻh"]  # alias "Đạ Tẻ"
    weak = scanner.find("Cán bộ đi linh hoạt giữa các ban.")
    assert [(m.unit, m.weak) for m in weak] == [("Di Linh", True)]
    assert not scanner.find("Huyện Di Linh")[0].weak
    assert scan_key("Ðạ Tẻh") == "da teh" and len(scan_key("Đạ Tẻh…")) == len("Đạ Tẻh…")


@pytest.mark.parametrize("text, structure, flag", [
    ("Trước thí điểm, Lâm Hà có 22 biên chế.", "old", None),
    ("Lâm Hà có 22 biên chế như mô hình cũ.", "old", None),
    ("Lâm Hà có 22 biên chế cụ thể như sau.", "pilot", "structure_assumed"),  # "cụ thể" is not "cũ"
    ("Lâm Hà có 22 biên chế.", "pilot", "structure_assumed"),
    ("Trước thí điểm 22, sau thí điểm Lâm Hà có 20 biên chế.", "pilot", None),
])
def test_structure_from_cue_words(text, structure, flag):
    found = _figures(text).iloc[-1]
    assert found["structure"] == structure
    assert (flag in found["flags"]) if flag else not any(f.startswith("structure") for f in found["flags"])


@pytest.mark.parametrize("text, flag", [
    ("Về biên chế, Lâm Hà có 20 người làm việc.", "not_posts"),  # not followed by biên chế
    ("Tổng cộng có 64 biên chế.", "no_unit"),
    ("Lâm Hà và Đạ Tẻh có chung 40 biên chế.", "several_units"),
    ("Lâm Hà 20 biên chế và 21 biên chế.", "two_numbers"),
    ("Huyện Phố Núi có 12 biên chế.", "unknown_unit"),
    ("Lâm Hà được bổ sung 2 biên chế.", "change"),
])
def test_unsure_figures_are_flagged_not_guessed(text, flag):
    assert any(flag in flags for flags in _figures(text)["flags"])


def test_dates_years_and_counts_of_other_things_are_not_figures():
    found = _figures("Theo Quyết định số 12 ngày 12.11.2018, sau 2 năm 3 huyện giữ 64 biên chế tại Lâm Hà, 20%.")
    assert found["posts"].tolist() == [64]


def test_extra_units_file_resolves_a_new_unit(tmp_path):
    extra = tmp_path / "units.csv"
    table = vocab.load_units_table().iloc[:0].copy()
    row = {c: "" for c in table.columns} | {"unit": "Phố Núi", "unit_code": "999", "code_vintage": "2025",
                                             "level": "district", "parent_code": "68"}
    pd.DataFrame([row]).to_csv(extra, index=False)
    report = tmp_path / "r.txt"
    report.write_text("Sau thí điểm, huyện Phố Núi có 12 biên chế.", encoding="utf-8")
    staffing = extract_report(report, units_file=extra).staffing
    assert staffing[["unit", "unit_code", "flag"]].values.tolist() == [["Phố Núi", "999", ""]]


def test_flags_in_english(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Tổng cộng có 64 biên chế sau thí điểm.", encoding="utf-8")
    assert extract_report(report, lang="en").staffing["flag"].tolist() == ["number with no unit nearby"]


@pytest.mark.parametrize("text, expected", [
    # a heading alone is not a statement; without a colon or markers the next line is no item
    ("KHÓ KHĂN, VƯỚNG MẮC\nKinh phí hoạt động còn thiếu.", []),
    # after "…:" plain paragraphs are items up to a blank line
    # (list items lose their final sentence punctuation)
    ("Một số khó khăn:\nKinh phí hoạt động còn thiếu.\nTrụ sở chật hẹp.\n\nHội nghị kết thúc.",
     ["Kinh phí hoạt động còn thiếu", "Trụ sở chật hẹp"]),
    # "không có khó khăn" and "khắc phục hạn chế" are not statements
    ("Năm nay không có khó khăn gì lớn. Cần khắc phục những hạn chế.", []),
])
def test_statement_lists(tmp_path, text, expected):
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    assert extract_report(report).issues["text"].tolist() == expected


def _run(*argv: str) -> int:
    return main(list(argv))


def test_cli_writes_three_tables_and_exits_1_when_flagged(tmp_path, capsys):
    out = tmp_path / "out"
    assert _run("extract", str(REPORTS / "review_style.txt"), "-o", str(out)) == 1
    for name in ("staffing.csv", "issues.csv", "boards.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf")
    printed = capsys.readouterr().out
    assert "Cần kiểm tra" in printed and "'Đạ … Huoai' → Đạ Huoai?" in printed
    back = pd.read_csv(out / "staffing.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert back["posts"].tolist() == ["19", "22", "18"]


def test_cli_exit_0_when_nothing_is_flagged(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Sau thí điểm, huyện Lâm Hà có 20 biên chế.\nKhó khăn: kinh phí hoạt động còn thiếu; "
                      "trụ sở chật hẹp.", encoding="utf-8")
    assert _run("extract", str(report), "-o", str(tmp_path / "o")) == 0
    issues = pd.read_csv(tmp_path / "o" / "issues.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert issues["text"].tolist() == ["kinh phí hoạt động còn thiếu", "trụ sở chật hẹp"]  # no final "."


@pytest.mark.parametrize("content, suffix", [(b"", ".txt"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old", ".doc"),
                                             (b"PK\x03\x04 broken", ".docx"), (b"a,b", ".pdf")])
def test_cli_exit_2_on_unreadable_report(tmp_path, content, suffix, capsys):
    report = tmp_path / f"r{suffix}"
    report.write_bytes(content)
    assert _run("extract", str(report), "-o", str(tmp_path / "o")) == 2
    assert not (tmp_path / "o").exists()
    assert str(report) in capsys.readouterr().err


def test_unreadable_report_raises_data_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        extract_report(tmp_path / "missing.txt")


def test_extract_is_registered_in_the_parser():
    from pilotlib.cli import build_parser

    args = build_parser().parse_args(["extract", "r.txt", "-o", "d", "--lang", "en"])
    assert isinstance(args, argparse.Namespace) and args.report == Path("r.txt") and args.lang == "en"


def _extract_text(tmp_path: Path, text: str, lang: str = "vi"):
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    return extract_report(report, lang=lang)


def test_sentence_unit_is_not_spread_over_several_statements(tmp_path):
    result = _extract_text(tmp_path, "Kiến nghị: Trung ương sớm ban hành hướng dẫn; "
                                     "bổ sung 2 biên chế kế toán cho Lâm Hà.", lang="en")
    issues = result.issues
    assert issues[["unit", "text"]].values.tolist() == [
        ["", "Trung ương sớm ban hành hướng dẫn"],           # not Lâm Hà's: left empty, flagged
        ["Lâm Hà", "bổ sung 2 biên chế kế toán cho Lâm Hà"]]  # its own unit; no final "."
    assert issues["flag"].tolist() == [
        "the sentence names Lâm Hà but this statement names no unit: left empty (= all units), check", ""]


def test_sentence_unit_still_applies_to_a_single_statement_or_a_lead_in(tmp_path):
    single = _extract_text(tmp_path, "Khó khăn lớn nhất của Lâm Hà là kinh phí hoạt động còn thiếu.")
    assert single.issues[["unit", "text", "flag"]].values.tolist() == [
        ["Lâm Hà", "Khó khăn lớn nhất của Lâm Hà là kinh phí hoạt động còn thiếu.", ""]]  # kept exactly
    lead = _extract_text(tmp_path, "Huyện Đạ Tẻh kiến nghị: hỗ trợ kinh phí hoạt động; sớm ban hành quy chế mẫu.")
    assert lead.issues[["unit", "text", "flag"]].values.tolist() == [
        ["Đạ Tẻh", "hỗ trợ kinh phí hoạt động", ""], ["Đạ Tẻh", "sớm ban hành quy chế mẫu", ""]]
    several = _extract_text(tmp_path, "Khó khăn: Lâm Hà và Đạ Tẻh thiếu trụ sở làm việc; kinh phí còn thiếu.")
    assert several.issues["unit"].tolist() == ["", ""]
    assert several.issues["flag"].tolist()[0] == "ý nêu nhiều đơn vị (Lâm Hà, Đạ Tẻh): để trống, cần kiểm tra"


def test_list_items_lose_only_their_final_sentence_punctuation(tmp_path):
    result = _extract_text(tmp_path, "Khó khăn: kinh phí còn thiếu; trụ sở chật hẹp, thiếu xe, v.v.\n"
                                     "Kiến nghị:\n- hỗ trợ kinh phí hoạt động!\n- bổ sung trang thiết bị…\n")
    assert result.issues["text"].tolist() == ["kinh phí còn thiếu", "trụ sở chật hẹp, thiếu xe, v.v.",
                                              "hỗ trợ kinh phí hoạt động", "bổ sung trang thiết bị…"]


@pytest.mark.parametrize("text", [
    "Kiến nghị: bổ sung cho huyện Lâm Hà 2 biên chế chuyên viên.",
    "Đề xuất cấp có thẩm quyền xem xét giao thêm cho huyện Đạ Huoai 2 biên chế.",
    "Kiến nghị:\n- Tăng cho Đạ Tẻh 3 biên chế kế toán.\n",
])
def test_figures_inside_a_recommendation_are_requests_not_counts(tmp_path, text):
    staffing = _extract_text(tmp_path, text, lang="en").staffing
    assert len(staffing) == 1
    assert "a change or a request, not a count of posts" in staffing["flag"].iloc[0]


def test_a_count_outside_recommendations_is_not_taken_for_a_request(tmp_path):
    staffing = _extract_text(tmp_path, "Sau thí điểm, huyện Lâm Hà có 20 biên chế. Kiến nghị: hỗ trợ kinh phí.").staffing
    assert staffing[["unit", "posts", "flag"]].values.tolist() == [["Lâm Hà", 20, ""]]


def test_cli_writes_all_three_tables_or_none(tmp_path, capsys):
    out = tmp_path / "o"
    (out / "issues.csv").mkdir(parents=True)  # one target is a folder: nothing may be written
    assert _run("extract", str(REPORTS / "review_style.txt"), "-o", str(out)) == 2
    assert [p.name for p in out.iterdir()] == ["issues.csv"]
    assert str(out / "issues.csv") in capsys.readouterr().err
