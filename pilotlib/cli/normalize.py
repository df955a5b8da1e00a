"""`pilotlib normalize staffing|issues`: run a normaliser, write the outputs, print what happened.

Exit status follows the command-line contract: 0 every row usable; 1 some rows rejected
(outputs and the rejects file written, first problems printed); 2 unusable input or
usage (nothing written; the message names the file and why). Inputs are never
overwritten: an output path equal to an input is a usage error.

The rejects file follows the output's format (``-o OUT.xlsx`` → ``OUT.rejects.xlsx``)
unless ``--rejects`` names another. CSV is written for Excel — a text cell that Excel
would run as a formula gets a leading apostrophe, which pilotlib takes off again when
it reads the file — unless ``--raw-csv`` asks for texts exactly as they are (for other
programs).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pilotlib.cli.output import fail, say_line
from pilotlib.core.errors import EXIT_DATA, EXIT_OK
from pilotlib.core.i18n import LANGS, both, say
from pilotlib.core.io import is_xlsx, write_tables

if TYPE_CHECKING:  # pragma: no cover - `pilotlib report` does not need the readers loaded
    from pilotlib.ingest.result import NormalizeResult, RowCounts

SHOW_PROBLEMS = 10
SHOW_WARNINGS = 20


def default_rejects(out: Path) -> Path:
    """Next to the output, in its format: ``OUT.csv`` → ``OUT.rejects.csv``,
    ``OUT.xlsx`` → ``OUT.rejects.xlsx`` (rejected cells are the riskiest to open in Excel)."""
    return out.with_name(f"{out.stem}.rejects{'.xlsx' if is_xlsx(out) else '.csv'}")


def _usage_problem(inputs: list[Path], out: Path, rejects: Path) -> str | None:
    sources = {p.expanduser().resolve() for p in inputs}
    for target in (out, rejects):
        if target.expanduser().resolve() in sources:
            return (f"{target}: trùng với một tệp đầu vào, không ghi đè / "
                    f"is one of the inputs; refusing to overwrite it")
    if out.expanduser().resolve() == rejects.expanduser().resolve():
        return f"{out}: -o và --rejects trùng nhau / -o and --rejects are the same file"
    for target in (out, rejects):
        if target.is_dir():
            return f"{target}: là thư mục, cần tên tệp / is a folder; give a file name"
        blocker = next((p for p in target.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            return f"{target}: {blocker} là tệp, không phải thư mục / is a file, not a folder"
    return None


def _counts_line(counts: RowCounts, lang: str) -> str:
    return say("cli.summary", lang, read=counts.read, kept=counts.kept,
                        rejected=counts.rejected, skipped=counts.skipped)


def print_summary(result: NormalizeResult, lang: str, stream=None, prog: str = "pilotlib normalize") -> None:
    """Counts per file and in total, warnings, then the first problems (any result with
    ``counts``/``total``/``warnings``/``rejects``: staffing or issues)."""
    stream = stream or sys.stdout
    for name, counts in result.counts.items():
        if name != "total":
            print(f"  {name}: {_counts_line(counts, lang)}", file=stream)
    print(f"{prog}: {_counts_line(result.total, lang)}", file=stream)
    if result.warnings:
        print(f"{say('cli.warnings', lang)}:", file=stream)
        for warning in result.warnings[:SHOW_WARNINGS]:
            print(f"  - {warning}", file=stream)
        if len(result.warnings) > SHOW_WARNINGS:
            print(f"  … (+{len(result.warnings) - SHOW_WARNINGS})", file=stream)
    if len(result.rejects):
        print(f"{say('cli.first_problems', lang)}:", file=stream)
        row_word = say("cli.row", lang)
        for r in result.rejects.head(SHOW_PROBLEMS).itertuples(index=False):
            sheet = f" [{r.sheet}]" if r.sheet else ""
            print(f"  - {r.source_file}{sheet}, {row_word} {r.source_row}, {r.column}: {r.reason}", file=stream)
        if len(result.rejects) > SHOW_PROBLEMS:
            print(f"  … (+{len(result.rejects) - SHOW_PROBLEMS})", file=stream)


def _run(normaliser: Callable[..., NormalizeResult], args: argparse.Namespace, **options: object) -> int:
    """Normalise ``args.inputs``, write the table and the rejects, print the summary; the
    exit status of the contract. Both targets are checked before anything is written, and
    written together (all or nothing). Unusable input raises (the CLI's one handler)."""
    prog = args.prog
    out = Path(args.output)
    rejects_path = Path(args.rejects) if args.rejects else default_rejects(out)
    problem = _usage_problem(args.inputs, out, rejects_path)
    if problem:
        return fail(prog, problem)
    result = normaliser(list(args.inputs), sheet=args.sheet, units_file=args.units, lang=args.lang,
                        province=args.province, as_of=args.as_of, **options)
    try:
        write_tables([(result.table, out, result.kind), (result.rejects, rejects_path, "rejects")],
                     raw_csv=args.raw_csv)
    except OSError as exc:
        return fail(prog, f"{exc.filename or out}: {both('error.cannot_write', why=exc.strerror or exc)}")
    print_summary(result, args.lang, prog=prog)
    say_line(prog, say("cli.wrote", args.lang, path=out, rows=len(result.table)))
    say_line(prog, say("cli.wrote", args.lang, path=rejects_path, rows=len(result.rejects)))
    return EXIT_DATA if len(result.rejects) else EXIT_OK


def run_staffing(args: argparse.Namespace) -> int:
    """Handler of `pilotlib normalize staffing`."""
    from pilotlib.ingest.staffing import normalize_staffing

    return _run(normalize_staffing, args, structure=args.structure)


def run_issues(args: argparse.Namespace) -> int:
    """Handler of `pilotlib normalize issues`: same outputs and exit status as staffing."""
    from pilotlib.ingest.issues import normalize_issues

    return _run(normalize_issues, args, categories=args.categories)


def add_parser(commands) -> None:
    """`normalize <table>`: one sub-subcommand per tidy table."""
    normalize = commands.add_parser("normalize", help="chuẩn hoá bảng đầu vào / normalise raw input tables")
    tables = normalize.add_subparsers(dest="table", required=True)
    staffing = tables.add_parser(
        "staffing", help="bảng biên chế xlsx/csv → bảng staffing chuẩn / messy staffing sheets → tidy staffing table",
        epilog=CSV_FORMULA_NOTE)
    _add_table_options(staffing)
    staffing.add_argument("--structure", choices=("old", "pilot"),
                          help="mô hình khi tệp không ghi / structure for files that carry none")
    staffing.set_defaults(handler=run_staffing, prog="pilotlib normalize staffing")
    issues = tables.add_parser(
        "issues", help="danh sách khó khăn, kiến nghị xlsx/csv → bảng issues chuẩn / issue lists → tidy issues table",
        epilog=CSV_FORMULA_NOTE)
    _add_table_options(issues)
    issues.add_argument("--categories", type=Path, metavar="FILE",
                        help="nhóm vấn đề bổ sung (category, label_vi, label_en, keywords) / your own issue "
                             "categories (category, label_vi, label_en, keywords)")
    issues.set_defaults(handler=run_issues, prog="pilotlib normalize issues")


def _add_table_options(command: argparse.ArgumentParser) -> None:
    """Inputs, output, rejects, sheet, units and their context, language: the same for every
    `normalize` table."""
    command.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="tệp .xlsx/.csv / input files")
    command.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                         help="tệp kết quả (.xlsx → Excel, khác → CSV) / output file (.xlsx → Excel, else CSV)")
    command.add_argument("--rejects", type=Path, metavar="FILE", help=both("cli.help_rejects"))
    command.add_argument("--sheet", metavar="NAME", help="tên trang tính / sheet to read (default: the active one)")
    command.add_argument("--units", type=Path, metavar="FILE", help="danh mục đơn vị bổ sung / extra units file")
    command.add_argument("--province", metavar="NAME",
                         help="tỉnh của các đơn vị khi tệp không ghi / province of the units when the file does not "
                              "say (a province column wins)")
    command.add_argument("--as-of", dest="as_of", metavar="DATE",
                         help="ngày hoặc kỳ của số liệu (vd. 2024-06, 2025): chọn danh mục đơn vị hành chính; ngày "
                              "ghi trên dòng được ưu tiên / date or period of the data (e.g. 2024-06, 2025): picks the "
                              "unit list for rows without a date of their own (a date column wins; without either, "
                              "every list)")
    command.add_argument("--lang", choices=LANGS, default="vi", help="ngôn ngữ lý do / language of reasons (vi|en)")
    add_raw_csv_option(command)


def add_raw_csv_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--raw-csv", action="store_true", help=both("cli.help_raw_csv"))


# How CSV meets Excel: said in the --help of every command that writes CSV tables.
CSV_FORMULA_NOTE = both("cli.csv_formula_note")
