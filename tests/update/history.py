"""A template history of our own: a tagged old release and the working tree as the new one.

The update tests must not depend on published tags or the network, so they build a
throwaway Git repository holding two releases:

- OLD_TAG: the template as a team generated it before the current release. It is this
  working tree with the changes of the current release taken back out (`as_old_release`),
  among them a question that had another name, so a `_migrations` step must carry it over.
- the previous real release, when this checkout has its tag (`git archive` of it);
- the newest release in CHANGELOG.md: this working tree, uncommitted changes included.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..matrix import TEMPLATE_ROOT
from .releases import OLD_TAG, clear_tree, export_release, git, newest_release, previous_release

# What the old release said where the current one says something else: the template
# changes a team should receive. Each pair must match the current text exactly once.
OLD_TEXTS = {
    "template/config/settings.yaml.jinja": [
        (
            "max_body_bytes: 1048576     # 1 MiB; larger bodies get 413",
            "max_body_bytes: 524288      # 512 KiB; larger bodies get 413",
        ),
    ],
    "template/README.md.jinja": [
        (
            "- `GET /health/live`, `GET /health/ready` (checks the database).",
            "- `GET /health/live` and `GET /health/ready`.",
        ),
        ("{%- if ci_provider == 'github' %}", "{%- if ci == 'github' %}"),
    ],
    "copier.yml": [("\nci_provider:\n", "\nci:\n")],
}
NEW_ONLY_FILES = ["template/{% if renovate %}renovate.json{% endif %}"]
RENAMED_DIRS = {
    "template/{% if ci_provider == 'github' %}.github{% endif %}": (
        "template/{% if ci == 'github' %}.github{% endif %}"
    ),
}


@dataclass(frozen=True)
class History:
    repo: Path
    old_tag: str
    new_tag: str
    previous_tag: str | None


def copy_working_tree(destination: Path) -> None:
    """Every tracked or new, not ignored file of the template, as it is on disk now."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=TEMPLATE_ROOT)
    for name in filter(None, listed.split("\0")):
        source = TEMPLATE_ROOT / name
        if source.is_file() and not name.startswith(("bench/", ".ci/")):
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def as_old_release(tree: Path) -> None:
    """Take the current release's changes back out of a copy of the template."""
    for name, pairs in OLD_TEXTS.items():
        path = tree / name
        text = path.read_text()
        for new, old in pairs:
            assert text.count(new) == 1, f"{name}: {new!r} no longer matches; update OLD_TEXTS"
            text = text.replace(new, old)
        path.write_text(text)
    config = (tree / "copier.yml").read_text()
    config = re.sub(r"\n_migrations:\n(?:[ #].*\n)+", "\n", config)
    config = re.sub(r"\nrenovate:\n(?:  .*\n)+", "\n", config)
    (tree / "copier.yml").write_text(config)
    for name in NEW_ONLY_FILES:
        (tree / name).unlink()
    for new, old in RENAMED_DIRS.items():
        (tree / new).rename(tree / old)


def build_history(root: Path) -> History:
    """A Git repository of tagged releases: OLD_TAG, the previous one, the working tree."""
    repo = root / "backend-template"
    new_tag = newest_release()
    previous = previous_release(new_tag)
    repo.mkdir(parents=True)
    git("init", "--quiet", "--initial-branch=main", cwd=repo)
    releases: list[tuple[str, Callable[[Path], None]]] = [
        (OLD_TAG, as_old_release),
        *([(previous, export_release(previous))] if previous else []),
        (new_tag, lambda tree: None),
    ]
    for tag, change in releases:
        clear_tree(repo)
        copy_working_tree(repo)
        change(repo)
        git("add", "--all", cwd=repo)
        git("commit", "--quiet", "--allow-empty", "-m", f"release {tag}", cwd=repo)
        git("tag", "--annotate", tag, "-m", f"release {tag}", cwd=repo)
    return History(repo=repo, old_tag=OLD_TAG, new_tag=new_tag, previous_tag=previous)
