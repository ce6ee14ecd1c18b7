"""Errors: every refusal is an RFC 9457 problem, from routing, body guards and host checks."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from .api import Account, Api, assert_problem

pytestmark = pytest.mark.slow
MIB = 1024 * 1024
LOGIN = "/api/v1/auth/login"


@pytest.mark.parametrize("path", ["/nowhere", "/api/v1/nowhere", "/api/v2/items", "/health"])
def test_unknown_paths_are_404_problems(client: httpx.Client, path: str) -> None:
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/health/live", {"GET"}),
        ("PUT", "/api/v1/users/me", {"GET", "PATCH"}),
        ("GET", "/api/v1/auth/login", {"POST"}),
    ],
)
def test_undeclared_methods_are_405_with_allow(
    client: httpx.Client, method: str, path: str, allowed: set[str]
) -> None:
    response = client.request(method, path)

    assert_problem(response, 405)
    listed = {part.strip() for part in response.headers["allow"].split(",")}
    assert allowed <= listed and method not in listed


def test_a_body_over_1_mib_is_413(client: httpx.Client) -> None:
    body = b'{"email": "' + b"a" * MIB + b'"}'

    assert_problem(client.post(LOGIN, content=body, headers=_json()), 413)


def test_a_streamed_body_over_1_mib_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"email": "'
        for _ in range(17):
            yield b"a" * (64 * 1024)

    response = client.post(LOGIN, content=chunks(), headers=_json())

    assert_problem(response, 413)


def test_a_body_of_exactly_1_mib_is_read(client: httpx.Client) -> None:
    head, tail = b'{"email": "a@example.com", "password": "', b'"}'
    body = head + b"p" * (MIB - len(head) - len(tail)) + tail
    assert len(body) == MIB

    response = client.post(LOGIN, content=body, headers=_json())

    assert_problem(response, 422)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", None]
)
def test_bodies_that_are_not_json_are_415(client: httpx.Client, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    body = b'{"email": "a@example.com", "password": "long-enough-1"}'

    assert_problem(client.post(LOGIN, content=body, headers=headers), 415)


def test_json_with_a_charset_is_accepted(api: Api, user: Account) -> None:
    body = f'{{"email": "{user.email}", "password": "{user.password}"}}'.encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}

    assert api.client.post(LOGIN, content=body, headers=headers).status_code == 200


@pytest.mark.parametrize("body", [b'{"email": ', b"{'email': 1}", b"not json", b'{"a": 1,}'])
def test_malformed_json_is_a_client_error_problem(client: httpx.Client, body: bytes) -> None:
    response = client.post(LOGIN, content=body, headers=_json())

    assert response.status_code in (400, 422), response.text
    assert_problem(response, response.status_code)


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"42", b"null"])
def test_json_that_is_not_an_object_is_422(client: httpx.Client, body: bytes) -> None:
    assert_problem(client.post(LOGIN, content=body, headers=_json()), 422)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil"])
def test_requests_for_other_hosts_are_400_problems(client: httpx.Client, host: str) -> None:
    response = client.get("/health/live", headers={"Host": host})

    assert_problem(response, 400)


def test_allowed_hosts_are_served(client: httpx.Client) -> None:
    port = client.base_url.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert client.get("/health/live", headers={"Host": host}).status_code == 200


def _json() -> dict[str, str]:
    return {"Content-Type": "application/json"}
