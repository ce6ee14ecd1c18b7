"""Generate a project with copier, install it as the Dockerfile does, and give it a database."""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.project_env import GENEROUS_LIMITS, clean_environment

TEMPLATE = Path(__file__).resolve().parent.parent
FLOOR_FRAMEWORK = "fastapi"  # its projects install all the floor runs on
# what the floor needs that a Litestar or Flask project does not all install (Starlette; for
# Flask also uvicorn and the async drivers): installed in the bench copy, never the project
FLOOR_PARTS = ("starlette", "uvicorn[standard]", "asyncpg", "aiosqlite")
DATABASE_ADMIN = TEMPLATE / "tests" / "database_admin.py"  # run by the project


def copier_copy(
    destination: Path, answers: dict[str, str], settings_file: Path, ref: str = ""
) -> float:
    """Render the template (working tree, or git `ref`), tasks skipped; returns the seconds."""
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--skip-tasks"]
    command += ["--vcs-ref", ref] if ref else []
    command += [arg for key, value in answers.items() for arg in ("-d", f"{key}={value}")]
    command += ["--quiet", str(TEMPLATE), str(destination)]
    env = {**os.environ, "COPIER_SETTINGS_PATH": str(settings_file)}
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def time_copier(
    workdir: Path, runs: int, settings_file: Path, *, lock: bool
) -> tuple[list[float], float | None]:
    """`copier copy` of the defaults `runs` times, then the `uv lock` task alone, timed apart."""
    times = [copier_copy(workdir / f"copy-{i}", {}, settings_file) for i in range(runs)]
    if not lock:
        return times, None
    started = time.perf_counter()
    subprocess.run(
        ["uv", "lock", "-q"], cwd=workdir / "copy-0", env=clean_environment(), check=True
    )
    return times, time.perf_counter() - started


@dataclass(frozen=True)
class Project:
    root: Path
    database: str
    framework: str

    @property
    def target(self) -> str:
        """How results name this project: `framework/database`."""
        return f"{self.framework}/{self.database}"

    @property
    def python(self) -> str:
        return str(self.root / ".venv" / "bin" / "python")

    @property
    def package(self) -> str:
        return next(p.parent.name for p in (self.root / "src").glob("*/__init__.py"))

    @classmethod
    def create(
        cls,
        destination: Path,
        framework: str,
        database: str,
        settings_file: Path,
        ref: str,
        extra: tuple[str, ...] = (),
    ) -> Project:
        """Render, then install like the Dockerfile: locked, no dev tools, non-editable, .pyc."""
        answers = {"framework": framework, "database": database}
        copier_copy(destination, answers, settings_file, ref)
        sync = ["uv", "sync", "-q", "--compile-bytecode", "--no-dev", "--no-editable"]
        subprocess.run(sync, cwd=destination, env=clean_environment(), check=True)
        # the floor's parts beside the app; a server measured instead of the app's own
        parts = (*(FLOOR_PARTS if framework != FLOOR_FRAMEWORK else ()), *extra)
        if parts:
            install = ["uv", "pip", "install", "-q", "--python", ".venv/bin/python", *parts]
            subprocess.run(install, cwd=destination, env=clean_environment(), check=True)
        return cls(destination, database, framework)

    def run(self, *args: str, env: dict[str, str], stdin: str = "") -> str:
        done = subprocess.run(
            [self.python, *args], cwd=self.root, env=clean_environment(env), input=stdin,
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"{args[:3]} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def new_database(self, server_url: str | None, workdir: Path) -> str:
        """A fresh database: a SQLite file, or `bench_<random>` on the PostgreSQL server."""
        if self.database == "sqlite":
            return f"sqlite:///{workdir / 'bench.db'}"
        assert server_url, "a PostgreSQL URL is needed (TEST_POSTGRES_URL or --database-url)"
        name = f"bench_{secrets.token_hex(4)}"
        self.run(str(DATABASE_ADMIN), server_url, f"CREATE DATABASE {name}", env={})
        return server_url.rsplit("/", 1)[0] + "/" + name

    def drop_database(self, url: str, server_url: str | None) -> None:
        if self.database != "sqlite" and server_url:
            name = url.rsplit("/", 1)[1]
            self.run(str(DATABASE_ADMIN), server_url, f"DROP DATABASE IF EXISTS {name}", env={})

    def production_env(self, database_url: str) -> dict[str, str]:
        """As the Docker image runs: production, a random secret; argon2 keeps its defaults.
        The rate limit runs (its cost is in the figures) but never refuses the load."""
        return {
            "ENVIRONMENT": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            **GENEROUS_LIMITS,
        }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
