"""Loading the bundled data and an analyst's folder; recognising tables by header."""
from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from conftest import staffing_rows, write_csv
from pilotlib import paths
from pilotlib.dataset import DataError, load_dataset, recognise
from pilotlib.schema import ISSUES_COLUMNS, STAFFING_COLUMNS, TableValidationError


def test_bundled_staffing_is_typed_and_cited():
    data = load_dataset()
    staffing = data.staffing
    assert list(staffing.columns) == STAFFING_COLUMNS
    assert staffing["posts"].dtype.kind == "i"
    assert data.units() == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]
    assert set(staffing["provenance"]) == {"source"}
    assert set(staffing["source_row"]) == {"4"}  # ¶4 of the article gives the figures
    # Codes stay text (leading zeros must survive other files) and carry their vintage.
    assert staffing.set_index(["unit", "structure"]).loc[("Lâm Hà", "pilot"), "unit_code"] == "676"
    assert set(staffing["code_vintage"]) == {"2023"}


def test_bundled_text_is_nfc():
    data = load_dataset()
    for name, table in data.tables.items():
        for column in table.select_dtypes(exclude="number").columns:
            for value in table[column].astype(str):
                assert unicodedata.is_normalized("NFC", value), (name, column, value)


def test_data_dir_resolution_order(monkeypatch, tmp_path):
    assert paths.data_dir() == paths.bundled_data_dir()
    monkeypatch.setenv("PILOTLIB_DATA", str(tmp_path))
    assert paths.data_dir() == tmp_path.resolve()
    assert paths.data_dir(tmp_path / "x") == (tmp_path / "x").resolve()  # argument wins


def test_single_staffing_file_without_issues(tmp_path):
    file = write_csv(tmp_path, "my table.csv", staffing_rows([
        {"unit": "Xã A", "structure": "old", "posts": 5},
        {"unit": "Xã A", "structure": "pilot", "posts": 4},
    ]))
    data = load_dataset(file)
    assert data.staffing["posts"].tolist() == [5, 4]
    assert data.issues.empty and list(data.issues.columns) == ISSUES_COLUMNS
    assert list(data.input_hashes()) == ["my table.csv"]


def test_unrecognised_file_is_an_error_naming_it(tmp_path):
    write_csv(tmp_path, "staffing.csv", staffing_rows([{"unit": "A", "structure": "old"}]))
    write_csv(tmp_path, "notes.csv", pd.DataFrame({"ghi chú": ["x"]}))
    with pytest.raises(DataError, match="notes.csv"):
        load_dataset(tmp_path)


def test_invalid_values_are_all_listed(tmp_path):
    file = write_csv(tmp_path, "bad.csv", staffing_rows([
        {"unit": "A", "structure": "new", "posts": 3},       # unknown structure
        {"unit": "B", "structure": "old", "posts": -1},      # negative posts
        {"unit": "", "structure": "old", "posts": 2},        # empty unit
    ]))
    with pytest.raises(TableValidationError) as caught:
        load_dataset(file)
    message = str(caught.value)
    assert "bad.csv" in message and "3 problem(s)" in message
    assert "'new'" in message and "-1" in message


def test_recognise_by_header():
    assert recognise(STAFFING_COLUMNS + ["extra"]) == "staffing"
    assert recognise(ISSUES_COLUMNS) == "issues"
    assert recognise(["unit", "posts"]) is None


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_dataset(tmp_path / "nope")


def test_raw_workbook_is_normalised_on_load(tmp_path):
    from pilotlib.template_workbook import demo_workbook

    data = load_dataset(demo_workbook(tmp_path))  # a filled template with two bad rows
    assert data.normalised == [tmp_path / "vi_du_minh_hoa.xlsx"]
    assert len(data.staffing) == 98 and set(data.staffing["provenance"]) == {"analyst"}
    assert len(data.rejects) == 2  # misspelt unit, negative count
    assert data.issues.empty


def test_raw_file_that_is_no_table_names_itself(tmp_path):
    (tmp_path / "ghi chu.csv").write_text("Ngày,Nội dung cuộc họp\n1/1,Họp\n", encoding="utf-8")
    with pytest.raises(DataError, match="ghi chu.csv"):
        load_dataset(tmp_path / "ghi chu.csv")
