"""Users: one's own profile, mass assignment refused, and account management for admins."""

from __future__ import annotations

from typing import Any

import pytest

from .api import Account, Api, assert_no_secrets, assert_problem, pointers
from .styles import Style, users_only

pytestmark = [pytest.mark.slow, users_only]
ME = "/api/v1/users/me"


def test_me_returns_the_callers_own_profile(api: Api, user: Account) -> None:
    response = api.client.get(ME, headers=user.headers)

    assert response.status_code == 200
    profile = response.json()
    assert (profile["id"], profile["email"], profile["role"]) == (user.id, user.email, "user")
    assert profile["is_active"] is True
    assert_no_secrets(profile)


def test_users_can_change_their_name(api: Api, user: Account) -> None:
    response = api.client.patch(ME, json={"full_name": "Grace Hopper"}, headers=user.headers)

    assert response.status_code == 200, response.text
    assert response.json()["full_name"] == "Grace Hopper"
    assert api.client.get(ME, headers=user.headers).json()["full_name"] == "Grace Hopper"


@pytest.mark.auth_styles("jwt", "session")
def test_users_can_change_their_password(api: Api, user: Account) -> None:
    new_password = "a-brand-new-password"
    response = api.change_password(user, new_password)

    assert response.status_code == 200, response.text
    assert_no_secrets(response.json())
    assert api.login(user.email, new_password).status_code == 200


@pytest.mark.auth_styles("jwt", "session")
def test_a_new_password_needs_the_current_one(api: Api, user: Account) -> None:
    missing = api.client.patch(ME, json={"password": "another-long-one"}, headers=user.headers)
    wrong = api.client.patch(
        ME, json={"password": "another-long-one", "current_password": "x"}, headers=user.headers
    )

    assert assert_problem(missing, 422)["code"] == "validation_failed"
    assert assert_problem(wrong, 403)["code"] == "wrong_password"
    assert api.login(user.email, user.password).status_code == 200


@pytest.mark.parametrize(
    "change", [{"role": "admin"}, {"is_active": False}, {"id": 1}], ids=["role", "is_active", "id"]
)
def test_users_cannot_assign_protected_fields(
    api: Api, user: Account, change: dict[str, Any]
) -> None:
    response = api.client.patch(ME, json={"full_name": "Mallory", **change}, headers=user.headers)

    assert f"#/{next(iter(change))}" in pointers(response)
    profile = api.client.get(ME, headers=user.headers).json()
    assert (profile["role"], profile["is_active"], profile["full_name"]) == ("user", True, None)


def test_admins_list_users_in_pages(api: Api, admin: Account, user: Account) -> None:
    response = api.client.get("/api/v1/users", params={"limit": 100}, headers=admin.headers)

    assert response.status_code == 200, response.text
    page = response.json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert page["limit"] == 100 and page["offset"] == 0
    assert page["total"] >= 2
    for listed in page["items"]:
        assert_no_secrets(listed)


def test_admins_change_role_and_status(api: Api, admin: Account, user: Account) -> None:
    url = f"/api/v1/users/{user.id}"

    promoted = api.client.patch(url, json={"role": "admin"}, headers=admin.headers)
    disabled = api.client.patch(url, json={"is_active": False}, headers=admin.headers)

    assert promoted.status_code == 200 and promoted.json()["role"] == "admin", promoted.text
    assert disabled.status_code == 200 and disabled.json()["is_active"] is False, disabled.text


def test_admin_updates_are_limited_to_role_and_status(
    api: Api, admin: Account, user: Account
) -> None:
    response = api.client.patch(
        f"/api/v1/users/{user.id}", json={"email": "taken@example.com"}, headers=admin.headers
    )

    assert "#/email" in pointers(response)


def test_updating_an_unknown_user_is_404(api: Api, admin: Account) -> None:
    response = api.client.patch(
        "/api/v1/users/999999999", json={"role": "user"}, headers=admin.headers
    )

    assert_problem(response, 404)


def test_admin_routes_are_403_for_users(api: Api, user: Account, other_user: Account) -> None:
    listing = api.client.get("/api/v1/users", headers=user.headers)
    promote_self = api.client.patch(
        f"/api/v1/users/{user.id}", json={"role": "admin"}, headers=user.headers
    )
    disable_other = api.client.patch(
        f"/api/v1/users/{other_user.id}", json={"is_active": False}, headers=user.headers
    )

    for response in (listing, promote_self, disable_other):
        assert_problem(response, 403)
    assert api.client.get(ME, headers=user.headers).json()["role"] == "user"


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/v1/users"), ("PATCH", "/api/v1/users/1")]
)
def test_admin_routes_are_401_without_credentials(
    api: Api, style: Style, method: str, path: str
) -> None:
    body = {"role": "admin"} if method == "PATCH" else None
    response = api.client.request(method, path, json=body)

    assert_problem(response, 401)
    assert response.headers["www-authenticate"].lower().startswith(style.challenge)


def test_a_deactivated_users_credentials_stop_working(
    api: Api, admin: Account, user: Account, style: Style
) -> None:
    off = api.client.patch(
        f"/api/v1/users/{user.id}", json={"is_active": False}, headers=admin.headers
    )
    assert off.status_code == 200, off.text

    refused = api.client.get(ME, headers=user.headers)
    assert assert_problem(refused, 401)["code"] == style.invalid_code
    if user.refresh_token:  # jwt: the refresh token dies with the account
        assert_problem(api.refresh(user.refresh_token), 401)
