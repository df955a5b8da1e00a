"""Canonical names of units: readable, stable, and unique across every list.

The ``unit`` column of a tidy table holds one name per unit — what a reader sees in
tables, charts and file names — while the code and its list (``unit_code``,
``code_vintage``) identify it. Names repeat across the country and across time
("Châu Thành" is a district in ten provinces; "Đạ Huoai" is a district until 2024-11,
the merged district after it, and a commune from 2025-07), so a name is qualified only
as far as needed, in this order, and the first form no other unit has is kept:

1. the name alone — "Lâm Hà" (unique in every list);
2. with its place — "Châu Thành (Tiền Giang)", "Phước Hưng (Tuy Phước, Bình Định)"
   (district and province of a commune before 2025-07, province otherwise);
3. with the year it was formed — "Ba Đình (Hà Nội, 2025)" (units formed on
   2024-12-01 carry 2024, the 2025-07 units 2025; the oldest list's start is unknown);
4. with its type — "Đạ Tẻh (thị trấn, Đạ Tẻh, Lâm Đồng)";
5. with its code — the last resort, always unique.

"Unique" means no other unit's name gives the same folded key (``fold_unit``: case,
marks and a leading "Huyện"/"Xã" ignored), so a name can be typed back in any spelling.
Names given by a units file (the bundled ``units.csv`` and ``--units``) are kept as
they are ("Đạ Huoai (2024)") and win over computed ones. Names of numbered units use
the full name ("Phường 1 (Quận 3, Hồ Chí Minh)"). The result depends only on the
reference data, never on a data set, so the same unit has the same name in every run.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from pilotlib.core.errors import VocabularyError
from pilotlib.core.text import fold_unit

STAGES = 5


def _form(stage: int, base: str, place: str, year: str, kind: str, code: str) -> str:
    parts = {1: [place], 2: [place, year], 3: [kind, place, year], 4: [kind, place, year, code]}.get(stage, [])
    shown = [p for p in parts if p]
    return f"{base} ({', '.join(shown)})" if shown else base


def assign(groups: pd.DataFrame) -> list[str]:
    """One name per group. ``groups`` columns: ``pinned`` (a name from a units file, or ""),
    ``base``, ``place``, ``year``, ``type``, ``code``. Raises VocabularyError if two units
    would still share a name (only possible between pinned names)."""
    labels = groups["pinned"].tolist()
    taken = Counter(fold_unit(label) for label in labels if label)
    clash = [label for label in labels if label and taken[fold_unit(label)] > 1]
    if clash:
        raise VocabularyError("units: hai đơn vị cùng tên / two units with the same name: "
                              + ", ".join(sorted(set(clash))))
    todo = [i for i, label in enumerate(labels) if not label]
    rows = groups[["base", "place", "year", "type", "code"]].to_numpy(dtype=object)
    for stage in range(STAGES):
        if not todo:
            break
        forms = {i: _form(stage, rows[i][0], rows[i][1], rows[i][2], str(rows[i][3]).lower(), rows[i][4])
                 for i in todo}
        keys = {i: fold_unit(form) for i, form in forms.items()}
        counts = Counter(keys.values())
        left = []
        for i in todo:
            if counts[keys[i]] == 1 and keys[i] not in taken:
                labels[i] = forms[i]
            else:
                left.append(i)
        taken.update(keys[i] for i in todo if labels[i])
        todo = left
    if todo:  # same code, type, place and year: two entries of one unit not grouped together
        shown = ", ".join(_form(STAGES - 1, *rows[i][:3], str(rows[i][3]).lower(), rows[i][4]) for i in todo[:5])
        raise VocabularyError(f"units: không đặt được tên riêng / no distinct name for: {shown}")
    return labels
