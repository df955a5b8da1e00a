"""`pilotlib extract REPORT -o DIR`: write the three review tables and say what needs a person.

Exit status: 0 nothing flagged; 1 some row carries a flag (tables written, flags listed);
2 the report cannot be read, the output folder is unusable, or a table would overwrite
a file already there without ``--force`` (nothing written). Tables are CSV in UTF-8 with
BOM (Excel shows Vietnamese right), formula starts guarded for Excel unless
``--raw-csv`` (``cli.normalize.CSV_FORMULA_NOTE``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pilotlib.cli.normalize import CSV_FORMULA_NOTE, add_raw_csv_option
from pilotlib.cli.output import fail, refuse_existing, say_line
from pilotlib.core.errors import EXIT_DATA, EXIT_OK
from pilotlib.core.i18n import LANGS, both, say
from pilotlib.core.io import write_tables

if TYPE_CHECKING:  # pragma: no cover - imported when the command runs (other commands need none of it)
    from pilotlib.ingest.narrative.extract import ExtractResult

PROG = "pilotlib extract"
SHOW_FLAGS = 20
FILES = ("staffing.csv", "issues.csv", "boards.csv")


def _flag_lines(result: ExtractResult, lang: str) -> list[str]:
    """One line per flagged row: table, paragraph, offset, what was read, why it needs a look."""
    word = say("cli.paragraph", lang)
    lines = []
    for name, table, shown in (("staffing", result.staffing, ("unit", "posts")),
                               ("issues", result.issues, ("kind", "text")),
                               ("boards", result.boards, ("count", "names"))):
        for row in table[table["flag"] != ""].to_dict("records"):
            what = " ".join(str(row[c]) for c in shown if str(row[c]) not in ("", "<NA>"))[:70]
            lines.append(f"{name}: {word} {row['source_row']} @{row['offset']}: {what} — {row['flag']}")
    return lines


def print_summary(result: ExtractResult, lang: str, stream=None) -> None:
    """What was read and found, warnings, then every flagged row (the first SHOW_FLAGS)."""
    stream = stream or sys.stdout
    print(f"{PROG}: {result.report.file.name}: " + say(
        "cli.extract_summary", lang, paragraphs=result.paragraphs, sentences=result.sentences,
        staffing=len(result.staffing), issues=len(result.issues), boards=len(result.boards),
        flagged=result.flagged), file=stream)
    if result.warnings:
        print(f"{say('cli.warnings', lang)}:", file=stream)
        for warning in result.warnings:
            print(f"  - {warning}", file=stream)
    lines = _flag_lines(result, lang)
    if lines:
        print(f"{say('cli.to_check', lang)}:", file=stream)
        for line in lines[:SHOW_FLAGS]:
            print(f"  - {line}", file=stream)
        if len(lines) > SHOW_FLAGS:
            print(f"  … (+{len(lines) - SHOW_FLAGS})", file=stream)


def run(args: argparse.Namespace) -> int:
    """Handler of `pilotlib extract`; an unreadable report raises (the CLI's one handler)."""
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        return fail(PROG, f"{out}: là tệp, cần thư mục / is a file; give a folder")
    if args.report.expanduser().resolve() in {(out / f).expanduser().resolve() for f in FILES}:
        return fail(PROG, f"{args.report}: trùng với tệp kết quả, không ghi đè / is an output file; "
                          "refusing to overwrite it")
    refused = refuse_existing(PROG, [out / name for name in FILES], args.force)
    if refused is not None:
        return refused
    from pilotlib.ingest.narrative.extract import extract_report

    result = extract_report(args.report, units_file=args.units, lang=args.lang, categories=args.categories)
    tables = (result.staffing, result.issues, result.boards)
    try:  # all three or none
        write_tables([(table, out / name, name.split(".")[0]) for name, table in zip(FILES, tables)],
                     raw_csv=args.raw_csv)
    except OSError as exc:
        return fail(PROG, f"{exc.filename or out}: {both('error.cannot_write', why=exc.strerror or exc)}")
    print_summary(result, args.lang)
    for name, table in zip(FILES, tables):
        say_line(PROG, say("cli.wrote", args.lang, path=out / name, rows=len(table)))
    return EXIT_DATA if result.flagged else EXIT_OK


def add_parser(commands) -> None:
    """`extract REPORT -o DIR`: staffing figures, statements and boards from a .txt/.docx report."""
    extract = commands.add_parser(
        "extract", help="đọc báo cáo .txt/.docx → staffing.csv, issues.csv, boards.csv để rà soát / "
                        "read a narrative report → staffing.csv, issues.csv, boards.csv for review",
        epilog="Mã thoát / exit status: 0 không có gì cần kiểm tra / nothing flagged; 1 có dòng cần kiểm tra "
               "(cột flag) / some rows flagged (flag column); 2 không đọc được tệp, hoặc bảng kết quả đã có "
               "(thêm --force) / unreadable file, or a table already in DIR (add --force). "
               + CSV_FORMULA_NOTE)
    extract.add_argument("report", type=Path, metavar="REPORT", help="tệp .txt hoặc .docx / a .txt or .docx report")
    extract.add_argument("-o", "--output", required=True, type=Path, metavar="DIR", help="thư mục kết quả / output folder")
    extract.add_argument("--units", type=Path, metavar="FILE", help="danh mục đơn vị bổ sung / extra units file")
    extract.add_argument("--categories", type=Path, metavar="FILE",
                         help="nhóm vấn đề bổ sung (category, label_vi, label_en, keywords) / your own issue "
                              "categories (category, label_vi, label_en, keywords)")
    extract.add_argument("--lang", choices=LANGS, default="vi", help="ngôn ngữ của cờ / language of flags (vi|en)")
    extract.add_argument("--force", action="store_true", help=both("cli.help_force_extract"))
    add_raw_csv_option(extract)
    extract.set_defaults(handler=run, prog=PROG)
