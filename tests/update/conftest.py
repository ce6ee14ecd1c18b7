"""Projects generated from the old release, committed, then updated as a team does it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from .history import History, build_history
from .releases import GIT_ENV, git

CONFLICT_MARKER = re.compile(r"^(<<<<<<< |>>>>>>> )", re.MULTILINE)


@dataclass
class Project:
    root: Path
    history: History

    def answers(self) -> dict[str, Any]:
        return yaml.safe_load((self.root / ".copier-answers.yml").read_text())

    def commit(self, message: str) -> None:
        git("add", "--all", cwd=self.root)
        git("commit", "--quiet", "--allow-empty", "-m", message, cwd=self.root)

    def update(self, *extra: str) -> float:
        """`copier update` to the newest tag, tasks not skipped; returns its wall time."""
        started = time.monotonic()
        copier("update", "--trust", "--defaults", *extra, cwd=self.root)
        return time.monotonic() - started

    def files_with_conflicts(self) -> list[str]:
        return sorted(
            str(path.relative_to(self.root))
            for path in self.root.rglob("*")
            if path.is_file()
            and ".git" not in path.parts
            and CONFLICT_MARKER.search(path.read_text(errors="replace"))
        )


def copier(*args: str, cwd: Path) -> None:
    """Copier's own command line, run by the interpreter of the template's dev environment."""
    env = {**os.environ, **GIT_ENV}
    command = [sys.executable, "-m", "copier", *args]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"copier {args[0]} failed:\n{done.stdout}\n{done.stderr}"


def data_flags(answers: dict[str, Any]) -> list[str]:
    flags: list[str] = []
    for key, value in answers.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        flags += ["--data", f"{key}={text}"]
    return flags


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    return build_history(tmp_path_factory.mktemp("history"))


def generate_project(history: History, root: Path, tag: str, **answers: Any) -> Project:
    """Copy a tag with answers into a fresh Git repository, committed as a team would."""
    flags = ["--trust", "--defaults", "--skip-tasks", "--vcs-ref", tag, *data_flags(answers)]
    copier("copy", *flags, str(history.repo), str(root), cwd=root.parent)
    git("init", "--quiet", "--initial-branch=main", cwd=root)
    project = Project(root=root, history=history)
    project.commit(f"generated from {tag}")
    return project


@pytest.fixture
def generate(history: History, tmp_path: Path) -> Callable[..., Project]:
    def make(tag: str, name: str = "project", **answers: Any) -> Project:
        return generate_project(history, tmp_path / name, tag, **answers)

    return make


def snapshot(root: Path, *, ignore: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Every file below root but Git's own, by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.parts and str(path.relative_to(root)) not in ignore
    }
