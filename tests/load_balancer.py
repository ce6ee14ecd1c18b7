"""haproxy (the Debian package) in front of replicas on 127.0.0.1, as a deployment puts a
balancer in front of its replicas: its configuration, its life, and what it says it sees.

Retries and POSTs: a retried request that had reached a server may be a write done twice.
`retry-on conn-failure` retries only when no connection to the server could be made, so the
request never left the balancer; `empty-response`, `response-timeout`, `junk-response` and
statuses are left out on purpose, since a server may have committed a write and then died
before its answer. `option redispatch 1` sends every retry to a server chosen afresh (another
one, when one has gone), and `option http-server-close` opens a connection per request, so
no request is written to an idle connection that a stopping replica is closing at that
moment: such a request fails without an answer, and no safe rule may retry it (a new
connection narrows that window but cannot close it: tests/contract/drain.py). Health checks
every 200 ms (`fall 2`) take a stopped replica out within about half a second; until then its
refused connections are retried on the other. `X-Served-By` (the server's name) is added for
the tests, which count what each replica answered.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from .processes import free_port, stop

HAPROXY = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")  # Debian's
SERVED_BY = "X-Served-By"
START_TIMEOUT = 15.0
CONFIG = """\
global
    log stdout format raw local0 info
    stats socket {socket} mode 600 level admin

defaults
    mode http
    log global
    option httplog
    timeout connect 500ms
    timeout client 30s
    timeout server 30s
    timeout check 1s
    option http-server-close
    option forwardfor
    retries 3
    option redispatch 1
    retry-on conn-failure

frontend api
    bind 127.0.0.1:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    option httpchk GET /health/ready
    http-check send hdr Host localhost
    http-check expect status 200
    http-response set-header {served_by} %[srv_name]
    default-server check inter 200ms fall 2 rise 2
{servers}
"""


def require_haproxy() -> str:
    """Its path; without it a skip that says why, or a failure in CI, which installs it."""
    if HAPROXY:
        return HAPROXY
    if os.environ.get("CI"):
        pytest.fail("haproxy is missing: CI (.ci/run) installs it for the scale-out tests")
    pytest.skip("haproxy is not installed (apt-get install haproxy): no balancer to test")


@dataclass(frozen=True)
class Balancer:
    base_url: str
    socket_path: Path
    log_path: Path

    def stats(self) -> dict[str, dict[str, str]]:
        """`show stat` of the backend's servers, by name: status, retries (wretr) and the like."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as admin:
            admin.connect(str(self.socket_path))
            admin.sendall(b"show stat\n")
            text = b"".join(iter(lambda: admin.recv(65536), b"")).decode()
        rows = csv.DictReader(text.removeprefix("# ").splitlines())
        return {row["svname"]: row for row in rows if row["pxname"] == "replicas"}

    def wait_for(self, server: str, status: str, timeout: float, field: str = "status") -> float:
        """Wait until `server` has this status (UP, DOWN; of a `field`); when that was seen."""
        deadline = time.monotonic() + timeout
        while (seen := self.stats()[server][field]) != status:
            if time.monotonic() > deadline:
                pytest.fail(
                    f"haproxy: {server}'s {field} is {seen}, not {status}, after {timeout}s"
                )
            time.sleep(0.02)
        return time.monotonic()

    def answers(self) -> bool:
        try:
            return bool(self.stats())
        except OSError:  # not listening yet
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def served_by(responses: list[httpx.Response]) -> Counter[str]:
    """How many of the responses each server answered."""
    return Counter(response.headers[SERVED_BY] for response in responses)


@contextmanager
def balance(servers: dict[str, str], workdir: Path) -> Iterator[Balancer]:
    """haproxy in the foreground before `servers` (name: base URL), once it has them all UP."""
    port = free_port()
    lines = [f"    server {name} {url.removeprefix('http://')}" for name, url in servers.items()]
    socket_path, config, log_path = (workdir / f"haproxy.{end}" for end in ("sock", "cfg", "log"))
    socket_path.unlink(missing_ok=True)
    config.write_text(
        CONFIG.format(socket=socket_path, port=port, served_by=SERVED_BY, servers="\n".join(lines))
    )
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [require_haproxy(), "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
    balancer = Balancer(f"http://127.0.0.1:{port}", socket_path, log_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not balancer.answers():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"haproxy did not start ({process.poll()}):\n{balancer.log()}")
            time.sleep(0.02)
        for name in servers:  # servers start UP: a passed check is what shows they are
            balancer.wait_for(name, "L7OK", START_TIMEOUT, field="check_status")
        yield balancer
    finally:
        stop(process)
