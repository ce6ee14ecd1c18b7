"""Recognising the errors a database raises to let one of two concurrent writers win."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

MYSQL_DEADLOCK = 1213
POSTGRES_LOCK_CONFLICTS = frozenset({"40001", "40P01"})  # serialization failure, deadlock


def lost_lock_race(exc: DBAPIError) -> bool:
    """Whether the database aborted this statement to let a concurrent one win."""
    args: tuple[object, ...] = getattr(exc.orig, "args", ())
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return (bool(args) and args[0] == MYSQL_DEADLOCK) or code in POSTGRES_LOCK_CONFLICTS
