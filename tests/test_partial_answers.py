"""Any subset of answers may come from `-d key=value`, the rest from `--defaults`.

Copier renders while it is still asking: an answer given early must never make the template
reach for one not yet given (a `KeyError` in a context hook was the bug this guards).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from .matrix import CODE_AXES, SPREAD_AXES, choices
from .render import render

SINGLE = [{axis: value} for axis in (*CODE_AXES, *SPREAD_AXES) for value in choices(axis)]
PAIRS = [
    {first: a, second: b}
    for first, second in itertools.combinations(CODE_AXES, 2)
    for a in choices(first)
    for b in choices(second)
]


def _id(answers: dict[str, Any]) -> str:
    return ",".join(f"{key}={value}" for key, value in answers.items())


@pytest.mark.parametrize("answers", SINGLE + PAIRS, ids=_id)
def test_a_subset_of_answers_renders_with_defaults_for_the_rest(
    tmp_path: Path, answers: dict[str, Any]
) -> None:
    project = render(tmp_path / "proj", **answers)

    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert {key: recorded[key] for key in answers} == answers
    assert (project / "pyproject.toml").is_file()
    assert (project / ".env").is_file(), "the secret goes to .env whatever was asked"
