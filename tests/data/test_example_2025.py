"""The illustrative post-2025 set: deterministic, every row labelled, and built to exercise
the boundary comparison — partial links, old communes and new communes without data."""
from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from pilotlib.core import paths
from pilotlib.data.example_2025 import NEW_WITHOUT_DATA, OLD_WITHOUT_DATA, write
from pilotlib.data.load import load_dataset

EXAMPLE = paths.bundled_data_dir() / "example-2025"
MERGES = paths.bundled_data_dir() / "reference" / "national" / "merges-2025-07.csv.gz"


def test_regenerating_gives_byte_identical_files(tmp_path):
    for path in write(tmp_path):
        assert path.read_bytes() == (EXAMPLE / path.name).read_bytes(), path.name


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE)


@pytest.fixture(scope="module")
def links():
    """The merge map's commune links into the new Lâm Đồng, read straight from the file."""
    with gzip.open(MERGES, "rt", encoding="utf-8") as stream:
        merges = pd.read_csv(stream, dtype=str, keep_default_na=False)
    units = pd.read_csv(paths.bundled_data_dir() / "reference" / "national" / "units-2025-07.csv.gz", dtype=str,
                        keep_default_na=False)
    lam_dong = set(units.loc[(units["level"] == "commune") & (units["province_code"] == "68"), "code"])
    return merges[(merges["new_level"] == "commune") & merges["new_code"].isin(lam_dong)]


def test_every_row_is_illustrative_and_nothing_is_rejected(example):
    assert set(example.staffing["provenance"]) == {"illustrative"}
    assert example.rejected == 0 and not example.warnings


def test_before_in_old_communes_after_in_new_ones(example, links):
    staffing = example.staffing
    old = staffing[staffing["structure"] == "old"]
    new = staffing[staffing["structure"] == "pilot"]
    assert set(old["code_vintage"]) == {"2025-03"} and set(new["code_vintage"]) == {"2025-07"}
    assert set(new["unit_code"]) <= set(links["new_code"])
    assert len(set(links["new_code"]) - set(new["unit_code"])) == NEW_WITHOUT_DATA
    in_old_list = set(links["old_code"]) - {"25102", "25174", "25177", "25186"}  # codes 2025-03 lacks (NOTICE.md)
    assert set(old["unit_code"]) <= in_old_list
    assert len(in_old_list - set(old["unit_code"])) == OLD_WITHOUT_DATA


def test_the_split_old_communes_have_data(example, links):
    split = set(links.loc[links["link"] == "partial", "old_code"])
    assert split == {"22978", "23053"}  # Phong Phú (Tuy Phong), Hòa Thắng (Bắc Bình)
    assert split <= set(example.staffing["unit_code"])


def test_the_readme_states_what_the_example_gives(example):
    """README's figures of the example's overview are the ones it computes."""
    from pilotlib.analysis.area import province_area
    from pilotlib.analysis.area_comparison import compare_area
    from pilotlib.analysis.metrics import overall_posts
    from pilotlib.reference.unit_reference import unit_reference

    reference = unit_reference(None)
    ranked = compare_area(example.staffing, province_area(reference, "Lâm Đồng"), reference).ranked
    overall = overall_posts(ranked)
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    thousands = lambda n: f"{n:,}".replace(",", " ")  # noqa: E731
    assert (f"compares {overall['units']} complete new communes (before {thousands(overall['posts_old'])}, "
            f"after {thousands(overall['posts_pilot'])} illustrative posts) and lists the "
            f"{len(overall['units_incomplete'])} others") in readme
