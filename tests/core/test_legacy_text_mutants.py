"""Legacy text repair at its thresholds: the cases mutation testing (`make mutation`) found
untested in core/legacy_text.py.

Every expectation is worked by hand from the rules the module documents (the scoring in
``_scores`` and ``SURE``, the per-value decision in ``value_encoding``, the byte layout of
UTF-16/UTF-32) and from the TCVN3 / VNI code charts (tests/data/*_chart.csv), never from
the module's tables. Inputs sit just either side of each threshold, with the arithmetic in
a comment.
"""
from __future__ import annotations

import pandas as pd
import pytest

from pilotlib.core import legacy_text
from pilotlib.core.legacy_text import repair_series, value_encoding, value_encodings, wide_encoding

# ---------------------------------------------------------------------------------------
# UTF-16 / UTF-32 recognised (and refused by name) before any Vietnamese decoding.
ODD_ZERO = b"x\x00"  # a pair whose second byte (odd offset) is zero, like "x" in UTF-16-LE
EVEN_ZERO = b"\x00x"  # zero at the even offset, like "x" in UTF-16-BE
NO_ZERO = b"xy"


@pytest.mark.parametrize("raw, expected", [
    # byte-order marks: FF FE 00 00 / 00 00 FE FF are UTF-32; FF FE / FE FF are UTF-16
    (b"\xff\xfe\x00\x00" + "Lâm Hà".encode("utf-32-le"), "UTF-32"),
    (b"\x00\x00\xfe\xff" + "Lâm Hà".encode("utf-32-be"), "UTF-32"),
    (b"\xff\xfe" + "Lâm Hà".encode("utf-16-le"), "UTF-16"),
    (b"\xfe\xff" + "Lâm Hà".encode("utf-16-be"), "UTF-16"),
    # letters outside Latin-1 only (U+1EA0…) leave no zero byte: the mark alone tells
    (b"\xff\xfe" + "ẠẢẤẦ".encode("utf-16-le"), "UTF-16"),
    (b"\xfe\xff" + "ẠẢẤẦ".encode("utf-16-be"), "UTF-16"),
    # no mark: ASCII-heavy text leaves a zero high byte in every code unit, at odd
    # offsets in little-endian, at even offsets in big-endian
    ("Lâm Hà, 20 biên chế".encode("utf-16-le"), "UTF-16"),
    ("Lâm Hà, 20 biên chế".encode("utf-16-be"), "UTF-16"),
    ("Lâm Hà, 20 biên chế".encode("utf-8"), None),
    (b"", None),
    # UTF-32 without a mark has zeros at both offsets: not UTF-16, and not named
    ("Lâm Hà, 20 biên chế".encode("utf-32-le"), None),
    # length: 4 bytes ("ab" in UTF-16-LE) are judged, 2 are too few to tell
    (b"a\x00b\x00", "UTF-16"),
    (b"a\x00", None),
    # 30 % rule: 10 pairs with 3 odd zeros = 3.0 >= 0.3 x 10: UTF-16; 2 zeros: not
    (ODD_ZERO * 3 + NO_ZERO * 7, "UTF-16"),
    (ODD_ZERO * 2 + NO_ZERO * 8, None),
    # 21 bytes are 10 whole pairs (the odd byte is no pair): 3 zeros still reach 30 %
    (ODD_ZERO * 3 + NO_ZERO * 7 + b"z", "UTF-16"),
    # 15 pairs need 4.5 zeros: 4 (27 %) is not enough
    (ODD_ZERO * 4 + NO_ZERO * 11, None),
    # one stray zero in 50 pairs of ordinary bytes is binary noise, not UTF-16
    (NO_ZERO * 49 + ODD_ZERO, None),
    # 2 % rule: 50 pairs, 40 odd zeros and 1 even zero (e.g. "Ā" U+0100 = 00 01 in
    # UTF-16-LE): 1 <= 0.02 x 50 = 1.0, still UTF-16; 2 even zeros are too many
    (ODD_ZERO * 40 + EVEN_ZERO + NO_ZERO * 9, "UTF-16"),
    (ODD_ZERO * 40 + EVEN_ZERO * 2 + NO_ZERO * 8, None),
])
def test_wide_encoding(raw, expected):
    assert wide_encoding(raw) == expected


def test_wide_encoding_reads_only_the_first_4096_bytes():
    # 2048 pairs: 1968 odd zeros and 40 even ones (the most 2 % of 2048 = 40.96 allows),
    # then a zero at offset 4096. Counting it would make 41 even zeros: not UTF-16.
    head = ODD_ZERO * 1968 + EVEN_ZERO * 40 + NO_ZERO * 40
    assert len(head) == 4096
    assert wide_encoding(head) == "UTF-16"
    assert wide_encoding(head + b"\x00" * 3) == "UTF-16"


