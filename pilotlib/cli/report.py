"""`pilotlib report`: plan every report notebook (exit 2 on any problem, nothing run), run
what changed, write the manifest and the index; exit 1 when runs failed or rows were rejected.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pilotlib.batch.plan import DEFAULT_TIMEOUT
from pilotlib.cli.output import fail, say_line
from pilotlib.core.errors import EXIT_DATA, EXIT_OK
from pilotlib.core.i18n import LANGS


def add_parser(commands) -> None:
    report = commands.add_parser("report", help="chạy các notebook báo cáo / run every report notebook")
    report.add_argument("--data", help="tệp hoặc thư mục số liệu / data file or folder (default: bundled data/)")
    report.add_argument("--out", help="thư mục kết quả / output folder (default: outputs/)")
    report.add_argument("--province", metavar="NAME",
                        help="báo cáo theo tỉnh: một báo cáo tổng quan so sánh các đơn vị cấp dưới (cả khi địa giới "
                             "thay đổi) và báo cáo đơn vị chỉ cho các đơn vị nêu ở --unit (hoặc --unit all); cũng là "
                             "ngữ cảnh cho tên đơn vị trong tệp thô / reports by province: one overview comparing its "
                             "lower units (across boundary changes too), and unit reports only for the units given "
                             "with --unit (or --unit all); also the context for unit names in raw files")
    report.add_argument("--unit", action="extend", nargs="+", metavar="NAME",
                        help="chỉ các đơn vị này (--unit A B hoặc --unit A --unit B; all = mọi đơn vị) / only these "
                             "units (all = every unit)")
    report.add_argument("--lang", action="extend", nargs="+", choices=LANGS, metavar="LANG",
                        help="ngôn ngữ báo cáo: vi, en (--lang vi en hoặc --lang vi --lang en) / "
                             "report languages: vi, en (default vi)")
    report.add_argument("--units", dest="units_file", type=Path, metavar="FILE",
                        help="danh mục đơn vị bổ sung, cùng cột với data/reference/units.csv (như ở normalize) / "
                             "extra units file with the columns of data/reference/units.csv (as in normalize)")
    report.add_argument("--categories", dest="categories_file", type=Path, metavar="FILE",
                        help="nhóm vấn đề bổ sung (category, label_vi, label_en, keywords) / the data's own issue "
                             "categories (category, label_vi, label_en, keywords)")
    report.add_argument("--formats", metavar="LIST", default="html,docx,xlsx",
                        help="định dạng, cách nhau bằng dấu phẩy / formats, comma-separated (default: html,docx,xlsx)")
    report.add_argument("--document", type=Path, metavar="FILE.toml",
                        help="thiết lập văn bản Word: cơ quan ban hành, số, nơi nhận, người ký / "
                             "Word report settings: issuer, number, recipients, signer (README)")
    report.add_argument("--as-of", dest="as_of", metavar="DATE",
                        help="ngày hoặc kỳ của số liệu (vd. 2024-06): chọn danh mục đơn vị hành chính cho tên trong "
                             "tệp thô; ngày ghi trên dòng được ưu tiên / date or period of the data (e.g. 2024-06): "
                             "picks the unit list for names in raw files (a row's own date wins)")
    report.add_argument("--jobs", type=int, metavar="N", help="số tiến trình song song / parallel runs (default: CPUs)")
    report.add_argument("--scheduler", metavar="ADDRESS",
                        help="chạy trên cụm dask.distributed có sẵn (vd. tcp://may-chu:8786); mỗi lần chạy mang theo "
                             "notebook và số liệu / run on an existing dask.distributed cluster (e.g. tcp://host:8786); "
                             "each run takes its notebook and data with it (README)")
    report.add_argument("--shared-data", action="store_true",
                        help="với --scheduler: các máy đọc số liệu ở cùng đường dẫn (ổ dùng chung), không gửi kèm / "
                             "with --scheduler: the workers read the data at the same paths (shared storage), not sent")
    report.add_argument("--force", action="store_true",
                        help="chạy lại tất cả, kể cả báo cáo không đổi / re-run everything, even unchanged reports")
    report.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"giới hạn thời gian mỗi ô / per-cell time limit (default {DEFAULT_TIMEOUT})")
    report.set_defaults(handler=run, prog="pilotlib report")


def run(args: argparse.Namespace) -> int:
    # nbformat imports jsonschema, which builds a grammar for the draft-7 "iri" format when
    # rfc3987_syntax is installed (~1–2 s of every batch); notebooks are draft-4 documents
    # and never use it. This process is pilotlib's own, so the grammar is left out.
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
    from pilotlib.batch.api import make_reports
    from pilotlib.batch.outdir import os_message

    if args.jobs is not None and args.jobs < 1:
        return fail(args.prog, "--jobs phải ≥ 1 / must be at least 1")
    if args.jobs is not None and args.scheduler:
        return fail(args.prog, "--jobs hoặc --scheduler, không dùng cả hai / either --jobs or --scheduler, not both")
    if args.shared_data and not args.scheduler:
        return fail(args.prog, "--shared-data chỉ dùng với --scheduler / only with --scheduler")
    if args.timeout < 1:
        return fail(args.prog, "--timeout phải ≥ 1 giây / must be at least 1 second")
    try:
        result = make_reports(
            data=args.data, out=args.out, units=args.unit, langs=tuple(args.lang or ["vi"]),
            jobs=args.jobs, force=args.force, timeout=args.timeout,
            announce=lambda line: print(line, flush=True), units_file=args.units_file, as_of=args.as_of,
            province=args.province,
            categories_file=args.categories_file,
            formats=args.formats, document=args.document,
            scheduler=args.scheduler, shared_data=args.shared_data,
        )
    except OSError as exc:  # not met on purpose (make_reports names reads and writes): still said plainly
        return fail(args.prog, os_message(exc, "write"))
    for failed in result.failed:
        say_line(args.prog, f"LỖI / FAILED {failed['run_id']}: {failed['error']}", error=True)
    problems = result.data_problems or {"rejects": 0, "warnings": []}
    for warning in problems["warnings"]:
        say_line(args.prog, warning, error=True)
    if problems["rejects"]:
        say_line(args.prog, f"{problems['rejects']} dòng bị loại / rows rejected — "
                            f"{result.folder / problems['rejects_file']}", error=True)
    tally = result.tally
    say_line(args.prog, f"{tally['ok']} ok, {tally['skipped']} không đổi / unchanged, "
                        f"{tally['failed']} lỗi / failed; index: {result.index}")
    return EXIT_DATA if tally["failed"] or problems["rejects"] else EXIT_OK

