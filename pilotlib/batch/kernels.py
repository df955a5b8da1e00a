"""Warm kernels: one fresh kernel process per report, started from a template that has
already imported what reports use (``batch.kernel_server``).

Starting a report kernel the usual way costs ~1 s before it answers and ~2 s more of
imports in its first cells; across a batch that is most of the difference between
notebooks and plain Python. Here the batch starts one template process, which imports
IPython, pandas, matplotlib, seaborn and pilotlib once; each run's kernel is a ``fork()``
of it — a new process, so nothing one report defines is visible to the next — that
becomes an ordinary ipykernel with the arguments, working directory and environment
jupyter_client gives it.

This module runs the template (started early by a batch, shared by the worker processes
it forks, ended with the batch) and asks it for kernels; ``batch.kernel_engine`` is the
jupyter_client and papermill side (imported only where notebooks run). Whenever the
template cannot serve a request — another kernel than ipykernel, another Python, other
import-time settings, the template gone — the kernel is started the usual way, so a run
never fails for want of a warm kernel.
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

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
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

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
    """One template process (``batch.kernel_server``), a child of the process that started
    it (its owner): it ends when the owner closes its stdin — or dies, however it dies.
    Worker processes forked from the owner use it too (borrowed, never closed by them)."""

    def __init__(self, python: str, key: tuple) -> None:
        self.python, self.key, self.owner = python, key, os.getpid()
        self.folder = tempfile.mkdtemp(prefix="pilotlib-kernels-")  # removed by the template when it ends
        self.socket = os.path.join(self.folder, "template.sock")
        # stdout/stderr stay this process's (kernels inherit them, as launched kernels do)
        self.process = subprocess.Popen([python, "-c", SERVER_CODE, self.socket], stdin=subprocess.PIPE,
                                        cwd=self.folder, close_fds=True)

    @property
    def address(self) -> TemplateAddress:
        return TemplateAddress(self.socket, self.python, self.process.pid)

    def alive(self) -> bool:
        if self.owner == os.getpid():
            return self.process.poll() is None
        return _running(self.process.pid)

    def close(self) -> None:
        """End it: its stdin closed (it kills what kernels it still has and leaves); one that
        is still importing, or slow to leave, is killed."""
        if self.owner != os.getpid():
            return
        try:
            self.process.stdin.close()
            self.process.wait(timeout=1)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_TEMPLATE: _Template | None = None
_LOCK = threading.Lock()
_FAILED: set[tuple] = set()  # keys whose template ended by itself: not started again


def _borrow_in_child() -> None:
    """In a forked child (a worker process): the parent's template is borrowed, and the
    child's copy of its pipe closed, so that it still ends when the parent closes it."""
    global _LOCK
    if _TEMPLATE is not None and _TEMPLATE.owner != os.getpid():
        try:
            _TEMPLATE.process.stdin.close()
        except OSError:
            pass
    _LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_borrow_in_child)


def _key(python: str) -> tuple:
    """What the template's imports depend on: the interpreter, the import-time settings and
    pilotlib's code (a long-lived worker whose code changed gets a new template)."""
    from pilotlib.batch.cache import code_fingerprint
    from pilotlib.batch.kernel_server import IMPORT_ENV

    return (python, tuple(os.environ.get(k) for k in IMPORT_ENV), code_fingerprint())


def _possible() -> bool:
    if os.name != "posix" or not hasattr(os, "fork") or not warm_enabled():
        return False
    candidate = os.path.join(tempfile.gettempdir(), "pilotlib-kernels-xxxxxxxx", "template.sock")
    return len(candidate) <= 100  # AF_UNIX paths are limited to ~104 bytes


def template(python: str) -> TemplateAddress | None:
    """The address of the template for ``python``: this process's or its parent's, else
    one started now (owned by this process, closed when it exits)."""
    global _TEMPLATE
    if not _possible():
        return None
    with _LOCK:
        key = _key(python)
        if key in _FAILED:
            return None
        if _TEMPLATE is not None and (_TEMPLATE.key != key or not _TEMPLATE.alive()):
            if not _TEMPLATE.alive():
                _FAILED.add(_TEMPLATE.key)
            _TEMPLATE.close()
            _TEMPLATE = None
            if key in _FAILED:
                return None
        if _TEMPLATE is None:
            _TEMPLATE = _Template(python, key)
            atexit.register(_TEMPLATE.close)
        return _TEMPLATE.address


def start_template(kernel_name: str = "python3") -> None:
    """Start this process's template now, while other work goes on (a batch starts it before
    it loads the data: the imports overlap), for the worker processes it forks to use."""
    python = kernel_python(kernel_name) if _possible() else None
    if python is not None:
        try:
            template(python)
        except Exception:  # noqa: BLE001 - no warm kernels: each starts the usual way
            pass


def close_template() -> None:
    """End this process's own template, if it has one (a dask worker once a batch ends)."""
    global _TEMPLATE
    with _LOCK:
        if _TEMPLATE is not None and _TEMPLATE.owner == os.getpid():
            _TEMPLATE.close()
            _TEMPLATE = None


def closing_template(function):
    """Decorator: a template started while ``function`` ran is closed when it returns."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        global _TEMPLATE
        before = _TEMPLATE
        try:
            return function(*args, **kwargs)
        finally:
            with _LOCK:
                if _TEMPLATE is not None and _TEMPLATE is not before and _TEMPLATE.owner == os.getpid():
                    _TEMPLATE.close()
                    _TEMPLATE = None

    return wrapper


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


def warm_enabled() -> bool:
    """$PILOTLIB_WARM_KERNELS=0 starts every kernel the usual way (comparisons, debugging)."""
    return os.environ.get("PILOTLIB_WARM_KERNELS", "1").strip().lower() not in ("0", "no", "false", "off")
