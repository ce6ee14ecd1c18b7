"""Shared fixtures of the template's own tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .generated_project import GeneratedProject
from .matrix import combo_id, covering_set


@pytest.fixture(autouse=True, scope="session")
def _isolated_copier_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A developer's own Copier settings (defaults, trust) must not leak into the tests."""
    settings = tmp_path_factory.mktemp("copier-settings") / "settings.yml"
    settings.write_text("{}\n")
    previous = os.environ.get("COPIER_SETTINGS_PATH")
    os.environ["COPIER_SETTINGS_PATH"] = str(settings)
    yield
    if previous is None:
        os.environ.pop("COPIER_SETTINGS_PATH", None)
    else:
        os.environ["COPIER_SETTINGS_PATH"] = previous


@pytest.fixture(scope="session")
def template_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", params=covering_set(), ids=combo_id)
def generated_project(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> GeneratedProject:
    """One covering-set combination, rendered and `uv sync`ed once per session.

    Tests using it are grouped by combination, so each project is built once and
    shared by the level-2 checks and the HTTP contract tests.
    """
    answers: dict[str, str] = request.param
    destination = tmp_path_factory.mktemp(combo_id(answers)) / "project"
    return GeneratedProject.create(destination, answers)
