"""Servers the tests and the benchmark start: a port, a sure stop, what the kernel sees."""

from __future__ import annotations

import fcntl
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STOP_TIMEOUT = 15
ESTABLISHED = "01"  # connection state in /proc/net/tcp


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets uvicorn finish its lifespan (pools closed); SIGKILL if it hangs."""
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def unread_bytes(port: int) -> list[int]:
    """Per connection the server has on `port`, the bytes it has not read yet (Linux)."""
    queues = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == ESTABLISHED:
            queues.append(int(fields[4].split(":")[1], 16))
    return queues


def rss_kib(pid: int) -> int:
    """Resident memory of a process, as the kernel counts it (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an advisory lock on `lock_path`: of the processes asking, one at a time."""
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
