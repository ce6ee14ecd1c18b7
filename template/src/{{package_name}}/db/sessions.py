"""Session factories: one for requests that write, one for requests that only read.

A GET request on PostgreSQL runs its statements in autocommit: a read needs no explicit
transaction, and BEGIN plus ROLLBACK would be two more round trips per request. Each
statement still reads one consistent snapshot, as it would under READ COMMITTED. So that
nobody writes through such a session by mistake, a read-only session refuses every write.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

READ_ONLY = "read_only"


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


@event.listens_for(Session, "before_flush")
def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlySessionError("this request only reads: it may not add or change rows")


@event.listens_for(Session, "do_orm_execute")
def _refuse_statement(state: ORMExecuteState) -> None:
    writes = state.is_insert or state.is_update or state.is_delete
    if writes and state.session.info.get(READ_ONLY):
        raise ReadOnlySessionError("this request only reads: it may not run INSERT/UPDATE/DELETE")
