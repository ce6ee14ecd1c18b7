"""The generated CI's `template-drift` step, run as written against a real template history."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import Project
from .history import History

UVX_COPIER = 'copier=(uvx --from "copier>=9.13" --with copier-template-extensions copier)'


def drift_step(project: Project) -> str:
    workflow = yaml.safe_load((project.root / ".github" / "workflows" / "ci.yml").read_text())
    job = workflow["jobs"]["template-drift"]
    assert job["continue-on-error"] is True  # a notice, never a red build
    [step] = [step for step in job["steps"] if "check-update" in step.get("run", "")]
    script: str = step["run"]
    assert UVX_COPIER in script
    # The same Copier, taken from the template's environment instead of downloaded by uvx.
    return script.replace(UVX_COPIER, f"copier=({sys.executable} -m copier)")


def run_step(project: Project, script: str, tmp_path: Path) -> tuple[str, str]:
    if shutil.which("jq") is None:
        pytest.fail("jq is needed (GitHub's runners have it; apt-get install jq)")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, summary.read_text()


def test_drift_is_reported_when_a_newer_release_exists(
    generate: Callable[..., Project], history: History, tmp_path: Path
) -> None:
    project = generate(history.new_tag)
    step = drift_step(project)
    behind = generate(history.old_tag, name="behind")
    output, summary = run_step(behind, step, tmp_path)
    assert "::warning title=Template update available::" in output
    assert f"Template 0.0.1 is behind {history.new_tag[1:]}" in summary


def test_an_up_to_date_project_gets_a_notice(
    generate: Callable[..., Project], history: History, tmp_path: Path
) -> None:
    project = generate(history.new_tag)
    output, summary = run_step(project, drift_step(project), tmp_path)
    assert "::notice title=Template drift::" in output
    assert "Up to date with the template" in summary


def test_a_failed_check_warns_and_does_not_fail(
    generate: Callable[..., Project], history: History, tmp_path: Path
) -> None:
    project = generate(history.new_tag)
    (project.root / ".copier-answers.yml").unlink()
    output, summary = run_step(project, drift_step(project), tmp_path)
    assert "::warning title=Template drift not checked::" in output
    assert "never fails the build" in summary
