"""Servers under test, pinned to core 0, and the resident memory of their one worker."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

from tests.processes import free_port, stop
from tests.project_env import clean_environment

from .load import pin
from .project import Project

FLOOR_DIR = Path(__file__).resolve().parent
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Running:
    base_url: str
    pid: int
    ready_seconds: float


@contextmanager
def serve(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Iterator[Running]:
    """Start `command` on core 0 and wait for /health/live; stop it afterwards."""
    port = free_port()
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(
            [*pin(0), *command, "--port", str(port)], cwd=cwd, env=clean_environment(env),
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
            if time.perf_counter() - started > START_TIMEOUT:
                raise RuntimeError(f"server not live in {START_TIMEOUT}s")
            try:
                if httpx.get(f"{base_url}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        yield Running(base_url, process.pid, time.perf_counter() - started)
        if process.poll() is not None:
            raise RuntimeError(f"server died under load: {log.read_text()[-3000:]}")
    finally:
        stop(process)


def app_command(project: Project, server: str = "serve") -> list[str]:
    """The Docker CMD, with one worker and a loopback address; or the same app factory under
    granian (`--server granian`: the ASGI frameworks' alternative server, measured)."""
    if server == "granian":
        factory = f"{project.package}.main:app_factory"
        return [
            project.python, "-m", "granian", "--interface", "asgi", "--factory", factory,
            "--host", "127.0.0.1", "--port", "8000", "--workers", "1", "--loop", "uvloop",
        ]  # fmt: skip
    return [project.python, "-m", project.package, "serve", "--workers", "1", "--host", "127.0.0.1"]


def floor_command(project: Project) -> list[str]:
    """The floor app on the same uvicorn (same loop and parser) and the same interpreter."""
    return [
        project.python, "-m", "uvicorn", "floor_app:app", "--app-dir", str(FLOOR_DIR),
        "--host", "127.0.0.1", "--workers", "1", "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip


def rss_mb(pid: int) -> float:
    """Resident set size of `pid` and its descendants in MiB (0 when it is gone): granian serves
    from a child process even with one worker, so the parent alone would read as a tiny server."""
    return sum(_own_rss_kb(each) for each in _tree(pid)) / 1024


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it, from the kernel's per-thread `children` lists."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                pending.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def _own_rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1])


class RssPeak:
    """Samples a process's RSS every 100 ms while the block runs; `.peak` is the maximum."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = rss_mb(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, rss_mb(self.pid))

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb(self.pid))
