"""The choice matrix in extensions/context.py, tested as plain Python."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from .matrix import TEMPLATE_ROOT, all_combinations, choices, combo_id


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ext_context", TEMPLATE_ROOT / "extensions" / "context.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ext = _load()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My Backend", "my-backend"),
        ("Orders API v2!", "orders-api-v2"),
        ("42 things", "project-42-things"),
    ],
)
def test_slugify_gives_valid_slugs(name: str, slug: str) -> None:
    assert ext.slugify(name) == slug
    assert ext.slug_error(slug) == ""


@pytest.mark.parametrize("value", ["ok@example.com", "first.last+tag@sub.example.org"])
def test_good_emails_pass(value: str) -> None:
    assert ext.email_error(value) == ""


@pytest.mark.parametrize("value", ["orders_api", "svc2"])
def test_good_package_names_pass(value: str) -> None:
    assert ext.package_error(value) == ""


@pytest.mark.parametrize("combo", all_combinations(), ids=combo_id)
def test_every_offered_choice_has_context(combo: dict[str, str]) -> None:
    context = ext.choice_context(combo)
    deps = context["dependencies"]
    assert deps == sorted(deps, key=str.lower)
    assert len({d.split(">")[0].split("[")[0] for d in deps}) == len(deps), "duplicate dependency"
    driver = context["db_driver"]  # the DBAPI the generated code names, a dependency of it
    assert driver == "pysqlite" or driver in " ".join(deps)  # pysqlite: the standard library
    assert ("sqlalchemy[asyncio]" in " ".join(deps)) is context["is_async"]
    assert context["py_tag"] == "py" + combo["python_version"].replace(".", "")
    assert ("pyjwt>=2.10" in deps) is (combo["auth"] == "jwt")  # only a style that signs tokens
    assert any(d.startswith("pwdlib") for d in deps) is context["passwords"]  # hashes passwords
    assert context["users"] is (combo["auth"] != "none")  # auth=none: no accounts at all


def test_offered_choices_are_all_known_to_the_extension() -> None:
    assert set(choices("framework")) <= set(ext.FRAMEWORKS)
    assert set(choices("database")) <= set(ext.DATABASES)
    assert set(choices("auth")) <= set(ext.AUTHS)
