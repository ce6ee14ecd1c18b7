"""Level 4: docker-compose.yml is valid and runs the migration before the app."""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

import pytest
import yaml

from ..docker_support import (
    compose_command,
    run,
    unavailable,
    wait_until,
)
from ..matrix import TEMPLATE_ROOT
from ..render import render
from .helpers import ANSWERS, READY_TIMEOUT, free_port, inspect, is_ready

pytestmark = pytest.mark.docker


def test_compose_file_wires_migrations_and_secret(project: Path) -> None:
    compose = yaml.safe_load((project / "docker-compose.yml").read_text())
    app, migrate = compose["services"]["app"], compose["services"]["migrate"]
    assert migrate["command"][-1] == "migrate"
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert app["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    expected_base = f"${{PYTHON_IMAGE:-python:{ANSWERS['python_version']}-slim}}"
    assert app["build"]["args"]["PYTHON_IMAGE"] == expected_base
    assert "app-data:/app/var" in app["volumes"]
    assert "redis" not in compose["services"]  # redis=no, the default: no Redis anywhere
    assert "REDIS__URL" not in app["environment"]


def test_compose_file_runs_redis_when_asked(tmp_path: Path) -> None:
    """redis=yes: a probed Redis on loopback that the app, not the migrations, waits for."""
    project = render(tmp_path / "proj", **{**ANSWERS, "redis": True})
    store = yaml.safe_load((TEMPLATE_ROOT / "extensions" / "choices.yml").read_text())["redis"]
    services = yaml.safe_load((project / "docker-compose.yml").read_text())["services"]
    redis, app, migrate = services["redis"], services["app"], services["migrate"]
    assert redis["image"] == store["image"]
    assert redis["ports"] == [f"127.0.0.1:${{REDIS_PORT:-{store['port']}}}:{store['port']}"]
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert app["environment"]["REDIS__URL"] == store["compose_url"]
    assert app["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")  # still merged in
    assert app["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert "REDIS__URL" not in migrate["environment"]
    assert "redis" not in migrate.get("depends_on", {})


def test_compose_config_is_valid(project: Path, tmp_path: Path) -> None:
    compose = compose_command()
    if compose is None:
        unavailable("neither the `docker compose` plugin nor `docker-compose` is installed")
    empty = tmp_path / "empty.env"  # keeps the project's .env out of interpolation
    empty.write_text("")
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    without = run([*compose, "--env-file", str(empty), "config"], cwd=project, env=env)
    assert without.returncode != 0
    assert "SECRET_KEY" in without.stderr
    env["SECRET_KEY"] = secrets.token_urlsafe(48)
    run([*compose, "--env-file", str(empty), "config", "--quiet"], cwd=project, env=env, check=True)


def test_compose_runs_migrations_then_app(project: Path, image: str, tmp_path: Path) -> None:
    compose = compose_command()
    if compose is None:
        unavailable("neither the `docker compose` plugin nor `docker-compose` is installed")
    empty = tmp_path / "empty.env"
    empty.write_text("")
    port = free_port()
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(48), "APP_IMAGE": image}
    env["APP_PORT"] = str(port)
    stack = [*compose, "--env-file", str(empty), "--project-name", f"bt{uuid.uuid4().hex[:10]}"]
    try:
        run([*stack, "up", "--detach", "--no-build"], cwd=project, env=env, timeout=300, check=True)
        ids = run([*stack, "ps", "--all", "--quiet", "migrate"], cwd=project, env=env, check=True)
        assert inspect(ids.stdout.split()[0], "{{.State.ExitCode}}") == "0"

        if not wait_until(lambda: is_ready(f"http://127.0.0.1:{port}"), timeout=READY_TIMEOUT):
            logs = run([*stack, "logs"], cwd=project, env=env).stdout
            pytest.fail(f"the compose stack did not become ready\n{logs[-4000:]}")
    finally:
        run([*stack, "down", "--volumes"], cwd=project, env=env, timeout=300)
