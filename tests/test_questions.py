"""Questions: bad answers are refused with a message saying how to fix them; nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .render import render

BAD_ANSWERS = [
    ({"project_slug": "Bad Slug"}, "not a valid project slug"),
    ({"project_slug": "-leading"}, "not a valid project slug"),
    ({"project_slug": "double--hyphen"}, "not a valid project slug"),
    ({"package_name": "Orders-Api"}, "not a valid package name"),
    ({"package_name": "json"}, "would shadow"),
    ({"package_name": "class"}, "would shadow"),
    ({"author_email": "nope"}, "not a valid e-mail address"),
    ({"author_email": "a@b"}, "not a valid e-mail address"),
    ({"project_name": "   "}, "cannot be empty"),
]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=lambda v: str(v))
def test_bad_answer_is_refused_with_a_message(
    tmp_path: Path, answers: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        render(tmp_path / "proj", **answers)


def test_refused_answer_leaves_an_existing_folder_untouched(tmp_path: Path) -> None:
    target = tmp_path / "proj"
    target.mkdir()
    keep = target / "notes.txt"
    keep.write_text("mine")
    with pytest.raises(ValueError, match="not a valid project slug"):
        render(target, project_slug="Bad Slug")
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert keep.read_text() == "mine"


def test_names_are_derived_from_the_project_name(tmp_path: Path) -> None:
    project = render(tmp_path / "proj", project_name="Orders API 2")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_slug"] == "orders-api-2"
    assert answers["package_name"] == "orders_api_2"
    assert (project / "src" / "orders_api_2" / "main.py").is_file()


def test_answers_file_has_the_default_name_and_no_secret(tmp_path: Path) -> None:
    project = render(tmp_path / "proj")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert "_src_path" in answers
    assert not any("secret" in key for key in answers)
