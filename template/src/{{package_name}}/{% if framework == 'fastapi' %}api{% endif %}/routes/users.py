"""The caller's own profile, and account management for admins."""

from __future__ import annotations

from fastapi import APIRouter

from ...schemas.common import Page
from ...schemas.users import UserAdminUpdate, UserRead, UserSelfUpdate
from ..dependencies import AdminUser, ContainerDep, CurrentUser, PageParams, ResourceId
from ..openapi import problems

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me")
async def read_me(user: CurrentUser) -> UserRead:
    return UserRead.model_validate(user)


@router.patch("/me", responses=problems(403))
async def update_me(data: UserSelfUpdate, user: CurrentUser, container: ContainerDep) -> UserRead:
    updated = await container.users.update_me(actor=user, data=data)
    return UserRead.model_validate(updated)


@router.get("", responses=problems(403))
async def list_users(admin: AdminUser, page: PageParams, container: ContainerDep) -> Page[UserRead]:
    users, total = await container.users.list_users(limit=page.limit, offset=page.offset)
    return Page[UserRead].of(users, total=total, limit=page.limit, offset=page.offset)


@router.patch("/{user_id}", responses=problems(403, 404))
async def update_user(
    user_id: ResourceId, data: UserAdminUpdate, admin: AdminUser, container: ContainerDep
) -> UserRead:
    updated = await container.users.admin_update(actor=admin, user_id=user_id, data=data)
    return UserRead.model_validate(updated)
