"""Level 2: a generated project passes its own checks, as its developers will run them.

Each test runs once per covering-set combination (the combination is in the test id).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .generated_project import GeneratedProject
from .processes import exclusive

pytestmark = pytest.mark.slow
MIN_COVERAGE = 90


def test_own_test_suite_passes_with_its_coverage_gate(
    generated_project: GeneratedProject,
    tmp_path: Path,
    record_property: pytest.RecordProperty,
    capsys: pytest.CaptureFixture[str],
) -> None:
    addopts = generated_project.pyproject()["tool"]["pytest"]["ini_options"]["addopts"]
    gates = [int(opt.split("=", 1)[1]) for opt in addopts if opt.startswith("--cov-fail-under=")]
    assert gates and gates[0] >= MIN_COVERAGE, f"no coverage gate >= {MIN_COVERAGE}: {addopts}"
    assert list((generated_project.root / "tests").rglob("test_*.py")), "no tests generated"

    result = generated_project.uv_run("pytest", env=generated_project.test_database_env(tmp_path))

    record_property("generated_suite_seconds", round(result.seconds, 1))
    with capsys.disabled():
        database = generated_project.answers.get("database")
        print(f"\n  generated test suite on {database} took {result.seconds:.1f}s")
    assert result.ok, str(result)


def test_mypy_strict_passes(generated_project: GeneratedProject, mypy_cache: Path) -> None:
    """Run on a cache shared by the covering set: one run at a time writes it."""
    assert generated_project.pyproject()["tool"]["mypy"].get("strict") is True

    with exclusive(mypy_cache / ".lock"):
        result = generated_project.uv_run("mypy", env={"MYPY_CACHE_DIR": str(mypy_cache)})

    assert result.ok, str(result)


def test_layer_contracts_hold(generated_project: GeneratedProject) -> None:
    assert generated_project.pyproject()["tool"]["importlinter"]["contracts"]

    result = generated_project.uv_run("lint-imports")

    assert result.ok, str(result)


def test_ruff_lint_is_clean(generated_project: GeneratedProject) -> None:
    result = generated_project.uv_run("ruff", "check", ".")

    assert result.ok, str(result)


def test_ruff_format_is_clean(generated_project: GeneratedProject) -> None:
    result = generated_project.uv_run("ruff", "format", "--check", ".")

    assert result.ok, str(result)


def test_migrations_upgrade_downgrade_and_upgrade_again(
    generated_project: GeneratedProject, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": generated_project.fresh_database_url("round-trip", tmp_path)}

    for command, revision in [("upgrade", "head"), ("downgrade", "base"), ("upgrade", "head")]:
        result = generated_project.uv_run("alembic", command, revision, env=env)
        assert result.ok, str(result)
        current = generated_project.uv_run("alembic", "current", env=env)
        assert current.ok, str(current)
        assert ("(head)" in current.output) == (revision == "head"), str(current)


def test_models_and_migrations_do_not_drift(
    generated_project: GeneratedProject, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": generated_project.fresh_database_url("drift", tmp_path)}
    upgraded = generated_project.uv_run("alembic", "upgrade", "head", env=env)
    assert upgraded.ok, str(upgraded)

    result = generated_project.uv_run("alembic", "check", env=env)

    assert result.ok, str(result)
    assert "No new upgrade operations detected" in result.output, str(result)


def test_production_refuses_a_placeholder_secret(
    generated_project: GeneratedProject, tmp_path: Path
) -> None:
    env = {
        **generated_project.production_env(tmp_path),
        "SECRET_KEY": "change-me",
    }

    result = generated_project.cli("serve", "--port", "1", env=env, timeout=120)

    assert result.returncode not in (0, None), str(result)
    assert "SECRET_KEY" in result.output, str(result)
    assert "Traceback" not in result.output, str(result)
