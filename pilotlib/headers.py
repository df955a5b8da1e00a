"""Find the header of a staffing sheet and say what each column holds.

Real sheets put title rows above the header, split it over two rows ("Biên chế được
giao" merged over "Trước thí điểm" | "Sau thí điểm"), name columns in many ways, with or
without diacritics, and come in two shapes: **long** (one count column; unit, structure,
body, position in columns) and **wide** (several count columns, each fixed to a
structure and/or a body by its header). The header words are data —
``data/reference/headers.csv`` — so a new spelling is a CSV line, not a code change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from pilotlib import paths, vocab
from pilotlib.dataset import DataError, read_csv_text
from pilotlib.textkey import fold

KEY_ROLES = ("unit", "unit_code", "structure", "body", "position")
VALUE_FIELDS = ("posts", "old", "pilot", "body_name", "total")
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


@lru_cache(maxsize=1)
def words() -> Words:
    """Load ``data/reference/headers.csv`` (field, label, note) once."""
    table = read_csv_text(paths.reference_dir() / "headers.csv")
    exact: dict[str, str] = {}
    totals: list[tuple[str, bool]] = []
    notes: list[str] = []
    for field_name, label in zip(table["field"], table["label"]):
        prefix = label.endswith("*")
        key = header_key(label.rstrip("*"))
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
    return Words(exact, tuple(contains), tuple(totals), tuple(notes), patterns, lettered)


def classify(text: object, loose: bool = True) -> tuple[str | None, str | None]:
    """(field, canonical body) for one header cell; (None, None) when nothing fits.

    ``loose`` also accepts a known multi-word label inside a longer one ("Biên chế
    năm 2018 (trước thí điểm)" → old); without it only whole labels count.
    """
    if not isinstance(text, str) or not text.strip():
        return None, None
    table = words()
    exact = exact_field(text)
    if exact is not None:
        return exact, None
    bodies = vocab.bodies()
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
    for key in (header_key(text), bare_key(text)):
        if key in exact:
            return exact[key]
    return None


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
    loose = fold(text)
    key = _NON_WORD.sub(" ", loose).strip()  # header_key(text), without folding twice
    for label, prefix, pattern in table.total_patterns:
        if key == label or (prefix and key.startswith(label + " ")):
            return True
        if pattern.match(loose):
            return True
    return False


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


@dataclass
class ValueColumn:
    """A column of counts, fixed by its header to a structure and/or a body."""

    col: int
    label: str
    structure: str | None = None
    body: str | None = None


@dataclass
class Layout:
    """Where the header is and what every column means."""

    header_rows: list[int]
    keys: dict[str, int]
    values: list[ValueColumn]
    labels: dict[int, str]
    unknown: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1


def _classified(cells: pd.DataFrame, stop: int) -> list[list[tuple[str | None, str | None]]]:
    return [[classify(v) for v in cells.iloc[r].tolist()] for r in range(stop)]


def _is_label_row(row: list[tuple[str | None, str | None]], values: list[object], skip: int | None = None,
                  loose: bool = True) -> bool:
    """Every filled cell is a header word and one names counts: a second header row."""
    filled = [i for i, v in enumerate(values) if v is not None and str(v).strip() and i != skip]
    if not loose:
        row = [classify(v, loose=False) for v in values]
    return bool(filled) and all(row[i][0] in (*VALUE_FIELDS, *KEY_ROLES, "ignore") for i in filled) \
        and any(row[i][0] in VALUE_FIELDS for i in filled)


def find_layout(cells: pd.DataFrame, where: str) -> Layout:
    """Locate the header band in the first rows and give every column a role."""
    stop = min(HEADER_SCAN_ROWS, len(cells))
    kinds = _classified(cells, min(stop + 1, len(cells)))
    header = next((r for r in range(stop)
                   if any(f == "unit" for f, _ in kinds[r])
                   and sum(f not in (None, "unit", "ignore") for f, _ in kinds[r]) >= 1), None)
    if header is None:
        raise DataError(
            f"{where}: không thấy dòng tiêu đề trong {stop} dòng đầu (cần cột 'Đơn vị' và cột số biên chế, "
            f"vd. 'Số biên chế', 'Trước thí điểm') / no header row in the first {stop} rows (need a unit "
            "column such as 'Đơn vị' and a count column such as 'Số biên chế' or 'Trước thí điểm')")
    band = [header]
    unit_col = next(i for i, (f, _) in enumerate(kinds[header]) if f == "unit")
    values = [cells.iloc[r].tolist() for r in range(len(kinds))]
    # Above the header only whole labels count, so a title such as "Biên chế sau thí
    # điểm" is never read as a header that fixes the structure of every column.
    if header > 0 and _is_label_row(kinds[header - 1], values[header - 1], loose=False):
        band.insert(0, header - 1)
    below = header + 1
    if below < len(kinds):
        same_unit = values[below][unit_col] in (None, "") or values[below][unit_col] == values[header][unit_col]
        if same_unit and _is_label_row(kinds[below], values[below], skip=unit_col):
            band.append(below)
    return _roles(cells, band, where)


def _roles(cells: pd.DataFrame, band: list[int], where: str) -> Layout:
    grid = cells.iloc[band].to_numpy(dtype=object)
    texts = np.array([[str(v).strip() if v is not None else "" for v in row] for row in grid], dtype=object)
    for r in range(len(band) - 1):  # a header merged across its sub-columns (CSV exports)
        for c in range(1, texts.shape[1]):
            if not texts[r, c] and any(texts[r + 1:, c]):
                texts[r, c] = texts[r, c - 1]
    keys: dict[str, int] = {}
    found: list[ValueColumn] = []
    totals: list[ValueColumn] = []
    labels: dict[int, str] = {}
    unknown: list[int] = []
    duplicates: list[int] = []
    for c in range(texts.shape[1]):
        parts = list(dict.fromkeys(t for t in texts[:, c] if t))
        letter = get_column_letter(c + 1)
        labels[c] = f"{letter} ({' / '.join(parts)})" if parts else letter
        kinds = [classify(p) for p in parts]
        fields = [f for f, _ in kinds]
        role = next((f for f in reversed(fields) if f in KEY_ROLES), None)
        if role:
            (duplicates.append(c) if role in keys else keys.__setitem__(role, c))
            continue
        structure = next((f for f in reversed(fields) if f in ("old", "pilot")), None)
        body = next((b for f, b in reversed(kinds) if f == "body_name"), None)
        if structure or body or "posts" in fields:
            found.append(ValueColumn(c, labels[c], structure, body))
        elif "total" in fields:
            totals.append(ValueColumn(c, labels[c]))
        elif parts and "ignore" not in fields:
            unknown.append(c)
    if "unit" not in keys:
        raise DataError(f"{where}: không có cột đơn vị / no unit column")
    if not found:
        found = totals[:1]  # a lone "Tổng số" column is the count column
    if not found:
        raise DataError(f"{where}: không có cột số biên chế (vd. 'Số biên chế', 'Trước thí điểm') / "
                        "no count column (e.g. 'Số biên chế', 'Trước thí điểm')")
    seen: set[tuple[str | None, str | None]] = set()
    kept: list[ValueColumn] = []
    for column in found:
        signature = (column.structure, column.body)
        (duplicates.append(column.col) if signature in seen else kept.append(column))
        seen.add(signature)
    return Layout(band, keys, kept, labels, unknown, duplicates)
