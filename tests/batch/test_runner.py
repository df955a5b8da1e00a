"""The batch runner without kernels: retries, failure isolation, atomic outputs,
incremental keys (every component of the key, every output file), progress, index and
footer. papermill is replaced by a fake that writes what papermill would write, so these
tests take well under a second each."""
from __future__ import annotations

import io
from concurrent.futures import Executor, Future
from dataclasses import replace
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
         "python": "3.11", "packages": {"pilotlib": "0.1.0"}, "code": "c" * 64,
         "formats": ["html", "docx"], "document": {"issuer": "UBND huyện"}, "context": {"as_of": "2024-06-01"}}


def make_run(out: Path, unit: str = "An Phú", slug: str = "an-phu") -> Run:
    run = Run("fragile_report", "vi", unit, slug, {"data_dir": "", "lang": "vi", "unit": unit},
              str(NOTEBOOK))
    run.parameters["output_dir"] = str(out / ".work" / "artifacts" / run.run_id)
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


class InlineExecutor(Executor):
    """Runs each submission at once in this process (so the fake papermill applies)."""

    def submit(self, fn, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - handed to the runner like a worker's failure
            future.set_exception(exc)
        return future


def test_failed_run_keeps_the_last_good_report_of_the_same_inputs(fake, tmp_path):
    old, new, other = tmp_path / "old", tmp_path / "new", tmp_path / "other"
    fake("ok")
    [good] = run_batch([make_run(old)], old, executor=InlineExecutor(), facts=FACTS)
    assert good["files"] == [good["outputs"]["ipynb"], good["outputs"]["html"],
                             f"artifacts/{good['run_id']}/posts.txt"]
    kept = {name: (old / name).read_bytes() for name in good["files"]}
    fake("dies")
    run = make_run(new)
    [failed] = run_batch([run], new, executor=InlineExecutor(), facts=FACTS, force=True, previous=[(old, good)])
    assert failed["status"] == "failed"
    assert failed["outputs"] == {"ipynb": f"failed/{run.run_id}.ipynb", "html": f"failed/{run.run_id}.html"}
    assert failed["last_good"] == {"html": good["outputs"]["html"], "ipynb": good["outputs"]["ipynb"]}
    # its own files (the failed notebook and page), then the last good report's, all in this set
    assert failed["files"] == [f"failed/{run.run_id}.ipynb", f"failed/{run.run_id}.html", *good["files"]]
    assert all((old / name).read_bytes() == content for name, content in kept.items())  # untouched
    assert all((new / name).samefile(old / name) for name in kept)  # linked beside the failure, not copied
    assert not Path(run.parameters["output_dir"]).exists()  # the failed run's staged files are gone
    assert not (new / ".work").exists()
    fake("dies")
    [elsewhere] = run_batch([make_run(other)], other, executor=InlineExecutor(), force=True,
                            facts=FACTS | {"inputs": {"staffing.csv": "f" * 64}}, previous=[(old, good)])
    assert "last_good" not in elsewhere  # made from other data: that set stays listed on its own
    assert not (other / "reports").exists()


class RecordingExecutor(Executor):
    """Runs nothing: answers every submission with an ok entry (report, notebook and one
    artifact written) and remembers it; ``fail`` names runs whose future raises."""

    def __init__(self, fail: tuple[str, ...] = ()):
        self.submitted: list[str] = []
        self.fail = fail

    def submit(self, fn, run, out_dir, *args, **kwargs):
        self.submitted.append(run.run_id)
        future: Future = Future()
        if run.run_id in self.fail:
            future.set_exception(RuntimeError("worker lost"))
            return future
        files = [f"reports/{run.run_id}.html", f"reports/{run.run_id}.ipynb", f"artifacts/{run.run_id}/posts.csv"]
        for name in files:
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (out_dir / name).write_text(run.unit, encoding="utf-8")
        future.set_result(run.as_dict() | {
            "status": "ok", "error": None, "figures": {"posts_old": 5}, "seconds": 0.1, "files": files,
            "outputs": {"html": files[0], "ipynb": files[1], "artifacts": f"artifacts/{run.run_id}"}})
        return future


def _two_runs(folder: Path) -> list[Run]:
    return [make_run(folder), make_run(folder, "Bình Lợi", "binh-loi")]


def _first_set(tmp_path: Path) -> list[tuple[Path, dict]]:
    first = tmp_path / "first"
    results = run_batch(_two_runs(first), first, executor=RecordingExecutor(), facts=FACTS)
    assert counts(results)["ok"] == 2
    return [(first, entry) for entry in results]


def test_unchanged_runs_are_reused_from_the_earlier_set_and_force_reruns(tmp_path):
    previous = _first_set(tmp_path)
    again, folder = RecordingExecutor(), tmp_path / "again"
    reused = run_batch(_two_runs(folder), folder, executor=again, facts=FACTS, previous=previous)
    assert again.submitted == []
    assert [r["status"] for r in reused] == ["skipped", "skipped"]
    assert reused[0]["figures"] == {"posts_old": 5} and reused[0]["outputs"] == previous[0][1]["outputs"]
    for name in previous[0][1]["files"]:  # the earlier set's files, linked (not rewritten)
        assert (folder / name).samefile(previous[0][0] / name)
    forced = RecordingExecutor()
    run_batch(_two_runs(tmp_path / "forced"), tmp_path / "forced", executor=forced, facts=FACTS, force=True,
              previous=previous)
    assert forced.submitted == [r.run_id for r in _two_runs(tmp_path)]


def _edited_notebook(tmp_path: Path) -> str:
    edited = tmp_path / "edited.ipynb"
    edited.write_text(NOTEBOOK.read_text(encoding="utf-8").replace("deliberate", "on purpose"), encoding="utf-8")
    return str(edited)


# Every component of the reuse key, changed alone: (runs, facts) of the second batch.
KEY_CHANGES = {
    "notebook bytes": lambda run, tmp: (replace(run, notebook_file=_edited_notebook(tmp)), FACTS),
    "parameters": lambda run, tmp: (replace(run, parameters=run.parameters | {"data_dir": "/elsewhere"}), FACTS),
    "input hashes": lambda run, tmp: (run, FACTS | {"inputs": {"staffing.csv": "e" * 64}}),
    "reference vocabularies": lambda run, tmp: (run, FACTS | {"reference": {"units.csv": "9" * 64}}),
    "python version": lambda run, tmp: (run, FACTS | {"python": "3.12"}),
    "package versions": lambda run, tmp: (run, FACTS | {"packages": {"pilotlib": "0.2.0"}}),
    "pilotlib code": lambda run, tmp: (run, FACTS | {"code": "d" * 64}),
    "data set": lambda run, tmp: (run, FACTS | {"dataset": {"source": "/other/data", "sha256": "a" * 64}}),
    "language": lambda run, tmp: (replace(run, lang="en"), FACTS),
    # from one value to another (not from absent to present, which any default would catch)
    "output formats": lambda run, tmp: (run, FACTS | {"formats": ["html", "xlsx"]}),
    "document settings": lambda run, tmp: (run, FACTS | {"document": {"issuer": "UBND xã"}}),
    "unit context (--as-of, --province)": lambda run, tmp: (run, FACTS | {"context": {"as_of": "2025-07-01"}}),
}


def test_the_key_does_not_depend_on_the_order_things_were_written_in(tmp_path):
    run = make_run(tmp_path)
    reordered = replace(run, parameters=dict(reversed(list(run.parameters.items()))))
    facts = FACTS | {"inputs": {"b.csv": "b" * 64, "a.csv": "a" * 64}}
    facts_reordered = FACTS | {"inputs": {"a.csv": "a" * 64, "b.csv": "b" * 64}}
    assert run_key(run, facts) == run_key(reordered, facts_reordered)
    assert run_key(run, facts | {"dataset": {}}) == run_key(run, {k: v for k, v in facts.items() if k != "dataset"})


@pytest.mark.parametrize("component", KEY_CHANGES)
def test_each_component_of_the_key_changed_alone_forces_a_rerun(tmp_path, component):
    previous = _first_set(tmp_path)
    folder = tmp_path / "second"
    same, changed = _two_runs(folder)
    changed, facts = KEY_CHANGES[component](changed, tmp_path)
    executor = RecordingExecutor()
    run_batch([same, changed], folder, executor=executor, facts=facts, previous=previous)
    # a batch-wide fact changes both runs' keys; a run's own notebook, parameters or language, its own
    assert executor.submitted == ([changed.run_id] if facts is FACTS else [same.run_id, changed.run_id])
    assert run_key(changed, facts) != run_key(_two_runs(folder)[1], FACTS)


@pytest.mark.parametrize("missing", ["html", "ipynb", "artifact"])
def test_each_missing_output_forces_a_rerun(tmp_path, missing):
    previous = _first_set(tmp_path)
    folder, entry = previous[1]
    name = {"html": entry["outputs"]["html"], "ipynb": entry["outputs"]["ipynb"],
            "artifact": f"artifacts/{entry['run_id']}/posts.csv"}[missing]
    (folder / name).unlink()
    executor = RecordingExecutor()
    second = tmp_path / "second"
    results = run_batch(_two_runs(second), second, executor=executor, facts=FACTS, previous=previous)
    assert executor.submitted == [entry["run_id"]]  # only the run that lost a file
    assert (second / name).read_text(encoding="utf-8") == "Bình Lợi"  # made again
    assert [r["status"] for r in results] == ["skipped", "ok"]


def test_an_executor_whose_future_raises_fails_that_run_only(tmp_path):
    runs = _two_runs(tmp_path)
    results = run_batch(runs, tmp_path, executor=RecordingExecutor(fail=(runs[0].run_id,)), facts=FACTS)
    assert [(r["run_id"], r["status"]) for r in results] == [(runs[0].run_id, "failed"), (runs[1].run_id, "ok")]
    assert results[0]["error"] == "RuntimeError: worker lost" and results[0]["outputs"] == {}
    assert (tmp_path / results[1]["outputs"]["html"]).exists()


def test_reuse_needs_a_good_previous_run_with_the_same_key_and_every_file(tmp_path):
    for name in ("r.html", "r.ipynb", "a/fig.svg"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    previous = {"status": "ok", "key": "k", "outputs": {"html": "r.html", "ipynb": "r.ipynb", "artifacts": "a"},
                "files": ["r.html", "r.ipynb", "a/fig.svg"]}
    assert reusable(previous, "k", tmp_path)
    assert not reusable(previous, "other", tmp_path)
    assert not reusable(previous | {"status": "failed"}, "k", tmp_path)
    assert not reusable(previous | {"outputs": {"html": "gone.html", "ipynb": "r.ipynb"}}, "k", tmp_path)
    assert not reusable(previous | {"files": [*previous["files"], "a/gone.csv"]}, "k", tmp_path)
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
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    [ours] = page.split("<script")[1:]  # the one script is the filters', no user text in it
    assert "alert" not in ours.split("</script>")[0]
    assert "4 báo cáo: 1 vừa chạy, 1 không đổi (dùng lại), 2 lỗi." in page
    assert "không đổi, dùng lại" in page and "LỖI" in page
    assert 'href="failed/c.html"' in page and 'href="reports/c.html"' in page  # failed + last good
    assert "http" not in page.replace("http-equiv", "")  # opens from disk: relative links only
    assert "4 reports: 1 produced in this run, 1 unchanged (reused), 2 failed." in render_index(_manifest(runs), "en")


@pytest.mark.parametrize("lang, header", [("vi", "Chạy lúc (giờ Việt Nam)"), ("en", "Run at (Viet Nam time)")])
def test_index_times_are_viet_nam_time_written_dd_mm_yyyy(lang, header):
    # the manifest records UTC; 17:05 UTC on 31/12 is already the next year in Viet Nam (UTC+7)
    run = {"run_id": "unit_report--a--vi", "notebook": "unit_report", "lang": "vi", "unit": "A", "status": "ok",
           "figures": {}, "error": None, "ended": "2025-12-31T17:05:00+00:00",
           "outputs": {"html": "reports/a.html", "ipynb": "reports/a.ipynb"}}
    page = render_index(_manifest([run]) | {"created": "2025-12-31T16:59:00+00:00"}, lang)
    assert "01/01/2026 00:05" in page and "31/12/2025 23:59" in page
    assert header in page and "UTC" not in page and "2025-12-31T" not in page


def test_footer_states_the_facts_escaped():
    run = {"run_id": "x", "started": "2026-01-01T00:00:00",
           "parameters": {"unit": NASTY, "output_dir": "/tmp/.staging/x"}}
    html = footer_html(run, FACTS, "2026-01-01T00:01:00")
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "a" * 64 in html and "abc123" in html and "pilotlib 0.1.0" in html
    assert ".staging" not in html  # the runner's staging path would mislead a reader


class LongCrashExecutor(Executor):
    """Every future raises with a message longer than an entry keeps."""

    def submit(self, fn, run, *args, **kwargs):
        future: Future = Future()
        future.set_exception(OSError("x" * 5000))
        return future


def test_a_crashed_run_says_it_produced_nothing_and_keeps_a_bounded_error(tmp_path):
    [entry] = run_batch([make_run(tmp_path)], tmp_path, executor=LongCrashExecutor(), facts=FACTS)
    assert entry["status"] == "failed"
    assert entry["error"] == "OSError: " + "x" * (4000 - len("OSError: "))  # cut at 4000 characters
    # no files, figures or times: nothing to link, chart or time in the index
    assert (entry["outputs"], entry["files"], entry["figures"]) == ({}, [], {})
    assert (entry["started"], entry["ended"], entry["seconds"]) == (None, None, None)
    assert entry["key"] == run_key(make_run(tmp_path), FACTS) and entry["inputs"] == FACTS["inputs"]


def test_counts_tally_every_status_and_count_anything_else_as_failed():
    assert counts([]) == {"ok": 0, "skipped": 0, "failed": 0}
    results = [{"status": "ok"}, {"status": "skipped"}, {"status": "skipped"}, {"status": "failed"},
               {"status": "interrupted"}, {}]  # an unknown status, or none, is not a success
    assert counts(results) == {"ok": 1, "skipped": 2, "failed": 3}


def test_package_versions_name_every_package_and_say_which_are_missing(monkeypatch):
    from importlib import metadata

    from pilotlib.batch import runner

    versions = runner.package_versions()
    assert list(versions) == list(runner.PACKAGES)
    assert versions["pandas"] == metadata.version("pandas") and versions["pilotlib"] == metadata.version("pilotlib")
    monkeypatch.setattr(runner, "PACKAGES", ("pandas", "no-such-package-pilotlib-test"))
    assert runner.package_versions() == {"pandas": metadata.version("pandas"),
                                         "no-such-package-pilotlib-test": "not installed"}


def test_default_jobs_is_one_per_cpu_and_at_least_one(monkeypatch):
    from pilotlib.batch import runner

    monkeypatch.setattr(runner.os, "cpu_count", lambda: 3)
    assert runner.default_jobs() == 3
    monkeypatch.setattr(runner.os, "cpu_count", lambda: None)  # unknown
    assert runner.default_jobs() == 1


def _git(folder: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "commit.gpgsign=false", *args],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_git_commit_is_the_head_marked_dirty_only_for_changed_tracked_files(tmp_path, monkeypatch):
    from pilotlib.batch import runner
    from pilotlib.core import paths

    monkeypatch.setattr(paths, "PROJECT_DIR", tmp_path)
    assert runner.git_commit() is None  # not a git work tree
    _git(tmp_path, "init", "-q")
    assert runner.git_commit() is None  # a repository without a commit yet (rev-parse fails, status works)
    (tmp_path / "a.py").write_text("A = 1\n")
    _git(tmp_path, "add", "a.py")
    _git(tmp_path, "commit", "-q", "-m", "one")
    head = _git(tmp_path, "rev-parse", "HEAD")
    assert len(head) == 40 and runner.git_commit() == head
    (tmp_path / "new.py").write_text("")  # untracked: not part of the commit, not dirty
    assert runner.git_commit() == head
    (tmp_path / "a.py").write_text("A = 2\n")
    assert runner.git_commit() == head + "+dirty"

    def no_git(*args, **kwargs):
        raise FileNotFoundError("git")

    monkeypatch.setattr(runner.subprocess, "run", no_git)
    assert runner.git_commit() is None  # git not installed


class FakeDataset:
    """What the runner reads of a data set: its root, input files and provenances."""

    def __init__(self, root: Path):
        self.root = root
        (root / "staffing.csv").write_bytes(b"abc")

    def input_hashes(self, hasher) -> dict[str, str]:
        return {"staffing.csv": hasher(self.root / "staffing.csv")}

    def provenances(self) -> set[str]:
        return {"source", "analyst"}


ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256(b"abc"), FIPS 180-2


def test_batch_facts_hold_the_inputs_data_set_code_and_environment(tmp_path):
    import hashlib
    import json
    import platform

    from pilotlib.batch import runner
    from pilotlib.batch.cache import code_fingerprint, reference_hashes

    facts = runner.batch_facts(FakeDataset(tmp_path), source="/data/lam-dong")
    assert facts["inputs"] == {"staffing.csv": ABC_SHA256}
    pairs = json.dumps([["staffing.csv", ABC_SHA256]], ensure_ascii=False)
    assert facts["dataset"] == {"source": "/data/lam-dong", "sha256": hashlib.sha256(pairs.encode()).hexdigest()}
    assert facts["python"] == platform.python_version() and facts["packages"] == runner.package_versions()
    assert facts["reference"] == reference_hashes() and "units.csv" in facts["reference"]
    assert facts["code"] == code_fingerprint() and facts["commit"] == runner.git_commit()
    assert set(facts) == {"inputs", "dataset", "reference", "commit", "python", "packages", "code"}
    bare = runner.batch_facts()
    assert bare["inputs"] == {} and bare["dataset"] == {"source": "", "sha256": hashlib.sha256(b"[]").hexdigest()}


def test_the_manifest_records_what_produced_every_output(tmp_path):
    import platform
    from datetime import datetime, timedelta, timezone

    from pilotlib.batch.runner import build_manifest

    runs = [{"run_id": "a", "status": "ok"}]
    manifest = build_manifest(FakeDataset(tmp_path), runs, {"force": True}, facts=FACTS | {"reference": {"u.csv": "9"}})
    created = datetime.fromisoformat(manifest.pop("created"))
    assert created.utcoffset() == timedelta(0) and abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)
    assert manifest == {
        "pilotlib_commit": "abc123", "python": "3.11", "packages": {"pilotlib": "0.1.0"}, "code_sha256": "c" * 64,
        "options": {"force": True}, "data_root": str(tmp_path), "inputs": {"staffing.csv": "a" * 64},
        "reference": {"u.csv": "9"}, "provenance": ["analyst", "source"], "runs": runs,
    }
    own = build_manifest(FakeDataset(tmp_path), [], {})  # without facts: the batch's own, from the data set
    assert own["inputs"] == {"staffing.csv": ABC_SHA256} and own["python"] == platform.python_version()


def test_run_batch_makes_its_folder_and_hands_its_settings_to_the_workers(tmp_path, monkeypatch):
    from pilotlib.batch import runner, workers

    seen = []

    def execute_all(todo, out_dir, timeout, facts, jobs, deliver, tick, executor):
        seen.append((out_dir, timeout, facts, jobs, executor))
        for index, run in todo:
            deliver(index, run, run.as_dict() | {"status": "ok", "error": None, "files": [], "outputs": {}})

    monkeypatch.setattr(workers, "execute_all", execute_all)
    monkeypatch.setattr(runner, "default_jobs", lambda: 7)
    facts = FACTS | {"dataset": {"source": "/data", "sha256": "d" * 64}}
    deep = tmp_path / "not" / "yet" / "there"  # made with its parents
    [entry] = run_batch([make_run(deep)], deep, timeout=123, facts=facts)
    assert seen == [(deep, 123, facts, 7, None)]  # jobs not given: one per cpu
    assert entry["key"] == run_key(make_run(deep), facts) and entry["inputs"] == facts["inputs"]
    assert entry["dataset"] == {"source": "/data", "sha256": "d" * 64}
    assert entry["environment"] == {"commit": "abc123", "python": "3.11", "packages": {"pilotlib": "0.1.0"},
                                    "code": "c" * 64}
    run_batch([make_run(deep, "B", "b")], deep, jobs=2, facts=facts)
    assert seen[-1][3] == 2


def test_run_batch_without_facts_keys_runs_by_this_batch_and_prints_nothing_unasked(tmp_path, capfd):
    from pilotlib.batch.runner import batch_facts

    run = make_run(tmp_path)
    [entry] = run_batch([run], tmp_path, executor=RecordingExecutor())
    assert entry["status"] == "ok" and entry["key"] == run_key(run, batch_facts())
    assert capfd.readouterr() == ("", "")  # no progress asked for: none shown


def test_reused_runs_are_counted_in_the_progress_at_once(tmp_path):
    previous = _first_set(tmp_path)
    stream = io.StringIO()
    folder = tmp_path / "again"
    runs = [*_two_runs(folder), make_run(folder, "Cát Tiên", "cat-tien")]
    run_batch(runs, folder, executor=RecordingExecutor(), facts=FACTS, previous=previous,
              progress=Progress(3, stream=stream))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[2/3] 2 không đổi, dùng lại / unchanged, reused"
    assert lines[1].startswith("[3/3] ok fragile_report--cat-tien--vi")


def test_without_input_hashes_a_failed_run_still_gets_the_last_good_report(tmp_path):
    # facts without "inputs" (a caller's own): recorded as none, and none is the same inputs
    facts = {k: v for k, v in FACTS.items() if k != "inputs"}
    first = tmp_path / "first"
    previous = [(first, e) for e in run_batch(_two_runs(first), first, executor=RecordingExecutor(), facts=facts)]
    assert [e["inputs"] for _, e in previous] == [{}, {}]
    second = tmp_path / "second"
    runs = _two_runs(second)
    results = run_batch(runs, second, executor=RecordingExecutor(fail=(runs[0].run_id,)), facts=facts,
                        force=True, previous=previous)
    assert results[0]["status"] == "failed" and results[0]["inputs"] == {}
    assert results[0]["last_good"] == {"html": previous[0][1]["outputs"]["html"],
                                       "ipynb": previous[0][1]["outputs"]["ipynb"]}


@pytest.mark.parametrize("stuck", ["rev-parse", "status"])
@pytest.mark.parametrize("how", ["hangs", "fails"])
def test_a_git_that_hangs_or_fails_gives_no_commit_and_never_stops_the_batch(monkeypatch, stuck, how):
    import subprocess

    from pilotlib.batch import runner

    def fake_run(args, **kwargs):
        if stuck not in args:
            return subprocess.CompletedProcess(args, 0, stdout="f" * 40 + "\n", stderr="")
        if how == "fails":
            if kwargs.get("check"):
                raise subprocess.CalledProcessError(128, args)
            return subprocess.CompletedProcess(args, 128, stdout="", stderr="fatal")
        if kwargs.get("timeout") is None:  # a git waiting on a lock would hang the batch for good
            raise AssertionError(f"git {stuck} runs without a time limit")
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(runner.subprocess, "run", fake_run)
    assert runner.git_commit() is None
