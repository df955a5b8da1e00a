"""`--province` and `--as-of`: context for unit names, on the command line."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.cli import main


def _table(tmp_path: Path) -> Path:
    path = tmp_path / "bien_che.csv"
    # "Hải Hà" is a district of Quảng Ninh and a commune of Thanh Hóa; code 682 changed lists
    path.write_text("Mã;Đơn vị;Mô hình;Số biên chế\n;Hải Hà;Trước sắp xếp;15\n682;;Sau sắp xếp;21\n",
                    encoding="utf-8")
    return path


def _units(path: Path) -> list[str]:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")["unit"].tolist()


def test_province_and_as_of_place_the_names(tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["normalize", "staffing", str(_table(tmp_path)), "-o", str(out), "--lang", "en"]) == 1
    assert "names several units" in capsys.readouterr().out
    code = main(["normalize", "staffing", str(_table(tmp_path)), "-o", str(out), "--province", "Quảng Ninh",
                 "--as-of", "2024-06"])
    assert code == 1  # code 682 lies in Lâm Đồng, not in Quảng Ninh: rejected, never moved
    assert _units(out) == ["Hải Hà (Quảng Ninh)"]
    code = main(["normalize", "staffing", str(_table(tmp_path)), "-o", str(out), "--province", "Lâm Đồng",
                 "--as-of", "2025-03"])
    assert code == 1 and _units(out) == ["Đạ Huoai (2024)"]  # and Hải Hà is not in Lâm Đồng


def test_an_unusable_option_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["normalize", "staffing", str(_table(tmp_path)), "-o", str(out), "--as-of", "soon"]) == 2
    assert main(["normalize", "staffing", str(_table(tmp_path)), "-o", str(out), "--province", "Narnia"]) == 2
    assert not out.exists()
    assert "'Narnia'" in capsys.readouterr().err


def test_report_takes_as_of_for_raw_files_and_refuses_a_non_date(tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", "--data", str(_table(tmp_path)), "--out", str(out), "--as-of", "someday"]) == 2
    assert "'someday'" in capsys.readouterr().err and not out.exists()


def test_issue_lists_read_units_in_the_same_context(tmp_path):
    from pilotlib.ingest.issues import normalize_issues

    path = tmp_path / "y_kien.csv"
    path.write_text("Đơn vị;Loại;Nội dung\nHải Hà;Khó khăn;Thiếu kinh phí hoạt động.\n", encoding="utf-8")
    assert normalize_issues(path).rejects["reason_key"].tolist() == ["ambiguous_unit"]
    assert normalize_issues(path, province="Quảng Ninh").issues["unit"].tolist() == ["Hải Hà (Quảng Ninh)"]
