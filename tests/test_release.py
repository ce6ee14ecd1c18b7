"""The release script: refuses whatever would break a team's `copier update`, else tags."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .matrix import TEMPLATE_ROOT
from .update.history import git, newest_release

sys.path.insert(0, str(TEMPLATE_ROOT / "scripts"))
import release

RELEASED = """\
# Changelog

## Unreleased
Nothing yet.

## 0.2.0 — 2027-01-15
### What a team must do
- Run `uv lock` after the update.

### In generated projects
- A new endpoint.

## 0.1.0 — 2026-11-22
First release.
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A template repository whose v0.1.0 is out and whose CHANGELOG describes 0.2.0."""
    root = tmp_path / "template"
    root.mkdir()
    shutil.copy(TEMPLATE_ROOT / "copier.yml", root / "copier.yml")
    (root / "CHANGELOG.md").write_text(RELEASED)
    git("init", "--quiet", "--initial-branch=main", cwd=root)
    git("add", "--all", cwd=root)
    git("commit", "--quiet", "-m", "work", cwd=root)
    git("tag", "v0.1.0", cwd=root)
    return root


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = release.main([*args, "--repo", str(repo)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_a_complete_release_is_tagged_with_its_notes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = run(repo, "0.2.0", capsys=capsys)
    assert (status, said.strip()) == (0, "tagged v0.2.0; publish it with: git push origin v0.2.0")
    message = git("tag", "--list", "v0.2.0", "--format=%(contents)", cwd=repo)
    assert "Run `uv lock` after the update." in message


def test_a_dry_run_checks_and_tags_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "0.2.0", "--dry-run", capsys=capsys)[0] == 0
    assert git("tag", "--list", cwd=repo).split() == ["v0.1.0"]


@pytest.mark.parametrize(
    ("version", "changelog", "reason"),
    [
        ("0.1.0", RELEASED, "v0.1.0 exists; tags are never moved"),
        ("0.0.9", RELEASED, "is not after the newest release v0.1.0"),
        ("v0.2.0", RELEASED, "without 'v'"),
        ("two", RELEASED, "not a PEP 440 version"),
        ("0.3.0", RELEASED, "no '## 0.3.0"),
        ("0.2.0", RELEASED.replace("2027-01-15", "soon"), "needs its date"),
        ("0.2.0", RELEASED.replace("### What a team must do", "###"), "What a team must do"),
        ("0.2.0", RELEASED.replace("Nothing yet.", "- half done"), "move the Unreleased"),
    ],
)
def test_refusals_name_the_fix(
    repo: Path, capsys: pytest.CaptureFixture[str], version: str, changelog: str, reason: str
) -> None:
    (repo / "CHANGELOG.md").write_text(changelog)
    git("commit", "--quiet", "--all", "--allow-empty", "-m", "changelog", cwd=repo)
    status, said = run(repo, version, capsys=capsys)
    assert status == 1
    assert said.startswith("release refused: ") and reason in said


def test_a_dirty_tree_or_another_branch_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "stray.txt").write_text("not committed")
    assert "uncommitted changes" in run(repo, "0.2.0", capsys=capsys)[1]
    (repo / "stray.txt").unlink()
    git("switch", "--quiet", "--create", "feature", cwd=repo)
    assert "cut from main, not feature" in run(repo, "0.2.0", capsys=capsys)[1]


def test_a_migration_for_a_later_version_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = (repo / "copier.yml").read_text().replace("version: v0.1.0", "version: v0.3.0")
    (repo / "copier.yml").write_text(config)
    git("commit", "--quiet", "--all", "-m", "migration", cwd=repo)
    assert "a _migrations step is for v0.3.0" in run(repo, "0.2.0", capsys=capsys)[1]


def test_this_templates_newest_release_passes_the_changelog_checks() -> None:
    """The real CHANGELOG and copier.yml: what the next `release.py` run will read."""
    version = release.parse_version(newest_release().removeprefix("v"))
    changelog = (TEMPLATE_ROOT / "CHANGELOG.md").read_text()
    assert release.check_changelog(changelog, version, releasing=False)
    config = yaml.safe_load((TEMPLATE_ROOT / "copier.yml").read_text())
    release.check_migrations(config, version)


def test_the_script_runs_as_documented() -> None:
    script = TEMPLATE_ROOT / "scripts" / "release.py"
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--dry-run" in done.stdout
