"""Find the header of an issue list and sort its rows, accounting for every one.

Issue lists come in two shapes. **Long**: a text column ("Nội dung") with a kind column
("Loại": Khó khăn / Kiến nghị / Ưu điểm) — or, without one, section heading rows
("I. KHÓ KHĂN, VƯỚNG MẮC") that set the kind of the rows below. **Wide**: one column per
kind ("Khó khăn" | "Kiến nghị"), each filled cell one statement. Header words are data
(``data/reference/headers.csv``: issue_text, issue_kind, issue_category, unit; kind words
from ``issue_kinds.csv``), so a new spelling is a CSV line.

Rows are sorted into the kinds of ``ingest.row_kinds`` (data, blank, title, total,
note) so that rows read = kept + rejected + skipped, as for staffing tables. Unlike a
staffing table, a statement has no count, so a row is a note only when it holds no
statement at all, or a footnote-like text with no kind: "Nguồn kinh phí còn thiếu" with
a kind is a statement, never a skipped "Nguồn: …" line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pilotlib.core.errors import DataError
from pilotlib.core.i18n import say
from pilotlib.core.text import fold, fold_series
from pilotlib.ingest import row_kinds
from pilotlib.ingest.cells import filled_cells
from pilotlib.ingest.matching import as_text
from pilotlib.ingest.xlsx import column_letter
from pilotlib.reference import header_words
from pilotlib.reference.topics import classify_kind

ROLES = ("unit", "issue_text", "issue_kind", "issue_category")
HEADER_SCAN_ROWS = header_words.HEADER_SCAN_ROWS
_PARENS = re.compile(r"\([^)]*\)?")
_SECTION_MARK = re.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2}|[A-Za-z])\s*[.)/-]\s*")
_NUMBERING = re.compile(r"\(?(?:\d{1,2}|[A-Za-z])\)?")


def kind_word(value: object) -> str | None:
    """difficulty / recommendation / advantage for a kind word or heading ("II. Kiến nghị:")."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = _SECTION_MARK.sub("", _PARENS.sub(" ", value)).strip(" :.-")
    found = classify_kind(pd.Series([text])).iloc[0]
    return None if pd.isna(found) else str(found)


def _text_labels() -> list[str]:
    return [k for k, f in header_words.words().exact.items() if f == "issue_text"]


