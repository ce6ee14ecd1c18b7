"""Health probes: liveness says the process answers, readiness that its database does too."""

from __future__ import annotations

import httpx
import pytest

from .styles import Style, users_only

pytestmark = pytest.mark.slow


def test_liveness_answers_ok(client: httpx.Client) -> None:
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"status": "ok"}


def test_readiness_reports_the_database_ok(client: httpx.Client) -> None:
    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert set(body["checks"]) <= {"database", "redis"}  # Redis, where the project has it
    assert set(body["checks"].values()) == {"ok"}


@users_only  # auth=none: nothing needs any
def test_probes_need_no_credentials(client: httpx.Client, style: Style) -> None:
    headers = style.bad_credentials

    assert client.get("/health/live", headers=headers).status_code == 200
    assert client.get("/health/ready", headers=headers).status_code == 200
