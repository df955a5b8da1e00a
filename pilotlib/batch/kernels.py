"""Warm kernels: one fresh kernel process per report, started from a template that has
already imported what reports use (``batch.kernel_server``).

Starting a report kernel the usual way costs ~1 s before it answers and ~2 s more of
imports in its first cells; across a batch that is most of the difference between
notebooks and plain Python. Here the batch starts one template process, which imports
IPython, pandas, matplotlib, seaborn and pilotlib once; each run's kernel is a ``fork()``
of it — a new process, so nothing one report defines is visible to the next — that
becomes an ordinary ipykernel with the arguments, working directory and environment
jupyter_client gives it.

jupyter_client's kernel manager drives such a kernel through ``ForkProvisioner`` (signals
to its process group, liveness through a pidfd); nbclient runs the notebook in it and
shuts it down at the end (``WarmEngine``: papermill's engine, except that a kernel
manager given by the caller is cleaned up as if nbclient owned it). Whenever the template
cannot serve a request — another kernel than ipykernel, another Python, other import-time
settings, the template gone — the kernel is started the usual way, so a run never fails
for want of a warm kernel.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE = "pilotlib-warm"
LAUNCHER = ["-m", "ipykernel_launcher"]
START_WAIT = 120.0  # seconds a spawn waits for the template to finish importing (a busy machine)
SERVER_CODE = "from pilotlib.batch.kernel_server import main; main()"


@dataclass(frozen=True)
class TemplateAddress:
    """Where to ask for kernels: the template's socket and the Python it runs."""

    socket: str
    python: str
    pid: int  # the template's: a spawn stops waiting when it is gone


def kernel_python(kernel_name: str) -> str | None:
    """The interpreter of an ipykernel kernelspec (``python -m ipykernel_launcher``), else None."""
    try:
        argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    except (NoSuchKernel, OSError, ValueError):
        return None
    if len(argv) < 3 or argv[1:3] != LAUNCHER:
        return None
    # jupyter_client runs "python"/"python3" as this interpreter (KernelManager.format_kernel_cmd)
    python = sys.executable if argv[0] in ("python", f"python{sys.version_info[0]}") else \
        shutil.which(argv[0]) or argv[0]
    return os.path.abspath(python) if os.path.isfile(python) else None  # not realpath: a venv's python is a link


