"""Check the rows of a tidy staffing table or issue list against the vocabularies, row by row.

A tidy CSV (written by `normalize`, `extract`, or by hand) is used as it is, so it must
already say everything the canonical way: a unit is a canonical name of the units
vocabulary (``reference/units.csv`` plus ``--units``), a body or position is canonical
or empty, a position's group is the one ``reference/positions.csv`` gives it, posts are
whole numbers ≥ 0, structure is ``old`` or ``pilot``. A row that breaks any of this is
not used: it goes to the data set's rejects (file, sheet "", line of the CSV, column,
value, reason) — with "did you mean …" when the value is another spelling of a canonical
name, never a silent rewrite — exactly as a bad row of a raw file is. One bad cell costs
its row, not the run. A row ``extract`` flagged for review (non-empty ``flag``) is
rejected whatever it holds: nobody has checked its figure yet.

Every check runs once per distinct value (or distinct position/group pair) and is mapped
back by position; no Python loop over rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from pilotlib import reasons
from pilotlib.labels import LANGS
from pilotlib.schema import CATEGORIES, KINDS, POSITION_GROUPS, PROVENANCES, REJECTS_COLUMNS, STRUCTURES, validate

# Reasons and warnings of this module (vi, en); the rest come from ``pilotlib.reasons``.
TEXTS: dict[str, dict[str, str]] = {
    "old_rejects": {"vi": "đã có tệp dòng bị loại từ lần chuẩn hóa trước: {file} (không dùng làm số liệu)",
                    "en": "a rejects file from an earlier normalisation is present: {file} (not used as data)"},
    "flagged": {"vi": "dòng được đánh dấu cần kiểm tra: {value}", "en": "row flagged for review: {value}"},
    "not_canonical": {"vi": "bảng chuẩn cần tên chuẩn trong danh mục, không phải '{value}'{hint}",
                      "en": "a tidy table needs the canonical name, not '{value}'{hint}"},
    "group_mismatch": {"vi": "nhóm '{value}' không khớp chức danh '{position}' (nhóm {expected})",
                       "en": "group '{value}' does not match position '{position}' (group {expected})"},
    "unknown_group": {"vi": "nhóm chức danh '{value}' không hợp lệ (cần leadership, specialist, support hoặc để trống)",
                      "en": "position group '{value}' is not leadership, specialist, support or empty"},
    "bad_structure": {"vi": "mô hình '{value}' không hợp lệ (cần old hoặc pilot)",
                      "en": "structure '{value}' is not 'old' or 'pilot'"},
    "bad_vintage": {"vi": "năm của danh mục mã '{value}' không phải 4 chữ số",
                    "en": "code vintage '{value}' is not a 4-digit year"},
    "bad_provenance": {"vi": "nguồn '{value}' không hợp lệ (cần source, analyst hoặc illustrative)",
                       "en": "provenance '{value}' is not source, analyst or illustrative"},
    "bad_kind": {"vi": "loại '{value}' không hợp lệ (cần difficulty, recommendation hoặc advantage)",
                 "en": "kind '{value}' is not difficulty, recommendation or advantage"},
    "bad_category": {"vi": "nhóm vấn đề '{value}' không hợp lệ (cần một trong: {allowed})",
                     "en": "category '{value}' is not one of: {allowed}"},
}

_WHOLE = re.compile(r"^\s*\+?\d+\s*$")
_NEGATIVE = re.compile(r"^\s*-\s*\d+(?:[.,]\d+)?\s*$")
_DECIMAL = re.compile(r"^\s*\+?\d+[.,]\d+\s*$")
_DIGITS = re.compile(r"^\d*$")
_YEAR = re.compile(r"^(\d{4})?$")


def say(key: str, lang: str, **values: object) -> str:
    """One message of this module (or of ``pilotlib.reasons``) in ``lang``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if key in TEXTS:
        return TEXTS[key][lang].format(**values)
    return reasons.text(key, lang, **values)


@dataclass
class Checked:
    """The usable rows (validated, typed) and one reject per unusable row."""

    kept: pd.DataFrame
    rejects: pd.DataFrame


class _Found:
    """Reasons found per row, column by column; several reasons of a row joined with "; "."""

    def __init__(self, size: int):
        self.size = size
        self.parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]] = []

    def add(self, column: str, values: pd.Series, reason: np.ndarray, skip: np.ndarray) -> None:
        """``reason`` per row ("" = fine); rows in ``skip`` are not reported again."""
        bad = (reason != "") & ~skip
        if bad.any():
            self.parts.append((bad, column, values.to_numpy(dtype=object), reason))

    def bad(self) -> np.ndarray:
        out = np.zeros(self.size, dtype=bool)
        for mask, *_ in self.parts:
            out |= mask
        return out

    def frame(self) -> pd.DataFrame:
        rows = np.flatnonzero(self.bad())
        out = {name: np.full(len(rows), "", dtype=object) for name in ("column", "value", "reason")}
        started = np.zeros(len(rows), dtype=bool)
        for mask, column, values, reason in self.parts:
            at = np.searchsorted(rows, np.flatnonzero(mask))
            for name, new in (("column", np.full(len(at), column, dtype=object)),
                              ("value", values[mask].astype(str)), ("reason", reason[mask])):
                out[name][at] = np.where(started[at], out[name][at] + "; " + new, new)
            started[at] = True
        return pd.DataFrame({"pos": rows, **out})


