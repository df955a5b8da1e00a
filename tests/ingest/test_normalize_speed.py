"""A national-size table must normalise in seconds: values are normalised once per distinct value.

The test asserts on counts, not on time (machines differ); the seconds are printed
(run with -s) and were about 4 s for 200 000 rows on the development machine.
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from pilotlib.ingest.staffing import normalize_staffing

ROWS = 200_000


def test_200k_row_csv(tmp_path):
    rng = np.random.default_rng(7)
    units = np.array(["Huyện Lâm Hà", "H. Đạ Huoai", "ĐẠ TẺH", "Di Linh", "Bảo Lộc", "lam ha", "Đức Trọng"])
    structures = np.array(["Trước thí điểm", "Sau thí điểm", "mô hình cũ", "sau thi diem"])
    bodies = np.array(["UBMTTQ", "Hội Nông dân", "Hội LHPN", "Ban Tổng hợp", ""])
    positions = np.array(["Chủ tịch", "CV", "Kế toán", "", "Lái xe"])
    counts = np.array(["1", "2", "3,0", " 4 ", "12", "0"])
    frame = pd.DataFrame({
        "Đơn vị": units[rng.integers(0, len(units), ROWS)],
        "Mô hình": structures[rng.integers(0, len(structures), ROWS)],
        "Tổ chức": bodies[rng.integers(0, len(bodies), ROWS)],
        "Chức danh": positions[rng.integers(0, len(positions), ROWS)],
        "Số biên chế": counts[rng.integers(0, len(counts), ROWS)],
    })
    frame.loc[::1000, "Số biên chế"] = "x"  # 200 bad counts
    frame.loc[500::1000, "Đơn vị"] = "Lam Haa"  # 200 unknown units
    source = tmp_path / "national.csv"
    frame.to_csv(source, sep=";", index=False, encoding="utf-8-sig")

    started = time.perf_counter()
    result = normalize_staffing([source])
    seconds = time.perf_counter() - started
    print(f"\n{ROWS:,} rows normalised in {seconds:.2f} s")

    total = result.total
    assert total.read == ROWS + 1 and total.skipped == 1
    assert total.rejected == 400 == len(result.rejects)
    assert total.kept == ROWS - 400 == len(result.staffing)
    assert set(result.staffing["unit"]) == {"Lâm Hà", "Đạ Huoai", "Đạ Tẻh", "Di Linh", "Bảo Lộc", "Đức Trọng"}
    assert result.rejects["source_row"].iloc[0] == "2"  # row 0 of the frame is line 2 of the file
