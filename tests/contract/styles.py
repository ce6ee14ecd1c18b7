"""What an auth style changes for a client: how accounts are made and how they authenticate.

The contract's shared tests ask for accounts, credential headers and a JSON endpoint through
the style of the project under test, so one test of items, users or errors holds for every
style; tests of one style alone are marked `auth_styles(...)` and run only there.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import httpx

from ..live_server import LiveServer
from .api import CSRF_HEADER, SESSION_COOKIE, Account, Api, bearer, session_headers, unique_email

API_KEY_HEADER = "X-API-Key"


@dataclass(frozen=True)
class JsonEndpoint:
    """An operation taking a JSON object, with the credentials it needs: where the body rules
    (size, media type, syntax) are tried."""

    path: str
    headers: dict[str, str]
    valid_body: bytes
    success: int
    extra: dict[str, Any] = field(default_factory=dict)


class Style(Protocol):
    name: str
    challenge: str  # how `WWW-Authenticate` starts on a 401, lowercase
    bad_credentials: dict[str, str]
    routes: set[tuple[str, str]]  # the style's own operations, path parameters as `{}`
    security_scheme: set[tuple[str, str]]  # what its OpenAPI scheme says, values lowercase
    client_headers: frozenset[str]  # what its clients send to authenticate, lowercase (CORS)
    sends_cookies: bool

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account: ...

    def admin(self, api: Api, live_server: LiveServer) -> Account: ...

    def json_endpoint(self, user: Account) -> JsonEndpoint: ...

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        """Send every kind of secret the style has, good and bad; those sent."""


class JwtStyle:
    name = "jwt"
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


class ApiKeyStyle:
    name = "api_key"
    challenge = "apikey"
    client_headers = frozenset({API_KEY_HEADER.lower()})
    sends_cookies = False
    bad_credentials: ClassVar[dict[str, str]] = {API_KEY_HEADER: "0000ffff_not-a-key"}
    routes: ClassVar[set[tuple[str, str]]] = {
        ("get", "/api/v1/api-keys"),
        ("post", "/api/v1/api-keys"),
        ("delete", "/api/v1/api-keys/{}"),
        ("post", "/api/v1/users"),
    }
    security_scheme: ClassVar[set[tuple[str, str]]] = {
        ("type", "apikey"),
        ("in", "header"),
        ("name", "x-api-key"),
    }

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account:
        """An admin creates the user and issues it a read-write key, as the README says."""
        admin, email = self.admin(api, live_server), unique_email(label)
        created = api.client.post("/api/v1/users", json={"email": email}, headers=admin.headers)
        assert created.status_code == 201, created.text
        user_id = created.json()["id"]
        issued = issue_key(api.client, admin, name=f"{label} key", user_id=user_id)
        return key_account(user_id, email, issued["key"])

    def admin(self, api: Api, live_server: LiveServer) -> Account:
        """The admin whose key `create-api-key --admin` printed before the server started."""
        me = api.client.get("/api/v1/users/me", headers={API_KEY_HEADER: live_server.admin_secret})
        assert me.status_code == 200, me.text
        return key_account(me.json()["id"], live_server.admin_email, live_server.admin_secret)

    def json_endpoint(self, user: Account) -> JsonEndpoint:
        return JsonEndpoint("/api/v1/items", user.headers, b'{"title": "body rules"}', 201)

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        wrong_key = f"{uuid.uuid4().hex[:8]}_{uuid.uuid4().hex}"
        stranger.get("/api/v1/users/me", headers={API_KEY_HEADER: wrong_key})
        second = issue_key(api.client, user, name="second", scopes=["read"])["key"]
        api.client.post("/api/v1/items", json={"title": "x"}, headers={API_KEY_HEADER: second})
        return [wrong_key, second]


class SessionStyle:
    name = "session"
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


def issue_key(client: httpx.Client, owner: Account, **payload: Any) -> dict[str, Any]:
    response = client.post("/api/v1/api-keys", json=payload, headers=owner.headers)
    assert response.status_code == 201, response.text
    issued: dict[str, Any] = response.json()
    return issued


def key_account(user_id: int, email: str, key: str) -> Account:
    return Account(id=user_id, email=email, password="", headers={API_KEY_HEADER: key})


STYLES: dict[str, Style] = {
    style.name: style for style in (JwtStyle(), ApiKeyStyle(), SessionStyle())
}
