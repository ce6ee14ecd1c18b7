"""The floor: the least a server can do for "list my items" — Starlette, raw driver, no ORM.

It does the work the generated app must do, and nothing more: it verifies the same HS256
access token (signature, expiry, issuer, audience, type), checks that the token's user still
exists and is active (the app reads that row on every request, so a deactivation acts at
once), and reads the same page with the same total (`count(*) OVER ()`, newest first). So
the generated app's figures can be read as ratios to this one. Runs in the generated
project's interpreter (Starlette, PyJWT and the database driver are already there),
configured by BENCH_* environment variables. The bench checks that both answer the same page.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DATABASE_URL = os.environ["BENCH_DATABASE_URL"]
SECRET = os.environ["BENCH_SECRET_KEY"]
ISSUER = os.environ["BENCH_JWT_ISSUER"]
AUDIENCE = os.environ["BENCH_JWT_AUDIENCE"]
LIMIT = 20
COLUMNS = ("id", "owner_id", "title", "description", "created_at", "updated_at")
CALLER = "SELECT is_active FROM users WHERE id = {0}"
PAGE = (
    f"SELECT {', '.join(COLUMNS)}, count(*) OVER () FROM items WHERE owner_id = {{0}} "
    "ORDER BY created_at DESC, id DESC LIMIT 20"
)
state: dict[str, Any] = {}


async def fetch(user_id: int) -> Sequence[Sequence[Any]] | None:
    """The caller's page, or None when the token's user is gone or deactivated."""
    if DATABASE_URL.startswith("sqlite"):
        db = state["db"]
        async with db.execute(CALLER.format("?"), (user_id,)) as cursor:
            caller = await cursor.fetchone()
        if caller is None or not caller[0]:
            return None
        async with db.execute(PAGE.format("?"), (user_id,)) as cursor:
            return list(await cursor.fetchall())
    async with state["db"].acquire() as connection:  # one connection, as the app's request
        if not await connection.fetchval(CALLER.format("$1"), user_id):
            return None
        return [tuple(row) for row in await connection.fetch(PAGE.format("$1"), user_id)]


def encode(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def json_response(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body).encode(), status, media_type="application/json")


async def items(request: Request) -> Response:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise jwt.InvalidTokenError
        claims = jwt.decode(
            token, SECRET, algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "iss", "aud", "typ", "jti"]},
        )  # fmt: skip
        if claims["typ"] != "access":
            raise jwt.InvalidTokenError
    except jwt.PyJWTError:
        return json_response({"detail": "invalid token"}, 401)
    rows = await fetch(int(claims["sub"]))
    if rows is None:
        return json_response({"detail": "invalid token"}, 401)
    page = [dict(zip(COLUMNS, map(encode, row[:-1]), strict=True)) for row in rows]
    total = rows[0][-1] if rows else 0
    return json_response({"items": page, "total": total, "limit": LIMIT, "offset": 0})


async def live(_request: Request) -> Response:
    return json_response({"status": "ok"})


@asynccontextmanager
async def lifespan(_app: Starlette) -> AsyncIterator[None]:
    if DATABASE_URL.startswith("sqlite"):
        import aiosqlite

        state["db"] = await aiosqlite.connect(DATABASE_URL.split("///", 1)[1])
    else:
        import asyncpg

        state["db"] = await asyncpg.create_pool(DATABASE_URL, min_size=1, max_size=10)
    yield
    await state["db"].close()


app = Starlette(
    routes=[Route("/health/live", live), Route("/api/v1/items", items)], lifespan=lifespan
)
