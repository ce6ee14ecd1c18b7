"""The engine and its pool, built from settings by the composition root.

Nothing here runs at import time: `create_app` decides when an engine exists,
so tests and CLI commands each get their own.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from ..core.config import Settings
from ..core.database_url import parse_database_url

SQLITE_BUSY_TIMEOUT_SECONDS = 15
CHECK_TIMEOUT_SECONDS = 10
IDLE_SINCE = "idle_since"


def create_engine(settings: Settings) -> AsyncEngine:
    url = parse_database_url(settings.database_url)
    options: dict[str, Any] = {"echo": settings.database.echo}
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
    else:
        pool = settings.database
        options.update(
            pool_size=pool.pool_size,
            max_overflow=pool.max_overflow,
            pool_timeout=pool.pool_timeout,
            pool_recycle=pool.pool_recycle,
            pool_pre_ping=pool.pool_pre_ping and pool.pool_ping_after == 0,
        )
    engine = create_async_engine(url, **options)
    if url.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    _connect_within(engine, settings.database.pool_timeout)
    if settings.database.pool_pre_ping and settings.database.pool_ping_after > 0:
        _ping_when_idle(engine, settings.database.pool_ping_after)
    return engine


def _connect_within(engine: AsyncEngine, seconds: float) -> None:
    """Give up opening a connection (TCP, TLS, handshake, login) after `seconds`.

    A server that accepts connections but never answers (hung, or a proxy before a dead
    one) would otherwise hold a request for a minute (asyncpg's default) or for ever
    (asyncmy's `connect_timeout` covers the TCP handshake only); with this bound an outage
    costs a request no more than a busy pool does. `async_creator_fn` is the hook behind
    SQLAlchemy's own `async_creator` option: the driver's `connect` is still the one called.
    """
    driver_connect = importlib.import_module(engine.dialect.driver).connect

    async def connect(*args: Any, **kwargs: Any) -> Any:
        async with asyncio.timeout(seconds):
            return await driver_connect(*args, **kwargs)

    def in_time(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        cparams["async_creator_fn"] = connect

    event.listen(engine.sync_engine, "do_connect", in_time)


def _ping_when_idle(engine: AsyncEngine, idle_seconds: float) -> None:
    """Pre-ping only connections that sat idle in the pool longer than `idle_seconds`.

    A dropped connection (database restart, idle timeout of a firewall) is found before a
    request uses it, as with `pool_pre_ping`; but a connection used moments ago is not
    pinged, since under load that ping would cost a round trip (three on asyncpg) per request.
    """

    def checked_in(_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info[IDLE_SINCE] = time.monotonic()

    def checked_out(
        connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        idle_since = record.info.pop(IDLE_SINCE, None)
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return  # new, or in use a moment ago
        try:
            engine.dialect.do_ping(connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError from exc  # the pool replaces it and checks out again

    event.listen(engine.sync_engine, "checkin", checked_in)
    event.listen(engine.sync_engine, "checkout", checked_out)


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """WAL lets readers work while one writer commits; SQLite leaves foreign keys off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


async def check_connection(settings: Settings) -> None:
    """Open one connection and run `SELECT 1`; raises what the driver raises."""
    engine = create_engine(settings)
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
