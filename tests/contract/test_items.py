"""Items: CRUD for their owner, pages of at most 100, invisible to others, visible to admins.

With auth=none every item is everyone's: the owner-free twins are in `test_no_auth.py`."""

from __future__ import annotations

from typing import Any

import pytest

from .api import Account, Api, assert_problem, pointers
from .styles import Style, users_only

pytestmark = pytest.mark.slow
ITEMS = "/api/v1/items"


def test_an_item_is_created_read_updated_and_deleted(api: Api, user: Account) -> None:
    created = api.create_item(user, "Write the contract", description="black-box")
    url = f"{ITEMS}/{created['id']}"
    assert (created["title"], created["description"]) == ("Write the contract", "black-box")

    read = api.client.get(url, headers=user.headers)
    updated = api.client.patch(url, json={"title": "Contract written"}, headers=user.headers)
    deleted = api.client.delete(url, headers=user.headers)

    assert read.status_code == 200 and read.json() == created
    assert updated.status_code == 200, updated.text
    assert updated.json()["title"] == "Contract written"
    assert updated.json()["description"] == "black-box"
    assert deleted.status_code == 204 and not deleted.content
    assert_problem(api.client.get(url, headers=user.headers), 404)


def test_the_description_is_optional(api: Api, user: Account) -> None:
    assert api.create_item(user, "Bare")["description"] is None


@pytest.mark.parametrize(
    ("payload", "pointer"),
    [({}, "#/title"), ({"title": ""}, "#/title"), ({"title": "x", "owner_id": 1}, "#/owner_id")],
)
def test_invalid_items_are_refused(
    api: Api, user: Account, payload: dict[str, Any], pointer: str
) -> None:
    response = api.client.post(ITEMS, json=payload, headers=user.headers)

    assert pointer in pointers(response)


@users_only  # a page of the caller's own items alone
def test_items_are_listed_in_pages(api: Api, user: Account) -> None:
    titles = [f"item {n}" for n in range(3)]
    for title in titles:
        api.create_item(user, title)

    first = api.client.get(ITEMS, params={"limit": 2, "offset": 0}, headers=user.headers).json()
    rest = api.client.get(ITEMS, params={"limit": 2, "offset": 2}, headers=user.headers).json()

    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (3, 2, 0, 2)
    assert (rest["total"], rest["limit"], rest["offset"], len(rest["items"])) == (3, 2, 2, 1)
    listed = [item["title"] for item in first["items"] + rest["items"]]
    assert sorted(listed) == titles


@users_only  # a new user has no items yet
def test_the_default_page_shape(api: Api, user: Account) -> None:
    response = api.client.get(ITEMS, headers=user.headers)

    assert response.status_code == 200
    page = response.json()
    assert page["items"] == [] and page["total"] == 0 and page["offset"] == 0
    assert 1 <= page["limit"] <= 100


@pytest.mark.parametrize(
    "params", [{"limit": 101}, {"limit": 0}, {"limit": -1}, {"offset": -1}, {"limit": "ten"}]
)
def test_page_parameters_are_bounded(api: Api, user: Account, params: dict[str, Any]) -> None:
    response = api.client.get(ITEMS, params=params, headers=user.headers)

    assert any(next(iter(params)) in pointer for pointer in pointers(response))


@users_only
def test_another_users_item_does_not_exist_for_them(
    api: Api, user: Account, other_user: Account
) -> None:
    item = api.create_item(user, "mine")
    url = f"{ITEMS}/{item['id']}"

    assert_problem(api.client.get(url, headers=other_user.headers), 404)
    assert_problem(api.client.patch(url, json={"title": "x"}, headers=other_user.headers), 404)
    assert_problem(api.client.delete(url, headers=other_user.headers), 404)
    assert api.client.get(ITEMS, headers=other_user.headers).json()["total"] == 0
    assert api.client.get(url, headers=user.headers).json() == item


@users_only
def test_others_items_look_like_missing_ones(api: Api, user: Account, other_user: Account) -> None:
    item = api.create_item(user, "mine")

    hidden = api.client.get(f"{ITEMS}/{item['id']}", headers=other_user.headers)
    missing = api.client.get(f"{ITEMS}/999999999", headers=other_user.headers)

    assert assert_problem(hidden, 404) == assert_problem(missing, 404)


@users_only
def test_admins_see_and_manage_everyones_items(
    api: Api, admin: Account, user: Account, other_user: Account
) -> None:
    ids = {api.create_item(user, "u")["id"], api.create_item(other_user, "o")["id"]}

    seen: set[int] = set()
    offset, total = 0, 1
    while offset < total:
        page = api.client.get(
            ITEMS, params={"limit": 100, "offset": offset}, headers=admin.headers
        ).json()
        seen |= {item["id"] for item in page["items"]}
        offset, total = offset + 100, page["total"]

    assert ids <= seen
    theirs = f"{ITEMS}/{min(ids)}"
    assert api.client.patch(theirs, json={"title": "moderated"}, headers=admin.headers).is_success
    assert api.client.delete(theirs, headers=admin.headers).status_code == 204


@users_only
def test_items_require_credentials(api: Api, style: Style) -> None:
    for headers in ({}, style.bad_credentials):
        response = api.client.get(ITEMS, headers=headers)

        assert_problem(response, 401)
        assert response.headers["www-authenticate"].lower().startswith(style.challenge)
