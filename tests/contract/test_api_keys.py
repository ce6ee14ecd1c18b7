"""API keys (auth=api_key): shown once, listed without secrets, scoped, revoked at once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from .api import Account, Api, assert_no_secrets, assert_problem, unique_email
from .styles import API_KEY_HEADER, issue_key

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("api_key")]
KEYS = "/api/v1/api-keys"
ITEMS = "/api/v1/items"
KEY_SHAPE = re.compile(r"^([0-9a-f]{8})_[A-Za-z0-9_-]{40,}$")


def key_headers(key: str) -> dict[str, str]:
    return {API_KEY_HEADER: key}


def listing(api: Api, account: Account) -> list[dict[str, object]]:
    response = api.client.get(KEYS, params={"limit": 100}, headers=account.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


def test_a_key_is_shown_once_and_listed_without_its_secret(api: Api, user: Account) -> None:
    issued = issue_key(api.client, user, name="laptop")

    shape = KEY_SHAPE.match(issued["key"])
    assert shape and shape[1] == issued["prefix"], issued
    listed = [key for key in listing(api, user) if key["id"] == issued["id"]]
    assert len(listed) == 1 and listed[0]["prefix"] == issued["prefix"]
    assert_no_secrets(listed[0])
    assert issued["key"] not in api.client.get(KEYS, headers=user.headers).text


def test_a_new_key_works_at_once_and_its_use_is_recorded(api: Api, user: Account) -> None:
    issued = issue_key(api.client, user, name="ci")
    assert issued["last_used_at"] is None

    assert api.client.get("/api/v1/users/me", headers=key_headers(issued["key"])).is_success

    used = next(key for key in listing(api, user) if key["id"] == issued["id"])
    assert used["last_used_at"] is not None


def test_a_revoked_key_is_refused_at_once(api: Api, user: Account) -> None:
    issued = issue_key(api.client, user, name="leaked")
    headers = key_headers(issued["key"])
    assert api.client.get(ITEMS, headers=headers).is_success

    assert api.client.delete(f"{KEYS}/{issued['id']}", headers=user.headers).status_code == 204

    refused = api.client.get(ITEMS, headers=headers)
    assert assert_problem(refused, 401)["code"] == "invalid_api_key"
    assert 'error="invalid_key"' in refused.headers["www-authenticate"]
    assert_problem(api.client.delete(f"{KEYS}/{issued['id']}", headers=user.headers), 404)


def test_a_read_only_key_reads_but_never_writes(api: Api, user: Account) -> None:
    item = api.create_item(user, "mine")
    headers = key_headers(issue_key(api.client, user, name="viewer", scopes=["read"])["key"])

    assert api.client.get(f"{ITEMS}/{item['id']}", headers=headers).status_code == 200
    for method, path in (("POST", ITEMS), ("PATCH", f"{ITEMS}/{item['id']}")):
        refused = api.client.request(method, path, json={"title": "changed"}, headers=headers)
        assert assert_problem(refused, 403)["code"] == "insufficient_scope"
    assert_problem(api.client.delete(f"{ITEMS}/{item['id']}", headers=headers), 403)
    assert api.client.get(f"{ITEMS}/{item['id']}", headers=user.headers).json()["title"] == "mine"


def test_an_expired_key_is_refused(api: Api, user: Account) -> None:
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    issued = issue_key(api.client, user, name="old", expires_at=past)

    assert_problem(api.client.get(ITEMS, headers=key_headers(issued["key"])), 401)


def test_another_users_keys_are_invisible_to_them(
    api: Api, user: Account, other_user: Account, admin: Account
) -> None:
    issued = issue_key(api.client, user, name="private")

    assert issued["id"] not in {key["id"] for key in listing(api, other_user)}
    assert_problem(api.client.delete(f"{KEYS}/{issued['id']}", headers=other_user.headers), 404)
    assert api.client.get(ITEMS, headers=key_headers(issued["key"])).is_success
    assert issued["id"] in {key["id"] for key in listing(api, admin)}  # admins see all


def test_only_admins_issue_keys_for_others(
    api: Api, user: Account, other_user: Account, admin: Account
) -> None:
    payload = {"name": "theirs", "user_id": other_user.id}

    assert_problem(api.client.post(KEYS, json=payload, headers=user.headers), 403)
    issued = issue_key(api.client, admin, **payload)
    me = api.client.get("/api/v1/users/me", headers=key_headers(issued["key"]))
    assert me.json()["id"] == other_user.id


def test_admins_create_users_once_per_address(api: Api, admin: Account, user: Account) -> None:
    email = unique_email("invited")
    invite = {"email": email, "full_name": "Ada Lovelace"}

    created = api.client.post("/api/v1/users", json=invite, headers=admin.headers)
    assert created.status_code == 201, created.text
    assert (created.json()["email"], created.json()["role"]) == (email, "user")
    assert_no_secrets(created.json())
    assert_problem(api.client.post("/api/v1/users", json=invite, headers=admin.headers), 409)
    invite["email"] = unique_email("by-user")
    assert_problem(api.client.post("/api/v1/users", json=invite, headers=user.headers), 403)


def test_there_is_no_password_anywhere(api: Api, user: Account) -> None:
    """Keys are the only credential: no login or registration, no password to set."""
    for path in ("/api/v1/auth/login", "/api/v1/auth/register"):
        response = api.client.post(path, json={"email": user.email, "password": "long-enough"})
        assert_problem(response, 404)
    change = {"password": "a-brand-new-password"}
    refused = api.client.patch("/api/v1/users/me", json=change, headers=user.headers)
    assert "#/password" in [error["pointer"] for error in assert_problem(refused, 422)["errors"]]
