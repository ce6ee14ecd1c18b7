"""A renamed question keeps the team's answer across `copier update` (`_migrations`)."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Project
from .history import History


def test_the_old_ci_answer_carries_over_to_ci_provider(
    generate: Callable[..., Project], history: History
) -> None:
    project = generate(history.old_tag, ci="none")
    assert project.answers()["ci"] == "none"
    assert not (project.root / ".github").exists()

    project.update()

    answers = project.answers()
    assert answers["ci_provider"] == "none"  # without the migration: the default, github
    assert "ci" not in answers
    assert not (project.root / ".github").exists()


def test_a_new_question_arrives_with_its_default(
    generate: Callable[..., Project], history: History
) -> None:
    project = generate(history.old_tag)
    assert "renovate" not in project.answers()

    project.update()

    assert project.answers()["renovate"] is False
    assert not (project.root / "renovate.json").exists()


def test_a_new_question_can_be_answered_during_the_update(
    generate: Callable[..., Project], history: History
) -> None:
    project = generate(history.old_tag)

    project.update("--data", "renovate=true")

    assert project.answers()["renovate"] is True
    assert (project.root / "renovate.json").is_file()
