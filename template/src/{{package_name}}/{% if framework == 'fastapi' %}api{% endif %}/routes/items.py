"""Items CRUD: owners see their own, admins see all; others' items answer 404."""

from __future__ import annotations

from fastapi import APIRouter, status

from ...schemas.common import Page
from ...schemas.items import ItemCreate, ItemRead, ItemUpdate
from ..dependencies import ContainerDep, CurrentUser, PageParams, ResourceId
from ..openapi import problems

router = APIRouter(prefix="/items", tags=["items"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_item(data: ItemCreate, user: CurrentUser, container: ContainerDep) -> ItemRead:
    item = await container.items.create(actor=user, data=data)
    return ItemRead.model_validate(item)


@router.get("")
async def list_items(
    user: CurrentUser, page: PageParams, container: ContainerDep
) -> Page[ItemRead]:
    items, total = await container.items.list(actor=user, limit=page.limit, offset=page.offset)
    return Page[ItemRead].of(items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{item_id}", responses=problems(404))
async def read_item(item_id: ResourceId, user: CurrentUser, container: ContainerDep) -> ItemRead:
    item = await container.items.get(actor=user, item_id=item_id)
    return ItemRead.model_validate(item)


@router.patch("/{item_id}", responses=problems(404))
async def update_item(
    item_id: ResourceId, data: ItemUpdate, user: CurrentUser, container: ContainerDep
) -> ItemRead:
    item = await container.items.update(actor=user, item_id=item_id, data=data)
    return ItemRead.model_validate(item)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problems(404))
async def delete_item(item_id: ResourceId, user: CurrentUser, container: ContainerDep) -> None:
    await container.items.delete(actor=user, item_id=item_id)
