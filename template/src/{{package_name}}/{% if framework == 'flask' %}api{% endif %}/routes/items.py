"""Items CRUD: owners see their own, admins see all; others' items answer 404."""

from __future__ import annotations

from ...models import User
from ...schemas.common import Page
from ...schemas.items import ItemCreate, ItemRead, ItemUpdate
from ..dependencies import PageQuery, container
from ..endpoints import Router

router = Router("/api/v1/items", "items")
ItemPage = Page[ItemRead]


@router.route("POST", "", status=201, access="user", body=ItemCreate, response=ItemRead)
def create_item(user: User, body: ItemCreate) -> ItemRead:
    return ItemRead.model_validate(container().items.create(actor=user, data=body))


@router.route("GET", "", status=200, access="user", query=PageQuery, response=ItemPage)
def list_items(user: User, query: PageQuery) -> ItemPage:
    page = query.page()
    items, total = container().items.list(actor=user, limit=page.limit, offset=page.offset)
    return ItemPage.of(items, total=total, limit=page.limit, offset=page.offset)


@router.route("GET", "/{item_id}", status=200, access="user", response=ItemRead, problems=(404,))
def read_item(user: User, item_id: int) -> ItemRead:
    return ItemRead.model_validate(container().items.get(actor=user, item_id=item_id))


@router.route(
    "PATCH",
    "/{item_id}",
    status=200,
    access="user",
    body=ItemUpdate,
    response=ItemRead,
    problems=(404,),
)
def update_item(user: User, item_id: int, body: ItemUpdate) -> ItemRead:
    item = container().items.update(actor=user, item_id=item_id, data=body)
    return ItemRead.model_validate(item)


@router.route("DELETE", "/{item_id}", status=204, access="user", problems=(404,))
def delete_item(user: User, item_id: int) -> None:
    container().items.delete(actor=user, item_id=item_id)
