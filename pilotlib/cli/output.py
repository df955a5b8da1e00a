"""How every command speaks: one line to stdout, or a problem to stderr with its exit status."""
from __future__ import annotations

import sys

from pilotlib.core.errors import EXIT_USAGE


def say_line(prog: str, text: str, error: bool = False) -> None:
    print(f"{prog}: {text}", file=sys.stderr if error else sys.stdout, flush=error)


def fail(prog: str, text: str, status: int = EXIT_USAGE) -> int:
    """Print a problem naming what is wrong and return the exit status (default 2)."""
    say_line(prog, text, error=True)
    return status
