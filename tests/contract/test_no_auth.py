"""No authentication (auth=none): items without owners, open to every caller; nothing of users
left (no account route, no security scheme, no 401); a warning at every production start.
Every caller sees every test's items: a list is judged by the items a test made."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ..generated_project import LiveServer
from .api import SESSION_COOKIE, assert_problem, bearer
from .styles import API_KEY_HEADER
from .test_openapi import operations, resolve

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("none")]
ITEMS = "/api/v1/items"
ITEM_FIELDS = {"id", "title", "description", "created_at", "updated_at"}
FORWARDED = {  # what a client or a gateway may send all the same: never looked at
    **bearer("not-a-token"),
    API_KEY_HEADER: "0000ffff_not-a-key",
    "Cookie": f"{SESSION_COOKIE}=not-a-session",
}
GONE = [  # every other style's account routes
    *(("POST", f"/api/v1/auth/{action}") for action in ("register", "login", "refresh", "logout")),
    *(("GET", "/api/v1/users/me"), ("PATCH", "/api/v1/users/me"), ("GET", "/api/v1/users")),
    *(("POST", "/api/v1/users"), ("PATCH", "/api/v1/users/1")),
    *(("GET", "/api/v1/api-keys"), ("POST", "/api/v1/api-keys"), ("DELETE", "/api/v1/api-keys/1")),
]
NewClient = Callable[[], httpx.Client]


def crud(client: httpx.Client, headers: dict[str, str]) -> list[httpx.Response]:
    """Create, list, read, change and delete an item, then read it again: every answer."""
    created = client.post(ITEMS, json={"title": "open"}, headers=headers)
    assert created.status_code == 201, created.text
    url = f"{ITEMS}/{created.json()['id']}"
    return [
        created,
        client.get(ITEMS, headers=headers),
        client.get(url, headers=headers),
        client.patch(url, json={"description": "changed"}, headers=headers),
        client.delete(url, headers=headers),
        client.get(url, headers=headers),
    ]


@pytest.mark.parametrize("headers", [{}, FORWARDED], ids=["nothing-sent", "credentials-ignored"])
def test_items_need_no_credential(client: httpx.Client, headers: dict[str, str]) -> None:
    answers = crud(client, headers)

    assert [answer.status_code for answer in answers] == [201, 200, 200, 200, 204, 404]
    assert answers[3].json()["description"] == "changed"
    assert_problem(answers[-1], 404)


def test_no_request_is_ever_401(client: httpx.Client) -> None:
    answers = [*crud(client, {}), *crud(client, FORWARDED), client.get("/nowhere")]
    answers += [client.request(method, path, headers=FORWARDED) for method, path in GONE]

    refused = [f"{a.request.method} {a.request.url.path}" for a in answers if a.status_code == 401]
    assert refused == []
    assert not [a for a in answers if "www-authenticate" in a.headers]


def every_item_id(client: httpx.Client, limit: int = 100) -> list[int]:
    """The ids of every item, page by page, each page of the shape its parameters ask."""
    ids: list[int] = []
    offset, total = 0, 1
    while offset < total:
        page = client.get(ITEMS, params={"limit": limit, "offset": offset}).json()
        assert (page["limit"], page["offset"]) == (limit, offset), page
        assert len(page["items"]) == min(limit, page["total"] - offset), page
        ids += [item["id"] for item in page["items"]]
        offset, total = offset + limit, page["total"]
    return ids


def test_two_callers_share_every_item(client_from_new_address: NewClient) -> None:
    """No owners: what one caller made, another sees, lists, changes and deletes."""
    first, second = client_from_new_address(), client_from_new_address()
    made = first.post(ITEMS, json={"title": "first's", "description": "by first"}).json()
    url = f"{ITEMS}/{made['id']}"

    assert second.get(url).json() == made
    assert made["id"] in every_item_id(second)
    changed = second.patch(url, json={"title": "second's"}, headers=FORWARDED)
    assert changed.status_code == 200, changed.text
    assert first.get(url).json()["title"] == "second's"
    assert second.delete(url).status_code == 204
    assert_problem(first.get(url), 404)
    assert made["id"] not in every_item_id(first)


def test_every_item_is_listed_in_pages(client: httpx.Client) -> None:
    before = client.get(ITEMS).json()["total"]
    made = [client.post(ITEMS, json={"title": f"page {n}"}).json()["id"] for n in range(3)]

    default = client.get(ITEMS).json()
    ids = every_item_id(client, limit=2)

    assert set(default) == {"items", "total", "limit", "offset"} and default["offset"] == 0
    assert 1 <= default["limit"] <= 100
    assert len(default["items"]) == min(default["limit"], default["total"])
    assert len(ids) == len(set(ids)) == default["total"] == before + 3
    assert set(made) <= set(ids)


def test_items_have_no_owner(client: httpx.Client) -> None:
    made = client.post(ITEMS, json={"title": "ownerless"}).json()
    listed = client.get(ITEMS, params={"limit": 100}).json()["items"]

    assert set(made) == set(client.get(f"{ITEMS}/{made['id']}").json()) == ITEM_FIELDS
    assert listed and all(set(item) == ITEM_FIELDS for item in listed)


@pytest.mark.parametrize(("method", "path"), GONE, ids=[f"{m} {p}" for m, p in GONE])
def test_no_account_route_exists(client: httpx.Client, method: str, path: str) -> None:
    body = {"email": "someone@example.com", "password": "a-long-password"}

    assert_problem(client.request(method, path, json=None if method == "GET" else body), 404)


def test_the_document_declares_no_security(spec: dict[str, Any]) -> None:
    """Litestar and Flask may write an empty `securitySchemes`, FastAPI none: both say none."""
    assert spec.get("components", {}).get("securitySchemes", {}) == {}
    assert spec.get("security", []) == []
    for key, operation in operations(spec).items():
        assert operation.get("security", []) == [], key
        assert "401" not in operation["responses"], f"{key} documents a 401 it never answers"


def test_the_document_has_ownerless_items_alone(spec: dict[str, Any]) -> None:
    described = operations(spec)
    read = described[("get", "/api/v1/items/{}")]["responses"]["200"]["content"]

    assert [path for _, path in described if path.startswith("/api/") and ITEMS not in path] == []
    assert set(resolve(spec, read["application/json"]["schema"])["properties"]) == ITEM_FIELDS


def test_a_production_start_warns_that_nothing_authenticates(live_server: LiveServer) -> None:
    lines = live_server.log_path.read_text().splitlines()  # a server run as in production
    found = [json.loads(x) for x in lines if x.startswith("{") and "no_authentication" in x]

    warned = [event["level"] for event in found if event["event"] == "no_authentication"]
    assert warned and set(warned) == {"warning"}, lines[:20]