# ---------------------------------------------------------------------------------------
# Evidence per value: (tcvn3, vni, whole tcvn3 points, whole vni points). A VNI pair
# (a two-character VNI spelling) is 1 VNI point; a TCVN3 code that is not itself a
# Vietnamese Latin-1 letter, next to an ASCII letter or another legacy code, is 1 TCVN3
# point, or 0.5 for Western letters (ç ë ï ü …), or 0.5 to both when VNI uses it alone too
# (ñ ö æ î).
@pytest.mark.parametrize("text, expected", [
    ("L©m Hµ", (2.0, 0.0, 2, 0)),  # © (â) between L and m, µ (à) after H: 1 + 1
    ("Laâm Haø", (0.0, 2.0, 0, 2)),  # pairs aâ (â) and aø (à)
    ("Hoà Khoá", (0.0, 0.0, 0, 0)),  # Unicode with Latin-1 letters, old tone placement
    ("¨n", (1.0, 0.0, 1, 0)),  # ¨ (ă) starting a word: its right neighbour counts
    ("Giá ½ kg", (0.0, 0.0, 0, 0)),  # ½ with spaces both sides: a symbol; á a Vietnamese letter
    ("½ L©m Hµ", (2.0, 0.0, 2, 0)),  # a symbol first does not stop the letters after it
    ("Thñ", (0.5, 0.5, 0, 0)),  # ñ is TCVN3 ủ and VNI đ
    ("L©m Thñ", (1.5, 0.5, 1, 0)),
    ("Haø Thñ", (0.5, 1.5, 0, 1)),
    ("L©m Noël", (1.5, 0.0, 1, 0)),  # ë: a Western letter, half a point
    ("Noël Müller Façade", (1.5, 0.0, 0, 0)),  # the module's own example of Western words
    ("naïve", (0.5, 0.0, 0, 0)),  # "aï" followed by v is no VNI pair; ï half a TCVN3 point
])
def test_evidence_per_value(text, expected):
    assert legacy_text._evidence(text) == expected
    assert legacy_text._scores(text) == expected[:2]


# ---------------------------------------------------------------------------------------
# One value's encoding, given its column's and whether the column holds Unicode-only text.
@pytest.mark.parametrize("value, column, mixed, expected", [
    # nothing to decide: not text, ASCII, or a Unicode-only letter (ệ)
    (float("nan"), "tcvn3", False, "unicode"),
    ("Lam Ha", "tcvn3", False, "unicode"),
    ("Huyện", "tcvn3", False, "unicode"),
    # sure on its own (score >= 2, a point ahead, a whole point): its own encoding
    ("L©m Hµ", "unicode", True, "tcvn3"),  # 2 vs 0: exactly SURE
    ("Laâm Haø", "unicode", True, "vni"),  # 2 vs 0
    ("L©m Hµ Haø", "unicode", True, "tcvn3"),  # 2 vs 1: exactly one point ahead
    ("L©m Hµ Haø Noäi Noël", "unicode", True, "unicode"),  # 2.5 vs 2: only half a point ahead
    ("L©m Noël Müller", "unicode", True, "tcvn3"),  # 1 + 0.5 + 0.5 = 2 with one whole point
    ("L©m", "unicode", True, "unicode"),  # 1 point: not sure, stays in a Unicode column
    ("Haø", "unicode", False, "unicode"),
    # 2 points but none whole (Western letters only): not sure; points away from VNI
    ("Noël Müller Façade Zoë", "vni", False, "unicode"),
    # weak evidence follows a legacy column unless it points the other way
    ("L©m", "tcvn3", True, "tcvn3"),
    ("Haø", "vni", True, "vni"),
    ("L©m", "vni", False, "unicode"),
    ("Noël", "vni", False, "unicode"),  # half a point the other way is enough
    ("Noël", "vni", True, "unicode"),
    ("Ñôn vò", "vni", True, "vni"),  # Ñ: half a point each way, a tie follows the column
    ("Ñôn vò", "tcvn3", True, "tcvn3"),
    # no evidence at all ("Néi dung" = Nội dung: é is a Latin-1 letter): the column
    # decides only when nothing in it is Unicode
    ("Néi dung", "tcvn3", False, "tcvn3"),
    ("Néi dung", "tcvn3", True, "unicode"),
    ("Néi dung", "unicode", False, "unicode"),
])
def test_value_encoding(value, column, mixed, expected):
    assert value_encoding(value, column, mixed) == expected


def test_value_encoding_assumes_a_mixed_column_by_default():
    assert value_encoding("Néi dung", "tcvn3") == "unicode"


