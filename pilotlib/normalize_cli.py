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
from typing import Callable

from pilotlib import reasons, writers
from pilotlib.dataset import DataError
from pilotlib.exit_codes import EXIT_DATA, EXIT_OK, EXIT_USAGE
from pilotlib.schema import TableValidationError
from pilotlib.staffing_normalize import NormalizeResult, RowCounts, normalize_staffing

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
    for target in (out, rejects):
        if target.is_dir():
            return f"{target}: là thư mục, cần tên tệp / is a folder; give a file name"
        blocker = next((p for p in target.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            return f"{target}: {blocker} là tệp, không phải thư mục / is a file, not a folder"
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


def _run(normaliser: Callable[..., object], attribute: str, prog: str, args: argparse.Namespace,
         **options: object) -> int:
    """Normalise ``args.inputs`` with ``normaliser``, write its ``attribute`` table and the
    rejects, print the summary; the exit status of the contract. Both targets are checked
    before anything is written, and written together (all or nothing)."""
    out = Path(args.output)
    rejects_path = Path(args.rejects) if args.rejects else default_rejects(out)
    problem = _usage_problem(args.inputs, out, rejects_path)
    if problem:
        print(f"{prog}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = normaliser(list(args.inputs), sheet=args.sheet, units_file=args.units, lang=args.lang, **options)
        table = getattr(result, attribute)
        writers.write_tables([(table, out, attribute), (result.rejects, rejects_path, "rejects")])
    except (DataError, TableValidationError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"{prog}: {exc.filename or out}: không ghi được / cannot write: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_USAGE
    print_summary(result, args.lang, prog=prog)
    print(f"{prog}: " + reasons.text("wrote", args.lang, path=out, rows=len(table)))
    print(f"{prog}: " + reasons.text("wrote", args.lang, path=rejects_path, rows=len(result.rejects)))
    return EXIT_DATA if len(result.rejects) else EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Handler of `pilotlib normalize staffing` (see ``pilotlib.cli``)."""
    return _run(normalize_staffing, "staffing", PROG, args, structure=args.structure)


ISSUES_PROG = "pilotlib normalize issues"


def run_issues(args: argparse.Namespace) -> int:
    """Handler of `pilotlib normalize issues`: same outputs and exit status as staffing.

    CSV output keeps every text exactly (no leading "'" against formula injection: that
    would rewrite the analyst's words); .xlsx output stores every text as a string cell.
    """
    from pilotlib.issues_normalize import normalize_issues

    return _run(normalize_issues, "issues", ISSUES_PROG, args)
