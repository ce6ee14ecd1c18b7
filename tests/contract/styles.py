"""What an auth style changes for a client: how accounts are made and how they authenticate.

The contract's shared tests ask for accounts, credential headers and a JSON endpoint through
the style of the project under test, so one test of items, users or errors holds for every
style; tests of one style alone are marked `auth_styles(...)` and run only there. Tests of
accounts, credentials or ownership are marked `users_only`: auth=none has none of them.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import httpx
import pytest

from ..live_server import LiveServer
from .api import CSRF_HEADER, SESSION_COOKIE, Account, Api, bearer, session_headers
from .key_styles import API_KEY_HEADER, ApiKeyStyle, OidcStyle, issue_key
from .none_style import NoneStyle
from .style_base import JsonEndpoint, Style

__all__ = [
    "API_KEY_HEADER",
    "STYLES",
    "WITH_USERS",
    "JsonEndpoint",
    "Style",
    "issue_key",
    "users_only",
]

WITH_USERS = ("jwt", "api_key", "session", "oidc")  # every style but none: accounts, credentials
users_only = pytest.mark.auth_styles(*WITH_USERS)


class JwtStyle:
    name = "jwt"
    invalid_code = "invalid_token"
    challenge = "bearer"
    client_headers = frozenset({"authorization"})
    sends_cookies = False
    bad_credentials = bearer("not-a-token")
    routes: ClassVar[set[tuple[str, str]]] = {
        ("post", f"/api/v1/auth/{action}") for action in ("register", "login", "refresh", "logout")
    }
    security_scheme: ClassVar[set[tuple[str, str]]] = {("type", "http"), ("scheme", "bearer")}

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account:
        return api.new_account(label)

    def admin(self, api: Api, live_server: LiveServer) -> Account:
        """The admin made by `create-admin` on the command line before the server started."""
        return api.sign_in(live_server.admin_email, live_server.admin_secret)

    def json_endpoint(self, user: Account) -> JsonEndpoint:
        body = f'{{"email": "{user.email}", "password": "{user.password}"}}'.encode()
        return JsonEndpoint("/api/v1/auth/login", {}, body, 200)

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        wrong_password = f"wrong-{uuid.uuid4().hex}"
        Api(stranger).login(user.email, wrong_password)
        rotated = api.refresh(user.refresh_token).json()
        api.logout(rotated["refresh_token"])
        return [wrong_password, rotated["refresh_token"], rotated["access_token"]]


class SessionStyle:
    name = "session"
    invalid_code = "invalid_session"
    challenge = "session"
    client_headers = frozenset({CSRF_HEADER.lower()})  # and the cookie, where credentials may
    sends_cookies = True
    bad_credentials = session_headers("not-a-session", "not-a-token")
    routes: ClassVar[set[tuple[str, str]]] = {
        ("post", f"/api/v1/auth/{action}")
        for action in ("register", "login", "logout", "logout-all")
    }
    security_scheme: ClassVar[set[tuple[str, str]]] = {
        ("type", "apikey"),
        ("in", "cookie"),
        ("name", SESSION_COOKIE.lower()),
    }

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account:
        return api.new_account(label)

    def admin(self, api: Api, live_server: LiveServer) -> Account:
        """The admin made by `create-admin` on the command line before the server started."""
        return api.sign_in(live_server.admin_email, live_server.admin_secret)

    def json_endpoint(self, user: Account) -> JsonEndpoint:
        return JsonEndpoint("/api/v1/items", user.headers, b'{"title": "body rules"}', 201)

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        wrong_password = f"wrong-{uuid.uuid4().hex}"
        Api(stranger).login(user.email, wrong_password)
        second = api.sign_in(user.email, user.password)
        forged = session_headers(second.session_id, "forged-csrf-token")
        api.client.post("/api/v1/items", json={"title": "x"}, headers=forged)  # 403
        api.client.post("/api/v1/auth/logout", headers=second.headers)
        return [wrong_password, second.session_id, second.csrf_token, "forged-csrf-token"]


STYLES: dict[str, Style] = {
    style.name: style
    for style in (JwtStyle(), ApiKeyStyle(), SessionStyle(), OidcStyle(), NoneStyle())
}
