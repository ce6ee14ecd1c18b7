"""Items over HTTP: CRUD, pagination, and other people's items answering 404."""

from __future__ import annotations

from typing import Any, cast

import httpx

from tests.helpers import API, assert_problem, signup


async def _create(client: httpx.AsyncClient, headers: dict[str, str], title: str) -> dict[str, Any]:
    response = await client.post(f"{API}/items", headers=headers, json={"title": title})
    assert response.status_code == 201, response.text
    return cast(dict[str, Any], response.json())


async def test_crud_round_trip(client: httpx.AsyncClient, user_headers: dict[str, str]) -> None:
    created = await _create(client, user_headers, "first")
    url = f"{API}/items/{created['id']}"
    assert (await client.get(url, headers=user_headers)).json() == created
    changed = await client.patch(url, headers=user_headers, json={"description": "more"})
    assert (changed.json()["title"], changed.json()["description"]) == ("first", "more")
    deleted = await client.delete(url, headers=user_headers)
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert_problem(await client.get(url, headers=user_headers), 404, "item_not_found")


async def test_title_can_change_but_not_be_removed(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    created = await _create(client, user_headers, "first")
    url = f"{API}/items/{created['id']}"
    response = await client.patch(url, headers=user_headers, json={"title": None})
    assert assert_problem(response, 422, "validation_failed")["errors"][0]["pointer"] == "#/title"


async def test_pagination_shape_and_order(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    for title in ("a", "b", "c"):
        await _create(client, user_headers, title)
    first = (await client.get(f"{API}/items?limit=2", headers=user_headers)).json()
    assert set(first) == {"items", "total", "limit", "offset"}
    assert [i["title"] for i in first["items"]] == ["c", "b"]  # newest first
    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    rest = (await client.get(f"{API}/items?limit=2&offset=2", headers=user_headers)).json()
    assert [i["title"] for i in rest["items"]] == ["a"]
    assert rest["total"] == 3
    past_the_end = (await client.get(f"{API}/items?offset=10", headers=user_headers)).json()
    assert (past_the_end["items"], past_the_end["total"]) == ([], 3)
    default = (await client.get(f"{API}/items", headers=user_headers)).json()
    assert default["limit"] == 20


async def test_page_size_is_capped(client: httpx.AsyncClient, user_headers: dict[str, str]) -> None:
    response = await client.get(f"{API}/items?limit=101", headers=user_headers)
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["pointer"] == "#/query/limit"


async def test_other_users_items_are_404_everywhere(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    theirs = await _create(client, await signup(client, "other@example.com"), "theirs")
    url = f"{API}/items/{theirs['id']}"
    for response in (
        await client.get(url, headers=user_headers),
        await client.patch(url, headers=user_headers, json={"title": "mine now"}),
        await client.delete(url, headers=user_headers),
    ):
        assert_problem(response, 404, "item_not_found")
    listing = (await client.get(f"{API}/items", headers=user_headers)).json()
    assert listing["total"] == 0


async def test_admin_sees_and_changes_all_items(
    client: httpx.AsyncClient, user_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    item = await _create(client, user_headers, "users")
    await _create(client, admin_headers, "admins")
    listing = (await client.get(f"{API}/items", headers=admin_headers)).json()
    assert {i["title"] for i in listing["items"]} == {"users", "admins"}
    url = f"{API}/items/{item['id']}"
    assert (await client.patch(url, headers=admin_headers, json={"title": "x"})).status_code == 200
    assert (await client.delete(url, headers=admin_headers)).status_code == 204


async def test_items_require_authentication(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get(f"{API}/items"), 401, "not_authenticated")
