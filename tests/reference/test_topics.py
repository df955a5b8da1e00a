"""The issue classifier (reference/topics): held-out and tuning accuracy, diacritics,
tie-break, validation, kinds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pilotlib.core import paths
from pilotlib.core.text import fold, strip_marks
from pilotlib.reference import topics
from pilotlib.reference.topics import classify_kind, classify_texts, explain, load_category_rules

DATA = Path(__file__).resolve().parents[1] / "data"
TOPICS = ("guidance", "funding", "staffing", "transition", "coordination", "facilities")
# Two labelled sets (tests/data): the TUNING set (labelled_issues.csv, 84 statements) is what
# issue_keywords.csv may be adjusted against; the HELD-OUT set (heldout_issues.csv, 120,
# written blind to the keyword list, see HELDOUT.md) never is. The accuracy that counts is
# the held-out one. Measured 2026-11-30: tuning 83/84 = 98.8 %, held-out 109/120 = 90.8 %
# (before the keyword additions of that day, made from the tuning set and general
# vocabulary only: 82/84 and 107/120).
HELDOUT_THRESHOLD = 0.90
TUNING_THRESHOLD = 0.95  # a regression guard only: the keywords were tuned on these


def _read_labelled(name: str) -> pd.DataFrame:
    """A labelled set; a malformed one stops the tests instead of weakening them."""
    table = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    unknown = set(table["category"]) - set(topics.CATEGORIES)
    thin = [cat for cat in TOPICS if (table["category"] == cat).sum() < 6]
    if unknown or thin or len(table) < 60:
        raise ValueError(f"tests/data/{name}: unknown categories {unknown}, topics under 6 rows {thin}")
    return table


@pytest.fixture(scope="module")
def rules():
    return load_category_rules()


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return _read_labelled("labelled_issues.csv")


@pytest.fixture(scope="module")
def heldout() -> pd.DataFrame:
    return _read_labelled("heldout_issues.csv")


@pytest.fixture(scope="module")
def bundled_issues() -> pd.DataFrame:
    return pd.read_csv(paths.bundled_data_dir() / "issues.csv", dtype=str,
                       keep_default_na=False)


def _accuracy(table: pd.DataFrame, rules, name: str, show_texts: bool) -> tuple[float, str]:
    """(accuracy, a report with the confusion matrix, and the wrong texts if asked)."""
    predicted = classify_texts(table["text"], rules)
    correct = predicted == table["category"]
    confusion = pd.crosstab(table["category"].rename("labelled"), predicted.rename("predicted"))
    report = [f"{name}: {correct.sum()}/{len(table)} = {correct.mean():.1%}",
              confusion.to_string()]
    if show_texts:
        report += [f"  labelled {want:<12} got {got:<12} | {text}" for text, want, got in
                   zip(table["text"][~correct], table["category"][~correct], predicted[~correct])]
    text = "\n".join(report)
    print("\n" + text)
    return float(correct.mean()), text


def test_accuracy_on_the_held_out_set(heldout, rules):
    # Only the counts are shown: reading the held-out statements to fix keywords would
    # make this set one more tuning set (HELDOUT.md).
    accuracy, report = _accuracy(heldout, rules, "held-out", show_texts=False)
    assert accuracy >= HELDOUT_THRESHOLD, report


def test_accuracy_on_the_tuning_set(labelled, rules):
    accuracy, report = _accuracy(labelled, rules, "tuning", show_texts=True)
    assert accuracy >= TUNING_THRESHOLD, report


def test_diacritic_insensitive(labelled, rules):
    original = classify_texts(labelled["text"], rules)
    bare = classify_texts(labelled["text"].map(strip_marks), rules)
    assert (original == bare).all()
    assert classify_texts(pd.Series(["kinh phi hoat dong"]), rules).iloc[0] == "funding"


def test_each_topic_has_general_vocabulary(rules):
    counts = rules.phrases["category"].value_counts()
    for cat in TOPICS:
        assert counts.get(cat, 0) >= 5, cat


def test_priority_breaks_tie(rules, tmp_path):
    # "kinh phí" (funding) and "biên chế" (staffing) carry the same weight.
    text = "Kinh phí và biên chế"
    matched = {cat: w for cat, _, w in explain(text, rules)}
    assert matched == {"funding": 3.0, "staffing": 3.0}
    assert rules.priority["funding"] < rules.priority["staffing"]
    assert classify_texts(pd.Series([text]), rules).iloc[0] == "funding"
    # Swap the two priorities in a copy of the rules: the winner swaps too.
    _copy_reference(tmp_path)
    cats = pd.read_csv(tmp_path / "issue_categories.csv")
    f, s = cats["category"] == "funding", cats["category"] == "staffing"
    cats.loc[f, "priority"], cats.loc[s, "priority"] = (
        cats.loc[s, "priority"].iloc[0], cats.loc[f, "priority"].iloc[0])
    cats.to_csv(tmp_path / "issue_categories.csv", index=False)
    swapped = load_category_rules(tmp_path)
    assert classify_texts(pd.Series([text]), swapped).iloc[0] == "staffing"


def test_higher_score_beats_priority(rules):
    # guidance has the lowest priority among topics but wins on score.
    text = "Chưa có cơ sở pháp lý và văn bản hướng dẫn về kinh phí"
    assert classify_texts(pd.Series([text]), rules).iloc[0] == "guidance"


def test_other_when_nothing_matches(rules):
    texts = pd.Series(["Uy tín của Mặt trận trong nhân dân được nâng lên.", "", None])
    out = classify_texts(texts, rules)
    assert out.iloc[0] == "other" and out.iloc[1] == "other"
    assert pd.isna(out.iloc[2])
    assert explain(texts.iloc[0], rules) == []


def test_texts_not_modified_and_index_kept(rules):
    texts = pd.Series(["Kinh phí còn thiếu.", "Trụ sở chật hẹp."], index=[10, 20])
    before = texts.copy()
    out = classify_texts(texts, rules)
    pd.testing.assert_series_equal(texts, before)
    assert list(out.index) == [10, 20]
    assert out.tolist() == ["funding", "facilities"]


def test_explain_lists_matches(rules):
    found = explain("KINH PHI HOAT DONG chua duoc huong dan", rules)
    assert ("funding", "kinh phí", 3.0) in found
    assert ("guidance", "hướng dẫn", 1.0) in found


def _copy_reference(folder: Path) -> None:
    for name in ("issue_categories.csv", "issue_keywords.csv"):
        shutil.copy(paths.reference_dir() / name, folder / name)


def _write_keywords(folder: Path, lines: list[str]) -> None:
    (folder / "issue_keywords.csv").write_text(
        "category,phrase,weight,note\n" + "\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lines, message", [
    (["funding,kinh phí,3,", "budget,ngân sách,3,"], r"unknown category.*budget.*lines \[3\]"),
    (["funding,kinh phí,3,", "staffing,  ,2,"], r"empty phrase.*lines \[3\]"),
    (["funding,kinh phí,3,", "guidance,KINH PHI,1,"], r"duplicate phrase.*line 2.*line 3"),
    (["funding,kinh phí,0,"], r"weight.*lines \[2\]"),
    (["other,khác,1,"], r"fallback.*lines \[2\]"),
])
def test_validation_errors(tmp_path, lines, message):
    _copy_reference(tmp_path)
    _write_keywords(tmp_path, lines)
    with pytest.raises(ValueError, match=message):
        load_category_rules(tmp_path)


def test_validation_unknown_category_key(tmp_path):
    _copy_reference(tmp_path)
    cats = pd.read_csv(tmp_path / "issue_categories.csv")
    cats.loc[cats["category"] == "facilities", "category"] = "offices"
    cats.to_csv(tmp_path / "issue_categories.csv", index=False)
    with pytest.raises(ValueError, match="offices"):
        load_category_rules(tmp_path)


KIND_WORDS = {
    "Khó khăn": "difficulty", "Hạn chế": "difficulty", "Vướng mắc": "difficulty",
    "Bất cập": "difficulty", "Tồn tại": "difficulty",
    "Kiến nghị": "recommendation", "Đề xuất": "recommendation",
    "Đề nghị": "recommendation", "Giải pháp": "recommendation",
    "Ưu điểm": "advantage", "Kết quả": "advantage", "Thuận lợi": "advantage",
    "Mặt được": "advantage",
    "difficulty": "difficulty", "recommendation": "recommendation", "advantage": "advantage",
}


def test_classify_kind_words():
    words = pd.Series(list(KIND_WORDS))
    expected = list(KIND_WORDS.values())
    assert classify_kind(words).tolist() == expected
    assert classify_kind(words.map(strip_marks)).tolist() == expected
    assert classify_kind(words.str.upper()).tolist() == expected
    assert classify_kind(pd.Series(["kho khan", "DE XUAT", " Ưu điểm: ",
                                    "Khó khăn, vướng mắc"])).tolist() == [
        "difficulty", "recommendation", "advantage", "difficulty"]


def test_classify_kind_unknown_is_na():
    out = classify_kind(pd.Series(["Ghi chú", None, "", "Khó khăn và kiến nghị"]))
    assert out.isna().all()


def test_vectorised_over_unique_texts(rules, monkeypatch):
    uniques = ["Kinh phí còn thiếu.", "Trụ sở chật hẹp.", "Chồng chéo giữa các ban.",
               "Cán bộ còn bỡ ngỡ.", "Uy tín được nâng lên."]
    texts = pd.Series(uniques * 10_000)
    calls = []
    real_fold = fold

    def counting_fold(value):
        calls.append(value)
        return real_fold(value)

    monkeypatch.setattr(topics, "fold", counting_fold)
    out = classify_texts(texts, rules)
    assert len(out) == 50_000
    assert len(calls) == 5
    assert out.iloc[:5].tolist() == ["funding", "facilities", "coordination",
                                     "transition", "other"]


SEEDS = {  # text prefix in data/issues.csv -> category stated in the brief
    "Cán bộ phải bỏ thói quen": "transition",
    "Quy chế hoạt động và các văn bản": "guidance",
    "Kinh phí hoạt động của khối": "funding",
    "Số biên chế cho một số vị trí": "staffing",
    "Cơ chế tài chính của khối": "funding",
    "Các địa phương thí điểm đề nghị": "guidance",
}


def test_seed_statements_present(bundled_issues):
    for prefix, category in SEEDS.items():
        row = bundled_issues[bundled_issues["text"].str.startswith(prefix)]
        assert len(row) == 1, prefix
        assert row["category"].iloc[0] == category


def test_bundled_difficulties_and_recommendations(bundled_issues, rules):
    rows = bundled_issues[bundled_issues["kind"].isin(["difficulty", "recommendation"])]
    assert len(rows) >= 6
    predicted = classify_texts(rows["text"], rules)
    wrong = rows.assign(predicted=predicted)[predicted != rows["category"]]
    assert wrong.empty, wrong[["category", "predicted", "text"]].to_string()
