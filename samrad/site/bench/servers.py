"""Start, stop and kill the server under test; run `samrad` commands in its environment.

Every process the benchmark starts gets the same environment (database, Redis, var directory,
secret key), so a participant token minted by one is accepted by the others.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from samrad.core.management.commands.serve import raise_open_file_limit  # noqa: F401

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(*, var_dir: Path, database_url: str, redis_url: str, prefix: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SAMRAD_REDIS_PREFIX"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SAMRAD_VAR_DIR=str(var_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
        SAMRAD_REDIS_PREFIX=prefix,
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    """Run `samrad <args>` in the benchmark's environment; return its standard output."""
    result = subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [*MANAGE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"samrad {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


@dataclass
class Server:
    """One server (a `samrad serve` or a uvicorn with the no-op app), as a process group."""

    command: list[str]
    env: dict
    port: int
    log: Path
    process: subprocess.Popen | None = None
    starts: list[float] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, timeout: float = 60) -> "Server":
        with self.log.open("a") as log_file:
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill -9 takes the workers too
            )
        self.starts.append(time.monotonic())
        self.wait_until_it_answers(timeout)
        return self

    def wait_until_it_answers(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._started().poll() is not None:
                raise RuntimeError(f"server exited early; see {self.log}:\n{self.log.read_text()}")
            try:
                httpx.get(f"{self.url}/api/v1/openapi.json", timeout=1, trust_env=False)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not answer within {timeout} s; see {self.log}")

    def kill(self) -> None:
        """`kill -9` the whole process group: no graceful shutdown, as in a crash."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def rss_kb(self) -> int:
        """Resident memory of the server and all its descendants (uvicorn workers), in KiB."""
        return sum(_rss_kb(pid) for pid in _tree(self._started().pid))

    def pids(self) -> list[int]:
        return _tree(self._started().pid)

    def cpu_s(self) -> float:
        """CPU time (user + system) the server and its workers have used so far, in seconds.
        On a shared machine this, not wall time, is the server's cost of what it did."""
        return sum(_cpu_s(pid) for pid in _tree(self._started().pid))

    def _started(self) -> subprocess.Popen:
        if self.process is None:
            raise RuntimeError("the server has not been started")
        return self.process


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def uvicorn_options(*, workers: int, ws: str, http: str, loop: str) -> list[str]:
    return ["--workers", str(workers), "--ws", ws, "--http", http, "--loop", loop]


def samrad_server(env: dict, *, var_dir: Path, workers: int, ws: str, http: str, loop: str):
    port = free_port()
    command = [
        *MANAGE,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *uvicorn_options(workers=workers, ws=ws, http=http, loop=loop),
    ]
    return Server(command=command, env=env, port=port, log=var_dir / "server.log")


def noop_server(env: dict, *, var_dir: Path, workers: int, ws: str, http: str, loop: str):
    port = free_port()
    command = [
        PYTHON,
        "-m",
        "samrad.site.bench.noop",
        "--port",
        str(port),
        *uvicorn_options(workers=workers, ws=ws, http=http, loop=loop),
    ]
    return Server(command=command, env=env, port=port, log=var_dir / "noop.log")
