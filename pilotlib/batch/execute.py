"""Execute one planned run: papermill into a staging file, HTML via nbconvert, then
move both into place atomically, inside the set's staging folder (``batch.sets``). A
failed run lands under failed/ (the runner links its last good report beside it).
Status comes from the exception, not the notebook.

Which kernel failures are retried:
- before the kernel answered (``on_notebook_start`` not reached): a port race, "Kernel
  died before replying to kernel_info", a dead or silent kernel at start → retried once;
- after it answered: a cell error, a cell timeout or a kernel that dies mid-run → the
  run fails, no retry (re-running would repeat the same work and likely the failure).
Kernels talk over IPC sockets in the run's own working directory where the platform
allows it: no TCP ports to race for, and no "running over TCP without encryption" noise.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
import time
import traceback
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import nbformat
import papermill
import zmq
from nbclient.exceptions import DeadKernelError
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from papermill.exceptions import PapermillExecutionError
from traitlets.config import Config

from pilotlib.batch.footer import with_footer
from pilotlib.batch.kernel_engine import kernel_manager
from pilotlib.batch.kernels import ENGINE as WARM_ENGINE
from pilotlib.batch.outdir import os_message
from pilotlib.batch.plan import DEFAULT_TIMEOUT, WORK, Run, notebook_path
from pilotlib.batch.render import render_documents, wants
from pilotlib.core import paths
from pilotlib.core.i18n import both, title
from pilotlib.core.io import atomic_write
from pilotlib.report.recording import read_recorded

# papermill/nbclient log kernel deaths and timeouts at ERROR; the runner reports them
# itself (manifest, index, summary), so without logging set up they are not repeated.
logging.getLogger("papermill").addHandler(logging.NullHandler())

KERNEL = "python3"
START_ATTEMPTS = 2  # a kernel that fails to start is retried once
ERROR_TAG = "pilotlib-error"
ANSI_COLOURS = re.compile(r"\x1b\[[0-9;]*m")
OFFLINE_TEMPLATE = "offline"  # templates/nbconvert/offline: the lab look without CDN scripts
NOTES_TAG = "notes"  # markdown cells for the analyst reading the notebook, not for the report


def page_title(run: Run) -> str:
    try:
        return title(run.notebook, run.lang, run.unit)
    except KeyError:  # a notebook without a registered title
        return f"{run.notebook}: {run.unit}" if run.unit else run.notebook


def export_html(notebook: nbformat.NotebookNode, page_title: str) -> str:
    """HTML for the reader: code cells hidden (they stay in the .ipynb), the analyst's
    notes (cells tagged ``notes``) left out, and self-contained through the bundled
    ``offline`` template (no CDN script, so it opens from disk with no network)."""
    body, _ = _exporter().from_notebook_node(notebook, resources={"metadata": {"name": page_title}})
    return body


_EXPORTERS = threading.local()


class DropStderr(Preprocessor):
    """Leaves a kernel's stderr (Python warnings, library log lines) out of the page: a
    reader never sees "UserWarning …" text. The executed .ipynb keeps it for the analyst;
    a failing cell's error is an ``error`` output, not stderr, and stays on the page."""

    def preprocess_cell(self, cell, resources, index):
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream"
                                                            and o.get("name") == "stderr")]
        return cell, resources


def _exporter() -> HTMLExporter:
    """One HTML exporter per worker (per thread): its templates are loaded and compiled
    once, not for every run (the pages are the same as from a new exporter)."""
    exporter = getattr(_EXPORTERS, "html", None)
    if exporter is None:
        exporter = HTMLExporter(
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
            template_name=OFFLINE_TEMPLATE,
            extra_template_basedirs=[str(paths.templates_dir() / "nbconvert")],
        )
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NOTES_TAG}), enabled=True)
        exporter.register_preprocessor(DropStderr(), enabled=True)
        _EXPORTERS.html = exporter
    return exporter


def _replace_dir(source: Path, target: Path) -> None:
    """Move a directory over another: the old one is renamed away first, then removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(source, target)
    shutil.rmtree(old, ignore_errors=True)


def kernel_config(workdir: str) -> Config:
    """IPC transport with sockets in the run's working directory (TCP where IPC is absent)."""
    socket = os.path.join(workdir, ".kernel")  # sockets .kernel-1 … beside the notebook's files
    if os.name == "nt" or len(socket) > 90:  # AF_UNIX paths are limited to ~104 bytes
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": socket}})


