"""The background task worker that `samrad serve` runs beside uvicorn, so that `make run` needs
no second command (docs/architecture/report.md).

The worker is django-tasks-db's own `db_worker` command in a child process: a report renders
for seconds with WeasyPrint and matplotlib, and in a process of its own it takes neither the
event loop nor the GIL from the phones and projectors. A supervisor thread starts it, starts it
again if it exits (after `RESTART_DELAY`: e.g. while the database is still being migrated), and
stops it when the server stops. Deployments with several servers run it once, elsewhere:
`SAMRAD_TASK_WORKER=0 samrad serve …` and `samrad db_worker` (docs/operations.md).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

logger = logging.getLogger(__name__)

RESTART_DELAY = 2.0
COMMAND = [
    sys.executable,
    "-m",
    "samrad.cli",
    "db_worker",
    "--no-reload",
    "--no-startup-delay",
    "--interval",
    "1",
    "--verbosity",
    "0",
]


class TaskWorker:
    def __init__(self, command: list[str] | None = None):
        self.command = command or COMMAND
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
