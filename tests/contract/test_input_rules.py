"""Input the document forbids is a 422 problem on every database and framework, never a 500."""

from __future__ import annotations

import pytest

from .api import Account, Api, assert_problem, pointers

pytestmark = pytest.mark.slow
ITEMS = "/api/v1/items"


@pytest.mark.parametrize("item_id", ["0", "-1", str(2**63), "-153440276013976190976", "1" * 40])
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_an_id_outside_positive_64_bits_is_422(
    api: Api, user: Account, method: str, item_id: str
) -> None:
    body = {"title": "x"} if method == "PATCH" else None
    response = api.client.request(method, f"{ITEMS}/{item_id}", json=body, headers=user.headers)
    assert_problem(response, 422)
    assert pointers(response) == ["#/path/item_id"]


@pytest.mark.parametrize(
    "payload",
    [
        b'{"title": "a\\u0000b"}',
        b'{"title": "t", "description": "\\u0000"}',
        b'{"title": "\\ud800"}',
        b'{"title": "\\u000b"}',
        b'{"title": " ' + b"x" * 200 + b'"}',
    ],
    ids=["nul-title", "nul-description", "lone-surrogate", "blank-title", "too-long-as-sent"],
)
def test_text_the_document_forbids_is_422(api: Api, user: Account, payload: bytes) -> None:
    headers = {**user.headers, "Content-Type": "application/json"}
    assert_problem(api.client.post(ITEMS, content=payload, headers=headers), 422)


def test_an_unknown_query_parameter_is_422(api: Api, user: Account) -> None:
    response = api.client.get(ITEMS, params={"limt": "5"}, headers=user.headers)
    assert_problem(response, 422)
    assert pointers(response) == ["#/query/limt"]


def test_a_title_is_trimmed_after_its_length_is_checked(api: Api, user: Account) -> None:
    created = api.create_item(user, " " + "x" * 198 + "\t")  # 200 as sent
    assert created["title"] == "x" * 198
