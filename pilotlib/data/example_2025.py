"""Deterministic ILLUSTRATIVE staffing across the 2025 boundary change (``data/example-2025/``).

The 2025 reform merged communes (10 035 → 3 321) on 1 July 2025: the posts of the
Fatherland Front and mass organisations before the merger are recorded in the old
communes (2025-03 list), those after in the new ones (2025-07 list). This generator
makes such a data set for one new province, the new Lâm Đồng (68, formed from Lâm Đồng,
Đắk Nông and Bình Thuận), so the boundary comparison can be run end to end: every new
commune is formed from its old communes by the bundled merge map, including its partial
links (old communes split between two new ones) and its codes the old list lacks; a few
old communes and two new ones are left without data on purpose.

Every figure is made up (``provenance=illustrative``, labelled as such in every report);
only the units and the merge map are real. Totals per commune, no breakdown by body.
Same seed → byte-identical files (a test regenerates and compares).

Run: ``python -m pilotlib.data.example_2025 [OUT_DIR]`` (default: data/example-2025/).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

from pilotlib.core import paths
from pilotlib.core.io import write_csv
from pilotlib.reference.schema import STAFFING_COLUMNS
from pilotlib.reference.unit_reference import UnitReference, unit_reference

SEED = 20250701  # the day the new communes started
PROVINCE = ("68", "2025-07")  # the new Lâm Đồng: code and list
GENERATOR_NAME = "pilotlib.example_2025"
FOLDER = "example-2025"
OLD_WITHOUT_DATA = 12  # old communes whose "before" is left out
NEW_WITHOUT_DATA = 2  # new communes whose "after" is left out
INCREASES = 6  # new communes given more posts than their old communes had (wards that grew)


def province_links(reference: UnitReference) -> pd.DataFrame:
    """The merge map's commune links into the new province, in the map's order."""
    province = reference.find(PROVINCE[1], "province", PROVINCE[0])
    links = reference.merge_links()
    links = links[(links["new_level"] == "commune") & (links["new_entry"] >= 0)]
    inside = links["new_entry"].map(lambda e: reference.province_of[e] == province)
    return links[inside].reset_index(drop=True)


def _row(reference: UnitReference, entry: int, structure: str, posts: int) -> dict:
    return {"unit": reference.unit_of[entry], "unit_code": reference.code_of[entry],
            "code_vintage": reference.list_of[entry], "structure": structure, "body": "", "position": "",
            "position_group": "", "posts": posts, "provenance": "illustrative", "source_file": GENERATOR_NAME,
            "source_row": ""}


def generate(seed: int = SEED) -> pd.DataFrame:
    """The staffing table: "old" posts per old commune, "pilot" (after) posts per new commune."""
    rng = random.Random(seed)
    reference = unit_reference(None)
    links = province_links(reference)
    old_entries = list(dict.fromkeys(e for e in links["old_entry"] if e >= 0))
    new_entries = list(dict.fromkeys(links["new_entry"]))
    before = {e: rng.randint(5, 9) for e in old_entries}  # the Front and 4–5 mass organisations
    left_out = set(rng.sample(old_entries, OLD_WITHOUT_DATA))
    no_after = set(rng.sample(new_entries, NEW_WITHOUT_DATA))
    grew = set(rng.sample(new_entries, INCREASES))
    rows = [_row(reference, e, "old", before[e]) for e in old_entries if e not in left_out]
    for new in new_entries:
        if new in no_after:
            continue
        olds = links.loc[(links["new_entry"] == new) & (links["old_entry"] >= 0), "old_entry"]
        whole = sum(before[e] for e in olds)
        ratio = rng.uniform(1.05, 1.3) if new in grew else rng.uniform(0.45, 0.9)
        rows.append(_row(reference, new, "pilot", max(3, round(whole * ratio))))
    return pd.DataFrame(rows)[STAFFING_COLUMNS]


def write(folder: Path, seed: int = SEED) -> list[Path]:
    """Write ``staffing.csv`` of the example into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "staffing.csv"
    write_csv(generate(seed), path, for_excel=False)
    return [path]


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.bundled_data_dir() / FOLDER
    for written in write(target):
        print(written)
