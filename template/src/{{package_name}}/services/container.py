"""The services one application instance uses, assembled by `create_app`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from ..core.config import Settings
from .auth import AuthService
from .items import ItemService
from .ports import UnitOfWorkFactory
from .users import UserService


@dataclass(frozen=True, slots=True)
class Container:
    settings: Settings
    uow: UnitOfWorkFactory
    request_scope: Callable[[bool], AbstractAsyncContextManager[None]]  # arg: read only
    auth: AuthService
    users: UserService
    items: ItemService
    close: Callable[[], Awaitable[None]]
    warm_up: Callable[[], Awaitable[None]]