def header_role(value: object) -> tuple[str | None, str | None]:
    """(role, fixed kind) of a header cell: a role of ROLES, "ignore", "wide" (a kind column)."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    role, _ = header_words.classify(value, loose=False)
    if role in ROLES or role in ("ignore", "unit_code"):
        return ("ignore" if role == "unit_code" else role), None
    kind = kind_word(value)
    if kind is None:  # "Nội dung khó khăn": a text label followed by a kind word
        key = header_words.header_key(value)
        rest = next((key[len(t):] for t in _text_labels() if key.startswith(t + " ")), "")
        kind = kind_word(rest)
    return ("wide", kind) if kind else (None, None)


@dataclass
class IssueLayout:
    header: int  # grid row of the header
    roles: dict[str, int]  # role → column
    wide: list[tuple[int, str]]  # (column, kind) in wide form
    labels: dict[int, str]
    unknown: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    # (earlier column, later column) pairs holding the same statements (text, or one kind
    # in wide form): the file cannot be read without losing one of them
    clashes: list[tuple[int, int]] = field(default_factory=list)

    @property
    def long(self) -> bool:
        return "issue_text" in self.roles


def _is_header(roles: list[tuple[str | None, str | None]]) -> bool:
    names = [r for r, _ in roles]
    wide = names.count("wide")
    return "issue_text" in names or wide >= 2 or (wide == 1 and any(n in ("unit", "ignore", "issue_category")
                                                                      for n in names))


def find_issue_layout(cells: pd.DataFrame, where: str) -> IssueLayout:
    """Locate the header in the first rows and give every column a role."""
    stop = min(HEADER_SCAN_ROWS, len(cells))
    for r in range(stop):
        row = cells.iloc[r].tolist()
        roles = [header_role(v) for v in row]
        if _is_header(roles):
            break
    else:
        raise DataError(f"{where}: {say('warning.no_issue_header', 'vi', rows=stop)} / "
                        f"{say('warning.no_issue_header', 'en', rows=stop)}")
    layout = IssueLayout(r, {}, [], {})
    for c, (value, (role, kind)) in enumerate(zip(row, roles)):
        shown = str(value).strip() if value is not None else ""
        layout.labels[c] = f"{column_letter(c + 1)} ({shown})" if shown else column_letter(c + 1)
        if role in ROLES:
            if role in layout.roles:
                layout.duplicates.append(c)
                if role == "issue_text":
                    layout.clashes.append((layout.roles[role], c))
            else:
                layout.roles[role] = c
        elif role == "wide":
            earlier = [col for col, k in layout.wide if k == kind]
            if earlier:
                layout.duplicates.append(c)
                layout.clashes.append((earlier[0], c))
            else:
                layout.wide.append((c, kind))
        elif role is None and shown:
            layout.unknown.append(c)
    if layout.long and layout.wide:  # a text column wins; kind-headed columns are then unknown
        layout.unknown += [c for c, _ in layout.wide]
        layout.clashes = [(a, b) for a, b in layout.clashes if a == layout.roles["issue_text"]]
        layout.wide = []
    return layout


@dataclass
class SortedRows:
    kinds: np.ndarray  # row_kinds.DATA / BLANK / TITLE / TOTAL / NOTE per grid row
    section: pd.Series  # kind set by the nearest section heading above (NA when none)
    texts: dict[str, pd.Series]  # role → trimmed NFC text per grid row
    wide: dict[int, pd.Series]  # wide column → text per grid row


def sort_rows(cells: pd.DataFrame, layout: IssueLayout, unit_known: np.ndarray | None = None) -> SortedRows:
    """The kind of every grid row, and the section kind (from heading rows) for long lists."""
    n = len(cells)
    filled = filled_cells(cells)
    texts = {role: as_text(cells.iloc[:, col]) for role, col in layout.roles.items()}
    wide = {col: as_text(cells.iloc[:, col]) for col, _ in layout.wide}
    kinds = np.full(n, row_kinds.DATA, dtype=object)
    kinds[: layout.header + 1] = row_kinds.TITLE
    statement = np.zeros(n, dtype=bool)
    for series in ([texts["issue_text"]] if layout.long else list(wide.values())):
        statement |= (series != "").to_numpy()
    kind_given = (texts["issue_kind"] != "").to_numpy() if "issue_kind" in texts else np.zeros(n, dtype=bool)
    unit_known = np.zeros(n, dtype=bool) if unit_known is None else unit_known
    first = cells.to_numpy(dtype=object)[np.arange(n), filled.argmax(axis=1)]
    first_text = pd.Series(first, dtype=object)
    # Repeated header, or a "(1) (2) (3)" numbering row just under the header.
    key_col = layout.roles.get("issue_text", layout.wide[0][0] if layout.wide else 0)
    header_key = fold(cells.iat[layout.header, key_col])
    repeated = fold_series(as_text(cells.iloc[:, key_col]), key=lambda v: fold(v) == header_key)
    kinds[repeated.to_numpy(dtype=bool) & (np.arange(n) > layout.header)] = row_kinds.TITLE
    below = layout.header + 1
    if below < n and filled[below].sum() >= 2:
        values = [str(v).strip() for v, f in zip(cells.iloc[below].tolist(), filled[below]) if f]
        if all(_NUMBERING.fullmatch(v) for v in values) and len(set(values)) == len(values):
            kinds[below] = row_kinds.TITLE
    # Section headings: one filled cell (besides an "STT"-like column) holding a kind word.
    ignore = [c for c in range(cells.shape[1]) if c not in layout.roles.values() and c not in dict(layout.wide)]
    content = filled.copy()
    content[:, ignore] = False
    lone = content.sum(axis=1) == 1
    lone_text = pd.Series(cells.to_numpy(dtype=object)[np.arange(n), content.argmax(axis=1)], dtype=object)
    heading_kind = fold_series(lone_text.where(pd.Series(lone)), key=kind_word)
    heading = heading_kind.notna().to_numpy() & ~kind_given & (kinds == row_kinds.DATA)
    if layout.wide:
        heading &= False  # in wide form the columns give the kind; a lone kind word is a statement
    kinds[heading] = row_kinds.NOTE
    section = pd.Series(np.where(heading, heading_kind, None), dtype=object).ffill()
    section.iloc[: layout.header + 1] = None
    rest = kinds == row_kinds.DATA
    total = fold_series(first_text, key=header_words.is_total).to_numpy(dtype=bool) & ~statement
    kinds[rest & total] = row_kinds.TOTAL
    rest = kinds == row_kinds.DATA
    # A footnote or signature ("Nguồn: …", "Người lập biểu", "KT. CHỦ TỊCH") starts the row outside
    # the statement columns — or inside them only where no heading gives a kind: "Nguồn kinh phí
    # còn hạn hẹp" under "Khó khăn" is a statement.
    noted = fold_series(first_text, key=header_words.is_note).to_numpy(dtype=bool) & ~kind_given & ~unit_known
    first_col = filled.argmax(axis=1)
    statement_cols = [layout.roles["issue_text"]] if layout.long else [c for c, _ in layout.wide]
    in_statement = np.isin(first_col, statement_cols)
    if layout.long:
        empty_row = ~statement & ~kind_given & ~unit_known
        footnote = noted & (~in_statement | section.isna().to_numpy())
        kinds[rest & (empty_row | footnote)] = row_kinds.NOTE
    else:
        kinds[rest & ((~statement & ~unit_known) | (noted & ~in_statement))] = row_kinds.NOTE
    kinds[~filled.any(axis=1)] = row_kinds.BLANK
    return SortedRows(kinds, section, texts, wide)
