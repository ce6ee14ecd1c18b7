"""HTTP helpers shared by the integration tests.

Plain functions rather than fixtures: a test that needs two users calls
`signup` twice, and the request it makes stays visible in the test body.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol, cast

import httpx

PASSWORD = "correct horse battery staple"
PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}
API = "/api/v1"


class App(Protocol):
    """What the tests need of an app, whichever framework built it: ASGI, and its state."""

    state: Any

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None: ...


@asynccontextmanager
async def running(app: App) -> AsyncIterator[None]:
    """The app started and stopped as a server does it: by ASGI lifespan messages."""
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    task = asyncio.create_task(app(scope, inbox.get, outbox.put))
    await inbox.put({"type": "lifespan.startup"})
    assert (await outbox.get())["type"] == "lifespan.startup.complete"
    try:
        yield
    finally:
        await inbox.put({"type": "lifespan.shutdown"})
        assert (await outbox.get())["type"] == "lifespan.shutdown.complete"
        await task


@asynccontextmanager
async def open_client(app: App, base_url: str = "http://test") -> AsyncIterator[httpx.AsyncClient]:
    """A client talking to `app` in-process; the app's engine is disposed on exit."""
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            yield client
    finally:
        await app.state.container.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def register(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD
) -> dict[str, Any]:
    response = await client.post(
        f"{API}/auth/register", json={"email": email, "password": password}
    )
    assert response.status_code == 201, response.text
    return cast(dict[str, Any], response.json())


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    response = await client.post(f"{API}/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return cast(dict[str, Any], response.json())


async def signup(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    """Register and log in; returns the Authorization header of the new user."""
    await register(client, email)
    tokens = await login(client, email)
    return bearer(tokens["access_token"])


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """Every error is RFC 9457 problem+json with our machine-readable code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = cast(dict[str, Any], response.json())
    assert body.keys() >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["code"] == code
    return body
