"""Legacy Vietnamese text repair: TCVN3 / VNI font text, Windows-1258 files."""
from __future__ import annotations

import math
import unicodedata

import pandas as pd
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from legacy_chart import encode

from pilotlib.core import legacy_text
from pilotlib.core.legacy_text import (
    ENCODINGS,
    EncodingGuessError,
    decode_bytes,
    detect_legacy,
    repair_frame,
    repair_series,
    repair_text,
    value_encodings,
)

# ---------------------------------------------------------------------------------------
# The Vietnamese alphabet, built independently of the module. Legacy spellings come from
# the code charts of tests/data (legacy_chart.encode), never from the module's own tables.
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
VOWELS = "aăâeêioôơuưy"
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
LOWER_NON_ASCII = [c for c in LOWER if not c.isascii()]
UPPER_NON_ASCII = [c.upper() for c in LOWER_NON_ASCII]
TCVN3_CAPITALS = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]


@pytest.mark.parametrize("vowel", list(VOWELS) + ["đ"])
@pytest.mark.parametrize("upper", [False, True])
def test_round_trip_every_tone_on_every_vowel(vowel, upper):
    letters = [unicodedata.normalize("NFC", vowel + t) for t in TONES] if vowel != "đ" else ["đ"]
    if upper:
        letters = [c.upper() for c in letters]
    for letter in letters:
        word = f"b{letter}n {letter}"  # inside a word and alone
        assert repair_text(encode(word, "vni"), "vni") == word
        if not upper or letter in TCVN3_CAPITALS or letter.isascii():
            assert repair_text(encode(word, "tcvn3"), "tcvn3") == word
        else:  # VN3 has no toned capitals: .VnTimeH shows lower-case codes as capitals
            assert repair_text(encode(word.lower(), "tcvn3"), "tcvn3") == word.lower()


# ---------------------------------------------------------------------------------------
# Hand-written vectors, as they appear in spreadsheets (Windows-1252 view of the bytes).
TCVN3_VECTORS = [
    ("L©m Hµ", "Lâm Hà"),
    ("§¹ Huoai", "Đạ Huoai"),
    ("§¹ TÎh", "Đạ Tẻh"),  # Î is ẻ; "Tẻh" is a K'Ho name, not a Vietnamese syllable
    ("B¶o Léc", "Bảo Lộc"),  # é is ộ in TCVN3, not é
    ("§øc Träng", "Đức Trọng"),
    ("§¬n D\xad¬ng", "Đơn Dương"),  # ư is the soft hyphen U+00AD: invisible in Excel
    ("Biªn chÕ", "Biên chế"),
    ("Chñ tÞch", "Chủ tịch"),
    ("Phã Chñ tÞch", "Phó Chủ tịch"),  # ã is ó in TCVN3
    ("KÕ to¸n", "Kế toán"),  # Õ is ế, ¸ is á
    ("Thñ quü", "Thủ quỹ"),
    ("V¨n th\xad", "Văn thư"),  # soft hyphen again, at the end of the word
    ("L¸i xe", "Lái xe"),
    ("Héi Liªn hiÖp Phô n÷", "Hội Liên hiệp Phụ nữ"),  # ÷ (division sign) is ữ
    ("ñy ban MTTQ", "ủy ban MTTQ"),  # no Ủ in VN3: the capital comes back lower-case
    ("§¾k N«ng", "Đắk Nông"),
    ("ThÞ x· B¶o Léc", "Thị xã Bảo Lộc"),  # · (middle dot) is ã
]

