"""Input the document forbids is refused with a 422 problem on every database, never a 500.

Each rule here is one the fuzzer found when the server and its document disagreed.
"""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import API, assert_problem

ITEMS = f"{API}/items"
TOO_BIG = 2**63  # one past the largest 64-bit id


@pytest.mark.parametrize("item_id", [0, -1, TOO_BIG, -(2**70), 10**40])
async def test_an_id_no_row_can_have_is_422(
    client: httpx.AsyncClient, user_headers: dict[str, str], item_id: int
) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        body = {"title": "x"} if method == "PATCH" else None
        response = await client.request(
            method, f"{ITEMS}/{item_id}", json=body, headers=user_headers
        )
        problem = assert_problem(response, 422, "validation_failed")
        assert problem["errors"][0]["pointer"] == "#/path/item_id"


@pytest.mark.parametrize(
    "title",
    ["a\x00b", "\x0b", " \t\r\n", "", " " + "x" * 200],
    ids=["nul", "vertical-tab", "blanks", "empty", "too-long-before-trimming"],
)
async def test_titles_the_document_forbids_are_422(
    client: httpx.AsyncClient, user_headers: dict[str, str], title: str
) -> None:
    response = await client.post(ITEMS, json={"title": title}, headers=user_headers)
    assert_problem(response, 422, "validation_failed")


async def test_titles_are_trimmed_after_their_length_is_checked(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    title = "  " + "x" * 198
    response = await client.post(ITEMS, json={"title": title}, headers=user_headers)
    assert response.status_code == 201, response.text
    assert response.json()["title"] == "x" * 198


async def test_nul_in_a_description_is_422(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    response = await client.post(
        ITEMS, json={"title": "t", "description": "\x00"}, headers=user_headers
    )
    assert_problem(response, 422, "validation_failed")


async def test_a_lone_surrogate_is_422(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    headers = {**user_headers, "Content-Type": "application/json"}
    response = await client.post(ITEMS, content=b'{"title": "\\ud800"}', headers=headers)
    assert_problem(response, 422, "validation_failed")


async def test_an_unknown_query_parameter_is_422(
    client: httpx.AsyncClient, user_headers: dict[str, str]
) -> None:
    response = await client.get(ITEMS, params={"limt": "5"}, headers=user_headers)
    problem = assert_problem(response, 422, "validation_failed")
    assert problem["errors"] == [
        {"pointer": "#/query/limt", "detail": "This query parameter is not part of the operation."}
    ]


@pytest.mark.parametrize("query", [{"offset": "1000001"}, {"limit": "0"}, {"limit": "1e3"}])
async def test_absurd_paging_is_422(
    client: httpx.AsyncClient, user_headers: dict[str, str], query: dict[str, str]
) -> None:
    response = await client.get(ITEMS, params=query, headers=user_headers)
    assert_problem(response, 422, "validation_failed")


async def test_admins_cannot_demote_or_deactivate_themselves(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    me = (await client.get(f"{API}/users/me", headers=admin_headers)).json()
    for change in ({"role": "user"}, {"is_active": False}):
        response = await client.patch(f"{API}/users/{me['id']}", json=change, headers=admin_headers)
        assert_problem(response, 403, "own_account")
    assert (await client.get(f"{API}/users", headers=admin_headers)).status_code == 200
