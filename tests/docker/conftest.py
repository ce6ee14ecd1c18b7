"""Fixtures of the level 4 tests: the generated project, its image, and a running container."""

from __future__ import annotations

import os
import secrets
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..docker_support import (
    BASE_IMAGE_VARIABLE,
    engine_problem,
    run,
    runnable_base,
    unavailable,
    wait_until,
)
from ..matrix import choices
from ..render import render
from .helpers import ANSWERS, BUILD_TIMEOUT, READY_TIMEOUT, is_ready, report


@pytest.fixture(scope="package", params=choices("framework"))
def project(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The defaults, once per framework: each serves from the same Dockerfile shape."""
    answers = {**ANSWERS, "framework": request.param}
    return render(tmp_path_factory.mktemp(f"docker-{request.param}") / "proj", **answers)


@pytest.fixture(scope="package")
def package(project: Path) -> str:
    (source,) = (project / "src").iterdir()
    return source.name


@pytest.fixture(scope="package")
def base_image() -> Iterator[str]:
    problem = engine_problem()
    if problem:
        unavailable(problem)
    image, created = runnable_base(os.environ[BASE_IMAGE_VARIABLE])
    yield image
    if created:
        run(["docker", "image", "rm", "-f", image], timeout=120)


@pytest.fixture(scope="package")
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
    report(request.config, f"built {tag} from {base_image} in {elapsed:.0f} s")
    report(request.config, f"image size: {size} bytes ({size / 1024 / 1024:.0f} MiB)")
    yield tag
    run(["docker", "image", "rm", "--force", tag, builder], timeout=300)


@pytest.fixture(scope="package")
def secret_key() -> str:
    return secrets.token_urlsafe(48)


@pytest.fixture(scope="package")
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


@pytest.fixture(scope="package")
def base_url(container: str) -> str:
    mapping = run(["docker", "port", container, "8000/tcp"], check=True).stdout.split()[0]
    url = f"http://127.0.0.1:{mapping.rsplit(':', 1)[1]}"

    if not wait_until(lambda: is_ready(url), timeout=READY_TIMEOUT):
        result = run(["docker", "logs", container])
        logs = result.stdout + result.stderr
        pytest.fail(f"/health/ready did not answer 200 within {READY_TIMEOUT} s\n{logs[-4000:]}")
    return url
