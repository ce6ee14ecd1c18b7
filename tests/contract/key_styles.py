"""The styles without a login of their own: API keys, and tokens of an OIDC provider."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import httpx

from ..identity_provider import token
from ..live_server import LiveServer
from .api import Account, Api, bearer, unique_email
from .style_base import JsonEndpoint

API_KEY_HEADER = "X-API-Key"


class ApiKeyStyle:
    name = "api_key"
    invalid_code = "invalid_api_key"
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


class OidcStyle:
    name = "oidc"
    invalid_code = "invalid_token"
    challenge = "bearer"
    bad_credentials = bearer("not.a.jwt")
    routes: ClassVar[set[tuple[str, str]]] = set()  # the provider signs people in
    security_scheme: ClassVar[set[tuple[str, str]]] = {("type", "http"), ("scheme", "bearer")}
    client_headers = frozenset({"authorization"})
    sends_cookies = False

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account:
        """A subject at the provider: its first token makes the user."""
        return self._account(api, live_server, unique_email(label), role="user")

    def admin(self, api: Api, live_server: LiveServer) -> Account:
        """An admin by the provider's role claim: nobody is made one on the command line."""
        return self._account(api, live_server, live_server.admin_email, role="admin")

    def json_endpoint(self, user: Account) -> JsonEndpoint:
        return JsonEndpoint("/api/v1/items", user.headers, b'{"title": "body rules"}', 201)

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        forged = user.access_token[:-8] + "AAAAAAAA"  # a valid token's signature, altered
        stranger.get("/api/v1/users/me", headers=bearer(forged))
        return [forged]

    @staticmethod
    def _account(api: Api, live_server: LiveServer, email: str, *, role: str) -> Account:
        issuer = live_server.environment["SECURITY__ISSUER"]  # where the client logs in
        access = token(issuer, f"subject-{email}", email=email, roles=[role])
        me = api.client.get("/api/v1/users/me", headers=bearer(access))
        assert me.status_code == 200, me.text
        user_id = me.json()["id"]
        return Account(user_id, email, "", headers=bearer(access), access_token=access)


def issue_key(client: httpx.Client, owner: Account, **payload: Any) -> dict[str, Any]:
    response = client.post("/api/v1/api-keys", json=payload, headers=owner.headers)
    assert response.status_code == 201, response.text
    issued: dict[str, Any] = response.json()
    return issued


def key_account(user_id: int, email: str, key: str) -> Account:
    return Account(id=user_id, email=email, password="", headers={API_KEY_HEADER: key})
