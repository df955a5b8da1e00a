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


def nfc(text: str) -> str:
    """Unicode NFC, with the Đ look-alikes replaced by the real letter."""
    return unicodedata.normalize("NFC", text.translate(_D_LOOKALIKES))


def strip_marks(text: str) -> str:
    """Remove tone and hat marks and turn đ/Đ into d/D (keeps case)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LOOKALIKES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: object) -> str:
    """The matching key: lower case, no marks, đ→d, one space between words.

    >>> fold("  ĐẠ  TẺH ") == fold("Da-Teh") == "da teh"
    True
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    key = strip_marks(str(text)).lower()
    key = _SEPARATORS.sub(" ", key)
    return _PUNCT_EDGES.sub("", key).strip()


# Administrative prefixes dropped before matching unit names. They are recognised on the
# text WITH its marks, so that place names whose first syllable folds to the same letters
# keep it: "Tịnh Biên" is not "Tỉnh Biên", "Quan Hóa" is not "Quận Hóa", "Xá Lượng" is not
# "Xã Lượng". Abbreviations need their dot ("H.", "TP."), except TP/TX, which are no
# syllable. Typed without any marks, only the prefixes that cannot be a syllable of a name
# are dropped ("huyen", "thanh pho", "thi xa", "thi tran").
_MARKED_PREFIX = re.compile(
    r"^(?:(?:huyện|thị xã|thành phố|thị trấn|tỉnh|quận|phường|xã)\s+"
    r"|(?:tp|tx|tt|h|q|p|x|t)\.\s*|(?:tp|tx)\s+)"
)
_UNMARKED_PREFIX = re.compile(r"^(?:huyen|thanh pho|thi xa|thi tran)\s+")


def fold_unit(text: object) -> str:
    """Folded key for an administrative unit name, without "Huyện", "H.", "TP." etc.

    >>> fold_unit("Huyện Lâm Hà") == fold_unit("H.Lâm Hà") == fold_unit("lam ha")
    True
    >>> fold_unit("Tịnh Biên"), fold_unit("Quan Hóa"), fold_unit("Huyện Quan Hóa")
    ('tinh bien', 'quan hoa', 'quan hoa')
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    lowered = _SEPARATORS.sub(" ", nfc(str(text)).lower()).strip(" .,;:()[]\"'*")
    stripped = _MARKED_PREFIX.sub("", lowered, count=1)
    if stripped == lowered:
        stripped = _UNMARKED_PREFIX.sub("", lowered, count=1)
    return fold(stripped) or fold(text)


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
