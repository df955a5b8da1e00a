"""The `pilotlib` command line: one parser, one module per command, one error handler.

Exit status: 0 clean, 1 data problems or failed runs (outputs written, problems listed),
2 unusable input or usage (nothing written). Every error pilotlib raises on purpose is a
``PilotlibError`` carrying its exit status; it is caught here, once, and printed with the
command's name. Anything else is a bug and keeps its traceback.
"""
from __future__ import annotations

import argparse
import sys

from pilotlib.cli import extract, normalize, report, template
from pilotlib.cli.output import fail
from pilotlib.core.errors import PilotlibError

COMMANDS = (report, template, normalize, extract)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pilotlib",
        description="So sánh mô hình thí điểm với cơ cấu cũ / compare a restructuring pilot with the old structure.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except PilotlibError as exc:
        return fail(args.prog, str(exc), exc.exit_status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
