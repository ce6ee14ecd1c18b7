"""Shared fixtures of the template's own tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import reporting
from .generated_project import GeneratedProject
from .matrix import combo_id, covering_set

# Tests that share an expensive fixture run on one xdist worker (`--dist loadgroup`): one
# group per rendered combination, one for the Docker engine, one for the release history.
SHARED_PARAMS = {"generated_project": "project", "project": "module"}
SHARED_FOLDERS = {"docker": "docker", "update": "update"}
GROUP_SECONDS: dict[str, float] = {}


def pytest_itemcollected(item: pytest.Item) -> None:
    """Marked as collected: before xdist's worker appends each group to its node id."""
    if group := _group(item):
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest groups first, so no worker is left with one of them at the end."""
    first = ("docker", "update", "project:")
    items.sort(key=lambda item: next((i for i, g in enumerate(first) if _starts(item, g)), 9))


def _starts(item: pytest.Item, prefix: str) -> bool:
    return (_group(item) or "").startswith(prefix)


def _group(item: pytest.Item) -> str | None:
    folder = item.path.parent.name
    if folder in SHARED_FOLDERS:
        return SHARED_FOLDERS[folder]
    params = getattr(getattr(item, "callspec", None), "params", {})
    for name, prefix in SHARED_PARAMS.items():
        if name in params:
            value = params[name]
            return f"{prefix}:{combo_id(value) if isinstance(value, dict) else value}"
    return None


def pytest_configure_node(node: object) -> None:  # a pytest-xdist hook, on the controller
    reporting.hand_folder(node.config, node.workerinput)  # type: ignore[attr-defined]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[object]:
    """Seconds per group, fixtures included: the time each combination costs."""
    started = time.monotonic()
    try:
        return (yield)
    finally:
        if group := _group(item):
            GROUP_SECONDS[group] = GROUP_SECONDS.get(group, 0.0) + time.monotonic() - started


def pytest_sessionfinish(session: pytest.Session) -> None:
    for group, seconds in sorted(GROUP_SECONDS.items()):
        reporting.report(session.config, "time", f"{group}: {seconds:.0f} s")
    GROUP_SECONDS.clear()  # the hook can run twice on a worker


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    reporting.summary(terminalreporter, config)


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