def is_start_failure(exc: BaseException) -> bool:
    """The errors a kernel gives when it could not start (and a retry may help)."""
    if isinstance(exc, (DeadKernelError, zmq.ZMQError, TimeoutError)):
        return True
    text = str(exc)
    return isinstance(exc, RuntimeError) and ("Kernel died before replying" in text
                                              or "didn't respond" in text)


def describe(exc: BaseException) -> str:
    """One readable line: for a cell error, the notebook's own exception and cell; for a
    disk error, what happened to which file (e.g. no space left on device)."""
    if isinstance(exc, PapermillExecutionError):
        return f"PapermillExecutionError: {exc.ename}: {exc.evalue} (In [{exc.exec_count}])"[:4000]
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{type(exc).__name__}: {os_message(exc, 'write')}"[:4000]
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}".strip()[:4000]


def details(exc: BaseException) -> str:
    """The traceback worth reading: the notebook's for a cell error, else the runner's."""
    if isinstance(exc, PapermillExecutionError):
        text = "\n".join(exc.traceback)
    else:
        text = traceback.format_exc()
    return ANSI_COLOURS.sub("", text)[-8000:]


def _papermill(run: Run, staged: Path, timeout: int) -> tuple[str | None, str | None, int, object]:
    """Execute into ``staged``; (error, traceback, attempts, the executed notebook when
    papermill returned it). Retries a failed start once. The kernel is forked from a warm
    template where it can be (``batch.kernels``), else started the usual way."""
    for attempt in range(1, START_ATTEMPTS + 1):
        started = {"kernel": False}
        try:
            with tempfile.TemporaryDirectory(prefix="pilotlib-run-") as workdir:
                config = kernel_config(workdir)
                manager = kernel_manager(KERNEL, config) if attempt == 1 else None  # a retry starts it cold
                executed = papermill.execute_notebook(
                    run.notebook_file or str(notebook_path(run.notebook)), str(staged),
                    parameters=run.parameters, kernel_name=KERNEL, progress_bar=False,
                    log_output=False, execution_timeout=timeout,
                    # The kernel's cwd without papermill's process-wide chdir (thread-safe).
                    resources={"metadata": {"path": workdir}}, config=config,
                    on_notebook_start=lambda _started=started, **_: _started.update(kernel=True),
                    # The outputs are in hand when it ends: no 5 s wait for a stuck kernel.
                    shutdown_kernel="immediate",
                    # papermill's engine, writing the notebook when it starts and ends (not
                    # after every cell), in a warm kernel where it can (batch.kernels).
                    engine_name=WARM_ENGINE, km=manager,
                )
            return None, None, attempt, executed
        except Exception as exc:  # noqa: BLE001 - any failure fails this run only
            if not started["kernel"] and is_start_failure(exc) and attempt < START_ATTEMPTS:
                staged.unlink(missing_ok=True)
                continue
            return describe(exc), details(exc), attempt, None
    raise AssertionError("unreachable")  # pragma: no cover


def mark_failure(notebook: nbformat.NotebookNode, error: str) -> None:
    """Put an error cell on top when papermill has not (dead kernel, timeout …)."""
    tags = [cell.metadata.get("tags", []) for cell in notebook.cells]
    if any("papermill-error-cell-tag" in t for t in tags):
        return
    cell = nbformat.v4.new_markdown_cell(
        '<span style="color:red;font-family:Helvetica Neue,Helvetica,Arial,sans-serif;'
        'font-size:2em;">Lần chạy thất bại / This run failed: '
        f"{escape(error.splitlines()[0] if error else '')}</span>"
    )
    cell.metadata["tags"] = [ERROR_TAG]
    notebook.cells.insert(0, cell)


def _publish_artifacts(run: Run, out_dir: Path, ok: bool) -> str | None:
    """Move the staged figures/tables of a good run into artifacts/<run>; drop a failed one's.

    ``out_dir`` is this batch's own staging folder: what is replaced or removed here was
    made by this run (or by an earlier attempt of it whose worker died)."""
    staged = Path(run.parameters["output_dir"]) if run.parameters.get("output_dir") else None
    final = out_dir / "artifacts" / run.run_id
    if not ok:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
        return None
    if staged is not None and staged.is_dir():
        _replace_dir(staged, final)
        return final.relative_to(out_dir).as_posix()
    return None


