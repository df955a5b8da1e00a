"""How every command speaks: one line to stdout, or a problem to stderr with its exit status."""
from __future__ import annotations

import sys
from pathlib import Path

from pilotlib.core.errors import EXIT_USAGE
from pilotlib.core.i18n import both


def say_line(prog: str, text: str, error: bool = False) -> None:
    print(f"{prog}: {text}", file=sys.stderr if error else sys.stdout, flush=error)


def fail(prog: str, text: str, status: int = EXIT_USAGE) -> int:
    """Print a problem naming what is wrong and return the exit status (default 2)."""
    say_line(prog, text, error=True)
    return status


def refuse_existing(prog: str, targets: list[Path], force: bool) -> int | None:
    """Exit status 2 naming the first target that exists already (nothing is written),
    unless ``force``; None when writing may go ahead."""
    if force:
        return None
    for target in targets:
        if target.exists() or target.is_symlink():
            return fail(prog, f"{target}: {both('error.exists_use_force')}")
    return None
