"""Refresh token storage with an atomic, race-free consume."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import RefreshToken

MYSQL_DEADLOCK = 1213
POSTGRES_LOCK_CONFLICTS = frozenset({"40001", "40P01"})  # serialization failure, deadlock


def _lost_lock_race(exc: DBAPIError) -> bool:
    """Whether the database aborted this statement to let a concurrent one win."""
    args: tuple[object, ...] = getattr(exc.orig, "args", ())
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return (bool(args) and args[0] == MYSQL_DEADLOCK) or code in POSTGRES_LOCK_CONFLICTS


class SqlRefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: RefreshToken) -> None:
        self._session.add(token)
        await self._session.flush()

    async def find(self, token_hash: str) -> RefreshToken | None:
        result = await self._session.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        )
        return result.first()

    async def consume(self, *, token_hash: str, now: datetime) -> bool:
        """Mark a live token used in one conditional UPDATE: of concurrent callers one wins."""
        statement = (
            update(RefreshToken)
            .where(
                RefreshToken.token_hash == token_hash,
                RefreshToken.used_at.is_(None),
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > now,
            )
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        try:
            result = cast(CursorResult[tuple[()]], await self._session.execute(statement))
        except DBAPIError as exc:
            if not _lost_lock_race(exc):
                raise
            await self._session.rollback()  # InnoDB chose this caller as the deadlock victim
            return False
        return result.rowcount == 1

    async def revoke_family(self, *, family_id: str, now: datetime) -> None:
        await self._session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
