"""Warm kernels (batch.kernels): every run still gets a fresh kernel process of its own,
and a warm kernel gives the very same report files as one started the usual way.

The probe notebook looks for what an earlier run could have left behind — a variable,
an imported module, a matplotlib or pandas setting — records what it saw and its own
process ids, then leaves all of those behind itself.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from pilotlib.batch import kernel_engine, kernels
from pilotlib.batch.execute import execute_run
from pilotlib.batch.plan import Run, plan
from pilotlib.batch.runner import batch_facts
from pilotlib.data.load import load_dataset

PROBE = '''\
import os, sys
import matplotlib
import pandas as pd
seen = {
    "variable": "LEFT_BEHIND" in globals(),
    "module": "pilotlib_probe_module" in sys.modules,
    "rc": matplotlib.rcParams["lines.linewidth"],
    "pandas": pd.get_option("display.max_rows"),
    "pid": os.getpid(), "ppid": os.getppid(),
}
LEFT_BEHIND = marker
sys.modules["pilotlib_probe_module"] = sys
matplotlib.rcParams["lines.linewidth"] = 9.5
pd.set_option("display.max_rows", 3)
from IPython.display import display
display({"application/vnd.pilotlib.figures+json": seen, "text/plain": ""}, raw=True)
'''


def _probe_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('marker = ""\noutput_dir = ""')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell(PROBE)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "probe.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def fresh_template():
    """This process's template is started by the test and ended after it."""
    yield
    if kernels._TEMPLATE is not None:
        kernels._TEMPLATE.close()
        kernels._TEMPLATE = None


def _ended(pids, wait: float = 5.0) -> bool:
    """Every process gone (the template reaps its kernels twice a second)."""
    deadline = time.monotonic() + wait
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.slow
def test_nothing_of_one_run_is_visible_in_the_next(tmp_path, fresh_template):
    notebook = _probe_notebook(tmp_path)
    out = tmp_path / "out"
    seen = []
    for marker in ("first", "second", "third"):
        run = Run("probe", "vi", "", marker, {"marker": marker}, str(notebook))
        entry = execute_run(run, out, timeout=60, facts={"formats": ["html"]})
        assert entry["status"] == "ok", entry.get("error")
        seen.append(entry["figures"])
    for figures in seen:  # each run found a clean kernel
        assert figures["variable"] is False and figures["module"] is False
        assert figures["rc"] == 1.5 and figures["pandas"] == 60
    pids = {figures["pid"] for figures in seen}
    assert len(pids) == 3 and os.getpid() not in pids  # three processes of their own …
    template = kernels._TEMPLATE.process.pid
    assert {figures["ppid"] for figures in seen} == {template}  # … forked from the warm template
    assert _ended(pids)  # and every one has ended
    folder = Path(kernels._TEMPLATE.folder)
    kernels._TEMPLATE.close()
    kernels._TEMPLATE = None
    assert _ended([template]) and not folder.exists()


@pytest.mark.slow
def test_a_template_that_cannot_start_falls_back_to_a_usual_kernel(tmp_path, monkeypatch, fresh_template):
    monkeypatch.setattr(kernels, "SERVER_CODE", "raise SystemExit(3)")  # the template ends at once
    notebook = _probe_notebook(tmp_path)
    run = Run("probe", "vi", "", "cold", {"marker": "x"}, str(notebook))
    entry = execute_run(run, tmp_path / "out", timeout=60, facts={"formats": ["html"]})
    assert entry["status"] == "ok" and entry["attempts"] == 1
    assert entry["figures"]["ppid"] == os.getpid()  # started the usual way, by this process


def test_warm_kernels_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("PILOTLIB_WARM_KERNELS", "0")
    assert kernel_engine.kernel_manager("python3", None) is None
    monkeypatch.setenv("PILOTLIB_WARM_KERNELS", "1")
    assert kernel_engine.kernel_manager("python3", None) is not None
    assert kernel_engine.kernel_manager("no-such-kernel", None) is None


