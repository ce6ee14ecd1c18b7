"""The contract's vocabulary: a thin client for the API and the shape every problem has.

Only HTTP is used here, so the same tests hold for every framework and database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import httpx

PASSWORD = "correct-horse-battery-staple"
PROBLEM_TYPE = "application/problem+json"
PROBLEM_FIELDS = {"type", "title", "status", "detail", "code"}
INTERNALS = ("traceback", 'file "', "site-packages", "sqlalchemy", "pydantic", "exception")
SECRET_FIELDS = ("password", "hash", "secret")
SESSION_COOKIE = "__Host-session"  # its name outside development
CSRF_HEADER = "X-CSRF-Token"


def unique_email(label: str = "user") -> str:
    return f"{label}-{uuid.uuid4().hex[:12]}@example.com"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def session_id(response: httpx.Response) -> str:
    """The id the response's `Set-Cookie` gives the session cookie (production's name)."""
    cookie = SimpleCookie(response.headers.get("set-cookie", ""))
    assert SESSION_COOKIE in cookie, response.headers
    return cookie[SESSION_COOKIE].value


def session_headers(session: str, csrf: str = "") -> dict[str, str]:
    """An explicit `Cookie` header: the cookie is `Secure`, and the server is plain HTTP."""
    return {"Cookie": f"{SESSION_COOKIE}={session}", CSRF_HEADER: csrf}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """An RFC 9457 problem with our fields, and nothing internal in it."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    assert response.headers.get("content-type", "").startswith(PROBLEM_TYPE), response.headers
    body: dict[str, Any] = response.json()
    assert body.keys() >= PROBLEM_FIELDS, body
    assert body["status"] == status, body
    assert all(
        isinstance(body[field], str) and body[field] for field in PROBLEM_FIELDS - {"status"}
    )
    assert not any(fragment in response.text.lower() for fragment in INTERNALS), response.text
    if status == 422:
        assert body.get("errors"), body
        for error in body["errors"]:
            assert isinstance(error["pointer"], str) and error["pointer"].startswith("#"), error
            assert isinstance(error["detail"], str) and error["detail"], error
    return body


def pointers(response: httpx.Response) -> list[str]:
    return [error["pointer"] for error in assert_problem(response, 422)["errors"]]


def assert_no_secrets(payload: dict[str, Any]) -> None:
    leaked = [key for key in payload if any(word in key.lower() for word in SECRET_FIELDS)]
    assert not leaked, f"secret fields returned: {leaked}"


@dataclass
class Account:
    """A user as a client knows it: the headers that authenticate it, and its tokens (jwt) or
    session id and CSRF token (session)."""

    id: int
    email: str
    password: str
    headers: dict[str, str]
    access_token: str = ""
    refresh_token: str = ""
    session_id: str = ""
    csrf_token: str = ""

    @property
    def secrets(self) -> list[str]:
        """What the server must never write to its log."""
        held = [self.password, self.access_token, self.refresh_token, self.session_id]
        held += [self.csrf_token, *self.headers.values()]
        return [secret for secret in held if secret]


class Api:
    """The API's auth calls by name; everything else is plain httpx in the tests."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def register(self, email: str, password: str = PASSWORD, **extra: Any) -> httpx.Response:
        payload = {"email": email, "password": password, **extra}
        return self.client.post("/api/v1/auth/register", json=payload)

    def login(self, email: str, password: str = PASSWORD) -> httpx.Response:
        payload = {"email": email, "password": password}
        return self.client.post("/api/v1/auth/login", json=payload)

    def refresh(self, refresh_token: str) -> httpx.Response:
        return self.client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})

    def logout(self, refresh_token: str) -> httpx.Response:
        return self.client.post("/api/v1/auth/logout", json={"refresh_token": refresh_token})

    def change_password(self, account: Account, new_password: str) -> httpx.Response:
        """`PATCH /users/me` with the new password and, as it must, the current one."""
        body = {"password": new_password, "current_password": account.password}
        return self.client.patch("/api/v1/users/me", json=body, headers=account.headers)

    def sign_in(self, email: str, password: str = PASSWORD) -> Account:
        """Log in as the style does: a token pair (jwt) or a session cookie (session)."""
        login = self.login(email, password)
        assert login.status_code == 200, login.text
        body = login.json()
        if "access_token" in body:
            tokens = {"access_token": body["access_token"], "refresh_token": body["refresh_token"]}
            headers = bearer(body["access_token"])
        else:
            tokens = {"session_id": session_id(login), "csrf_token": body["csrf_token"]}
            headers = session_headers(tokens["session_id"], tokens["csrf_token"])
        me = self.client.get("/api/v1/users/me", headers=headers)
        assert me.status_code == 200, me.text
        user_id = me.json()["id"]
        return Account(id=user_id, email=email, password=password, headers=headers, **tokens)

    def new_account(self, label: str = "user") -> Account:
        email = unique_email(label)
        registered = self.register(email)
        assert registered.status_code == 201, registered.text
        return self.sign_in(email)

    def create_item(self, account: Account, title: str, **extra: Any) -> dict[str, Any]:
        response = self.client.post(
            "/api/v1/items", json={"title": title, **extra}, headers=account.headers
        )
        assert response.status_code == 201, response.text
        item: dict[str, Any] = response.json()
        return item
