"""Read a raw input file (.xlsx or .csv/.txt) into a grid of cells, one row per input row.

Nothing here knows about staffing: the result is every row of the file exactly as the
user sees it (``RawTable.rows`` holds the Excel row number or the CSV line number of
each grid row), with text in Unicode NFC and legacy font text (TCVN3/VNI) repaired value by
value within each column. Finding the header, skipping titles and totals, and matching names happen later.

A file that cannot be read at all — missing, empty, binary junk, old .xls, a corrupt or
oversized workbook — raises ``DataError`` naming the file (exit status 2, nothing written).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib.core.errors import DataError, file_error
from pilotlib.core.formula_guard import unguard_values
from pilotlib.core.i18n import refusal
from pilotlib.core.io import check_regular_file
from pilotlib.core.legacy_text import (
    EncodingGuessError,
    decode_bytes,
    nfc_utf8_bytes,
    repair_frame_distinct,
    wide_encoding,
)
from pilotlib.ingest import xlsx

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SEPARATORS = (";", ",", "\t", "|")
# Whole-file encodings other than UTF-8, as named in the warning that the file was decoded.
LEGACY_ENCODINGS = {"cp1258": "Windows-1258", "cp1252": "Windows-1252 (phông TCVN3/VNI / TCVN3/VNI font bytes)"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAW = re.compile(r"saw (\d+)")
_BOM = b"\xef\xbb\xbf"
_BLANK_UTF8 = re.compile(rb"(?:[ \t\r\n]|\xef\xbb\xbf)*")  # what text.strip("\ufeff \t\r\n") empties

# Windows-1252 leaves five bytes undefined; legacy font text may still use them.
codecs.register_error("pilotlib_latin1", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))


@dataclass
class RawTable:
    """One sheet (or CSV file) as read: cells, the row numbers a user sees, and notes."""

    file: Path
    sheet: str  # "" for a CSV file
    cells: pd.DataFrame  # object values; columns 0..n-1; str / int / float / None
    rows: np.ndarray  # row number per grid row (Excel row / CSV line), 1-based
    encoding: str  # "xlsx", "utf-8", "utf-8-sig", "cp1258" or "cp1252"
    repaired: dict[int, str] = field(default_factory=dict)  # column → "tcvn3" / "vni"
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (message key, values)
    filled: np.ndarray | None = None  # filled_cells(cells), computed once while reading
    # column position → (codes, distinct values): cells[:, c] == values[codes] (code -1:
    # missing), so later steps work once per distinct value without factorising again
    distinct: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)



def read_table(path: Path, sheet: str | None = None,
               max_uncompressed: int = xlsx.MAX_UNCOMPRESSED) -> RawTable:
    """Read any supported input; the kind is decided by content first, then by name."""
    path = Path(path)
    check_regular_file(path)  # a FIFO or device is refused, never opened (it would block)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise refusal(path, "cannot_read", why=exc.strerror or exc) from None
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise file_error(path, "tệp rỗng", "the file is empty")
    if head.startswith(_OLE2) or suffix == ".xls":
        raise file_error(path, "định dạng .xls cũ (hoặc sổ tính có mật khẩu) không được hỗ trợ; hãy lưu lại dạng .xlsx",
                     "old binary .xls (or a password-protected workbook) is not supported; save it as .xlsx")
    if head.startswith(b"PK\x03\x04"):
        grid, title, notes = xlsx.read_sheet(path, sheet, max_uncompressed)
        cells = pd.DataFrame(grid, dtype=object)
        return _finish(path, title, cells, np.arange(1, len(cells) + 1), "xlsx", notes)
    if suffix in XLSX_SUFFIXES:
        raise file_error(path, "không phải tệp .xlsx hợp lệ (hỏng hoặc sai loại)",
                     "not a valid .xlsx file (corrupt or of another type)")
    if suffix not in TEXT_SUFFIXES:
        raise file_error(path, "loại tệp không hỗ trợ (chỉ nhận .xlsx, .csv, .txt)",
                     "unsupported file type (only .xlsx, .csv, .txt)")
    notes = [("sheet_ignored", {"sheet": sheet})] if sheet else []
    # UTF-8 is taken on trust and checked by the parser, which decodes every byte (the
    # file is not decoded twice); if it fails, the file is read again the checked way:
    # not UTF-8 after all → decoded otherwise, else the same refusal as before.
    data, encoding = decode_csv(path, check=False)
    try:
        cells, rows = parse_csv_text(data, where=path)
    except (UnicodeDecodeError, DataError):
        if encoding not in ("utf-8", "utf-8-sig"):
            raise
        data, encoding = decode_csv(path)
        cells, rows = parse_csv_text(data, where=path)
    return _finish(path, "", cells, rows, encoding, notes)


def decode_csv(path: Path, check: bool = True) -> tuple[bytes, str]:
    """Bytes → NFC text as UTF-8 bytes (what the parser reads), and the encoding read:
    UTF-8 (BOM or not) straight from the bytes, without building the text; else as
    ``decode_text``. ``check=False``: bytes read as UTF-8 are not all checked to be
    UTF-8 (only those NFC looks at): the caller's parser must decode them strictly."""
    raw = path.read_bytes()
    _refuse_unreadable(path, raw)
    encoding = "utf-8-sig" if raw.startswith(_BOM) else "utf-8"  # tried first, as decode_bytes does
    try:
        data = nfc_utf8_bytes(raw, encoding, check=check)
    except UnicodeDecodeError:  # not UTF-8: decode_text says what it is, or refuses it
        text, encoding = decode_text(path, raw)
        return text.lstrip("\ufeff").encode("utf-8"), encoding
    if _BLANK_UTF8.fullmatch(data):
        raise file_error(path, "tệp rỗng", "the file is empty")
    return data, encoding


