"""Queries on items; every list is scoped by owner unless the caller is an admin."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Item
from .paging import fetch_page


class SqlItemRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, item_id: int) -> Item | None:
        return await self._session.get(Item, item_id)

    async def add(self, item: Item) -> Item:
        self._session.add(item)
        await self._session.flush()
        return item

    async def list(
        self, *, owner_id: int | None, limit: int, offset: int
    ) -> tuple[list[Item], int]:
        query = select(Item)
        if owner_id is not None:
            query = query.where(Item.owner_id == owner_id)
        ordered = query.order_by(Item.created_at.desc(), Item.id.desc())
        return await fetch_page(self._session, ordered, limit=limit, offset=offset)

    async def save(self, item: Item) -> None:
        await self._session.flush()

    async def delete(self, item: Item) -> None:
        await self._session.delete(item)
        await self._session.flush()
