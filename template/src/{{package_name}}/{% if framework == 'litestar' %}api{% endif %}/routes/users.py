"""The caller's own profile, and account management for admins."""

from __future__ import annotations

from litestar import Router, get, patch
from litestar.params import JSONBody

from ...schemas.common import Page
from ...schemas.users import UserAdminUpdate, UserRead, UserSelfUpdate
from ..dependencies import (
    ADMIN,
    CALLER,
    PAGE,
    AdminUser,
    ContainerDep,
    CurrentUser,
    PageParams,
    ResourceId,
)
from ..openapi import CALLER_SECURITY, problems


@get("/me")
async def read_me(user: CurrentUser) -> UserRead:
    return UserRead.model_validate(user)


@patch("/me", responses=problems(403))
async def update_me(
    data: JSONBody[UserSelfUpdate], user: CurrentUser, container: ContainerDep
) -> UserRead:
    updated = await container.users.update_me(actor=user, data=data)
    return UserRead.model_validate(updated)


@get("/", dependencies={**ADMIN, **PAGE}, responses=problems(403))
async def list_users(admin: AdminUser, page: PageParams, container: ContainerDep) -> Page[UserRead]:
    users, total = await container.users.list_users(limit=page.limit, offset=page.offset)
    return Page[UserRead].of(users, total=total, limit=page.limit, offset=page.offset)


@patch("/{user_id:int}", dependencies=ADMIN, responses=problems(403, 404))
async def update_user(
    user_id: ResourceId, data: JSONBody[UserAdminUpdate], admin: AdminUser, container: ContainerDep
) -> UserRead:
    updated = await container.users.admin_update(actor=admin, user_id=user_id, data=data)
    return UserRead.model_validate(updated)


router = Router(
    "/users",
    route_handlers=[read_me, update_me, list_users, update_user],
    dependencies=CALLER,
    security=CALLER_SECURITY,
    tags=["users"],
)
