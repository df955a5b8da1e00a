"""The same staffing normalisation done the naive way: one Python call per row (``DataFrame.apply``).

This is what a first version typically looks like — read the sheet, then for every
row repair the text, fold and match each name, read the count — and it is the
baseline ``pilotlib normalize staffing`` is compared with. It uses the library's own
scalar functions (``repair_text``, ``fold_unit``, ``structure_of``, ``parse_count`` …)
so both do the same work; it covers what the benchmark file holds (a long table with
title lines, blank rows, a total row and footnotes), not every layout the library
reads. ``bench_normalize`` checks that both give the same tidy table before timing.

Run: ``python benchmarks/naive_normalize.py IN.csv OUT.csv [UNITS.csv]``.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pandas as pd

from pilotlib.core.legacy_text import detect_legacy, repair_text
from pilotlib.core.text import nfc
from pilotlib.ingest import staffing_layout
from pilotlib.ingest.cells import decode_text
from pilotlib.ingest.counts import OK, parse_count
from pilotlib.reference import header_words, vocab
from pilotlib.reference.schema import STAFFING_COLUMNS


def normalise(path: Path, units_file: Path | None = None) -> tuple[pd.DataFrame, int]:
    """(tidy staffing rows, number of rejected rows)."""
    text, _encoding = decode_text(path)
    cells = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=",", header=None, dtype=str,
                        keep_default_na=False, skip_blank_lines=False)
    layout = staffing_layout.find_layout(cells, where=str(path))
    units, bodies, positions = vocab.units(units_file), vocab.bodies(), vocab.positions()
    encodings = {c: detect_legacy(cells.iloc[:, c]) for c in range(cells.shape[1])}
    key = layout.keys
    count_col = layout.values[0].col
    start = layout.data_start
    unit_codes = units.table.set_index("unit")["unit_code"].to_dict()
    vintages = units.table.set_index("unit")["code_vintage"].to_dict()
    groups = positions.table.set_index("position")["position_group"].to_dict()

    def one_row(row: pd.Series) -> dict | None:
        if row.name < start:
            return None  # title lines and the header
        values = [repair_text(v, encodings[c]) if v else v for c, v in enumerate(row.tolist())]
        filled = [v for v in values if v.strip()]
        if not filled:
            return None  # blank
        unit_cell = nfc(values[key["unit"]]).strip()
        if header_words.exact_field(unit_cell) == "unit":
            return None  # a repeated header
        if any(header_words.is_total(v) for c, v in enumerate(values) if c != count_col):
            return None
        number, problem = parse_count(values[count_col])
        unit = units.keys.get(units.key(unit_cell))
        if header_words.is_note(filled[0]) or (problem == "empty" and unit is None):
            return None
        structure = header_words.structure_of(nfc(values[key["structure"]]).strip())
        body_cell, position_cell = (nfc(values[key[r]]).strip() for r in ("body", "position"))
        body = bodies.keys.get(bodies.key(body_cell)) if body_cell else ""
        position = positions.keys.get(positions.key(position_cell)) if position_cell else ""
        if unit is None or structure is None or body is None or position is None or problem != OK:
            return {"rejected": True}
        return {"unit": unit, "unit_code": unit_codes[unit], "code_vintage": vintages[unit],
                "structure": structure, "body": body, "position": position,
                "position_group": groups.get(position, ""), "posts": int(number), "provenance": "analyst",
                "source_file": path.name, "source_row": str(row.name + 1)}

    rows = [r for r in cells.apply(one_row, axis=1) if r is not None]
    kept = [r for r in rows if "rejected" not in r]
    return pd.DataFrame(kept, columns=STAFFING_COLUMNS), len(rows) - len(kept)


if __name__ == "__main__":  # pragma: no cover
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    extra = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    staffing, rejected = normalise(source, extra)
    staffing.to_csv(target, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    print(f"kept {len(staffing)}, rejected {rejected}")
