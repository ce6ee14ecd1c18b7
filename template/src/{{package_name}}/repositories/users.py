"""Queries on users."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.exceptions import EmailTakenError
from ..models import User
from .paging import fetch_page


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)

    async def get_by_email(self, email: str) -> User | None:
        result = await self._session.scalars(select(User).where(User.email == email))
        return result.first()

    async def add(self, user: User) -> User:
        """Insert now so a duplicate e-mail fails here, race-free, on the unique index."""
        self._session.add(user)
        try:
            await self._session.flush()
        except IntegrityError:
            await self._session.rollback()
            raise EmailTakenError from None
        return user

    async def list(self, *, limit: int, offset: int) -> tuple[list[User], int]:
        query = select(User).order_by(User.id)
        return await fetch_page(self._session, query, limit=limit, offset=offset)

    async def save(self, user: User) -> None:
        await self._session.flush()
