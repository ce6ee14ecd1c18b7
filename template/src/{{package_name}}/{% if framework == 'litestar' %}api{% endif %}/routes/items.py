"""Items CRUD: owners see their own, admins see all; others' items answer 404."""

from __future__ import annotations

from litestar import Router, delete, get, patch, post
from litestar.params import JSONBody

from ...schemas.common import Page
from ...schemas.items import ItemCreate, ItemRead, ItemUpdate
from ..dependencies import CALLER, PAGE, ContainerDep, CurrentUser, PageParams, ResourceId
from ..openapi import CALLER_SECURITY, problems


@post("/")
async def create_item(
    data: JSONBody[ItemCreate], user: CurrentUser, container: ContainerDep
) -> ItemRead:
    item = await container.items.create(actor=user, data=data)
    return ItemRead.model_validate(item)


@get("/", dependencies=PAGE)
async def list_items(
    user: CurrentUser, page: PageParams, container: ContainerDep
) -> Page[ItemRead]:
    items, total = await container.items.list(actor=user, limit=page.limit, offset=page.offset)
    return Page[ItemRead].of(items, total=total, limit=page.limit, offset=page.offset)


@get("/{item_id:int}", responses=problems(404))
async def read_item(item_id: ResourceId, user: CurrentUser, container: ContainerDep) -> ItemRead:
    item = await container.items.get(actor=user, item_id=item_id)
    return ItemRead.model_validate(item)


@patch("/{item_id:int}", responses=problems(404))
async def update_item(
    item_id: ResourceId, data: JSONBody[ItemUpdate], user: CurrentUser, container: ContainerDep
) -> ItemRead:
    item = await container.items.update(actor=user, item_id=item_id, data=data)
    return ItemRead.model_validate(item)


@delete("/{item_id:int}", responses=problems(404))
async def delete_item(item_id: ResourceId, user: CurrentUser, container: ContainerDep) -> None:
    await container.items.delete(actor=user, item_id=item_id)


router = Router(
    "/items",
    route_handlers=[create_item, list_items, read_item, update_item, delete_item],
    dependencies=CALLER,
    security=CALLER_SECURITY,
    tags=["items"],
)
