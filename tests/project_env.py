"""The environment generated projects run in: nothing of ours leaks in, servers come from CI."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

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
    "TEST_DATABASE_URL",
    "TEST_REDIS_URL",
}
LEAKY_VARIABLES = {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "PYTHONHOME"}
LEAKY_PREFIXES = ("PYTEST_", "COV_CORE_", "COVERAGE_")
NESTED_SETTING = re.compile(r"^[A-Z][A-Z0-9_]*__[A-Z0-9_]+$")
ALLOWED_ORIGIN = "https://allowed.example"
# .ci/run starts the servers and exports these; without them a server combination fails.
SERVER_URL_VARIABLES = {"postgresql": "TEST_POSTGRES_URL", "mysql": "TEST_MYSQL_URL"}
REDIS_URL_VARIABLE = "TEST_REDIS_URL"  # .ci/run starts redis-server; redis=yes projects need it
DATABASE_ADMIN = Path(__file__).with_name("database_admin.py")  # run by the project
LOGIN_MAX_FAILURES = 5
# The API-wide limit stays on (its headers are on every answer) but never refuses the suite's
# bursts; tests/contract/test_rate_limit.py runs a replica with small buckets of its own.
GENEROUS_LIMITS = {
    "RATE_LIMIT__CALLER_RATE": "10000",
    "RATE_LIMIT__CALLER_BURST": "100000",
    "RATE_LIMIT__ADDRESS_RATE": "10000",
    "RATE_LIMIT__ADDRESS_BURST": "100000",
}


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


def server_database_url(database: str) -> str:
    """The CI server's URL; fails loudly (never skips) when the server is not configured."""
    variable = SERVER_URL_VARIABLES[database]
    base = os.environ.get(variable)
    if not base:
        pytest.fail(f"{variable} is not set: start the {database} server (see .ci/run)")
    return base


def server_redis_url() -> str:
    """The CI Redis; fails loudly (never skips) when it is not configured."""
    url = os.environ.get(REDIS_URL_VARIABLE)
    if not url:
        pytest.fail(f"{REDIS_URL_VARIABLE} is not set: start redis-server (see .ci/run)")
    return url


def served_redis_env(answers: dict[str, Any], package: str) -> dict[str, str]:
    """Redis for a served deployment (redis=yes): under a prefix of its own, as the replicas
    of one deployment share it and no other deployment's counts reach it."""
    if not answers.get("redis"):
        return {}
    prefix = f"{package}-{secrets.token_hex(4)}:"
    return {"REDIS__URL": server_redis_url(), "REDIS__KEY_PREFIX": prefix}
