"""The jupyter_client and papermill side of warm kernels (``batch.kernels``).

jupyter_client's kernel manager drives a forked kernel through ``ForkProvisioner``
(signals to its process group, liveness through a pidfd); nbclient runs the notebook in
it and shuts it down at the end (``WarmEngine``: papermill's engine, except that a
kernel manager given by the caller is cleaned up as if nbclient owned it, and the
notebook is written when the run starts and ends rather than twice per cell).
"""
from __future__ import annotations

import os
import select
import signal
import uuid

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

from pilotlib.batch.kernels import ENGINE, LAUNCHER, kernel_python, spawn, template, warm_enabled


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
