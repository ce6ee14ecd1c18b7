"""An untouched project, updated from the old release, is exactly a fresh copy of the new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ..matrix import choices
from ..reporting import report
from .conftest import Project, snapshot
from .history import History
from .releases import git, newest_release, offered_choices, previous_release

# Every framework, database and auth style at least once (a Flask project is rendered from
# the synthetic old release's sync core too); one project also answers `ci` (the old name of
# `ci_provider`) with a non-default value, which the migration must carry over. A style newer
# than the previous real release (auth=none) is updated from the synthetic one alone.
AXES = {axis: choices(axis) for axis in ("framework", "database", "auth")}
COMBOS = [
    {axis: values[index % len(values)] for axis, values in AXES.items()}
    for index in range(max(len(values) for values in AXES.values()))
]
COMBOS[-1]["ci"] = "none"
IGNORED = frozenset({".copier-answers.yml", ".env"})
# From the synthetic old release always; from the previous real release when this checkout
# has its tag (a clone without tags tests the synthetic one only).
STARTS = ["synthetic", *(["previous"] if previous_release(newest_release()) else [])]


def _without_commit(answers: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in answers.items() if key != "_commit"}


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("answers", COMBOS, ids=lambda a: "-".join(a.values()))
def test_an_untouched_project_becomes_a_fresh_copy(
    generate: Callable[..., Project],
    history: History,
    answers: dict[str, str],
    start: str,
    request: pytest.FixtureRequest,
) -> None:
    tag = history.old_tag if start == "synthetic" else history.previous_tag
    assert tag is not None
    if tag != history.old_tag:
        answers = {k: v for k, v in answers.items() if k != "ci"}  # renamed before that release
        if (auth := answers["auth"]) not in offered_choices(history.repo, tag, "auth"):
            pytest.skip(f"auth={auth} is new since {tag}: no project of {tag} has it to update")
    project = generate(tag, **answers)
    env_before = (project.root / ".env").read_bytes()

    seconds = project.update()

    assert project.files_with_conflicts() == []
    assert not list(project.root.rglob("*.rej")), "Copier left rejected hunks"
    assert not (project.root / "uv.lock").exists(), "the `uv lock` task must run on copy only"
    assert (project.root / ".env").read_bytes() == env_before, ".env must never be rewritten"
    updated = project.answers()
    assert updated["_commit"] == history.new_tag
    given = {key: value for key, value in updated.items() if not key.startswith("_")}
    fresh = generate(history.new_tag, name="fresh", **given)
    assert snapshot(project.root, ignore=IGNORED) == snapshot(fresh.root, ignore=IGNORED)
    assert _without_commit(updated) == _without_commit(fresh.answers())
    label = "-".join(answers.values())
    report(request.config, "update", f"{label} from {tag}: copier update {seconds:.1f} s")


def test_the_update_is_a_reviewable_change(
    generate: Callable[..., Project], history: History
) -> None:
    """The team sees the template's changes as an uncommitted diff, nothing else."""
    project = generate(history.old_tag)
    project.update()
    status = git("status", "--porcelain", cwd=project.root).splitlines()
    changed = sorted(line[3:] for line in status)
    assert changed == [".copier-answers.yml", "README.md", "config/settings.yaml"]


def test_a_project_at_the_newest_release_is_left_as_it_is(
    generate: Callable[..., Project], history: History
) -> None:
    project = generate(history.new_tag)
    before = snapshot(project.root)
    project.update()
    assert snapshot(project.root) == before
