"""`pilotlib template -o FILE.xlsx [--force]`: the blank input workbook with instructions
(whole, or nothing on exit 2). An existing file is never overwritten without ``--force``:
it may be a workbook an analyst has filled in."""
from __future__ import annotations

import argparse
from pathlib import Path

from pilotlib.cli.output import fail, refuse_existing, say_line
from pilotlib.core.errors import EXIT_OK
from pilotlib.core.i18n import both


def add_parser(commands) -> None:
    template = commands.add_parser("template", help="tạo tệp Excel mẫu để nhập số liệu / write the blank input workbook")
    template.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    template.add_argument("--force", action="store_true", help=both("cli.help_force_template"))
    template.set_defaults(handler=run, prog="pilotlib template")


def run(args: argparse.Namespace) -> int:
    from pilotlib.core.io import atomic_write
    from pilotlib.ingest.workbook_template import write_template

    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        return fail(args.prog, f"{target}: cần đuôi .xlsx / needs a .xlsx name")
    if target.is_dir():
        return fail(args.prog, f"{target}: {both('error.is_a_folder')}")
    refused = refuse_existing(args.prog, [target], args.force)
    if refused is not None:
        return refused
    try:
        atomic_write(target, write_template)
    except OSError as exc:
        return fail(args.prog, f"{target}: {both('error.cannot_write', why=exc.strerror or exc)}")
    say_line(args.prog, f"{target} — điền trang 'Biên chế', xem trang 'Hướng dẫn' / "
                        "fill in sheet 'Biên chế', see sheet 'Hướng dẫn'")
    return EXIT_OK