def _refuse_unreadable(path: Path, raw: bytes) -> None:
    wide = wide_encoding(raw)
    if wide:
        raise refusal(path, "encoding_unknown", encoding=wide)
    if b"\x00" in raw[:8192]:
        raise file_error(path, "tệp nhị phân, không phải văn bản CSV", "binary data, not a CSV text file")


def decode_text(path: Path, raw: bytes | None = None) -> tuple[str, str]:
    """Bytes → NFC text: UTF-8 (BOM or not), Windows-1258, else Windows-1252 for font text.
    ``raw``: the file's bytes when read already."""
    raw = path.read_bytes() if raw is None else raw
    _refuse_unreadable(path, raw)
    try:
        text, encoding = decode_bytes(raw)
    except EncodingGuessError as exc:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
            raise file_error(path, "mã hoá không đọc được; hãy lưu dạng CSV UTF-8", f"cannot decode ({exc})") from None
        # TCVN3/VNI font text saved as bytes: read as Windows-1252, repaired value by value later.
        text, encoding = raw.decode("cp1252", errors="pilotlib_latin1"), "cp1252"
    if not text.strip("\ufeff \t\r\n"):
        raise file_error(path, "tệp rỗng", "the file is empty")
    return text, encoding


def sniff_separator(sample: str) -> str:
    """The separator giving most lines the same number (> 1) of fields; ";" wins ties.

    Vietnamese Excel exports use ";" because "," is the decimal comma, so a ","-split
    of such a file gives ragged rows ("21,0" splits in two) and loses on consistency.
    """
    best, best_score = ",", (0, 0)
    for separator in SEPARATORS:
        reader = csv.reader(io.StringIO(sample), delimiter=separator)
        widths = [len(r) for r in reader if len(r) > 1 and any(f.strip() for f in r)]
        if not widths:
            continue
        width, frequency = Counter(widths).most_common(1)[0]
        if (frequency, width) > best_score:
            best, best_score = separator, (frequency, width)
    return best


