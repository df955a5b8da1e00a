"""Find the header of a staffing sheet and say what each column holds.

Real sheets put title rows above the header, split it over two rows ("Biên chế được
giao" merged over "Trước thí điểm" | "Sau thí điểm") and come in two shapes: **long**
(one count column; unit, structure, body, position in columns) and **wide** (several
count columns, each fixed to a structure and/or a body by its header). What a single
header cell names comes from ``reference.header_words``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from pilotlib.core.errors import DataError
from pilotlib.reference.header_words import HEADER_SCAN_ROWS, classify

KEY_ROLES = ("unit", "unit_code", "structure", "body", "position")
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
    return Layout(band, keys, kept, labels, unknown, duplicates, clashes)
