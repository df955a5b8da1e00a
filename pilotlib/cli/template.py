"""`pilotlib template -o FILE.xlsx`: the blank input workbook with instructions (whole, or
nothing on exit 2)."""
from __future__ import annotations

import argparse
from pathlib import Path

from pilotlib.cli.output import fail, say_line
from pilotlib.core.errors import EXIT_OK


def add_parser(commands) -> None:
    template = commands.add_parser("template", help="tạo tệp Excel mẫu để nhập số liệu / write the blank input workbook")
    template.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    template.set_defaults(handler=run, prog="pilotlib template")


def run(args: argparse.Namespace) -> int:
    from pilotlib.core.io import atomic_write
    from pilotlib.ingest.workbook_template import write_template

    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        return fail(args.prog, f"{target}: cần đuôi .xlsx / needs a .xlsx name")
    if target.is_dir():
        return fail(args.prog, f"{target}: không ghi được / cannot write: là thư mục, cần tên tệp / "
                               "is a folder; give a file name")
    try:
        atomic_write(target, write_template)
    except OSError as exc:
        return fail(args.prog, f"{target}: không ghi được / cannot write: {exc.strerror or exc}")
    say_line(args.prog, f"{target} — điền trang 'Biên chế', xem trang 'Hướng dẫn' / "
                        "fill in sheet 'Biên chế', see sheet 'Hướng dẫn'")
    return EXIT_OK
