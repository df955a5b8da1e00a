"""Units in tidy tables: canonical names of every list, code vintages as list ids or years,
and a code that must be its unit's code in that list (codes were reused)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import staffing_rows

from pilotlib.ingest import tidy_check
from pilotlib.reference.unit_reference import unit_reference


@pytest.fixture(scope="module")
def reference():
    return unit_reference()


def check(reference, rows: list[dict]) -> tidy_check.Checked:
    frame = staffing_rows([{"structure": "old", "posts": 1} | row for row in rows]).astype(str)
    return tidy_check.check(frame, "staffing", Path("staffing.csv"), reference, "en")


def test_canonical_names_and_vintages_of_every_list_are_kept(reference):
    checked = check(reference, [
        {"unit": "Lâm Hà", "unit_code": "676", "code_vintage": "2023"},  # the seed's year: list 2024-11
        {"unit": "Lâm Hà", "unit_code": "676", "code_vintage": "2025-03"},  # same unit, same code in 2025-03
        {"unit": "Đạ Huoai (2024)", "unit_code": "682", "code_vintage": "2025"},
        {"unit": "Châu Thành (Tiền Giang)", "unit_code": "821", "code_vintage": "2024-11"},
        {"unit": "Ba Đình (Hà Nội, 2025)", "unit_code": "00004", "code_vintage": "2025-07"},
        {"unit": "Ba Đình (Hà Nội, 2025)", "unit_code": "4", "code_vintage": ""},  # zeros eaten, no list
        {"unit": "Lâm Đồng (2025)", "unit_code": "", "code_vintage": ""},
    ])
    assert checked.rejects.empty and len(checked.kept) == 7


def test_codes_are_never_matched_across_lists(reference):
    checked = check(reference, [
        {"unit": "Đạ Huoai", "unit_code": "682", "code_vintage": "2023"},  # 682 was Đạ Tẻh in that list
        {"unit": "Đạ Tẻh", "unit_code": "682", "code_vintage": "2025-03"},  # and the merged Đạ Huoai in this one
        {"unit": "Lâm Hà", "unit_code": "676", "code_vintage": "2025-07"},  # Lâm Hà is in no 2025-07 list
        {"unit": "Lâm Hà", "unit_code": "676", "code_vintage": "2025-13"},  # no such month
    ])
    assert checked.rejects[["source_row", "column", "reason_key"]].values.tolist() == [
        ["2", "unit_code", "code_mismatch"], ["3", "unit_code", "code_mismatch"],
        ["4", "unit_code", "code_mismatch"], ["5", "code_vintage", "bad_vintage"]]
    reasons = checked.rejects["reason"].tolist()
    assert reasons[0] == "code '682' in the file contradicts code 681 (Đạ Huoai) in the vocabulary"
    assert reasons[3] == ("code vintage '2025-13' is neither a year (e.g. 2023) nor a list: "
                          "2024-11, 2025-03, 2025-07")


def test_a_name_of_several_units_lists_their_canonical_names(reference):
    checked = check(reference, [{"unit": "Hải Hà"}, {"unit": "Huyện Lâm Hà"}, {"unit": "Atlantis"}])
    assert checked.rejects["reason_key"].tolist() == ["not_canonical", "not_canonical", "unknown_unit"]
    assert checked.rejects["reason"].tolist()[:2] == [
        "a tidy table needs the canonical name, not 'Hải Hà' — did you mean 'Hải Hà (Quảng Ninh)', "
        "'Hải Hà (Nghi Sơn, Thanh Hóa)'?",
        "a tidy table needs the canonical name, not 'Huyện Lâm Hà' — did you mean 'Lâm Hà'?"]


def test_a_tidy_table_may_list_units_of_any_list(tmp_path):
    from pilotlib.data.load import load_dataset

    rows = staffing_rows([{"unit": "Đạ Huoai (Lâm Đồng, 2025)", "unit_code": "25099", "code_vintage": "2025-07",
                           "structure": "pilot", "posts": 9}])
    rows.to_csv(tmp_path / "staffing.csv", index=False)
    data = load_dataset(tmp_path)
    assert data.rejected == 0 and data.staffing["unit"].tolist() == ["Đạ Huoai (Lâm Đồng, 2025)"]
    assert pd.api.types.is_integer_dtype(data.staffing["posts"])


def test_a_unit_may_be_asked_for_without_its_qualification(tmp_path):
    from pilotlib.data.load import load_dataset

    rows = staffing_rows([{"unit": "Châu Thành (Tiền Giang)", "structure": "old", "posts": 9},
                          {"unit": "Lâm Hà", "structure": "old", "posts": 20}])
    rows.to_csv(tmp_path / "staffing.csv", index=False)
    data = load_dataset(tmp_path)
    assert data.resolve_units(["chau thanh", "Huyện Lâm Hà"]) == ["Châu Thành (Tiền Giang)", "Lâm Hà"]
    two = staffing_rows([{"unit": "Châu Thành (Tiền Giang)", "structure": "old", "posts": 9},
                         {"unit": "Châu Thành (Bến Tre)", "structure": "old", "posts": 8}])
    two.to_csv(tmp_path / "staffing.csv", index=False)
    with pytest.raises(KeyError, match="Châu Thành"):
        load_dataset(tmp_path).resolve_units(["Châu Thành"])  # two of them in the data: say which
