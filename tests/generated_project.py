"""A project generated from the template, installed, and run the way its users run it.

Every command runs in the generated folder with a clean environment: nothing of the
template's own virtualenv, pytest or application settings leaks into it, interpreters
come from pyenv (uv may not download any), and all configuration is explicit.
"""

from __future__ import annotations

import secrets
import subprocess
import time
import tomllib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .identity_provider import AUDIENCE, issuer_for
from .live_server import LiveServer, serve_project
from .project_env import (
    ALLOWED_ORIGIN,
    COMMAND_TIMEOUT,
    DATABASE_ADMIN,
    GENEROUS_LIMITS,
    INSTALL_TIMEOUT,
    LOGIN_MAX_FAILURES,
    CommandResult,
    clean_environment,
    served_redis_env,
    server_database_url,
    server_redis_url,
)
from .render import render

__all__ = ["CommandResult", "GeneratedProject", "LiveServer", "clean_environment"]


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
        self,
        *args: str,
        env: dict[str, str] | None = None,
        timeout: float = COMMAND_TIMEOUT,
        stdin: str = "",
    ) -> CommandResult:
        started = time.monotonic()
        try:
            completed = subprocess.run(
                args, cwd=self.root, env=clean_environment(env), input=stdin, text=True,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            output = exc.output.decode() if isinstance(exc.output, bytes) else exc.output or ""
            return CommandResult(args, None, output, time.monotonic() - started)
        return CommandResult(
            args, completed.returncode, completed.stdout, time.monotonic() - started
        )

    def uv_run(self, *args: str, env: dict[str, str] | None = None) -> CommandResult:
        return self.run("uv", "run", *args, env=env)

    def cli(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 300, stdin: str = ""
    ) -> CommandResult:
        """`python -m <package> ...` from the project's virtualenv, as a deployment runs it."""
        command = (str(self.python), "-m", self.package, *args)
        return self.run(*command, env=env, timeout=timeout, stdin=stdin)

    def fresh_database_url(self, name: str, directory: Path) -> str:
        """An empty database of this project's kind: a file, or a new one on the CI server."""
        database = self.answers.get("database", "sqlite")
        if database == "sqlite":
            return f"sqlite:///{directory / f'{name}.db'}"
        fresh = f"{name}_{secrets.token_hex(3)}".replace("-", "_")
        base = server_database_url(database)
        statements = (f"DROP DATABASE IF EXISTS {fresh}", f"CREATE DATABASE {fresh}")
        created = self.run(str(self.python), str(DATABASE_ADMIN), base, *statements, timeout=120)
        if not created.ok:
            pytest.fail(f"cannot create database {fresh} on the {database} server: {created}")
        return base.rsplit("/", 1)[0] + "/" + fresh

    def test_database_env(self, directory: Path) -> dict[str, str]:
        """What the project's own suite needs: this combination's database, and Redis."""
        env = {"TEST_REDIS_URL": server_redis_url()} if self.answers.get("redis") else {}
        if self.answers.get("database", "sqlite") == "sqlite":
            return env
        return env | {"TEST_DATABASE_URL": self.fresh_database_url("suite", directory)}

    def production_env(self, workdir: Path) -> dict[str, str]:
        """Production settings, but (password styles) a cheaper argon2 and a low login limit
        keep tests quick; (oidc) the project's test provider; (api_key, none) nothing more."""
        env = {
            "ENVIRONMENT": "production",
            "SECRET_KEY": secrets.token_urlsafe(36),
            "DATABASE_URL": self.fresh_database_url("server", workdir),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CORS_ORIGINS": ALLOWED_ORIGIN,
            "API__DOCS_ENABLED": "true",
            **GENEROUS_LIMITS,
            **served_redis_env(self.answers, self.package),
        }
        if self.answers.get("auth", "jwt") == "oidc":
            issuer = issuer_for(self.root, self.python)
            return env | {"SECURITY__ISSUER": issuer, "SECURITY__AUDIENCE": AUDIENCE}
        if self.answers.get("auth", "jwt") in ("api_key", "none"):
            return env
        return env | {
            "SECURITY__LOGIN_MAX_FAILURES": str(LOGIN_MAX_FAILURES),
            "SECURITY__ARGON2_TIME_COST": "1",
            "SECURITY__ARGON2_MEMORY_KIB": "8192",
        }

    def serve(self, workdir: Path) -> AbstractContextManager[LiveServer]:
        """Migrate, create the admin through the CLI (if the style has one), start `serve`;
        stop it afterwards."""
        return serve_project(self, workdir)
