"""Errors: every refusal is an RFC 9457 problem, from routing, body guards and host checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from httpx import Response

from .api import Account, assert_problem
from .styles import JsonEndpoint, Style, users_only

pytestmark = pytest.mark.slow
MIB = 1024 * 1024
JSON = {"Content-Type": "application/json"}
CHARSET = {"Content-Type": "application/json; charset=utf-8"}


@pytest.mark.parametrize("path", ["/nowhere", "/api/v1/nowhere", "/api/v2/items", "/health"])
def test_unknown_paths_are_404_problems(client: httpx.Client, path: str) -> None:
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/health/live", {"GET"}),
        pytest.param("PUT", "/api/v1/users/me", {"GET", "PATCH"}, marks=users_only),
        ("PUT", "/api/v1/items", {"GET", "POST"}),
        ("OPTIONS", "/api/v1/items", {"GET", "POST"}),  # no preflight: an ordinary method
        ("OPTIONS", "/health/live", {"GET"}),
    ],
)
def test_undeclared_methods_are_405_with_allow(
    client: httpx.Client, method: str, path: str, allowed: set[str]
) -> None:
    response = client.request(method, path)

    assert_problem(response, 405)
    listed = {part.strip() for part in response.headers["allow"].split(",")}
    assert allowed <= listed and method not in listed


@pytest.fixture
def endpoint(user: Account, style: Style) -> JsonEndpoint:
    """The style's JSON operation (jwt: login; others: creating an item), with credentials."""
    return style.json_endpoint(user)


def post(client: httpx.Client, endpoint: JsonEndpoint, body: Any, **headers: str) -> Response:
    return client.post(endpoint.path, content=body, headers={**endpoint.headers, **headers})


def test_a_body_over_1_mib_is_413(client: httpx.Client, endpoint: JsonEndpoint) -> None:
    body = b'{"title": "' + b"a" * MIB + b'"}'

    assert_problem(post(client, endpoint, body, **JSON), 413)


def test_a_streamed_body_over_1_mib_is_413(client: httpx.Client, endpoint: JsonEndpoint) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"title": "'
        for _ in range(17):
            yield b"a" * (64 * 1024)

    assert_problem(post(client, endpoint, chunks(), **JSON), 413)


def test_a_body_of_exactly_1_mib_is_read(client: httpx.Client, endpoint: JsonEndpoint) -> None:
    head, tail = b'{"title": "', b'"}'
    body = head + b"p" * (MIB - len(head) - len(tail)) + tail
    assert len(body) == MIB

    assert_problem(post(client, endpoint, body, **JSON), 422)  # read whole, then judged


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", None]
)
def test_bodies_that_are_not_json_are_415(
    client: httpx.Client, endpoint: JsonEndpoint, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}

    assert_problem(post(client, endpoint, endpoint.valid_body, **headers), 415)


def test_json_with_a_charset_is_accepted(client: httpx.Client, endpoint: JsonEndpoint) -> None:
    response = post(client, endpoint, endpoint.valid_body, **CHARSET)

    assert response.status_code == endpoint.success, response.text


@pytest.mark.parametrize("body", [b'{"title": ', b"{'title': 1}", b"not json", b'{"a": 1,}'])
def test_malformed_json_is_a_client_error_problem(
    client: httpx.Client, endpoint: JsonEndpoint, body: bytes
) -> None:
    response = post(client, endpoint, body, **JSON)

    assert response.status_code in (400, 422), response.text
    assert_problem(response, response.status_code)


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"42", b"null"])
def test_json_that_is_not_an_object_is_422(
    client: httpx.Client, endpoint: JsonEndpoint, body: bytes
) -> None:
    assert_problem(post(client, endpoint, body, **JSON), 422)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil"])
def test_requests_for_other_hosts_are_400_problems(client: httpx.Client, host: str) -> None:
    response = client.get("/health/live", headers={"Host": host})

    assert_problem(response, 400)


def test_allowed_hosts_are_served(client: httpx.Client) -> None:
    port = client.base_url.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert client.get("/health/live", headers={"Host": host}).status_code == 200
