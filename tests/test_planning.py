"""Planning checks everything before any kernel starts."""
from __future__ import annotations

import pytest

from conftest import staffing_rows, write_csv
from pilotlib.dataset import load_dataset
from pilotlib.planning import PlanError, check_parameters, notebook_path, plan
from pilotlib.slugs import check_unique, slugify


def test_plan_bundled(tmp_path):
    runs = plan(load_dataset(), "", tmp_path, langs=("vi", "en"))
    ids = [r.run_id for r in runs]
    assert ids == [
        "unit_report--da-huoai--vi", "unit_report--da-teh--vi", "unit_report--lam-ha--vi",
        "unit_report--da-huoai--en", "unit_report--da-teh--en", "unit_report--lam-ha--en",
        "overview--all--vi", "overview--all--en",
    ]
    overview = runs[-1].parameters
    assert overview["units"] == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"] and overview["lang"] == "en"


def test_units_matched_in_any_spelling(tmp_path):
    runs = plan(load_dataset(), "", tmp_path, units=["LÂM HÀ", "da teh"])
    assert [r.unit for r in runs] == ["Lâm Hà", "Đạ Tẻh", ""]


def test_unknown_unit_is_named(tmp_path):
    with pytest.raises(PlanError, match="Bảo Lộc"):
        plan(load_dataset(), "", tmp_path, units=["Bảo Lộc"])


def test_unknown_parameter_is_named():
    with pytest.raises(PlanError, match="untis"):
        check_parameters(notebook_path("overview"), {"untis": [], "lang": "vi"})


def test_unknown_language(tmp_path):
    with pytest.raises(PlanError, match="fr"):
        plan(load_dataset(), "", tmp_path, langs=("fr",))


def test_two_units_with_the_same_slug(tmp_path):
    file = write_csv(tmp_path, "s.csv", staffing_rows([
        {"unit": "Đạ Tẻh", "structure": "old", "posts": 1},
        {"unit": "Da-Teh", "structure": "old", "posts": 1},  # different name, same file name
    ]))
    with pytest.raises(PlanError, match="da-teh"):
        plan(load_dataset(file), str(file), tmp_path)


@pytest.mark.parametrize("name, slug", [
    ("Đạ Tẻh", "da-teh"), ("Ðạ Huoai", "da-huoai"), ("../../etc/passwd", "etc-passwd"),
    ("", "unnamed"), ("<script>", "script"), ("Huyện Lâm Hà / 2", "huyen-lam-ha-2"),
])
def test_slugify_is_safe(name, slug):
    assert slugify(name) == slug


def test_check_unique_maps_names():
    assert check_unique(["Lâm Hà", "Đạ Tẻh"]) == {"Lâm Hà": "lam-ha", "Đạ Tẻh": "da-teh"}
