"""Repair Vietnamese text that arrives in legacy encodings, so later steps see Unicode NFC.

Two kinds of damage reach us:

* **Whole files** in Windows-1258 instead of UTF-8 (``decode_bytes``). Windows-1258 stores
  tone marks as separate combining characters, so its text must be NFC-composed.
* **Legacy font text** inside otherwise fine files: spreadsheets typed with TCVN3 (ABC
  fonts ".VnTime", ".VnArial") or VNI ("VNI-Times") fonts. The cells hold the
  Windows-1252 reading of the font's bytes, e.g. "L©m Hµ" (TCVN3) or "Laâm Haø" (VNI)
  for "Lâm Hà". ``detect_legacy`` recognises such a column, ``value_encoding`` decides
  each value (lists pasted together mix Unicode rows with font rows: a value sure on its
  own is repaired even in a mostly Unicode column), ``repair_text`` maps it back, and
  ``repair_series`` / ``repair_frame`` do so once per distinct value.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

from pilotlib.core.text import nfc

ENCODINGS = ("unicode", "tcvn3", "vni")

# --------------------------------------------------------------------------------------
# Character tables (frozen standards). Every row lists one vowel in the six tones, in the
# order: level, grave (huyền), hook above (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")

# TCVN3 = TCVN 5712:1993 "VN3", the code page of the ABC .VnTime/.VnArial fonts, shown
# as the Windows-1252 characters of its bytes. VN3 has lower-case toned letters only;
# capitals exist for Ă Â Ê Ô Ơ Ư Đ (0xA1-0xA7). The upper-case toned letters of VN1/VN2
# (bytes 0x80-0x9F etc.) are deliberately NOT mapped: those positions hold quotes and
# dashes in Windows-1252 text, and .VnTime text types capitals with the .VnTimeH font.
_TCVN3_ROWS = {
    "a": "a\xb5\xb6\xb7\xb8\xb9",  # a µ ¶ · ¸ ¹
    "ă": "\xa8\xbb\xbc\xbd\xbe\xc6",  # ¨ » ¼ ½ ¾ Æ
    "â": "\xa9\xc7\xc8\xc9\xca\xcb",  # © Ç È É Ê Ë
    "e": "e\xcc\xce\xcf\xd0\xd1",  # e Ì Î Ï Ð Ñ
    "ê": "\xaa\xd2\xd3\xd4\xd5\xd6",  # ª Ò Ó Ô Õ Ö
    "i": "i\xd7\xd8\xdc\xdd\xde",  # i × Ø Ü Ý Þ
    "o": "o\xdf\xe1\xe2\xe3\xe4",  # o ß á â ã ä
    "ô": "\xab\xe5\xe6\xe7\xe8\xe9",  # « å æ ç è é
    "ơ": "\xac\xea\xeb\xec\xed\xee",  # ¬ ê ë ì í î
    "u": "u\xef\xf1\xf2\xf3\xf4",  # u ï ñ ò ó ô
    "ư": "\xad\xf5\xf6\xf7\xf8\xf9",  # (soft hyphen U+00AD) õ ö ÷ ø ù
    "y": "y\xfa\xfb\xfc\xfd\xfe",  # y ú û ü ý þ   (ý is the same byte in both)
}
_TCVN3_EXTRA = {"\xae": "đ", "\xa7": "Đ", "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê",
                "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư"}  # ® § ¡ ¢ £ ¤ ¥ ¦

# VNI Windows (VNI-Times etc.): a base letter followed by a modifier character.
# Tone modifiers ø û õ ù ï; â = circumflex (on a/e/o) and à å ã á ä = circumflex + tone;
# ê = breve (on a) and è ú ü é ë = breve + tone; ô = ơ, ö = ư, ñ = đ; the i tones and ỵ
# are single characters. Capitals are the .upper() of these spellings ("AØ" = À).
_VNI_ROWS = {
    "a": ("a", "aø", "aû", "aõ", "aù", "aï"),
    "ă": ("aê", "aè", "aú", "aü", "aé", "aë"),
    "â": ("aâ", "aà", "aå", "aã", "aá", "aä"),
    "e": ("e", "eø", "eû", "eõ", "eù", "eï"),
    "ê": ("eâ", "eà", "eå", "eã", "eá", "eä"),
    "i": ("i", "ì", "æ", "ó", "í", "ò"),
    "o": ("o", "oø", "oû", "oõ", "où", "oï"),
    "ô": ("oâ", "oà", "oå", "oã", "oá", "oä"),
    "ơ": ("ô", "ôø", "ôû", "ôõ", "ôù", "ôï"),
    "u": ("u", "uø", "uû", "uõ", "uù", "uï"),
    "ư": ("ö", "öø", "öû", "öõ", "öù", "öï"),
    "y": ("y", "yø", "yû", "yõ", "yù", "î"),
}
_VNI_EXTRA = {"ñ": "đ", "Ñ": "Đ"}


def _letter(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONE_MARKS[tone])


def _build_tcvn3() -> dict[str, str]:
    table = {code: _letter(vowel, tone)
             for vowel, codes in _TCVN3_ROWS.items() for tone, code in enumerate(codes)}
    table.update(_TCVN3_EXTRA)
    return {code: letter for code, letter in table.items() if not code.isascii()}


def _build_vni() -> dict[str, str]:
    table = dict(_VNI_EXTRA)
    for vowel, spellings in _VNI_ROWS.items():
        for tone, spelling in enumerate(spellings):
            lower, upper = _letter(vowel, tone), _letter(vowel, tone).upper()
            table[spelling] = lower
            table[spelling.upper()] = upper
            if len(spelling) == 2:  # the letter's case decides; accept either modifier case
                table[spelling[0] + spelling[1].upper()] = lower
                table[spelling[0].upper() + spelling[1]] = upper
    return {code: letter for code, letter in table.items() if not code.isascii()}


#: Legacy spelling (Windows-1252 view) -> Unicode letter, for every letter whose spelling
#: is not plain ASCII (ý, ì, í map to themselves). Public so tests can invert them.
TCVN3_TO_UNICODE: dict[str, str] = _build_tcvn3()
VNI_TO_UNICODE: dict[str, str] = _build_vni()

_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)
_VNI_RE = re.compile(  # two-character spellings first, so "ôø" (ờ) wins over "ô" (ơ)
    "|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))

_VIET_LETTERS = frozenset(
    {_letter(v, t) for v in _VOWELS for t in range(6)}
    | {_letter(v, t).upper() for v in _VOWELS for t in range(6)} | {"đ", "Đ"})
_VIET_LATIN1 = frozenset(c for c in _VIET_LETTERS if "\x80" <= c <= "\xff")  # à â é ô ý …
# Vietnamese letters and marks that no Windows-1252 reading can produce: proof of Unicode.
_UNICODE_ONLY = re.compile("[" + "".join(sorted(c for c in _VIET_LETTERS if c > "\xff"))
                           + "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]")

# --------------------------------------------------------------------------------------
# Detection evidence, scored per distinct value.
# VNI: a vowel followed by a modifier, i.e. a two-character VNI spelling, not followed by
# a consonant that can never come after a vowel in Vietnamese (b d g k l r s v …), so
# "naïve" is not VNI "nạve". o + à/á/ã is left out: Unicode "hoà", "khoá", "xoã" (old
# tone placement) are real words. "öô" (ươ) is added: it is VNI's signature for ư+ơ.
_VNI_PAIRS = sorted({k for k in VNI_TO_UNICODE if len(k) == 2 and not
                     (k[0] in "oO" and k[1] in "àáãÀÁÃ")} | {"öô", "ÖÔ", "Öô"})
_VNI_PAIR_RE = re.compile(
    "(?:" + "|".join(map(re.escape, _VNI_PAIRS)) + ")(?![bdfgjklqrsvwxzBDFGJKLQRSVWXZ])")
# Letters VNI uses on their own that are not Vietnamese Unicode letters: TCVN3 uses them too.
_VNI_SINGLE_FOREIGN = frozenset(k for k in VNI_TO_UNICODE if len(k) == 1) - _VIET_LATIN1
# Letters of French/German words ("Noël", "façade", "Müller") count only half for TCVN3.
_WESTERN = frozenset("çÇëËïÏûÛüÜîÎæÆœŒ")


def _scores(text: str) -> tuple[float, float]:
    """(tcvn3, vni) evidence for one value that has no Unicode-only letters.

    VNI pair: 1 point. A character of the TCVN3 table inside a word (next to an ASCII
    letter or another legacy character) and not a Vietnamese Unicode letter itself:
    1 point, or 0.5 for Western letters, or 0.5 to both when VNI also uses it alone (ñ ö).
    """
    tcvn3, vni, _strong_tcvn3, _strong_vni = _evidence(text)
    return tcvn3, vni


def _evidence(text: str) -> tuple[float, float, int, int]:
    """``_scores`` plus the whole points in them: (tcvn3, vni, strong tcvn3, strong vni)."""
    vni = float(len(_VNI_PAIR_RE.findall(text)))
    strong_vni, strong_tcvn3 = int(vni), 0
    rest = _VNI_PAIR_RE.sub("x", text)  # a pair is a letter: keeps neighbours "in a word"
    tcvn3 = 0.0
    for i, ch in enumerate(rest):
        if ch not in TCVN3_TO_UNICODE or ch in _VIET_LATIN1:
            continue
        around = rest[i - 1:i] + rest[i + 1:i + 2]
        if not any(c.isascii() and c.isalpha() or c in TCVN3_TO_UNICODE for c in around):
            continue  # "©" or "½" standing alone is a symbol, not a letter
        if ch in _VNI_SINGLE_FOREIGN:
            tcvn3 += 0.5
            vni += 0.5
        elif ch in _WESTERN:
            tcvn3 += 0.5
        else:
            tcvn3 += 1.0
            strong_tcvn3 += 1
    return tcvn3, vni, strong_tcvn3, strong_vni


# A value is SURE legacy on its own when its evidence for one encoding is at least SURE,
# a point more than the other's, and holds a whole point (a letter no Western word has,
# or a VNI pair): "L©m Hµ", "Laâm Haø", any sentence typed in the font. No Unicode
# Vietnamese scores at all (its Latin-1 letters à â é ô … count nothing) and Western
# words score half a point a letter and no whole point ("Noël Müller Façade" = 1.5).
SURE = 2.0


def value_encoding(value: str, column: str, mixed: bool = True) -> str:
    """How ONE distinct value is repaired, given its column's encoding (``detect_legacy``)
    and whether the column also holds values with Unicode-only letters (``mixed``).

    A value with a Unicode-only letter stays Unicode. A value sure on its own (see
    ``SURE``) takes its own encoding whatever the column says, so the legacy rows of a
    mostly Unicode column (lists pasted together) are repaired row by row. A value with
    weaker evidence follows a legacy column unless it points the other way ("Ñôn vò":
    Ñ is a letter of both). A value with no evidence at all — only letters Unicode
    Vietnamese shares with Windows-1252 — follows a legacy column only when nothing in
    the column is Unicode: "Néi dung" (Nội dung) in a TCVN3 file is repaired, while "Lâm
    Hà" among Unicode rows is left alone, since damaging a good row is worse than leaving
    a rare legacy one for a person to see."""
    if not isinstance(value, str) or value.isascii() or _UNICODE_ONLY.search(value):
        return "unicode"
    tcvn3, vni, strong_tcvn3, strong_vni = _evidence(value)
    best, score, other, strong = ("tcvn3", tcvn3, vni, strong_tcvn3) if tcvn3 > vni \
        else ("vni", vni, tcvn3, strong_vni)
    if score >= SURE and score - other >= 1 and strong >= 1:
        return best
    if column == "unicode":
        return "unicode"
    own, rival = (tcvn3, vni) if column == "tcvn3" else (vni, tcvn3)
    if own == 0 and rival == 0:
        return "unicode" if mixed else column
    return column if own >= rival else "unicode"


def detect_legacy(values: Iterable[str]) -> str:
    """Which encoding a column of strings is in: "unicode", "tcvn3" or "vni".

    Each DISTINCT non-empty string votes. A value with a Vietnamese letter outside
    Latin-1 (ư, ạ, ế, … or combining marks) votes "unicode": legacy text never has one.
    Otherwise it votes for TCVN3 or VNI when that encoding's score (see ``_scores``) is at
    least 1 and higher than the other's; plain ASCII, "café" or "Lâm Hà" score 0 and do
    not vote. The column is legacy when that encoding has at least one vote, more votes
    than the other legacy encoding and more than "unicode"; anything else is "unicode",
    because wrongly "repairing" good text is worse than leaving a rare legacy value.
    """
    votes = {"unicode": 0, "tcvn3": 0, "vni": 0}
    for value in set(values):
        if not isinstance(value, str) or value.isascii():
            continue
        if _UNICODE_ONLY.search(value):
            votes["unicode"] += 1
            continue
        tcvn3, vni = _scores(value)
        if max(tcvn3, vni) >= 1 and tcvn3 != vni:
            votes["tcvn3" if tcvn3 > vni else "vni"] += 1
    best = "tcvn3" if votes["tcvn3"] > votes["vni"] else "vni"
    other = "vni" if best == "tcvn3" else "tcvn3"
    if votes[best] >= 1 and votes[best] > votes[other] and votes[best] > votes["unicode"]:
        return best
    return "unicode"


def repair_text(text: str, encoding: str) -> str:
    """Map legacy TCVN3/VNI text to Unicode NFC ("unicode": NFC only).

    Text that already contains a Unicode-only Vietnamese letter is returned as NFC
    unchanged whatever ``encoding`` says, so a column mixing old and new rows is safe.
    TCVN3 has no toned capitals, so "ĐẠ TẺH" typed in .VnTimeH comes back "Đạ tẻh".
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}; expected one of {ENCODINGS}")
    if encoding == "unicode" or _UNICODE_ONLY.search(text):
        return nfc(text)
    if encoding == "tcvn3":
        return nfc(text.translate(_TCVN3_TRANS))
    return nfc(_VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group()], text))


