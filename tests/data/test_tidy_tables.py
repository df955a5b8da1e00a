"""Tidy files are checked as tables, by the same rules as `normalize`: a key given twice
(in one file or across the files of a data set) is a reject naming the other row, a
column named twice is an error naming the file, a code must agree with its unit, a count
must be plausible — and pilotlib reads its own Excel-safe CSV back exactly.
"""
from __future__ import annotations

import os
import threading

import numpy as np
import pandas as pd
import pytest
from conftest import staffing_rows, write_csv

from pilotlib.core.errors import DataError
from pilotlib.core.io import write_csv as write_for_excel
from pilotlib.core.io import write_table
from pilotlib.data.load import load_dataset
from pilotlib.reference.schema import ISSUES_COLUMNS


def _keys(data) -> list[list[str]]:
    return data.rejects[["source_file", "source_row", "reason_key"]].values.tolist()


def test_a_key_given_twice_is_rejected_with_both_row_numbers(tmp_path):
    write_csv(tmp_path, "staffing.csv", staffing_rows([
        {"unit": "Lâm Hà", "structure": "old", "posts": 3},    # line 2 ┐ exact copies
        {"unit": "Lâm Hà", "structure": "old", "posts": 3},    # line 3 ┘
        {"unit": "Đạ Tẻh", "structure": "old", "posts": 21},   # line 4 ┐ one key, two figures
        {"unit": "Đạ Tẻh", "structure": "old", "posts": 12},   # line 5 ┘
        {"unit": "Lâm Hà", "structure": "pilot", "posts": 20},  # line 6: fine
        {"unit": "Đạ Tẻh", "structure": "pilot", "body": "Ban Tổng hợp", "posts": 4},  # same unit and
        {"unit": "Đạ Tẻh", "structure": "pilot", "body": "Ban Kiểm tra", "posts": 4},  # structure, other body: fine
    ]))
    data = load_dataset(tmp_path, lang="en")
    assert _keys(data) == [["staffing.csv", "2", "duplicate_row"], ["staffing.csv", "3", "duplicate_row"],
                           ["staffing.csv", "4", "duplicate_key"], ["staffing.csv", "5", "duplicate_key"]]
    reasons = data.rejects["reason"].tolist()
    assert reasons[0].startswith("an exact copy of row 3:") and reasons[1].startswith("an exact copy of row 2:")
    assert reasons[2].startswith("same unit, structure, body and position as row 5 with other figures")
    assert data.rejects["value"].iloc[2] == "Đạ Tẻh / old / — / —"
    assert data.staffing["posts"].tolist() == [20, 4, 4]  # never 6, never 33


def test_a_key_given_in_two_files_is_rejected_in_both(tmp_path):
    write_csv(tmp_path, "a.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 3},
                                                 {"unit": "Lâm Hà", "structure": "pilot", "posts": 2}]))
    write_csv(tmp_path, "b.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 3}]))
    data = load_dataset(tmp_path, lang="en")
    assert _keys(data) == [["a.csv", "2", "duplicate_row"], ["b.csv", "2", "duplicate_row"]]
    assert "row 2 of b.csv" in data.rejects["reason"].iloc[0] and "row 2 of a.csv" in data.rejects["reason"].iloc[1]
    assert data.staffing[["structure", "posts"]].values.tolist() == [["pilot", 2]]


def test_a_statement_given_twice_is_rejected(tmp_path):
    rows = [{"unit": "", "kind": "difficulty", "category": "funding", "text": "Thiếu kinh phí.",
             "provenance": "analyst", "source_file": "x", "source_row": "1"}] * 2
    rows += [{**rows[0], "category": "other", "kind": "recommendation"}]  # another kind: not the same statement
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 3}]))
    write_csv(tmp_path, "issues.csv", pd.DataFrame(rows, columns=ISSUES_COLUMNS))
    data = load_dataset(tmp_path)
    assert _keys(data) == [["issues.csv", "2", "duplicate_row"], ["issues.csv", "3", "duplicate_row"]]
    assert data.issues["kind"].tolist() == ["recommendation"]


@pytest.mark.parametrize("header", ["unit,structure,posts,posts", "unit,unit,structure,posts"])
def test_a_column_named_twice_is_an_error_naming_the_file(tmp_path, header):
    path = tmp_path / "staffing.csv"
    columns = ",".join(["unit_code", "code_vintage", "body", "position", "position_group", "provenance",
                        "source_file", "source_row"])
    path.write_text(f"{header},{columns}\nLâm Hà,old,3,4,676,2023,,,,analyst,x,1\n", encoding="utf-8")
    named = header.split(",")[2 if "posts,posts" in header else 0]
    with pytest.raises(DataError, match=f"staffing.csv: .*names a column twice: {named}"):
        load_dataset(path)


def test_a_code_that_contradicts_its_unit_is_rejected(tmp_path):
    write_csv(tmp_path, "staffing.csv", staffing_rows([
        {"unit": "Lâm Hà", "unit_code": "681", "structure": "old", "posts": 20},   # 681 is Đạ Huoai
        {"unit": "Lâm Hà", "unit_code": "0676", "structure": "pilot", "posts": 18},  # leading zero: same code
        {"unit": "Đạ Tẻh", "unit_code": "", "structure": "old", "posts": 21},        # no code: fine
    ]))
    data = load_dataset(tmp_path, lang="en")
    assert _keys(data) == [["staffing.csv", "2", "code_mismatch"]]
    assert data.rejects["reason"].iloc[0] == "code '681' in the file contradicts code 676 (Lâm Hà) in the vocabulary"
    assert len(data.staffing) == 2


