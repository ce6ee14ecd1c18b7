"""The identity provider an `auth=oidc` project's server trusts: the project's own test
provider (`tests/oidc_provider.py`), run from its virtualenv as a process of its own on
127.0.0.1, so a black-box client gets its tokens where a real client would."""

from __future__ import annotations

import atexit
import subprocess
from pathlib import Path

import httpx

from .processes import stop

AUDIENCE = "test-api"  # what the project's provider puts in `aud`
_RUNNING: dict[Path, str] = {}  # project root -> issuer URL, one provider per project


def issuer_for(root: Path, python: Path) -> str:
    """The issuer URL of the project's provider, started on first use, stopped at exit."""
    if root not in _RUNNING:
        process = subprocess.Popen(
            [str(python), "-m", "tests.oidc_provider"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        atexit.register(stop, process)
        assert process.stdout is not None
        issuer = process.stdout.readline().strip()
        assert issuer.startswith("http://127.0.0.1:"), f"no provider started: {issuer!r}"
        _RUNNING[root] = issuer
    return _RUNNING[root]


def token(issuer: str, subject: str, **claims: object) -> str:
    """An access token of the provider for `subject`, as a login there would give one."""
    response = httpx.post(f"{issuer}/token", json={"sub": subject, **claims}, trust_env=False)
    response.raise_for_status()
    access: str = response.json()["access_token"]
    return access
