"""The OpenAPI document describes the whole contract, its security and its problems."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .styles import STYLES, Style, users_only

pytestmark = pytest.mark.slow
PROBLEM = "application/problem+json"
CONTRACT = {  # every style's, auth=none's too
    ("get", "/health/live"),
    ("get", "/health/ready"),
    ("get", "/api/v1/items"),
    ("post", "/api/v1/items"),
    ("get", "/api/v1/items/{}"),
    ("patch", "/api/v1/items/{}"),
    ("delete", "/api/v1/items/{}"),
}
USERS_CONTRACT = {  # every style with users
    ("get", "/api/v1/users/me"),
    ("patch", "/api/v1/users/me"),
    ("get", "/api/v1/users"),
    ("patch", "/api/v1/users/{}"),
}


def _errors(method: str, path: str, *statuses: str, users: bool = False) -> Any:
    """An operation's error statuses to find documented; `users`: of the styles with users."""
    marks = [users_only] if users else []
    return pytest.param(
        method, path, statuses, marks=marks, id=f"{method} {path} {' '.join(statuses)}"
    )


DOCUMENTED_ERRORS = [
    _errors("get", "/api/v1/items/{}", "404"),
    _errors("get", "/api/v1/items", "422"),
    _errors("get", "/api/v1/users", "401", "403", users=True),
    _errors("get", "/api/v1/items/{}", "401", users=True),
    _errors("get", "/api/v1/items", "401", users=True),
]
PROBLEM_FIELDS = {"type", "title", "status", "detail", "code"}
METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "trace"}


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Operations by (method, path), path parameters written `{}` whatever their names."""
    return {
        (method, re.sub(r"\{[^}]+\}", "{}", path)): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_the_document_is_openapi_3(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] and spec["info"]["version"]


def test_every_route_of_the_contract_and_the_style_is_described(
    spec: dict[str, Any], style: Style
) -> None:
    assert operations(spec).keys() >= CONTRACT | style.routes


@users_only  # auth=none: `test_no_auth.py` proves these absent
def test_every_route_of_users_is_described(spec: dict[str, Any]) -> None:
    assert operations(spec).keys() >= USERS_CONTRACT


def test_no_route_of_another_auth_style_is_there(spec: dict[str, Any], style: Style) -> None:
    others = {route for other in STYLES.values() if other is not style for route in other.routes}

    assert operations(spec).keys() & (others - style.routes) == set()


@users_only  # auth=none declares no scheme: `test_no_auth.py`
def test_the_styles_security_scheme_guards_the_protected_routes(
    spec: dict[str, Any], style: Style
) -> None:
    schemes = spec["components"]["securitySchemes"]
    wanted = {name for name, scheme in schemes.items() if _lower(scheme) >= style.security_scheme}
    assert wanted, schemes
    for key, operation in operations(spec).items():
        if key[1].startswith(("/api/v1/users", "/api/v1/items", "/api/v1/api-keys")):
            used = {name for requirement in operation.get("security", []) for name in requirement}
            assert used & wanted, f"{key} is not marked as needing {style.security_scheme}"


def _lower(scheme: dict[str, Any]) -> set[tuple[str, str]]:
    """A scheme's string fields, their values lowercase: `Bearer` and `bearer` are one."""
    return {(key, value.lower()) for key, value in scheme.items() if isinstance(value, str)}


def test_every_error_response_is_documented_as_a_problem(spec: dict[str, Any]) -> None:
    for key, operation in operations(spec).items():
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                assert set(response.get("content", {})) == {PROBLEM}, (key, status)


@pytest.mark.parametrize(("method", "path", "statuses"), DOCUMENTED_ERRORS)
def test_the_main_error_statuses_are_documented(
    spec: dict[str, Any], method: str, path: str, statuses: tuple[str, ...]
) -> None:
    assert set(statuses) <= operations(spec)[(method, path)]["responses"].keys()


def test_the_problem_schema_names_its_fields(spec: dict[str, Any]) -> None:
    for key, operation in operations(spec).items():
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                schema = resolve(spec, response["content"][PROBLEM]["schema"])
                assert set(schema.get("properties", {})) >= PROBLEM_FIELDS, (key, status)


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        *_, name = schema["$ref"].split("/")
        schema = spec["components"]["schemas"][name]
    return schema


@pytest.mark.auth_styles("jwt", "session")
def test_registration_and_login_errors_are_documented(spec: dict[str, Any]) -> None:
    described = operations(spec)

    assert {"409", "422"} <= described[("post", "/api/v1/auth/register")]["responses"].keys()
    assert {"401", "422", "429"} <= described[("post", "/api/v1/auth/login")]["responses"].keys()


@pytest.mark.auth_styles("api_key")
def test_key_and_user_creation_errors_are_documented(spec: dict[str, Any]) -> None:
    described = operations(spec)

    assert {"401", "403", "422"} <= described[("post", "/api/v1/api-keys")]["responses"].keys()
    assert {"401", "404"} <= described[("delete", "/api/v1/api-keys/{}")]["responses"].keys()
    assert {"403", "409", "422"} <= described[("post", "/api/v1/users")]["responses"].keys()
