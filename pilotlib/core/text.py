"""Folded matching keys for Vietnamese names and labels, and safe file names from them.

Names arrive as "Huyện Lâm Hà", "H. Đạ Huoai", "ĐẠ TẺH ", "Da Teh", "Ðạ Huoai" (with
U+00D0) or decomposed (NFD). They are compared through one folded key: lower case, no
tone or hat marks, đ→d, spaces and hyphens collapsed. Keys are computed once per unique
value and mapped back (``fold_series``), never in a per-row Python loop.
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from pilotlib.core.distinct import each_distinct

# U+00D0 (Icelandic eth) and U+0189 (African D) look like Đ and are typed for it.
_D_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")
_PUNCT_EDGES = re.compile(r"^[\s.,;:()\[\]\"'*]+|[\s.,;:()\[\]\"'*]+$")
# The same edges for str.strip, ten times faster than the regex: \s is every character
# for which str.isspace() holds (these 29; a test holds them to the Unicode database).
_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
           "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_EDGES = _SPACES + ".,;:()[]\"'*"


def nfc(text: str) -> str:
    """Unicode NFC, with the Đ look-alikes replaced by the real letter."""
    return unicodedata.normalize("NFC", text.translate(_D_LOOKALIKES))


class _Bare(dict):
    """Character → the character without its marks, worked out once per character seen.

    Canonical decomposition works character by character (reordering only moves marks,
    which are dropped anyway), so one ``str.translate`` gives what NFD, dropping the
    combining marks and đ→d give for the whole text — about ten times faster.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).translate(_D_LOOKALIKES))
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d").replace("Đ", "D")
        self[code] = bare
        return bare


_BARE = _Bare()


def strip_marks(text: str) -> str:
    """Remove tone and hat marks and turn đ/Đ into d/D (keeps case)."""
    return text.translate(_BARE)


def fold(text: object) -> str:
    """The matching key: lower case, no marks, đ→d, one space between words.

    >>> fold("  ĐẠ  TẺH ") == fold("Da-Teh") == "da teh"
    True
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    key = strip_marks(str(text)).lower()
    key = _SEPARATORS.sub(" ", key)
    return key.strip(_EDGES)  # _PUNCT_EDGES.sub("", key).strip()


# Administrative prefixes dropped before matching unit names. They are recognised on the
# text WITH its marks, so that place names whose first syllable folds to the same letters
# keep it: "Tịnh Biên" is not "Tỉnh Biên", "Quan Hóa" is not "Quận Hóa", "Xá Lượng" is not
# "Xã Lượng". Abbreviations need their dot ("H.", "TP."), except TP/TX, which are no
# syllable (nor is TT). Typed without any marks, only the prefixes that cannot be a syllable of a name
# are dropped ("huyen", "thanh pho", "thi xa", "thi tran").
_MARKED_PREFIX = re.compile(
    r"^(?:(?P<word>huyện|thị xã|thành phố|thị trấn|tỉnh|quận|phường|xã|đặc khu)\s+"
    r"|(?P<short>tp|tx|tt|h|q|p|x|t)\.\s*|(?P<bare>tp|tx|tt)\s+)"
)
_UNMARKED_PREFIX = re.compile(r"^(?P<word>huyen|thanh pho|thi xa|thi tran|dac khu)\s+")


def fold_unit(text: object) -> str:
    """Folded key for an administrative unit name, without "Huyện", "H.", "TP." etc.

    >>> fold_unit("Huyện Lâm Hà") == fold_unit("H.Lâm Hà") == fold_unit("lam ha")
    True
    >>> fold_unit("Tịnh Biên"), fold_unit("Quan Hóa"), fold_unit("Huyện Quan Hóa")
    ('tinh bien', 'quan hoa', 'quan hoa')
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return fold(_split_prefix(text)[1]) or fold(text)


def _split_prefix(text: object) -> tuple[str, str]:
    """(folded administrative prefix or "", the rest of the lowered text)."""
    lowered = _SEPARATORS.sub(" ", nfc(str(text)).lower()).strip(" .,;:()[]\"'*")
    for pattern in (_MARKED_PREFIX, _UNMARKED_PREFIX):
        match = pattern.match(lowered)
        if match:
            return fold(next(g for g in match.groups() if g)), lowered[match.end():]
    return "", lowered


