"""Cross-checks of the bundled seed facts: a typo in a CSV fails here.

Expected figures are those of the source article (¶ = its paragraph/line), written
out here on purpose: the test is the second, independent copy of the facts.
"""
from __future__ import annotations

import pandas as pd
import pytest

from pilotlib.data.load import load_dataset
from pilotlib.reference import vocab

ARTICLE = "lamdongtv-2020-pilot-review"


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def test_staffing_totals(data):
    totals = data.staffing.pivot_table(index="unit", columns="structure", values="posts", aggfunc="sum")
    assert totals.to_dict("index") == {
        "Đạ Huoai": {"old": 23, "pilot": 23}, "Đạ Tẻh": {"old": 21, "pilot": 21},
        "Lâm Hà": {"old": 20, "pilot": 20},
    }
    assert totals.sum().to_dict() == {"old": 64, "pilot": 64}


def test_pilot_units_resolve_to_the_vocabulary(data):
    pilot = data.table("pilot_units")
    assert sorted(pilot["unit"]) == ["Lâm Hà", "Đạ Huoai", "Đạ Tẻh"]
    units = vocab.units()
    assert units.match(pilot["unit"]).tolist() == pilot["unit"].tolist()
    assert units.lookup(pilot["unit"], "unit_code").tolist() == pilot["unit_code"].tolist()
    assert dict(zip(pilot["unit"], pilot["unit_code"])) == {"Lâm Hà": "676", "Đạ Huoai": "681", "Đạ Tẻh": "682"}
    staffing_codes = dict(zip(data.staffing["unit"], data.staffing["unit_code"]))
    assert staffing_codes == dict(zip(pilot["unit"], pilot["unit_code"]))


def test_model_four_boards_and_motto(data):
    model = data.table("pilot_model")
    boards = model.loc[model["element"] == "board", "name_vi"].tolist()
    assert boards == ["Ban Tổng hợp", "Ban Tuyên truyền", "Ban Kiểm tra", "Ban Phong trào"]
    pilot_boards = vocab.bodies().table.query("body_type == 'board'")["body"].tolist()
    assert boards == pilot_boards  # the vocabulary knows exactly the article's boards
    motto = model.loc[model["element"] == "motto", "name_vi"].tolist()
    assert motto == ["Một người biết nhiều việc, một việc nhiều người cùng thực hiện"]
    commune = model.loc[model["level"] == "commune", "element"].tolist()
    assert commune == ["leadership", "support_team"]


def test_issue_counts_by_kind_and_paragraph(data):
    issues = data.issues
    counts = issues.groupby(["kind", "source_row"]).size().to_dict()
    assert counts == {
        ("difficulty", "5"): 5, ("recommendation", "5"): 1,
        ("advantage", "4"): 3, ("advantage", "6"): 7,
    }
    difficulties = issues.loc[issues["kind"] == "difficulty", "category"].tolist()
    assert difficulties == ["transition", "guidance", "funding", "staffing", "funding"]
    assert issues["text_en"].str.len().gt(0).all()


def test_timeline(data):
    timeline = data.table("timeline").set_index("event")
    assert timeline.loc["pilot_decision", "date"] == "2018-11-12"
    assert timeline.loc["pilot_decision", "source_row"] == "3"
    assert timeline.loc["district_merger", "date"] == "2024-12-01"
    assert timeline.loc["districts_abolished", "date"] == "2025-07-01"


def test_every_fact_is_cited(data):
    sources = set(data.table("sources")["source_id"])
    for name in ("staffing", "issues", "pilot_units", "pilot_model", "timeline"):
        table = data.table(name)
        assert set(table["provenance"]) == {"source"}, name
        assert set(table["source_file"]) <= sources, name
        from_article = table[table["source_file"] == ARTICLE]
        assert from_article["source_row"].astype(int).between(1, 7).all(), name


