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
they are ("Đạ Huoai (2024)") and win over computed ones; the other names are computed
without them, so loading a units file renames no other unit unless their names would
clash. Names of numbered units use
the full name ("Phường 1 (Quận 3, Hồ Chí Minh)"). The result depends only on the
reference data, never on a data set, so the same unit has the same name in every run.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pandas as pd

from pilotlib.core.errors import VocabularyError
from pilotlib.core.text import fold_unit as _fold_unit

STAGES = 5


@lru_cache(maxsize=None)
def fold_unit(text: str) -> str:  # names repeat across units and stages: fold each once
    return _fold_unit(text)


def _form(stage: int, base: str, place: str, year: str, kind: str, code: str) -> str:
    parts = {1: [place], 2: [place, year], 3: [kind, place, year], 4: [kind, place, year, code]}.get(stage, [])
    shown = [p for p in parts if p]
    return f"{base} ({', '.join(shown)})" if shown else base


def _staged(rows, todo: list[int], labels: list[str], taken: Counter) -> list[int]:
    """Give each unit of ``todo`` the first form no other unit shares; the units left over."""
    for stage in range(STAGES):
        if not todo:
            break
        forms = {i: _form(stage, *rows[i][:3], str(rows[i][3]).lower(), rows[i][4]) for i in todo}
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
    return todo


def assign(groups: pd.DataFrame) -> list[str]:
    """One name per group. ``groups`` columns: ``pinned`` (a name from a units file, or ""),
    ``base``, ``place``, ``year``, ``type``, ``code``.

    Names are computed for every unit as if no units file existed, so a national unit's
    name never depends on which study files are loaded; pinned names then replace theirs,
    and a computed name a pinned one would shadow moves on to its next longer form.
    Raises VocabularyError if two pinned names clash or two units stay indistinguishable.
    """
    pinned = groups["pinned"].tolist()
    counted = Counter(fold_unit(name) for name in pinned if name)
    clash = sorted({name for name in pinned if name and counted[fold_unit(name)] > 1})
    if clash:
        raise VocabularyError("units: hai đơn vị cùng tên / two units with the same name: " + ", ".join(clash))
    rows = groups[["base", "place", "year", "type", "code"]].to_numpy(dtype=object)
    labels = [""] * len(rows)
    left = _staged(rows, list(range(len(rows))), labels, Counter())
    shadowed = [i for i, label in enumerate(labels) if not pinned[i] and fold_unit(label) in counted]
    taken = Counter(fold_unit(label) for i, label in enumerate(labels) if label and not pinned[i]
                    and i not in shadowed) + counted
    for i in shadowed:
        labels[i] = ""
        for stage in range(1, STAGES):
            form = _form(stage, *rows[i][:3], str(rows[i][3]).lower(), rows[i][4])
            if fold_unit(form) not in taken:
                labels[i] = form
                taken[fold_unit(form)] += 1
                break
        else:
            left.append(i)
    if left:  # same code, type, place and year: two entries of one unit not grouped together
        shown = ", ".join(_form(STAGES - 1, *rows[i][:3], str(rows[i][3]).lower(), rows[i][4]) for i in left[:5])
        raise VocabularyError(f"units: không đặt được tên riêng / no distinct name for: {shown}")
    return [name or label for name, label in zip(pinned, labels)]
