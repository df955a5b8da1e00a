"""One progress display for the whole batch: runs done/total, failures, elapsed time.

On a terminal it is one line rewritten in place (``\\r``); anywhere else (CI logs, a
file, a pipe) it prints one plain line per finished run, so logs stay readable. It
writes to stderr, leaving stdout for the summary.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts finished runs; call ``advance`` for each result and ``close`` at the end."""

    def __init__(self, total: int, stream: TextIO | None = None, live: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.live = self._isatty() if live is None else live
        self.total = total
        self.done = self.failed = self.reused = 0
        self._start = time.monotonic()
        self._width = 0

    def _isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError):
            return False

    def elapsed(self) -> str:
        seconds = int(time.monotonic() - self._start)
        return f"{seconds // 60:d}:{seconds % 60:02d}"

    def line(self) -> str:
        return (f"{self.done}/{self.total} xong/done · {self.failed} lỗi/failed · "
                f"{self.reused} dùng lại/reused · {self.elapsed()}")

    def skip(self, count: int) -> None:
        """Runs reused without executing: counted at once, one line in a log."""
        if not count:
            return
        self.done += count
        self.reused += count
        if self.live:
            self._draw()
        else:
            self._print(f"[{self.done}/{self.total}] {count} không đổi, dùng lại / unchanged, reused")

    def advance(self, entry: dict) -> None:
        """One run finished (ok or failed)."""
        self.done += 1
        failed = entry.get("status") == "failed"
        self.failed += failed
        if self.live:
            self._draw()
        else:
            mark = "LỖI/FAILED" if failed else "ok"
            seconds = entry.get("seconds")
            took = f" ({seconds} s)" if seconds is not None else ""
            self._print(f"[{self.done}/{self.total}] {mark} {entry.get('run_id', '?')}{took}")

    def tick(self) -> None:
        """Refresh the elapsed time on a terminal while runs are still going."""
        if self.live:
            self._draw()

    def close(self) -> None:
        if self.live and self._width:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        text = self.line()
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(text))

    def _print(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()
