"""The `pilotlib` command line. Exit status: 0 clean, 1 data problems or failed runs
(outputs written, problems listed), 2 unusable input or usage (nothing written).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pilotlib import paths
from pilotlib.dataset import DataError, load_dataset
from pilotlib.labels import LANGS
from pilotlib.planning import PlanError, plan
from pilotlib.schema import TableValidationError

from pilotlib.exit_codes import EXIT_DATA, EXIT_OK, EXIT_USAGE


def _report(args: argparse.Namespace) -> int:
    """Plan (exit 2 on any problem, nothing run), run what changed, write manifest + index."""
    from pilotlib.reporting import make_reports

    if args.timeout < 1:
        print("pilotlib report: --timeout phải ≥ 1 giây / must be at least 1 second", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = make_reports(
            data=args.data, out=args.out, units=args.unit, langs=tuple(args.lang or ["vi"]),
            jobs=args.jobs, force=args.force, timeout=args.timeout,
            announce=lambda line: print(line, flush=True), units_file=args.units_file,
        )
    except (DataError, PlanError, TableValidationError) as exc:
        print(f"pilotlib report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # e.g. an output folder that cannot be created
        print(f"pilotlib report: {exc.filename or args.out}: không ghi được / cannot write: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    for run in result.failed:
        print(f"pilotlib report: LỖI / FAILED {run['run_id']}: {run['error']}", file=sys.stderr)
    problems = result.data_problems or {"rejects": 0, "warnings": []}
    for warning in problems["warnings"]:
        print(f"pilotlib report: {warning}", file=sys.stderr)
    if problems["rejects"]:
        print(f"pilotlib report: {problems['rejects']} dòng bị loại / rows rejected — "
              f"{result.index.parent / problems['rejects_file']}", file=sys.stderr)
    tally = result.tally
    print(f"pilotlib report: {tally['ok']} ok, {tally['skipped']} không đổi / unchanged, "
          f"{tally['failed']} lỗi / failed; index: {result.index}")
    return EXIT_DATA if tally["failed"] or problems["rejects"] else EXIT_OK


def _template(args: argparse.Namespace) -> int:
    """Write the blank input workbook with instructions (whole, or nothing on exit 2)."""
    from pilotlib.template_workbook import write_template
    from pilotlib.writers import atomic_write

    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        print(f"pilotlib template: {target}: cần đuôi .xlsx / needs a .xlsx name", file=sys.stderr)
        return EXIT_USAGE
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "là thư mục, cần tên tệp / is a folder; give a file name", str(target))
        atomic_write(target, write_template)
    except OSError as exc:
        print(f"pilotlib template: {target}: không ghi được / cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"pilotlib template: {target} — điền trang 'Biên chế', xem trang 'Hướng dẫn' / "
          f"fill in sheet 'Biên chế', see sheet 'Hướng dẫn'")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pilotlib",
        description="So sánh mô hình thí điểm với cơ cấu cũ / compare a restructuring pilot with the old structure.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="chạy các notebook báo cáo / run every report notebook")
    report.add_argument("--data", help="tệp hoặc thư mục số liệu / data file or folder (default: bundled data/)")
    report.add_argument("--out", help="thư mục kết quả / output folder (default: outputs/)")
    report.add_argument("--unit", action="extend", nargs="+", metavar="NAME",
                        help="chỉ các đơn vị này (--unit A B hoặc --unit A --unit B) / only these units")
    report.add_argument("--lang", action="append", choices=LANGS, help="ngôn ngữ báo cáo / report language (default vi; repeatable)")
    report.add_argument("--units", dest="units_file", type=Path, metavar="FILE",
                        help="danh mục đơn vị bổ sung, cùng cột với data/reference/units.csv (như ở normalize) / "
                             "extra units file with the columns of data/reference/units.csv (as in normalize)")
    report.add_argument("--jobs", type=int, metavar="N", help="số tiến trình song song / parallel runs (default: CPUs)")
    report.add_argument("--force", action="store_true", help="chạy lại tất cả, kể cả báo cáo không đổi / re-run everything, even unchanged reports")
    report.add_argument("--timeout", type=int, default=1800, metavar="SECONDS",  # execution.DEFAULT_TIMEOUT
                        help="giới hạn thời gian mỗi ô / per-cell time limit (default 1800)")
    report.set_defaults(handler=_report)
    template = commands.add_parser("template", help="tạo tệp Excel mẫu để nhập số liệu / write the blank input workbook")
    template.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    template.set_defaults(handler=_template)
    _add_normalize(commands)
    _add_extract(commands)
    return parser


def _normalize_staffing(args: argparse.Namespace) -> int:
    from pilotlib.normalize_cli import run

    return run(args)


def _add_normalize(commands) -> None:
    """`normalize <table>`: one sub-subcommand per tidy table (`issues` goes next to `staffing`)."""
    normalize = commands.add_parser("normalize", help="chuẩn hoá bảng đầu vào / normalise raw input tables")
    tables = normalize.add_subparsers(dest="table", required=True)
    staffing = tables.add_parser(
        "staffing", help="bảng biên chế xlsx/csv → bảng staffing chuẩn / messy staffing sheets → tidy staffing table")
    _add_table_options(staffing)
    staffing.add_argument("--structure", choices=("old", "pilot"),
                          help="mô hình khi tệp không ghi / structure for files that carry none")
    staffing.set_defaults(handler=_normalize_staffing)
    _add_normalize_issues(tables)


def _add_table_options(command: argparse.ArgumentParser) -> None:
    """Inputs, output, rejects, sheet, units, language: the same for every `normalize` table."""
    command.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="tệp .xlsx/.csv / input files")
    command.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                         help="tệp kết quả (.xlsx → Excel, khác → CSV) / output file (.xlsx → Excel, else CSV)")
    command.add_argument("--rejects", type=Path, metavar="FILE",
                         help="tệp dòng bị loại / rejects file (default: OUT.rejects.csv next to OUT)")
    command.add_argument("--sheet", metavar="NAME", help="tên trang tính / sheet to read (default: the active one)")
    command.add_argument("--units", type=Path, metavar="FILE", help="danh mục đơn vị bổ sung / extra units file")
    command.add_argument("--lang", choices=LANGS, default="vi", help="ngôn ngữ lý do / language of reasons (vi|en)")


# Issue texts are free text: kept exactly in CSV (a guard such as a leading "'" would rewrite them).
CSV_FORMULA_NOTE = ("CSV giữ nguyên nội dung: ô bắt đầu bằng = + - @ có thể bị Excel hiểu là công thức khi mở "
                    "CSV; dùng -o ....xlsx (luôn lưu dạng chữ) hoặc Data > From Text để mở an toàn / CSV keeps texts "
                    "exactly: a cell starting with = + - @ may be taken for a formula when Excel opens a CSV; write "
                    ".xlsx (always stored as text) or import with Data > From Text")


def _normalize_issues(args: argparse.Namespace) -> int:
    from pilotlib.normalize_cli import run_issues

    return run_issues(args)


def _add_normalize_issues(tables) -> None:
    """`normalize issues`: issue lists (long with a kind column, wide with one column per kind)."""
    issues = tables.add_parser(
        "issues", help="danh sách khó khăn, kiến nghị xlsx/csv → bảng issues chuẩn / issue lists → tidy issues table",
        epilog=CSV_FORMULA_NOTE)
    _add_table_options(issues)
    issues.set_defaults(handler=_normalize_issues)


def _extract(args: argparse.Namespace) -> int:
    from pilotlib.extract_cli import run

    return run(args)


def _add_extract(commands) -> None:
    """`extract REPORT -o DIR`: staffing figures, statements and boards from a .txt/.docx report."""
    extract = commands.add_parser(
        "extract", help="đọc báo cáo .txt/.docx → staffing.csv, issues.csv, boards.csv để rà soát / "
                        "read a narrative report → staffing.csv, issues.csv, boards.csv for review",
        epilog="Mã thoát / exit status: 0 không có gì cần kiểm tra / nothing flagged; 1 có dòng cần kiểm tra "
               "(cột flag) / some rows flagged (flag column); 2 không đọc được tệp / unreadable file. "
               + CSV_FORMULA_NOTE)
    extract.add_argument("report", type=Path, metavar="REPORT", help="tệp .txt hoặc .docx / a .txt or .docx report")
    extract.add_argument("-o", "--output", required=True, type=Path, metavar="DIR", help="thư mục kết quả / output folder")
    extract.add_argument("--units", type=Path, metavar="FILE", help="danh mục đơn vị bổ sung / extra units file")
    extract.add_argument("--lang", choices=LANGS, default="vi", help="ngôn ngữ của cờ / language of flags (vi|en)")
    extract.set_defaults(handler=_extract)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error("--jobs phải ≥ 1 / must be at least 1")
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