# pandas 3 copies on write: a shallow copy is as safe as a deep one, and free.
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def repair_series(values: pd.Series) -> tuple[pd.Series, str]:
    """Detect the column's encoding and repair each distinct value once.

    National tables have millions of rows but few distinct labels, so values are
    factorised, repaired per unique value and scattered back with numpy; missing values
    stay exactly as they were; non-string values pass through. Returns (series, encoding).
    """
    result, encoding, _codes, _distinct, _changed = _repair_column(values)
    return result, encoding


def _repair_column(values: pd.Series, factorized: tuple | None = None
                   ) -> tuple[pd.Series, str, np.ndarray, np.ndarray, list[int]]:
    """(repaired column, encoding, codes, repaired distinct values, positions of the
    distinct values that may have changed): codes index the distinct values (-1 for a
    missing cell), so callers can work per distinct value. ``factorized``:
    ``pd.factorize(values)`` when the caller has it (its distinct values may include
    some of cells cut off since: blanks, which cast no vote)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True) if factorized is None else factorized
    distinct = np.asarray(uniques, dtype=object)  # an Index from factorising a Series: its array
    try:  # all text (the usual case): str.isascii mapped in C — an STT column has 10⁶ values
        ascii_values = np.fromiter(map(str.isascii, distinct), dtype=bool, count=len(distinct))
    except TypeError:  # some value is no text (a number from a spreadsheet)
        ascii_values = None
    if ascii_values is not None and ascii_values.all():
        # Nothing to detect or repair (STT numbers, counts, codes): ASCII text votes for
        # no encoding and is its own repair, so the values come back as they are
        # (copied lazily under copy-on-write: 10⁶ STT numbers are not copied at all).
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            return values.copy(deep=not _COPY_ON_WRITE), "unicode", codes, distinct, []
        return pd.Series(values.to_numpy(dtype=object, copy=True), index=values.index, name=values.name,
                         dtype=object), "unicode", codes, distinct, []
    # ASCII text is its own repair in every encoding and casts no vote: only the rest is read.
    others = (np.flatnonzero(~ascii_values).tolist() if ascii_values is not None else
              [i for i, u in enumerate(distinct) if isinstance(u, str) and not u.isascii()])
    encodings = value_encodings([distinct[i] for i in others])
    repaired = distinct.copy()
    for i, encoding in zip(others, encodings):
        repaired[i] = repair_text(distinct[i], encoding)
    return _scatter(values, codes, repaired), _reported(encodings), codes, repaired, others


def value_encodings(values: list[str]) -> list[str]:
    """``value_encoding`` of each of the DISTINCT non-ASCII strings of one column."""
    column = detect_legacy(values)
    mixed = any(_UNICODE_ONLY.search(v) for v in values)
    return [value_encoding(v, column, mixed) for v in values]


def _reported(encodings: list[str]) -> str:
    """The encoding a column is said to have been repaired from: the legacy one most of its
    repaired values came from ("unicode" when none was repaired)."""
    legacy = [e for e in encodings if e != "unicode"]
    if not legacy:
        return "unicode"
    return "tcvn3" if legacy.count("tcvn3") >= legacy.count("vni") else "vni"


def _scatter(values: pd.Series, codes: np.ndarray, repaired: np.ndarray) -> pd.Series:
    """The column with each present cell replaced by its distinct value's repair."""
    out = values.to_numpy(dtype=object, copy=True)
    present = codes >= 0
    out[present] = repaired[codes[present]]
    result = pd.Series(out, index=values.index, name=values.name, dtype=object)
    if isinstance(values.dtype, pd.StringDtype):
        result = result.astype(values.dtype)
    return result


