"""The floor: the least a server can do for "list my items" — Starlette, raw driver, no ORM.

It verifies the same HS256 access token (signature, expiry, issuer, audience, type) and
selects the same 20 rows from the same table, so the generated app's figures can be read
as ratios to this one. Runs in the generated project's interpreter (Starlette, PyJWT and
the database driver are already there), configured by BENCH_* environment variables.
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
SQL = (
    f"SELECT {', '.join(COLUMNS)} FROM items WHERE owner_id = {{0}} "
    "ORDER BY created_at DESC, id DESC LIMIT 20"
)
state: dict[str, Any] = {}


async def fetch(owner_id: int) -> Sequence[Sequence[Any]]:
    if DATABASE_URL.startswith("sqlite"):
        async with state["db"].execute(SQL.format("?"), (owner_id,)) as cursor:
            return list(await cursor.fetchall())
    rows = await state["db"].fetch(SQL.format("$1"), owner_id)
    return [tuple(row) for row in rows]


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
    page = [dict(zip(COLUMNS, map(encode, row), strict=True)) for row in rows]
    return json_response({"items": page, "limit": LIMIT, "offset": 0})


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
