"""`pilotlib extract REPORT -o DIR`: write the three review tables and say what needs a person.

Exit status: 0 nothing flagged; 1 some row carries a flag (tables written, flags listed);
2 the report cannot be read or the output folder is unusable (nothing written). Tables
are CSV in UTF-8 with BOM (Excel shows Vietnamese right); texts are kept exactly.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pilotlib import reasons, writers
from pilotlib.dataset import DataError
from pilotlib.exit_codes import EXIT_DATA, EXIT_OK, EXIT_USAGE
from pilotlib.extract import ExtractResult, extract_report
from pilotlib.schema import TableValidationError

PROG = "pilotlib extract"
SHOW_FLAGS = 20
FILES = ("staffing.csv", "issues.csv", "boards.csv")


def _flag_lines(result: ExtractResult, lang: str) -> list[str]:
    """One line per flagged row: table, paragraph, offset, what was read, why it needs a look."""
    word = reasons.text("paragraph", lang)
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
    print(f"{PROG}: {result.report.file.name}: " + reasons.text(
        "extract_summary", lang, paragraphs=len(result.report.paragraphs), sentences=result.sentences,
        staffing=len(result.staffing), issues=len(result.issues), boards=len(result.boards),
        flagged=result.flagged), file=stream)
    if result.warnings:
        print(f"{reasons.text('warnings', lang)}:", file=stream)
        for warning in result.warnings:
            print(f"  - {warning}", file=stream)
    lines = _flag_lines(result, lang)
    if lines:
        print(f"{reasons.text('to_check', lang)}:", file=stream)
        for line in lines[:SHOW_FLAGS]:
            print(f"  - {line}", file=stream)
        if len(lines) > SHOW_FLAGS:
            print(f"  … (+{len(lines) - SHOW_FLAGS})", file=stream)


def run(args: argparse.Namespace) -> int:
    """Handler of `pilotlib extract` (see ``pilotlib.cli``)."""
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        print(f"{PROG}: {out}: là tệp, cần thư mục / is a file; give a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.report.expanduser().resolve() in {(out / f).expanduser().resolve() for f in FILES}:
        print(f"{PROG}: {args.report}: trùng với tệp kết quả, không ghi đè / is an output file; "
              "refusing to overwrite it", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = extract_report(args.report, units_file=args.units, lang=args.lang)
    except (DataError, TableValidationError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:  # all three or none
        writers.write_tables([(table, out / name, name.split(".")[0]) for name, table in
                              zip(FILES, (result.staffing, result.issues, result.boards))])
    except OSError as exc:
        print(f"{PROG}: {exc.filename or out}: không ghi được / cannot write: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_USAGE
    print_summary(result, args.lang)
    for name, table in zip(FILES, (result.staffing, result.issues, result.boards)):
        print(f"{PROG}: " + reasons.text("wrote", args.lang, path=out / name, rows=len(table)))
    return EXIT_DATA if result.flagged else EXIT_OK
