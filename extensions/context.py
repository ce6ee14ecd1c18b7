"""Jinja extensions of the template: the one place where the choice matrix lives.

Templates stay readable because every derived name, dependency list and
per-choice setting is computed here, in plain Python that is unit-tested.
"""

from __future__ import annotations

import datetime
import keyword
import re
import secrets
import sys
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from jinja2.ext import Extension

try:  # the loader is absent when this module is imported by the unit tests
    from copier_template_extensions import ContextHook
except ImportError:  # pragma: no cover
    ContextHook = Extension  # type: ignore[misc,assignment]

SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PACKAGE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
RESERVED_PACKAGES = {"app", "test", "tests", "src", "config", "docs"}
# The answers `choice_context` derives from. Copier renders while questions are still being
# asked; answers given with `-d` are there early, the others only once asked or defaulted.
DERIVED_FROM = frozenset({"framework", "database", "python_version"})

CHOICES = yaml.safe_load((Path(__file__).with_name("choices.yml")).read_text())
BASE_DEPENDENCIES: list[str] = CHOICES["base_dependencies"]
DEV_DEPENDENCIES: list[str] = CHOICES["dev_dependencies"]
FRAMEWORKS: dict[str, dict[str, Any]] = CHOICES["frameworks"]
DATABASES: dict[str, dict[str, Any]] = CHOICES["databases"]
AUTHS: dict[str, dict[str, Any]] = CHOICES["auths"]
REDIS: dict[str, Any] = CHOICES["redis"]


def slugify(value: str) -> str:
    """Turn a display name into a PEP 503 style slug (the default for project_slug)."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug if slug and slug[0].isalpha() else f"project-{slug}".rstrip("-")


def slug_error(value: str) -> str:
    """Explain why a slug is unusable as a distribution name; empty when it is fine."""
    if SLUG_RE.match(value):
        return ""
    return (
        f"'{value}' is not a valid project slug: use lowercase letters, digits and single "
        "hyphens, starting with a letter (for example 'orders-api')."
    )


def package_error(value: str) -> str:
    """Explain why a name cannot be the import package; empty when it is fine."""
    if not PACKAGE_RE.match(value):
        return (
            f"'{value}' is not a valid package name: use lowercase letters, digits and "
            "underscores, starting with a letter (for example 'orders_api')."
        )
    if keyword.iskeyword(value) or value in sys.stdlib_module_names or value in RESERVED_PACKAGES:
        return f"'{value}' would shadow a Python keyword, a standard module or a project folder."
    return ""


def email_error(value: str) -> str:
    """Explain why an e-mail address is malformed; empty when it is fine."""
    if EMAIL_RE.match(value):
        return ""
    return f"'{value}' is not a valid e-mail address (expected name@example.com)."


def choice_context(answers: dict[str, Any]) -> dict[str, Any]:
    """Derive everything the templates need from the answers.

    Kept free of Jinja so the unit tests can call it with a plain dict.
    """
    framework = FRAMEWORKS[answers["framework"]]
    database = DATABASES[answers["database"]]
    auth = AUTHS[answers.get("auth", "jwt")]
    flavour = "dependencies" if framework["is_async"] else "sync_dependencies"
    dependencies = sorted(
        BASE_DEPENDENCIES
        + framework["dependencies"]
        + database[flavour]
        + auth["dependencies"]
        + (REDIS["dependencies"] if answers.get("redis") else []),
        key=str.lower,
    )
    dev_dependencies = DEV_DEPENDENCIES + framework["dev_dependencies"]
    driver = database["async_driver" if framework["is_async"] else "sync_driver"]
    return {
        "is_async": framework["is_async"],
        "db_driver": driver,
        "framework_label": framework["label"],
        "fw": framework,
        "dependencies": dependencies,
        "dev_dependencies": sorted(dev_dependencies, key=str.lower),
        "db": database,
        "py_tag": "py" + answers["python_version"].replace(".", ""),
        "coverage_core": "ctrace" if answers["python_version"] == "3.11" else "sysmon",
        "current_year": datetime.date.today().year,
        "auth_style": auth,
        "auth_routes": auth["routes"],
        "passwords": auth["passwords"],
        "users": auth["users"],
        "store": REDIS,
    }


class TemplateFilters(Extension):
    """Registers the validation and naming filters used by copier.yml."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(
            slugify=slugify,
            slug_error=slug_error,
            package_error=package_error,
            email_error=email_error,
        )


class ChoiceContext(ContextHook):  # type: ignore[misc]
    """Adds per-choice context, and a fresh signing secret that only `.env` receives."""

    def hook(self, context: dict[str, Any]) -> None:
        if not context.keys() >= DERIVED_FROM:
            return  # questions are still being asked
        context.update(choice_context(context))
        context.setdefault("secret_key", secrets.token_urlsafe(48))
