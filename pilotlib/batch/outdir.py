"""Whose folder is it: pilotlib writes into an output folder only when it owns it, and
one run at a time.

Ownership. A folder is pilotlib's when it carries the marker file (``MARKER``), which
pilotlib writes on first use of a folder that is new or empty. Any other folder —
a user's Documents, a clone's root with its ``data/`` — is refused (exit 2) before
anything in it is touched. Inside its own folder pilotlib removes only files it recorded
(``remove_recorded``: a set's manifest lists its files), so a file a user adds later is
never deleted; folders are removed only once empty.

The lock. ``FolderLock`` takes an advisory lock (``fcntl.flock``) on ``LOCK`` inside the
folder for the whole run; the system releases it when the process ends, however it
ends, so a killed run never leaves a stale lock. A second run waits a bounded time
($PILOTLIB_LOCK_WAIT seconds, default 10) and then exits 2 naming the holder. Where
``flock`` is missing or unsupported (Windows, some network file systems) a lock folder
with the holder's pid is used instead, and a holder that is no longer running on this
machine is recognised as stale.
"""
from __future__ import annotations

import errno
import json
import os
import posixpath
import socket
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path, PurePath

from pilotlib.core.errors import DataError
from pilotlib.core.i18n import both, say

try:  # POSIX only; the lock folder below stands in elsewhere
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

MARKER = ".pilotlib-outputs"
LOCK = ".pilotlib-lock"
LOCK_WAIT_ENV = "PILOTLIB_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 10.0  # seconds a second run waits before giving up
MARKER_TEXT = {
    "pilotlib_outputs": 1,
    "vi": "Thư mục kết quả do pilotlib quản lý. pilotlib chỉ xoá hoặc ghi đè tệp do chính nó tạo; "
          "tệp bạn thêm vào đây được giữ nguyên.",
    "en": "An output folder managed by pilotlib. pilotlib removes or replaces only files it made itself; "
          "files you add here are left as they are.",
}


