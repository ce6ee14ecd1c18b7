"""The projects whose `deploy/k8s` is built, and each overlay's objects by kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .. import kubernetes_manifests as k8s
from ..render import render


@pytest.fixture(scope="module", params=k8s.COMBOS, ids=k8s.combo_id)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    answers: dict[str, Any] = request.param
    return render(tmp_path_factory.mktemp("k8s"), project_name="Demo", **answers)


@pytest.fixture(scope="module", params=k8s.OVERLAYS)
def manifests(project: Path, request: pytest.FixtureRequest) -> dict[str, dict[str, Any]]:
    docs = k8s.build(project, request.param)
    by_kind = {doc["kind"]: doc for doc in docs}
    assert len(by_kind) == len(docs), "one object of each kind"
    return by_kind