VNI_VECTORS = [
    ("Laâm Haø", "Lâm Hà"),
    ("Ñaï Huoai", "Đạ Huoai"),
    ("Ñaï Teûh", "Đạ Tẻh"),
    ("Baûo Loäc", "Bảo Lộc"),  # ä after o is ộ (circumflex + dot)
    ("Ñöùc Troïng", "Đức Trọng"),
    ("Ñôn Döông", "Đơn Dương"),  # ô alone is ơ, ö alone is ư
    ("Bieân cheá", "Biên chế"),
    ("Chuû tòch", "Chủ tịch"),  # ò alone is ị
    ("Phoù Chuû tòch", "Phó Chủ tịch"),
    ("Keá toaùn", "Kế toán"),
    ("Thuû quyõ", "Thủ quỹ"),
    ("Vaên thö", "Văn thư"),  # ê after a is the breve: ă
    ("Laùi xe", "Lái xe"),
    ("Hoäi Lieân hieäp Phuï nöõ", "Hội Liên hiệp Phụ nữ"),
    ("UÛy ban MTTQ", "Ủy ban MTTQ"),  # VNI has capitals: Û after U
    ("LAÂM HAØ", "LÂM HÀ"),  # all-caps cells use the capital modifiers
    ("Ñaêk Noâng", "Đăk Nông"),  # "aê" alone is ă: the common spelling without a tone
    ("Ñaék Noâng", "Đắk Nông"),  # é after a is breve + acute
    ("Thò xaõ Baûo Loäc", "Thị xã Bảo Lộc"),
]


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_VECTORS)
def test_tcvn3_vectors(legacy, expected):
    assert repair_text(legacy, "tcvn3") == expected
    # Alone, the value is TCVN3 — except "ñy ban MTTQ": ñ is also VNI's đ, so it scores
    # 0.5 for each and casts no vote (a tie goes to "unicode").
    assert detect_legacy([legacy]) == ("unicode" if legacy == "ñy ban MTTQ" else "tcvn3")
    # Next to one Unicode value it is one vote against one: ties go to "unicode".
    assert detect_legacy([legacy, "Huyện", None]) == "unicode"


def test_tcvn3_needs_more_votes_than_unicode():
    column = ["L©m Hµ", "Chñ tÞch", "Huyện"]  # two TCVN3 votes against one Unicode vote
    assert detect_legacy(column) == "tcvn3"


@pytest.mark.parametrize(("legacy", "expected"), VNI_VECTORS)
def test_vni_vectors(legacy, expected):
    assert repair_text(legacy, "vni") == expected
    assert detect_legacy([legacy]) == "vni"
    assert detect_legacy([legacy, "Huyện", None]) == "unicode"  # a tie goes to "unicode"


def test_repaired_text_is_nfc():
    for legacy, _ in TCVN3_VECTORS:
        out = repair_text(legacy, "tcvn3")
        assert out == unicodedata.normalize("NFC", out)
    assert repair_text("La\u0300m", "unicode") == "Làm"


def test_unknown_encoding_is_rejected():
    with pytest.raises(ValueError, match="unknown encoding"):
        repair_text("x", "viscii")


def test_unicode_text_is_left_alone_whatever_the_encoding():
    for enc in ENCODINGS:  # ư / ạ cannot come from a Windows-1252 reading
        assert repair_text("Hoà Đức Phường", enc) == "Hoà Đức Phường"


# ---------------------------------------------------------------------------------------
# Detection
def test_detect_unicode_ascii_english_numbers():
    assert detect_legacy(["Lâm Hà", "Đạ Huoai", "Bảo Lộc", "Hoà Bình", "Khoá"]) == "unicode"
    assert detect_legacy(["Lam Ha", "Da Huoai", "Bao Loc"]) == "unicode"
    assert detect_legacy(["café", "résumé", "Hélène", "naïve", "Noël", "Müller"]) == "unicode"
    numbers = ["12", "3,5", "2024-01-01", "", "n/a", "Copyright © 2020", "1½", "25°C"]
    assert detect_legacy(numbers) == "unicode"
    assert detect_legacy([]) == "unicode"
    # All-Latin-1 Unicode Vietnamese (old tone placement) must not look like VNI
    assert detect_legacy(["Hoà", "Toà án", "Lâm Hà", "HOÀ", "KHOÁ", "Thuý", "Quý"]) == "unicode"


def test_detect_legacy_columns():
    assert detect_legacy([legacy for legacy, _ in TCVN3_VECTORS]) == "tcvn3"
    assert detect_legacy([legacy for legacy, _ in VNI_VECTORS]) == "vni"


