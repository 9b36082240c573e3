"""The background task worker that `samrad serve` runs beside uvicorn, so that `make run` needs
no second command (docs/architecture/report.md).

The worker is django-tasks-db's own `db_worker` command in a child process: a report renders
for seconds with WeasyPrint and matplotlib, and in a process of its own it takes neither the
event loop nor the GIL from the phones and projectors. A supervisor thread starts it, starts it
again if it exits (after `RESTART_DELAY`: e.g. while the database is still being migrated), and
stops it when the server stops; the child also stops by itself when the server is gone
(`exit_with_parent`). Deployments with several servers run it once, elsewhere:
`SAMRAD_TASK_WORKER=0 samrad serve …` and `samrad db_worker` (docs/operations.md).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time

logger = logging.getLogger(__name__)

RESTART_DELAY = 2.0
WORKER_ARGS = [
    "db_worker",
    "--no-reload",
    "--no-startup-delay",
    "--interval",
    "1",
    "--verbosity",
    "0",
]


def worker_command() -> list[str]:
    """`samrad db_worker …` in a child that stops when this process is gone."""
    return [sys.executable, "-m", "samrad.core.taskworker", str(os.getpid()), *WORKER_ARGS]


def exit_with_parent(parent: int, interval: float = 1.0) -> threading.Thread:
    """Stop this process (SIGTERM: the worker finishes its task, then exits) once `parent`
    is no longer its parent. uvicorn ends `samrad serve` on SIGTERM by raising the signal
    again after its shutdown, so the server's own clean-up may never run; and a server
    killed hard runs none at all. The worker notices it was orphaned either way."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread


def main() -> None:
    """`python -m samrad.core.taskworker PARENT_PID COMMAND…`: a `samrad` command that stops
    when PARENT_PID is gone."""
    exit_with_parent(int(sys.argv[1]))
    from samrad.cli import main as samrad

    sys.argv = ["samrad", *sys.argv[2:]]
    samrad()


class TaskWorker:
    def __init__(self, command: list[str] | None = None):
        self.command = command or worker_command()
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._supervise, name="task-worker", daemon=True)
        self.starts = 0

    def start(self) -> TaskWorker:
        self.thread.start()
        return self

    def _supervise(self) -> None:
        while not self.stopping.is_set():
            self.process = subprocess.Popen(self.command)  # noqa: S603 (our own interpreter)
            self.starts += 1
            code = self.process.wait()
            if self.stopping.wait(RESTART_DELAY):
                return
            logger.warning("The task worker exited (%s); starting it again.", code)

    def stop(self, timeout: float = 10) -> None:
        self.stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.thread.join(timeout=timeout)


if __name__ == "__main__":
    main()
