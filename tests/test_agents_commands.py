"""AGENTS.md cannot lie about commands: every line of its Commands block runs green.

`make migrate` runs against a throwaway database; `make docs` must leave the committed
`docs/API.md` exactly as generated (a stale reference would fail here and in the project).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .generated_project import GeneratedProject
from .matrix import combo_id, defaults

# The commands are the same text in every combination; run them once, on the defaults.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize("generated_project", [defaults()], ids=combo_id, indirect=True),
]


def agents_commands(project_root: Path) -> list[str]:
    text = (project_root / "AGENTS.md").read_text()
    section = text.split("## Commands", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    assert block, "AGENTS.md has no bash block under ## Commands"
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def test_agents_md_lists_the_make_targets_ci_needs(generated_project: GeneratedProject) -> None:
    commands = agents_commands(generated_project.root)
    for needed in ("make lint", "make typecheck", "make imports", "make test", "make check"):
        assert needed in commands


def test_every_listed_command_runs(generated_project: GeneratedProject, tmp_path: Path) -> None:
    api_doc = generated_project.root / "docs" / "API.md"
    before = api_doc.read_text()
    env = {"DATABASE_URL": generated_project.fresh_database_url("agents", tmp_path)}
    failures = []
    for command in agents_commands(generated_project.root):
        result = generated_project.run("sh", "-c", command, env=env)
        if not result.ok:
            failures.append(str(result))
    assert not failures, "\n\n".join(failures)
    assert api_doc.read_text() == before, "`make docs` changed docs/API.md: the template's is stale"