@pytest.mark.parametrize("posts, key", [
    ("5000000000000000000", "too_large"),   # summed to a negative total before
    ("9223372036854775808", "too_large"),   # 2⁶³: an OverflowError traceback before
    ("100001", "too_large"),
    ("100000", None),                       # the plausible maximum itself
])
def test_counts_have_a_plausible_range(tmp_path, posts, key):
    frame = staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 1},
                           {"unit": "Lâm Hà", "structure": "pilot", "posts": 2}])
    frame["posts"] = frame["posts"].astype(str)
    frame.loc[1, "posts"] = posts
    write_csv(tmp_path, "staffing.csv", frame)
    data = load_dataset(tmp_path, lang="en")
    assert data.rejects["reason_key"].tolist() == ([key] if key else [])
    if key:
        assert data.rejects["reason"].iloc[0] == (f"count too large: '{posts}' (at most 100,000 per row; "
                                                  "set PILOTLIB_MAX_POSTS to change it)")
    assert int(data.staffing["posts"].sum()) == (1 if key else 100_001)


def test_the_count_range_is_a_setting(tmp_path, monkeypatch):
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 250_000}]))
    assert load_dataset(tmp_path).rejects["reason_key"].tolist() == ["too_large"]
    monkeypatch.setenv("PILOTLIB_MAX_POSTS", "1000000")
    assert load_dataset(tmp_path).staffing["posts"].tolist() == [250_000]
    monkeypatch.setenv("PILOTLIB_MAX_POSTS", "10000000000000")  # a sum of 10⁶ rows could overflow
    with pytest.raises(DataError, match="PILOTLIB_MAX_POSTS must be a whole number from 1 to 1,000,000,000,000"):
        load_dataset(tmp_path)


def test_pilotlib_reads_its_excel_safe_csv_back_exactly(tmp_path):
    texts = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "\t=1", "'=typed with a quote", "-", "ok"]
    issues = pd.DataFrame({"unit": "", "kind": "difficulty", "category": "other", "text": texts,
                           "provenance": "analyst", "source_file": "x", "source_row": "1"})
    write_for_excel(issues, tmp_path / "issues.csv")  # what `normalize -o issues.csv` writes
    raw = (tmp_path / "issues.csv").read_text(encoding="utf-8-sig")
    assert "\r\n'=cmd" in raw.replace(",", "\r\n") and "''=typed" in raw  # guarded for Excel
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 1}]))
    assert load_dataset(tmp_path).issues["text"].tolist() == texts


def test_rejects_left_by_normalize_are_never_data(tmp_path):
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 1}]))
    rejects = pd.DataFrame({"source_file": ["a.xlsx"], "sheet": [""], "source_row": ["3"], "column": ["C"],
                            "value": ["x"], "reason": ["không phải số: 'x'"], "reason_key": ["not_number"]})
    write_table(rejects, tmp_path / "bien_che.rejects.xlsx", "rejects")  # `-o bien_che.xlsx` leaves this
    data = load_dataset(tmp_path)
    assert len(data.staffing) == 1 and any("bien_che.rejects.xlsx" in w for w in data.warnings)


def _returns_within(seconds: float, fifo, call):
    """Run ``call`` in a thread; if it blocks (opening a FIFO waits for a writer), free it
    by opening the FIFO for writing and fail."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(_catch(call)), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        with open(fifo, "w"):
            pass
        worker.join(5)
        pytest.fail(f"blocked on the FIFO {fifo}")
    return outcome[0]


def _catch(call):
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - the test looks at what was raised
        return exc


def test_a_fifo_in_the_data_folder_is_refused_without_blocking(tmp_path):
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 1}]))
    os.mkfifo(tmp_path / "pipe.csv")
    raised = _returns_within(10, tmp_path / "pipe.csv", lambda: load_dataset(tmp_path))
    assert isinstance(raised, DataError) and "pipe.csv" in str(raised) and "not a regular file" in str(raised)


def test_duplicates_are_found_in_whole_columns(tmp_path, monkeypatch):
    """No per-row Python loop: 100 000 rows, half of them repeated keys, in one pass."""
    from pilotlib.ingest import duplicates

    rows = 100_000
    table = pd.DataFrame({"unit": np.repeat([f"U{i}" for i in range(rows // 2)], 2), "structure": "old",
                          "body": "", "position": "", "unit_code": "", "code_vintage": "", "position_group": "",
                          "posts": np.arange(rows) % 2})
    table.loc[: rows // 2 - 1, "unit"] = [f"V{i}" for i in range(rows // 2)]  # first half unique
    where = duplicates.Where(np.zeros(rows, int), np.full(rows, "x.csv", object), np.full(rows, "", object),
                             (np.arange(rows) + 2).astype(str).astype(object))
    found = duplicates.find(table, "staffing", where, "en")
    assert int(found.drop.sum()) == rows // 2 == len(found.rejects)
    assert set(found.rejects["reason_key"]) == {"duplicate_key"}
    assert found.rejects["reason"].iloc[0] == ("same unit, structure, body and position as row 50003 with other "
                                               "figures: which is right is unknown, so every one is rejected")