def is_owned(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def check_target(folder: Path) -> None:
    """DataError (exit 2) unless pilotlib may write into ``folder``: a folder that does not
    exist yet (and is not under a file), an empty one, or one carrying the marker. Reads
    only."""
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{folder}: {both('output.is_file')}")
    blocker = next((p for p in folder.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise DataError(f"{folder}: {both('output.under_file', blocker=blocker)}")
    if folder.is_dir():
        _check_entries(folder, _entries(folder))


def _entries(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        raise DataError(f"{folder}: {both('output.cannot_read', reason=exc.strerror or exc)}") from None


def _check_entries(folder: Path, entries: list[str]) -> None:
    if not entries or MARKER in entries:
        return
    shown = ", ".join(entries[:4]) + (", …" if len(entries) > 4 else "")
    message = f"{folder}: {both('output.not_owned', examples=shown)}"
    if _looks_legacy(folder):
        message += f"; {both('output.legacy', marker=MARKER)}"
    raise DataError(message)


def _looks_legacy(folder: Path) -> bool:
    """A folder an earlier pilotlib wrote (its manifest.json), before folders were marked."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "pilotlib_commit" in manifest and "runs" in manifest


def claim(folder: Path) -> None:
    """Create ``folder`` if needed and mark it as pilotlib's (once, race-free: the marker is
    created exclusively, and a folder that gained someone's files meanwhile is refused)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = _entries(folder)
    if MARKER in entries:
        return
    _check_entries(folder, entries)
    try:
        with open(folder / MARKER, "x", encoding="utf-8") as stream:
            stream.write(json.dumps(MARKER_TEXT | {"created": _now()}, ensure_ascii=False, indent=2) + "\n")
    except FileExistsError:  # another run claimed it at the same moment: it is pilotlib's
        pass


def remove_recorded(folder: Path, files: Iterable[str]) -> list[str]:
    """Remove the files listed (paths relative to ``folder``, as recorded when they were
    written), then their folders once empty. Anything else stays, whoever put it there;
    a listed path that leaves ``folder`` (``..``, absolute, or through a symbolic link
    someone put in place of a folder) is left alone. Returns the files that could not go.

    Each folder is checked once (a set of 1 000 runs lists ~12 000 files in ~1 000 folders)."""
    root = folder.resolve()
    kept: list[str] = []
    genuine: dict[str, bool] = {}  # a listed file's folder → it is the folder it is named (no link on the way)
    parents: set[str] = set()
    for relative in files:
        pure = PurePath(relative)
        if pure.is_absolute() or ".." in pure.parts:
            continue
        parent = pure.parent.as_posix()
        if parent not in genuine:
            genuine[parent] = (folder / parent).resolve() == root / parent
        if not genuine[parent]:
            kept.append(relative)
            continue
        try:
            os.unlink(folder / relative)
        except FileNotFoundError:
            pass
        except OSError:  # a folder by that name, or not ours to remove
            kept.append(relative)
        while parent not in (".", "") and parent not in parents:
            parents.add(parent)
            parent = posixpath.dirname(parent)
    for parent in sorted(parents, key=lambda p: p.count("/"), reverse=True):
        try:
            os.rmdir(folder / parent)
        except OSError:  # not empty (someone's file) or already gone
            pass
    return kept


def prune_empty(folder: Path) -> None:
    """Remove empty folders under ``folder`` (deepest first) and ``folder`` itself if empty."""
    if not folder.is_dir():
        return
    for dirpath, _, _ in sorted(os.walk(folder), key=lambda t: len(Path(t[0]).parts), reverse=True):
        try:
            os.rmdir(dirpath)
        except OSError:
            pass


def os_message(exc: OSError, action: str) -> str:
    """What happened to which file, in both languages: "<file>: không ghi được: hết chỗ
    trống trên đĩa / cannot write: no space left on device". ``action``: read | write."""
    def reason(lang: str) -> str:
        if exc.errno == errno.ENOSPC:
            return say("output.no_space", lang)
        return exc.strerror or str(exc)

    text = " / ".join(say(f"output.cannot_{action}", lang, reason=reason(lang)) for lang in ("vi", "en"))
    return f"{exc.filename}: {text}" if exc.filename else text


def lock_wait() -> float:
    """Seconds a run waits for another to release the folder ($PILOTLIB_LOCK_WAIT)."""
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_LOCK_WAIT)))
    except ValueError:
        return DEFAULT_LOCK_WAIT


class FolderLock:
    """Hold the folder's lock for a ``with`` block (see the module's docstring)."""

    def __init__(self, folder: Path, wait: float | None = None,
                 notice: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.wait = lock_wait() if wait is None else wait
        self.notice = notice
        self._fd: int | None = None
        self._dir: Path | None = None

    def __enter__(self) -> FolderLock:
        deadline = time.monotonic() + self.wait
        told = False
        while not self._try():
            if time.monotonic() >= deadline:
                raise DataError(f"{self.folder}: {both('output.locked', holder=self._holder())}")
            if not told and self.notice:
                self.notice(f"{self.folder}: {both('output.waiting', seconds=f'{self.wait:g}')}")
                told = True
            time.sleep(0.1)
        return self

    def __exit__(self, *_exc) -> None:
        if self._fd is not None:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._dir is not None:
            (self._dir / "holder.json").unlink(missing_ok=True)
            self._dir.rmdir()
            self._dir = None

    def _try(self) -> bool:
        if fcntl is not None and self._dir is None:
            fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            except OSError:  # flock unsupported on this file system: the lock folder instead
                os.close(fd)
                return self._try_folder()
            os.ftruncate(fd, 0)
            os.write(fd, _holder_text().encode("utf-8"))
            self._fd = fd
            return True
        return self._try_folder()

    def _try_folder(self) -> bool:
        """mkdir is atomic everywhere: the lock folder holds the holder's pid and host."""
        path = self.folder / f"{LOCK}.d"
        try:
            path.mkdir()  # exclusive: whoever creates it holds the lock
        except FileExistsError:
            if _stale(path / "holder.json"):
                (path / "holder.json").unlink(missing_ok=True)
                try:
                    path.rmdir()
                except OSError:
                    pass
            return False
        (path / "holder.json").write_text(_holder_text(), encoding="utf-8")
        self._dir = path
        return True

    def _holder(self) -> str:
        for source in (self.folder / LOCK, self.folder / f"{LOCK}.d" / "holder.json"):
            try:
                holder = json.loads(source.read_text(encoding="utf-8"))
                return both("output.holder", pid=holder["pid"], host=holder["host"], since=holder["since"][:19])
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return both("output.holder_unknown")


def _holder_text() -> str:
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": _now()})


def _stale(holder_file: Path) -> bool:
    """A lock folder whose holder no longer runs on this machine (or never wrote its pid)."""
    try:
        holder = json.loads(holder_file.read_text(encoding="utf-8"))
        pid, host = int(holder["pid"]), holder["host"]
    except FileNotFoundError:
        return _age(holder_file.parent) > 60  # created but never filled in: its maker died
    except (OSError, ValueError, KeyError, TypeError):
        return True
    if host != socket.gethostname():
        return False  # another machine's run: it cannot be checked from here
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
