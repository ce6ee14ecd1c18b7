"""Every refusal is problem+json, decided before the app sees the body where possible."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from http import HTTPStatus

import httpx
import pytest

from tests.helpers import API, PASSWORD, App, assert_problem

REGISTER = f"{API}/auth/register"


def _oversized(app: App) -> bytes:
    limit: int = app.state.container.settings.api.max_body_bytes
    return b'{"email": "' + b"a" * limit + b'"}'


async def test_validation_errors_point_at_each_field(client: httpx.AsyncClient) -> None:
    response = await client.post(REGISTER, json={"email": "not-an-email", "password": "short"})
    body = assert_problem(response, 422, "validation_failed")
    assert body["type"] == "about:blank"
    assert body["title"] == HTTPStatus(422).phrase
    assert {error["pointer"] for error in body["errors"]} == {"#/email", "#/password"}
    assert all(set(error) == {"pointer", "detail"} for error in body["errors"])
    assert "not-an-email" not in response.text  # input values are never echoed


async def test_undeclared_method_is_405(client: httpx.AsyncClient) -> None:
    response = await client.delete(f"{API}/users/me")
    assert_problem(response, 405, "method_not_allowed")
    allowed = {method.strip() for method in response.headers["allow"].split(",")}
    assert allowed >= {"GET", "PATCH"}  # every route on the path, not the first
    assert "DELETE" not in allowed


async def test_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/no/such/route"), 404, "not_found")


async def test_oversized_body_with_content_length_is_413(
    app: App, client: httpx.AsyncClient
) -> None:
    response = await client.post(
        REGISTER, content=_oversized(app), headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 413, "body_too_large")


async def test_oversized_chunked_body_is_413(app: App, client: httpx.AsyncClient) -> None:
    """Without Content-Length the body is counted while it streams in."""
    payload = _oversized(app)

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(payload), 64 * 1024):
            yield payload[start : start + 64 * 1024]

    response = await client.post(
        REGISTER, content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 413, "body_too_large")


async def test_small_chunked_body_is_accepted(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        body = json.dumps({"email": "ada@example.com", "password": PASSWORD}).encode()
        yield body[:10]
        yield body[10:]

    response = await client.post(
        REGISTER, content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 201


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
async def test_non_json_body_is_415(client: httpx.AsyncClient, content_type: str) -> None:
    response = await client.post(
        REGISTER, content=b"email=a@example.com", headers={"Content-Type": content_type}
    )
    assert_problem(response, 415, "unsupported_media_type")


async def test_json_with_a_charset_or_suffix_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        REGISTER,
        content=json.dumps({"email": "ada@example.com", "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/merge-patch+json; charset=utf-8"},
    )
    assert response.status_code == 201


async def test_malformed_json_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        REGISTER, content=b'{"email": ', headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 400, "malformed_json")


async def test_unexpected_errors_are_a_bare_500_problem(
    app: App,
    client: httpx.AsyncClient,
    user_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def explode(**_: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.state.container.items, "list", explode)
    response = await client.get(f"{API}/items", headers=user_headers)
    body = assert_problem(response, 500, "internal_error")
    assert body["detail"] == "An unexpected error occurred."
    for leak in ("secret internal detail", "RuntimeError", "Traceback", ".py"):
        assert leak not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
