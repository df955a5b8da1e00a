"""Find units, cue words and numbers inside running text, with offsets into the original.

Why a separate key: ``textkey.fold`` collapses spaces and trims, so its offsets do not
line up with the text. ``scan_key`` folds character by character (lower case, no marks,
đ→d) and keeps the length, so a match found in the key is a span of the original
sentence. Unit names are found with ONE regex built from the vocabulary's folded keys
(longest first, whole words), so "Đạ Tẻ" never wins over "Đạ Tẻh" and "ĐẠ TẺH",
"Da Teh" and "Đạ Tẻh" are the same mention.

Case is not needed to match, but a bare lower-case mention ("di linh hoạt" contains
"di linh") is marked ``weak`` so callers can flag it instead of trusting it; a mention
after "huyện", "TP." etc., or written with a capital, is strong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pilotlib.core.text import strip_marks
from pilotlib.reference.vocab import Vocabulary

_PREFIX = r"(?:huyen|thanh pho|thi xa|tinh|tp\.?|tx\.?|h\.)"


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = strip_marks(char).lower()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def scan_key(text: str) -> str:
    """Lower case, no marks, đ→d — one character for one character (offsets preserved)."""
    return text.translate({ord(c): _fold_char(c) for c in set(text)})


def has_marks(text: str) -> bool:
    """The text carries Vietnamese marks (so a bare "cu" is not "cũ")."""
    return strip_marks(text) != text


def words_pattern(folded_phrase: str) -> str:
    """A folded phrase as a regex: words separated by any run of spaces or hyphens."""
    return r"[\s\-]+".join(re.escape(w) for w in folded_phrase.split())


@lru_cache(maxsize=64)
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)  # longest first: "truoc thi diem" before "thi diem"
    return re.compile(r"(?<!\w)(" + "|".join(words_pattern(p) for p in ordered) + r")(?!\w)")


def find_phrases(key: str, phrases: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of folded ``phrases`` in a scan key: (start, end, phrase)."""
    if not phrases:
        return []
    return [(m.start(), m.end(), " ".join(m.group(1).replace("-", " ").split()))
            for m in _phrase_regex(tuple(phrases)).finditer(key)]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    unit: str  # canonical name
    raw: str  # as written in the text
    weak: bool = False  # bare and lower case in text that has capitals elsewhere


@dataclass(frozen=True)
class Split:
    """A unit name with other text pasted inside it ("Đạ <caption> Huoai")."""

    start: int
    end: int
    unit: str
    shown: str  # "Đạ … Huoai"


class UnitScanner:
    """Unit mentions in text, through one regex over the vocabulary's folded keys."""

    def __init__(self, units: Vocabulary, case_reliable: bool = True):
        self.units = units
        self.case_reliable = case_reliable  # False for repaired TCVN3 text (capitals lost)
        keys = sorted((k for k in units.keys if re.search(r"[a-z]", k)), key=len, reverse=True)
        names = "|".join(words_pattern(k) for k in keys)
        self._regex = re.compile(rf"(?<![\w'])(?P<prefix>{_PREFIX}\s*)?(?P<name>{names})(?![\w'])")
        multi = [k for k in keys if len(k.split()) >= 2 and re.fullmatch(r"[a-z' ]+", k)]
        self._splits = [(k, re.compile(rf"(?<!\w)({re.escape(k.split()[0])})\s+((?:\S+\s+){{1,30}}?)"
                                       rf"({words_pattern(' '.join(k.split()[1:]))})(?!\w)")) for k in multi]

    def _canonical(self, matched: str) -> str | None:
        return self.units.keys.get(" ".join(matched.replace("-", " ").split()))

    def find(self, text: str, key: str | None = None) -> list[Mention]:
        """Every unit mentioned in ``text``, in order."""
        key = scan_key(text) if key is None else key
        found = []
        for m in self._regex.finditer(key):
            unit = self._canonical(m.group("name"))
            if unit is None:
                continue
            bare = m.group("prefix") is None and not text[m.start("name")].isupper()
            weak = bare and self.case_reliable and text != text.lower()
            found.append(Mention(m.start(), m.end(), unit, text[m.start():m.end()], weak))
        return found

    def splits(self, text: str, key: str | None = None, mentions: list[Mention] | None = None) -> list[Split]:
        """Unit names cut in two by inserted capitalised text (an image caption)."""
        key = scan_key(text) if key is None else key
        taken = [(m.start, m.end) for m in (self.find(text, key) if mentions is None else mentions)]
        found = []
        for folded, regex in self._splits:
            for m in regex.finditer(key):
                first, gap, rest = m.start(1), m.start(2), m.start(3)
                if any(a <= first < b for a, b in taken):
                    continue
                if not all(text[i].isupper() for i in (first, gap, rest)):
                    continue
                shown = f"{text[first:m.end(1)]} … {text[rest:m.end(3)]}"
                found.append(Split(first, m.end(), self.units.keys[folded], shown))
        return sorted(found, key=lambda s: s.start)


_CAPITALISED = re.compile(r"(?:(?:huyện|Huyện|HUYỆN|thành phố|Thành phố|thị xã|Thị xã|TP\.?|TX\.?|H\.)\s*)?"
                          r"((?:[^\W\d_][\w'’]*\s+){0,2}[^\W\d_][\w'’]*)\s*[:]?\s*$")


_CONNECTORS = re.compile(r"(?:\s+(?:có|là|được giao|gồm|co|la|duoc giao|gom))+\s*$", re.IGNORECASE)


def name_before(text: str, position: int) -> str:
    """Capitalised words written just before ``position`` (a possible unknown unit name)."""
    before = _CONNECTORS.sub("", text[max(0, position - 60):position])
    match = _CAPITALISED.search(before)
    if not match:
        return ""
    words = match.group(1).split()
    while words and not words[0][0].isupper():
        words.pop(0)
    if not words or not all(w[0].isupper() for w in words):
        return ""
    return " ".join(words)
