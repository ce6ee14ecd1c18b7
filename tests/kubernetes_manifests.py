"""Building deploy/k8s the way an operator does, for tests/kubernetes/: the projects
tried, `kubectl kustomize` on an overlay, and the parts of its output the tests read."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

COMBOS: list[dict[str, Any]] = [
    {"framework": "fastapi", "database": "postgresql", "auth": "oidc", "redis": False},
    {"framework": "litestar", "database": "mysql", "auth": "jwt", "redis": True},
    {"framework": "flask", "database": "sqlite", "auth": "none", "redis": False},
]
OVERLAYS = ("dev", "prod")
KUBECTL = shutil.which("kubectl")
GRACEFUL_TIMEOUT = 7  # server.graceful_timeout, as the base's ConfigMap sets it


def combo_id(combo: dict[str, Any]) -> str:
    """`litestar-mysql-jwt-redis`: the answers' values, a yes/no answer by its name when yes."""
    return "-".join(
        value if isinstance(value, str) else key for key, value in combo.items() if value
    )


def build(project: Path, overlay: str) -> list[dict[str, Any]]:
    """What `kubectl apply -k deploy/k8s/overlays/<overlay>` would send."""
    if KUBECTL is None:
        if os.environ.get("CI"):
            pytest.fail("kubectl (kustomize) is missing: CI must build the overlays")
        pytest.skip("kubectl is not installed: the overlays cannot be built here")
    target = project / "deploy" / "k8s" / "overlays" / overlay
    result = subprocess.run(
        [KUBECTL, "kustomize", str(target)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def answers_of(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text())


def pods(manifests: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        manifests[kind]["spec"]["template"]["spec"]
        for kind in ("Deployment", "Job")
        if kind in manifests
    ]


def containers(pod: dict[str, Any]) -> list[dict[str, Any]]:
    """The pod's init containers and containers: every one is held to the same rules."""
    return [*pod.get("initContainers", []), *pod["containers"]]


def env_names(container: dict[str, Any]) -> set[str]:
    return {variable["name"] for variable in container.get("env", [])}