class _Template:
    """One template process (``batch.kernel_server``), a child of this process: it ends
    when this process closes its stdin — or ends itself, however it ends."""

    def __init__(self, python: str, key: tuple) -> None:
        self.python, self.key, self.owner = python, key, os.getpid()
        self.folder = tempfile.mkdtemp(prefix="pilotlib-kernels-")  # removed by the template when it ends
        self.socket = os.path.join(self.folder, "template.sock")
        # stdout/stderr stay this process's (kernels inherit them, as launched kernels do)
        self.process = subprocess.Popen([python, "-c", SERVER_CODE, self.socket], stdin=subprocess.PIPE,
                                        cwd=self.folder, close_fds=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_TEMPLATE: _Template | None = None
_LOCK = threading.Lock()
_FAILED: set[tuple] = set()  # keys whose template ended by itself: not started again


def _forget_in_child() -> None:
    """A forked child (a worker process) has no template of its own: it closes its copy of
    the parent's pipe, so the parent's template still ends when the parent closes it."""
    global _TEMPLATE, _LOCK
    if _TEMPLATE is not None:
        try:
            _TEMPLATE.process.stdin.close()
        except OSError:
            pass
    _TEMPLATE, _LOCK = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


def _key(python: str) -> tuple:
    """What the template's imports depend on: the interpreter, the import-time settings and
    pilotlib's code (a long-lived worker whose code changed gets a new template)."""
    from pilotlib.batch.cache import code_fingerprint
    from pilotlib.batch.kernel_server import IMPORT_ENV

    return (python, tuple(os.environ.get(k) for k in IMPORT_ENV), code_fingerprint())


def template(python: str) -> TemplateAddress | None:
    """The address of this process's template for ``python``, started on first use."""
    global _TEMPLATE
    if os.name != "posix" or not hasattr(os, "fork") or not warm_enabled():
        return None
    with _LOCK:
        key = _key(python)
        if key in _FAILED:
            return None
        if _TEMPLATE is not None and _TEMPLATE.owner != os.getpid():
            _TEMPLATE = None  # the parent's (a forked worker that was not told)
        if _TEMPLATE is not None and (_TEMPLATE.key != key or not _TEMPLATE.alive()):
            if not _TEMPLATE.alive():
                _FAILED.add(_TEMPLATE.key)
            _TEMPLATE.close()
            _TEMPLATE = None
            if key in _FAILED:
                return None
        if _TEMPLATE is None:
            candidate = os.path.join(tempfile.gettempdir(), "pilotlib-kernels-xxxxxxxx", "template.sock")
            if len(candidate) > 100:  # AF_UNIX paths are limited to ~104 bytes
                return None
            _TEMPLATE = _Template(python, key)
            atexit.register(_TEMPLATE.close)
        return TemplateAddress(_TEMPLATE.socket, python, _TEMPLATE.process.pid)


def spawn(address: TemplateAddress, argv: list[str], cwd: str, env: dict, wait: float = START_WAIT) -> int | None:
    """Ask the template for a kernel; its pid, or None when it cannot give one."""
    deadline = time.monotonic() + wait
    request = (json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n").encode()
    while True:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.settimeout(30)
                conn.connect(address.socket)
                conn.sendall(request)
                reply = b""
                while not reply.endswith(b"\n"):
                    chunk = conn.recv(4096)
                    if not chunk:
                        return None
                    reply += chunk
            return json.loads(reply).get("pid")
        except (FileNotFoundError, ConnectionRefusedError):  # still importing
            if time.monotonic() > deadline or not _running(address.pid):
                return None
            time.sleep(0.05)
        except (OSError, ValueError):
            return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of this process has ended
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return done == 0


class ForkProvisioner(LocalProvisioner):
    """A LocalProvisioner whose kernel is forked from the template when it can be."""

    python: str | None = None
    forked: int | None = None
    _pidfd: int | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        try:
            address = template(self.python) if self.python else None
        except Exception:  # noqa: BLE001 - no warm kernel: this one starts the usual way
            address = None
        if address and len(cmd) > 3 and cmd[1:3] == LAUNCHER and os.path.abspath(cmd[0]) == address.python:
            cwd = str(kwargs.get("cwd") or os.getcwd())
            pid = spawn(address, cmd[3:], cwd, dict(kwargs.get("env") or os.environ))
            if pid:
                self.forked = self.pid = self.pgid = pid
                try:
                    self._pidfd = os.pidfd_open(pid)
                except (AttributeError, OSError):
                    self._pidfd = None
                self.cwd = cwd
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)

    @property
    def has_process(self) -> bool:
        return self.forked is not None or super().has_process

    def _exited(self) -> bool:
        if self._pidfd is not None:
            readable, _, _ = select.select([self._pidfd], [], [], 0)
            return bool(readable)
        try:
            os.kill(self.forked, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    async def poll(self) -> int | None:
        if self.forked is None:
            return await super().poll()
        return 0 if self._exited() else None

    async def wait(self) -> int | None:
        if self.forked is None:
            return await super().wait()
        import asyncio

        while not self._exited():
            await asyncio.sleep(0.05)
        self._release()
        return 0

    async def send_signal(self, signum: int) -> None:
        if self.forked is None:
            return await super().send_signal(signum)
        try:
            os.killpg(self.forked, signum)
        except ProcessLookupError:
            pass

    async def kill(self, restart: bool = False) -> None:
        if self.forked is None:
            return await super().kill(restart)
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        if self.forked is None:
            return await super().terminate(restart)
        await self.send_signal(signal.SIGTERM)

    async def cleanup(self, restart: bool = False) -> None:
        self._release()
        await super().cleanup(restart)

    def _release(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
        self.forked = None


def kernel_manager(kernel_name: str, config) -> AsyncKernelManager | None:
    """A kernel manager whose kernel will be forked from this process's template (started
    when the kernel is); None where warm kernels are off or impossible."""
    if not warm_enabled() or os.name != "posix":
        return None
    python = kernel_python(kernel_name)
    if python is None:
        return None
    manager = AsyncKernelManager(kernel_name=kernel_name, config=config)
    manager.kernel_id = str(uuid.uuid4())
    provisioner = ForkProvisioner(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec, parent=manager)
    provisioner.python = python
    manager.provisioner = provisioner
    return manager


class _FewSaves(NotebookExecutionManager):
    """papermill's execution record, written when the run starts and when it ends (also
    after a dead kernel or a timeout) and every 30 s of a long cell — not twice per cell:
    nothing reads the file in between, and each write validates the whole notebook."""

    _quiet = False

    def save(self, **kwargs):
        if self._quiet:
            return None
        return super().save(**kwargs)

    def cell_start(self, cell, cell_index=None, **kwargs):
        self._quiet = True
        try:
            return super().cell_start(cell, cell_index, **kwargs)
        finally:
            self._quiet = False

    def cell_complete(self, cell, cell_index=None, **kwargs):
        self._quiet = True
        try:
            return super().cell_complete(cell, cell_index, **kwargs)
        finally:
            self._quiet = False


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine with fewer writes (``_FewSaves``); a kernel manager
    given by the caller is shut down and its channels closed at the end, exactly as when
    nbclient makes its own."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        manager = _FewSaves(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                            autosave_cell_every=autosave_cell_every)
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
        from papermill.engines import logger
        from papermill.utils import merge_kwargs, remove_args

        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs, timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout, kernel_name=kernel_name, log=logger, log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file)
        return PapermillNotebookClient(nb_man, **final_kwargs).execute(cleanup_kc=True)


papermill_engines.register(ENGINE, WarmEngine)


def warm_enabled() -> bool:
    """$PILOTLIB_WARM_KERNELS=0 starts every kernel the usual way (comparisons, debugging)."""
    return os.environ.get("PILOTLIB_WARM_KERNELS", "1").strip().lower() not in ("0", "no", "false", "off")
