"""The batch runner without kernels: retries, failure isolation, atomic outputs,
incremental keys, progress, index and footer. papermill is replaced by a fake that
writes what papermill would write, so these tests take well under a second each."""
from __future__ import annotations

import io
import json
from concurrent.futures import Executor, Future
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import DeadKernelError

from pilotlib.batch import execute
from pilotlib.batch.cache import reusable, run_key
from pilotlib.batch.execute import execute_run, is_start_failure
from pilotlib.batch.footer import footer_html
from pilotlib.batch.index_page import render_index
from pilotlib.batch.plan import Run
from pilotlib.batch.progress import Progress
from pilotlib.batch.runner import counts, run_batch
from pilotlib.report.recording import MIME

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "fragile_report.ipynb"
FACTS = {"inputs": {"staffing.csv": "a" * 64}, "reference": {}, "commit": "abc123",
         "python": "3.11", "packages": {"pilotlib": "0.1.0"}, "code": "c" * 64}


def make_run(out: Path, unit: str = "An Phú", slug: str = "an-phu") -> Run:
    run = Run("fragile_report", "vi", unit, slug, {"data_dir": "", "lang": "vi", "unit": unit},
              str(NOTEBOOK))
    run.parameters["output_dir"] = str(out / ".staging" / "artifacts" / run.run_id)
    return run


class FakePapermill:
    """Stands in for papermill.execute_notebook: one scripted outcome per call.

    Outcomes: "ok"; "start" (the kernel never answered); "dies" (it answered, then
    died mid-run, after writing a partial notebook).
    """

    def __init__(self, *outcomes: str):
        self.outcomes = list(outcomes)
        self.calls = 0

    def __call__(self, input_path, output_path, parameters, on_notebook_start, **_):
        outcome = self.outcomes[self.calls]
        self.calls += 1
        if outcome == "start":
            raise RuntimeError("Kernel died before replying to kernel_info")
        on_notebook_start(notebook=None)
        notebook = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("record()")
        cell.outputs = [nbformat.v4.new_output(
            "display_data", data={MIME: {"posts_old": 5}, "text/plain": ""})]
        notebook.cells = [cell]
        nbformat.write(notebook, output_path)
        if parameters.get("output_dir"):
            Path(parameters["output_dir"]).mkdir(parents=True, exist_ok=True)
            (Path(parameters["output_dir"]) / "posts.txt").write_text("new", encoding="utf-8")
        if outcome == "dies":
            raise DeadKernelError("Kernel died")


@pytest.fixture
def fake(monkeypatch):
    def install(*outcomes: str) -> FakePapermill:
        stub = FakePapermill(*outcomes)
        monkeypatch.setattr(execute.papermill, "execute_notebook", stub)
        return stub
    return install


def test_kernel_that_fails_to_start_is_retried_once(fake, tmp_path):
    stub = fake("start", "ok")
    entry = execute_run(make_run(tmp_path), tmp_path, facts=FACTS)
    assert (entry["status"], entry["attempts"], stub.calls) == ("ok", 2, 2)
    assert entry["figures"] == {"posts_old": 5}
    assert (tmp_path / "artifacts" / "fragile_report--an-phu--vi" / "posts.txt").exists()


def test_kernel_failing_to_start_twice_fails_the_run(fake, tmp_path):
    stub = fake("start", "start")
    entry = execute_run(make_run(tmp_path), tmp_path)
    assert (entry["status"], entry["attempts"], stub.calls) == ("failed", 2, 2)
    assert "Kernel died before replying" in entry["error"]


def test_kernel_dying_mid_run_is_not_retried(fake, tmp_path):
    stub = fake("dies", "ok")
    entry = execute_run(make_run(tmp_path), tmp_path)
    assert (entry["status"], entry["attempts"], stub.calls) == ("failed", 1, 1)
    assert entry["error"].startswith("DeadKernelError")
    failed = nbformat.read(tmp_path / "failed" / "fragile_report--an-phu--vi.ipynb", as_version=4)
    assert "pilotlib-error" in failed.cells[0].metadata["tags"]  # marker papermill does not add


def test_start_failures_are_told_apart():
    assert is_start_failure(RuntimeError("Kernel died before replying to kernel_info"))
    assert is_start_failure(DeadKernelError("Kernel died"))
    assert not is_start_failure(RuntimeError("division by zero"))


