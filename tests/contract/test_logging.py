"""The server's log: each request's lines carry its ID, and no secret is ever written."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx
import pytest

from ..generated_project import LiveServer
from .api import Account, Api
from .styles import Style

pytestmark = pytest.mark.slow


def log_lines_with(live_server: LiveServer, text: str, timeout: float = 5.0) -> list[str]:
    """Log lines containing `text`, waiting briefly: a line may follow its response."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in live_server.log_path.read_text().splitlines() if text in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_a_requests_log_lines_carry_its_request_id(
    api: Api, user: Account, live_server: LiveServer
) -> None:
    request_id = f"contract-{uuid.uuid4().hex}"

    api.client.post(
        "/api/v1/items",
        json={"title": "logged"},
        headers={**user.headers, "X-Request-ID": request_id},
    )

    assert log_lines_with(live_server, request_id)


def test_credentials_never_reach_the_log(
    api: Api,
    user: Account,
    style: Style,
    live_server: LiveServer,
    client_from_new_address: Callable[[], httpx.Client],
) -> None:
    used = [*user.secrets, *style.exercise_secrets(api, user, client_from_new_address())]
    api.client.get("/api/v1/users/me", headers=user.headers)
    marker = f"contract-{uuid.uuid4().hex}"
    api.client.get("/health/live", headers={"X-Request-ID": marker})
    assert log_lines_with(live_server, marker), "the log is not being written"

    log = live_server.log_path.read_text()

    assert [secret for secret in used if secret in log] == []
