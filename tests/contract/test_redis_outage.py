"""Redis dies under a served deployment, then comes back empty, and the same server copes.

A replica runs on a redis-server of its own. While that server is down logins are refused
(503, fail closed), every request that needs no Redis is served, readiness says `degraded`
and the replica logs the outage once; once Redis is back, logins pass again without a
restart. With auth=session the sessions were in Redis: they are gone, and say so (401).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from ..docker_support import wait_until
from ..generated_project import GeneratedProject
from ..live_server import StartReplica
from ..processes import free_port, stop
from ..reporting import report
from .api import Api, assert_problem

pytestmark = [
    pytest.mark.slow,
    pytest.mark.auth_styles("jwt", "session"),
    pytest.mark.databases("postgresql"),  # the covering set's projects with Redis
]
RECOVERY_TIMEOUT = 15.0


def redis_server(port: int, workdir: Path) -> subprocess.Popen[bytes]:
    """A throwaway redis-server on 127.0.0.1:`port`, answering PING before this returns."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: .ci/databases.sh installs it")
    workdir.mkdir(parents=True)
    options = ["--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", str(workdir)]
    process = subprocess.Popen([binary, *options], stdout=subprocess.DEVNULL)
    if not wait_until(lambda: answers_ping(port), timeout=10, interval=0.05):
        stop(process)
        pytest.fail(f"redis-server did not answer on port {port}")
    return process


def answers_ping(port: int) -> bool:
    """Whether a Redis on `port` answers PING now."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def until_login_passes(api: Api, email: str, password: str) -> float:
    """Seconds until a login is accepted again, polling; fails past RECOVERY_TIMEOUT."""
    started = time.monotonic()

    def passes() -> bool:
        return api.login(email, password).status_code == 200

    if not wait_until(passes, timeout=RECOVERY_TIMEOUT, interval=0.2):
        pytest.fail(f"logins still refused {RECOVERY_TIMEOUT} s after Redis came back")
    return time.monotonic() - started


def test_an_outage_refuses_logins_serves_the_rest_and_the_server_recovers(
    generated_project: GeneratedProject,
    start_replica: StartReplica,
    client_from_new_address: Callable[[str], httpx.Client],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    port, session_style = free_port(), generated_project.answers.get("auth") == "session"
    redis = redis_server(port, tmp_path / "before")
    url, workdir = start_replica(
        "redis-outage", REDIS__URL=f"redis://127.0.0.1:{port}/0", REDIS__RETRY_SECONDS="0.5"
    )
    api = Api(client_from_new_address(url))
    account = api.new_account("outage")
    stop(redis)

    body = assert_problem(api.login(account.email, account.password), 503)
    assert body["code"] == "store_unavailable"
    me = api.client.get("/api/v1/users/me", headers=account.headers)
    if session_style:  # the session lives in Redis: neither valid nor ended, so retry later
        assert assert_problem(me, 503)["code"] == "store_unavailable"
    else:
        assert me.status_code == 200, me.text
    ready = api.client.get("/health/ready")
    assert (ready.status_code, ready.json()["status"]) == (200, "degraded")
    assert ready.json()["checks"] == {"database": "ok", "redis": "unavailable"}

    redis = redis_server(port, tmp_path / "after")  # back, and empty
    try:
        recovered = until_login_passes(api, account.email, account.password)
        again = api.client.get("/api/v1/users/me", headers=account.headers)
        assert again.status_code == (401 if session_style else 200), again.text
    finally:
        stop(redis)
    log = (workdir / "replica.log").read_text(errors="replace")
    assert log.count('"shared_store_unavailable"') == 1  # once per outage, not per request
    assert '"shared_store_recovered"' in log
    label = generated_project.answers.get("auth")
    report(request.config, "redis_outage", f"{label}: logins back {recovered:.2f} s after Redis")