def test_failed_run_keeps_last_good_outputs_untouched(fake, tmp_path):
    run = make_run(tmp_path)
    fake("ok")
    good = execute_run(run, tmp_path, facts=FACTS)
    kept = {p: p.read_bytes() for p in [tmp_path / good["outputs"]["html"],
                                        tmp_path / good["outputs"]["ipynb"],
                                        tmp_path / "artifacts" / run.run_id / "posts.txt"]}
    fake("dies")
    failed = execute_run(run, tmp_path, facts=FACTS)
    assert failed["status"] == "failed"
    assert all(path.read_bytes() == content for path, content in kept.items())
    assert failed["outputs"] == {"ipynb": f"failed/{run.run_id}.ipynb", "html": f"failed/{run.run_id}.html"}
    assert failed["last_good"]["html"] == good["outputs"]["html"]
    assert not Path(run.parameters["output_dir"]).exists()  # the failed run's staged files are gone
    fake("ok")
    assert execute_run(run, tmp_path)["status"] == "ok"
    assert not (tmp_path / "failed" / f"{run.run_id}.html").exists()  # stale failure removed


class RecordingExecutor(Executor):
    """Runs nothing: answers every submission with an ok entry and remembers it."""

    def __init__(self):
        self.submitted: list[str] = []

    def submit(self, fn, run, out_dir, *args, **kwargs):
        self.submitted.append(run.run_id)
        html, ipynb = out_dir / "reports" / f"{run.run_id}.html", out_dir / "reports" / f"{run.run_id}.ipynb"
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text("report", encoding="utf-8")
        ipynb.write_text("{}", encoding="utf-8")
        future: Future = Future()
        future.set_result(run.as_dict() | {
            "status": "ok", "error": None, "figures": {"posts_old": 5}, "seconds": 0.1,
            "outputs": {"html": f"reports/{run.run_id}.html", "ipynb": f"reports/{run.run_id}.ipynb"}})
        return future


def _write_manifest(out: Path, results: list[dict]) -> None:
    (out / "manifest.json").write_text(json.dumps({"runs": results}), encoding="utf-8")


def test_unchanged_runs_are_reused_and_force_reruns(tmp_path):
    runs = [make_run(tmp_path), make_run(tmp_path, "Bình Lợi", "binh-loi")]
    first = RecordingExecutor()
    results = run_batch(runs, tmp_path, executor=first, facts=FACTS)
    assert first.submitted == [r.run_id for r in runs] and counts(results)["ok"] == 2
    _write_manifest(tmp_path, results)
    (tmp_path / ".staging" / "artifacts" / "left-by-a-killed-run").mkdir(parents=True)

    again = RecordingExecutor()
    reused = run_batch(runs, tmp_path, executor=again, facts=FACTS)
    assert again.submitted == []
    assert [r["status"] for r in reused] == ["skipped", "skipped"]
    assert reused[0]["figures"] == {"posts_old": 5} and reused[0]["outputs"] == results[0]["outputs"]
    assert not (tmp_path / ".staging").exists()  # a killed runner's leftovers are cleaned

    _write_manifest(tmp_path, reused)
    changed = RecordingExecutor()
    run_batch(runs, tmp_path, executor=changed, facts=FACTS | {"inputs": {"staffing.csv": "b" * 64}})
    assert changed.submitted == [r.run_id for r in runs]  # data changed: everything re-runs

    (tmp_path / "reports" / f"{runs[1].run_id}.html").unlink()
    partly = RecordingExecutor()
    run_batch(runs, tmp_path, executor=partly, facts=FACTS)
    assert partly.submitted == [runs[1].run_id]  # outputs missing: that run re-runs

    forced = RecordingExecutor()
    run_batch(runs, tmp_path, executor=forced, facts=FACTS, force=True)
    assert forced.submitted == [r.run_id for r in runs]


def test_run_key_ignores_the_staging_path_but_not_what_matters(tmp_path):
    here, there = make_run(tmp_path / "a"), make_run(tmp_path / "b")
    assert here.parameters["output_dir"] != there.parameters["output_dir"]
    key = run_key(here, FACTS)
    assert run_key(there, FACTS) == key
    for changed in ({"code": "d" * 64}, {"packages": {"pilotlib": "0.2.0"}},
                    {"inputs": {"staffing.csv": "e" * 64}}):
        assert run_key(here, FACTS | changed) != key
    other = Run("fragile_report", "vi", "Bình Lợi", "binh-loi", here.parameters | {"unit": "Bình Lợi"},
                here.notebook_file)
    assert run_key(other, FACTS) != key
    edited = tmp_path / "edited.ipynb"
    edited.write_text(NOTEBOOK.read_text(encoding="utf-8").replace("deliberate", "on purpose"),
                      encoding="utf-8")
    moved = Run(here.notebook, here.lang, here.unit, here.slug, here.parameters, str(edited))
    assert run_key(moved, FACTS) != key


