"""The bundled national unit lists (``data/reference/national``), read as one table of entries.

Each list (``units-2024-11.csv.gz`` …) is one *vintage* of the official codes; its id is
the month in its file name. A unit *entry* is one row of one list; its identity is
(list, level, code): codes were reused (district 682 is Đạ Tẻh in 2024-11 and the merged
Đạ Huoai in 2025-03), so a code is never looked up without its list. An entry that
continues unchanged into the next list (same level, code, name, parent — the rule of
``NOTICE.md``, visible as an empty ``valid_from`` there) is the same *unit*: both entries
share one ``group`` key, and so one canonical name.

Nothing here is hard-coded per list: the lists are the files present, and each list's
period of force is computed from its entries' validity dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pilotlib.core import paths
from pilotlib.reference.periods import BEGINNING, FOREVER, day_number

LIST_FILE = re.compile(r"^units-(\d{4}-\d{2})\.csv\.gz$")
MERGES_FILE = "merges-2025-07.csv.gz"
_DIGITS = re.compile(r"^\d+$")


def list_files(folder: Path | None = None) -> dict[str, Path]:
    """List id → file, oldest first (ids are "YYYY-MM", so text order is time order)."""
    folder = folder or paths.national_dir()
    found = {m.group(1): p for p in folder.iterdir() if (m := LIST_FILE.match(p.name))}
    return dict(sorted(found.items()))


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def unit_type(full_name: str, name: str) -> str:
    """The administrative word before the name: "Huyện", "Thị trấn", "Đặc khu" ("" if none)."""
    if full_name.casefold().endswith(name.casefold()) and len(full_name) > len(name):
        return full_name[: len(full_name) - len(name)].strip()
    return ""


def base_name(name: str, full_name: str) -> str:
    """The name a reader knows a unit by: "Lâm Hà", but "Phường 1" rather than "1"."""
    return full_name if not name or _DIGITS.match(name) else name


def read_lists(folder: Path | None = None) -> pd.DataFrame:
    """Every entry of every list, with its list id, unit type, base name, the names of its
    province and (before the district level was abolished) its district, and its group."""
    frames = []
    for list_id, path in list_files(folder).items():
        table = _read(path)
        table.insert(0, "list", list_id)
        frames.append(table)
    entries = pd.concat(frames, ignore_index=True)
    column = {name: entries[name].tolist() for name in entries.columns}  # plain lists: fast to walk
    entries["type"] = [unit_type(f, n) for f, n in zip(column["full_name"], column["name"])]
    entries["base"] = [base_name(n, f) for n, f in zip(column["name"], column["full_name"])]
    by_code = {(lst, lvl, code): base for lst, lvl, code, base
               in zip(column["list"], column["level"], column["code"], entries["base"].tolist())}
    entries["province"] = [by_code.get((lst, "province", code), "")
                           for lst, code in zip(column["list"], column["province_code"])]
    entries["district"] = [by_code.get((lst, "district", parent), "") if level == "commune" else ""
                           for lst, level, parent in zip(column["list"], column["level"], column["parent_code"])]
    entries["group"] = _groups(entries)
    return entries


def _groups(entries: pd.DataFrame) -> list[str]:
    """"list:level:code" of the first entry of each unit; an entry that continues the same
    unit from the previous list (empty valid_from, same level, code and valid_to there)
    takes the previous entry's group."""
    lists = list(dict.fromkeys(entries["list"]))
    group: dict[tuple[str, str, str], str] = {}
    out = []
    for lst, level, code, start, end in zip(*(entries[c].tolist() for c in ("list", "level", "code", "valid_from",
                                                                             "valid_to"))):
        index = lists.index(lst)
        previous = (lists[index - 1], level, code) if index else None
        key = f"{lst}:{level}:{code}"
        if previous in group and start == "" and group[previous][1] == end:
            key = group[previous][0]
        group[(lst, level, code)] = (key, end)
        out.append(key)
    return out


@dataclass(frozen=True)
class ListPeriod:
    """When one list was in force: from the first day of its new units (unknown for the
    oldest list) to the day before the next list's start (open for the newest)."""

    list_id: str
    first: int
    last: int


def list_periods(entries: pd.DataFrame) -> list[ListPeriod]:
    """The period of force of every list, computed from its entries' valid_from dates."""
    lists = list(dict.fromkeys(entries["list"]))
    starts = []
    for lst in lists:
        dates = entries.loc[(entries["list"] == lst) & (entries["valid_from"] != ""), "valid_from"]
        starts.append(day_number(dates.min(), BEGINNING) if len(dates) and lst != lists[0] else BEGINNING)
    ends = [start - 1 for start in starts[1:]] + [FOREVER]
    return [ListPeriod(lst, start, end) for lst, start, end in zip(lists, starts, ends)]


def read_merges(folder: Path | None = None) -> pd.DataFrame:
    """The 2025-07 merge map as bundled: new unit ← old unit, link "full" or "partial"."""
    return _read((folder or paths.national_dir()) / MERGES_FILE)
