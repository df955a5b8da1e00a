"""Files in and out: atomic writes, tables to CSV/.xlsx, tidy CSV reading, hashing.

Tables are written to CSV (UTF-8 with BOM, so Excel shows Vietnamese right) or to .xlsx.

Two promises: a file is either written completely or not at all (written beside the
target, then renamed into place — ``atomic_write``, the one implementation the batch
runner uses too), and opening a table in Excel cannot run anything. In .xlsx every text
cell stays text — a unit name or a rejected value starting with "=", "+", "-" or "@" is
stored as a string cell, never as a formula, and exactly as typed (a literal
``_x0041_`` is escaped so Excel does not read it as "A"; a text longer than Excel's
32,767 characters is refused, not cut). In CSV written for people such a text gets a
leading apostrophe (``core.formula_guard``; every pilotlib reader takes it off again);
CSV for machines (``for_excel=False``) keeps texts raw. Integer columns (``posts``)
are numbers; everything else, including codes with leading zeros, is text.

Files get the usual permissions (0666 less the umask, e.g. 0644): the staging file is
opened normally, not with ``mkstemp`` (which would make every output 0600 and a shared
report set unreadable to colleagues).
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Callable, Union

import pandas as pd

from pilotlib.core.csv_text import write_csv_text
from pilotlib.core.errors import DataError, DuplicateHeaderError
from pilotlib.core.formula_guard import unguard_frame
from pilotlib.core.i18n import refusal
from pilotlib.core.text import nfc

XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_TEXT = 32_767  # characters in one cell; Excel cuts (or refuses) longer text
# Control characters an .xlsx cannot hold; shown as U+FFFD instead of failing the write.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# OOXML reads "_xHHHH_" inside a string as the character U+HHHH; a literal one is escaped.
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

# What to write: text (UTF-8), bytes, or a function that writes the file at the path it is given.
Content = Union[str, bytes, Callable[[Path], None]]


def is_xlsx(path: Path) -> bool:
    return Path(path).suffix.lower() == ".xlsx"


def atomic_write(path: str | os.PathLike[str], content: Content) -> Path:
    """Write ``content`` beside ``path``, then ``os.replace``: readers see the old file or
    the new one, whole; on any error the target is untouched and no staging file is left."""
    path = Path(path)
    created = _make_parents(path.parent)
    try:
        staging = _stage(path, content)
    except BaseException:
        _remove_empty(created)
        raise
    try:
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    return path


def _stage(path: Path, content: Content) -> Path:
    """A sibling staging file holding ``content`` (created exclusively, so the umask applies)."""
    staging = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        if callable(content):
            open(staging, "xb").close()
            content(staging)
        else:
            with open(staging, "xb") as stream:
                stream.write(content.encode("utf-8") if isinstance(content, str) else content)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return staging


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; the ones this call created, deepest last.
    Another writer may create the same folders at the same moment: that is no error."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created = []
    for path in reversed(missing):
        try:
            path.mkdir()  # exclusive on purpose: a folder made meanwhile is not ours to remove
        except FileExistsError:
            if not path.is_dir():
                raise
        else:
            created.append(path)
    return created


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            break


def _check(frame: pd.DataFrame, path: Path) -> None:
    if is_xlsx(path) and len(frame) + 1 > XLSX_MAX_ROWS:
        raise DataError(f"{path}: {len(frame):,} dòng vượt giới hạn của Excel; hãy ghi ra .csv / "
                        f"{len(frame):,} rows exceed Excel's limit; write a .csv instead")
    if is_xlsx(path):
        _check_text_lengths(frame, path)
    if path.is_dir():
        raise IsADirectoryError(21, "là thư mục, cần tên tệp / is a folder; give a file name", str(path))


def _check_text_lengths(frame: pd.DataFrame, path: Path) -> None:
    """Refuse (nothing written) a text Excel could not hold whole, naming row and column."""
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]):
            continue
        lengths = frame[column].astype(str).str.len().to_numpy()
        if len(lengths) and lengths.max() > XLSX_MAX_TEXT:
            row = int(lengths.argmax())
            raise refusal(path, "text_too_long_for_xlsx", column=column, row=row + 2,
                          length=int(lengths[row]), limit=XLSX_MAX_TEXT)


def csv_writer(frame: pd.DataFrame, for_excel: bool = True) -> Callable[[Path], None]:
    """The one CSV convention, in two flavours: for people (UTF-8 with BOM and CRLF, so
    Excel on Windows shows Vietnamese right; text cells Excel would read as formulas
    guarded, ``core.formula_guard``) or for machines (plain UTF-8, LF, texts raw: tidy
    copies and bundled data that tools and git read)."""
    return lambda target: write_csv_text(frame, target, for_excel)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str], for_excel: bool = True) -> Path:
    """``frame`` as CSV at ``path``, atomically (see ``csv_writer`` for the two flavours)."""
    return atomic_write(path, csv_writer(frame, for_excel))


def _writer(frame: pd.DataFrame, path: Path, sheet_name: str, raw_csv: bool = False) -> Callable[[Path], None]:
    if is_xlsx(path):
        return lambda target: _write_xlsx(frame, target, sheet_name)
    return csv_writer(frame, for_excel=not raw_csv)


def write_table(frame: pd.DataFrame, path: Path, sheet_name: str = "data", raw_csv: bool = False) -> Path:
    """Write ``frame`` to ``path`` (.xlsx → Excel, anything else → CSV UTF-8 with BOM,
    formula starts guarded unless ``raw_csv``)."""
    path = Path(path)
    _check(frame, path)
    return atomic_write(path, _writer(frame, path, sheet_name, raw_csv))


def write_tables(tables: list[tuple[pd.DataFrame, Path, str]], raw_csv: bool = False) -> list[Path]:
    """Write several (frame, path, sheet name) tables all or nothing: every target is
    checked and every table staged first, then all are renamed into place; if any
    staging fails, no target is touched and folders created on the way are removed.
    ``raw_csv``: CSV targets keep texts raw (for programs), see ``csv_writer``."""
    targets = [Path(path) for _, path, _ in tables]
    for (frame, _, _), path in zip(tables, targets):
        _check(frame, path)
    created: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for (frame, _, sheet), path in zip(tables, targets):
            created += _make_parents(path.parent)
            staged.append((_stage(path, _writer(frame, path, sheet, raw_csv)), path))
    except BaseException:
        for staging, _ in staged:
            staging.unlink(missing_ok=True)
        _remove_empty(created)
        raise
    try:
        for staging, path in staged:
            os.replace(staging, path)
    finally:
        for staging, _ in staged:
            staging.unlink(missing_ok=True)
    return targets


def _text_cell(cell_class, sheet, value: object):
    """A string cell whatever the text starts with ("=", "+", "-", "@" stay text), shown
    by Excel exactly as the text ("_x0041_" stays "_x0041_")."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    if "_x" in text:
        text = _OOXML_ESCAPE.sub("_x005F_", text)
    cell = cell_class(sheet, value=_ILLEGAL.sub("\ufffd", text))
    cell.data_type = "s"  # after the value: openpyxl reads a leading "=" as a formula
    return cell


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet_name: str) -> None:
    from openpyxl import Workbook  # here: report kernels and tidy reads never need it
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    numeric = [pd.api.types.is_integer_dtype(frame[c]) for c in frame.columns]
    sheet.append([_text_cell(WriteOnlyCell, sheet, c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([
            WriteOnlyCell(sheet, value=int(v)) if is_number else _text_cell(WriteOnlyCell, sheet, v)
            for v, is_number in zip(row, numeric)])
    workbook.save(path)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:  # an input that cannot be read: said as such, never "cannot write"
        raise refusal(path, "cannot_read", why=exc.strerror or exc) from None
    return digest.hexdigest()


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a tidy CSV as text columns, empty cells as "", all text in NFC, the formula
    guard of CSV written for Excel taken off (``core.formula_guard``).

    A file that is no regular file (a FIFO, a device) is refused without opening it; a
    header naming one column twice is refused naming the file and the column (pandas
    would rename the second ``posts`` to ``posts.1`` and read on).
    """
    path = Path(path)
    check_regular_file(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", header=None)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{path}: không đọc được / cannot be read as a UTF-8 CSV table ({exc})") from None
    except OSError as exc:
        raise refusal(path, "cannot_read", why=exc.strerror or exc) from None
    header = [nfc(str(c)).strip() or f"Unnamed: {i}" for i, c in enumerate(frame.iloc[0])] if len(frame) else []
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise DuplicateHeaderError(str(refusal(path, "duplicate_header", columns=", ".join(twice))), header)
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = header
    for column in frame.columns:
        uniques = pd.unique(frame[column])
        frame[column] = frame[column].map({u: nfc(u) for u in uniques})
    return unguard_frame(frame)


def check_regular_file(path: Path) -> None:
    """DataError naming ``path`` unless it is an existing regular file (never opened:
    opening a FIFO blocks until someone writes to it)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise refusal(path, "does_not_exist") from None
    except OSError as exc:
        raise refusal(path, "cannot_read", why=exc.strerror or exc) from None
    if stat.S_ISDIR(mode):
        raise refusal(path, "is_a_folder")
    if not stat.S_ISREG(mode):
        raise refusal(path, "not_regular_file")
