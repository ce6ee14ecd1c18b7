"""The server's log: each request's lines carry its ID, and no secret is ever written."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx
import pytest

from ..generated_project import LiveServer
from .api import Account, Api, unique_email

pytestmark = pytest.mark.slow


def log_lines_with(live_server: LiveServer, text: str, timeout: float = 5.0) -> list[str]:
    """Log lines containing `text`, waiting briefly: a line may follow its response."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in live_server.log_path.read_text().splitlines() if text in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_a_requests_log_lines_carry_its_request_id(api: Api, live_server: LiveServer) -> None:
    request_id = f"contract-{uuid.uuid4().hex}"

    api.client.post(
        "/api/v1/auth/register",
        json={"email": unique_email("logged"), "password": "long-enough-password"},
        headers={"X-Request-ID": request_id},
    )

    assert log_lines_with(live_server, request_id)


def test_passwords_and_tokens_never_reach_the_log(
    api: Api,
    user: Account,
    live_server: LiveServer,
    client_from_new_address: Callable[[], httpx.Client],
) -> None:
    wrong_password = f"wrong-{uuid.uuid4().hex}"
    Api(client_from_new_address()).login(user.email, wrong_password)
    rotated = api.refresh(user.refresh_token).json()
    api.logout(rotated["refresh_token"])
    api.client.get("/api/v1/users/me", headers=user.headers)
    marker = f"contract-{uuid.uuid4().hex}"
    api.client.get("/health/live", headers={"X-Request-ID": marker})
    assert log_lines_with(live_server, marker), "the log is not being written"

    log = live_server.log_path.read_text()

    for secret in (user.password, wrong_password, user.refresh_token, user.access_token):
        assert secret not in log
    assert rotated["refresh_token"] not in log and rotated["access_token"] not in log
