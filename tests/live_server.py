"""A generated app served as in production, and how to wait for it."""

from __future__ import annotations

import re
import secrets
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from .processes import free_port, stop
from .project_env import (
    ALLOWED_ORIGIN,
    LOGIN_MAX_FAILURES,
    OUTPUT_TAIL,
    START_TIMEOUT,
    clean_environment,
)

if TYPE_CHECKING:
    from .generated_project import GeneratedProject


ADMIN_EMAIL = "admin@example.com"
StartReplica = Callable[..., tuple[str, Path]]  # (name, *serve options, **settings): URL, dir


@dataclass(frozen=True)
class LiveServer:
    """What a black-box client may know about the running server: no more than a user."""

    base_url: str
    auth: str
    admin_email: str
    admin_secret: str  # the admin's password (jwt, session) or API key (api_key); oidc, none: ""
    login_max_failures: int
    allowed_origin: str
    log_path: Path
    environment: dict[str, str]  # the operator's, for another replica (never a client's)


def wait_until_live(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if httpx.get(f"{base_url}/health/live", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    pytest.fail(f"the server did not answer /health/live in {START_TIMEOUT}s:\n{tail(log_path)}")


def tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-OUTPUT_TAIL:]


@contextmanager
def serve_project(project: GeneratedProject, workdir: Path) -> Iterator[LiveServer]:
    """Migrate, create the admin through the CLI (if any), start `serve`; stop it afterwards."""
    with start_server(project, workdir) as (server, process):
        yield server
        if process.poll() is not None:
            pytest.fail(f"the server died during the tests:\n{tail(server.log_path)}")


@contextmanager
def start_server(
    project: GeneratedProject,
    workdir: Path,
    env: dict[str, str] | None = None,
    serve_args: tuple[str, ...] = (),
) -> Iterator[tuple[LiveServer, subprocess.Popen[bytes]]]:
    """`serve_project` with the caller's settings and `serve` options; the process too."""
    env = {**project.production_env(workdir), **(env or {})}
    admin_secret = _migrate_and_make_admin(project, env)
    log_path = workdir / "server.log"
    process, base_url = _launch(project, env, log_path, serve_args)
    try:
        wait_until_live(process, base_url, log_path)
        server = LiveServer(
            base_url=base_url,
            auth=project.answers.get("auth", "jwt"),
            admin_email=ADMIN_EMAIL,
            admin_secret=admin_secret,
            login_max_failures=int(env.get("SECURITY__LOGIN_MAX_FAILURES", LOGIN_MAX_FAILURES)),
            allowed_origin=ALLOWED_ORIGIN,
            log_path=log_path,
            environment=env,
        )
        yield server, process
    finally:
        stop(process)


def _migrate_and_make_admin(project: GeneratedProject, env: dict[str, str]) -> str:
    """`migrate`, then the first admin on the command line, as the README says; its secret."""
    if not (migrated := project.cli("migrate", env=env)).ok:
        pytest.fail(f"`migrate` failed before starting the server: {migrated}")
    if (auth := project.answers.get("auth", "jwt")) in ("oidc", "none"):
        return ""  # no first account: the provider's role claim makes admins (none: no accounts)
    if auth == "api_key":  # its output: a line on stderr, the key on stdout
        step = ("create-api-key", "--email", ADMIN_EMAIL, "--name", "contract", "--admin")
        result = project.cli(*step, env=env)
        secret = next(iter(re.findall(r"(?m)^[0-9a-f]{8}_\S+$", result.output)), "")
    else:  # the password on standard input, as the README advises (a command line is public)
        step, secret = ("create-admin", "--email", ADMIN_EMAIL), secrets.token_urlsafe(18)
        result = project.cli(*step, env=env, stdin=secret + "\n")
    if not result.ok or not secret:
        pytest.fail(f"`{step[0]}` failed before starting the server: {result}")
    return secret


@contextmanager
def serve_replica(
    project: GeneratedProject, server: LiveServer, workdir: Path, *extra: str, **env: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A replica: another `serve` of the deployment (its settings and database, plus `env`,
    with `extra` options); its URL and process."""
    process, base_url = _launch(project, server.environment | env, workdir / "replica.log", extra)
    try:
        wait_until_live(process, base_url, workdir / "replica.log")
        yield base_url, process
    finally:
        stop(process)


def _launch(
    project: GeneratedProject, env: dict[str, str], log_path: Path, serve_args: tuple[str, ...]
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [str(project.python), "-m", project.package, "serve", "--host", "127.0.0.1"]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port), *serve_args],
            cwd=project.root,
            env=clean_environment({"METRICS__PORT": str(free_port()), **env}),  # one each
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"
