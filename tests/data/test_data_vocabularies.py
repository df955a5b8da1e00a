"""A data folder may bring its own bodies/boards and positions (the columns of
reference/bodies.csv and positions.csv): recognised by their headers, used for matching
that data set only, and copied with it to the report kernels."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotlib.core.errors import VocabularyError
from pilotlib.data.load import load_dataset
from pilotlib.reference import vocab

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


def _write(folder: Path, name: str, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(folder / name, index=False)
    return folder / name


def _boards(folder: Path, extra: list[dict] | None = None) -> None:
    # a provincial Front body of the 2025 model, with a short form
    _write(folder, "ban_moi.csv", [{"body": "Ban Dân chủ - Pháp luật", "side": "pilot", "body_type": "board",
                                    "name_en": "Democracy and Law Board", "default_member": "", "aliases": "Ban DCPL",
                                    "notes": ""}, *(extra or [])])
    _write(folder, "chuc_danh_moi.csv", [{"position": "Ủy viên chuyên trách", "position_group": "leadership",
                                          "name_en": "Full-time member", "aliases": "UVCT"}])


def _raw(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bien_che.csv"
    path.write_text("Đơn vị;Mô hình;Tổ chức;Chức danh;Số biên chế\n"
                    "Lâm Hà;Sau sắp xếp;Ban DCPL;UVCT;2\n"  # the data set's own board and title, short forms
                    "Lâm Hà;Sau sắp xếp;Ban Tổng hợp;Chuyên viên;3\n", encoding="utf-8")
    return path


def test_own_bodies_and_positions_are_used_for_that_data_set(tmp_path):
    folder = tmp_path / "data"
    _raw(folder)
    without = load_dataset(folder)
    assert without.rejects["reason_key"].tolist() == ["unknown_body; unknown_position"]
    _boards(folder)
    data = load_dataset(folder)
    assert data.rejected == 0
    assert data.staffing[["body", "position", "position_group"]].values.tolist() == [
        ["Ban Dân chủ - Pháp luật", "Ủy viên chuyên trách", "leadership"],
        ["Ban Tổng hợp", "Chuyên viên", "specialist"]]
    assert {"bodies:ban_moi.csv", "positions:chuc_danh_moi.csv"} <= set(data.files)  # hashed as inputs
    assert "Ban Dân chủ - Pháp luật" not in vocab.bodies().table["body"].tolist()  # nothing leaks out

    copy = tmp_path / "copy"
    data.write_tidy(copy, tmp_path / "rejects.csv")
    assert sorted(p.name for p in copy.iterdir()) == ["bodies.csv", "issues.csv", "positions.csv", "staffing.csv"]
    again = load_dataset(copy)  # what a report kernel reads: the checked rows and the vocabularies
    assert again.rejected == 0 and again.staffing["body"].tolist() == data.staffing["body"].tolist()


def test_a_wide_sheet_headed_by_an_own_board(tmp_path):
    folder = tmp_path / "data"
    _boards(folder)
    # "Sau sắp xếp" spans both board columns (a merged cell, exported to CSV)
    (folder / "wide.csv").write_text("Đơn vị;Sau sắp xếp;\n;Ban Tổng hợp;Ban DCPL\nĐạ Tẻh;3;2\n", encoding="utf-8")
    data = load_dataset(folder)
    assert data.staffing[["body", "posts"]].values.tolist() == [["Ban Tổng hợp", 3], ["Ban Dân chủ - Pháp luật", 2]]


def test_a_copy_of_the_bundled_file_with_lines_added_is_fine_but_changed_lines_are_not(tmp_path):
    bundled = pd.read_csv(REFERENCE / "bodies.csv", dtype=str, keep_default_na=False)
    folder = tmp_path / "data"
    _raw(folder)
    _boards(folder, bundled.to_dict("records"))
    assert load_dataset(folder).rejected == 0
    changed = bundled.assign(name_en=bundled["name_en"].where(bundled["body"] != "Hội Nông dân", "Farmers"))
    _boards(folder, changed.to_dict("records"))
    with pytest.raises(VocabularyError, match="Hội Nông dân"):
        load_dataset(folder)
