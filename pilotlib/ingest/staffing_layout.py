"""Find the header of a staffing sheet and say what each column holds.

Real sheets put title rows above the header, split it over two rows ("Biên chế được
giao" merged over "Trước thí điểm" | "Sau thí điểm") and come in two shapes: **long**
(one count column; unit, structure, body, position in columns) and **wide** (several
count columns, each fixed to a structure and/or a body by its header). What a single
header cell names comes from ``reference.header_words``.

Unit columns may name a level ("Tỉnh", "Huyện", "Xã"). Without a generic one ("Đơn
vị"), the lowest level holds the units and the higher ones are their context
(``province``, ``district`` roles): "Tỉnh | Huyện | Số biên chế" lists districts of the
named provinces. Beside a generic unit column, a province column is context too; a
district or commune column there is a second unit column (which one holds the units is
not clear), reported as a duplicate. A ``date`` column (year, month, day) tells which
code list the names belong to.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pilotlib.core.errors import DataError
from pilotlib.ingest.xlsx import column_letter
from pilotlib.reference.header_words import HEADER_SCAN_ROWS, classify, unit_level

KEY_ROLES = ("unit", "unit_code", "structure", "body", "position", "date")
LEVELS = ("commune", "district", "province")  # most specific first
VALUE_FIELDS = ("posts", "old", "pilot", "body_name", "total")


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
    # (earlier column, later column) pairs holding the same counts: the file cannot be
    # read without losing one of them (``check_no_lost_columns``)
    clashes: list[tuple[int, int]] = field(default_factory=list)
    unit_level: str | None = None  # the level the unit column's header names, if any

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1


def _classified(cells: pd.DataFrame, stop: int, bodies=None) -> list[list[tuple[str | None, str | None]]]:
    return [[classify(v, bodies=bodies) for v in cells.iloc[r].tolist()] for r in range(stop)]


def _is_label_row(row: list[tuple[str | None, str | None]], values: list[object], skip: int | None = None,
                  loose: bool = True, bodies=None) -> bool:
    """Every filled cell is a header word and one names counts: a second header row."""
    filled = [i for i, v in enumerate(values) if v is not None and str(v).strip() and i != skip]
    if not loose:
        row = [classify(v, loose=False, bodies=bodies) for v in values]
    return bool(filled) and all(row[i][0] in (*VALUE_FIELDS, *KEY_ROLES, "ignore") for i in filled) \
        and any(row[i][0] in VALUE_FIELDS for i in filled)


def find_layout(cells: pd.DataFrame, where: str, bodies=None) -> Layout:
    """Locate the header band in the first rows and give every column a role (``bodies``:
    the data set's body vocabulary, whose names may head count columns; default bundled)."""
    stop = min(HEADER_SCAN_ROWS, len(cells))
    kinds = _classified(cells, min(stop + 1, len(cells)), bodies)
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
    if header > 0 and _is_label_row(kinds[header - 1], values[header - 1], loose=False, bodies=bodies):
        band.insert(0, header - 1)
    below = header + 1
    if below < len(kinds):
        same_unit = values[below][unit_col] in (None, "") or values[below][unit_col] == values[header][unit_col]
        if same_unit and _is_label_row(kinds[below], values[below], skip=unit_col):
            band.append(below)
    return _roles(cells, band, where, bodies)


def _roles(cells: pd.DataFrame, band: list[int], where: str, bodies=None) -> Layout:
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
    units: list[tuple[int, str | None]] = []
    for c in range(texts.shape[1]):
        parts = list(dict.fromkeys(t for t in texts[:, c] if t))
        letter = column_letter(c + 1)
        labels[c] = f"{letter} ({' / '.join(parts)})" if parts else letter
        kinds = [classify(p, bodies=bodies) for p in parts]
        fields = [f for f, _ in kinds]
        role = next((f for f in reversed(fields) if f in KEY_ROLES), None)
        if role == "unit":
            units.append((c, next((lv for lv in map(unit_level, reversed(parts)) if lv), None)))
            continue
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
    level = _unit_columns(units, keys, duplicates)
    if "unit" not in keys:
        raise DataError(f"{where}: không có cột đơn vị / no unit column")
    if not found:
        found = totals[:1]  # a lone "Tổng số" column is the count column
    if not found:
        raise DataError(f"{where}: không có cột số biên chế (vd. 'Số biên chế', 'Trước thí điểm') / "
                        "no count column (e.g. 'Số biên chế', 'Trước thí điểm')")
    seen: dict[tuple[str | None, str | None], int] = {}
    kept: list[ValueColumn] = []
    clashes: list[tuple[int, int]] = []
    for column in found:
        signature = (column.structure, column.body)
        if signature in seen:
            duplicates.append(column.col)
            clashes.append((seen[signature], column.col))
        else:
            kept.append(column)
            seen[signature] = column.col
    return Layout(band, keys, kept, labels, unknown, sorted(duplicates), clashes=clashes, unit_level=level)


def _unit_columns(units: list[tuple[int, str | None]], keys: dict[str, int], duplicates: list[int]) -> str | None:
    """Choose the unit column among the unit-like ones; higher levels become context
    (``keys["province"]``, ``keys["district"]``). Returns the unit column's level."""
    generic = [c for c, level in units if level is None]
    levelled: dict[str, list[int]] = {}
    for c, level in units:
        if level:
            levelled.setdefault(level, []).append(c)
    if generic:
        keys["unit"] = generic[0]
        duplicates.extend(generic[1:])
        chosen = None
    else:
        chosen = next((level for level in LEVELS if level in levelled), None)
        if chosen is None:
            return None
        keys["unit"] = levelled[chosen][0]
        duplicates.extend(levelled.pop(chosen)[1:])
    for level, columns in levelled.items():
        context = level == "province" or (chosen is not None and LEVELS.index(level) > LEVELS.index(chosen))
        if context:
            keys[level] = columns[0]
            duplicates.extend(columns[1:])
        else:
            duplicates.extend(columns)
    return chosen
