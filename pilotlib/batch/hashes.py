"""What pilotlib has already worked out about a file, remembered by the file's status.

Hashing every input and re-reading every notebook on every run costs seconds on large
data and on many runs; an unchanged file gives the same answer. A file whose path,
size, modification time, status-change time and inode are the ones recorded is taken to
be unchanged (the change time cannot be set back by a program, unlike the modification
time), and the recorded answer is used: its sha256, or what papermill found in a
notebook. Anything else is worked out again.

The answers are kept in the output folder, in pilotlib's own file ``.pilotlib-hashes.json``
(deleting it is always safe: it only costs the time to hash again). ``using(folder)``
makes that folder's file the one ``sha256`` and ``remembered`` use (per thread of
control); without it, answers are remembered for the life of the process only.
"""
from __future__ import annotations

import contextvars
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pilotlib.core.io import atomic_write, sha256_file

FILE = ".pilotlib-hashes.json"
VERSION = 1


def stamp(path: str | os.PathLike[str]) -> list[int]:
    """(size, mtime_ns, ctime_ns, inode): a file with all four unchanged is unchanged."""
    status = os.stat(path)
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


class Remembered:
    """Answers per (kind, absolute path), each valid while the file's stamp is the same."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = folder / FILE if folder is not None else None
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        self.changed = False
        if self.path is not None:
            try:
                saved = json.loads(self.path.read_text(encoding="utf-8"))
                if saved.get("version") == VERSION and isinstance(saved.get("entries"), dict):
                    self.entries = saved["entries"]
            except (OSError, ValueError, AttributeError):
                pass

    def get(self, kind: str, path: str | os.PathLike[str], compute: Callable[[Path], Any]) -> Any:
        """The answer for ``path`` (``compute(path)`` when the file changed or is new)."""
        path = Path(path).absolute()
        key = f"{kind}:{path}"
        now = stamp(path)
        self.used.add(key)
        entry = self.entries.get(key)
        if isinstance(entry, dict) and entry.get("stamp") == now:
            return entry["value"]
        value = compute(path)
        if stamp(path) == now:  # not changing while it was read
            self.entries[key] = {"stamp": now, "value": value}
            self.changed = True
        return value

    def save(self) -> None:
        """Write the folder's file (entries of files that are gone are dropped)."""
        if self.path is None or not self.path.parent.is_dir():
            return
        kept = {k: v for k, v in self.entries.items() if k in self.used or Path(k.split(":", 1)[1]).exists()}
        if not self.changed and len(kept) == len(self.entries):
            return
        self.entries = kept
        try:
            atomic_write(self.path, json.dumps({"version": VERSION, "entries": kept}, ensure_ascii=False))
        except OSError:  # only a cache: the next run hashes again
            return
        self.changed = False


_PROCESS = Remembered()
_CURRENT: contextvars.ContextVar[Remembered] = contextvars.ContextVar("pilotlib_remembered", default=_PROCESS)


@contextmanager
def using(folder: Path) -> Iterator[Remembered]:
    """Remember answers in ``folder``'s file for the block, saved at its end."""
    remembered = Remembered(folder)
    token = _CURRENT.set(remembered)
    try:
        yield remembered
    finally:
        _CURRENT.reset(token)
        remembered.save()


def use(folder: Path) -> Remembered:
    """Remember answers in ``folder``'s file from now on in this thread of control (saved
    when the caller calls ``save``, once the folder is pilotlib's)."""
    remembered = Remembered(folder)
    _CURRENT.set(remembered)
    return remembered


def current() -> Remembered:
    return _CURRENT.get()


def sha256(path: str | os.PathLike[str]) -> str:
    """The file's sha256, remembered by its stamp."""
    return current().get("sha256", path, lambda p: sha256_file(p))


def remembered(kind: str, path: str | os.PathLike[str], compute: Callable[[Path], Any]) -> Any:
    """A JSON-like answer about a file (e.g. a notebook's parameters), remembered by its stamp."""
    return current().get(kind, path, compute)
