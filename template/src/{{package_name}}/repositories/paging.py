"""Pages of rows with their total, in one round trip to the database."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")


async def fetch_page(
    session: AsyncSession, query: Select[T], *, limit: int, offset: int
) -> tuple[list[T], int]:
    """Each row carries the total as a window count, so no separate COUNT query is sent.

    Only a page past the end has no row to carry it: then the total is counted alone.
    """
    counted: Select[Any] = query.add_columns(func.count().over()).limit(limit).offset(offset)
    rows = (await session.execute(counted)).all()
    if rows:
        return [cast(T, row[0]) for row in rows], int(rows[0][1])
    if offset == 0:
        return [], 0
    matching = query.order_by(None).subquery()
    return [], await session.scalar(select(func.count()).select_from(matching)) or 0
