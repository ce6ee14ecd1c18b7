"""Session factories: one for requests that write, one for requests that only read.

A GET request on PostgreSQL runs its statements in autocommit: a read needs no explicit
transaction, and BEGIN plus ROLLBACK would be two more round trips per request. Each
statement still reads one consistent snapshot, as it would under READ COMMITTED. So that
nobody writes through such a session by mistake, a read-only session refuses every write.
Below them: which errors mean the database is unavailable, and closing a session after one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

READ_ONLY = "read_only"
# SQLSTATE classes of a server that cannot serve now: connection exception (08), insufficient
# resources (53), operator intervention: shutting down, starting up (57), system error (58)
UNAVAILABLE_SQLSTATE_CLASSES = frozenset({"08", "53", "57", "58"})


class ReadOnlySessionError(RuntimeError):
    """A safe request (GET, HEAD, OPTIONS) tried to write: that belongs in POST/PUT/PATCH/DELETE."""


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def create_read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that refuse writes; without BEGIN/ROLLBACK on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=False, info={READ_ONLY: True}
    )


def database_unavailable(error: BaseException) -> bool:
    """Whether `error` means the database cannot serve now, not that the statement is wrong.

    Down, unreachable, restarting, out of connections, or no pooled connection free in time:
    a client may retry later (503). Anything else (a constraint, a bad query) is a bug or a
    domain error and keeps its course. OSError covers refused and timed-out connects, which
    the drivers raise as they are; OperationalError is PEP 249's "not under the control of
    the programmer" (disconnects, lock waits, deadlocks; on MySQL and SQLite also a schema
    that lags the code, which a retry after `migrate` does cure).
    """
    if isinstance(error, OperationalError | InterfaceError | PoolTimeoutError | OSError):
        return True
    if not isinstance(error, DBAPIError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None)  # asyncpg names it; MySQL errors do not
    in_class = isinstance(sqlstate, str) and sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES
    return error.connection_invalidated or in_class


async def close_quietly(session: AsyncSession) -> None:
    """Close `session`; when its connection has died, discard the connection instead of raising.

    Closing rolls back, a round trip that fails once the database has gone away: raising then
    would turn the request's 503 (or the answer already sent) into a 500.
    """
    try:
        await session.close()
    except Exception as error:
        if not database_unavailable(error):
            raise
        await session.invalidate()  # the pool drops the connection and logs what it could not


@event.listens_for(Session, "before_flush")
def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlySessionError("this request only reads: it may not add or change rows")


@event.listens_for(Session, "do_orm_execute")
def _refuse_statement(state: ORMExecuteState) -> None:
    writes = state.is_insert or state.is_update or state.is_delete
    if writes and state.session.info.get(READ_ONLY):
        raise ReadOnlySessionError("this request only reads: it may not run INSERT/UPDATE/DELETE")
