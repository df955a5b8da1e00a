"""Folded keys at their edges: missing values, numbers, case, punctuation around a unit
name, names starting with x (a letter the edge-stripping must not touch)."""
from __future__ import annotations

import pytest

from pilotlib.core.text import fold, fold_unit, slugify, strip_marks


@pytest.mark.parametrize("value, key", [
    (None, ""), (float("nan"), ""), (2.5, "2.5"), (681, "681"), ("  Xuân Lộc. ", "xuan loc"),
])
def test_fold_of_missing_values_and_numbers(value, key):
    assert fold(value) == key


@pytest.mark.parametrize("raw, key", [
    (None, ""), (float("nan"), ""), (2.5, "2.5"),
    ("(Huyện Lâm Hà)", "lam ha"), ("*Huyện Lâm Hà*", "lam ha"), ('"H. Đạ Huoai"', "da huoai"),
    ("Xuân Lộc", "xuan loc"), ("Huyện Xuyên Mộc", "xuyen moc"),
])
def test_fold_unit_edges(raw, key):
    assert fold_unit(raw) == key


def test_strip_marks_keeps_case_of_d():
    assert strip_marks("Đạ đá ĐĐ") == "Da da DD"


@pytest.mark.parametrize("name, slug", [("Xuân Lộc", "xuan-loc"), ("Đạ Tẻh", "da-teh"), ("x", "x"), ("--", "unnamed")])
def test_slugify_keeps_letters_at_the_edges(name, slug):
    assert slugify(name) == slug
