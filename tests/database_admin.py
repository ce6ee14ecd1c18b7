"""Runs SQL statements on a database server in AUTOCOMMIT, with a generated project's driver.

Run by a generated project's interpreter (`python tests/database_admin.py URL STATEMENT...`):
that interpreter has the project's driver and SQLAlchemy, and nothing of ours; the async
driver when the project was generated with one, else its sync one (Flask).
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Sequence

from sqlalchemy import URL, create_engine, make_url, text

# the project's own driver: the async one it was generated with, or the sync one (Flask)
DRIVERS = {"postgresql": ("asyncpg", "psycopg"), "mysql": ("asyncmy", "pymysql")}


async def run_async(server: URL, statements: Sequence[str]) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(server, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        for statement in statements:
            await connection.execute(text(statement))
    await engine.dispose()


def run(url: str, statements: Sequence[str]) -> None:
    server = make_url(url)
    backend = server.get_backend_name()
    async_driver, sync_driver = DRIVERS[backend]
    if not importlib.util.find_spec(sync_driver):  # the sync one first: a bench copy may have both
        asyncio.run(run_async(server.set(drivername=f"{backend}+{async_driver}"), statements))
        return
    engine = create_engine(
        server.set(drivername=f"{backend}+{sync_driver}"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2:])
