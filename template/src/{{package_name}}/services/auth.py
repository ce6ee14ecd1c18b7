"""Registration, login, refresh rotation with reuse detection, logout, authentication."""

from __future__ import annotations

import uuid
from datetime import timedelta

import structlog

from ..core.exceptions import (
    InvalidCredentialsError,
    InvalidTokenError,
    TokenReuseError,
    TooManyLoginAttemptsError,
)
from ..core.security import PasswordHasher, TokenCodec, hash_token, new_refresh_token
from ..models import RefreshToken, User
from ..schemas.auth import TokenPair
from ..schemas.users import UserCreate
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .throttle import LoginThrottle

log = structlog.get_logger(__name__)


class AuthService:
    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        passwords: PasswordHasher,
        tokens: TokenCodec,
        throttle: LoginThrottle,
        refresh_ttl: timedelta,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._passwords = passwords
        self._tokens = tokens
        self._throttle = throttle
        self._refresh_ttl = refresh_ttl
        self._clock = clock

    async def register(self, data: UserCreate, *, role: str = "user") -> User:
        hashed = await self._passwords.hash(data.password)
        user = User(email=data.email, hashed_password=hashed, full_name=data.full_name, role=role)
        async with self._uow() as uow:
            await uow.users.add(user)
            await uow.commit()
        log.info("user_registered", user_id=user.id, role=role)
        return user

    async def login(self, *, email: str, password: str, client: str) -> TokenPair:
        """Same answer for unknown e-mail and wrong password; failures are throttled."""
        keys = (f"client:{client}", f"account:{email}")
        retry_after = self._throttle.retry_after(keys)
        if retry_after:
            log.warning("login_throttled", client=client)
            raise TooManyLoginAttemptsError(retry_after)
        async with self._uow() as uow:
            user = await uow.users.get_by_email(email)
            valid = await self._passwords.verify(password, user.hashed_password if user else None)
            if user is None or not valid or not user.is_active:
                self._throttle.record_failure(keys)
                log.warning("login_failed", client=client)
                raise InvalidCredentialsError
            pair = await self._issue(uow, user, family_id=uuid.uuid4().hex)
            await uow.commit()
        self._throttle.reset(keys[1])
        log.info("login_succeeded", user_id=user.id)
        return pair

    async def refresh(self, refresh_token: str) -> TokenPair:
        """Rotate a refresh token; replaying a used one revokes its whole family."""
        now = self._clock()
        token_hash = hash_token(refresh_token)
        async with self._uow() as uow:
            won = await uow.refresh_tokens.consume(token_hash=token_hash, now=now)
            record = await uow.refresh_tokens.find(token_hash)
            if record is None:
                raise InvalidTokenError
            if not won:
                if record.used_at is not None and record.revoked_at is None:
                    await uow.refresh_tokens.revoke_family(family_id=record.family_id, now=now)
                    await uow.commit()
                    log.warning("refresh_token_reused", user_id=record.user_id)
                    raise TokenReuseError
                raise InvalidTokenError
            user = await uow.users.get(record.user_id)
            if user is None or not user.is_active:
                raise InvalidTokenError
            pair = await self._issue(uow, user, family_id=record.family_id)
            await uow.commit()
        return pair

    async def logout(self, refresh_token: str) -> None:
        """Revoke the token's family; unknown tokens are ignored so logout never leaks."""
        async with self._uow() as uow:
            record = await uow.refresh_tokens.find(hash_token(refresh_token))
            if record is not None:
                await uow.refresh_tokens.revoke_family(
                    family_id=record.family_id, now=self._clock()
                )
                await uow.commit()
                log.info("logout", user_id=record.user_id)

    async def authenticate(self, access_token: str) -> User:
        claims = self._tokens.decode_access(access_token)
        async with self._uow() as uow:
            user = await uow.users.get(claims.user_id)
        if user is None or not user.is_active:
            raise InvalidTokenError
        return user

    async def _issue(self, uow: UnitOfWork, user: User, *, family_id: str) -> TokenPair:
        now = self._clock()
        raw = new_refresh_token()
        await uow.refresh_tokens.add(
            RefreshToken(
                user_id=user.id,
                family_id=family_id,
                token_hash=hash_token(raw),
                expires_at=now + self._refresh_ttl,
            )
        )
        access = self._tokens.issue_access(user_id=user.id, role=user.role, now=now)
        expires_in = int(self._tokens.access_ttl.total_seconds())
        return TokenPair(access_token=access, refresh_token=raw, expires_in=expires_in)
