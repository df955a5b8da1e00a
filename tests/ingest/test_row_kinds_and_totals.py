"""Row kinds of one grid, read the short way (columns factorised once, as the readers do)
and the long way (nothing given): the same answer; and total rows checked against the
rows they add up, block by block."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pilotlib.core.distinct import factorize_objects
from pilotlib.ingest.cells import filled_cells
from pilotlib.ingest.counts import EMPTY, parse_counts
from pilotlib.ingest.row_kinds import BLANK, DATA, NOTE, TITLE, TOTAL, check_totals, classify_rows
from pilotlib.ingest.staffing_layout import Layout, ValueColumn
from pilotlib.reference import vocab

GRID = [  # (row, expected kind, why)
    (["BẢNG BIÊN CHẾ", None, None], TITLE, "above the header"),
    (["STT", "Đơn vị", "Số biên chế"], TITLE, "the header"),
    (["(1)", "(2)", "(3)"], TITLE, "the columns' numbers under the header"),
    (["1", "Lâm Hà", "20"], DATA, ""),
    ([None, "Đạ Tẻh", "21"], DATA, "no STT: its first cell is in the unit column"),
    (["STT", "Đơn vị", "Số biên chế"], TITLE, "the header repeated on a new page"),
    (["2", "Đạ Huoai", "23"], DATA, ""),
    (["Tổng cộng", None, "64"], TOTAL, ""),
    ([None, None, None], BLANK, ""),
    (["Ghi chú: số liệu tạm tính", None, "5"], NOTE, "a footnote, although it holds a number"),
    ([None, "(*) Nguồn: báo cáo của huyện", None], NOTE, "a footnote starting in the unit column"),
]
LAYOUT = Layout(header_rows=[1], keys={"unit": 1}, values=[ValueColumn(col=2, label="Số biên chế")],
                labels={0: "STT", 1: "Đơn vị", 2: "Số biên chế"})


def _inputs(rows, layout):
    cells = pd.DataFrame(rows, dtype=object)
    numbers, problems = parse_counts(cells.iloc[:, layout.values[0].col])
    unit_known = vocab.units().match(cells.iloc[:, layout.keys["unit"]]).notna().to_numpy()
    return cells, unit_known, problems != EMPTY, numbers


@pytest.mark.parametrize("shortcuts", [True, False], ids=["factorised once", "nothing given"])
def test_every_row_gets_its_kind(shortcuts):
    cells, unit_known, has_count, _ = _inputs([row for row, _, _ in GRID], LAYOUT)
    extra = {}
    if shortcuts:
        extra = {"filled": filled_cells(cells),
                 "distinct": {c: factorize_objects(cells.iloc[:, c]) for c in range(cells.shape[1])}}
    kinds = classify_rows(cells, LAYOUT, unit_known, has_count, **extra)
    assert list(kinds) == [kind for _, kind, _ in GRID]


def test_a_numbering_row_of_two_columns():
    layout = Layout(header_rows=[0], keys={"unit": 0}, values=[ValueColumn(col=1, label="Số biên chế")],
                    labels={0: "Đơn vị", 1: "Số biên chế"})
    rows = [["Đơn vị", "Số biên chế"], ["(1)", "(2)"], ["Lâm Hà", "20"]]
    cells, unit_known, has_count, _ = _inputs(rows, layout)
    assert list(classify_rows(cells, layout, unit_known, has_count)) == [TITLE, TITLE, DATA]


def _totals(column, titles=2):
    """``titles`` title rows, then data rows (numbers) and total rows ("T<n>")."""
    kinds = np.array([TITLE] * titles + [TOTAL if isinstance(v, str) else DATA for v in column], dtype=object)
    values = np.array([np.nan] * titles + [float(v.strip("T")) if isinstance(v, str) else v for v in column])
    rows = np.arange(1, len(kinds) + 1)
    labels = np.array([""] * titles + ["Cộng" if isinstance(v, str) else "" for v in column], dtype=object)
    return check_totals(kinds, {2: values}, rows, LAYOUT, labels)


def test_subtotals_and_a_grand_total_agree():
    # 5 + 7 = 12 | 3 = 3 | grand total 15 over both blocks | 4 + 1 = 5
    assert _totals([5, 7, "T12", 3, "T3", "T15", 4, 1, "T5"]) == []


def test_each_wrong_total_is_named_with_its_block():
    problems = _totals([5, 7, "T13", 3, "T3", "T16", 4, np.nan, "T5"])
    assert [(p["row"], p["stated"], p["computed"]) for p in problems] == [
        (5, 13, 12),  # the first block: 5 + 7
        (8, 16, 0),  # right after a subtotal: an empty block, and 16 is not the grand total 15
        (11, 5, 4),  # an empty count cell adds nothing
    ]
    assert {(p["column"], p["label"]) for p in problems} == {("Số biên chế", "Cộng")}


def test_the_first_block_starts_under_a_one_row_header():
    assert _totals([5, 7, "T12"], titles=1) == []
    assert [(p["stated"], p["computed"]) for p in _totals([5, 7, "T11"], titles=1)] == [(11, 12)]
