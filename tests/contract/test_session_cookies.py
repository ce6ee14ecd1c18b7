"""Server-side sessions (auth=session), over real HTTP: the cookie's attributes, CSRF on
unsafe methods, a fresh id at each login, and sessions that end server-side at logout,
log-out-everywhere, a new password and an admin's change."""

from __future__ import annotations

from http.cookies import Morsel, SimpleCookie

import httpx
import pytest

from .api import SESSION_COOKIE, Account, Api, assert_no_secrets, assert_problem, session_headers

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("session")]
ME = "/api/v1/users/me"
ITEMS = "/api/v1/items"


def set_cookie(response: httpx.Response) -> Morsel[str]:
    cookie = SimpleCookie(response.headers["set-cookie"])
    assert SESSION_COOKIE in cookie, response.headers
    return cookie[SESSION_COOKIE]


def assert_signed_out(api: Api, account: Account) -> None:
    response = api.client.get(ME, headers=account.headers)
    assert assert_problem(response, 401)["code"] == "invalid_session"
    assert response.headers["www-authenticate"].lower().startswith("session")


def test_login_sets_a_secure_host_only_http_only_cookie(api: Api, user: Account) -> None:
    response = api.login(user.email, user.password)

    assert response.status_code == 200, response.text
    morsel = set_cookie(response)
    assert morsel["secure"] and morsel["httponly"]
    assert morsel["samesite"].lower() == "lax"
    assert morsel["path"] == "/" and not morsel["domain"]  # what `__Host-` demands
    assert int(morsel["max-age"]) > 0
    body = response.json()
    assert set(body) == {"user", "csrf_token", "expires_at"}
    assert body["user"]["email"] == user.email
    assert_no_secrets(body["user"])
    assert len(morsel.value) >= 32 and body["csrf_token"] != morsel.value


def test_each_login_gets_a_new_id_and_ends_the_one_it_came_with(api: Api, user: Account) -> None:
    body = {"email": user.email, "password": user.password}
    again = api.client.post("/api/v1/auth/login", json=body, headers=user.headers)

    assert again.status_code == 200, again.text
    assert set_cookie(again).value != user.session_id
    assert_signed_out(api, user)
    fresh = session_headers(set_cookie(again).value, again.json()["csrf_token"])
    assert api.client.get(ME, headers=fresh).status_code == 200


def test_unsafe_methods_need_the_sessions_csrf_token(api: Api, user: Account) -> None:
    cookie_only = {"Cookie": user.headers["Cookie"]}
    forged = session_headers(user.session_id, "forged")
    other = api.new_account("other")
    crossed = session_headers(user.session_id, other.csrf_token)

    for headers in (cookie_only, forged, crossed):
        response = api.client.post(ITEMS, json={"title": "x"}, headers=headers)
        assert assert_problem(response, 403)["code"] == "csrf_failed"
    assert api.client.get(ITEMS, headers=cookie_only).json()["total"] == 0
    assert api.client.post(ITEMS, json={"title": "x"}, headers=user.headers).status_code == 201


def test_logout_ends_the_session_server_side(api: Api, user: Account) -> None:
    response = api.client.post("/api/v1/auth/logout", headers=user.headers)

    assert response.status_code == 204, response.text
    ended = set_cookie(response)
    assert ended.value == "" and ended["max-age"] == "0"
    assert_signed_out(api, user)  # a copy of the cookie kept by an attacker is dead too


def test_logout_all_ends_every_session_of_the_user(api: Api, user: Account) -> None:
    phone = api.sign_in(user.email, user.password)
    bystander = api.new_account("bystander")

    response = api.client.post("/api/v1/auth/logout-all", headers=phone.headers)

    assert response.status_code == 204, response.text
    assert_signed_out(api, user)
    assert_signed_out(api, phone)
    assert api.client.get(ME, headers=bystander.headers).status_code == 200


def test_a_new_password_ends_the_users_sessions(api: Api, user: Account) -> None:
    other_device = api.sign_in(user.email, user.password)
    changed = api.change_password(user, "a-new-long-password")

    assert changed.status_code == 200, changed.text
    assert_signed_out(api, other_device)
    assert api.sign_in(user.email, "a-new-long-password").email == user.email


@pytest.mark.parametrize("change", [{"is_active": False}, {"role": "admin"}], ids=str)
def test_an_admins_change_ends_the_users_sessions(
    api: Api, admin: Account, user: Account, change: dict[str, object]
) -> None:
    response = api.client.patch(f"/api/v1/users/{user.id}", json=change, headers=admin.headers)

    assert response.status_code == 200, response.text
    assert_signed_out(api, user)
    reactivated = {"is_active": True}
    api.client.patch(f"/api/v1/users/{user.id}", json=reactivated, headers=admin.headers)
    assert_signed_out(api, user)  # reactivation brings no old session back
