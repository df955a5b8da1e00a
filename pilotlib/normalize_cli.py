"""`pilotlib normalize staffing`: run the normaliser, write the outputs, print what happened.

Exit status follows the command-line contract: 0 every row usable; 1 some rows rejected
(outputs and the rejects file written, first problems printed); 2 unusable input or
usage (nothing written; the message names the file and why). Inputs are never
overwritten: an output path equal to an input is a usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pilotlib import reasons, writers
from pilotlib.dataset import DataError
from pilotlib.schema import TableValidationError
from pilotlib.staffing_normalize import NormalizeResult, RowCounts, normalize_staffing

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
SHOW_PROBLEMS = 10
SHOW_WARNINGS = 20
PROG = "pilotlib normalize staffing"


def default_rejects(out: Path) -> Path:
    """``OUT.csv`` → ``OUT.rejects.csv`` next to it (always CSV)."""
    return out.with_name(f"{out.stem}.rejects.csv")


def _usage_problem(inputs: list[Path], out: Path, rejects: Path) -> str | None:
    sources = {p.expanduser().resolve() for p in inputs}
    for target in (out, rejects):
        if target.expanduser().resolve() in sources:
            return (f"{target}: trùng với một tệp đầu vào, không ghi đè / "
                    f"is one of the inputs; refusing to overwrite it")
    if out.expanduser().resolve() == rejects.expanduser().resolve():
        return f"{out}: -o và --rejects trùng nhau / -o and --rejects are the same file"
    if out.is_dir():
        return f"{out}: là thư mục, cần tên tệp / is a folder; give a file name"
    return None


def _counts_line(counts: RowCounts, lang: str) -> str:
    return reasons.text("summary", lang, read=counts.read, kept=counts.kept,
                        rejected=counts.rejected, skipped=counts.skipped)


def print_summary(result: NormalizeResult, lang: str, stream=None, prog: str = PROG) -> None:
    """Counts per file and in total, warnings, then the first problems (any result with
    ``counts``/``total``/``warnings``/``rejects``: staffing or issues)."""
    stream = stream or sys.stdout
    for name, counts in result.counts.items():
        if name != "total":
            print(f"  {name}: {_counts_line(counts, lang)}", file=stream)
    print(f"{prog}: {_counts_line(result.total, lang)}", file=stream)
    if result.warnings:
        print(f"{reasons.text('warnings', lang)}:", file=stream)
        for warning in result.warnings[:SHOW_WARNINGS]:
            print(f"  - {warning}", file=stream)
        if len(result.warnings) > SHOW_WARNINGS:
            print(f"  … (+{len(result.warnings) - SHOW_WARNINGS})", file=stream)
    if len(result.rejects):
        print(f"{reasons.text('first_problems', lang)}:", file=stream)
        row_word = reasons.text("row", lang)
        for r in result.rejects.head(SHOW_PROBLEMS).itertuples(index=False):
            sheet = f" [{r.sheet}]" if r.sheet else ""
            print(f"  - {r.source_file}{sheet}, {row_word} {r.source_row}, {r.column}: {r.reason}", file=stream)
        if len(result.rejects) > SHOW_PROBLEMS:
            print(f"  … (+{len(result.rejects) - SHOW_PROBLEMS})", file=stream)


def run(args: argparse.Namespace) -> int:
    """Handler of `pilotlib normalize staffing` (see ``pilotlib.cli``)."""
    out = Path(args.output)
    rejects_path = Path(args.rejects) if args.rejects else default_rejects(out)
    problem = _usage_problem(args.inputs, out, rejects_path)
    if problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = normalize_staffing(list(args.inputs), sheet=args.sheet, structure=args.structure,
                                    units_file=args.units, lang=args.lang)
        for frame, target in ((result.staffing, out), (result.rejects, rejects_path)):
            if writers.is_xlsx(target) and len(frame) + 1 > writers.XLSX_MAX_ROWS:
                raise DataError(f"{target}: quá nhiều dòng cho .xlsx / too many rows for .xlsx ({len(frame):,})")
    except (DataError, TableValidationError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        writers.write_table(result.staffing, out, sheet_name="staffing")
        writers.write_table(result.rejects, rejects_path, sheet_name="rejects")
    except OSError as exc:
        print(f"{PROG}: không ghi được / cannot write: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print_summary(result, args.lang)
    print(f"{PROG}: " + reasons.text("wrote", args.lang, path=out, rows=len(result.staffing)))
    print(f"{PROG}: " + reasons.text("wrote", args.lang, path=rejects_path, rows=len(result.rejects)))
    return EXIT_DATA if len(result.rejects) else EXIT_OK


ISSUES_PROG = "pilotlib normalize issues"


def run_issues(args: argparse.Namespace) -> int:
    """Handler of `pilotlib normalize issues`: same outputs and exit status as staffing.

    CSV output keeps every text exactly (no leading "'" against formula injection: that
    would rewrite the analyst's words); .xlsx output stores every text as a string cell.
    """
    from pilotlib.issues_normalize import normalize_issues

    out = Path(args.output)
    rejects_path = Path(args.rejects) if args.rejects else default_rejects(out)
    problem = _usage_problem(args.inputs, out, rejects_path)
    if problem:
        print(f"{ISSUES_PROG}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = normalize_issues(list(args.inputs), sheet=args.sheet, units_file=args.units, lang=args.lang)
        for frame, target in ((result.issues, out), (result.rejects, rejects_path)):
            if writers.is_xlsx(target) and len(frame) + 1 > writers.XLSX_MAX_ROWS:
                raise DataError(f"{target}: quá nhiều dòng cho .xlsx / too many rows for .xlsx ({len(frame):,})")
    except (DataError, TableValidationError) as exc:
        print(f"{ISSUES_PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        writers.write_table(result.issues, out, sheet_name="issues")
        writers.write_table(result.rejects, rejects_path, sheet_name="rejects")
    except OSError as exc:
        print(f"{ISSUES_PROG}: không ghi được / cannot write: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print_summary(result, args.lang, prog=ISSUES_PROG)
    print(f"{ISSUES_PROG}: " + reasons.text("wrote", args.lang, path=out, rows=len(result.issues)))
    print(f"{ISSUES_PROG}: " + reasons.text("wrote", args.lang, path=rejects_path, rows=len(result.rejects)))
    return EXIT_DATA if len(result.rejects) else EXIT_OK
