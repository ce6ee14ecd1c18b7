"""The unit of work: one session, one transaction, committed only when a service says so."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .items import SqlItemRepository
from .refresh_tokens import SqlRefreshTokenRepository
from .users import SqlUserRepository


class SqlUnitOfWork:
    """Leaving the block without `commit()` rolls everything back."""

    users: SqlUserRepository
    items: SqlItemRepository
    refresh_tokens: SqlRefreshTokenRepository

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self.users = SqlUserRepository(self._session)
        self.items = SqlItemRepository(self._session)
        self.refresh_tokens = SqlRefreshTokenRepository(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed, without expiring loaded objects
        await self._session.close()

    async def commit(self) -> None:
        await self._session.commit()

    async def ping(self) -> None:
        """One round trip, for the readiness probe."""
        await self._session.execute(text("SELECT 1"))