def unit_prefix(text: object) -> str:
    """The administrative prefix ``fold_unit`` drops, folded: "huyen", "xa", "tp", "h", "" …

    >>> unit_prefix("H. Đạ Huoai"), unit_prefix("Thị trấn Đạ Tẻh"), unit_prefix("Tịnh Biên")
    ('h', 'thi tran', '')
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return _split_prefix(text)[0]


# Old and new tone placement ("Hoà"/"Hòa", "Thuỷ"/"Thủy"): in an open syllable oa, oe, uy
# the mark moves to the first vowel. Works on NFD text (letter, then its marks).
_OLD_TONE = re.compile(r"(o)([ae])([\u0300\u0301\u0303\u0309\u0323])(?![a-z\u0300-\u036f])"
                       r"|(u)(y)([\u0300\u0301\u0303\u0309\u0323])(?![a-z\u0300-\u036f])")


def _move_tone(match: re.Match[str]) -> str:
    first, vowel, tone = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
    return first + tone + vowel


def marked_unit_key(text: object) -> str:
    """``fold_unit``'s key with the marks kept, so "Lâm Hà" and "Lãm Hà" differ while
    "Hoà" and "Hòa" (tone placement) do not.

    >>> marked_unit_key("Xã Bình Hoà") == marked_unit_key("BÌNH HÒA"), marked_unit_key("Lãm Hà")
    (True, 'lãm hà')
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return _marked(_split_prefix(text)[1])


def _marked(rest: str) -> str:
    moved = unicodedata.normalize("NFD", rest)
    if "oa" in moved or "oe" in moved or "uy" in moved:  # the letters _OLD_TONE needs, side by side
        moved = _OLD_TONE.sub(_move_tone, moved)
    key = unicodedata.normalize("NFC", moved)
    return _SEPARATORS.sub(" ", key).strip(_EDGES)  # _PUNCT_EDGES.sub("", …).strip()


def unit_keys(text: str) -> tuple[str, str, str]:
    """(``unit_prefix``, ``fold_unit``, ``marked_unit_key``) of one name, splitting it once."""
    prefix, rest = _split_prefix(text)
    return prefix, fold(rest) or fold(text), _marked(rest)


def has_marks(text: object) -> bool:
    """Written with Vietnamese marks (so the marks can tell "Lâm Hà" from "Lãm Hà")."""
    return isinstance(text, str) and strip_marks(text) != text


def fold_series(values: pd.Series, key=fold) -> pd.Series:
    """Apply a key function once per distinct value and take the results back."""
    return each_distinct(values, key)


_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """'Đạ Tẻh' → 'da-teh'; '../x' → 'x'; '' → 'unnamed'."""
    slug = _NOT_SAFE.sub("-", fold(text)).strip("-")
    return slug or "unnamed"


def check_unique(names: list[str]) -> dict[str, str]:
    """Map each name to its slug; two names with the same slug raise ValueError naming both."""
    seen: dict[str, str] = {}
    for name in names:
        slug = slugify(name)
        if slug in seen and seen[slug] != name:
            raise ValueError(
                f"'{seen[slug]}' và '{name}' trùng tên tệp '{slug}' / "
                f"'{seen[slug]}' and '{name}' both give the file name '{slug}'"
            )
        seen[slug] = name
    return {name: slug for slug, name in seen.items()}


# Explicit direction controls: embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
FSI, PDI = "\u2068", "\u2069"


def isolate_bidi(text: str) -> str:
    """``text`` unchanged, unless it holds direction controls (e.g. U+202E RIGHT-TO-LEFT
    OVERRIDE): then wrapped in isolates (FSI … PDI, invisible), so the controls reorder
    only the text itself, never the sentence or heading it is inserted into. A stray
    PDI inside cannot close the wrapper early: one more FSI is opened for each."""
    if not _BIDI_CONTROLS.search(text):
        return text
    depth = stray = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if depth:
                depth -= 1
            else:
                stray += 1
    return FSI * (1 + stray) + text + PDI * (1 + depth)
