"""Write the illustrative example data set for any number of units (fixed seed).

The twelve Lâm Đồng districts of the 2023 list first, then made-up districts (the names
``gen_staffing.national_units`` makes, clash-free), each with an old structure, a pilot
structure and a staff × task table from ``pilotlib.data.example``'s generators
(illustrative totals of 18–32 posts). The made-up units travel with the data as its own
vocabulary (``units.csv`` in the folder); the issue list is the bundled one. The
folder is the benchmarks' ``--data``: 12 units for ``batch-12``, 100 for ``batch-100``,
998 (+ comparison + issues = 1 000 runs) for ``rerun-1000``.

Run: ``python benchmarks/gen_units.py COUNT FOLDER``.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_staffing  # noqa: E402

from pilotlib.core import paths  # noqa: E402
from pilotlib.data import example  # noqa: E402
from pilotlib.reference import vocab  # noqa: E402
from pilotlib.reference.schema import STAFFING_COLUMNS  # noqa: E402

SEED = example.SEED


def write_example(folder: Path, count: int = 12, seed: int = SEED) -> list[str]:
    """The example set for ``count`` units (the 12 real districts, then made-up ones); their names."""
    rng = random.Random(seed)
    table = vocab.units().table
    districts = table[(table["level"] == "district") & (table["code_vintage"] == "2023")].head(count)
    extra = gen_staffing.national_units(count - len(districts), seed=seed) if count > len(districts) else None
    units = [row for _, row in districts.iterrows()] + ([row for _, row in extra.iterrows()] if extra is not None else [])
    staffing, tasks = [], []
    for unit in units:
        old = rng.randint(18, 32)  # illustrative: the real pilot districts had 20–23 posts
        pilot = old - rng.randint(0, 3)
        staffing += example.old_structure(unit, old, rng)
        rows = example.pilot_structure(unit, pilot, rng)
        staffing += rows
        tasks += example.staff_tasks(rows, rng)
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(staffing)[STAFFING_COLUMNS].to_csv(folder / "staffing.csv", index=False, lineterminator="\n")
    pd.DataFrame(tasks).to_csv(folder / "staff_tasks.csv", index=False, lineterminator="\n")
    shutil.copy(paths.bundled_data_dir() / "issues.csv", folder / "issues.csv")
    if extra is not None:
        extra.to_csv(folder / "units.csv", index=False, lineterminator="\n")
    return [str(unit["unit"]) for unit in units]


if __name__ == "__main__":  # pragma: no cover
    print(len(write_example(Path(sys.argv[2]), int(sys.argv[1]))))
