"""A national-size table must normalise in seconds: values are normalised once per distinct value.

The test asserts on counts, not on time (machines differ); the seconds are printed
(run with -s) and were about 3 s for 200 000 rows on the development machine. Every
row has its own (unit, structure, body, position), as a real national table does —
4 000 generated units in many spellings — since a repeated key is a reject.
"""
from __future__ import annotations

import itertools
import time

import numpy as np
import pandas as pd
from conftest import units_file

from pilotlib.ingest.staffing import normalize_staffing

ROWS = 200_000
# Canonical (structure, body, position) combinations, each in several spellings: every
# row gets its own (unit, structure, body, position), so no row repeats another's key.
STRUCTURES = {"old": ["Trước thí điểm", "mô hình cũ"], "pilot": ["Sau thí điểm", "sau thi diem"]}
BODIES = {"Ủy ban MTTQ": ["UBMTTQ", "Uỷ ban MTTQ"], "Hội Nông dân": ["Hội Nông dân", "HND"],
          "Hội Liên hiệp Phụ nữ": ["Hội LHPN"], "Ban Tổng hợp": ["Ban Tổng hợp", "Ban TH"], "": [""]}
POSITIONS = {"Chủ tịch": ["Chủ tịch"], "Chuyên viên": ["CV", "Chuyên viên"], "Kế toán": ["Kế toán"],
             "Lái xe": ["Lái xe"], "": [""]}


def test_200k_row_csv(tmp_path):
    rng = np.random.default_rng(7)
    combos = list(itertools.product(STRUCTURES, BODIES, POSITIONS))
    names = [f"Phú Lộc {i}" for i in range(ROWS // len(combos))]
    units = units_file(tmp_path / "units", names)
    spell = {u: [u, f"Huyện {u}", u.upper(), f" {u} "] for u in names}
    order = rng.permutation(ROWS)  # every (unit, combination) once, shuffled
    unit_of, combo_of = np.divmod(order, len(combos))
    pick = rng.integers(0, 4, (ROWS, 4))
    frame = pd.DataFrame({
        "Đơn vị": [spell[names[u]][p] for u, p in zip(unit_of.tolist(), pick[:, 0].tolist())],
        "Mô hình": [STRUCTURES[combos[c][0]][p % 2] for c, p in zip(combo_of.tolist(), pick[:, 1].tolist())],
        "Tổ chức": [BODIES[combos[c][1]][p % len(BODIES[combos[c][1]])]
                    for c, p in zip(combo_of.tolist(), pick[:, 2].tolist())],
        "Chức danh": [POSITIONS[combos[c][2]][p % len(POSITIONS[combos[c][2]])]
                      for c, p in zip(combo_of.tolist(), pick[:, 3].tolist())],
        "Số biên chế": np.array(["1", "2", "3,0", " 4 ", "12", "0"])[rng.integers(0, 6, ROWS)],
    })
    frame.loc[::1000, "Số biên chế"] = "x"  # 200 bad counts
    frame.loc[500::1000, "Đơn vị"] = "Lam Haa"  # 200 unknown units
    source = tmp_path / "national.csv"
    frame.to_csv(source, sep=";", index=False, encoding="utf-8-sig")

    started = time.perf_counter()
    result = normalize_staffing([source], units_file=units)
    seconds = time.perf_counter() - started
    print(f"\n{ROWS:,} rows normalised in {seconds:.2f} s")

    total = result.total
    assert total.read == ROWS + 1 and total.skipped == 1
    assert total.rejected == 400 == len(result.rejects)
    assert total.kept == ROWS - 400 == len(result.staffing)
    assert set(result.staffing["unit"]) == set(names)
    assert not result.staffing.duplicated(["unit", "structure", "body", "position"]).any()
    assert result.rejects["source_row"].iloc[0] == "2"  # row 0 of the frame is line 2 of the file