def test_value_encodings_decide_in_the_column():
    # "L©m Hµ" and "Chñ tÞch" (1.5 vs 0.5) vote TCVN3, "Huyện" Unicode: a TCVN3 column,
    # but mixed, so "Néi dung" (no evidence) is left alone
    assert value_encodings(["L©m Hµ", "Chñ tÞch", "Huyện", "Néi dung"]) == ["tcvn3", "tcvn3", "unicode", "unicode"]
    # without a Unicode row the same value follows the column
    assert value_encodings(["L©m Hµ", "Néi dung"]) == ["tcvn3", "tcvn3"]


# ---------------------------------------------------------------------------------------
# The encoding a column is reported as: the legacy one most of its repaired values had.
@pytest.mark.parametrize("values, repaired, encoding", [
    (["L©m Hµ", "§¹ Huoai", "Laâm Haø"], ["Lâm Hà", "Đạ Huoai", "Lâm Hà"], "tcvn3"),  # 2 TCVN3, 1 VNI
    (["L©m Hµ", "Laâm Haø", "Bieân cheá"], ["Lâm Hà", "Lâm Hà", "Biên chế"], "vni"),  # 1 TCVN3, 2 VNI
    # one each (each value sure on its own): a tie is reported as TCVN3, always the same
    (["L©m Hµ", "Laâm Haø"], ["Lâm Hà", "Lâm Hà"], "tcvn3"),
    # nothing repaired (Latin-1 Vietnamese, a Unicode-only letter): Unicode
    (["Lâm Hà", "Huyện"], ["Lâm Hà", "Huyện"], "unicode"),
])
def test_reported_encoding_is_the_majority_of_repaired_values(values, repaired, encoding):
    out, found = repair_series(pd.Series(values, dtype=object))
    assert out.tolist() == repaired
    assert found == encoding


