"""The words of table headers and row labels: what a header cell names, what a total
or a note row looks like, and the old/pilot words of a structure cell.

Real sheets name columns in many ways, with or without diacritics ("Quận/huyện",
"Số biên chế (người)", "Trước thí điểm"). The words are data —
``data/reference/headers.csv`` — so a new spelling is a CSV line, not a code change.
Finding the header band of a sheet is ``ingest.staffing_layout``'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pilotlib.core import paths
from pilotlib.core.io import read_csv_text
from pilotlib.core.text import fold
from pilotlib.reference import vocab

HEADER_SCAN_ROWS = 30
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PARENS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_LETTER = re.compile(r"[A-Za-z]")
_NO_ASCII_LETTER = re.compile(r"[^A-Za-z]*")


def _letterless(text: str) -> bool:
    """ASCII text without a letter ("12", " 1.234 ", "(3)"): its folded key has no letter either."""
    return text.isascii() and (text.isdigit() or _NO_ASCII_LETTER.fullmatch(text) is not None)


def header_key(text: object) -> str:
    """Folded key with punctuation turned into spaces: "Quận/huyện" == "quan huyen"."""
    return _NON_WORD.sub(" ", fold(text)).strip()


_KEYS: dict[str, tuple[str, str]] = {}  # text → (fold, header_key), see _keys
_KEYS_KEPT = 1 << 17


def _keys(text: str) -> tuple[str, str]:
    """(``fold(text)``, ``header_key(text)``), remembered for a while: row kinds ask
    ``exact_field`` and ``is_total`` of the same cells (every distinct unit name of a
    national table: 10⁴–10⁵), so each is folded once. Forgotten past ``_KEYS_KEPT``."""
    found = _KEYS.get(text)
    if found is None:
        if len(_KEYS) >= _KEYS_KEPT:
            _KEYS.clear()
        loose = fold(text)
        found = _KEYS[text] = (loose, _NON_WORD.sub(" ", loose).strip())
    return found


_keys.cache_clear = _KEYS.clear  # emptied like the lru_caches (tests under mutmut do)


def bare_key(text: object) -> str:
    """``header_key`` without parenthesised parts: "Số biên chế (người)" → "so bien che"."""
    return header_key(_PARENS.sub(" ", str(text)))


@dataclass(frozen=True)
class Words:
    """The header vocabulary, indexed for matching."""

    exact: dict[str, str]  # header key → field
    contains: tuple[tuple[str, str], ...]  # multi-word structure/posts labels, longest first
    totals: tuple[tuple[str, bool], ...]  # (key, prefix allowed)
    notes: tuple[str, ...]  # prefixes of note/footnote rows
    # Derived once, for speed: (key, prefix allowed, compiled "key:"/"key (" pattern) per total,
    # and whether every total/note label holds a letter (then a cell without any letter,
    # such as an STT number or a count, can be neither, and is answered without folding).
    total_patterns: tuple[tuple[str, bool, re.Pattern[str]], ...] = ()
    letters_only_labels: bool = False
    unit_levels: dict[str, str] | None = None  # unit header key → the level it names ("Huyện" → district)
    # The same total tests in one step each (``is_total`` runs on every distinct row label):
    # the keys, the "key " prefixes of the labels that allow one, the patterns as one regex.
    total_keys: frozenset[str] = frozenset()
    total_prefixes: tuple[str, ...] = ()
    total_start: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def words() -> Words:
    """Load ``data/reference/headers.csv`` (field, label, note) once."""
    table = read_csv_text(paths.reference_dir() / "headers.csv")
    exact: dict[str, str] = {}
    totals: list[tuple[str, bool]] = []
    notes: list[str] = []
    levels: dict[str, str] = {}
    for field_name, label in zip(table["field"], table["label"]):
        prefix = label.endswith("*")
        key = header_key(label.rstrip("*"))
        if field_name.startswith("level_"):
            levels[key] = field_name.removeprefix("level_")
            continue
        if field_name == "note":
            notes.append(key)
            continue
        if field_name == "total":
            totals.append((key, prefix))
        exact.setdefault(key, field_name)
    # A label may be found inside a longer header only if no label of another field
    # contains it: "thi diem" (pilot) sits inside "truoc thi diem" (old), so a typo such
    # as "Trc thí điểm" must not become pilot.
    candidates = [(k, f) for k, f in exact.items() if f in ("old", "pilot", "posts") and " " in k]
    contains = sorted(((k, f) for k, f in candidates
                       if not any(f" {k} " in f" {other} " and g != f for other, g in exact.items())),
                      key=lambda kf: -len(kf[0]))
    patterns = tuple((key, prefix, re.compile(re.escape(key) + r"\s*[:(\-–]")) for key, prefix in totals)
    lettered = all(_LETTER.search(key) for key in [*(k for k, _ in totals), *notes])
    return Words(exact, tuple(contains), tuple(totals), tuple(notes), patterns, lettered, levels,
                 frozenset(key for key, _ in totals), tuple(key + " " for key, prefix in totals if prefix),
                 re.compile("|".join(f"(?:{pattern.pattern})" for _, _, pattern in patterns) or r"(?!)"))


def classify(text: object, loose: bool = True, bodies: vocab.Vocabulary | None = None) -> tuple[str | None, str | None]:
    """(field, canonical body) for one header cell; (None, None) when nothing fits.

    ``loose`` also accepts a known multi-word label inside a longer one ("Biên chế
    năm 2018 (trước thí điểm)" → old); without it only whole labels count. ``bodies``:
    the data set's body vocabulary (default: the bundled one).
    """
    if not isinstance(text, str) or not text.strip():
        return None, None
    table = words()
    exact = exact_field(text)
    if exact is not None:
        return exact, None
    bodies = bodies or vocab.bodies()
    for raw in (text, _PARENS.sub(" ", text)):
        body = bodies.keys.get(bodies.key(raw))
        if body:
            return "body_name", body
    if not loose:
        return None, None
    padded = f" {header_key(text)} "
    for key, field_name in table.contains:
        if f" {key} " in padded:
            return field_name, None
    return None, None


def exact_field(text: object) -> str | None:
    """The field a header cell names word for word (``classify``'s first test), else None."""
    if not isinstance(text, str) or not text.strip():
        return None
    exact = words().exact
    key = _keys(text)[1]
    if key in exact:
        return exact[key]
    if "(" not in text and "[" not in text:  # nothing in brackets: bare_key(text) is key
        return None
    return exact.get(bare_key(text))


def unit_level(text: object) -> str | None:
    """The level a unit column's header names ("Huyện" → "district", "Xã/phường" →
    "commune"); None for a header that names no level ("Đơn vị", "Địa bàn")."""
    if not isinstance(text, str) or not text.strip():
        return None
    levels = words().unit_levels or {}
    return levels.get(header_key(text)) or levels.get(bare_key(text))


def structure_of(text: object) -> str | None:
    """"old" / "pilot" for a structure label ("Trước thí điểm", "sau thi diem", "pilot")."""
    field_name, _ = classify(text)
    return field_name if field_name in ("old", "pilot") else None


def is_total(text: object) -> bool:
    """A row label meaning a total: "Tổng cộng", "Cộng:", "Cộng (3 huyện)", "TỔNG SỐ"."""
    if not isinstance(text, str):
        return False
    table = words()
    if table.letters_only_labels and _letterless(text):
        return False
    loose, key = _keys(text)  # key: header_key(text), without folding twice
    return (key in table.total_keys or key.startswith(table.total_prefixes)
            or table.total_start.match(loose) is not None)


def is_note(text: object) -> bool:
    """A footnote, source line or signature block: "Ghi chú: …", "(*) …", "Người lập biểu"."""
    if not isinstance(text, str):
        return False
    if text.lstrip().startswith(("*", "(*", "**")):
        return True
    table = words()
    if table.letters_only_labels and _letterless(text):
        return False
    key = header_key(text)
    return any(key == n or key.startswith(n + " ") for n in table.notes)