def _widest_line(text: str | bytes, separator: str) -> int:
    """Upper bound of fields per physical line: separators counted per line with numpy."""
    data = np.frombuffer(text.encode("utf-8") if isinstance(text, str) else text, dtype=np.uint8)
    seps = np.flatnonzero(data == ord(separator))
    if len(seps) == 0:
        return 1
    # separators before each line break, so per line a difference (one search per line)
    before = np.searchsorted(seps, np.flatnonzero(data == ord("\n")))
    return int(np.diff(before, prepend=0, append=len(seps)).max()) + 1


def _open_quote_line(data: bytes) -> int:
    """The line (1-based) where a quote opens that is never closed: quotes counted per
    line with numpy, the last line where the running count turns odd."""
    bytes_ = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(bytes_ == ord("\n"))
    per_line = np.bincount(np.searchsorted(breaks, np.flatnonzero(bytes_ == ord('"'))),
                           minlength=len(breaks) + 1)
    odd = np.cumsum(per_line) % 2 == 1
    turns = np.flatnonzero(odd & ~np.concatenate(([False], odd[:-1])))
    return int(turns[-1]) + 1 if len(turns) else 1


def _parse_problem(where: object, data: bytes, exc: Exception) -> DataError:
    if "EOF inside string" in str(exc):
        return refusal(where, "csv_unbalanced_quote", line=_open_quote_line(data))
    return refusal(where, "csv_unparsable", detail=exc)


def _first_lines(data: bytes, count: int = 200) -> bytes:
    """The first ``count`` lines (CRLF read as LF), without splitting the whole text."""
    end = -1
    for _line in range(count):
        end = data.find(b"\n", end + 1)
        if end < 0:
            break
    return (data if end < 0 else data[:end]).replace(b"\r\n", b"\n")


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def _read_cells(data: bytes, separator: str, width: int) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=separator, header=None, names=range(width), dtype=object,
                       keep_default_na=False, na_filter=False, skip_blank_lines=False, quotechar='"',
                       engine="c", encoding="utf-8")


def _read_directly(data: bytes, separator: str, lines: int) -> pd.DataFrame | None:
    """The cells read from ``data`` as it is (no CR but before an LF), with the width of
    its first lines, when that gives what unifying line ends and counting every line
    gives; else None.

    It does when every line is one record (no quoted field holds a line break: as many
    records as lines) and every CR ends a line before an LF (Excel's export: the C parser
    reads CRLF as LF). The first record then fits the width tried (a narrower width would
    make its first fields an index), a wider line later makes the parser fail, and the
    columns counting every line would add are empty in every row (``_finish`` drops them).
    Copying 10⁶ lines to unify their ends and counting separators on each cost more than
    reading them."""
    try:
        cells = _read_cells(data, separator, _widest_line(_first_lines(data), separator))
    except pd.errors.ParserError:  # a wider line, or worse: read the careful way
        return None
    return cells if len(cells) == lines else None


def parse_csv_text(text: str | bytes, where: object = "CSV") -> tuple[pd.DataFrame, np.ndarray]:
    """Text (or its UTF-8 bytes) → (cells as str, line number where each record starts);
    blank lines kept.

    ``where`` names the file in errors. The formula guard of CSV written for Excel
    (``core.formula_guard``) is taken off, so pilotlib reads its own CSV back exactly.
    """
    # The C parser reads bytes twice as fast as a text stream. Line ends are unified on
    # the bytes: CR and LF are never part of a longer UTF-8 sequence.
    data = text.encode("utf-8") if isinstance(text, str) else text
    marks = 0
    while data.startswith(_BOM, 3 * marks):
        marks += 1
    if marks:
        data = data[3 * marks:]
    cells, lines = None, _line_count(data)
    if b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"):
        separator = sniff_separator(_first_lines(data).decode("utf-8"))
        cells = _read_directly(data, separator, lines)
    if cells is None:  # the careful way: line ends unified, separators counted on every line
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            lines = _line_count(data)
        separator = sniff_separator(_first_lines(data).decode("utf-8"))
        width = _widest_line(data, separator)
        for _attempt in range(8):  # a quoted newline can hide fields from the line count
            try:
                cells = _read_cells(data, separator, width)
                break
            except pd.errors.ParserError as exc:
                match = _SAW.search(str(exc))
                if not match or int(match.group(1)) <= width:
                    raise _parse_problem(where, data, exc) from None
                width = int(match.group(1))
        else:  # pragma: no cover - eight hidden widenings in a row
            raise refusal(where, "csv_unparsable", detail="")
    extra = np.zeros(len(cells), dtype=np.int64)
    # Every physical line is one record unless a quoted field holds a line break; only
    # then are the fields scanned for them (the scan costs more than reading the file).
    if b'"' in data and lines != len(cells):
        for column in cells.columns:
            extra += cells[column].str.count("\n").to_numpy(dtype=np.int64)
    rows = 1 + np.arange(len(cells)) + np.concatenate(([0], np.cumsum(extra)[:-1]))
    if b"'" in data:  # "'=…": a cell pilotlib guarded for Excel
        for column in cells.columns:
            fixed = unguard_values(cells[column].to_numpy(dtype=object))
            if fixed is not None:
                cells[column] = fixed
    return cells, rows.astype(np.int64)


