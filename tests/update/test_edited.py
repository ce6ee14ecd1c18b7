"""A project the team has worked on: its edits survive, the template's changes arrive."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ..generated_project import GeneratedProject
from ..matrix import choices
from ..reporting import report
from .conftest import Project
from .edits import README_CLASH, apply_typical_edits, assert_typical_edits_survived, replace_once
from .history import History
from .releases import git

CHECKS = [
    ("pytest", "-q", "-p", "no:cacheprovider"),
    ("mypy",),
    ("ruff", "check", "."),
    ("ruff", "format", "--check", "."),
    ("lint-imports",),
]


def _settings(project: Project) -> dict[str, dict[str, object]]:
    return yaml.safe_load((project.root / "config" / "settings.yaml").read_text())


@pytest.mark.parametrize("database", choices("database"))
def test_typical_edits_survive_and_template_changes_arrive(
    generate: Callable[..., Project],
    history: History,
    database: str,
    request: pytest.FixtureRequest,
) -> None:
    project = generate(history.old_tag, database=database)
    apply_typical_edits(project.root)
    project.commit("our endpoint, settings, dependency, docs and migration")

    seconds = project.update()

    assert project.files_with_conflicts() == []
    assert_typical_edits_survived(project.root)
    settings = _settings(project)
    assert settings["security"]["access_token_minutes"] == 30  # ours
    assert settings["api"]["max_body_bytes"] == 1048576  # the template's new default
    readme = (project.root / "README.md").read_text()
    assert "`GET /health/ready` (checks the database)." in readme  # the template's new text
    assert project.answers()["ci_provider"] == "github"
    report(request.config, "update", f"{database}, edited: copier update {seconds:.1f} s")


@pytest.mark.slow
def test_the_updated_project_still_passes_its_own_checks(
    generate: Callable[..., Project], history: History, tmp_path: Path
) -> None:
    """Our endpoint and migration beside the new release: tests, types, lint and layers hold."""
    project = generate(history.old_tag)
    apply_typical_edits(project.root)
    generated = GeneratedProject(answers={"database": "sqlite"}, root=project.root)
    installed = generated.run("uv", "sync", "--compile-bytecode", timeout=900)
    assert installed.ok, str(installed)
    docs = generated.cli("openapi", "--format", "markdown", "--output", "docs/API.md")
    assert docs.ok, str(docs)  # a new route means new API docs, as `make docs` would write
    project.commit("our endpoint, with its docs and lock file")

    project.update()

    assert generated.run("uv", "sync", "--compile-bytecode", timeout=900).ok
    for check in CHECKS:
        result = generated.uv_run(*check)
        assert result.ok, str(result)
    database = {"DATABASE_URL": generated.fresh_database_url("drift", tmp_path)}
    # The release's migration and the team's both follow 0001: `migrate` applies both heads,
    # and the team joins them as the README says, before Alembic's single-head commands.
    assert generated.cli("migrate", env=database).ok
    heads = generated.uv_run("alembic", "heads", env=database)
    assert heads.ok and heads.output.count("(head)") == 2, str(heads)
    merged = generated.uv_run("alembic", "merge", "heads", "-m", "template", env=database)
    assert merged.ok, str(merged)
    assert generated.uv_run("alembic", "upgrade", "head", env=database).ok
    drift = generated.uv_run("alembic", "check", env=database)
    assert drift.ok, str(drift)


def test_a_clash_becomes_conflict_markers_that_pre_commit_refuses(
    generate: Callable[..., Project], history: History
) -> None:
    project = generate(history.old_tag)
    replace_once(project.root / "README.md", *README_CLASH)
    project.commit("our README wording")

    project.update()

    assert project.files_with_conflicts() == ["README.md"]
    readme = (project.root / "README.md").read_text()
    assert README_CLASH[1] in readme  # ours, kept inside the markers
    assert "`GET /health/ready` (checks the database)." in readme  # theirs, beside it
    refused = _pre_commit(project.root, "README.md")
    assert refused.returncode == 1
    assert "README.md" in refused.stdout
    theirs = "- `GET /health/live`, `GET /health/ready` (checks the database)."
    (project.root / "README.md").write_text(_resolve(readme, keep=theirs))
    assert _pre_commit(project.root, "README.md").returncode == 0


def _resolve(text: str, keep: str) -> str:
    """Resolve every conflict block by one line, as a person editing the file would."""
    out: list[str] = []
    inside = False
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<< "):
            inside = True
            out.append(keep + "\n")
        elif line.startswith(">>>>>>> "):
            inside = False
        elif not inside:
            out.append(line)
    return "".join(out)


def _pre_commit(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """The generated hook, run by pre-commit as `git commit` would run it."""
    executable = shutil.which("pre-commit")
    assert executable, "pre-commit is a dev dependency of the template"
    git("add", "--all", cwd=root)
    command = [executable, "run", "no-merge-conflict-markers", "--files", *files]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
