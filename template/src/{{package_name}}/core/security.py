"""Password hashing (argon2id) and token handling.

Hashing runs in worker threads: argon2 is deliberately slow, and doing it on
the event loop would stall every other request while a user logs in. Those
threads are few (one per usable core) and run at a lower priority, so a burst
of logins queues behind itself instead of taking the CPU from the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import secrets
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TypeVar

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from .config import SecuritySettings
from .exceptions import InvalidTokenError

ACCESS_TOKEN_TYPE = "access"  # noqa: S105
REQUIRED_CLAIMS = ["exp", "iat", "sub", "iss", "aud", "typ", "jti"]
R = TypeVar("R")
HASHING_NICENESS = 10  # argon2 lanes inherit it: the event loop keeps most of a busy core


def _usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _yield_to_event_loop() -> None:
    """Lower this hashing thread's priority (Linux sets niceness per thread)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


class PasswordHasher:
    """argon2id with tunable cost; tests lower the cost, production keeps the default."""

    def __init__(self, settings: SecuritySettings) -> None:
        hasher = Argon2Hasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )
        self._hash = PasswordHash((hasher,))
        self._dummy: str | None = None
        self._threads = ThreadPoolExecutor(
            _usable_cores(), thread_name_prefix="argon2", initializer=_yield_to_event_loop
        )

    async def _in_thread(self, function: Callable[[str], R], argument: str) -> R:
        return await asyncio.get_running_loop().run_in_executor(self._threads, function, argument)

    async def warm(self) -> None:
        """Make the decoy hash for unknown users; `create_app` starts this in the background
        (at production cost it takes a noticeable part of a second, so not on the start path)."""
        await self._decoy()

    async def _decoy(self) -> str:
        if self._dummy is None:
            self._dummy = await self._in_thread(self._hash.hash, secrets.token_urlsafe(16))
        return self._dummy

    async def hash(self, password: str) -> str:
        return await self._in_thread(self._hash.hash, password)

    async def verify(self, password: str, hashed: str | None) -> bool:
        """Check a password; with no hash, burn the same time so unknown users are not revealed."""
        target = hashed if hashed is not None else await self._decoy()
        valid = await self._in_thread(partial(self._hash.verify, password), target)
        return valid and hashed is not None


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: int
    role: str


class TokenCodec:
    """Issues and verifies short-lived JWT access tokens with a fixed algorithm allowlist."""

    def __init__(self, settings: SecuritySettings, signing_key: str) -> None:
        self._settings = settings
        self._key = signing_key
        self.access_ttl = timedelta(minutes=settings.access_token_minutes)

    def issue_access(self, *, user_id: int, role: str, now: datetime) -> str:
        claims = {
            "sub": str(user_id),
            "role": role,
            "typ": ACCESS_TOKEN_TYPE,
            "iss": self._settings.jwt_issuer,
            "aud": self._settings.jwt_audience,
            "iat": now,
            "exp": now + self.access_ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._key, algorithm=self._settings.jwt_algorithm)

    def decode_access(self, token: str) -> AccessClaims:
        """Verify signature, algorithm, expiry, issuer, audience and type; never echo why."""
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[self._settings.jwt_algorithm],
                audience=self._settings.jwt_audience,
                issuer=self._settings.jwt_issuer,
                options={"require": REQUIRED_CLAIMS},
            )
            if claims["typ"] != ACCESS_TOKEN_TYPE:
                raise InvalidTokenError
            return AccessClaims(user_id=int(claims["sub"]), role=str(claims.get("role", "")))
        except (jwt.PyJWTError, ValueError) as exc:
            raise InvalidTokenError from exc


def new_refresh_token() -> str:
    """An opaque, unguessable refresh token; only its hash is ever stored."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """SHA-256 is enough here: the token has 256 bits of entropy, so no salt or stretching."""
    return hashlib.sha256(token.encode()).hexdigest()
