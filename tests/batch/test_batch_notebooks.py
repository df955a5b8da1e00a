"""`pilotlib report` with real kernels on a batch where some runs fail on purpose.

One module-scoped scenario shares six notebook executions between all tests:
1. five units, --jobs 2, --timeout 4: "An Phú" and a unit named like a script succeed,
   "Hỏng" raises in a cell, "Chết" kills its own kernel, "Chậm" outlasts the cell
   timeout → exit 1, the others complete;
2. the two good units again, nothing changed → reused, no kernel started (a second set,
   beside the first, its files linked to the first's);
3. An Phú's data changed → that run executes again with the new number.
The notebook is tests/notebooks/fragile_report.ipynb (fast: it imports nothing heavy).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import time
from pathlib import Path

import pytest
from conftest import staffing_rows, units_file, write_csv

from pilotlib.batch.sets import current
from pilotlib.cli import main
from pilotlib.core.dates import moment_text

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NASTY = "<script>alert('x')</script>"
UNITS = {"An Phú": 5, NASTY: 3, "Hỏng": 2, "Chết": 1, "Chậm": 4}
GOOD = ["An Phú", NASTY]


def _report(*args: str) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    clock = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["report", *args])
    return status, out.getvalue(), err.getvalue(), time.perf_counter() - clock


def _latest(out: Path) -> Path:
    """The folder of the newest set."""
    return current(out)[0].folder


def _manifest(out: Path) -> dict:
    return json.loads((_latest(out) / "manifest.json").read_text(encoding="utf-8"))


def _by_unit(manifest: dict) -> dict[str, dict]:
    return {run["unit"]: run for run in manifest["runs"]}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    data, out = root / "data", root / "out"
    rows = [{"unit": unit, "structure": "old", "posts": posts} for unit, posts in UNITS.items()]
    write_csv(data, "staffing.csv", staffing_rows(rows))
    units_file(data, list(UNITS))  # made-up units: the data set carries its own vocabulary
    common = ["--data", str(data), "--out", str(out), "--jobs", "2"]
    good = [arg for unit in GOOD for arg in ("--unit", unit)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PILOTLIB_NOTEBOOKS", str(NOTEBOOKS))
        first = _report(*common, "--timeout", "4")
        digest = hashlib.sha256((data / "staffing.csv").read_bytes()).hexdigest()
        folder = _latest(out)
        snapshot = {"folder": folder, "manifest": _manifest(out),
                    "index": (folder / "index.html").read_text(encoding="utf-8"),
                    "html": (folder / "reports" / "fragile_report--an-phu--vi.html").read_text(encoding="utf-8")}
        mtimes = {p: p.stat().st_mtime_ns for p in (folder / "reports").iterdir()}
        second = _report(*common, *good)
        snapshot["reused"] = _manifest(out)
        snapshot["reused_index"] = (_latest(out) / "index.html").read_text(encoding="utf-8")
        unchanged = all(p.stat().st_mtime_ns == t for p, t in mtimes.items()) and all(
            (_latest(out) / "reports" / p.name).samefile(p) for p in mtimes)  # linked, not rewritten
        rows[0]["posts"] = 7
        write_csv(data, "staffing.csv", staffing_rows(rows))
        third = _report(*common, "--unit", "An Phú")
    return {"out": out, "digest": digest, "first": first, "second": second, "third": third,
            "unchanged": unchanged, **snapshot}


def test_failing_runs_do_not_stop_the_others(scenario):
    status, stdout, stderr, _ = scenario["first"]
    assert status == 1
    runs = _by_unit(scenario["manifest"])
    assert {unit: run["status"] for unit, run in runs.items()} == {
        "An Phú": "ok", NASTY: "ok", "Hỏng": "failed", "Chết": "failed", "Chậm": "failed"}
    folder = scenario["folder"]
    for unit in GOOD:
        assert runs[unit]["figures"]["posts_old"] == UNITS[unit]
        assert (folder / runs[unit]["outputs"]["html"]).exists()
        assert (folder / runs[unit]["outputs"]["artifacts"] / "posts.txt").exists()
    assert "2 ok, 0 không đổi / unchanged, 3 lỗi / failed" in stdout
    for failed in ("hong", "chet", "cham"):
        assert f"fragile_report--{failed}--vi" in stderr


def test_each_run_has_its_own_working_directory(scenario):
    runs = _by_unit(scenario["manifest"])
    workdirs = [Path(runs[unit]["figures"]["workdir"]) for unit in GOOD]
    assert len(set(workdirs)) == 2 and all(w.name.startswith("pilotlib-run-") for w in workdirs)
    assert not any(w.exists() for w in workdirs)  # removed after the run


def test_cell_timeout_fails_that_run_only(scenario):
    run = _by_unit(scenario["manifest"])["Chậm"]
    assert run["error"].startswith("CellTimeoutError") and run["attempts"] == 1
    assert run["seconds"] < 60


def test_failed_notebook_is_kept_with_papermill_marker(scenario):
    run = _by_unit(scenario["manifest"])["Hỏng"]
    assert run["error"] == "PapermillExecutionError: RuntimeError: deliberate failure for Hỏng (In [3])"
    assert "deliberate failure" in run["traceback"] and "\x1b[" not in run["traceback"]
    assert run["outputs"] == {"ipynb": "failed/fragile_report--hong--vi.ipynb",
                              "html": "failed/fragile_report--hong--vi.html"}
    notebook = (scenario["folder"] / run["outputs"]["ipynb"]).read_text(encoding="utf-8")
    assert "papermill-error-cell-tag" in notebook
    assert (scenario["folder"] / run["outputs"]["html"]).exists()
    assert not (scenario["folder"] / "reports" / "fragile_report--hong--vi.html").exists()


def test_killed_kernel_fails_that_run_only(scenario):
    run = _by_unit(scenario["manifest"])["Chết"]
    assert run["error"].startswith("DeadKernelError")
    assert run["attempts"] == 1  # died after starting: not retried
    notebook = (scenario["folder"] / run["outputs"]["ipynb"]).read_text(encoding="utf-8")
    assert "pilotlib-error" in notebook


def test_index_lists_every_run_escaped(scenario):
    index = scenario["index"]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in index
    [ours] = index.split("<script")[1:]  # the filters' script only, no user text in it
    assert "alert" not in ours.split("</script>")[0]
    assert "5 báo cáo: 2 vừa chạy, 0 không đổi (dùng lại), 3 lỗi." in index
    links = re.findall(r'href="([^"]+)"', index)
    for run in scenario["manifest"]["runs"]:
        assert run["outputs"]["html"] in links and run["outputs"]["ipynb"] in links
    assert all(not link.startswith(("/", "http", "file:")) for link in links)
    row = re.search(r'<tr id="fragile_report--hong--vi".*?</tr>', index, re.S).group(0)
    assert "LỖI" in row and "deliberate failure" in row


def test_manifest_and_footer_trace_each_run(scenario):
    manifest, digest = scenario["manifest"], scenario["digest"]
    assert manifest["inputs"]["staffing.csv"] == digest
    run = _by_unit(manifest)["An Phú"]
    assert run["parameters"]["unit"] == "An Phú" and run["parameters"]["lang"] == "vi"
    assert set(run["inputs"]) == {"staffing.csv", "units.csv"}  # the test's units file is an input too
    assert run["inputs"]["staffing.csv"] == digest
    assert run["environment"]["packages"]["papermill"] and run["environment"]["python"]
    assert run["started"] < run["ended"] and len(run["key"]) == 64
    html = scenario["html"]  # as written by the first batch (the third rewrote it)
    footer = html[html.index("pilotlib-provenance"):]
    assert digest in footer and "An Phú" in footer and moment_text(run["started"]) in footer  # Viet Nam time
    assert (run["environment"]["commit"] or "—") in footer


def test_unchanged_runs_are_reused(scenario):
    # No timing here (shared, noisy machines): "skipped" means no kernel was started;
    # how long a no-change batch takes is measured in benchmarks/.
    status, stdout, _, _seconds = scenario["second"]
    assert status == 0
    runs = _by_unit(scenario["reused"])
    assert [runs[unit]["status"] for unit in GOOD] == ["skipped", "skipped"]
    first = _by_unit(scenario["manifest"])
    assert runs["An Phú"]["ended"] == first["An Phú"]["ended"]  # when its outputs were made
    assert runs["An Phú"]["figures"] == first["An Phú"]["figures"]
    assert scenario["unchanged"]  # no report file rewritten
    assert "0 ok, 2 không đổi / unchanged" in stdout
    assert "không đổi, dùng lại" in scenario["reused_index"]


def test_changed_data_runs_again(scenario):
    status, _, _, _ = scenario["third"]
    assert status == 0
    run = _manifest(scenario["out"])["runs"][0]
    assert (run["unit"], run["status"], run["figures"]["posts_old"]) == ("An Phú", "ok", 7)
    assert run["ended"] > _by_unit(scenario["manifest"])["An Phú"]["ended"]