def test_reuse_needs_a_good_previous_run_with_the_same_key(tmp_path):
    (tmp_path / "r.html").write_text("x")
    (tmp_path / "r.ipynb").write_text("x")
    previous = {"status": "ok", "key": "k", "outputs": {"html": "r.html", "ipynb": "r.ipynb"}}
    assert reusable(previous, "k", tmp_path)
    assert not reusable(previous, "other", tmp_path)
    assert not reusable(previous | {"status": "failed"}, "k", tmp_path)
    assert not reusable(previous | {"outputs": {"html": "gone.html", "ipynb": "r.ipynb"}}, "k", tmp_path)
    assert not reusable(None, "k", tmp_path)


def test_progress_is_one_line_per_run_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(3, stream=stream)
    progress.skip(1)
    progress.advance({"run_id": "a", "status": "ok", "seconds": 1.5})
    progress.advance({"run_id": "b", "status": "failed", "seconds": 2})
    progress.tick()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and len(lines) == 3
    assert lines[1] == "[2/3] ok a (1.5 s)" and lines[2].startswith("[3/3] LỖI/FAILED b")


def test_progress_rewrites_one_line_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(2, stream=stream, live=True)
    progress.advance({"run_id": "a", "status": "failed"})
    progress.advance({"run_id": "b", "status": "ok"})
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") >= 2 and text.endswith("\n") and text.count("\n") == 1
    assert "2/2 xong/done · 1 lỗi/failed" in text


NASTY = "<script>alert('x')</script>"


def _manifest(runs: list[dict]) -> dict:
    return {"created": "2026-01-01T00:00:00+00:00", "pilotlib_commit": "abc", "python": "3.11",
            "packages": {"pilotlib": "0.1.0"}, "inputs": {"staffing.csv": "a" * 64},
            "provenance": ["analyst"], "runs": runs}


def test_index_escapes_text_and_shows_every_status():
    base = {"notebook": "unit_report", "lang": "vi", "figures": {"posts_old": 5}, "error": None,
            "ended": "2026-01-01T10:00:00+00:00"}
    runs = [
        base | {"run_id": "unit_report--script-alert-x-script--vi", "unit": NASTY, "title": NASTY,
                "status": "ok", "outputs": {"html": "reports/a.html", "ipynb": "reports/a.ipynb"}},
        base | {"run_id": "unit_report--b--vi", "unit": "B", "status": "skipped",
                "outputs": {"html": "reports/b.html", "ipynb": "reports/b.ipynb"}},
        base | {"run_id": "unit_report--c--vi", "unit": "C", "status": "failed",
                "error": f"RuntimeError: {NASTY}", "outputs": {"html": "failed/c.html", "ipynb": "failed/c.ipynb"},
                "last_good": {"html": "reports/c.html", "ipynb": "reports/c.ipynb"}},
        base | {"run_id": "unit_report--d--vi", "unit": "D", "status": "failed", "error": "boom",
                "outputs": {}},  # a worker crash: nothing written
    ]
    page = render_index(_manifest(runs), "vi")
    assert "<script" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "4 báo cáo: 1 vừa chạy, 1 không đổi (dùng lại), 2 lỗi." in page
    assert "không đổi, dùng lại" in page and "LỖI" in page
    assert 'href="failed/c.html"' in page and 'href="reports/c.html"' in page  # failed + last good
    assert "http" not in page.replace("http-equiv", "")  # opens from disk: relative links only
    assert "4 reports: 1 produced in this run, 1 unchanged (reused), 2 failed." in render_index(_manifest(runs), "en")


def test_footer_states_the_facts_escaped():
    run = {"run_id": "x", "started": "2026-01-01T00:00:00",
           "parameters": {"unit": NASTY, "output_dir": "/tmp/.staging/x"}}
    html = footer_html(run, FACTS, "2026-01-01T00:01:00")
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "a" * 64 in html and "abc123" in html and "pilotlib 0.1.0" in html
    assert ".staging" not in html  # the runner's staging path would mislead a reader