def test_detect_few_legacy_values_among_blanks():
    assert detect_legacy(["", None, "L©m Hµ", "", float("nan"), "Chñ tÞch", ""]) == "tcvn3"
    assert detect_legacy(["", None, "", "Laâm Haø", float("nan")]) == "vni"


def test_unicode_majority_wins_over_stray_legacy():
    column = ["Lâm Hà", "Bảo Lộc", "Đức Trọng", "L©m Hµ"]
    assert detect_legacy(column) == "unicode"


# ---------------------------------------------------------------------------------------
# Series and frames
def test_repair_series_keeps_missing_index_and_name():
    s = pd.Series(["L©m Hµ", None, "§¹ Huoai", float("nan"), "L©m Hµ"],
                  index=[10, 11, 12, 13, 14], name="unit", dtype=object)
    out, enc = repair_series(s)
    assert enc == "tcvn3"
    assert list(out.index) == [10, 11, 12, 13, 14] and out.name == "unit"
    assert out[10] == "Lâm Hà" and out[12] == "Đạ Huoai" and out[14] == "Lâm Hà"
    assert out[11] is None and math.isnan(out[13])


def test_repair_series_string_dtype():
    s = pd.Series(["Laâm Haø", None, "Ñaï Huoai"], dtype="string")
    out, enc = repair_series(s)
    assert enc == "vni" and out.dtype == s.dtype
    assert out.tolist()[0] == "Lâm Hà" and pd.isna(out[1])


def test_repair_series_repairs_each_unique_value_once(monkeypatch):
    calls: list[str] = []
    original = legacy_text.repair_text

    def counting(text, encoding):
        calls.append(text)
        return original(text, encoding)

    monkeypatch.setattr(legacy_text, "repair_text", counting)
    values = pd.Series(["L©m Hµ", "§¹ Huoai", "Chñ tÞch", None] * 25_000)
    out, enc = repair_series(values)
    assert enc == "tcvn3" and len(out) == 100_000
    assert sorted(calls) == sorted(["L©m Hµ", "§¹ Huoai", "Chñ tÞch"])
    assert out.iloc[99_998] == "Chủ tịch" and pd.isna(out.iloc[99_999])


def test_repair_frame_per_column():
    df = pd.DataFrame({
        "unit_tcvn3": ["L©m Hµ", "§¹ TÎh", None],
        "post_vni": ["Chuû tòch", "Keá toaùn", "Laùi xe"],
        "body": ["Hội Liên hiệp Phụ nữ", "Ủy ban MTTQ", "Văn thư"],
        "posts": [1, 2, 3],
        "note": ["a", "b", "c"],
    })
    out, found = repair_frame(df)
    assert found == {"unit_tcvn3": "tcvn3", "post_vni": "vni"}
    assert out["unit_tcvn3"].tolist()[:2] == ["Lâm Hà", "Đạ Tẻh"] and out["unit_tcvn3"].isna()[2]
    assert out["post_vni"].tolist() == ["Chủ tịch", "Kế toán", "Lái xe"]
    assert out["body"].tolist() == df["body"].tolist()
    assert out["posts"].tolist() == [1, 2, 3]
    assert df["unit_tcvn3"][0] == "L©m Hµ"  # input untouched