def _read_staged(staged: Path) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The executed notebook, or why it cannot be read (a disk that filled up leaves a
    truncated file: say so, not "NotJSONError")."""
    if not staged.exists():
        return None, None
    try:
        return nbformat.read(staged, as_version=4), None
    except OSError as exc:
        return None, f"{type(exc).__name__}: {os_message(exc, 'read')}"
    except Exception as exc:  # noqa: BLE001 - nbformat raises its own JSON/validation errors
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return None, both("output.notebook_unreadable", reason=reason[:300])


def execute_run(run: Run, out_dir: Path, timeout: int = DEFAULT_TIMEOUT,
                facts: dict | None = None) -> dict:
    """Run one notebook into ``out_dir`` (a set's staging folder); returns its manifest
    entry (status ok or failed, ``files``: every file it wrote, relative to ``out_dir``).
    A disk error while writing the outputs fails this run with what happened."""
    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    entry: dict = run.as_dict() | {"title": page_title(run), "started": started.isoformat()}
    staged = out_dir / WORK / f"{run.run_id}.ipynb"
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.unlink(missing_ok=True)  # an earlier attempt of this run in this staging folder
    if run.parameters.get("output_dir"):
        shutil.rmtree(run.parameters["output_dir"], ignore_errors=True)
    error, trace, attempts, executed = _papermill(run, staged, timeout)
    entry |= {"attempts": attempts}
    if trace:
        entry["traceback"] = trace
    if isinstance(executed, nbformat.NotebookNode):  # what papermill just wrote, still in hand
        notebook, unreadable = executed, None
    else:
        notebook, unreadable = _read_staged(staged)
    error = error or unreadable  # a failed run's own error says more than its torn notebook
    entry["figures"] = read_recorded(notebook) if notebook is not None else {}
    ended = datetime.now(timezone.utc).isoformat()
    try:
        outputs = _write_outputs(run, out_dir, entry, notebook, staged, error, facts or {}, ended)
        if not error and notebook is not None:  # Word and Excel (batch.render), from what the notebook recorded
            rendered, error = render_documents(run, notebook, out_dir, facts or {}, entry, ended)
            outputs |= rendered
    except OSError as exc:  # e.g. the disk filled up while writing this report
        error = f"{error}; {describe(exc)}" if error else describe(exc)
        outputs = {}
        for folder in ("reports", "failed"):  # half-written outputs of this run, in this stage
            for suffix in (".html", ".ipynb", ".docx", ".xlsx"):
                (out_dir / folder / f"{run.run_id}{suffix}").unlink(missing_ok=True)
        _publish_artifacts(run, out_dir, ok=False)
    files = [path for key, path in outputs.items() if key != "artifacts"]
    if outputs.get("artifacts"):
        folder = out_dir / outputs["artifacts"]
        files += sorted(p.relative_to(out_dir).as_posix() for p in folder.rglob("*") if p.is_file())
    files = list(dict.fromkeys(files))  # report.json is an output and an artifact
    return entry | {
        "status": "failed" if error else "ok",
        "error": error,
        "outputs": outputs,
        "files": files,
        "ended": ended,
        "seconds": round(time.perf_counter() - clock, 2),
    }


def _write_outputs(run: Run, out_dir: Path, entry: dict, notebook, staged: Path, error: str | None,
                   facts: dict, ended: str) -> dict:
    """The report's HTML and notebook (into reports/, or failed/ with the error on top),
    and its figures and tables; the outputs dict (paths relative to ``out_dir``)."""
    target = out_dir / ("failed" if error else "reports")
    outputs: dict = {}
    if notebook is not None:
        if error:
            mark_failure(notebook, error)
            nbformat.write(notebook, staged)
        if error or wants(facts, "html"):  # a failed run always gets its page
            html = export_html(with_footer(notebook, entry, facts, ended), entry["title"])
            atomic_write(target / f"{run.run_id}.html", html)
            outputs["html"] = f"{target.name}/{run.run_id}.html"
        target.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target / f"{run.run_id}.ipynb")
        outputs = {"ipynb": f"{target.name}/{run.run_id}.ipynb"} | outputs
    if not error:  # an earlier attempt's failure in this staging folder
        for suffix in (".ipynb", ".html"):
            (out_dir / "failed" / f"{run.run_id}{suffix}").unlink(missing_ok=True)
    artifacts = _publish_artifacts(run, out_dir, ok=not error)
    if artifacts:
        outputs["artifacts"] = artifacts
    return outputs
