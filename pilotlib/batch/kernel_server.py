"""The template process of warm kernels: imports once, forks a fresh kernel per report.

A report kernel spends most of its start importing (IPython, pandas, matplotlib,
seaborn, pilotlib: ~2 s of CPU per run). This process imports all of that once, then,
for every run, ``fork()``s: the child becomes an ordinary ipykernel (the same
``IPKernelApp`` that ``python -m ipykernel_launcher`` runs, with the kernel manager's
command-line arguments, working directory and environment) in a process of its own.
Nothing of one report reaches another: every kernel is a new copy of this template,
which itself never runs notebook code, so a variable, an import a notebook makes or a
changed setting dies with its kernel.

What is prepared here is exactly what a fresh kernel would do the same way: modules
imported, nothing configured. The matplotlib backend is chosen from MPLBACKEND as
ipykernel does at start (matplotlib reads it when imported) and the inline backend
module itself is left for the kernel to import, since it hooks into the shell it finds.

Protocol (one request per connection on a Unix socket; this process handles them one at
a time — a fork takes milliseconds): the client sends one JSON line ``{"argv": [...],
"cwd": ..., "env": {...}}`` and reads back ``{"pid": N}`` or ``{"error": "..."}``.
The process reaps its children, and exits when its standard input closes (the batch
ended or its runner died), killing any kernel still running.

Run as ``python -c "from pilotlib.batch.kernel_server import main; main()" SOCKET``
(``batch.kernels`` starts and stops it; it knows this process is ready when the socket
accepts a connection — standard output stays the runner's, which kernels inherit).
"""
from __future__ import annotations

import atexit
import importlib
import importlib.util
import json
import os
import select
import shutil
import signal
import socket
import sys
import traceback

# Imported once here instead of in every kernel (what report notebooks import).
PRELOAD = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython.core.pylabtools",
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib.figure", "seaborn", "PIL.Image",
    "pilotlib.report.context", "pilotlib.report.present", "pilotlib.report.sections", "pilotlib.report.recording",
)
# Environment variables read while those modules are imported: a kernel asked for with
# other values than this process had is refused (the client then starts it the usual way).
IMPORT_ENV = ("MPLBACKEND", "MPLCONFIGDIR", "PYTHONPATH", "PYTHONHASHSEED", "PYTHONUTF8", "LANG", "LC_ALL",
              "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
INLINE = "module://matplotlib_inline.backend_inline"


def _preload() -> None:
    if not os.environ.get("MPLBACKEND"):  # what IPKernelApp.init_gui_pylab does first
        os.environ["MPLBACKEND"] = INLINE
    for name in PRELOAD:
        importlib.import_module(name)
    # The inline backend registers itself with the shell it finds when imported: there is
    # none here, so it must be imported in the kernel, as usual.
    assert "matplotlib_inline.backend_inline" not in sys.modules, "inline backend imported before fork"


def _start_kernel(request: dict, listener: socket.socket, conn: socket.socket, startup_env: dict) -> None:
    """In the child: become the kernel the request describes; never returns."""
    code = 1
    try:
        listener.close()
        conn.close()
        os.setsid()  # its own process group, as jupyter_client launches kernels
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in any new process
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        for key in IMPORT_ENV:  # as they were when the modules were imported (checked equal)
            if key in startup_env:
                os.environ[key] = startup_env[key]
        # The kernel leaves when this process does (IPKernelApp read JPY_PARENT_PID when it
        # was imported, here, without one: it is given as an argument instead).
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        argv = [*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        launcher = importlib.util.find_spec("ipykernel_launcher")
        sys.argv = [launcher.origin if launcher else "ipykernel_launcher", *argv]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:  # noqa: BLE001 - said on stderr, like a kernel that fails to start
        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _refusal(request: dict, startup_env: dict) -> str | None:
    env = request.get("env") or {}
    for key in IMPORT_ENV:
        if key == "MPLBACKEND":
            wanted = env.get(key) or INLINE
        else:
            wanted = env.get(key)
        if wanted != startup_env.get(key):
            return f"{key} differs from the template's"
    if not os.path.isdir(request.get("cwd") or ""):
        return "no working directory"
    return None


def _reap(children: set[int]) -> None:
    while children:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def _serve(conn: socket.socket, listener: socket.socket, children: set[int], startup_env: dict) -> None:
    data = b""
    conn.settimeout(10)
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    request = json.loads(data)
    refused = _refusal(request, startup_env)
    if refused:
        conn.sendall((json.dumps({"error": refused}) + "\n").encode())
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _start_kernel(request, listener, conn, startup_env)
    children.add(pid)
    conn.sendall((json.dumps({"pid": pid}) + "\n").encode())


def main(argv: list[str] | None = None) -> None:
    path = (argv or sys.argv[1:])[0]
    if sys.path and sys.path[0] in ("", os.getcwd()):  # as ipykernel_launcher: not the caller's folder
        del sys.path[0]
    _preload()
    startup_env = {key: os.environ[key] for key in IMPORT_ENV if key in os.environ}
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the runner; it closes our stdin
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    children: set[int] = set()
    try:
        while True:
            ready, _, _ = select.select([listener, sys.stdin], [], [], 0.5)
            _reap(children)
            if sys.stdin in ready and not os.read(sys.stdin.fileno(), 4096):
                break  # the runner closed our stdin (or died)
            if listener in ready:
                conn, _ = listener.accept()
                with conn:
                    try:
                        _serve(conn, listener, children, startup_env)
                    except (OSError, ValueError, KeyError) as exc:
                        print(f"pilotlib kernel template: {exc}", file=sys.stderr, flush=True)
    finally:
        listener.close()
        for pid in list(children):  # a kernel nobody shut down: not left behind
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap(children)
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)  # the folder made for the socket