# ---------------------------------------------------------------------------------------
# Whole files
def windows_1258_bytes(text: str) -> bytes:
    """Encode like Windows-1258: base letters with hats precomposed, tones as combining marks."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return out


def test_decode_cp1258():
    raw = windows_1258_bytes("Đạ Tẻh 21 biên chế")
    assert b"\xf2" in raw and b"\xd2" in raw  # dot below and hook stored separately
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert decode_bytes(raw) == ("Đạ Tẻh 21 biên chế", "cp1258")


def test_decode_utf8_with_and_without_bom():
    text = "đơn vị,biên chế\nĐạ Tẻh,21\n"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    nfd = unicodedata.normalize("NFD", text).encode("utf-8")
    assert decode_bytes(nfd) == (text, "utf-8")


@pytest.mark.parametrize("legacy", ["§¹ TÎh 21 biªn chÕ", "Ñaï Teûh 21 bieân cheá", "KÕ to¸n"])
def test_decode_rejects_legacy_font_bytes(legacy):
    with pytest.raises(EncodingGuessError, match="cp1252"):
        decode_bytes(legacy.encode("cp1252"))


def test_decode_rejects_undefined_bytes_and_utf16():
    with pytest.raises(EncodingGuessError, match="neither UTF-8 nor Windows-1258"):
        decode_bytes(b"abc\x81def")
    utf16 = "UTF-16 text (byte-order mark found); save the file as UTF-8"
    for raw in ("Lâm Hà".encode("utf-16"), b"\xff\xfe" + "Lâm Hà".encode("utf-16-le"),
                b"\xfe\xff" + "Lâm Hà".encode("utf-16-be")):  # both byte orders
        with pytest.raises(EncodingGuessError) as caught:
            decode_bytes(raw)
        assert str(caught.value) == utf16


def test_decode_rejects_a_byte_order_mark_before_invalid_utf8():
    with pytest.raises(EncodingGuessError, match="^UTF-8 byte-order mark but invalid UTF-8: "):
        decode_bytes(b"\xef\xbb\xbf" + windows_1258_bytes("Đạ Tẻh"))


def test_the_rejection_says_what_to_do():
    with pytest.raises(EncodingGuessError) as caught:
        decode_bytes("KÕ to¸n".encode("cp1252"))
    assert str(caught.value) == (
        "not UTF-8, and not believable Windows-1258 (tone marks after consonants or letters Vietnamese "
        "does not use); it looks like Windows-1252 / TCVN3 / VNI bytes: decode with raw.decode('cp1252') "
        "and run repair_frame")


# ---------------------------------------------------------------------------------------
# Properties
VIET_WORDS = [
    "Lâm", "Hà", "Đạ", "Huoai", "Tẻh", "Bảo", "Lộc", "Đức", "Trọng", "Đơn", "Dương",
    "Biên", "chế", "Chủ", "tịch", "Phó", "Kế", "toán", "Thủ", "quỹ", "Văn", "thư", "Lái",
    "xe", "Hội", "Liên", "hiệp", "Phụ", "nữ", "Ủy", "ban", "MTTQ", "Hoà", "Khoá", "Toà",
    "án", "Thuý", "Quý", "ngoài", "Huyện", "Xã", "Thị", "trấn", "Phường", "Đắk", "Nông",
    "Di", "Linh", "Cát", "Tiên", "Đam", "Rông", "ý", "kiến", "người", "việc", "Sở",
]
WORD = st.one_of(st.sampled_from(VIET_WORDS),
                 st.from_regex(r"[A-Za-z0-9.,()/%-]{1,8}", fullmatch=True))
CASE = st.sampled_from([str, str.upper, str.lower, str.title])
PHRASE = st.builds(lambda words, case: case(" ".join(words)),
                   st.lists(WORD, min_size=1, max_size=6), CASE)


@settings(max_examples=examples(300))
@given(st.lists(PHRASE, min_size=1, max_size=8))
def test_detect_then_repair_is_identity_on_unicode(values):
    values = [unicodedata.normalize("NFC", v) for v in values]
    out, enc = repair_series(pd.Series(values, dtype=object))
    assert enc == "unicode"
    assert out.tolist() == values


UNICODE_ONLY = [c for c in LOWER_NON_ASCII + UPPER_NON_ASCII if c > "\xff"]
ANY_TEXT = st.text(alphabet=st.sampled_from(LOWER_NON_ASCII + UPPER_NON_ASCII
                                            + list("abcdhmnt ÐðĐ©µ¹§øùûïöñ0123")), max_size=20)


@given(ANY_TEXT, st.sampled_from(UNICODE_ONLY), ANY_TEXT, st.sampled_from(ENCODINGS))
def test_text_with_unicode_only_letters_is_never_rewritten(before, letter, after, enc):
    text = before + letter + after
    # Only NFC, and the look-alikes of Đ/đ (Icelandic eth) become the real letter.
    expected = unicodedata.normalize("NFC", text.replace("Ð", "Đ").replace("ð", "đ"))
    assert repair_text(text, enc) == expected


LEGACY_SOURCE = st.text(alphabet=st.sampled_from(LOWER + list("bcdghklmnpqrstvx ,.-0123")),
                        max_size=25)


@given(LEGACY_SOURCE)
def test_round_trip_on_random_lower_case_text(text):
    assert repair_text(encode(text, "tcvn3"), "tcvn3") == text
    assert repair_text(encode(text, "vni"), "vni") == text
    assert repair_text(encode(text.upper(), "vni"), "vni") == text.upper()


MIXED_VALUE = st.one_of(
    st.sampled_from([legacy for legacy, _ in TCVN3_VECTORS + VNI_VECTORS]),
    PHRASE, st.none(), st.just(float("nan")), st.just(""),
)


@given(st.lists(MIXED_VALUE, max_size=30))
def test_repair_series_equals_elementwise_repair_text(values):
    series = pd.Series(values, dtype=object)
    out, enc = repair_series(series)
    strings = list(dict.fromkeys(v for v in values if isinstance(v, str) and not v.isascii()))
    decided = dict(zip(strings, value_encodings(strings)))  # once per distinct value, then scattered
    legacy = [e for e in decided.values() if e != "unicode"]
    # the column is said to be repaired from the legacy encoding most of its repaired values came from
    assert enc == "unicode" if not legacy else legacy.count(enc) == max(map(legacy.count, legacy))
    for value, got in zip(values, out.tolist()):
        if isinstance(value, str):
            assert got == repair_text(value, decided.get(value, "unicode"))
        else:
            assert got is value or (isinstance(got, float) and math.isnan(got))


# Lists pasted together: Unicode rows and rows typed in a legacy font in one column.
LEGACY_SENTENCE = st.builds(
    lambda picks: (" ".join(p[0] for p in picks), " ".join(p[1] for p in picks)),
    st.lists(st.sampled_from(TCVN3_VECTORS), min_size=3, max_size=6, unique=True)
    | st.lists(st.sampled_from(VNI_VECTORS), min_size=3, max_size=6, unique=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(PHRASE, min_size=0, max_size=12), st.lists(LEGACY_SENTENCE, min_size=1, max_size=3),
       st.sampled_from(UNICODE_ONLY), st.randoms(use_true_random=False))
def test_pasted_lists_are_repaired_row_by_row(unicode_rows, legacy_rows, letter, shuffler):
    # a Unicode list holds Unicode-only letters somewhere (here at least "Huy…n")
    unicode_rows = [unicodedata.normalize("NFC", v) for v in unicode_rows] + [f"Huy{letter}n"]
    rows = [(u, u) for u in unicode_rows] + list(legacy_rows)
    shuffler.shuffle(rows)
    out, _enc = repair_series(pd.Series([given for given, _ in rows], dtype=object))
    # every Unicode row comes back as it was, every legacy row (a sentence: sure on its
    # own) is repaired, whichever kind is the majority
    assert out.tolist() == [expected for _, expected in rows]


@settings(max_examples=200, deadline=None)
@given(st.lists(PHRASE, min_size=1, max_size=8), st.lists(MIXED_VALUE, max_size=8),
       st.sampled_from(UNICODE_ONLY))
def test_unicode_rows_of_a_mixed_column_are_never_damaged(unicode_rows, others, letter):
    unicode_rows = [unicodedata.normalize("NFC", v) for v in unicode_rows] + [f"Huy{letter}n"]
    values = unicode_rows + others  # a Unicode-only row makes the column "mixed"
    out, _enc = repair_series(pd.Series(values, dtype=object))
    assert out.tolist()[:len(unicode_rows)] == unicode_rows


def test_minority_legacy_rows_are_repaired():
    unicode_rows = ["Kinh phí hoạt động còn thiếu", "Chưa có hướng dẫn", "Thiếu trụ sở làm việc"]
    tcvn3 = encode("cán bộ chưa được tập huấn nghiệp vụ", "tcvn3")  # "c¸n bé ch\xada ®\xadîc tËp huÊn …"
    vni = encode("Cán bộ chưa được tập huấn", "vni")  # "Caùn boä chöa ñöôïc taäp huaán"
    out, enc = repair_series(pd.Series(unicode_rows + [tcvn3, vni], dtype=object))
    assert out.tolist() == unicode_rows + ["cán bộ chưa được tập huấn nghiệp vụ", "Cán bộ chưa được tập huấn"]
    assert enc in ("tcvn3", "vni")  # the column is said to have been repaired
    # one weak legacy word among Unicode rows is not sure: left as it is, not guessed
    assert repair_series(pd.Series(["Lâm Hà", "Bảo Lộc", "Thñ"], dtype=object))[0].tolist()[2] == "Thñ"


# ---------------------------------------------------------------------------------------
# Windows-1258 or not: evidence for (ă đ ơ ư, tones on vowels) against evidence against
# (tones after consonants, Latin letters Vietnamese does not use, TCVN3 symbols glued to a
# letter); a reading is believed while against × 20 <= for (5 %).
def _verdict(text: str) -> str:
    try:
        return decode_bytes(text.encode("cp1258"))[1]
    except EncodingGuessError as error:
        assert "not believable Windows-1258" in str(error)
        return "rejected"


GOOD = "ă "  # one point for: a letter only Vietnamese has (byte E3: not UTF-8 as it stands)


@pytest.mark.parametrize("text, verdict", [
    (GOOD * 20 + "ü", "cp1258"), (GOOD * 19 + "ü", "rejected"),  # 1 against 20 for: just believed
    (GOOD * 40 + "ü ö", "cp1258"), (GOOD * 40 + "ü ö ç", "rejected"),
    ("a\u0300 " * 20 + "ü", "cp1258"), ("a\u0300 " * 10 + "ü", "rejected"),  # a tone on a vowel is for
    (GOOD * 20 + "t\u0300", "cp1258"), (GOOD * 40 + "t\u0300 n\u0301", "cp1258"),  # a tone after t: against
    (GOOD * 40 + "t\u0300 n\u0301 m\u0303", "rejected"), (GOOD * 19 + "t\u0300", "rejected"),
    (GOOD * 20 + "x¸ ", "cp1258"), (GOOD * 20 + "x¸ x¸", "rejected"),  # a symbol after a letter: against
    (GOOD * 20 + " ¸x ¸x", "rejected"),  # before a letter: against
    (GOOD * 19 + " ¸ x", "cp1258"), (GOOD * 19 + "x ¸ ", "cp1258"),  # a space between: a symbol, fine
    (GOOD * 19 + "1¸2", "cp1258"),  # between digits: a symbol, fine
    (GOOD * 40 + "ü ü x¸", "rejected"),  # every piece of evidence counts
])
def test_windows_1258_is_believed_up_to_one_doubt_in_twenty(text, verdict):
    assert _verdict(text) == verdict


@pytest.mark.parametrize("legacy, expected", [
    ("Aø", "À"), ("aØ", "à"), ("Oâ", "Ô"), ("oÂ", "ô"), ("Eá", "Ế"), ("aÊ", "ă"),  # the base letter's case decides
    ("HAØ NOÄI", "HÀ NỘI"), ("Haø Noäi", "Hà Nội"), ("HAø NOäI", "HÀ NỘI"),
])
def test_vni_modifier_in_either_case(legacy, expected):
    assert repair_text(legacy, "vni") == expected


@pytest.mark.parametrize("column, verdict", [
    ([encode("ăn uống", "tcvn3")], "tcvn3"),  # "¨n uèng": ¨ starts a word, glued to the n after it
    (["Giá ½ kg"], "unicode"),  # ½ with a space on both sides is a symbol
    (["½ L©m Hµ"], "tcvn3"),  # a symbol first, legacy letters after it still count
    (["L©m Haø"], "unicode"),  # one TCVN3 letter and one VNI pair: a tie, no vote
    (["L©m Hµ", "Laâm Haø"], "unicode"),  # one vote each: neither wins
    (["L©m Hµ", "Chñ tÞch", "Bảo Lộc", "Đạ Tẻh"], "unicode"),  # two against two: not more than Unicode
])
def test_detection_edge_cases(column, verdict):
    assert detect_legacy(column) == verdict


def test_ascii_columns_come_back_as_they_were():
    values = pd.Series(["12", "ab", None], index=[5, 9, 11], name="stt", dtype=object)
    out, enc = repair_series(values)
    assert enc == "unicode" and out.name == "stt" and list(out.index) == [5, 9, 11]
    assert out.dtype == object and out.tolist()[:2] == ["12", "ab"] and out.iloc[2] is None
    out.iloc[0] = "changed"
    assert values.iloc[0] == "12"  # a copy, never the caller's column
    strings = pd.Series(["12", "ab", None], dtype="string")
    out, enc = repair_series(strings)
    assert enc == "unicode" and out.dtype == strings.dtype and out.tolist()[:2] == ["12", "ab"]


def test_repair_frame_reaches_every_text_column_and_says_which_values_changed():
    from pilotlib.core.legacy_text import repair_frame_distinct

    df = pd.DataFrame({"stt": [1, 2, 3], "unit": ["L©m Hµ", "12", "L©m Hµ"], "note": ["a", "b", "c"]})
    out, found, distinct, changed = repair_frame_distinct(df)
    assert found == {"unit": "tcvn3"} and out["unit"].tolist() == ["Lâm Hà", "12", "Lâm Hà"]
    assert changed == {1: [0], 2: []}  # column position: distinct values that were not ASCII
    codes, values = distinct[1]
    assert codes.tolist() == [0, 1, 0] and values.tolist() == ["Lâm Hà", "12"]


# Unicode NFC of a whole file, computed only on the stretches that can change: always the
# same text as unicodedata's, whatever the bytes around those stretches are.
NFC_PIECES = ["a", "Z", " ", "\n", "1", "ạ", "Ầ", "ư", "đ", "é", "ñ", "\u0300", "\u0301", "\u0323", "\u0302",
              "\u0306", "\u031b", "e\u0301", "=\u0338", "\u1100", "\u1161", "\u11a8", "\u2126", "\u212b",
              "\u0958", "\u0344", "क", "\u1e00", "\u1eff", "\U0001f600", "\U0001d15e", "ĸ", "\ufeff"]


@given(st.lists(st.sampled_from(NFC_PIECES), max_size=30), st.booleans())
def test_nfc_of_utf8_bytes_equals_unicodedata(pieces, bom):
    from pilotlib.core.legacy_text import nfc_text, nfc_utf8, nfc_utf8_bytes

    text = "".join(pieces)
    raw = text.encode("utf-8")
    expected = unicodedata.normalize("NFC", text)
    assert nfc_text(text) == expected
    assert nfc_utf8(raw) == expected
    assert nfc_utf8(b"\xef\xbb\xbf" + raw, "utf-8-sig") == expected
    assert nfc_utf8(b"\xef\xbb\xbf" + raw, "utf-8") == unicodedata.normalize("NFC", "\ufeff" + text)
    # the same, as UTF-8 bytes for the CSV parser (mark left out), without building the text
    assert nfc_utf8_bytes(raw) == expected.encode("utf-8")
    assert nfc_utf8_bytes(b"\xef\xbb\xbf" + raw, "utf-8-sig") == expected.encode("utf-8")
    if bom:  # bytes that are not UTF-8 fail as the codec words it
        with pytest.raises(UnicodeDecodeError):
            nfc_utf8(raw + b"\xe1\x80" + "\u0300".encode())
        with pytest.raises(UnicodeDecodeError):
            nfc_utf8_bytes(raw + b"\xe1\x80" + "\u0300".encode())
        # 0xFF is no UTF-8 byte: read as a lead byte, it opens a stretch whose decoding fails
        with pytest.raises(UnicodeDecodeError):
            nfc_utf8_bytes(b"abc\xff" + raw)
