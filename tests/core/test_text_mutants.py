"""core/text at the edges mutation testing found unchecked: old tone placement (oa, oe, uy)
in the marked key, numbers and pandas' NA as names, and a name that is only a prefix
plus a stray mark. Expected keys written out by hand."""
from __future__ import annotations

import pandas as pd
import pytest

from pilotlib.core.text import fold_unit, marked_unit_key, strip_marks, unit_keys, unit_prefix


@pytest.mark.parametrize("raw, key", [
    ("Xã Bình Hoà", "bình hòa"),  # oa: the old placement's mark (on a) moves to o
    ("Khoẻ", "khỏe"),  # oe: the same move
    ("Phường Thuỷ Xuân", "thủy xuân"),  # uy: the mark moves from y to u
    ("Tuý Loan", "túy loan"),  # uy with another tone (acute)
    ("Bình Hòa", "bình hòa"),  # already new placement: unchanged
    ("Hoàng", "hoàng"),  # closed syllable (ng follows): the mark stays on a
    ("Huyện (Lâm Hà)", "lâm hà"),  # the bracket left after the prefix is dropped, not replaced
])
def test_marked_key_moves_old_tone_placement(raw, key):
    assert marked_unit_key(raw) == key


def test_a_number_keeps_its_marked_key_and_pandas_na_has_no_prefix():
    assert marked_unit_key(2.5) == "2.5"  # a number typed as a name is its text, not empty
    assert unit_prefix(pd.NA) == ""  # pandas' missing value: no prefix (and no error)


def test_a_prefix_with_only_a_stray_mark_after_it_keeps_the_prefix_as_its_key():
    # "Huyện" then a lone combining acute: the rest folds to nothing, so the key falls back
    # to the whole text folded ("huyen"), as fold_unit does; the marked key keeps the mark.
    text = "Huyện \u0301"
    assert unit_keys(text) == ("huyen", "huyen", "\u0301")
    assert fold_unit(text) == "huyen"


def test_a_character_that_decomposes_into_several_letters_keeps_them_all_joined():
    # A Hangul syllable decomposes into three letters (jamo), none of them a mark: all kept,
    # side by side. ("한" = U+1112 U+1161 U+11AB.)
    assert strip_marks("한") == "\u1112\u1161\u11ab"
    assert strip_marks("Lâm 한") == "Lam \u1112\u1161\u11ab"
