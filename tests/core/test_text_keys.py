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


# Direction controls in a user's text are wrapped in isolates (FSI U+2068 … PDI U+2069) so
# they reorder only that text. Expected strings written out by hand: F = FSI, P = PDI.
F, P, LRI, RLI, RLO, LRE, PDF = "\u2068", "\u2069", "\u2066", "\u2067", "\u202e", "\u202a", "\u202c"


@pytest.mark.parametrize("text, expected", [
    ("Lâm Hà", "Lâm Hà"),  # no control: unchanged, not even wrapped
    ("", ""),
    (f"abc{RLO}def", f"{F}abc{RLO}def{P}"),  # an override: one isolate around it
    (f"{LRE}x{PDF}", f"{F}{LRE}x{PDF}{P}"),  # embeddings (U+202A–202C) count as controls too
    (f"a{LRI}b", f"{F}a{LRI}b{P}{P}"),  # an isolate left open (LRI) is closed as well
    (f"a{RLI}b{F}c", f"{F}a{RLI}b{F}c{P}{P}{P}"),  # RLI and FSI open: two more closes
    (f"a{RLI}b{P}c", f"{F}a{RLI}b{P}c{P}"),  # opened and closed inside: nothing extra
    (f"x{P}{RLO}y", f"{F}{F}x{P}{RLO}y{P}"),  # a stray close: one more open before
    (f"{P}{P}x", f"{F}{F}{F}{P}{P}x{P}"),  # two stray closes: two more
    (f"{P}{LRI}", f"{F}{F}{P}{LRI}{P}{P}"),  # stray close, then an opener left open
])
def test_isolate_bidi(text, expected):
    from pilotlib.core.text import isolate_bidi

    assert isolate_bidi(text) == expected


@pytest.mark.parametrize("text, prefix, marked", [
    (None, "", ""), (float("nan"), "", ""),  # an empty cell: no prefix, no key
    ("Huyện Lâm Hà", "huyen", "lâm hà"),
    ("H. Đạ Tẻh", "h", "đạ tẻh"), ("TP. Đà Lạt", "tp", "đà lạt"),
    ("Lâm Hà", "", "lâm hà"),
    ("Huyện", "", "huyện"),  # the prefix word alone is a name, not a prefix
    ("Xã  Phước-Hưng", "xa", "phước hưng"),  # runs of spaces and a hyphen are one separator
    ('"Thị trấn Nam Ban"', "thi tran", "nam ban"),  # quotes around the whole name dropped
    ("Lâm_Hà", "", "lâm hà"),
])
def test_unit_prefix_and_marked_key(text, prefix, marked):
    from pilotlib.core.text import marked_unit_key, unit_prefix

    assert unit_prefix(text) == prefix
    assert marked_unit_key(text) == marked


@pytest.mark.parametrize("value, expected", [(5, False), (None, False), ("Lâm", True), ("Lam", False)])
def test_has_marks_only_for_text_with_marks(value, expected):
    from pilotlib.core.text import has_marks

    assert has_marks(value) is expected
