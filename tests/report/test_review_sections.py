"""The organisation review and the ranking as report sections: their tables (with totals
and provenance), charts, what they say without a breakdown, and the ranking's marks."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import staffing_rows  # noqa: E402

from pilotlib.data.load import load_dataset  # noqa: E402
from pilotlib.data.model import Dataset  # noqa: E402
from pilotlib.report import sections  # noqa: E402
from pilotlib.report.model import Figure, Heading, Paragraph, Table  # noqa: E402
from pilotlib.report.tables import labelled_table  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE)


def _tables(blocks) -> dict[str, Table]:
    return {b.name: b for b in blocks if isinstance(b, Table)}


def _column(table: Table, key: str) -> list:
    index = table.columns.index(key)
    return [row[index] for row in table.rows]


def test_review_of_three_units_with_totals_and_provenance(example, tmp_path):
    blocks = sections.organisation_review(example, example.units(), "vi", tmp_path)
    assert blocks[0] == Heading("Rà soát tổ chức bộ máy")
    assert [b.name for b in blocks if isinstance(b, Figure)] == ["body_posts", "leaders"]
    tables = _tables(blocks)
    assert list(tables) == ["body_posts", "separate_bodies", "leaders", "support"]
    body = tables["body_posts"]
    assert body.headers == ["Mô hình", "Tổ chức, ban", "Đạ Huoai", "Đạ Tẻh", "Lâm Hà", "Tổng", "Nguồn số liệu"]
    assert body.rows[0] == ["Trước thí điểm", "Ủy ban MTTQ", 6, 5, 5, 16, "SỐ LIỆU MINH HỌA"]
    # every column sums to the unit's posts of that structure (23/21/20, 64 in all)
    pilot = [r for r in body.rows if r[0] == "Thí điểm"]
    assert [sum(r[i] for r in pilot) for i in (2, 3, 4, 5)] == [23, 21, 20, 64]
    assert tables["separate_bodies"].rows[-1] == ["Tổng", 18, 3, -15, 15, "SỐ LIỆU MINH HỌA"]
    assert tables["leaders"].rows[-1] == ["Tổng", 18, 15, 18, 6, "SỐ LIỆU MINH HỌA"]
    support = tables["support"]
    totals = {r[1]: r[2:6] for r in support.rows if r[0] == "Tổng"}
    assert totals == {"Kế toán": [3, 3, 0, "có"], "Thủ quỹ": [0, 0, 0, "có"], "Văn thư": [3, 3, 0, "không"],
                      "Lái xe": [3, 0, -3, "có"]}
    assert all(t.provenance == "illustrative" for t in tables.values())
    saved = {p.name for p in tmp_path.iterdir()}
    assert {"body_posts.csv", "body_posts.png", "separate_bodies.csv", "leaders.svg", "support.csv"} <= saved


def test_review_of_one_unit_in_english(example):
    blocks = sections.organisation_review(example, ["Lâm Hà"], "en")
    tables = _tables(blocks)
    assert tables["body_posts"].headers[-2:] == ["Lâm Hà", "Provenance"]  # no total column for one unit
    assert tables["separate_bodies"].rows == [["Lâm Hà", 6, 1, -5, 5, "ILLUSTRATIVE DATA"]]
    assert _column(tables["support"], "position") == ["Accountant", "Treasurer (cashier)", "Clerk", "Driver"]
    figure = next(b for b in blocks if isinstance(b, Figure) and b.name == "body_posts")
    assert "Posts per organisation and board — Lâm Hà" in [t.get_text() for t in figure.figure.texts]


def test_totals_only_says_what_cannot_be_computed():
    blocks = sections.organisation_review(load_dataset(), ["Lâm Hà"], "vi")
    assert [type(b) for b in blocks] == [Heading, Paragraph, Paragraph]
    assert blocks[1].text.startswith("Số liệu chỉ có tổng biên chế, chưa có biên chế theo tổ chức, ban")
    assert "cấp trưởng, cấp phó" in blocks[2].text and all(b.role == "note" for b in blocks[1:])


def test_ranking_marks_the_largest_cuts_and_increases():
    data = Dataset.from_tables(staffing_rows([
        {"unit": u, "structure": s, "posts": n} for u, o, p in
        [("A", 20, 17), ("B", 7, 4), ("C", 10, 12), ("D", 8, 8)] for s, n in (("old", o), ("pilot", p))]
        + [{"unit": "E", "structure": "pilot", "posts": 5}]))
    blocks = sections.ranking(data, ["A", "B", "C", "D", "E"], "vi")
    table = _tables(blocks)["ranking"]
    assert _column(table, "unit") == ["B", "A", "D", "C", "E"]
    assert _column(table, "highlight") == ["Giảm nhiều nhất", "Giảm nhiều nhất", "", "Tăng nhiều nhất", ""]
    assert _column(table, "rank") == [1, 2, 3, 4, None]  # E has no "before": unranked, not 0
    html = labelled_table(table.frame, "vi").to_html()
    rule = re.search(r"([^{}]*)\{[^}]*font-weight: bold", html).group(1)  # the marked rows stand out
    assert sorted(set(re.findall(r"_row(\d+)_col", rule))) == ["0", "1", "3"]
    one = sections.ranking(data, ["A"], "en")
    assert one[1].text == "A ranking needs at least two units with figures before and during the pilot."
    assert pd.isna(table.frame["rank"].iloc[-1])
