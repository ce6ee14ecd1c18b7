"""Items: owners see and change their own; admins see and change all."""

from __future__ import annotations

from ..core.exceptions import ItemNotFoundError
from ..models import Item, User
from ..schemas.items import ItemCreate, ItemUpdate
from .ports import UnitOfWork, UnitOfWorkFactory


class ItemService:
    def __init__(self, *, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def create(self, *, actor: User, data: ItemCreate) -> Item:
        async with self._uow() as uow:
            item = await uow.items.add(Item(owner_id=actor.id, **data.model_dump()))
            await uow.commit()
        return item

    async def list(self, *, actor: User, limit: int, offset: int) -> tuple[list[Item], int]:
        owner_id = None if actor.is_admin else actor.id
        async with self._uow() as uow:
            return await uow.items.list(owner_id=owner_id, limit=limit, offset=offset)

    async def get(self, *, actor: User, item_id: int) -> Item:
        async with self._uow() as uow:
            return await self._visible(uow, actor, item_id)

    async def update(self, *, actor: User, item_id: int, data: ItemUpdate) -> Item:
        async with self._uow() as uow:
            item = await self._visible(uow, actor, item_id)
            for field, value in data.model_dump(exclude_unset=True).items():
                setattr(item, field, value)
            await uow.items.save(item)
            await uow.commit()
        return item

    async def delete(self, *, actor: User, item_id: int) -> None:
        async with self._uow() as uow:
            item = await self._visible(uow, actor, item_id)
            await uow.items.delete(item)
            await uow.commit()

    @staticmethod
    async def _visible(uow: UnitOfWork, actor: User, item_id: int) -> Item:
        """Someone else's item is reported missing, not forbidden, so ids reveal nothing."""
        item = await uow.items.get(item_id)
        if item is None or (item.owner_id != actor.id and not actor.is_admin):
            raise ItemNotFoundError
        return item
