"""The illustrative example set: deterministic, totals equal the real ones, all labelled."""
from __future__ import annotations

import pytest

from pilotlib.core import paths
from pilotlib.data.example import write
from pilotlib.data.load import load_dataset

EXAMPLE = paths.bundled_data_dir() / "example"


def test_regenerating_gives_byte_identical_files(tmp_path):
    for path in write(tmp_path):
        assert path.read_bytes() == (EXAMPLE / path.name).read_bytes(), path.name


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE)


def test_totals_equal_the_real_totals(example):
    real = load_dataset().staffing.groupby(["unit", "structure"])["posts"].sum()
    illustrative = example.staffing.groupby(["unit", "structure"])["posts"].sum()
    assert illustrative.to_dict() == real.to_dict()


def test_every_row_is_labelled_illustrative(example):
    assert set(example.staffing["provenance"]) == {"illustrative"}
    assert set(example.table("staff_tasks")["provenance"]) == {"illustrative"}


def test_breakdown_uses_the_vocabularies(example):
    pilot = example.staffing[example.staffing["structure"] == "pilot"]
    assert set(pilot["body"]) == {"Lãnh đạo khối", "Ban Tổng hợp", "Ban Tuyên truyền", "Ban Kiểm tra", "Ban Phong trào"}
    assert (example.staffing["position_group"] != "").all()


def test_one_person_per_pilot_post(example):
    tasks = example.table("staff_tasks")
    people = tasks.groupby("unit")["staff_id"].nunique().to_dict()
    pilot = example.staffing[example.staffing["structure"] == "pilot"].groupby("unit")["posts"].sum().to_dict()
    assert people == pilot
    assert tasks.groupby(["unit", "staff_id"]).size().between(1, 4).all()
