"""The caller's profile, mass-assignment refusal, and admin-only account management."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import API, assert_problem, bearer, login, signup


async def test_me_returns_the_caller_without_secrets(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    response = await client.get(f"{API}/users/me", headers=user_headers)
    assert response.status_code == 200
    assert response.json()["email"] == "user@example.com"
    assert "hashed_password" not in response.text


async def test_me_requires_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{API}/users/me")
    assert_problem(response, 401, "not_authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_bad_token_is_401_invalid_token(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{API}/users/me", headers=bearer("not.a.jwt"))
    assert_problem(response, 401, "invalid_token")
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


async def test_patch_me_changes_name_and_password(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    body = {"full_name": "Ada Lovelace", "password": "an entirely new one"}
    response = await client.patch(f"{API}/users/me", headers=user_headers, json=body)
    assert response.status_code == 200
    assert response.json()["full_name"] == "Ada Lovelace"
    assert await login(client, "user@example.com", "an entirely new one")


@pytest.mark.parametrize("field", ["role", "is_active"])
async def test_patch_me_refuses_privileged_fields(
    client: httpx.AsyncClient, user_headers: dict[str, str], field: str
) -> None:
    value: object = "admin" if field == "role" else False
    response = await client.patch(f"{API}/users/me", headers=user_headers, json={field: value})
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["pointer"] == f"#/{field}"
    me = (await client.get(f"{API}/users/me", headers=user_headers)).json()
    assert (me["role"], me["is_active"]) == ("user", True)


async def test_admin_lists_users_and_others_are_403(
    client: httpx.AsyncClient, admin_headers: dict[str, str], user_headers: dict[str, str]
) -> None:
    response = await client.get(f"{API}/users", headers=admin_headers, params={"limit": 1})
    assert response.status_code == 200
    page = response.json()
    assert (len(page["items"]), page["total"], page["limit"], page["offset"]) == (1, 2, 1, 0)
    assert_problem(await client.get(f"{API}/users", headers=user_headers), 403, "admin_required")


async def test_deactivated_users_lose_access_at_once(
    client: httpx.AsyncClient, admin_headers: dict[str, str], user_headers: dict[str, str]
) -> None:
    user_id = (await client.get(f"{API}/users/me", headers=user_headers)).json()["id"]
    response = await client.patch(
        f"{API}/users/{user_id}", headers=admin_headers, json={"is_active": False}
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert_problem(await client.get(f"{API}/users/me", headers=user_headers), 401, "invalid_token")


async def test_admin_can_promote_and_non_admins_cannot(
    client: httpx.AsyncClient, admin_headers: dict[str, str], user_headers: dict[str, str]
) -> None:
    other = await signup(client, "other@example.com")
    other_id = (await client.get(f"{API}/users/me", headers=other)).json()["id"]
    url = f"{API}/users/{other_id}"
    denied = await client.patch(url, headers=user_headers, json={"role": "admin"})
    assert_problem(denied, 403, "admin_required")
    promoted = await client.patch(url, headers=admin_headers, json={"role": "admin"})
    assert promoted.json()["role"] == "admin"
    assert (await client.get(f"{API}/users", headers=other)).status_code == 200


async def test_admin_patch_validates_role_and_target(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    missing = await client.patch(f"{API}/users/999999", headers=admin_headers, json={})
    assert_problem(missing, 404, "user_not_found")
    bad = await client.patch(f"{API}/users/1", headers=admin_headers, json={"role": "root"})
    assert assert_problem(bad, 422, "validation_failed")["errors"][0]["pointer"] == "#/role"