def test_reference_units():
    table = vocab.load_units_table()
    districts_2023 = table[(table["level"] == "district") & (table["code_vintage"] == "2023")]
    assert districts_2023["unit_code"].astype(int).tolist() == list(range(672, 684))
    assert set(districts_2023["parent_code"]) == {"68"}
    merged = table.set_index("unit").loc["Đạ Huoai (2024)"]
    assert (merged["unit_code"], merged["code_vintage"], merged["valid_from"]) == ("682", "2025", "2024-12-01")
    # the same code in two vintages means two different units
    assert table.loc[table["unit_code"] == "682", "unit"].tolist() == ["Đạ Tẻh", "Đạ Huoai (2024)"]


def _extra_units(tmp_path, rows):
    columns = list(vocab.load_units_table().columns)
    frame = pd.DataFrame([{c: "" for c in columns} | row for row in rows])
    path = tmp_path / "more_units.csv"
    frame.to_csv(path, index=False)
    return path


def test_extra_units_file_is_merged(tmp_path):
    path = _extra_units(tmp_path, [{"unit": "Gia Nghĩa", "unit_code": "660", "code_vintage": "2023",
                                    "level": "district", "parent_code": "67", "aliases": "TP Gia Nghia"}])
    units = vocab.units(path)
    assert units.match(pd.Series(["Thành phố Gia Nghĩa", "Lâm Hà"])).tolist() == ["Gia Nghĩa", "Lâm Hà"]


def test_alias_pointing_to_two_units_names_both(tmp_path):
    path = _extra_units(tmp_path, [{"unit": "Lâm Hà Mới", "unit_code": "999", "code_vintage": "2025",
                                    "level": "district", "aliases": "Huyện Lâm Hà"}])
    with pytest.raises(vocab.VocabularyError) as caught:
        vocab.units(path)
    assert "'Lâm Hà'" in str(caught.value) and "'Lâm Hà Mới'" in str(caught.value)


@pytest.mark.parametrize("raw, unit", [
    ("Huyện Lâm Hà", "Lâm Hà"), ("H. Đạ Huoai", "Đạ Huoai"), ("ĐẠ TẺH ", "Đạ Tẻh"), ("Da Teh", "Đạ Tẻh"),
    ("\u00d0ạ Huoai", "Đạ Huoai"),  # U+00D0 typed for Đ
    (__import__("unicodedata").normalize("NFD", "Đạ Huoai"), "Đạ Huoai"),  # decomposed marks
    ("TP. Đà Lạt", "Đà Lạt"), ("Thành phố Bảo Lộc", "Bảo Lộc"),
])
def test_unit_spellings(raw, unit):
    assert vocab.units().match(pd.Series([raw])).tolist() == [unit]


@pytest.mark.parametrize("raw, body", [
    ("Uỷ ban MTTQ", "Ủy ban MTTQ"), ("UBMTTQ", "Ủy ban MTTQ"), ("Mặt trận", "Ủy ban MTTQ"),
    ("HND", "Hội Nông dân"), ("Hội LHPN", "Hội Liên hiệp Phụ nữ"), ("Hội Phụ nữ", "Hội Liên hiệp Phụ nữ"),
    ("Huyện đoàn", "Đoàn Thanh niên"), ("Đoàn TNCS HCM", "Đoàn Thanh niên"), ("Hội CCB", "Hội Cựu chiến binh"),
    ("LĐLĐ", "Liên đoàn Lao động"), ("ban phong trao", "Ban Phong trào"),
])
def test_body_short_forms(raw, body):
    assert vocab.bodies().match(pd.Series([raw])).tolist() == [body]


def test_position_groups():
    positions = vocab.positions()
    matched = positions.match(pd.Series(["PCT", "chuyên viên", "Lái xe", "Thủ quỹ", "Phó trưởng khối"]))
    assert positions.lookup(matched, "position_group").tolist() == [
        "leadership", "specialist", "support", "support", "leadership"]
