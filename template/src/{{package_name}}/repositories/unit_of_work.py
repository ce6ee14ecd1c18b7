"""The unit of work: one session, one transaction, committed only when a service says so."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Self

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..core.exceptions import ServiceUnavailableError
from ..db.sessions import close_quietly, database_unavailable
from .items import SqlItemRepository
from .refresh_tokens import SqlRefreshTokenRepository
from .users import SqlUserRepository

log = structlog.get_logger(__name__)
_shared_session: ContextVar[AsyncSession | None] = ContextVar("shared_session", default=None)


@asynccontextmanager
async def shared_session(
    session_factory: async_sessionmaker[AsyncSession], gate: asyncio.Semaphore, wait: float
) -> AsyncIterator[None]:
    """Let every unit of work in this scope (one request) use one session and connection.

    Authenticating and then serving a request would otherwise check a connection out of
    the pool twice, each checkout with its own transaction.
    `gate` (one slot per pooled connection) admits requests first come, first
    served: the pool itself lets newcomers overtake waiters, which under overload starves
    some requests past the pool timeout. What no unit committed is rolled back at the end.

    This is also where the database being unavailable (down, restarting, no connection in
    time) becomes `ServiceUnavailableError`, a 503 a client may retry, instead of a driver
    error that would be a 500: every statement of the request runs inside this scope.
    """
    try:
        async with asyncio.timeout(wait):
            await gate.acquire()
    except TimeoutError:
        raise ServiceUnavailableError from None
    session = session_factory()
    token = _shared_session.set(session)
    try:
        yield
    except Exception as error:
        if not database_unavailable(error):
            raise
        # the type alone: a driver's message may quote the statement and its parameters
        log.warning("database_unavailable", error=type(getattr(error, "orig", error)).__name__)
        raise ServiceUnavailableError from error
    finally:
        _shared_session.reset(token)
        try:
            await close_quietly(session)
        finally:
            gate.release()


class SqlUnitOfWork:
    """Leaving the block without `commit()` rolls everything back (at the end of the scope
    when the session is shared; at once when the block raises)."""

    users: SqlUserRepository
    items: SqlItemRepository
    refresh_tokens: SqlRefreshTokenRepository

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> Self:
        shared = _shared_session.get()
        self._owned = shared is None
        self._session = self._session_factory() if shared is None else shared
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
        if self._owned:
            # close() rolls back whatever was not committed, without expiring loaded objects
            await close_quietly(self._session)
        elif exc_type is not None and self._session.in_transaction():
            await self._session.rollback()  # if this fails, the scope reports it

    async def commit(self) -> None:
        await self._session.commit()

    async def ping(self) -> None:
        """One round trip, for the readiness probe."""
        await self._session.execute(text("SELECT 1"))
