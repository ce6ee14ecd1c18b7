"""Staging a SIGTERM while slow requests (logins) are in flight, and what came of it.

Logins are the slow requests: argon2 at a real cost (a login takes 0.3 s or more) keeps
them in flight, hashing, when the signal comes. The signal is sent once the server has
read every request (nothing left unread on its side of the connections, says the kernel).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ..generated_project import GeneratedProject, LiveServer
from ..live_server import start_server
from ..processes import unread_bytes
from ..project_env import LOGIN_MAX_FAILURES, OUTPUT_TAIL

SLOW_ARGON2 = {"SECURITY__ARGON2_TIME_COST": "6", "SECURITY__ARGON2_MEMORY_KIB": "131072"}
MIN_LOGIN_SECONDS = 0.3
IN_FLIGHT = 4
GRACEFUL_TIMEOUT = 7  # the generated default, `server.graceful_timeout`
# Past the graceful timeout: uvicorn's ticks, the lifespan shutdown, and at most 2 s
# (EXIT_TIMEOUT in the generated server.py) for threads still busy, say hashing.
EXIT_MARGIN = 3.0
LOGIN = "/api/v1/auth/login"


class Logins:
    """Logins started at once, each on a connection of its own; returns once all are sent."""

    def __init__(self, server: LiveServer, count: int) -> None:
        self._server = server
        self._sent = threading.Semaphore(0)
        self.answers: list[tuple[int | None, float]] = []  # (status or None if cut, arrival)
        self._threads = [threading.Thread(target=self._login) for _ in range(count)]
        for thread in self._threads:
            thread.start()
        for _ in self._threads:
            assert self._sent.acquire(timeout=30), "a login could not be sent"

    def _login(self) -> None:
        def trace(event: str, _info: object) -> None:
            if event == "http11.send_request_body.complete":
                self._sent.release()

        credentials = {"email": self._server.admin_email, "password": self._server.admin_secret}
        with httpx.Client(base_url=self._server.base_url, timeout=60, trust_env=False) as client:
            try:
                response = client.post(LOGIN, json=credentials, extensions={"trace": trace})
                status: int | None = response.status_code
            except httpx.TransportError:
                status = None
        self.answers.append((status, time.monotonic()))

    def finish(self) -> list[tuple[int | None, float]]:
        for thread in self._threads:
            thread.join(timeout=60)
        return sorted(self.answers, key=lambda answer: answer[1])


def wait_until_read(port: int, connections: int) -> None:
    deadline = time.monotonic() + 10
    while len(queues := unread_bytes(port)) < connections or any(queues):
        if time.monotonic() > deadline:
            pytest.fail(f"the server did not read its requests in 10s: {queues}")
        time.sleep(0.005)


def seconds_until_refused(port: int, since: float, timeout: float) -> float | None:
    """Open new connections until one is refused: how long after `since` that was."""
    while time.monotonic() < since + timeout:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except ConnectionRefusedError:
            return time.monotonic() - since
        time.sleep(0.01)
    return None


@dataclass(frozen=True)
class Shutdown:
    answers: list[tuple[int | None, float]]  # arrival times in seconds after the SIGTERM
    refused_after: float | None
    exit_code: int | None  # None: still running at the bound (then killed)
    exit_after: float
    log: str  # the server's whole output

    @property
    def log_tail(self) -> str:
        return self.log[-OUTPUT_TAIL:]

    def report(self, label: str) -> str:
        statuses = [status for status, _ in self.answers]
        last = max(arrival for _, arrival in self.answers)
        refused = "never" if self.refused_after is None else f"{self.refused_after:.2f}s"
        return (
            f"\n  shutdown, {label}: SIGTERM -> exit {self.exit_after:.2f}s (code"
            f" {self.exit_code}); in flight {statuses}, last answered after {last:.2f}s;"
            f" new connections refused after {refused}"
        )


def sigterm_during_logins(
    project: GeneratedProject,
    workdir: Path,
    *,
    logins: int = IN_FLIGHT,
    graceful_timeout: int = GRACEFUL_TIMEOUT,
    serve_args: tuple[str, ...] = (),
) -> Shutdown:
    # The login throttle counts logins in flight, so the burst must fit in its limit
    limit = {"SECURITY__LOGIN_MAX_FAILURES": str(max(logins, LOGIN_MAX_FAILURES))}
    env = {**SLOW_ARGON2, **limit, "SERVER__GRACEFUL_TIMEOUT": str(graceful_timeout)}
    bound = graceful_timeout + EXIT_MARGIN
    with start_server(project, workdir, env, serve_args) as (server, process):
        port = int(server.base_url.rsplit(":", 1)[1])
        assert login_seconds(server) >= MIN_LOGIN_SECONDS, "argon2 too cheap for this test"
        in_flight = Logins(server, logins)
        wait_until_read(port, logins)
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        refused_after = seconds_until_refused(port, signalled, timeout=bound)
        try:
            exit_code: int | None = process.wait(timeout=signalled + bound - time.monotonic())
        except subprocess.TimeoutExpired:
            exit_code = None
        exit_after = time.monotonic() - signalled
        answers = [(status, arrival - signalled) for status, arrival in in_flight.finish()]
    return Shutdown(answers, refused_after, exit_code, exit_after, server.log_path.read_text())


def login_seconds(server: LiveServer) -> float:
    """The quicker of two logins (the first also warms the server up)."""
    credentials = {"email": server.admin_email, "password": server.admin_secret}
    timings = []
    with httpx.Client(base_url=server.base_url, timeout=30, trust_env=False) as client:
        for _ in range(2):
            started = time.monotonic()
            assert client.post(LOGIN, json=credentials).status_code == 200
            timings.append(time.monotonic() - started)
    return min(timings)