def per_value(values: pd.Series, answer: Callable[[str], str]) -> np.ndarray:
    """``answer`` once per distinct value, mapped back to every row."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    table = np.array([answer(u) for u in uniques] + [""], dtype=object)
    return table[codes]  # code -1 (never: cells are text) would take the trailing ""


def _name_reason(vocabulary, canonical: set[str], lang: str, unknown_key: str, required: bool,
                 fallback_hint: str | None) -> Callable[[str], str]:
    def answer(value: str) -> str:
        if value == "":
            return say("empty_unit", lang) if required else ""
        if value in canonical:
            return ""
        match = vocabulary.keys.get(vocabulary.key(value))
        if match:
            return say("not_canonical", lang, value=value, hint=reasons.hint("did_you_mean", lang, match))
        suggestion = vocabulary.suggest(value)
        tail = reasons.hint("did_you_mean", lang, suggestion) if suggestion else reasons.hint(fallback_hint, lang)
        return say(unknown_key, lang, value=value, hint=tail)
    return answer


def _one_of(values: tuple[str, ...], key: str, lang: str, **extra: object) -> Callable[[str], str]:
    return lambda value: "" if value in values else say(key, lang, value=value, **extra)


def _posts_reason(lang: str) -> Callable[[str], str]:
    def answer(value: str) -> str:
        if _WHOLE.match(value):
            return ""
        if not value.strip():
            return say("empty", lang)
        if _NEGATIVE.match(value):
            return say("negative", lang, value=value)
        if _DECIMAL.match(value):
            return say("not_whole", lang, value=value)
        return say("not_number", lang, value=value)
    return answer


def _groups(frame: pd.DataFrame, positions, lang: str) -> np.ndarray:
    """position_group per row: the position's own group when a canonical position is
    given, else one of the allowed groups; checked once per distinct (position, group)."""
    known = dict(zip(positions.table["position"], positions.table["position_group"]))
    pairs = frame["position"].astype(str) + "\x1f" + frame["position_group"].astype(str)

    def answer(pair: str) -> str:
        position, group = pair.split("\x1f", 1)
        expected = known.get(position)
        if expected is not None and group != expected:
            return say("group_mismatch", lang, value=group, position=position, expected=expected)
        if group not in POSITION_GROUPS:
            return say("unknown_group", lang, value=group)
        return ""
    return per_value(pairs, answer)


def check(frame: pd.DataFrame, kind: str, file: Path, units, lang: str = "vi") -> Checked:
    """Split a tidy ``staffing``/``issues`` table (text cells, as read) into validated usable
    rows and rejects; any other table only loses its flagged rows."""
    from pilotlib import vocab

    frame = frame.reset_index(drop=True)
    found = _Found(len(frame))
    none = np.zeros(len(frame), dtype=bool)
    flagged = none
    if "flag" in frame.columns:
        flags = frame["flag"].astype(str)
        flagged = (flags.str.strip() != "").to_numpy()
        found.add("flag", flags, per_value(flags, lambda f: say("flagged", lang, value=f) if f.strip() else ""), none)
    cells = {c: frame[c].astype(str) for c in frame.columns}

    def test(column: str, answer: Callable[[str], str]) -> None:
        found.add(column, cells[column], per_value(cells[column], answer), flagged)

    if kind == "staffing":
        bodies, positions = vocab.bodies(), vocab.positions()
        test("unit", _name_reason(units, set(units.table["unit"]), lang, "unknown_unit", True, "add_with_units"))
        test("unit_code", lambda v: "" if _DIGITS.match(v) else say("bad_code", lang, value=v))
        test("code_vintage", lambda v: "" if _YEAR.match(v) else say("bad_vintage", lang, value=v))
        test("structure", _one_of(STRUCTURES, "bad_structure", lang))
        test("body", _name_reason(bodies, set(bodies.table["body"]), lang, "unknown_body", False, None))
        position_reason = per_value(cells["position"], _name_reason(
            positions, set(positions.table["position"]), lang, "unknown_position", False, None))
        found.add("position", cells["position"], position_reason, flagged)
        found.add("position_group", cells["position_group"], _groups(frame, positions, lang),
                  flagged | (position_reason != ""))
        test("posts", _posts_reason(lang))
    elif kind == "issues":
        test("unit", _name_reason(units, set(units.table["unit"]), lang, "unknown_unit", False, "add_with_units"))
        test("kind", _one_of(KINDS, "bad_kind", lang))
        test("category", _one_of(CATEGORIES, "bad_category", lang, allowed=", ".join(CATEGORIES)))
        test("text", lambda v: "" if v.strip() else say("empty_text", lang))
    if kind in ("staffing", "issues"):
        test("provenance", _one_of(PROVENANCES, "bad_provenance", lang))

    problems = found.frame()
    bad = found.bad()
    kept = frame[~bad].reset_index(drop=True)
    if kind == "staffing":
        kept["posts"] = per_value(kept["posts"], lambda v: v.strip().lstrip("+")).astype(np.int64)
    if kind in ("staffing", "issues"):
        kept = validate(kept, kind, origin=str(file))
    rejects = pd.DataFrame({
        "source_file": file.name, "sheet": "",
        "source_row": (problems["pos"].to_numpy(dtype=np.int64) + 2).astype(str).astype(object),  # header = line 1
        "column": problems["column"].to_numpy(object), "value": problems["value"].to_numpy(object),
        "reason": problems["reason"].to_numpy(object)}, columns=REJECTS_COLUMNS)
    return Checked(kept, rejects)
