"""The 2025 wording of before and after: "trước / sau sắp xếp", "trước / sau hợp nhất",
"cơ cấu cũ / mới" are the old and the pilot structure — in headers, cells and report text."""
from __future__ import annotations

import pytest

from pilotlib.ingest.narrative.figures import figures_in
from pilotlib.ingest.narrative.mentions import UnitScanner
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.ingest.staffing import normalize_staffing
from pilotlib.reference import header_words, vocab

WORDING = [
    ("Trước sắp xếp", "old"), ("Sau sắp xếp", "pilot"), ("trước hợp nhất", "old"), ("SAU HỢP NHẤT", "pilot"),
    ("Cơ cấu cũ", "old"), ("cơ cấu mới", "pilot"), ("Trước sáp nhập", "old"), ("Sau sáp nhập", "pilot"),
    ("Trước khi sắp xếp", "old"), ("Sau khi hợp nhất", "pilot"), ("Bộ máy cũ", "old"), ("Bộ máy mới", "pilot"),
    ("truoc sap xep", "old"), ("sau hop nhat", "pilot"),  # typed without marks
    ("Biên chế trước sắp xếp (31/12/2024)", "old"),  # inside a longer header
]


@pytest.mark.parametrize("text, structure", WORDING)
def test_headers_and_cells(text, structure):
    assert header_words.structure_of(text) == structure


def test_a_2025_table_in_both_shapes(tmp_path):
    long = tmp_path / "long.csv"
    long.write_text("Đơn vị;Cơ cấu;Số biên chế\nLâm Hà;Trước sắp xếp;20\nLâm Hà;Sau hợp nhất;18\n"
                    "Đạ Tẻh;Cơ cấu mới;2\n", encoding="utf-8")  # one row per key: a repeated key is a reject
    assert normalize_staffing(long).table["structure"].tolist() == ["old", "pilot", "pilot"]
    wide = tmp_path / "wide.csv"
    wide.write_text("Đơn vị;Trước hợp nhất;Sau hợp nhất\nĐạ Tẻh;21;19\n", encoding="utf-8")
    assert normalize_staffing(wide).table[["structure", "posts"]].values.tolist() == [["old", 21], ["pilot", 19]]


@pytest.mark.parametrize("text, structure", [
    ("Trước sắp xếp, Lâm Hà có 22 biên chế.", "old"),
    ("Sau hợp nhất, Lâm Hà có 20 biên chế.", "pilot"),
    ("Theo cơ cấu mới, Lâm Hà có 20 biên chế.", "pilot"),
    ("Theo cơ cấu cũ, Lâm Hà có 22 biên chế.", "old"),
    ("Trước sáp nhập Lâm Hà có 22 biên chế.", "old"),
    ("Bộ máy mới của Lâm Hà có 20 biên chế.", "pilot"),
])
def test_narrative_cues(text, structure):
    found = figures_in(Sentence(text, 0, 1), UnitScanner(vocab.units()))
    assert [(f.unit, f.posts, f.structure) for f in found] == [("Lâm Hà", int(text.split(" biên chế")[0][-2:]),
                                                                structure)]
    assert not any(key.startswith("structure") for key, _ in found[0].flags)
