"""Small helpers of the Docker tests: HTTP without a client library, docker inspect, ports."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from typing import Any

import pytest

from ..docker_support import (
    run,
)
from ..matrix import defaults
from ..reporting import report as shared_report

ANSWERS = defaults()
APP_UID = "10001"
READY_TIMEOUT = 60.0
HEALTHY_TIMEOUT = 90.0
BUILD_TIMEOUT = 1500.0


def report(config: pytest.Config, line: str) -> None:
    shared_report(config, "docker", line)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def is_ready(base_url: str) -> bool:
    """Whether `/health/ready` answers 200; any connection error means not yet."""
    try:
        return get(f"{base_url}/health/ready")[0] == 200
    except OSError:
        return False


def post_json(url: str, body: dict[str, Any]) -> tuple[int, str]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def inspect(target: str, template: str) -> str:
    return run(["docker", "inspect", "-f", template, target], check=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
