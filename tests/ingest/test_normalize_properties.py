"""Properties over generated messy tables: every row accounted for; normalising twice changes nothing.

The generator writes CSV files the way analysts' exports look (title lines, blank lines,
totals, footnotes, names in many spellings, Vietnamese numbers, bad cells) and keeps a
model of what each row must become, so the counts are checked exactly, not just summed.
"""
from __future__ import annotations

import csv
import io
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilotlib.core.text import strip_marks
from pilotlib.ingest.staffing import normalize_staffing

UNITS = ["Lâm Hà", "Đạ Huoai", "Đạ Tẻh", "Di Linh", "Bảo Lộc"]
SPELLINGS = [
    lambda u: u, lambda u: f"Huyện {u}", lambda u: f"H. {u}", lambda u: u.upper(), lambda u: strip_marks(u),
    lambda u: unicodedata.normalize("NFD", u), lambda u: f" {u}  ", lambda u: u.replace("Đ", "\u00d0"),
]
JUNK_UNITS = ["Lam Haa", "Phố Núi", "X1", ""]
STRUCTURES = {"old": ["Trước thí điểm", "Mô hình cũ", "truoc thi diem", "old"],
              "pilot": ["Sau thí điểm", "sau thi diem", "Thí điểm", "pilot"]}
JUNK_STRUCTURES = ["giữa kỳ", "", "???"]
GOOD_COUNTS = {"23": 23, " 5 ": 5, "21,0": 21, "1.234": 1234, "0": 0, "12": 12}
BAD_COUNTS = ["-3", "x", "2,5", "#REF!"]
EMPTY_COUNTS = ["", "-", " "]

unit_cell = st.one_of(
    st.tuples(st.sampled_from(UNITS), st.sampled_from(SPELLINGS)).map(lambda us: (us[1](us[0]), us[0])),
    st.sampled_from(JUNK_UNITS).map(lambda j: (j, None)))
structure_cell = st.one_of(
    st.sampled_from([(label, s) for s, labels in STRUCTURES.items() for label in labels]),
    st.sampled_from(JUNK_STRUCTURES).map(lambda j: (j, None)))
count_cell = st.one_of(st.sampled_from(sorted(GOOD_COUNTS)).map(lambda c: (c, GOOD_COUNTS[c])),
                       st.sampled_from(BAD_COUNTS).map(lambda c: (c, "bad")),
                       st.sampled_from(EMPTY_COUNTS).map(lambda c: (c, None)))
long_row = st.tuples(st.just("data"), unit_cell, structure_cell, count_cell)
wide_row = st.tuples(st.just("data"), unit_cell, count_cell, count_cell)
other_row = st.sampled_from([("blank",), ("total",), ("note",)])


def _fate_long(unit, structure, count) -> str:
    if unit[1] and structure[1] and isinstance(count[1], int):
        return "kept"
    if count[1] is None and unit[1] is None:
        return "note"  # no count and no known unit: a heading or note, never data
    return "rejected"


def _fate_wide(unit, old, pilot) -> str:
    if unit[1] is None:
        return "note" if old[1] is None and pilot[1] is None else "rejected"
    if "bad" in (old[1], pilot[1]) or old[1] is None and pilot[1] is None:
        return "rejected"
    return "kept"


@st.composite
def messy_tables(draw):
    """(csv bytes, wide?, fates of every record, expected posts sum)."""
    wide = draw(st.booleans())
    rows = draw(st.lists(st.one_of(wide_row if wide else long_row, other_row), min_size=1, max_size=25))
    titles = draw(st.lists(st.sampled_from(["BẢNG TỔNG HỢP BIÊN CHẾ", "", "Đơn vị tính: người"]), max_size=3))
    header = (["Đơn vị", "Trước thí điểm", "Sau thí điểm"] if wide else
              [draw(st.sampled_from(["Đơn vị", "Tên đơn vị", "Huyện", "don vi"])),
               draw(st.sampled_from(["Mô hình", "Cơ cấu"])),
               draw(st.sampled_from(["Số biên chế", "Số lượng", "so luong"]))])
    separator = draw(st.sampled_from([";", ","]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    fates = ["title" if t.strip() else "blank" for t in titles] + ["title"]
    for title in titles:
        writer.writerow([title] if title else [])
    writer.writerow(header)
    kept_rows = []  # (index in fates, tidy keys, posts) of every row the rules above keep
    for row in rows:
        if row[0] == "blank":
            writer.writerow([])
            fates.append("blank")
        elif row[0] == "total":
            writer.writerow(["Tổng cộng", "", "999"])  # totals are checked and skipped
            fates.append("total")
        elif row[0] == "note":
            writer.writerow(["Ghi chú: số liệu tạm tính"])
            fates.append("note")
        else:
            _, unit, second, third = row
            writer.writerow([unit[0], second[0], third[0]])
            fate = _fate_wide(unit, second, third) if wide else _fate_long(unit, second, third)
            if all(not str(c[0]).strip() for c in (unit, second, third)):
                fate = "blank"
            fates.append(fate)
            if fate == "kept":
                counts = {"old": second, "pilot": third} if wide else {second[1]: third}
                kept_rows.append((len(fates) - 1, [(unit[1], s) for s, c in counts.items() if isinstance(c[1], int)],
                                  sum(c[1] for c in counts.values() if isinstance(c[1], int))))
    # A (unit, structure) given by two rows is rejected in every row that gives it, never summed.
    keys = [key for _, found, _ in kept_rows for key in found]
    posts = 0
    for at, found, row_posts in kept_rows:
        if any(keys.count(key) > 1 for key in found):
            fates[at] = "rejected"
        else:
            posts += row_posts
    while fates and fates[-1] == "blank":  # trailing blank lines are not rows
        fates.pop()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig"]))
    return buffer.getvalue().encode(encoding), fates, posts


@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.too_slow])
@given(messy_tables())
def test_every_row_is_kept_rejected_or_skipped(table):
    raw, fates, posts = table
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "messy.csv"
        source.write_bytes(raw)
        result = normalize_staffing([source])
    total = result.total
    assert total.read == len(fates)
    assert total.read == total.kept + total.rejected + total.skipped
    assert total.kept == fates.count("kept")
    assert total.rejected == fates.count("rejected") == len(result.rejects)
    assert total.skipped == sum(fates.count(f) for f in ("blank", "title", "total", "note"))
    assert int(result.staffing["posts"].sum()) == posts
    assert result.staffing["unit"].isin(UNITS).all()


@settings(max_examples=examples(25), suppress_health_check=[HealthCheck.too_slow])
@given(messy_tables(), st.sampled_from([".csv", ".xlsx"]))
def test_normalising_twice_changes_nothing(table, suffix):
    from pilotlib.core.io import write_table

    raw, _fates, _posts = table
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "messy.csv"
        source.write_bytes(raw)
        first = normalize_staffing([source])
        tidy = write_table(first.staffing, Path(folder) / f"tidy{suffix}")
        second = normalize_staffing([tidy])
    columns = ["unit", "unit_code", "code_vintage", "structure", "body", "position", "position_group", "posts"]
    pd.testing.assert_frame_equal(second.staffing[columns], first.staffing[columns])
    assert second.rejects.empty
    assert second.total.kept == len(first.staffing)
