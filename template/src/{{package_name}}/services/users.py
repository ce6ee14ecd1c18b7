"""Profile changes for users, and account management for admins."""

from __future__ import annotations

import structlog

from ..core.exceptions import OwnAccountError, UserNotFoundError
from ..core.security import PasswordHasher
from ..models import User
from ..schemas.users import UserAdminUpdate, UserSelfUpdate
from .ports import UnitOfWorkFactory

log = structlog.get_logger(__name__)


class UserService:
    def __init__(self, *, uow: UnitOfWorkFactory, passwords: PasswordHasher) -> None:
        self._uow = uow
        self._passwords = passwords

    async def update_me(self, *, actor: User, data: UserSelfUpdate) -> User:
        async with self._uow() as uow:
            user = await uow.users.get(actor.id)
            if user is None:
                raise UserNotFoundError
            if "full_name" in data.model_fields_set:
                user.full_name = data.full_name
            if data.password is not None:
                user.hashed_password = await self._passwords.hash(data.password)
            await uow.users.save(user)
            await uow.commit()
        return user

    async def list_users(self, *, limit: int, offset: int) -> tuple[list[User], int]:
        async with self._uow() as uow:
            return await uow.users.list(limit=limit, offset=offset)

    async def admin_update(self, *, actor: User, user_id: int, data: UserAdminUpdate) -> User:
        """Another admin must do it: nobody locks the last admin out by mistake."""
        if user_id == actor.id and (data.role is not None or data.is_active is not None):
            raise OwnAccountError
        async with self._uow() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFoundError
            if data.role is not None:
                user.role = data.role
            if data.is_active is not None:
                user.is_active = data.is_active
            await uow.users.save(user)
            await uow.commit()
        log.info("user_changed_by_admin", admin_id=actor.id, user_id=user_id)
        return user
