"""Execute one planned run: papermill into a staging file, HTML via nbconvert, then
move both into place atomically. A failed run lands under failed/ and leaves the last
good outputs of that run untouched. Status comes from the exception, not the notebook.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter

from pilotlib.labels import title
from pilotlib.planning import Run, notebook_path
from pilotlib.recording import read_recorded

KERNEL = "python3"


def export_html(notebook: nbformat.NotebookNode, page_title: str) -> str:
    """HTML with code cells hidden (they stay in the .ipynb)."""
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": page_title}})
    return body


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(staging, path)


def execute_run(run: Run, out_dir: Path, timeout: int = 1800) -> dict:
    """Run one notebook; returns the manifest entry (status ok or failed)."""
    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    page_title = title(run.notebook, run.lang, run.unit)
    entry: dict = run.as_dict() | {"title": page_title, "started": started.isoformat()}
    staging_dir = out_dir / ".staging"
    staging_dir.mkdir(parents=True, exist_ok=True)
    staged = staging_dir / f"{run.run_id}.ipynb"
    error = None
    with tempfile.TemporaryDirectory(prefix=f"pilotlib-{run.slug}-") as workdir:
        try:
            papermill.execute_notebook(
                str(notebook_path(run.notebook)), str(staged),
                parameters=run.parameters, kernel_name=KERNEL, cwd=workdir,
                progress_bar=False, log_output=False, execution_timeout=timeout,
            )
        except Exception as exc:  # noqa: BLE001 - any failure fails this run only
            error = f"{type(exc).__name__}: {exc}".strip()[:4000]
            entry["traceback"] = traceback.format_exc(limit=3)[-4000:]
    if staged.exists():
        notebook = nbformat.read(staged, as_version=4)
        html = export_html(notebook, page_title)
        entry["figures"] = read_recorded(notebook)
    else:
        notebook, html = None, None
        entry["figures"] = {}
    target = out_dir / ("failed" if error else "reports")
    outputs = {}
    if notebook is not None:
        _atomic_write(target / f"{run.run_id}.html", html)
        os.replace(staged, target / f"{run.run_id}.ipynb")
        outputs = {
            "ipynb": f"{target.name}/{run.run_id}.ipynb",
            "html": f"{target.name}/{run.run_id}.html",
        }
    if not error:
        stale = out_dir / "failed"
        for suffix in (".ipynb", ".html"):
            (stale / f"{run.run_id}{suffix}").unlink(missing_ok=True)
        staged_artifacts = Path(run.parameters.get("output_dir", ""))
        if staged_artifacts.is_dir():
            final = out_dir / "artifacts" / run.run_id
            if final.exists():
                shutil.rmtree(final)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged_artifacts, final)
            outputs["artifacts"] = final.relative_to(out_dir).as_posix()
    entry |= {
        "status": "failed" if error else "ok",
        "error": error,
        "outputs": outputs,
        "ended": datetime.now(timezone.utc).isoformat(),
        "seconds": round(time.perf_counter() - clock, 2),
    }
    return entry
