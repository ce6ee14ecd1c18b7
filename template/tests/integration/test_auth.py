"""Registration and login over HTTP: status codes, password policy and no user enumeration."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import API, PASSWORD, assert_problem, register


async def test_register_returns_the_public_user_only(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"{API}/auth/register",
        json={"email": "Ada@Example.com", "password": PASSWORD, "full_name": "Ada"},
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "email", "full_name", "role", "is_active", "created_at"}
    assert (body["email"], body["role"], body["is_active"]) == ("ada@example.com", "user", True)


async def test_duplicate_email_is_409(client: httpx.AsyncClient) -> None:
    await register(client, "ada@example.com")
    response = await client.post(
        f"{API}/auth/register", json={"email": "ADA@example.com", "password": PASSWORD}
    )
    assert_problem(response, 409, "email_taken")


@pytest.mark.parametrize(("length", "status"), [(7, 422), (8, 201), (128, 201), (129, 422)])
async def test_password_length_policy(client: httpx.AsyncClient, length: int, status: int) -> None:
    """8 to 128 characters, and a long password is accepted whole, never truncated."""
    password = "p" * length
    response = await client.post(
        f"{API}/auth/register", json={"email": "ada@example.com", "password": password}
    )
    assert response.status_code == status
    if status == 201:
        login = await client.post(
            f"{API}/auth/login", json={"email": "ada@example.com", "password": password}
        )
        assert login.status_code == 200
    else:
        body = assert_problem(response, 422, "validation_failed")
        assert [error["pointer"] for error in body["errors"]] == ["#/password"]


async def test_registration_refuses_a_role(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"{API}/auth/register",
        json={"email": "ada@example.com", "password": PASSWORD, "role": "admin"},
    )
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["pointer"] == "#/role"


async def test_login_returns_a_bearer_pair(client: httpx.AsyncClient) -> None:
    await register(client, "ada@example.com")
    response = await client.post(
        f"{API}/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] > 0
    me = await client.get(
        f"{API}/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json()["email"] == "ada@example.com"


async def test_unknown_email_and_wrong_password_get_the_same_answer(
    client: httpx.AsyncClient,
) -> None:
    await register(client, "ada@example.com")
    unknown = await client.post(
        f"{API}/auth/login", json={"email": "bob@example.com", "password": PASSWORD}
    )
    wrong = await client.post(
        f"{API}/auth/login", json={"email": "ada@example.com", "password": "not-the-password"}
    )
    assert_problem(unknown, 401, "invalid_credentials")
    assert (unknown.status_code, unknown.json()) == (wrong.status_code, wrong.json())
    assert unknown.headers["www-authenticate"] == wrong.headers["www-authenticate"] == "Bearer"
