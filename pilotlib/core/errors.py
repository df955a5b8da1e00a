"""The errors pilotlib raises, and the exit status each one means on the command line.

One base class, ``PilotlibError``, so the command line catches pilotlib's own errors in
one place and maps each to its status; anything else is a bug and shows its traceback.
The exit statuses are the command-line contract (README):

- 0 clean;
- 1 data problems: outputs and rejects written, problems listed (or failed report runs);
- 2 unusable input or usage: nothing written, the message names the file and why.

Messages are bilingual ("Vietnamese / English") because they reach the analyst as they are.
This module imports nothing of pilotlib.
"""
from __future__ import annotations

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class PilotlibError(Exception):
    """Base of every error pilotlib raises on purpose; ``exit_status`` is what the CLI returns."""

    exit_status = EXIT_USAGE


class DataError(PilotlibError, ValueError):
    """Input that cannot be used at all (a file unreadable, of the wrong kind, contradictory)."""


class DuplicateHeaderError(DataError):
    """A table's header names a column twice; ``header`` is the header as read."""

    def __init__(self, message: str, header: list[str]):
        super().__init__(message)
        self.header = header


class VocabularyError(DataError):
    """A vocabulary contradicts itself (e.g. one alias naming two units)."""


class TableValidationError(PilotlibError, ValueError):
    """A table broke its contract; ``failures`` lists every problem found (see reference.validate)."""

    def __init__(self, table: str, failures, origin: str = ""):
        self.table = table
        self.failures = failures
        where = f" ({origin})" if origin else ""
        lines = [
            f"- column {row.column!s}, row {row.index!s}: {row.check!s} — value {row.failure_case!r}"
            for row in failures.head(20).itertuples()
        ]
        more = f"\n… and {len(failures) - 20} more" if len(failures) > 20 else ""
        super().__init__(
            f"Bảng '{table}'{where} không hợp lệ / table '{table}'{where} is invalid: "
            f"{len(failures)} problem(s)\n" + "\n".join(lines) + more
        )


class PlanError(PilotlibError, ValueError):
    """A batch cannot be planned (unknown unit, parameter or notebook); nothing was run."""


def file_error(path: object, vi: str, en: str) -> DataError:
    """A DataError naming the file, in both languages: "<path>: <vi> / <en>"."""
    return DataError(f"{path}: {vi} / {en}")