def test_a_forked_worker_borrows_its_parents_template(monkeypatch):
    class Stub:
        owner = -1  # another process's (the parent's)

        class process:  # noqa: N801 - stands in for a Popen
            class stdin:  # noqa: N801
                closed = False

                @classmethod
                def close(cls):
                    cls.closed = True

    monkeypatch.setattr(kernels, "_TEMPLATE", Stub)
    kernels._borrow_in_child()
    assert kernels._TEMPLATE is Stub and Stub.process.stdin.closed  # its copy of the pipe closed, not the parent's
    kernels._Template.close(Stub)  # a borrower never ends it
    assert kernels._TEMPLATE is Stub


# What differs between any two runs of the same report: times and random identifiers
# (papermill's injected cell, pandas Styler tables, SVG clip paths, object addresses).
VARYING = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"), "<time>"),
    (re.compile(r"\d{2}/\d{2}/\d{4}( \d{2}:\d{2}(:\d{2})?)?"), "<time>"),
    (re.compile(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}"), "<date>"),  # the Word report's date (a run at midnight)
    (re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b"), "<time>"),
    (re.compile(r'"duration": [0-9.e-]+'), '"duration": 0'),
    (re.compile(r"(?:cell-id=|\"id\": \")[0-9a-f]{8}\b"), "<cell>"),
    (re.compile(r" at 0x[0-9a-f]+>"), " at <address>>"),  # an object's repr
    (re.compile(r"\bT_[0-9a-f]{5}(?![0-9a-f])"), "<styler>"),
    (re.compile(r"\b[pm][0-9a-f]{10}\b"), "<svg-id>"),
]


def _comparable(path: Path) -> dict[str, bytes | str]:
    """A file's content without what differs between any two runs (per zip member for
    Word and Excel files)."""
    def clean(text: str) -> str:
        for pattern, replacement in VARYING:
            text = pattern.sub(replacement, text)
        return text

    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:  # XML parts as text, pictures as bytes
            return {name: clean(archive.read(name).decode("utf-8")) if name.endswith((".xml", ".rels"))
                    else archive.read(name) for name in sorted(archive.namelist())}
    if path.suffix == ".png":
        return {"": path.read_bytes()}
    return {"": clean(path.read_text(encoding="utf-8"))}


@pytest.mark.slow
def test_warm_and_usual_kernels_write_the_same_reports(tmp_path, monkeypatch, fresh_template):
    dataset = load_dataset(None)
    facts = batch_facts(dataset, "") | {"formats": ["html", "docx", "xlsx"], "document": {}}
    out = tmp_path / "out"
    folders = {}
    for mode in ("0", "1"):  # the usual way first, then warm, into the same folder (same paths)
        monkeypatch.setenv("PILOTLIB_WARM_KERNELS", mode)
        [run] = plan(dataset, "", out, units=["Lâm Hà"], notebooks=("unit_report",))
        entry = execute_run(run, out, facts=facts)
        assert entry["status"] == "ok", entry.get("error")
        folders[mode] = shutil.move(out, tmp_path / f"kernels-{mode}")
    usual, warm = Path(folders["0"]), Path(folders["1"])
    assert kernels._TEMPLATE is not None  # the warm run did use the template
    files = sorted(p.relative_to(usual) for p in usual.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm) for p in warm.rglob("*") if p.is_file())
    assert {f.suffix for f in files} >= {".ipynb", ".html", ".docx", ".xlsx", ".png", ".svg", ".csv", ".json"}
    for relative in files:
        before, after = _comparable(usual / relative), _comparable(warm / relative)
        for member in before:
            if before[member] != after.get(member):
                lines = [str(text).replace("><", ">\n<").splitlines() for text in (before[member], after.get(member))]
                shown = difflib.unified_diff(*lines, lineterm="", n=0)
                pytest.fail(f"{relative} {member} differs:\n" + "\n".join(line[:300] for line in list(shown)[:20]))
