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

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _report(args: argparse.Namespace) -> int:
    from pilotlib.batch import build_manifest, default_jobs, run_batch, write_outputs

    langs = tuple(dict.fromkeys(args.lang or ["vi"]))
    out_dir = paths.output_dir(args.out)
    data_arg = str(Path(args.data).expanduser().resolve()) if args.data else ""
    try:
        dataset = load_dataset(data_arg or None)
        runs = plan(dataset, data_arg, out_dir, units=args.unit, langs=langs)
    except (DataError, PlanError, TableValidationError) as exc:
        print(f"pilotlib report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    jobs = args.jobs or default_jobs()
    print(f"pilotlib report: {len(runs)} run(s), {jobs} job(s) → {out_dir}", flush=True)
    results = run_batch(runs, out_dir, jobs=jobs, timeout=args.timeout)
    options = {"data": data_arg or "(bundled)", "units": args.unit, "langs": list(langs),
               "jobs": jobs, "force": args.force, "timeout": args.timeout}
    manifest = build_manifest(dataset, results, options)
    _, index = write_outputs(out_dir, manifest, langs[0])
    failed = [r for r in results if r["status"] != "ok"]
    for result in results:
        mark = "ok    " if result["status"] == "ok" else "FAILED"
        print(f"  {mark} {result['run_id']} ({result['seconds']} s)")
    for result in failed:
        print(f"pilotlib report: {result['run_id']} failed: {result['error']}", file=sys.stderr)
    print(f"pilotlib report: {len(results) - len(failed)} ok, {len(failed)} failed; index: {index}")
    return EXIT_DATA if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pilotlib",
        description="So sánh mô hình thí điểm với cơ cấu cũ / compare a restructuring pilot with the old structure.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="chạy các notebook báo cáo / run every report notebook")
    report.add_argument("--data", help="tệp hoặc thư mục số liệu / data file or folder (default: bundled data/)")
    report.add_argument("--out", help="thư mục kết quả / output folder (default: outputs/)")
    report.add_argument("--unit", action="append", metavar="NAME", help="chỉ đơn vị này (lặp được) / only this unit (repeatable)")
    report.add_argument("--lang", action="append", choices=LANGS, help="ngôn ngữ báo cáo / report language (default vi; repeatable)")
    report.add_argument("--jobs", type=int, metavar="N", help="số tiến trình song song / parallel runs (default: CPUs)")
    report.add_argument("--force", action="store_true", help="chạy lại tất cả / re-run everything")
    report.add_argument("--timeout", type=int, default=1800, metavar="SECONDS", help="giới hạn mỗi ô / per-cell timeout")
    report.set_defaults(handler=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
