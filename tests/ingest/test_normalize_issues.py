"""normalize_issues / `pilotlib normalize issues`: messy issue lists next to their expected tables.

Fixtures in fixtures/issues/ (odd cells commented in make_fixtures.py, summed up in
EXPECTED.md). Also: every row accounted for and normalising twice changes nothing
(generated lists), classification does not depend on diacritics, and issue texts stay
text in .xlsx (no formula) and in HTML (escaped).
"""
from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import examples, staffing_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilotlib.cli import main
from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.core.io import write_table
from pilotlib.data.model import Dataset
from pilotlib.ingest.issues import normalize_issues
from pilotlib.ingest.result import RowCounts
from pilotlib.reference.schema import ISSUES_COLUMNS, REJECTS_COLUMNS
from pilotlib.reference.topics import classify_texts
from pilotlib.reference.validate import validate
from pilotlib.report import sections
from pilotlib.report.model import Table
from pilotlib.report.present import displayed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
DATA = ["unit", "kind", "category", "text"]

# name, (read, kept, rejected, skipped), issue rows, fragments the warnings must contain
CASES = [
    ("long_kind.csv", (21, 7, 7, 7), 7, ["1 ý kiến không khớp cụm từ nào"]),
    ("wide_kinds.xlsx", (14, 4, 2, 8), 7, []),
    ("tcvn3_sections.csv", (8, 4, 1, 3), 4, ["Windows-1252", "cột C (Nội dung): chữ phông TCVN3"]),
    ("no_marks.csv", (5, 4, 0, 1), 4, []),
]