def repair_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Repair every object/string column, each distinct value decided in its column (``value_encoding``).

    Returns the new frame and {column: encoding} for the columns that were legacy.
    """
    out, found, _distinct, _changed = repair_frame_distinct(df)
    return out, found


def repair_frame_distinct(df: pd.DataFrame, factorized: dict | None = None
                          ) -> tuple[pd.DataFrame, dict[str, str], dict, dict]:
    """``repair_frame``, plus {column position: (codes, repaired distinct values)} for
    every repaired column, so later steps need not factorise the columns again, and
    {column position: positions of the distinct values repair may have changed}.
    ``factorized``: {column position: pd.factorize of the column} the caller has already."""
    out = df.copy(deep=not _COPY_ON_WRITE)  # every text column is replaced below
    found: dict[str, str] = {}
    distinct: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    changed: dict[int, list[int]] = {}
    for position, column in enumerate(df.columns):
        series = df.iloc[:, position]
        if series.dtype != object and not isinstance(series.dtype, pd.StringDtype):
            continue
        repaired, encoding, codes, values, others = _repair_column(series, (factorized or {}).get(position))
        out.isetitem(position, repaired)
        distinct[position] = (codes, values)
        changed[position] = others
        if encoding != "unicode":
            found[column] = encoding
    return out, found, distinct, changed


# --------------------------------------------------------------------------------------
# Whole files.
class EncodingGuessError(ValueError):
    """The bytes are neither UTF-8 nor believable Windows-1258."""


_TONE_AFTER = re.compile(r"(.?)([\u0300\u0301\u0303\u0309\u0323])", re.S)
_VOWEL_BASES = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_VIET_SPECIFIC = frozenset("ĂăĐđƠơƯư")


def _cp1258_plausible(text: str) -> bool:
    """Judge a Windows-1258 reading (before NFC) of single-byte data.

    Windows-1258 and Windows-1252 agree on every byte except 14, so the choice only
    matters when those occur. For: Ă Đ Ơ Ư ă đ ơ ư and tone marks sitting on a vowel.
    Against: tone marks after a non-vowel (impossible in Windows-1258; it is TCVN3/VNI
    "tÞch", "tòch" read wrongly), Latin-1 letters Vietnamese never uses (ä ç ë ï ñ ö ø
    û ü …: VNI/TCVN3 or Western text) and symbols glued to letters ("to¸n", TCVN3).
    Plausible when against <= 5% of for; with nothing against, the reading equals the
    Windows-1252 one wherever it matters, so accepting it is harmless.
    """
    good = sum(ch in _VIET_SPECIFIC for ch in text)
    bad = 0
    for before, _mark in _TONE_AFTER.findall(text):
        if before in _VOWEL_BASES:
            good += 1
        else:
            bad += 1
    for i, ch in enumerate(text):
        if ch.isascii() or ch in _VIET_LETTERS or unicodedata.combining(ch):
            continue
        if ch.isalpha():
            bad += 1
        elif ch in TCVN3_TO_UNICODE:  # ¸ © µ ¹ … (not ° ± ² ³, which TCVN3 leaves alone)
            around = text[i - 1:i] + text[i + 1:i + 2]
            bad += any(c.isascii() and c.isalpha() for c in around)
    return bad * 20 <= good


# Characters after which nothing can change under NFC: U+0000–U+02FF and U+1E00–U+1EFF
# (ASCII, Latin-1, Latin Extended A/B, IPA, spacing modifiers, and the precomposed
# Vietnamese letters) all have NFC_Quick_Check=Yes, combining class 0, and are never the
# second character of a composition (checked against the Unicode database by a test;
# Unicode's normalisation stability keeps it true). A line made only of them is NFC.
_MAY_CHANGE_UNDER_NFC = re.compile("[^\x00-\u02ff\u1e00-\u1eff]")


def nfc_text(text: str) -> str:
    """``unicodedata.normalize("NFC", text)`` for a whole file, line by line where needed.

    A line break is a normalisation boundary, so NFC of the text is NFC of each line;
    only lines holding a character outside the inert ranges above are normalised (a
    national table of 10⁶ lines, a tenth of them typed in NFD, in a fraction of the time
    the whole-text call takes).
    """
    found = _MAY_CHANGE_UNDER_NFC.search(text)
    if found is None:
        return text
    parts: list[str] = []
    done = 0
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        parts.append(text[done:start])
        parts.append(unicodedata.normalize("NFC", text[start:end]))
        done = end
        found = _MAY_CHANGE_UNDER_NFC.search(text, end)
    parts.append(text[done:])
    return "".join(parts)


def nfc_utf8(raw: bytes, encoding: str = "utf-8") -> str:
    """``unicodedata.normalize("NFC", raw.decode(encoding))`` for "utf-8" / "utf-8-sig",
    raising the same UnicodeDecodeError for bytes that are not UTF-8.

    Only the stretches that can change are normalised: each run of characters outside
    the inert ranges above, with the character before it (the base a combining mark
    may compose with; itself inert, so it never composes with what precedes it). In
    UTF-8 such a character starts with a byte >= 0xCC, except U+1E00–U+1EFF (0xE1
    then 0xB8–0xBB), so numpy finds every run in the bytes at once.
    """
    start, stretches = _stretches(raw, encoding)
    if stretches is None:
        return raw.decode(encoding)
    try:
        parts: list[str] = []
        done = start
        for begin, end in stretches:
            parts.append(raw[done:begin].decode("utf-8"))
            parts.append(unicodedata.normalize("NFC", raw[begin:end].decode("utf-8")))
            done = end
        parts.append(raw[done:].decode("utf-8"))
    except UnicodeDecodeError:  # not UTF-8: fail as the codec words it for the whole text
        raw.decode(encoding)
        raise  # pragma: no cover - the whole text decodes whenever every piece does
    return "".join(parts)


def nfc_utf8_bytes(raw: bytes, encoding: str = "utf-8", check: bool = True) -> bytes:
    """``nfc_utf8(raw, encoding).encode("utf-8")`` without the byte-order mark, made
    without building the text: what a CSV parser reading bytes needs. The same stretches
    are normalised (each distinct one once: a national table repeats a few hundred NFD
    names); the bytes between them are checked to be UTF-8 (a block at a time) and
    copied as they are. Raises the same UnicodeDecodeError for bytes that are not UTF-8.

    ``check=False``: the bytes between the stretches are not checked — for a caller whose
    parser decodes every byte anyway and raises UnicodeDecodeError itself (pandas' C
    parser), so the file is not decoded twice. The stretches are always checked.
    """
    start, bounds = _stretch_bounds(raw, encoding)
    if check:
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in range(start, len(raw), _CHECK_BLOCK):
                decoder.decode(raw[block:block + _CHECK_BLOCK])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raw.decode(encoding)  # the codec's own words for the whole text
            raise  # pragma: no cover - the whole text decodes whenever every block does
    if bounds is None:
        return raw[start:] if start else raw
    edges = [start, *np.column_stack(bounds).ravel().tolist(), len(raw)]
    pieces = [raw[a:b] for a, b in zip(edges[:-1], edges[1:])]  # odd positions: the stretches
    fixed = {}
    for piece in set(pieces[1::2]):
        text = piece.decode("utf-8")
        composed = unicodedata.normalize("NFC", text)
        fixed[piece] = piece if composed == text else composed.encode("utf-8")
    pieces[1::2] = [fixed[piece] for piece in pieces[1::2]]
    return b"".join(pieces)


_CHECK_BLOCK = 1 << 20  # bytes decoded at a time to check them (the text itself is not kept)


def _stretches(raw: bytes, encoding: str) -> tuple[int, list[tuple[int, int]] | None]:
    """(first byte after a "utf-8-sig" mark, the byte ranges ``nfc_utf8`` normalises in
    order and without overlap; None when there is none)."""
    start, bounds = _stretch_bounds(raw, encoding)
    return start, None if bounds is None else list(zip(bounds[0].tolist(), bounds[1].tolist()))


def _stretch_bounds(raw: bytes, encoding: str) -> tuple[int, tuple[np.ndarray, np.ndarray] | None]:
    """``_stretches`` as two arrays (first bytes, ends), worked out with numpy."""
    start = 3 if encoding == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf") else 0
    data = np.frombuffer(raw, dtype=np.uint8)
    leads = np.flatnonzero(data[start:] >= 0xCC) + start
    if len(leads):
        second = data[np.minimum(leads + 1, len(data) - 1)]
        leads = leads[~((data[leads] == 0xE1) & (second >= 0xB8) & (second <= 0xBB))]
    if not len(leads):
        return start, None
    first = data[leads]
    ends = leads + np.where(first >= 0xF0, 4, np.where(first >= 0xE0, 3, 2))
    new_run = np.ones(len(leads), dtype=bool)
    new_run[1:] = leads[1:] != ends[:-1]  # a run: characters back to back
    run_starts, run_ends = leads[new_run], ends[np.append(new_run[1:], True)]
    base = np.maximum(run_starts - 1, start)  # back to the first byte of the character before
    for _byte in range(3):
        inside = (base > start) & ((data[base] & 0xC0) == 0x80)  # a continuation byte
        if not inside.any():
            break
        base -= inside
    base = np.where(run_starts > start, base, run_starts)
    # touching the previous stretch (its base is where the previous run ends): extend it
    begins = np.maximum(base, np.concatenate(([start], run_ends[:-1])))
    return start, (begins, run_ends)


def wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" / "UTF-32" when the bytes are text in one of them (a byte-order mark, or
    the zero bytes UTF-16 without a mark leaves in every other position), else None.
    pilotlib reads UTF-8 and the Vietnamese legacy encodings; these are refused by name."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:4096]
    if len(head) >= 4 and b"\x00" in head:
        # Without a mark: text is mostly ASCII (digits, spaces, separators, unaccented
        # letters), whose UTF-16 code units have a zero high byte — zeros pile up in one
        # byte position and almost never fall in the other, unlike binary data.
        pairs = len(head) // 2
        zeros = sorted((head[0::2].count(0), head[1::2].count(0)))
        if zeros[1] >= 0.3 * pairs and zeros[0] <= 0.02 * pairs:
            return "UTF-16"
    return None


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a whole CSV/text file to NFC text; returns (text, encoding name).

    Order: UTF-8 with BOM ("utf-8-sig"), UTF-8 ("utf-8"), else Windows-1258 ("cp1258")
    if its reading is plausible (see ``_cp1258_plausible``). Raises EncodingGuessError
    (a ValueError) for UTF-16, undefined Windows-1258 bytes, or bytes that look like
    Windows-1252 text: decode those with ``raw.decode("cp1252")`` and run
    ``repair_frame`` (TCVN3/VNI font text saved as a CSV arrives that way).
    Plain ``unicodedata`` NFC is used so TCVN3 "Ð" (= é) survives for ``repair_text``.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EncodingGuessError("UTF-16 text (byte-order mark found); save the file as UTF-8")
    name = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return nfc_utf8(raw, name), name
    except UnicodeDecodeError as exc:
        if name == "utf-8-sig":
            raise EncodingGuessError(f"UTF-8 byte-order mark but invalid UTF-8: {exc}") from exc
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise EncodingGuessError(f"neither UTF-8 nor Windows-1258: {exc}") from exc
    if not _cp1258_plausible(text):
        raise EncodingGuessError(
            "not UTF-8, and not believable Windows-1258 (tone marks after consonants or "
            "letters Vietnamese does not use); it looks like Windows-1252 / TCVN3 / VNI "
            "bytes: decode with raw.decode('cp1252') and run repair_frame")
    return nfc_text(text), "cp1258"