# ---------------------------------------------------------------------------------------
# NFC of UTF-8 bytes, only where something can change.
@pytest.mark.parametrize("text, expected", [
    # Greek letters with oxia are singletons NFC replaces (U+1F71 -> U+03AC, U+1F7B ->
    # U+03CD). Their UTF-8 starts E1 BD: not the inert U+1E00-U+1EFF (E1 B8-BB), whatever
    # the bytes before (ẻ ends in BB) or the last byte (U+1F7B ends in BB) are.
    ("ẻ\u1f71 \u1f7b", "ẻ\u03ac \u03cd"),
    # a combining acute after "a", after a 4-byte emoji: the base is the "a", not a byte of
    # the emoji
    ("😀a\u0301", "😀á"),
    ("😀\u0301", "😀\u0301"),  # nothing to compose with
    # the base of a mark is a whole character, however many bytes back it starts: ư (2
    # bytes) composes with the acute; after ạ (3 bytes, inert) and x, e takes it
    ("ư\u0301", "ứ"), ("ạxe\u0301 ", "ạxé "),
    # marks back to back are one stretch: canonical order puts the dot below (class 220)
    # before the acute (230), e + dot below is ẹ, and no letter has both
    ("e\u0301\u0323", "ẹ\u0301"), ("ab\u0301e\u0301\u0323.", "ab\u0301ẹ\u0301."),
    ("\u1f71\u1f7b\u1f71", "\u03ac\u03cd\u03ac"),  # three singletons back to back
    # a stretch ends where its last character does (3 bytes for U+0958, 2 for a mark),
    # not inside the 2-byte é after it; U+0958 is excluded from composition: क + nukta
    ("\u0958é", "\u0915\u093cé"), ("e\u0301é", "éé"),
    ("=\u0338 x", "≠ x"),  # the mark U+0338 (CC B8) composes: B8 is only inert after E1
])
def test_nfc_utf8_normalises_every_stretch_that_can_change(text, expected):
    assert legacy_text.nfc_utf8(text.encode("utf-8")) == expected
    assert legacy_text.nfc_utf8(b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig") == expected
    # read as plain UTF-8 the mark is a character (U+FEFF) of the text, kept
    assert legacy_text.nfc_utf8(b"\xef\xbb\xbf" + text.encode("utf-8")) == "\ufeff" + expected


@pytest.mark.parametrize("raw", [b"Hu\xe1", b"Hu\xcc", b"\xe1\xba"])  # cut inside a character
def test_nfc_utf8_refuses_bytes_cut_inside_a_character(raw):
    with pytest.raises(UnicodeDecodeError):
        legacy_text.nfc_utf8(raw)


def test_a_column_mixing_text_and_numbers_repairs_the_text_only():
    # an object column as read from a spreadsheet: a TCVN3 name, a count, a blank, a float
    out, found = repair_series(pd.Series(["L©m Hµ", 12, None, 3.5, "Chñ tÞch"], dtype=object))
    assert out.tolist() == ["Lâm Hà", 12, None, 3.5, "Chủ tịch"] and found == "tcvn3"
    assert out.dtype == object


# ---------------------------------------------------------------------------------------
# NFC of UTF-8 bytes for the CSV parser: every byte checked by default; with check=False
# only the stretches NFC looks at are decoded (the parser decodes the rest itself). A
# stretch is a run of characters whose UTF-8 starts with a byte >= CC, except E1 B8-BB
# (U+1E00-U+1EFF, inert), with the character before it. Bytes cut or stray outside a
# stretch therefore come back as they are when unchecked: they show where stretches lie.
@pytest.mark.parametrize("raw", [
    b"caf\xc3",  # é (C3 A9) cut short: C3 < CC starts no stretch, only the check sees it
    b"x\xe1\xb8",  # U+1E00-U+1E3F cut short, inert: the same
    b"Hu\xe1",  # a lead in the last byte
    b"\x80x",  # a stray continuation byte
])
def test_nfc_utf8_bytes_checks_every_byte_by_default(raw):
    with pytest.raises(UnicodeDecodeError):
        legacy_text.nfc_utf8_bytes(raw)
    with pytest.raises(UnicodeDecodeError):
        legacy_text.nfc_utf8_bytes(raw, check=True)


@pytest.mark.parametrize("raw", [
    b"x\xe1\xb8",  # E1 B8: the first of the inert second bytes B8-BB
    b"x\xe1\xbb",  # E1 BB: the last of them
    b"x\xe1\xba\xbb\xe1\xbb",  # ẻ (E1 BA BB) then E1 BB cut short
    # a stray byte between two stretches (a lone acute, then x + acute) is in neither
    b"\xcc\x81x\x80x\xcc\x81",
    # a stretch starts at the one character before the mark (x), not before it
    b"\x80x\xcc\x81",
    b"\x80\xe1\xba\xa1\xcc\x81",  # the character before is 3 bytes (ạ, inert): all of it
])
def test_unchecked_bytes_outside_every_stretch_are_copied(raw):
    assert legacy_text.nfc_utf8_bytes(raw, check=False) == raw


@pytest.mark.parametrize("raw", [
    b"x\xe1\xb7",  # E1 B7 (U+1DC0-U+1DFF, combining marks): a stretch, cut short
    b"x\xe1\xbc",  # E1 BC (U+1F00-U+1F3F, Greek): the same
    b"x\xe2\xb8",  # E2 B8 (U+2E00-U+2E3F): only E1 B8-BB is left out
    b"x\xcc",  # a mark cut short at the end
])
def test_unchecked_stretches_are_still_decoded(raw):
    with pytest.raises(UnicodeDecodeError):
        legacy_text.nfc_utf8_bytes(raw, check=False)


# ---------------------------------------------------------------------------------------
# A column neither object nor string typed (here categorical: STT codes or unit names kept
# as categories) comes back as an object column, with its index, name and missing cells,
# whether all its values are ASCII (nothing to repair) or not.
@pytest.mark.parametrize("values, repaired, encoding", [
    (["12", "A3", None, "12"], ["12", "A3", None, "12"], "unicode"),  # ASCII only
    (["L©m Hµ", "A3", None, "L©m Hµ"], ["Lâm Hà", "A3", None, "Lâm Hà"], "tcvn3"),  # © = â, µ = à
])
def test_a_categorical_column_comes_back_as_object_text(values, repaired, encoding):
    column = pd.Series(values, index=[5, 7, 9, 11], name="stt", dtype="category")
    out, found = repair_series(column)
    assert found == encoding
    assert out.dtype == object and out.name == "stt" and out.index.tolist() == [5, 7, 9, 11]
    assert out.iloc[[0, 1, 3]].tolist() == [repaired[0], repaired[1], repaired[3]]
    assert pd.isna(out.iloc[2])  # the missing cell stays missing (categories hold no None)


def test_values_that_are_no_text_pass_through_as_they_were():
    # a nullable integer column: 12 stays the integer 12 (not 12.0), the missing cell pd.NA
    counts, found = repair_series(pd.Series([12, None, 12], dtype="Int64"))
    assert found == "unicode" and counts.tolist() == [12, pd.NA, 12]
    assert type(counts.iloc[0]) is int and counts.iloc[1] is pd.NA
    # dates stay pandas Timestamps (with their nanoseconds), a missing one NaT
    stamp = pd.Timestamp("2019-07-01 08:00:00.000000001")
    dates, found = repair_series(pd.Series([stamp, None]))
    assert found == "unicode" and isinstance(dates.iloc[0], pd.Timestamp)
    assert dates.iloc[0] == stamp and dates.iloc[1] is pd.NaT
