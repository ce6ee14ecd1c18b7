"""The caller's own profile, and account management for admins."""

from __future__ import annotations

from ...models import User
from ...schemas.common import Page
from ...schemas.users import UserAdminUpdate, UserRead, UserSelfUpdate
from ..dependencies import PageQuery, container
from ..endpoints import Router

router = Router("/api/v1/users", "users")
UserPage = Page[UserRead]


@router.route("GET", "/me", status=200, access="user", response=UserRead)
def read_me(user: User) -> UserRead:
    return UserRead.model_validate(user)


@router.route(
    "PATCH",
    "/me",
    status=200,
    access="user",
    body=UserSelfUpdate,
    response=UserRead,
    problems=(403,),
)
def update_me(user: User, body: UserSelfUpdate) -> UserRead:
    return UserRead.model_validate(container().users.update_me(actor=user, data=body))


@router.route(
    "GET", "", status=200, access="admin", query=PageQuery, response=UserPage, problems=(403,)
)
def list_users(user: User, query: PageQuery) -> UserPage:
    page = query.page()
    users, total = container().users.list_users(limit=page.limit, offset=page.offset)
    return UserPage.of(users, total=total, limit=page.limit, offset=page.offset)


@router.route(
    "PATCH",
    "/{user_id}",
    status=200,
    access="admin",
    body=UserAdminUpdate,
    response=UserRead,
    problems=(403, 404),
)
def update_user(user: User, user_id: int, body: UserAdminUpdate) -> UserRead:
    updated = container().users.admin_update(actor=user, user_id=user_id, data=body)
    return UserRead.model_validate(updated)
