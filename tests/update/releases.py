"""Release tags of this checkout and the Git calls the update tests make."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml

from ..matrix import TEMPLATE_ROOT, offered

OLD_TAG = "v0.0.1"  # the synthetic old release (see history.py)
RELEASE_RE = re.compile(r"^## (\d+\.\d+\.\d+\S*) ", re.MULTILINE)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def newest_release() -> str:
    """The newest version CHANGELOG.md names: the tag the working tree stands for here."""
    releases = RELEASE_RE.findall((TEMPLATE_ROOT / "CHANGELOG.md").read_text())
    assert releases, "CHANGELOG.md names no release (## X.Y.Z — date)"
    return f"v{releases[0]}"


def previous_release(new_tag: str) -> str | None:
    """The newest release tag of this checkout that is older than the working tree's."""
    tags = git("tag", "--list", "v[0-9]*", cwd=TEMPLATE_ROOT).split()
    older = [tag for tag in tags if _version(tag) < _version(new_tag) and tag != OLD_TAG]
    return max(older, key=_version, default=None)


def offered_choices(repo: Path, tag: str, question: str) -> list[str]:
    """The values `question` offered in the release `tag` of `repo` (none if it had no such
    question): a project can only be generated from a release with an answer it offered."""
    config = yaml.safe_load(git("show", f"{tag}:copier.yml", cwd=repo))
    return offered(config.get(question) or {})


def _version(tag: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", tag)[:3])


def export_release(tag: str) -> Callable[[Path], None]:
    def export(tree: Path) -> None:
        clear_tree(tree)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", tag], cwd=TEMPLATE_ROOT, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)

    return export


def clear_tree(tree: Path) -> None:
    """Everything but `.git`: the next release's files replace the previous one's."""
    for child in tree.iterdir():
        if child.name != ".git":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
