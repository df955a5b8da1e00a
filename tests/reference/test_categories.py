"""Issue categories are data: an analyst's categories file adds a topic (here training,
"Đào tạo, tập huấn") that is classified into, accepted in lists and tidy tables, and
labelled in reports — instead of rows being rejected or filed under "other"."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotlib.analysis import assessment
from pilotlib.cli import main
from pilotlib.core.errors import DataError, VocabularyError
from pilotlib.data.load import load_dataset
from pilotlib.ingest.issues import normalize_issues
from pilotlib.reference.categories import rules_with
from pilotlib.reference.topics import classify_texts, default_rules
from pilotlib.report import sections

BUNDLED = Path(__file__).resolve().parents[2] / "data"
TRAINING = "category,label_vi,label_en,keywords\ntraining,\"Đào tạo, tập huấn\",Training,tập huấn|đào tạo|bồi dưỡng\n"
LIST = ("Đơn vị,Nội dung,Loại,Nhóm\n"
        "Lâm Hà,Cán bộ mới chưa được tập huấn nghiệp vụ công tác Mặt trận,Khó khăn,\n"  # classified → training
        "Lâm Hà,Thiếu lớp bồi dưỡng kỹ năng vận động quần chúng,Khó khăn,\"Đào tạo, tập huấn\"\n"  # given by label
        "Đạ Tẻh,Kinh phí hoạt động còn thiếu,Khó khăn,\n")


def _file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_new_category_is_classified_into_and_labelled(tmp_path):
    rules = rules_with(_file(tmp_path, "nhom.csv", TRAINING))
    texts = pd.Series(["Cán bộ chưa được tập huấn nghiệp vụ", "Thiếu kinh phí tổ chức hội nghị"])
    assert classify_texts(texts, rules).tolist() == ["training", "funding"]
    assert classify_texts(texts).tolist()[0] != "training"  # the bundled rules know no such topic
    assert rules.keys[-2:] == ("training", "other")  # after the bundled topics; "other" stays last
    assert rules.labels("vi")["training"] == "Đào tạo, tập huấn" and rules.labels("en")["training"] == "Training"
    assert default_rules().keys == tuple(k for k in rules.keys if k != "training")  # the bundled set is untouched


def test_keywords_for_a_bundled_category_and_moved_phrases():
    extra = pd.DataFrame({"category": ["facilities", "training"], "label_vi": ["", "Đào tạo"],
                          "label_en": ["", "Training"], "keywords": ["máy chiếu", "đào tạo"]})
    rules = rules_with(extra)
    texts = pd.Series(["Thiếu máy chiếu cho hội trường", "Chưa có kế hoạch đào tạo"])
    # "đào tạo" is a staffing phrase in the bundled list: the analyst's file decides
    assert classify_texts(texts, rules).tolist() == ["facilities", "training"]


@pytest.mark.parametrize("text, problem", [
    ("category,label_vi,label_en,keywords\nĐào tạo,Đào tạo,Training,tập huấn\n", "dòng 2: mã nhóm 'Đào tạo'"),
    ("category,label_vi,label_en,keywords\ntraining,,Training,tập huấn\n", "cần cả label_vi và label_en"),
    ("category,label_vi,label_en,keywords\nother,,,tập huấn\n", "'other' là nhóm mặc định"),
    ("category,label_vi,label_en,keywords\ntraining,Đào tạo,Training,\n", "không có từ khoá nào"),
    ("category,label_vi,label_en,keywords,weight\ntraining,Đào tạo,Training,tập huấn,-1\n", "trọng số '-1'"),
    ("category,label_vi,label_en,keywords\ntraining,Đào tạo,Training,tập huấn\nskills,Kỹ năng,Skills,Tập Huấn\n",
     "dòng 3: từ khoá 'Tập Huấn' đã thuộc nhóm 'training'"),
    ("category,label_vi,label_en,keywords\nfunding,Tiền,Money,quỹ\n", "nhóm có sẵn 'funding' đã có nhãn"),
    ("category,label,keywords\ntraining,Đào tạo,tập huấn\n", "thiếu cột label_vi, label_en"),
])
def test_a_bad_categories_file_names_its_line_and_stops(tmp_path, text, problem):
    with pytest.raises(VocabularyError, match=problem):
        rules_with(_file(tmp_path, "nhom.csv", text))


def test_normalize_issues_accepts_the_category_only_with_the_file(tmp_path):
    listing = _file(tmp_path, "ds.csv", LIST)
    without = normalize_issues(listing)
    assert without.rejects["reason_key"].tolist() == ["unknown_category"]  # "Đào tạo, tập huấn" unknown
    with_file = normalize_issues(listing, categories=_file(tmp_path, "nhom.csv", TRAINING))
    assert with_file.rejects.empty
    assert with_file.issues["category"].tolist() == ["training", "training", "funding"]


def test_cli_normalize_issues_with_categories(tmp_path):
    listing, nhom = _file(tmp_path, "ds.csv", LIST), _file(tmp_path, "nhom.csv", TRAINING)
    assert main(["normalize", "issues", str(listing), "-o", str(tmp_path / "out.csv"), "--categories", str(nhom)]) == 0
    assert pd.read_csv(tmp_path / "out.csv")["category"].tolist() == ["training", "training", "funding"]


def _data_folder(folder: Path, with_categories: bool) -> Path:
    staffing = (BUNDLED / "staffing.csv").read_text(encoding="utf-8")
    _file(folder, "staffing.csv", staffing)
    _file(folder, "issues.csv", "unit,kind,category,text,provenance,source_file,source_row\n"
                                ",difficulty,training,Cán bộ chưa được tập huấn,analyst,x.xlsx,2\n"
                                ",difficulty,funding,Thiếu kinh phí,analyst,x.xlsx,3\n")
    if with_categories:
        _file(folder, "nhom_van_de.csv", TRAINING)  # recognised by its header in the --data folder
    return folder


def test_a_data_folder_with_a_categories_file_keeps_its_rows_and_reports_its_labels(tmp_path):
    data = load_dataset(_data_folder(tmp_path / "d", True))
    assert data.rejected == 0 and data.issues["category"].tolist() == ["training", "funding"]
    assert assessment.category_labels("vi", data.category_rules)["training"] == "Đào tạo, tập huấn"
    from pilotlib.report.model import Table

    listing = next(b for b in sections.issues(data, data.units(), "en") if isinstance(b, Table) and b.name == "issues")
    assert {row[listing.columns.index("category")] for row in listing.rows} == {"Training", "Funding"}
    summary = assessment.context(data, data.units(), "vi")["issues"]["by_category"]
    assert ("Đào tạo, tập huấn", 1) in summary
    copy = tmp_path / "copy"  # the tidy copy report kernels read carries the categories too
    data.write_tidy(copy, tmp_path / "rejects.csv")
    assert load_dataset(copy).category_rules.labels("en")["training"] == "Training"


def test_without_the_file_the_row_is_rejected_and_the_option_works_too(tmp_path):
    folder = _data_folder(tmp_path / "d", False)
    data = load_dataset(folder)
    assert data.rejects["reason_key"].tolist() == ["bad_category"]
    given = load_dataset(folder, categories_file=_file(tmp_path, "nhom.csv", TRAINING))
    assert given.rejected == 0 and "categories" in given.tables


def test_two_categories_files_are_an_error(tmp_path):
    folder = _data_folder(tmp_path / "d", True)
    with pytest.raises(DataError, match="two 'categories' files"):
        load_dataset(folder, categories_file=_file(tmp_path, "nhom.csv", TRAINING))