def _finish(path: Path, sheet: str, cells: pd.DataFrame, rows: np.ndarray, encoding: str,
            notes: list[tuple[str, dict]]) -> RawTable:
    """Drop trailing empty rows/columns, repair legacy font text (each distinct value of a column)."""
    filled, factorized = _filled_factorized(cells)
    keep_rows = np.flatnonzero(filled.any(axis=1))
    keep_cols = np.flatnonzero(filled.any(axis=0))
    if len(keep_rows) == 0:
        raise file_error(path, f"không có dữ liệu{f' (trang {sheet})' if sheet else ''}",
                     f"contains no data{f' (sheet {sheet})' if sheet else ''}")
    cells = cells.iloc[: keep_rows[-1] + 1, : keep_cols[-1] + 1]
    cells.columns = range(cells.shape[1])
    filled = filled[: len(cells), : cells.shape[1]].copy()
    factorized = {c: (codes[: len(cells)], uniques) for c, (codes, uniques) in factorized.items()
                  if c < cells.shape[1]}
    repaired_cells, repaired, distinct, changed = repair_frame_distinct(cells, factorized)
    for position, (codes, values) in distinct.items():  # cells repair may have changed: test again
        if changed[position]:
            present = np.zeros(len(values) + 1, dtype=bool)
            present[changed[position]] = _present(values[changed[position]])[:-1]
            again = np.isin(codes, changed[position])
            filled[again, position] = present[codes[again]]
    return RawTable(path, sheet, repaired_cells.reset_index(drop=True), rows[: len(cells)],
                    encoding, repaired, notes, filled, distinct)


def _present(values) -> np.ndarray:
    """Per distinct value: holds something other than blanks; one slot more (False) for
    code -1, a missing cell. All texts (the usual case, 10⁶ STT numbers included): the
    str methods mapped in C; a column holding other values: one test per value."""
    n = len(values)
    try:  # one pass: strip gives back the value itself unless it has blanks at its edges
        present = np.fromiter(map(bool, map(str.strip, values)), dtype=bool, count=n)
    except TypeError:  # a value that is no text (a number from a spreadsheet): filled
        return np.array([not (isinstance(u, str) and (not u or u.isspace())) for u in values] + [False])
    return np.append(present, False)


def filled_cells(cells: pd.DataFrame) -> np.ndarray:
    """Boolean grid: the cell holds something other than blanks."""
    return _filled_factorized(cells)[0]


def _filled_factorized(cells: pd.DataFrame) -> tuple[np.ndarray, dict]:
    """``filled_cells`` and {column position: pd.factorize(column)} it was computed from."""
    out = np.zeros(cells.shape, dtype=bool)
    factorized = {}
    for position in range(cells.shape[1]):
        column = cells.iloc[:, position]
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        present = _present(uniques)
        out[:, position] = present[codes]
        factorized[position] = (codes, uniques)
    return out, factorized
