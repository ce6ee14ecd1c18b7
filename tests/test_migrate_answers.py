"""The answers-file migration that `copier update` runs before rendering (`_migrations`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from .matrix import TEMPLATE_ROOT

SCRIPT = TEMPLATE_ROOT / "extensions" / "migrate_answers.py"
ANSWERS = """\
# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY
_commit: v0.0.1
_src_path: /templates/backend
ci: none
database: postgresql
extra:
  - a
  - b
license: MIT
"""


def migrate(tmp_path: Path, *args: str, text: str = ANSWERS) -> tuple[str, str]:
    answers = tmp_path / ".copier-answers.yml"
    answers.write_text(text)
    command = [sys.executable, str(SCRIPT), str(answers), *args]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return answers.read_text(), result.stdout


def test_rename_keeps_the_answer_the_header_and_the_order(tmp_path: Path) -> None:
    text, said = migrate(tmp_path, "rename", "ci", "ci_provider")
    assert text == ANSWERS.replace("\nci: none", "\nci_provider: none")
    assert "rename ci -> ci_provider" in said


def test_an_answer_already_under_the_new_name_wins(tmp_path: Path) -> None:
    both = ANSWERS + "ci_provider: github\n"
    text, _ = migrate(tmp_path, "rename", "ci", "ci_provider", text=both)
    assert yaml.safe_load(text)["ci_provider"] == "github"
    assert "ci" not in yaml.safe_load(text)


def test_rename_twice_changes_nothing_more(tmp_path: Path) -> None:
    once, _ = migrate(tmp_path, "rename", "ci", "ci_provider")
    twice, said = migrate(tmp_path, "rename", "ci", "ci_provider", text=once)
    assert twice == once
    assert said == ""


def test_remove_drops_a_list_answer_and_nothing_else(tmp_path: Path) -> None:
    text, _ = migrate(tmp_path, "remove", "extra")
    assert yaml.safe_load(text) == {
        key: value for key, value in yaml.safe_load(ANSWERS).items() if key != "extra"
    }


def test_a_prefix_of_another_key_is_not_touched(tmp_path: Path) -> None:
    text, _ = migrate(tmp_path, "rename", "data", "db")
    assert text == ANSWERS


def test_bad_usage_exits_2_and_a_missing_file_is_not_an_error(tmp_path: Path) -> None:
    bad = subprocess.run([sys.executable, str(SCRIPT), "x", "rename", "only-one"], check=False)
    assert bad.returncode == 2
    missing = [sys.executable, str(SCRIPT), str(tmp_path / "absent.yml"), "remove", "ci"]
    assert subprocess.run(missing, capture_output=True, check=False).returncode == 0
