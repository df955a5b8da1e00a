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
# jsonschema, which nbformat imports, loads ``rfc3987_syntax`` when it is installed
# (jupyterlab's jupyter-events asks for it), and that module compiles 38 Lark grammars as
# it is imported: about 1 s of every `pilotlib report`. They check the "iri" formats of
# JSON Schema drafts 7+; nbformat validates notebooks against draft 4 without a format
# checker, so nothing pilotlib does uses them. Marked absent in the command's own process
# (and the workers it forks) only — never in a user's session that imports pilotlib.
UNUSED_IMPORTS = ("rfc3987_syntax",)


def skip_unused_imports() -> None:
    for name in UNUSED_IMPORTS:
        sys.modules.setdefault(name, None)  # `import name` now raises ImportError, which jsonschema expects


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
    skip_unused_imports()
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except PilotlibError as exc:
        return fail(args.prog, str(exc), exc.exit_status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
