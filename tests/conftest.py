"""Shared fixtures of the template's own tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import reporting, scheduling
from .generated_project import GeneratedProject
from .matrix import combo_id, covering_set

GROUP_SECONDS: dict[str, float] = {}
REPORTED_SECONDS = 10


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest groups first (stable: each group keeps its order)."""
    items.sort(key=lambda item: scheduling.rank(item.nodeid))


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    return scheduling.make_scheduler(config, log)


def pytest_configure_node(node: object) -> None:  # a pytest-xdist hook, on the controller
    reporting.hand_folder(node.config, node.workerinput)  # type: ignore[attr-defined]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[object]:
    """Seconds per group, fixtures included: the time each combination costs."""
    started = time.monotonic()
    try:
        return (yield)
    finally:
        if group := scheduling.group_of(item.nodeid):
            GROUP_SECONDS[group] = GROUP_SECONDS.get(group, 0.0) + time.monotonic() - started


def pytest_sessionfinish(session: pytest.Session) -> None:
    for group, seconds in sorted(GROUP_SECONDS.items()):
        if seconds >= REPORTED_SECONDS:  # the installed projects, Docker, updates
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


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for every covering-set project (use it under `processes.exclusive`).

    The projects share most of what mypy reads (pydantic, SQLAlchemy, the framework): warm,
    a run takes 2-4 s instead of 22. Correctness holds, since mypy checks each module's hash
    against its cache entry (a project's own modules, which differ, are checked afresh).
    Its folder is the parent of the xdist workers' temporary folders, which they share.
    """
    shared = tmp_path_factory.getbasetemp().parent / "mypy-cache"
    shared.mkdir(exist_ok=True)
    return shared
