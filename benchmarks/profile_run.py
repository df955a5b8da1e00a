"""Where a report run's time goes, stage by stage (not a benchmark: no floor, no goal).

Plans the batch of the 12-district example set (``gen_units.write_example``) for the
units given (default: two pilot districts, then comparison and issues) and executes each
run in this process exactly as a batch worker does (``execute.execute_run``: warm kernel
forked from this process's template, papermill, HTML, Word, Excel), with clocks around
the stages:

* kernel start: from papermill's call to the first cell starting (reading the notebook,
  injecting the parameters, forking the warm kernel and its first answer);
* cells: the notebook's own code (papermill's per-cell times; the opening cell, which
  loads the data, printed apart), and papermill's bookkeeping between cells;
* end: from the last cell's end to papermill's return (writing the notebook, stopping
  the kernel);
* HTML (nbconvert export with the footer), report model + Word + Excel, the rest.

Compare with the same stages of ``batch_floor.py --timings`` (no kernel, no papermill).
Run: ``python benchmarks/profile_run.py [--runs UNIT ...] [--cold]`` (``--cold``: usual
kernels, ``PILOTLIB_WARM_KERNELS=0``).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_units  # noqa: E402
from _measure import machine  # noqa: E402


def _timed(clock: dict, stage: str, function):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            clock[stage] += time.perf_counter() - began
    return wrapper


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", nargs="*", default=["Lâm Hà", "Đạ Huoai"])
    parser.add_argument("--cold", action="store_true", help="usual kernels (no warm template)")
    args = parser.parse_args(argv)
    if args.cold:
        os.environ["PILOTLIB_WARM_KERNELS"] = "0"
    print(machine(), flush=True)
    import papermill

    from pilotlib.batch import execute, kernels
    from pilotlib.batch.plan import plan
    from pilotlib.batch.render import FORMATS
    from pilotlib.batch.runner import batch_facts
    from pilotlib.data.load import load_dataset
    from pilotlib.report import annex, model
    from pilotlib.report.docx import document

    work = Path(tempfile.mkdtemp(prefix="pilotlib-profile-"))
    try:
        data = work / "example12"
        gen_units.write_example(data, 12)
        if not args.cold:
            kernels.start_template()
        dataset = load_dataset(str(data))
        runs = plan(dataset, str(data), work / "out", args.units, notebooks=("unit_report", "comparison", "issues"))
        facts = batch_facts(dataset, str(data)) | {"formats": list(FORMATS), "document": None, "context": {}}
        clock: dict[str, float] = defaultdict(float)
        calls: list[tuple[float, float]] = []

        def papermill_call(*a, **k):
            began = time.time()
            result = original(*a, **k)
            calls.append((began, time.time()))
            return result

        original = papermill.execute_notebook
        papermill.execute_notebook = papermill_call
        execute.export_html = _timed(clock, "html (nbconvert, with footer)", execute.export_html)
        execute.read_recorded = _timed(clock, "key figures read back", execute.read_recorded)
        model.read_report = _timed(clock, "report model read back + report.json", model.read_report)
        model.write_report = _timed(clock, "report model read back + report.json", model.write_report)
        document.write_docx = _timed(clock, "docx", document.write_docx)
        annex.write_xlsx = _timed(clock, "xlsx", annex.write_xlsx)
        if not args.cold:  # the template's imports happen once per worker: not a run's cost
            address = kernels.template(kernels.kernel_python("python3"))
            while address and not Path(address.socket).exists():
                time.sleep(0.1)
        print(f"{'run':34s} {'total':>6s} {'kernel':>7s} {'open':>6s} {'cells':>6s} {'between':>8s} "
              f"{'end':>5s} {'after':>6s}")
        for run in runs:
            clock_before = dict(clock)
            began = time.perf_counter()
            entry = execute.execute_run(run, work / "out", facts=facts)
            total = time.perf_counter() - began
            if entry["status"] != "ok":
                raise SystemExit(f"{run.run_id}: {entry['error']}")
            import nbformat

            notebook = nbformat.read(work / "out" / entry["outputs"]["ipynb"], as_version=4)
            code = [c for c in notebook.cells
                    if c.cell_type == "code" and c.metadata.get("papermill", {}).get("start_time")]
            timed = [c.metadata.papermill for c in code]
            parameters = {"parameters", "injected-parameters"}
            opening_cell = next(c for c in code if not parameters & set(c.metadata.get("tags", [])))
            call_start, call_end = calls[-1]
            kernel = _seconds(timed[0]["start_time"]) - call_start
            cells = sum(float(c["duration"]) for c in timed)
            opening = float(opening_cell.metadata.papermill["duration"])
            between = _seconds(timed[-1]["end_time"]) - _seconds(timed[0]["start_time"]) - cells
            end = call_end - _seconds(timed[-1]["end_time"])
            print(f"{run.run_id:34s} {total:6.2f} {kernel:7.2f} {opening:6.2f} {cells - opening:6.2f} "
                  f"{between:8.2f} {end:5.2f} {total - (call_end - call_start):6.2f}", flush=True)
            after = {k: v - clock_before.get(k, 0.0) for k, v in clock.items()}
            print("    after papermill: " + ", ".join(f"{k} {v:.2f}" for k, v in after.items() if v >= 0.005))
        print("columns: kernel = papermill call → first cell; open = the opening cell (import + load data); "
              "cells = the other cells; between = papermill between cells; end = last cell → papermill return; "
              "after = HTML, Word, Excel, moves")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