def _expected(name: str, kind: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / f"{name.rsplit('.', 1)[0]}.{kind}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("name", "counts", "rows", "warnings"), CASES, ids=[c[0] for c in CASES])
def test_fixture_gives_expected_tables(name, counts, rows, warnings):
    result = normalize_issues([FIXTURES / name])
    pd.testing.assert_frame_equal(result.issues.astype(str), _expected(name, "expected"))
    pd.testing.assert_frame_equal(result.rejects.astype(str), _expected(name, "rejects"))
    total = result.total
    assert (total.read, total.kept, total.rejected, total.skipped) == counts
    assert total.balanced() and total.rejected == len(result.rejects) and len(result.issues) == rows
    for fragment in warnings:
        assert any(fragment in w for w in result.warnings), (fragment, result.warnings)
    assert list(result.issues.columns) == ISSUES_COLUMNS and list(result.rejects.columns) == REJECTS_COLUMNS
    assert (result.issues["provenance"] == "analyst").all() and (result.issues["source_file"] == name).all()


@pytest.mark.parametrize("name", [c[0] for c in CASES])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_normalising_the_output_again_changes_nothing(tmp_path, name, suffix):
    first = normalize_issues([FIXTURES / name])
    tidy = write_table(first.issues, tmp_path / f"tidy{suffix}")
    second = normalize_issues([tidy])
    assert second.rejects.empty
    pd.testing.assert_frame_equal(second.issues[DATA], first.issues[DATA])
    assert second.total == RowCounts(read=len(first.issues) + 1, kept=len(first.issues), skipped=1, title=1)


def test_long_list_details():
    issues = normalize_issues([FIXTURES / "long_kind.csv"]).issues
    # "Chung", "Tất cả" and an empty cell all mean every unit.
    assert issues.loc[issues["source_row"].isin(["7", "8", "17"]), "unit"].tolist() == ["", "", ""]
    # The analyst's category is kept (a vi label, a key, a label without marks) ...
    assert issues.set_index("source_row").loc[["7", "8", "14"], "category"].tolist() == [
        "guidance", "coordination", "funding"]
    # ... and texts are kept exactly, a leading "=" or "- " included.
    assert "=Tiết kiệm được 2 biên chế lái xe và kinh phí thuê xe" in issues["text"].tolist()
    assert "- Bố trí thêm máy vi tính, trang thiết bị cho các ban." in issues["text"].tolist()


def test_classification_ignores_diacritics_and_legacy_fonts():
    bare = normalize_issues([FIXTURES / "no_marks.csv"]).issues
    marked = ["Kinh phí hoạt động chưa được hướng dẫn cụ thể", "Bố trí thêm xe ô tô cho cơ quan khối",
              "Giảm chồng chéo giữa các đoàn thể", "Cán bộ còn bỡ ngỡ với mô hình mới"]
    assert bare["category"].tolist() == classify_texts(pd.Series(marked)).tolist()
    assert bare["unit"].tolist() == ["Lâm Hà", "Đạ Tẻh", "Đạ Huoai", ""]
    assert bare["kind"].tolist() == ["difficulty", "recommendation", "advantage", "difficulty"]
    repaired = normalize_issues([FIXTURES / "tcvn3_sections.csv"]).issues
    assert repaired["category"].tolist() == classify_texts(repaired["text"]).tolist()
    assert repaired["text"].iloc[0] == "Kinh phí hoạt động chưa được hướng dẫn cụ thể."


def test_bundled_seed_issues_classify_to_the_facts(tmp_path):
    """Without its category column, the seed list is classified as FACTS.md implies."""
    bundled = pd.read_csv(paths.bundled_data_dir() / "issues.csv", dtype=str, keep_default_na=False)
    bundled.drop(columns="category").to_csv(tmp_path / "seed.csv", index=False)
    result = normalize_issues([tmp_path / "seed.csv"])
    stated = bundled["kind"].isin(["difficulty", "recommendation"])
    assert result.issues["category"][stated].tolist() == bundled["category"][stated].tolist()
    assert result.issues["category"][stated].tolist() == [
        "transition", "guidance", "funding", "staffing", "funding", "guidance"]


def test_reasons_in_english():
    rejects = normalize_issues([FIXTURES / "long_kind.csv"], lang="en").rejects.set_index("source_row")
    assert rejects.loc["10", "reason"] == "unknown unit 'Lam Haa' — did you mean 'Lâm Hà'?"
    assert rejects.loc["5", "reason"] == ("an exact copy of row 16: every copy is rejected "
                                          "(keep one and run again)")


def test_a_file_with_no_issue_header_is_unusable(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Đơn vị,Số biên chế\nLâm Hà,20\n", encoding="utf-8")
    with pytest.raises(DataError, match="no header row"):
        normalize_issues([path])


# --- Output safety ------------------------------------------------------------------------

def test_xlsx_output_keeps_formula_looking_texts_as_text(tmp_path):
    out = tmp_path / "issues.xlsx"
    assert main(["normalize", "issues", str(FIXTURES / "long_kind.csv"), str(FIXTURES / "wide_kinds.xlsx"),
                 "-o", str(out)]) == 1
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert not re.search(r"<f[ >]", xml)
    texts = [c for row in openpyxl.load_workbook(out)["issues"].iter_rows(min_row=2) for c in row]
    risky = [c for c in texts if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value[0] for c in risky} == {"=", "+", "-"}  # the "@" text sits in a rejected row
    assert all(c.data_type == "s" for c in risky) and len(risky) >= 4


def test_csv_output_is_safe_in_excel_and_reads_back_exactly(tmp_path):
    out, raw = tmp_path / "issues.csv", tmp_path / "raw.csv"
    main(["normalize", "issues", str(FIXTURES / "wide_kinds.xlsx"), "-o", str(out)])
    back = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    # For Excel: a leading "'" before "=", "+" (OWASP), so opening the CSV runs nothing ...
    assert "'=Bổ sung kinh phí hoạt động cho cấp xã" in back["text"].tolist()
    assert any(t.startswith("'+ ") for t in back["text"])
    assert any("\n" in t for t in back["text"])
    # ... and pilotlib reads its own CSV back to the same texts.
    again = normalize_issues([out]).issues
    assert "=Bổ sung kinh phí hoạt động cho cấp xã" in again["text"].tolist()
    # --raw-csv: texts exactly, for programs.
    main(["normalize", "issues", str(FIXTURES / "wide_kinds.xlsx"), "-o", str(raw), "--raw-csv"])
    plain = pd.read_csv(raw, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert plain["text"].tolist() == again["text"].tolist()


def _dataset(texts: list[str]) -> Dataset:
    staffing = staffing_rows([{"unit": "Lâm Hà", "structure": s, "posts": 20} for s in ("old", "pilot")])
    issues = pd.DataFrame([{"unit": "", "kind": k, "category": "other", "text": t, "provenance": "analyst",
                            "source_file": "x.csv", "source_row": "2"}
                           for t in texts for k in ("difficulty", "recommendation")])
    return Dataset(root=Path("."), tables={"staffing": staffing, "issues": validate(issues, "issues")})


def test_html_report_escapes_issue_texts():
    items = sections.issues(_dataset(["<script>alert(1)</script>", "=HYPERLINK(\"x\")"]), ["Lâm Hà"], "vi")
    tables = [displayed(item) for item in items if isinstance(item, Table)]
    html = tables[0].to_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    written = sections.written_assessment(_dataset(["<script>alert(1)</script>"]), ["Lâm Hà"], "vi")
    shown = [displayed(item).html for item in written if displayed(item) is not None]
    assert any("&lt;script&gt;" in text for text in shown) and not any("<script>" in text for text in shown)
    # The index page lists runs and figures only, never issue texts (and Jinja2 autoescapes it).


# --- CLI --------------------------------------------------------------------------------------

def test_cli_exit_codes(tmp_path, capsys):
    assert main(["normalize", "issues", str(FIXTURES / "no_marks.csv"), "-o", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf") and (tmp_path / "a.rejects.csv").exists()
    assert main(["normalize", "issues", str(FIXTURES / "long_kind.csv"), "-o", str(tmp_path / "b.csv"),
                 "--rejects", str(tmp_path / "r.csv")]) == 1
    assert len(pd.read_csv(tmp_path / "r.csv")) == 7  # 5 bad rows, and a statement given twice
    assert "có phải 'Lâm Hà'?" in capsys.readouterr().out
    bad = tmp_path / "staffing.csv"
    bad.write_text("Đơn vị,Số biên chế\nLâm Hà,20\n", encoding="utf-8")
    assert main(["normalize", "issues", str(bad), "-o", str(tmp_path / "c.csv")]) == 2
    assert main(["normalize", "issues", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "c.csv")]) == 2
    assert main(["normalize", "issues", str(bad), "-o", str(bad)]) == 2  # never overwrites an input
    assert not (tmp_path / "c.csv").exists() and "no header row" in capsys.readouterr().err


# --- Properties over generated lists ------------------------------------------------------------

UNITS = {"Lâm Hà": "Lâm Hà", "huyện đạ tẻh": "Đạ Tẻh", "DA HUOAI": "Đạ Huoai", "Chung": "", "Tất cả": "", "": ""}
JUNK_UNITS = ["Lam Haa", "X1"]
KINDS = {"Khó khăn": "difficulty", "kien nghi": "recommendation", "ƯU ĐIỂM": "advantage", "Hạn chế": "difficulty"}
JUNK_KINDS = ["ý kiến", ""]
TEXTS = ["Kinh phí còn thiếu.", "  Trụ sở chật hẹp  ", "=1+1 kinh phí", "Nguồn kinh phí hạn hẹp",
         "Cán bộ còn bỡ ngỡ", "<b>chồng chéo</b>"]

data_row = st.tuples(st.just("data"), st.sampled_from(sorted(UNITS) + JUNK_UNITS),
                     st.sampled_from(sorted(KINDS) + JUNK_KINDS), st.sampled_from(TEXTS + [""]))
other_row = st.sampled_from([("blank",), ("note",)])


def _fate(unit: str, kind: str, text: str) -> str:
    if not text and not kind and unit not in UNITS or not text and not kind and UNITS.get(unit) == "":
        return "note"  # a numbered row with nothing to say and no known unit
    if unit in UNITS and kind in KINDS and text:
        return "kept"
    return "rejected"


@given(st.lists(st.one_of(data_row, other_row), min_size=1, max_size=25))
@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_row_is_accounted_for_and_a_second_pass_changes_nothing(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["STT", "Đơn vị", "Loại", "Nội dung"])
    fates, expected = [], []
    for number, row in enumerate(rows, start=1):
        if row[0] == "blank":
            writer.writerow([])
            fates.append("blank")
        elif row[0] == "note":
            writer.writerow(["Người lập biểu"])
            fates.append("note")
        else:
            _, unit, kind, text = row
            writer.writerow([number, unit, kind, text])
            fates.append(_fate(unit, kind, text))
            expected.append([UNITS[unit], KINDS[kind], text.strip()] if fates[-1] == "kept" else None)
        if row[0] != "data":
            expected.append(None)
    # The same statement twice (unit, kind, text) is rejected both times, never counted twice.
    keys = [tuple(e) for e in expected if e is not None]
    for at, key in enumerate(expected):
        if key is not None and keys.count(tuple(key)) > 1:
            fates[at], expected[at] = "rejected", None
    expected = [e for e in expected if e is not None]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        if not any(f in ("kept", "rejected", "note") for f in fates):
            return  # nothing but blank lines under the header: an empty table, nothing to check
        result = normalize_issues([path])
        total = result.total
        assert total.balanced()
        assert (total.kept, total.rejected) == (fates.count("kept"), fates.count("rejected"))
        assert total.note == fates.count("note") and total.title == 1
        assert result.issues[["unit", "kind", "text"]].values.tolist() == expected
        tidy = write_table(result.issues, Path(folder) / "tidy.csv")
        again = normalize_issues([tidy])
        pd.testing.assert_frame_equal(again.issues[DATA], result.issues[DATA])
        assert again.rejects.empty
