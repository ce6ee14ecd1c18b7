"""Level 1: every combination the questions allow renders into a clean project.

Rendered once per combination (module-scoped), then each promise is its own test
so a failure names both the combination and the broken promise.
"""

from __future__ import annotations

import compileall
import json
import re
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from .matrix import TEMPLATE_ROOT, all_combinations, combo_id
from .render import render

MAX_LINES = 150
# A Jinja expression or tag; GitHub's ${{ ... }} and Go's {{ .Field }} are not ours.
JINJA_RE = re.compile(r"(?<!\$)\{\{-?\s*[A-Za-z_][\w.]*|\{%-?\s*\w+|\{#")
TEXT_SUFFIXES = {
    *(".py", ".toml", ".yml", ".yaml", ".json", ".md", ".ini", ".cfg", ".txt", ".mako", ""),
}
COMBOS = all_combinations()
UNASYNC = runpy.run_path(str(TEMPLATE_ROOT / "extensions" / "unasync.py"))["Unasync"]


@pytest.fixture(scope="module", params=COMBOS, ids=[combo_id(c) for c in COMBOS])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    destination = tmp_path_factory.mktemp(combo_id(request.param))
    return render(destination / "proj", **request.param)


def _files(root: Path) -> list[Path]:
    skipped = {".git", "__pycache__"}  # compiled files appear once test_python_compiles ran
    return [p for p in root.rglob("*") if p.is_file() and not skipped & set(p.parts)]


def _ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ruff", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_no_jinja_left(project: Path) -> None:
    leftovers = [
        f"{path.relative_to(project)}: {match.group(0)}"
        for path in _files(project)
        if path.suffix in TEXT_SUFFIXES and path.name != "script.py.mako"
        for match in JINJA_RE.finditer(path.read_text())
    ]
    assert not leftovers, leftovers
    assert not [p for p in _files(project) if p.suffix == ".jinja"]


def test_a_sync_render_keeps_nothing_async(project: Path) -> None:
    """Fails closed: the Flask core is derived by rules, and no rule may leave async behind,
    nor may a hand-written sync module; the async frameworks' renders are async indeed."""
    python = {
        path.relative_to(project).as_posix(): path.read_text()
        for path in _files(project)
        if path.suffix == ".py"
    }
    unasync = UNASYNC()
    found = [hit for name, text in python.items() for hit in unasync.leftovers(text, name, False)]
    is_async = yaml.safe_load((project / ".copier-answers.yml").read_text())["framework"] != "flask"
    assert bool(found) is is_async, found


def test_ruff_lint_clean(project: Path) -> None:
    result = _ruff("check", "--no-cache", ".", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_clean(project: Path) -> None:
    result = _ruff("format", "--check", "--no-cache", ".", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_compiles(project: Path) -> None:
    assert compileall.compile_dir(project / "src", quiet=1, force=True, legacy=False)
    assert compileall.compile_dir(project / "tests", quiet=1, force=True, legacy=False)


def test_python_files_are_short(project: Path) -> None:
    long_files = {
        str(path.relative_to(project)): len(path.read_text().splitlines())
        for path in _files(project)
        if path.suffix == ".py" and len(path.read_text().splitlines()) > MAX_LINES
    }
    assert not long_files, long_files


def test_toml_yaml_and_json_parse(project: Path) -> None:
    for path in _files(project):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text())
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(path.read_text())
        elif path.suffix == ".json":
            json.loads(path.read_text())


def test_optional_files_follow_their_answers(project: Path, request: pytest.FixtureRequest) -> None:
    combo = request.node.callspec.params["project"]
    workflow = project / ".github" / "workflows" / "ci.yml"
    assert workflow.is_file() == (combo["ci_provider"] == "github")
    assert not (project / ".github").exists() or combo["ci_provider"] == "github"
    renovate = project / "renovate.json"
    assert renovate.is_file() == combo["renovate"]
    assert bool(list(project.glob("src/*/core/shared_store.py"))) == combo["redis"]
    if combo["renovate"]:
        config = json.loads(renovate.read_text())
        assert config["ignoreScripts"] is False  # the copier manager must run with --trust
        assert "copier" in config["packageRules"][0]["matchManagers"]


def test_secret_only_in_untracked_env(project: Path) -> None:
    answers = (project / ".copier-answers.yml").read_text()
    env = dict(
        line.split("=", 1) for line in (project / ".env").read_text().splitlines() if "=" in line
    )
    secret = env["SECRET_KEY"]
    assert len(secret) >= 32
    assert secret not in answers
    assert ".env" in (project / ".gitignore").read_text().splitlines()
    tracked = [p for p in _files(project) if p.name != ".env" and secret in p.read_text()]
    assert not tracked, tracked


def test_answers_file_records_every_choice(project: Path, request: pytest.FixtureRequest) -> None:
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    combo = request.node.callspec.params["project"]
    for question, value in combo.items():
        assert answers[question] == value
