"""A project generated from the template, installed, and run the way its users run it.

Every command runs in the generated folder with a clean environment: nothing of the
template's own virtualenv, pytest or application settings leaks into it, interpreters
come from pyenv (uv may not download any), and all configuration is explicit.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from .render import render

PYENV_VERSIONS = "3.11.7:3.12.1:3.13.0"
INSTALL_TIMEOUT = 900
COMMAND_TIMEOUT = 900
START_TIMEOUT = 120
OUTPUT_TAIL = 6000
APP_SETTINGS = {
    "ENVIRONMENT",
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CORS_ORIGINS",
    "SETTINGS_FILE",
}
LEAKY_VARIABLES = {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "PYTHONHOME"}
LEAKY_PREFIXES = ("PYTEST_", "COV_CORE_", "COVERAGE_")
NESTED_SETTING = re.compile(r"^[A-Z][A-Z0-9_]*__[A-Z0-9_]+$")
ALLOWED_ORIGIN = "https://allowed.example"
LOGIN_MAX_FAILURES = 5


def clean_environment(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The caller's environment minus anything that would change what is being tested."""
    outer_venv = os.environ.get("VIRTUAL_ENV")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in APP_SETTINGS | LEAKY_VARIABLES
        and not key.startswith(LEAKY_PREFIXES)
        and not NESTED_SETTING.match(key)
    }
    if outer_venv:
        outer_bin = str(Path(outer_venv) / "bin")
        path = env.get("PATH", "").split(os.pathsep)
        env["PATH"] = os.pathsep.join(entry for entry in path if entry != outer_bin)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.setdefault("PYENV_VERSION", PYENV_VERSIONS)
    env.update(overrides or {})
    return env


@dataclass(frozen=True, repr=False)
class CommandResult:
    args: tuple[str, ...]
    returncode: int | None
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def __repr__(self) -> str:
        return f"<`{' '.join(self.args)}`: {self._status}>"

    @property
    def _status(self) -> str:
        return "timed out" if self.returncode is None else f"exited {self.returncode}"

    def __str__(self) -> str:
        tail = self.output[-OUTPUT_TAIL:]
        return f"`{' '.join(self.args)}` {self._status} after {self.seconds:.1f}s:\n{tail}"


@dataclass(frozen=True)
class LiveServer:
    """What a black-box client may know about the running server: no more than a user."""

    base_url: str
    admin_email: str
    admin_password: str
    login_max_failures: int
    allowed_origin: str
    log_path: Path


@dataclass(frozen=True)
class GeneratedProject:
    answers: dict[str, str]
    root: Path

    @classmethod
    def create(cls, destination: Path, answers: dict[str, str]) -> GeneratedProject:
        """Render `answers` (tasks skipped, as in the template's other tests) and `uv sync`."""
        render(destination, skip_tasks=True, **answers)
        project = cls(answers=dict(answers), root=destination)
        installed = project.run("uv", "sync", "--compile-bytecode", timeout=INSTALL_TIMEOUT)
        if not installed.ok:
            pytest.fail(f"uv sync failed in the generated project: {installed}")
        return project

    @property
    def package(self) -> str:
        packages = [path.parent.name for path in (self.root / "src").glob("*/__init__.py")]
        assert len(packages) == 1, f"expected one package in src/, found {packages}"
        return packages[0]

    @property
    def python(self) -> Path:
        return self.root / ".venv" / "bin" / "python"

    def pyproject(self) -> dict[str, Any]:
        return tomllib.loads((self.root / "pyproject.toml").read_text())

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = COMMAND_TIMEOUT
    ) -> CommandResult:
        started = time.monotonic()
        try:
            completed = subprocess.run(
                args,
                cwd=self.root,
                env=clean_environment(env),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            output = exc.output.decode() if isinstance(exc.output, bytes) else exc.output or ""
            return CommandResult(args, None, output, time.monotonic() - started)
        return CommandResult(
            args, completed.returncode, completed.stdout, time.monotonic() - started
        )

    def uv_run(self, *args: str, env: dict[str, str] | None = None) -> CommandResult:
        return self.run("uv", "run", *args, env=env)

    def cli(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 300
    ) -> CommandResult:
        """`python -m <package> ...` from the project's virtualenv, as a deployment runs it."""
        return self.run(str(self.python), "-m", self.package, *args, env=env, timeout=timeout)

    def fresh_database_url(self, name: str, directory: Path) -> str:
        database = self.answers.get("database", "sqlite")
        if database == "sqlite":
            return f"sqlite:///{directory / f'{name}.db'}"
        raise NotImplementedError(f"no recipe for a fresh {database} database yet: add it here")

    def production_env(self, workdir: Path) -> dict[str, str]:
        """Production settings, but a cheaper argon2 and a low login limit keep the tests quick."""
        return {
            "ENVIRONMENT": "production",
            "SECRET_KEY": secrets.token_urlsafe(36),
            "DATABASE_URL": self.fresh_database_url("server", workdir),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CORS_ORIGINS": ALLOWED_ORIGIN,
            "API__DOCS_ENABLED": "true",
            "SECURITY__LOGIN_MAX_FAILURES": str(LOGIN_MAX_FAILURES),
            "SECURITY__ARGON2_TIME_COST": "1",
            "SECURITY__ARGON2_MEMORY_KIB": "8192",
        }

    @contextmanager
    def serve(self, workdir: Path) -> Iterator[LiveServer]:
        """Migrate, create the admin through the CLI, start `serve`; stop it afterwards."""
        env = self.production_env(workdir)
        admin_email, admin_password = "admin@example.com", secrets.token_urlsafe(18)
        for step in (
            ("migrate",),
            ("create-admin", "--email", admin_email, "--password", admin_password),
        ):
            result = self.cli(*step, env=env)
            if not result.ok:
                pytest.fail(f"`{step[0]}` failed before starting the server: {result}")
        port = _free_port()
        log_path = workdir / "server.log"
        command = [str(self.python), "-m", self.package, "serve", "--host", "127.0.0.1"]
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [*command, "--port", str(port)],
                cwd=self.root,
                env=clean_environment(env),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_live(process, base_url, log_path)
            yield LiveServer(
                base_url=base_url,
                admin_email=admin_email,
                admin_password=admin_password,
                login_max_failures=LOGIN_MAX_FAILURES,
                allowed_origin=ALLOWED_ORIGIN,
                log_path=log_path,
            )
            if process.poll() is not None:
                pytest.fail(f"the server died during the tests:\n{_tail(log_path)}")
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_live(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            if httpx.get(f"{base_url}/health/live", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    pytest.fail(f"the server did not answer /health/live in {START_TIMEOUT}s:\n{_tail(log_path)}")


def _tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-OUTPUT_TAIL:]
